"""Add the guide to a phone's home screen (issue 15): the web app manifest and
its icons, Chromium's own installability check over http, and the friendly
page shown offline when a page was not saved. The offline copy (file://)
carries no manifest link."""
from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from PIL import Image
from playwright.sync_api import BrowserType, Page

from conftest import ROOT, serve_folder
from test_seo import MOUNT, _MountedHandler

COLOUR = "#303f9f"  # the site's primary colour (ot.css --md-primary-fg-color): header, browser bar, splash screen
OFFLINE_LINKS = {"Home page": "", "Conditions A to Z": "conditions/", "Find a clinic": "clinics/", "Words we use": "glossary/"}
SAFE_ZONE = 0.4  # a maskable icon's safe zone: a circle of radius 40% of the width, in the middle


@pytest.fixture(scope="module")
def mounted(hosted_site: Path) -> Iterator[str]:
    """The hosted build under a sub-path (MOUNT) of a free port, as a fork on GitHub Pages is: yields its address."""
    with serve_folder(hosted_site, _MountedHandler) as origin:
        yield f"{origin}{MOUNT}"


@pytest.fixture()
def app_page(browser_type: BrowserType, browser_type_launch_args: dict, tmp_path: Path) -> Iterator[Page]:
    """A page in a browser profile on disk: Chromium refuses to install from a private (incognito)
    context, which is what Playwright's usual contexts are, and says only "in-incognito" there."""
    context = browser_type.launch_persistent_context(str(tmp_path / "profile"), **browser_type_launch_args)
    yield context.pages[0] if context.pages else context.new_page()
    context.close()


def installability_errors(page: Page) -> list[str]:
    session = page.context.new_cdp_session(page)
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    return [error["errorId"] + repr(error["errorArguments"]) for error in errors]


