"""Say what the page is (issue 24, item 7): every health page (one with a review block) carries one
schema.org MedicalWebPage for patients in its language, at its address; it claims a clinical review
(lastReviewed, reviewedBy) only where the page says a licensed OT reviewed it, never on a draft;
and a hostile title stays data inside its script."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_build

sys.path.insert(0, str(ROOT / "hooks"))
from otsite.structured_data import PATIENTS, medical_web_page_json_ld  # noqa: E402

LANGUAGES = {"en": "", "es": "es"}  # language -> its folder in the assembled hosted site
CLAIM = ("lastReviewed", "reviewedBy")
REVIEWED = {"status": "clinically reviewed", "last_reviewed": "2026-11-21", "next_review": "2027-11-21",
            "reviewer": "Dana Example", "credential": "OTR/L, CHT", "license": "OT 123456", "sources": []}
DRAFT = {"status": "draft", "written": "2026-11-20", "next_review": "2027-11-20", "sources": []}
HOSTILE = "Evil</script><script>alert(1)</script><!--"


def json_ld(soup: BeautifulSoup) -> list[dict]:
    """Every JSON-LD value of a page, parsed (a script that is not JSON fails the test here)."""
    return [json.loads(script.string or "") for script in soup.find_all("script", type="application/ld+json")]


def medical_web_pages(soup: BeautifulSoup) -> list[dict]:
    return [data for data in json_ld(soup) if data.get("@type") == "MedicalWebPage"]


def built_pages(site: Path, language: str) -> dict[str, BeautifulSoup]:
    """The built HTML pages of one language of an assembled site, by path inside that language's folder."""
    folder = site / LANGUAGES[language]
    pages = {}
    for path in sorted(folder.rglob("*.html")):
        relative = path.relative_to(folder)
        if language == "en" and relative.parts[0] in LANGUAGES.values():
            continue  # another language's folder
        pages[str(relative)] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return pages


def is_health_page(soup: BeautifulSoup) -> bool:
    return soup.find("aside", class_="ot-review") is not None


# --- The real site's shared build: every health page in both languages ------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_health_page_says_it_is_a_medical_web_page_for_patients(hosted_site: Path, language: str) -> None:
    pages = built_pages(hosted_site, language)
    health = {path: soup for path, soup in pages.items() if is_health_page(soup)}
    assert len(health) >= 30, f"expected the guide's health pages, found {len(health)}"
    wrong = {}
    for path, soup in health.items():
        found = medical_web_pages(soup)
        canonical = soup.find("link", rel="canonical")["href"]
        if len(found) != 1:
            wrong[path] = f"{len(found)} MedicalWebPage values (expected 1)"
        elif (found[0]["inLanguage"], found[0].get("url"), found[0]["audience"]) != (language, canonical, PATIENTS):
            wrong[path] = f"inLanguage {found[0]['inLanguage']!r}, url {found[0].get('url')!r}, audience {found[0]['audience']}"
        elif not found[0]["name"].strip() or found[0]["@context"] != "https://schema.org":
            wrong[path] = f"name {found[0]['name']!r}, @context {found[0]['@context']!r}"
    assert wrong == {}
    others = [path for path, soup in pages.items() if not is_health_page(soup) and medical_web_pages(soup)]
    assert others == [], "a page without a review block (404, offline page, clinic pages) is no health page"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_draft_claims_no_review(hosted_site: Path, language: str) -> None:
    drafts = {path: soup for path, soup in built_pages(hosted_site, language).items()
              if is_health_page(soup) and soup.find(id="ot-draft-notice") is not None}
    assert drafts, "the guide's pages are drafts: each says so at the top"
    said = {path: medical_web_pages(soup) for path, soup in drafts.items()}
    assert [path for path, found in said.items() if len(found) != 1] == [], "each draft still says what it is"
    claims = {path: sorted(set(CLAIM) & set(found[0])) for path, found in said.items() if set(CLAIM) & set(found[0])}
    assert claims == {}


