"""The language switch (issue 14): on every page it leads to the same page in the
other language and back, over http and from disk; Spanish pages say lang="es";
every hosted page has absolute hreflang alternates, in sitemap.xml, that point at
each other (the copy on disk has none); a page not yet translated shows the Spanish notice over
the English text, never a broken link."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from xml.etree import ElementTree
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Page, expect

from conftest import ROOT, copy_project, run_build, serve_folder

SITE_URL = "https://example.org/"  # mkdocs.yml's address when OT_SITE_URL is not set, as the fixtures build
SITEMAP, XHTML = "http://www.sitemaps.org/schemas/sitemap/0.9", "http://www.w3.org/1999/xhtml"
# Page type -> (hosted path, offline path), English; the Spanish page is the same path under es/.
PAGE_TYPES = {
    "home": ("", "index.html"),
    "topic": ("what-is-ot/", "what-is-ot.html"),
    "condition": ("conditions/carpal-tunnel-syndrome/", "conditions/carpal-tunnel-syndrome.html"),
    "a-z": ("conditions/", "conditions/index.html"),
    "clinic": ("clinics/harbor-hand-and-upper-limb-center/", "clinics/harbor-hand-and-upper-limb-center.html"),
    "finder": ("clinics/", "clinics/index.html"),
    "glossary": ("glossary/", "glossary.html"),
}
FALLBACK_PAGE = "caregivers"  # deleted from docs-es/ in a project copy: built from docs/ with the notice


class _Head(HTMLParser):
    """A page's lang, its hreflang <link>s and its language switch's links, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.hreflang: dict[str, str] = {}
        self.switch: dict[str, str] = {}
        self.current: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = values.get("lang", "")
        elif tag == "link" and values.get("rel") == "alternate" and "hreflang" in values:
            self.hreflang[values["hreflang"]] = values.get("href", "")
        elif tag == "a" and "ot-languages__link" in values.get("class", "").split():
            self.switch[values.get("hreflang", "")] = values.get("href", "")
            if values.get("aria-current") == "true":
                self.current.append(values.get("hreflang", ""))
        if tag == "a" and "href" in values:
            self.links.append(values["href"])


def head_of(file: Path) -> _Head:
    parser = _Head()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def target_file(site: Path, page: Path, href: str) -> Path:
    """The file a relative link on `page` opens: a folder's index.html, as a server or the offline copy does."""
    address = urlparse(urljoin("http://site/" + page.relative_to(site).as_posix(), href.split("#")[0])).path
    path = site / unquote(address).lstrip("/")
    return path / "index.html" if address.endswith("/") else path


def language_of(site: Path, file: Path) -> str:
    return "es" if file.relative_to(site).parts[0] == "es" else "en"


def spanish_message(english: str) -> str:
    """The Spanish for one interface string, from the catalog the build uses."""
    with (ROOT / "locales" / "es" / "LC_MESSAGES" / "messages.po").open("rb") as file:
        message = read_po(file).get(english)
    assert message is not None and message.string, f"messages.po has no Spanish for {english!r}"
    return message.string


# --- In Chromium: click the switch, land on the same page, click back ----------------------------

@pytest.fixture(params=["http", "file"])
def where(request: pytest.FixtureRequest) -> tuple[str, int]:
    """(base URL, index into PAGE_TYPES' paths) for the hosted copy over http or the offline copy from disk.
    Console errors and outside requests on these pages are test_quality_gates.py's to check."""
    if request.param == "http":
        return request.getfixturevalue("hosted_server"), 0
    offline: Path = request.getfixturevalue("offline_site")
    return offline.as_uri() + "/", 1


def click_language(page: Page, code: str) -> None:
    """Choose a language in the header: its link shows there, no menu to open."""
    link = page.locator(f".md-header a[hreflang={code}]")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_the_switch_leads_to_the_same_page_in_spanish_and_back(page: Page, where: tuple[str, int], kind: str) -> None:
    base, column = where
    path = PAGE_TYPES[kind][column]
    english, spanish = base + path, base + "es/" + path
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(english)
    assert page.locator("html").get_attribute("lang") == "en"
    click_language(page, "es")
    assert page.url == spanish
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.locator("article h1")).to_be_visible()
    click_language(page, "en")
    assert page.url == english
    assert page.locator("html").get_attribute("lang") == "en"


