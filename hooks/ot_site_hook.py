"""MkDocs adapter for the site's core (hooks/otsite): a thin layer, no rendering here.

Events used, and why:
- on_startup: note a `--dirty` build, which must reuse its output folder.
- on_config: first refuse what the build may not read (links out of the project
  or into .git, node_modules..., files in docs/ and docs-es/ that are not pages
  or pictures, a docs/es/ folder: otsite/build_inputs.py), before the catalogs
  or anything else is read; it runs again on every `mkdocs serve` rebuild. Then
  widen the search separator so stop words ("in", "my", "the") never decide a
  match (otsite/search_words.py).
- on_pre_build: load and check data/ and every page's front matter and HTML
  before MkDocs empties the output folder, so bad input stops the build and
  the last good site stays. Data is read here, not at import, because `mkdocs
  serve` does not reload hook modules; `watch: [data]` in mkdocs.yml triggers
  the rebuild. Reminders (an overdue review, FILL IN text left from a
  template) are warnings locally and errors in CI.
  Output then goes to a scratch folder, swapped in by on_post_build only if
  the build succeeds (links included).
- on_files: add the generated pages (indexes, clinics, glossary) and the finder's data.
- on_page_markdown: put each condition's heading, facts and clinics around
  the writer's prose, and add "when to get help" boxes. The words readers
  search with (a condition's other names and misspellings, a page's
  keywords) become the page's search tags, which Material's search ranks
  above the text; the page shows its other names, never its keywords or
  misspellings.
  The site's own JSON-LD and finder form are held out under a placeholder.
- on_page_content: sanitize every page's HTML against an allowlist (the
  safety layer, otsite/sanitize.py), then put the held blocks back; note each
  page's anchors; escape titles, descriptions, table-of-contents entries and
  search tags, which Material prints (or its search shows) as HTML.
- on_page_context: a generated page of finished HTML (otsite/finished_html.py)
  shows Material's search only the part it indexes, then gets its content back.
- on_env: check writers' links and #anchors, naming file and line. Under
  `mkdocs serve`, pages whose every input is unchanged since the last rebuild
  reuse that build's output instead of a theme render (otsite/render_cache.py).
- on_post_page, on_post_template: keep (serve) or reuse a page's output; mend two bits of Material's markup that break HTML validity
  and live outside any partial a theme override can replace.
"""
from __future__ import annotations

import html
import importlib.metadata
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2
from mkdocs import __version__ as mkdocs_version
from mkdocs.config.defaults import MkDocsConfig
from mkdocs import utils as mkdocs_utils
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from otsite.i18n import LOCALES, gettext_for
from otsite.translation import fail_stale_translations
from otsite.languages import (SOURCE_LANGUAGE, alternates, docs_folder, is_page, language_prefix, site_alternates, untranslated,
                              untranslated_page)
from otsite.output_folder import swap_in
from otsite.build_inputs import BuildInputs, input_problems
from otsite.project_links import CHECKED_FOLDERS
from otsite.collector import keep_out_of_collections, release
from otsite.finished_html import FinishedFragments, as_content, indexed_part, is_finished, toc_tokens
from otsite.link_check import SourcePage, check_links, ids_in
from otsite.i18n import install_theme
from otsite.loading import load_site
from otsite.model import Site
from otsite.content_api import ApiSettings, api_files
from otsite.page_records import read_page_records
from otsite.abbreviations import LinearAbbreviations
from otsite.markdown_bounds import MarkdownLimits
from otsite.plain_text import nav_titles_with_controls
from otsite.markdown_source import MarkdownReader, default_excluded
from otsite.yaml_source import NotUtf8, keep_parsed
from otsite.problems import DataError
from otsite.render_cache import Memo, RenderCache, digest, folder_digest, install_shared_nav
from otsite.review import REFUSE_DRAFTS_SETTING
from otsite.rendering import compose_page, generated_assets, generated_pages, search_terms
from otsite.sanitize import TrustedBlocks, sanitize_html, text_only, trusted_blocks_in
from otsite.search_words import (DEFAULT_SEPARATOR, FOLDS_ACCENTS, accent_free_field_boosts, add_accent_free_fields,
                                 stop_word_separator, stop_words)
from otsite.structured_data import condition_json_ld, install_page_json_ld

