"""The commands writers run themselves: the content report and the scaffolds."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build

HARD_SENTENCE = ("Notwithstanding considerable interindividual variability, comprehensive occupational therapeutic "
                 "interventions characteristically incorporate multidimensional biopsychosocial considerations, "
                 "environmental modifications, and individualized compensatory methodologies. ")


def run_script(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=project, capture_output=True, text=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    return project


def test_content_report_covers_every_page_and_the_shipped_pages_pass() -> None:
    result = run_script(ROOT, "scripts/content_report.py")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = [p for p in (ROOT / "docs").rglob("*.md")]
    for page in pages:
        assert page.relative_to(ROOT).as_posix() in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("docs/conditions/stroke.md"))
    grade, words, status, written, due = row.split()[1:6]
    assert 0 < float(grade) <= 8 and int(words) > 300
    assert status == "draft" and "not yet reviewed by a licensed OT" in row
    assert written < due and written[:4] == "2026"
    built = [line for line in result.stdout.splitlines() if line.startswith("(built) ")]
    assert {line.split()[1] for line in built} == {"glossary.md", "conditions/index.md", "conditions/by-body-area.md",
                                                  "conditions/by-kind.md", "conditions/by-age-group.md", "clinics/index.md"}
    assert all(float(line.split()[2]) <= 8 for line in built), built  # the glossary reads at grade 8 or below


def test_content_report_fails_on_a_page_above_the_ceiling(project: Path) -> None:
    page = project / "docs" / "what-is-ot.md"
    page.write_text(page.read_text() + "\n" + HARD_SENTENCE * 12 + "\n")
    result = run_script(project, "scripts/content_report.py")
    assert result.returncode == 1
    assert "docs/what-is-ot.md" in result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("docs/what-is-ot.md"))
    assert "grade above 8" in row
    assert run_script(project, "scripts/content_report.py", "--max-grade", "40").returncode == 0  # the ceiling is configurable


def test_new_condition_starts_from_valid_files(project: Path) -> None:
    result = run_script(project, "scripts/new.py", "condition", "gout", "Gout")
    assert result.returncode == 0, result.stderr
    assert (project / "docs" / "conditions" / "gout.md").is_file()
    assert "- slug: gout" in (project / "data" / "conditions.yml").read_text()
    build = run_build(project, "mkdocs.yml", project / "site", env={"CI": ""})
    assert build.returncode == 0, build.stderr
    assert (project / "site" / "conditions" / "gout" / "index.html").is_file()
    assert "Reminder: docs/conditions/gout.md:4: this line still holds the template's FILL IN text" in build.stderr
    in_ci = run_build(project, "mkdocs.yml", project / "site", env={"CI": "true"})
    assert in_ci.returncode != 0 and "data/conditions.yml:" in in_ci.stderr and "FILL IN text" in in_ci.stderr
    again = run_script(project, "scripts/new.py", "condition", "gout", "Gout")
    assert again.returncode == 1 and "a condition with slug 'gout' already exists" in again.stderr


def test_new_clinic_fills_in_its_place_from_the_zip_code(project: Path) -> None:
    result = run_script(project, "scripts/new.py", "clinic", "vista-ot", "Vista OT", "--zip", "92083",
                        "--phone", "(760) 555-0150", "--street", "100 Main Street")
    assert result.returncode == 0, result.stderr
    data = (project / "data" / "clinics.yml").read_text()
    assert 'city: "Vista"' in data and "lat: 33.1978" in data
    build = run_build(project, "mkdocs.yml", project / "site", env={"CI": ""})
    assert build.returncode == 0, build.stderr
    assert "Vista OT" in (project / "site" / "clinics" / "vista-ot" / "index.html").read_text()
    bad = run_script(project, "scripts/new.py", "clinic", "x", "X", "--zip", "00000", "--phone", "(760) 555-0150", "--street", "s")
    assert bad.returncode == 1 and "ZIP code '00000' does not exist" in bad.stderr
