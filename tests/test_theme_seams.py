"""Every reach into MkDocs's or Material's internals is in hooks/theme_seams.py, holds on the pinned versions,
is noticed when it breaks, and an unknown version stops the build with one paragraph naming what to check.
The adapter keeps its state on objects and reads its settings once (issue 24, items 2-3)."""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import theme_seams
from serve_caches import SearchReuse
from theme_seams import CHECKED_ON, ENGINE, MATERIAL, SEAMS, SearchSeesPart, mend_markup, version_report

ROOT = Path(__file__).resolve().parents[1]
SEAM_NAMES = [seam.name for seam in SEAMS]


def _seam(name: str) -> theme_seams.Seam:
    return next(seam for seam in SEAMS if seam.name == name)


# ---------------------------------------------------------------- each seam holds, and its probe sees it break

@pytest.mark.parametrize("name", SEAM_NAMES)
def test_the_seam_holds_on_the_installed_versions(name: str) -> None:
    assert _seam(name).probe() is None


def _material_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edits: dict[str, tuple[str, str] | None]) -> None:
    """Material's templates as links to the real files, with `edits` ({template: (old, new)}, None: removed) applied."""
    real = theme_seams.material_folder()
    fake = tmp_path / "material"
    shutil.copytree(real / "templates", fake / "templates", copy_function=os.symlink,
                    ignore=shutil.ignore_patterns("*.map", "*.svg", "lunr", "fonts", "images", "icons"))
    for name, edit in edits.items():
        path = fake / "templates" / name
        text = path.read_text(encoding="utf-8")
        path.unlink()
        if edit is not None:
            assert edit[0] in text, (name, edit[0])
            path.write_text(text.replace(edit[0], edit[1]), encoding="utf-8")
    monkeypatch.setattr(theme_seams, "material_folder", lambda: fake)


def _worker() -> str:
    folder = theme_seams.material_folder() / "templates"
    return next(folder.glob("assets/javascripts/workers/search.*.min.js")).relative_to(folder).as_posix()


def _reordered_build(config):  # noqa: ANN001, ANN202 - the engine's build, cleaning its folder before on_pre_build
    utils.clean_directory(config.site_dir)  # noqa: F821 - only read by inspect, never run
    config.plugins.on_pre_build(config=config)
    get_files(config)  # noqa: F821
    config.plugins.on_post_build(config=config)
    warning_counter.get_counts()  # noqa: F821


def _render_with_a_new_argument(self, config, files, markdown=None):  # noqa: ANN001, ANN202 - a renamed/extended Page.render
    self.content, self.toc, self.present_anchor_ids = "", [], set()


