"""Every place this site reaches into MkDocs's or Material for MkDocs's internals, in one module.

A seam is code that relies on how MkDocs (or ProperDocs, its fork: the "engine") or Material works
inside rather than on a public event, option or template block. Each is in SEAMS below: what it
does, why no public way does the job, where it is used, and a probe that says what no longer holds
on the installed versions. CHECKED_ON names the versions every seam was checked on: any other
version stops the build (check_versions, first thing in ot_site_hook.on_config, and the preview at
its start) with one paragraph naming the seams to check. tests/test_theme_seams.py runs every probe
and shows each one notices its seam breaking (the internal renamed or gone).

Seams deleted for a public way (issue 24): the serve-time reuse of search entries no longer wraps
Material's SearchIndex.add_entry_from_context on each build's index; a page whose entries are kept
is marked with Material's documented `search: exclude` front matter while Material's search sees
it, and its kept entries join the index afterwards (serve_caches.SearchReuse, on the same
index-entries seam the accent-free words use).
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import inspect
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from otsite.render_cache import SharedNav

ENGINE = "engine"  # MkDocs, or ProperDocs standing in for it (its `mkdocs` imports are its own modules)
MATERIAL = "mkdocs-material"
CHECKED_ON: dict[str, tuple[str, ...]] = {"mkdocs": ("1.6.1",), "properdocs": ("1.6.7",), MATERIAL: ("9.8.1",)}
ROOT = Path(__file__).resolve().parents[1]
# Where each seam's event runs, relative to Material's search plugin (its on_page_context has priority 0).
BEFORE_SEARCH, AFTER_SEARCH, AFTER_ALL = 100, -50, -100


@dataclass(frozen=True)
class Seam:
    name: str
    package: str  # ENGINE or MATERIAL: whose internals it relies on
    what: str
    why: str  # why no public event, option or template block does it
    used_in: str
    probe: Callable[[], str | None]  # what no longer holds on the installed versions, or None


# ---------------------------------------------------------------- versions and the guard

def installed_versions() -> dict[str, str]:
    """{package: version} of the engine (mkdocs or properdocs) and Material as this build runs them."""
    return {mkdocs.__name__: mkdocs.__version__, MATERIAL: importlib.metadata.version(MATERIAL)}


def version_report(installed: Mapping[str, str]) -> str | None:
    """One paragraph for a version no seam was checked on, naming the seams to check; None when all are checked."""
    unknown = {package: version for package, version in installed.items() if version not in CHECKED_ON.get(package, ())}
    if not unknown:
        return None
    named = [f"{package} {version}" for package, version in unknown.items()]
    checked = [f"{package} {' or '.join(CHECKED_ON.get(package, ('none',)))}" for package in unknown]
    kinds = {MATERIAL if package == MATERIAL else ENGINE for package in unknown}
    seams = [seam for seam in SEAMS if seam.package in kinds]
    broken = [f"{seam.name} ({problem})" for seam in seams if (problem := _safe_probe(seam))]
    return (f"This build runs {' and '.join(named)}, but the site reaches into its internals at {len(seams)} places checked only on "
            f"{' and '.join(checked)} (hooks/theme_seams.py): {', '.join(seam.name for seam in seams)}. "
            + (f"These no longer hold: {'; '.join(broken)}. " if broken else "Their probes still pass, but a probe cannot see everything. ")
            + "Install the checked versions (pip install -r requirements.txt), or check each seam named here against the new "
              "version (tests/test_theme_seams.py) and add it to CHECKED_ON in hooks/theme_seams.py.")


def check_versions() -> None:
    """Stop the build, with one paragraph and no traceback, on a version no seam was checked on."""
    report = version_report(installed_versions())
    if report:
        raise PluginError(report)


def _safe_probe(seam: Seam) -> str | None:
    try:
        return seam.probe()
    except Exception as error:  # noqa: BLE001 - a probe that cannot run is a seam that no longer holds
        return f"its probe failed: {type(error).__name__}: {error}"


# ---------------------------------------------------------------- the seams' code

def plugin_settings(config: MkDocsConfig, name: str) -> Any | None:
    """The settings of plugin `name` ("material/search"), or None when the build does not use it."""
    plugin = config.plugins.get(name)
    return plugin.config if plugin is not None else None


def plugin_enabled(config: MkDocsConfig, name: str) -> bool:
    settings = plugin_settings(config, name)
    return settings is not None and bool(settings.enabled)


def search_entries(config: MkDocsConfig) -> list[dict] | None:
    """Material's search index entries of this build so far (each a dict: location, title, text, tags...), or None."""
    index = getattr(config.plugins.get("material/search"), "search_index", None)
    entries = getattr(index, "entries", None)
    return entries if isinstance(entries, list) else None


