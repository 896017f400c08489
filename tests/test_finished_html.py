"""Generated pages as finished HTML (issue 13): what replaces the Markdown pass gives what it gave.

No MkDocs build here: the pieces are checked against the originals they stand in for
(Python-Markdown's abbr and toc, MkDocs's relative links), and the rendered pages for
escaping and for the one rule that keeps them safe as Markdown: no blank line in a block.
"""
from __future__ import annotations

import dataclasses
import re
from datetime import date

import markdown
import pytest
from hypothesis import given, settings, strategies as st
from mkdocs.utils import get_relative_url

from conftest import ROOT
from otsite.abbreviations import abbreviate_html
from otsite.emergencies import page_url
from otsite.finished_html import FinishedFragments, as_content, indexed_part, is_finished, toc_tokens
from otsite.loading import load_site
from otsite.model import Site
from otsite.render_cache import RenderCache, digest
from otsite.rendering import condition_page, generated_pages, relative_url

FINISHED = ["conditions/index.md", "conditions/by-body-area.md", "conditions/by-kind.md", "conditions/by-age-group.md"]


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(ROOT, today=date(2026, 12, 7))


def body(page: str) -> str:
    return page.partition("\n---\n")[2]


def test_clinic_and_condition_list_pages_are_finished_html_with_no_blank_line_in_a_block(site: Site) -> None:
    pages = generated_pages(site)
    paths = FINISHED + [f"clinics/{c.slug}.md" for c in site.clinics]
    for path in paths:
        assert is_finished(body(pages[path])), path
        main = body(pages[path]).split("\n\n<script")[0].strip()
        assert "\n\n" not in main, f"{path}: a blank line would end the HTML block for a Markdown reader"
    assert not is_finished(body(pages["clinics/index.md"])) and not is_finished(body(pages["glossary.md"]))


