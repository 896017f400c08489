"""Load data/*.yml into a Site, collecting every problem before failing once."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from .bilingual import localized, missing_translations, term_clashes
from .catalog_checks import check_catalogs
from .collector import collector_paused
from .clinic_checks import check_clinics, check_credentials, parse_ranges
from .emergencies import check_emergency_signs, check_page_emergencies, emergency_signs
from .finder import FINDER_DATA, ZIP_TABLE
from .input_checks import check_clinic_times, check_generated_addresses, check_glossary_terms
from .languages import docs_folder
from .markdown_bounds import any_page_beyond
from .markdown_source import MarkdownReader, default_reader
from .page_checks import check_pages
from .project_links import links_out_of_project
from .model import WEEKDAYS, Address, Clinic, Condition, Credential, DayHours, GlossaryTerm, Group, Service, Site
from .plain_text import file_names_with_controls
from .problems import DataError, Problem
from .review import check_overdue, check_publishable, check_review
from .safety import safety_checks
from .schema_check import located_schema_errors
from .source_tiers import Tiers, check_sources, load_tiers
from .suggest import closest, did_you_mean
from .translation import translation_problems
from .yaml_source import FieldPath, NotUtf8, YamlDocument, read_yaml

# schema name -> file in data/
DATA_FILES = {name: f"{name}.yml" for name in ("taxonomy", "services", "conditions", "clinics", "glossary", "page_reviews")}
DATA_FILES["emergency_signs"] = "emergency_signs.yml"  # emergencies pages name in their front matter
DATA_FILES |= {"hazards": "hazards.yml", "triage_rules": "triage_rules.yml"}  # the safety case (otsite/safety.py)
# Files in docs/conditions/ that the build writes, not writers.
GENERATED_CONDITION_PAGES = {"index.md", "by-kind.md", "by-body-area.md", "by-age-group.md"}
# Pages under docs/ that the build writes; writers' files may not use these paths.
GENERATED_PAGES = {f"conditions/{name}" for name in GENERATED_CONDITION_PAGES} | {"glossary.md", "clinics/index.md"}


FILL_IN = "FILL IN"  # what scripts/new.py writes where a writer's words are still needed


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
    "emergency ids": Collection("emergency_signs", "emergencies", "id"),
    "credentials": Collection("services", "credentials", "id"),
}
# (collection holding the reference, field, collection referred to)
REFERENCES = [
    ("conditions", "kind", "kinds"), ("conditions", "body_areas", "body areas"),
    ("conditions", "age_groups", "age groups"), ("conditions", "services", "services"),
    ("conditions", "related", "conditions"), ("conditions", "specialists", "glossary terms"),
    ("clinics", "services", "services"), ("clinics", "staff_credentials", "credentials"),
    ("services", "requires_credential", "credentials"),
]


@dataclass
class DataFile:
    """A data file that parsed with the right overall shape, and the fields that broke its schema."""

    document: YamlDocument
    broken: list[FieldPath]  # the fields at fault, like ("clinics", 3, "phone")

    def items(self, key: str) -> list[tuple[int, dict[str, Any]]]:
        """(index, item) of each item of the list `key` that is a group of fields."""
        return [(i, item) for i, item in enumerate(self.document.data[key]) if isinstance(item, dict)]

    def fine(self, path: FieldPath) -> bool:
        """Whether the value at `path`, and everything in and around it, matched the schema."""
        return not any(bad[: len(path)] == path or path[: len(bad)] == bad for bad in self.broken)


@collector_paused()  # otsite/collector.py: with it running, loading grew faster than the data
def load_site(root: Path, today: date | None = None, reminders_fail: bool = False,
              refuse_drafts: bool = False, reader: MarkdownReader | None = None,
              language: str = "en", fail_stale_translations: bool = False, languages: tuple[str, ...] = ("en",)) -> Site:
    """Read and check data/ and the pages' front matter and HTML under `root`.

    Raises DataError listing every problem found, so a writer fixes them all at
    once: cross-checks run on every item whose own shape is right. Reminders
    (overdue reviews, template text still to fill in) are problems when
    `reminders_fail` (in CI), else warnings on the returned Site. With
    `refuse_drafts`, a page not yet clinically reviewed is a problem.
    `reader` reads pages as the site generator does (default: as MkDocs does).
    For a translation (`language` not "en"), a stale translation is a reminder, or a
    problem with `fail_stale_translations` (otsite/translation.py).
    Pages are read from `docs_folder(language)`. Data items need their translated fields (`es:`)
    for each of the enabled `languages` and `language`; the Site's records speak `language`.
    """
    outside = links_out_of_project(root)
    if outside:  # before reading anything such a link leads to
        raise DataError(outside)
    reader = reader or default_reader(root)
    files, problems = _read_data_files(root)
    tiers, tier_problems = load_tiers(root)  # data/publishers.yml: every source's publisher and tier
    problems += tier_problems + (_check_data_sources(tiers, files) if tiers else [])
    docs = root / docs_folder(language)
    page_problems, overdue = check_pages(reader, docs, root, today or date.today(), skip=GENERATED_PAGES,
                                         refuse_drafts=refuse_drafts, tiers=tiers)
    reminders = overdue + _unfinished(root, reader, docs)
    problems += _check_bounds(files, reader, root, docs) + check_catalogs(root)
    problems += file_names_with_controls(root, ("docs", docs_folder(language)))
    problems += page_problems + (reminders if reminders_fail else [])
    if any_page_beyond(reader, docs):  # the checks below could take hours on it: its bounds problem is reported now
        raise DataError(problems)
    if language != "en":
        wrong, stale = translation_problems(root, reader)
        problems += wrong + (stale if fail_stale_translations else [])
        reminders += stale  # not failed by reminders_fail: only the setting fails them
    problems += _check_identities(files) + _check_references(files)
    problems += missing_translations({name: file.document for name, file in files.items()}, {*languages, language})
    if "clinics" in files:
        problems += check_clinics(files["clinics"].document, files["clinics"].fine)
        if "services" in files:
            problems += check_credentials(files["clinics"], files["services"])
    if "emergency_signs" in files:
        problems += _check_emergencies(files["emergency_signs"], root, docs)
        problems += term_clashes(files["emergency_signs"].document, {*languages, language})
    if "conditions" in files:
        problems += _check_prose_pages(files["conditions"], root, reader, docs)
    found, later = safety_checks(*(_whole(files, name) for name in ("hazards", "emergency_signs", "triage_rules")),
                                 root, reader, docs, language, GENERATED_PAGES)
    problems += found + (later if reminders_fail else [])
    reminders += later  # a red flag without a hazard, a page missing its red flag: see otsite/safety.py
    if "page_reviews" in files:
        found, late = _check_page_reviews(files["page_reviews"].document, today or date.today(), refuse_drafts)
        problems += found + (late if reminders_fail else [])
        reminders += late
    if problems:
        raise DataError(problems)
    site = _build_site({name: file.document for name, file in files.items()}, language)
    site.warnings = tuple(reminders)
    data = files["emergency_signs"].document.data
    site.emergencies = emergency_signs({**data, "emergencies": [localized(item, language) for item in data["emergencies"]]})
    return site


def _check_page_reviews(document: YamlDocument, today: date, refuse_drafts: bool) -> tuple[list[Problem], list[Problem]]:
    """(problems, overdue reviews) of the review blocks of the pages the build writes."""
    problems: list[Problem] = []
    overdue: list[Problem] = []
    for page in document.data["pages"]:
        at = ("pages", page)
        found = check_review(document, document.source, today, at)
        problems += found + (check_publishable(document, document.source, at) if refuse_drafts else [])
        overdue += [] if found else check_overdue(document, document.source, today, at)
    return problems, overdue


def _check_data_sources(tiers: Tiers, files: dict[str, DataFile]) -> list[Problem]:
    """The sources of each emergency sign and of each page the build writes, by publisher tier (otsite/source_tiers.py)."""
    problems = []
    if "emergency_signs" in files:
        file = files["emergency_signs"]
        problems += [problem for i, _ in file.items("emergencies") if file.fine(("emergencies", i, "sources"))
                     for problem in check_sources(tiers, file.document, file.document.source, ("emergencies", i, "sources"))]
    if "page_reviews" in files:
        document = files["page_reviews"].document
        problems += [problem for page in document.data["pages"]
                     for problem in check_sources(tiers, document, document.source, ("pages", page, "sources"))]
    return problems


def _check_emergencies(file: DataFile, root: Path, docs: Path) -> list[Problem]:
    """The shared emergency signs, and the ids pages name in their `emergencies:` front matter."""
    known = {value for _, value in _ids(file, COLLECTIONS["emergency ids"])}
    return (check_emergency_signs(file.document, file.items("emergencies"), root, GENERATED_PAGES)
            + check_page_emergencies(docs, root, known, skip=GENERATED_PAGES))


def _check_bounds(files: dict[str, DataFile], reader: MarkdownReader, root: Path, docs: Path) -> list[Problem]:
    """Time zones and clock times, glossary terms unique beyond case, no writer's page where the build writes one."""
    problems = []
    if "clinics" in files:
        problems += check_clinic_times(files["clinics"].document, files["clinics"].fine)
    if "glossary" in files:
        problems += check_glossary_terms(files["glossary"].document, files["glossary"].fine)
    generated = {path: "the site's data" for path in GENERATED_PAGES} | {path: "the finder" for path in (FINDER_DATA, ZIP_TABLE)}
    if "clinics" in files:
        generated |= {f"clinics/{slug}.md": "data/clinics.yml" for _, slug in _ids(files["clinics"], COLLECTIONS["clinics"])}
    writers = [relative for relative, _ in reader.pages(docs)]
    writers += [path for path in (FINDER_DATA, ZIP_TABLE) if (docs / path).exists()]
    return problems + check_generated_addresses(writers, generated)


