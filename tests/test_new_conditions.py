"""Issue 20, item 5: six new condition pages, in English and Spanish, each with the red flags
its readers need, a top-two-tier source and a current translation; and work injuries
(California workers' compensation) on the paying-for-OT page. Fast: reads the source files,
builds nothing."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT, load_data
from otsite.source_tiers import load_tiers
from otsite.translation import CURRENT, translation_status

# Each new page and the red flags (ids in data/emergency_signs.yml) it must list.
RED_FLAGS = {
    "parkinsons-disease": {"choking", "hip-fracture", "head-injury-blood-thinner"},
    "brain-injury-and-concussion": {"head-injury-blood-thinner", "seizure", "stroke"},
    "low-vision": {"stroke"},
    "falls-and-broken-hip": {"hip-fracture", "head-injury-blood-thinner"},
    "cancer": {"sepsis", "leg-clot"},
    "mental-health": {"self-harm"},
}
LANGUAGE_FOLDERS = ("docs", "docs-es")
TOP_TIERS = (1, 2)  # government and public health; professional bodies and academic centres


def front_matter(path: Path) -> dict:
    """The YAML between a page's first two '---' lines."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path} has no front matter"
    return yaml.safe_load(text.split("---\n", 2)[1])


def page(folder: str, slug: str) -> Path:
    return ROOT / folder / "conditions" / f"{slug}.md"


@pytest.mark.parametrize("folder", LANGUAGE_FOLDERS)
@pytest.mark.parametrize("slug", RED_FLAGS)
def test_new_condition_page_exists_in_both_languages(slug: str, folder: str) -> None:
    assert page(folder, slug).is_file(), f"{folder}/conditions/{slug}.md is missing"


@pytest.mark.parametrize("slug", RED_FLAGS)
def test_new_condition_is_in_the_data_with_its_spanish_fields(slug: str) -> None:
    entries = {entry["slug"]: entry for entry in load_data("conditions")["conditions"]}
    assert slug in entries, f"{slug} is not in data/conditions.yml"
    spanish = entries[slug].get("es", {})
    for field in ("name", "summary"):
        assert spanish.get(field, "").strip() and "FILL IN" not in spanish[field], f"{slug}: es.{field}"


@pytest.mark.parametrize("folder", LANGUAGE_FOLDERS)
@pytest.mark.parametrize("slug", RED_FLAGS)
def test_new_condition_page_lists_the_red_flags_its_readers_need(slug: str, folder: str) -> None:
    listed = set(front_matter(page(folder, slug)).get("emergencies", []))
    missing = RED_FLAGS[slug] - listed
    assert not missing, f"{folder}/conditions/{slug}.md: add {sorted(missing)} to emergencies"
    known = {sign["id"] for sign in load_data("emergency_signs")["emergencies"]}
    assert listed <= known, sorted(listed - known)


@pytest.mark.parametrize("folder", LANGUAGE_FOLDERS)
@pytest.mark.parametrize("slug", RED_FLAGS)
def test_new_condition_page_cites_a_top_two_tier_source(slug: str, folder: str) -> None:
    tiers, problems = load_tiers(ROOT)
    assert tiers is not None, problems
    urls = [source["url"] for source in front_matter(page(folder, slug))["review"]["sources"]]
    best = tiers.best_tier(urls)
    assert best in TOP_TIERS, f"{folder}/conditions/{slug}.md: best source tier {best}, expected 1 or 2"


def test_new_condition_translations_are_current() -> None:
    states = {state.page: state.state for state in translation_status(ROOT)}
    for slug in RED_FLAGS:
        assert states.get(f"docs-es/conditions/{slug}.md") == CURRENT, slug


def test_low_vision_sends_flashes_floaters_or_a_curtain_to_the_emergency_room() -> None:
    english = " ".join(front_matter(page("docs", "low-vision"))["get_help"]["emergency"])
    spanish = " ".join(front_matter(page("docs-es", "low-vision"))["get_help"]["emergency"])
    for word in ("flashes", "floaters", "curtain", "emergency room"):
        assert word in english, word
    for word in ("destellos", "cortina", "sala de emergencias"):
        assert word in spanish, word


def test_spanish_mental_health_page_gives_988_spanish_options() -> None:
    text = page("docs-es", "mental-health").read_text(encoding="utf-8")
    help_lines = " ".join(front_matter(page("docs-es", "mental-health"))["get_help"]["emergency"])
    for place in (text, help_lines):
        assert "marque 2" in place and "AYUDA" in place and "988" in place


def test_cancer_page_treats_fever_during_chemotherapy_as_an_emergency() -> None:
    for folder, words in (("docs", ("100.4", "right away")), ("docs-es", ("100.4", "de inmediato"))):
        lines = " ".join(front_matter(page(folder, "cancer"))["get_help"]["emergency"])
        assert all(word in lines for word in words), folder


@pytest.mark.parametrize("folder, heading", [("docs", "## Work injuries and workers' compensation"),
                                             ("docs-es", "## Lesiones de trabajo y compensación de trabajadores")])
def test_paying_for_ot_covers_work_injuries_with_the_dwc_source(folder: str, heading: str) -> None:
    path = ROOT / folder / "paying-for-ot.md"
    assert heading in path.read_text(encoding="utf-8")
    urls = [source["url"] for source in front_matter(path)["review"]["sources"]]
    assert "https://www.dir.ca.gov/dwc/MedicalCare.htm" in urls
