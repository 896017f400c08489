"""Load data/*.yml into a Site, collecting every problem before failing once."""
from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from .front_matter import check_pages
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


def load_site(root: Path, today: date | None = None) -> Site:
    """Read and check data/ and the pages' front matter under `root`.

    Raises DataError listing every problem found, so a writer fixes them all at once.
    """
    documents, problems = _read_data_files(root)
    problems += check_pages(root / "docs", root, today or date.today(), skip=GENERATED_PAGES)
    if not problems:  # cross-checks need every file to have the right shape
        problems += _check_references(documents)
        problems += _check_prose_pages(documents["conditions"], root)
    if problems:
        raise DataError(problems)
    return _build_site(documents)


def _read_data_files(root: Path) -> tuple[dict[str, YamlDocument], list[Problem]]:
    documents: dict[str, YamlDocument] = {}
    problems: list[Problem] = []
    for schema, filename in DATA_FILES.items():
        display = f"data/{filename}"
        document, found = read_yaml(root / "data" / filename, display)
        if document is not None:
            found = check_against_schema(document, schema, display)
            documents[schema] = document
        problems += found
    return documents, problems


def _check_references(docs: dict[str, YamlDocument]) -> list[Problem]:
    """Unique slugs, and every slug a file names exists where it should."""
    problems: list[Problem] = []
    known: dict[str, set[str]] = {}
    lists = [("taxonomy", key) for key in ("kinds", "body_areas", "age_groups")] + [
        ("services", "services"), ("conditions", "conditions"), ("clinics", "clinics"), ("glossary", "terms")]
    for file, key in lists:
        id_field = "term" if key == "terms" else "slug"
        problems += _duplicates(docs[file], key, id_field)
        known[key] = {item[id_field] for item in docs[file].data[key]}
    refs = [("conditions", "conditions", "kind", "kinds"), ("conditions", "conditions", "body_areas", "body_areas"),
            ("conditions", "conditions", "age_groups", "age_groups"), ("conditions", "conditions", "services", "services"),
            ("conditions", "conditions", "related", "conditions"), ("clinics", "clinics", "services", "services")]
    for file, key, field, target in refs:
        problems += _unknown_references(docs[file], key, field, known[target], target)
    problems += _check_hours(docs["clinics"])
    return problems


def _duplicates(doc: YamlDocument, key: str, id_field: str) -> list[Problem]:
    counts = Counter(item[id_field] for item in doc.data[key])
    return [Problem(doc.source, doc.line_of((key, i, id_field)), f"{key}[{i}].{id_field}",
                    f"{item[id_field]!r} is used more than once (expected each {id_field} to be unique)")
            for i, item in enumerate(doc.data[key]) if counts[item[id_field]] > 1]


def _unknown_references(doc: YamlDocument, key: str, field: str, known: set[str], target: str) -> list[Problem]:
    problems = []
    for i, item in enumerate(doc.data[key]):
        values = item[field] if isinstance(item[field], list) else [item[field]]
        for j, value in enumerate(values):
            if value not in known:
                at = (key, i, field, j) if isinstance(item[field], list) else (key, i, field)
                choices = ", ".join(sorted(known))
                problems.append(Problem(doc.source, doc.line_of(at), field_name(at),
                                        f"{value!r} is not one of the {target.replace('_', ' ')} (expected one of: {choices})"))
    return problems


def _check_hours(doc: YamlDocument) -> list[Problem]:
    problems = []
    for i, clinic in enumerate(doc.data["clinics"]):
        for day, text in clinic["hours"].items():
            for opens, closes in _parse_ranges(text):
                if closes <= opens:
                    at = ("clinics", i, "hours", day)
                    problems.append(Problem(doc.source, doc.line_of(at), field_name(at),
                                            f"closes at {closes} before it opens at {opens} (expected opening time first)"))
    return problems


def _check_prose_pages(doc: YamlDocument, root: Path) -> list[Problem]:
    """Each condition has docs/conditions/<slug>.md, and each such page has a condition."""
    folder = root / "docs" / "conditions"
    pages = {p.stem for p in folder.glob("*.md") if p.name not in GENERATED_CONDITION_PAGES}
    problems = []
    for i, item in enumerate(doc.data["conditions"]):
        if item["slug"] not in pages:
            problems.append(Problem(doc.source, doc.line_of(("conditions", i, "slug")), f"conditions[{i}].slug",
                                    f"no prose page for {item['slug']!r} (expected docs/conditions/{item['slug']}.md)"))
    slugs = {item["slug"] for item in doc.data["conditions"]}
    for stem in sorted(pages - slugs):
        problems.append(Problem(f"docs/conditions/{stem}.md", 0, "",
                                f"this page has no condition in data/conditions.yml (expected a condition with slug {stem!r})"))
    for name in sorted(GENERATED_CONDITION_PAGES):
        if (folder / name).exists():
            problems.append(Problem(f"docs/conditions/{name}", 0, "", "the build writes this page itself; delete or rename the file"))
    return problems


def _parse_ranges(text: str) -> list[tuple[str, str]]:
    return [tuple(part.strip().split("-", 1)) for part in text.split(",")]  # type: ignore[misc]


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
    lists = ("aliases", "body_areas", "age_groups", "services", "related")
    return Condition(**{k: tuple(v) if k in lists else v for k, v in item.items()})


def _clinic(item: dict[str, Any]) -> Clinic:
    hours = tuple(DayHours(day, tuple(_parse_ranges(item["hours"][day]))) for day in WEEKDAYS if day in item["hours"])
    return Clinic(slug=item["slug"], name=item["name"], address=Address(**item["address"]), phone=item["phone"],
                  lat=float(item["coordinates"]["lat"]), lon=float(item["coordinates"]["lon"]), timezone=item["timezone"],
                  hours=hours, services=tuple(item["services"]), languages=tuple(item["languages"]),
                  accessibility=tuple(item["accessibility"]))
