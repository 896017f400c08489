"""Issue 20, "What was found": each clinical finding in the existing pages, English and Spanish,
proved fixed from the source pages (front matter `emergencies:` and `get_help:`, and the text).

Fast: no build, no browser. Each test is named after its finding; data/hazards.yml names them as the
controls' tests. Each fails on the pages as they were before the fix (shown by running this file in a
copy of the project at that commit).
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = {"en": "docs", "es": "docs-es"}
BOTH = pytest.mark.parametrize("language", sorted(LANGUAGES))
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.S)


def page(language: str, path: str) -> tuple[dict, str]:
    """A page's front matter (a dict) and its Markdown text."""
    match = FRONT_MATTER.match((ROOT / LANGUAGES[language] / path).read_text(encoding="utf-8"))
    assert match, f"{LANGUAGES[language]}/{path} has no front matter"
    return yaml.safe_load(match.group(1)) or {}, match.group(2)


def help_lines(front: dict, level: str) -> list[str]:
    return list((front.get("get_help") or {}).get(level) or [])


def emergencies(front: dict) -> list[str]:
    return list(front.get("emergencies") or [])


def any_line(lines: list[str], *patterns: str) -> bool:
    """Is there one line that matches every pattern (regular expressions, case-insensitive)?"""
    return any(all(re.search(pattern, line, re.I) for pattern in patterns) for line in lines)


def reader_text(front: dict, body: str) -> str:
    """What a reader reads on the page: the help lines and the text (not sources or keywords)."""
    lines = [line for level in ("emergency", "urgent", "routine") for line in help_lines(front, level)]
    return "\n".join([front.get("description", ""), *lines, body])


# The words that mark each level's lines, per language.
CALL_911 = r"911"
EMERGENCY_ROOM = {"en": r"emergency room", "es": r"sala de emergencias"}
FEVER = {"en": r"\bfever", "es": r"\bfiebre"}
NO_FEVER = {"en": r"\bno fever", "es": r"no tiene fiebre"}
INFECTION = {"en": r"\binfect", "es": r"\binfec"}


# Finding 1: an infected finger (tendon-sheath infection) goes to the emergency room, never "same day".
FINGER_PAGES = ["conditions/trigger-finger.md", "conditions/tendonitis.md",
                "conditions/tendon-ligament-and-nerve-repairs.md", "conditions/dupuytrens-disease.md"]


@BOTH
@pytest.mark.parametrize("path", FINGER_PAGES)
def test_infected_finger_goes_to_the_emergency_room(language: str, path: str) -> None:
    front, _ = page(language, path)
    assert "finger-infection" in emergencies(front)
    swollen_all_round = {"en": r"swollen all the way around", "es": r"hinchado todo alrededor"}[language]
    assert any_line(help_lines(front, "emergency"), EMERGENCY_ROOM[language], swollen_all_round)
    for line in help_lines(front, "urgent"):
        assert not re.search(INFECTION[language], line, re.I), f"a same-day line still speaks of infection: {line}"
        if re.search(FEVER[language], line, re.I):
            assert re.search(NO_FEVER[language], line, re.I), f"a same-day line still takes a fever: {line}"


# Finding 2: sepsis is listed, with a 911 line, wherever infection is a risk.
SEPSIS_PAGES = ["conditions/spinal-cord-injury.md", "conditions/amputation.md", "conditions/alzheimers-and-dementia.md",
                "conditions/joint-replacement.md", "conditions/fractures.md", "conditions/carpal-tunnel-syndrome.md",
                "conditions/arthritis-and-chronic-pain.md", "conditions/multiple-sclerosis.md", *FINGER_PAGES]


@BOTH
@pytest.mark.parametrize("path", SEPSIS_PAGES)
def test_sepsis_is_listed_where_infection_is_a_risk(language: str, path: str) -> None:
    front, _ = page(language, path)
    assert "sepsis" in emergencies(front)
    assert any_line(help_lines(front, "emergency"), CALL_911, r"\bsepsis\b")


