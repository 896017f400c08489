"""Sample clinics cannot pass as real, credentials are backed by data, and a
real clinic (a fixture with `sample_data: false`) gets everything a real
clinic should: search-engine data, directions, and no sample notice."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, load_data, run_build
from otsite.loading import load_site
from otsite.problems import DataError
from otsite.model import Site
from otsite.rendering import CLINIC_SAMPLE_NOTE, compose_page, condition_page, generated_pages

CLINICS = load_data("clinics")["clinics"]
SERVICES = load_data("services")
CREDENTIALS = {c["id"]: c for c in SERVICES["credentials"]}

# A real clinic, only in a copy of the project: a street that does not say "Sample".
REAL_CLINIC = """
  - slug: real-test-clinic
    name: Real Test Hand Clinic
    sample_data: false
    address:
      street: 1200 Front Street, Suite 210
      city: San Diego
      state: CA
      zip: "92101"
    phone: "(619) 555-0199"
    coordinates: {lat: 32.7186, lon: -117.1594}
    timezone: America/Los_Angeles
    hours:
      mon: "08:00-17:00"
      wed: "09:00-12:00, 13:00-17:00"
    services: [hand-therapy, occupational-therapy]
    staff_credentials: [CHT]
    languages: [English, Spanish]
    accessibility: [Step-free entrance]
    es: {languages: [Inglés, Español], accessibility: [Entrada sin escalones]}  # Spanish is enabled (mkdocs.yml extra.languages)
