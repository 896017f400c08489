"""Readers' own words find the right page: each query in search_queries.yml is
typed into the real search box of the offline copy (file://, no network) in
headless Chromium, and the expected page must be in the top 3 results for at
least 95% of them. The rate and every miss are printed."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from playwright.sync_api import Page, expect

from conftest import ROOT, search_for

QUERIES: dict[str, str] = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text())["queries"]
REQUIRED_RATE = 0.95


def top_pages(page: Page, site: Path, query: str) -> list[str]:
    """The pages (paths under the site, without .html) of the first three results for `query`."""
    box = page.locator("input.md-search__input")
    box.press("Control+A")
    box.press("Backspace")
    page.keyboard.type(query)  # typed, as Material listens for key presses
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile(r"matching|No matching"))
    page.wait_for_timeout(150)  # let the list settle after the last keystroke
    hrefs = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link", "links => links.map(a => a.href)")
    pages = []
    for href in hrefs:
        path = href.split("#")[0].split("?")[0].removeprefix(site.as_uri() + "/").removesuffix(".html")
        if path not in pages:
            pages.append(path)
    return pages[:3]


def test_readers_words_find_the_right_page(page: Page, offline_site: Path) -> None:
    assert len(QUERIES) >= 60
    page.goto((offline_site / "index.html").as_uri())
    search_for(page, "")
    misses = []
    for query, expected in QUERIES.items():
        found = top_pages(page, offline_site, query)
        if expected not in found:
            misses.append(f"  {query!r}: expected {expected}, top 3 were {found}")
    rate = 1 - len(misses) / len(QUERIES)
    print(f"\nSearch: {len(QUERIES) - len(misses)} of {len(QUERIES)} queries ({rate:.0%}) found the expected page in the top 3.")
    print("\n".join(["Misses:", *misses]) if misses else "No misses.")
    assert rate >= REQUIRED_RATE, "\n".join(misses)
