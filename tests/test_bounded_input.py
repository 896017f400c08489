"""Input that used to crash, stall or slip past the checks gets a file:line message
(issue 11): links out of the project, YAML aliases, .nan, unknown time zones, bad
hours, near-duplicate glossary terms, pages at generated addresses, pages the
checks never read, and output folders that cannot be written."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build
from otsite.loading import load_site
from otsite.problems import DataError, Problem
from test_writer_checks import TODAY


def problems_beyond_shipped(project: Path) -> list[str]:
    """The messages `project` gets that the shipped project (possibly mid-edit by a writer) does not."""
    def messages(root: Path) -> list[Problem]:
        try:
            load_site(root, today=TODAY)
        except DataError as error:
            return error.problems
        return []
    shipped = set(messages(ROOT))
    return [str(p) for p in messages(project) if p not in shipped]


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` once; return the line where `new` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.mark.parametrize("where", ["docs/secret.md", "docs/assets/passwd.txt", "data/extra", "overrides/partials/leak.html"])
def test_a_link_out_of_the_project_stops_the_build(project: Path, tmp_path: Path, where: str) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("root:x:0:0\n")
    link = project / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)
    with pytest.raises(DataError) as caught:
        load_site(project, today=TODAY)
    assert [str(p) for p in caught.value.problems] == [
        f"{where}: this is a link to {outside} (which is {outside}), outside the project folder "
        "(expected a real file or folder inside the project: the build would publish what it points to)"]


def test_a_linked_folder_inside_the_project_is_followed_and_checked(project: Path, tmp_path: Path) -> None:
    (project / "extra").mkdir()
    (project / "extra" / "escape").symlink_to(tmp_path)  # outside, reached only through the folder link
    (project / "docs" / "more").symlink_to(project / "extra", target_is_directory=True)
    with pytest.raises(DataError) as caught:
        load_site(project, today=TODAY)
    assert str(caught.value.problems[0]).startswith(f"docs/more/escape: this is a link to {tmp_path}")


def test_a_link_out_of_the_project_stops_a_real_build_before_anything_is_written(project: Path, tmp_path: Path) -> None:
    (project / "docs" / "passwd.md").symlink_to("/etc/passwd")
    site = tmp_path / "site"
    result = run_build(project, "mkdocs.yml", site)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/passwd.md: this is a link to /etc/passwd (which is /etc/passwd), outside the project folder" in result.stderr
    assert not site.exists() and not list(tmp_path.glob(".site-building-*"))


def test_a_page_in_a_linked_folder_and_a_markdown_suffix_are_checked(project: Path) -> None:
    (project / "more").mkdir()
    (project / "more" / "linked.md").write_text("# Hi\n\n<script>alert(1)</script>\n")
    (project / "docs" / "more").symlink_to(project / "more", target_is_directory=True)
    (project / "docs" / "other.markdown").write_text("Hello\n\n<iframe src=x></iframe>\n")
    found = problems_beyond_shipped(project)
    assert "docs/more/linked.md:3: raw HTML <script> is not allowed (expected Markdown, or harmless HTML such as <br>)" in found
    assert "docs/other.markdown:3: raw HTML <iframe> is not allowed (expected Markdown, or harmless HTML such as <br>)" in found
    assert "docs/other.markdown:1: the page has no front matter (expected a block between --- lines with a review block)" in found


def test_front_matter_closed_with_dots_is_read_as_mkdocs_reads_it(project: Path) -> None:
    page = project / "docs" / "what-is-ot.md"
    text = page.read_text()
    end = text.index("\n---\n", 3)
    page.write_text(text[:end] + "\n...\n" + text[end + 5:] + "\nClick this.\n{: onclick=\"alert(1)\" }\n")
    line = page.read_text().count("\n")
    found = problems_beyond_shipped(project)
    assert found == [f"docs/what-is-ot.md:{line}: the HTML attribute onclick= on <p> could run code (expected no event handlers)"]


@pytest.mark.parametrize("markup, message", [
    ("[Next](\n  javascript:alert(1))", "a link to 'javascript:alert(1)' could run code"),  # reported where the target is
    ("<a href=\"x\" onmouseover=\"alert(1)\">x</a>", "the HTML attribute onmouseover= on <a> could run code"),
    ("![x](y.png){: onerror=\"alert(1)\" }", "the HTML attribute onerror= on <img> could run code"),
    ("<svg><animate attributeName=href values=\"javascript:alert(1)\"/></svg>", "raw HTML <animate> is not allowed"),
], ids=["link-target-on-next-line", "raw-handler", "attr-list-image", "svg-animate"])
def test_markup_that_python_markdown_makes_live_is_found(project: Path, markup: str, message: str) -> None:
    page = project / "docs" / "what-is-ot.md"
    line = edit(page, "\n## ", f"\n{markup}\n\n## ") + 1 + markup.count("\n")
    found = problems_beyond_shipped(project)
    assert any(m.startswith(f"docs/what-is-ot.md:{line}: {message}") for m in found), found


def test_setext_heading_in_condition_prose_is_found(project: Path) -> None:
    page = project / "docs" / "conditions" / "ataxia.md"
    line = edit(page, "\n## What it is", "\nAtaxia\n======\n\n## What it is") + 1
    assert (f"docs/conditions/ataxia.md:{line}: a condition page gets its title from data/conditions.yml "
            "(expected no '# ' heading here; use '## ' for sections)") in problems_beyond_shipped(project)


def test_yaml_alias_bomb_is_refused_at_once(project: Path) -> None:
    rows = ['lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    rows += [f"l{i}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(9)]
    (project / "data" / "glossary.yml").write_text("\n".join(rows) + "\n")
    start = time.perf_counter()
    found = problems_beyond_shipped(project)
    # Expanded, the bomb is 9**10 values (hours, or memory exhausted): 60 s tells refused from expanded on a busy machine too.
    assert time.perf_counter() - start < 60
    assert ("data/glossary.yml:2: l0[0]: this value repeats another with a YAML alias (*name) (expected the value written out here: "
            "anchors (&name) and aliases are not allowed in data files)") in found


def test_nan_and_infinite_coordinates_are_refused(project: Path) -> None:
    clinics = project / "data" / "clinics.yml"
    line = edit(clinics, "{lat: 32.7466, lon: -117.1636}", "{lat: .nan, lon: -.inf}")
    found = problems_beyond_shipped(project)
    assert f"data/clinics.yml:{line}: clinics[1].coordinates.lat: expected a real number, got .nan (not a number or infinite)" in found
    assert f"data/clinics.yml:{line}: clinics[1].coordinates.lon: expected a real number, got -.inf (not a number or infinite)" in found


def test_unknown_time_zone_gets_a_did_you_mean(project: Path) -> None:
    clinics = project / "data" / "clinics.yml"
    line = edit(clinics, "timezone: America/Los_Angeles", "timezone: America/Los_Angles")
    assert (f"data/clinics.yml:{line}: clinics[0].timezone: 'America/Los_Angles' is not a time zone in the IANA database "
            "(did you mean 'America/Los_Angeles'? expected a name like America/Los_Angeles)") in problems_beyond_shipped(project)


@pytest.mark.parametrize("hours, message", [
    ("08:00-24:59", "24:59 is not a time of day (expected 00:01 to 24:00)"),
    ("08:00-12:00, 11:00-17:00", "08:00-12:00 and 11:00-17:00 overlap (expected separate times, like 08:00-12:00, 13:00-17:00)"),
    ("13:00-17:00, 08:00-13:30", "08:00-13:30 and 13:00-17:00 overlap"),
], ids=["past-midnight", "overlap", "overlap-out-of-order"])
def test_hours_are_clock_times_that_do_not_overlap(project: Path, hours: str, message: str) -> None:
    clinics = project / "data" / "clinics.yml"
    line = edit(clinics, '      sat: "09:00-13:00"', f'      sat: "{hours}"')
    found = problems_beyond_shipped(project)
    assert any(m.startswith(f"data/clinics.yml:{line}: clinics[2].hours.sat: {message}") for m in found), found


def test_closing_at_midnight_is_allowed(project: Path) -> None:
    edit(project / "data" / "clinics.yml", '      sat: "09:00-13:00"', '      sat: "09:00-24:00"')
    assert problems_beyond_shipped(project) == []


def test_glossary_terms_equal_but_for_case_or_punctuation_are_refused(project: Path) -> None:
    glossary = project / "data" / "glossary.yml"
    text = glossary.read_text()
    first = text[: text.index("  - term: ADL\n")].count("\n") + 1
    glossary.write_text(text + "  - term: A-d-l\n    definition: The same words again.\n")
    found = problems_beyond_shipped(project)
    last = glossary.read_text().count("\n") - 1
    assert any(re.fullmatch(rf"data/glossary\.yml:{last}: terms\[\d+\]\.term: 'A-d-l' is the same term as 'ADL' \(terms\[0\], line {first}\) "
                            r"once case, spaces and punctuation are ignored \(expected each term once\)", m) for m in found), found


# `path`, not `page`: a parameter named `page` would hide Playwright's fixture and look like a browser test.
@pytest.mark.parametrize("path, source", [
    ("clinics/harbor-hand-and-upper-limb-center.md", "data/clinics.yml"),
    ("glossary.md", "the site's data"),
    ("conditions/index.markdown", "the site's data"),
])
def test_a_writers_page_at_a_generated_address_is_refused(project: Path, path: str, source: str) -> None:
    (project / "docs" / path).parent.mkdir(exist_ok=True)
    (project / "docs" / path).write_text("---\ndescription: Mine.\n---\nHello\n")
    address = path.rsplit(".", 1)[0].removesuffix("/index") + "/"
    assert (f"docs/{path}: the build writes the page at this address ({address}) itself, from {source} "
            "(expected no writer's page there: delete or rename this file)") in problems_beyond_shipped(project)


def test_a_generated_address_listed_in_the_nav_is_refused_by_a_real_build(project: Path, tmp_path: Path) -> None:
    page = "clinics/harbor-hand-and-upper-limb-center.md"
    (project / "docs" / page).parent.mkdir(exist_ok=True)
    (project / "docs" / page).write_text("---\ndescription: Mine.\n---\nHello\n")
    edit(project / "mkdocs.yml", "  - About this site: about.md\n", f"  - About this site: about.md\n  - Mine: {page}\n")
    result = run_build(project, "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"docs/{page}: the build writes the page at this address" in result.stderr


def test_output_path_that_is_a_file_gets_a_message(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.write_text("not a folder")
    result = run_build(project, "mkdocs.yml", target)
    assert result.returncode != 0 and "Traceback" not in result.stderr + result.stdout
    assert f"cannot write the site to {target}: it is a file, not a folder" in result.stderr
    assert target.read_text() == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="run as root: chmod does not stop root from writing, so this cannot fail here")
def test_a_folder_that_cannot_be_written_gets_a_message(project: Path) -> None:
    project.chmod(0o555)
    try:
        result = run_build(project, "mkdocs.yml", project / "site")
    finally:
        project.chmod(0o755)
    assert result.returncode != 0 and "Traceback" not in result.stderr + result.stdout
    assert f"cannot write the site to {project / 'site'}: Permission denied in {project}" in result.stderr
