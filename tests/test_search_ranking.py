"""Quieter search (issue 23, item 5): a result that matches only some of the query's words
comes after every result that matches all of them, so no "Missing"/"Not found here" result
sits above a full match; the line above the results says "N results" / "N resultados" in
plain words. Checked in headless Chromium over http and from disk (file://, the offline
copy's iframe-worker shim), in English and Spanish.

Which words a result matched is read from its links: with search.highlight on, Material
puts the words a result matched in its link's `h` parameter (templates/search/index.tsx),
so a result matched all the query's words when one of its links names them all."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from conftest import search_for, search_results
from otsite.search_words import stop_words

# The count line in each language, once a search has results or none (the words the site chose).
COUNT_LINE = {
    "en": re.compile(r"^(?:1 result|[02-9]\d* results|1\d+ results|No results)$"),
    "es": re.compile(r"^(?:1 resultado|[02-9]\d* resultados|1\d+ resultados|Sin resultados)$"),
}
# Before a search: Material's placeholder (kept).
PLACEHOLDER = {"en": re.compile(r"Type to start"), "es": re.compile(r"Teclee para comenzar")}
# Any count line, old or new wording: the ranking checks wait on it without judging its words.
ANY_COUNT = re.compile(r"\d|No |Sin |No se")

# Queries readers typed where a partial match ranked above a full one (issue 23), and a Spanish one.
CASES = [("en", "hand numb"), ("en", "memory loss"), ("en", "fall at home"), ("es", "se me duermen las manos"),
         ("es", "perdida de memoria")]


def _open(page: Page, home: tuple[str, str], language: str) -> None:
    url, origin = home
    if language == "es":
        url = url.removesuffix("index.html") + "es/index.html" if origin == "file://" else url.rstrip("/") + "/es/"
    page.goto(url)
    search_for(page, "")


def _query_words(query: str, language: str) -> set[str]:
    """The words that decide a match: the query's, lowercase, without the language's stop words."""
    stop = {word.lower() for word in stop_words(language)}
    return {word for word in query.lower().split() if word not in stop}


def _all_results(page: Page) -> list[dict]:
    """Each result item's links' matched words and whether it shows a missing-words marker, best first.

    Material renders ten results and more as the list is scrolled: scroll until the count line's number is shown."""
    meta = page.locator(".md-search-result__meta").inner_text()
    count = int(re.search(r"\d+", meta).group()) if re.search(r"\d+", meta) else 0
    items = page.locator(".md-search-result__item")
    for _ in range(100):  # Material adds four at a time each time the list is scrolled to its end
        if items.count() >= count:
            break
        for top in ("0", "wrap.scrollHeight"):
            page.eval_on_selector(".md-search__scrollwrap", f"wrap => {{ wrap.scrollTop = {top}; }}")
            page.wait_for_timeout(50)
    assert items.count() == count, f"{items.count()} results shown of {count}"
    return page.eval_on_selector_all(".md-search-result__item", """items => items.map(item => ({
        links: [...item.querySelectorAll("a.md-search-result__link")].map(a => a.href),
        marked: item.querySelector(".md-search-result__terms") !== null,
    }))""")


def _matched(link: str) -> set[str]:
    return set(" ".join(parse_qs(urlparse(link).query).get("h", [""])).split())


def _full(result: dict, words: set[str]) -> bool:
    return any(words <= _matched(link) for link in result["links"])


@pytest.mark.parametrize(("language", "query"), CASES)
def test_full_matches_come_before_partial_ones(page: Page, home: tuple[str, str], language: str, query: str) -> None:
    _open(page, home, language)
    search_results(page, query, ANY_COUNT, PLACEHOLDER[language])
    results = _all_results(page)
    words = _query_words(query, language)
    full = [index for index, result in enumerate(results) if _full(result, words)]
    partial = [index for index, result in enumerate(results) if not _full(result, words)]
    assert full, f"{query!r}: no result matched all of {sorted(words)}; the check would be empty"
    assert partial, f"{query!r}: every result matched all of {sorted(words)}; the check would be empty"
    shown = [f"{'full' if _full(r, words) else 'partial'}{' (marked)' if r['marked'] else ''}: {r['links'][0]}"
             for r in results[:max(full) + 1]]
    assert max(full) < min(partial), f"{query!r}: a partial match above a full one:\n" + "\n".join(shown)
    assert not any(result["marked"] for result in results[:max(full) + 1] if not _full(result, words)), shown


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_count_line_says_results_in_plain_words(page: Page, home: tuple[str, str], language: str) -> None:
    _open(page, home, language)
    meta = page.locator(".md-search-result__meta")
    word = {"en": "result", "es": "resultado"}[language]
    for query in ("stroke", "xylophonezz", {"en": "hand numb", "es": "manos dormidas"}[language]):
        search_results(page, query, ANY_COUNT, PLACEHOLDER[language])
        expect(meta).to_have_text(COUNT_LINE[language])
        assert "document" not in meta.inner_text().lower()
    search_results(page, "xylophonezz", ANY_COUNT, PLACEHOLDER[language])
    expect(meta).to_have_text({"en": "No results", "es": "Sin resultados"}[language])
    search_results(page, "stroke" if language == "en" else "derrame", ANY_COUNT, PLACEHOLDER[language])
    assert re.fullmatch(rf"\d+ {word}s?", meta.inner_text()), meta.inner_text()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_missing_words_marker_reads_plainly(page: Page, home: tuple[str, str], language: str) -> None:
    """Where a result lacks a word, Material's "Missing:" / "Falta:" marker says so in plain words."""
    _open(page, home, language)
    search_results(page, {"en": "hand numb", "es": "manos dormidas"}[language], ANY_COUNT, PLACEHOLDER[language])
    _all_results(page)
    marker = page.locator(".md-search-result__terms").first
    expect(marker).to_have_text({"en": re.compile(r"^Not found here: "), "es": re.compile(r"^No aparece aquí: ")}[language])