@BOTH
def test_every_page_with_a_fever_line_has_a_sepsis_route(language: str) -> None:
    missing = []
    for source in sorted((ROOT / LANGUAGES[language]).rglob("*.md")):
        path = source.relative_to(ROOT / LANGUAGES[language]).as_posix()
        front, _ = page(language, path)
        lines = [line for level in ("urgent", "routine") for line in help_lines(front, level)]
        fever = [line for line in lines if re.search(FEVER[language], line, re.I) and not re.search(NO_FEVER[language], line, re.I)]
        if fever and not ("sepsis" in emergencies(front) and any_line(help_lines(front, "emergency"), CALL_911, r"\bsepsis\b")):
            missing.append(path)
    assert not missing, f"a fever line with no 911 sepsis route: {missing}"


# Finding 3: stroke page: choking with no breath, speech or cough is 911; coughing at meals is a swallowing check.
@BOTH
def test_stroke_choking_is_911_and_coughing_at_meals_is_a_swallowing_check(language: str) -> None:
    front, _ = page(language, "conditions/stroke.md")
    assert "choking" in emergencies(front)
    choking = {"en": r"\bchoking\b", "es": r"atragantando"}[language]
    no_breath = {"en": r"cannot breathe, speak or cough", "es": r"no puede respirar, hablar ni toser"}[language]
    assert any_line(help_lines(front, "emergency"), CALL_911, choking, no_breath)
    later = help_lines(front, "urgent") + help_lines(front, "routine")
    assert not any_line(later, r"chok|atragant|ahog"), "choking must not sit at the same-day or routine level"
    swallowing_check = {"en": r"swallowing check", "es": r"prueba para tragar"}[language]
    assert any_line(later, swallowing_check)


# Finding 4: after a fall, cannot bear weight is 911 (hip fracture); a head hit on a blood thinner is the ER now.
@BOTH
@pytest.mark.parametrize("path", ["conditions/arthritis-and-chronic-pain.md", "conditions/stroke.md"])
def test_cannot_bear_weight_after_a_fall_is_911(language: str, path: str) -> None:
    front, _ = page(language, path)
    assert "hip-fracture" in emergencies(front)
    weight = {"en": r"put any weight", "es": r"apoyar nada de peso"}[language]
    assert any_line(help_lines(front, "emergency"), CALL_911, weight)
    assert not any_line(help_lines(front, "urgent"), {"en": r"\bweight\b", "es": r"\bpeso\b"}[language])


@BOTH
def test_stroke_fall_line_has_the_blood_thinner_exception(language: str) -> None:
    front, _ = page(language, "conditions/stroke.md")
    assert "head-injury-blood-thinner" in emergencies(front)
    lines = help_lines(front, "emergency")
    assert any_line(lines, EMERGENCY_ROOM[language], r"65")
    for name in ["Eliquis", "Xarelto", "Coumadin", r"warfarin", r"Plavix", r"aspirin"]:
        assert any_line(lines, name), f"the blood-thinner line does not name {name}"
    other_fall = {"en": r"any other fall", "es": r"cualquier otra caída"}[language]
    assert any_line(help_lines(front, "urgent"), other_fall), "the same-day fall line must leave out the emergencies above it"


# Finding 5: amputation: the remaining foot losing its blood supply is 911.
@BOTH
def test_amputation_remaining_foot_losing_blood_supply_is_911(language: str) -> None:
    front, _ = page(language, "conditions/amputation.md")
    assert "blood-supply" in emergencies(front)
    other_foot = {"en": r"other foot", "es": r"otro pie"}[language]
    cold_pale_blue = {"en": r"cold, pale or blue", "es": r"frío, pálido o azul"}[language]
    assert any_line(help_lines(front, "emergency"), CALL_911, other_foot, cold_pale_blue)


