"""Build the hosted site into site/ and the offline copy into site-offline/,
then zip the offline copy as dist/ot-guide-offline.zip.

Each build runs with --strict. The site's hook builds into a scratch folder
and swaps it in only on success, so a failed build (bad data, a broken link)
leaves the last good site in place.

Usage: python scripts/build.py
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = {"mkdocs.yml": "site", "mkdocs-offline.yml": "site-offline"}
ZIP_NAME = "ot-guide-offline"


def build_variant(config: str, folder: str) -> bool:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / config), "-d", str(ROOT / folder)]
    if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
        print(f"\n{config}: the build failed; {folder}/ was left as it was.", file=sys.stderr)
        return False
    return True


def main() -> int:
    if not all(build_variant(config, folder) for config, folder in VARIANTS.items()):
        return 1
    dist = ROOT / "dist"
    dist.mkdir(exist_ok=True)
    archive = shutil.make_archive(str(dist / ZIP_NAME), "zip", root_dir=ROOT, base_dir="site-offline")
    print(f"Built site/ (hosted) and site-offline/ (open site-offline/index.html), zipped as {Path(archive).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
