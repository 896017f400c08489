"""Invisible characters that change how text reads: refused in titles, names, data, catalogs and file names.

Bidirectional controls reorder what a reader sees ("Trojan Source", CVE-2021-42574): U+202E in a
clinic's name or phone number shows its characters backwards, and a title or file name can hide
what it really says. This English and Spanish site never needs them, so every one is refused,
including the invisible direction marks (U+200E, U+200F, U+061C), which spoof the same way in
mixed text. Zero-width spaces and joiners (U+200B-U+200D) are left alone: they do not reorder
text, and emoji sequences use the joiner.
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .problems import Problem

# embeddings and overrides U+202A-U+202E, isolates U+2066-U+2069, marks U+200E, U+200F, U+061C
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def hidden_controls(text: str) -> str | None:
    """A message naming the first bidi control character in `text`, or None."""
    found = BIDI_CONTROLS.search(text)
    if found is None:
        return None
    char = found.group()
    return (f"the invisible character U+{ord(char):04X} ({unicodedata.name(char, 'bidi control').lower()}) at character "
            f"{found.start() + 1} can make text show in another order than it is written "
            "(expected plain text: delete it; retyping the text removes it)")


def first_control_line(text: str) -> tuple[int, str] | None:
    """(1-based line, message) of the first bidi control character in `text`, or None."""
    found = BIDI_CONTROLS.search(text)
    if found is None:
        return None
    line_start = text.rfind("\n", 0, found.start()) + 1
    message = hidden_controls(text[line_start:])
    assert message is not None
    return text.count("\n", 0, found.start()) + 1, message


def shown_safely(text: str) -> str:
    """`text` with each bidi control written as its code (\\u202e), for messages that quote a writer's text."""
    return BIDI_CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def file_names_with_controls(root: Path, folders: Iterable[str]) -> list[Problem]:
    """Each file or folder under `folders` (relative to `root`) whose name holds a bidi control: a page's address
    and the saved guide's file list come from it."""
    problems = []
    for folder in dict.fromkeys(folders):
        for parent, names, files in os.walk(root / folder):
            for name in [*names, *files]:
                message = hidden_controls(name)
                if message:
                    shown = shown_safely((Path(parent) / name).relative_to(root).as_posix())
                    problems.append(Problem(shown, 0, "", f"the file name: {message}"))
    return problems


def nav_titles_with_controls(nav: Any, config_text: str, config_name: str) -> list[Problem]:
    """Each title in a configuration's `nav:` that holds a bidi control, at its line of the configuration."""
    problems = []
    for title in _nav_titles(nav):
        message = hidden_controls(title)
        if message:
            at = config_text.find(title)
            line = config_text.count("\n", 0, at) + 1 if at >= 0 else 0
            problems.append(Problem(config_name, line, f'nav: "{shown_safely(title)}"', message))
    return problems


def _nav_titles(nav: Any) -> Iterator[str]:
    if isinstance(nav, list):
        for item in nav:
            yield from _nav_titles(item)
    elif isinstance(nav, dict):
        for title, value in nav.items():
            yield str(title)
            yield from _nav_titles(value)
