"""Data in English and Spanish side by side (issue 14): every translatable record has
its `es:` fields, a missing one stops a build that enables Spanish with file, line and
field (all of them in one run), and load_site(language=...) gives records in that language."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, load_data, run_build
from otsite.bilingual import missing_translations
from otsite.loading import DATA_FILES, load_site
from otsite.model import Site
from otsite.problems import DataError
from otsite.yaml_source import read_yaml

TODAY = date(2026, 12, 7)
# (data file, list, fields every item's es: holds when its English item has them), written out
# here rather than taken from otsite/bilingual.py, so a field dropped from its table fails this test.
TRANSLATED = [
    ("conditions", "conditions", ("name", "aliases", "symptoms", "misspellings", "summary")),
    ("services", "services", ("name", "summary")), ("services", "credentials", ("name", "summary", "finder_filter")),
    ("taxonomy", "kinds", ("name", "summary")), ("taxonomy", "body_areas", ("name",)), ("taxonomy", "age_groups", ("name",)),
    ("glossary", "terms", ("stands_for", "definition")),
    ("emergency_signs", "emergencies", ("title", "notice", "signs", "steps", "search_terms")),
    ("clinics", "clinics", ("languages", "accessibility")),
]
# Words Spanish readers type (the issue names the first five); accent-free spellings too.
SPANISH_SEARCH_WORDS = {"stroke": ["derrame cerebral", "embolia"], "trigger-finger": ["dedo en gatillo"],
                        "fractures": ["muñeca rota", "muneca rota"], "carpal-tunnel-syndrome": ["túnel carpiano", "tunel carpiano"]}


@pytest.mark.parametrize("file, key, fields", TRANSLATED, ids=[f"{f}.{k}" for f, k, _ in TRANSLATED])
def test_every_record_has_its_spanish_fields(file: str, key: str, fields: tuple[str, ...]) -> None:
    for item in load_data(file)[key]:
        spanish = item.get("es") or {}
        for field in fields:
            if item.get(field):
                assert spanish.get(field), f"data/{file}.yml: {item.get('slug') or item.get('id') or item.get('term')}: es.{field} is missing"


def test_shipped_data_has_no_missing_translation() -> None:
    documents = {name: read_yaml(ROOT / "data" / filename, f"data/{filename}")[0] for name, filename in DATA_FILES.items()}
    assert missing_translations(documents, ["en", "es"]) == []


def test_spanish_lists_keep_every_sign_step_and_feature() -> None:
    """Emergency signs and steps, clinic languages and features: one Spanish item per English item (nothing dropped)."""
    for sign in load_data("emergency_signs")["emergencies"]:
        for field in ("signs", "steps"):
            assert len(sign["es"][field]) == len(sign[field]), (sign["id"], field)
        for number in ("911", "988"):  # the same numbers to call, never softened
            for field in ("notice", "steps"):
                assert (number in str(sign["es"][field])) == (number in str(sign[field])), (sign["id"], field, number)
    for clinic in load_data("clinics")["clinics"]:
        assert len(clinic["es"]["accessibility"]) == len(clinic["accessibility"]), clinic["slug"]


def test_glossary_abbreviations_stay_the_same_key() -> None:
    for term in load_data("glossary")["terms"]:
        if term.get("abbreviation"):
            assert "term" not in term["es"], f"{term['term']}: an abbreviation keeps its English key"
        else:
            assert term["es"].get("term"), f"{term['term']}: a word needs its Spanish word"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Site]:
    """The shipped data in English and in Spanish. Spanish from a copy without docs-es/, so these
    data tests do not depend on the translated pages (a missing translation falls back to English)."""
    project = copy_project(tmp_path_factory.mktemp("bilingual") / "project")
    shutil.rmtree(project / "docs-es", ignore_errors=True)
    return {"en": load_site(ROOT, today=TODAY, languages=("en", "es")),
            "es": load_site(project, today=TODAY, language="es", languages=("en", "es"))}


def test_spanish_site_speaks_spanish(sites: dict[str, Site]) -> None:
    english, spanish = sites["en"], sites["es"]
    assert (english.language, spanish.language) == ("en", "es")
    assert english.condition("stroke").name == "Stroke"
    assert spanish.condition("stroke").name == "Derrame cerebral (accidente cerebrovascular)"
    assert spanish.condition("trigger-finger").summary.startswith("Un dedo o el pulgar")
    assert spanish.service("hand-therapy").name == "Terapia de la mano"
    assert spanish.credential("CHT").finder_filter == "Tiene un terapeuta de la mano certificado (CHT)"
    assert spanish.get("kinds", "brain-and-nerves").name == "Cerebro y nervios"
    assert spanish.get("age_groups", "older-adults").name == "Adultos mayores"
    assert spanish.get("clinics", "harbor-hand-and-upper-limb-center").accessibility[0] == "Entrada sin escalones"
    assert spanish.get("clinics", "harbor-hand-and-upper-limb-center").languages == ("inglés", "español")
    stroke = next(sign for sign in spanish.emergencies if sign.id == "stroke")
    assert stroke.notice.startswith("Llame al 911 ahora") and len(stroke.signs) == 8
    assert english.get("clinics", "harbor-hand-and-upper-limb-center").accessibility[0] == "Step-free entrance"


def test_ids_slugs_and_terms_stay_the_same(sites: dict[str, Site]) -> None:
    english, spanish = sites["en"], sites["es"]
    for collection in ("conditions", "services", "kinds", "body_areas", "age_groups", "clinics", "credentials"):
        assert [getattr(r, "slug", None) or r.id for r in getattr(english, collection)] == \
               [getattr(r, "slug", None) or r.id for r in getattr(spanish, collection)], collection
    assert {t.term for t in english.glossary} == {t.term for t in spanish.glossary}
    assert [s.id for s in english.emergencies] == [s.id for s in spanish.emergencies]
    assert spanish.term("Evaluation").label == "Evaluación" and english.term("Evaluation").label == "Evaluation"
    assert spanish.abbreviations()["OT"] == "Terapia ocupacional o terapeuta ocupacional"
    assert english.abbreviations()["OT"] == "Occupational therapy or occupational therapist"


@pytest.mark.parametrize("slug, words", SPANISH_SEARCH_WORDS.items())
def test_spanish_readers_words_find_the_condition(sites: dict[str, Site], slug: str, words: list[str]) -> None:
    terms = [term.casefold() for term in sites["es"].condition(slug).search_terms]
    for word in words:
        assert word in terms, f"{slug}: {word!r} not among its Spanish search words"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_missing_spanish_fields_stop_the_build_all_at_once(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    conditions = project / "data" / "conditions.yml"
    _edit(conditions, "      name: Derrame cerebral (accidente cerebrovascular)\n", "")
    _edit(conditions, "      summary: Un dedo o el pulgar que se traba o se atora al doblarlo.", '      summary: ""')
    stroke_es = _line_of(conditions, "Un daño al cerebro") - 4  # the stroke's es: line (name removed)
    empty = _line_of(conditions, 'summary: ""')
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous-good-build.txt").write_text("keep me")
    result = run_build(project, "mkdocs.yml", site)
    message = result.stderr
    assert result.returncode != 0
    assert "Traceback" not in message + result.stdout
    assert (site / "previous-good-build.txt").exists(), "the last good site was emptied"
    assert f"data/conditions.yml:{stroke_es}: conditions[5] (stroke).es.name: missing (expected the Spanish name" in message, message
    assert f"data/conditions.yml:{empty}: conditions[12] (trigger-finger).es.summary: empty (expected" in message, message
    assert "Found 2 problems" in message, message

    # With only English enabled, the same data builds: nothing asks for the Spanish fields.
    config = project / "mkdocs.yml"
    _edit(config, "    es: Español\n", "")
    result = run_build(project, "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr


def test_a_spanish_emergency_search_term_belongs_to_one_emergency(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    signs = project / "data" / "emergency_signs.yml"
    _edit(signs, "      - yeso apretado\n", "      - yeso apretado\n      - Cara Caída\n")  # a stroke term, in tight-cast
    with pytest.raises(DataError) as raised:
        load_site(project, today=TODAY, languages=("en", "es"))
    line = _line_of(signs, "Cara Caída")
    assert f"data/emergency_signs.yml:{line}: emergencies[2] (tight-cast).es.search_terms[1]: 'Cara Caída' is already a search term of 'stroke'" in str(raised.value)
    load_site(project, today=TODAY)  # with only English enabled, Spanish terms are not checked
