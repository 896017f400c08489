"""What Material's search loads in the browser, read from a built site: the one place this project
relies on Material's search worker (workers/search.*.min.js, "setupSearchLanguages" in Material 9).

The worker takes the languages from its index's config.lang and imports, from
assets/javascripts/lunr/, a word splitter for Japanese, Hindi and Thai, lunr-languages'
support for each language but English, the multi-language file for more than one, and the
stemmer support under them all; English alone loads none. No MkDocs import here.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

LUNR_FOLDER = "assets/javascripts/lunr/"
SEARCH_INDEX = "search/search_index.json"
SEARCH_INDEX_SCRIPT = "search/search_index.js"  # the offline plugin's copy of the index: `var __index = {...}`
_WORD_SPLITTERS = {"ja": "tinyseg.js", "hi": "wordcut.js", "th": "wordcut.js"}


def search_language_files(languages: Iterable[str]) -> frozenset[str]:
    """The files under LUNR_FOLDER the worker loads for `languages`, relative to it ("min/lunr.es.min.js")."""
    languages = tuple(languages)
    scripts = {_WORD_SPLITTERS[code] for code in languages if code in _WORD_SPLITTERS}
    scripts |= {f"min/lunr.{code}.min.js" for code in languages if code != "en"}
    if len(languages) > 1:
        scripts.add("min/lunr.multi.min.js")
    return frozenset(scripts | {"min/lunr.stemmer.support.min.js"}) if scripts else frozenset()


def search_languages(folder: Path) -> tuple[str, ...]:
    """The languages one built language folder's search loads: its index's config.lang (none without search)."""
    index, script = folder / SEARCH_INDEX, folder / SEARCH_INDEX_SCRIPT
    if index.is_file():
        text = index.read_text(encoding="utf-8")
    elif script.is_file():
        text = script.read_text(encoding="utf-8").split("=", 1)[1]
    else:
        return ()
    return tuple(json.loads(text)["config"]["lang"])
