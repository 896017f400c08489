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
import zlib
from pathlib import Path
from typing import Any, Callable


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

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        if key in self._this:
            return self._this[key]
        value = self._last[key] if key in self._last else make()
        self._this[key] = value
        return value
