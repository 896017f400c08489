"""Lighthouse on each page type, mobile and desktop, next to stock Material
building the same content, measured in the same run.

Prints the four category scores (performance, accessibility, best practices,
SEO) and each page's weight (what the browser downloads, gzipped as a server
would send it). Targets (issue 23): performance at least 98 on mobile; the other
three 100; page weight within 12 KB (gzipped) of stock Material's. --requests
also lists, per page, each file's KB beside stock's (what the difference is made of).

Ours is the whole hosted site, English at the root and Spanish under es/, as
scripts/build.py publishes it: the save control asks for each language's
offline-manifest.json, and an English-only build answered es/'s with a 404
(counted as a console error, and its bytes as weight no reader downloads).

"Stock Material" is a plain mkdocs.yml with the Material theme and its search,
building the same Markdown (generated pages included, taken from our build's
portable Markdown), with `font: false` as ours: with no network here, Google
Fonts could not load anyway.

Each figure is the median of --runs audits (default 3): simulated performance
moves with the machine's load, so run it on a quiet machine.

Needs npm (lighthouse@12.2.3 is installed into bench/.tools on first run) and
Debian's chromium. Usage: .venv/bin/python bench/lighthouse_bench.py [--runs 3]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import ROOT, stock_docs  # noqa: E402

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


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serves files gzipped, as any real web host does, so the throttled network Lighthouse simulates is fair."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # noqa: ANN201 - the stdlib's own signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the stdlib's redirect to the folder's URL
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path) -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse() -> Path:
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return binary


def build_ours(scratch: Path) -> Path:
    """The hosted site in both languages, Spanish under es/ (as scripts/build.py joins them)."""
    site = scratch / "ours"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for config, target in (("mkdocs.yml", site), ("mkdocs-es.yml", scratch / "ours-es")):
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(target)], cwd=ROOT, env=env, check=True)
    (scratch / "ours-es").rename(site / "es")
    return site


def build_stock(scratch: Path) -> Path:
    """Stock Material over the same Markdown: our writers' pages with the generated pages added."""
    project = stock_docs(ROOT, scratch / "stock")
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


def gzipped_weight(result: dict) -> float:
    """KB the page transferred, gzipped by the server (Lighthouse's total byte weight)."""
    return result["audits"]["total-byte-weight"]["numericValue"] / 1024


def median_scores(binary: Path, url: str, desktop: bool, report: Path, runs: int) -> dict[str, float]:
    """Median of `runs` audits: simulated performance varies with the machine's load."""
    results = [audit(binary, url, desktop, report.with_name(f"{report.stem}-{i}.json")) for i in range(runs)]
    scores = {c: round(statistics.median(100 * (r["categories"][c]["score"] or 0) for r in results)) for c in CATEGORIES}
    scores["kb"] = gzipped_weight(results[0])
    scores["requests"] = requests(results[0])
    return scores


def requests(result: dict) -> dict[str, float]:
    """KB transferred per file, its address relative to the site and without Material's content hash."""
    sizes: dict[str, float] = {}
    for item in result["audits"]["network-requests"]["details"]["items"]:
        if item["url"].startswith("data:"):
            continue
        name = re.sub(r"\.[0-9a-f]{8}\.min\.", ".min.", re.sub(r"^https?://[^/]+/", "", item["url"])) or "(the page)"
        sizes[name] = sizes.get(name, 0) + item["transferSize"] / 1024
    return sizes


def print_requests(row: dict) -> None:
    """Each file's KB in ours and in stock, largest difference first."""
    ours, stock = row["ours"]["requests"], row["stock"]["requests"]
    for name in sorted(set(ours) | set(stock), key=lambda n: stock.get(n, 0) - ours.get(n, 0)):
        mine, theirs = ours.get(name, 0), stock.get(name, 0)
        if mine or theirs:
            print(f"    {mine:7.1f} {theirs:7.1f} {mine - theirs:+7.1f}  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="audits per page, device and site; the median is shown")
    parser.add_argument("--pages", nargs="+", choices=list(PAGE_TYPES), default=list(PAGE_TYPES), help="page types to audit")
    parser.add_argument("--devices", nargs="+", choices=["mobile", "desktop"], default=["mobile", "desktop"])
    parser.add_argument("--reports", type=Path, help="keep every Lighthouse report (JSON) in this folder")
    parser.add_argument("--requests", action="store_true", help="list each file's KB, ours beside stock's, under each row")
    args = parser.parse_args()
    binary = lighthouse()
    print(f"Load average (1, 5, 15 min) at the start: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    rows = []
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        reports = args.reports or scratch
        reports.mkdir(parents=True, exist_ok=True)
        sites = {"ours": build_ours(scratch), "stock": build_stock(scratch)}
        bases = {name: serve(site) for name, site in sites.items()}
        for kind in args.pages:
            path = PAGE_TYPES[kind]
            for desktop in [device == "desktop" for device in args.devices]:
                row = {"page": kind, "device": "desktop" if desktop else "mobile"}
                for name in sites:
                    row[name] = median_scores(binary, bases[name] + path, desktop, reports / f"{name}-{kind.replace(' ', '-')}-{row['device']}.json", args.runs)
                rows.append(row)
                print_row(row)
                if args.requests:
                    print_requests(row)
    misses = [f"{r['page']} {r['device']}" for r in rows
              if (r["device"] == "mobile" and r["ours"]["performance"] < 98)
              or any(r["ours"][c] < 100 for c in CATEGORIES[1:]) or r["ours"]["kb"] - r["stock"]["kb"] > 12]
    print(f"\nLoad average (1, 5, 15 min) at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"Targets (mobile performance >= 98; accessibility, best practices, SEO = 100; weight <= stock + 12 KB): "
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
