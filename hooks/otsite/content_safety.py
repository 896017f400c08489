"""Refuse Markdown that could run code in a reader's browser.

Writers may use harmless HTML (<br>, <div markdown>, <abbr>), but not
elements that run or embed code, event-handler attributes, or script URLs.
"""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from .markdown_source import find_links, without_code
from .problems import Problem

FORBIDDEN_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "meta", "link", "style"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcdoc"}
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
def check_markdown(body: str, display: str, first_line: int) -> list[Problem]:
    """Problems for each unsafe piece of `body`, whose first line is `first_line` of the file."""
    finder = _UnsafeHtmlFinder()
    finder.feed(without_code(body))
    finder.close()
    problems = [Problem(display, first_line + line - 1, "", message) for line, message in finder.found]
    for line, target in find_links(body):
        if _is_script_url(target):
            problems.append(Problem(display, first_line + line - 1, "", f"a link to {target!r} could run code (expected a web address or a page)"))
    return problems


def _is_script_url(value: str) -> bool:
    squashed = re.sub(r"[\x00-\x20]", "", unescape(value)).lower()
    return squashed.startswith(_SCRIPT_SCHEMES)


class _UnsafeHtmlFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in FORBIDDEN_ELEMENTS:
            self.found.append((line, f"raw HTML <{tag}> is not allowed (expected Markdown, or harmless HTML such as <br>)"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"the HTML attribute {name}= on <{tag}> could run code (expected no event handlers)"))
            elif name in URL_ATTRIBUTES and value and _is_script_url(value):
                self.found.append((line, f"the HTML attribute {name}= on <{tag}> holds a script address (expected a web address or a page)"))

    handle_startendtag = handle_starttag
