"""Check every address outside the site that a built site links to (sources, help lines), and nothing else.

Run weekly and on demand by .github/workflows/external-links.yml; local and CI test
runs stay offline. It lists the external links of the built pages on one local
page and has LinkChecker check those links only, without following them further.

Usage: .venv/bin/python scripts/check_external_links.py SITE_DIR [--list]
"""
from __future__ import annotations

import argparse
import html
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "scripts" / "external-linkcheckerrc"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") if tag == "a" else None
        if href and href.startswith(("http://", "https://")):
            self.found.add(href)


def external_links(site: Path) -> list[str]:
    """Every http(s) address the pages of `site` link to, sorted, each once."""
    parser = _Links()
    for page in sorted(site.rglob("*.html")):
        parser.feed(page.read_text(encoding="utf-8"))
    return sorted(parser.found)


def link_page(links: list[str]) -> str:
    items = "\n".join(f'<li><a href="{html.escape(url, quote=True)}">{html.escape(url)}</a></li>' for url in links)
    return f"<!doctype html><title>External links</title><ul>\n{items}\n</ul>\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site, such as site/")
    parser.add_argument("--list", action="store_true", help="print the addresses and check nothing")
    args = parser.parse_args(argv)
    links = external_links(args.site)
    if args.list:
        print("\n".join(links))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "external-links.html"
        page.write_text(link_page(links), encoding="utf-8")
        Path(folder).chmod(0o755)  # LinkChecker run as root reads files as `nobody`
        page.chmod(0o644)
        # Recursion level 1: the list page and the links on it, never pages those link to.
        result = subprocess.run([str(ROOT / ".venv" / "bin" / "linkchecker"), "--config", str(CONFIG),
                                 "--recursion-level=1", "--no-status", str(page)])
    print(f"Checked {len(links)} external addresses.")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
