"""The hazard log (data/hazards.yml, hooks/otsite/hazards.py) and scripts/safety_case.py:
each control's state, the messages of a missing one, and the real log. Fast: no browser."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build
from otsite import triage_lint
from otsite.hazards import CONTROL_TYPES, Evidence
from otsite.loading import GENERATED_PAGES, load_site
from otsite.problems import DataError
from otsite.safety import safety_case
from otsite.schema_check import check_against_schema
from otsite.yaml_source import parse_yaml, read_yaml

HAZARDS = ROOT / "data" / "hazards.yml"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the project with its tests (which the hazard log names); each test restores what it changes."""
    folder = copy_project(tmp_path_factory.mktemp("safety") / "project")
    shutil.copytree(ROOT / "tests", folder / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture()
def hazards(project: Path) -> Iterator[Path]:
    path = project / "data" / "hazards.yml"
    original = path.read_bytes()
    yield path
    path.write_bytes(original)


A_HAZARD = """
  - id: test-hazard
    description: A reader is harmed in a way this test makes up.
    kind: wrong-advice
    causes: [A made-up cause.]
    severity: minor
    likelihood: low
    controls:
"""


def add_control(path: Path, control: str) -> int:
    """Append a hazard with one control (YAML, indented as a list item) and return the control's line."""
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n" + A_HAZARD.lstrip("\n") + control
    path.write_text(text, encoding="utf-8")
    return len(text.splitlines()) - len(control.rstrip("\n").splitlines()) + 1


def safety_script(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "safety_case.py"), "--root", str(project)],
                          capture_output=True, text=True)


def missing_control(hazards: Path, control: str, reason: str) -> None:
    """The script and the build both name the control's line and the reason, and fail."""
    line = add_control(hazards, control)
    result = safety_script(hazards.parents[1])
    expected = (f"data/hazards.yml:{line}: hazards[{count_hazards(hazards) - 1}].controls[0]: the "
                f"{control.split('type: ')[1].split()[0]} control of hazard 'test-hazard' is missing: {reason} "
                "(expected what it names to exist and each of its tests to be defined)")
    assert result.returncode == 1, result.stdout
    assert expected in result.stdout, result.stdout
    assert f"MISSING: {reason}" in result.stdout
    assert "Traceback" not in result.stderr
    with pytest.raises(DataError) as failed:
        load_site(hazards.parents[1])
    assert expected in failed.value.report()


def count_hazards(path: Path) -> int:
    return path.read_text(encoding="utf-8").count("\n  - id: ")


def test_a_red_flag_that_does_not_exist_is_a_missing_control(hazards: Path) -> None:
    missing_control(hazards, "      - type: red-flag\n        red_flag: no-such-flag\n"
                             "        tests: [tests/test_emergency.py::test_some_pages_name_emergencies]\n",
                    "no red flag 'no-such-flag' in data/emergency_signs.yml")


def test_a_page_that_does_not_list_its_red_flag_is_a_missing_control(hazards: Path) -> None:
    missing_control(hazards, "      - type: page-lists-red-flag\n        page: docs/about.md\n        red_flag: stroke\n"
                             "        tests: [tests/test_emergency.py::test_some_pages_name_emergencies]\n",
                    "docs/about.md does not list 'stroke' in its emergencies: []")


def test_a_search_term_of_another_red_flag_is_a_missing_control(hazards: Path) -> None:
    missing_control(hazards, "      - type: search-notice\n        search_term: Face drooping\n        red_flag: blood-supply\n"
                             "        tests: [tests/test_emergency.py::test_some_pages_name_emergencies]\n",
                    "'Face drooping' is not a search term of 'blood-supply' (it belongs to 'stroke')")


def test_a_test_that_is_not_defined_is_a_missing_control(hazards: Path) -> None:
    missing_control(hazards, "      - type: red-flag\n        red_flag: stroke\n"
                             "        tests: [tests/test_emergency.py::test_there_is_no_such_test]\n",
                    "no test test_there_is_no_such_test in tests/test_emergency.py")


