"""Found and shared like a real site (issue 12): canonical links, sitemap.xml,
Open Graph and Twitter card tags on every page of a hosted build whose site_url
has a sub-path (OT_SITE_URL), none of the absolute ones in the offline copy,
hostile titles kept as text, and the 404 page working under the sub-path in
Chromium."""
from __future__ import annotations

import io
import re
import struct
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Page

from conftest import ROOT, Watch, _QuietHandler, copy_project, run_build, serve_folder

SITE_URL = "https://example.org/ot-guide/"
MOUNT = "/ot-guide/"
IMAGE = "assets/social-card.png"
# One page of each type, as hosted paths under the site's address.
PAGE_TYPES = {
    "home": "", "writer's page": "what-is-ot/", "condition": "conditions/stroke/", "conditions A to Z": "conditions/",
    "browse": "conditions/by-body-area/", "finder": "clinics/", "clinic": "clinics/poway-rehab-and-driving-center/",
    "glossary": "glossary/",
}
SOCIAL = ("og:site_name", "og:title", "og:description", "og:type", "twitter:card", "twitter:title", "twitter:description")
ABSOLUTE = ("og:url", "og:image", "twitter:image")


class _Head(HTMLParser):
    """The <meta> and <link rel=canonical> of a page, attribute values as a browser reads them (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and ("property" in values or "name" in values):
            self.meta.setdefault(values.get("property") or values["name"], []).append(values.get("content", ""))
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical.append(values.get("href", ""))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def head_of(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def one(head: _Head, key: str) -> str:
    values = head.meta.get(key, [])
    assert len(values) == 1, f"{key}: expected one tag, got {values}"
    return values[0]


@pytest.fixture(scope="module")
def subpath_site(readable_tmp: Path) -> Path:
    """The hosted site built for an address with a sub-path, as a fork on GitHub Pages would be."""
    site = readable_tmp / "seo-subpath"
    result = run_build(ROOT, "mkdocs.yml", site, env={"OT_SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    return site


def built_pages(site: Path) -> dict[str, Path]:
    """Every page of a hosted build: its path under the site's address, and its file."""
    return {("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"): p for p in site.rglob("index.html")}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_each_page_type_has_canonical_link_and_share_tags(subpath_site: Path, kind: str) -> None:
    path = PAGE_TYPES[kind]
    head = head_of(subpath_site / path / "index.html")
    assert head.canonical == [SITE_URL + path]
    site_name = one(head, "og:site_name")
    assert site_name == "Occupational Therapy Guide"
    title = one(head, "og:title")
    assert title and head.title.strip() in (title, f"{title} - {site_name}"), (title, head.title)
    assert one(head, "og:description") == one(head, "description") != ""
    assert one(head, "og:type") == ("website" if kind == "home" else "article")
    assert one(head, "og:url") == SITE_URL + path
    assert one(head, "og:image") == one(head, "twitter:image") == SITE_URL + IMAGE
    assert one(head, "twitter:card") == "summary_large_image"
    assert (one(head, "twitter:title"), one(head, "twitter:description")) == (title, one(head, "og:description"))


def test_every_page_has_its_own_canonical_link_and_share_tags(subpath_site: Path) -> None:
    pages = built_pages(subpath_site)
    assert len(pages) >= 40
    for path, file in pages.items():
        head = head_of(file)
        assert head.canonical == [SITE_URL + path], file
        assert one(head, "og:url") == SITE_URL + path, file
        assert all(one(head, key) for key in SOCIAL + ABSOLUTE), file


def test_the_share_image_is_a_1200_by_630_png(subpath_site: Path) -> None:
    data = (subpath_site / IMAGE).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)
    assert len(data) < 200_000  # small enough for a phone on a slow link


def test_sitemap_lists_every_page_at_the_configured_address(subpath_site: Path) -> None:
    root = ElementTree.parse(subpath_site / "sitemap.xml").getroot()  # raises on XML that is not well formed
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert root.tag == f"{namespace}urlset"
    locations = [loc.text for loc in root.iter(f"{namespace}loc")]
    assert len(locations) == len(set(locations))
    assert set(locations) == {SITE_URL + path for path in built_pages(subpath_site)}


def test_offline_copy_points_at_no_host(offline_site: Path) -> None:
    """No site_url offline: no canonical link, og:url or image address; the share text stays."""
    for file in [offline_site / "index.html", offline_site / "conditions" / "stroke.html", offline_site / "glossary.html"]:
        head = head_of(file)
        assert head.canonical == [], file
        assert not any(key in head.meta for key in ABSOLUTE), file
        assert all(one(head, key) for key in SOCIAL), file
    # The printed leaflet names the hosted address on purpose (text and QR code, never a link or a
    # request): a printed page is for someone without this copy. Nothing else may name the host.
    leaflet = re.compile(r'<span class="ot-leaflet__url">https://example\.org/[^<"]*</span>')
    hosts = [str(p.relative_to(offline_site)) for p in offline_site.rglob("*")
             if p.suffix in (".html", ".xml", ".js", ".json")
             and "example.org" in leaflet.sub("", p.read_text(encoding="utf-8"))]
    assert hosts == []
    assert leaflet.search((offline_site / "conditions" / "stroke.html").read_text(encoding="utf-8"))
    assert not (offline_site / "404.html").exists()


