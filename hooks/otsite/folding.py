"""Which sections of a condition page stay open and which fold (issue 23, item 3).

A condition page keeps its essentials open: the emergency notice and introduction, what the
condition is, how occupational therapy helps and when to get help. Every other "## " section
(at a glance, the writer's supporting sections, where to get care, related topics) folds into a
<details class="ot-fold"> whose summary is the section's own heading, so the heading stays in
the table of contents and its #anchor keeps working (Material's details script opens the fold
around the address's target, and every fold for printing; ot.css prints them open without JavaScript).
"""
from __future__ import annotations

import re

from markdown.extensions.toc import slugify

# The anchors of the sections that stay open (Spanish headings carry the same ids, { #what-it-is }).
# A section not named here folds: a new supporting section a writer adds is folded by default.
OPEN_SECTIONS = frozenset({
    "get-help-now", "what-it-is", "how-occupational-therapy-helps", "when-to-get-help",
})

_HEADING = re.compile(r"^## +(?P<text>.*?)(?:\s*\{:?(?P<attrs>[^}]*)\}\s*)?$")
_ID = re.compile(r"#([\w-]+)")


def section_anchor(heading_line: str) -> str:
    """The id a "## " heading line gets: its own { #id }, else the one Python-Markdown's toc makes of its text."""
    match = _HEADING.match(heading_line.rstrip())
    if match is None:
        return ""
    given = _ID.search(match["attrs"] or "")
    return given.group(1) if given else slugify(match["text"], "-")


def folds(anchor: str) -> bool:
    return anchor not in OPEN_SECTIONS


def fold_open(heading_line: str) -> str:
    """Markdown that opens a folded section whose summary is `heading_line` (md_in_html: the heading
    stays Markdown, so the table of contents lists it); close_fold() ends it."""
    return f'<details class="ot-fold" markdown>\n<summary markdown="block">\n\n{heading_line}\n\n</summary>\n\n'


def close_fold() -> str:
    return "\n\n</details>\n"


def fold_sections(prose: str) -> str:
    """A writer's Markdown with each "## " section that is not an essential one folded (code blocks left alone)."""
    lines = prose.split("\n")
    starts = [i for i, line in enumerate(lines_outside_fences(prose)) if line is not None and line.startswith("## ")]
    if not starts:
        return prose
    pieces = ["\n".join(lines[: starts[0]])]
    for start, end in zip(starts, [*starts[1:], len(lines)]):
        heading, body = lines[start], "\n".join(lines[start + 1: end]).strip("\n")
        pieces.append(fold_open(heading) + body + close_fold() if folds(section_anchor(heading)) else heading + "\n\n" + body + "\n")
    return "\n".join(pieces)


def lines_outside_fences(text: str) -> list[str | None]:
    """`text`'s lines, with None for each line inside (or opening/closing) a ``` or ~~~ code block."""
    fence, result = "", []
    for line in text.split("\n"):
        marker = line.lstrip()[:3]
        if marker in ("```", "~~~") and (not fence or fence == marker):
            fence = "" if fence else marker
            result.append(None)
        else:
            result.append(None if fence else line)
    return result
