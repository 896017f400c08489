"""PyYAML's syntax errors in a writer's words: a table of what the parser says -> what is wrong and what to do.

The parser notices a slip where it stops making sense, which is often a line or more after the slip
itself: a missing colon on line 2 is reported at the colon of line 3. Each row therefore names the
line the slip is on ("problem" or "context": PyYAML's two marks; "above": the last line with content
before the problem mark) and the shape that line must have for the row to apply. The first row that
fits gives the message; the last one fits every error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import yaml

from .plain_text import shown_safely
from .problems import Problem

Where = Literal["problem", "context", "above"]


@dataclass(frozen=True)
class YamlSlip:
    """One row: PyYAML's words (regular expressions searched in its problem and context texts), the line the
    slip is on and the shape of that line (and of the line above it), and the message to print.

    The message is a str.format template: {line} the slip's line, {above_line}, {context_line}, {char} the
    character at the mark, {rest} the line's text from the mark on, {problem} PyYAML's own words, and every
    named group of `shape` and `above`. A group named "spot" gives the column to mark."""

    problem: str
    message: str
    context: str = ""
    at: Where = "problem"
    shape: str = ""
    above: str = ""
    at_start: bool = False  # the mark must be at the start of its line's text (the parser stopped at a line's indentation)


_KEY = r"(?:-\s+)?(?P<{name}>[^\s:#'\"\[\]{{}}&*!|>%@`-][^:#]*?):(?:\s|$)"  # a field's name and colon, maybe after a list's dash
KEY_LINE = r"^\s*" + _KEY.format(name="spot")
ABOVE_KEY_LINE = r"^\s*" + _KEY.format(name="above_key")
NO_SPACE = r"^\s*(?:-\s+)?(?P<spot>(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s/:].*?))\s*$"  # name:Ana (a URL's // left alone)
NO_COLON = r"^\s*(?:-\s+)?(?P<spot>(?P<first>[A-Za-z_][\w-]*))\s+(?P<others>[^:#'\"\s][^:#]*?)\s*$"  # name Ana
COLON_IN_VALUE = r"^\s*(?:-\s+)?(?P<key>[^\s:#'\"-][^:#]*?):\s+(?P<value>[^'\"\s\[{].*:\s.*?)\s*$"  # note: Open: 9 to 5
ITEM_LINE = r"^\s*(?P<spot>-)(?:\s|$)"
INDENTED = r"expected '-' indicator|did not find expected key|expected <block end>"  # libyaml's words, then PyYAML's
UNEXPECTED = r"did not find expected|expected <block end>"

_NO_SPACE_MESSAGE = "there is no space after the colon in '{spot}' (expected '{key}: {value}', with a space after the colon)"
_NO_COLON_MESSAGE = "this line has no colon after the field name (expected '{first}: {others}', with a colon and a space after the name)"
_LINE_UP = ("line {line} is indented differently from the lines above it: line up '{spot}:' with '{above_key}:' on line {above_line} "
            "(expected the same number of spaces before each)")

SLIPS = [
    # ReaderError: the file holds a character YAML never allows
    YamlSlip(r"characters are not allowed|special characters", "this line holds an invisible control character ({char}) (expected plain text: delete it; "
             "retyping the line removes it)"),
    YamlSlip(r"unknown escape character", "a backslash (\\) inside double quotes starts a special code like \\n (expected two "
             "backslashes (\\\\) for one, or single quotes around the value instead)", context=r"quoted scalar", shape=r"(?P<spot>\\)"),
    YamlSlip(r"", "the quote mark ({char}) that opens here is never closed (expected another {char} at the end of the value)",
             context=r"quoted scalar", at="context"),
    YamlSlip(r"", "the bracket [ that opens a list here is never closed (expected ] after the last item, and a comma between items)",
             context=r"flow sequence", at="context"),
    YamlSlip(r"", "the brace {{ that opens a group of fields here is never closed (expected }} after the last field, and a comma "
             "between fields)", context=r"flow mapping", at="context"),
    YamlSlip(UNEXPECTED, "there is more text after the closing quote mark ({q}) (expected the whole value inside the quotes)",
             shape=r"^\s*(?:-\s+)?[^:#]*:\s+(?P<q>[\"']).*?(?P=q)\s*(?P<spot>[^\s#])"),
    YamlSlip(UNEXPECTED, "a list item needs a space after its dash (expected '- {item}')", at="above",
             shape=r"^\s*(?P<spot>-(?P<item>[^\s-].*?))\s*$"),
    YamlSlip(r"expected '-' indicator|expected <block end>", "line {line} is indented differently from the list above it: line up "
             "its dash (-) with the dash on line {context_line} (expected the same number of spaces before each)", context="block collection",
             shape=ITEM_LINE, at_start=True),
    YamlSlip(INDENTED, "line {line} is indented differently from the lines above it: line up its dash (-) with the dashes of the "
             "other items of its list (expected the same number of spaces before each)", shape=ITEM_LINE, at_start=True),
    YamlSlip(INDENTED, _LINE_UP, shape=KEY_LINE, above=ABOVE_KEY_LINE, at_start=True),
    YamlSlip(INDENTED, "line {line} is indented differently from the lines above it (expected it lined up with the other "
             "fields or items of its group, with the same number of spaces before each)", at_start=True),
    YamlSlip(r"could not find expected ':'", _NO_SPACE_MESSAGE, context=r"simple key", at="context", shape=NO_SPACE),
    YamlSlip(r"could not find expected ':'", _NO_COLON_MESSAGE, context=r"simple key", at="context", shape=NO_COLON),
    YamlSlip(r"could not find expected ':'", "this line has no colon after the field name (expected name: value, with a colon "
             "and a space after the name)", context=r"simple key", at="context"),
    YamlSlip(r"mapping values are not allowed", "this value holds a colon followed by a space, which starts a new field in YAML "
             "(expected the whole value in quotes, like {key}: \"{value}\")", shape=COLON_IN_VALUE),
    YamlSlip(r"mapping values are not allowed", _NO_SPACE_MESSAGE, at="above", shape=NO_SPACE),
    YamlSlip(r"mapping values are not allowed", _NO_COLON_MESSAGE, at="above", shape=NO_COLON),
    YamlSlip(r"mapping values are not allowed", "line {line} is indented more than line {above_line} above it, so it reads as part "
             "of that line's value: line up '{spot}:' with '{above_key}:' (expected the same number of spaces before each)",
             shape=KEY_LINE, above=ABOVE_KEY_LINE),
    YamlSlip(r"mapping values are not allowed", "a field (a name, a colon and a space) cannot start here (expected this line lined "
             "up with the fields beside it, and a value that holds a colon and a space in quotes)"),
    YamlSlip(r"sequence entries are not allowed", "a list cannot start on the same line as its field's name (expected each "
             "item on a line of its own below the name, starting with a dash and a space: - item)"),
    YamlSlip(r"cannot start any token", "a value cannot start with {char} (expected the value in quotes, like \"{rest}\")"),
    YamlSlip(r"undefined alias", "a value cannot start with * unless it is in quotes: YAML reads *name as a copy of another value "
             "(expected the value in quotes, like \"{rest}\")"),
    YamlSlip(r"constructor for the tag", "a value cannot start with ! unless it is in quotes: YAML reads !name as a kind of value "
             "(expected the value in quotes, like \"{rest}\")"),
    YamlSlip(r"found another document", "a line of three dashes (---) here starts a second document (expected one per file: delete "
             "this line)", context=r"single document"),
    YamlSlip(r"", "this line cannot be read as YAML data (expected fields written as name: value, each lined up with the ones "
             "beside it; look for a missing colon, quote or bracket here or just above; the YAML reader says: {problem})"),
]
_LONGEST = 60  # characters of a writer's text quoted in a message
_LONGEST_SHAPED = 2000  # a longer line is no writer's field: only rows without shapes apply (the regexes stay fast)


@dataclass(frozen=True)
class _Mark:
    line: int  # 0-based, as PyYAML counts
    column: int


def yaml_problem(error: yaml.YAMLError, text: str, display_path: str) -> Problem:
    """The first row of SLIPS that fits `error` (raised while parsing `text`), as a problem for the writer."""
    problem, context, at, near = _parts(error, text)
    lines = text.split("\n")
    above = _line_above(lines, at.line)
    for slip in SLIPS:
        if not (re.search(slip.problem, problem) and re.search(slip.context, context)):
            continue
        mark = {"problem": at, "context": near or at, "above": _Mark(above, -1)}[slip.at]
        if mark.line < 0:  # no line above
            continue
        found = _fits(slip, lines, mark, above)
        if found is None:
            continue
        groups, column = found
        line_text = lines[mark.line] if mark.line < len(lines) else ""
        values = {"line": mark.line + 1, "above_line": above + 1, "context_line": (near or at).line + 1,
                  "char": _named(line_text[mark.column:mark.column + 1]) if mark.column >= 0 else "",
                  "rest": _short(line_text[max(mark.column, 0):].strip()), "problem": _short(problem, 120), **groups}
        return Problem(display_path, mark.line + 1, "", slip.message.format_map(values), column)
    raise AssertionError("the last row of SLIPS fits every error")


def _parts(error: yaml.YAMLError, text: str) -> tuple[str, str, _Mark, _Mark | None]:
    """(problem words, context words, problem mark, context mark) of any PyYAML error."""
    if isinstance(error, yaml.reader.ReaderError):  # a character YAML refuses; libyaml counts its position in bytes, so found again
        at = max(text.find(chr(error.character)) if isinstance(error.character, int) else -1, 0)
        return str(error.reason), "", _Mark(text.count("\n", 0, at), at - (text.rfind("\n", 0, at) + 1)), None
    if isinstance(error, yaml.MarkedYAMLError):
        problem_mark, context_mark = error.problem_mark, error.context_mark
        at = problem_mark or context_mark
        near = _Mark(context_mark.line, context_mark.column) if context_mark else None
        return (str(error.problem or ""), str(error.context or ""),
                _Mark(at.line, at.column) if at else _Mark(0, 0), near)
    return str(error), "", _Mark(0, 0), None


def _fits(slip: YamlSlip, lines: list[str], mark: _Mark, above: int) -> tuple[dict[str, str], int] | None:
    """(named groups, 1-based column) when the slip's line and the line above have the row's shapes, else None."""
    text = lines[mark.line] if mark.line < len(lines) else ""
    if (slip.shape or slip.above) and max(len(text), len(lines[above]) if above >= 0 else 0) > _LONGEST_SHAPED:
        return None
    shape = re.search(slip.shape, text)
    over = re.search(slip.above, lines[above]) if above >= 0 else None
    if shape is None or (slip.above and over is None):
        return None
    if slip.at_start and mark.column != len(text) - len(text.lstrip()):
        return None
    groups = {**(over.groupdict() if over else {}), **shape.groupdict()}
    if "spot" in groups and shape.group("spot") is not None:
        column = shape.start("spot") + 1
    else:
        column = mark.column + 1 if mark.column >= 0 else 0
    return {name: _short(value or "") for name, value in groups.items()}, column


def _line_above(lines: list[str], line: int) -> int:
    """The last line before `line` (0-based) with something other than spaces and comments, or -1."""
    for number in range(min(line, len(lines)) - 1, -1, -1):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return -1


def _named(char: str) -> str:
    """A character as a message names it: a control character by its code, others as they are."""
    return f"U+{ord(char):04X}" if char and (ord(char) < 32 or 0x7F <= ord(char) < 0xA0) else char


def _short(text: str, longest: int = _LONGEST) -> str:
    text = shown_safely(text)
    return text if len(text) <= longest else text[: longest - 1] + "…"
