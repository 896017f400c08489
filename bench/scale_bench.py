"""Scale and speed of the build, in temporary copies, measured in one run (`--parts` picks some).

- added: the cost of one more page, in CPU ms: a clinic page in our build (shipped conditions,
  100 then 100 + `--added` clinics) against a plain page (a paragraph and an hours table) in
  stock Material with our navigation. Target: ours at most 1.5 times stock's.
- build: our build of synthetic but valid data (default 1,000 extra conditions with prose
  pages and 10,000 clinics), and of a tenth of it: CPU and wall time, peak memory, page
  count, with stock Material building the same Markdown (our portable export; every page
  kept out of the navigation) beside it. Ratios: CPU time per page against stock's, 10x the
  data against 1x (linear growth: at most 11x), peak memory (under 1 GiB); the hooks' own
  work (load, check, render every page) as a share of the build.
- edit: the `mkdocs serve` edit loop, shipped data, a tenth of `--clinics` and `--clinics`:
  a clinic's name changed in data/clinics.yml and a sentence added to a condition's prose
  page, each timed until the served page shows it (target at most 5 s at 1,000 clinics);
  beside it stock Material serving the same Markdown, the name changed in the clinic's page.
- offline: the offline copy (mkdocs-offline.yml) at a tenth of `--clinics` and at
  `--clinics`, and stock Material's offline copy of the same Markdown: the search index every
  page loads, bytes per clinic in it, a clinic page's HTML and its weight opened from disk.

CPU seconds are the build process's own; on a shared machine wall time also counts waiting.

With `--before COMMIT` the build part also builds that commit's tree (git archive) on the same data, side by
side: issue 13's "before" is 9152e3b, the last commit before its first change that builds (9d6851a's emergency
notice fails its own check; it changed nothing else). Goal: at most half its CPU time at 10x.

Usage: .venv/bin/python bench/scale_bench.py [--conditions 1000] [--clinics 10000] [--added 1000] [--parts added,build,edit,offline] [--before 9152e3b]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import ROOT, commit_tree, copy_project, stock_docs, write_clinics, write_conditions, write_plain_pages  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": ""}


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's navigation; MkDocs's own tags (!ENV) are read as nothing."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
# Stock Material with our navigation (the topic pages and indexes), every other page kept out of it.
STOCK_CONFIG = yaml.safe_dump({
    "site_name": "Stock", "theme": {"name": "material", "font": False}, "plugins": ["search"],
    "markdown_extensions": ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"],
    "nav": yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_ConfigLoader)["nav"],
    "not_in_nav": "/conditions/*.md\n/clinics/*.md\n",
}, sort_keys=False)
# Runs `mkdocs build` and prints this process's CPU seconds and peak memory in KiB.
MEASURED_BUILD = ("import resource, runpy, sys; sys.argv = ['mkdocs', 'build', '-q', '-d', sys.argv[1]]\n"
                  "try:\n    runpy.run_module('mkdocs', run_name='__main__')\nexcept SystemExit as end:\n    code = end.code\n"
                  "use = resource.getrusage(resource.RUSAGE_SELF); print(use.ru_utime + use.ru_stime, use.ru_maxrss)\nsys.exit(code)")
HOOK_WORK = ("import sys, time; sys.path.insert(0, 'hooks'); start = time.process_time()\n"
             "from pathlib import Path; from otsite.loading import load_site; from otsite.export import portable_files\n"
             "portable_files(Path('.'), load_site(Path('.'))); print(time.process_time() - start)")


def timed_build(project: Path) -> dict[str, float]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURED_BUILD, str(project / "site")], cwd=project, env=ENV,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    pages = sum(1 for _ in (project / "site").rglob("*.html"))
    cpu, kib = result.stdout.split()[-2:]
    return {"seconds": seconds, "cpu": float(cpu), "mib": int(kib) / 1024, "pages": pages}


def stock_project(ours: Path, target: Path) -> Path:
    """Stock Material over the Markdown our hooks produce for `ours`, with no hooks at all."""
    stock_docs(ours, target)
    (target / "mkdocs.yml").write_text(STOCK_CONFIG)
    return target


def added_page_cost(scratch: Path, base: int, added: int) -> dict[str, float]:
    """CPU ms per page added, in the same run: one more clinic page in our build (shipped conditions, `base`
    then `base + added` clinics), against one more plain page (a paragraph and an hours table) in stock
    Material's build with our navigation (our shipped site's Markdown, then `added` plain pages)."""
    ours, stock = [], []
    for n in (base, base + added):
        project = copy_project(scratch / f"added-ours-{n}")
        write_clinics(project, n)
        ours.append(timed_build(project))
    plain = stock_project(copy_project(scratch / "added-shipped"), scratch / "added-stock")
    for n in (0, added):
        write_plain_pages(plain / "docs", n)
        stock.append(timed_build(plain))
    cost = lambda runs, key: 1000 * (runs[1][key] - runs[0][key]) / (runs[1]["pages"] - runs[0]["pages"])  # noqa: E731
    return {"ours cpu": cost(ours, "cpu"), "stock cpu": cost(stock, "cpu"),
            "ours wall": cost(ours, "seconds"), "stock wall": cost(stock, "seconds")}


def hook_seconds(project: Path) -> float:
    result = subprocess.run([sys.executable, "-c", HOOK_WORK], cwd=project, env=ENV, capture_output=True, text=True, check=True)
    return float(result.stdout.split()[-1])


def edit_loop(scratch: Path, clinics: int | None = None, stock: bool = False) -> dict[str, float]:
    """Seconds from saving an edit to the change served by `mkdocs serve`: shipped data, or `clinics` synthetic ones.
    With `stock`, stock Material serving the same Markdown (our export), where the "data edit" is to the clinic's page."""
    folder = f"serve-{'stock' if stock else 'ours'}-{clinics or 'shipped'}"
    project = copy_project(scratch / folder)
    slug, name, edited = "harbor-hand-and-upper-limb-center", "Harbor Hand and Upper Limb Center", "Harbor Edited Hand Center"
    if clinics:
        write_clinics(project, clinics)
        slug, name, edited = "sample-clinic-7", "Sample Clinic 7 of", "Edited Clinic 7 of"
    data, old, new = project / "data" / "clinics.yml", f"name: {name}", f"name: {edited}"
    if stock:  # stock Material has no data files: the clinic's name is in its page
        project = stock_project(project, scratch / f"{folder}-material")
        data, old, new = project / "docs" / "clinics" / f"{slug}.md", name, edited
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base + f"clinics/{slug}/", name, 3600)
        timings = {}
        start, cpu = time.perf_counter(), cpu_seconds(server.pid)
        data.write_text(data.read_text().replace(old, new))
        wait_for(base + f"clinics/{slug}/", edited, 1800)
        timings["data edit"], timings["data edit cpu"] = time.perf_counter() - start, cpu_seconds(server.pid) - cpu
        page = project / "docs" / "conditions" / "stroke.md"
        time.sleep(1)  # the server settles after its last rebuild
        start, cpu = time.perf_counter(), cpu_seconds(server.pid)
        page.write_text(page.read_text() + "\nAn edited sentence for the benchmark.\n")
        wait_for(base + "conditions/stroke/", "An edited sentence for the benchmark.", 1800)
        timings["prose edit"], timings["prose edit cpu"] = time.perf_counter() - start, cpu_seconds(server.pid) - cpu
        return timings
    finally:
        server.terminate()
        server.wait(timeout=30)


