"""MkDocs adapter for the site's core (hooks/otsite): a thin layer, no rendering here.

Events used, and why:
- on_pre_build: load and check data/ and every page's front matter before
  MkDocs empties site/, so bad input stops the build and the last good site
  stays. Data is read here, not at import, because `mkdocs serve` does not
  reload hook modules; `watch: [data]` in mkdocs.yml triggers the rebuild.
- on_files: add the generated pages (indexes, clinics, glossary).
- on_page_markdown: put each condition's heading, facts and clinics around
  the writer's prose.
- on_page_content: escape titles and descriptions, which Material prints
  into every page's HTML without escaping.
"""
from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from otsite.loading import load_site
from otsite.model import Site
from otsite.problems import DataError
from otsite.rendering import condition_page, generated_pages, with_help_box

log = get_plugin_logger("ot-site")
_site: Site | None = None  # the data of the build in progress


def on_pre_build(config: MkDocsConfig) -> None:
    global _site
    root = Path(config.config_file_path).parent
    try:
        _site = load_site(root)
    except DataError as error:
        raise PluginError(error.report()) from None
    config.mdx_configs.setdefault("abbr", {})["glossary"] = _site.abbreviations()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path, markdown in generated_pages(_current_site()).items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path}: the build writes this page itself; delete or rename the file")
        files.append(File.generated(config, path, content=markdown))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    folder, _, name = page.file.src_uri.rpartition("/")
    slug = name.removesuffix(".md")
    site = _current_site()
    get_help = page.meta.get("get_help") or {}
    if folder == "conditions" and site.has_condition(slug):
        return condition_page(site, slug, markdown, get_help)
    return with_help_box(markdown, get_help)


def on_page_content(html_content: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    # Every title and description may come from a writer or from data.
    page.title = html.escape(page.title or "", quote=True)  # type: ignore[misc]
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = html.escape(page.meta[key], quote=True)
    return None


def _current_site() -> Site:
    if _site is None:
        raise PluginError("the site's data was not loaded (on_pre_build did not run)")
    return _site
