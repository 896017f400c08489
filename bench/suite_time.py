"""How long the test suite takes: `scripts/test.sh --fast` (no browser, no build) and
`scripts/test.sh` (everything), each run once as a writer or CI runs it. Prints, per tier,
the tests collected and the outcome counts, the wall time, and the CPU time the run used
(all its processes: pytest, its workers, MkDocs, browsers). The machine's load average
before and after is printed too: on a shared machine the wall time is only as good as that.

Usage: .venv/bin/python bench/suite_time.py [--tier fast|whole|both] [-- PYTEST_ARGS...]
e.g. `-- -n 0` to time the suite without pytest-xdist's workers.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIERS = {"fast": ["--fast"], "whole": []}


@dataclass
class Timing:
    tier: str
    collected: str
    outcome: str
    wall: float
    cpu: float
    load_before: float
    load_after: float

    def line(self) -> str:
        return (f"{self.tier}: {self.collected}; {self.outcome}; {self.wall / 60:.1f} min wall ({self.wall:.0f} s), "
                f"{self.cpu / 60:.1f} min CPU; load average {self.load_before:.1f} before, {self.load_after:.1f} after")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def collected(tier: str, extra: list[str]) -> str:
    """pytest's own count of the tier's tests, e.g. "684/1303 tests collected (619 deselected)"."""
    marker = ["-m", "not browser and not build"] if tier == "fast" else []
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "pytest", "--collect-only", "-q", *marker, *extra],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    lines = [line for line in done.stdout.splitlines() if "collected" in line]
    return re.sub(r" in [0-9.]+s$", "", lines[-1].strip()) if lines else "collection failed"


def run(tier: str, extra: list[str]) -> Timing:
    count = collected(tier, [a for a in extra if not a.startswith("-n")])
    load_before = os.getloadavg()[0]
    cpu, start = children_cpu(), time.monotonic()
    done = subprocess.run([str(ROOT / "scripts" / "test.sh"), *TIERS[tier], "-q", "-p", "no:cacheprovider", *extra],
                          cwd=ROOT, capture_output=True, text=True)
    wall, cpu = time.monotonic() - start, children_cpu() - cpu
    summary = [line for line in done.stdout.splitlines() if re.search(r"\b(passed|failed|error)", line)]
    outcome = summary[-1].strip("= ") if summary else f"no summary (exit {done.returncode})"
    return Timing(tier, count, re.sub(r" in [0-9.]+s.*$", "", outcome), wall, cpu, load_before, os.getloadavg()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tier", choices=["fast", "whole", "both"], default="both")
    parser.add_argument("pytest_args", nargs="*", help="after --: more arguments for pytest")
    arguments = parser.parse_args()
    for tier in (["fast", "whole"] if arguments.tier == "both" else [arguments.tier]):
        print(run(tier, arguments.pytest_args).line(), flush=True)


if __name__ == "__main__":
    main()
