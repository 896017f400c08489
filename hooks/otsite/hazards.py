"""The hazard log (data/hazards.yml), in the manner of the NHS clinical risk management
standard DCB0129: each hazard a reader could come to (waiting too long, a needless alarm,
acting on wrong advice, a Spanish reader missing what an English reader gets), its causes,
severity and likelihood, and the controls that keep it away. Each control names what it
relies on (a red flag, a page's emergencies, a search term, a page's wording, a linter rule)
and the tests that prove it works. A control is present when what it names is there and
every test it names exists (found by reading the test file, never importing it).

How each type of control is verified is one table, CONTROL_TYPES, not code per hazard.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .emergencies import mentions, normalize
from .page_checks import split_front_matter
from .problems import Problem
from .yaml_source import YamlDocument, field_name, parse_yaml

HAZARDS_FILE = "data/hazards.yml"
TESTS_FOLDER = "tests"


@dataclass
class Evidence:
    """What the controls are checked against: the red flags, the linter's rules and the project's files."""

    root: Path
    red_flags: dict[str, dict[str, Any]]  # id -> its entry in data/emergency_signs.yml
    triage_rules: set[str]
    check_tests: bool = True  # False in a copy of the project without its tests/ (a build-only copy)
    _tests: dict[str, set[str] | None] = field(default_factory=dict)
    _texts: dict[str, str | None] = field(default_factory=dict)

    def text(self, path: str) -> str | None:
        """A project file's text, or None when it is missing or outside the project."""
        if path not in self._texts:
            target = (self.root / path).resolve()
            inside = target.is_relative_to(self.root.resolve()) and target.is_file()
            self._texts[path] = target.read_text(encoding="utf-8", errors="replace") if inside else None
        return self._texts[path]

    def emergencies_of(self, page: str) -> list[str] | None:
        """The ids a page lists in its front matter `emergencies:` (None when the page is missing)."""
        text = self.text(page)
        if text is None:
            return None
        front, _ = split_front_matter(text)
        document = parse_yaml(front, page)[0] if front else None
        ids = document.data.get("emergencies") if document is not None and isinstance(document.data, dict) else None
        return [str(name) for name in ids] if isinstance(ids, list) else []

    def test_names(self, test_file: str) -> set[str] | None:
        """The test names a test file defines (test_x, TestY::test_x), read with ast; None when it is missing or unreadable."""
        if test_file not in self._tests:
            text = self.text(test_file)
            try:
                tree = ast.parse(text) if text is not None else None
            except SyntaxError:
                tree = None
            self._tests[test_file] = None if tree is None else _test_names(tree)
        return self._tests[test_file]


def _test_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            names |= {f"{node.name}::{item.name}" for item in node.body
                      if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name.startswith("test")}
    return names


# A verifier returns why the control is missing, or "" when what it names is there.
Verifier = Callable[[dict[str, Any], Evidence], str]


def _red_flag(control: dict[str, Any], evidence: Evidence) -> str:
    flag = control["red_flag"]
    return "" if flag in evidence.red_flags else f"no red flag {flag!r} in data/emergency_signs.yml"


def _page_lists_red_flag(control: dict[str, Any], evidence: Evidence) -> str:
    page, flag = control["page"], control["red_flag"]
    listed = evidence.emergencies_of(page)
    if listed is None:
        return f"no page {page}"
    return "" if flag in listed else f"{page} does not list {flag!r} in its emergencies: [{', '.join(listed)}]"


def _search_terms(entry: dict[str, Any]) -> set[str]:
    """A red flag's search terms in every language, normalized as search normalizes queries."""
    return {normalize(term) for term in [*entry.get("search_terms", []), *(entry.get("es") or {}).get("search_terms", [])]}


def _search_term(control: dict[str, Any], evidence: Evidence) -> str:
    term, flag = normalize(control["search_term"]), control["red_flag"]
    entry = evidence.red_flags.get(flag)
    if entry is None:
        return f"no red flag {flag!r} in data/emergency_signs.yml"
    if term in _search_terms(entry):
        return ""
    owner = next((other for other, item in evidence.red_flags.items() if term in _search_terms(item)), None)
    return f"{control['search_term']!r} is not a search term of {flag!r}" + (f" (it belongs to {owner!r})" if owner else " nor of any red flag")


def _no_search_term(control: dict[str, Any], evidence: Evidence) -> str:
    term = normalize(control["search_term"])
    owners = [flag for flag, item in evidence.red_flags.items() if term in _search_terms(item)]
    return f"{control['search_term']!r} is still a search term of {', '.join(map(repr, owners))}" if owners else ""


def _wording(control: dict[str, Any], evidence: Evidence) -> str:
    path, words = control["file"], control["words"]
    text = evidence.text(path)
    if text is None:
        return f"no file {path}"
    return "" if mentions(text, words) else f"{path} does not say {words!r}"


def _no_wording(control: dict[str, Any], evidence: Evidence) -> str:
    path, words = control["file"], control["words"]
    folder = evidence.root / path
    files = sorted(p.relative_to(evidence.root).as_posix() for p in folder.rglob("*.md")) if path.endswith("/") else [path]
    if not files or (not path.endswith("/") and evidence.text(path) is None):
        return f"no file {path}"
    found = [name for name in files if mentions(evidence.text(name) or "", words)]
    return f"{', '.join(found)} still {'says' if len(found) == 1 else 'say'} {words!r}" if found else ""


def _triage_rule(control: dict[str, Any], evidence: Evidence) -> str:
    rule = control["rule"]
    return "" if rule in evidence.triage_rules else f"no rule {rule!r} in data/triage_rules.yml"


