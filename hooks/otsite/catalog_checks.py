"""Check translators' catalogs (locales/<language>/LC_MESSAGES/<domain>.po) before the build prints them.

A catalog comes from a pull request like any other input. Every problem is reported as
`locales/es/LC_MESSAGES/messages.po:LINE: msgid "...": what is wrong (expected ...)`:
- a line Babel's reader cannot parse (Babel would print a warning and skip it);
- what Babel's own checkers find (`Catalog.check()`: python_format, num_plurals);
- placeholders that do not match the English text's, in the domain's own syntax (below).
  Babel's python_format lets a translation drop a placeholder, and checks nothing when the
  English text has none, yet every "messages" entry is printed with `%` (Jinja's newstyle
  gettext): "100% seguro" % {} prints "100{}eguro" (`% s` formats the values themselves) and
  "100% Acerca" raises ValueError. So a literal % must be written %%;
- a translation far longer than its English text (a 2 MB string would be printed on every page);
- bidi control characters (plain_text.py).
i18n.py uses `translation_problem` too: a translation that fails it is never printed (English is).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileParser

from .plain_text import hidden_controls
from .problems import Problem


@dataclass(frozen=True)
class PlaceholderSyntax:
    """How a domain's messages hold values. `token` matches each formatting token: a placeholder
    (group "name"), or, where the syntax has one, a formatting character left alone (group "stray")."""

    token: re.Pattern[str]
    written: str  # how a placeholder is written, with {name}
    stray_message: str = ""


# One row per domain (i18n.DOMAINS): "messages" is formatted by Python's %, "scripts" by ot.js's otT ({name}).
SYNTAX = {
    "messages": PlaceholderSyntax(re.compile(r"%(?:\((?P<name>\w+)\)s|%|(?P<stray>))"), "%({name})s",
                                  "a lone % (expected %% for a percent sign, or a placeholder like %(name)s)"),
    "scripts": PlaceholderSyntax(re.compile(r"\{(?P<name>\w+)\}"), "{{{name}}}"),
}
MAX_GROWTH, MAX_EXTRA = 4, 200  # a translation may be up to 4 times its English text's length, plus 200 characters
_SHOWN = 60  # characters of a msgid shown in a message


def catalog_files(locales: Path) -> list[Path]:
    """The catalogs the build reads: locales/<language>/LC_MESSAGES/<domain>.po for each known domain."""
    return sorted(path for path in locales.glob("*/LC_MESSAGES/*.po") if path.stem in SYNTAX)


def check_catalogs(root: Path) -> list[Problem]:
    """Every problem of every catalog under root/locales."""
    problems: list[Problem] = []
    for path in catalog_files(root / "locales"):
        problems += check_catalog(path, path.relative_to(root).as_posix())
    return problems


def check_catalog(path: Path, display: str) -> list[Problem]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return [Problem(display, line, "", "the file is not saved as UTF-8 text (expected UTF-8, as Poedit and Weblate save it)")]
    catalog = Catalog(domain=path.stem)
    parser = _Parser(catalog)
    parser.parse(text.splitlines(keepends=True))
    problems = [Problem(display, line, "", f"this line cannot be read: {reason} (expected msgid \"...\" and msgstr \"...\" lines)")
                for line, reason in parser.invalid]
    flagged: set[int] = set()
    for message, errors in catalog.check():  # Babel's checkers first
        flagged.add(message.lineno)
        expected = _expected(_forms(message)[0][0] if _forms(message) else "", SYNTAX[path.stem])
        problems += [_problem(display, message, f"{error} (expected {_spelled(expected)})") for error in errors]
    for message in catalog:
        if message.id and message.string and not message.fuzzy and message.lineno not in flagged:
            for msgid, msgstr in _forms(message):
                found = translation_problem(msgid, msgstr, path.stem)
                if found:
                    problems.append(_problem(display, message, found))
    return problems


def translation_problem(msgid: str, msgstr: str, domain: str) -> str | None:
    """What is wrong with `msgstr` as the translation of `msgid` in `domain`, or None."""
    if len(msgstr) > MAX_GROWTH * len(msgid) + MAX_EXTRA:
        return (f"the translation is {len(msgstr):,} characters long (expected at most {MAX_GROWTH * len(msgid) + MAX_EXTRA:,}: "
                f"{MAX_GROWTH} times the English text's {len(msgid):,}, plus {MAX_EXTRA})")
    hidden = hidden_controls(msgstr)
    if hidden:
        return hidden
    syntax = SYNTAX.get(domain, SYNTAX["messages"])
    if any(token.groupdict().get("stray") is not None for token in syntax.token.finditer(msgstr)):
        return syntax.stray_message
    wanted, given = _names(msgid, syntax), _names(msgstr, syntax)
    if wanted == given:
        return None
    expected = _expected(msgid, syntax)
    extra = ", ".join(syntax.written.format(name=name) for name in sorted(given - wanted))
    missing = ", ".join(syntax.written.format(name=name) for name in sorted(wanted - given))
    what = "; ".join(part for part in (extra and f"{extra} is not in the English text", missing and f"{missing} is missing") if part)
    return f"the placeholders do not match: {what} (expected {_spelled(expected)})"


def _expected(msgid: str, syntax: PlaceholderSyntax) -> str:
    return ", ".join(syntax.written.format(name=name) for name in sorted(_names(msgid, syntax))) or "no placeholders"


def _spelled(expected: str) -> str:
    return f"{expected}, spelled as in the English text" if expected != "no placeholders" else "no placeholders, as in the English text"


def _names(text: str, syntax: PlaceholderSyntax) -> set[str]:
    return {token["name"] for token in syntax.token.finditer(text) if token["name"]}


def _forms(message: Message) -> list[tuple[str, str]]:
    """(English, translation) of each form: a plural's forms are checked against its plural msgid."""
    ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    return [(ids[min(i, len(ids) - 1)], text) for i, text in enumerate(strings) if text]


def _problem(display: str, message: Message, text: str) -> Problem:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    shown = msgid if len(msgid) <= _SHOWN else msgid[:_SHOWN] + "..."
    return Problem(display, message.lineno or 0, 'msgid "{}"'.format(shown.replace('"', '\\"')), text)


class _Parser(PoFileParser):
    """Babel's reader, noting each line it cannot read (Babel 2.19's _invalid_pofile hook: it would print a warning)."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(catalog)
        self.invalid: list[tuple[int, str]] = []

    def _invalid_pofile(self, line: str, lineno: int, msg: str) -> None:
        self.invalid.append((lineno + 1, msg))