# Finding 6: any loss of skills sees the doctor soon; a sudden loss is 911 (a stroke sign).
@BOTH
@pytest.mark.parametrize("path", ["conditions/autism.md", "early-intervention-and-school.md"])
def test_lost_skills_sudden_is_911_any_loss_sees_the_doctor_soon(language: str, path: str) -> None:
    front, body = page(language, path)
    assert "stroke" in emergencies(front)
    sudden = {"en": r"suddenly loses a skill", "es": r"pierde de repente"}[language]
    assert any_line(help_lines(front, "emergency"), CALL_911, sudden)
    soon = {"en": r"doctor soon if your child loses", "es": r"vea pronto al médico de su hijo si su hijo pierde"}[language]
    assert any_line(help_lines(front, "routine"), soon)


@BOTH
def test_autism_text_sends_a_sudden_loss_of_skills_to_911(language: str) -> None:
    _, body = page(language, "conditions/autism.md")
    text = " ".join(body.split())
    assert re.search({"en": r"lost suddenly[^.]*call 911", "es": r"de repente[^.]*llame al 911"}[language], text)


# Finding 8: the Spanish stroke page teaches R.Á.P.I.D.O., not the English letters.
def test_spanish_stroke_page_uses_rapido_not_be_fast() -> None:
    front, body = page("es", "conditions/stroke.md")
    text = reader_text(front, body)
    assert "R.Á.P.I.D.O." in text
    assert "BE FAST" not in text
    for word in ["Rostro caído", "Alteración del equilibrio", "Pérdida de fuerza", "Impedimento visual", "Dificultad para hablar", "Obtenga ayuda"]:
        assert word in text


# Finding 9: wherever 988 appears in Spanish, its Spanish option is there too.
def test_spanish_pages_give_988s_spanish_option_wherever_988_appears() -> None:
    missing = []
    for source in sorted((ROOT / "docs-es").rglob("*.md")):
        path = source.relative_to(ROOT / "docs-es").as_posix()
        front, body = page("es", path)
        for part in [body, *(help_lines(front, level) for level in ("emergency", "urgent", "routine"))]:
            text = " ".join((part if isinstance(part, str) else " ".join(part)).replace("*", "").split())
            if re.search(r"\b988\b", text) and not (re.search(r"marque 2\b", text) and re.search(r"\bAYUDA\b", text)):
                missing.append(path)
    assert not missing, f"988 with no Spanish option (call 988 and press 2, or text AYUDA to 988): {sorted(set(missing))}"


# Misleading: the stroke page no longer says the signs are in the notice at the top.
@BOTH
def test_stroke_page_does_not_send_readers_to_the_top_notice_for_the_signs(language: str) -> None:
    _, body = page(language, "conditions/stroke.md")
    text = " ".join(body.split())
    assert not re.search({"en": r"notice at the top", "es": r"aviso de emergencia al principio"}[language], text)


# Misleading: dislocations' and DCD's emergency lines say what to do (911 or the emergency room).
@BOTH
@pytest.mark.parametrize("path", ["conditions/dislocations.md", "conditions/developmental-coordination-disorder.md"])
def test_emergency_lines_say_911_or_emergency_room(language: str, path: str) -> None:
    front, body = page(language, path)
    lines = help_lines(front, "emergency")
    assert lines, "no emergency line"
    for line in lines:
        assert re.search(CALL_911 + "|" + EMERGENCY_ROOM[language], line, re.I), f"no action in: {line}"
    text = " ".join(body.split())
    assert not re.search({"en": r"that is an emergency\.", "es": r"es una emergencia\."}[language], text)


# Misleading: dementia: a head hit on a blood thinner, and a lost person: search 15 minutes, then 911.
@BOTH
def test_dementia_routes_head_injury_on_blood_thinner_and_wandering(language: str) -> None:
    front, _ = page(language, "conditions/alzheimers-and-dementia.md")
    assert {"head-injury-blood-thinner", "wandering"} <= set(emergencies(front))
    lines = help_lines(front, "emergency")
    assert any_line(lines, r"15 minut", CALL_911)
    assert any_line(lines, {"en": r"blood thinner", "es": r"anticoagulante"}[language], EMERGENCY_ROOM[language])


