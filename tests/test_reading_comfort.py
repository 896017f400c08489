"""What a reader sees, measured in Chromium from computed styles (issue 12):
every displayed text node at least 16 px, on a 390 px phone and at 1280 px
(side menu and table of contents included: issue 23), at WCAG AAA
contrast (7:1) against the background actually behind it, no element with the
`hidden` attribute displayed, a visible focus indicator on every control, and
the search help line readable. Each page type at 390 and 1280 px, over http
and from the offline copy on disk; one browser page per run, reused."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from conftest import search_for

# Hosted path of one page of each type; the offline copy has ".html" names and no 404 page.
PAGE_TYPES = {
    "home": "", "topic": "what-is-ot/", "condition": "conditions/stroke/", "a-z": "conditions/",
    "browse": "conditions/by-body-area/", "finder": "clinics/", "clinic": "clinics/harbor-hand-and-upper-limb-center/",
    "glossary": "glossary/", "about": "about/", "404": "404.html",
}
WIDTHS = {"phone": 390, "desktop": 1280}
MIN_TEXT_PX = 16
MIN_CONTRAST = 7.0  # WCAG AAA for body text; headings are held to the same

# Shared browser-side helpers: is a node displayed, its colours, their contrast.
HELPERS = """
const shown = el => {
  for (let e = el; e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse' || parseFloat(s.opacity) === 0) return false;
  }
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
};
const rgba = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
const over = (top, under) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat(1); };
// The colour behind `el`: its own and its ancestors' backgrounds, blended from the page's white up.
const backdrop = el => {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.backgroundImage !== 'none' && !s.backgroundImage.startsWith('url(')) return null;  // a gradient: not measurable here
    const c = rgba(s.backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] === 1) break;
  }
  return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]);
};
// The text colour as drawn: its own alpha times every ancestor's opacity.
const ink = el => { const c = rgba(getComputedStyle(el).color);
  for (let e = el; e; e = e.parentElement) c[3] *= parseFloat(getComputedStyle(e).opacity);
  return c; };
const luminance = c => { const l = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
const textNodes = root => {
  const out = [], walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) if (n.textContent.trim() && shown(n.parentElement)) out.push(n);
  return out;
};
"""

SMALL_TEXT = HELPERS + """
selector => Array.from(document.querySelectorAll(selector)).flatMap(textNodes)
  .map(n => [n.parentElement, parseFloat(getComputedStyle(n.parentElement).fontSize)])
  .filter(([el, size]) => size < %d).map(([el, size]) => `${name(el)} ${size}px: ${el.textContent.trim().slice(0, 40)}`)
""" % MIN_TEXT_PX

LOW_CONTRAST = HELPERS + """
minimum => textNodes(document.body).flatMap(n => {
  const el = n.parentElement, s = getComputedStyle(el), back = backdrop(el);
  if (!back) return [];
  const value = ratio(over(ink(el), back), back);
  return value < minimum ? [`${name(el)} ${value.toFixed(2)}:1 (${s.color} on rgb(${back.slice(0, 3)})): ${n.textContent.trim().slice(0, 40)}`] : [];
})
"""

SHOWN_HIDDEN = HELPERS + """
() => Array.from(document.querySelectorAll('[hidden]')).filter(el => getComputedStyle(el).display !== 'none').map(name)
"""

# Each control's look without focus, then the focused one's: some change a reader can see.
FOCUS_LOOK = """
el => { const s = getComputedStyle(el);
  return [s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !s.outlineColor.endsWith(', 0)') ? s.outlineStyle + s.outlineWidth + s.outlineColor : '',
          s.boxShadow === 'none' ? '' : s.boxShadow, s.backgroundColor, s.textDecorationLine].join('|'); }
"""


def page_url(kind: str, variant: str, request: pytest.FixtureRequest) -> str:
    path = PAGE_TYPES[kind]
    if variant == "http":
        return request.getfixturevalue("hosted_server") + path
    offline: Path = request.getfixturevalue("offline_site")
    target = path + "index.html" if path in ("", "clinics/", "conditions/") else path.rstrip("/") + ".html"  # folder indexes stay index.html
    return (offline / target).as_uri()


@pytest.fixture(scope="module")
def shared_page(browser: Browser) -> Page:
    """One page for every check in this module: loading is most of the cost."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def visit(page: Page, url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else 800})
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")  # no half-faded text


