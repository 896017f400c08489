"""The closest of the names a writer could have meant, for messages that say "did you mean 'x'?"."""
from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option most like `word`, or None when none is close (difflib's ratio of at least 0.6)."""
    found = get_close_matches(word, sorted(options), n=1)
    return found[0] if found else None


def did_you_mean(guess: str | None) -> str:
    """"did you mean 'x'? " to open a message's parentheses, or "" without a guess."""
    return f"did you mean {guess!r}? " if guess else ""
