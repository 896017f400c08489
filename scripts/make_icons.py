"""Draw the app icons the web app manifest and the home screen use, from the
site's icon (overrides/assets/favicon.svg), into overrides/assets/icons/:

- icon-192.png, icon-512.png: the icon as it is ("any"), transparent corners;
- maskable-192.png, maskable-512.png: a full square in the icon's own colour
  with the icon at 80% size in the middle, so the heart stays inside the
  safe zone (a circle of 80% of the width) whatever shape a phone cuts;
- apple-touch-icon.png (180 px): a full square, as iOS rounds it itself and
  shows transparent corners in black.

The PNGs are committed, so building the site needs no browser; run this again
after changing the icon:

    .venv/bin/python scripts/make_icons.py

It draws with Debian's Chromium through Playwright, as scripts/make_social_image.py
does (no new package: cairosvg would also need the system's cairo library), from
a page made here: no other host.
"""
from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from png_palette import to_palette

ROOT = Path(__file__).resolve().parents[1]
ICON = ROOT / "overrides" / "assets" / "favicon.svg"
OUTPUT = ROOT / "overrides" / "assets" / "icons"
MASKABLE_SCALE = 0.8  # the icon's share of the square: its heart then fits well inside the 80% circle


@dataclass(frozen=True)
class Icon:
    name: str
    size: int
    scale: float           # the icon's width as a share of the square
    filled: bool           # a full square in the icon's colour behind it
    indexed: bool = True   # at most 256 colours (scripts/png_palette.py): Chrome fetches the manifest's icons


ICONS = (
    Icon("icon-192.png", 192, 1.0, False),
    Icon("icon-512.png", 512, 1.0, False),
    Icon("maskable-192.png", 192, MASKABLE_SCALE, True),
    Icon("maskable-512.png", 512, MASKABLE_SCALE, True),
    Icon("apple-touch-icon.png", 180, 1.0, True, indexed=False),  # iOS: an opaque RGB square
)


def icon_colour(svg: str) -> str:
    """The fill of the icon's background square (its first rect)."""
    found = re.search(r'<rect[^>]*\bfill="(#[0-9a-fA-F]{3,8})"', svg)
    if found is None:
        raise SystemExit(f"{ICON.relative_to(ROOT)}: no <rect fill=\"#...\"> found (expected the icon's background square)")
    return found.group(1)


def icon_html(svg: str, icon: Icon) -> str:
    side = round(icon.size * icon.scale)
    background = icon_colour(svg) if icon.filled else "transparent"
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
      html, body {{ margin: 0; width: {icon.size}px; height: {icon.size}px; background: {background}; }}
      body {{ display: flex; align-items: center; justify-content: center; }}
      svg {{ width: {side}px; height: {side}px; display: block; }}
    </style></head><body>{svg}</body></html>"""


def draw(browser: Browser, svg: str, icon: Icon) -> Path:
    page = browser.new_page(viewport={"width": icon.size, "height": icon.size}, device_scale_factor=1)
    page.route("**/*", lambda route: route.abort())  # nothing to fetch: the page is self-contained
    page.set_content(icon_html(svg, icon))
    target = OUTPUT / icon.name
    page.screenshot(path=str(target), omit_background=not icon.filled)
    page.close()
    if icon.indexed:  # Chrome fetches a manifest icon on every page it checks the guide can be installed from
        target.write_bytes(to_palette(target.read_bytes())[0])
    return target


def main() -> int:
    chromium = shutil.which("chromium")
    if chromium is None:
        print("Debian's chromium is not installed: run scripts/install-system-packages.sh", file=sys.stderr)
        return 1
    svg = ICON.read_text(encoding="utf-8")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for icon in ICONS:
            target = draw(browser, svg, icon)
            print(f"wrote {target.relative_to(ROOT)} ({icon.size} px, {target.stat().st_size // 1024} KB)")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