# Misleading: dysreflexia: bowel and skin too, blood pressure every 5 minutes with a cuff, a wallet card.
@BOTH
def test_spinal_cord_injury_dysreflexia_text_covers_bowel_skin_cuff_and_card(language: str) -> None:
    _, body = page(language, "conditions/spinal-cord-injury.md")
    text = " ".join(body.split())
    words = {"en": [r"bowel, then the skin", r"every 5 minutes", r"wallet card"],
             "es": [r"intestino y luego la piel", r"cada 5 minutos", r"tarjeta"]}[language]
    for word in words:
        assert re.search(word, text), word


# Facts: a CHT needs the California Board's advanced practice approval like any OT.
def test_services_do_not_imply_a_cht_may_do_hand_therapy_without_board_approval() -> None:
    data = yaml.safe_load((ROOT / "data/services.yml").read_text(encoding="utf-8"))
    hand = next(service for service in data["services"] if service["slug"] == "hand-therapy")
    cht = next(credential for credential in data["credentials"] if credential["id"] == "CHT")
    assert re.search(r"approval.*even one who is a certified hand therapist \(CHT\)", hand["summary"])
    assert re.search(r"aprobación.*aunque tenga el CHT", hand["es"]["summary"])
    assert re.search(r"does not replace the California Board's advanced practice approval", cht["summary"])
    assert re.search(r"no reemplaza la aprobación de práctica avanzada", cht["es"]["summary"])


@BOTH
def test_idea_part_b_covers_ages_3_through_21(language: str) -> None:
    _, body = page(language, "early-intervention-and-school.md")
    text = " ".join(body.split())
    assert {"en": "ages 3 through 21", "es": "de los 3 a los 21 años, incluidos los que ya cumplieron 21"}[language] in text
    assert "up to 21" not in text


@BOTH
def test_early_start_is_free_for_families(language: str) -> None:
    _, body = page(language, "early-intervention-and-school.md")
    text = " ".join(body.split())
    assert {"en": "Early Start services are free for families", "es": "Los servicios de Early Start son gratis para las familias"}[language] in text


@BOTH
def test_paying_page_names_the_advance_beneficiary_notice(language: str) -> None:
    _, body = page(language, "paying-for-ot.md")
    text = " ".join(body.split())
    assert "Advance Beneficiary Notice of Noncoverage" in text and "ABN" in text


@BOTH
def test_what_to_expect_says_a_visit_lasts_about_an_hour(language: str) -> None:
    _, body = page(language, "what-to-expect.md")
    text = " ".join(body.split())
    assert {"en": "about an hour", "es": "más o menos una hora"}[language] in text


# Spanish wording.
def test_spanish_stroke_wording_is_not_misread() -> None:
    front, body = page("es", "conditions/stroke.md")
    text = " ".join(reader_text(front, body).split())
    assert "Derrame isquémico" not in text and "Ataque cerebral isquémico" in text
    assert "estudios en manejo" not in text and "manejar (conducir)" in text
    conditions = yaml.safe_load((ROOT / "data/conditions.yml").read_text(encoding="utf-8"))["conditions"]
    stroke = next(condition for condition in conditions if condition["slug"] == "stroke")
    assert "infarto cerebral" not in stroke["es"]["aliases"], "an alias is shown as a name, and many read it as a heart attack"


def test_spanish_choking_line_says_atragantando() -> None:
    front, _ = page("es", "children.md")
    assert any_line(help_lines(front, "emergency"), CALL_911, r"atragantando")
    assert "choking" in emergencies(front)


@BOTH
def test_parents_are_told_of_their_right_to_an_interpreter_at_iep_and_ifsp_meetings(language: str) -> None:
    _, body = page(language, "early-intervention-and-school.md")
    text = " ".join(body.split())
    interpreter = {"en": r"interpreter", "es": r"intérprete"}[language]
    assert re.search({"en": r"IFSP meetings[^.]*\. You can ask for an interpreter", "es": r"reuniones del IFSP[^.]*\. Puede pedir un intérprete"}[language], text)
    assert re.search({"en": r"interpreter at IEP meetings", "es": r"intérprete gratis en las reuniones del IEP"}[language], text)
    assert len(re.findall(interpreter, text)) >= 2