class SearchSeesPart:
    """A page's content as Material's search sees it, apart from what the theme shows: set before the
    search plugin's on_page_context (BEFORE_SEARCH), given back after every plugin's (AFTER_ALL)."""

    def __init__(self) -> None:
        self._full: dict[str, str] = {}

    def show(self, page: Page, part: str) -> None:
        if part != page.content and page.file.src_uri not in self._full:
            self._full[page.file.src_uri] = page.content
            page.content = part

    def give_back(self, page: Page) -> None:
        full = self._full.pop(page.file.src_uri, None)
        if full is not None:
            page.content = full


def skip_markdown(page: Page) -> None:
    """What MkDocs's render gives an empty page, without the Markdown instance it builds per page (at 10,000 clinics, seconds)."""
    def render(config: MkDocsConfig, files: Any) -> None:
        page.content, page.toc, page.present_anchor_ids = "", get_toc([]), set()
    page.render = render  # type: ignore[method-assign]


def finished_page(page: Page, toc_tokens: list[dict[str, Any]], anchors: set[str]) -> None:
    """A page that skipped Markdown gets the table of contents and the anchors Markdown would have noted
    (MkDocs checks links to #anchors against present_anchor_ids)."""
    page.toc = get_toc(toc_tokens)  # type: ignore[arg-type]
    page.present_anchor_ids = anchors


class WarningCounter(logging.Handler):
    """Counts warnings on the mkdocs logger tree, as --strict does, to decide in on_post_build whether to publish."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def build_into(config: MkDocsConfig, folder: Path) -> None:
    """From on_pre_build: the engine cleans and writes this folder instead of the configured one."""
    config.site_dir = str(folder)


def show_language_switch(config: MkDocsConfig) -> None:
    """Truthy but not a list: Material's header then shows partials/alternate.html (ours, with links to this same
    page), and base.html skips its own hreflang links to each language's home page."""
    config.extra["alternate"] = True


def reading_like_mkdocs() -> dict[str, Any]:
    """What otsite.markdown_source.MarkdownReader needs to read pages as the engine does: its front-matter split, page suffixes."""
    from mkdocs import utils
    from mkdocs.utils.meta import get_data
    return {"get_data": get_data, "page_suffixes": tuple(utils.markdown_extensions)}


# Material 9.8.1 writes autocomplete="off" on its drawer and search checkboxes (base.html, outside any block)
# and tabindex="" on section labels (nav-item.html): (template, what in it makes the markup, pattern, replacement).
INVALID_MARKUP = (
    ("base.html", 'type="checkbox" id="__drawer" autocomplete="off">',
     re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">'),
     r"\1>"),
    ("partials/nav-item.html", 'tabindex="{{ tabindex }}"', re.compile(r' tabindex=""'), ""),
)


def mend_markup(html_text: str) -> str:
    for _, _, pattern, replacement in INVALID_MARKUP:
        html_text = pattern.sub(replacement, html_text)
    return html_text


THEME_NAV = "partials/nav.html"
_THEME_NAV_ITSELF = "otsite-theme-nav.html"
# The theme's navigation, rendered through otsite.render_cache.SharedNav: it prints exactly what the theme's template does.
_SHARED_NAV = "{% call otsite_shared_nav(page) %}{% include \"" + _THEME_NAV_ITSELF + "\" %}{% endcall %}"


def install_shared_nav(env: jinja2.Environment, nav_items: Iterable[Any]) -> None:
    """Route the theme's navigation template through SharedNav for this build (`nav_items`: the engine's navigation)."""
    items = list(_walk(nav_items))
    source = env.loader.get_source(env, THEME_NAV)[0]  # the theme's own (or an override's), as it would be used
    shared = SharedNav([item.url for item in items if getattr(item, "url", None) is not None],
                       [item.file for item in items if getattr(item, "file", None) is not None])
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({THEME_NAV: _SHARED_NAV, _THEME_NAV_ITSELF: source}), env.loader])
    env.globals["otsite_shared_nav"] = shared


def _walk(items: Iterable[Any]) -> Iterable[Any]:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


