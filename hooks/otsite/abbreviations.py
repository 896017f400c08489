"""Python-Markdown's `abbr` extension, made linear in the number of abbreviations.

The stock tree processor (Markdown 3.11) builds one regular expression of every
abbreviation as alternatives, so each position of the text tries each of them,
and it finds a child's place with `list(parent).index(child)`, so a list of N
items costs N squared: the glossary page with 20,000 terms took minutes. This
one matches through a trie-shaped expression (each position tries only the
branches that start with its letter), built once per set of abbreviations, and
walks children by position. The output is the same.

Add `LinearAbbreviations()` after `abbr` in the extension list.
"""
from __future__ import annotations

import re
from html import escape
import xml.etree.ElementTree as etree
from functools import lru_cache

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.util import AtomicString


class LinearAbbreviations(Extension):
    """Replaces the `abbr` extension's tree processor, keeping its abbreviations (glossary and page definitions)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        if "abbr" in md.treeprocessors:
            stock = md.treeprocessors["abbr"]
            md.treeprocessors.register(_LinearAbbrTreeprocessor(md, stock.abbrs), "abbr", 7)


class _LinearAbbrTreeprocessor(AbbrTreeprocessor):
    def run(self, root: etree.Element) -> None:
        if self.abbrs:
            self.RE = abbreviation_pattern(tuple(self.abbrs))
            self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        children = list(element)
        for index in range(len(children) - 1, -1, -1):  # from the end, so inserting after a child keeps earlier places
            child = children[index]
            self._walk(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail, wrapped = self._wrap(child.tail)
                for offset, abbr in enumerate(wrapped, start=1):
                    element.insert(index + offset, abbr)
        if element.text and not isinstance(element.text, AtomicString):
            element.text, wrapped = self._wrap(element.text)
            for offset, abbr in enumerate(wrapped):
                element.insert(offset, abbr)

    def _wrap(self, text: str) -> tuple[str, list[etree.Element]]:
        """The text before the first abbreviation, and an <abbr> for each (its tail the text up to the next)."""
        assert self.RE is not None
        wrapped: list[etree.Element] = []
        for match in reversed(list(self.RE.finditer(text))):
            title = self.abbrs[match.group(0)]
            if title:
                wrapped.insert(0, self.create_element(title, match.group(0), text[match.end():]))
                text = text[: match.start()]
        return text, wrapped


@lru_cache(maxsize=8)
def abbreviation_pattern(abbreviations: tuple[str, ...]) -> re.Pattern[str]:
    """Matches any of `abbreviations` as a whole word, the longest where several fit, like the stock expression."""
    trie: dict = {}
    for word in abbreviations:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}
    return re.compile(rf"\b(?:{_branches(trie)})\b")


def _branches(node: dict) -> str:
    branches = [re.escape(character) + _branches(child) for character, child in sorted(node.items()) if character]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body  # longer words first, then the word that ends here


# Elements whose text Python-Markdown's abbr leaves alone (code is an AtomicString there).
_UNTOUCHED = re.compile(r"<(abbr|code|pre|script|style)\b.*?</\1>", re.IGNORECASE | re.DOTALL)
_ENTITY_TAIL = re.compile(r"&#?[A-Za-z0-9]*$")


def abbreviate_html(html: str, abbreviations: dict[str, str]) -> str:
    """Finished HTML with each abbreviation in its text marked as Python-Markdown's abbr marks it in a
    Markdown page (<abbr title="...">), in one pass over the page rather than one per text node:
    one search of the whole page, then each match is checked to be text (not in a tag, a character
    reference, or an element abbr leaves alone)."""
    if not abbreviations:
        return html
    matches = [m for m in abbreviation_pattern(tuple(abbreviations)).finditer(html) if abbreviations.get(m.group(0))]
    if not matches:
        return html
    untouched = [m.span() for m in _UNTOUCHED.finditer(html)]
    pieces: list[str] = []
    position = 0
    for match in matches:
        start, end = match.span()
        if not _in_text(html, start) or any(a <= start < b for a, b in untouched):
            continue
        word = match.group(0)
        pieces += [html[position:start], f'<abbr title="{escape(abbreviations[word], quote=True)}">{word}</abbr>']
        position = end
    return "".join(pieces) + html[position:]


def _in_text(html: str, position: int) -> bool:
    """Whether `position` is in text: not inside a tag and not inside a character reference."""
    if html.rfind("<", 0, position) > html.rfind(">", 0, position):
        return False
    return not _ENTITY_TAIL.search(html, max(0, position - 32), position)
