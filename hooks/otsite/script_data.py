"""Scripts the build writes: a fixed template plus exactly one JSON value.

The value is written by script_json (`<`, `>`, `&`, U+2028 and U+2029 escaped), in place
of the template's one placeholder. The template is split once and the value is never
searched afterwards, so no string in the data (a file named `self.__WB_MANIFEST.png`,
or one holding the placeholder itself, quotes, newlines or bidi characters) can change
the code around it. No MkDocs import here.
"""
from __future__ import annotations

from .sanitize import script_json

PLACEHOLDER = "__OT_DATA__"


def fill(template: str, value: object) -> str:
    """`template` with its one PLACEHOLDER replaced by `value` as JSON."""
    before, found, after = template.partition(PLACEHOLDER)
    if not found or PLACEHOLDER in after:
        raise ValueError(f"a script template needs {PLACEHOLDER} exactly once (found it {template.count(PLACEHOLDER)} times)")
    return before + script_json(value) + after


def assignment(name: str, value: object) -> str:
    """A script that sets window.<name> to `value`: how generated data reaches the page's scripts."""
    if not name.isidentifier():
        raise ValueError(f"{name!r} is not a JavaScript name")
    return fill(f"window.{name} = {PLACEHOLDER};\n", value)
