"""Search notices for red flags, in headless Chromium over http (hosted copy) and
file:// (offline copy), English and Spanish: the query a reader types shows the
right emergency first ("pounding headache": stroke, then dysreflexia), and an
everyday symptom ("numb fingers") shows no emergency notice at all."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import Watch, load_data, search_for

SIGNS = {entry["id"]: entry for entry in load_data("emergency_signs")["emergencies"]}


def _open_search(page: Page, home: tuple[str, str], language: str, query: str) -> Watch:
    url, origin = home
    watch = Watch(origin)
    watch.attach(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    if language == "es":  # the Spanish site sits under es/ in both copies
        url = url.rsplit("index.html", 1)[0] + "es/index.html" if url.startswith("file://") else url + "es/"
    page.goto(url)
    search_for(page, query)
    expect(page.locator("input.md-search__input")).to_have_value(query)
    return watch


def _notices(page: Page) -> list[str]:
    return page.locator(".ot-search-emergency .ot-search-emergency__line").all_inner_texts()


def _notice(flag: str, language: str) -> str:
    return SIGNS[flag]["notice"] if language == "en" else SIGNS[flag]["es"]["notice"]


@pytest.mark.parametrize(("language", "query", "expected"), [
    ("en", "pounding headache", ["stroke", "autonomic-dysreflexia"]),
    ("en", "infected finger", ["finger-infection"]),
    ("en", "broken hip", ["hip-fracture"]),
    ("en", "sepsis", ["sepsis"]),
    ("en", "choking", ["choking"]),
    ("es", "se perdió", ["wandering"]),
    ("es", "se está atragantando", ["choking"]),
    ("en", "my dad went missing", ["wandering"]),
    ("en", "sudden loss of skills", ["stroke"]),
    ("es", "perdió habilidades de repente", ["stroke"]),
])
def test_search_shows_the_right_emergency_first(page: Page, home: tuple[str, str], language: str, query: str,
                                                expected: list[str]) -> None:
    watch = _open_search(page, home, language, query)
    expect(page.locator(".ot-search-emergency")).to_contain_text(_notice(expected[0], language))
    lines = _notices(page)
    assert len(lines) == len(expected), lines
    for line, flag in zip(lines, expected):
        assert _notice(flag, language) in line, (line, flag)
    assert watch.errors == [] and watch.foreign == []


@pytest.mark.parametrize("query", ["numb fingers", "numbness", "hand went numb"])
def test_everyday_numbness_shows_no_emergency_notice(page: Page, home: tuple[str, str], query: str) -> None:
    watch = _open_search(page, home, "en", query)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)  # the whole query searched
    expect(page.locator(".ot-search-emergency")).to_be_empty()
    assert watch.errors == [] and watch.foreign == []


def test_sudden_one_sided_numbness_still_shows_the_stroke_notice(page: Page, home: tuple[str, str]) -> None:
    watch = _open_search(page, home, "en", "numb on one side")
    expect(page.locator(".ot-search-emergency")).to_contain_text(SIGNS["stroke"]["notice"])
    assert len(_notices(page)) == 1
    assert watch.errors == [] and watch.foreign == []


# Issue 20, finding 6: a loss of skills is a development question (see the doctor soon), not a missing person.
@pytest.mark.parametrize(("language", "query"), [("en", "lost skills"), ("en", "losing skills"), ("en", "lost words"),
                                                 ("es", "perdió habilidades")])
def test_lost_skills_shows_no_wandering_notice(page: Page, home: tuple[str, str], language: str, query: str) -> None:
    watch = _open_search(page, home, language, query)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)  # the whole query searched
    expect(page.locator(".ot-search-emergency")).to_be_empty()
    assert watch.errors == [] and watch.foreign == []
