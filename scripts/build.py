"""Build the hosted site into site/ and the offline copy into site-offline/, each in
every language (English at the root, Spanish under es/), then zip the offline copy
as dist/ot-guide-offline.zip.

The offline copy is trimmed to what a reader opening it from disk needs (otsite/offline_copy.py:
no source maps, no other languages' search files, nothing only the hosted site uses) and zipped
behind one page to open first, in every language.

Each build runs with --strict into a staging folder; site/ and site-offline/ are
replaced only when every build succeeded, so a failed build (bad data, a broken
link, a missing translation field) leaves the last good site in place.

The generator is MkDocs 1.6.1, or ProperDocs (a fork of MkDocs 1.6 that reads the same mkdocs.yml, hooks
and Material theme, and answers `mkdocs.*` imports) with OT_ENGINE=properdocs: both are pinned in
requirements.txt, and tests/test_engines.py checks they build the same site apart from the generator tag.

Usage: python scripts/build.py        (OT_ENGINE=properdocs python scripts/build.py: the other engine)
"""
from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from otsite.offline_copy import ARCHIVE_FOLDER, GuideLanguage, open_first_name, trim, write_archive  # noqa: E402 - after the path is set
from otsite.output_folder import swap_in  # noqa: E402
from otsite.vendored import VENDOR_FOLDER, check_folder  # noqa: E402
from otsite.problems import DataError  # noqa: E402

# Output folder -> (configuration, subfolder) per language; English first, at the folder's root.
VARIANTS = {
    "site": [("mkdocs.yml", ""), ("mkdocs-es.yml", "es")],
    "site-offline": [("mkdocs-offline.yml", ""), ("mkdocs-offline-es.yml", "es")],
}
ZIP_NAME = "ot-guide-offline"
OFFLINE = "site-offline"
ENGINE_SETTING = "OT_ENGINE"  # environment variable: the generator, one of ENGINES
ENGINES = ("mkdocs", "properdocs")  # each one's Python module and command, the default first


def chosen_engine() -> str:
    engine = os.environ.get(ENGINE_SETTING) or ENGINES[0]
    if engine not in ENGINES:
        raise SystemExit(f"{ENGINE_SETTING}={engine}: expected one of {', '.join(ENGINES)}")
    return engine


def use_engine(engine: str) -> None:
    """In this process, `mkdocs.*` imports (the hook's and load_config's) answer from `engine`."""
    if engine != "mkdocs":
        importlib.import_module(f"{engine}.replacement")  # ProperDocs's own alias: mkdocs.* -> properdocs.*


def build_one(config: str, target: Path, engine: str = ENGINES[0]) -> bool:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", engine, "build", "--strict", "-f", str(ROOT / config), "-d", str(target)]
    if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
        print(f"\n{config}: the build failed; site/ and site-offline/ were left as they were.", file=sys.stderr)
        return False
    return True


def build_folder(folder: str, staging: Path, engine: str = ENGINES[0]) -> bool:
    """Every language of one output folder, assembled under staging/<folder>."""
    whole = staging / folder
    for config, subfolder in VARIANTS[folder]:
        part = staging / f"{folder}-{subfolder or 'root'}"
        if not build_one(config, part, engine):
            return False
        if subfolder:  # each build empties its own output folder, so languages are built apart, then joined
            part.rename(whole / subfolder)
        else:
            part.rename(whole)
    return True


def refused_inputs() -> DataError | None:
    """Every configuration's folders under the one path policy (otsite/build_inputs.py), before any build:
    a refused file stops them all, and docs/es/ would otherwise only fail when the languages are joined."""
    from mkdocs.config import load_config  # here: importing MkDocs is not free, and the hook's own check needs it
    from ot_site_hook import build_inputs
    from otsite.build_inputs import input_problems
    configs = [config for variants in VARIANTS.values() for config, _ in variants]
    problems = {problem for config in configs for problem in input_problems(build_inputs(load_config(str(ROOT / config))))}
    problems |= set(check_folder(ROOT / VENDOR_FOLDER))  # the vendored runtimes against their pinned hashes (each build's hook checks too)
    return DataError(list(problems)) if problems else None


def offline_languages() -> list[GuideLanguage]:
    """Each language of the offline copy, from its configuration: code, name, the guide's name, folder."""
    from mkdocs.config import load_config
    languages = []
    for config_file, subfolder in VARIANTS[OFFLINE]:
        config = load_config(str(ROOT / config_file))
        code = str(config.extra.get("language") or config.theme["language"])
        languages.append(GuideLanguage(code, dict(config.extra["languages"])[code], config.site_name, subfolder))
    return languages


def package_offline_copy(site: Path, archive: Path, languages: list[GuideLanguage]) -> Path:
    """Trim the assembled offline copy `site` in place, then zip it as `archive`."""
    trim(site, [language.folder for language in languages])
    return write_archive(site, archive, languages)


def main() -> int:
    engine = chosen_engine()
    use_engine(engine)
    refused = refused_inputs()
    if refused:
        print(f"{refused.report(ROOT)}\n\nNothing was built; site/ and site-offline/ were left as they were.", file=sys.stderr)
        return 1
    staging = Path(tempfile.mkdtemp(prefix=".site-staging-", dir=ROOT))
    try:
        if not all(build_folder(folder, staging, engine) for folder in VARIANTS):
            return 1
        languages = offline_languages()
        trim(staging / OFFLINE, [language.folder for language in languages])  # before the swap: never half trimmed
        for folder in VARIANTS:
            swap_in(staging / folder, ROOT / folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    dist = ROOT / "dist"
    dist.mkdir(exist_ok=True)
    archive = write_archive(ROOT / OFFLINE, dist / f"{ZIP_NAME}.zip", languages)
    print(f"Built site/ (hosted) and site-offline/ (open site-offline/index.html; Spanish: site-offline/es/index.html), "
          f"in English and Spanish, zipped as {archive.relative_to(ROOT)} ({archive.stat().st_size / 1e6:.2f} MB; "
          f"unzipped, open {ARCHIVE_FOLDER}/{open_first_name(languages)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
