"""Shared emergency signs (data/emergency_signs.yml): records, checks of the
pages that name them, and the script that lets search warn about emergency
symptoms (a script, not fetched JSON, so it also works from file://)."""
from __future__ import annotations

import json
import re
from difflib import get_close_matches
from pathlib import Path
from typing import Any, Callable, Iterable

from .search_words import accent_free
from .model import EmergencySign, Source
from .page_checks import split_front_matter
from .problems import Problem
from .yaml_source import YamlDocument, field_name, parse_yaml

EMERGENCY_DATA = "assets/javascripts/emergency-data.js"  # loaded on every page (mkdocs.yml extra_javascript)
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
    """The records of a checked data/emergency_signs.yml."""
    return tuple(
        EmergencySign(id=item["id"], title=item["title"], notice=item["notice"], signs=tuple(item["signs"]),
                      steps=tuple(item["steps"]), search_terms=tuple(item["search_terms"]),
                      sources=tuple(Source(**source) for source in item["sources"]), page=item.get("page", ""))
        for item in data["emergencies"])


def check_emergency_signs(document: YamlDocument, items: Iterable[tuple[int, dict[str, Any]]], root: Path,
                          generated: set[str]) -> list[Problem]:
    """Each entry's page exists, and no search term belongs to two entries."""
    problems = []
    owner: dict[str, str] = {}
    for i, item in items:
        page = item.get("page")
        if isinstance(page, str) and page not in generated and not (root / "docs" / page).is_file():
            problems.append(_problem(document, ("emergencies", i, "page"), f"no page docs/{page} (expected a page under docs/, like conditions/stroke.md)"))
        for j, term in enumerate(item.get("search_terms") or []):
            key = normalize(str(term))
            if key in owner and owner[key] != item.get("id"):
                problems.append(_problem(document, ("emergencies", i, "search_terms", j),
                                         f"{term!r} is already a search term of {owner[key]!r} (expected each term in one emergency only)"))
            owner.setdefault(key, str(item.get("id")))
    return problems


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
            guess = get_close_matches(name, sorted(known), n=1)
            hint = f"did you mean {guess[0]!r}? " if guess else ""
            message = f"not an id in data/emergency_signs.yml ({hint}expected one of: {', '.join(sorted(known))}; got {json.dumps(name)})"
            # Front matter starts on the page's second line, after the opening ---.
            problems.append(Problem(document.source, document.line_of(("emergencies", i)) + 1, field_name(("emergencies", i)), message))
    return problems


def emergency_script(signs: Iterable[EmergencySign], url_of: Callable[[str], str]) -> str:
    """JavaScript that sets window.otEmergencies = [{id, notice, title, url, terms}].

    `url_of` turns a page path under docs/ into its address relative to the site's root.
    """
    data = [{"id": s.id, "notice": s.notice, "title": s.title, "url": url_of(s.page) if s.page else "",
             "terms": sorted({normalize(t) for t in s.search_terms})} for s in signs]
    # "<" is written as \u003c so no value can close a script element early.
    return "window.otEmergencies = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c") + ";\n"


def page_url(path: str, directory_urls: bool = True) -> str:
    """The address MkDocs gives docs/`path`, relative to the site's root."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def _problem(document: YamlDocument, path: tuple, message: str) -> Problem:
    return Problem(document.source, document.line_of(path), field_name(path), message)
