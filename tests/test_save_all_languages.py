"""One save for the whole guide (issue 23, item 2), in headless Chromium over http (a service worker
needs it): the save control saves every language of extra.languages and says which, with their size;
offline, the header's language link leads to the saved page in the other language and back; a page
that was not saved gets the offline page of its own language, an app page (no draft notice, no review
block, no sources) with 911 and 988 as data/emergency_signs.yml words them."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from playwright.sync_api import BrowserContext, Page, expect

from conftest import ROOT
from save_control_support import open_at_save_control
from test_offline_app import DAY_ONE, Served, _served, context, spanish_pattern  # noqa: F401 - context: a fixture

LANGUAGES: dict[str, str] = dict(load_config(str(ROOT / "mkdocs.yml")).extra["languages"])  # code -> its own name
FOLDERS = {code: "" if index == 0 else f"{code}/" for index, code in enumerate(LANGUAGES)}  # the first at the root
PAGE = "conditions/stroke/"
TITLES = {"en": re.compile(r"^Stroke\W*$"), "es": re.compile(r"^Derrame cerebral \(accidente cerebrovascular\)\W*$")}  # its h1 in each language


@pytest.fixture(scope="module")
def served_all(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Every language built apart and joined, as scripts/build.py does, served at its own address."""
    yield from _served(tmp_path_factory.mktemp("served-all"), spanish=True)


def english_list(names: list[str]) -> str:
    """Names as an American English sentence lists them: "A and B", "A, B, and C"."""
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + ", and " + names[-1]


def total_megabytes(site: Path) -> str:
    """Every language's offline-manifest.json size together, as the control rounds it."""
    total = sum(json.loads((site / folder / "offline-manifest.json").read_text(encoding="utf-8"))["bytes"] for folder in FOLDERS.values())
    return f"{total / 1e6:.1f} MB"


def save_whole_guide(page: Page, served: Served, folder: str) -> None:
    open_at_save_control(page, served.url + folder)
    button = page.locator(".ot-save-offline__button")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_be_disabled()
    expect(page.locator(".ot-save-offline__status")).not_to_have_text(re.compile("…"), timeout=60_000)


def test_the_control_offers_and_names_every_language_with_their_size(served_all: Served, context: BrowserContext) -> None:
    page = context.new_page()
    size = total_megabytes(served_all.site)
    open_at_save_control(page, served_all.url)
    expect(page.locator(".ot-save-offline__size")).to_contain_text(
        f"Save the whole guide for offline reading, in {english_list(list(LANGUAGES.values()))} (about {size})")
    save_whole_guide(page, served_all, "")
    expect(page.locator(".ot-save-offline__status")).to_have_text(
        f"Saved: {english_list(list(LANGUAGES.values()))}, {size}. Updated November 22, 2026.")
    page.goto(served_all.url + FOLDERS["es"])  # the Spanish page says the same, in Spanish
    status = page.locator(".ot-save-offline__status")
    expect(status).to_have_text(spanish_pattern("Saved: {languages}, {size}. Updated {date}."))
    for name in LANGUAGES.values():
        expect(status).to_contain_text(name)


@pytest.mark.parametrize("saved_from", list(LANGUAGES), ids=[f"saved-from-{code}" for code in LANGUAGES])
def test_offline_the_language_link_leads_to_each_saved_language_and_back(served_all: Served, context: BrowserContext,
                                                                      saved_from: str) -> None:
    page = context.new_page()
    save_whole_guide(page, served_all, FOLDERS[saved_from])
    context.set_offline(True)
    start = next(iter(LANGUAGES))
    page.goto(served_all.url + FOLDERS[start] + PAGE)
    for code in [*(c for c in LANGUAGES if c != start), start]:  # to every other language, then back
        link = page.locator(f".md-header a[hreflang={code}]")
        expect(link).to_be_visible()
        link.click()
        page.wait_for_load_state("load")
        assert page.url == served_all.url + FOLDERS[code] + PAGE
        assert page.locator("html").get_attribute("lang") == code
        expect(page.locator("article h1")).to_have_text(TITLES[code])


def crisis_line_words(code: str) -> list[str]:
    """The sentences of data/emergency_signs.yml that give 988's line in Spanish ("press 2"), in `code`'s words."""
    signs = yaml.safe_load((ROOT / "data" / "emergency_signs.yml").read_text(encoding="utf-8"))
    entry = next(e for e in signs["emergencies"] if e["id"] == "self-harm")
    fields = entry if code == "en" else entry[code]
    sentences = [s for text in fields["notice_signs"] + fields["steps"] for s in re.split(r"(?<=\.) ", text)]
    return [s for s in sentences if re.search(r"988 (and press|y marque) 2", s)]


def offline_page_title(code: str) -> str:
    """The offline page's title, as its writer wrote it in docs/offline.md (docs-es/ for Spanish)."""
    text = (ROOT / ("docs" if not FOLDERS[code] else f"docs-{code}") / "offline.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])["title"]


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_an_unsaved_page_gets_the_app_offline_page_in_its_language(served_all: Served, context: BrowserContext, code: str) -> None:
    page = context.new_page()
    save_whole_guide(page, served_all, "")  # saved from the root's home, whatever the language asked for later
    context.set_offline(True)
    page.goto(served_all.url + FOLDERS[code] + "a-page-that-was-never-saved/")
    assert page.locator("html").get_attribute("lang") == code
    expect(page.locator("article h1")).to_have_text(re.compile("^" + re.escape(offline_page_title(code)) + r"\W*$"))
    assert page.locator(".ot-draft-notice").count() == 0 and page.locator(".ot-review").count() == 0
    article = " ".join(page.locator("article").inner_text().split())
    assert "911" in article and any(words in article for words in crisis_line_words(code)), article
    outside = page.locator("article a[href^='http']").evaluate_all(
        f"links => links.map(a => a.href).filter(href => !href.startsWith({served_all.url!r}))")
    assert outside == [], "a source or another site's link on the offline page"


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_the_published_offline_page_is_an_app_page(hosted_site: Path, code: str) -> None:
    text = (hosted_site / FOLDERS[code] / "offline" / "index.html").read_text(encoding="utf-8")
    assert "ot-draft-notice" not in text and 'class="ot-review"' not in text
    assert "911" in text and "988" in text


def test_a_language_published_again_alone_refreshes_the_saved_guide(tmp_path: Path, context: BrowserContext) -> None:
    """Each language is its own build: Spanish built again while English stays byte for byte the same
    (so the browser sees no new worker) still reaches the saved guide, and the reader is told."""
    served = next(_served(tmp_path, spanish=True))
    try:
        page = context.new_page()
        save_whole_guide(page, served, "")
        sentence = "Esta frase llegó con la nueva versión."
        source = served.project / "docs-es" / "what-is-ot.md"
        source.write_text(source.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        worker = (served.site / "sw.js").read_bytes()
        served.build(DAY_ONE)
        assert (served.site / "sw.js").read_bytes() == worker, "the root's worker must not change for this test"
        page.goto(served.url + "es/")
        expect(page.locator(".ot-update-notice")).not_to_be_empty(timeout=60_000)
        context.set_offline(True)
        page.goto(served.url + "es/what-is-ot/")
        expect(page.locator("article")).to_contain_text(sentence)
    finally:
        served.server.shutdown()
