"""Search index size and query latency in Chromium: our site and stock Material
over the same pages, shipped and grown to 1,000 conditions, in one run.

For each site: the size of search/search_index.json (raw and gzipped: every
reader downloads it on their first page view) and the time from a typed query
to its results on screen (median and 95th percentile over the queries in
tests/search_queries.yml). Stock Material builds the same Markdown (our
portable export) with its default search. Targets: under 50 ms per query at
1,000 conditions; our index at most 1.3 times stock's.

Usage: .venv/bin/python bench/search_bench.py [--conditions 1000]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_bench import ENV, stock_project  # noqa: E402
from synthetic import ROOT, copy_project, write_conditions  # noqa: E402

QUERIES = list(yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text())["queries"])
# Types a query as a reader would (key presses) and resolves with the ms until the result list changes.
TIME_QUERY = """async (query) => {
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  const meta = document.querySelector(".md-search-result__meta");
  input.value = "";
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
  await new Promise(r => setTimeout(r, 50));
  return await new Promise(resolve => {
    const start = performance.now();
    const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - start); });
    observer.observe(list, {childList: true});
    observer.observe(meta, {childList: true, characterData: true, subtree: true});
    input.value = query;
    input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
  });
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def build(project: Path) -> Path:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")], cwd=project, env=ENV, check=True)
    return project / "site"


def measure(site: Path) -> dict[str, float]:
    index = (site / "search" / "search_index.json").read_bytes()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                                 args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            page.locator("input.md-search__input").click()
            page.wait_for_function("!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')",
                                   timeout=120_000)
            times = [page.evaluate(TIME_QUERY, query) for query in QUERIES]
            browser.close()
    finally:
        server.shutdown()
    return {"kb": len(index) / 1024, "gz_kb": len(gzip.compress(index, 6)) / 1024,
            "median": statistics.median(times), "p95": statistics.quantiles(times, n=20)[-1]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conditions", type=int, default=1000)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as name:
        scratch = Path(name)
        for label, extra in (("shipped", 0), (f"+{args.conditions} conditions", args.conditions)):
            ours = copy_project(scratch / f"ours-{extra}")
            if extra:
                write_conditions(ours, extra)
            stock = stock_project(ours, scratch / f"stock-{extra}")
            for who, project in (("ours", ours), ("stock", stock)):
                results[(label, who)] = r = measure(build(project))
                print(f"{label:22} {who:6} index {r['kb']:8.0f} KB ({r['gz_kb']:6.0f} KB gzip)   query median {r['median']:6.1f} ms, "
                      f"95th percentile {r['p95']:6.1f} ms", flush=True)
    for label in dict.fromkeys(label for label, _ in results):
        ours, stock = results[(label, "ours")], results[(label, "stock")]
        print(f"{label:22} index ours/stock {ours['kb'] / stock['kb']:.2f} (gzip {ours['gz_kb'] / stock['gz_kb']:.2f}); "
              f"query time ours/stock {ours['median'] / stock['median']:.2f}")
    print("Targets: under 50 ms per query at 1,000 conditions; index at most 1.3 times stock's.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
