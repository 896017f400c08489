"""Quality gates over the whole built site, in real tools: axe-core for WCAG
2.0/2.1/2.2 A and AA, the Nu HTML Checker, LinkChecker with #anchors, console
errors and outside requests on every page, reflow at 320 px, text at 200%,
and print styles. Both languages: the Nu checker, links, errors and requests
cover every page of both; the browser gates run each page type in English and
in Spanish (es/)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from conftest import ROOT, Watch, search_for

PAGE_TYPES = {
    "home": "", "topic": "what-is-ot/", "condition": "conditions/carpal-tunnel-syndrome/",
    "conditions-index": "conditions/", "browse": "conditions/by-body-area/",
    "clinic": "clinics/harbor-hand-and-upper-limb-center/", "finder": "clinics/", "glossary": "glossary/",
    "about": "about/", "404": "404.html", "offline": "offline/",
}
# A and AA everywhere, plus AAA contrast (7:1, issue 12): older and low-vision readers.
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]},
             "rules": {"color-contrast-enhanced": {"enabled": True}}}
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGUAGES = {"en": "", "es": "es/"}  # language -> where its build sits in the site
# A query with results and one without, in each language.
QUERIES = {"en": ("stroke", "qqzzxv"), "es": ("derrame", "qqzzxv")}
language = pytest.mark.parametrize("language", LANGUAGES)


def axe_violations(page: Page) -> list[str]:
    # Mid-fade text (the header's title swaps as the page scrolls) would be measured at partial opacity.
    page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")
    results = Axe().run(page, options=AXE_RULES).response
    assert any(rule["id"] == "color-contrast-enhanced" for rule in results["passes"] + results["violations"] + results["incomplete"])
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in results["violations"]]


def open_page(page: Page, hosted_server: str, language: str, path: str) -> None:
    page.goto(hosted_server + LANGUAGES[language] + path)
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
@language
def test_axe_finds_no_violations(page: Page, hosted_server: str, language: str, kind: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, hosted_server, language, PAGE_TYPES[kind])
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@language
def test_axe_finds_no_violations_in_the_finder_in_use(page: Page, hosted_server: str, language: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, hosted_server, language, "clinics/")
    page.fill("#ot-zip", "92101")
    page.click("button[type=submit]")
    page.wait_for_selector("#ot-results .ot-result__distance")
    assert axe_violations(page) == []
    page.fill("#ot-zip", "99999")
    page.click("button[type=submit]")
    page.wait_for_selector("#ot-zip[aria-invalid=true]")
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("results", [True, False], ids=["results", "no-results"])
@language
def test_axe_finds_no_violations_with_search_open(page: Page, hosted_server: str, language: str, results: bool, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, hosted_server, language, "")
    if width < 600:
        page.locator(".md-header__button[for=__search]").click()
    search_for(page, QUERIES[language][0 if results else 1])
    page.wait_for_selector(".md-search-result__item" if results else ".ot-search-help")
    assert axe_violations(page) == []


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_html_is_valid(variant: str, request: pytest.FixtureRequest) -> None:
    java = shutil.which("java")
    assert java and VNU.is_file(), "the Nu HTML Checker needs Java and `npm ci` (scripts/test.sh does both)"
    site: Path = request.getfixturevalue(variant)
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--skip-non-html", str(site)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr[:3000]


def linkcheck(start: str) -> subprocess.CompletedProcess[str]:
    # LinkChecker's own command, each page parsed once instead of once per #anchor linked (tests/tools/).
    return subprocess.run([sys.executable, str(ROOT / "tests" / "tools" / "linkchecker_parse_once.py"),
                           "--config", str(ROOT / "tests" / "tools" / "linkcheckerrc"), "--no-status", start], capture_output=True, text=True)


def test_links_and_anchors_work_on_the_hosted_site(hosted_server: str) -> None:
    result = linkcheck(hosted_server)
    assert result.returncode == 0 and " 0 errors found" in result.stdout, result.stdout[-4000:]
    assert " 0 warnings found" in result.stdout, result.stdout[-4000:]
    assert int(result.stdout.split(" links in ")[0].rsplit("\n", 1)[-1].split()[-1]) > 300  # it really walked the site


def test_links_and_anchors_work_in_the_offline_copy(offline_site: Path) -> None:
    result = linkcheck((offline_site / "index.html").as_uri())
    assert result.returncode == 0 and " 0 errors found" in result.stdout and " 0 warnings found" in result.stdout, result.stdout[-4000:]


def every_page(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.mark.parametrize("variant", ["http", "file"])
def test_every_page_loads_without_errors_or_outside_requests(page: Page, variant: str, request: pytest.FixtureRequest) -> None:
    if variant == "http":
        site, base = request.getfixturevalue("hosted_site"), request.getfixturevalue("hosted_server")
        origin = base.rstrip("/")
    else:
        site = request.getfixturevalue("offline_site")
        base, origin = site.as_uri() + "/", "file://"
    pages = every_page(site)
    assert len(pages) > 40 and len([path for path in pages if path.startswith("es/")]) > 40, "both languages"
    watch = Watch(origin)
    watch.attach(page)
    for path in pages:
        page.goto(base + path)
        page.wait_for_load_state("load")
    assert watch.errors == []
    assert watch.foreign == []


@pytest.mark.parametrize("kind", PAGE_TYPES)
@language
def test_no_sideways_scrolling_at_320px(page: Page, hosted_server: str, language: str, kind: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, hosted_server, language, PAGE_TYPES[kind])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("kind", PAGE_TYPES)
@language
def test_text_at_200_percent_stays_readable(page: Page, hosted_server: str, language: str, kind: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    open_page(page, hosted_server, language, PAGE_TYPES[kind])
    text_size = "parseFloat(getComputedStyle(document.querySelector('article p, article li, article h1')).fontSize)"
    before = page.evaluate(text_size)
    page.evaluate("document.documentElement.style.fontSize = (parseFloat(getComputedStyle(document.documentElement).fontSize) * 2) + 'px'")
    after = page.evaluate(text_size)
    assert after == pytest.approx(2 * before, rel=0.05), "body text does not follow the reader's text size"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    clipped = page.evaluate("""() => Array.from(document.querySelectorAll('article p, article li, article h1, article h2, article td'))
        .filter(el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'hidden').length""")
    assert clipped == 0


@pytest.mark.parametrize("kind", ["condition", "clinic"])
@language
def test_pages_print_cleanly(page: Page, hosted_server: str, language: str, kind: str) -> None:
    open_page(page, hosted_server, language, PAGE_TYPES[kind])
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-search', '.md-footer']
        .map(s => document.querySelector(s)).filter(Boolean).every(el => el.getClientRects().length === 0)""")
    assert hidden, "navigation and search should not print"
    if kind == "condition":  # clinic pages come from data and have no review block
        assert page.locator("aside.ot-review").is_visible()
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('article a[href^="tel:"], article a[href^="http"]'))
        .map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])""")
    assert shown and all(href in content for href, content in shown), shown