def offline_weight(scratch: Path, clinics: int) -> dict[str, dict[str, float]]:
    """The offline copy (mkdocs-offline.yml) with `clinics` synthetic clinics, ours and stock Material's offline
    copy of the same Markdown: KiB of the search index every page loads, bytes it holds per clinic, mean KiB of
    a clinic page's HTML, and a clinic page's weight opened from disk (its HTML plus the search index)."""
    ours = copy_project(scratch / f"offline-ours-{clinics}")
    write_clinics(ours, clinics)
    stock = stock_project(ours, scratch / f"offline-stock-{clinics}")
    config = yaml.safe_load(STOCK_CONFIG)
    config["plugins"] = ["search", "offline"]
    (stock / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    rows = {}
    for label, project, command in (("ours", ours, ["-f", "mkdocs-offline.yml"]), ("stock", stock, [])):
        site = scratch / f"offline-{label}-{clinics}-site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", *command, "-d", str(site)], cwd=project, env=ENV,
                       check=True, capture_output=True)
        index = (site / "search" / "search_index.js").stat().st_size
        entries = json.loads((site / "search" / "search_index.json").read_text())["docs"]
        clinic_bytes = sum(len(json.dumps(e, separators=(",", ":"))) for e in entries if e["location"].startswith("clinics/sample-clinic-"))
        pages = list((site / "clinics").glob("sample-clinic-*.html"))
        html = sum(p.stat().st_size for p in pages) / max(len(pages), 1)
        rows[label] = {"index KiB": index / 1024, "index bytes per clinic": clinic_bytes / clinics,
                       "clinic page KiB": html / 1024, "clinic page + index KiB": (html + index) / 1024}
    return rows


