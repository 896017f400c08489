"""Read YAML safely, keeping the line number of every value for error messages."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .plain_text import hidden_controls, shown_safely
from .problems import Problem
from .yaml_errors import yaml_problem

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
    """A parsed file and the 1-based line (and column) where each of its values starts."""

    data: Any
    source: str  # the path shown to writers, e.g. data/clinics.yml
    lines: dict[FieldPath, int] = field(default_factory=dict)
    columns: dict[FieldPath, int] = field(default_factory=dict)  # a field's is its name's, as its line is

    def line_of(self, path: FieldPath) -> int:
        """The line of the value at `path`, or of its nearest parent that has one."""
        return self.lines.get(self._known(path), 1)

    def column_of(self, path: FieldPath) -> int:
        """The column of the value at `path`, or of its nearest parent that has one; 0 when unknown."""
        return self.columns.get(self._known(path), 0)

    def problem(self, path: FieldPath, message: str, display: str | None = None) -> Problem:
        """A problem with the value at `path`, placed at its line and column."""
        return Problem(display or self.source, self.line_of(path), field_name(path), message, self.column_of(path))

    def _known(self, path: FieldPath) -> FieldPath:
        while path and path not in self.lines:
            path = path[:-1]
        return path


def field_name(path: FieldPath) -> str:
    """Write a field path the way writers read it: clinics[3].phone."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return shown_safely(text)


def parse_yaml(text: str, display_path: str, first_line: int = 1) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse YAML text that starts on line `first_line` of its file (a page's front matter: 2); on failure return the
    problems instead of raising. Every line number, in problems and the document, is the file's."""
    text = "\n" * (first_line - 1) + text  # blank lines change nothing in YAML, and messages name other lines too
    if "\t" in text:
        at = text.index("\t")
        line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        return None, [Problem(display_path, line, "", _TAB, column)]
    try:
        loader = _TextLoader(text)
    except yaml.YAMLError as error:  # PyYAML's own reader checks every character first
        return None, [yaml_problem(error, text, display_path)]
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(display_path, first_line, "", "the file is empty (expected YAML data)")]
        lines: dict[FieldPath, int] = {}
        columns: dict[FieldPath, int] = {}
        found: list[tuple[FieldPath, int, int, str]] = []
        _walk(node, (), (lines, columns), found, set())
        if found:  # checked before building values, so an alias bomb never expands
            return None, [Problem(display_path, line, field_name(path), message, column) for path, line, column, message in found]
        data = loader.construct_document(node)
    except yaml.YAMLError as error:  # in a writer's words, at the line of the slip (otsite/yaml_errors.py)
        return None, [yaml_problem(error, text, display_path)]
    except RecursionError:
        return None, [Problem(display_path, 1, "", f"the data is nested too deeply (expected at most {MAX_DEPTH} levels of lists and fields)")]
    finally:
        loader.dispose()
    return YamlDocument(data, display_path, lines, columns), []


MAX_DEPTH = 60  # far deeper than any data file needs; stops deep nesting before Python's own limit
MAX_INT_DIGITS = 100  # no data needs more; Python refuses to read over 4,300 (ValueError), and big ones are slow to use
_TAB = "a tab character is used for indenting or spacing here (expected spaces only: delete the tab and type spaces)"
_DEEP = f"the data is nested too deeply here (expected at most {MAX_DEPTH} levels of lists and fields)"
_LONG_INT = "a number {digits:,} digits long (expected at most {MAX_INT_DIGITS} digits; put text in quotes)"
_NOT_A_NUMBER = re.compile(r"[-+]?\.(inf|nan)", re.IGNORECASE)
_REPEATED = "the field {name!r} appears more than once here: first on line {first} (expected each field once: keep one; the last one would silently win)"
_ALIAS = ("this value repeats another with a YAML alias (*name) (expected the value written out here: "
          "anchors (&name) and aliases are not allowed in data files)")
_INFINITE = "expected a real number, got {value} (not a number or infinite)"