"""


def soup_of(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def article_text(soup: BeautifulSoup) -> str:
    return " ".join(soup.select_one("article.md-content__inner").get_text().split())


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(ROOT, today=date(2026, 12, 7))


def line_of(path: Path, fragment: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), start=1) if fragment in line)


def problems_after(project: Path, old: str, new: str) -> list[str]:
    """The build's messages once `old` becomes `new` (first time only) in the copy's data/clinics.yml."""
    clinics = project / "data" / "clinics.yml"
    text = clinics.read_text()
    assert old in text, old
    clinics.write_text(text.replace(old, new, 1))
    with pytest.raises(DataError) as caught:
        load_site(project)
    return [str(p) for p in caught.value.problems]


# --- Checks a writer meets ------------------------------------------------

def test_sample_clinic_with_a_real_looking_street_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    messages = problems_after(project, "street: 200 Example Avenue", "street: 3850 Park Boulevard")
    line = line_of(project / "data" / "clinics.yml", "3850 Park Boulevard")
    assert messages == [
        f"data/clinics.yml:{line}: clinics[1].address.street: a sample clinic (sample_data: true) needs a plainly made-up "
        "street so it cannot pass as a real clinic (expected a street with Sample or Example in it, like 100 Sample Way, "
        "got '3850 Park Boulevard')"]


def test_real_clinic_may_have_a_real_street(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    clinics = project / "data" / "clinics.yml"
    clinics.write_text(clinics.read_text().replace("    sample_data: true\n    address:\n      street: 200 Example Avenue",
                                                   "    sample_data: false\n    address:\n      street: 3850 Park Boulevard", 1))
    site = load_site(project)
    clinic = next(c for c in site.clinics if c.slug == "hillcrest-occupational-therapy")
    assert clinic.sample_data is False and clinic.address.street == "3850 Park Boulevard"


def test_hand_therapy_without_a_credential_names_file_line_field_and_what_was_expected(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    first = CLINICS[0]
    assert "hand-therapy" in first["services"] and first["staff_credentials"] == ["CHT"]
    messages = problems_after(project, "staff_credentials: [CHT]", "staff_credentials: []")
    line = line_of(project / "data" / "clinics.yml", "staff_credentials: []")
    assert messages == [
        f"data/clinics.yml:{line}: clinics[0].staff_credentials: the clinic offers hand-therapy, which needs staff holding "
        "one of its credentials (expected one of CHT, CA-hand-therapy-advanced-practice as data/services.yml says, got [])"]


def test_unknown_credential_and_missing_fields_are_named(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    messages = problems_after(project, "staff_credentials: [CHT]", "staff_credentials: [CTH]")
    assert any(re.fullmatch(r"data/clinics\.yml:\d+: clinics\[0\]\.staff_credentials\[0\]: 'CTH' is not one of the "
                            r"credentials \(did you mean 'CHT'\? expected one of: CA-hand-therapy-advanced-practice, CHT\)", m) for m in messages), messages
    messages = problems_after(project, "    sample_data: true\n", "")
    assert any(re.match(r"data/clinics\.yml:\d+: clinics\[0\]\.sample_data: .*missing", m) for m in messages), messages


def test_every_hand_therapy_clinic_holds_a_required_credential() -> None:
    needed = set(next(s for s in SERVICES["services"] if s["slug"] == "hand-therapy")["requires_credential"])
    assert needed == {"CHT", "CA-hand-therapy-advanced-practice"} and needed <= set(CREDENTIALS)
    hand = [c for c in CLINICS if "hand-therapy" in c["services"]]
    assert hand and all(needed & set(c["staff_credentials"]) for c in hand)
    # The summary promises no more than the law allows: in California an OT needs the Board's advanced
    # practice approval for hand therapy, a CHT too (issue 20; Business and Professions Code 2570.3).
    summary = next(s for s in SERVICES["services"] if s["slug"] == "hand-therapy")["summary"]
    assert "California" in summary and "approval" in summary and "even one who is a certified hand therapist (CHT)" in summary


def test_shipped_sample_clinics_look_made_up() -> None:
    assert all(c["sample_data"] is True for c in CLINICS)
    for clinic in CLINICS:
        assert re.search(r"\b(Sample|Example)\b", clinic["address"]["street"]), clinic["slug"]
        assert re.fullmatch(r"\(\d{3}\) 555-01\d\d", clinic["phone"]), clinic["slug"]


# --- What the core renders --------------------------------------------------

def test_sample_clinics_render_no_structured_data_and_no_directions(site: Site) -> None:
    pages = generated_pages(site)
    for clinic in site.clinics:
        markdown = pages[f"clinics/{clinic.slug}.md"]
        assert "application/ld+json" not in markdown and "google.com/maps" not in markdown, clinic.slug
        assert "Get directions" not in markdown and "Sample data" in markdown


def test_home_page_sample_note_follows_the_data(site: Site) -> None:
    card = f"See clinics by city.\n\n{CLINIC_SAMPLE_NOTE}\n\n[Find a clinic](clinics/index.md)\n"
    assert "sample data" in compose_page(site, "index.md", card, {})
    real = replace(site, clinics=tuple(replace(c, sample_data=False) for c in site.clinics))
    shown = compose_page(real, "index.md", card, {})
    assert "sample" not in shown.lower() and CLINIC_SAMPLE_NOTE not in shown
    mixed = replace(site, clinics=(replace(site.clinics[0], sample_data=False), *site.clinics[1:]))
    assert "Some of the clinics listed are sample data" in compose_page(mixed, "index.md", card, {})


def test_home_page_card_carries_the_marker() -> None:
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    card = home[home.index("I want to find a clinic"):]
    assert CLINIC_SAMPLE_NOTE in card.split("</div>")[0]
    assert "sample" not in card.split("</div>")[0].replace(CLINIC_SAMPLE_NOTE, "").lower(), \
        "the card's own words must not say 'sample': the marker says it only while it is true"


# --- The built site ---------------------------------------------------------

def test_built_sample_clinic_pages_have_no_json_ld_and_no_directions(hosted_site: Path) -> None:
    for clinic in CLINICS:
        soup = soup_of(hosted_site, f"clinics/{clinic['slug']}/")
        assert not soup.select("script[type='application/ld+json']"), clinic["slug"]
        assert not soup.select("a[href*='maps']") and "directions" not in article_text(soup).lower(), clinic["slug"]
        assert "This clinic is made up to show how this site works" in article_text(soup)


def test_built_clinic_page_shows_credentials_in_plain_words(hosted_site: Path) -> None:
    clinic = next(c for c in CLINICS if set(c["staff_credentials"]) == {"CHT", "CA-hand-therapy-advanced-practice"})
    soup = soup_of(hosted_site, f"clinics/{clinic['slug']}/")
    section = soup.select_one("#staff-credentials").find_next("ul")
    shown = " ".join(section.get_text().split())
    for credential in CREDENTIALS.values():
        assert credential["summary"] in shown
    assert "Certified Hand Therapist" in shown
    abbr = section.select_one("abbr")
    assert abbr.get_text() == "CHT" and abbr["title"] == "Certified Hand Therapist"
    without = next(c for c in CLINICS if not c["staff_credentials"])
    assert soup_of(hosted_site, f"clinics/{without['slug']}/").select_one("#staff-credentials") is None


def test_built_home_page_card_says_the_list_is_sample_data(hosted_site: Path) -> None:
    cards = BeautifulSoup((hosted_site / "index.html").read_text(encoding="utf-8"), "html.parser").select(".grid.cards li")
    card = next(li for li in cards if "find a clinic" in li.get_text().lower())
    assert "the clinics listed are sample data" in " ".join(card.get_text().split())


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hosted site built from a copy of the project with one real clinic added."""
    folder = tmp_path_factory.mktemp("real-clinic")
    project = copy_project(folder / "project")
    clinics = project / "data" / "clinics.yml"
    clinics.write_text(clinics.read_text().rstrip("\n") + "\n" + REAL_CLINIC)
    site = folder / "site"
    result = run_build(project, "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


def test_real_clinic_page_has_structured_data_directions_and_no_sample_notice(real_site: Path) -> None:
    soup = soup_of(real_site, "clinics/real-test-clinic/")
    scripts = soup.select("script[type='application/ld+json']")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "MedicalClinic" and data["name"] == "Real Test Hand Clinic"
    assert data["telephone"] == "+16195550199"
    assert data["address"] == {"@type": "PostalAddress", "streetAddress": "1200 Front Street, Suite 210",
                               "addressLocality": "San Diego", "addressRegion": "CA", "postalCode": "92101",
                               "addressCountry": "US"}
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 32.7186, "longitude": -117.1594}
    hours = {(s["dayOfWeek"].rsplit("/", 1)[1], s["opens"], s["closes"]) for s in data["openingHoursSpecification"]}
    assert hours == {("Monday", "08:00", "17:00"), ("Wednesday", "09:00", "12:00"), ("Wednesday", "13:00", "17:00")}
    link = soup.find("a", string=re.compile("Get directions"))
    assert link["href"] == ("https://www.google.com/maps/dir/?api=1&destination="
                            "1200%20Front%20Street%2C%20Suite%20210%2C%20San%20Diego%2C%20CA%2092101")
    text = article_text(soup)
    assert "sample" not in text.lower() and "made up" not in text
    assert not soup.select("iframe, img[src^='http']"), "directions open in the reader's map app; no map is loaded"


