"""Hostile files and links (issue 21): what MkDocs would copy into the site unread.

Each case adds files or links to a copy of the project and runs scripts/build.py:
it must refuse before building anything, naming each file with its reason, and
leave the last good site/ and site-offline/ as they were. Link cases run twice:
in a copy that is a git work tree (its files added to git's index) and in a plain
copy (no git: the fallback of otsite/project_links.py). The pages folders' cases
run in docs/ and in docs-es/. Then, on the real site: the built HTML is exactly
the pages MkDocs rendered (plus the theme's 404), every other markup file comes
from the theme, and in Chromium (http and file://) none of those runs script.
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import Error as PlaywrightError

from conftest import ROOT, copy_project, run_build, run_build_script, serve_folder
from test_hostile_corpus import _RECORDER, OUTSIDE_MARKER, _old_site

HTML = b"<!doctype html><title>x</title><script>parent.__pwned = 1; alert(1)</script>"
SVG_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
SVG_ONLOAD = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>'
XHTML = b'<html xmlns="http://www.w3.org/1999/xhtml"><body><script>alert(1)</script></body></html>'
XML = b'<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="evil.xsl"?>\n<page/>'
XSL = (b'<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/">'
       b'<html><script>alert(1)</script></html></xsl:template></xsl:stylesheet>')
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff\xe0"
CAP = 1024 * 1024  # otsite/content_files.py: 1 MB unless extra.max_picture_kb says otherwise
ABOUT = (ROOT / "docs" / "about.md").read_bytes()  # a valid page: a collision must be refused for where it lands, not its text

Files = dict[str, bytes | str]  # path in the project: its bytes, or "-> target" for a link


@dataclass
class Hostile:
    name: str
    files: Files
    refused: dict[str, str]  # each file the report must name: words of its reason
    modes: tuple[str, ...] = ("git", "plain")


def _in(folder: str, name: str, files: Files, refused: dict[str, str]) -> Hostile:
    """A pages-folder case, in `folder` (docs or docs-es)."""
    return Hostile(f"{folder}-{name}", {f"{folder}/{path}": data for path, data in files.items()},
                   {f"{folder}/{path}": why for path, why in refused.items()}, modes=("plain",))  # git plays no part in these


WEB_PAGE = "a web page file is published as it is and can run script"
SVG = "an SVG picture can hold script"
XML_WHY = "an XML file can run script through a stylesheet"
CODE = "code and site settings are not content"
MARKUP_INSIDE = "but inside it is text or markup (HTML, SVG or XML), which could run script"
TOO_BIG = "KB, over the 1,024 KB a picture may be"


def _folder_cases(folder: str) -> list[Hostile]:
    return [
        _in(folder, "html", {"evil.html": HTML}, {"evil.html": WEB_PAGE}),
        _in(folder, "htm-upper", {"assets/EVIL.HTM": HTML}, {"assets/EVIL.HTM": WEB_PAGE}),
        _in(folder, "svg-script", {"evil.svg": SVG_SCRIPT}, {"evil.svg": SVG}),
        _in(folder, "svg-onload", {"conditions/chart.svg": SVG_ONLOAD}, {"conditions/chart.svg": SVG}),
        _in(folder, "xhtml", {"evil.xhtml": XHTML}, {"evil.xhtml": WEB_PAGE}),
        _in(folder, "xml-xsl", {"evil.xml": XML, "evil.xsl": XSL}, {"evil.xml": XML_WHY, "evil.xsl": XML_WHY}),
        _in(folder, "js-mjs-css", {"evil.js": b"alert(1)", "evil.mjs": b"alert(1)", "assets/evil.css": b"*{display:none}"},
            {"evil.js": CODE, "evil.mjs": CODE, "assets/evil.css": CODE}),
        _in(folder, "font-manifest", {"font.woff2": b"wOF2", "app.webmanifest": b"{}"}, {"font.woff2": CODE, "app.webmanifest": CODE}),
        _in(folder, "executable-unknown-no-ending", {"run.exe": b"MZ", "thing.qqq": b"x", "LICENSE": b"text"},
            {"run.exe": "a program or archive is never published", "thing.qqq": "this kind of file is not one the site publishes",
             "LICENSE": "a file with no ending"}),
        _in(folder, "pdf", {"handout.pdf": b"%PDF-1.7"}, {"handout.pdf": "a PDF can carry script"}),
        _in(folder, "page-upper-ending", {"notes.MD": b"# Notes"}, {"notes.MD": "only with a lowercase .md ending"}),
        _in(folder, "png-holding-html", {"photo.png": HTML}, {"photo.png": MARKUP_INSIDE}),
        _in(folder, "png-holding-svg", {"photo2.png": b"\xef\xbb\xbf \n" + SVG_ONLOAD}, {"photo2.png": MARKUP_INSIDE}),
        _in(folder, "jpeg-webp-holding-html", {"photo.jpg": HTML, "photo.webp": HTML}, {"photo.jpg": MARKUP_INSIDE, "photo.webp": MARKUP_INSIDE}),
        _in(folder, "webp-holding-other-riff", {"clip.webp": b"RIFF\0\0\0\0AVI LIST" + HTML},
            {"clip.webp": "its name says WebP picture, but inside it is something else"}),
        _in(folder, "png-holding-jpeg", {"photo3.png": JPEG + bytes(100)}, {"photo3.png": "a JPEG picture (give it that ending)"}),
        _in(folder, "oversized-pictures", {"big.png": PNG + bytes(CAP), "big.JPG": JPEG + bytes(CAP)}, {"big.png": TOO_BIG, "big.JPG": TOO_BIG}),
    ]


OUTSIDE = "outside the project folder"
HIDDEN = "inside the hidden folder"
IGNORED = "a file git ignores"
DANGLING = "which does not exist"
LOOP = "a folder that holds this link"

LINK_CASES = [
    Hostile("passwd-from-docs-es-locales-overrides-data",
            {"docs-es/leak.txt": "-> /etc/passwd", "locales/es/leak.po": "-> /etc/passwd",
             "overrides/partials/leak.html": "-> /etc/passwd", "data/leak.yml": "-> /etc/passwd"},
            {"docs-es/leak.txt": OUTSIDE, "locales/es/leak.po": OUTSIDE, "overrides/partials/leak.html": OUTSIDE, "data/leak.yml": OUTSIDE}),
    Hostile("outside-file-relative", {"docs-es/secret.md": "-> ../../outside.txt"}, {"docs-es/secret.md": OUTSIDE}),
    Hostile("outside-folder", {"docs-es/etc": "-> /etc", "locales/etc": "-> /etc"}, {"docs-es/etc": OUTSIDE, "locales/etc": OUTSIDE}),
    Hostile("folder-holding-the-link", {"docs-es/loop": "-> ..", "overrides/up": "-> ../overrides"},
            {"docs-es/loop": LOOP, "overrides/up": LOOP}),
    Hostile("dangling", {"docs-es/gone.png": "-> nothing-here.png", "data/gone.yml": "-> ../nowhere.yml"},
            {"docs-es/gone.png": DANGLING, "data/gone.yml": DANGLING}),
    Hostile("git-config", {"docs/gitconfig.txt": "-> ../.git/config"}, {"docs/gitconfig.txt": f"{HIDDEN} .git"}, modes=("git",)),
    Hostile("dot-env-and-venv", {"docs/env.md": "-> ../.env", "docs-es/venv.md": "-> ../.venv/README.md"},
            {"docs/env.md": f"{HIDDEN} .env", "docs-es/venv.md": f"{HIDDEN} .venv"}),
    Hostile("node-modules", {"docs/pkg.md": "-> ../node_modules/pkg/README.md", "docs-es/modules": "-> ../node_modules"},
            {"docs/pkg.md": IGNORED, "docs-es/modules": IGNORED}),
    Hostile("built-output", {"locales/old.po": "-> ../site/index.html"}, {"locales/old.po": IGNORED}),
    Hostile("untracked", {"docs/notes.md": "-> ../scratch/notes.md"}, {"docs/notes.md": "a file git does not track"}, modes=("git",)),
    Hostile("docs-es-language-collision", {"docs/es/index.md": ABOUT}, {"docs/es": "the Español (es) site is published at es/"}),
    Hostile("docs-es-page-collision", {"docs/es.md": ABOUT}, {"docs/es.md": "the Español (es) site is published at es/"}),
]
CASES = _folder_cases("docs") + _folder_cases("docs-es") + LINK_CASES
SETUP: Files = {  # what the links point at, in both copies; made after git's index is filled, so untracked
    "node_modules/pkg/README.md": b"# secret package readme", "node_modules/pkg/index.js": b"alert(1)", "scratch/notes.md": b"# notes",
    ".env": f"TOKEN={OUTSIDE_MARKER}".encode(), ".venv/README.md": OUTSIDE_MARKER.encode(), "site/index.html": b"OLD SITE",
}


def _make(project: Path, files: Files) -> list[Path]:
    """Write `files`; returns what to remove afterwards (each file, or the highest folder made for it)."""
    made = []
    for relative, data in files.items():
        path = project / relative
        made.append(next((p for p in reversed(path.parents) if p.is_relative_to(project) and p != project
                          and not p.exists() and not p.is_symlink()), path))
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.symlink_to(data.removeprefix("-> "))
        else:
            path.write_bytes(data)
    return made


def _remove(paths: list[Path]) -> None:
    for path in paths:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """A copy of the project per mode, made on first use: "git" (a work tree, every file in git's index) or "plain"."""
    made: dict[str, Path] = {}

    def project(mode: str) -> Path:
        if mode not in made:
            folder = tmp_path_factory.mktemp(f"hostile-files-{mode}")
            (folder / "outside.txt").write_text(OUTSIDE_MARKER)
            made[mode] = copy_project(folder / "project")
            shutil.copy(ROOT / ".gitignore", made[mode] / ".gitignore")
            if mode == "git":
                for command in (["git", "init", "-q"], ["git", "add", "-A"]):
                    subprocess.run(command, cwd=made[mode], check=True, capture_output=True)
            _make(made[mode], SETUP)
        return made[mode]
    return project


def _build_script() -> ModuleType:
    """scripts/build.py of this checkout, as a module (its check, refused_inputs, runs without building)."""
    spec = importlib.util.spec_from_file_location("ot_build_script", ROOT / "scripts" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _report_lines(stderr: str) -> dict[str, str]:
    """{file: message} of each problem the report lists ("  path: message")."""
    return dict(re.findall(r"^  (\S[^:\n]*): (.*)$", stderr, re.MULTILINE))


RUNS = [(mode, case) for case in CASES for mode in case.modes]


@pytest.mark.parametrize("mode, case", RUNS, ids=[f"{mode}-{case.name}" for mode, case in RUNS])
def test_refused_before_building_with_file_and_reason_and_the_old_site_kept(mode: str, case: Hostile, projects: Callable[[str], Path]) -> None:
    root = projects(mode)
    for site in ("site", "site-offline"):
        _old_site(root / site)
    made = _make(root, case.files)
    try:
        result = run_build_script(root)
    finally:
        _remove(made)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "Nothing was built" in result.stderr, f"not refused before building:\n{result.stderr[-3000:]}"
    named = _report_lines(result.stderr)
    assert set(named) == set(case.refused), result.stderr[-3000:]
    for path, why in case.refused.items():
        assert why in named[path], f"{path}: {named[path]!r} does not say {why!r}"
    for site in ("site", "site-offline"):
        assert (root / site / "index.html").read_text() == "OLD SITE" and len(list((root / site).iterdir())) == 1
    assert not (root / "dist").exists() and not list(root.glob(".site-*"))


@pytest.mark.parametrize("config, path, target, why", [
    ("mkdocs.yml", "docs/evil.svg", SVG_ONLOAD, SVG),
    ("mkdocs-es.yml", "docs-es/leak.txt", "-> /etc/passwd", OUTSIDE),
    ("mkdocs-offline-es.yml", "locales/es/etc", "-> /etc", OUTSIDE),
    ("mkdocs.yml", "docs/es/index.md", ABOUT, "the Español (es) site is published at es/"),
], ids=["svg", "docs-es-passwd", "locales-folder", "language-folder"])
def test_the_hook_alone_refuses_too(projects: Callable[[str], Path], tmp_path: Path, config: str, path: str, target: bytes | str, why: str) -> None:
    """A writer's `mkdocs build` (or serve) meets the same check before MkDocs writes anything."""
    root = projects("plain")
    site = tmp_path / "site"
    _old_site(site)
    made = _make(root, {path: target})
    try:
        result = run_build(root, config, site)
    finally:
        _remove(made)
    shown = path if not path.startswith("docs/es/") else "docs/es"
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert why in _report_lines(result.stderr).get(shown, ""), result.stderr[-3000:]
    assert (site / "index.html").read_text() == "OLD SITE" and not list(tmp_path.glob(".site-building-*"))


@pytest.mark.parametrize("mode", ["git", "plain"])
def test_pictures_pages_links_inside_the_project_and_hidden_files_are_accepted(mode: str, projects: Callable[[str], Path]) -> None:
    """The allowlist lets through what writers add: a real PNG, JPEG and WebP (any case, up to the cap), pages, a link to
    another tracked page, and OS junk MkDocs leaves out (.DS_Store); scripts/build.py's check reports nothing."""
    root = projects(mode)
    made = _make(root, {"docs/assets/pictures/hand.png": PNG + bytes(CAP - len(PNG)), "docs-es/mano.JPG": JPEG + bytes(10),
                        "docs/photo.webp": b"RIFF\0\0\0\0WEBPVP8 ", "docs/.DS_Store": b"\0\0\0\1Bud1",
                        "docs-es/acerca-en.md": "-> ../docs/about.md"})
    try:
        refused = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, 'scripts'); from build import refused_inputs; "
                                  "r = refused_inputs(); print(r.report() if r else 'none')"], cwd=root, capture_output=True, text=True,
                                 env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    finally:
        _remove(made)
    assert refused.stdout.strip() == "none", refused.stdout + refused.stderr[-2000:]


