"""Pages' finished output kept between rebuilds of one `mkdocs serve` session, so a writer's
edit waits only for the pages it changes, not for the theme to render every clinic again.

A page is reused only when its key matches: a digest of everything the theme reads to
render it (the page's own content, title, address, front matter and table of contents)
and of everything it shares with every page (the site's settings, navigation, theme
files and versions). Any other change renders the page again, so nothing stale is served.
"""
from __future__ import annotations

import hashlib
import json
import posixpath
import zlib
from pathlib import Path
from typing import Any, Callable, Iterable


def digest(*parts: Any) -> str:
    """One key for `parts` (text, bytes, or anything JSON can write; other values as their str)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else (part if isinstance(part, str) else
                                                     json.dumps(part, sort_keys=True, default=str)).encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def folder_digest(folder: Path | None) -> str:
    """A key for every file under `folder` (names and bytes), or "" for no folder."""
    if folder is None or not folder.is_dir():
        return ""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return digest(*(part for path in files for part in (path.relative_to(folder).as_posix(), path.read_bytes())))


class RenderCache:
    """{page path: (key, compressed output)} from the last build that rendered each page."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[str, bytes]] = {}

    def get(self, path: str, key: str) -> str | None:
        kept = self._pages.get(path)
        return zlib.decompress(kept[1]).decode("utf-8") if kept and kept[0] == key else None

    def put(self, path: str, key: str, output: str) -> None:
        self._pages[path] = (key, zlib.compress(output.encode("utf-8"), 1))

    def keep_only(self, paths: set[str]) -> None:
        """Forget pages that are no longer in the site."""
        for path in set(self._pages) - paths:
            del self._pages[path]

    def __len__(self) -> int:
        return len(self._pages)


class Memo:
    """Values made in the last round (one build) kept by key for the next; a round keeps only the keys it asked for,
    so memory stays one build's worth. A key must be a digest of everything the value is made from."""

    def __init__(self) -> None:
        self._last: dict[str, Any] = {}
        self._this: dict[str, Any] = {}

    def new_round(self) -> None:
        self._last, self._this = self._this or self._last, {}

    def __contains__(self, key: str) -> bool:
        return key in self._this or key in self._last

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        if key in self._this:
            return self._this[key]
        value = self._last[key] if key in self._last else make()
        self._this[key] = value
        return value


class SharedNav:
    """The theme's main navigation, rendered once per folder for the pages outside it (10,000 clinic pages share one;
    hooks/theme_seams.install_shared_nav routes the theme's template through it).

    For a page outside the navigation nothing in it is active or is the page, so what differs is only its links,
    written relative to the page's folder (mkdocs.utils.get_relative_url): pages in one parent folder get the same
    links unless one links into a page's own folder, in which case that page renders its own.
    """

    def __init__(self, nav_urls: Iterable[str], nav_files: Iterable[Any] = ()) -> None:
        self._urls = tuple(nav_urls)
        self._files = set(nav_files)
        self._made: dict[str, Any] = {}

    def key(self, url: str, in_nav: bool) -> str | None:
        """A key shared by pages whose navigation prints the same, or None: render this one's own."""
        head, tail = posixpath.split(url)
        folder = (head if "." in tail else url).rstrip("/")
        if in_nav or not folder or any(f"{u}/".startswith(f"{folder}/") for u in self._urls):
            return None
        return posixpath.dirname(folder)

    def __call__(self, page: Any, caller: Callable[[], Any]) -> Any:
        url = getattr(page, "url", None)  # no page (404.html) or not a page: render as the theme does
        key = self.key(url, getattr(page, "file", None) in self._files) if isinstance(url, str) else None
        if key is None:
            return caller()
        if key not in self._made:
            self._made[key] = caller()
        return self._made[key]
