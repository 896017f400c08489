"""Build the hosted site into site/ and the offline copy into site-offline/,
then zip the offline copy as dist/ot-guide-offline.zip.

Each variant is built into a temporary folder first and only then swapped in,
so a failed build (bad data, a broken link) leaves the last good site in place.

Usage: python scripts/build.py
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = {"mkdocs.yml": "site", "mkdocs-offline.yml": "site-offline"}
ZIP_NAME = "ot-guide-offline"


def build_variant(config: str, target: Path, scratch: Path) -> bool:
    """Build one configuration with --strict into scratch, then swap it into target."""
    output = scratch / target.name
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / config), "-d", str(output)]
    if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
        print(f"\n{config}: the build failed; {target.name}/ was left as it was.", file=sys.stderr)
        return False
    old = scratch / f"{target.name}.old"
    if target.exists():
        target.rename(old)
    shutil.move(str(output), target)
    shutil.rmtree(old, ignore_errors=True)
    return True


def main() -> int:
    with tempfile.TemporaryDirectory(dir=ROOT, prefix=".build-") as scratch:
        for config, folder in VARIANTS.items():
            if not build_variant(config, ROOT / folder, Path(scratch)):
                return 1
    dist = ROOT / "dist"
    dist.mkdir(exist_ok=True)
    archive = shutil.make_archive(str(dist / ZIP_NAME), "zip", root_dir=ROOT, base_dir="site-offline")
    print(f"Built site/ (hosted) and site-offline/ (open site-offline/index.html), zipped as {Path(archive).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
