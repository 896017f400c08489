"""The site in several languages: one build per language, each under its own folder.

English (the source language) is built at the site's root; every other language
under `<code>/` (Spanish: es/), from its own pages folder (docs-es/) mirroring docs/
path for path. A page links to the same page in each language; an English file with
no translation yet is built into the other language from docs/ (pages get a notice).
No MkDocs imports: the adapter passes in what it knows.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

SOURCE_LANGUAGE = "en"
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


@dataclass(frozen=True)
class Alternate:
    """The same page in one language: where a link from the current page leads."""

    language: str
    name: str  # the language's name in itself: "Español"
    href: str  # relative to the current page
    absolute: str  # with the site's address, or "" when the site has none (a copy on disk)
    current: bool


def docs_folder(language: str) -> str:
    """The folder holding a language's pages: docs/ for English, docs-<code>/ for the others."""
    return "docs" if language == SOURCE_LANGUAGE else f"docs-{language}"


def language_prefix(language: str) -> str:
    """Where a language's build sits under the site's root: "" for English, "es/" for Spanish."""
    return "" if language == SOURCE_LANGUAGE else f"{language}/"


def root_site_url(site_url: str, language: str) -> str:
    """The whole site's address, from a language build's own address (which ends in "es/")."""
    prefix = language_prefix(language)
    return site_url[: -len(prefix)] if prefix and site_url.endswith(prefix) else site_url


def alternates(page_url: str, language: str, languages: dict[str, str], site_url: str) -> list[Alternate]:
    """The page at `page_url` (as MkDocs gives it: "", "conditions/stroke/", "what-is-ot.html")
    in each language, linked relative to the page so the links work from disk too."""
    to_root = "../" * page_url.count("/") + "../" * language_prefix(language).count("/")
    base = root_site_url(site_url, language)
    return [Alternate(code, name, to_root + language_prefix(code) + page_url or "./",
                      base + language_prefix(code) + page_url if base else "", code == language)
            for code, name in languages.items()]


def site_alternates(language: str, languages: dict[str, str], site_url: str) -> list[Alternate]:
    """Each language's home page, linked from the site's path ("/", "/ot-guide/"): for the 404 page,
    which is served at any address, so a link relative to it would lead nowhere."""
    base = root_site_url(site_url, language)
    path = urlparse(base).path or "/"
    return [Alternate(code, name, path + language_prefix(code), base + language_prefix(code) if base else "", code == language)
            for code, name in languages.items()]


def untranslated(root: Path, language: str, excluded: Callable[[str], bool]) -> Iterator[str]:
    """Paths of files in docs/ with no counterpart in the language's folder: the build takes them from docs/."""
    if language == SOURCE_LANGUAGE:
        return
    source, target = root / docs_folder(SOURCE_LANGUAGE), root / docs_folder(language)
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source).as_posix()
        if path.is_file() and not excluded(relative) and not (target / relative).exists():
            yield relative


def is_page(path: str) -> bool:
    return path.endswith(PAGE_SUFFIXES)


def untranslated_page(markdown: str, notice: str) -> str:
    """An English page shown in another language's site: `notice` (in that language) on top, and the
    English text marked lang="en" so screen readers read it with English pronunciation."""
    return (f'<div class="ot-fallback-notice" markdown>\n\n{notice}\n\n</div>\n\n'
            f'<div lang="en" markdown>\n\n{markdown}\n\n</div>\n')
