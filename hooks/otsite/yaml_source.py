"""Read YAML safely, keeping the line number of every value for error messages."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

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
    return text


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
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(display_path, line, "", f"this is not valid YAML: {error.problem or error}")]
    except yaml.YAMLError as error:
        return None, [Problem(display_path, 1, "", f"this is not valid YAML: {error}")]
    finally:
        loader.dispose()
    lines: dict[FieldPath, int] = {}
    repeated: list[tuple[FieldPath, int]] = []
    _walk(node, (), lines, repeated)
    repeated = [Problem(display_path, line, field_name(path), f"the field {path[-1]!r} appears more than once here (expected each field once; the last would silently win)")
                for path, line in repeated]
    return (None, repeated) if repeated else (YamlDocument(data, display_path, lines), [])


def _walk(node: yaml.Node, path: FieldPath, lines: dict[FieldPath, int], repeated: list[tuple[FieldPath, int]]) -> None:
    """Record the line of every value (a field's line is its key's) and every key written twice in one mapping."""
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            name = str(key.value)
            child = (*path, name)
            if name in seen:
                repeated.append((child, key.start_mark.line + 1))
            seen.add(name)
            lines[child] = key.start_mark.line + 1
            _walk(value, child, lines, repeated)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, repeated)


def read_yaml(path: Path, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read and parse a YAML file, reporting unreadable or non-UTF-8 files as problems."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None, [Problem(display_path, 0, "", "the file is missing")]
    except UnicodeDecodeError as error:
        return None, [Problem(display_path, 0, "", f"the file is not saved as UTF-8 text (byte {error.start})")]
    return parse_yaml(text, display_path)