# Quotes, angle brackets and ampersands a writer or a data file may use, and a break-out attempt.
HOSTILE_TITLE = 'Tom & "Jerry" <b>bold</b> \'quote\' &amp; x" onmouseover="alert(1)'
HOSTILE_DESCRIPTION = 'Hands & wrists: "care" <script>alert(1)</script> </title><img src=x onerror=alert(2)> &lt; 5'
HOSTILE_CLINIC = 'Harbor "Hand" & <Arm> Clinic'


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_hostile_titles_and_descriptions_stay_text_in_share_tags(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "what-is-ot.md"
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", f"---\ntitle: {_yaml_string(HOSTILE_TITLE)}\n", 1)
                    .replace("description: ", f"description: {_yaml_string(HOSTILE_DESCRIPTION)} #", 1), encoding="utf-8")
    clinics = project / "data" / "clinics.yml"
    clinics.write_text(clinics.read_text(encoding="utf-8").replace(
        "name: Harbor Hand and Upper Limb Center", f"name: {_yaml_string(HOSTILE_CLINIC)}"), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project, "mkdocs.yml", site, env={"OT_SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr

    writer = head_of(site / "what-is-ot" / "index.html")
    for key in ("og:title", "twitter:title"):
        assert one(writer, key) == HOSTILE_TITLE  # every character survives as text, none escaped twice
    for key in ("og:description", "twitter:description"):
        assert one(writer, key) == HOSTILE_DESCRIPTION
    assert "onmouseover" not in writer.meta and one(writer, "og:url") == SITE_URL + "what-is-ot/"
    clinic = head_of(site / "clinics" / "harbor-hand-and-upper-limb-center" / "index.html")
    assert one(clinic, "og:title") == HOSTILE_CLINIC
    raw = (site / "what-is-ot" / "index.html").read_text(encoding="utf-8")
    head = raw[:raw.index("</head>")]
    assert "<script>alert" not in head and "<img src=x" not in head and "<b>bold" not in head
    assert "&amp;quot;" not in head  # a quote escaped once, not twice


class _MountedHandler(_QuietHandler):
    """The site under MOUNT, and 404.html with status 404 for anything missing, as GitHub Pages serves it."""

    def send_head(self):  # noqa: ANN201 - stdlib signature
        path = self.path.split("?")[0]
        if not path.startswith(MOUNT):
            return self._not_found()
        self.path = "/" + self.path[len(MOUNT):]
        local = Path(self.translate_path(self.path))
        if not (local.is_file() or (local.is_dir() and (local / "index.html").is_file() and self.path.split("?")[0].endswith("/"))):
            return self._not_found()
        return super().send_head()

    def _not_found(self):  # noqa: ANN202
        body = Path(self.directory, "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="module")
def subpath_server(subpath_site: Path) -> Iterator[str]:
    """The sub-path build served at http://127.0.0.1:PORT/ot-guide/; yields the origin."""
    with serve_folder(subpath_site, _MountedHandler) as origin:
        yield origin


def test_404_page_works_under_a_sub_path(page: Page, subpath_server: str, subpath_site: Path) -> None:
    """A missing address deep under the sub-path shows the styled 404 page, whose links lead back into the site."""
    # The built page names the sub-path itself: Material's 404 uses absolute paths from site_url.
    assert 'href="/ot-guide/assets/stylesheets/' in (subpath_site / "404.html").read_text(encoding="utf-8")
    watch = Watch(subpath_server)
    watch.attach(page)
    missing = f"{subpath_server}{MOUNT}no/such/page/"
    bad: list[str] = []
    page.on("response", lambda response: response.status >= 400 and response.url != missing and bad.append(response.url))
    response = page.goto(missing)
    assert response is not None and response.status == 404
    page.wait_for_load_state("load")
    assert page.locator("article h1").inner_text() == "404 - Not found"
    styles = page.evaluate("""() => [...document.styleSheets].filter(s => s.href).map(s => [s.href, s.cssRules.length])""")
    assert len(styles) >= 2 and all(count > 0 for _, count in styles), styles  # Material's and the site's
    assert all(href.startswith(subpath_server + MOUNT) for href, _ in styles), styles
    header = page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent"), header  # Material's and the site's CSS applied
    assert bad == [], bad
    assert [e for e in watch.errors if "404 (Not Found)" not in e] == [] and watch.foreign == []
    home = page.locator("a.md-header__button.md-logo")
    assert home.evaluate("a => a.href") == subpath_server + MOUNT
    home.click()
    page.wait_for_url(subpath_server + MOUNT)
    assert page.title() == "Occupational Therapy Guide"
    # This fixture builds English only: the home page's save control asks for the Spanish edition's
    # manifest to learn whether it is there, and leaves Spanish out when it answers 404.
    unbuilt = f"{subpath_server}{MOUNT}es/offline-manifest.json"
    assert not (subpath_site / "es").exists()
    assert [url for url in bad if url != unbuilt] == []
