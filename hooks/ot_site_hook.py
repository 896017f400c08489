"""MkDocs adapter for the site's core (hooks/otsite): a thin layer of events that delegate, no rendering here.

Its state lives on one Session object (site_build.py: the process's serve-time caches, serve_caches.py, and
each build's SiteBuild), its settings in one BuildSettings read once per build from `extra` and the
environment (otsite/settings.py), and everything that reaches into MkDocs's or Material's internals in
theme_seams.py, which also stops a build on a version no seam was checked on.

Events used, and why:
- on_startup: note a `--dirty` build, which must reuse its output folder, and `serve`, which keeps caches.
- on_config: first the versions (theme_seams.check_versions); then refuse what the build may not read
  (links out of the project or into .git, node_modules..., files in docs/ and docs-es/ that are not pages
  or pictures, a docs/es/ folder: otsite/build_inputs.py), before the catalogs or anything else is read;
  it runs again on every `mkdocs serve` rebuild. Then widen the search separator so stop words ("in",
  "my", "the") never decide a match (otsite/search_words.py).
- on_pre_build: load and check data/ and every page's front matter and HTML before MkDocs empties the
  output folder, so bad input stops the build and the last good site stays. Data is read here, not at
  import, because `mkdocs serve` does not reload hook modules; `watch: [data]` in mkdocs.yml triggers the
  rebuild. Reminders (an overdue review, FILL IN text left from a template) are warnings locally and
  errors in CI. Output then goes to a scratch folder, swapped in by on_post_build only if the build
  succeeds (links included).
- on_files: add the generated pages (indexes, clinics, glossary) and the finder's data.
- on_page_markdown: put each condition's heading, facts and clinics around the writer's prose, and add
  "when to get help" boxes. The words readers search with (a condition's other names and misspellings, a
  page's keywords) become the page's search tags, which Material's search ranks above the text; the page
  shows its other names, never its keywords or misspellings. The site's own JSON-LD and finder form are
  held out under a placeholder.
- on_page_content: sanitize every page's HTML against an allowlist (the safety layer, otsite/sanitize.py),
  then put the held blocks back; note each page's anchors; escape titles, descriptions, table-of-contents
  entries and search tags, which Material prints (or its search shows) as HTML.
- on_page_context: a generated page of finished HTML (otsite/finished_html.py) shows Material's search
  only the part it indexes, then gets its content back; Spanish search entries get accent-free words.
- on_env: check writers' links and #anchors, naming file and line. Under `mkdocs serve`, pages whose every
  input is unchanged since the last rebuild reuse that build's output instead of a theme render.
- on_post_page, on_post_template: keep (serve) or reuse a page's output; mend two bits of Material's markup
  that break HTML validity and live outside any partial a theme override can replace.
"""
from __future__ import annotations

import html
import logging
from collections.abc import Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from otsite.abbreviations import LinearAbbreviations
from otsite.build_inputs import input_problems
from otsite.collector import keep_out_of_collections, release
from otsite.content_api import ApiSettings, api_files
from otsite.page_records import read_page_records
from otsite.finished_html import FinishedFragments, as_content, indexed_part, is_finished, toc_tokens
from otsite.i18n import gettext_for, install_theme
from otsite.languages import alternates, is_page, language_prefix, site_alternates, untranslated, untranslated_page
from otsite.link_check import SourcePage, check_links, ids_in
from otsite.loading import load_site
from otsite.model import Site
from otsite.plain_text import nav_titles_with_controls
from otsite.problems import DataError
from otsite.render_cache import digest
from otsite.rendering import compose_page, generated_assets, generated_pages, search_terms
from otsite.sanitize import TrustedBlocks, sanitize_html, text_only, trusted_blocks_in
from otsite.search_words import (DEFAULT_SEPARATOR, FOLDS_ACCENTS, accent_free_field_boosts, add_accent_free_fields,
                                 stop_word_separator, stop_words)
from otsite.settings import SANITIZER_OFF_SETTING
from otsite.structured_data import condition_json_ld, install_page_json_ld
from otsite.yaml_source import NotUtf8, keeping_parsed
from site_build import Session, SiteBuild, build_inputs, page_reader, project_root, read_settings
from theme_seams import (AFTER_ALL, AFTER_SEARCH, BEFORE_SEARCH, check_versions, finished_page, install_shared_nav, mend_markup,
                         plugin_enabled, plugin_settings, search_entries, show_language_switch, skip_markdown)

