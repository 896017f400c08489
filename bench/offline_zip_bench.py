"""How big the offline zip is, and what the save control says it saves.

Builds the offline copy (both languages, Spanish under es/) and the hosted site from a
temporary copy of the project, as scripts/build.py does, then zips the offline copy two
ways: as it was zipped before issue 23 (the whole folder) and as scripts/build.py zips it
now (package_offline_copy: trimmed by otsite/offline_copy.py's rules, behind one page to
open first). Prints the compressed bytes per category before and after, and the size the
hosted site's "Save this guide" control shows for each language (offline-manifest.json,
the files it downloads, uncompressed, as the control's script rounds them).

Usage: .venv/bin/python bench/offline_zip_bench.py
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path, PurePosixPath

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import ROOT, copy_project  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
from otsite.offline_copy import GuideLanguage, rule_for  # noqa: E402
from otsite.search_assets import search_languages  # noqa: E402


def _build_script():  # noqa: ANN202 - the scripts/build.py module
    spec = importlib.util.spec_from_file_location("build_script", ROOT / "scripts" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def build(project: Path, variants: list[tuple[str, str]], site: Path) -> None:
    """Each language of one variant into `site` (English at its root), as scripts/build.py assembles them."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for config, subfolder in variants:
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / config), "-d", str(site / subfolder)]
        subprocess.run(command, cwd=project, env=env, check=True)


def kind(relative: str) -> str:
    """What a kept file is, for the table."""
    if relative.endswith(".html"):
        return "pages (.html)"
    if relative.startswith("search/"):
        return "search index"
    suffix = PurePosixPath(relative).suffix
    return {".js": "scripts", ".css": "stylesheets", ".png": "images", ".svg": "images"}.get(suffix, "other")


def categories(archive: Path, prefix: str, languages: list[GuideLanguage], lang_of: dict[str, tuple[str, ...]]) -> Counter[str]:
    """Compressed bytes in `archive` per category; file names start with `prefix` (the copy's folder in the zip)."""
    sizes: Counter[str] = Counter()
    folders = sorted((lang.folder for lang in languages), key=len, reverse=True)
    with zipfile.ZipFile(archive) as zipped:
        for info in zipped.infolist():
            if info.is_dir():
                continue
            if not info.filename.startswith(prefix):
                sizes["page to open first"] += info.compress_size
                continue
            relative = info.filename[len(prefix):]
            folder = next(f for f in folders if not f or relative.startswith(f + "/"))
            inside = relative[len(folder) + 1:] if folder else relative
            sizes[rule_for(inside, lang_of[folder]) or kind(inside)] += info.compress_size
    return sizes


def saved_size(site: Path) -> str:
    """What the save control shows: offline-manifest.json's bytes as offline-app.js's megabytes() rounds them."""
    size = json.loads((site / "offline-manifest.json").read_text(encoding="utf-8"))["bytes"] / 1e6
    return f"{size:.1f} MB" if size < 10 else f"{size:.0f} MB"


def main() -> None:
    build_script = _build_script()
    folder = Path(tempfile.mkdtemp(prefix="offline-zip-bench-"))
    try:
        project = copy_project(folder / "project")
        offline, hosted = folder / "site-offline", folder / "site"
        build(project, build_script.VARIANTS["site-offline"], offline)
        build(project, build_script.VARIANTS["site"], hosted)
        languages = build_script.offline_languages()
        lang_of = {lang.folder: search_languages(offline / lang.folder) for lang in languages}
        before = Path(shutil.make_archive(str(folder / "before"), "zip", root_dir=folder, base_dir="site-offline"))
        trimmed = folder / "trimmed"
        shutil.copytree(offline, trimmed)
        after = build_script.package_offline_copy(trimmed, folder / "after.zip", languages)
        old, new = categories(before, "site-offline/", languages, lang_of), categories(after, "ot-guide-offline/guide/", languages, lang_of)
        print(f"{'category':<22}{'before KB':>11}{'after KB':>11}")
        for category in sorted(set(old) | set(new), key=lambda c: -old[c] - new[c]):
            print(f"{category:<22}{old[category] / 1e3:>11.1f}{new[category] / 1e3:>11.1f}")
        print(f"{'zip file':<22}{before.stat().st_size / 1e3:>11.1f}{after.stat().st_size / 1e3:>11.1f}")
        print(f"\nThe zip, both languages: {before.stat().st_size / 1e6:.2f} MB before, {after.stat().st_size / 1e6:.2f} MB now.")
        for lang in languages:
            print(f"The save control ({lang.name}, hosted {lang.folder or '.'}/): {saved_size(hosted / lang.folder)} "
                  "(its language's files, uncompressed)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
