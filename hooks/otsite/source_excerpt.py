"""The line a problem is on, with a marker under the spot, for a writer to see where to look.

    12 | address: 123 Main St
       |          ^^^^^^^^^^^
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # problems.py imports this module to print excerpts under its problems
    from .problems import Problem

TAB_SIZE = 4
MAX_WIDTH = 100  # characters of a line shown; a longer one is cut around the spot
_CUT = "…"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # YAML's and Markdown's line breaks, so line numbers agree with theirs
_TOKEN_END = ",]}"  # a YAML list's or group's next item, or its end: [strok, stroke]
_BRACKETS = {"[": "]", "(": ")", "{": "}", '"': '"', "'": "'", "`": "`"}


@dataclass(frozen=True)
class Excerpt:
    """Line `number` as shown (`text`), and the 0-based span [start, end) of `text` to mark."""

    number: int
    text: str
    start: int
    end: int


def excerpt(problem: Problem, root: Path) -> Excerpt | None:
    """The line of `problem` in its file under `root`, or None when there is no line to show."""
    lines = _file_lines(root, problem.path)
    if not lines or problem.line < 1 or problem.line > len(lines):
        return None
    raw = lines[problem.line - 1]
    start, end = _span(raw, problem.column)
    text = _visible(raw.expandtabs(TAB_SIZE))
    # Positions in the shown text: a tab before the spot widens it to the next tab stop.
    start, end = (len(raw[:start].expandtabs(TAB_SIZE)), len(raw[:end].expandtabs(TAB_SIZE)))
    return _cut(problem.line, text, start, max(end, start + 1))


def excerpt_text(ex: Excerpt) -> str:
    """The excerpt as two terminal lines: the numbered line, and carets under the span."""
    number = str(ex.number)
    width = max(5, len(number))
    return f"{number:>{width}} | {ex.text}\n{'':>{width}} | {' ' * ex.start}{'^' * (ex.end - ex.start)}"


def _span(raw: str, column: int) -> tuple[int, int]:
    """[start, end) of `raw` to mark: the token at `column` (1-based), or the line's non-blank part."""
    if column < 1:
        start = len(raw) - len(raw.lstrip())
        return start, max(len(raw.rstrip()), start + 1)
    start = min(column - 1, len(raw))
    if start >= len(raw) or raw[start].isspace():
        return start, start + 1
    closing = _BRACKETS.get(raw[start])
    if closing:  # a link, quote or bracket: up to its end on this line (a link's [text] and its (target))
        end = raw.find(closing, start + 1)
        if closing == "]" and end >= 0 and raw.startswith("(", end + 1):
            end = raw.find(")", end + 1)
        if end >= 0:
            return start, end + 1
    end = start + 1
    while end < len(raw) and not raw[end].isspace() and raw[end] not in _TOKEN_END:
        end += 1
    return start, end


def _visible(text: str) -> str:
    """`text` with control and format characters shown as one '?' each: they could drive the terminal, hide
    text (bidi controls) or move the marker."""
    return "".join("?" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)


def _cut(number: int, text: str, start: int, end: int) -> Excerpt:
    """A line longer than MAX_WIDTH cut to a window around the span, each cut shown as '…'."""
    text = text.rstrip()
    end = min(end, max(len(text), start) + 1)
    if len(text) <= MAX_WIDTH:
        return Excerpt(number, text, start, end)
    end = min(end, start + MAX_WIDTH - 2 * len(_CUT))  # a span wider than the window is marked up to its edge
    left = max(0, min(start - MAX_WIDTH // 3, len(text) - MAX_WIDTH))
    right = min(len(text), left + MAX_WIDTH)
    shown = text[left:right]
    if left:
        shown = _CUT + shown[len(_CUT):]
    if right < len(text):
        shown = shown[: -len(_CUT)] + _CUT
    return Excerpt(number, shown, start - left, end - left)


def _file_lines(root: Path, path: str) -> list[str]:
    """The lines of root/path, or [] when it is not a readable file inside root."""
    file = root / path
    try:
        if not file.resolve().is_relative_to(root.resolve()) or not file.is_file():
            return []
        stat = file.stat()
    except (OSError, ValueError):
        return []
    return list(_read_lines(str(file), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=8)  # one report often shows several lines of one file
def _read_lines(file: str, modified: int, size: int) -> tuple[str, ...]:
    try:
        text = Path(file).read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return ()
    return tuple(_LINE_BREAK.split(text))
