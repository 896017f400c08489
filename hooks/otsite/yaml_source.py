"""Read YAML safely, keeping the line number of every value for error messages."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .plain_text import hidden_controls, shown_safely
from .problems import Problem

FieldPath = tuple[str | int, ...]


# libyaml's C parser when PyYAML has it (the wheels do): several times faster on big files.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """A safe loader that keeps dates as text, so schemas check one type."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDocument:
    """A parsed file and the 1-based line where each of its values starts."""

    data: Any
    source: str  # the path shown to writers, e.g. data/clinics.yml
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line_of(self, path: FieldPath) -> int:
        """The line of the value at `path`, or of its nearest parent that has one."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def field_name(path: FieldPath) -> str:
    """Write a field path the way writers read it: clinics[3].phone."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return shown_safely(text)


def parse_yaml(text: str, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse YAML text; on failure return the problems instead of raising."""
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        return None, [Problem(display_path, line, "", "a tab character is used for indenting or spacing (expected spaces only)")]
    loader = _TextLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(display_path, 1, "", "the file is empty (expected YAML data)")]
        lines: dict[FieldPath, int] = {}
        found: list[tuple[FieldPath, int, str]] = []
        _walk(node, (), lines, found, set())
        if found:  # checked before building values, so an alias bomb never expands
            return None, [Problem(display_path, line, field_name(path), message) for path, line, message in found]
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(display_path, line, "", f"this is not valid YAML: {error.problem or error}")]
    except yaml.YAMLError as error:
        return None, [Problem(display_path, 1, "", f"this is not valid YAML: {error}")]
    except RecursionError:
        return None, [Problem(display_path, 1, "", f"the data is nested too deeply (expected at most {MAX_DEPTH} levels of lists and fields)")]
    finally:
        loader.dispose()
    return YamlDocument(data, display_path, lines), []


MAX_DEPTH = 60  # far deeper than any data file needs; stops deep nesting before Python's own limit
MAX_INT_DIGITS = 100  # no data needs more; Python refuses to read over 4,300 (ValueError), and big ones are slow to use
_DEEP = f"the data is nested too deeply here (expected at most {MAX_DEPTH} levels of lists and fields)"
_LONG_INT = "a number {digits:,} digits long (expected at most {MAX_INT_DIGITS} digits; put text in quotes)"
_NOT_A_NUMBER = re.compile(r"[-+]?\.(inf|nan)", re.IGNORECASE)
_REPEATED = "the field {name!r} appears more than once here (expected each field once; the last would silently win)"
_ALIAS = ("this value repeats another with a YAML alias (*name) (expected the value written out here: "
          "anchors (&name) and aliases are not allowed in data files)")
_INFINITE = "expected a real number, got {value} (not a number or infinite)"


def _walk(node: yaml.Node, path: FieldPath, lines: dict[FieldPath, int], found: list[tuple[FieldPath, int, str]], seen: set[int]) -> None:
    """Record the line of every value (a field's line is its key's) and every key written twice in one mapping,
    alias, .nan/.inf number, number too long to read, bidi control character (plain_text.py) and nesting
    deeper than MAX_DEPTH, as (field, line, message) in `found`."""
    if id(node) in seen:  # the composer hands the same node to each alias of an anchor
        found.append((path, lines.get(path) or lines.get(path[:-1], 1), _ALIAS))
        return
    lines.setdefault(path, node.start_mark.line + 1)
    seen.add(id(node))
    if len(path) > MAX_DEPTH:  # reported where it happens, and not walked further (Python's recursion limit)
        found.append((path[:2], node.start_mark.line + 1, _DEEP))  # the outer fields: a path 60 deep is unreadable
        return
    if isinstance(node, yaml.MappingNode):
        keys = set()
        for key, value in node.value:
            name = str(key.value)
            child = (*path, name)
            hidden = hidden_controls(name)
            if hidden:
                found.append((child, key.start_mark.line + 1, f"the field's name: {hidden}"))
            if name in keys:
                found.append((child, key.start_mark.line + 1, _REPEATED.format(name=name)))
            keys.add(name)
            lines[child] = key.start_mark.line + 1
            _walk(value, child, lines, found, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, found, seen)
    elif node.tag == "tag:yaml.org,2002:float" and _NOT_A_NUMBER.fullmatch(node.value):
        found.append((path, lines[path], _INFINITE.format(value=node.value)))
    elif node.tag == "tag:yaml.org,2002:int" and sum(ch.isdigit() for ch in node.value) > MAX_INT_DIGITS:
        found.append((path, node.start_mark.line + 1, _LONG_INT.format(digits=sum(ch.isdigit() for ch in node.value),
                                                                       MAX_INT_DIGITS=MAX_INT_DIGITS)))
    elif isinstance(node.value, str) and hidden_controls(node.value):
        found.append((path, node.start_mark.line + 1, str(hidden_controls(node.value))))


# {(file, path shown): (sha256 of its bytes, what reading it gave)}, or None: see keep_parsed.
_parsed: dict[tuple[str, str], tuple[bytes, tuple[YamlDocument | None, list[Problem]]]] | None = None


def keep_parsed(keep: bool) -> None:
    """Whether read_yaml keeps each file's result for its next read (`mkdocs serve`: the process lives
    all session, and a data file whose bytes did not change is not parsed again). Callers never change
    a document's data, so a kept one is as good as a new one."""
    global _parsed
    _parsed = {} if keep else None


def read_yaml(path: Path, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read and parse a YAML file, reporting unreadable or non-UTF-8 files as problems."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(display_path, 0, "", "the file is missing")]
    if _parsed is None:
        return _parse_bytes(data, display_path)
    key, seen = hashlib.sha256(data).digest(), _parsed.get((str(path), display_path))
    result = seen[1] if seen is not None and seen[0] == key else _parse_bytes(data, display_path)
    _parsed[(str(path), display_path)] = (key, result)
    return result[0], list(result[1])


def _parse_bytes(data: bytes, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    try:
        text = decode_utf8(data, display_path)
    except NotUtf8 as error:
        return None, [error.problem]
    return parse_yaml(text, display_path)


class NotUtf8(ValueError):
    """A file that is not UTF-8 text, with the problem to show the writer."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def decode_utf8(data: bytes, display_path: str) -> str:
    """`data` as text (a UTF-8 byte-order mark dropped); raises NotUtf8 naming the line and column of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        line_start = data.rfind(b"\n", 0, start) + 1
        line = data.count(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
        raise NotUtf8(Problem(display_path, line, "", (
            f"the file is not saved as UTF-8 text: byte 0x{data[start]:02X} at line {line}, column {column} is not UTF-8 "
            f"(byte {start} of the file; expected UTF-8, so save the file as UTF-8)"))) from None
