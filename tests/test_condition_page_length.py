"""Shorter condition pages (issue 23, item 3): each clinic once per page with the services it
offers for the condition, a few clinics then the finder filtered by service, supporting
sections folded (otsite/folding.py) but reachable by their anchors (printed, the page is a leaflet
without them: test_leaflet.py), and
the stroke page within 9 phone screens before its sources, in English and Spanish, not
counting the emergency box: it is never folded, however long (get_help.md.j2).

The HTML checks read every condition page of the session's hosted build; the browser checks
run in Chromium over http (hosted copy) and file:// (offline copy)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from conftest import load_data
from otsite.folding import OPEN_SECTIONS, fold_sections

CONDITIONS = load_data("conditions")["conditions"]
CLINICS = load_data("clinics")["clinics"]
SERVICES = {s["slug"]: s for s in load_data("services")["services"]}
LANGUAGES = {"en": "", "es": "es/"}  # language -> its folder in a build
PHONE = {"width": 390, "height": 844}
MAX_SCREENS = 9
CLINIC_PAGE = re.compile(r"^/clinics/([a-z0-9-]+)/$")


def offering(condition: dict) -> dict[str, set[str]]:
    """Clinic name -> the condition's services it offers, from the data (not from the site's code)."""
    result = {c["name"]: set(c["services"]) & set(condition["services"]) for c in CLINICS}
    return {name: services for name, services in result.items() if services}


def article(hosted_site: Path, folder: str, slug: str) -> BeautifulSoup:
    html = (hosted_site / folder / "conditions" / slug / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_clinic_twice_on_any_condition_page(hosted_site: Path, language: str) -> None:
    folder, shown_anywhere = LANGUAGES[language], 0
    for condition in CONDITIONS:
        page_path = f"/{folder}conditions/{condition['slug']}/"
        links = [urljoin(page_path, a["href"]).removeprefix(f"/{folder[:-1]}" if folder else "")
                 for a in article(hosted_site, folder, condition["slug"]).select("a[href]")]
        clinics = Counter(m.group(1) for m in map(CLINIC_PAGE.match, links) if m and m.group(1) != "index")
        twice = {slug: n for slug, n in clinics.items() if n > 1}
        assert not twice, f"{language} {condition['slug']}: clinics listed more than once: {twice}"
        assert bool(clinics) == bool(offering(condition)), f"{language} {condition['slug']}: {sorted(clinics)}"
        shown_anywhere += len(clinics)
    assert shown_anywhere


def test_each_listed_clinic_names_the_services_it_offers_for_the_condition(hosted_site: Path) -> None:
    for condition in CONDITIONS:
        expected = offering(condition)
        items = article(hosted_site, "", condition["slug"]).select(".ot-condition-clinics > li")
        assert 0 < len(items) <= 5 or not expected, condition["slug"]
        for item in items:
            name = item.a.get_text()
            offers = " ".join(item.get_text().split()).split("Offers: ", 1)[1]
            assert set(offers.split(", ")) == {SERVICES[s]["name"] for s in expected[name]}, (condition["slug"], name)


def test_sections_fold_by_their_anchor_and_code_is_left_alone() -> None:
    prose = ("## What it is\n\nOpen.\n\n## Caring at home\n\n```\n## not a heading\n```\n\n"
             "## Cómo ayuda la terapia ocupacional { #how-occupational-therapy-helps }\n\nOpen too.\n")
    folded = fold_sections(prose)
    assert {"what-it-is", "how-occupational-therapy-helps"} <= OPEN_SECTIONS and "caring-at-home" not in OPEN_SECTIONS
    assert folded.count('<details class="ot-fold" markdown>') == 1, folded
    before, fold, after = folded.partition('<details class="ot-fold" markdown>')
    assert "## What it is" in before and "## Caring at home" in after.split("</summary>")[0]
    assert "## not a heading" in after.split("</details>")[0], "a code block stays inside its section's fold"
    assert "## Cómo ayuda" in after.split("</details>")[1]


def page_url(home: tuple[str, str], language: str, path: str) -> str:
    """The address of site page `path` ("conditions/stroke") in `language`, over http or from disk."""
    url, origin = home
    folder = LANGUAGES[language]
    return f"{url}{folder}{path}/" if origin.startswith("http") else url.replace("index.html", f"{folder}{path}.html")


def top_of(page: Page, selector: str) -> float:
    return page.evaluate("s => document.querySelector(s).getBoundingClientRect().top + window.scrollY", selector)


@pytest.mark.parametrize("language", LANGUAGES)
def test_stroke_page_fits_in_nine_phone_screens_before_its_sources(page: Page, home: tuple[str, str], language: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(page_url(home, language, "conditions/stroke"))
    emergency = page.evaluate("() => document.querySelector('article .ot-help-emergency').getBoundingClientRect().height")
    assert page.locator("article .ot-help-emergency li").first.is_visible()  # open: its steps are never one tap away
    screens = (top_of(page, "#ot-review-title") - emergency) / PHONE["height"]  # "About this page" holds the sources
    assert screens <= MAX_SCREENS, f"{language}: {screens:.1f} phone screens before the sources, besides the emergency box"
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('article a[href]'))
        .map(a => a.pathname).filter(p => /\\/clinics\\/[a-z0-9-]+(\\/|\\.html)$/.test(p) && !/index\\.html$/.test(p))""")
    assert shown and len(shown) == len(set(shown)), f"{language}: {shown}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_finder_link_shows_only_clinics_with_that_service(page: Page, home: tuple[str, str], language: str) -> None:
    stroke = next(c for c in CONDITIONS if c["slug"] == "stroke")
    page.goto(page_url(home, language, "conditions/stroke"))
    links = page.locator(".ot-finder-links a")
    expect(links).to_have_count(len(stroke["services"]))
    for index, service in enumerate(stroke["services"]):
        page.goto(page_url(home, language, "conditions/stroke"))
        page.locator("#where-to-get-care").click()  # its fold opens
        page.locator(".ot-finder-links a").nth(index).click()
        expect(page.locator("#ot-service")).to_have_value(service)
        with_service = sorted(c["name"] for c in CLINICS if service in c["services"])
        expect(page.locator("#ot-results .ot-result")).to_have_count(len(with_service))
        assert sorted(page.locator("#ot-results .ot-result__name").all_inner_texts()) == with_service


