"""Unit tests of the core (hooks/otsite): loading, checking and rendering, no MkDocs."""
from __future__ import annotations

import shutil
from html import unescape
from datetime import date
from pathlib import Path

import markdown
import pytest
from markupsafe import Markup

from conftest import ROOT, copy_project, load_data
from otsite.loading import load_site
from otsite.markdown_text import escape_markdown
from otsite.model import Site
from otsite.problems import DataError, Problem
from otsite.rendering import _time12, condition_page, generated_pages, with_help_box
from otsite.schema_check import check_against_schema
from otsite.yaml_source import field_name, parse_yaml, read_yaml

# The Markdown extensions mkdocs.yml enables, to check what generated Markdown becomes.
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]
PAYLOAD = "<img src=x onerror=alert(1)> [click](javascript:alert(2)) *bold*"


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(ROOT, today=date(2026, 12, 7))


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def test_yaml_keeps_line_of_every_value() -> None:
    document, problems = parse_yaml("items:\n  - slug: a\n    name: A\n  - slug: b\n", "data/x.yml")
    assert problems == []
    assert document.line_of(("items", 1, "slug")) == 4
    assert document.line_of(("items", 0, "name")) == 3
    assert document.line_of(("items", 1, "missing")) == 4  # falls back to the parent


def test_yaml_dates_stay_text() -> None:
    document, _ = parse_yaml("when: 2026-11-27\n", "x.yml")
    assert document.data == {"when": "2026-11-27"}


@pytest.mark.parametrize("text, line, words", [
    ("a: 1\nb: [1, 2\n", 2, "the bracket [ that opens a list here is never closed"),  # the line the list opens on
    ("a:\n\tb: 1\n", 2, "tab character"),
    ("", 1, "empty"),
    ("# only a comment\n", 1, "empty"),
])
def test_yaml_problems_are_located(text: str, line: int, words: str) -> None:
    document, problems = parse_yaml(text, "data/x.yml")
    assert document is None and len(problems) == 1
    assert problems[0].line == line and words in problems[0].message


def test_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes("name: Caf\u00e9\n".encode("latin-1"))
    _, problems = read_yaml(path, "data/x.yml")
    assert "not saved as UTF-8" in problems[0].message


def test_schema_messages_say_what_was_expected() -> None:
    document, _ = parse_yaml("services:\n  - slug: Hand Therapy\n    name: x\n    summary: y\n    extra: 1\n", "data/services.yml")
    problems = {p.field: p for p in check_against_schema(document, "services", "data/services.yml")}
    assert problems["services[0].slug"].line == 2
    assert "expected a slug" in problems["services[0].slug"].message and '"Hand Therapy"' in problems["services[0].slug"].message
    assert problems["services[0].extra"].line == 5 and "unknown field" in problems["services[0].extra"].message


def test_problem_and_error_formats() -> None:
    problem = Problem("data/clinics.yml", 42, "clinics[3].phone", "expected x, got y")
    assert str(problem) == "data/clinics.yml:42: clinics[3].phone: expected x, got y"
    error = DataError([problem, problem])
    assert error.report() == "Found 1 problem in the site's content:\n  data/clinics.yml:42: clinics[3].phone: expected x, got y"
    assert field_name(("clinics", 3, "hours", "mon")) == "clinics[3].hours.mon"


def test_load_site_reads_all_data(site: Site) -> None:
    assert len(site.conditions) == len(load_data("conditions")["conditions"]) >= 19 and len(site.clinics) >= 10
    assert site.sample_clinics == site.clinics  # every shipped clinic is sample data for now
    assert site.abbreviations()["CHT"] == "Certified Hand Therapist"
    hand = {c.slug for c in site.clinics_offering("hand-therapy")}
    assert hand == {c.slug for c in site.clinics if "hand-therapy" in c.services} and hand


