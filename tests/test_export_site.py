"""The export (scripts/export_markdown.py) is a whole site: built with no hooks by stock MkDocs +
Material and by Zensical, hosted and offline, it has every page of the hook build in each
language, each page keeps its review block, the footer and its link to the other language, the
clinic finder puts the nearest clinic first for a ZIP code, and search finds a condition, over
http and from disk. The export and its eight builds are made once for this file."""
from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import zipcodes
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from conftest import ROOT, load_data, run_build, search_for, serve_folder
from otsite.i18n import gettext_for
from test_browser_finder import expected_order, search_zip

pytestmark = pytest.mark.build
LANGUAGES = {"en": "", "es": "es/"}  # each language's folder in a built site
GENERATORS = ("mkdocs", "zensical")
KINDS = ("hosted", "offline")
ZENSICAL = Path(sys.executable).with_name("zensical")
CONDITION = load_data("conditions")["conditions"][0]


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "export"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "export_markdown.py"), str(folder)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture(scope="module")
def builds(export: Path) -> dict[tuple[str, str], Path]:
    """{(generator, hosted or offline): the built site, English at its root and Spanish under es/}."""
    built = {}
    for kind, config in (("hosted", "mkdocs"), ("offline", "mkdocs-offline")):
        target = export.parent / f"mkdocs-{kind}"
        for suffix, folder in (("", ""), ("-es", "es")):
            result = run_build(export, f"{config}{suffix}.yml", target / folder)
            assert result.returncode == 0, result.stderr
        built["mkdocs", kind] = target
    for kind, config, target in (("hosted", "zensical", "site"), ("offline", "mkdocs-offline", "site-offline")):
        for suffix in ("", "-es"):
            result = subprocess.run([str(ZENSICAL), "build", "--strict", "-f", f"{config}{suffix}.yml"], cwd=export,
                                    capture_output=True, text=True)
            assert result.returncode == 0 and "No issues found" in result.stderr, result.stdout + result.stderr
        built["zensical", kind] = export / target
    return built


def page_addresses(site: Path, prefix: str) -> set[str]:
    """The pages of one language of a built site, by address without its style: "conditions/stroke", "" for home."""
    pages = set()
    others = tuple(folder for folder in LANGUAGES.values() if folder and folder != prefix)
    for path in (site / prefix).rglob("*.html"):
        relative = path.relative_to(site / prefix).as_posix()
        if relative != "404.html" and not relative.startswith(others):
            pages.add(relative.removesuffix(".html").removesuffix("index").rstrip("/"))
    return pages


def local_target(page: Path, href: str) -> Path:
    """The file a relative link of a built page leads to."""
    target = (page.parent / unquote(urlsplit(href).path)).resolve()
    return target / "index.html" if target.is_dir() else target


BUILDS = [(generator, kind) for generator in GENERATORS for kind in KINDS]
BUILD_IDS = [f"{generator}-{kind}" for generator, kind in BUILDS]


@pytest.mark.parametrize("build", BUILDS, ids=BUILD_IDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_of_the_hook_build(builds: dict, hosted_site: Path, build: tuple[str, str], language: str) -> None:
    expected = page_addresses(hosted_site, LANGUAGES[language])
    assert len(expected) > 50
    assert page_addresses(builds[build], LANGUAGES[language]) == expected


@pytest.mark.parametrize("build", BUILDS, ids=BUILD_IDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_keep_review_block_footer_and_language_link(builds: dict, hosted_site: Path, build: tuple[str, str], language: str) -> None:
    site, prefix = builds[build], LANGUAGES[language]
    _ = gettext_for(language)
    reviewed = {address for address in page_addresses(hosted_site, prefix)
                if _soup(_hook_page(hosted_site, prefix, address)).select_one("aside.ot-review h2#ot-review-title")}
    assert len(reviewed) > 40, "the hook build shows a review block on its content pages"
    with_review = set()
    for address in page_addresses(site, prefix):
        path = _built_page(site, prefix, address)
        soup = _soup(path)
        if soup.select_one("aside.ot-review h2#ot-review-title") and soup.select_one(".ot-draft-notice"):
            with_review.add(address)
        footer = soup.select_one(".md-copyright__highlight")
        assert footer is not None and _("Talk to your doctor or therapist about your own health.") in footer.get_text(), address
        about = footer.find("a", string=_("About this site"))
        assert about is not None and local_target(path, about["href"]) == _built_page(site, prefix, "about"), address
        for other, other_prefix in LANGUAGES.items():
            if other != language:
                link = soup.select_one(f'.ot-page-languages a[hreflang="{other}"]')
                assert link is not None, f"{address}: no link to the {other} page"
                assert local_target(path, link["href"]) == _built_page(site, other_prefix, address), address
    assert with_review == reviewed


def _hook_page(site: Path, prefix: str, address: str) -> Path:
    return site / prefix / address / "index.html"


def _built_page(site: Path, prefix: str, address: str) -> Path:
    """A page's file in a built site of either address style."""
    clean = site / prefix / address / "index.html"
    return clean if clean.exists() else (site / prefix / (f"{address}.html" if address else "index.html")).resolve()


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(params=[(generator, way) for generator in GENERATORS for way in ("http", "file")],
                ids=[f"{generator}-{way}" for generator in GENERATORS for way in ("http", "file")])
def export_home(request: pytest.FixtureRequest, builds: dict) -> Iterator[tuple[str, str]]:
    """(home page URL, generator): a hosted build served over http, or an offline build opened from disk."""
    generator, way = request.param
    if way == "file":
        yield (builds[generator, "offline"] / "index.html").as_uri(), generator
        return
    with serve_folder(builds[generator, "hosted"]) as origin:
        yield f"{origin}/", generator


def test_finder_puts_the_nearest_clinic_first(page: Page, export_home: tuple[str, str]) -> None:
    url, _ = export_home
    page.goto(url.removesuffix("index.html") + "clinics/index.html")
    search_zip(page, "92025")
    place = zipcodes.matching("92025")[0]
    nearest = expected_order(float(place["lat"]), float(place["long"]))[0][0]
    first = page.locator("#ot-results .ot-result__name a").first
    expect(first).to_have_text(nearest)
    response = page.request.get(first.evaluate("a => a.href")) if url.startswith("http") else None
    assert response is None or response.ok
    if response is None:  # from disk: the link leads to the clinic's page file
        assert Path(unquote(urlsplit(first.evaluate("a => a.href")).path)).is_file()


def test_search_finds_a_condition(page: Page, export_home: tuple[str, str]) -> None:
    url, generator = export_home
    page.goto(url)
    if generator == "mkdocs":
        search_for(page, CONDITION["name"])
        results = page.locator(".md-search-result__item > a.md-search-result__link")
    else:  # Zensical's own search dialog
        page.locator(".md-search__button").click()
        page.keyboard.type(CONDITION["name"])
        results = page.locator("ol[role=listbox] a")
    expect(results.first).to_be_visible(timeout=20_000)
    address = re.compile(rf"/conditions/{re.escape(CONDITION['slug'])}(/|\.html)")
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert any(address.search(href) for href in hrefs[:5]), hrefs[:5]