def _unfinished(root: Path, reader: MarkdownReader, docs: Path) -> list[Problem]:
    """Lines still holding the FILL IN text that scripts/new.py leaves for writers."""
    found = []
    for path in sorted([*(root / "data").glob("*.yml"), *(path for _, path in reader.pages(docs))]):
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if FILL_IN in line:
                found.append(Problem(path.relative_to(root).as_posix(), number, "",
                                     f"this line still holds the template's {FILL_IN} text (expected your own words)"))
    return found


def _read_data_files(root: Path) -> tuple[dict[str, DataFile], list[Problem]]:
    """The files that parse with the right overall shape, and the problems of all files."""
    files: dict[str, DataFile] = {}
    problems: list[Problem] = []
    for schema, filename in DATA_FILES.items():
        display = f"data/{filename}"
        document, found = read_yaml(root / "data" / filename, display)
        if document is not None:
            located = located_schema_errors(document, schema, display)
            found = [problem for _, problem in located]
            # Items can be cross-checked one by one unless the file's outline (its lists) is wrong.
            if all(len(path) >= 3 and isinstance(path[1], int) for path, _ in located):
                files[schema] = DataFile(document, [path for path, _ in located])
        problems += found
    return files, problems


def _whole(files: dict[str, DataFile], name: str) -> YamlDocument | None:
    """The document of a data file that matched its schema entirely, or None."""
    file = files.get(name)
    return file.document if file is not None and not file.broken else None