reminders = logging.getLogger("otsite.reminders")
log = logging.getLogger("mkdocs.hooks.ot_site")  # under "mkdocs": --strict counts its warnings
_session = Session()  # MkDocs loads a hook once per process: under `mkdocs serve` this outlives every rebuild


def on_startup(command: str, dirty: bool) -> None:
    _session.dirty, _session.serving = dirty, command == "serve"


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _session.build.nav = nav
    return nav


@event_priority(100)  # before the search plugin copies its settings into the index
def on_config(config: MkDocsConfig) -> None:
    check_versions()  # an engine or Material version no seam was checked on stops here
    settings = _session.settings = read_settings(config)
    _refuse(input_problems(build_inputs(config)), config)  # before anything reads them (the catalogs, just below)
    search = plugin_settings(config, "material/search")
    if search is not None:
        search.separator = stop_word_separator(search.separator or DEFAULT_SEPARATOR, stop_words(settings.language))
        if settings.language in FOLDS_ACCENTS:  # "tunel" finds "túnel" (otsite/search_words.py)
            search.fields = accent_free_field_boosts(search.fields)
    _set_up_language(config)
    config_file = Path(config.config_file_path)
    _refuse(nav_titles_with_controls(config.nav, config_file.read_text(encoding="utf-8"), config_file.name), config)
    _ = gettext_for(settings.language)
    if "toc" in config.mdx_configs:  # the title of Markdown headings' ¶ links, in the build's language
        config.mdx_configs["toc"]["permalink_title"] = _("Link to this section")


def _refuse(problems: list, config: MkDocsConfig) -> None:
    if problems:
        refused = DataError(problems)
        raise PluginError(refused.report(project_root(config))) from refused  # kept: the preview lists refused.problems


def _set_up_language(config: MkDocsConfig) -> None:
    """A translation build lives under its language's folder of the site (Spanish: es/)."""
    language, languages = _session.settings.language, dict(_session.settings.languages)
    prefix = language_prefix(language)
    if prefix and config.site_url and not config.site_url.endswith("/" + prefix):
        config.site_url = config.site_url.rstrip("/") + "/" + prefix
    if len(languages) > 1:
        show_language_switch(config)
        config.extra["ot_site_alternates"] = site_alternates(language, languages, config.site_url or "")  # the 404 page's


def on_pre_build(config: MkDocsConfig) -> None:
    _session.build.output.stop_counting()
    build = _session.build = SiteBuild(_session.settings)
    _session.caches.new_round()
    settings, root = build.settings, project_root(config)
    try:  # under serve, a data file whose bytes did not change is not parsed again
        build.reader = page_reader(config, settings, _session.memo(_session.caches.page_elements))
        with keeping_parsed(_session.caches.data_files if _session.serving else None):
            build.site = load_site(root, reminders_fail=settings.in_ci, refuse_drafts=settings.refuse_drafts, reader=build.reader,
                                   language=settings.language, languages=tuple(settings.languages),
                                   fail_stale_translations=settings.fail_stale_translations)
    except DataError as error:
        raise PluginError(error.report(root)) from None
    keep_out_of_collections()  # the loaded site lives all build long: later collections need not walk it
    for warning in build.site.warnings:
        # Outside the mkdocs logger tree on purpose: a local --strict build should not fail on it.
        reminders.warning("Reminder: %s", warning)
    config.mdx_configs.setdefault("abbr", {})["glossary"] = build.site.abbreviations()
    if not any(isinstance(extension, LinearAbbreviations) for extension in config.markdown_extensions):
        config.markdown_extensions.append(LinearAbbreviations())  # the stock abbr is quadratic in the glossary's size
    if settings.sanitizer_off:
        log.warning("%s is set: pages are NOT sanitized; never publish this build", SANITIZER_OFF_SETTING)
    if not _session.dirty:
        build.output.start(config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site, caches = _session.build.loaded_site(), _session.caches
    pages = generated_pages(site, config.use_directory_urls, _session.memo(caches.clinic_pages))
    for path, content in {**pages, **generated_assets(site, config.use_directory_urls, _session.memo(caches.zip_tables)),
                          **_content_api(site, config)}.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path}: the build writes this file itself; delete or rename the file")
        files.append(File.generated(config, path, content=content))
    _add_untranslated(files, config)
    return files


