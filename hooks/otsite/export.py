"""The portable core's output: every page and file the build adds or changes,
as plain Markdown (and the finder's script, the content API's JSON), for any static site generator.

One export per language, as one build per language: English paths are under
docs/, a translation's under its own folder (docs-es/); a page not translated
yet is the English page with the Spanish notice, as the build shows it."""
from __future__ import annotations

from pathlib import Path

import yaml

from .content_api import ApiSettings, api_files
from .i18n import gettext_for
from .languages import SOURCE_LANGUAGE, docs_folder, is_page, language_prefix, untranslated, untranslated_page
from .loading import GENERATED_PAGES
from .markdown_source import _TolerantLoader, default_excluded, default_reader
from .model import Site
from .page_records import read_page_records
from .page_checks import split_front_matter
from .rendering import compose_page, generated_assets, generated_pages
from .yaml_source import parse_yaml


def enabled_languages(root: Path) -> tuple[str, ...]:
    """The languages mkdocs.yml's extra.languages lists (English first), as the builds use them."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), _TolerantLoader) or {}  # noqa: S506
    except (OSError, yaml.YAMLError):
        config = {}
    listed = ((config.get("extra") or {}).get("languages")) or {}
    return (SOURCE_LANGUAGE, *[code for code in listed if code != SOURCE_LANGUAGE])


def export_folder(language: str) -> str:
    """Where a language's files go in the export: at its root for English, under es/ for Spanish (as in the site)."""
    return language_prefix(language)


def portable_files(root: Path, site: Site, directory_urls: bool = True, site_url: str = "",
                   languages: tuple[str, ...] | None = None) -> dict[str, str]:
    """{path under the language's pages folder: text} for generated pages and assets, the content API, and writers'
    pages as readers get them, in `site.language`; links as `directory_urls` (mkdocs.yml's use_directory_urls) writes
    them; `site_url` the language build's address (the API's absolute links; "" for a copy on disk); `languages` every
    language the site is built in (default: mkdocs.yml's)."""
    files = {**generated_pages(site, directory_urls), **generated_assets(site, directory_urls)}
    language = site.language
    languages = languages or enabled_languages(root)
    records = read_page_records(default_reader(root), root, language, languages)
    api = api_files(site, records, ApiSettings(language, languages, site_url, directory_urls))
    files.update({path: content.decode("utf-8") for path, content in api.items()})
    fallback = set(untranslated_pages(root, language))
    for relative, path in sorted(page_sources(root, language).items()):
        if relative in GENERATED_PAGES:
            continue
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
        document, _ = parse_yaml(front, relative) if front else (None, [])
        get_help = (document.data or {}).get("get_help") or {} if document else {}
        emergencies = (document.data or {}).get("emergencies") or [] if document else []
        composed = compose_page(site, relative, body, get_help, emergencies, directory_urls)
        if relative in fallback:
            composed = untranslated_page(composed, _notice(language))
        if composed != body:
            files[relative] = f"---\n{front}---\n{composed}" if front else composed
    return files


def untranslated_pages(root: Path, language: str) -> list[str]:
    """Pages of docs/ that `language` has no translation of yet: its build shows them in English."""
    return [path for path in untranslated(root, language, default_excluded) if is_page(path) and path.endswith(".md")]


def page_sources(root: Path, language: str) -> dict[str, Path]:
    """{path under the language's pages folder: source file} of every writer's page its build shows."""
    sources = {path.relative_to(folder).as_posix(): path
               for folder in [root / docs_folder(language)] for path in folder.rglob("*.md")}
    sources.update({path: root / docs_folder(SOURCE_LANGUAGE) / path for path in untranslated_pages(root, language)})
    return sources


def _notice(language: str) -> str:
    _ = gettext_for(language)
    # The same message as hooks/ot_site_hook.py's (one catalog entry).
    return _("This page is not translated into this language yet. Here it is in English.")


def write_files(files: dict[str, str], target: Path) -> None:
    for relative, text in files.items():
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(text, encoding="utf-8")