def test_load_site_reports_every_problem_at_once(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    clinics = project / "data" / "clinics.yml"
    text = clinics.read_text().replace('zip: "92101"', 'zip: "9210"').replace('mon: "09:00-18:00"', 'mon: "18:00-09:00"', 1)
    clinics.write_text(text)
    shutil.copy(project / "docs" / "conditions" / "ataxia.md", project / "docs" / "conditions" / "orphan.md")
    with pytest.raises(DataError) as caught:
        load_site(project, today=date(2026, 11, 28))
    messages = [str(p) for p in caught.value.problems]
    assert any("clinics[0].address.zip: expected a five-digit ZIP code" in m for m in messages)
    # Cross-checks wait until the files have the right shape: fix the ZIP and run again.
    clinics.write_text(text.replace('zip: "9210"', 'zip: "92101"'))
    with pytest.raises(DataError) as caught:
        load_site(project, today=date(2026, 11, 28))
    messages = [str(p) for p in caught.value.problems]
    assert any("clinics[1].hours.mon: closes at 09:00 before it opens at 18:00" in m for m in messages)
    assert any(m.startswith("docs/conditions/orphan.md: this page has no condition") for m in messages)


def test_review_in_the_future_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    with pytest.raises(DataError) as caught:
        load_site(project, today=date(2026, 1, 1))
    assert any(p.field == "review.written" and "no later than today" in p.message for p in caught.value.problems)


def test_escape_markdown_leaves_nothing_runnable() -> None:
    html = to_html(escape_markdown(PAYLOAD))
    assert "<img" not in html and "<a " not in html and "<em>" not in html
    assert unescape(html) == f"<p>{PAYLOAD}</p>"  # shown to the reader exactly as written


def test_condition_page_wraps_prose_with_facts(site: Site) -> None:
    text = condition_page(site, "carpal-tunnel-syndrome", "Writer's prose.\n", {"routine": ["See your doctor."]})
    assert text.startswith("# Carpal tunnel syndrome\n")
    assert "<dt>Also known as</dt>\n<dd>CTS, carpal tunnel" in text
    assert "carpel tunnel" not in text and "Sometimes spelled" not in text  # misspellings are search words only
    assert '<a href="#clinics-hand-therapy">Hand therapy</a>' in text
    assert text.index("Writer's prose.") < text.index("When to get help") < text.index("Where to get this care")
    for clinic in site.clinics_offering("hand-therapy"):  # finished HTML: links as MkDocs writes them
        assert f'href="../../clinics/{clinic.slug}/"' in text


def test_condition_page_holds_its_finished_html_out_of_the_markdown(site: Site) -> None:
    held: list[str] = []
    text = condition_page(site, "carpal-tunnel-syndrome", "Writer's prose.\n", {}, hold=lambda html: held.append(html) or Markup(f"HELD{len(held)}"))
    in_place = condition_page(site, "carpal-tunnel-syndrome", "Writer's prose.\n", {})
    assert len(held) == 2 + len(site.condition("carpal-tunnel-syndrome").services)  # facts, each service's clinics, related
    assert "<dd>" not in text and "<li>" not in text and "Writer's prose." in text
    for number, html in enumerate(held, start=1):
        assert f"\n\nHELD{number}\n\n" in text, "each on its own line: Markdown gives it a paragraph of its own"
        text = text.replace(f"HELD{number}", html)
    assert text == in_place


def test_untrusted_data_is_escaped_in_every_generated_page(site: Site) -> None:
    clinic = site.clinics[0]
    # A real clinic (sample_data false), so its schema.org data and directions link are rendered too.
    evil_clinic = type(clinic)(**{**clinic.__dict__, "name": PAYLOAD, "languages": (PAYLOAD,), "accessibility": (PAYLOAD,),
                                  "sample_data": False})
    credential = site.credentials[0]
    evil_credential = type(credential)(**{**credential.__dict__, "name": PAYLOAD, "summary": PAYLOAD, "finder_filter": PAYLOAD})
    condition = site.conditions[0]
    evil_condition = type(condition)(**{**condition.__dict__, "name": PAYLOAD, "aliases": (PAYLOAD,), "summary": PAYLOAD})
    evil = Site(kinds=site.kinds, body_areas=site.body_areas, age_groups=site.age_groups, services=site.services,
                conditions=(evil_condition, *site.conditions[1:]), clinics=(evil_clinic, *site.clinics[1:]),
                glossary=site.glossary, credentials=(evil_credential, *site.credentials[1:]))
    pages = generated_pages(evil)
    pages["condition"] = condition_page(evil, condition.slug, "prose", {"urgent": [PAYLOAD]})
    for path, text in pages.items():
        html = to_html(text.split("---\n", 2)[-1])
        assert "<img" not in html and 'href="javascript' not in html, path


def test_help_box_lists_levels_most_serious_first() -> None:
    text = with_help_box("Prose.", {"routine": ["See a doctor."], "emergency": ["Call 911 now."]})
    assert text.index("Call 911 now.") < text.index("See a doctor.")
    html = to_html(text)
    assert 'class="admonition danger ot-help-emergency"' in html and 'class="admonition info ot-help-routine"' in html
    assert with_help_box("Prose.", {}) == "Prose."


@pytest.mark.parametrize("hhmm, spoken", [("08:00", "8:00 am"), ("12:30", "12:30 pm"), ("00:15", "12:15 am"), ("24:00", "12:00 am"), ("17:05", "5:05 pm")])
def test_time12(hhmm: str, spoken: str) -> None:
    assert _time12(hhmm) == spoken
