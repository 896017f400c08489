"""Benchmark the clinic finder in headless Chromium: the shipped data and the
data grown to 5,000 clinics, built in temporary copies, measured in one run.

Prints, for each: the time of a ZIP-code search and of a filter change (median
and worst of repeated runs, including layout; target under 50 ms), and the
finder page's transfer size (HTML, scripts, styles, data; raw and gzipped),
with the 5,000-clinic figures as ratios of the shipped ones. The ZIP code
table, which loads on the first search, is reported on its own line.

Usage: .venv/bin/python bench/finder_bench.py [--clinics 5000] [--runs 15]
"""
from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import copy_project, write_clinics  # noqa: E402

MEASURE = """async ([runs, zips, services]) => {
  const zip = document.getElementById("ot-zip"), service = document.getElementById("ot-service");
  const search = [], filter = [];
  for (let i = 0; i < runs; i++) {
    zip.value = zips[i % zips.length];
    let start = performance.now();
    await window.otFinderSearch();
    document.body.offsetHeight;  // include the layout the new list needs
    search.push(performance.now() - start);
    service.value = services[i % services.length];
    start = performance.now();
    service.dispatchEvent(new Event("change"));
    document.body.offsetHeight;
    filter.push(performance.now() - start);
  }
  return {search, filter};
}"""


def build(project: Path) -> Path:
    site = project / "site-offline"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs-offline.yml", "-d", str(site)],
                   cwd=project, env=env, check=True)
    return site


def measure(site: Path, runs: int) -> dict[str, float]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        sizes: dict[str, bytes] = {}
        page.on("requestfinished", lambda request: sizes.setdefault(request.url, b""))
        page.goto((site / "clinics" / "index.html").as_uri())
        page.wait_for_load_state("load")
        for url in sizes:  # the page and everything it loaded, read from disk (file:// has no transfer sizes)
            sizes[url] = Path(url.removeprefix("file://").split("?")[0]).read_bytes()
        zips = page.evaluate("window.otFinderLoadZips().then(table => Object.keys(table.zips).slice(0, 40))")
        services = page.evaluate("Array.from(document.querySelectorAll('#ot-service option')).map(o => o.value)")
        timings = page.evaluate(MEASURE, [runs, zips, services])
        browser.close()
    table = (site / "assets" / "javascripts" / "finder-zips.js").read_bytes()
    at_load = [body for url, body in sizes.items() if not url.endswith("finder-zips.js")]
    return {"search_median": statistics.median(timings["search"]), "search_worst": max(timings["search"]),
            "filter_median": statistics.median(timings["filter"]), "filter_worst": max(timings["filter"]),
            "raw_kb": sum(map(len, at_load)) / 1024, "gzip_kb": sum(len(gzip.compress(b, 6)) for b in at_load) / 1024,
            "zips_raw_kb": len(table) / 1024, "zips_gzip_kb": len(gzip.compress(table, 6)) / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinics", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        shipped = copy_project(Path(scratch) / "shipped")
        grown = copy_project(Path(scratch) / "grown")
        write_clinics(grown, args.clinics)
        for label, project in (("shipped", shipped), (f"{args.clinics} clinics", grown)):
            results[label] = measure(build(project), args.runs)
    base, big = results.values()
    print(f"{'':18} {'search ms (median/worst)':>26} {'filter ms (median/worst)':>26} {'page KB raw':>12} {'page KB gzip':>13}")
    for label, r in results.items():
        print(f"{label:18} {r['search_median']:12.1f} / {r['search_worst']:7.1f}   {r['filter_median']:12.1f} / {r['filter_worst']:7.1f}"
              f"   {r['raw_kb']:10.0f} {r['gzip_kb']:12.0f}")
    print(f"{'ratio':18} {big['search_median'] / base['search_median']:12.1f}x{'':12}{big['filter_median'] / base['filter_median']:12.1f}x"
          f"{'':12}{big['raw_kb'] / base['raw_kb']:8.1f}x {big['gzip_kb'] / base['gzip_kb']:11.1f}x")
    for label, r in results.items():
        print(f"{label:18} ZIP code table, loaded on the first search: {r['zips_raw_kb']:.0f} KB raw, {r['zips_gzip_kb']:.0f} KB gzip")
    slowest = max(big["search_worst"], big["filter_worst"])
    print(f"\nTarget: under 50 ms per interaction at {args.clinics} clinics: {'met' if slowest < 50 else 'NOT met'} "
          f"(slowest {slowest:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
