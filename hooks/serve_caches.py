"""What `mkdocs serve` (and the preview's builders) keep between rebuilds, so a writer's edit waits only for
the pages it changes: one ServeCaches for the whole session, held by the hook's session object (MkDocs loads
a hook module once per process). A plain `mkdocs build` uses none of it.

Everything is kept under a key that digests all it is made from (otsite/render_cache.py), so nothing stale is served:
- pages: each page's finished output, reused through an empty template instead of a theme render;
- search: each page's entries in Material's search index, instead of Material parsing its HTML again;
- sanitized, page_elements, clinic_pages, zip_tables: the sanitizer's output per page HTML, what each writer's
  page's Markdown makes (for the page checks), each clinic page's Markdown and the finder's ZIP table;
- data_files: each data file's reading, for the files whose bytes did not change.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from otsite.i18n import LOCALES
from otsite.render_cache import Memo, RenderCache, digest, folder_digest
from otsite.yaml_source import ParsedFiles
from theme_seams import installed_versions

CACHED_TEMPLATE = "otsite-reused-page.html"
ADAPTER_CODE = [Path(__file__).with_name(name) for name in ("ot_site_hook.py", "theme_seams.py", "serve_caches.py")]


class PageReuse:
    """Each page whose key is the last build's gets that build's output through an empty template; the others are kept."""

    def __init__(self) -> None:
        self._rendered = RenderCache()
        self._keys: dict[str, str] = {}  # this build: the key to keep each rendered page's output under
        self._reused: dict[str, str] = {}  # this build: the output of each page whose inputs did not change

    def plan(self, env: jinja2.Environment, config: Any, pages: list[Any], nav_items: Iterable[Any]) -> None:
        """From on_env: decide which pages are reused (their template becomes CACHED_TEMPLATE)."""
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({CACHED_TEMPLATE: ""}), env.loader])
        shared = _site_digest(config, nav_items)
        self._keys, self._reused = {}, {}
        self._rendered.keep_only({page.file.src_uri for page in pages})
        for page in pages:
            key = digest(shared, page.file.src_uri, page.url, page.title, page.canonical_url, page.edit_url, page.is_homepage,
                         page.meta, page.content or "", toc_outline(page.toc))
            output = self._rendered.get(page.file.src_uri, key)
            if output is None:
                self._keys[page.file.src_uri] = key
            else:
                self._reused[page.file.src_uri] = output
                page.meta["template"] = CACHED_TEMPLATE

    def reused(self, page: Any) -> str | None:
        """The last build's output for `page`, when its inputs did not change."""
        return self._reused.pop(page.file.src_uri, None)

    def keep(self, page: Any, output: str) -> None:
        key = self._keys.pop(page.file.src_uri, None)
        if key is not None:
            self._rendered.put(page.file.src_uri, key, output)


class SearchReuse:
    """A page whose address, title, content, table of contents and search settings did not change gets the last build's
    search entries: Material's search is told to skip it (its documented `search: exclude` front matter, while the search
    plugin sees the page) and the kept entries join the index after (theme_seams: search-entries)."""

    def __init__(self) -> None:
        self._entries = Memo()
        self._pending: dict[str, tuple[str, int, Any]] = {}  # page: (key, where its entries start, its own search setting)

    def new_round(self) -> None:
        self._entries.new_round()
        self._pending = {}

    def before_search(self, page: Any, entries: list[dict]) -> None:
        key = digest(page.url, page.title, page.meta.get("title"), page.meta.get("search"), page.meta.get("tags"),
                     page.content or "", toc_outline(page.toc))
        self._pending[page.file.src_uri] = (key, len(entries), page.meta.get("search", _ABSENT))
        if key in self._entries:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}

    def after_search(self, page: Any, entries: list[dict]) -> None:
        key, start, own = self._pending.pop(page.file.src_uri, (None, 0, _ABSENT))
        if key is None:
            return
        if own is _ABSENT:
            page.meta.pop("search", None)
        else:
            page.meta["search"] = own
        made = self._entries.get(key, lambda: [dict(entry) for entry in entries[start:]])
        entries[start:] = [dict(entry) for entry in made]  # copies: later handlers add fields to the index's own


_ABSENT = object()


@dataclass
class ServeCaches:
    pages: PageReuse = field(default_factory=PageReuse)
    search: SearchReuse = field(default_factory=SearchReuse)
    sanitized: Memo = field(default_factory=Memo)
    page_elements: Memo = field(default_factory=Memo)
    clinic_pages: Memo = field(default_factory=Memo)
    zip_tables: Memo = field(default_factory=Memo)
    data_files: ParsedFiles = field(default_factory=ParsedFiles)

    def new_round(self) -> None:
        """A rebuild starts: what the last one made stays available to it, nothing older (rendering starts its own rounds)."""
        self.sanitized.new_round()
        self.page_elements.new_round()
        self.search.new_round()


def _site_digest(config: Any, nav_items: Iterable[Any]) -> str:
    """Everything every page's theme render shares: settings, navigation, theme files, versions, the adapter's code."""
    theme = config.theme
    settings = {key: config.get(key) for key in ("site_name", "site_url", "site_description", "site_author", "copyright",
                                                  "repo_url", "repo_name", "edit_uri", "use_directory_urls", "extra",
                                                  "extra_css", "extra_javascript", "extra_templates")}
    return digest(settings, dict(theme), [str(d) for d in theme.dirs], list(config.plugins), nav_outline(nav_items),
                  folder_digest(Path(theme.custom_dir) if theme.custom_dir else None),
                  folder_digest(LOCALES),  # the interface strings' translations
                  installed_versions(), *(path.read_bytes() for path in ADAPTER_CODE))


def nav_outline(items: Iterable[Any]) -> list:
    return [[type(item).__name__, item.title, getattr(item, "url", None), nav_outline(item.children or [])] for item in items]


def toc_outline(items: Iterable[Any]) -> list:
    return [[item.title, item.id, item.level, toc_outline(item.children)] for item in items]
