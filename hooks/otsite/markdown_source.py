"""Read writers' Markdown as text: the links it makes, ignoring code."""
from __future__ import annotations

import re

_FENCE = re.compile(r"^(\s*)(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_INLINE_LINK_START = re.compile(r"\]\(\s*<?")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)")


def without_code(body: str) -> str:
    """The body with fenced code blocks and code spans blanked, keeping line numbers."""
    lines, fence = [], None
    for line in body.split("\n"):
        match = _FENCE.match(line)
        if fence:
            if match and match.group(2) == fence:
                fence = None
            lines.append("")
        elif match:
            fence = match.group(2)
            lines.append("")
        else:
            lines.append(_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    return "\n".join(lines)


def find_links(body: str) -> list[tuple[int, str]]:
    """(1-based line in body, target) for each Markdown link, image and reference definition."""
    found = []
    for number, line in enumerate(without_code(body).split("\n"), start=1):
        targets = [_target_at(line, m.end(), bracketed=m.group().endswith("<")) for m in _INLINE_LINK_START.finditer(line)]
        reference = _REFERENCE_DEFINITION.match(line)
        if reference:
            targets.append(reference.group(1))
        found += [(number, target) for target in targets]
    return found


def _target_at(line: str, start: int, bracketed: bool) -> str:
    """The link target that starts at `start`: up to a space, ">" or the ")" that closes the link."""
    if bracketed:  # [a](<my page.md>) may hold spaces
        end = line.find(">", start)
        return line[start:end if end != -1 else len(line)]
    depth, end = 0, start
    while end < len(line) and not line[end].isspace() and line[end] != ">":
        if line[end] == "(":
            depth += 1
        elif line[end] == ")":
            if depth == 0:
                break
            depth -= 1
        end += 1
    return line[start:end]