def test_a_test_file_that_does_not_exist_is_a_missing_control(hazards: Path) -> None:
    missing_control(hazards, "      - type: red-flag\n        red_flag: stroke\n"
                             "        tests: [tests/test_not_written_yet.py::test_sepsis]\n",
                    "no test file tests/test_not_written_yet.py (for tests/test_not_written_yet.py::test_sepsis)")


def test_a_present_control_passes_and_shows_its_tests(hazards: Path) -> None:
    add_control(hazards, "      - type: page-lists-red-flag\n        page: docs/conditions/stroke.md\n        red_flag: stroke\n"
                         "        tests: [tests/test_emergency.py::test_some_pages_name_emergencies]\n")
    result = safety_script(hazards.parents[1])
    log = result.stdout.split("test-hazard [wrong-advice; severity minor, likelihood low]")[1]
    assert "- page-lists-red-flag (page: docs/conditions/stroke.md, red_flag: stroke): present" in log
    assert "test: tests/test_emergency.py::test_some_pages_name_emergencies" in log


def test_the_build_fails_on_a_missing_control_and_keeps_the_old_site(hazards: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("the last good site", encoding="utf-8")
    line = add_control(hazards, "      - type: red-flag\n        red_flag: no-such-flag\n"
                                "        tests: [tests/test_emergency.py::test_some_pages_name_emergencies]\n")
    built = run_build(hazards.parents[1], "mkdocs.yml", site)
    assert built.returncode == 1
    assert f"data/hazards.yml:{line}: hazards[" in built.stderr and "no red flag 'no-such-flag'" in built.stderr, built.stderr
    assert "Traceback" not in built.stderr
    assert (site / "old.html").read_text(encoding="utf-8") == "the last good site"


def test_test_files_are_read_not_imported(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text(
        "raise SystemExit('imported!')\n\ndef test_a():\n    pass\n\nclass TestB:\n    def test_c(self):\n        pass\n"
        "    def helper(self):\n        pass\n\ndef helper():\n    pass\n", encoding="utf-8")
    (tmp_path / "tests" / "test_broken.py").write_text("def test_a(:\n", encoding="utf-8")
    evidence = Evidence(tmp_path, {}, set())
    assert evidence.test_names("tests/test_x.py") == {"test_a", "TestB::test_c"}
    assert evidence.test_names("tests/test_broken.py") is None
    assert evidence.test_names("tests/test_missing.py") is None


def test_the_schema_rejects_a_bad_entry_with_file_and_line() -> None:
    text = HAZARDS.read_text(encoding="utf-8") + A_HAZARD.replace("severity: minor", "severity: bad") + (
        "      - type: page-lists-red-flag\n        page: docs/about.md\n        tests: [test_emergency.py]\n")
    document, problems = parse_yaml(text, "data/hazards.yml")
    assert problems == []
    lines = text.splitlines()
    severity = lines.index("    severity: bad") + 1
    control = len(lines) - 2
    index = count_hazards(HAZARDS)
    found = sorted(str(p) for p in check_against_schema(document, "hazards", "data/hazards.yml"))
    assert found == sorted([
        f"data/hazards.yml:{severity}: hazards[{index}].severity: expected one of: minor, significant, considerable, major, "
        'catastrophic; got "bad"',
        f"data/hazards.yml:{control}: hazards[{index}].controls[0].red_flag: this required field is missing "
        "(expected an id from data/emergency_signs.yml, like sepsis)",
        f"data/hazards.yml:{control + 2}: hazards[{index}].controls[0].tests[0]: expected a pytest id, like "
        'tests/test_emergency.py::test_every_page_id_and_link_target_exists, got "test_emergency.py"'])


def test_control_types_in_code_match_the_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "hazards.schema.json").read_text(encoding="utf-8"))
    control = schema["$defs"]["control"]
    assert control["properties"]["type"]["enum"] == list(CONTROL_TYPES)
    required = {rule["if"]["properties"]["type"]["const"]: tuple(rule["then"]["required"]) for rule in control["allOf"]}
    assert required == {name: kind.fields for name, kind in CONTROL_TYPES.items()}