def _check(control: dict[str, Any], evidence: Evidence) -> str:
    return ""  # a check in the build's code: only its tests can show it works


@dataclass(frozen=True)
class ControlType:
    fields: tuple[str, ...]  # what a control of this type names (the schema requires them too)
    meaning: str  # for the printed log
    verify: Verifier


CONTROL_TYPES: dict[str, ControlType] = {
    "red-flag": ControlType(("red_flag",), "a red flag in data/emergency_signs.yml", _red_flag),
    "page-lists-red-flag": ControlType(("page", "red_flag"), "a page lists the red flag in its emergencies:", _page_lists_red_flag),
    "search-notice": ControlType(("search_term", "red_flag"), "searching the term shows the red flag's notice", _search_term),
    "no-search-notice": ControlType(("search_term",), "searching the term shows no emergency notice", _no_search_term),
    "wording": ControlType(("file", "words"), "a page or data file says it", _wording),
    "no-wording": ControlType(("file", "words"), "a page, a folder of pages or a data file no longer says it", _no_wording),
    "triage-rule": ControlType(("rule",), "a triage linter rule in data/triage_rules.yml", _triage_rule),
    "check": ControlType(("check",), "a check in the build (proved by its tests)", _check),
}


@dataclass(frozen=True)
class ControlState:
    """A control as verified: what it names, its tests, and why it is missing (nothing when present)."""

    hazard: str
    index: int
    control: dict[str, Any]
    missing: tuple[str, ...]
    not_checked: str = ""  # why the control does not apply to this project, like a translation it does not have

    @property
    def present(self) -> bool:
        return not self.missing

    def target(self) -> str:
        kind = CONTROL_TYPES[self.control["type"]]
        return ", ".join(f"{name}: {self.control[name]}" for name in kind.fields)


def verify_control(hazard: str, index: int, control: dict[str, Any], evidence: Evidence) -> ControlState:
    folder = _missing_edition(control, evidence.root)
    if folder:  # a project without, say, docs-es/ builds no Spanish site: its Spanish controls have no reader to protect
        return ControlState(hazard, index, control, (), f"not checked: this project has no {folder}/")
    reasons = [CONTROL_TYPES[control["type"]].verify(control, evidence)]
    if evidence.check_tests:
        reasons += [_missing_test(test, evidence) for test in control["tests"]]
    return ControlState(hazard, index, control, tuple(reason for reason in reasons if reason))


def _missing_edition(control: dict[str, Any], root: Path) -> str:
    """The translation's pages folder (docs-es) a control names, when the project has none; "" otherwise."""
    for name in ("page", "file"):
        top = str(control.get(name, "")).split("/", 1)[0]
        if top.startswith("docs-") and not (root / top).is_dir():
            return top
    return ""


def _missing_test(test_id: str, evidence: Evidence) -> str:
    test_file, _, name = test_id.partition("::")
    names = evidence.test_names(test_file)
    if names is None:
        return f"no test file {test_file} (for {test_id})"
    return "" if name in names else f"no test {name} in {test_file}"


def control_states(document: YamlDocument, evidence: Evidence) -> list[ControlState]:
    """Every control of every hazard, verified."""
    return [verify_control(hazard["id"], i, control, evidence)
            for hazard in document.data["hazards"] for i, control in enumerate(hazard["controls"])]


def check_hazards(document: YamlDocument, evidence: Evidence) -> list[Problem]:
    """A problem for each missing control, at its line in data/hazards.yml."""
    problems = []
    for h, hazard in enumerate(document.data["hazards"]):
        for i, control in enumerate(hazard["controls"]):
            state = verify_control(hazard["id"], i, control, evidence)
            if not state.present:
                at = ("hazards", h, "controls", i)
                problems.append(Problem(document.source, document.line_of(at), field_name(at),
                                        f"the {control['type']} control of hazard {hazard['id']!r} is missing: "
                                        f"{'; '.join(state.missing)} (expected what it names to exist and each of its tests to be defined)"))
    return problems


def uncovered_red_flags(document: YamlDocument, signs: YamlDocument) -> list[Problem]:
    """Each red flag no hazard names in a red-flag control, at its id in data/emergency_signs.yml."""
    covered = {control.get("red_flag") for hazard in document.data["hazards"] for control in hazard["controls"]
               if control.get("type") == "red-flag"}
    return [Problem(signs.source, signs.line_of(("emergencies", i, "id")), field_name(("emergencies", i, "id")),
                    f"the red flag {item['id']!r} has no hazard in {HAZARDS_FILE} (expected a hazard with a control "
                    f"of type red-flag naming it, and the tests that prove it)")
            for i, item in enumerate(signs.data["emergencies"]) if isinstance(item, dict) and item.get("id") not in covered]


def format_log(document: YamlDocument, states: list[ControlState]) -> str:
    """The hazard log in plain text: each hazard, its severity, and each control with its state and tests."""
    by_hazard: dict[str, list[ControlState]] = {}
    for state in states:
        by_hazard.setdefault(state.hazard, []).append(state)
    lines = []
    for hazard in document.data["hazards"]:
        lines.append(f"{hazard['id']} [{hazard['kind']}; severity {hazard['severity']}, likelihood {hazard['likelihood']}]")
        lines.append(f"  {hazard['description']}")
        lines += [f"  cause: {cause}" for cause in hazard["causes"]]
        for state in by_hazard.get(hazard["id"], []):
            mark = state.not_checked or ("present" if state.present else "MISSING: " + "; ".join(state.missing))
            lines.append(f"  - {state.control['type']} ({state.target()}): {mark}")
            lines += [f"      test: {test}" for test in state.control["tests"]]
    return "\n".join(lines)