def _break(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make seam `name` stop holding, as a new MkDocs or Material release could."""
    from material.plugins.offline.config import OfflineConfig
    from material.plugins.search.config import SearchConfig
    from material.plugins.search.plugin import SearchIndex
    from mkdocs import livereload, utils
    from mkdocs.commands import build
    from mkdocs.structure.pages import Page
    original_add = SearchIndex.add_entry_from_context

    def add_to_renamed_list(self, page) -> None:  # noqa: ANN001 - the entries kept under another name
        self.docs = getattr(self, "docs", [])
        self.docs.append({"location": page.url, "title": page.title, "text": page.content})

    def excluding_whole_blocks(self, page) -> None:  # noqa: ANN001 - data-search-exclude fixed upstream
        page.content = re.sub(r"<div data-search-exclude>.*</div>", "", page.content, flags=re.DOTALL)
        original_add(self, page)

    breakers = {
        "search-settings": lambda: monkeypatch.setattr(SearchConfig, "_schema", tuple(o for o in SearchConfig._schema if o[0] != "separator")),
        "search-entries": lambda: monkeypatch.setattr(SearchIndex, "add_entry_from_context", add_to_renamed_list),
        "search-content": lambda: monkeypatch.setattr(SearchIndex, "add_entry_from_context", excluding_whole_blocks),
        "skip-markdown": lambda: monkeypatch.setattr(Page, "render", _render_with_a_new_argument),
        "scratch-output": lambda: monkeypatch.setattr(build, "build", _reordered_build),
        "read-like-mkdocs": lambda: monkeypatch.setattr(utils, "markdown_extensions", (".markdown",)),
        "plugin-settings": lambda: monkeypatch.setattr(OfflineConfig, "_schema", tuple(o for o in OfflineConfig._schema if o[0] != "enabled")),
        "markup-mend": lambda: _material_copy(tmp_path, monkeypatch, {"base.html": (' autocomplete="off"', "")}),
        "language-switch": lambda: _material_copy(tmp_path, monkeypatch, {"partials/header.html": (
            "{% if config.extra.alternate %}", "{% if config.extra.alternate is iterable %}")}),
        "shared-nav": lambda: _material_copy(tmp_path, monkeypatch, {"partials/nav.html": None}),
        "template-overrides": lambda: _material_copy(tmp_path, monkeypatch, {"partials/footer.html": None}),
        "search-worker": lambda: _material_copy(tmp_path, monkeypatch, {_worker(): ("lunr.multi.min.js", "lunr.multiple.min.js")}),
        "preview": lambda: monkeypatch.delattr(livereload, "_Handler"),
    }
    assert set(breakers) == set(SEAM_NAMES), "every seam needs a way to break it here"
    breakers[name]()


@pytest.mark.parametrize("name", SEAM_NAMES)
def test_a_broken_seam_is_noticed(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _break(name, tmp_path, monkeypatch)
    assert _seam(name).probe()


# ---------------------------------------------------------------- the version guard

def _pins() -> dict[str, str]:
    """{package: version} of the engines and the theme pinned in requirements.txt."""
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    return {package: found[1] for package in CHECKED_ON if (found := re.search(rf"^{re.escape(package)}==(\S+)", text, re.MULTILINE))}


def test_the_pinned_versions_are_the_checked_ones() -> None:
    pins = _pins()
    assert {"mkdocs", MATERIAL} <= set(pins), pins
    assert version_report(pins) is None, pins


def test_the_running_versions_are_checked() -> None:
    assert version_report(theme_seams.installed_versions()) is None


@pytest.mark.parametrize(("package", "kind"), [(MATERIAL, MATERIAL), ("mkdocs", ENGINE), ("properdocs", ENGINE)])
def test_an_unknown_version_names_the_seams_to_check(package: str, kind: str) -> None:
    report = version_report({package: "99.0"})
    assert report and "\n" not in report
    assert f"{package} 99.0" in report and "hooks/theme_seams.py" in report and "CHECKED_ON" in report
    for seam in SEAMS:
        assert (seam.name in report) == (seam.package == kind), seam.name


def test_an_unknown_version_says_which_seam_broke(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _break("markup-mend", tmp_path, monkeypatch)
    report = version_report({MATERIAL: "9.9.0"})
    assert report and "These no longer hold: markup-mend (" in report


def test_an_unknown_material_stops_the_build_with_one_paragraph(tmp_path: Path) -> None:
    """A real `mkdocs build` told Material is 9.9.0: one error paragraph, no traceback, nothing written."""
    pretend = ("import importlib.metadata as m, sys; real = m.version; "
               "m.version = lambda name: '9.9.0' if name == 'mkdocs-material' else real(name); "
               "from mkdocs.__main__ import cli; sys.argv = ['mkdocs'] + sys.argv[1:]; cli()")
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-c", pretend, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "Traceback" not in output, output
    assert "This build runs mkdocs-material 9.9.0" in output and "markup-mend" in output and "skip-markdown" not in output, output
    assert not site.exists()


def test_the_seams_hold_under_properdocs() -> None:
    """ProperDocs answers `mkdocs` imports with its own modules: every probe runs against those."""
    script = ("import properdocs.replacement, sys; sys.path.insert(0, 'hooks'); import theme_seams as t; "
              "print(t.installed_versions()); print([(s.name, t._safe_probe(s)) for s in t.SEAMS if t._safe_probe(s)])")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    versions, broken = done.stdout.splitlines()
    assert "'properdocs': '1.6.7'" in versions and broken == "[]", done.stdout


# ---------------------------------------------------------------- the seams' code

def test_the_mend_removes_what_material_writes() -> None:
    base = theme_seams.material_template("base.html")
    checkboxes = [line.strip() for line in base.splitlines() if 'data-md-toggle="drawer"' in line or 'data-md-toggle="search"' in line]
    assert len(checkboxes) == 2 and all("autocomplete" not in mend_markup(line) for line in checkboxes)
    assert mend_markup('<label class="md-nav__link" tabindex="">') == '<label class="md-nav__link">'


def _page(content: str) -> SimpleNamespace:
    return SimpleNamespace(content=content, meta={"tags": ["hand"]}, toc=[], url="clinics/x/", title="X",
                           file=SimpleNamespace(src_uri="clinics/x.md"))


def test_search_sees_only_the_part_then_the_page_gets_it_back() -> None:
    page, part = _page("<h1 id='x'>X</h1><div data-search-exclude>rest</div>"), "<h1 id='x'>X</h1>"
    seen = SearchSeesPart()
    seen.show(page, part)
    assert page.content == part
    seen.give_back(page)
    assert "rest" in page.content


def test_kept_search_entries_are_the_ones_a_fresh_parse_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under serve an unchanged page's entries come back without Material parsing it again (the public
    search.exclude setting, instead of wrapping SearchIndex.add_entry_from_context), and its front matter is left as it was."""
    from material.plugins.search import plugin as search
    reuse, content = SearchReuse(), "<h1 id='x'>X</h1><p>Harbor hand clinic</p><h2 id='y'>Y</h2><p>Hours</p>"

    def one_build() -> tuple[list[dict], SimpleNamespace]:
        reuse.new_round()
        material, page = theme_seams._search_plugin(), _page(content)
        reuse.before_search(page, material.search_index.entries)
        material.on_page_context({}, page=page, config=None, nav=None)
        reuse.after_search(page, material.search_index.entries)
        return material.search_index.entries, page

    fresh, _ = one_build()
    parsed = []
    monkeypatch.setattr(search.Parser, "feed", lambda self, data: parsed.append(data))
    kept, page = one_build()
    assert kept == fresh and len(fresh) == 2
    assert parsed == [], "Material parsed the unchanged page again"
    assert "search" not in page.meta


# ---------------------------------------------------------------- a thin adapter: no module globals, settings read once

HOOKS = sorted((ROOT / "hooks").rglob("*.py"))


@pytest.mark.parametrize("path", ["ot_site_hook.py"])
def test_the_adapter_keeps_its_state_on_one_object(path: str) -> None:
    tree = ast.parse((ROOT / "hooks" / path).read_text(encoding="utf-8"))
    assigned = {target.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(target, ast.Name)}
    assert assigned <= {"_session", "reminders", "log", "on_page_context"}, assigned


@pytest.mark.parametrize("path", HOOKS, ids=lambda path: path.relative_to(ROOT / "hooks").as_posix())
def test_nothing_in_hooks_rebinds_a_module_global(path: Path) -> None:
    assert not [node for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.Global)]


