"""What the Spanish edition costs the build, in CPU seconds, measured side by side in one run.

Three builds of a private copy of the project, each `--repeat` times (the median is shown):
- English alone: mkdocs.yml with Spanish not enabled (extra.languages lists English only);
- English with Spanish enabled: mkdocs.yml as shipped;
- Spanish: mkdocs-es.yml.
Issue 14 asks that enabling Spanish costs only the Spanish pages' own build: the English build's
time unchanged (ratio about 1.0) and the Spanish build costing about what the English one does.
`--clinics N` replaces the sample clinics with N synthetic ones (with their Spanish fields).

CPU seconds are the build process's own (resource.getrusage), so other work on a shared machine
counts little; wall seconds are shown too. A build that fails is reported with its last lines of
output and the script exits 1 after printing what it could measure.

Usage: .venv/bin/python bench/language_bench.py [--repeat 3] [--clinics N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import copy_project, write_clinics  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": ""}
# Runs `mkdocs build -f CONFIG -d SITE` and prints this process's CPU seconds.
MEASURED_BUILD = ("import resource, runpy, sys; sys.argv = ['mkdocs', 'build', '-q', '-f', sys.argv[1], '-d', sys.argv[2]]\n"
                  "try:\n    runpy.run_module('mkdocs', run_name='__main__')\nexcept SystemExit as end:\n    code = end.code\n"
                  "else:\n    code = 0\n"
                  "use = resource.getrusage(resource.RUSAGE_SELF); print('CPU', use.ru_utime + use.ru_stime)\nsys.exit(code)")
ENGLISH_ONLY = "mkdocs-english-only.yml"


class BuildFailed(Exception):
    pass


def english_only_config(project: Path) -> str:
    """mkdocs.yml with only English in extra.languages (Spanish not enabled), beside it in `project`."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    spanish = [i for i, line in enumerate(lines) if line.strip().startswith("es:") and "Español" in line]
    if len(spanish) != 1:
        raise SystemExit("mkdocs.yml: cannot find the one 'es: Español' line under extra.languages to leave Spanish out")
    del lines[spanish[0]]
    (project / ENGLISH_ONLY).write_text("".join(lines), encoding="utf-8")
    return ENGLISH_ONLY


def build(project: Path, config: str, site: Path) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one build; raises BuildFailed with the end of its output."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURED_BUILD, config, str(site)], cwd=project, env=ENV,
                            capture_output=True, text=True)
    wall = time.perf_counter() - start
    cpu = [line for line in result.stdout.splitlines() if line.startswith("CPU ")]
    if result.returncode != 0 or not cpu:
        raise BuildFailed(f"`mkdocs build -f {config}` failed (exit {result.returncode}):\n"
                          + "\n".join((result.stderr or result.stdout).strip().splitlines()[-15:]))
    return float(cpu[-1].split()[1]), wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--clinics", type=int, default=0, help="synthetic clinics instead of the sample ones (0: shipped data)")
    args = parser.parse_args()
    print(f"Machine: {os.cpu_count()} cores; CPU seconds of each build process, median of {args.repeat} "
          f"({'shipped data' if not args.clinics else f'{args.clinics} synthetic clinics'})", flush=True)
    builds = {"English alone": None, "English, Spanish enabled": "mkdocs.yml", "Spanish": "mkdocs-es.yml"}
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in builds}
    failed: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as scratch:
        project = copy_project(Path(scratch) / "project")
        if args.clinics:
            write_clinics(project, args.clinics)
        builds["English alone"] = english_only_config(project)
        for _ in range(args.repeat):  # interleaved, so a busier minute touches every build alike
            for name, config in builds.items():
                if name in failed:
                    continue
                try:
                    runs[name].append(build(project, config, Path(scratch) / f"site-{len(runs[name])}"))
                except BuildFailed as error:
                    failed[name] = str(error)
    cpu = {name: statistics.median(c for c, _ in got) for name, got in runs.items() if got}
    for name, got in runs.items():
        if got:
            print(f"{name:26} {cpu[name]:6.2f} s CPU (wall {statistics.median(w for _, w in got):.1f} s)", flush=True)
        else:
            print(f"{name:26} FAILED: {failed[name]}", flush=True)
    alone, english, spanish = (cpu.get(name) for name in builds)
    if alone and english:
        print(f"English build with Spanish enabled / alone: {english / alone:.2f} (goal: about 1.00, the English build unchanged)")
    if alone and spanish:
        print(f"Spanish build / English build alone:        {spanish / alone:.2f} (goal: about 1.00)")
    if alone and english and spanish:
        print(f"English + Spanish / English alone:          {(english + spanish) / alone:.2f} "
              f"({english + spanish:.1f} s against {alone:.1f} s CPU)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