def _at(node: yaml.Node) -> tuple[int, int]:
    """(1-based line, 1-based column) where `node` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def _walk(node: yaml.Node, path: FieldPath, places: tuple[dict[FieldPath, int], dict[FieldPath, int]],
          found: list[tuple[FieldPath, int, int, str]], seen: set[int]) -> None:
    """Record the line and column of every value (a field's are its key's) in `places`, and every key written twice in one mapping,
    alias, .nan/.inf number, number too long to read, bidi control character (plain_text.py) and nesting
    deeper than MAX_DEPTH, as (field, line, column, message) in `found`."""
    lines, columns = places
    if id(node) in seen:  # the composer hands the same node to each alias of an anchor
        found.append((path, lines.get(path) or lines.get(path[:-1], 1), columns.get(path, 0), _ALIAS))
        return
    lines.setdefault(path, node.start_mark.line + 1)
    columns.setdefault(path, node.start_mark.column + 1)
    seen.add(id(node))
    if len(path) > MAX_DEPTH:  # reported where it happens, and not walked further (Python's recursion limit)
        found.append((path[:2], *_at(node), _DEEP))  # the outer fields: a path 60 deep is unreadable
        return
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}  # each field's name: the line it is first written on
        for key, value in node.value:
            name = str(key.value)
            child = (*path, name)
            hidden = hidden_controls(name)
            if hidden:
                found.append((child, *_at(key), f"the field's name: {hidden}"))
            if name in keys:
                found.append((child, *_at(key), _REPEATED.format(name=name, first=keys[name])))
            keys.setdefault(name, key.start_mark.line + 1)
            lines[child], columns[child] = _at(key)
            _walk(value, child, places, found, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), places, found, seen)
    elif node.tag == "tag:yaml.org,2002:float" and _NOT_A_NUMBER.fullmatch(node.value):
        found.append((path, *_at(node), _INFINITE.format(value=node.value)))
    elif node.tag == "tag:yaml.org,2002:int" and sum(ch.isdigit() for ch in node.value) > MAX_INT_DIGITS:
        found.append((path, *_at(node), _LONG_INT.format(digits=sum(ch.isdigit() for ch in node.value),
                                                                       MAX_INT_DIGITS=MAX_INT_DIGITS)))
    elif isinstance(node.value, str) and hidden_controls(node.value):
        found.append((path, *_at(node), str(hidden_controls(node.value))))


class ParsedFiles:
    """Each file's reading kept for its next read (`mkdocs serve`: the process lives all session, and a data
    file whose bytes did not change is not parsed again). Callers never change a document's data, so a kept
    one is as good as a new one."""

    def __init__(self) -> None:
        # {(file, path shown): (sha256 of its bytes, what reading it gave)}
        self._kept: dict[tuple[str, str], tuple[bytes, tuple[YamlDocument | None, list[Problem]]]] = {}

    def read(self, path: Path, display_path: str, data: bytes) -> tuple[YamlDocument | None, list[Problem]]:
        key, seen = hashlib.sha256(data).digest(), self._kept.get((str(path), display_path))
        result = seen[1] if seen is not None and seen[0] == key else _parse_bytes(data, display_path)
        self._kept[(str(path), display_path)] = (key, result)
        return result[0], list(result[1])


_KEEPING: ContextVar[ParsedFiles | None] = ContextVar("otsite_parsed_files", default=None)


@contextmanager
def keeping_parsed(kept: ParsedFiles | None) -> Iterator[None]:
    """read_yaml keeps what it reads in `kept` while inside (None: it keeps nothing), so callers in between need not pass it on."""
    token = _KEEPING.set(kept)
    try:
        yield
    finally:
        _KEEPING.reset(token)


def read_yaml(path: Path, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read and parse a YAML file, reporting unreadable or non-UTF-8 files as problems."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(display_path, 0, "", "the file is missing")]
    kept = _KEEPING.get()
    return kept.read(path, display_path, data) if kept is not None else _parse_bytes(data, display_path)


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