class _Links(HTMLParser):
    """The <link>, <meta name> and <a href> of a page, attribute values as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict[str, str]] = []
        self.meta: dict[str, list[str]] = {}
        self.anchors: dict[str, str] = {}
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link":
            self.links.append(values)
        elif tag == "meta" and "name" in values:
            self.meta.setdefault(values["name"], []).append(values.get("content", ""))
        elif tag == "a" and "href" in values:
            self._href = values["href"]

    def handle_data(self, data: str) -> None:
        if self._href is not None and data.strip():
            self.anchors[data.strip()] = self._href
            self._href = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._href = None

    def rel(self, name: str) -> list[dict[str, str]]:
        return [link for link in self.links if name in link.get("rel", "").split()]


def parse(text: str) -> _Links:
    parser = _Links()
    parser.feed(text)
    return parser


def manifest_of(site: Path) -> dict:
    return json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))


# --- Chromium's installability check -------------------------------------------------------------

@pytest.mark.parametrize("path", ["", "offline/", "conditions/stroke/", "clinics/", "es/", "es/offline/", "es/conditions/stroke/"],
                         ids=["home", "offline", "condition", "finder", "es-home", "es-offline", "es-condition"])
def test_chromium_finds_no_installability_errors(app_page: Page, mounted: str, path: str) -> None:
    """No error at all, service worker included: Chromium 156 no longer asks for one to install."""
    app_page.goto(mounted + path)
    app_page.wait_for_load_state("load")
    assert installability_errors(app_page) == []


def test_the_check_reports_a_missing_manifest(app_page: Page, mounted: str) -> None:
    """The check above is live: with the manifest unreachable, Chromium does report an error."""
    app_page.route("**/manifest.webmanifest", lambda route: route.fulfill(status=404, body="missing"))
    app_page.goto(mounted)
    app_page.wait_for_load_state("load")
    assert installability_errors(app_page) != []


@pytest.mark.parametrize("language", ["", "es/"], ids=["en", "es"])
def test_chromium_reads_start_url_and_scope_under_a_sub_path(app_page: Page, mounted: str, language: str) -> None:
    """The Spanish guide is an app of its own: its manifest, start page and scope are es/."""
    app_page.goto(mounted + language + "conditions/stroke/")
    session = app_page.context.new_cdp_session(app_page)
    manifest = session.send("Page.getAppManifest")
    assert manifest["url"] == mounted + language + "manifest.webmanifest"
    assert manifest["errors"] == []
    app_id = session.send("Page.getAppId")
    assert app_id["appId"] == mounted + language  # the app is the sub-path's home page, not the host's root


# --- The manifest and its icons ------------------------------------------------------------------

def test_manifest_fields(page: Page, mounted: str) -> None:
    response = page.request.get(mounted + "manifest.webmanifest")
    assert response.ok
    manifest = response.json()
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_PlainLoader)
    assert manifest["name"] == config["site_name"] == "Occupational Therapy Guide"
    assert manifest["short_name"] == "OT Guide"  # 12 characters at most, or a home screen cuts it
    assert manifest["lang"] == "en" and manifest["dir"] == "ltr"
    assert manifest["start_url"] == manifest["scope"] == "./"  # relative to the manifest: a sub-path host works
    # No "id": it resolves against the origin, not the manifest, so "./" would make every fork on one host (github.io)
    # the same app; without it the id is the start page.
    assert "id" not in manifest
    assert manifest["display"] == "standalone"
    assert manifest["description"].strip()
    assert manifest["theme_color"] == manifest["background_color"] == COLOUR
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "ot.css").read_text(encoding="utf-8")
    assert re.search(r"--md-primary-fg-color:\s*" + COLOUR + ";", css), "the manifest's colour is no longer the site's"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable")} <= sizes


def test_spanish_manifest_fields(page: Page, mounted: str) -> None:
    response = page.request.get(mounted + "es/manifest.webmanifest")
    assert response.ok
    manifest, english = response.json(), page.request.get(mounted + "manifest.webmanifest").json()
    config = yaml.load((ROOT / "mkdocs-es.yml").read_text(encoding="utf-8"), Loader=_PlainLoader)
    assert manifest["name"] == config["site_name"] == "Guía de terapia ocupacional"
    assert manifest["description"] == config["site_description"]
    assert 0 < len(manifest["short_name"]) <= 12 and manifest["short_name"] != english["short_name"]
    assert manifest["lang"] == "es" and manifest["dir"] == "ltr"
    assert manifest["start_url"] == manifest["scope"] == "./" and "id" not in manifest  # relative to es/manifest.webmanifest
    same = ("display", "theme_color", "background_color", "icons")  # one look for both languages
    assert {key: manifest[key] for key in same} == {key: english[key] for key in same}
    for icon in manifest["icons"]:
        image = fetch_png(page, urljoin(mounted + "es/manifest.webmanifest", icon["src"]))
        assert f"{image.width}x{image.height}" == icon["sizes"], icon["src"]


class _PlainLoader(yaml.SafeLoader):
    """Reads mkdocs.yml with its !ENV tag as plain text."""


_PlainLoader.add_constructor("!ENV", lambda loader, node: None)


def fetch_png(page: Page, url: str) -> Image.Image:
    response = page.request.get(url)
    assert response.ok, f"{url} answered {response.status}"
    image = Image.open(io.BytesIO(response.body()))
    assert image.format == "PNG", url
    return image.convert("RGBA")


def test_every_icon_has_the_size_the_manifest_names(page: Page, mounted: str, hosted_site: Path) -> None:
    icons = manifest_of(hosted_site)["icons"]
    for icon in icons:
        image = fetch_png(page, urljoin(mounted + "manifest.webmanifest", icon["src"]))
        assert icon["type"] == "image/png"
        assert f"{image.width}x{image.height}" == icon["sizes"], icon["src"]


def farthest_from_background(image: Image.Image) -> int:
    """How far (largest channel difference) a pixel outside the safe-zone circle is from the corner's colour."""
    size, background = image.width, image.getpixel((0, 0))
    centre, radius = (size - 1) / 2, SAFE_ZONE * size
    return max(max(abs(a - b) for a, b in zip(image.getpixel((x, y)), background))
               for y in range(size) for x in range(size) if (x - centre) ** 2 + (y - centre) ** 2 > radius ** 2)


def test_maskable_icons_keep_the_logo_inside_the_safe_zone(page: Page, mounted: str, hosted_site: Path) -> None:
    maskable = [icon for icon in manifest_of(hosted_site)["icons"] if "maskable" in icon["purpose"].split()]
    assert len(maskable) >= 2
    for icon in maskable:
        image = fetch_png(page, urljoin(mounted + "manifest.webmanifest", icon["src"]))
        background = image.getpixel((0, 0))
        assert background[3] == 255, f"{icon['src']}: a maskable icon fills the whole square"
        # Chromium draws a flat colour give or take 1 level; the white logo, or its smoothed edge, is far off it.
        assert farthest_from_background(image) <= 2, f"{icon['src']}: the logo reaches outside the safe zone"
        assert image.convert("L").getextrema()[1] == 255, f"{icon['src']}: no white logo in the middle"