def test_the_picture_cap_is_a_setting(tmp_path: Path) -> None:
    """extra.max_picture_kb sets the cap; a value that is not a whole number of KB is named, with its setting."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from otsite.content_files import content_problems
    from otsite.project_links import FoundFile
    picture = tmp_path / "hand.png"
    picture.write_bytes(PNG + bytes(600 * 1024))
    found = [FoundFile("docs/hand.png", "hand.png", picture)]

    def messages(settings: dict) -> list[str]:
        return [str(problem) for problem in content_problems(found, lambda path: False, settings)]
    assert messages({}) == [] and messages({"max_picture_kb": 2048}) == []
    assert messages({"max_picture_kb": 500}) == ["docs/hand.png: this PNG picture is 600 KB, over the 500 KB a picture may be "
                                                 "(expected a smaller file: save it at most 1600 pixels wide, photos as JPEG or WebP)"]
    assert messages({"max_picture_kb": "big"}) == ["mkdocs.yml: extra.max_picture_kb: 'big' is not a size "
                                                   "(expected a whole number of kilobytes, like 1024)"]


def test_the_real_project_passes_the_check() -> None:
    """The shipped docs/, docs-es/, data/, locales/ and overrides/ hold only what the policy allows."""
    refused = _build_script().refused_inputs()
    assert refused is None, refused.report()


# The built site: markup only from rendered pages and the theme.
MARKUP_ENDINGS = (".html", ".htm", ".xhtml", ".xht", ".svg", ".svgz", ".xml", ".xsl", ".xslt")
MATERIAL_THEME = Path(__import__("material").__file__).parent / "templates"


def _page_addresses(hosted: Path) -> set[str]:
    """Each page MkDocs rendered, from the sitemaps it wrote (its list of documentation pages), as an address
    relative to the site: "" (home), "about/", "es/", "es/about/"."""
    paths = [urlparse(url).path for sitemap in (hosted / "sitemap.xml", hosted / "es" / "sitemap.xml")
             for url in re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))]
    base = min(paths, key=len)  # the English home page: the site's own path
    return {path.removeprefix(base) for path in paths}


def _rendered(site: Path, hosted: Path, offline: bool) -> set[str]:
    """The HTML files (relative to `site`) that the pages and the theme's 404 make in the hosted or the offline copy."""
    pages = _page_addresses(hosted)
    if not offline:
        return {f"{page}index.html" for page in pages} | {"404.html", "es/404.html"}
    # Offline addresses end in .html: about.md -> about.html, conditions/index.md -> conditions/index.html.
    return {next((name for name in (f"{page}index.html", page.rstrip("/") + ".html") if (site / name).is_file()), f"{page}?")
            for page in pages}


