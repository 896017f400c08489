"""A condition page printed is a leaflet (issue 23, item 7c): Chromium's print to PDF (page.pdf(), as "Save
as PDF" does) gives one or two pages, Letter and A4, for every condition page in English and Spanish; the
PDF holds the title, what it is, how OT helps, the "when to get help" box with 911, the review status and
the page's hosted address, and leaves out menus, folded sections, clinics, the reading tools; its QR code,
drawn only in print, decodes to the page's hosted address (zxing-cpp), in the hosted copy and in the
offline copy (a leaflet is for others: it never points to a file on a disk)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from conftest import ROOT
from reading_tools_support import CONDITIONS, LANGUAGES, url_of

PAPER = ["Letter", "A4"]
MAX_SHEETS = 2


class _Settings(yaml.SafeLoader):
    """mkdocs.yml as plain data: an !ENV tag reads as its default."""


_Settings.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
HOSTED = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Settings)["site_url"]


def hosted_address(language: str, slug: str) -> str:
    return f"{HOSTED.rstrip('/')}/{LANGUAGES[language]}conditions/{slug}/"


def one_line(text: str) -> str:
    return " ".join(text.replace("¶", "").split())


def printed_text(pdf: bytes) -> tuple[int, str]:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return len(pages), one_line(" ".join(page.extract_text() for page in pages))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_condition_page_prints_on_one_or_two_sheets_with_its_essentials(page: Page, hosted_server: str, language: str) -> None:
    wrong = []
    for slug in CONDITIONS:
        page.goto(hosted_server + LANGUAGES[language] + f"conditions/{slug}/")
        title = one_line(page.locator("article h1").evaluate("h => h.firstChild.textContent"))
        kept = [one_line(t) for t in page.locator(
            "article h2#what-it-is, article h2#how-occupational-therapy-helps, article h2#when-to-get-help, "
            "article .ot-help-emergency > .admonition-title, article .ot-review dd").all_text_contents()]
        menus = [one_line(t) for t in page.locator(".md-nav--primary .md-nav__link, .md-header a").all_text_contents()]
        article = one_line(page.locator("article").text_content())
        left_out = [t for t in menus if len(t) > 3 and t not in article]  # menu text the article does not also have
        left_out += [one_line(t) for t in page.locator("article details.ot-fold > summary, .ot-tools__label, "
                                                       "article .ot-condition-clinics a").all_text_contents()]
        for paper in PAPER:
            sheets, text = printed_text(page.pdf(format=paper))
            if not 1 <= sheets <= MAX_SHEETS:
                wrong.append(f"{language} {slug} {paper}: {sheets} sheets")
            missing = [t for t in [title, "911", *kept] if t not in text]
            if hosted_address(language, slug) not in text.replace(" ", ""):  # a long address breaks over lines
                missing.append(hosted_address(language, slug))
            extra = [t for t in left_out if t in text]
            if missing or extra:
                wrong.append(f"{language} {slug} {paper}: missing {missing}, printed {extra[:5]}")
        assert len(kept) >= 6, f"{slug}: the essentials' headings were not found"
    assert wrong == []


def qr_in_print(page: Page) -> list[str]:
    """What the page's QR code says, as drawn for print (a picture of it, decoded)."""
    page.emulate_media(media="print")
    code = page.locator(".ot-leaflet__qr")
    expect(code).to_be_visible()
    picture = Image.open(io.BytesIO(code.screenshot(scale="device")))
    page.emulate_media(media="screen")
    return [found.text for found in zxingcpp.read_barcodes(picture)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_qr_code_shows_only_in_print_and_leads_to_the_hosted_page(page: Page, home: tuple[str, str], language: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url_of(home, language, "conditions/stroke.md"))
    expect(page.locator(".ot-leaflet")).to_be_hidden()  # on screen
    assert qr_in_print(page) == [hosted_address(language, "stroke")]
    page.goto(url_of(home, language, "conditions/trigger-finger.md"))
    assert qr_in_print(page) == [hosted_address(language, "trigger-finger")]


def test_only_condition_pages_are_leaflets(hosted_site: Path) -> None:
    with_code = {str(p.relative_to(hosted_site).parent) for p in hosted_site.rglob("index.html")
                 if 'class="ot-leaflet__qr"' in p.read_text(encoding="utf-8")}
    expected = {f"{LANGUAGES[language]}conditions/{slug}" for language in LANGUAGES for slug in CONDITIONS}
    assert with_code == expected


def test_a_topic_page_prints_whole(page: Page, hosted_server: str) -> None:
    """Only condition pages are cut to a leaflet: a topic page keeps every section in print."""
    page.goto(hosted_server + "what-is-ot/")
    headings = [one_line(t) for t in page.locator("article h2").all_text_contents()]
    _, text = printed_text(page.pdf(format="Letter"))
    assert headings and [h for h in headings if h not in text] == []
