"""Read writers' pages the way the site generator does: which files are pages,
where front matter ends, and what Python-Markdown makes of the body (with the
site's own extensions), so checks see the HTML readers get, not a guess.

The MkDocs adapter builds a MarkdownReader from the MkDocs config; other
generators use `default_reader`, which reads the same settings from mkdocs.yml.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable

import markdown
import yaml

from .front_matter import GetData, PageSource, get_data_like_mkdocs, page_text, split_page
from .markdown_bounds import MarkdownLimits, fits
from .render_cache import Memo, digest

# MkDocs 1.6.1: mkdocs.utils.markdown_extensions, and the extensions it always adds.
PAGE_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


@dataclass(frozen=True)
class Element:
    """An element of a rendered page: its tag, attributes, text (for headings) and source line in the body."""

    tag: str
    attrs: tuple[tuple[str, str], ...]
    line: int
    text: str = ""


def default_excluded(relative: str) -> bool:
    """MkDocs's default exclude_docs: dot files and folders, and a top-level templates/ folder."""
    parts = relative.split("/")
    return any(part.startswith(".") for part in parts) or parts[0] == "templates"


@dataclass
class MarkdownReader:
    """How the generator reads pages: its front-matter splitter, page suffixes, exclusions and Markdown extensions."""

    get_data: GetData = get_data_like_mkdocs
    extensions: tuple[Any, ...] = BUILTIN_EXTENSIONS
    extension_configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    page_suffixes: tuple[str, ...] = PAGE_SUFFIXES
    excluded: Callable[[str], bool] = default_excluded
    limits: MarkdownLimits = MarkdownLimits()  # a page past them is not read as Markdown (page_checks reports why)
    # what each body rendered to, by a digest of the body and these settings: a server's rebuilds share one (`mkdocs serve`)
    rendered: Memo = field(default_factory=Memo, repr=False)
    _markdown: markdown.Markdown | None = field(default=None, repr=False)

    def pages(self, docs_dir: Path) -> list[tuple[str, Path]]:
        """(path under docs/, file) of every page, following linked folders (each real folder once)."""
        found: list[tuple[str, Path]] = []
        visited: set[str] = set()
        for folder, names in _walk(docs_dir, "", visited):
            for name in names:
                relative = f"{folder}{name}"
                if relative.endswith(self.page_suffixes) and not self.excluded(relative):
                    found.append((relative, docs_dir / relative))
        return sorted(found)

    def read(self, path: Path, display: str) -> PageSource:
        """The page at `path` split as the generator splits it; raises NotUtf8 for a file that is not UTF-8."""
        return split_page(page_text(path.read_bytes(), display), self.get_data)

    def elements(self, body: str) -> tuple[Element, ...]:
        """Every element Python-Markdown makes of `body`, in document order, each with its line in `body`."""
        return self.rendered.get(digest(self._settings, body), lambda: self._render(body))

    @cached_property
    def _settings(self) -> str:
        """A digest of how this reader renders (its extensions and their settings): made once, used for every page."""
        return digest(self.extensions, self.extension_configs)

    def _render(self, body: str) -> tuple[Element, ...]:
        if not fits(body, self.limits):  # it could take minutes (markdown_bounds.py): nothing is read of it
            return ()
        if self._markdown is None:
            self._markdown = markdown.Markdown(extensions=list(self.extensions), extension_configs=self.extension_configs)
        html = self._markdown.reset().convert(body)
        collector = _Collector(_Locator(body))
        collector.feed(html)
        collector.close()
        return tuple(collector.elements)


def _walk(top: Path, prefix: str, visited: set[str]):  # noqa: ANN202 - yields (folder prefix, file names)
    real = os.path.realpath(top)
    if real in visited:
        return
    visited.add(real)
    try:
        entries = sorted(os.scandir(top), key=lambda entry: entry.name)
    except OSError:
        return
    yield prefix, [e.name for e in entries if not e.is_dir()]
    for entry in entries:
        if entry.is_dir():  # follows links, as MkDocs does; links out of the project were refused before
            yield from _walk(Path(entry.path), f"{prefix}{entry.name}/", visited)