def _content_api(site: Site, config: MkDocsConfig) -> dict[str, bytes]:
    """The content API's JSON files (otsite/content_api.py), from the pages as this build reads them."""
    build = _session.build
    language, languages = build.settings.language, tuple(build.settings.languages)
    records = read_page_records(build.reader, project_root(config), language, languages)
    return api_files(site, records, ApiSettings(language, languages, config.site_url or "", config.use_directory_urls))


def _add_untranslated(files: Files, config: MkDocsConfig) -> None:
    """A translation build takes every file it lacks from docs/: assets, and pages not translated yet."""
    build, root = _session.build, project_root(config)
    source = root / "docs"
    for path in untranslated(root, build.settings.language, build.reader.excluded):
        if files.get_file_from_path(path) is None:
            files.append(File(path, str(source), config.site_dir, config.use_directory_urls))
            if is_page(path):
                build.fallback.add(path)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    build = _session.build
    site, path = build.loaded_site(), page.file.src_uri
    if page.file.generated_by:
        blocks = trusted_blocks_in(markdown)  # a page the build wrote: all of it is ours
    else:
        page.meta["tags"] = search_terms(site, path, page.meta)
        fragments = build.fragments[path] = FinishedFragments()
        markdown = compose_page(site, path, markdown, page.meta.get("get_help") or {},
                                page.meta.get("emergencies") or [], config.use_directory_urls, fragments.hold)
        blocks = _own_blocks(site, path)
    if path in build.fallback:
        _ = gettext_for(build.settings.language)
        markdown = untranslated_page(markdown, _("This page is not translated into this language yet. Here it is in English."))
    trusted = build.trusted[path] = TrustedBlocks()
    try:
        markdown = trusted.hold(markdown, blocks)
    except ValueError as error:  # our own markup out of its shape: a bug, named rather than a traceback
        raise PluginError(f"{path}: {error}") from None
    if page.file.generated_by and is_finished(markdown):
        build.finished[path] = as_content(markdown)
        skip_markdown(page)
        return ""  # finished HTML needs no Markdown pass: on_page_content takes it from here
    return markdown