@pytest.mark.parametrize("anchor", ["clinics-occupational-therapy", "what-treatment-may-involve"])
def test_a_folded_section_opens_when_its_anchor_is_followed(page: Page, home: tuple[str, str], anchor: str) -> None:
    stroke = page_url(home, "en", "conditions/stroke")
    page.goto(f"{stroke}#{anchor}")  # an address that leads into a fold
    fold = page.locator(f"article details:has(#{anchor})")
    expect(fold).to_have_count(1)
    expect(fold).to_have_js_property("open", True)
    page.goto(stroke)
    expect(fold).to_have_js_property("open", False)
    page.evaluate("a => { window.location.hash = a; }", anchor)  # a link followed on the page
    expect(fold).to_have_js_property("open", True)
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()


def test_a_link_to_a_folded_anchor_opens_it_when_clicked(page: Page, home: tuple[str, str]) -> None:
    page.goto(page_url(home, "en", "conditions/stroke") + "#clinics-occupational-therapy")
    page.evaluate("() => { window.scrollTo(0, 0); document.querySelectorAll('details').forEach(d => { d.open = false; }); }")
    page.locator("#at-a-glance").click()  # the facts box's fold, whose "Who treats it" links lead into another fold
    page.locator(".ot-facts a[href='#clinics-occupational-therapy']").click()  # the same hash as the address: no hashchange
    expect(page.locator("details.ot-fold:has(#clinics-occupational-therapy)")).to_have_js_property("open", True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_emergency_notice_leads_to_the_open_signs(page: Page, home: tuple[str, str], language: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(page_url(home, language, "conditions/stroke"))
    expect(page.locator("article details:has(#ot-emergency-signs)")).to_have_count(0)  # never folded
    page.locator(".ot-emergency__more a").click()
    expect(page.locator("#ot-emergency-signs")).to_be_in_viewport()
    expect(page.locator("article .ot-help-emergency li").first).to_be_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_printing_shows_what_is_folded(page: Page, home: tuple[str, str], language: str) -> None:
    page.goto(page_url(home, language, "conditions/stroke"))
    folded = page.locator("article details:not([open]) > :not(summary)")
    assert folded.count() >= 3, "the page has folded sections"
    hidden = folded.evaluate_all("els => els.filter(e => !e.checkVisibility()).length")
    assert hidden == folded.count(), "on screen, folded content is hidden"
    page.emulate_media(media="print")  # printed, a condition page is a leaflet (test_leaflet.py): its folds stay out
    assert page.locator("article details.ot-fold").evaluate_all("els => els.filter(e => e.checkVisibility()).length") == 0
    page.emulate_media(media="screen")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")  # what the theme's script does on window.print()
    expect(page.locator("article details:not([open])")).to_have_count(0)
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("article details:not([open])").count() >= 3, "the folds close again after printing"


def test_printing_without_javascript_shows_what_is_folded(browser: Browser, home: tuple[str, str]) -> None:
    context = browser.new_context(java_script_enabled=False)  # the theme's print script cannot open the folds
    page = context.new_page()
    page.goto(page_url(home, "en", "conditions/stroke"))
    folded = page.locator("article details:not([open]) > :not(summary)")
    assert folded.count() >= 3 and folded.evaluate_all("els => els.every(e => !e.checkVisibility())")
    page.emulate_media(media="print")  # the leaflet (test_leaflet.py) needs no script: folds out, the help box in
    assert page.locator("article details.ot-fold").evaluate_all("els => els.filter(e => e.checkVisibility()).length") == 0
    assert page.locator("article .ot-help-emergency li").first.evaluate("e => e.checkVisibility()")
    context.close()
