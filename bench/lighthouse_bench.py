"""Lighthouse on each page type, mobile and desktop, next to stock Material
building the same content, measured in the same run.

Prints the four category scores (performance, accessibility, best practices,
SEO) and each page's weight (what the browser downloads, gzipped as a server
would send it). Targets: performance at least 95 on mobile; the other three
100; page weight within 15 KB (gzipped) of stock Material's.

"Stock Material" is a plain mkdocs.yml with the Material theme and its search,
building the same Markdown (generated pages included, taken from our build's
portable Markdown), with `font: false` as ours: with no network here, Google
Fonts could not load anyway.

Needs npm (lighthouse@12.2.3 is installed into bench/.tools on first run) and
Debian's chromium. Usage: .venv/bin/python bench/lighthouse_bench.py
"""
from __future__ import annotations

import functools
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / "bench" / ".tools"
LIGHTHOUSE_VERSION = "12.2.3"
PAGE_TYPES = {"home": "", "topic": "what-is-ot/", "condition": "conditions/carpal-tunnel-syndrome/",
              "conditions A-Z": "conditions/", "clinic": "clinics/harbor-hand-and-upper-limb-center/",
              "finder": "clinics/", "glossary": "glossary/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
STOCK_CONFIG = """site_name: Occupational Therapy Guide
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions: [abbr, admonition, attr_list, def_list, md_in_html, tables, toc]
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path) -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse() -> Path:
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return binary


def build_ours(scratch: Path) -> Path:
    site = scratch / "ours"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True)
    return site


def build_stock(scratch: Path) -> Path:
    """Stock Material over the same Markdown: our writers' pages with the generated pages added."""
    project = scratch / "stock"
    shutil.copytree(ROOT / "docs", project / "docs")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "export_markdown.py"), str(project / "docs")], check=True)
    (project / "mkdocs.yml").write_text(STOCK_CONFIG)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")], cwd=project, env=env, check=True)
    return project / "site"


def audit(binary: Path, url: str, desktop: bool, report: Path) -> dict:
    flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]
    command = [str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(flags)}"]
    if desktop:
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": shutil.which("chromium") or "chromium"})
    return json.loads(report.read_text())


def gzipped_weight(result: dict, site: Path) -> float:
    """KB the page's same-site requests would take gzipped (the local server does not compress)."""
    total = 0
    for item in result["audits"]["network-requests"]["details"]["items"]:
        path = urlparse(item["url"]).path.lstrip("/")
        file = site / path
        if file.is_dir() or path == "" or path.endswith("/"):
            file = file / "index.html"
        if file.is_file():
            total += len(gzip.compress(file.read_bytes(), 6))
    return total / 1024


def main() -> int:
    binary = lighthouse()
    rows = []
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        sites = {"ours": build_ours(scratch), "stock": build_stock(scratch)}
        bases = {name: serve(site) for name, site in sites.items()}
        for kind, path in PAGE_TYPES.items():
            for desktop in (False, True):
                row = {"page": kind, "device": "desktop" if desktop else "mobile"}
                for name in sites:
                    result = audit(binary, bases[name] + path, desktop, scratch / "report.json")
                    row[name] = {c: round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES}
                    row[name]["kb"] = gzipped_weight(result, sites[name])
                rows.append(row)
                print_row(row)
    misses = [f"{r['page']} {r['device']}" for r in rows
              if (r["device"] == "mobile" and r["ours"]["performance"] < 95)
              or any(r["ours"][c] < 100 for c in CATEGORIES[1:]) or r["ours"]["kb"] - r["stock"]["kb"] > 15]
    print(f"\nTargets (mobile performance >= 95; accessibility, best practices, SEO = 100; weight <= stock + 15 KB): "
          f"{'all met' if not misses else 'missed on ' + ', '.join(misses)}")
    return 0


def print_row(row: dict) -> None:
    if not hasattr(print_row, "header"):
        print(f"{'page':16} {'device':8} {'ours: perf a11y bp seo  KB gz':>34} {'stock: perf a11y bp seo  KB gz':>35} {'KB diff':>8}")
        print_row.header = True  # type: ignore[attr-defined]
    ours, stock = row["ours"], row["stock"]
    cells = lambda r: f"{r['performance']:4d} {r['accessibility']:4d} {r['best-practices']:3d} {r['seo']:3d} {r['kb']:7.1f}"  # noqa: E731
    print(f"{row['page']:16} {row['device']:8} {cells(ours):>34} {cells(stock):>35} {ours['kb'] - stock['kb']:+8.1f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