def test_the_switch_works_on_a_phone(page: Page, hosted_server: str) -> None:
    """At 390 px the header's language link is there too and leads to the same page."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(hosted_server + "conditions/stroke/")
    page.locator(".md-header a[hreflang=es]").click()
    page.wait_for_load_state("load")
    assert page.url == hosted_server + "es/conditions/stroke/"


# --- Every page of both builds: lang, switch targets, hreflang -----------------------------------

@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_every_switch_target_exists_and_leads_back(variant: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(variant)
    pages = [p for p in html_pages(site) if p.name != "404.html"]
    assert len([p for p in pages if language_of(site, p) == "es"]) > 40, "the Spanish build is missing"
    problems = []
    for file in pages:
        head = head_of(file)
        own = language_of(site, file)
        if head.lang != own:
            problems.append(f"{file.relative_to(site)}: lang={head.lang!r}, expected {own!r}")
        if set(head.switch) != {"en", "es"} or head.current != [own]:
            problems.append(f"{file.relative_to(site)}: switch {head.switch}, current {head.current}")
            continue
        for code, href in head.switch.items():
            target = target_file(site, file, href)
            if not target.is_file():
                problems.append(f"{file.relative_to(site)}: {code} -> {href}: no such file")
            elif language_of(site, target) != code:
                problems.append(f"{file.relative_to(site)}: {code} -> {href} is a page in the other language")
            elif target_file(site, target, head_of(target).switch.get(own, "?")).resolve() != file.resolve():
                problems.append(f"{file.relative_to(site)}: {code} -> {href} does not lead back here")
    assert problems == []


def sitemap_alternates(sitemap: Path) -> dict[str, dict[str, str]]:
    """{page address: {hreflang: address}} from a sitemap.xml's xhtml:link alternates."""
    root = ElementTree.parse(sitemap).getroot()
    return {url.findtext(f"{{{SITEMAP}}}loc"): {link.get("hreflang"): link.get("href") for link in url.findall(f"{{{XHTML}}}link")
                                                 if link.get("rel") == "alternate"}
            for url in root.findall(f"{{{SITEMAP}}}url")}


def test_every_hosted_page_has_hreflang_alternates_pointing_at_each_other(hosted_site: Path) -> None:
    """In each language's sitemap.xml (search engines read hreflang there as from the page's head; in the
    head, Material's script would fetch a sitemap relative to each alternate on every page load)."""
    entries = {**sitemap_alternates(hosted_site / "sitemap.xml"), **sitemap_alternates(hosted_site / "es" / "sitemap.xml")}
    pages = [p for p in html_pages(hosted_site) if p.name != "404.html"]
    problems = []
    for file in pages:
        relative = file.relative_to(hosted_site).as_posix()
        address = SITE_URL + relative.removesuffix("index.html")
        alternates = entries.get(address)
        if alternates is None:
            problems.append(f"{relative}: not in the sitemap")
        elif set(alternates) != {"en", "es", "x-default"} or not all(a.startswith(SITE_URL) for a in alternates.values()):
            problems.append(f"{relative}: {alternates}")
        elif alternates[language_of(hosted_site, file)] != address or alternates["x-default"] != alternates["en"]:
            problems.append(f"{relative}: its own alternate is not itself: {alternates}")
        else:
            other = alternates["es" if language_of(hosted_site, file) == "en" else "en"]
            if entries.get(other) != alternates:
                problems.append(f"{relative}: {other} does not point back")
            if not (hosted_site / other.removeprefix(SITE_URL) / "index.html").is_file():
                problems.append(f"{relative}: {other} is not a page")
    assert len(pages) > 80 and problems == []
    # And none in the pages' head.
    assert [p.relative_to(hosted_site).as_posix() for p in pages if head_of(p).hreflang] == []


