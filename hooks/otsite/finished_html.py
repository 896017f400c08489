"""Generated pages written as finished HTML (rendering.HTML_TEMPLATES), and what a site
generator needs to publish one without a Markdown pass: its table of contents and the part
of it that search indexes.

A generated page whose body starts with "<h1 " is finished HTML: escaped for HTML by the
templates, links already relative to the page, abbreviations marked. It still goes through
the sanitizer like every page. Only our own templates write these pages (never a writer),
so the simple patterns below read markup whose shape the templates fix.
"""
from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from .sanitize import HeldBlocks

_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')
# Search indexes a finished page up to its first top-level element marked data-search-exclude (at a line's start).
_SEARCH_STOP = re.compile(r'^<[a-z][a-z0-9]*\s[^>\n]*\bdata-search-exclude\b', re.MULTILINE)
_HELD_LINE = re.compile(r"^(otsite-trusted-[0-9a-f]+-\d+)$", re.MULTILINE)  # sanitize.TrustedBlocks' placeholders


def is_finished(body: str) -> bool:
    """Whether a generated page's body (front matter removed) is finished HTML."""
    return body.lstrip().startswith("<h1 ")


def as_content(body: str) -> str:
    """A finished page's body as the page content a Markdown pass would give: each placeholder
    line of a held-out block (sanitize.TrustedBlocks) in its own paragraph, as Markdown puts it."""
    return _HELD_LINE.sub(r"<p>\1</p>", body.strip())


def toc_tokens(html: str) -> list[dict[str, Any]]:
    """The headings of finished HTML as Python-Markdown's toc extension lists them (level, id, name, children)."""
    tokens: list[dict[str, Any]] = []
    open_levels: list[dict[str, Any]] = []
    for level, anchor, inner in _HEADING.findall(html):
        token = {"level": int(level), "id": anchor, "name": _PERMALINK.sub("", inner), "children": []}
        while open_levels and open_levels[-1]["level"] >= token["level"]:
            open_levels.pop()
        (open_levels[-1]["children"] if open_levels else tokens).append(token)
        open_levels.append(token)
    return tokens


def indexed_part(html: str) -> str:
    """The part of a finished page that search indexes: all of it up to its first top-level element marked data-search-exclude."""
    stop = _SEARCH_STOP.search(html)
    return html[: stop.start()] if stop else html


class FinishedFragments(HeldBlocks):
    """Finished HTML inside a writer's page (a condition page's data boxes): held out of the page's
    Markdown pass, which only needs the writer's prose, and put back before the page is sanitized
    (`restore`), so it is sanitized like the rest of the page."""

    name = "finished"

    def hold(self, fragment: Markup) -> Markup:
        """The placeholder line to put in the page's Markdown (as its own paragraph) instead of `fragment`."""
        return Markup(self._placeholder(str(fragment)))