reminders = logging.getLogger("otsite.reminders")
log = logging.getLogger("mkdocs.hooks.ot_site")  # under "mkdocs": --strict counts its warnings
# Only scripts/compare_builds.py sets this, to see what sanitizing changes; a --strict build then fails.
SANITIZER_OFF = "OTSITE_UNSAFE_NO_SANITIZER"


class _WarningCounter(logging.Handler):
    """Counts warnings on the mkdocs logger tree, as --strict does, to decide whether to publish."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _BuildState:
    """What one build needs between events; reset by on_pre_build."""

    def __init__(self) -> None:
        self.site: Site | None = None
        self.reader = MarkdownReader()  # replaced by on_pre_build with one that reads pages as MkDocs does
        self.anchors: dict[str, set[str]] = {}
        self.trusted: dict[str, TrustedBlocks] = {}  # per page: the site's own blocks, held out while sanitizing
        self.finished: dict[str, str] = {}  # per generated page of finished HTML: its body, which skips Markdown
        self.fragments: dict[str, FinishedFragments] = {}  # per writer's page: finished HTML held out of its Markdown pass
        self.full_content: dict[str, str] = {}  # per finished page: its content while search sees only what it indexes
        self.final_dir: Path | None = None  # the real output folder while building into a scratch one
        self.scratch_dir: Path | None = None
        self.warnings = _WarningCounter()
        self.nav: Navigation | None = None
        self.keys: dict[str, str] = {}  # per page rendered this build (serve only): the key to keep its output under
        self.reused: dict[str, str] = {}  # per page whose output from the last build still holds (serve only)
        self.fallback: set[str] = set()  # pages of a translation build taken from docs/: not translated yet
        self.search_entries_seen = 0  # Material's search entries given their accent-free words so far


_state = _BuildState()
_dirty = False
_serving = False  # under `mkdocs serve`, pages whose inputs did not change are reused between rebuilds
_rendered = RenderCache()  # this module lives for the whole serve session (MkDocs loads a hook once)
_sanitized = Memo()  # serve: {digest of a page's HTML: sanitized}, from the last rebuild
_page_elements = Memo()  # serve: what each writer's page's Markdown makes, for the page checks, from the last rebuild
_search_entries = Memo()  # serve: each page's entries in Material's search index, from the last rebuild
_CACHED_TEMPLATE = "otsite-reused-page.html"


def on_startup(command: str, dirty: bool) -> None:
    global _dirty, _serving
    _dirty = dirty
    _serving = command == "serve"
    keep_parsed(_serving)  # a data file whose bytes did not change is not parsed again on the next rebuild


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _state.nav = nav
    return nav


@event_priority(100)  # before the search plugin copies its settings into the index
def on_config(config: MkDocsConfig) -> None:
    _check_inputs(config)  # before anything reads them (the catalogs, just below)
    search = config.plugins.get("material/search")
    if search is not None:
        language = _language(config)
        search.config.separator = stop_word_separator(search.config.separator or DEFAULT_SEPARATOR, stop_words(language))
        if language in FOLDS_ACCENTS:  # "tunel" finds "túnel" (otsite/search_words.py)
            search.config.fields = accent_free_field_boosts(search.config.fields)
    _set_up_language(config)
    config_file = Path(config.config_file_path)
    hidden = nav_titles_with_controls(config.nav, config_file.read_text(encoding="utf-8"), config_file.name)
    if hidden:
        refused = DataError(hidden)
        raise PluginError(refused.report(_root(config))) from refused  # kept: the preview lists refused.problems
    _ = gettext_for(_language(config))
    if "toc" in config.mdx_configs:  # the title of Markdown headings' ¶ links, in the build's language
        config.mdx_configs["toc"]["permalink_title"] = _("Link to this section")


def _check_inputs(config: MkDocsConfig) -> None:
    """Links, pages folders' files and language folders: refused before anything is read or written."""
    problems = input_problems(build_inputs(config))
    if problems:
        refused = DataError(problems)
        raise PluginError(refused.report(_root(config))) from refused  # kept: the preview lists refused.problems


def build_inputs(config: MkDocsConfig) -> BuildInputs:
    """Every folder this build reads (otsite/build_inputs.py); scripts/build.py checks each configuration's before building any."""
    root = _root(config)
    pages = [Path(config.docs_dir), root / docs_folder(SOURCE_LANGUAGE)]  # a translation takes the files it lacks from docs/
    theme = [_relative(Path(config.theme.custom_dir), root)] if config.theme.custom_dir else []
    return BuildInputs(root, tuple(dict.fromkeys(_relative(path, root) for path in pages)), others=tuple(dict.fromkeys([*CHECKED_FOLDERS, *theme])),
                       languages=_languages(config), settings=config.extra, excluded=_excluded(config),
                       settings_source=_relative(Path(config.config_file_path), root))


