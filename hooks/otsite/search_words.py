"""Words that never decide a search match.

Material's search adds a trailing wildcard to every word a reader types, and
a wildcard skips Lunr's stop word filter: "arthritis in hands" searched for
"in*", which matched "injury", "independence" and "insurance" on nearly every
page. The search tokenizer's separator (the plugin's `separator` setting,
used for the pages and for the query alike) is widened here so that Lunr's
own English stop words, standing alone, are part of the gap between words:
they are never a search term, in the index (where Lunr drops them anyway) or
in the query.
"""
from __future__ import annotations

import re

# Lunr 2.3.9's English stop words (lunr.stopWordFilter), as Material's search worker ships them.
STOP_WORDS: tuple[str, ...] = (
    "a", "able", "about", "across", "after", "all", "almost", "also", "am", "among", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "but", "by", "can", "cannot", "could", "dear", "did", "do", "does",
    "either", "else", "ever", "every", "for", "from", "get", "got", "had", "has", "have", "he", "her", "hers",
    "him", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "just", "least", "let", "like",
    "likely", "may", "me", "might", "most", "must", "my", "neither", "no", "nor", "not", "of", "off", "often",
    "on", "only", "or", "other", "our", "own", "rather", "said", "say", "says", "she", "should", "since", "so",
    "some", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "tis", "to",
    "too", "twas", "us", "wants", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
    "why", "will", "with", "would", "yet", "you", "your",
)

# Material's English separator: whitespace and hyphens.
DEFAULT_SEPARATOR = r"[\s\-]+"


def _any_case(word: str) -> str:
    """`word` matching in any letter case; the separator is a JavaScript RegExp built without the `i` flag."""
    return "".join(f"[{letter.lower()}{letter.upper()}]" if letter.isalpha() else re.escape(letter) for letter in word)


def _stop_alternation(words: tuple[str, ...]) -> str:
    """Longer words first, so "into" is taken whole rather than tried as "in" first."""
    return "|".join(_any_case(word) for word in sorted(words, key=lambda word: (-len(word), word)))


def stop_word_separator(separator: str = DEFAULT_SEPARATOR, words: tuple[str, ...] = STOP_WORDS) -> str:
    """`separator`, widened to take in runs of stop words standing alone (at the start, between gaps, at the end).

    A separator widened already is returned as it is (`mkdocs serve` may configure the same plugin twice).
    """
    stop = _stop_alternation(words)
    if stop in separator:
        return separator
    gap = f"(?:{separator})"
    return f"(?:^|{gap})(?:(?:{stop})(?={gap}|$){gap}?)+|{gap}"
