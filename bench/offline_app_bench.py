"""How much "Save this guide for offline reading" downloads: the shipped site and the
site grown to 1,000 clinics (bench/synthetic.py), each built as the hosted site in a
temporary copy. Prints files, bytes, and how many clinic pages fit the budget
(otsite/precache.py: the whole save stays within 10 MB; the finder's data always
holds every clinic), and what saving every clinic page would have cost.

Usage: .venv/bin/python bench/offline_app_bench.py [--clinics 1000]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import ROOT, copy_project, write_clinics  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
from otsite.precache import build_manifest  # noqa: E402


def build(project: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    subprocess.run(command, cwd=project, env=env, check=True)


def report(label: str, site: Path) -> None:
    summary = json.loads((site / "offline-manifest.json").read_text(encoding="utf-8"))
    unlimited = build_manifest(site, budget=10**12)
    print(f"{label}: {summary['files']} files, {summary['bytes'] / 1e6:.2f} MB to save; "
          f"clinic pages saved {summary['saved_clinic_pages']} of {summary['clinic_pages']} "
          f"(all of them would be {unlimited.total_bytes / 1e6:.2f} MB in {len(unlimited.entries)} files)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinics", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="offline-app-bench-"))
    try:
        shipped = copy_project(folder / "shipped")
        build(shipped, folder / "shipped-site")
        report("shipped site", folder / "shipped-site")
        grown = copy_project(folder / "grown")
        write_clinics(grown, args.clinics)
        build(grown, folder / "grown-site")
        report(f"{args.clinics} clinics", folder / "grown-site")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
