"""Writers' pages as records: path, title, front matter and body, read as the site generator reads them.

For what the build publishes besides the pages themselves (the content API, content_api.py).
A translation's build takes the pages it lacks from docs/ (languages.untranslated): those
records say they are not translated. No MkDocs import: the adapter passes its reader in.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .languages import SOURCE_LANGUAGE, docs_folder, untranslated
from .markdown_source import MarkdownReader


@dataclass(frozen=True)
class PageRecord:
    path: str  # under the language's pages folder, like conditions/stroke.md
    title: str  # front matter `title`, else the text of the page's first "# " heading, else ""
    meta: dict[str, Any] = field(default_factory=dict)  # the front matter, as the generator read it
    body: str = ""  # the Markdown after the front matter
    translated: bool = True  # False: a translation's build shows the English page (not translated yet)
    other_languages: tuple[str, ...] = ()  # the other languages whose builds have this page


def read_page_records(reader: MarkdownReader, root: Path, language: str = SOURCE_LANGUAGE,
                      languages: tuple[str, ...] = (SOURCE_LANGUAGE,)) -> list[PageRecord]:
    """Every page of `language`'s build under `root`, in path order: its own pages, then those it takes from docs/.
    `languages`: every language the site is built in."""
    source = root / docs_folder(SOURCE_LANGUAGE)
    found = [(relative, path, True) for relative, path in reader.pages(root / docs_folder(language))]
    found += [(relative, source / relative, False) for relative in untranslated(root, language, reader.excluded)
              if relative.endswith(reader.page_suffixes)]
    others = [code for code in languages if code != language]
    return sorted((_record(reader, path, relative, root, translated, tuple(code for code in others if _built_in(root, code, relative)))
                   for relative, path, translated in found), key=lambda record: record.path)


def _built_in(root: Path, language: str, relative: str) -> bool:
    """Whether `language`'s build has the page: its own, or (a translation) the English one."""
    return any((root / docs_folder(code) / relative).is_file() for code in {language, SOURCE_LANGUAGE})


def _record(reader: MarkdownReader, path: Path, relative: str, root: Path, translated: bool,
            other_languages: tuple[str, ...]) -> PageRecord:
    page = reader.read(path, path.relative_to(root).as_posix())
    meta = page.meta if isinstance(page.meta, dict) else {}
    title = meta["title"] if isinstance(meta.get("title"), str) else _first_heading(reader, page.body)
    return PageRecord(relative, title, meta, page.body, translated, other_languages)


def _first_heading(reader: MarkdownReader, body: str) -> str:
    """The text of the first level-1 heading, as Python-Markdown renders it (attribute lists and markup gone)."""
    return next((element.text for element in reader.elements(body) if element.tag == "h1"), "")