# MkDocs's own messages a writer's mistake causes, as MkDocs words them (the command-line build prints the same),
# located by the preview (scripts/preview.py): (message, the file it is about, field). The file is "config" (this
# language's configuration, at the line naming `name`) or "page" (the page `page`, at its first line holding `name`).
MKDOCS_MESSAGES = (
    (re.compile(r"A reference to '(?P<name>[^']+)' is included in the 'nav' configuration, which is not found in the documentation files\."),
     "config", "nav"),
    (re.compile(r'The following pages exist in the docs directory, but are not included in the "(?P<name>nav)" configuration:\n.*', re.DOTALL),
     "config", "nav"),
    (re.compile(r"Config value '(?P<name>[^']+)': .*", re.DOTALL), "config", "{name}"),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains (?:a|an absolute|an unrecognized relative) link '(?P<name>[^']+)', .*", re.DOTALL),
     "page", ""),
)
# The words of each message above as the engine's source writes them (probed: a reworded message is no longer located).
_MESSAGE_SOURCES = (("structure/nav.py", '"configuration, which is not found in the documentation files."'),
                    ("structure/nav.py", """'included in the "nav" configuration:\\n"""),
                    ("config/base.py", "Config value '{config_name}': {warning}"),
                    ("structure/pages.py", "contains a link '{original_link}'"),
                    ("structure/pages.py", "contains an absolute link '{url}'"),
                    ("structure/pages.py", "contains an unrecognized relative link '{url}'"))


# ---------------------------------------------------------------- probes: what each seam relies on

def material_folder() -> Path:
    spec = importlib.util.find_spec("material")
    if spec is None or spec.origin is None:
        raise RuntimeError("Material for MkDocs is not installed")
    return Path(spec.origin).parent


def material_template(name: str) -> str:
    return (material_folder() / "templates" / name).read_text(encoding="utf-8")


def _missing(text: str, *needed: str) -> list[str]:
    return [part for part in needed if part not in text]


def _probe_search_settings() -> str | None:
    from material.plugins.search.config import SearchConfig
    from material.plugins.search.plugin import SearchPlugin
    missing = {"separator", "fields", "lang"} - {name for name, _ in SearchConfig._schema}
    if missing:
        return f"material/search has no setting {', '.join(sorted(missing))}"
    if _missing(inspect.getsource(SearchPlugin.on_config), "SearchIndex(**self.config)"):
        return "material/search no longer builds its index from its settings in on_config"
    return None


def _fake_page(content: str, meta: dict | None = None) -> Any:
    return SimpleNamespace(content=content, meta=meta or {}, toc=[], url="page/", title="Page",
                           file=SimpleNamespace(src_uri="page.md"))


def _search_plugin() -> Any:
    from material.plugins.search.config import SearchConfig
    from material.plugins.search.plugin import SearchIndex, SearchPlugin
    plugin = SearchPlugin()
    plugin.config = SearchConfig()
    plugin.config.load_dict({})
    plugin.search_index = SearchIndex(**plugin.config)
    return plugin


def _probe_search_entries() -> str | None:
    plugin = _search_plugin()
    if getattr(type(plugin).on_page_context, "mkdocs_priority", 0) != 0:
        return "material/search's on_page_context no longer runs at priority 0"
    plugin.on_page_context({}, page=_fake_page('<h1 id="a">Shown</h1><p>indexed</p>'), config=None, nav=None)
    entries = getattr(plugin.search_index, "entries", None)
    if not isinstance(entries, list) or not entries or not isinstance(entries[0], dict):
        return "material/search's index keeps no list of entry dicts in search_index.entries"
    if not {"location", "title", "text"} <= set(entries[0]) or "indexed" not in entries[0]["text"]:
        return f"material/search's entries no longer hold location, title and text from page.content: {entries[0]}"
    plugin.on_page_context({}, page=_fake_page('<h1 id="b">Hidden</h1><p>x</p>', {"search": {"exclude": True}}), config=None, nav=None)
    if len(entries) != 1:
        return "material/search indexes a page whose front matter says search: exclude"
    return None


def _probe_search_content() -> str | None:
    plugin = _search_plugin()
    page = _fake_page('<h1 id="a">Page</h1><div data-search-exclude><h2 id="b">Inside</h2><div>x</div><p>after</p></div>')
    plugin.on_page_context({}, page=page, config=None, nav=None)
    leaked = [entry for entry in plugin.search_index.entries if entry["location"] != "page/"]
    if not leaked:
        return "Material's data-search-exclude now keeps a whole block out of search: this seam may go"
    return None


def _probe_skip_markdown() -> str | None:
    parameters = list(inspect.signature(Page.render).parameters)
    if parameters != ["self", "config", "files"]:
        return f"Page.render takes ({', '.join(parameters)}), not (self, config, files)"
    missing = _missing(inspect.getsource(Page.render), "self.content =", "self.toc =", "self.present_anchor_ids =")
    if missing:
        return f"Page.render no longer sets {', '.join(missing)}"
    if _missing(inspect.getsource(Page.validate_anchor_links), "present_anchor_ids"):
        return "links to #anchors are no longer checked against Page.present_anchor_ids"
    return None


