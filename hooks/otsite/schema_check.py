"""Check parsed YAML against the JSON Schemas in schemas/, in writers' words."""
from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any, Callable

import fastjsonschema

from jsonschema import Draft202012Validator, ValidationError

from .problems import Problem
from .suggest import closest, did_you_mean
from .yaml_errors import NO_SPACE
from .yaml_source import FieldPath, YamlDocument

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"

_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number",
               "array": "a list", "object": "a group of fields", "boolean": "true or false"}


@cache
def load_schema(name: str) -> Draft202012Validator:
    """The validator for schemas/<name>.schema.json."""
    return Draft202012Validator(_bundled(json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))))


def _bundled(schema: Any, root: Any = None) -> Any:
    """`schema` with every "$ref" put in place, within the file or to another, like "page.schema.json#/$defs/review".

    One definition serves several files (the review block of pages and of generated pages);
    both validators then need no way of fetching files, and error paths never pass a "$ref".
    """
    root = schema if root is None else root
    if isinstance(schema, list):
        return [_bundled(item, root) for item in schema]
    if not isinstance(schema, dict):
        return schema
    reference = schema.get("$ref", "")
    if reference:
        filename, _, pointer = reference.partition("#")
        target: Any = json.loads((SCHEMA_DIR / filename).read_text(encoding="utf-8")) if filename else root
        document = target
        for step in pointer.strip("/").split("/"):
            target = target[step]
        return _bundled({**target, **{k: v for k, v in schema.items() if k != "$ref"}}, document)
    return {key: _bundled(value, root) for key, value in schema.items()}


def check_against_schema(document: YamlDocument, schema_name: str, display_path: str) -> list[Problem]:
    """Every way `document` breaks its schema, each with its line and field."""
    return [problem for _, problem in located_schema_errors(document, schema_name, display_path)]


@cache
def _fast_check(name: str) -> Callable[[Any], Any]:
    """schemas/<name>.schema.json compiled to Python: fast on valid data, but stops at the first problem."""
    return fastjsonschema.compile(load_schema(name).schema)


def located_schema_errors(document: YamlDocument, schema_name: str, display_path: str) -> list[tuple[FieldPath, Problem]]:
    """(the field at fault, problem) for every way `document` breaks its schema."""
    try:
        _fast_check(schema_name)(document.data)
        return []  # the usual case, some 40 times faster than collecting every problem
    except fastjsonschema.JsonSchemaException:
        pass
    found = []
    validator = load_schema(schema_name)
    for error in validator.iter_errors(document.data):
        path, message = _describe(error, tuple(error.absolute_path), validator.schema)
        found.append((path, document.problem(path, message, display_path)))
    return found


def _describe(error: ValidationError, path: FieldPath, root: dict[str, Any]) -> tuple[FieldPath, str]:
    """The field at fault and a message saying what was expected and what was found."""
    schema, value = error.schema, error.instance
    expected = schema.get("description") if isinstance(schema, dict) else None
    match error.validator:
        case "required":
            missing = error.message.split("'")[1]
            # The field's description may live in the parent schema when an if/then rule requires it.
            described = error.schema.get("properties", {}).get(missing) or _property_schema(root, error, missing)
            return (*path, missing), f"this required field is missing (expected {_expected(described)})"
        case "additionalProperties":
            unknown = sorted(set(value) - set(schema.get("properties", {})))[0]
            known = list(schema.get("properties", {}))
            return (*path, unknown), f"unknown field {unknown!r} ({did_you_mean(closest(unknown, known))}expected one of: {', '.join(known)})"
        case "type":
            kind = _TYPE_WORDS.get(str(error.validator_value), str(error.validator_value))
            return path, f"expected {kind}{f' ({expected})' if expected else ''}, got {_shown(value)}{_space_hint(value, error)}"
        case "enum":
            options = ", ".join(str(v) for v in error.validator_value)
            return path, f"expected one of: {options}; got {_shown(value)}"
        case "minItems":
            return path, f"expected at least {error.validator_value} item(s), got {len(value)}"
    return path, f"expected {expected or error.message}, got {_shown(value)}"


def _space_hint(value: Any, error: ValidationError) -> str:
    """For text like 'name:Ana' where fields were expected: YAML reads a field without the space after its colon as text."""
    found = re.fullmatch(NO_SPACE, value) if isinstance(value, str) and error.validator_value == "object" else None
    return f" ({did_you_mean(found['key'] + ': ' + found['value'])}a field needs a space after its colon)" if found else ""


def _property_schema(root: dict[str, Any], error: ValidationError, name: str) -> dict[str, Any]:
    """The schema of property `name` in the nearest schema around the failing rule that lists it."""
    node: Any = root
    enclosing = []
    for step in error.absolute_schema_path:
        enclosing.append(node)
        node = node[step]
    for schema in reversed(enclosing):
        if isinstance(schema, dict) and name in schema.get("properties", {}):
            return schema["properties"][name]
    return {}


def _expected(schema: dict[str, Any]) -> str:
    return schema.get("description") or _TYPE_WORDS.get(str(schema.get("type")), "a value")


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
