"""Search words stay for search (issue 23, item 6): a page's `keywords` (and a condition's
other spellings) are its search tags, never a row the reader sees. No page of either
build, in either language, shows its keywords in its "About this page" block (Spanish
keywords include deliberate accent-free spellings that read as typos); and search, in
Chromium over http and from the offline copy on disk, still finds a page by a keyword
that is in no page's text, only in its front matter."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Page

from conftest import ROOT, search_for
from otsite.page_checks import split_front_matter
from otsite.search_words import accent_free
from test_layout import result_pages

SOURCES = {"en": ROOT / "docs", "es": ROOT / "docs-es"}
PREFIX = {"en": "", "es": "es/"}
OLD_LABELS = ("Search words", "Palabras de búsqueda")  # the row's label in each language, before issue 23


def keywords_of(source: Path) -> list[str]:
    front = yaml.safe_load(split_front_matter(source.read_text(encoding="utf-8"))[0] or "") or {}
    return [str(word) for word in front.get("keywords") or []]


def built_file(site: Path, language: str, relative: str, hosted: bool) -> Path:
    """Where a page of docs/ (docs-es/) lands: hosted builds use folder URLs, the offline copy .html names."""
    stem = relative.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        name = stem + ".html"
    else:
        name = stem + "/index.html" if hosted else stem + ".html"
    return site / PREFIX[language] / name


def search_location(language: str, relative: str) -> str:
    """A page's location in its language's search index: "caregivers/", "conditions/stroke/"."""
    return built_file(Path("/"), language, relative, hosted=True).relative_to(Path("/") / PREFIX[language]).as_posix().removesuffix("index.html")


def pages_with_keywords() -> list[tuple[str, str, list[str]]]:
    return [(language, source.relative_to(folder).as_posix(), words)
            for language, folder in SOURCES.items() for source in sorted(folder.rglob("*.md"))
            if (words := keywords_of(source))]


def shown(element) -> str:  # noqa: ANN001 - a BeautifulSoup element
    for hidden in element.select("script, style, template"):
        hidden.decompose()
    return " ".join(element.get_text(" ").split()).casefold()


def contains(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word.casefold())}(?!\w)", text) is not None


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_no_page_shows_its_search_words(variant: str, request: pytest.FixtureRequest) -> None:
    """Each keyword the rest of the page does not use is absent from its "About this page" block (its
    sources aside), and no page of either language has the old "Search words" row."""
    site: Path = request.getfixturevalue(variant)
    shown_words, checked = [], 0
    for language, relative, words in pages_with_keywords():
        file = built_file(site, language, relative, hosted=variant == "hosted_site")
        article = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").select_one("article")
        review = article.select_one("aside.ot-review")
        assert review is not None, f"{file}: no review block"
        for source in review.select("li:has(cite)"):  # the sources' own titles ("Medicaid", "Family Caregiver Alliance")
            source.decompose()
        review_text = shown(review.extract())
        rest = shown(article)
        only_keywords = [word for word in words if not contains(rest, word)]
        checked += len(only_keywords)
        shown_words += [f"{language}/{relative}: {word}" for word in only_keywords if contains(review_text, word)]
    assert checked >= 20, f"only {checked} keywords are absent from their page's text: the check would see little"
    assert shown_words == []
    labels = [file.relative_to(site).as_posix() for file in site.rglob("*.html")
              for dt in BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").select("dt")
              if dt.get_text(strip=True) in OLD_LABELS]
    assert labels == []


@pytest.mark.parametrize("language", list(SOURCES))
def test_every_keyword_is_a_search_tag(hosted_site: Path, language: str) -> None:
    """A page's keywords reach search as its tags, a condition page's too (beside its names from data/)."""
    index = json.loads((hosted_site / PREFIX[language] / "search" / "search_index.json").read_text(encoding="utf-8"))
    tags = {doc["location"]: doc.get("tags", []) for doc in index["docs"] if "#" not in doc["location"]}
    missing = []
    for _, relative, words in (row for row in pages_with_keywords() if row[0] == language):
        location = search_location(language, relative)
        missing += [f"{relative}: {word}" for word in words if word not in tags.get(location, [])]
    assert missing == []


def keyword_only_words(site: Path, language: str) -> list[tuple[str, str]]:
    """(word, page location) for one-word keywords of a page (front matter `keywords:`) that no page's text or
    title holds, in any spelling the index keeps (accent-free fields too): search can find them only if the
    build made them the page's search tags."""
    index = json.loads((site / PREFIX[language] / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(str(value) for doc in index["docs"] for field, value in doc.items()
                    if field not in ("tags", "tags_plain", "location") and isinstance(value, str)).casefold()
    text = text + " " + accent_free(text)
    found = []
    for _, relative, words in (row for row in pages_with_keywords() if row[0] == language):
        location = search_location(language, relative)
        for word in words:
            if re.fullmatch(r"\w{5,}", word) and not re.search(rf"(?<!\w){re.escape(word.casefold())}", text) and location:
                found.append((word, location))
                break
    return found


@pytest.mark.parametrize("language", list(SOURCES))
@pytest.mark.parametrize("variant", ["http", "file"])
def test_search_finds_a_page_by_a_word_only_its_keywords_hold(page: Page, hosted_site: Path, request: pytest.FixtureRequest,
                                                               language: str, variant: str) -> None:
    words = keyword_only_words(hosted_site, language)
    assert words, f"no {language} page has a one-word keyword its text lacks: nothing to check"
    if variant == "http":
        page.goto(request.getfixturevalue("hosted_server") + PREFIX[language])
    else:
        offline: Path = request.getfixturevalue("offline_site")
        page.goto((offline / PREFIX[language] / "index.html").as_uri())
    search_for(page, "")
    box = page.locator("input.md-search__input")
    for word, location in words:
        box.press("Control+A")
        box.press("Backspace")
        page.keyboard.type(word)
        top = result_pages(page, word)[:3]
        assert any(found.endswith("/" + location.rstrip("/")) for found in top), f"{word!r} ({location}): top 3 were {top}"
