"""The text size control (issue 23, item 7a): A, A+ and A++ at the top of every page's article, the one in
use marked (aria-pressed), each a 44 x 44 px target; the size changes the article's computed font size,
is kept across pages, a reload and a new visit (localStorage), is on <html> before the page's body is
parsed (no flash of the small size), never makes a 320 px page scroll sideways (every page at A++),
still works where storage is refused (no error), and prints at the normal size. In Chromium over http
and from the offline copy on disk, English and Spanish; the same in Firefox ESR (test_read_aloud.py
runs tests/firefox/reading-tools.mjs for both controls)."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import Watch
from reading_tools_support import LANGUAGES, MIN_TARGET_PX, url_of

LABELS = {"en": "Text size", "es": "Tamaño del texto"}
SIZES = {"A": 1.0, "A+": 1.25, "A++": 1.5}  # what each button does to the article's text
BODY_TEXT = "article p:not([class])"


def size_button(page: Page, label: str):  # noqa: ANN201 - a Playwright locator
    return page.locator(".ot-tools__size", has_text=label).filter(has_not_text=label + "+")


def body_px(page: Page) -> float:
    return float(page.locator(BODY_TEXT).first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)"))


def pressed(page: Page) -> list[str]:
    return page.locator(".ot-tools__size[aria-pressed=true]").all_inner_texts()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_size_changes_the_text_and_is_kept_across_pages_and_visits(page: Page, home: tuple[str, str], language: str) -> None:
    watch = Watch(home[1])
    watch.attach(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url_of(home, language, "conditions/stroke.md"))
    group = page.get_by_role("group", name=LABELS[language])
    expect(group).to_be_visible()
    assert pressed(page) == ["A"]
    normal = body_px(page)
    for label in ("A", "A+", "A++"):
        box = size_button(page, label).bounding_box()
        assert box and box["width"] >= MIN_TARGET_PX and box["height"] >= MIN_TARGET_PX, (label, box)
    size_button(page, "A++").click()
    assert pressed(page) == ["A++"]
    assert body_px(page) == pytest.approx(normal * SIZES["A++"], rel=0.02)
    size_button(page, "A+").click()
    assert pressed(page) == ["A+"]
    assert body_px(page) == pytest.approx(normal * SIZES["A+"], rel=0.02)
    page.goto(url_of(home, language, "what-is-ot.md"))  # another page
    assert pressed(page) == ["A+"] and page.locator("html").get_attribute("data-ot-text-size") == "1"
    page.reload()
    assert pressed(page) == ["A+"]
    later = page.context.new_page()  # a new visit in the same browser
    later.set_viewport_size({"width": 390, "height": 844})
    later.goto(url_of(home, language, "conditions/stroke.md"))
    assert later.locator(".ot-tools__size[aria-pressed=true]").all_inner_texts() == ["A+"]
    assert body_px(later) == pytest.approx(normal * SIZES["A+"], rel=0.02)
    size_button(later, "A").click()
    assert body_px(later) == pytest.approx(normal, rel=0.02)
    later.close()
    assert watch.errors == [] and watch.foreign == []


def test_the_size_is_on_the_page_before_its_body_is_read(page: Page, home: tuple[str, str]) -> None:
    """No flash of the small size: <html> carries the size when the <body> element first appears."""
    page.goto(url_of(home, "en", "conditions/stroke.md"))
    size_button(page, "A++").click()
    page.add_init_script("""new MutationObserver((changes, observer) => {
        if (document.body) { window.otSizeAtBody = document.documentElement.getAttribute('data-ot-text-size'); observer.disconnect(); }
      }).observe(document, {childList: true, subtree: true});""")
    page.goto(url_of(home, "en", "glossary.md"))
    assert page.evaluate("window.otSizeAtBody") == "2"


def test_refused_storage_throws_nothing_and_the_size_still_works(browser: Browser, home: tuple[str, str]) -> None:
    """As with every cookie blocked (or some private modes): localStorage and sessionStorage throw."""
    context = browser.new_context()
    context.add_init_script("""for (const name of ['localStorage', 'sessionStorage'])
        Object.defineProperty(window, name, {get() { throw new DOMException('refused', 'SecurityError'); }});""")
    page = context.new_page()
    watch = Watch(home[1])
    watch.attach(page)
    page.goto(url_of(home, "es", "conditions/stroke.md"))
    normal = body_px(page)
    size_button(page, "A++").click()
    assert pressed(page) == ["A++"] and body_px(page) == pytest.approx(normal * SIZES["A++"], rel=0.02)
    assert watch.errors == []
    context.close()


def every_page(site: Path, language: str) -> list[str]:
    """Every HTML page of one language's hosted build, as paths from the site's root (the API's files aside)."""
    root = site / LANGUAGES[language]
    pages = []
    for html in sorted(root.rglob("index.html")):
        relative = html.relative_to(site).as_posix()
        if language == "en" and relative.startswith("es/"):
            continue
        pages.append(relative.removesuffix("index.html"))
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_scrolls_sideways_at_320_px_at_the_largest_size(browser: Browser, hosted_site: Path, hosted_server: str,
                                                                  language: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    context.add_init_script("try { localStorage.setItem('ot-text-size', '2'); } catch (e) {}")
    page = context.new_page()
    wide = []
    pages = every_page(hosted_site, language)
    assert len(pages) > 40
    for path in pages:
        page.goto(hosted_server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if page.locator("html").get_attribute("data-ot-text-size") != "2" or width > 320:
            wide.append(f"{path}: {width} px")
    context.close()
    assert wide == []


def test_printing_uses_the_normal_size(page: Page, hosted_server: str) -> None:
    page.goto(hosted_server + "what-is-ot/")
    normal = body_px(page)
    size_button(page, "A++").click()
    page.emulate_media(media="print")
    expect(page.locator(".ot-tools")).to_be_hidden()
    printed = body_px(page)
    page.emulate_media(media="screen")
    size_button(page, "A").click()
    page.emulate_media(media="print")
    assert printed == body_px(page) and printed < normal * SIZES["A++"]