# Reads the environment, and why that is not a build setting: the export's copy of MkDocs's `!ENV` tag in configuration files.
ENVIRONMENT_READERS = {"hooks/otsite/export_config.py"}


def test_the_core_and_the_main_hook_never_read_the_environment() -> None:
    """The environment is read once, into otsite/settings.BuildSettings (from site_build.read_settings)."""
    readers = {path.relative_to(ROOT).as_posix() for path in [*(ROOT / "hooks" / "otsite").rglob("*.py"), ROOT / "hooks" / "ot_site_hook.py"]
               if re.search(r"os\.environ|os\.getenv", path.read_text(encoding="utf-8"))}
    assert readers == ENVIRONMENT_READERS


def test_data_files_are_parsed_again_only_when_kept_and_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under serve the session's ParsedFiles (serve_caches.ServeCaches.data_files) keeps each data file's reading;
    a one-off build keeps none, and a changed file is read anew."""
    from otsite import yaml_source
    parsed: list[bytes] = []
    real = yaml_source._parse_bytes
    monkeypatch.setattr(yaml_source, "_parse_bytes", lambda data, shown: parsed.append(data) or real(data, shown))
    data = tmp_path / "clinics.yml"
    data.write_text("clinics: []\n", encoding="utf-8")
    kept = yaml_source.ParsedFiles()
    for _ in range(2):
        with yaml_source.keeping_parsed(kept):
            assert yaml_source.read_yaml(data, "data/clinics.yml")[0].data == {"clinics": []}
    assert len(parsed) == 1
    yaml_source.read_yaml(data, "data/clinics.yml")  # outside: nothing kept
    data.write_text("clinics: [x]\n", encoding="utf-8")
    with yaml_source.keeping_parsed(kept):
        assert yaml_source.read_yaml(data, "data/clinics.yml")[0].data == {"clinics": ["x"]}
    assert len(parsed) == 3