def test_lists_with_real_and_sample_clinics_say_which_are_sample(real_site: Path) -> None:
    directory = soup_of(real_site, "clinics/")
    notice = " ".join(directory.select_one(".admonition.warning").get_text().split())
    assert 'The clinics marked "sample data" are made up' in notice
    entries = {li.select_one("strong a").get_text(): " ".join(li.get_text().split())
               for li in directory.select("#ot-by-city li")}
    assert "(sample data)" not in entries["Real Test Hand Clinic"]
    assert all("(sample data)" in entries[c["name"]] for c in CLINICS)
    condition = soup_of(real_site, "conditions/carpal-tunnel-syndrome/")
    listed = {" ".join(li.get_text().split()) for li in condition.select(".ot-condition-clinics li")}
    assert any(line.startswith("Real Test Hand Clinic") and "sample" not in line for line in listed)
    assert any("(sample data)" in line for line in listed)
    assert 'Clinics marked "sample data" are made up' in article_text(condition)
    home = " ".join(BeautifulSoup((real_site / "index.html").read_text(encoding="utf-8"), "html.parser").get_text().split())
    assert "Some of the clinics listed are sample data" in home


def test_condition_page_notes_sample_clinics_only_when_it_lists_some(site: Site) -> None:
    page = condition_page(site, "carpal-tunnel-syndrome", "Some prose.", {})
    assert 'Clinics marked "sample data" are made up' in page and "(sample data)" in page
    real = replace(site, clinics=tuple(replace(c, sample_data=False) for c in site.clinics))
    page = condition_page(real, "carpal-tunnel-syndrome", "Some prose.", {})
    assert "sample" not in page.lower()
