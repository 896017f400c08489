"""The site's own code lives on the theme side, not in the content folders (issue 21):
scripts, styles, icons and vendored runtimes in overrides/assets/, published at the same
addresses as before; the vendored runtimes checked against the hashes the vendoring script
recorded from the npm lock; no content file may take the address of one of the site's own
files; manifest.webmanifest written by the build from the configuration."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build, run_build_script

sys.path.insert(0, str(ROOT / "hooks"))
from otsite.vendored import RECORD, VENDOR_FOLDER, VENDORING_SCRIPT, check_folder, check_published, read_record, sha384  # noqa: E402
from otsite.web_manifest import short_name_problem, web_manifest  # noqa: E402
from otsite.minify import published_form  # noqa: E402

THEME_ASSETS = ROOT / "overrides" / "assets"
VENDOR = ROOT / VENDOR_FOLDER
HOSTED_ONLY = ("javascripts/offline-app.js", "stylesheets/offline-app.css", "vendor/workbox/")  # offline_app_hook._HOSTED_ONLY
ROOT_ONLY = ("vendor/workbox/",)  # the one service worker is the site root's: the other languages publish no Workbox
# Kinds of file that are code or site settings, never writers' content.
CODE_SUFFIXES = (".js", ".mjs", ".css", ".svg", ".webmanifest", ".json", ".html", ".xml", ".xsl")


def files_in(folder: str) -> list[str]:
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / folder).rglob("*") if p.is_file())


def theme_assets() -> list[str]:
    """Every file in overrides/assets/ the site publishes, relative to assets/."""
    return sorted(p.relative_to(THEME_ASSETS).as_posix() for p in THEME_ASSETS.rglob("*") if p.is_file() and p.name != RECORD)


# --- where the code is ---------------------------------------------------------------------------

@pytest.mark.parametrize("folder", ["docs", "docs-es"])
def test_content_folders_hold_no_site_code(folder: str) -> None:
    code = [path for path in files_in(folder) if path.lower().endswith(CODE_SUFFIXES)]
    assert files_in(folder) and code == []


def test_the_theme_side_holds_the_site_code() -> None:
    assets = theme_assets()
    for expected in ["javascripts/ot.js", "javascripts/emergency-search.js", "javascripts/finder.js", "javascripts/offline-app.js",
                     "stylesheets/ot.css", "stylesheets/offline-app.css", "favicon.svg", "icons/icon-192.png",
                     "vendor/workbox/workbox-sw.js", "vendor/iframe-worker/shim.js", "social-card.png"]:
        assert expected in assets


def test_every_theme_asset_is_published_at_its_address(hosted_site: Path, offline_site: Path) -> None:
    """The same URL as when they sat in docs/assets/, in both languages; the offline copy has all
    but the hosted-only save feature; the vendoring record is published nowhere. Scripts and
    stylesheets go out without their notes (otsite/minify.py), vendored runtimes byte for byte."""
    for name in theme_assets():
        source = (THEME_ASSETS / name).read_bytes()
        if name.endswith((".css", ".js")) and not name.startswith("vendor/"):
            source = published_form(name, source.decode("utf-8")).encode("utf-8")
        assert (hosted_site / "assets" / name).read_bytes() == source, name
        published = hosted_site / "es" / "assets" / name
        assert published.read_bytes() == source if not name.startswith(ROOT_ONLY) else not published.exists(), name
        for site in (offline_site, offline_site / "es"):
            published = site / "assets" / name
            assert published.is_file() != name.startswith(HOSTED_ONLY), (site, name)
    for site in (hosted_site, offline_site):
        assert not list(site.rglob(RECORD)) and (site / "manifest.webmanifest").is_file()


# --- verified runtimes -----------------------------------------------------------------------------

def test_the_vendored_files_match_their_record() -> None:
    assert check_folder(VENDOR) == []
    record, problems = read_record(VENDOR)
    assert problems == [] and {"workbox/workbox-sw.js", "workbox/workbox-precaching.prod.js", "iframe-worker/shim.js"} <= set(record)


def test_the_record_names_the_versions_the_npm_lock_pins() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    declared = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    record, _ = read_record(VENDOR)
    for entry in record.values():
        name, version = entry.package.rsplit("@", 1)
        assert declared[name] == version, f"{name}: package.json has {declared[name]}, the vendored files {version}"
        assert lock[f"node_modules/{name}"]["version"] == version
        assert lock[f"node_modules/{name}"]["integrity"] == entry.lock_integrity, f"{entry.path}: re-vendor ({VENDORING_SCRIPT})"


@pytest.fixture
def vendor_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "vendor"
    shutil.copytree(VENDOR, copy)
    return copy


def messages(problems: list) -> list[str]:
    return [str(problem) for problem in problems]


def test_a_changed_vendored_file_is_named_with_both_hashes_and_the_fix(vendor_copy: Path) -> None:
    target = vendor_copy / "workbox" / "workbox-sw.js"
    expected = sha384(target.read_bytes())
    target.write_bytes(target.read_bytes() + b"\n;self.addEventListener('fetch',e=>e.respondWith(new Response('pwned')));")
    [message] = messages(check_folder(vendor_copy, "V"))
    assert message.startswith("V/workbox/workbox-sw.js: changed since it was vendored from workbox-sw@7.4.1 ")
    assert expected in message and sha384(target.read_bytes()) in message and VENDORING_SCRIPT in message


def test_extra_missing_and_linked_files_are_each_reported(vendor_copy: Path, tmp_path: Path) -> None:
    (vendor_copy / "workbox" / "workbox-expiration.prod.js").write_text("self.evil = 1;")
    (vendor_copy / "iframe-worker" / "shim.js").unlink()
    outside = tmp_path / "outside.js"
    outside.write_bytes((VENDOR / "workbox" / "workbox-core.prod.js").read_bytes())  # the very same bytes, through a link
    (vendor_copy / "workbox" / "workbox-core.prod.js").unlink()
    (vendor_copy / "workbox" / "workbox-core.prod.js").symlink_to(outside)
    found = messages(check_folder(vendor_copy, "V"))
    assert len(found) == 3, found
    assert any(m.startswith("V/workbox/workbox-expiration.prod.js: not a vendored file") for m in found)
    assert any(m.startswith("V/iframe-worker/shim.js: missing, though VENDORED.json lists it") for m in found)
    assert any(m.startswith("V/workbox/workbox-core.prod.js: a link, not a vendored file") for m in found)


@pytest.mark.parametrize("record", [None, "{not json", '{"files": {"workbox/workbox-sw.js": {}}}', "[]"],
                         ids=["missing", "syntax", "fields", "shape"])
def test_a_missing_or_broken_record_stops_the_check(vendor_copy: Path, record: str | None) -> None:
    if record is None:
        (vendor_copy / RECORD).unlink()
    else:
        (vendor_copy / RECORD).write_text(record)
    [message] = messages(check_folder(vendor_copy, "V"))
    assert message.startswith(f"V/{RECORD}: ") and VENDORING_SCRIPT in message


def test_only_verified_published_files_may_be_imported(vendor_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(vendor_copy, site / "assets" / "vendor")
    assert check_published(site, ["assets/vendor/workbox/workbox-sw.js"], vendor_copy) == []
    (site / "assets" / "vendor" / "workbox" / "workbox-sw.js").write_text("self.evil = 1;")  # replaced on its way to the site
    found = messages(check_published(site, ["assets/vendor/workbox/workbox-sw.js", "assets/javascripts/ot.js",
                                            "assets/vendor/workbox/other.js"], vendor_copy))
    assert found[0].startswith("assets/vendor/workbox/workbox-sw.js (as published): changed since it was vendored")
    assert all("may import only verified files" in m for m in found[1:]) and len(found) == 3


# --- builds ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("theme-side") / "project")


def build_fails_keeping_the_old_site(project: Path, tmp_path: Path, config: str = "mkdocs.yml") -> str:
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.txt").write_text("the last good site")
    result = run_build(project, config, site)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert [p.name for p in site.iterdir()] == ["old.txt"]
    return result.stderr


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs-offline-es.yml"])
def test_a_changed_runtime_stops_every_build(project: Path, tmp_path: Path, config: str) -> None:
    shim = project / VENDOR_FOLDER / "iframe-worker" / "shim.js"
    original = shim.read_bytes()
    shim.write_bytes(original + b"\nalert(document.cookie);\n")
    try:
        stderr = build_fails_keeping_the_old_site(project, tmp_path, config)
    finally:
        shim.write_bytes(original)
    assert f"{VENDOR_FOLDER}/iframe-worker/shim.js: changed since it was vendored from iframe-worker@1.0.4" in stderr


def test_scripts_build_refuses_a_changed_runtime_before_building_anything(project: Path) -> None:
    workbox = project / VENDOR_FOLDER / "workbox" / "workbox-precaching.prod.js"
    original = workbox.read_bytes()
    workbox.write_bytes(original.replace(b"precache", b"precachE", 1))
    try:
        result = run_build_script(project, timeout=600)
    finally:
        workbox.write_bytes(original)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{VENDOR_FOLDER}/workbox/workbox-precaching.prod.js: changed since it was vendored from workbox-precaching@7.4.1" in result.stderr
    assert "Nothing was built" in result.stderr and not (project / "site").exists()


@pytest.mark.parametrize("content", ["docs/assets/icons/icon-192.png", "docs-es/assets/icons/icon-192.png"])
def test_a_content_file_may_not_take_the_address_of_the_sites_own(project: Path, tmp_path: Path, content: str) -> None:
    """A real picture, allowed as content, published where the theme's icon is: the build says so."""
    path = project / content
    path.parent.mkdir(parents=True)
    shutil.copy(THEME_ASSETS / "icons" / "icon-512.png", path)
    try:
        config = "mkdocs-es.yml" if content.startswith("docs-es/") else "mkdocs.yml"
        stderr = build_fails_keeping_the_old_site(project, tmp_path, config)
    finally:
        shutil.rmtree(project / content.split("/")[0] / "assets")
    assert (f"{content}: the site's own file overrides/assets/icons/icon-192.png is published at this address "
            "(expected another name") in stderr


# --- the web app manifest -------------------------------------------------------------------------

def test_the_manifest_is_one_json_value_whatever_the_names_hold() -> None:
    name = 'Guide "</script>\u2028\u202e'
    assert json.loads(web_manifest(name, "OT", "d\nd", "es"))["name"] == name


@pytest.mark.parametrize("short_name", [None, "", "   ", "A name far too long"])
def test_a_missing_or_long_short_name_is_refused(short_name: object) -> None:
    assert short_name_problem(short_name)
    assert short_name_problem("OT Guide") is None and short_name_problem("Guía de TO") is None


def test_the_build_refuses_a_long_short_name(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs-es.yml"
    text = config.read_text(encoding="utf-8")
    assert "  short_name: Guía de TO" in text
    config.write_text(text.replace("  short_name: Guía de TO", "  short_name: Guía de terapia ocupacional"), encoding="utf-8")
    try:
        stderr = build_fails_keeping_the_old_site(project, tmp_path, "mkdocs-es.yml")
    finally:
        config.write_text(text, encoding="utf-8")
    assert f"mkdocs-es.yml: extra.short_name: {len('Guía de terapia ocupacional')} characters (expected at most 12" in stderr