def test_any_icons_show_the_logo_to_the_edges(page: Page, mounted: str, hosted_site: Path) -> None:
    """The contrast to the maskable test: a plain icon does reach outside the safe zone, so that check can fail."""
    plain = [icon for icon in manifest_of(hosted_site)["icons"] if icon["purpose"] == "any"]
    for icon in plain:
        image = fetch_png(page, urljoin(mounted + "manifest.webmanifest", icon["src"]))
        assert farthest_from_background(image) > 100, icon["src"]


# --- The links in every page's head ---------------------------------------------------------------

def test_every_hosted_page_links_the_manifest_colour_and_home_screen_icon(hosted_site: Path) -> None:
    pages = [p for p in hosted_site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 40
    for file in pages:
        head = parse(file.read_text(encoding="utf-8"))
        address = file.relative_to(hosted_site).as_posix()
        manifests = head.rel("manifest")
        assert len(manifests) == 1, address
        own = hosted_site / ("es" if address.startswith("es/") else "") / "manifest.webmanifest"  # each language's own app
        assert (hosted_site / urljoin(address, manifests[0]["href"])).resolve() == own.resolve(), address
        assert head.meta.get("theme-color") == [COLOUR], address
        touch = head.rel("apple-touch-icon")
        assert len(touch) == 1 and touch[0]["sizes"] == "180x180", address
        icon = hosted_site / urljoin(address, touch[0]["href"])
        assert Image.open(icon).size == (180, 180) and Image.open(icon).mode == "RGB", address  # opaque: iOS shows see-through as black


def test_offline_copy_has_no_manifest_link(offline_site: Path) -> None:
    """file:// cannot install a web app, and Chromium would fetch the manifest there from origin "null"."""
    pages = list(offline_site.rglob("*.html"))
    assert len(pages) > 40
    linked = [p.relative_to(offline_site).as_posix() for p in pages if parse(p.read_text(encoding="utf-8")).rel("manifest")]
    assert linked == []
    head = parse((offline_site / "index.html").read_text(encoding="utf-8"))
    assert head.meta.get("theme-color") == [COLOUR]


# --- The offline page ----------------------------------------------------------------------------

def test_offline_page_says_what_happened_and_links_to_what_is_there(page: Page, mounted: str) -> None:
    page.goto(mounted + "offline/")
    assert page.locator("h1").inner_text().removesuffix("¶") == "You are offline"  # ¶: the heading's own link
    assert "This page was not saved" in page.locator("article").inner_text()
    links = parse(page.content()).anchors
    for text, target in OFFLINE_LINKS.items():
        assert text in links, f"no link '{text}' on the offline page"
        address = urljoin(mounted + "offline/", links[text])
        assert address == mounted + target, text
        assert page.request.get(address).ok, address


def test_spanish_offline_page_says_what_happened_and_links_to_spanish_pages(page: Page, mounted: str) -> None:
    page.goto(mounted + "es/offline/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text().removesuffix("¶") == "No tiene conexión a internet"
    assert "no está guardada en este aparato" in page.locator("article").inner_text()
    assert page.locator(".ot-fallback-notice").count() == 0  # translated, not the English page with a notice
    links = parse(page.content()).anchors
    spanish = {"Página de inicio": "", "Condiciones de la A a la Z": "conditions/", "Buscar una clínica": "clinics/",
               "Palabras que usamos": "glossary/"}
    assert set(spanish.values()) == set(OFFLINE_LINKS.values())
    for text, target in spanish.items():
        address = urljoin(mounted + "es/offline/", links[text])
        assert address == mounted + "es/" + target, text
        assert page.request.get(address).ok, address


@pytest.mark.parametrize("language", ["", "es/"], ids=["en", "es"])
def test_offline_page_is_not_in_the_navigation_or_search(hosted_site: Path, language: str) -> None:
    site = hosted_site / language
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="offline/"' not in home
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"offline/' not in index and "You are offline" not in index and "No tiene conexión" not in index
    assert '"location":"glossary/' in index  # the index has pages, and the offline one is missing from it
