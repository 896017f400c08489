"""In headless Chromium, over http (hosted copy) and file:// (offline copy):
searching "carpal tunnel" finds its page, the page's links work, nothing
errors and nothing is requested from another host."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from playwright.sync_api import Page, Route, expect


@dataclass
class Watch:
    """What a page did that it should not: console errors and requests off the site."""

    origin: str  # "http://127.0.0.1:PORT" or "file://"
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def is_local(self, url: str) -> bool:
        return url.startswith(self.origin) or url.startswith(("data:", "blob:", "about:"))

    def attach(self, page: Page) -> None:
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self.is_local(request.url) or self.foreign.append(request.url))
        page.route("**/*", self._block_foreign)

    def _block_foreign(self, route: Route) -> None:
        route.continue_() if self.is_local(route.request.url) else route.abort()


@pytest.fixture(params=["http", "file"])
def home(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(home page URL, origin) for the hosted copy over http or the offline copy from disk."""
    if request.param == "http":
        base: str = request.getfixturevalue("hosted_server")
        return base, base.rstrip("/")
    offline: Path = request.getfixturevalue("offline_site")
    return (offline / "index.html").as_uri(), "file://"


def read(page: Page, url: str) -> str:
    """The HTML behind a same-site URL, over http or from disk."""
    if url.startswith("file://"):
        return Path(unquote(urlparse(url).path)).read_text(encoding="utf-8")
    response = page.request.get(url)
    assert response.ok, f"{url} answered {response.status}"
    return response.text()


def test_search_finds_carpal_tunnel_and_its_links_work(page: Page, home: tuple[str, str]) -> None:
    url, origin = home
    watch = Watch(origin)
    watch.attach(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)

    page.locator("input.md-search__input").click()
    page.keyboard.type("carpal tunnel")
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    expect(first).to_be_visible(timeout=10_000)
    assert "conditions/carpal-tunnel-syndrome" in first.get_attribute("href")
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