def on_page_content(html_content: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    build, path = _session.build, page.file.src_uri
    finished = build.finished.pop(path, None)
    if finished is not None:
        html_content = finished
    if path in build.fragments:
        html_content = _restored(build.fragments.pop(path), html_content, path)
    if not build.settings.sanitizer_off:
        html_content = (_session.caches.sanitized.get(digest(html_content), lambda: sanitize_html(html_content)) if _session.serving
                        else sanitize_html(html_content))
    if path in build.trusted:
        html_content = _restored(build.trusted.pop(path), html_content, path)
    build.anchors[path] = ids_in(html_content)
    if finished is not None:  # MkDocs checks links to #anchors against these; Markdown would have noted them
        finished_page(page, toc_tokens(finished), build.anchors[path])
    _escape_shown_text(page)
    return html_content


def _restored(held: FinishedFragments | TrustedBlocks, html_content: str, path: str) -> str:
    try:
        return held.restore(html_content)
    except ValueError as error:
        raise PluginError(f"{path}: {error}") from None


def _escape_shown_text(page: Page) -> None:
    """Every title and description may come from a writer or from data; Material prints them as HTML."""
    # MkDocs keeps the heading's character references (&#40; for an escaped "(") in the title: decode once, escape once.
    page.title = html.escape(html.unescape(page.title or ""), quote=True)  # type: ignore[misc]
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = html.escape(page.meta[key], quote=True)
    _escape_toc(page.toc)
    if isinstance(page.meta.get("tags"), list):  # Material's search shows tags as HTML
        page.meta["tags"] = [html.escape(str(tag), quote=False) for tag in page.meta["tags"]]


@event_priority(BEFORE_SEARCH)
def _before_search(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """A finished page's search entry comes from its indexed part only (theme_seams: search-content); under serve,
    an unchanged page's entries are the last build's (serve_caches.SearchReuse)."""
    if page.file.generated_by and page.content:
        _session.build.search_part.show(page, indexed_part(page.content))
    entries = search_entries(config)
    if _session.serving and entries is not None:
        _session.caches.search.before_search(page, entries)
    return context


@event_priority(AFTER_ALL)
def _full_content_back(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    _session.build.search_part.give_back(page)
    return context


@event_priority(AFTER_SEARCH)
def _after_search(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    build, entries = _session.build, search_entries(config)
    if entries is None:
        return context
    if _session.serving:
        _session.caches.search.after_search(page, entries)
    if build.settings.language in FOLDS_ACCENTS:
        for entry in entries[build.search_entries_seen:]:
            add_accent_free_fields(entry, build.settings.language)
        build.search_entries_seen = len(entries)
    return context


on_page_context = CombinedEvent(_before_search, _full_content_back, _after_search)


def _own_blocks(site: Site, path: str) -> list[str]:
    """The blocks the build adds to a writer's page: a condition page's JSON-LD."""
    folder, _, name = path.rpartition("/")
    slug = name.removesuffix(".md")
    if folder == "conditions" and site.has_condition(slug):
        return [str(condition_json_ld(site, site.condition(slug)))]
    return []


def _escape_toc(items: Iterable[AnchorLink]) -> None:
    """Table-of-contents titles hold a heading's text; Material prints them as HTML."""
    for item in items:
        item.title = text_only(item.title)
        _escape_toc(item.children)


def on_env(env, config: MkDocsConfig, files: Files):  # noqa: ANN001, ANN201 - Jinja environment in and out
    build = _session.build
    install_theme(env, build.settings.language)  # overrides/' _("...") and | long_date in the build's language
    install_page_json_ld(env)  # medical_web_page(page, config): a health page's MedicalWebPage JSON-LD
    _link_each_language(files, config)
    root = project_root(config)
    pages = [_source_page(f, root) for f in files.documentation_pages() if not f.generated_by]
    _refuse(check_links(build.reader, pages, {f.src_uri for f in files}, build.anchors), config)
    nav_items = build.nav.items if build.nav else []
    install_shared_nav(env, nav_items)  # one theme navigation render for all clinic pages
    if _session.serving:
        _session.caches.pages.plan(env, config, [f.page for f in files.documentation_pages() if f.page is not None], nav_items)
    return env


def _link_each_language(files: Files, config: MkDocsConfig) -> None:
    """partials/alternate.html and sitemap.xml (rendered before the pages) link each page to
    the same page in each language, relative from the page so it works from disk too."""
    settings = _session.build.settings
    for file in files.documentation_pages():
        if file.page is not None:
            file.page.ot_alternates = alternates(file.page.url, settings.language, dict(settings.languages),  # type: ignore[attr-defined]
                                                 config.site_url or "")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    reused = _session.caches.pages.reused(page) if _session.serving else None
    if reused is not None:
        return reused
    output = mend_markup(output)
    if _session.serving:
        _session.caches.pages.keep(page, output)
    return output


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Theme pages that are not documents, such as 404.html."""
    return mend_markup(output_content) if template_name.endswith(".html") else output_content


@event_priority(-200)  # after every plugin (search, offline) has written its files
def on_post_build(config: MkDocsConfig) -> None:
    release()
    if plugin_enabled(config, "material/offline"):
        # A copy opened from disk has no server to show a "not found" page, and
        # this one's absolute /assets/ links would only log errors there.
        Path(config.site_dir, "404.html").unlink(missing_ok=True)
    _session.build.output.finish(config, strict=config.strict, keep_old_for_now=_session.serving)


def on_build_error(error: Exception) -> None:
    release()
    _session.build.output.abandon()


def _source_page(file: File, root: Path) -> SourcePage:
    display = Path(file.abs_src_path).relative_to(root).as_posix()
    try:
        page = _session.build.reader.read(Path(file.abs_src_path), display)
    except NotUtf8 as error:  # on_pre_build reports it; this keeps a traceback away if it was skipped
        raise PluginError(str(error.problem)) from None
    return SourcePage(file.src_uri, display, page.body, page.body_line)