def _relative(path: Path, root: Path) -> str:
    """`path` from the project folder; its own last part unresolved, so a linked pages folder is still seen as a link."""
    return os.path.relpath(path.parent.resolve() / path.name, root)


def _set_up_language(config: MkDocsConfig) -> None:
    """A translation build lives under its language's folder of the site (Spanish: es/)."""
    language = _language(config)
    prefix = language_prefix(language)
    if prefix and config.site_url and not config.site_url.endswith("/" + prefix):
        config.site_url = config.site_url.rstrip("/") + "/" + prefix
    if len(_languages(config)) > 1:
        # Truthy but not a list: Material's header then shows partials/alternate.html (ours, with links
        # to this same page), and base.html skips its own hreflang links to each language's home page.
        config.extra["alternate"] = True
        config.extra["ot_site_alternates"] = site_alternates(language, _languages(config), config.site_url or "")  # the 404 page's


def _language(config: MkDocsConfig) -> str:
    return str(config.extra.get("language") or config.theme.get("language") or SOURCE_LANGUAGE)


def _languages(config: MkDocsConfig) -> dict[str, str]:
    return dict(config.extra.get("languages") or {SOURCE_LANGUAGE: "English"})


def on_pre_build(config: MkDocsConfig) -> None:
    global _state
    logging.getLogger("mkdocs").removeHandler(_state.warnings)
    _state = _BuildState()
    _sanitized.new_round()
    _page_elements.new_round()
    try:
        _state.reader = _reader(config)
        _state.site = load_site(_root(config), reminders_fail=_in_ci(), refuse_drafts=_refuse_drafts(config), reader=_state.reader,
                                language=_language(config), languages=tuple(_languages(config)),
                                fail_stale_translations=fail_stale_translations(config.extra, os.environ))
    except DataError as error:
        raise PluginError(error.report(_root(config))) from None
    keep_out_of_collections()  # the loaded site lives all build long: later collections need not walk it
    for warning in _state.site.warnings:
        # Outside the mkdocs logger tree on purpose: a local --strict build should not fail on it.
        reminders.warning("Reminder: %s", warning)
    config.mdx_configs.setdefault("abbr", {})["glossary"] = _state.site.abbreviations()
    if not any(isinstance(extension, LinearAbbreviations) for extension in config.markdown_extensions):
        config.markdown_extensions.append(LinearAbbreviations())  # the stock abbr is quadratic in the glossary's size
    if os.environ.get(SANITIZER_OFF):
        log.warning("%s is set: pages are NOT sanitized; never publish this build", SANITIZER_OFF)
    if not _dirty:
        _build_into_scratch(config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _site()
    pages = generated_pages(site, config.use_directory_urls)
    for path, content in {**pages, **generated_assets(site, config.use_directory_urls), **_content_api(site, config)}.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path}: the build writes this file itself; delete or rename the file")
        files.append(File.generated(config, path, content=content))
    _add_untranslated(files, config)
    return files


def _content_api(site: Site, config: MkDocsConfig) -> dict[str, bytes]:
    """The content API's JSON files (otsite/content_api.py), from the pages as this build reads them."""
    language, languages = _language(config), tuple(_languages(config))
    records = read_page_records(_state.reader, _root(config), language, languages)
    return api_files(site, records, ApiSettings(language, languages, config.site_url or "", config.use_directory_urls))


