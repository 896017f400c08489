"""Check writers' internal links and #anchors, reporting file and line."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

from .markdown_source import MarkdownReader, links
from .problems import Problem

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
        for line, target in links(reader, page.body):
            message = _broken(page.path, target, files, anchors)
            if message:
                problems.append(Problem(page.display, page.first_line + line - 1, "", message))
    return problems


def _broken(source: str, target: str, files: set[str], anchors: dict[str, set[str]]) -> str | None:
    if _EXTERNAL.match(target):
        return None
    path, _, fragment = unquote(target).partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path)) if path else source
    if resolved not in files:
        return f"the link {target!r} leads to no page or file (expected a path like what-to-expect.md, relative to this page)"
    if fragment and resolved in anchors and fragment not in anchors[resolved]:
        return f"the link {target!r} names a section #{fragment} that {resolved} does not have (expected one of its headings' anchors)"
    return None