def links(reader: MarkdownReader, body: str) -> list[tuple[int, str]]:
    """(line in body, target) of each link and image the rendered page holds, the heading permalinks aside."""
    found = []
    for element in reader.elements(body):
        attrs = dict(element.attrs)
        if element.tag == "a" and "href" in attrs and "headerlink" not in attrs.get("class", "").split():
            found.append((element.line, attrs["href"]))
        elif element.tag == "img" and "src" in attrs:
            found.append((element.line, attrs["src"]))
    return found


def default_reader(root: Path) -> MarkdownReader:
    """The reader for a generator without MkDocs: MkDocs's page rules and the extensions root/mkdocs.yml lists."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), _TolerantLoader) or {}  # noqa: S506
    except (OSError, yaml.YAMLError):
        config = {}
    names: list[str] = list(BUILTIN_EXTENSIONS)
    configs: dict[str, dict[str, Any]] = {}
    for item in config.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if isinstance(options, dict):  # settings the tolerant loader could not read (tags) are left at their defaults
            configs[name] = {key: value for key, value in options.items() if value is not None}
    return MarkdownReader(extensions=tuple(names), extension_configs=configs, limits=MarkdownLimits.from_settings(config.get("extra")))


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's plain settings; its Python and !ENV tags become None instead of running."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


class _Locator:
    """Finds the source line of rendered pieces: each search goes on from the last place the same text was found.
    Linear in the page: a needle searched to the end once is not searched again, and lines are counted by bisection."""

    def __init__(self, body: str) -> None:
        self.lower = "\n" + body.lower()  # a newline before line 1, so "\n# title" finds a heading on it too
        self.after: dict[str, int] = {}
        self.exhausted: dict[str, int | None] = {}  # needle -> its first place, once no later one is left
        self.newlines = [found.start() for found in re.finditer("\n", self.lower)]

    def line(self, *needles: str) -> int:
        """The line of the first of `needles` found (1 when none is)."""
        for needle in needles:
            needle = needle.lower()
            if not needle.strip():
                continue
            start = self._find(needle)
            if start is not None:
                return bisect_left(self.newlines, start + (1 if needle.startswith("\n") else 0))
        return 1

    def _find(self, needle: str) -> int | None:
        if needle in self.exhausted:
            return self.exhausted[needle]
        start = self.lower.find(needle, self.after.get(needle, 0))
        if start == -1:
            first = self.lower.find(needle)
            self.exhausted[needle] = None if first == -1 else first
            return self.exhausted[needle]
        self.after[needle] = start + len(needle)
        return start


# The piece of each element most likely to be written literally in the source.
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcdoc")


class _Collector(HTMLParser):
    def __init__(self, locator: _Locator) -> None:
        super().__init__(convert_charrefs=True)
        self.locator = locator
        self.elements: list[Element] = []
        self._heading: tuple[str, tuple[tuple[str, str], ...], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pairs = tuple((name, value or "") for name, value in attrs)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading is None:
            self._heading = (tag, pairs, [])
            return
        self.elements.append(Element(tag, pairs, self.locator.line(_needle(tag, pairs))))

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == self._heading[0]:
            name, pairs, texts = self._heading
            text = "".join(texts).strip().removesuffix("¶").strip()
            level = int(name[1])
            line = self.locator.line(f"\n{'#' * level} {text}", f"\n{text}\n", f"<{name}", text)
            self.elements.append(Element(name, pairs, line, text))
            self._heading = None


def _needle(tag: str, attrs: tuple[tuple[str, str], ...]) -> str:
    for name, value in attrs:
        if name.startswith("on"):
            return name
    for name, value in attrs:
        if name in _URL_ATTRIBUTES and value:
            return value
    return f"<{tag}"
