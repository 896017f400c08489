"""Check writers' internal links and #anchors, reporting file and line."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

from .markdown_source import MarkdownReader, links
from .problems import Problem
from .suggest import closest, did_you_mean

_EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")  # http:, mailto:, tel: ...
_ID = re.compile(r"""\sid=["']([^"']+)["']""")


@dataclass(frozen=True)
class SourcePage:
    """A writer's page: its path under docs/, the path shown to writers, its body and where the body starts."""

    path: str
    display: str
    body: str
    first_line: int


def ids_in(html: str) -> set[str]:
    """The element ids a rendered page offers as #anchors."""
    return set(_ID.findall(html))


def check_links(reader: MarkdownReader, pages: list[SourcePage], files: set[str], anchors: dict[str, set[str]]) -> list[Problem]:
    """Problems for links to files that are not in `files` and to #anchors not in `anchors` of their page.

    The links are those Python-Markdown renders (`reader`), so code, reference links and raw HTML count as they do on the site.
    """
    problems = []
    for page in pages:
        body_lines = page.body.split("\n")
        for line, target in links(reader, page.body):
            message = _broken(page.path, target, files, anchors)
            if message:
                column = _link_column(body_lines[line - 1] if line <= len(body_lines) else "", target)
                problems.append(Problem(page.display, page.first_line + line - 1, "", message, column))
    return problems


def _broken(source: str, target: str, files: set[str], anchors: dict[str, set[str]]) -> str | None:
    if _EXTERNAL.match(target):
        return None
    path, _, fragment = unquote(target).partition("#")
    folder = posixpath.dirname(source)
    resolved = posixpath.normpath(posixpath.join(folder, path)) if path else source
    if resolved not in files:
        guess = _closest_file(path, folder, files)
        hint = did_you_mean(guess + (f"#{fragment}" if fragment else "") if guess else None)
        return f"the link {target!r} leads to no page or file ({hint}expected a path like what-to-expect.md, relative to this page)"
    if fragment and resolved in anchors and fragment not in anchors[resolved]:
        guess = closest(fragment, anchors[resolved])
        hint = did_you_mean(f"{path}#{guess}" if guess else None)
        return f"the link {target!r} names a section #{fragment} that {resolved} does not have ({hint}expected one of its headings' anchors)"
    return None


def _closest_file(path: str, folder: str, files: set[str]) -> str | None:
    """The existing file most like `path`, written as the link from `folder` must write it; files of the same kind first."""
    kind = posixpath.splitext(path)[1].lower()
    relative = {posixpath.relpath(name, folder or "."): name for name in files}
    same_kind = [link for link, name in relative.items() if posixpath.splitext(name)[1].lower() == kind]
    return closest(posixpath.normpath(path), same_kind) or closest(posixpath.normpath(path), relative)


def _link_column(text: str, target: str) -> int:
    """1-based column where the link to `target` starts on its line: its [text] for a Markdown link, its <a or <img
    for HTML, else the target itself; 0 when the line does not show it (a reference link's target is elsewhere)."""
    at = text.find(target)
    if at < 0:
        return 0
    if text[:at].endswith("]("):  # [text](target): back to the bracket that opens the text
        depth, start = 0, at - 2
        while start >= 0:
            depth += {"]": 1, "[": -1}.get(text[start], 0)
            if depth == 0:
                return start + (0 if start > 0 and text[start - 1] == "!" else 1)
            start -= 1
    tag = max(text.rfind("<a", 0, at), text.rfind("<img", 0, at))
    return (tag if tag >= 0 else at) + 1