def _probe_build_order() -> str | None:
    from mkdocs.commands import build
    source = inspect.getsource(build.build)
    steps = ["on_pre_build(", "clean_directory(config.site_dir)", "get_files(config)", "on_post_build(", "warning_counter.get_counts()"]
    found = [source.find(step) for step in steps]
    if -1 in found or found != sorted(found):
        return ("the engine's build no longer runs on_pre_build, cleans and lists config.site_dir, runs on_post_build, "
                "then fails a --strict build, in that order")
    return None


def _probe_reading() -> str | None:
    reading = reading_like_mkdocs()
    if ".md" not in reading["page_suffixes"]:
        return "mkdocs.utils.markdown_extensions no longer lists .md"
    if reading["get_data"]("---\ntitle: T\n---\nBody\n") != ("Body\n", {"title": "T"}):
        return "mkdocs.utils.meta.get_data no longer splits front matter from the page"
    return None


def _probe_plugin_settings() -> str | None:
    from material.plugins.offline.config import OfflineConfig
    from material.plugins.search.config import SearchConfig
    if "enabled" not in {name for name, _ in OfflineConfig._schema}:
        return "material/offline has no setting enabled"
    if "lang" not in {name for name, _ in SearchConfig._schema}:
        return "material/search has no setting lang"
    return None


def _probe_markup() -> str | None:
    stale = [template for template, source, _, _ in INVALID_MARKUP if source not in material_template(template)]
    return f"Material no longer writes the mended markup in {', '.join(stale)}: the mend may go" if stale else None


def _probe_language_switch() -> str | None:
    missing = _missing(material_template("partials/header.html"), "{% if config.extra.alternate %}", '"partials/alternate.html"')
    missing += _missing(material_template("base.html"), "config.extra.alternate is iterable")
    return f"Material's header.html or base.html no longer reads extra.alternate this way: {missing}" if missing else None


def _probe_shared_nav() -> str | None:
    if not (material_folder() / "templates" / THEME_NAV).is_file():
        return f"Material has no {THEME_NAV}"
    if f'"{THEME_NAV}"' not in material_template("base.html"):
        return f"Material's base.html no longer includes {THEME_NAV}"
    return None


# overrides/partials/ files that replace Material's partial of the same name (the others are our own, included by ours).
REPLACED_PARTIALS = ("partials/alternate.html", "partials/copyright.html", "partials/footer.html", "partials/language.html",
                     "partials/search.html", "partials/toc.html")


