"""The site's own scripts and stylesheets as a reader downloads them: the notes left out (issue 23, light pages).

The sources under overrides/assets/ keep every comment for the people who change them; a reader's
phone gets the code alone (ot.css: 6.1 KB gzipped with its notes, 2.9 KB without). Both rules are
deliberately narrow, so they cannot change what the code does:
- CSS: comments go, runs of white space become one space, and the space around { } ; goes
  (never around ":" or a combinator, where a space is a descendant selector); quoted strings are kept as
  they are.
- JavaScript: only lines that are wholly a comment (// ... or a /* ... */ block that starts its line)
  and each line's indentation go; every line break stays, so automatic semicolons fall where they did,
  and a comment after code on its line stays (it may be part of a string or a regular expression).
Vendored runtimes (overrides/assets/vendor/) are published byte for byte as verified, never through here.
"""
from __future__ import annotations

import re

# A quoted string, a comment, white space, or a run of anything else (a lone "/" included).
_CSS_TOKENS = re.compile(r"""("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|(/\*.*?\*/)|(\s+)|([^"'/\s]+|/)""", re.DOTALL)
_NEEDS_NO_SPACE = "{};"


def minify_css(text: str) -> str:
    """`text` without comments and with white space cut to what CSS needs."""
    out: list[str] = []
    space = False  # white space (or a comment) since the last token kept
    for quoted, comment, blank, other in _CSS_TOKENS.findall(text):
        if comment or blank:
            space = True
            continue
        token = quoted or other
        if space and out and out[-1][-1] not in _NEEDS_NO_SPACE and (quoted or token[0] not in _NEEDS_NO_SPACE):
            out.append(" ")
        out.append(token)
        space = False
    return "".join(out) + "\n"


def strip_js_notes(text: str) -> str:
    """`text` without its whole-line comments, blank lines and indentation; every other line as it was."""
    kept: list[str] = []
    in_block = False
    for line in text.splitlines():
        code = line.strip()
        if in_block:
            if "*/" not in code:
                continue
            in_block = False
            code = code.split("*/", 1)[1].strip()
        elif code.startswith("//"):
            continue
        elif code.startswith("/*"):
            if "*/" not in code[2:]:
                in_block = True
                continue
            code = code[2:].split("*/", 1)[1].strip()
        if code:
            kept.append(code)
    return "\n".join(kept) + "\n"


def published_form(path: str, text: str) -> str:
    """What the site publishes for its own file at `path` (a .css or .js under assets/), given its source `text`."""
    if path.endswith(".css"):
        return minify_css(text)
    if path.endswith(".js"):
        return strip_js_notes(text)
    return text
