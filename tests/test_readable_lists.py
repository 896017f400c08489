"""The condition lists (A to Z, by body area, kind and age group) read at US grade 8 or below in
English and Fernández Huerta 70 or above in Spanish, measured on all the text of the built page's
content: names, summaries, headings, the review box (issue 20, readable lists)."""
from __future__ import annotations

from pathlib import Path

import pytest
import textstat

from otsite.report import DEFAULT_MAX_GRADE, MIN_SPANISH_MEDIAN, built_page_text, fernandez_huerta_of_text

LIST_PAGES = ["conditions/index.html", "conditions/by-body-area/index.html",
              "conditions/by-kind/index.html", "conditions/by-age-group/index.html"]


def _text(site: Path, page: str) -> str:
    text = built_page_text((site / page).read_text(encoding="utf-8"))
    assert textstat.lexicon_count(text) > 100, f"{page}: too little text measured: {text[:200]!r}"
    return text


@pytest.mark.parametrize("page", LIST_PAGES)
def test_english_condition_list_reads_at_grade_8(hosted_site: Path, page: str) -> None:
    grade = textstat.flesch_kincaid_grade(_text(hosted_site, page))
    assert grade <= DEFAULT_MAX_GRADE, f"{page}: grade {grade:.1f} (expected {DEFAULT_MAX_GRADE:g} or below)"


@pytest.mark.parametrize("page", LIST_PAGES)
def test_spanish_condition_list_reads_fairly_easy(hosted_site: Path, page: str) -> None:
    score, _words = fernandez_huerta_of_text(_text(hosted_site / "es", page))
    assert score >= MIN_SPANISH_MEDIAN, f"es/{page}: Fernández Huerta {score:g} (expected {MIN_SPANISH_MEDIAN:g} or higher)"


@pytest.mark.parametrize("page", LIST_PAGES[1:])
def test_browse_lists_say_what_each_condition_is(hosted_site: Path, page: str) -> None:
    """A reader browsing a group sees each condition's one-line summary, as in the A-Z list."""
    html = (hosted_site / page).read_text(encoding="utf-8")
    assert "Getting back to daily life after a new hip, knee or shoulder." in html  # joint replacement's summary


def test_measured_text_is_the_article_without_permalinks() -> None:
    html = ('<html><body><nav><a href="/">Extraordinarily complicated navigation</a></nav><article>'
            '<h2 id="a">Hand<a class="headerlink" href="#a">¶</a></h2><ul><li>Trigger finger</li>'
            '<li>Tendonitis</li></ul></article><footer>Copyright</footer></body></html>')
    assert built_page_text(html) == "Hand . Trigger finger . Tendonitis ."


def test_measured_text_leaves_out_controls_and_hidden_text() -> None:
    html = ('<article><div class="ot-tools" hidden><span>Text size</span><button>A++</button></div>'
            '<script>var a = "long words in code";</script><p>Rest your hand.</p>'
            '<button type="button">Listen to this page</button></article>')
    assert built_page_text(html) == "Rest your hand."