def focus_without_visible_change(page: Page, limit: int = 250) -> list[str]:
    """Tab through the page; name each control whose focused look equals its unfocused look,
    or that was not on the page when it loaded (its unfocused look is unknown)."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    looks = page.evaluate(f"""() => {{ const look = {FOCUS_LOOK}; const m = new Map();
        document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]').forEach((el, i) => {{ el.dataset.otFocus = i; m.set(i, look(el)); }});
        return Object.fromEntries(m); }}""")
    failures, seen = [], set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        key, focused, label = page.evaluate(f"""() => {{ const el = document.activeElement; const look = {FOCUS_LOOK};
            if (!el || el === document.body) return [null, '', ''];  // an empty label ends the walk
            return [el.dataset.otFocus ?? null, look(el), el.tagName.toLowerCase() + ' ' + (el.getAttribute('aria-label') || el.textContent).trim().slice(0, 30)]; }}""")
        ident = key if key is not None else "new: " + label
        if not label or ident in seen:  # back at the start of the page
            break
        seen.add(ident)
        if key is None or focused == looks.get(key):
            failures.append(label)
    assert len(seen) >= 5, f"Tab reached only {len(seen)} controls"  # the walk really went through the page
    return failures


# The offline copy has no 404 page: a file:// reader never meets one.
PAGES = [pytest.param(kind, variant, id=f"{kind}-{variant}") for kind in PAGE_TYPES for variant in ("http", "file")
         if (kind, variant) != ("404", "file")]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize(("kind", "variant"), PAGES)
def test_a_reader_can_see_and_read_the_page(shared_page: Page, request: pytest.FixtureRequest, kind: str, width: int, variant: str) -> None:
    page = shared_page
    visit(page, page_url(kind, variant, request), width)
    if kind == "finder":  # its script loads on the form's first use (overrides/finder.html): check the list it shows
        page.evaluate("document.getElementById('ot-zip').focus({preventScroll: true})")  # no scroll: the header stays still
        page.wait_for_selector("#ot-results .ot-result")
    problems = {
        "displayed although hidden": page.evaluate(SHOWN_HIDDEN),
        "text below contrast 7:1": page.evaluate(LOW_CONTRAST, MIN_CONTRAST),
    }
    problems[f"text under {MIN_TEXT_PX}px"] = page.evaluate(SMALL_TEXT, "body")  # menus, table of contents, header, footer
    problems["focus not visible"] = focus_without_visible_change(page)
    found = [f"{what}: {item}" for what, items in problems.items() for item in items]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("variant", ["http", "file"])
def test_the_finder_without_javascript_displays_nothing_hidden(browser: Browser, request: pytest.FixtureRequest, variant: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(page_url("finder", variant, request))
        assert page.locator("#ot-more").count() == 1
        assert page.evaluate(SHOWN_HIDDEN) == []
    finally:
        context.close()


@pytest.mark.parametrize("variant", ["http", "file"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_help_under_an_empty_search_is_readable(shared_page: Page, request: pytest.FixtureRequest, width: int, variant: str) -> None:
    page = shared_page
    visit(page, page_url("home", variant, request), width)
    if width < 600:  # on a phone the search box opens from the magnifier in the header
        page.locator(".md-header__button[for=__search]").click()
    search_for(page, "qqzzxv")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length === 0")
    page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")  # the panel fades in
    help_line = page.locator(".ot-search-help")
    assert help_line.is_visible()
    ratios = page.evaluate(HELPERS + """
        () => { const box = document.querySelector('.ot-search-help');
          return [box, ...box.querySelectorAll('a')].map(el => { const back = backdrop(el);
            return ratio(over(ink(el), back), back); }); }""")
    assert len(ratios) == 3 and min(ratios) >= MIN_CONTRAST, ratios
    if width < 600:
        assert page.evaluate(SMALL_TEXT, ".md-search__output") == []


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_search_results_are_readable_and_nothing_covers_their_count(shared_page: Page, hosted_server: str, width: int) -> None:
    page = shared_page
    visit(page, hosted_server, width)
    if width < 600:
        page.locator(".md-header__button[for=__search]").click()
    search_for(page, "stroke")
    page.locator("button[type=reset]").hover()  # where a tap on the magnifier or on Clear leaves the pointer
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_timeout(500)  # a tooltip shows after a short delay
    page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")
    small = page.evaluate(SMALL_TEXT, ".md-search__output") if width < 600 else []
    covering = page.evaluate(HELPERS + """() => {
        const bar = document.querySelector('.md-search-result__meta').getBoundingClientRect();
        return Array.from(document.querySelectorAll('.md-tooltip, .md-tooltip2')).filter(t => shown(t) && getComputedStyle(t).opacity !== '0')
          .filter(t => { const r = t.getBoundingClientRect();
            return r.left < bar.right && r.right > bar.left && r.top < bar.bottom && r.bottom > bar.top; })
          .map(t => t.textContent.trim()); }""")
    assert (small, covering) == ([], []), f"text under {MIN_TEXT_PX}px: {small[:5]}; tooltips over the results count: {covering}"


@pytest.mark.parametrize("width", [390, 320])
def test_the_phone_drawer_shows_the_whole_site_name(shared_page: Page, hosted_server: str, width: int) -> None:
    page = shared_page
    visit(page, hosted_server + PAGE_TYPES["condition"], width)
    page.locator(".md-header__button[for=__drawer]").click()
    title = page.locator(".md-nav--primary > .md-nav__title")
    page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")
    assert "Occupational Therapy Guide" in title.inner_text()
    cut = title.evaluate("t => t.scrollWidth > t.clientWidth || t.scrollHeight > t.clientHeight")
    box = title.bounding_box()
    assert not cut and box and box["x"] >= 0 and box["x"] + box["width"] <= width, "the drawer cuts the site name"
