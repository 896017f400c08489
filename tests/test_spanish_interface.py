"""A Spanish page's interface is Spanish: none of the English interface strings the
catalog translates (locales/es/LC_MESSAGES/messages.po) is left on a generated or
translated Spanish page, in its text or in the labels screen readers and tooltips read.

Checked: a clinic page, a condition page, the A-Z and a browse page, the finder page
(its HTML form), the glossary, a topic page and the home page (its clinic sample note), from a real `mkdocs build -f mkdocs-es.yml`.
Not checked: script contents (tests/test_spanish_scripts.py covers the scripts'
strings), text marked lang="en" (an untranslated page shown in English, with a Spanish
notice, and the switch to the English page), and strings spelled the same in both languages.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT

PAGES = ["clinics/{clinic}/index.html", "conditions/stroke/index.html", "conditions/index.html",
         "conditions/by-body-area/index.html", "clinics/index.html", "glossary/index.html", "what-is-ot/index.html", "index.html"]
LABELS = ("title", "aria-label", "alt", "placeholder")  # attributes a reader hears or sees
PLACEHOLDER = re.compile(r"%\(\w+\)s")


class _InterfaceText(HTMLParser):
    """Text and labels of a page, without scripts, styles and anything marked lang="en"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.skipping: list[str] = []  # the open element being skipped, once per nesting of its tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.skipping:
            if tag == self.skipping[0]:
                self.skipping.append(tag)
            return
        if tag in ("script", "style") or values.get("lang") == "en":
            if tag not in ("img", "br", "input", "link", "meta"):
                self.skipping.append(tag)
            return
        self.texts += [_clean(values[name]) for name in LABELS if values.get(name)]

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[0]:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping and data.strip():
            self.texts.append(_clean(data))


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ¶")


def interface_text(html: str) -> list[str]:
    parser = _InterfaceText()
    parser.feed(html)
    return [text for text in parser.texts if text]


def english_strings() -> list[str]:
    """The catalog's English strings whose Spanish differs."""
    with (ROOT / "locales" / "es" / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalog = read_po(source, locale="es")
    return [m.id for m in catalog if m.id and m.string and m.string != m.id]


def leftovers(english: str, texts: list[str]) -> bool:
    """Whether English string `english` shows among a page's `texts`: a phrase of two or more words anywhere
    (placeholders stand for any text), a single word only as a whole label ("Hours", "Phone:")."""
    pieces = PLACEHOLDER.split(english)
    if sum(len(re.findall(r"[A-Za-z]+", piece)) for piece in pieces) >= 2:
        # A placeholder at either end asks only for some text there: one character says so. (As `.+?` it
        # was tried from every start, with a word boundary, and one page's check took half a minute.)
        start, end = ("." if pieces[0] == "" else "(?<![A-Za-z])"), ("." if pieces[-1] == "" else "(?![A-Za-z])")
        pattern = ".+?".join(re.escape(piece) for piece in pieces[pieces[0] == "":len(pieces) - (pieces[-1] == "")])
        return re.search(start + pattern + end, " ".join(texts)) is not None
    if len(pieces) == 1:
        return english in texts
    # one English word between values: those are times and counts ("9:00 am to 5:00 pm", "3 more"), short and
    # with a digit, so a sentence that happens to hold "to" is not taken for one
    pattern = r"\S+(?: \S+){0,2}".join(re.escape(piece) for piece in pieces)
    return any(re.fullmatch(pattern, text) and re.search(r"\d", text) for text in texts)


def test_leftovers_finds_english_and_spares_spanish() -> None:
    """The matcher itself: it must see English labels and sentences, and nothing in Spanish or in data."""
    assert leftovers("When to get help", ["Read this.", "When to get help"])
    assert leftovers("%(clinic)s is in %(city)s, %(state)s.", ["Harbor Hand is in Oceanside, CA."])
    assert leftovers("Hours", ["Hours"]) and not leftovers("Hours", ["Open Hours Clinic"])
    assert not leftovers("When to get help", ["Cuándo buscar ayuda"])
    assert not leftovers("%(opens)s to %(closes)s", ["9:00 a.m. a 6:00 p.m."])
    assert leftovers("%(opens)s to %(closes)s", ["9:00 am to 6:00 pm"])
    assert not leftovers("%(opens)s to %(closes)s", ["Letter to Louis H. Geigerman, November 3, 2004"])  # a source's title


@pytest.fixture(scope="module")
def spanish_site(hosted_site: Path) -> Path:
    """The Spanish build of mkdocs-es.yml: the session's hosted build holds it under es/."""
    return hosted_site / "es"


def _a_clinic(site: Path) -> str:
    return sorted(p.name for p in (site / "clinics").iterdir() if (p / "index.html").is_file())[0]


@pytest.mark.parametrize("address", PAGES)  # not `page`: that is Playwright's fixture (tests/tiers.py)
def test_no_english_interface_strings(spanish_site: Path, address: str) -> None:
    path = spanish_site / address.format(clinic=_a_clinic(spanish_site))
    html = path.read_text(encoding="utf-8")
    assert '<html lang="es"' in html, f"{address}: not marked as a Spanish page"
    texts = interface_text(html)
    found = [english for english in english_strings() if leftovers(english, texts)]
    assert not found, f"{address}: English interface strings on a Spanish page: {found}"


def test_the_check_sees_an_english_page(spanish_site: Path) -> None:
    """A real Spanish page with one English label put back (the finder's button) is caught."""
    html = (spanish_site / "clinics/index.html").read_text(encoding="utf-8")
    assert "Buscar clínicas</button>" in html
    english = html.replace("Buscar clínicas</button>", "Find clinics</button>")
    found = {e for e in english_strings() if leftovers(e, interface_text(english))}
    assert found - {e for e in english_strings() if leftovers(e, interface_text(html))} == {"Find clinics"}


def test_a_spanish_name_with_brackets_reads_right_in_the_title(spanish_site: Path) -> None:
    """MkDocs keeps "&#40;" from an escaped "(" in a heading's title; decoded once, escaped once."""
    page = (spanish_site / "conditions" / "stroke" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title is not None
    assert title.group(1).startswith("Derrame cerebral (accidente cerebrovascular) - "), title.group(1)