def _from_theme(relative: str) -> bool:
    """Whether a built file is a theme file: in overrides/ or in Material's own templates (also under es/)."""
    inside = relative.removeprefix("es/")
    return (ROOT / "overrides" / inside).is_file() or (MATERIAL_THEME / inside).is_file()


def _markup_files(site: Path) -> set[str]:
    """Every file a browser could take for a document: by its ending, or by starting with "<"."""
    found = set()
    for path in site.rglob("*"):
        if path.is_file():
            with path.open("rb") as stream:
                head = stream.read(16).lstrip(b"\xef\xbb\xbf \t\r\n")
            if path.name.lower().endswith(MARKUP_ENDINGS) or head.startswith(b"<"):
                found.add(path.relative_to(site).as_posix())
    return found


@pytest.mark.parametrize("variant", ["hosted", "offline"])
def test_the_built_markup_is_the_rendered_pages_and_the_theme_only(variant: str, request: pytest.FixtureRequest) -> None:
    hosted: Path = request.getfixturevalue("hosted_site")
    site: Path = request.getfixturevalue(f"{variant}_site")
    markup = _markup_files(site)
    html = {path for path in markup if path.endswith(".html")}
    assert html == _rendered(site, hosted, offline=variant == "offline")
    assert [path for path in markup - html if not _from_theme(path)] == []


