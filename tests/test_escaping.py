"""Text from data and front matter reaches readers as text, never as markup."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build

sys.path.insert(0, str(ROOT / "hooks"))
from otsite.sanitize import TrustedBlocks, sanitize_html, script_json, text_only, trusted_blocks_in  # noqa: E402

PAYLOAD = "<img src=x onerror=alert(1)>"


def test_payloads_in_data_and_front_matter_are_shown_as_text(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    clinics = project / "data" / "clinics.yml"
    clinics.write_text(clinics.read_text().replace("name: Harbor Hand and Upper Limb Center", f'name: "{PAYLOAD}"'))
    conditions = project / "data" / "conditions.yml"
    conditions.write_text(conditions.read_text().replace("aliases: [CTS,", f'aliases: ["{PAYLOAD}", CTS,'))
    page = project / "docs" / "what-is-ot.md"
    page.write_text(page.read_text().replace("---\n", f'---\ntitle: "{PAYLOAD}"\n', 1)
                    .replace("  reviewer: Content team", f'  reviewer: "{PAYLOAD}"')
                    .replace("description: ", f'description: "{PAYLOAD}" #', 1)
                    .replace("  sources:\n", f'  sources:\n    - publisher: "{PAYLOAD}"\n      title: "{PAYLOAD}"\n'
                                                          '      url: https://www.cdc.gov/\n      accessed: 2026-11-28\n', 1))  # a known publisher's host (data/publishers.yml)
    stroke = project / "docs" / "conditions" / "stroke.md"
    stroke.write_text(stroke.read_text().replace("  emergency:\n", f'  emergency:\n    - "{PAYLOAD}"\n', 1))
    site = tmp_path / "site"
    result = run_build(project, "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr

    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    leaks = [str(p.relative_to(site)) for p, html in pages.items() if "<img src=x" in html]
    assert leaks == []
    # ...and readers still see the text itself where it belongs.
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[site / "what-is-ot" / "index.html"]
    assert 'content="&lt;img src=x onerror=alert(1)&gt;"' in pages[site / "what-is-ot" / "index.html"]  # description
    # Material's search shows titles and tags as HTML; JSON-LD keeps the alias as data that cannot close its script.
    assert "<img" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in pages[site / "conditions" / "carpal-tunnel-syndrome" / "index.html"]
    clinic_pages = [html for p, html in pages.items() if p.parent.parent.name == "clinics"]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in html or "&#60;img src=x onerror=alert&#40;1&#41;&#62;" in html
               for html in clinic_pages)


# The safety layer on its own (hooks/otsite/sanitize.py): fast, no build.


def test_sanitizer_keeps_todays_markup_and_drops_what_runs() -> None:
    kept = ('<h2 id="a" data-search-exclude="">A<a class="headerlink" href="#a" title="Link to this section">¶</a></h2>'
            '<div class="admonition danger ot-help-emergency"><p class="admonition-title">T</p></div>'
            '<p><abbr title="Occupational therapy">OT</abbr> <a class="md-button" href="tel:+16195550100">Call</a></p>')
    assert sanitize_html(kept) == kept
    dirty = ('<p onclick="alert(1)" class="md-header ot-lead" style="position:fixed">x</p>'
             '<a href="java&#x09;script:alert(1)">j</a><img src="data:image/png;base64,AA" alt="i"><script>alert(1)</script>'
             '<table><tr><th style="text-align: left; position: fixed">h</th></tr></table><p id="__search">s</p>')
    assert sanitize_html(dirty) == ('<p class="ot-lead">x</p><a>j</a><img alt="i">'
                                    '<table><tbody><tr><th style="text-align:left">h</th></tr></tbody></table><p>s</p>')


def test_no_angle_bracket_survives_into_a_title_attribute() -> None:
    """Material's tooltips insert a title as HTML, so an entity-escaped tag would run on hover."""
    cleaned = sanitize_html('<abbr title="&lt;img src=x onerror=alert(1)&gt;">X</abbr>')
    assert cleaned == '<abbr title="\u2039img src=x onerror=alert(1)\u203a">X</abbr>'


def test_json_in_a_script_cannot_close_it() -> None:
    text = script_json({"name": "</script><!--<img>&\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": "</script><!--<img>&\u2028"}


def test_titles_become_text() -> None:
    assert text_only('A &amp; <img src=x onerror=alert(1)>B &lt;i&gt;') == "A &amp; B &lt;i&gt;"


def test_trusted_blocks_come_back_and_cannot_be_forged() -> None:
    json_ld = '<script type="application/ld+json">{"@type":"MedicalCondition"}</script>'
    trusted = TrustedBlocks()
    markdown = trusted.hold(f"Text.\n\n{json_ld}\n", trusted_blocks_in(f"Text.\n\n{json_ld}\n"))
    assert json_ld not in markdown
    token = markdown.split()[-1]
    html = f"<p>Text.</p>\n<p>{token}</p>"
    assert trusted.restore(sanitize_html(html)) == f"<p>Text.</p>\n{json_ld}"
    # Each page has its own secret: another page's placeholder, copied by a writer, stays text.
    assert TrustedBlocks().restore(f"<p>{token}</p>") == f"<p>{token}</p>"
    with pytest.raises(ValueError):
        TrustedBlocks().hold("<script>alert(1)</script>", ["<script>alert(1)</script>"])  # only JSON-LD or the form


def test_images_come_only_from_the_site_itself() -> None:
    """A picture from another host would tell that host who reads which page, and fail offline."""
    html = sanitize_html('<p><img src="https://tracker.example/x.png" alt="a"><img src="//tracker.example/y.png" alt="b">'
                         '<img src="data:image/png;base64,AAAA" alt="c"><img src="../assets/hand.png" alt="d"></p>')
    assert "tracker.example" not in html and "data:" not in html
    assert '<img src="../assets/hand.png" alt="d">' in html and html.count("<img") == 4  # alt text kept for readers
