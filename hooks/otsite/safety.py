"""The safety case of the whole project, both languages at once: what scripts/safety_case.py
and the content report print. The build checks the same things per language (loading.py)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .languages import docs_folder
from .markdown_source import default_reader
from .problems import Problem
from .schema_check import check_against_schema
from .triage_lint import Excused, check_triage, triage_rules
from .yaml_source import YamlDocument, read_yaml

LANGUAGES = ("en", "es")  # the page folders the linter reads: docs/ and docs-es/
GENERATED = {"conditions/index.md", "conditions/by-kind.md", "conditions/by-body-area.md", "conditions/by-age-group.md",
             "glossary.md", "clinics/index.md"}  # loading.GENERATED_PAGES (not imported: loading imports this module)


@dataclass
class SafetyCase:
    problems: list[Problem] = field(default_factory=list)
    excused: tuple[Excused, ...] = ()

    def report(self) -> str:
        lines = ["Triage linter (data/triage_rules.yml), English and Spanish pages:"]
        lines += [f"  {problem}" for problem in sorted(set(self.problems))] or ["  every page lists the red flags its words need"]
        if self.excused:
            lines.append("Exceptions a clinical reviewer accepted (data/triage_rules.yml exceptions):")
            lines += [f"  {item.page}: rule {item.rule!r}: {item.reason}" for item in self.excused]
        count = len(set(self.problems))
        lines.append(f"{count} problem{'s' if count != 1 else ''}." if count else "No problems.")
        return "\n".join(lines)


def read_checked(root: Path, name: str) -> tuple[YamlDocument | None, list[Problem]]:
    """data/<name>.yml and its schema problems (None when it cannot be used)."""
    display = f"data/{name}.yml"
    document, problems = read_yaml(root / "data" / f"{name}.yml", display)
    if document is None:
        return None, problems
    problems = check_against_schema(document, name, display)
    return (None if problems else document), problems


def safety_case(root: Path) -> SafetyCase:
    rules, problems = read_checked(root, "triage_rules")
    signs, found = read_checked(root, "emergency_signs")
    problems += found
    case = SafetyCase(problems)
    if rules is None or signs is None:
        return case
    known = {item["id"] for item in signs.data["emergencies"]}
    reader = default_reader(root)
    for language in LANGUAGES:
        docs = root / docs_folder(language)
        if docs.is_dir():
            case.problems += check_triage(rules, known, reader, root, docs, language, GENERATED)
    case.excused = triage_rules(rules.data)[1]
    return case