def test_the_real_hazard_log_passes() -> None:
    case = safety_case(ROOT, GENERATED_PAGES)
    assert case.problems == [], "\n".join(map(str, case.problems))
    assert case.states and all(state.present for state in case.states)
    result = safety_script(ROOT)
    log = result.stdout.split("Triage linter")[0]
    assert "): MISSING: " not in log and f"{len(case.states)} of {len(case.states)} controls present; 0 MISSING." in log, log


def test_every_red_flag_has_a_hazard() -> None:
    signs, _ = read_yaml(ROOT / "data" / "emergency_signs.yml", "data/emergency_signs.yml")
    logged, _ = read_yaml(HAZARDS, "data/hazards.yml")
    covered = {c["red_flag"] for h in logged.data["hazards"] for c in h["controls"] if c["type"] == "red-flag"}
    assert {item["id"] for item in signs.data["emergencies"]} <= covered


def test_a_red_flag_without_a_hazard_is_reported_at_its_id(hazards: Path, project: Path) -> None:
    signs = project / "data" / "emergency_signs.yml"
    original = signs.read_bytes()
    try:
        text = original.decode("utf-8").replace("  - id: self-harm\n", "  - id: self-harm-renamed\n", 1)
        signs.write_text(text, encoding="utf-8")
        line = text.splitlines().index("  - id: self-harm-renamed") + 1
        result = safety_script(project)
        assert result.returncode == 1
        expected = f"data/emergency_signs.yml:{line}: emergencies["
        assert expected in result.stdout and "the red flag 'self-harm-renamed' has no hazard in data/hazards.yml" in result.stdout, result.stdout
        with pytest.raises(DataError) as failed:  # the build fails too, on a writer's computer as in CI
            load_site(project)
        assert any(str(p).startswith(expected) and "'self-harm-renamed' has no hazard" in str(p) for p in failed.value.problems)
    finally:
        signs.write_bytes(original)


def test_the_triage_linter_is_part_of_the_safety_case(project: Path) -> None:
    page = project / "docs" / "what-to-expect.md"
    original = page.read_bytes()
    try:
        page.write_text(original.decode("utf-8").replace("\n---\n", "\n---\n\nA fever after a visit.\n", 1), encoding="utf-8")
        result = safety_script(project)
        assert result.returncode == 1
        assert 'docs/what-to-expect.md:' in result.stdout and 'the word "fever" (in the page\'s text) needs the red flag "sepsis"' in result.stdout
    finally:
        page.write_bytes(original)
    assert isinstance(triage_lint.FAILS_BUILD, bool)


def test_a_project_without_a_translation_skips_only_that_translations_controls(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "docs-es")
    load_site(project)  # the English build of a project with no Spanish pages
    (project / "data" / "hazards.yml").write_text(
        HAZARDS.read_text(encoding="utf-8").rstrip("\n") + "\n" + A_HAZARD.lstrip("\n") +
        "      - type: page-lists-red-flag\n        page: docs-es/conditions/stroke.md\n        red_flag: stroke\n"
        "        tests: [tests/test_emergency.py::test_some_pages_name_emergencies]\n"
        "      - type: page-lists-red-flag\n        page: docs/about.md\n        red_flag: stroke\n"
        "        tests: [tests/test_emergency.py::test_some_pages_name_emergencies]\n", encoding="utf-8")
    with pytest.raises(DataError) as failed:
        load_site(project)
    assert [p.message for p in failed.value.problems] == [  # the English control is still checked
        "the page-lists-red-flag control of hazard 'test-hazard' is missing: docs/about.md does not list 'stroke' in its "
        "emergencies: [] (expected what it names to exist and each of its tests to be defined)"]
    shutil.copytree(ROOT / "tests", project / "tests")
    assert "- page-lists-red-flag (page: docs-es/conditions/stroke.md, red_flag: stroke): not checked: this project has no docs-es/" \
        in safety_script(project).stdout