# US English for US readers, in what readers read (pages and data; keywords and search-only lists may keep other spellings).
BRITISH = [r"\bcarers?\b", r"\bthe shops\b", r"\bDIY\b", r"\bbag of shopping\b", r"\bzips\b"]
SEARCH_ONLY_FIELDS = ("keywords", "search_terms", "misspellings", "symptoms", "aliases")


def _visible_strings(value: object, key: str = "") -> list[str]:
    if key in SEARCH_ONLY_FIELDS or key == "es":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for k, v in value.items() for text in _visible_strings(v, str(k))]
    if isinstance(value, list):
        return [text for item in value for text in _visible_strings(item, key)]
    return []


def test_pages_and_data_use_us_english() -> None:
    found = []
    for source in sorted((ROOT / "docs").rglob("*.md")):
        front, body = page("en", source.relative_to(ROOT / "docs").as_posix())
        text = reader_text(front, body)
        found += [f"{source.relative_to(ROOT)}: {pattern}" for pattern in BRITISH if re.search(pattern, text, re.I)]
    for source in sorted((ROOT / "data").glob("*.yml")):
        strings = _visible_strings(yaml.safe_load(source.read_text(encoding="utf-8")))
        found += [f"{source.relative_to(ROOT)}: {pattern}" for pattern in BRITISH for text in strings if re.search(pattern, text, re.I)]
    assert not found, found


# No route at all for chest pain, an adult's seizure, burns, low blood sugar, a clot in the leg: now listed where they are a risk.
NEW_ROUTES = {
    "conditions/joint-replacement.md": {"leg-clot", "chest-pain", "sepsis"},
    "conditions/spinal-cord-injury.md": {"leg-clot", "sepsis", "burns"},
    "conditions/stroke.md": {"seizure", "choking"},
    "conditions/cerebral-palsy.md": {"seizure"},
    "conditions/amputation.md": {"low-blood-sugar", "blood-supply", "sepsis"},
    "conditions/carpal-tunnel-syndrome.md": {"burns"},
    "conditions/tendon-ligament-and-nerve-repairs.md": {"burns"},
    "what-to-expect.md": {"chest-pain"},
}


@BOTH
@pytest.mark.parametrize("path", sorted(NEW_ROUTES))
def test_new_red_flags_are_listed_where_they_are_a_risk(language: str, path: str) -> None:
    front, _ = page(language, path)
    assert NEW_ROUTES[path] <= set(emergencies(front))


def test_joint_replacement_leg_clot_goes_to_the_emergency_room_not_same_day() -> None:
    for language in LANGUAGES:
        front, _ = page(language, "conditions/joint-replacement.md")
        clot = {"en": r"blood clot in the leg", "es": r"coágulo de sangre en la pierna"}[language]
        assert any_line(help_lines(front, "emergency"), EMERGENCY_ROOM[language], clot)
        assert not any_line(help_lines(front, "urgent"), clot)


def test_triage_linter_finds_nothing_on_the_existing_pages() -> None:
    """The pages fixed here pass the writers' triage linter (scripts/safety_case.py), in both languages."""
    pages = {f"{folder}/{path}" for folder in LANGUAGES.values() for path in
             [*FINGER_PAGES, *SEPSIS_PAGES, *NEW_ROUTES, "conditions/alzheimers-and-dementia.md", "conditions/autism.md",
              "conditions/dislocations.md", "conditions/developmental-coordination-disorder.md", "children.md",
              "older-adults.md", "caregivers.md", "early-intervention-and-school.md", "index.md"]}
    run = subprocess.run([sys.executable, "scripts/safety_case.py"], cwd=ROOT, capture_output=True, text=True)
    linter = run.stdout.split("Triage linter", 1)
    assert len(linter) == 2, run.stdout + run.stderr
    misses = [line for line in linter[1].splitlines() if line.strip().split(":", 1)[0] in pages]
    assert not misses, "\n".join(misses)
