"""Spanish readers' own words find the right Spanish page (issue 14): each query in
search_queries_es.yml is typed into the search box of the Spanish site (es/) in
headless Chromium, from disk (file://, offline copy) and over http (hosted copy),
and the expected page must be in the top 3 for at least 95% of them; every query
typed without accents must find its page in the top 3, and a Spanish search never
returns an English page. The rate and every miss are printed."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import ROOT, search_for, search_results, stop_word_differences
from otsite.search_words import ACCENT_FREE_FIELDS, SPANISH_STOP_WORDS, STOP_WORDS, accent_free, add_accent_free_fields, stop_word_separator, stop_words

SPEC = yaml.safe_load((ROOT / "tests" / "search_queries_es.yml").read_text(encoding="utf-8"))
QUERIES: dict[str, str] = SPEC["queries"]
REQUIRED_RATE = 0.95
# Material's Spanish interface: the line above the results, before a search and after one.
_PLACEHOLDER = "Teclee para comenzar búsqueda"
_RESULTS = re.compile(r"\d+ resultados?|Sin resultados")


def _accented(text: str) -> bool:
    return accent_free(text) != text


def accent_free_queries() -> dict[str, str]:
    """Queries typed without accents whose page spells one of their words with an accent (the data and prose say so)."""
    return {query: page for query, page in QUERIES.items() if not _accented(query) and _page_accents(query, page)}


def _page_accents(query: str, page: str) -> bool:
    """Whether some word of `query` is spelled with an accent in the Spanish source of `page`."""
    source = (ROOT / "docs-es" / f"{page}.md")
    text = source.read_text(encoding="utf-8").lower() if source.exists() else ""
    accented = {word for word in re.findall(r"[^\W\d_]+", text) if _accented(word)}
    return any(accent_free(word) in {w.lower() for w in query.split()} for word in accented)


def _same_page(path: str) -> str:
    """Hosted clean URLs ("clinics", "") and offline files ("clinics/index", "index") name one page alike."""
    return "" if path in ("", "index") else path.removesuffix("/index")


def ranked_results(page: Page, query: str) -> list[str]:
    """Every result link for `query`, best first, as absolute URLs without anchors, each page once."""
    return search_results(page, query, _RESULTS, re.compile(_PLACEHOLDER))


def ranked_pages(page: Page, base: str, query: str) -> list[str]:
    """The pages found for `query`, best first, as docs-es paths without .md and without a trailing "/index"."""
    return [_same_page(url.removeprefix(base).removesuffix(".html").rstrip("/")) for url in ranked_results(page, query)]


def _spanish_home(home: tuple[str, str]) -> tuple[str, str]:
    """(the Spanish home page's URL, the base its result links start with) for http or file://."""
    url, origin = home
    if origin == "file://":
        spanish = url.removesuffix("index.html") + "es/index.html"
        return spanish, spanish.removesuffix("index.html")
    return url.rstrip("/") + "/es/", url.rstrip("/") + "/es/"


def _open_search(page: Page, url: str) -> None:
    page.goto(url)
    search_for(page, "")
    expect(page.locator(".md-search-result__meta")).to_have_text(_PLACEHOLDER, timeout=20_000)  # the Spanish index has loaded


def test_the_query_set_is_realistic_and_checks_accents() -> None:
    assert len(QUERIES) >= 50
    assert len(accent_free_queries()) >= 15, sorted(accent_free_queries())


def test_spanish_readers_words_find_the_right_page(page: Page, home: tuple[str, str]) -> None:
    url, base = _spanish_home(home)
    loaded: list[str] = []
    page.on("pageerror", lambda error: loaded.append(f"error: {error}"))
    page.context.on("request", lambda request: loaded.append(request.url))  # the worker's too (an iframe from disk)
    _open_search(page, url)
    # Material's worker loads lunr-languages' Spanish support, from disk through its iframe-worker shim.
    for script in ("lunr/min/lunr.stemmer.support.min.js", "lunr/min/lunr.es.min.js"):
        assert any(link == base + "assets/javascripts/" + script for link in loaded), (script, loaded)
    misses, english, accent_misses = [], [], []
    plain = accent_free_queries()
    for query, expected in QUERIES.items():
        results = ranked_results(page, query)
        english += [f"  {query!r}: {link}" for link in results if not link.startswith(base)]
        found = ranked_pages(page, base, query)[:3]
        if _same_page(expected) not in found:
            misses.append(f"  {query!r}: expected {expected}, top 3 were {found}")
            if query in plain:
                accent_misses.append(misses[-1])
    rate = 1 - len(misses) / len(QUERIES)
    print(f"\nSpanish search ({home[1]}): {len(QUERIES) - len(misses)} of {len(QUERIES)} queries ({rate:.0%}) "
          f"found the expected page in the top 3; {len(plain) - len(accent_misses)} of {len(plain)} typed without accents.")
    print("\n".join(["Misses:", *misses]) if misses else "No misses.")
    assert not english, "a Spanish search returned pages outside es/:\n" + "\n".join(english)
    assert not [line for line in loaded if line.startswith("error: ")], loaded
    assert not accent_misses, "queries typed without accents missed their page:\n" + "\n".join(accent_misses)
    assert rate >= REQUIRED_RATE, "\n".join(misses)


def _without_stop_words(query: str) -> str:
    return " ".join(word for word in query.split() if word.lower() not in set(SPANISH_STOP_WORDS))


def test_spanish_stop_words_never_decide_a_match(page: Page, home: tuple[str, str]) -> None:
    url, base = _spanish_home(home)
    _open_search(page, url)
    with_stop_words = [query for query in QUERIES if _without_stop_words(query) not in (query, "")]
    assert len(with_stop_words) >= 20
    differ = stop_word_differences(lambda query: ranked_pages(page, base, query), with_stop_words, _without_stop_words)
    assert not differ, "stop words changed the results:\n" + "\n".join(differ)
    for query in ("de la", "para mi", "con los", "Cómo", "que es", "mas"):  # "mas": "más" typed without its accent
        assert ranked_pages(page, base, query) == [], f"{query!r} matched pages on stop words alone"


def test_spanish_symptom_words_show_the_emergency_notice(page: Page, home: tuple[str, str]) -> None:
    url, base = _spanish_home(home)
    _open_search(page, url)
    notice = page.locator(".ot-search-emergency")
    for query in ("cara caida", "entumecimiento de un lado", "boca torcida"):
        ranked_results(page, query)
        expect(notice).to_contain_text("911")
        links = notice.locator("a")
        expect(links).to_have_count(1)
        assert links.get_attribute("href") in (base + "conditions/stroke.html", base + "conditions/stroke/"), query
    ranked_results(page, "muneca rota")
    expect(notice).to_be_empty()


def _index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_the_spanish_index_covers_spanish_pages_with_spanish_words(hosted_site: Path) -> None:
    spanish, english = _index(hosted_site / "es"), _index(hosted_site)
    config = spanish["config"]
    assert config["lang"] == ["es"] and english["config"]["lang"] == ["en"]
    # Material's wildcard queries skip Lunr's pipeline: a stemmed index ("gatill") would miss "gatillo*".
    assert "stemmer" not in config["pipeline"] and "stopWordFilter" in config["pipeline"]
    assert config["separator"] == stop_word_separator(r'[\s\-,.:;!?¡¿()"“”«»/]+', stop_words("es"))
    assert english["config"]["separator"] == stop_word_separator(r"[\s\-]+", STOP_WORDS)
    for field, plain in ACCENT_FREE_FIELDS.items():
        assert config["fields"][plain] == config["fields"][field]
        assert plain not in english["config"]["fields"]
    for doc in spanish["docs"]:  # relative to es/: every entry is a page of the Spanish build
        path = doc["location"].split("#")[0]
        assert (hosted_site / "es" / path / ("index.html" if path.endswith("/") or not path else "")).is_file(), doc["location"]
        assert not path.startswith(("/", "http", "../")), doc["location"]
    assert not any(doc["location"].startswith("es/") or set(ACCENT_FREE_FIELDS.values()) & set(doc) for doc in english["docs"])
    by_page = {doc["location"]: doc for doc in spanish["docs"]}
    pages = {_same_page(location.rstrip("/")) for location in by_page if "#" not in location}
    assert not {page for page in QUERIES.values() if _same_page(page) not in pages}, "expected pages missing from the Spanish index"
    carpal = by_page["conditions/carpal-tunnel-syndrome/"]
    assert "túnel" in carpal["title"].lower() and "tunel" in carpal["title_plain"].split()
    cost = sum(len(json.dumps({k: v for k, v in doc.items() if k in ACCENT_FREE_FIELDS.values()}, ensure_ascii=False).encode()) - 2
               for doc in spanish["docs"])
    size = (hosted_site / "es" / "search" / "search_index.json").stat().st_size
    print(f"\nAccent-free fields: {cost} of the Spanish index's {size} bytes ({cost / size:.1%}).")
    assert cost < 0.08 * size


def test_the_separator_takes_in_spanish_stop_words_and_punctuation() -> None:
    """The same split the search worker makes, for the Spanish build (a JavaScript RegExp; the same in Python)."""
    separator = stop_word_separator(r'[\s\-,.:;!?¡¿()"“”«»/]+', stop_words("es"))
    split = lambda text: [part for part in re.split(separator, text) if part]  # noqa: E731
    assert split("¿Cómo pago la terapia para MIS niños?") == ["pago", "terapia", "niños"]
    assert split("derrame cerebral (accidente cerebrovascular)") == ["derrame", "cerebral", "accidente", "cerebrovascular"]
    assert split("más o menos") == ["menos"] and split("mas o menos") == ["menos"]  # an accent-free stop word too
    assert split("desde Delmar") == ["Delmar"]  # a stop word inside a word stays
    assert "the" not in stop_words("es") and "para" not in stop_words("en") and stop_words("xx") == ()


def test_accent_free_fields_hold_only_accented_words_once() -> None:
    entry = {"location": "conditions/x/", "title": "Síndrome del túnel carpiano",
             "text": "<p>El túnel de la <em>muñeca</em>. Túnel, también más.</p>", "tags": ["Pingüino", "dedo en gatillo"]}
    add_accent_free_fields(entry, "es")
    assert (entry["title_plain"], entry["text_plain"], entry["tags_plain"]) == ("sindrome tunel", "tunel muneca", "pinguino")
    section = {"location": "conditions/x/#what-it-is", "title": "Qué es", "text": "sin acentos", "tags": ["Pingüino"]}
    add_accent_free_fields(section, "es")  # "qué" is a stop word; a section's tags are its page's
    assert set(section) == {"location", "title", "text", "tags"}
