"""Split a page into front matter and body exactly as the site generator does.

The MkDocs adapter passes MkDocs's own `mkdocs.utils.meta.get_data`; other
generators (the portable export, scripts) get `get_data_like_mkdocs`, a copy of
MkDocs 1.6.1's rule that tests/test_properties.py proves equal to the original.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

import yaml

from .yaml_source import decode_utf8

# (text) -> (body as Markdown sees it, meta): the contract of mkdocs.utils.meta.get_data
GetData = Callable[[str], tuple[str, dict[str, Any]]]

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE_RE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
_OPENING = re.compile(r"-{3}[ \t]*")
_CLOSING = re.compile(r"(?:\.{3}|-{3})[ \t]*")


@dataclass(frozen=True)
class PageSource:
    """A page as the generator reads it: its YAML front matter (text), its body and where each starts."""

    text: str
    yaml_text: str  # "" when the page has none the generator accepts
    body: str
    body_line: int  # line of the file on which `body` starts
    meta: dict[str, Any]
    rejected_yaml: str | None = None  # a block between --- lines that the generator did NOT read as front matter

    YAML_LINE = 2  # front matter starts after the opening --- line


def page_text(data: bytes, display: str) -> str:
    """A page's bytes as MkDocs reads them: UTF-8 (a byte-order mark dropped), every line end a plain newline."""
    return decode_utf8(data, display).replace("\r\n", "\n").replace("\r", "\n")


def split_page(text: str, get_data: GetData) -> PageSource:
    """Front matter and body of `text` (already read with `page_text`), split by `get_data`."""
    body, meta = get_data(text)
    head = text[: len(text) - len(body)]  # get_data keeps the body's end, so the head is what it took off
    body_line = head.count("\n") + 1
    lines = head.split("\n")
    if not head or not _OPENING.fullmatch(lines[0]):
        return PageSource(text, "", body, body_line, meta if head else {}, _attempted_yaml(text) if not head else None)
    closing = max(i for i, line in enumerate(lines) if i and _CLOSING.fullmatch(line))
    return PageSource(text, "\n".join(lines[1:closing]) + "\n", body, body_line, meta)


def _attempted_yaml(text: str) -> str | None:
    """The block after an opening --- line that the generator refused, so its YAML mistakes can be shown."""
    lines = text.split("\n")
    if not _OPENING.fullmatch(lines[0]):
        return None
    for i, line in enumerate(lines[1:], start=1):
        if _CLOSING.fullmatch(line):
            return "\n".join(lines[1:i]) + "\n"
    return ""  # never closed


def get_data_like_mkdocs(doc: str) -> tuple[str, dict[str, Any]]:
    """mkdocs.utils.meta.get_data of MkDocs 1.6.1, for generators that run without MkDocs."""
    data: dict[str, Any] = {}
    if match := _YAML_RE.match(doc):
        try:
            data = yaml.load(match.group(1), _SafeLoader)  # noqa: S506 - a safe loader
            if isinstance(data, dict):
                doc = doc[match.end():].lstrip("\n")
            else:
                data = {}
        except Exception:  # noqa: BLE001 - MkDocs ignores front matter it cannot read
            pass
        return doc, data
    lines = doc.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    key = None
    while lines:
        line = lines.pop(0)
        if line.strip() == "":
            break
        if first := _META_RE.match(line):
            key = first.group("key").lower().strip()
            value = first.group("value").strip()
            data[key] = f"{data[key]} {value}" if key in data else value
        elif (more := _META_MORE_RE.match(line)) and key:
            data[key] += " {}".format(more.group("value").strip())
        else:
            lines.insert(0, line)
            break
    return "\n".join(lines).lstrip("\n"), data