@pytest.mark.parametrize("variant", ["http", "file"])
def test_no_markup_file_but_the_pages_runs_script_in_chromium(browser: Browser, variant: str, request: pytest.FixtureRequest) -> None:
    """Every markup file of the built site that is not a rendered page (the theme's favicon.svg, sitemap.xml...),
    opened in Chromium as a reader's browser would open a link to it, runs nothing. A file Chromium downloads
    instead of showing runs nothing either."""
    hosted: Path = request.getfixturevalue("hosted_site")
    site: Path = hosted if variant == "http" else request.getfixturevalue("offline_site")
    others = sorted(_markup_files(site) - _rendered(site, hosted, offline=variant == "file"))
    assert others, "expected the theme's favicon.svg and sitemap.xml"
    context = browser.new_context()
    context.add_init_script(_RECORDER)
    page = context.new_page()
    ran = []
    with serve_folder(site) as origin:
        for path in others:
            try:
                page.goto(f"{origin}/{path}" if variant == "http" else (site / path).as_uri())
            except PlaywrightError as error:
                if "Download is starting" in str(error):
                    continue
                raise
            ran += [f"{path}: {found}" for found in page.evaluate(
                "() => [...document.querySelectorAll('script, [onload], [onerror], foreignObject')].map(e => e.tagName)"
                ".concat(window.__xss || [], window.__pwned ? ['__pwned'] : [])")]
    context.close()
    assert ran == []
