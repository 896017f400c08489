"""Bounds on a writer's page before Python-Markdown reads it: its size, its nesting, and how much
rescanning its inline markup would cost, so any page builds or is refused within seconds.

Python-Markdown is superlinear on some inline input (bench/markdown_worst_case.py measures it):
- each `[` is matched by scanning ahead to its `]` (or the paragraph's end): a line of 10,000
  `[` took 24 s, 20,000 took 106 s; `](` scans the same way for its `)`;
- each `<` that starts a tag is scanned ahead to its `>` (the raw-HTML reader sees the whole page):
  100,000 `<a ` never ended;
- every inline match (emphasis, code, a link, a line break...) rebuilds its paragraph's text, so
  matches times paragraph length;
- lists nested a few hundred deep are slow, a thousand deep a RecursionError.
`inline_work` estimates those costs in one linear pass, in units of one character scanned for a
`[`; the page is refused when the estimate passes the limit, with the line of the paragraph that
costs most. The limits are settings (`extra: markdown_limits:` in mkdocs.yml, see `MarkdownLimits`).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping

from .plain_text import first_control_line
from .problems import Problem


@dataclass(frozen=True)
class MarkdownLimits:
    """Per page: its size in bytes, how deep lists and quotes nest, the estimated inline work (see inline_work)."""

    page_bytes: int = 1_000_000
    nesting: int = 16
    inline_work: int = 5_000_000  # about 2 s at worst on the machine the weights were measured on (bench/markdown_worst_case.py)

    @classmethod
    def from_settings(cls, extra: Mapping[str, Any] | None) -> MarkdownLimits:
        """The limits `extra.markdown_limits` sets in a configuration (each one optional), else the defaults."""
        given = (extra or {}).get("markdown_limits") or {}
        names = {field.name for field in fields(cls)}
        return cls(**{key: int(value) for key, value in given.items() if key in names})


# Cost of one unit of each kind of work, relative to one character scanned for a `[` (measured: bench/markdown_worst_case.py).
BRACKET_WEIGHT, ANGLE_WEIGHT, REBUILD_WEIGHT = 1.0, 0.2, 0.005
_INLINE_MARKUP = re.compile(r"[\[\]<`*_&\\!{]| {2}\n")  # what an inline pattern may match, each match rebuilding the text
_BLOCK_START = re.compile(r"[ \t>]*(?:[-*+]|\d+[.)])[ \t]|[ \t>]*[|#]")  # a list item, table row or heading: its own inline text
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_PREFIX = re.compile(r"[ \t>]*")


@dataclass(frozen=True)
class Paragraph:
    """A run of lines Python-Markdown reads as one inline text (at most: a list item or table row is its own)."""

    line: int  # 1-based, in the body
    start: int  # offset in the body
    end: int


def check_bounds(body: str, display: str, first_line: int, limits: MarkdownLimits) -> list[Problem]:
    """Problems that keep `body` (whose first line is `first_line` of the file) from being read as Markdown."""
    def at(line: int, message: str) -> Problem:
        return Problem(display, first_line + line - 1, "", message)
    size = len(body.encode("utf-8"))
    if size > limits.page_bytes:
        return [at(1, f"the page is {size:,} bytes long (expected at most {limits.page_bytes:,}: split it into several pages)")]
    problems = []
    hidden = first_control_line(body)
    if hidden:
        problems.append(at(*hidden))
    deep = too_deep(body, limits.nesting)
    if deep:
        problems.append(at(deep[0], f"lists or quotes are nested {deep[1]} levels deep here "
                                    f"(expected at most {limits.nesting}: flatten the list, or use headings)"))
    work, worst = inline_work(body)
    if work > limits.inline_work:
        problems.append(at(worst.line, f"the Markdown from here would take too long to read: about {work:,.0f} units of inline work "
                                       f"(expected at most {limits.inline_work:,}: close each [ with ] and each < with >, or write "
                                       "these characters as \\[ and &lt;, and split long paragraphs with blank lines)"))
    return problems


def fits(body: str, limits: MarkdownLimits) -> bool:
    """Whether Python-Markdown may read `body` (check_bounds names what is wrong)."""
    return (len(body.encode("utf-8")) <= limits.page_bytes and not too_deep(body, limits.nesting)
            and inline_work(body)[0] <= limits.inline_work)


def too_deep(body: str, limit: int) -> tuple[int, int] | None:
    """(line, depth) of the first line nested deeper than `limit` (a `>` or four spaces of indentation is one level)."""
    for number, line in enumerate(body.split("\n"), start=1):
        prefix = _PREFIX.match(line).group()  # type: ignore[union-attr] - always matches
        if len(prefix) == len(line):
            continue  # a blank line
        depth = prefix.count(">") + len(prefix.replace(">", "").expandtabs(4)) // 4
        if depth > limit:
            return number, depth
    return None


def paragraphs(body: str) -> list[Paragraph]:
    """The runs of lines that each become one inline text, split at blank lines and at each list item, table row or heading."""
    found: list[Paragraph] = []
    offset = 0
    first: tuple[int, int] | None = None  # (line, offset) where the current run starts
    for number, text in enumerate(body.split("\n"), start=1):
        blank = not text.strip()
        if first is not None and (blank or _BLOCK_START.match(text)):
            found.append(Paragraph(first[0], first[1], offset - 1))
            first = None
        if first is None and not blank:
            first = (number, offset)
        offset += len(text) + 1
    if first is not None:
        found.append(Paragraph(first[0], first[1], len(body)))
    return found


def inline_work(body: str) -> tuple[float, Paragraph]:
    """The estimated inline work of `body` and the paragraph that costs most."""
    angles = _AngleScans(body)
    total, worst, worst_cost = 0.0, Paragraph(1, 0, 0), -1.0
    for paragraph in paragraphs(body):
        text = body[paragraph.start:paragraph.end]
        cost = (BRACKET_WEIGHT * _bracket_scans(text) + ANGLE_WEIGHT * angles.between(paragraph.start, paragraph.end)
                + REBUILD_WEIGHT * len(_INLINE_MARKUP.findall(text)) * len(text))
        total += cost
        if cost > worst_cost:
            worst, worst_cost = paragraph, cost
    return total, worst


_BRACKETS = re.compile(r"\]\(|[\[\])]")  # "](" before "]"


def _bracket_scans(text: str) -> int:
    """Characters scanned to match each `[` with its `]`, and each `](` with its `)` (or to the text's end)."""
    scanned = 0
    squares: list[int] = []
    parens: list[int] = []
    for found in _BRACKETS.finditer(text):
        token, index = found.group(), found.start()
        if token == "[":
            squares.append(index)
        elif token == ")":
            scanned += index - parens.pop() if parens else 0
        else:  # "]" or "](": closes a [, and "](" opens a link's (
            scanned += index - squares.pop() if squares else 0
            if token == "](":
                parens.append(index)
    return scanned + sum(len(text) - index for index in squares + parens)


class _AngleScans:
    """Characters scanned from each `<` that starts a tag to the next `>` anywhere after it (the raw-HTML reader
    reads the whole page), summed over a stretch of the page."""

    def __init__(self, body: str) -> None:
        closes = [found.start() for found in re.finditer(">", body)]
        self.starts = [found.start() for found in _TAG_START.finditer(body)]
        self.running = [0]  # running[i]: the scans of the first i tag starts
        for index in self.starts:
            after = bisect_left(closes, index)
            self.running.append(self.running[-1] + (closes[after] if after < len(closes) else len(body)) - index)

    def between(self, start: int, end: int) -> int:
        return self.running[bisect_left(self.starts, end)] - self.running[bisect_left(self.starts, start)]


def any_page_beyond(reader: Any, docs: Path) -> bool:
    """Whether a page under `docs` (read by `reader`, a MarkdownReader) is past its limits: the checks that read
    pages' text with patterns of their own (triage, translations) must not read it either."""
    for _, path in reader.pages(docs):
        try:
            body = reader.read(path, path.name).body
        except ValueError:  # not UTF-8: reported by the page checks
            continue
        if not fits(body, reader.limits):
            return True
    return False