def _add_untranslated(files: Files, config: MkDocsConfig) -> None:
    """A translation build takes every file it lacks from docs/: assets, and pages not translated yet."""
    language = _language(config)
    source = _root(config) / "docs"
    for path in untranslated(_root(config), language, _state.reader.excluded):
        if files.get_file_from_path(path) is None:
            files.append(File(path, str(source), config.site_dir, config.use_directory_urls))
            if is_page(path):
                _state.fallback.add(path)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = _site()
    if page.file.generated_by:
        blocks = trusted_blocks_in(markdown)  # a page the build wrote: all of it is ours
    else:
        page.meta["tags"] = search_terms(site, page.file.src_uri, page.meta)
        fragments = _state.fragments[page.file.src_uri] = FinishedFragments()
        markdown = compose_page(site, page.file.src_uri, markdown, page.meta.get("get_help") or {},
                                page.meta.get("emergencies") or [], config.use_directory_urls, fragments.hold)
        blocks = _own_blocks(site, page.file.src_uri)
    if page.file.src_uri in _state.fallback:
        _ = gettext_for(_language(config))
        markdown = untranslated_page(markdown, _("This page is not translated into this language yet. Here it is in English."))
    trusted = _state.trusted[page.file.src_uri] = TrustedBlocks()
    try:
        markdown = trusted.hold(markdown, blocks)
    except ValueError as error:  # our own markup out of its shape: a bug, named rather than a traceback
        raise PluginError(f"{page.file.src_uri}: {error}") from None
    if page.file.generated_by and is_finished(markdown):
        _state.finished[page.file.src_uri] = as_content(markdown)
        _skip_markdown(page)
        return ""  # finished HTML needs no Markdown pass: on_page_content takes it from here
    return markdown


def _skip_markdown(page: Page) -> None:
    """What MkDocs's render gives an empty page, without the Markdown instance it builds per page (at 10,000 clinics, seconds)."""
    def render(config: MkDocsConfig, files: Files) -> None:
        page.content, page.toc, page.present_anchor_ids = "", get_toc([]), set()
    page.render = render  # type: ignore[method-assign]


