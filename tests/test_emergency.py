"""Shared emergency signs (data/emergency_signs.yml): the notice at the top of
every page that names an emergency, the full signs in its help box, clear
messages for unknown ids, symptoms kept out of condition names, and the
emergency notice above search results, in Chromium over http and file://."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from conftest import ROOT, Watch, copy_project, load_data, search_for
from otsite.emergencies import mentions, normalize, page_url
from otsite.loading import load_site
from otsite.page_checks import split_front_matter
from otsite.problems import DataError
from otsite.rendering import compose_page

SIGNS = {entry["id"]: entry for entry in load_data("emergency_signs")["emergencies"]}
LEVELS = load_data("emergency_signs")["levels"]
HEADINGS = {"call-911": "Call 911 now", "act-now": "Act now", "emergency-room": "Go to the emergency room now",
            "crisis-line": "Call or text 988 now"}  # the notice's plain headings, one per level
PHONE = {"width": 390, "height": 844}


def pages_with_emergencies() -> dict[str, list[str]]:
    """{path under docs/: the emergency ids its front matter names}."""
    found = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        front, _ = split_front_matter(path.read_text(encoding="utf-8"))
        ids = (yaml.safe_load(front) or {}).get("emergencies") if front else None
        if ids:
            found[path.relative_to(ROOT / "docs").as_posix()] = ids
    return found


def built(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / page_url(path)).joinpath("index.html").read_text(encoding="utf-8"), "html.parser")


def flat(element) -> str:  # noqa: ANN001 - a BeautifulSoup element
    return " ".join(element.get_text(" ").split())


def test_some_pages_name_emergencies() -> None:
    pages = pages_with_emergencies()
    assert "conditions/stroke.md" in pages and "stroke" in pages["conditions/stroke.md"]
    assert len(pages) >= 5, pages


@pytest.mark.parametrize("path", sorted(pages_with_emergencies()))
def test_notice_comes_before_the_first_section(hosted_site: Path, path: str) -> None:
    soup = built(hosted_site, path)
    article = soup.select_one("article")
    notice = article.select_one(".ot-emergency")
    assert notice is not None, f"{path}: no emergency notice"
    first_h2 = article.find("h2")
    assert first_h2 is not None
    markup = str(article)
    assert markup.index('class="ot-emergency"') < markup.index(str(first_h2)[:40]), f"{path}: the notice comes after the first section"
    # Grouped by level, most urgent first (the page's order within a level), each with its short signs.
    ids = sorted(pages_with_emergencies()[path], key=lambda i: LEVELS.index(SIGNS[i]["level"]))
    assert [flat(p) for p in notice.select(".ot-emergency__notice")] == [SIGNS[i]["notice"] for i in ids]
    assert [flat(li) for li in notice.select(".ot-emergency__signs li")] == [line for i in ids for line in SIGNS[i]["notice_signs"]]
    assert [flat(p) for p in notice.select(".ot-emergency__title")] == [HEADINGS[level] for level in dict.fromkeys(SIGNS[i]["level"] for i in ids)]
    assert notice.select_one('a[href="#ot-emergency-signs"]') is not None  # the full signs, in the help box
    assert article.select_one("#when-to-get-help .ot-help-emergency #ot-emergency-signs, #when-to-get-help ~ .ot-help-emergency #ot-emergency-signs") is not None


def test_condition_notice_sits_between_lead_and_facts(hosted_site: Path) -> None:
    article = built(hosted_site, "conditions/stroke.md").select_one("article")
    order = [el.get("class", [""])[0] if el.name != "h1" else "h1" for el in article.find_all(["h1", "p", "section", "div"], recursive=False)]
    kept = [name for name in order if name in ("h1", "ot-lead", "ot-emergency", "ot-facts")]
    assert kept[:4] == ["h1", "ot-lead", "ot-emergency", "ot-facts"], order


def test_help_box_lists_the_full_shared_signs(hosted_site: Path) -> None:
    for path in ("conditions/stroke.md", "children.md"):
        box = built(hosted_site, path).select_one(".ot-help-emergency")
        assert box.name != "details" and box.find_parent("details") is None, f"{path}: the emergency box is folded"
        text = flat(box)
        for sign in SIGNS["stroke"]["signs"] + SIGNS["stroke"]["steps"]:
            assert sign in text, f"{path}: {sign!r} missing from the emergency box"
        assert "A sudden, severe headache with no known cause." in text
        for letter in ("Balance:", "Eyes:", "Face:", "Arm or leg:", "Speech:", "Time:"):
            assert letter in text


def test_a_page_with_emergencies_but_no_help_box_still_gets_the_emergency_level() -> None:
    site = load_site(ROOT)
    page = compose_page(site, "about.md", "# About\n\nText.\n", {}, ["tight-cast"])
    assert page.index("# About") < page.index("ot-emergency") < page.index("Text.") < page.index("## When to get help")
    assert '!!! danger ot-help-emergency "Emergency: call 911"' in page  # open: first steps are never one tap away
    assert "    - Swelling below the cast or splint that keeps growing." in page
    assert compose_page(site, "about.md", "# About\n\nText.\n", {}) == "# About\n\nText.\n"


def test_emergency_text_from_data_is_escaped() -> None:
    site = load_site(ROOT)
    payload = "<img src=x onerror=alert(1)>"
    stroke = site.emergencies[0]
    site.emergencies = (replace(stroke, notice=payload, signs=(payload,), title=payload), *site.emergencies[1:])
    page = compose_page(site, "about.md", "# About\n", {}, [stroke.id])
    assert "<img" not in page
    assert page.count("&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;") == 4  # notice, title, sign, link text


def test_every_page_id_and_link_target_exists() -> None:
    for path, ids in pages_with_emergencies().items():
        assert set(ids) <= set(SIGNS), path
    for entry in SIGNS.values():
        assert not entry.get("page") or (ROOT / "docs" / entry["page"]).is_file(), entry["id"]
        for source in entry["sources"]:
            assert source["url"].startswith("https://") and source["title"] and source["publisher"]


def test_no_condition_name_is_an_emergency_symptom() -> None:
    """Symptoms go in `symptoms`, never in `aliases` (names shown to readers and sent as alternateName).
    A term that names the emergency itself (its title says it: "broken hip") may also name a condition."""
    terms = [t for entry in SIGNS.values() for t in entry["search_terms"] if not mentions(entry["title"], t)]
    clashes = [(c["slug"], alias, term) for c in load_data("conditions")["conditions"]
               for alias in c["aliases"] + [c["name"]] for term in terms if mentions(alias, term)]
    assert clashes == []
    stroke = next(c for c in load_data("conditions")["conditions"] if c["slug"] == "stroke")
    assert "TIA" in stroke["symptoms"] and "TIA" not in stroke["aliases"]


def test_symptoms_are_search_words_but_not_names(hosted_site: Path) -> None:
    soup = built(hosted_site, "conditions/multiple-sclerosis.md")
    facts = flat(soup.select_one(".ot-facts"))
    assert "numbness" not in facts.split("Also known as")[-1].split("Kind of condition")[0]
    data = json.loads(soup.select_one('.md-content script[type="application/ld+json"]').string)  # the condition's, not the page's
    assert data["alternateName"] == ["MS"]
    index = (hosted_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert re.search(r'"tags":\[[^\]]*"numbness"', index), "symptoms are not search tags"


def test_unknown_emergency_id_names_file_line_and_choices(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "conditions" / "stroke.md"
    text = page.read_text(encoding="utf-8")
    marker = re.search(r"^emergencies: \[stroke", text, re.MULTILINE)
    assert marker, "stroke.md lists stroke first"
    page.write_text(text.replace("emergencies: [stroke", "emergencies: [strok", 1), encoding="utf-8")
    line = text[: marker.start()].count("\n") + 1
    with pytest.raises(DataError) as caught:
        load_site(project)
    report = caught.value.report()
    expected = (f"docs/conditions/stroke.md:{line}: emergencies[0]: not an id in data/emergency_signs.yml "
                f"(did you mean 'stroke'? expected one of: {', '.join(sorted(SIGNS))}; got \"strok\")")
    assert expected in report, report
    # The rest follows from the same typo: the page no longer lists the stroke red flag its words and the hazard log need.
    others = [problem for problem in caught.value.problems if "not an id in" not in problem.message]
    assert len(others) <= 2 and all("'stroke'" in p.message or '"stroke"' in p.message for p in others), report


def test_mistakes_in_the_signs_file_are_reported(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "data" / "emergency_signs.yml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("    page: conditions/stroke.md\n", "    page: conditions/strokes.md\n", 1)
    text = text.replace("      - cold blue fingers\n", "      - cold blue fingers\n      - Face drooping!\n", 1)
    text = text.replace("  - id: tight-cast\n    level: emergency-room\n    title:", "  - id: tight-cast\n    level: emergency-room\n    titel:", 1)
    data.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(project)
    report = caught.value.report()
    lines = text.split("\n")
    at = {needle: next(i for i, line in enumerate(lines, 1) if needle in line)
          for needle in ("conditions/strokes.md", "Face drooping!", "titel:")}
    assert f"data/emergency_signs.yml:{at['conditions/strokes.md']}: emergencies[0].page: no page docs/conditions/strokes.md" in report, report
    assert (f"data/emergency_signs.yml:{at['Face drooping!']}: emergencies[1].search_terms[1]: 'Face drooping!' is already "
            "a search term of 'stroke'") in report, report
    assert f"data/emergency_signs.yml:{at['titel:']}: emergencies[2].titel: unknown field 'titel' (did you mean 'title'?" in report, report


def test_normalize_matches_whole_words_only() -> None:
    assert normalize("Can't  SPEAK!") == "cant speak"
    assert mentions("my face is drooping? face drooping", "face drooping")
    assert mentions("Cold, blue fingers", "cold blue fingers")
    assert not mentions("numbnesses", "numbness")
    assert not mentions("trigger finger", "numb fingers")


# In Chromium, over http (hosted copy) and file:// (offline copy).

def _open(page: Page, home: tuple[str, str], path: str) -> Watch:
    url, origin = home
    watch = Watch(origin)
    watch.attach(page)
    suffix = page_url(path, directory_urls=not url.startswith("file://"))
    page.goto(url.rsplit("index.html", 1)[0] + suffix if url.startswith("file://") else url + suffix)
    return watch


@pytest.mark.parametrize("path", ["conditions/stroke.md", "conditions/spinal-cord-injury.md", "children.md"])
def test_notice_is_on_the_first_phone_screen_at_body_size(page: Page, home: tuple[str, str], path: str) -> None:
    page.set_viewport_size(PHONE)
    watch = _open(page, home, path)
    notice = page.locator("article .ot-emergency")
    expect(notice).to_be_visible()
    box = notice.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"] - 60, box  # its heading and first line show
    sizes = page.evaluate("""() => {
        const size = el => parseFloat(getComputedStyle(el).fontSize);
        const body = document.querySelector('article > p:not([class])');
        const notice = document.querySelector('article .ot-emergency');
        return {body: size(body), items: [...notice.querySelectorAll('li, p')].map(size)};
    }""")
    assert min(sizes["items"]) >= sizes["body"] >= 14, sizes
    colours = page.evaluate("""() => {
        const title = getComputedStyle(document.querySelector('.ot-emergency__title'));
        return [title.color, title.backgroundColor, getComputedStyle(document.querySelector('.ot-emergency')).borderTopColor];
    }""")
    assert colours == ["rgb(255, 255, 255)", "rgb(155, 28, 28)", "rgb(155, 28, 28)"]  # #9b1c1c: white on it 8.2:1 (AAA, ot.css)
    assert watch.errors == [] and watch.foreign == []


def _clear_search(page: Page) -> None:
    page.locator("input.md-search__input").fill("")


def test_search_warns_about_emergency_symptoms(page: Page, home: tuple[str, str]) -> None:
    url, origin = home
    watch = Watch(origin)
    watch.attach(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    alert = page.locator(".ot-search-emergency")
    for query, target, heading in (("face drooping", "conditions/stroke.md", "Stroke"),
                                   ("Cold, blue fingers", "conditions/fractures.md", "Fractures")):
        _clear_search(page)
        search_for(page, query)
        expect(alert).to_contain_text("911")
        expect(alert).to_be_visible()
        assert alert.get_attribute("role") == "alert"
        results = page.locator(".md-search-result__item").first
        expect(results).to_be_visible()
        # Above the results, not over them (one read, as Material re-renders results while typing).
        page.wait_for_function("""() => {
            const notice = document.querySelector('.ot-search-emergency').getBoundingClientRect();
            const first = document.querySelector('.md-search-result__item');
            return first && notice.height > 0 && notice.bottom <= first.getBoundingClientRect().top;
        }""", timeout=5_000)
        link = alert.locator("a")
        expect(link).to_have_count(1)
        href = link.get_attribute("href")
        assert href.startswith(origin) and target.removesuffix(".md") in href, href
        link.click()
        expect(page.locator("article h1")).to_contain_text(heading)
        if href.startswith("file://"):
            assert Path(unquote(urlparse(href).path)).is_file()
        page.go_back()
    _clear_search(page)
    search_for(page, "trigger finger")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(alert).to_be_empty()
    assert alert.bounding_box() is None or alert.bounding_box()["height"] == 0
    assert watch.errors == [] and watch.foreign == []


def test_search_notice_is_announced_and_reachable_by_keyboard(page: Page, home: tuple[str, str]) -> None:
    url, origin = home
    watch = Watch(origin)
    watch.attach(page)
    page.goto(url)
    search_for(page, "cast too tight")
    alert = page.locator(".ot-search-emergency")
    expect(alert).to_contain_text("Go to the emergency room now")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.ot-search-emergency')"):
            break
    assert page.evaluate("() => document.activeElement.textContent").startswith("What to do")
    contrast = page.evaluate("""() => {
        const parse = c => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
        const lum = rgb => { const [r, g, b] = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                             return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const box = document.querySelector('.ot-search-emergency');
        const link = box.querySelector('a');
        const bg = lum(parse(getComputedStyle(box).backgroundColor));
        return [box, link].map(el => { const fg = lum(parse(getComputedStyle(el).color));
                                       return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05); });
    }""")
    assert min(contrast) >= 4.5, contrast
    assert watch.errors == [] and watch.foreign == []


def test_axe_finds_no_violations_with_the_search_notice_shown(page: Page, hosted_server: str) -> None:
    from test_quality_gates import axe_violations  # the same rules as every other page type

    page.set_viewport_size(PHONE)
    page.goto(hosted_server)
    page.locator('label.md-header__button[for="__search"]').click()
    search_for(page, "slurred speech")
    expect(page.locator(".ot-search-emergency")).to_contain_text("911")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert axe_violations(page) == []
