"""Shared emergency signs (data/emergency_signs.yml): records, checks of the
pages that name them, and the script that lets search warn about emergency
symptoms (a script, not fetched JSON, so it also works from file://)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable, Iterable

from .search_words import accent_free
from .model import EmergencySign, Source
from .page_checks import split_front_matter
from .problems import Problem
from .script_data import assignment
from .suggest import closest, did_you_mean
from .yaml_source import YamlDocument, field_name, parse_yaml

EMERGENCY_DATA = "assets/javascripts/emergency-data.js"  # loaded with the search, when a reader first uses it (ot.js)
_APOSTROPHES = re.compile(r"['\u2019]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalize(text: str) -> str:
    """Lowercase words separated by single spaces, accents and punctuation dropped ("Can't speak!" -> "cant speak",
    "Cara caída" -> "cara caida").

    overrides/assets/javascripts/emergency-search.js normalizes queries the same way.
    """
    plain = accent_free(text.lower())  # "caída" -> "caida", as readers on phones type it
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", plain)).strip()


def mentions(text: str, term: str) -> bool:
    """Whether `text` holds `term` as whole words, ignoring case and punctuation."""
    return f" {normalize(term)} " in f" {normalize(text)} "


def emergency_signs(data: dict[str, Any]) -> tuple[EmergencySign, ...]:
    """The records of a checked data/emergency_signs.yml, each with its level's urgency (0: most urgent)."""
    levels = list(data.get("levels") or [])
    return tuple(
        EmergencySign(id=item["id"], title=item["title"], notice=item["notice"], signs=tuple(item["signs"]),
                      steps=tuple(item["steps"]), search_terms=tuple(item["search_terms"]),
                      sources=tuple(Source(**source) for source in item["sources"]), page=item.get("page", ""),
                      level=item.get("level", ""), notice_signs=tuple(item.get("notice_signs") or ()),
                      urgency=levels.index(item["level"]) if item.get("level") in levels else len(levels))
        for item in data["emergencies"])


def shared_terms(data: Any) -> set[str]:
    """The normalized search terms data/emergency_signs.yml lets belong to more than one emergency."""
    terms = data.get("shared_search_terms") if isinstance(data, dict) else None
    return {normalize(str(term)) for term in terms} if isinstance(terms, list) else set()


def term_owner_problems(document: YamlDocument, entries: Iterable[tuple[tuple, str, str, Any]]) -> list[Problem]:
    """Each search term of one language in one emergency only, unless listed in `shared_search_terms`.

    `entries` are (path of an emergency's terms list, its field name for messages, its id, the terms).
    """
    shared = shared_terms(document.data)
    owner: dict[str, str] = {}
    problems = []
    for at, field, name, terms in entries:
        for j, term in enumerate(terms if isinstance(terms, list) else []):
            key = normalize(str(term))
            if owner.setdefault(key, name) != name and key not in shared:
                problems.append(Problem(document.source, document.line_of((*at, j)), f"{field}[{j}]",
                                        f"{term!r} is already a search term of {owner[key]!r} "
                                        "(expected each term in one emergency only, or the term in shared_search_terms)"))
    return problems


def unshared_terms(document: YamlDocument, items: Iterable[tuple[int, dict[str, Any]]]) -> list[Problem]:
    """Each term of `shared_search_terms` is a search term of two emergencies or more, in some language."""
    owners: dict[str, set[str]] = {}
    for _, item in items:
        lists = [item.get("search_terms"), *(value.get("search_terms") for value in item.values() if isinstance(value, dict))]
        for terms in lists:
            for term in terms if isinstance(terms, list) else []:
                owners.setdefault(normalize(str(term)), set()).add(str(item.get("id")))
    shared = document.data.get("shared_search_terms") if isinstance(document.data, dict) else None
    return [_problem(document, ("shared_search_terms", k),
                     f"{term!r} is a search term of {len(owners.get(normalize(str(term)), ()))} emergencies (expected only terms that two or more list)")
            for k, term in enumerate(shared if isinstance(shared, list) else []) if len(owners.get(normalize(str(term)), ())) < 2]


def check_emergency_signs(document: YamlDocument, items: Iterable[tuple[int, dict[str, Any]]], root: Path,
                          generated: set[str]) -> list[Problem]:
    """Each entry's page exists, and no search term belongs to two entries unless it is shared."""
    items = list(items)
    problems = []
    entries = []
    for i, item in items:
        page = item.get("page")
        if isinstance(page, str) and page not in generated and not (root / "docs" / page).is_file():
            problems.append(_problem(document, ("emergencies", i, "page"), f"no page docs/{page} (expected a page under docs/, like conditions/stroke.md)"))
        at = ("emergencies", i, "search_terms")
        entries.append((at, field_name(at), str(item.get("id")), item.get("search_terms")))
    return problems + term_owner_problems(document, entries) + unshared_terms(document, items)


def check_page_emergencies(docs_dir: Path, root: Path, known: set[str], skip: set[str]) -> list[Problem]:
    """Every id a page names in `emergencies:` is one of data/emergency_signs.yml."""
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        if path.relative_to(docs_dir).as_posix() in skip:
            continue
        front, _ = split_front_matter(path.read_text(encoding="utf-8", errors="replace"))
        document, _ = parse_yaml(front, path.relative_to(root).as_posix()) if "emergencies" in front else (None, [])
        if document is not None and isinstance(document.data, dict):
            problems += _unknown_ids(document, known)
    return problems


def _unknown_ids(document: YamlDocument, known: set[str]) -> list[Problem]:
    ids = document.data.get("emergencies")
    if not isinstance(ids, list):
        return []  # the page schema reports it
    problems = []
    for i, name in enumerate(ids):
        if isinstance(name, str) and name not in known:
            message = f"not an id in data/emergency_signs.yml ({did_you_mean(closest(name, known))}expected one of: {', '.join(sorted(known))}; got {json.dumps(name)})"
            # Front matter starts on the page's second line, after the opening ---.
            problems.append(Problem(document.source, document.line_of(("emergencies", i)) + 1, field_name(("emergencies", i)), message))
    return problems


def emergency_script(signs: Iterable[EmergencySign], url_of: Callable[[str], str]) -> str:
    """JavaScript that sets window.otEmergencies = [{id, notice, title, url, terms}], most urgent first
    (by level, then in the data file's order), the order a search shows the notices it matches.

    `url_of` turns a page path under docs/ into its address relative to the site's root.
    """
    ordered = sorted(signs, key=lambda s: s.urgency)  # a stable sort: the file's order within a level
    data = [{"id": s.id, "notice": s.notice, "title": s.title, "url": url_of(s.page) if s.page else "",
             "terms": sorted({normalize(t) for t in s.search_terms})} for s in ordered]
    return assignment("otEmergencies", data)  # < > & U+2028 U+2029 escaped (otsite/script_data.py)


def page_url(path: str, directory_urls: bool = True) -> str:
    """The address MkDocs gives docs/`path`, relative to the site's root."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def _problem(document: YamlDocument, path: tuple, message: str) -> Problem:
    return document.problem(path, message)
