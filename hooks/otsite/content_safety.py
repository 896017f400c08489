"""Refuse Markdown that could run code in a reader's browser, naming file and line.

This is the helpful layer: it reads what Python-Markdown (with the site's own
extensions) makes of a page, so a writer learns where the problem is. The
safety layer is the sanitizer over the built HTML. Writers may use harmless
HTML (<br>, <div markdown>, <abbr>), but not elements that run or embed code,
event-handler attributes, or script URLs.
"""
from __future__ import annotations

import re
from html import unescape

from .markdown_source import Element, MarkdownReader
from .problems import Problem

FORBIDDEN_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "meta", "link", "style",
                      "svg", "math", "template", "noscript", "textarea", "animate", "set", "portal"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcdoc", "srcset", "values", "to", "from"}
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")


def check_markdown(reader: MarkdownReader, body: str, display: str, first_line: int) -> list[Problem]:
    """Problems for each unsafe element Python-Markdown makes of `body`, whose first line is `first_line` of the file."""
    problems = []
    for element in reader.elements(body):
        for message in _unsafe(element):
            problems.append(Problem(display, first_line + element.line - 1, "", message))
    return problems


def _unsafe(element: Element) -> list[str]:
    tag = element.tag
    found = []
    if tag in FORBIDDEN_ELEMENTS:
        found.append(f"raw HTML <{tag}> is not allowed (expected Markdown, or harmless HTML such as <br>)")
    for name, value in element.attrs:
        if name.startswith("on"):
            found.append(f"the HTML attribute {name}= on <{tag}> could run code (expected no event handlers)")
        elif name in URL_ATTRIBUTES and _is_script_url(value):
            if tag == "a" and name == "href" or tag == "img" and name == "src":
                found.append(f"a link to {value!r} could run code (expected a web address or a page)")
            else:
                found.append(f"the HTML attribute {name}= on <{tag}> holds a script address (expected a web address or a page)")
    return found


def _is_script_url(value: str) -> bool:
    squashed = re.sub(r"[\x00-\x20]", "", unescape(value)).lower()
    return squashed.startswith(_SCRIPT_SCHEMES)
