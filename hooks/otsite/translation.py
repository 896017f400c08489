"""Translation status: is each Spanish page (docs-es/) a translation of its English page (docs/) as it is now?

A Spanish page records, in its front matter, the English page it translates and the
sha256 of that file's bytes when it was translated:

    translation:
      source: what-is-ot.md          # path under docs/, the same path as the Spanish page's under docs-es/
      source_sha256: <64 hex>
      status: draft                  # or: reviewed (then reviewer and reviewed are required)
      translated: 2026-11-28

When the English file's bytes change, the recorded hash no longer matches: the translation
is stale. Stale translations are reminders (warnings) unless the setting
OT_FAIL_STALE_TRANSLATIONS=1 (or mkdocs.yml's extra.fail_stale_translations) makes them errors.
An English page with no Spanish file is "missing": the build serves the English page with
a Spanish notice (otsite/languages.py, untranslated_page). No MkDocs imports here.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from .markdown_source import MarkdownReader
from .problems import Problem
from .yaml_source import NotUtf8, YamlDocument, parse_yaml

ENGLISH_DOCS = "docs"
SPANISH_DOCS = "docs-es"
# Pages under docs/ that are not reader pages to translate.
NOT_TRANSLATED: frozenset[str] = frozenset()

CURRENT = "current"  # the recorded hash is the English file's hash now
STALE = "stale"  # the English page changed since the translation
MISSING = "missing"  # an English page with no Spanish file (readers get the English page and a notice)
ORPHAN = "orphan"  # a Spanish page whose source names no English file, or another page's file
UNTRACKED = "untracked"  # a Spanish page with no usable translation block

DRAFT = "draft"
REVIEWED = "reviewed"
DRAFT_LABEL_ES = "Traducción pendiente de revisión"  # what Spanish readers see for a draft translation
FAIL_STALE_SETTING = "OT_FAIL_STALE_TRANSLATIONS"  # environment variable; extra.fail_stale_translations does the same
FAIL_STALE_EXTRA = "fail_stale_translations"
HASH_FIELD = ("translation", "source_sha256")
# The source_sha256 line: its key and value (a hash, or a placeholder like "new"; quoted or not), the rest kept.
_HASH_LINE = re.compile(r"(?P<key>\s*source_sha256:[ \t]*)(?P<value>\"[^\"]*\"|'[^']*'|[^\s#]+)")
_TRUE = ("true", "1", "yes")


@dataclass(frozen=True)
class TranslationState:
    """Where one page stands: its Spanish file, the English file it translates, and the state of the pair."""

    page: str  # docs-es/what-is-ot.md (for a missing page: where its Spanish file would go)
    source: str  # docs/what-is-ot.md ("" when the Spanish page names none)
    state: str  # CURRENT, STALE, MISSING, ORPHAN or UNTRACKED
    line: int = 0  # line of translation.source_sha256 (or of the problem) in the Spanish page; 0 when none
    recorded: str = ""  # the hash the Spanish page records
    now: str = ""  # the English file's hash now ("" when there is no English file)
    status: str = ""  # the translation's review status: draft or reviewed ("" when untracked or missing)
    detail: str = ""  # for ORPHAN and UNTRACKED: what is wrong


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, as a translation's source_sha256 records it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def translation_status(root: Path, reader: MarkdownReader | None = None) -> list[TranslationState]:
    """The state of every Spanish page and of every English page without one, sorted by Spanish path."""
    reader = reader or MarkdownReader()
    english = {relative for relative, _ in reader.pages(root / ENGLISH_DOCS)} - NOT_TRANSLATED
    spanish = dict(reader.pages(root / SPANISH_DOCS)) if (root / SPANISH_DOCS).is_dir() else {}
    states = [_state(root, reader, relative, path) for relative, path in spanish.items()]
    states += [TranslationState(f"{SPANISH_DOCS}/{relative}", f"{ENGLISH_DOCS}/{relative}", MISSING,
                                now=file_sha256(root / ENGLISH_DOCS / relative))
               for relative in english - spanish.keys()]
    return sorted(states, key=lambda state: state.page)


def _state(root: Path, reader: MarkdownReader, relative: str, path: Path) -> TranslationState:
    display = f"{SPANISH_DOCS}/{relative}"
    document = _front_matter(reader, path, display)
    block = document.data.get("translation") if document and isinstance(document.data, dict) else None
    if not isinstance(block, dict) or not isinstance(block.get("source"), str) or block.get("source_sha256") in (None, ""):
        return TranslationState(display, "", UNTRACKED, _line(document, ("translation",)),
                                detail="the page records no translation block with source and source_sha256 "
                                       f"(expected translation: {{source: {relative}, source_sha256: ..., status: draft, translated: ...}})")
    source, recorded, status = block["source"], str(block["source_sha256"]), str(block.get("status", ""))
    english = root / ENGLISH_DOCS / source
    if source != relative:
        return TranslationState(display, f"{ENGLISH_DOCS}/{source}", ORPHAN, _line(document, ("translation", "source")),
                                recorded, status=status,
                                detail=f"expected {relative}, the English page at the same path under {ENGLISH_DOCS}/, got {source!r}")
    if not english.is_file():
        return TranslationState(display, f"{ENGLISH_DOCS}/{source}", ORPHAN, _line(document, ("translation", "source")),
                                recorded, status=status,
                                detail=f"there is no English page {ENGLISH_DOCS}/{source} (expected a Spanish page only for "
                                       "an English page; remove this page or restore the English one)")
    now = file_sha256(english)
    return TranslationState(display, f"{ENGLISH_DOCS}/{source}", CURRENT if recorded == now else STALE,
                            _line(document, HASH_FIELD), recorded, now, status)


def _front_matter(reader: MarkdownReader, path: Path, display: str) -> YamlDocument | None:
    try:
        page = reader.read(path, display)
    except NotUtf8:
        return None  # the page checks report it
    document, _ = parse_yaml(page.yaml_text, display) if page.yaml_text else (None, [])
    return document


def _line(document: YamlDocument | None, path: tuple) -> int:
    """The line of `path` in the page file (front matter starts on line 2, after the opening ---)."""
    return document.line_of(path) + 1 if document else 1


def stale_message(state: TranslationState) -> str:
    """What a translator reads about a stale translation (without the file:line: field: prefix)."""
    return (f"the English page {state.source} changed since this translation (expected the translation to be updated, "
            f"then source_sha256 set to {state.now}: scripts/translation_status.py --update-hash {state.page})")


def stale_translation_problems(root: Path, reader: MarkdownReader | None = None) -> list[Problem]:
    """A problem for every stale Spanish page, at its source_sha256 line: reminders, or errors with the setting on."""
    return [Problem(state.page, state.line, "translation.source_sha256", stale_message(state))
            for state in translation_status(root, reader) if state.state == STALE]


def translation_problems(root: Path, reader: MarkdownReader | None = None) -> tuple[list[Problem], list[Problem]]:
    """(problems, stale translations): problems are always errors (a Spanish page naming no or the wrong English
    page, a draft naming a reviewer); stale translations are reminders unless the setting makes them errors."""
    states = translation_status(root, reader)
    problems = [Problem(s.page, s.line, "translation" if s.state == UNTRACKED else "translation.source", s.detail)
                for s in states if s.state in (ORPHAN, UNTRACKED)]
    problems += _draft_with_reviewer(root, reader or MarkdownReader(), states)
    stale = [Problem(s.page, s.line, "translation.source_sha256", stale_message(s)) for s in states if s.state == STALE]
    return problems, stale


def _draft_with_reviewer(root: Path, reader: MarkdownReader, states: list[TranslationState]) -> list[Problem]:
    """A draft translation names no reviewer, so no reader takes it for a reviewed one."""
    found = []
    for state in states:
        if state.status != DRAFT:
            continue
        document = _front_matter(reader, root / state.page, state.page)
        block = document.data["translation"] if document else {}
        found += [Problem(state.page, _line(document, ("translation", key)), f"translation.{key}",
                          f"a draft translation names no {key} (expected no reviewer and no reviewed date until a "
                          f"qualified medical translator has checked it; then set status: {REVIEWED})")
                  for key in ("reviewer", "reviewed") if key in block]
    return found


def fail_stale_translations(extra: Mapping[str, Any], environ: Mapping[str, str]) -> bool:
    """Whether stale translations stop the build: OT_FAIL_STALE_TRANSLATIONS=1, or extra.fail_stale_translations."""
    return environ.get(FAIL_STALE_SETTING, "").lower() in _TRUE or bool(extra.get(FAIL_STALE_EXTRA))


def update_hash(root: Path, page: str) -> tuple[str, str]:
    """Set the Spanish page's translation.source_sha256 to its English page's hash now; (old, new).

    Only the hash changes: every other byte of the file stays as it was. Raises ValueError,
    in a translator's words, when the page cannot be updated this way.
    """
    states = {state.page: state for state in translation_status(root)}
    state = states.get(page)
    if state is None or state.state == MISSING:
        raise ValueError(f"{page}: no such Spanish page (expected a path like {SPANISH_DOCS}/what-is-ot.md)")
    if state.state in (ORPHAN, UNTRACKED):
        raise ValueError(f"{page}:{state.line}: {state.detail}")
    path = root / page
    lines = path.read_bytes().splitlines(keepends=True)
    line = lines[state.line - 1].decode("utf-8")
    found = _HASH_LINE.match(line)
    if not found:
        raise ValueError(f"{page}:{state.line}: translation.source_sha256: expected the hash on this line, "
                         "like source_sha256: <64 hex digits>")
    lines[state.line - 1] = f"{found['key']}{state.now}{line[found.end('value'):]}".encode("utf-8")
    path.write_bytes(b"".join(lines))
    return state.recorded, state.now
