"""The pages patients ask for next (issue 10, section 5): they are built, linked
from the home page, the menu and the condition lists, and search finds them."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import load_data

# Topic pages and a word a reader would search for each.
TOPIC_PAGES = {
    "paying-for-ot": "Medicare",
    "checking-a-license": "license lookup",
    "early-intervention-and-school": "504 plan",
    "caregivers": "caregiver burnout",
}
CHILD_CONDITIONS = ["autism", "cerebral-palsy", "developmental-coordination-disorder"]


def page(site: Path, path: str) -> BeautifulSoup:
    """The built page for a clean URL path like 'conditions/autism/'."""
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def article_links(soup: BeautifulSoup, page_path: str) -> set[str]:
    """The site paths that links in the page's main text lead to, like '/caregivers/'."""
    body = soup.select_one("article.md-content__inner")
    return {urljoin(f"/{page_path}", a["href"]).split("#")[0] for a in body.select("a[href]")}


@pytest.mark.parametrize("slug", [*TOPIC_PAGES, *(f"conditions/{c}" for c in CHILD_CONDITIONS)])
def test_new_page_is_built_with_a_draft_notice_and_sources(hosted_site: Path, slug: str) -> None:
    soup = page(hosted_site, f"{slug}/")
    assert soup.h1 is not None and soup.h1.get_text(strip=True)
    body = soup.select_one("article.md-content__inner").get_text(" ")
    assert "Draft" in body
    assert "https://" in str(soup.select_one("article.md-content__inner")), "its sources carry their web addresses"


@pytest.mark.parametrize("slug", TOPIC_PAGES)
def test_home_page_links_each_new_topic_page(hosted_site: Path, slug: str) -> None:
    assert f"/{slug}/" in article_links(page(hosted_site, ""), "")


@pytest.mark.parametrize("slug", TOPIC_PAGES)
def test_side_menu_lists_each_new_topic_page(hosted_site: Path, slug: str) -> None:
    nav = page(hosted_site, "").select_one("nav.md-nav--primary")
    targets = {urljoin("/", a["href"]) for a in nav.select("a[href]")}
    assert f"/{slug}/" in targets


@pytest.mark.parametrize("slug", CHILD_CONDITIONS)
def test_a_to_z_links_each_new_condition(hosted_site: Path, slug: str) -> None:
    assert f"/conditions/{slug}/" in article_links(page(hosted_site, "conditions/"), "conditions/")


def test_children_age_group_is_no_longer_injuries_only(hosted_site: Path) -> None:
    body = page(hosted_site, "conditions/by-age-group/").select_one("article.md-content__inner")
    children = body.select_one("h2#children")
    listed = {a["href"].strip("./") for a in children.find_next("ul").select("a[href]")}
    assert set(CHILD_CONDITIONS) <= listed
    in_data = {c["slug"] for c in load_data("conditions")["conditions"] if "children" in c["age_groups"]}
    assert listed == in_data


def test_early_intervention_page_is_linked_from_each_child_condition(hosted_site: Path) -> None:
    for slug in CHILD_CONDITIONS:
        path = f"conditions/{slug}/"
        assert "/early-intervention-and-school/" in article_links(page(hosted_site, path), path), slug


@pytest.mark.parametrize("slug, word", TOPIC_PAGES.items())
def test_search_index_finds_each_topic_page_by_its_reader_words(hosted_site: Path, slug: str, word: str) -> None:
    index = json.loads((hosted_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [d for d in index["docs"] if d["location"] == f"{slug}/"]
    assert entries, f"{slug} is not in the search index"
    words = " ".join(f"{d.get('title', '')} {d.get('text', '')} {' '.join(d.get('tags', []))}" for d in entries)
    assert word.casefold() in words.casefold()
