"""Page layout as readers see it (issue 12), in headless Chromium over http and
file://: condition pages open with the writer's introduction, then an "At a
glance" box that fits on one phone screen; misspellings find pages in search
but are never shown; the finder brings its result into view and speaks of the
right thing with JavaScript on or off; and screenshots of every page type are
saved for reviewers (scripts/screenshots.py, uploaded by CI)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT, Watch, load_data, search_for
from otsite.emergencies import page_url
from otsite.page_checks import split_front_matter

CONDITIONS = load_data("conditions")["conditions"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SHOT_NAMES = ("home", "topic", "condition", "a-to-z", "browse", "finder", "finder-result", "clinic", "glossary",
              "about", "search")
SCREENSHOTS = ROOT / "screenshots"


def url_of(home: tuple[str, str], path: str) -> str:
    """The address of docs/`path` in the hosted copy (http) or the offline copy (file://)."""
    url, _ = home
    offline = url.startswith("file://")
    suffix = page_url(path, directory_urls=not offline)
    return url.rsplit("index.html", 1)[0] + suffix if offline else url + suffix


def first_paragraph(slug: str) -> str:
    """The first paragraph of the writer's prose for a condition, as plain words."""
    body = split_front_matter((ROOT / "docs" / "conditions" / f"{slug}.md").read_text(encoding="utf-8"))[1]
    paragraph = body.strip().split("\n\n", 1)[0]
    return " ".join(re.sub(r"\[([^\]]*)\]\([^)]*\)|[*_`]", r"\1", paragraph).split())


# --- Condition pages --------------------------------------------------------

def test_condition_pages_open_with_the_introduction_then_a_glance_box_one_phone_screen_high(
        page: Page, home: tuple[str, str]) -> None:
    page.set_viewport_size(PHONE)
    watch = Watch(home[1])
    watch.attach(page)
    for condition in CONDITIONS:
        page.goto(url_of(home, f"conditions/{condition['slug']}.md"))
        layout = page.evaluate("""(intro) => {
            const article = document.querySelector('article');
            const box = article.querySelector('.ot-facts');
            const words = el => el.textContent.split(/\\s+/).join(' ').trim();
            const first = [...article.querySelectorAll('p')].find(p => words(p).startsWith(intro.slice(0, 60)));
            const before = (a, b) => !!(a && b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING));
            return {height: box.getBoundingClientRect().height, heading: words(box.querySelector('h2')),
                    introFirst: before(first, box), emergencyFirst: before(article.querySelector('.ot-emergency') || first, first),
                    boxBeforeSections: before(box, article.querySelector('#what-it-is'))};
        }""", first_paragraph(condition["slug"]))
        where = condition["slug"]
        assert layout["heading"].startswith("At a glance"), where
        assert layout["introFirst"], f"{where}: the writer's introduction does not come before the At a glance box"
        assert layout["emergencyFirst"], f"{where}: the emergency notice comes after the introduction"
        assert layout["boxBeforeSections"], f"{where}: the At a glance box comes after the first section"
        assert 0 < layout["height"] <= PHONE["height"], f"{where}: the At a glance box is {layout['height']} px high"
    assert watch.errors == [] and watch.foreign == []


def _shown_spellings(condition: dict) -> list[str]:
    """The condition's misspellings that the page should not show: those the writer's prose and
    the condition's names do not use themselves (a writer may write "Alzheimer" on purpose)."""
    prose = (ROOT / "docs" / "conditions" / f"{condition['slug']}.md").read_text(encoding="utf-8")
    names = " ".join([condition["name"], condition["summary"], *condition["aliases"], prose])
    return [m for m in condition.get("misspellings", []) if not re.search(rf"(?<!\w){re.escape(m)}(?!\w)", names, re.I)]


@pytest.mark.parametrize("condition", CONDITIONS, ids=lambda c: c["slug"])
def test_misspellings_are_not_shown(hosted_site: Path, condition: dict) -> None:
    html = (hosted_site / "conditions" / condition["slug"] / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    for script in article.select("script"):
        script.decompose()  # JSON-LD, not shown
    text = " ".join(article.get_text(" ").split())
    assert "Sometimes spelled" not in text
    shown = [m for m in _shown_spellings(condition) if re.search(rf"(?<!\w){re.escape(m)}(?!\w)", text, re.I)]
    assert shown == [], f"misspellings shown to readers: {shown}"


def test_some_condition_would_show_a_misspelling() -> None:
    """The test above can fail: some conditions have misspellings their pages do not use."""
    assert sum(bool(_shown_spellings(c)) for c in CONDITIONS) >= 5


def test_misspellings_are_still_search_words(hosted_site: Path) -> None:
    index = json.loads((hosted_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    tags = {doc["location"].split("#")[0]: doc.get("tags", []) for doc in index["docs"] if "#" not in doc["location"]}
    for condition in CONDITIONS:
        assert set(condition.get("misspellings", [])) <= set(tags[f"conditions/{condition['slug']}/"]), condition["slug"]


def result_pages(page: Page, query: str) -> list[str]:
    """The result pages shown for `query` (just typed into the search box), best first, each once."""
    # Results for an earlier keystroke may still show: wait for links that highlight the whole query (?h=).
    page.wait_for_function("""(query) => {
        const link = document.querySelector('.md-search-result__item > a.md-search-result__link');
        return link && (new URL(link.href).searchParams.get('h') || '').toLowerCase() === query.toLowerCase();
    }""", arg=query, timeout=20_000)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link", "links => links.map(a => a.href)")
    pages: list[str] = []
    for href in hrefs:
        target = href.split("#")[0].split("?")[0].removesuffix("index.html").removesuffix(".html").rstrip("/")
        if target not in pages:
            pages.append(target)
    return pages


def test_a_misspelling_finds_its_page_in_search(page: Page, home: tuple[str, str]) -> None:
    page.goto(home[0])
    search_for(page, "")
    box = page.locator("input.md-search__input")
    for condition in (c for c in CONDITIONS if c.get("misspellings")):
        spelling = condition["misspellings"][0]
        box.press("Control+A")
        box.press("Backspace")
        page.keyboard.type(spelling)
        top = result_pages(page, spelling)[:3]
        assert any(p.endswith(f"conditions/{condition['slug']}") for p in top), f"{spelling!r}: top 3 were {top}"


# --- The clinic finder --------------------------------------------------------

@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_finder_search_brings_the_counted_result_into_view(page: Page, home: tuple[str, str], viewport: dict) -> None:
    page.set_viewport_size(viewport)
    watch = Watch(home[1])
    watch.attach(page)
    page.goto(url_of(home, "clinics/index.md"))
    page.fill("#ot-zip", "92025")
    page.click("#ot-finder button[type=submit]")
    heading = page.locator("#ot-count")
    expect(heading).to_be_focused()
    expect(heading).to_have_text(re.compile(r"^12 clinics, nearest first, from ZIP code 92025"))
    where = page.evaluate("""() => {
        const box = el => el.getBoundingClientRect();
        const heading = document.activeElement;
        return {tag: heading.tagName, top: box(heading).top, bottom: box(heading).bottom,
                header: box(document.querySelector('.md-header')).bottom,
                form: [box(document.getElementById('ot-finder')).left, box(document.getElementById('ot-finder')).width],
                results: [box(document.getElementById('ot-results')).left, box(document.getElementById('ot-results')).width],
                first: [box(document.querySelector('#ot-results > li')).left, box(document.querySelector('#ot-results > li')).width]};
    }""")
    assert where["tag"] == "H2"
    assert where["header"] <= where["top"] and where["bottom"] <= viewport["height"], where  # in view, not under the header
    assert where["results"] == pytest.approx(where["form"], abs=0.5), where
    assert where["first"] == pytest.approx(where["form"], abs=0.5), where
    assert page.locator("#ot-results .ot-result__name").first.evaluate("el => el.tagName") == "H3"  # under the count
    assert watch.errors == [] and watch.foreign == []


def test_changing_a_filter_leaves_the_focus_where_it_is(page: Page, home: tuple[str, str]) -> None:
    page.goto(url_of(home, "clinics/index.md"))
    page.locator("#ot-service").focus()
    page.keyboard.press("ArrowDown")  # a keyboard user picks a service: the list changes at once
    expect(page.locator("#ot-service")).to_have_value("occupational-therapy")
    expect(page.locator("#ot-count")).to_contain_text("clinics match")
    expect(page.locator("#ot-service")).to_be_focused()


def _visible_text(page: Page) -> str:
    return " ".join(page.locator("article").inner_text().split())


def test_finder_introduction_fits_javascript_on_and_off(browser: Browser, home: tuple[str, str]) -> None:
    off = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = off.new_page()
    page.goto(url_of(home, "clinics/index.md"))
    text = _visible_text(page)
    assert not re.search(r"\b(type|enter)\b[^.]*\bZIP\b", text, re.I), text[:400]  # a form that is not there
    assert "listed below by city" in text
    expect(page.locator("#ot-count")).to_be_hidden()  # no empty heading
    off.close()
    on = browser.new_context(viewport=PHONE)
    page = on.new_page()
    page.goto(url_of(home, "clinics/index.md"))
    expect(page.locator("#ot-finder")).to_be_visible()
    text = _visible_text(page)
    assert "Type your ZIP code" in text and "listed below by city" not in text
    on.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_search_leftovers_without_javascript(browser: Browser, home: tuple[str, str], viewport: dict) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=viewport)
    page = context.new_page()
    for path in ("index.md", "conditions/stroke.md", "clinics/index.md", "glossary.md"):
        page.goto(url_of(home, path))
        for words in ("Initializing search", "Not finding it?", "Type to start searching"):
            shown = page.get_by_text(words).filter(visible=True)
            assert shown.count() == 0, f"{path}: {words!r} shows without JavaScript"
        assert page.locator("input.md-search__input").filter(visible=True).count() == 0, f"{path}: a search box that cannot work"
    context.close()


# --- Screenshots for reviewers ----------------------------------------------

def _blank(image: Image.Image) -> bool:
    """True when the picture is (nearly) one colour."""
    colours = image.convert("RGB").getcolors(maxcolors=64)
    return colours is not None and len(colours) < 8


def test_screenshots_of_every_page_type(hosted_site: Path) -> None:
    """scripts/screenshots.py as CI runs it, into screenshots/ (uploaded as an artifact); Spanish into screenshots/es/."""
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)  # no picture left over from an earlier run counts
    for site, out in ((hosted_site, SCREENSHOTS), (hosted_site / "es", SCREENSHOTS / "es")):
        done = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshots.py"), str(site), "--out", str(out)],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
        _check_screenshots(out)


def _check_screenshots(folder: Path) -> None:
    expected = {f"{name}-{width}-{media}.png" for name in SHOT_NAMES for width in (390, 1280) for media in ("light", "print")}
    assert {p.name for p in folder.glob("*.png")} == expected
    for name in sorted(expected):
        with Image.open(folder / name) as image:
            width = int(name.split("-")[-2])
            assert image.width == width, f"{folder / name}: {image.width} px wide (a page wider than the screen?)"
            assert image.height >= (844 if width == 390 else 800), folder / name
            assert not _blank(image), f"{folder / name} is blank"


def test_blank_pictures_are_told_apart() -> None:
    assert _blank(Image.new("RGB", (390, 844), "white"))
    picture = Image.new("RGB", (390, 844), "white")
    for x in range(0, 390, 10):
        picture.putpixel((x, 10), (x % 256, 40, 200 - x % 200))
    assert not _blank(picture)


def test_screenshots_folder_is_not_committed() -> None:
    assert "screenshots/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
