"""Load data/*.yml into a Site, collecting every problem before failing once."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from .clinic_checks import check_clinics, parse_ranges
from .page_checks import check_pages
from .model import WEEKDAYS, Address, Clinic, Condition, DayHours, GlossaryTerm, Group, Service, Site
from .problems import DataError, Problem
from .schema_check import check_against_schema
from .yaml_source import YamlDocument, field_name, read_yaml

# schema name -> file in data/
DATA_FILES = {name: f"{name}.yml" for name in ("taxonomy", "services", "conditions", "clinics", "glossary")}
# Files in docs/conditions/ that the build writes, not writers.
GENERATED_CONDITION_PAGES = {"index.md", "by-kind.md", "by-body-area.md", "by-age-group.md"}
# Pages under docs/ that the build writes; writers' files may not use these paths.
GENERATED_PAGES = {f"conditions/{name}" for name in GENERATED_CONDITION_PAGES} | {"glossary.md", "clinics/index.md"}


@dataclass(frozen=True)
class Collection:
    """A list in a data file whose items others refer to by an identifying field."""

    file: str
    key: str
    id_field: str = "slug"


COLLECTIONS = {
    "kinds": Collection("taxonomy", "kinds"), "body areas": Collection("taxonomy", "body_areas"),
    "age groups": Collection("taxonomy", "age_groups"), "services": Collection("services", "services"),
    "conditions": Collection("conditions", "conditions"), "clinics": Collection("clinics", "clinics"),
    "glossary terms": Collection("glossary", "terms", "term"),
}
# (collection holding the reference, field, collection referred to)
REFERENCES = [
    ("conditions", "kind", "kinds"), ("conditions", "body_areas", "body areas"),
    ("conditions", "age_groups", "age groups"), ("conditions", "services", "services"),
    ("conditions", "related", "conditions"), ("conditions", "specialists", "glossary terms"),
    ("clinics", "services", "services"),
]


def load_site(root: Path, today: date | None = None, overdue_fails: bool = False) -> Site:
    """Read and check data/ and the pages' front matter under `root`.

    Raises DataError listing every problem found, so a writer fixes them all at
    once. Overdue reviews are problems when `overdue_fails`, else warnings on
    the returned Site.
    """
    shaped, problems = _read_data_files(root)
    page_problems, overdue = check_pages(root / "docs", root, today or date.today(), skip=GENERATED_PAGES)
    problems += page_problems + (overdue if overdue_fails else [])
    problems += _check_identities(shaped) + _check_references(shaped)
    if "clinics" in shaped:
        problems += check_clinics(shaped["clinics"])
    if "conditions" in shaped:
        problems += _check_prose_pages(shaped["conditions"], root)
    if problems:
        raise DataError(problems)
    site = _build_site(shaped)
    site.warnings = tuple(overdue)
    return site


def _read_data_files(root: Path) -> tuple[dict[str, YamlDocument], list[Problem]]:
    """The files that parse and match their schema, and the problems of all files."""
    shaped: dict[str, YamlDocument] = {}
    problems: list[Problem] = []
    for schema, filename in DATA_FILES.items():
        display = f"data/{filename}"
        document, found = read_yaml(root / "data" / filename, display)
        if document is not None:
            found = check_against_schema(document, schema, display)
            if not found:
                shaped[schema] = document
        problems += found
    return shaped, problems


def _check_identities(shaped: dict[str, YamlDocument]) -> list[Problem]:
    problems = []
    for collection in COLLECTIONS.values():
        if collection.file in shaped:
            problems += _duplicates(shaped[collection.file], collection)
    return problems


def _duplicates(doc: YamlDocument, collection: Collection) -> list[Problem]:
    items, id_field = doc.data[collection.key], collection.id_field
    counts = Counter(item[id_field] for item in items)
    return [_problem(doc, (collection.key, i, id_field), f"{item[id_field]!r} is used more than once (expected each {id_field} to be unique)")
            for i, item in enumerate(items) if counts[item[id_field]] > 1]


def _check_references(shaped: dict[str, YamlDocument]) -> list[Problem]:
    """Every slug or term a file names exists; checked wherever both files are in shape."""
    problems = []
    for holder, field, target in REFERENCES:
        source, goal = COLLECTIONS[holder], COLLECTIONS[target]
        if source.file in shaped and goal.file in shaped:
            known = {item[goal.id_field] for item in shaped[goal.file].data[goal.key]}
            problems += _unknown_references(shaped[source.file], source.key, field, known, target)
    return problems


def _unknown_references(doc: YamlDocument, key: str, field: str, known: set[str], target: str) -> list[Problem]:
    problems = []
    for i, item in enumerate(doc.data[key]):
        value = item.get(field, [])
        for at, name in ([((key, i, field), value)] if isinstance(value, str) else
                         [((key, i, field, j), v) for j, v in enumerate(value)]):
            if name not in known:
                problems.append(_problem(doc, at, f"{name!r} is not one of the {target} (expected one of: {', '.join(sorted(known))})"))
    return problems


def _check_prose_pages(doc: YamlDocument, root: Path) -> list[Problem]:
    """Each condition has docs/conditions/<slug>.md, and each such page has a condition."""
    folder = root / "docs" / "conditions"
    pages = {p.stem for p in folder.glob("*.md") if p.name not in GENERATED_CONDITION_PAGES}
    problems = []
    for i, item in enumerate(doc.data["conditions"]):
        if item["slug"] not in pages:
            problems.append(_problem(doc, ("conditions", i, "slug"),
                                     f"no prose page for {item['slug']!r} (expected docs/conditions/{item['slug']}.md)"))
    slugs = {item["slug"] for item in doc.data["conditions"]}
    for stem in sorted(pages - slugs):
        problems.append(Problem(f"docs/conditions/{stem}.md", 0, "",
                                f"this page has no condition in data/conditions.yml (expected a condition with slug {stem!r})"))
    for name in sorted(GENERATED_CONDITION_PAGES):
        if (folder / name).exists():
            problems.append(Problem(f"docs/conditions/{name}", 0, "", "the build writes this page itself; delete or rename the file"))
    return problems


def _problem(doc: YamlDocument, path: tuple, message: str) -> Problem:
    return Problem(doc.source, doc.line_of(path), field_name(path), message)


def _build_site(docs: dict[str, YamlDocument]) -> Site:
    taxonomy = docs["taxonomy"].data
    return Site(
        kinds=_groups(taxonomy["kinds"]),
        body_areas=_groups(taxonomy["body_areas"]),
        age_groups=_groups(taxonomy["age_groups"]),
        services=tuple(Service(**s) for s in docs["services"].data["services"]),
        conditions=tuple(_condition(c) for c in docs["conditions"].data["conditions"]),
        clinics=tuple(_clinic(c) for c in docs["clinics"].data["clinics"]),
        glossary=tuple(sorted((GlossaryTerm(**t) for t in docs["glossary"].data["terms"]), key=lambda t: t.term.lower())),
        clinics_are_sample=bool(docs["clinics"].data.get("sample_data", False)),
    )


def _groups(items: Iterable[dict[str, Any]]) -> tuple[Group, ...]:
    return tuple(Group(**item) for item in items)


def _condition(item: dict[str, Any]) -> Condition:
    lists = ("aliases", "body_areas", "age_groups", "services", "related", "specialists")
    return Condition(**{k: tuple(v) if k in lists else v for k, v in item.items()})


def _clinic(item: dict[str, Any]) -> Clinic:
    hours = tuple(DayHours(day, tuple(parse_ranges(item["hours"][day]))) for day in WEEKDAYS if day in item["hours"])
    return Clinic(slug=item["slug"], name=item["name"], address=Address(**item["address"]), phone=item["phone"],
                  lat=float(item["coordinates"]["lat"]), lon=float(item["coordinates"]["lon"]), timezone=item["timezone"],
                  hours=hours, services=tuple(item["services"]), languages=tuple(item["languages"]),
                  accessibility=tuple(item["accessibility"]))