def cpu_seconds(pid: int) -> float:
    """CPU seconds process `pid` has used so far (Linux /proc): the server's own rebuild work, whatever else runs."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for(url: str, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} never showed {text!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conditions", type=int, default=1000)
    parser.add_argument("--clinics", type=int, default=10000)
    parser.add_argument("--added", type=int, default=1000, help="clinic and plain pages added for the cost per added page")
    parser.add_argument("--parts", default="added,build,edit,offline", help="which of added,build,edit,offline to run")
    parser.add_argument("--before", help="also build this commit's tree on the same data in the build part (issue 13: 9152e3b)")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    print(f"Machine: {os.cpu_count()} cores (nproc {os.process_cpu_count() if hasattr(os, 'process_cpu_count') else os.cpu_count()}); "
          "CPU seconds are the build process's own, wall seconds include waiting for a shared machine", flush=True)
    with tempfile.TemporaryDirectory() as name:
        scratch = Path(name)
        if "added" in parts:
            cost = added_page_cost(scratch, 100, args.added)
            print(f"Cost per added page (CPU ms): our clinic page {cost['ours cpu']:.2f}, stock Material plain page with our "
                  f"navigation {cost['stock cpu']:.2f}, ratio {cost['ours cpu'] / cost['stock cpu']:.2f} (target at most 1.5); "
                  f"wall ms {cost['ours wall']:.1f} / {cost['stock wall']:.1f}", flush=True)
        if "build" in parts:
            build_figures(scratch, args.conditions, args.clinics, args.before)
        if "edit" in parts:
            for clinics in (None, args.clinics // 10, args.clinics):
                for who, stock in (("ours", False), ("stock", True)):
                    loop = edit_loop(scratch, clinics, stock)
                    print(f"Edit loop (mkdocs serve, {clinics or 'shipped'} clinics), {who:5}: data edit {loop['data edit']:.1f} s wall "
                          f"({loop['data edit cpu']:.1f} s CPU), prose edit {loop['prose edit']:.1f} s wall ({loop['prose edit cpu']:.1f} s CPU)"
                          f"{f' (target at most 5 s at {args.clinics // 10} clinics)' if not stock else ''}", flush=True)
        if "offline" in parts:
            for clinics in (args.clinics // 10, args.clinics):
                for who, row in offline_weight(scratch, clinics).items():
                    print(f"Offline copy, {clinics} clinics, {who:5}: search index {row['index KiB']:.0f} KiB "
                          f"({row['index bytes per clinic']:.0f} bytes per clinic), clinic page {row['clinic page KiB']:.1f} KiB, "
                          f"page + index {row['clinic page + index KiB']:.0f} KiB", flush=True)
    return 0


def build_figures(scratch: Path, conditions: int, clinics: int, before: str | None = None) -> None:
    rows = {}
    old_tree = commit_tree(before, scratch / "before-tree") if before else None
    for label, scale in (("1x", 10), ("10x", 1)):
        ours = copy_project(scratch / f"ours-{label}")
        write_conditions(ours, conditions // scale)
        write_clinics(ours, clinics // scale)
        stock = stock_project(ours, scratch / f"stock-{label}")
        rows[label] = {"ours": timed_build(ours), "stock": timed_build(stock), "hooks": hook_seconds(ours)}
        print_row(label, rows[label])
        if old_tree is not None:
            old = copy_project(scratch / f"before-{label}", old_tree)
            write_conditions(old, conditions // scale)
            write_clinics(old, clinics // scale)
            rows[label]["before"] = timed_build(old)
            shutil.rmtree(old)
            print_before(label, before, rows[label])
        shutil.rmtree(scratch / f"ours-{label}"), shutil.rmtree(stock)
    small, big = rows["1x"], rows["10x"]
    per_page = lambda r, who: r[who]["cpu"] / r[who]["pages"]  # noqa: E731
    print(f"\nCPU time per page, ours / stock (same Markdown): {per_page(big, 'ours') / per_page(big, 'stock'):.2f} (target at most 1.2)")
    print(f"Hooks' own work / our build:      {big['hooks'] / big['ours']['cpu']:.1%} (target under 10%)")
    print(f"10x the data / 1x, our build:     {big['ours']['cpu'] / small['ours']['cpu']:.1f}x CPU "
          f"(stock {big['stock']['cpu'] / small['stock']['cpu']:.1f}x; target at most 11x)")
    print(f"Peak memory at {clinics} clinics:     {big['ours']['mib']:.0f} MiB (target under 1024 MiB)", flush=True)


def print_before(label: str, commit: str, row: dict) -> None:
    old, ours = row["before"], row["ours"]
    print(f"{label:4} before ({commit}) {old['pages']:6d} pages {old['cpu']:7.1f} s CPU ({old['seconds']:.0f} s wall) {old['mib']:6.0f} MiB | "
          f"ours / before: {ours['cpu'] / old['cpu']:.2f} of its CPU time (goal at most 0.5 at 10x)", flush=True)


def print_row(label: str, row: dict) -> None:
    ours, stock = row["ours"], row["stock"]
    print(f"{label:4} ours {ours['pages']:6d} pages {ours['cpu']:7.1f} s CPU ({ours['seconds']:.0f} s wall) {ours['mib']:6.0f} MiB | "
          f"stock {stock['pages']:6d} pages {stock['cpu']:7.1f} s CPU ({stock['seconds']:.0f} s wall) {stock['mib']:6.0f} MiB | "
          f"hooks' own work {row['hooks']:.1f} s", flush=True)


if __name__ == "__main__":
    sys.exit(main())
