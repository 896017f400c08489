"""Through a real `mkdocs build`: bad input stops the build with a message
naming file, line and field, no traceback, and the previous site left alone.
(Each kind of mistake and its message: test_writer_checks.py.)"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import copy_project, run_build, run_mkdocs


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def failed_build(project: Path, env: dict[str, str] | None = None) -> str:
    """Build, expect failure without a traceback and the last site kept; return what the writer sees."""
    site = project / "site"
    site.mkdir(exist_ok=True)
    (site / "previous-good-build.txt").write_text("keep me")
    result = run_build(project, "mkdocs.yml", site, env=env)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert (site / "previous-good-build.txt").exists(), "the last good site was emptied"
    return result.stderr


def test_yaml_syntax_error_names_file_and_line(project: Path) -> None:
    clinics = project / "data" / "clinics.yml"
    edit(clinics, "    name: Hillcrest Occupational Therapy", "    name: [Hillcrest Occupational Therapy")
    line = line_of(clinics, "[Hillcrest")
    message = failed_build(project)
    found = re.search(r"data/clinics\.yml:(\d+): the bracket \[ that opens a list here is never closed", message)
    assert found, message
    assert int(found.group(1)) == line  # where the list opens, though the parser notices further down


def test_reference_to_unknown_things_names_each_one(project: Path) -> None:
    conditions = project / "data" / "conditions.yml"
    clinics = project / "data" / "clinics.yml"
    edit(conditions, "related: [stroke, parkinsons-disease]", "related: [strok, parkinsons-disease]")
    edit(clinics, "services: [hand-therapy]", "services: [hand-therapie]")
    message = failed_build(project)
    assert f"data/conditions.yml:{line_of(conditions, '[strok,')}: conditions[2].related[0]: 'strok' is not one of the conditions" in message
    assert f"data/clinics.yml:{line_of(clinics, '[hand-therapie]')}: clinics[6].services[0]: 'hand-therapie' is not one of the services" in message
    assert "Found 2 problems" in message


@pytest.mark.parametrize("target, reported", [
    ("no-such-page.md", "leads to no page or file"),
    ("what-to-expect.md#no-such-section", "names a section #no-such-section that what-to-expect.md does not have"),
    ("conditions/stroke.md#no-such-section", "names a section #no-such-section that conditions/stroke.md does not have"),
], ids=["link", "anchor", "anchor-on-generated-part"])
def test_broken_link_or_anchor_is_reported_with_its_line(project: Path, target: str, reported: str) -> None:
    page = project / "docs" / "what-is-ot.md"
    edit(page, "](what-to-expect.md)", f"]({target})")
    message = failed_build(project)
    assert f"docs/what-is-ot.md:{line_of(page, target)}: the link {target!r} {reported}" in message


def test_overdue_review_warns_locally_and_fails_in_ci(project: Path) -> None:
    page = project / "docs" / "what-is-ot.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"  written: [0-9-]+\n  next_review: [0-9-]+", "  written: 2024-01-10\n  next_review: 2025-01-10", text, count=1))
    line = line_of(page, "next_review: 2025-01-10")
    expected = f"docs/what-is-ot.md:{line}: review.next_review: the review was due on 2025-01-10"
    local = run_build(project, "mkdocs.yml", project / "site", env={"CI": ""})
    assert local.returncode == 0 and f"Reminder: {expected}" in local.stderr
    assert expected in failed_build(project, env={"CI": "true"})


def test_config_named_relative_to_the_current_folder_builds(project: Path) -> None:
    result = run_mkdocs(project, "build", "--strict", "-f", "mkdocs.yml", "-d", "out")
    assert result.returncode == 0, result.stderr
    assert (project / "out" / "index.html").is_file()
