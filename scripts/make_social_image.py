"""Draw the picture a shared link shows (Open Graph / Twitter card): 1200 x 630 px,
the site's icon (overrides/assets/favicon.svg) and name, saved as overrides/assets/social-card.png.

The PNG is committed, so building the site needs no browser; run this again after
changing the icon or the site name:

    .venv/bin/python scripts/make_social_image.py

It draws with Debian's Chromium (as the tests do), from a page made here: no other host.
"""
from __future__ import annotations

import html
import shutil
import sys
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ICON = ROOT / "overrides" / "assets" / "favicon.svg"
OUTPUT = ROOT / "overrides" / "assets" / "social-card.png"
WIDTH, HEIGHT = 1200, 630  # the size Facebook, LinkedIn and X recommend for a large preview


def site_texts() -> tuple[str, str]:
    """The site name and a short line under it, from mkdocs.yml (its custom !ENV tag is read as plain text)."""
    yaml.SafeLoader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return config["site_name"], "Plain words about occupational therapy, for patients and families"


def card_html(name: str, tagline: str) -> str:
    icon = ICON.read_text(encoding="utf-8")
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
      html, body {{ margin: 0; width: {WIDTH}px; height: {HEIGHT}px; }}
      body {{ display: flex; align-items: center; gap: 64px; padding: 0 96px; box-sizing: border-box;
              background: #303f9f; color: #fff; font-family: "DejaVu Sans", Arial, sans-serif; }}
      svg {{ width: 240px; height: 240px; flex: none; }}
      h1 {{ font-size: 76px; line-height: 1.1; margin: 0 0 24px; font-weight: 700; }}
      p {{ font-size: 36px; line-height: 1.3; margin: 0; }}
    </style></head><body>{icon}<div><h1>{html.escape(name)}</h1><p>{html.escape(tagline)}</p></div></body></html>"""


def main() -> int:
    chromium = shutil.which("chromium")
    if chromium is None:
        print("Debian's chromium is not installed: run scripts/install-system-packages.sh", file=sys.stderr)
        return 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.route("**/*", lambda route: route.abort())  # nothing to fetch: the page is self-contained
        page.set_content(card_html(*site_texts()))
        page.screenshot(path=str(OUTPUT), full_page=False)
        browser.close()
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({OUTPUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
