"""In headless Chromium, over http (hosted copy) and file:// (offline copy):
searching "carpal tunnel" finds its page, the page's links work, nothing
errors and nothing is requested from another host."""
from __future__ import annotations

import re

from urllib.parse import urldefrag

from playwright.sync_api import Page, expect

from conftest import Watch, read, search_for


def test_search_finds_carpal_tunnel_and_its_links_work(page: Page, home: tuple[str, str]) -> None:
    url, origin = home
    watch = Watch(origin)
    watch.attach(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)

    search_for(page, "carpal tunnel")
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    # results are shown while the query is typed: wait for the whole query's first result
    expect(first).to_have_attribute("href", re.compile(r"conditions/carpal-tunnel-syndrome"), timeout=10_000)
    first.click()
    expect(page.locator("article h1")).to_contain_text("Carpal tunnel syndrome")

    hrefs = page.eval_on_selector_all("article a[href]", "links => links.map(a => a.href)")
    targets = {h for h in hrefs if h.startswith(origin)}
    assert len(targets) >= 10, targets
    for target in sorted(targets):
        address, fragment = urldefrag(target)
        html = read(page, address)
        if fragment:
            assert f'id="{fragment}"' in html, f"{target}: no #{fragment} on that page"

    assert watch.errors == []
    assert watch.foreign == []


def test_abbreviation_is_explained_on_keyboard_focus(page: Page, home: tuple[str, str]) -> None:
    url, origin = home
    watch = Watch(origin)
    watch.attach(page)
    page.goto(url)
    page.locator("nav.md-nav--primary a", has_text="Who provides OT").first.click()
    abbreviation = page.locator("article abbr[tabindex='0']", has_text="COTA")
    abbreviation.focus()
    tooltip = page.locator("[role='tooltip']", has_text="Certified Occupational Therapy Assistant")
    expect(tooltip).to_be_visible()
    assert page.locator("article abbr[tabindex='0']", has_text="COTA").count() == 1  # one tab stop per term
    assert watch.errors == [] and watch.foreign == []


def test_a_search_with_no_results_offers_the_a_to_z_and_the_finder(page: Page, home: tuple[str, str]) -> None:
    url, origin = home
    watch = Watch(origin)
    watch.attach(page)
    page.goto(url)
    search_for(page, "xylophone")
    expect(page.locator(".md-search-result__meta")).to_have_text("No results")
    help_box = page.locator(".ot-search-help")
    expect(help_box).to_be_visible()
    help_box.get_by_role("link", name="find a clinic near you").click()
    expect(page.locator("article h1")).to_contain_text("Find a clinic")
    page.go_back()
    search_for(page, "xylophone")
    page.locator(".ot-search-help").get_by_role("link", name="conditions from A to Z").click()
    expect(page.locator("article h1")).to_contain_text("Conditions A to Z")
    assert watch.errors == [] and watch.foreign == []
