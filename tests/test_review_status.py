"""Honest review status: a draft says so at the top and names no reviewer; a clinical review
must name the reviewer, credential, California license and date; sources can be checked;
a clinic can refuse to publish drafts."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import copy_project, run_build
from otsite.loading import load_site
from otsite.problems import DataError

TODAY = date(2026, 11, 28)
SOURCE = """  sources:
    - publisher: MedlinePlus
      title: Stroke
      url: https://medlineplus.gov/stroke.html
      accessed: 2026-11-20
"""
DRAFT = "review:\n  status: draft\n  written: 2026-11-20\n  next_review: 2027-11-20\n" + SOURCE
REVIEWED = ("review:\n  status: clinically reviewed\n  last_reviewed: 2026-11-21\n  next_review: 2027-11-21\n"
            "  reviewer: Dana Example\n  credential: OTR/L, CHT\n  license: OT 123456\n" + SOURCE)


def set_front_matter(page: Path, review: str) -> None:
    """Replace a page's front matter with a description and `review`, keeping its body."""
    _, _, body = page.read_text(encoding="utf-8").split("---\n", 2)
    page.write_text(f"---\ndescription: A page for a test.\n{review}---\n{body}", encoding="utf-8")


def problems_of(project: Path, **options: bool) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_site(project, today=TODAY, **options)
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_a_clinical_review_needs_reviewer_credential_license_and_date(project: Path) -> None:
    page = project / "docs" / "about.md"
    set_front_matter(page, REVIEWED.replace("  reviewer: Dana Example\n", "").replace("  license: OT 123456\n", ""))
    messages = problems_of(project)
    assert "docs/about.md:3: review.reviewer: this required field is missing (expected the reviewing clinician's full name)" in messages
    assert any(m.startswith("docs/about.md:3: review.license: this required field is missing (expected the reviewer's "
                            "California Board of Occupational Therapy license number") for m in messages)
    set_front_matter(page, REVIEWED.replace("OTR/L, CHT", "draft, awaiting review"))
    assert any(m.startswith("docs/about.md:8: review.credential: expected the reviewer's credential, like OTR/L") for m in problems_of(project))


def test_a_draft_names_no_reviewer(project: Path) -> None:
    set_front_matter(project / "docs" / "about.md", DRAFT.replace("  written:", "  reviewer: Content team\n  written:"))
    messages = problems_of(project)
    assert any(m.startswith("docs/about.md:5: review.reviewer: a draft names no reviewer (expected no last_reviewed, "
                            "reviewer, credential, license until a licensed occupational therapist") for m in messages)


@pytest.mark.parametrize(("change", "expected"), [
    (("      url: https://medlineplus.gov/stroke.html\n", ""),
     "docs/about.md:8: review.sources[0].url: this required field is missing (expected the https address of the page itself)"),
    (("https://medlineplus.gov", "http://medlineplus.gov"),
     "docs/about.md:10: review.sources[0].url: expected the https address of the page itself, got \"http://medlineplus.gov/stroke.html\""),
    (("      accessed: 2026-11-20\n", ""),
     "docs/about.md:8: review.sources[0].accessed: this required field is missing (expected the date you read it, like 2026-11-28)"),
    (("accessed: 2026-11-20", "accessed: 2026-12-25"),
     "docs/about.md:11: review.sources[0].accessed: expected the date you read the source, no later than today (2026-11-28), got 2026-12-25"),
    (("  written: 2026-11-20\n", ""),
     "docs/about.md:3: review.written: this required field is missing (expected the date the draft was written or last changed, like 2026-11-28)"),
])
def test_sources_and_dates_are_complete(project: Path, change: tuple[str, str], expected: str) -> None:
    set_front_matter(project / "docs" / "about.md", DRAFT.replace(*change))
    assert expected in problems_of(project)


def test_drafts_are_refused_when_publishing_drafts_is_turned_off(project: Path) -> None:
    set_front_matter(project / "docs" / "about.md", REVIEWED)
    messages = problems_of(project, refuse_drafts=True)
    refused = {m.split(":")[0] for m in messages if "publishing drafts is turned off" in m}
    pages = {p.relative_to(project).as_posix() for p in (project / "docs").rglob("*.md")}
    assert refused == pages - {"docs/about.md"} | {"data/page_reviews.yml"}
    assert sum("data/page_reviews.yml" in m and "publishing drafts" in m for m in messages) == 6  # each built page with prose


def test_refusing_drafts_through_the_environment_stops_the_real_build(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous-good-build.txt").write_text("keep me")
    result = run_build(project, "mkdocs.yml", site, env={"OT_REFUSE_DRAFTS": "1"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/what-is-ot.md:" in result.stderr and "publishing drafts is turned off" in result.stderr
    assert (site / "previous-good-build.txt").exists()


def test_draft_and_reviewed_pages_as_readers_see_them(project: Path, tmp_path: Path) -> None:
    set_front_matter(project / "docs" / "about.md", REVIEWED)
    result = run_build(project, "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    draft = (tmp_path / "site" / "what-is-ot" / "index.html").read_text(encoding="utf-8")
    notice = draft.index('class="ot-draft-notice"')
    assert notice < draft.index("<h1"), "the draft notice comes before the page's title"
    assert "not yet reviewed by a licensed occupational therapist" in draft
    assert "Written on" in draft and "Last reviewed" not in draft and "Reviewed by" not in draft
    reviewed = (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert "ot-draft-notice" not in reviewed and "Written on" not in reviewed
    assert "Dana Example, OTR/L, CHT, California license OT 123456" in reviewed
    assert '<time datetime="2026-11-21">November 21, 2026</time>' in reviewed
    assert '<a href="https://medlineplus.gov/stroke.html"><cite>Stroke</cite></a>' in reviewed
    for built in ("glossary/index.html", "conditions/index.html", "conditions/by-kind/index.html", "clinics/index.html"):
        html = (tmp_path / "site" / built).read_text(encoding="utf-8")
        assert 'class="ot-draft-notice"' in html and 'id="ot-review-title"' in html, built