def _probe_overrides() -> str | None:
    """Our partials replace Material's of the same name, and main.html fills blocks of its base.html."""
    templates = material_folder() / "templates"
    gone = [name for name in REPLACED_PARTIALS if not (templates / name).is_file()]
    blocks = set(re.findall(r"{%-?\s*block\s+(\w+)", (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")))
    gone += [f"block {block}" for block in sorted(blocks - set(re.findall(r"{%-?\s*block\s+(\w+)", material_template("base.html"))))]
    return f"Material no longer has what overrides/ replaces: {', '.join(gone)}" if gone else None


def _probe_search_worker() -> str | None:
    workers = sorted((material_folder() / "templates" / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not workers:
        return "Material has no search worker (assets/javascripts/workers/search.*.min.js)"
    missing = _missing(workers[0].read_text(encoding="utf-8"), "/min/lunr.${", "/min/lunr.multi.min.js", "/min/lunr.stemmer.support.min.js")
    return f"Material's search worker no longer loads {', '.join(missing)}" if missing else None


def _probe_preview() -> str | None:
    from mkdocs import __main__ as command, livereload
    from mkdocs.plugins import PluginCollection
    missing = [name for name, there in (("mkdocs.livereload._Handler", hasattr(livereload, "_Handler")),
                                        ("mkdocs.__main__.ColorFormatter", hasattr(command, "ColorFormatter")),
                                        ("PluginCollection.on_startup", hasattr(PluginCollection, "on_startup"))) if not there]
    engine = Path(mkdocs.__file__).parent
    missing += [words for path, words in _MESSAGE_SOURCES if words not in (engine / path).read_text(encoding="utf-8")]
    stylesheets = material_folder() / "templates" / "assets" / "stylesheets"
    missing += [f"{name}.*.min.css" for name in ("main",) if not list(stylesheets.glob(f"{name}.*.min.css"))]
    return f"the preview relies on what is gone: {'; '.join(missing)}" if missing else None


SEAMS: tuple[Seam, ...] = (
    Seam("search-settings", MATERIAL,
         "on_config (priority 100) sets material/search's separator (stop words never decide a match) and, for languages "
         "that fold accents, its field boosts, before Material's on_config copies them into its index",
         "the separator comes from otsite/search_words.py's stop-word lists per language; written by hand in every "
         "configuration it would be one more copy of that data", "ot_site_hook.on_config", _probe_search_settings),
    Seam("search-entries", MATERIAL,
         "after Material's search adds a page's entries (its on_page_context, priority 0), the hook edits them in "
         "search_index.entries: accent-free words (otsite/search_words.py); under serve, kept entries join the index there",
         "Material has no event or option to add fields to an entry; the search.exclude front matter is public",
         "ot_site_hook.on_page_context, serve_caches.SearchReuse", _probe_search_entries),
    Seam("search-content", MATERIAL,
         "a generated page of finished HTML shows Material's search only its indexed part (page.content swapped before "
         "the search plugin's on_page_context, given back after every plugin's)",
         "Material's data-search-exclude still indexes the headings inside an excluded block, and stops excluding at the "
         "first inner closing tag of the same name", "ot_site_hook.on_page_context (SearchSeesPart)", _probe_search_content),
    Seam("skip-markdown", ENGINE,
         "a page of finished HTML gets an empty Page.render (no Markdown instance per page) and the table of contents "
         "and anchors Markdown would have given it", "MkDocs builds a Markdown instance for every page, even an empty one "
         "(at 10,000 clinic pages, seconds)", "ot_site_hook.on_page_markdown, on_page_content", _probe_skip_markdown),
    Seam("scratch-output", ENGINE,
         "on_pre_build points config.site_dir at a scratch folder, swapped in by on_post_build only when no warning was "
         "logged (WarningCounter: --strict aborts only after on_post_build)", "MkDocs empties its output folder before it "
         "knows the build will succeed; no event follows its --strict check", "ot_site_hook.on_pre_build, on_post_build",
         _probe_build_order),
    Seam("read-like-mkdocs", ENGINE,
         "the page checks read pages with the engine's own front-matter split (mkdocs.utils.meta.get_data) and page "
         "suffixes (mkdocs.utils.markdown_extensions)", "a copy could disagree with the engine on what is a page and where "
         "its body starts", "ot_site_hook (MarkdownReader)", _probe_reading),
    Seam("plugin-settings", MATERIAL,
         "reads material/offline's enabled and material/search's lang settings from the plugins' config",
         "the offline copy and the search languages are the plugins' own settings: a second setting could disagree",
         "ot_site_hook.on_post_build, offline_app_hook", _probe_plugin_settings),
    Seam("markup-mend", MATERIAL,
         "on_post_page and on_post_template remove autocomplete=\"off\" from two checkboxes and tabindex=\"\" from "
         "section labels (invalid HTML)", "they are outside any block (base.html) or deep in a partial (nav-item.html) "
         "that only a full copy could replace", "ot_site_hook.on_post_page, on_post_template", _probe_markup),
    Seam("language-switch", MATERIAL,
         "extra.alternate is set to True: the header shows our partials/alternate.html, base.html writes no hreflang "
         "links of its own", "Material's documented extra.alternate is a list, which base.html would print as links to "
         "each language's home page, not to this page", "ot_site_hook.on_config", _probe_language_switch),
    Seam("shared-nav", MATERIAL,
         f"the theme's {THEME_NAV} is routed through otsite.render_cache.SharedNav: rendered once per folder for the pages "
         "outside the navigation", "rendering it for each of 10,000 clinic pages costs most of a build; the output is "
         "the theme's own", "ot_site_hook.on_env", _probe_shared_nav),
    Seam("template-overrides", MATERIAL,
         "overrides/partials/*.html replace Material's partials of the same name; overrides/main.html fills base.html's blocks",
         "public, but a partial Material renames or a block it drops is silently no longer used", "overrides/",
         _probe_overrides),
    Seam("search-worker", MATERIAL,
         "otsite/search_assets.py knows which lunr files Material's search worker loads per language (the offline copy "
         "keeps only those)", "the worker's loading is not configurable", "otsite/search_assets.py, otsite/offline_copy.py",
         _probe_search_worker),
    Seam("preview", ENGINE,
         "the preview subclasses mkdocs.livereload._Handler (quiet request log), prints with mkdocs.__main__.ColorFormatter, "
         "announces `serve` through PluginCollection.on_startup, locates MkDocs's messages by their words (MKDOCS_MESSAGES) "
         "and links Material's stylesheets on its error page", "mkdocs serve has no hook for a per-language builder "
         "process or an error page", "scripts/preview.py", _probe_preview),
)
