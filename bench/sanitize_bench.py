"""What sanitizing costs: build time with and without the sanitizer, at many clinics.

In a copy of the project with synthetic clinics (bench/synthetic.py), builds
the site alternately without the sanitizer (the hook's
OTSITE_UNSAFE_NO_SANITIZER, used only by benchmarks and
scripts/compare_builds.py) and with it, and prints the best time of each and
their ratio (target: under 5% more). Wall times on a shared machine are noisy,
so after a warm-up build it also times sanitize_html alone over every built page's content, the
same work the hook does, as a share of the build.

Usage: .venv/bin/python bench/sanitize_bench.py [--clinics 1000 3000 10000] [--runs 2]
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import ROOT, copy_project, write_clinics  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
from otsite.sanitize import sanitize_html  # noqa: E402

OFF = "OTSITE_UNSAFE_NO_SANITIZER"
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)


def build_seconds(project: Path, sanitize: bool) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": ""}
    env.pop(OFF, None)
    if not sanitize:
        env[OFF] = "1"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")], cwd=project, env=env,
                   check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def sanitize_seconds(site: Path) -> tuple[float, int]:
    """Time to sanitize every built page's content again, and the number of pages."""
    contents = [m.group(1) for p in site.rglob("*.html") if (m := _ARTICLE.search(p.read_text(encoding="utf-8")))]
    start = time.perf_counter()
    for content in contents:
        sanitize_html(content)
    return time.perf_counter() - start, len(contents)


def measure(clinics: int, runs: int, scratch: Path) -> None:
    project = copy_project(scratch / f"clinics-{clinics}")
    write_clinics(project, clinics)
    build_seconds(project, sanitize=True)  # warm-up: caches and bytecode, not counted
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(runs):
        for sanitize in (False, True):
            times[sanitize].append(build_seconds(project, sanitize))
    off, on = min(times[False]), min(times[True])
    alone, pages = sanitize_seconds(project / "site")
    print(f"{clinics:>6} clinics, {pages} pages: build {off:.1f} s without, {on:.1f} s with the sanitizer "
          f"(best of {runs}): {100 * (on / off - 1):+.1f}%; sanitize_html alone {alone:.2f} s = {100 * alone / on:.1f}% of the build",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinics", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ot-sanitize-bench-") as scratch:
        for count in args.clinics:
            measure(count, args.runs, Path(scratch))


if __name__ == "__main__":
    main()