def test_the_offline_copy_has_no_hreflang_alternates(offline_site: Path) -> None:
    """A copy on disk has no address: absolute alternates would lead to the internet."""
    pages = html_pages(offline_site)
    assert len(pages) > 80
    assert [p.relative_to(offline_site).as_posix() for p in pages if head_of(p).hreflang] == []
    for sitemap in (offline_site / "sitemap.xml", offline_site / "es" / "sitemap.xml"):
        assert not sitemap.exists() or not any(sitemap_alternates(sitemap).values()), sitemap
    assert head_of(offline_site / "es" / "index.html").switch  # the switch itself is there


# --- A page with no Spanish translation yet ------------------------------------------------------

@pytest.fixture(scope="module")
def fallback_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Hosted and offline builds, both languages, of a project copy whose docs-es/ lacks FALLBACK_PAGE."""
    folder = tmp_path_factory.mktemp("fallback")
    project = copy_project(folder / "project")
    (project / "docs-es" / f"{FALLBACK_PAGE}.md").unlink()
    sites = {}
    for name, english, spanish in (("hosted", "mkdocs.yml", "mkdocs-es.yml"), ("offline", "mkdocs-offline.yml", "mkdocs-offline-es.yml")):
        site = folder / name
        for config, target in ((english, site), (spanish, site / "es")):
            result = run_build(project, config, target)
            assert result.returncode == 0, result.stderr
        sites[name] = site
    return sites


def test_an_untranslated_page_shows_the_notice_over_the_english_text(page: Page, fallback_sites: dict[str, Path]) -> None:
    notice = spanish_message("This page is not translated into this language yet. Here it is in English.")
    with serve_folder(fallback_sites["hosted"]) as origin:
        for base, path, spanish_path in ((origin + "/", f"{FALLBACK_PAGE}/", f"es/{FALLBACK_PAGE}/"),
                                         (fallback_sites["offline"].as_uri() + "/", f"{FALLBACK_PAGE}.html", f"es/{FALLBACK_PAGE}.html")):
            page.goto(base + path)
            click_language(page, "es")
            assert page.url == base + spanish_path
            assert page.locator("html").get_attribute("lang") == "es"
            expect(page.locator(".ot-fallback-notice")).to_have_text(re.compile(re.escape(notice)))
            english = page.locator("article [lang=en]")
            expect(english.first).to_contain_text("caregiver", ignore_case=True)
            assert page.locator(".ot-fallback-notice").evaluate(
                "(n) => !!(n.compareDocumentPosition(document.querySelector('article [lang=en]')) & Node.DOCUMENT_POSITION_FOLLOWING)")
            click_language(page, "en")
            assert page.url == base + path


@pytest.mark.parametrize("name", ["hosted", "offline"])
def test_the_untranslated_page_has_no_broken_link(fallback_sites: dict[str, Path], name: str) -> None:
    site = fallback_sites[name]
    file = site / "es" / (f"{FALLBACK_PAGE}/index.html" if name == "hosted" else f"{FALLBACK_PAGE}.html")
    assert "ot-fallback-notice" in file.read_text(encoding="utf-8")
    broken = []
    for href in head_of(file).links:
        scheme = urlparse(href).scheme
        if scheme or href.startswith("#"):
            continue
        target = target_file(site, file, href)
        if not target.is_file():
            broken.append(href)
    assert broken == []
    # Its links inside the site stay in Spanish: the English text's links lead to the Spanish pages.
    inside = [href for href in head_of(file).links if not urlparse(href).scheme and not href.startswith("#")]
    staying = [href for href in inside if language_of(site, target_file(site, file, href)) == "es"]
    assert len(staying) >= len(inside) - 1, inside  # all but the switch's English link


def test_the_404_pages_switch_to_each_languages_home_page(hosted_site: Path) -> None:
    """The 404 page is the same for every address, so its switch leads to each language's home page
    (its links start at the site's path, "/" for the fixtures' https://example.org/)."""
    for file, own in ((hosted_site / "404.html", "en"), (hosted_site / "es" / "404.html", "es")):
        head = head_of(file)
        assert head.switch == {"en": "/", "es": "/es/"} and head.current == [own], file
        assert head.lang == own
