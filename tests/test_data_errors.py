"""Bad data stops the build with a message naming file, line and field, and
leaves the previous site alone."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import copy_project, run_build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def failed_build(project: Path) -> str:
    """Build, expect failure without a traceback, return what the writer sees."""
    site = project / "site"
    site.mkdir(exist_ok=True)
    (site / "previous-good-build.txt").write_text("keep me")
    result = run_build(project, "mkdocs.yml", site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert (site / "previous-good-build.txt").exists(), "the last good site was emptied"
    return result.stderr


def test_yaml_syntax_error_names_file_and_line(project: Path) -> None:
    clinics = project / "data" / "clinics.yml"
    edit(clinics, "    name: Hillcrest Occupational Therapy", "    name: [Hillcrest Occupational Therapy")
    line = line_of(clinics, "[Hillcrest")
    message = failed_build(project)
    found = re.search(r"data/clinics\.yml:(\d+): this is not valid YAML", message)
    assert found, message
    assert abs(int(found.group(1)) - line) <= 1  # the parser notices at or just after the bad line


def test_missing_required_field_names_the_field(project: Path) -> None:
    conditions = project / "data" / "conditions.yml"
    edit(conditions, "    summary: A squeezed nerve in the wrist that causes numbness, tingling and weakness in the hand.\n", "")
    line = line_of(conditions, "- slug: carpal-tunnel-syndrome")
    message = failed_build(project)
    assert f"data/conditions.yml:{line}: conditions[11].summary: this required field is missing" in message


def test_reference_to_unknown_things_names_each_one(project: Path) -> None:
    conditions = project / "data" / "conditions.yml"
    clinics = project / "data" / "clinics.yml"
    edit(conditions, "related: [stroke]", "related: [strok]")
    edit(clinics, "services: [hand-therapy]", "services: [hand-therapie]")
    message = failed_build(project)
    assert f"data/conditions.yml:{line_of(conditions, '[strok]')}: conditions[2].related[0]: 'strok' is not one of the conditions" in message
    assert f"data/clinics.yml:{line_of(clinics, '[hand-therapie]')}: clinics[6].services[0]: 'hand-therapie' is not one of the services" in message
    assert "Found 2 problems" in message


def test_wrong_phone_number_says_what_was_expected(project: Path) -> None:
    clinics = project / "data" / "clinics.yml"
    edit(clinics, 'phone: "(619) 555-0102"', 'phone: "555"')
    message = failed_build(project)
    line = line_of(clinics, 'phone: "555"')
    assert f'data/clinics.yml:{line}: clinics[1].phone: expected a US phone number like (619) 555-0100, got "555"' in message


def test_condition_without_prose_page_is_reported(project: Path) -> None:
    (project / "docs" / "conditions" / "ataxia.md").unlink()
    message = failed_build(project)
    assert "no prose page for 'ataxia' (expected docs/conditions/ataxia.md)" in message


def test_front_matter_review_block_is_checked(project: Path) -> None:
    page = project / "docs" / "what-is-ot.md"
    edit(page, "  next_review: 2027-11-27", "  next_review: 2026-01-01")
    message = failed_build(project)
    line = line_of(page, "next_review: 2026-01-01")
    assert f"docs/what-is-ot.md:{line}: review.next_review: expected a date after last_reviewed" in message


@pytest.mark.parametrize("target, reported", [
    ("no-such-page.md", "no-such-page.md"),
    ("what-to-expect.md#no-such-section", "no-such-section"),
], ids=["link", "anchor"])
def test_broken_link_or_anchor_fails_the_strict_build(project: Path, target: str, reported: str) -> None:
    edit(project / "docs" / "what-is-ot.md", "](what-to-expect.md)", f"]({target})")
    result = run_build(project, "mkdocs.yml", project / "site")
    assert result.returncode != 0
    assert reported in result.stderr
