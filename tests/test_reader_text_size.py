"""16 px side menu and table of contents (issue 23, item 4) without breaking the layout:
at 1280 x 800 px and at 200% zoom (a 1280 x 800 window zoomed to 200% lays pages out
in 640 x 400 CSS px), in Chromium over http and from the offline copy on disk:
no sideways scrolling, the side menu's and the table of contents' text at least
16 px, no two of their links on top of each other, neither column over the page's
text, and each sticky column (the drawer, at 200%) scrolls down to its last link.
test_reading_comfort.py checks every text node of every page type at 390 and 1280 px."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

MIN_TEXT_PX = 16
LONG_PAGE = ("conditions/stroke/", "conditions/stroke.html")  # the longest table of contents
SCREENS = {"1280x800": ({"width": 1280, "height": 800}, 1), "zoom-200": ({"width": 640, "height": 400}, 2)}

# The side menu and the table of contents: the sidebars at 1280 px, the drawer (which holds both) at 200%.
COLUMNS = """() => Array.from(document.querySelectorAll('.md-sidebar'))
  .filter(s => getComputedStyle(s).display !== 'none' && s.getBoundingClientRect().width > 0)
  .map(s => s.classList.contains('md-sidebar--primary') ? 'primary' : 'secondary')"""

# In one column: links whose boxes cross, text under the minimum size, and whether its last link can be scrolled into view.
COLUMN_CHECK = """([which, minimum]) => {
  const column = document.querySelector('.md-sidebar--' + which);
  const wrap = column.querySelector('.md-sidebar__scrollwrap');
  const frame = wrap.getBoundingClientRect();
  // Displayed links of the panel in view: the drawer slides its other panels in from the side.
  const links = Array.from(column.querySelectorAll('.md-nav__link')).filter(a => {
    for (let e = a; e && e !== column; e = e.parentElement) { const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse') return false; }
    const r = a.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.left >= frame.left - 1 && r.right <= frame.right + 1; });
  if (!links.length) return {links: 0};  // none within the column: pushed out sideways or hidden
  const boxes = links.map(a => a.getBoundingClientRect());
  const crossing = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => {
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
      crossing.push(links[i].textContent.trim() + ' / ' + links[i + 1 + j].textContent.trim()); }));
  const small = links.filter(a => parseFloat(getComputedStyle(a).fontSize) < minimum)
    .map(a => a.textContent.trim() + ' ' + getComputedStyle(a).fontSize);
  // Scroll as a reader can (the nearest box that scrolls: the sidebar, or the drawer's list) to its end;
  // the last link must then be on screen and on top at its centre, not cut off or covered.
  const end = links[links.length - 1];
  for (let e = end.parentElement; e; e = e.parentElement) {
    if (['auto', 'scroll'].includes(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight) { e.scrollTop = e.scrollHeight; break; }
  }
  const last = end.getBoundingClientRect(), x = (last.left + last.right) / 2, y = (last.top + last.bottom) / 2;
  const hit = y >= 0 && y < innerHeight ? document.elementFromPoint(x, y) : null;
  const reachable = !!hit && (hit === end || end.contains(hit)) && last.bottom <= innerHeight + 1;
  return {links: links.length, crossing, small, reachable, last: end.textContent.trim()};
}"""


@pytest.fixture(params=["http", "file"])
def long_page(request: pytest.FixtureRequest) -> str:
    if request.param == "http":
        return request.getfixturevalue("hosted_server") + LONG_PAGE[0]
    offline: Path = request.getfixturevalue("offline_site")
    return (offline / LONG_PAGE[1]).as_uri()


def open_at(browser: Browser, url: str, screen: str) -> Page:
    viewport, scale = SCREENS[screen]
    page = browser.new_context(viewport=viewport, device_scale_factor=scale).new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("screen", SCREENS)
def test_menu_and_contents_are_16px_and_fit_the_screen(browser: Browser, long_page: str, screen: str) -> None:
    page = open_at(browser, long_page, screen)
    try:
        width = SCREENS[screen][0]["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
        drawer = page.locator(".md-header__button[for=__drawer]")
        if drawer.is_visible():  # 200%: the menu and the contents live in the drawer, opened from the header
            drawer.click()
            page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")
            columns = ["primary"]
        else:
            columns = page.evaluate(COLUMNS)
            assert columns == ["primary", "secondary"], columns
            text = page.locator("article").bounding_box()
            sides = {which: page.locator(f".md-sidebar--{which} .md-sidebar__scrollwrap").bounding_box() for which in columns}
            assert sides["primary"]["x"] + sides["primary"]["width"] <= text["x"] + 1, (sides, text)
            assert sides["secondary"]["x"] >= text["x"] + text["width"] - 1, (sides, text)
        for which in columns:
            found = page.evaluate(COLUMN_CHECK, [which, MIN_TEXT_PX])
            assert found["links"] >= 5, found  # the menu really was measured
            assert (found["crossing"], found["small"]) == ([], []), found
            assert found["reachable"], f"{which}: its last link ({found['last']}) cannot be scrolled into view"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "the open menu scrolls the page sideways"
    finally:
        page.context.close()
