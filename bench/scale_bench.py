"""Scale and speed of the build, in temporary copies, measured in one run.

1. Our build of synthetic but valid data (default 1,000 extra conditions with
   prose pages and 10,000 clinics), and of a tenth of it: wall time, peak
   memory, page count. Next to it, stock Material building the same Markdown
   (our portable export of the same pages: every page kept out of the
   navigation, same sizes) at both sizes. Ratios: time per page against
   stock's (target at most 1.2), 10x the data against 1x (target at most 11x),
   peak memory (target under 1 GiB).
2. The hooks' own work (load and check the data, render every page) timed on
   its own, as a share of our build (target under 10%).
3. The edit loop on the shipped site: `mkdocs serve`, then a change to a data
   file and to a prose page, timed until the served page shows it.

Usage: .venv/bin/python bench/scale_bench.py [--conditions 1000] [--clinics 10000]
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import ROOT, copy_project, stock_docs, write_clinics, write_conditions  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": ""}
# Stock Material with our navigation (the topic pages and indexes), every other page kept out of it.
STOCK_CONFIG = yaml.safe_dump({
    "site_name": "Stock", "theme": {"name": "material", "font": False}, "plugins": ["search"],
    "markdown_extensions": ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"],
    "nav": yaml.safe_load((ROOT / "mkdocs.yml").read_text())["nav"],
    "not_in_nav": "/conditions/*.md\n/clinics/*.md\n",
}, sort_keys=False)
# Runs `mkdocs build` and prints this process's peak memory in KiB.
MEASURED_BUILD = ("import resource, runpy, sys; sys.argv = ['mkdocs', 'build', '-q', '-d', sys.argv[1]]\n"
                  "try:\n    runpy.run_module('mkdocs', run_name='__main__')\nexcept SystemExit as end:\n    code = end.code\n"
                  "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\nsys.exit(code)")
HOOK_WORK = ("import sys, time; sys.path.insert(0, 'hooks'); start = time.perf_counter()\n"
             "from pathlib import Path; from otsite.loading import load_site; from otsite.export import portable_files\n"
             "portable_files(Path('.'), load_site(Path('.'))); print(time.perf_counter() - start)")


def timed_build(project: Path) -> dict[str, float]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURED_BUILD, str(project / "site")], cwd=project, env=ENV,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    pages = sum(1 for _ in (project / "site").rglob("*.html"))
    return {"seconds": seconds, "mib": int(result.stdout.split()[-1]) / 1024, "pages": pages}


def stock_project(ours: Path, target: Path) -> Path:
    """Stock Material over the Markdown our hooks produce for `ours`, with no hooks at all."""
    stock_docs(ours, target)
    (target / "mkdocs.yml").write_text(STOCK_CONFIG)
    return target


def hook_seconds(project: Path) -> float:
    result = subprocess.run([sys.executable, "-c", HOOK_WORK], cwd=project, env=ENV, capture_output=True, text=True, check=True)
    return float(result.stdout.split()[-1])


def edit_loop(scratch: Path) -> dict[str, float]:
    project = copy_project(scratch / "serve")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base + "clinics/harbor-hand-and-upper-limb-center/", "Harbor Hand", 120)
        timings = {}
        clinics = project / "data" / "clinics.yml"
        start = time.perf_counter()
        clinics.write_text(clinics.read_text().replace("name: Harbor Hand and Upper Limb Center", "name: Harbor Edited Hand Center"))
        wait_for(base + "clinics/harbor-hand-and-upper-limb-center/", "Harbor Edited Hand Center", 120)
        timings["data edit"] = time.perf_counter() - start
        page = project / "docs" / "conditions" / "stroke.md"
        start = time.perf_counter()
        page.write_text(page.read_text().replace("## What it is", "## What it is\n\nAn edited sentence for the benchmark.", 1))
        wait_for(base + "conditions/stroke/", "An edited sentence for the benchmark.", 120)
        timings["prose edit"] = time.perf_counter() - start
        return timings
    finally:
        server.terminate()
        server.wait(timeout=30)


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
    args = parser.parse_args()
    rows = {}
    with tempfile.TemporaryDirectory() as name:
        scratch = Path(name)
        for label, scale in (("1x", 10), ("10x", 1)):
            ours = copy_project(scratch / f"ours-{label}")
            write_conditions(ours, args.conditions // scale)
            write_clinics(ours, args.clinics // scale)
            stock = stock_project(ours, scratch / f"stock-{label}")
            rows[label] = {"ours": timed_build(ours), "stock": timed_build(stock), "hooks": hook_seconds(ours)}
            print_row(label, rows[label])
        loop = edit_loop(scratch)
    small, big = rows["1x"], rows["10x"]
    per_page = lambda r, who: r[who]["seconds"] / r[who]["pages"]  # noqa: E731
    print(f"\nTime per page, ours / stock:      {per_page(big, 'ours') / per_page(big, 'stock'):.2f} (target at most 1.2)")
    print(f"Hooks' own work / our build:      {big['hooks'] / big['ours']['seconds']:.1%} (target under 10%)")
    print(f"10x the data / 1x, our build:     {big['ours']['seconds'] / small['ours']['seconds']:.1f}x "
          f"(stock {big['stock']['seconds'] / small['stock']['seconds']:.1f}x; target at most 11x)")
    print(f"Peak memory at {args.clinics} clinics:     {big['ours']['mib']:.0f} MiB (target under 1024 MiB)")
    print(f"Edit loop (shipped site, mkdocs serve): data edit {loop['data edit']:.1f} s, prose edit {loop['prose edit']:.1f} s")
    return 0


def print_row(label: str, row: dict) -> None:
    ours, stock = row["ours"], row["stock"]
    print(f"{label:4} ours {ours['pages']:6d} pages {ours['seconds']:7.1f} s {ours['mib']:6.0f} MiB | stock {stock['pages']:6d} pages "
          f"{stock['seconds']:7.1f} s {stock['mib']:6.0f} MiB | hooks' own work {row['hooks']:.1f} s", flush=True)


if __name__ == "__main__":
    sys.exit(main())