def _ids(file: DataFile, collection: Collection) -> list[tuple[int, str]]:
    """(index, identifier) of every item whose identifier is text, even if the item has other problems."""
    return [(i, item[collection.id_field]) for i, item in file.items(collection.key)
            if file.fine((collection.key, i, collection.id_field))]


def _check_identities(files: dict[str, DataFile]) -> list[Problem]:
    problems = []
    for collection in COLLECTIONS.values():
        if collection.file in files:
            problems += _duplicates(files[collection.file], collection)
    return problems


def _duplicates(file: DataFile, collection: Collection) -> list[Problem]:
    ids = _ids(file, collection)
    counts = Counter(value for _, value in ids)
    id_field = collection.id_field
    return [_problem(file.document, (collection.key, i, id_field), f"{value!r} is used more than once (expected each {id_field} to be unique)")
            for i, value in ids if counts[value] > 1]


def _check_references(files: dict[str, DataFile]) -> list[Problem]:
    """Every slug or term an item names exists, for items whose own shape is right."""
    problems = []
    for holder, field, target in REFERENCES:
        source, goal = COLLECTIONS[holder], COLLECTIONS[target]
        if source.file in files and goal.file in files:
            known = {value for _, value in _ids(files[goal.file], goal)}
            problems += _unknown_references(files[source.file], source.key, field, known, target)
    return problems


def _unknown_references(file: DataFile, key: str, field: str, known: set[str], target: str) -> list[Problem]:
    problems = []
    doc = file.document
    for i, item in file.items(key):
        if not file.fine((key, i, field)):
            continue
        value = item.get(field, [])
        for at, name in ([((key, i, field), value)] if isinstance(value, str) else
                         [((key, i, field, j), v) for j, v in enumerate(value)]):
            if name not in known:
                hint = did_you_mean(closest(str(name), known))
                problems.append(_problem(doc, at, f"{name!r} is not one of the {target} ({hint}expected one of: {', '.join(sorted(known))})"))
    return problems


