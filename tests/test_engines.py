"""Two engines (issue 24, item 1): ProperDocs, a fork of MkDocs 1.6, builds the same site as MkDocs 1.6.1
from the same configurations, hooks and theme. Only what names the engine may differ: the generator tag,
and the precache lists' revisions of the files that differ by that tag alone (with the sums made from
them). Anything else fails with a diff of the first differing files (scripts/compare_builds.py).

MkDocs's builds are the run's shared ones (conftest's hosted_site and offline_site); ProperDocs's are
assembled the way scripts/build.py assembles them (English at the root, Spanish under es/), once a run."""
from __future__ import annotations

import importlib.metadata
import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT, built_once


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"ot_{name}_script", ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _script("build")
COMPARE = _script("compare_builds")
ENGINE = "properdocs"


def properdocs_site(folder: str) -> Path:
    """scripts/build.py's output folder `folder` (site, site-offline), built by ProperDocs, untrimmed like conftest's."""
    def assemble(site: Path) -> None:
        staging = site.parent / f"{site.name}-staging"
        shutil.rmtree(staging, ignore_errors=True)
        assert BUILD.build_folder(folder, staging, ENGINE), f"ProperDocs failed to build {folder} (its output is above)"
        (staging / folder).rename(site)
        staging.rmdir()
    return built_once(f"{ENGINE}-{folder}", assemble)


def generator(site: Path) -> str:
    head = (site / "index.html").read_text(encoding="utf-8")
    match = COMPARE.GENERATOR.search(head)
    assert match, "no generator tag"
    return match[0]


@pytest.mark.parametrize(("folder", "mkdocs_build"), [("site", "hosted_site"), ("site-offline", "offline_site")])
def test_properdocs_builds_the_same_site_as_mkdocs(request: pytest.FixtureRequest, folder: str, mkdocs_build: str) -> None:
    by_mkdocs, by_properdocs = request.getfixturevalue(mkdocs_build), properdocs_site(folder)
    # each build is really its engine's: else the comparison would compare MkDocs with itself
    assert f"mkdocs-{importlib.metadata.version('mkdocs')}," in generator(by_mkdocs)
    assert f"ProperDocs {importlib.metadata.version('properdocs')}," in generator(by_properdocs)
    found = COMPARE.engine_differences(by_mkdocs, by_properdocs)
    assert not found, COMPARE.report(found)
    assert (by_properdocs / "es" / "index.html").exists(), "both languages were compared"


# --- The comparison and the engine setting on their own (fast) -------------------------------------------

PAGE = '<head><meta name="generator" content="{engine}, mkdocs-material-9.8.1"></head><body><p>{text}</p></body>\n'
SW = 'const OT = {{"build":"{build}","files":[{{"url":"about/","revision":"{page}"}},{{"url":"ot.js","revision":"{script}"}}]}};\n'
MANIFEST = '{{\n "build": "{build}",\n "bytes": {bytes},\n "entries": [\n  {{\n   "url": "about/",\n   "revision": "{page}"\n  }}\n ]\n}}\n'


def write_site(site: Path, engine: str, text: str = "Hello", page: str = "aa11", script: str = "bb22", build: str = "cc33",
               size: int = 100) -> Path:
    for path, content in {"about/index.html": PAGE.format(engine=engine, text=text), "ot.js": "let a = 1;\n",
                          "sw.js": SW.format(build=build, page=page, script=script),
                          "es/offline-manifest.json": MANIFEST.format(build=build, bytes=size, page=page),
                          "es/about/index.html": PAGE.format(engine=engine, text=text)}.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(content, encoding="utf-8")
    return site


def test_only_the_generator_tag_and_the_hashes_made_from_it_may_differ(tmp_path: Path) -> None:
    first = write_site(tmp_path / "mkdocs", "mkdocs-1.6.1")
    same = write_site(tmp_path / "properdocs", "mkdocs-ProperDocs 1.6.7", page="dd44", build="ee55", size=104)
    assert COMPARE.engine_differences(first, same) == {}


@pytest.mark.parametrize(("change", "path", "shown"), [
    ({"text": "Hello!"}, "about/index.html", "+Hello!"),  # a reader's text
    ({"script": "ff66", "page": "dd44", "build": "ee55"}, "sw.js", '+{"url":"ot.js","revision":"ff66"}'),  # a file the tag does not touch
])
def test_anything_else_that_differs_is_shown(tmp_path: Path, change: dict[str, str], path: str, shown: str) -> None:
    first = write_site(tmp_path / "mkdocs", "mkdocs-1.6.1")
    other = write_site(tmp_path / "properdocs", "mkdocs-ProperDocs 1.6.7", **change)
    found = COMPARE.engine_differences(first, other)
    assert list(found)[0] == path and all(not name.endswith((".js", ".json")) for name in list(found)[1:])
    report = COMPARE.report(found)
    assert f"== {path}" in report and shown in report


def test_a_file_only_one_engine_wrote_is_a_difference(tmp_path: Path) -> None:
    first = write_site(tmp_path / "mkdocs", "mkdocs-1.6.1")
    other = write_site(tmp_path / "properdocs", "mkdocs-ProperDocs 1.6.7", page="dd44", build="ee55", size=104)
    (other / "extra.txt").write_text("x", encoding="utf-8")
    assert COMPARE.engine_differences(first, other) == {"extra.txt": ["only in properdocs"]}


def test_the_engine_is_chosen_by_ot_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BUILD.ENGINE_SETTING, raising=False)
    assert BUILD.chosen_engine() == "mkdocs"
    monkeypatch.setenv(BUILD.ENGINE_SETTING, ENGINE)
    assert BUILD.chosen_engine() == ENGINE
    monkeypatch.setenv(BUILD.ENGINE_SETTING, "hugo")
    with pytest.raises(SystemExit, match="OT_ENGINE=hugo: expected one of mkdocs, properdocs"):
        BUILD.chosen_engine()


def test_properdocs_is_pinned_and_reads_the_theme_and_plugins_mkdocs_does() -> None:
    """ProperDocs, installed as requirements.txt pins it, finds Material's theme and plugins under MkDocs's
    entry-point groups, and owns a package of its own (`properdocs`): so one venv serves both engines."""
    pins = dict(line.split("#")[0].strip().split("==") for line in (ROOT / "requirements.txt").read_text().splitlines()
                if "==" in line.split("#")[0])
    assert pins.get(ENGINE) == importlib.metadata.version(ENGINE)
    from properdocs.plugins import get_plugins
    from properdocs.utils import get_theme_names
    assert "material" in get_theme_names()
    assert {"material/search", "material/offline"} <= set(get_plugins())
