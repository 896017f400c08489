"""LinkChecker's own command (the pinned 10.6.0), each page parsed once per run.

With [AnchorCheck] LinkChecker treats every address#anchor as an address of its own: for each one it
reads the page again, parses it again with Beautiful Soup, and walks every element again (the text of
each one too), twice: for the links to follow and for the anchors. The site has about ten anchors
linked per page, so nearly all of LinkChecker's time went into parsing the same bytes over and over.
Here the tree of the same bytes, and the elements read from it, are made once and handed out again:
LinkChecker's checks, its callbacks and its report are its own. Run as `linkchecker` is:

    python tests/tools/linkchecker_parse_once.py [LINKCHECKER OPTIONS] URL...
"""
from __future__ import annotations

import functools
import sys
from collections.abc import Callable

from linkcheck.command.linkchecker import linkchecker
from linkcheck.htmlutil import htmlsoup, linkparse

_make_soup = htmlsoup.make_soup


@functools.cache
def _soup(markup: bytes, from_encoding: str | None) -> object:
    return _make_soup(markup, from_encoding)


def make_soup(markup: bytes | str, from_encoding: str | None = None) -> object:
    return _soup(markup, from_encoding) if isinstance(markup, bytes) else _make_soup(markup, from_encoding)


_read: dict[int, tuple[object, tuple[tuple, ...]]] = {}  # id(soup): (the soup, kept alive so its id stays its own; its elements)


def _elements(soup: object) -> tuple[tuple, ...]:
    """What linkparse.find_links reads from each element, in its order (its loop, without the callbacks)."""
    known = _read.get(id(soup))
    if known is None or known[0] is not soup:
        known = _read[id(soup)] = (soup, tuple((element.name, element.attrs, element.text.strip(), element.sourceline,
                                                None if element.sourcepos is None else element.sourcepos + 1)
                                               for element in soup.find_all(True)))
    return known[1]


def find_links(soup: object, callback: Callable, tags: dict) -> None:
    finder = linkparse.LinkFinder(callback, tags)
    for element in _elements(soup):
        finder.html_element(*element)


def main() -> int:
    # The patched functions are those this version calls (tests/tools/linkcheckerrc names the tool's settings).
    assert htmlsoup.make_soup.__code__.co_argcount == 2 and linkparse.find_links.__code__.co_varnames[:3] == ("soup", "callback", "tags")
    htmlsoup.make_soup = make_soup
    linkparse.find_links = find_links
    return linkchecker()


if __name__ == "__main__":
    sys.exit(main())