def on_page_content(html_content: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    finished = _state.finished.pop(page.file.src_uri, None)
    if finished is not None:
        html_content = finished
        page.toc = get_toc(toc_tokens(finished))  # type: ignore[arg-type]
    if page.file.src_uri in _state.fragments:
        try:
            html_content = _state.fragments.pop(page.file.src_uri).restore(html_content)
        except ValueError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None
    if not os.environ.get(SANITIZER_OFF):
        html_content = _sanitized.get(digest(html_content), lambda: sanitize_html(html_content)) if _serving else sanitize_html(html_content)
    if page.file.src_uri in _state.trusted:
        try:
            html_content = _state.trusted.pop(page.file.src_uri).restore(html_content)
        except ValueError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None
    _state.anchors[page.file.src_uri] = ids_in(html_content)
    if finished is not None:  # MkDocs checks links to #anchors against these; Markdown would have noted them
        page.present_anchor_ids = _state.anchors[page.file.src_uri]
    # Every title and description may come from a writer or from data.
    # MkDocs keeps the heading's character references (&#40; for an escaped "(") in the title: decode once, escape once.
    page.title = html.escape(html.unescape(page.title or ""), quote=True)  # type: ignore[misc]
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = html.escape(page.meta[key], quote=True)
    _escape_toc(page.toc)
    if isinstance(page.meta.get("tags"), list):  # Material's search shows tags as HTML
        page.meta["tags"] = [html.escape(str(tag), quote=False) for tag in page.meta["tags"]]
    return html_content


@event_priority(100)  # before Material's search plugin
def _search_sees_what_it_indexes(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """A finished page's search entry comes from its indexed part only: Material's search
    parses whatever content it gets, even the parts marked data-search-exclude."""
    if page.file.generated_by and page.content and page.file.src_uri not in _state.full_content:
        part = indexed_part(page.content)
        if part != page.content:
            _state.full_content[page.file.src_uri] = page.content
            page.content = part
    return context


@event_priority(-100)  # after every plugin
def _full_content_back(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    full = _state.full_content.pop(page.file.src_uri, None)
    if full is not None:
        page.content = full
    return context


@event_priority(-50)  # after Material's search plugin has added the page's entries
def _accent_free_search_words(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    if index is not None and _language(config) in FOLDS_ACCENTS:
        for entry in index.entries[_state.search_entries_seen:]:
            add_accent_free_fields(entry, _language(config))
        _state.search_entries_seen = len(index.entries)
    return context


on_page_context = CombinedEvent(_search_sees_what_it_indexes, _full_content_back, _accent_free_search_words)


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
    install_theme(env, _language(config))  # overrides/' _("...") and | long_date in the build's language
    install_page_json_ld(env)  # medical_web_page(page, config): a health page's MedicalWebPage JSON-LD
    _link_each_language(files, config)
    root = _root(config)
    pages = [_source_page(f, root) for f in files.documentation_pages() if not f.generated_by]
    problems = check_links(_state.reader, pages, {f.src_uri for f in files}, _state.anchors)
    if problems:
        refused = DataError(problems)
        raise PluginError(refused.report(root)) from refused  # kept: the preview lists refused.problems
    install_shared_nav(env, _state.nav.items if _state.nav else [])  # one theme navigation render for all clinic pages
    if _serving:
        _reuse_rendered_pages(env, config, files)
        _reuse_search_entries(config)
    return env


def _link_each_language(files: Files, config: MkDocsConfig) -> None:
    """partials/alternate.html and sitemap.xml (rendered before the pages) link each page to
    the same page in each language, relative from the page so it works from disk too."""
    language, languages = _language(config), _languages(config)
    for file in files.documentation_pages():
        if file.page is not None:
            file.page.ot_alternates = alternates(file.page.url, language, languages, config.site_url or "")  # type: ignore[attr-defined]


def _reuse_rendered_pages(env, config: MkDocsConfig, files: Files) -> None:  # noqa: ANN001 - Jinja environment
    """Under `mkdocs serve`: each page whose key (render_cache) is the last build's gets that build's
    output through an empty template instead of a full theme render; the others are rendered and kept."""
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({_CACHED_TEMPLATE: ""}), env.loader])
    shared = _site_digest(config)
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    _rendered.keep_only({page.file.src_uri for page in pages})
    for page in pages:
        key = digest(shared, page.file.src_uri, page.url, page.title, page.canonical_url, page.edit_url, page.is_homepage,
                     page.meta, page.content or "", _toc_outline(page.toc))
        output = _rendered.get(page.file.src_uri, key)
        if output is None:
            _state.keys[page.file.src_uri] = key
        else:
            _state.reused[page.file.src_uri] = output
            page.meta["template"] = _CACHED_TEMPLATE


def _reuse_search_entries(config: MkDocsConfig) -> None:
    """Under `mkdocs serve`: a page whose address, title, content, table of contents and search settings did not
    change gets the last build's search entries instead of Material's search parsing its HTML again (at 10,000
    clinics, seconds per rebuild). Wraps Material 9.8.1's SearchIndex.add_entry_from_context on this build's index."""
    index = getattr(config.plugins.get("material/search"), "search_index", None)
    if index is None or not hasattr(index, "entries"):
        return
    parse = index.add_entry_from_context

    def add_entry_from_context(page: Page) -> None:
        start = len(index.entries)

        def parsed() -> list[dict]:
            parse(page)
            return [dict(entry) for entry in index.entries[start:]]

        key = digest(page.url, page.title, page.meta.get("title"), page.meta.get("search"), page.meta.get("tags"),
                     page.content or "", _toc_outline(page.toc))
        index.entries[start:] = [dict(entry) for entry in _search_entries.get(key, parsed)]  # copies: later hooks add fields to the index's own

    _search_entries.new_round()
    index.add_entry_from_context = add_entry_from_context


def _site_digest(config: MkDocsConfig) -> str:
    """Everything every page's theme render shares: settings, navigation, theme files, versions, this hook."""
    theme = config.theme
    settings = {key: config.get(key) for key in ("site_name", "site_url", "site_description", "site_author", "copyright",
                                                  "repo_url", "repo_name", "edit_uri", "use_directory_urls", "extra",
                                                  "extra_css", "extra_javascript", "extra_templates")}
    return digest(settings, dict(theme), [str(d) for d in theme.dirs], list(config.plugins),
                  _nav_outline(_state.nav.items if _state.nav else []), folder_digest(Path(theme.custom_dir) if theme.custom_dir else None),
                  folder_digest(LOCALES),  # the interface strings' translations
                  mkdocs_version, importlib.metadata.version("mkdocs-material"), Path(__file__).read_bytes())


def _nav_outline(items: Iterable) -> list:  # noqa: ANN001 - MkDocs navigation items
    return [[type(item).__name__, item.title, getattr(item, "url", None), _nav_outline(item.children or [])] for item in items]


def _toc_outline(items: Iterable[AnchorLink]) -> list:
    return [[item.title, item.id, item.level, _toc_outline(item.children)] for item in items]


# Material 9.8.1 writes autocomplete="off" on its drawer and search checkboxes
# (base.html, outside any block) and tabindex="" on section labels (nav-item.html).
_INVALID_MARKUP = [
    (re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">'), r"\1>"),
    (re.compile(r' tabindex=""'), ""),
]


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    reused = _state.reused.pop(page.file.src_uri, None)
    if reused is not None:
        return reused
    output = _mend_markup(output)
    key = _state.keys.pop(page.file.src_uri, None)
    if key is not None:
        _rendered.put(page.file.src_uri, key, output)
    return output


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Theme pages that are not documents, such as 404.html."""
    return _mend_markup(output_content) if template_name.endswith(".html") else output_content


def _mend_markup(html_text: str) -> str:
    for pattern, replacement in _INVALID_MARKUP:
        html_text = pattern.sub(replacement, html_text)
    return html_text


@event_priority(-200)  # after every plugin (search, offline) has written its files
def on_post_build(config: MkDocsConfig) -> None:
    release()
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        # A copy opened from disk has no server to show a "not found" page, and
        # this one's absolute /assets/ links would only log errors there.
        Path(config.site_dir, "404.html").unlink(missing_ok=True)
    if _state.final_dir is None:
        return
    scratch, final = Path(config.site_dir), _state.final_dir
    logging.getLogger("mkdocs").removeHandler(_state.warnings)
    if config.strict and _state.warnings.count:
        shutil.rmtree(scratch, ignore_errors=True)  # MkDocs aborts next; keep the last good site
        return
    swap_in(scratch, final, remove_old_later=_serving)


def on_build_error(error: Exception) -> None:
    release()
    logging.getLogger("mkdocs").removeHandler(_state.warnings)
    if _state.scratch_dir is not None:
        shutil.rmtree(_state.scratch_dir, ignore_errors=True)


def _build_into_scratch(config: MkDocsConfig) -> None:
    final = Path(config.site_dir)
    if final.exists() and not final.is_dir():
        raise PluginError(f"cannot write the site to {final}: it is a file, not a folder (expected a folder, or a path that does not exist yet; "
                          "choose another with -d)")
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{final.name}-building-", dir=final.parent))
    except OSError as error:
        raise PluginError(f"cannot write the site to {final}: {error.strerror or error} in {final.parent} "
                          "(expected a folder you can write to; choose another with -d, or change the folder's permissions)") from None
    _state.final_dir = final
    _state.scratch_dir = scratch
    _state.scratch_dir.chmod(0o777 & ~_umask())  # mkdtemp makes it private; the site must stay readable by web servers
    config.site_dir = str(_state.scratch_dir)
    logging.getLogger("mkdocs").addHandler(_state.warnings)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _source_page(file: File, root: Path) -> SourcePage:
    display = Path(file.abs_src_path).relative_to(root).as_posix()
    try:
        page = _state.reader.read(Path(file.abs_src_path), display)
    except NotUtf8 as error:  # on_pre_build reports it; this keeps a traceback away if it was skipped
        raise PluginError(str(error.problem)) from None
    return SourcePage(file.src_uri, display, page.body, page.body_line)


def _reader(config: MkDocsConfig) -> MarkdownReader:
    """Pages read as MkDocs reads them: its own front-matter split, page suffixes, exclusions and Markdown extensions."""
    return MarkdownReader(get_data=get_data, extensions=tuple(config.markdown_extensions),
                          extension_configs={name: dict(options) for name, options in config.mdx_configs.items()},
                          page_suffixes=tuple(mkdocs_utils.markdown_extensions),
                          excluded=_excluded(config), limits=MarkdownLimits.from_settings(config.extra),
                          rendered=_page_elements if _serving else Memo())


def _excluded(config: MkDocsConfig) -> Callable[[str], bool]:
    """Whether MkDocs leaves a path of the pages folder out: its defaults, then exclude_docs."""
    excluded = config.exclude_docs
    return lambda path: default_excluded(path) or bool(excluded and excluded.match_file(path))


def _root(config: MkDocsConfig) -> Path:
    """The project folder: the one holding the configuration file, however it was named on the command line."""
    return Path(config.config_file_path).resolve().parent


def _in_ci() -> bool:
    """CI services set CI=true; there reminders fail the build."""
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def _refuse_drafts(config: MkDocsConfig) -> bool:
    """A clinic publishing for real turns this on, so no unreviewed page goes out by accident."""
    setting = os.environ.get(REFUSE_DRAFTS_SETTING, "")
    return setting.lower() in ("true", "1", "yes") or bool(config.extra.get("refuse_drafts"))


def _site() -> Site:
    if _state.site is None:
        raise PluginError("the site's data was not loaded (on_pre_build did not run)")
    return _state.site
