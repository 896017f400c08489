"""Light pages (issue 23, item 9): a page loads what it needs when the reader needs it.

In headless Chromium over http (the hosted copy) and file:// (the offline copy): the search's
emergency notice (emergency-data.js, emergency-search.js) loads when the reader first uses the
search, and still warns about "chest pain" in both languages; the finder's script and data load
when the reader first uses its form (a ZIP code sent at once still finds the nearest clinic), and
its ZIP code table on the first ZIP code search; the save control's script, stylesheet and sizes load when the
reader nears the control, and never on a page without it. Whatever loads late is still in the
saved guide (sw.js and each language's offline-manifest.json) and in the offline copy; the
search ranking script ships inline only. bench/lighthouse_bench.py measures what this saves."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import zipcodes
from playwright.sync_api import Page, Route, expect

from conftest import Watch, load_data, search_for
from save_control_support import SPOT, scroll_to_save_control
from test_browser_finder import expected_order, finder, search_zip  # noqa: F401 - finder: a fixture

SIGNS = {entry["id"]: entry for entry in load_data("emergency_signs")["emergencies"]}
SEARCH_NOTICE = ("emergency-data.js", "emergency-search.js")  # what ot.js loads with the search
ZIP_TABLE = "finder-zips.js"
FINDER_FILES = ("finder-data.js", "finder.js")  # what the finder page loads on first use
SAVE_FILES = ("offline-app.js", "offline-app.css", "offline-manifest.json")  # the control's script, its style, each language's size
CHEST_PAIN = {"en": "chest pain", "es": "dolor de pecho"}


def script_loaded(page: Page, name: str) -> bool:
    """Whether the page has a script element for assets/javascripts/`name` (in its HTML or added since)."""
    return page.evaluate("name => [...document.scripts].some(s => s.src.split('?')[0].endsWith('/javascripts/' + name))", name)


def in_language(url: str, language: str) -> str:
    """The home page `url` (hosted or offline copy) in `language`: Spanish sits under es/ in both."""
    if language == "en":
        return url
    return url.rsplit("index.html", 1)[0] + "es/index.html" if url.startswith("file://") else url + "es/"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_search_notice_loads_with_the_search(page: Page, home: tuple[str, str], language: str) -> None:
    watch = Watch(home[1])
    watch.attach(page)
    page.goto(in_language(home[0], language))
    page.wait_for_load_state("networkidle" if home[1].startswith("http") else "load")
    assert not [name for name in SEARCH_NOTICE if script_loaded(page, name)], "the red-flag words loaded before any search"
    assert page.evaluate("window.otEmergencies === undefined")

    search_for(page, CHEST_PAIN[language])
    sign = SIGNS["chest-pain"]
    notice = sign["notice"] if language == "en" else sign["es"]["notice"]
    expect(page.locator(".ot-search-emergency")).to_contain_text(notice)
    assert all(script_loaded(page, name) for name in SEARCH_NOTICE)
    assert watch.errors == [] and watch.foreign == []


def test_no_page_loads_the_search_notice_up_front(hosted_site: Path, offline_site: Path) -> None:
    for site in (hosted_site, offline_site):
        pages = sorted(site.rglob("*.html"))
        assert pages
        eager = [p.relative_to(site).as_posix() for p in pages
                 if re.search(r'<script[^>]+src="[^"]*(emergency-data|emergency-search)\.js"', p.read_text(encoding="utf-8"))]
        assert eager == []


def test_the_zip_code_table_loads_on_the_first_search(page: Page, finder: tuple[str, str]) -> None:  # noqa: F811 - the fixture
    watch = Watch(finder[1])
    watch.attach(page)
    page.goto(finder[0])
    page.wait_for_load_state("networkidle" if finder[1].startswith("http") else "load")
    page.locator("#ot-zip").focus()  # the finder's script loads on first use
    expect(page.locator("#ot-results .ot-result__name").first).to_be_visible()  # the finder is ready
    assert not script_loaded(page, ZIP_TABLE) and page.evaluate("window.otFinderZips === undefined")
    search_zip(page, "92025")
    expect(page.locator("#ot-count")).to_have_text(re.compile(r"^12 clinics, nearest first, from ZIP code 92025"))
    assert script_loaded(page, ZIP_TABLE)
    assert watch.errors == [] and watch.foreign == []


def test_the_save_control_loads_when_the_reader_nears_it(page: Page, hosted_server: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(hosted_server + "what-is-ot/")  # no control: nothing of it, even scrolled to the end
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    assert page.locator(SPOT).count() == 0
    assert not [url for url in requested if url.endswith(SAVE_FILES)]

    page.goto(hosted_server)
    page.wait_for_load_state("networkidle")
    assert page.locator(SPOT).count() == 1
    assert not [url for url in requested if url.endswith(SAVE_FILES)], "the save control's files loaded on the home page's first screen"
    scroll_to_save_control(page)
    expect(page.locator(".ot-save-offline__size")).to_contain_text("Save the whole guide for offline reading, in English and Español")
    assert {name for name in SAVE_FILES if any(url.endswith(name) for url in requested)} == set(SAVE_FILES)
    assert page.locator(".ot-save-offline__button").evaluate("b => getComputedStyle(b).cursor") == "pointer"  # styled


def test_what_loads_late_is_in_the_saved_guide_and_the_offline_copy(hosted_site: Path, offline_site: Path) -> None:
    late = {f"assets/javascripts/{name}" for name in (*SEARCH_NOTICE, ZIP_TABLE, *FINDER_FILES, "offline-app.js")} | {"assets/stylesheets/offline-app.css"}
    worker = (hosted_site / "sw.js").read_text(encoding="utf-8")
    listed = {entry["url"] for entry in json.loads(re.search(r"^const OT = (.*);$", worker, re.MULTILINE).group(1))["files"]}
    assert late <= listed
    spanish = json.loads((hosted_site / "es" / "offline-manifest.json").read_text(encoding="utf-8"))
    assert late <= {entry["url"] for entry in spanish["entries"]}
    for site in (offline_site, offline_site / "es"):  # the zip's copy: no save control, the rest there
        assert all((site / name).is_file() for name in late if "offline-app" not in name)


def test_the_search_ranking_ships_inline_only(hosted_site: Path, offline_site: Path) -> None:
    for site in (hosted_site, offline_site):
        assert not list(site.rglob("search-ranking*")), "published, though no page loads it"
        for page in (site / "index.html", site / "es" / "index.html"):
            head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
            assert head.count("window.Worker = RankingWorker") == 1, page
            assert "Material has no hook" not in head, "the script's notes ship in every page"


def finder_in(finder: tuple[str, str], language: str) -> str:  # noqa: F811 - the fixture's value
    """The finder page of `finder` (hosted or offline copy) in `language`: Spanish sits under es/ in both."""
    url = finder[0]
    if language == "en":
        return url
    return url.replace("/clinics/index.html", "/es/clinics/index.html") if url.startswith("file://") else url.replace("/clinics/", "/es/clinics/")


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_finder_loads_its_script_on_first_use(page: Page, finder: tuple[str, str], language: str) -> None:  # noqa: F811
    """finder.js and its data are not requested before the reader uses the form; a ZIP code typed and sent at
    once (over http, before finder.js has arrived) still puts the nearest clinic first."""
    watch = Watch(finder[1])
    watch.attach(page)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url.split("?")[0]))
    held: list[Route] = []
    if finder[1].startswith("http"):  # finder.js held back until the search has been sent
        page.route("**/assets/javascripts/finder.js", lambda route: held.append(route))
    page.goto(finder_in(finder, language))
    page.wait_for_load_state("networkidle" if finder[1].startswith("http") else "load")
    page.wait_for_timeout(500)  # nothing on a timer either
    assert not [name for name in FINDER_FILES if script_loaded(page, name)], "the finder's script loaded before first use"
    assert not [url for url in requested if url.endswith(FINDER_FILES)]
    assert page.evaluate("window.otFinder === undefined && window.otFinderSearch === undefined")
    expect(page.locator("#ot-finder")).to_be_visible()
    expect(page.locator("#ot-by-city")).to_be_visible()  # the clinics, by city, until finder.js lists them

    page.click("#ot-zip")
    page.keyboard.type("92025")
    page.keyboard.press("Enter")
    assert all(script_loaded(page, name) for name in FINDER_FILES)
    if held:
        page.wait_for_timeout(300)
        assert page.evaluate("window.otFinderSearch === undefined"), "finder.js ran before the search was sent"
        held[0].continue_()
    place = zipcodes.matching("92025")[0]
    nearest = expected_order(float(place["lat"]), float(place["long"]))[0][0]
    expect(page.locator("#ot-count")).to_contain_text("92025")
    expect(page.locator("#ot-results .ot-result__name").first).to_have_text(nearest)
    expect(page.locator("#ot-results .ot-result__distance").first).to_be_visible()
    expect(page.locator("#ot-by-city")).to_be_hidden()
    expect(page.locator("#ot-count")).to_be_focused()  # as after a search with finder.js there
    assert page.locator("#ot-zip-message").inner_text() == ""
    if finder[1].startswith("http"):
        assert {name for name in FINDER_FILES if any(url.endswith("/javascripts/" + name) for url in requested)} == set(FINDER_FILES)
        assert "zip=92025" in page.url
    assert watch.errors == [] and watch.foreign == []


def test_the_finder_loads_at_once_for_an_address_with_a_zip_code(page: Page, hosted_server: str) -> None:
    page.goto(hosted_server + "clinics/?zip=92025")
    expect(page.locator("#ot-count")).to_contain_text("from ZIP code 92025")
    assert all(script_loaded(page, name) for name in FINDER_FILES)


def test_the_finder_loads_at_once_back_with_a_zip_code_typed(page: Page, hosted_server: str) -> None:
    """Back to the finder with a ZIP code the reader typed (not yet sent), the browser having kept it."""
    page.goto(hosted_server + "clinics/")
    page.evaluate("document.getElementById('ot-zip').value = '92025'")  # no event: as if the first use loaded nothing
    page.goto(hosted_server + "what-is-ot/")
    page.go_back()
    expect(page.locator("#ot-zip")).to_have_value("92025")
    expect(page.locator("#ot-results .ot-result__name").first).to_be_visible()
    assert all(script_loaded(page, name) for name in FINDER_FILES)


def test_the_finder_shows_its_form_at_once(page: Page, hosted_server: str) -> None:
    """The first paint has the form, so nothing moves when the reader starts to use it."""
    held: list[Route] = []
    page.route("**/assets/javascripts/finder.js", lambda route: held.append(route))
    page.goto(hosted_server + "clinics/", wait_until="commit")
    expect(page.locator("#ot-finder")).to_be_visible()
    expect(page.locator(".ot-finder-js")).to_be_visible()
    expect(page.locator("#ot-by-city")).to_be_visible()
    page.locator("#ot-zip").focus()
    page.wait_for_timeout(300)
    assert held and page.evaluate("window.otFinderSearch === undefined"), "finder.js ran already"
    held[0].continue_()
    expect(page.locator("#ot-results .ot-result__name").first).to_be_visible()
    expect(page.locator("#ot-finder")).to_be_visible()
    expect(page.locator("#ot-by-city")).to_be_hidden()


def test_the_finder_keeps_its_list_by_city_when_its_script_fails(page: Page, hosted_server: str) -> None:
    page.route("**/assets/javascripts/finder.js", lambda route: route.abort())
    page.goto(hosted_server + "clinics/")
    page.locator("#ot-zip").focus()
    expect(page.locator("#ot-finder")).to_be_hidden()
    expect(page.locator("#ot-by-city")).to_be_visible()
    expect(page.locator(".ot-finder-nojs")).to_be_visible()


def test_no_palette_stylesheet_and_the_same_colours(page: Page, hosted_server: str, hosted_site: Path) -> None:
    """Material's defaults are its indigo: no palette.css (one render-blocking request less), ot.css's colours kept."""
    assert not re.search(r'href="[^"]*palette\.[0-9a-f]+\.min\.css"', (hosted_site / "index.html").read_text(encoding="utf-8"))
    page.goto(hosted_server)
    colours = page.evaluate("""() => ({header: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
        link: getComputedStyle(document.querySelector('.md-content')).getPropertyValue('--md-typeset-a-color').trim()})""")
    assert colours == {"header": "rgb(48, 63, 159)", "link": "#303f9f"}  # ot.css: 7:1 on white