# --- A copy with one clinically reviewed page and a hostile title --------------------------------------


@pytest.fixture(scope="module")
def reviewed_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """English hosted build of a copy: the stroke page clinically reviewed, what-is-ot titled with a script end tag."""
    project = copy_project(tmp_path_factory.mktemp("medical-web-page") / "project")
    stroke = project / "docs" / "conditions" / "stroke.md"
    text = stroke.read_text(encoding="utf-8")
    draft = "  status: draft\n  written: 2026-12-07\n"
    assert draft in text
    stroke.write_text(text.replace(draft, "  status: clinically reviewed\n  last_reviewed: 2026-12-01\n  reviewer: Dana Example\n"
                                          "  credential: OTR/L\n  license: OT 123456\n", 1), encoding="utf-8")
    page = project / "docs" / "what-is-ot.md"
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", f"---\ntitle: '{HOSTILE}'\n", 1), encoding="utf-8")
    site = project / "built"
    result = run_build(project, "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


def test_a_reviewed_page_names_its_review_and_reviewer(reviewed_copy: Path) -> None:
    pages = built_pages(reviewed_copy, "en")
    stroke = pages["conditions/stroke/index.html"]
    assert stroke.find(id="ot-draft-notice") is None
    (data,) = medical_web_pages(stroke)
    shown = stroke.find("aside", class_="ot-review").find_all("time")[0]["datetime"]  # the block's "Last reviewed"
    assert data["lastReviewed"] == shown == "2026-12-01"
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dana Example", "honorificSuffix": "OTR/L"}
    claims = [path for path, soup in pages.items() if path != "conditions/stroke/index.html"
              for data in medical_web_pages(soup) if set(CLAIM) & set(data)]
    assert claims == [], "only the reviewed page claims a review"


def test_a_hostile_title_stays_inside_its_script(reviewed_copy: Path) -> None:
    text = (reviewed_copy / "what-is-ot" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(text, "html.parser")
    (data,) = medical_web_pages(soup)
    assert data["name"] == HOSTILE  # the reader's title, as text
    assert "<script>alert(1)" not in text
    assert [s for s in soup.find_all("script") if "alert(1)" in (s.string or "") and s.get("type") != "application/ld+json"] == []


# --- The function on its own (fast) ----------------------------------------------------------------------


def parsed(markup: str) -> dict:
    (data,) = json_ld(BeautifulSoup(markup, "html.parser"))
    return data


def test_only_a_clinically_reviewed_page_claims_a_review() -> None:
    reviewed = parsed(medical_web_page_json_ld("Stroke", "About stroke.", "https://example.org/conditions/stroke/", "en", REVIEWED))
    assert reviewed["lastReviewed"] == "2026-11-21"
    assert reviewed["reviewedBy"] == {"@type": "Person", "name": "Dana Example", "honorificSuffix": "OTR/L, CHT"}
    draft = parsed(medical_web_page_json_ld("Stroke", "About stroke.", "https://example.org/conditions/stroke/", "en", DRAFT))
    assert set(CLAIM) & set(draft) == set()
    assert draft["audience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}


@pytest.mark.parametrize(("translation", "claims"), [(None, False), ({"status": "draft"}, False), ({"status": "reviewed"}, True)])
def test_a_translation_claims_a_review_only_once_its_translation_is_reviewed(translation: dict | None, claims: bool) -> None:
    data = parsed(medical_web_page_json_ld("Derrame", "", "", "es", REVIEWED, translation))
    assert (set(CLAIM) <= set(data)) is claims
    assert "url" not in data and "description" not in data  # the offline copy has no address; no empty values


def test_hostile_text_cannot_close_the_script() -> None:
    markup = str(medical_web_page_json_ld(HOSTILE, HOSTILE, "https://example.org/a/", "en", DRAFT))
    assert markup.count("<") == 2 and markup.lower().count("</script") == 1  # only the element's own tags
    assert parsed(markup)["name"] == parsed(markup)["description"] == HOSTILE