def _check_prose_pages(file: DataFile, root: Path, reader: MarkdownReader, docs: Path) -> list[Problem]:
    """Each condition has docs/conditions/<slug>.md, and each such page (in `docs`, the build's language) has a condition.

    A translation may lack a page: the build then takes the English one (otsite/languages.py).
    """
    def stems(folder: Path) -> set[str]:
        return {p.stem for p in folder.glob("*.md") if p.name not in GENERATED_CONDITION_PAGES}
    folder = docs / "conditions"
    pages, english = stems(folder), stems(root / "docs" / "conditions")
    problems = []
    ids = _ids(file, COLLECTIONS["conditions"])
    for i, slug in ids:
        if slug not in english:
            problems.append(_problem(file.document, ("conditions", i, "slug"),
                                     f"no prose page for {slug!r} (expected docs/conditions/{slug}.md)"))
    slugs = {slug for _, slug in ids}
    for stem in sorted(pages - slugs):
        hint = did_you_mean(closest(stem, slugs - pages))  # a misspelled file name: the condition still lacks its page
        problems.append(Problem(f"{folder.relative_to(root).as_posix()}/{stem}.md", 0, "",
                                f"this page has no condition in data/conditions.yml ({hint}expected a condition with slug {stem!r})"))
    for slug in sorted(pages & slugs):
        problems += _heading_in_prose(folder / f"{slug}.md", root, reader)
    return problems  # a page at a generated page's address: _check_bounds


def _heading_in_prose(page: Path, root: Path, reader: MarkdownReader) -> list[Problem]:
    """A top-level heading (# Title, a === underline or <h1>) in a condition's prose would give its page two titles."""
    display = page.relative_to(root).as_posix()
    try:
        source = reader.read(page, display)
    except NotUtf8:
        return []  # reported with the page's other problems
    return [Problem(display, source.body_line + element.line - 1, "",
                    "a condition page gets its title from data/conditions.yml (expected no '# ' heading here; use '## ' for sections)")
            for element in reader.elements(source.body) if element.tag == "h1"]


def _problem(doc: YamlDocument, path: tuple, message: str) -> Problem:
    return doc.problem(path, message)


def _build_site(docs: dict[str, YamlDocument], language: str = "en") -> Site:
    """The records, each with its reader-facing fields in `language` (bilingual.py)."""
    def items(name: str, key: str, renamed: dict[str, str] | None = None) -> list[dict[str, Any]]:
        return [localized(item, language, renamed) for item in docs[name].data[key]]
    return Site(
        kinds=_groups(items("taxonomy", "kinds")),
        body_areas=_groups(items("taxonomy", "body_areas")),
        age_groups=_groups(items("taxonomy", "age_groups")),
        services=tuple(_service(s) for s in items("services", "services")),
        credentials=tuple(Credential(**c) for c in items("services", "credentials")),
        conditions=tuple(_condition(c) for c in items("conditions", "conditions")),
        clinics=tuple(_clinic(c) for c in items("clinics", "clinics")),
        glossary=tuple(sorted((GlossaryTerm(**{"label": t["term"], **t}) for t in items("glossary", "terms", {"term": "label"})),
                              key=lambda t: t.label.casefold())),
        page_reviews=docs["page_reviews"].data["pages"],
        language=language,
    )


def _groups(items: Iterable[dict[str, Any]]) -> tuple[Group, ...]:
    return tuple(Group(**item) for item in items)


def _service(item: dict[str, Any]) -> Service:
    return Service(**{**item, "requires_credential": tuple(item.get("requires_credential", ()))})


def _condition(item: dict[str, Any]) -> Condition:
    lists = ("aliases", "misspellings", "symptoms", "body_areas", "age_groups", "services", "related", "specialists")
    return Condition(**{k: tuple(v) if k in lists else v for k, v in item.items()})


def _clinic(item: dict[str, Any]) -> Clinic:
    hours = tuple(DayHours(day, tuple(parse_ranges(item["hours"][day]))) for day in WEEKDAYS if day in item["hours"])
    return Clinic(slug=item["slug"], name=item["name"], address=Address(**item["address"]), phone=item["phone"],
                  lat=float(item["coordinates"]["lat"]), lon=float(item["coordinates"]["lon"]), timezone=item["timezone"],
                  hours=hours, services=tuple(item["services"]), languages=tuple(item["languages"]),
                  accessibility=tuple(item["accessibility"]), sample_data=item["sample_data"],
                  staff_credentials=tuple(item["staff_credentials"]))
