"""The clinical safety case: the hazard log (otsite/hazards.py) and the triage linter
(otsite/triage_lint.py) over the project's data and pages.

`safety_checks` is what the build runs (loading.py, for the build's language);
`safety_case` reads everything, both languages at once, for scripts/safety_case.py
and the content report.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import triage_lint
from .hazards import TESTS_FOLDER, ControlState, Evidence, check_hazards, control_states, format_log, uncovered_red_flags
from .languages import docs_folder
from .markdown_source import MarkdownReader, default_reader
from .problems import Problem
from .schema_check import check_against_schema
from .triage_lint import Excused, check_triage, triage_rules
from .yaml_source import YamlDocument, read_yaml

LANGUAGES = ("en", "es")  # the page folders the safety case reads: docs/ and docs-es/
# Whether a red flag with no hazard fails the build (True) or is a reminder (False: a warning locally, an error in CI).
COVERAGE_FAILS_BUILD = True


def evidence(root: Path, signs: YamlDocument, rules: YamlDocument | None) -> Evidence:
    """What the hazard log's controls are checked against. A copy of the project without tests/
    (made only to build it) cannot show its tests: there the build checks everything but test ids."""
    flags: dict[str, dict[str, Any]] = {item["id"]: item for item in signs.data["emergencies"]}
    rule_ids = {rule["id"] for rule in rules.data["rules"]} if rules is not None else set()
    return Evidence(root, flags, rule_ids, check_tests=(root / TESTS_FOLDER).is_dir())


def safety_checks(hazards: YamlDocument | None, signs: YamlDocument | None, rules: YamlDocument | None, root: Path,
                  reader: MarkdownReader, docs: Path, language: str, skip: set[str]) -> tuple[list[Problem], list[Problem]]:
    """(problems, reminders) of the build's safety checks; a file given as None had its own problems reported."""
    if signs is None:
        return [], []
    problems: list[Problem] = []
    reminders: list[Problem] = []
    if hazards is not None:
        problems += check_hazards(hazards, evidence(root, signs, rules))
        (problems if COVERAGE_FAILS_BUILD else reminders).extend(uncovered_red_flags(hazards, signs))
    if rules is not None:
        known = {item["id"] for item in signs.data["emergencies"]}
        found = check_triage(rules, known, reader, root, docs, language, skip)
        (problems if triage_lint.FAILS_BUILD else reminders).extend(found)
    return problems, reminders


@dataclass
class SafetyCase:
    """Everything scripts/safety_case.py prints."""

    hazards: YamlDocument | None = None
    states: list[ControlState] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # data problems, missing controls, uncovered red flags
    triage: list[Problem] = field(default_factory=list)
    excused: tuple[Excused, ...] = ()

    @property
    def failed(self) -> bool:
        return bool(self.problems or self.triage)

    def report(self) -> str:
        lines = ["Hazard log (data/hazards.yml):"]
        if self.hazards is not None:
            lines += ["  " + line for line in format_log(self.hazards, self.states).splitlines()]
        missing = [state for state in self.states if not state.present]
        lines += ["", f"{len(self.states) - len(missing)} of {len(self.states)} controls present; "
                      f"{len(missing)} MISSING." if self.states else "No controls read."]
        lines += ["", "Problems:", *(f"  {problem}" for problem in sorted(set(self.problems)))] if self.problems else []
        lines += ["", "Triage linter (data/triage_rules.yml), English and Spanish pages:"]
        lines += [f"  {problem}" for problem in sorted(set(self.triage))] or ["  every page lists the red flags its words need"]
        if self.excused:
            lines.append("Exceptions a clinical reviewer accepted (data/triage_rules.yml exceptions):")
            lines += [f"  {item.page}: rule {item.rule!r}: {item.reason}" for item in self.excused]
        return "\n".join(lines)

    def summary(self) -> str:
        """One line per hazard and its controls' states, for the content report."""
        lines = []
        for hazard in (self.hazards.data["hazards"] if self.hazards is not None else []):
            mine = [state for state in self.states if state.hazard == hazard["id"]]
            missing = sum(not state.present for state in mine)
            state = f"{len(mine) - missing}/{len(mine)} controls present" + (f", {missing} MISSING" if missing else "")
            lines.append(f"{hazard['id']:48} {hazard['severity']:12} {state}")
        return "\n".join(lines)


def read_checked(root: Path, name: str) -> tuple[YamlDocument | None, list[Problem]]:
    """data/<name>.yml and its problems; None when it does not match its schema."""
    display = f"data/{name}.yml"
    document, problems = read_yaml(root / "data" / f"{name}.yml", display)
    if document is None:
        return None, problems
    problems = check_against_schema(document, name, display)
    return (None if problems else document), problems


def safety_case(root: Path, skip: set[str], require_tests: bool = True) -> SafetyCase:
    """The whole project's safety case. With `require_tests` (scripts/safety_case.py) a project without its
    tests/ is a problem; without it (the content report) such a copy is checked as the build checks it."""
    documents: dict[str, YamlDocument | None] = {}
    case = SafetyCase()
    for name in ("hazards", "emergency_signs", "triage_rules"):
        documents[name], found = read_checked(root, name)
        case.problems += found
    hazards, signs, rules = documents["hazards"], documents["emergency_signs"], documents["triage_rules"]
    if signs is None:
        return case
    if require_tests and not (root / TESTS_FOLDER).is_dir():
        case.problems.append(Problem(TESTS_FOLDER, 0, "", "the tests folder is missing (expected the project's tests, "
                                     "which prove the hazard log's controls)"))
    if hazards is not None:
        case.hazards = hazards
        case.states = control_states(hazards, evidence(root, signs, rules))
        case.problems += check_hazards(hazards, evidence(root, signs, rules)) + uncovered_red_flags(hazards, signs)
    if rules is not None:
        known = {item["id"] for item in signs.data["emergencies"]}
        reader = default_reader(root)
        for language in LANGUAGES:
            docs = root / docs_folder(language)
            if docs.is_dir():
                case.triage += check_triage(rules, known, reader, root, docs, language, skip)
        case.excused = triage_rules(rules.data)[1]
    return case
