"""The translation catalogs match the sources: every interface string the build or the
browser scripts can show has a confirmed translation, and nothing else is in the catalog.

Strings are extracted with Babel's own extractors and the project's settings (babel.cfg
for the "messages" domain: Python, the generated pages' templates, the theme overrides;
babel-scripts.cfg for the "scripts" domain: the browser scripts' t("...") calls), exactly
as `pybabel extract` reads them. Each check is a function of (catalog, extracted strings),
and the tests at the end show each one fails on a broken copy of a catalog.
"""
from __future__ import annotations

import copy
import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from otsite import i18n  # noqa: E402
from otsite.markdown_text import escape_markdown  # noqa: E402

LANGUAGES = ("es",)


@dataclass(frozen=True)
class Domain:
    name: str
    config: str  # the extraction settings, at the project's root
    keywords: dict  # function name -> which arguments are messages (Babel's format)
    placeholder: re.Pattern[str]


DOMAINS = {
    "messages": Domain("messages", "babel.cfg", DEFAULT_KEYWORDS, re.compile(r"%\(\w+\)s")),
    "scripts": Domain("scripts", "babel-scripts.cfg", {"t": None}, re.compile(r"\{\w+\}")),
}


def extracted(domain: Domain) -> dict[str, str]:
    """{msgid: "file:line" of its first use} for every string the domain's sources mark for translation."""
    with (ROOT / domain.config).open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config, domain.config)
    found: dict[str, str] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=domain.keywords, strip_comment_tags=True):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, f"{filename}:{line}")
    return found


def read_catalog(language: str, domain: Domain) -> Catalog:
    with i18n.catalog_path(language, domain.name).open("rb") as source:
        return read_po(source, locale=language, domain=domain.name)


def entries(catalog: Catalog) -> list:
    return [message for message in catalog if message.id]  # the header has no id


def missing(catalog: Catalog, sources: dict[str, str]) -> list[str]:
    return [f"{where}: {msgid!r} is not in the catalog" for msgid, where in sources.items() if msgid not in catalog]


def untranslated(catalog: Catalog, sources: dict[str, str]) -> list[str]:
    return [f"line {m.lineno}: {m.id!r} has no translation (msgstr is empty)" for m in entries(catalog)
            if not (m.string[0] if isinstance(m.string, tuple) else m.string)]


def fuzzy(catalog: Catalog, sources: dict[str, str]) -> list[str]:
    return [f"line {m.lineno}: {m.id!r} is marked fuzzy (a guess: confirm it and remove the flag)"
            for m in entries(catalog) if m.fuzzy]


def obsolete(catalog: Catalog, sources: dict[str, str]) -> list[str]:
    unused = [f"line {m.lineno}: {m.id!r} is used nowhere in the sources (remove it)" for m in entries(catalog)
              if m.id not in sources]
    return unused + [f"{m.id!r} is kept as an obsolete #~ entry (remove it)" for m in catalog.obsolete.values()]


def placeholders_differ(domain: Domain):  # noqa: ANN201 - a check like the others
    def check(catalog: Catalog, sources: dict[str, str]) -> list[str]:
        problems = []
        for m in entries(catalog):
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            want = sorted(domain.placeholder.findall(m.id if isinstance(m.id, str) else m.id[0]))
            for string in strings:
                if string and sorted(domain.placeholder.findall(string)) != want:
                    problems.append(f"line {m.lineno}: {m.id!r}: the translation's placeholders "
                                    f"(expected {want}, got {sorted(domain.placeholder.findall(string))})")
        return problems
    return check


def checks(domain: Domain) -> dict:
    return {"missing": missing, "untranslated": untranslated, "fuzzy": fuzzy, "obsolete": obsolete,
            "placeholders": placeholders_differ(domain)}


@pytest.fixture(scope="module", params=sorted(DOMAINS))
def domain(request: pytest.FixtureRequest) -> Domain:
    return DOMAINS[request.param]


@pytest.fixture(scope="module")
def sources(domain: Domain) -> dict[str, str]:
    found = extracted(domain)
    assert found, f"{domain.config} found no strings to translate: check its patterns"
    return found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("check", ["missing", "untranslated", "fuzzy", "obsolete", "placeholders"])
def test_catalog(domain: Domain, sources: dict[str, str], language: str, check: str) -> None:
    problems = checks(domain)[check](read_catalog(language, domain), sources)
    assert not problems, (f"locales/{language}/LC_MESSAGES/{domain.name}.po ({check}); update it with the commands "
                          f"in {domain.config}:\n" + "\n".join(problems))