def test_values_are_escaped_for_html_and_cannot_end_the_block(site: Site) -> None:
    payload = '<img src=x onerror=alert(1)>\n\n[x](javascript:alert(2)) " & *b*'
    clinic = dataclasses.replace(site.clinics[0], name=payload, languages=(payload,))
    evil = dataclasses.replace(site, clinics=(clinic, *site.clinics[1:]))
    page = generated_pages(evil)[f"clinics/{clinic.slug}.md"]
    assert "<img" not in body(page) and "\n\n[x]" not in body(page).split("\n\n<script")[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in body(page) and ("&#34;" in body(page) or "&quot;" in body(page))
    html = markdown.markdown(body(page), extensions=["md_in_html"])
    assert "<img" not in html and 'href="javascript' not in html


def test_data_boxes_of_condition_and_directory_pages_are_escaped_finished_html(site: Site) -> None:
    payload = '<img src=x onerror=alert(1)>\n\n[x](javascript:alert(2)) " & *b*'
    clinic = dataclasses.replace(site.clinics[0], name=payload, address=dataclasses.replace(site.clinics[0].address, city=payload))
    listed_with = next(c for c in site.conditions if set(c.services) & set(clinic.services))  # a condition page listing the clinic
    condition = dataclasses.replace(listed_with, aliases=(payload,), name=payload)
    evil = dataclasses.replace(site, clinics=(clinic, *site.clinics[1:]),
                               conditions=tuple(condition if c is listed_with else c for c in site.conditions))
    held: list[str] = []
    page = condition_page(evil, condition.slug, "Prose.\n", {}, hold=lambda html: held.append(html) or html)
    directory = body(generated_pages(evil)["clinics/index.md"])
    fragments = held + directory.split("{#all-clinics-by-city}", 1)[1].split("\n\n")
    escaped = "&lt;img src=x onerror=alert(1)&gt;  [x](javascript:alert(2))"
    assert sum(escaped in fragment for fragment in fragments) >= 4, "facts, a clinic list, the city links and the city's list"
    for fragment in fragments:
        assert "<img" not in fragment and 'href="javascript' not in fragment
        assert "\n\n" not in fragment.strip(), "a blank line would end the HTML block for a Markdown reader"
    html = markdown.markdown(page + directory, extensions=["md_in_html", "attr_list", "def_list"])
    assert "<img" not in html and 'href="javascript' not in html


def test_finished_fragments_come_back_once_each_before_sanitizing() -> None:
    fragments = FinishedFragments()
    first, second = fragments.hold("<dl><dt>a</dt></dl>"), fragments.hold("<ul><li>b</li></ul>")
    html = markdown.markdown(f"Prose.\n\n{first}\n\n<div markdown>\n\n{second}\n\n</div>", extensions=["md_in_html"])
    assert fragments.restore(html) == '<p>Prose.</p>\n<dl><dt>a</dt></dl>\n<div>\n<ul><li>b</li></ul>\n</div>'
    again = FinishedFragments()
    token = again.hold("<p>x</p>")
    with pytest.raises(ValueError, match="finished block is missing or repeated"):
        again.restore(f"<p>{token}</p><p>{token}</p>")
    assert token.startswith("otsite-finished-") and token != FinishedFragments().hold("<p>x</p>")


def test_abbreviations_once_per_page_match_python_markdowns(site: Site) -> None:
    glossary = site.abbreviations()
    text = "The OT and the CHT met an OTR. OT's notes: `OT` and [OT](x.md). COTAs and OTs are not COTA."
    expected = markdown.markdown(text, extensions=["abbr"], extension_configs={"abbr": {"glossary": glossary}})
    plain = markdown.markdown(text)
    assert abbreviate_html(plain, glossary) == expected


@settings(max_examples=60, deadline=None, derandomize=True)
@given(words=st.lists(st.sampled_from(["OT", "CHT", "OTR", "a", "&", "<", "x", " ", "OT's", "COTA", "'", '"']), max_size=12))
def test_abbreviations_match_python_markdowns_for_any_text(site: Site, words: list[str]) -> None:
    text = " ".join(words) or "x"
    glossary = site.abbreviations()
    expected = markdown.markdown(text, extensions=["abbr"], extension_configs={"abbr": {"glossary": glossary}})
    assert abbreviate_html(markdown.markdown(text), glossary) == expected


@pytest.mark.parametrize("source, target", [
    ("clinics/a.md", "clinics/index.md"), ("clinics/a.md", "conditions/stroke.md"), ("conditions/index.md", "conditions/stroke.md"),
    ("conditions/by-kind.md", "conditions/index.md"), ("conditions/index.md", "conditions/by-kind.md"), ("index.md", "clinics/a.md"),
    ("clinics/a.md", "clinics/b.md"), ("conditions/by-kind.md", "conditions/by-body-area.md"),
])
@pytest.mark.parametrize("directory_urls", [True, False])
def test_links_are_relative_as_mkdocs_writes_them(source: str, target: str, directory_urls: bool) -> None:
    here, there = page_url(source, directory_urls), page_url(target, directory_urls)
    assert relative_url(there, here) == get_relative_url(there, here)


def test_toc_and_search_part_come_from_the_finished_html() -> None:
    html = ('<h1 id="x">Name <abbr title="t">OT</abbr><a class="headerlink" href="#x" title="Link">¶</a></h1>\n<p>Town</p>\n'
            '<div class="ot-clinic" data-search-exclude>\n<h2 id="a">A<a class="headerlink" href="#a">¶</a></h2>\n'
            '<h3 id="b">B</h3>\n<h2 id="c">C</h2>\n</div>')
    tokens = toc_tokens(html)
    assert [(t["level"], t["id"]) for t in tokens] == [(1, "x")]
    assert [(t["id"], [c["id"] for c in t["children"]]) for t in tokens[0]["children"]] == [("a", ["b"]), ("c", [])]
    assert "¶" not in tokens[0]["name"] and "OT" in tokens[0]["name"]
    assert indexed_part(html) == '<h1 id="x">Name <abbr title="t">OT</abbr><a class="headerlink" href="#x" title="Link">¶</a></h1>\n<p>Town</p>\n'
    assert indexed_part("<h1 id=\"x\">X</h1>\n<p>all of it</p>") == "<h1 id=\"x\">X</h1>\n<p>all of it</p>"
    held = "otsite-trusted-" + "0" * 32 + "-0"
    assert as_content(f"<h1 id=\"x\">X</h1>\n\n{held}\n") == f"<h1 id=\"x\">X</h1>\n\n<p>{held}</p>"


def test_render_cache_gives_output_only_for_the_same_key() -> None:
    cache = RenderCache()
    key = digest("site", "clinics/a.md", {"title": "A"}, "<p>A</p>")
    cache.put("clinics/a.md", key, "<html>A</html>")
    assert cache.get("clinics/a.md", key) == "<html>A</html>"
    assert cache.get("clinics/a.md", digest("site", "clinics/a.md", {"title": "A"}, "<p>B</p>")) is None
    assert digest("ab", "c") != digest("a", "bc"), "parts are kept apart"
    cache.keep_only({"clinics/b.md"})
    assert cache.get("clinics/a.md", key) is None and len(cache) == 0


def test_search_index_part_of_a_clinic_page_is_its_name_and_town(site: Site) -> None:
    clinic = site.clinics[0]
    part = indexed_part(body(generated_pages(site)[f"clinics/{clinic.slug}.md"]))
    text = re.sub(r"<[^>]+>|¶", " ", part)
    assert clinic.address.city in text and clinic.name.split()[0] in text
    assert len(" ".join(text.split())) <= 2 * len(clinic.name) + len(clinic.address.city) + 20, "capped: name and town only"
