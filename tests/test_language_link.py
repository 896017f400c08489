"""The language choice by name (issue 23, item 1): on a 390 px phone, every page shows the
other language's name ("Español" on English pages, "English" on Spanish ones) as a link
in the header, seen without opening anything, a target of at least 44 x 44 px, marked
with lang and hreflang, leading to the same page in that language; the current
language is marked (aria-current, and a look of its own). The header stays within a
320 px screen and keeps its height at 1280 px. In Chromium over http and from the
offline copy on disk, on a condition page, a generated page and the 404 page; the phone
check again in Firefox ESR (tests/firefox/language.mjs).

The languages and their names come from mkdocs.yml (extra.languages): a third
language is checked the same way."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import ROOT
from test_firefox import firefox  # noqa: F401 - the Firefox runner fixture, for the last test

MIN_TARGET_PX = 44
HEADER_PX = 48  # Material's header: 2.4rem at its 20 px rem
# Seen, not just displayed: Playwright counts a transparent link (a closed menu's) as visible.
SEEN = """a => { const r = a.getBoundingClientRect(), hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
  let opacity = 1; for (let e = a; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
  return !!hit && a.contains(hit) && opacity > 0.9; }"""


class _Settings(yaml.SafeLoader):
    """mkdocs.yml as plain data: its !ENV tags read as their default."""


_Settings.add_multi_constructor("!", lambda loader, tag, node: None)
LANGUAGES: dict[str, str] = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Settings)["extra"]["languages"]
SOURCE = next(iter(LANGUAGES))  # built at the site's root; every other language under <code>/

# Page kind -> (hosted path, offline path) in the source language: a writer's condition page and a page the build writes.
PAGES = {
    "condition": ("conditions/stroke/", "conditions/stroke.html"),
    "generated": ("clinics/harbor-hand-and-upper-limb-center/", "clinics/harbor-hand-and-upper-limb-center.html"),
}


def prefix(code: str) -> str:
    return "" if code == SOURCE else f"{code}/"


def others(code: str) -> list[str]:
    return [other for other in LANGUAGES if other != code]


@pytest.fixture(params=["http", "file"])
def base(request: pytest.FixtureRequest) -> tuple[str, int]:
    """(the site's base URL, which of PAGES' paths it uses): the hosted copy over http, the offline copy from disk."""
    if request.param == "http":
        return request.getfixturevalue("hosted_server"), 0
    offline: Path = request.getfixturevalue("offline_site")
    return offline.as_uri() + "/", 1


def header_link(page: Page, code: str):  # noqa: ANN201 - a Playwright locator
    """The header's link to `code`, found as a reader finds it: by the language's name."""
    return page.locator("header").get_by_role("link", name=LANGUAGES[code], exact=True)


def check_the_header_names_each_language(page: Page, own: str) -> None:
    """At the page's current width: each other language's link is displayed, as big as a fingertip, marked with
    its language; the current language is marked with aria-current and looks different from the others."""
    looks = {}
    for code in LANGUAGES:
        link = header_link(page, code)
        expect(link).to_have_count(1)
        assert (link.get_attribute("lang"), link.get_attribute("hreflang")) == (code, code), code
        assert (link.get_attribute("aria-current") == "true") == (code == own), f"{code}: aria-current on {own} page"
        looks[code] = link.evaluate("""a => { const s = getComputedStyle(a);
            return [s.fontWeight, s.textDecorationLine, s.borderBottomStyle, s.borderBottomWidth, s.backgroundColor].join('|'); }""")
    for code in others(own):
        link = header_link(page, code)
        expect(link).to_be_visible()  # without opening a menu: displayed, opaque and on top at its centre
        assert link.evaluate(SEEN), f"{LANGUAGES[code]} is in the page but not seen"
        box = link.bounding_box()
        assert box and box["width"] >= MIN_TARGET_PX and box["height"] >= MIN_TARGET_PX, f"{LANGUAGES[code]}: {box}"
        assert looks[code] != looks[own], f"the current language looks like a link to another one: {looks}"


@pytest.mark.parametrize("kind", PAGES)
@pytest.mark.parametrize("own", list(LANGUAGES))
def test_a_phone_shows_each_other_language_by_name_leading_to_the_same_page(
        page: Page, base: tuple[str, int], kind: str, own: str) -> None:
    url, column = base
    path = PAGES[kind][column]
    page.set_viewport_size({"width": 390, "height": 844})
    for code in others(own):
        page.goto(url + prefix(own) + path)
        assert page.locator("html").get_attribute("lang") == own
        check_the_header_names_each_language(page, own)
        current = header_link(page, own)
        expect(current).to_be_visible()  # the current language is shown, marked, on a 390 px phone too
        assert current.evaluate(SEEN)
        header_link(page, code).click()
        page.wait_for_load_state("load")
        assert page.url == url + prefix(code) + path
        assert page.locator("html").get_attribute("lang") == code
        expect(page.locator("article h1")).to_be_visible()


@pytest.mark.parametrize("own", list(LANGUAGES))
def test_the_404_page_names_each_other_language_leading_to_its_home_page(page: Page, hosted_server: str, own: str) -> None:
    """The 404 page is served at any address: its links lead to each language's home page."""
    page.set_viewport_size({"width": 390, "height": 844})
    for code in others(own):
        page.goto(hosted_server + prefix(own) + "404.html")
        assert page.locator("html").get_attribute("lang") == own
        check_the_header_names_each_language(page, own)
        header_link(page, code).click()
        page.wait_for_load_state("load")
        assert page.url == hosted_server + prefix(code)
        assert page.locator("html").get_attribute("lang") == code


@pytest.mark.parametrize("own", list(LANGUAGES))
def test_the_header_stays_tidy_at_320_and_1280_px(page: Page, hosted_server: str, own: str) -> None:
    """At 320 px: no sideways scrolling and the other languages' links still whole; at 1280 px the header
    keeps Material's height and its language links overlap neither the site name nor the search box."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(hosted_server + prefix(own) + PAGES["condition"][0])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for code in others(own):
        box = header_link(page, code).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320 and box["height"] >= MIN_TARGET_PX, box
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(hosted_server + prefix(own) + PAGES["condition"][0])
    check_the_header_names_each_language(page, own)
    expect(header_link(page, own)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert page.locator("header.md-header").bounding_box()["height"] == HEADER_PX
    overlaps = page.evaluate("""() => {
        const boxes = sel => Array.from(document.querySelectorAll(sel)).map(e => e.getBoundingClientRect());
        const cross = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        const links = boxes('header a[hreflang]');
        const rest = boxes('.md-header__title .md-ellipsis, .md-search__form, .md-header__button.md-logo');
        return links.flatMap(a => rest.filter(b => cross(a, b)).map(b => [a.left, b.left]));
    }""")
    assert overlaps == []


# --- The same in Firefox ESR (tests/firefox/language.mjs) ---------------------------------------

def test_firefox_shows_each_other_language_by_name_leading_to_the_same_page(
        firefox, hosted_server: str, offline_site: Path) -> None:  # noqa: ANN001 - test_firefox's runner
    sites = {"http": (hosted_server, 0, hosted_server.rstrip("/")), "file": (offline_site.as_uri() + "/", 1, "file://")}
    spec = {"viewport": {"width": 390, "height": 844},
            "sites": [{"origin": origin, "pages": [base + prefix(own) + PAGES["condition"][column] for own in LANGUAGES]}
                      for base, column, origin in sites.values()]}
    visits = firefox("language.mjs", spec)["visits"]
    assert len(visits) == len(sites) * len(LANGUAGES)
    problems = []
    for visit in visits:
        base, column, _ = sites["http" if visit["origin"].startswith("http") else "file"]
        own = visit.get("lang")
        links = {link["hreflang"]: link for link in visit.get("links", [])}
        if visit.get("failed") or own not in LANGUAGES or set(links) != set(LANGUAGES):
            problems.append(f"{visit['url']}: {visit}")
            continue
        for code, link in links.items():
            if (link["text"], link["lang"], link["current"] == "true") != (LANGUAGES[code], code, code == own):
                problems.append(f"{visit['url']}: {link}")
            if code != own and not (link["seen"] and link["width"] >= MIN_TARGET_PX and link["height"] >= MIN_TARGET_PX):
                problems.append(f"{visit['url']}: {LANGUAGES[code]} not seen or too small: {link}")
        expected = [{"hreflang": code, "url": base + prefix(code) + PAGES["condition"][column], "lang": code} for code in others(own)]
        if visit["followed"] != expected:
            problems.append(f"{visit['url']}: followed {visit['followed']}, expected {expected}")
    assert problems == []
