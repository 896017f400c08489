"""Each mistake a writer can make in data/ or a page is caught with a message
naming file, line and field and saying what was expected."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

import pytest

from conftest import ROOT, copy_project
from otsite.loading import load_site
from otsite.problems import DataError, Problem

TODAY = max(date.today(), date(2026, 11, 28))  # no earlier than the shipped pages' dates
TOMORROW = TODAY + timedelta(days=1)


@dataclass(frozen=True)
class Mistake:
    """A change to one file, and the message it must produce (with {line} of `marker` filled in)."""

    file: str
    change: Callable[[str], str] | bytes
    marker: str | None
    message: str


def replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, f"{old!r} not found"
        return text.replace(old, new, 1)
    return change


def resub(pattern: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        changed, count = re.subn(pattern, new, text, count=1)
        assert count, f"{pattern!r} not found"
        return changed
    return change


MISTAKES = {
    "yaml-syntax": Mistake("data/services.yml", replace("  - slug: hand-therapy", "  - slug: [hand-therapy"),
                           "[hand-therapy", "data/services.yml:{line}: the bracket [ that opens a list here is never closed"),
    "tab-indent": Mistake("data/clinics.yml", replace("    name: Hillcrest Occupational Therapy", "\tname: Hillcrest Occupational Therapy"),
                          "Hillcrest Occupational", "data/clinics.yml:{line}: a tab character is used for indenting"),
    "empty-file": Mistake("data/glossary.yml", lambda text: "", None, "data/glossary.yml:1: the file is empty (expected YAML data)"),
    "not-utf8": Mistake("data/services.yml", "services:\n  - slug: caf\xe9\n".encode("latin-1"), None,
                        "data/services.yml:2: the file is not saved as UTF-8 text: byte 0xE9 at line 2, column 14 is not UTF-8"),
    "not-utf8-page": Mistake("docs/what-is-ot.md", lambda text: text + "\nA caf\udce9 menu.\n", None,
                             "docs/what-is-ot.md:{last_line}: the file is not saved as UTF-8 text: byte 0xE9 at line {last_line}, column 6"),
    "unknown-key": Mistake("data/conditions.yml", replace("    services: [hand-therapy]\n    specialists: [OTR, CHT]\n    related: [tendonitis, dupuytrens-disease",
                                                          "    servics: [hand-therapy]\n    specialists: [OTR, CHT]\n    related: [tendonitis, dupuytrens-disease"),
                           "servics:", "data/conditions.yml:{line}: conditions[12].servics: unknown field 'servics' (did you mean 'services'?"),
    "missing-field": Mistake("data/services.yml", replace("    summary: Ways and tools to keep doing daily tasks when your eyesight is poor.\n", ""),
                             "slug: low-vision-rehabilitation", "data/services.yml:{line}: services[6].summary: this required field is missing (expected one plain sentence)"),
    "wrong-type": Mistake("data/clinics.yml", replace("    languages: [English, Spanish, Vietnamese]", "    languages: English"),
                          "languages: English", 'data/clinics.yml:{line}: clinics[1].languages: expected a list (the languages staff speak), got "English"'),
    "duplicate-slug": Mistake("data/conditions.yml", replace("  - slug: ataxia", "  - slug: stroke"),
                              "- slug: stroke\n", "conditions[5].slug: 'stroke' is used more than once (expected each slug to be unique)"),
    "unknown-condition": Mistake("data/conditions.yml", replace("related: [stroke, parkinsons-disease]", "related: [strok, parkinsons-disease]"),
                                 "[strok,", "data/conditions.yml:{line}: conditions[2].related[0]: 'strok' is not one of the conditions (did you mean 'stroke'? expected one of:"),
    "unknown-service": Mistake("data/clinics.yml", replace("services: [hand-therapy]\n", "services: [hand-therapie]\n"),
                               "[hand-therapie]", "data/clinics.yml:{line}: clinics[6].services[0]: 'hand-therapie' is not one of the services (did you mean 'hand-therapy'? expected one of:"),
    "unknown-glossary-term": Mistake("data/conditions.yml", replace("    specialists: [OTR, COTA]", "    specialists: [OTR, COTTA]"),
                                     "[OTR, COTTA]", "data/conditions.yml:{line}: conditions[2].specialists[1]: 'COTTA' is not one of the glossary terms (did you mean 'COTA'? expected one of:"),
    "bad-phone": Mistake("data/clinics.yml", replace('phone: "(619) 555-0102"', 'phone: "555-0102"'),
                         'phone: "555-0102"', 'data/clinics.yml:{line}: clinics[1].phone: expected a US phone number like (619) 555-0100, got "555-0102"'),
    "zip-does-not-exist": Mistake("data/clinics.yml", replace('zip: "92103"', 'zip: "99999"'),
                                  'zip: "99999"', "data/clinics.yml:{line}: clinics[1].address.zip: ZIP code 99999 does not exist (expected a real US ZIP code)"),
    "zip-wrong-state": Mistake("data/clinics.yml", replace("      state: CA\n      zip: \"92103\"", "      state: NV\n      zip: \"92103\""),
                               "state: NV", "data/clinics.yml:{line}: clinics[1].address.state: ZIP code 92103 is in CA (expected state CA, got NV)"),
    "latitude-out-of-range": Mistake("data/clinics.yml", replace("{lat: 32.7466, lon: -117.1636}", "{lat: 132.7466, lon: -117.1636}"),
                                     "lat: 132.7466", "data/clinics.yml:{line}: clinics[1].coordinates.lat: expected a latitude between -90 and 90, got 132.7466"),
    "far-from-zip": Mistake("data/clinics.yml", replace("{lat: 32.7466, lon: -117.1636}", "{lat: 32.7466, lon: 117.1636}"),
                            "lon: 117.1636", "data/clinics.yml:{line}: clinics[1].coordinates: the position is"),
    "closes-before-opens": Mistake("data/clinics.yml", replace('      sat: "09:00-13:00"', '      sat: "13:00-09:00"'),
                                   '"13:00-09:00"', "data/clinics.yml:{line}: clinics[2].hours.sat: closes at 09:00 before it opens at 13:00"),
    "unknown-day": Mistake("data/clinics.yml", replace('      sat: "09:00-13:00"', '      saturday: "09:00-13:00"'),
                           "saturday:", "data/clinics.yml:{line}: clinics[2].hours.saturday: unknown field 'saturday' (expected one of: mon, tue, wed, thu, fri, sat, sun)"),
    "review-in-future": Mistake("docs/children.md", resub(r"  written: [0-9-]+", f"  written: {TOMORROW}"),
                                f"written: {TOMORROW}", f"docs/children.md:{{line}}: review.written: expected a date no later than today ({TODAY}), got {TOMORROW}"),
    "next-review-before-last": Mistake("docs/children.md", resub(r"  written: [0-9-]+\n  next_review: [0-9-]+", "  written: 2026-11-01\n  next_review: 2026-06-01"),
                                       "next_review: 2026", "docs/children.md:{line}: review.next_review: expected a date after written (2026-11-01), got 2026-06-01"),
    "front-matter-typo": Mistake("docs/children.md", replace("  status: draft", "  statu: draft"),
                                 "statu:", "docs/children.md:{line}: review.statu: unknown field 'statu' (did you mean 'status'?"),
    "repeated-key": Mistake("data/clinics.yml", replace('      sat: "09:00-13:00"', '      sat: "09:00-13:00"\n      mon: "09:00-10:00"'),
                            'mon: "09:00-10:00"', "data/clinics.yml:{line}: clinics[2].hours.mon: the field 'mon' appears more than once here"),
    "abbreviation-without-meaning": Mistake("data/glossary.yml", replace("    stands_for: Certified Hand Therapist\n", ""),
                                            "term: CHT", "data/glossary.yml:{line}: terms[2].stands_for: this required field is missing (expected what the abbreviation stands for)"),
    "heading-in-condition-prose": Mistake("docs/conditions/ataxia.md", replace("\n## What it is", "\n# Ataxia\n\n## What it is"),
                                          "# Ataxia", "docs/conditions/ataxia.md:{line}: a condition page gets its title from data/conditions.yml"),
    "script-tag": Mistake("docs/what-is-ot.md", replace("\n## ", "\n<script>alert(1)</script>\n\n## "),
                          "<script>", "docs/what-is-ot.md:{line}: raw HTML <script> is not allowed"),
    "event-handler": Mistake("docs/what-is-ot.md", replace("\n## ", "\n<img src=x onerror=alert(1)>\n\n## "),
                             "onerror", "docs/what-is-ot.md:{line}: the HTML attribute onerror= on <img> could run code"),
    "javascript-link": Mistake("docs/what-is-ot.md", replace("\n## ", "\n[Click me](javascript:alert(1))\n\n## "),
                               "[Click me]", "docs/what-is-ot.md:{line}: a link to 'javascript:alert(1)' could run code"),
    "javascript-href": Mistake("docs/what-is-ot.md", replace("\n## ", "\n<a href=\" JavaScript:alert(1)\">x</a>\n\n## "),
                               "JavaScript:", "docs/what-is-ot.md:{line}: a link to ' JavaScript:alert(1)' could run code"),
    "iframe": Mistake("docs/what-is-ot.md", replace("\n## ", "\n<iframe src=\"https://example.org\"></iframe>\n\n## "),
                      "<iframe", "docs/what-is-ot.md:{line}: raw HTML <iframe> is not allowed"),
    "object": Mistake("docs/what-is-ot.md", replace("\n## ", "\n<object data=\"x.swf\"></object>\n\n## "),
                      "<object", "docs/what-is-ot.md:{line}: raw HTML <object> is not allowed"),
    "embed": Mistake("docs/what-is-ot.md", replace("\n## ", "\n<embed src=\"x.swf\">\n\n## "),
                     "<embed", "docs/what-is-ot.md:{line}: raw HTML <embed> is not allowed"),
    "form": Mistake("docs/what-is-ot.md", replace("\n## ", "\n<form action=\"https://example.org\"><input name=q></form>\n\n## "),
                    "<form", "docs/what-is-ot.md:{line}: raw HTML <form> is not allowed"),
}


def apply(project: Path, mistake: Mistake) -> str:
    """Make the mistake in the project copy; return the message with its line filled in."""
    path = project / mistake.file
    if isinstance(mistake.change, bytes):
        path.write_bytes(mistake.change)
    else:  # lone surrogates (\udce9) become the raw byte they stand for (0xE9), which is not UTF-8
        path.write_bytes(mistake.change(path.read_text(encoding="utf-8")).encode("utf-8", errors="surrogateescape"))
    if mistake.marker is None:
        return mistake.message.format(last_line=path.read_bytes().rstrip(b"\n").count(b"\n") + 1)
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(mistake.marker)].count("\n") + 1
    return mistake.message.format(line=line, line_after=line + 1)


def problems_of(project: Path, **options: object) -> list[Problem]:
    try:
        load_site(project, today=TODAY, **options)  # type: ignore[arg-type]
    except DataError as error:
        return error.problems
    return []


def problems_beyond_shipped(project: Path, **options: object) -> list[Problem]:
    """The problems of `project` that the shipped project (possibly mid-edit by a writer) does not have."""
    shipped = set(problems_of(ROOT, **options))
    return [p for p in problems_of(project, **options) if p not in shipped]


@pytest.mark.parametrize("name", MISTAKES)
def test_mistake_is_reported_with_file_line_and_field(tmp_path: Path, name: str) -> None:
    project = copy_project(tmp_path / "project")
    expected = apply(project, MISTAKES[name])
    with pytest.raises(DataError) as caught:
        load_site(project, today=TODAY)
    report = caught.value.report()
    if name == "yaml-syntax":  # the parser notices on the bad line or the next one
        expected_on_line = expected.replace("{line_after}", "")
        assert expected in report or expected_on_line in report or expected.replace(
            f":{int(expected.split(':')[1])}:", f":{int(expected.split(':')[1]) - 1}:") in report, report
    else:
        assert expected in report, report


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for name in ("bad-phone", "unknown-condition", "unknown-glossary-term", "review-in-future", "script-tag", "zip-does-not-exist"):
        apply(project, MISTAKES[name])
    found = problems_beyond_shipped(project)
    fields = {p.field for p in found}
    assert {"clinics[1].phone", "conditions[2].related[0]", "conditions[2].specialists[1]", "review.written"} <= fields
    assert any("<script>" in p.message for p in found)
    assert len(found) == 6, found


def test_prose_page_without_condition_is_reported(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "conditions" / "gout.md").write_text((project / "docs" / "conditions" / "ataxia.md").read_text())
    with pytest.raises(DataError) as caught:
        load_site(project, today=TODAY)
    assert "docs/conditions/gout.md: this page has no condition in data/conditions.yml (expected a condition with slug 'gout')" in caught.value.report()


def test_overdue_review_is_a_warning_unless_it_must_fail(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    text = (project / "docs" / "what-is-ot.md").read_text()
    due = date.fromisoformat(re.search(r"next_review: ([0-9-]+)", text).group(1))
    later = date(due.year + 1, 1, 1)
    line = text[: text.index("next_review:")].count("\n") + 1
    with pytest.raises(DataError) as caught:
        load_site(project, today=later, reminders_fail=True)
    assert f"docs/what-is-ot.md:{line}: review.next_review: the review was due on {due}" in caught.value.report()
    site = load_site(project, today=later)
    assert any(str(w).startswith(f"docs/what-is-ot.md:{line}: review.next_review: the review was due") for w in site.warnings)


def test_pages_saved_on_windows_are_read(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "what-is-ot.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes().replace(b"\n", b"\r\n"))  # a BOM and CRLF line ends
    assert problems_beyond_shipped(project) == []


def test_harmless_html_and_code_examples_are_allowed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "what-is-ot.md"
    page.write_text(page.read_text() + "\nLine one<br>\nline two. Type `<script>` to see code.\n\n```html\n<script>alert(1)</script>\n```\n")
    assert problems_beyond_shipped(project) == []