# Each check fails on a catalog broken the way it looks for (a copy; the real file is untouched).

def _break_catalog(catalog: Catalog, how: str, domain: Domain) -> Catalog:
    broken = copy.deepcopy(catalog)
    first = next(m for m in entries(broken) if domain.placeholder.search(m.id)) if how == "placeholders" \
        else entries(broken)[0]
    if how == "missing":
        del broken[first.id]
    elif how == "untranslated":
        first.string = ""
    elif how == "fuzzy":
        first.flags.add("fuzzy")
    elif how == "obsolete":
        broken.add("A string no source uses any more", "Una cadena que ya no se usa")
    elif how == "placeholders":
        first.string = domain.placeholder.sub("", first.string)
    return broken


@pytest.mark.parametrize("check", ["missing", "untranslated", "fuzzy", "obsolete", "placeholders"])
def test_each_check_fails_on_a_broken_catalog(domain: Domain, sources: dict[str, str], check: str) -> None:
    catalog = read_catalog("es", domain)
    run = checks(domain)[check]
    before = run(catalog, sources)
    after = run(_break_catalog(catalog, check, domain), sources)
    assert len(after) == len(before) + 1, (check, after)


def test_extraction_reads_templates_overrides_and_python() -> None:
    """babel.cfg reaches every kind of source: a template string, an override string, a Python string."""
    found = extracted(DOMAINS["messages"])
    where = {msgid: place.split(":")[0] for msgid, place in found.items()}
    assert where["At a glance"].endswith("condition.md.j2")
    assert where["Written on"].endswith("ot-review.html")
    assert where["Closed"].endswith("rendering.py")


# A translation comes from a pull request like any other input: never trusted as markup.

HOSTILE = '<img src=x onerror=alert(1)> [link](javascript:alert(1)) *%(name)s*'


class _HostileCatalog:
    def gettext(self, message: str) -> str:
        return HOSTILE if "%(name)s" in message else message


def _environment(monkeypatch: pytest.MonkeyPatch, autoescape: bool, escape_text):  # noqa: ANN001, ANN202
    import jinja2
    monkeypatch.setattr(i18n, "translations", lambda language, domain="messages": _HostileCatalog())
    env = jinja2.Environment(autoescape=autoescape)
    i18n.install_jinja(env, "xx", escape_text)
    return env


@pytest.mark.parametrize("autoescape", [True, False])
def test_a_translation_is_escaped_never_markup(monkeypatch: pytest.MonkeyPatch, autoescape: bool) -> None:
    env = _environment(monkeypatch, autoescape, escape_markdown)
    out = env.from_string('{{ _("Hello %(name)s", name=value) }} {{ _("Plain <b>ours</b>") }}').render(value="<i>")
    assert "<img" not in out and "<i>" not in out, out
    assert html.unescape(out).startswith(HOSTILE.replace("%(name)s", "<i>")), out  # shown as text, as written
    assert "<b>ours</b>" in out  # our own English text prints as the template's literal text did
    if not autoescape:  # a Markdown template: the translation is escaped for Markdown too
        assert "](javascript" not in out and "*" not in out and "[link" not in out, out


def test_theme_translations_are_escaped_as_html(monkeypatch: pytest.MonkeyPatch) -> None:
    env = _environment(monkeypatch, False, i18n.html_escape)
    out = env.from_string('{{ _("Hello %(name)s", name=value) }}').render(value='"><script>')
    assert "<img" not in out and "<script>" not in out and "&lt;img" in out and "&lt;script&gt;" in out, out


def test_dates_the_languages_way() -> None:
    from datetime import date
    assert i18n.long_date(date(2026, 11, 8), "en") == "November 8, 2026" == date(2026, 11, 8).strftime("%B %-d, %Y")
    assert i18n.long_date(date(2026, 11, 28), "es") == "28 de noviembre de 2026"
    assert i18n.long_date("not a date", "es") == "not a date"


def test_clinic_hours_in_spanish() -> None:
    from otsite.rendering import _clock, _day_names
    assert [_day_names("es")[d] for d in ("mon", "sun")] == ["Lunes", "Domingo"]
    assert _clock("13:30", "es").replace("\u202f", " ") == "1:30 p.m." and _clock("13:30", "en") == "1:30 pm"
