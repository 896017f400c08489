"""The site's interface strings in each language: gettext catalogs read through Babel.

Catalogs live in locales/<language>/LC_MESSAGES/<domain>.po, the format translators'
tools (Poedit, Weblate, Lokalize) read and write. Two domains:
- "messages": the Jinja templates (hooks/otsite/templates, overrides/) and Python code;
- "scripts": the browser scripts (overrides/assets/javascripts), handed to them as a
  generated `ot-strings.js` (see scripts_catalog).
English is the source language: msgids are the English strings, so English needs no catalog.
Untranslated and fuzzy entries fall back to English here; tests/test_catalogs.py fails on them.
A translation that catalog_checks.py refuses (placeholders that do not match, a lone %, far too long)
stops the build; should one be printed anyway, it is printed in English, never formatted.
"""
from __future__ import annotations

import gettext
import io
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Callable

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import pass_context
from markupsafe import Markup, escape as html_escape

from .catalog_checks import translation_problem
from .languages import SOURCE_LANGUAGE

LOCALES = Path(__file__).resolve().parents[2] / "locales"
DOMAINS = ("messages", "scripts")
_PLACEHOLDER = re.compile(r"(%\(\w+\)s|%%)")  # the only formatting our msgids use


def catalog_path(language: str, domain: str = "messages") -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{domain}.po"


def translations(language: str, domain: str = "messages") -> gettext.NullTranslations:
    """The catalog for `language` (English: the msgids themselves). Read again only when the
    file changes, so a translator's edit shows under `mkdocs serve` without a restart."""
    path = catalog_path(language, domain)
    return _read_catalog(language, domain, path.stat().st_mtime_ns if path.is_file() else 0)


@cache
def _read_catalog(language: str, domain: str, changed: int) -> gettext.NullTranslations:
    path = catalog_path(language, domain)
    if language == SOURCE_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as source:
        catalog = read_po(source, locale=language, domain=domain)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # a fuzzy entry is a guess: English until a translator confirms it
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def gettext_for(language: str, domain: str = "messages"):  # noqa: ANN201 - a gettext function
    """`_` for Python code: `_ = gettext_for(site.language); _("Open now")`."""
    return translations(language, domain).gettext


def scripts_catalog(language: str) -> dict[str, str]:
    """Every translated string of the browser scripts, {English: translation}, for ot-strings.js."""
    path = catalog_path(language, "scripts")
    if language == SOURCE_LANGUAGE or not path.is_file():
        return {}
    with path.open("rb") as source:
        catalog = read_po(source, locale=language, domain="scripts")
    return {str(m.id): str(m.string) for m in catalog
            if m.id and m.string and not m.fuzzy and not translation_problem(str(m.id), str(m.string), "scripts")}


def install_jinja(env: Any, language: str, escape_text: Callable[[Any], str]) -> None:
    """Give Jinja environment `env` the i18n extension with `language`'s catalog: `_("...")`, `{% trans %}`.

    A translation comes from a pull request like any other input, so it is escaped, never trusted:
    as HTML where the template autoescapes, otherwise with `escape_text` (escape_markdown for
    Markdown templates, HTML escaping for the theme's). Our own English msgids print as the
    template's literal text did. Values (`_("Open %(day)s", day=x)`) are escaped the same way
    unless marked safe; placeholders use %(name)s, and a literal % is written %%.
    """
    env.add_extension("jinja2.ext.i18n")
    env.install_null_translations(newstyle=True)  # sets newstyle_gettext for {% trans %}; replaced below
    catalog = translations(language)
    # (message, autoescaped) -> (its escaped format, that format printed with no values): made once, as a
    # clinic page prints about 40 messages and a large chain has 10,000 clinic pages
    formats: dict[tuple[str, bool], tuple[Markup, Markup | None]] = {}

    def _format(message: str, autoescape: bool) -> tuple[Markup, Markup | None]:
        translated = catalog.gettext(message)
        if translation_problem(message, translated, "messages"):  # the build refuses it (catalog_checks.py); never printed
            translated = message
        escape = html_escape if autoescape else escape_text
        text = Markup(message) if translated == message else Markup(_escaped(_one_line(translated), escape))
        try:
            bare = Markup(text % {})
        except (KeyError, TypeError, ValueError):  # it has placeholders: only printed with values
            bare = None
        return text, bare

    @pass_context
    def gettext(context: Any, message: str, **values: Any) -> Markup:
        autoescape = bool(context.eval_ctx.autoescape)
        key = (message, autoescape)
        text, bare = formats.get(key) or formats.setdefault(key, _format(message, autoescape))
        if not values and bare is not None:
            return bare
        escape = html_escape if autoescape else escape_text
        return Markup(text % {name: value if isinstance(value, Markup) else Markup(escape(_one_line(value)))
                              for name, value in values.items()})

    env.globals.update(gettext=gettext, _=gettext)


def _one_line(value: Any) -> str:
    """Line breaks as spaces: a value in a page of finished HTML must not end its HTML block (a blank line)."""
    return str(value).replace("\r", " ").replace("\n", " ")


def _escaped(text: str, escape_as: Callable[[Any], str]) -> str:
    """`text` escaped between its placeholders, which stay as they are for formatting."""
    return "".join(part if i % 2 else str(escape_as(part)) for i, part in enumerate(_PLACEHOLDER.split(text)))


def long_date(value: Any, language: str) -> str:
    """A date as readers of `language` write it: "November 28, 2026", "28 de noviembre de 2026" (Babel's
    long format); a value that is not a date (a writer's typo the schema let through) as it is."""
    return format_date(value, "long", locale=language) if isinstance(value, date) else str(value)


def install_theme(env: Any, language: str) -> None:
    """The theme's Jinja environment (overrides/): `_("...")` in `language`, escaped as HTML, and `| long_date`."""
    install_jinja(env, language, html_escape)
    env.filters["long_date"] = lambda value: long_date(value, language)
