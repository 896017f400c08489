"""The portable core's output: every page and file the build adds or changes,
as plain Markdown (and the finder's script), for any static site generator.

One export per language, as one build per language: English paths are under
docs/, a translation's under its own folder (docs-es/); a page not translated
yet is the English page with the Spanish notice, as the build shows it."""
from __future__ import annotations

from pathlib import Path

import yaml

from .i18n import gettext_for
from .languages import SOURCE_LANGUAGE, docs_folder, is_page, language_prefix, untranslated, untranslated_page
from .loading import GENERATED_PAGES
from .markdown_source import _TolerantLoader, default_excluded
from .model import Site
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


def portable_files(root: Path, site: Site) -> dict[str, str]:
    """{path under the language's pages folder: text} for generated pages and assets, and writers' pages
    as readers get them, in `site.language`."""
    files = {**generated_pages(site), **generated_assets(site)}
    language = site.language
    fallback = {path for path in untranslated(root, language, default_excluded) if is_page(path)}
    sources = {path.relative_to(folder).as_posix(): path
               for folder in [root / docs_folder(language)] for path in folder.rglob("*.md")}
    sources.update({path: root / docs_folder(SOURCE_LANGUAGE) / path for path in fallback if path.endswith(".md")})
    for relative, path in sorted(sources.items()):
        if relative in GENERATED_PAGES:
            continue
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
        document, _ = parse_yaml(front, relative) if front else (None, [])
        get_help = (document.data or {}).get("get_help") or {} if document else {}
        emergencies = (document.data or {}).get("emergencies") or [] if document else []
        composed = compose_page(site, relative, body, get_help, emergencies)
        if relative in fallback:
            composed = untranslated_page(composed, _notice(language))
        if composed != body:
            files[relative] = f"---\n{front}---\n{composed}" if front else composed
    return files


def _notice(language: str) -> str:
    _ = gettext_for(language)
    # The same message as hooks/ot_site_hook.py's (one catalog entry).
    return _("This page is not translated into this language yet. Here it is in English.")


def write_files(files: dict[str, str], target: Path) -> None:
    for relative, text in files.items():
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(text, encoding="utf-8")
