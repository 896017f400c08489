"""The red-flag library (data/emergency_signs.yml), issue 20: every red flag the
pages' readers need exists in English and Spanish with a trustworthy source;
the Spanish life-safety details (R.Á.P.I.D.O., 988 press 2 / AYUDA); the notice
at the top of a page shows the signs under a plain heading; everyday symptoms
("numbness", "numb fingers") raise no 911 notice while their sudden forms do."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from conftest import ROOT, load_data
from otsite.emergencies import mentions, normalize
from otsite.loading import load_site
from otsite.page_checks import split_front_matter
from otsite.rendering import emergency_notice

DATA = load_data("emergency_signs")
SIGNS = {entry["id"]: entry for entry in DATA["emergencies"]}
NEW_RED_FLAGS = ("sepsis", "finger-infection", "hip-fracture", "choking", "chest-pain", "seizure",
                 "low-blood-sugar", "burns", "leg-clot", "wandering")
# The weakest tier a flag's best source may have (data/publishers.yml: 1 government, 2 professional/academic).
BEST_TIER = {flag: 2 for flag in NEW_RED_FLAGS}
READER_FIELDS = ("title", "notice", "notice_signs", "signs", "steps", "search_terms")


def tier_of(url: str) -> int:
    publishers = load_data("publishers")["publishers"]
    tiers = {host.removeprefix("www."): entry["tier"] for entry in publishers for host in entry["hosts"]}
    return tiers.get((urlparse(url).hostname or "").removeprefix("www."), 9)


def terms_of(language: str) -> dict[str, list[str]]:
    """{emergency id: its search terms in `language`}."""
    return {i: (entry["search_terms"] if language == "en" else entry[language]["search_terms"]) for i, entry in SIGNS.items()}


def owners(query: str, language: str = "en") -> list[str]:
    """The emergencies whose notices a search for `query` shows, as emergency-search.js matches them."""
    return [i for i, terms in terms_of(language).items() if any(mentions(query, term) for term in terms)]


@pytest.mark.parametrize("flag", NEW_RED_FLAGS)
def test_each_new_red_flag_exists_in_both_languages_with_a_trusted_source(flag: str) -> None:
    entry = SIGNS.get(flag)
    assert entry is not None, f"no red flag {flag!r} in data/emergency_signs.yml"
    for field in READER_FIELDS:
        assert entry.get(field) and entry["es"].get(field), f"{flag}: {field} missing in English or Spanish"
    for field in ("signs", "steps", "notice_signs"):
        assert len(entry[field]) == len(entry["es"][field]), f"{flag}: {field} not one for one in Spanish"
    assert entry["page"] and (ROOT / "docs" / entry["page"]).is_file()
    best = min(tier_of(source["url"]) for source in entry["sources"])
    assert best <= BEST_TIER[flag], f"{flag}: best source tier {best}: {[s['url'] for s in entry['sources']]}"


@pytest.mark.parametrize(("flag", "level"), [
    ("sepsis", "call-911"), ("hip-fracture", "call-911"), ("choking", "call-911"), ("chest-pain", "call-911"),
    ("seizure", "call-911"), ("burns", "call-911"), ("blood-supply", "call-911"), ("stroke", "call-911"),
    ("finger-infection", "emergency-room"), ("leg-clot", "emergency-room"), ("head-injury-blood-thinner", "emergency-room"),
    ("low-blood-sugar", "act-now"), ("wandering", "act-now"), ("self-harm", "crisis-line")])
def test_each_red_flag_routes_to_its_level(flag: str, level: str) -> None:
    entry = SIGNS[flag]
    assert entry["level"] == level
    action = {"call-911": "Call 911", "emergency-room": "Go to the emergency room", "act-now": "911",
              "crisis-line": "988"}[level]
    assert action in entry["notice"], entry["notice"]


def test_finger_infection_goes_to_the_emergency_room_with_its_signs() -> None:
    entry = SIGNS["finger-infection"]
    text = " ".join(entry["signs"] + entry["steps"])
    for sign in ("swollen all the way around", "bent", "straighten", "red streaks", "fever", "bite", "puncture"):
        assert sign in text, sign
    assert entry["notice"].startswith("Go to the emergency room now")


def test_hip_fracture_after_a_fall_calls_911() -> None:
    text = " ".join(SIGNS["hip-fracture"]["signs"])
    for sign in ("cannot get up, stand, or put weight", "shorter", "turn outward"):
        assert sign in text, sign


def test_choking_is_911_but_coughing_at_meals_is_a_swallowing_check() -> None:
    entry = SIGNS["choking"]
    assert "cannot breathe, speak or cough" in entry["notice"]
    assert any("coughing" in sign and "swallowing check" in sign for sign in entry["signs"])
    assert any("atragantando" in term for term in entry["es"]["search_terms"])
    assert "atragantando" in entry["es"]["notice"]


def test_low_blood_sugar_gives_fast_sugar_only_to_a_person_who_can_swallow() -> None:
    steps = SIGNS["low-blood-sugar"]["steps"]
    assert "awake and can swallow" in steps[0] and "sugar" in steps[0]
    assert "cannot swallow" in steps[1] and "call 911" in steps[1] and "Do not put food or drink" in steps[1]


def test_wandering_searches_15_minutes_then_calls_911() -> None:
    for language in ("en", "es"):
        notice = SIGNS["wandering"]["notice"] if language == "en" else SIGNS["wandering"]["es"]["notice"]
        assert "15" in notice and "911" in notice


def test_blood_supply_covers_a_hand_or_a_foot() -> None:
    entry = SIGNS["blood-supply"]
    assert "foot" in entry["title"] and "foot" in entry["notice"] and "pie" in entry["es"]["notice"]
    assert owners("cold blue foot") == ["blood-supply"] and owners("pie azul", "es") == ["blood-supply"]


def test_tight_cast_names_passive_movement_pain_burning_smell_and_crush_swelling() -> None:
    text = " ".join(SIGNS["tight-cast"]["signs"])
    for sign in ("gently moves the fingers or toes", "Burning", "smell", "crush injury"):
        assert sign in text, sign
    assert len(SIGNS["tight-cast"]["es"]["signs"]) == len(SIGNS["tight-cast"]["signs"])


def test_dysreflexia_checks_bowel_and_skin_blood_pressure_every_5_minutes_and_a_wallet_card() -> None:
    for steps in (SIGNS["autonomic-dysreflexia"]["steps"], SIGNS["autonomic-dysreflexia"]["es"]["steps"]):
        text = " ".join(steps).lower()
        assert ("bowel" in text and "skin" in text) or ("intestino" in text and "piel" in text)
        assert "5 minut" in text
        assert "wallet card" in text or "tarjeta" in text


def test_spanish_stroke_signs_use_the_rapido_letters() -> None:
    spanish = SIGNS["stroke"]["es"]["signs"]
    letters = [sign.split(" – ", 1)[0] for sign in spanish[:6]]
    assert letters == ["R", "Á", "P", "I", "D", "O"], spanish
    assert spanish[0].startswith("R – Rostro caído") and spanish[1].startswith("Á – Alteración del equilibrio")
    assert spanish[3].startswith("I – Impedimento visual")  # the eyes, as BE FAST's E
    assert not any("BE FAST" in line or "(balance)" in line for line in spanish)
    assert "ataque o derrame cerebral" in SIGNS["stroke"]["es"]["notice"]
    # the letters as the American Stroke Association teaches them, on its own Spanish page
    assert any(urlparse(source["url"]).hostname == "www.stroke.org" and source["url"].endswith("-es")
               and "R.Á.P.I.D.O." in source["title"] for source in SIGNS["stroke"]["sources"])


def test_spanish_self_harm_gives_988_press_2_and_text_ayuda() -> None:
    spanish = SIGNS["self-harm"]["es"]
    text = " ".join(spanish["steps"] + spanish["notice_signs"])
    assert "marque 2" in text and "AYUDA" in text
    assert any(urlparse(source["url"]).hostname == "988lifeline.org" for source in SIGNS["self-harm"]["sources"])


def test_everyday_numbness_is_not_a_911_term_but_its_sudden_forms_are() -> None:
    for query in ("numbness", "numb fingers", "hand went numb", "fingers went numb", "numb hand at night"):
        assert owners(query) == [], (query, owners(query))
    for query in ("sudden numbness", "numb on one side", "numbness on one side"):
        assert owners(query) == ["stroke"], (query, owners(query))


def test_pounding_headache_belongs_to_stroke_first_then_dysreflexia() -> None:
    assert normalize("pounding headache") in {normalize(t) for t in DATA["shared_search_terms"]}
    assert owners("pounding headache") == ["stroke", "autonomic-dysreflexia"]
    levels = DATA["levels"]
    assert levels.index(SIGNS["stroke"]["level"]) < levels.index(SIGNS["autonomic-dysreflexia"]["level"])
    assert SIGNS["autonomic-dysreflexia"]["notice_signs"][0].startswith("Only for people with a spinal cord injury at T6")


def test_every_term_is_in_one_emergency_unless_shared() -> None:
    for language in ("en", "es"):
        seen: dict[str, set[str]] = {}
        for flag, terms in terms_of(language).items():
            for term in terms:
                seen.setdefault(normalize(term), set()).add(flag)
        shared = {normalize(t) for t in DATA["shared_search_terms"]}
        assert {term for term, flags in seen.items() if len(flags) > 1} <= shared, language


@pytest.mark.parametrize("language", ["en", "es"])
def test_page_notice_heading_is_plain_words_by_level_with_the_signs(language: str) -> None:
    site = load_site(ROOT, language=language, languages=("en", "es"))
    notice = emergency_notice(site, ["finger-infection", "stroke"])
    headings = {"en": ("Call 911 now", "Go to the emergency room now"),
                "es": ("Llame al 911 ahora", "Vaya a la sala de emergencias ahora")}[language]
    assert "Immediate action required" not in notice and "Actúe de inmediato" not in notice
    first, second = (notice.index(f"<strong>{heading}</strong>") for heading in headings)
    assert first < second  # 911 before the emergency room, whatever the page's order
    for flag in ("stroke", "finger-infection"):
        lines = SIGNS[flag]["notice_signs"] if language == "en" else SIGNS[flag]["es"]["notice_signs"]
        assert all(f"<li>{line}</li>" in notice.replace("&#40;", "(").replace("&#41;", ")") for line in lines), flag


# Issue 20, finding 6: "lost skills" is a finding about development (any loss of skills: see the doctor soon;
# a sudden loss: 911, a stroke sign). Bare "lost" and "missing" made such searches show the wandering notice.
@pytest.mark.parametrize(("query", "language"), [
    ("lost skills", "en"), ("losing skills", "en"), ("lost words", "en"), ("my son lost skills he had", "en"),
    ("child is missing milestones", "en"), ("missing words", "en"),
    ("perdió habilidades", "es"), ("perdio habilidades", "es"), ("está perdiendo palabras", "es")])
def test_lost_skills_shows_no_wandering_notice(query: str, language: str) -> None:
    assert "wandering" not in owners(query, language), (query, owners(query, language))
    assert owners(query, language) == [], (query, owners(query, language))  # an everyday form: no notice at all


@pytest.mark.parametrize(("query", "language"), [
    ("suddenly lost skills", "en"), ("sudden loss of skills", "en"), ("my child suddenly lost a skill", "en"),
    ("perdió habilidades de repente", "es"), ("pérdida repentina de habilidades", "es")])
def test_sudden_loss_of_skills_shows_the_stroke_notice(query: str, language: str) -> None:
    assert owners(query, language) == ["stroke"], (query, owners(query, language))
    child_line = SIGNS["stroke"]["signs"][-1] if language == "en" else SIGNS["stroke"]["es"]["signs"][-1]
    assert "losing a skill" in child_line or "perder de repente" in child_line  # the sign the notice stands for


@pytest.mark.parametrize(("query", "language"), [
    ("my mom is lost", "en"), ("dad went missing", "en"), ("missing person", "en"), ("he wandered off", "en"),
    ("my husband got lost", "en"), ("se perdió mi papá", "es"), ("mi mamá está perdida", "es"),
    ("mi abuelo desaparecido", "es")])
def test_a_lost_or_missing_person_still_shows_the_wandering_notice(query: str, language: str) -> None:
    assert owners(query, language) == ["wandering"], (query, owners(query, language))


def listed_emergencies(page: Path) -> list[str]:
    """The red flags a page names in its front matter (emergencies: [...])."""
    front, _ = split_front_matter(page.read_text(encoding="utf-8"))
    return list((yaml.safe_load(front) or {}).get("emergencies") or [])


@pytest.mark.parametrize("folder", ["docs", "docs-es"])
def test_each_red_flag_links_to_a_page_that_lists_it(folder: str) -> None:
    """The notice's "What to do" link opens a page whose emergency box shows the same red flag."""
    for flag, entry in SIGNS.items():
        assert entry.get("page"), f"{flag}: no page to link to"
        page = ROOT / folder / entry["page"]
        assert page.is_file(), f"{flag}: no {page}"
        assert flag in listed_emergencies(page), f"{flag}: {folder}/{entry['page']} does not list it"


def test_red_flags_link_to_the_page_that_explains_them() -> None:
    assert SIGNS["hip-fracture"]["page"] == "conditions/falls-and-broken-hip.md"
    assert SIGNS["head-injury-blood-thinner"]["page"] == "conditions/brain-injury-and-concussion.md"
    assert SIGNS["self-harm"]["page"] == "conditions/mental-health.md"
