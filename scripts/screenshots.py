#!/usr/bin/env python3
"""Screenshots of every page type of a built site, as readers see it: at phone
(390 px) and desktop (1280 px) widths, on screen and as printed.

    scripts/screenshots.py SITE_DIR [--out screenshots/]

Builds nothing: SITE_DIR is a hosted build (`mkdocs build -d SITE_DIR`). The
script serves it on a free port of 127.0.0.1, opens each page in Debian's
Chromium (requests off the machine are refused) and saves full-page PNGs named
<page>-<width>-<light|print>.png into the output folder. CI uploads that folder.
"""
from __future__ import annotations

import argparse
import functools
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Page, Route, sync_playwright

WIDTHS = {390: 844, 1280: 800}  # viewport width: height (a phone, a laptop)
MEDIA = {"light": "screen", "print": "print"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
FINDER_ZIP = "92101"
SEARCH_QUERY = "hand"


def search_open(page: Page) -> None:
    """Open the site search and type a query that finds several pages."""
    button = page.locator("label.md-header__button[for=__search]")  # phones: the header's search button
    (button if button.is_visible() else page.locator("input.md-search__input")).click()
    page.keyboard.type(SEARCH_QUERY)
    page.wait_for_selector(".md-search-result__item", timeout=20_000)


def finder_search(page: Page) -> None:
    """Search the clinic finder for a ZIP code, as a reader does."""
    page.fill("#ot-zip", FINDER_ZIP)
    page.click("#ot-finder button[type=submit]")
    # the results list fills in, in any language
    page.wait_for_function("document.querySelectorAll('#ot-results > *').length > 0", timeout=20_000)


@dataclass(frozen=True)
class Shot:
    name: str
    path: str  # under the site's root, clean URLs
    action: Callable[[Page], None] | None = None
    full_page: bool = True


def shots(site: Path) -> list[Shot]:
    """One page of each type the site has."""
    clinic = min(p.parent.name for p in (site / "clinics").glob("*/index.html"))
    return [
        Shot("home", ""),
        Shot("topic", "children/"),
        Shot("condition", "conditions/stroke/"),
        Shot("a-to-z", "conditions/"),
        Shot("browse", "conditions/by-body-area/"),
        Shot("finder", "clinics/", finder_search),
        Shot("finder-result", "clinics/", finder_search, full_page=False),  # what a reader sees after the search
        Shot("clinic", f"clinics/{clinic}/"),
        Shot("glossary", "glossary/"),
        Shot("about", "about/"),
        Shot("search", "", search_open, full_page=False),  # the open search covers the screen
    ]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """`site` served on a free port of 127.0.0.1; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def take(site: Path, out: Path) -> list[Path]:
    """Save every screenshot of `site` into `out`; returns the files written."""
    executable = shutil.which("chromium")
    if not executable:
        raise SystemExit("Debian's chromium is not installed: run scripts/install-system-packages.sh")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for width, height in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            context.route("**/*", lambda route: _only_local(route, base))
            page = context.new_page()
            for shot in shots(site):
                page.emulate_media(media="screen")  # readers search on screen, then print
                page.goto(base + shot.path, wait_until="networkidle")
                if shot.action:
                    shot.action(page)
                if shot.full_page:
                    page.evaluate("window.scrollTo(0, 0)")  # or the sticky header shows where the page was scrolled to
                for label, media in MEDIA.items():
                    page.emulate_media(media=media)
                    target = out / f"{shot.name}-{width}-{label}.png"
                    page.screenshot(path=str(target), full_page=shot.full_page, animations="disabled")
                    written.append(target)
            context.close()
        browser.close()
    return written


def _only_local(route: Route, base: str) -> None:
    route.continue_() if route.request.url.startswith((base, "data:", "blob:")) else route.abort()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site folder (hosted build)")
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="where to save the PNGs (default: screenshots/)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: not a built site (no index.html); build it first with scripts/build.sh", file=sys.stderr)
        return 2
    written = take(args.site, args.out)
    print(f"{len(written)} screenshots in {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
