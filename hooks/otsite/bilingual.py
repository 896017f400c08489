"""Data in two languages side by side: each translatable record in data/*.yml has an
`es:` mapping with the same field names as its English fields.

`missing_translations` reports every translated field a record lacks once a language
is enabled; `localized` gives a record's fields in one language, so the Site's records
carry that language's values in their usual attributes (templates need no language logic).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from .emergencies import term_owner_problems
from .languages import SOURCE_LANGUAGE
from .problems import Problem
from .yaml_source import YamlDocument

TRANSLATED_LANGUAGES = ("es",)  # the languages data files may hold beside English (schemas allow these keys)


@dataclass(frozen=True)
class Field:
    """A reader-facing field with a counterpart in each translation."""

    name: str
    expected: str  # what the translation holds, for the writer's message
    same_count: bool = False  # a list whose translation has one item per English item, in the same order
    when: str = ""  # required only where the English item has this field (default: `name` itself)


@dataclass(frozen=True)
class Translated:
    """A list in a data file whose items are translated."""

    file: str  # schema name, a key of loading.DATA_FILES
    key: str
    id_field: str
    fields: tuple[Field, ...]


_NAME = "the Spanish name readers know"
TRANSLATED = (
    Translated("conditions", "conditions", "slug", (
        Field("name", f"{_NAME}, like Derrame cerebral"),
        Field("aliases", "other Spanish names of the condition, like ACV"),
        Field("symptoms", "Spanish words readers search with, also without accents, like embolia or tunel carpiano"),
        Field("misspellings", "Spanish misspellings readers type, like derrame serebral"),
        Field("summary", "one plain Spanish sentence saying what it is"))),
    Translated("services", "services", "slug", (
        Field("name", f"{_NAME}, like Terapia de la mano"), Field("summary", "one plain Spanish sentence"))),
    Translated("services", "credentials", "id", (
        Field("name", f"{_NAME}, like Terapeuta de la mano certificado (CHT)"),
        Field("summary", "one plain Spanish sentence: who grants it and what it means"),
        Field("finder_filter", "the finder's check box label in Spanish"))),
    *(Translated("taxonomy", key, "slug", (Field("name", f"{_NAME}, like {example}"),
                                          Field("summary", "one plain Spanish sentence")))
      for key, example in (("kinds", "Cerebro y nervios"), ("body_areas", "Mano y muñeca"), ("age_groups", "Adultos mayores"))),
    Translated("glossary", "terms", "term", (
        Field("term", "the word in Spanish, like Evaluación (abbreviations such as OT need none)", when="-abbreviation"),
        Field("stands_for", "what the abbreviation stands for, in Spanish, like Terapia ocupacional"),
        Field("definition", "the definition in plain Spanish"))),
    Translated("emergency_signs", "emergencies", "id", (
        Field("title", "a short Spanish name for the emergency"),
        Field("notice", "one Spanish sentence starting with the action, like Llame al 911 ahora ..."),
        Field("notice_signs", "the short signs in Spanish, one for each English line, in the same order", same_count=True),
        Field("signs", "the signs in Spanish, one for each English sign, in the same order", same_count=True),
        Field("steps", "the steps in Spanish, one for each English step, in the same order", same_count=True),
        Field("search_terms", "Spanish words readers type, also without accents"))),
    Translated("clinics", "clinics", "slug", (
        Field("languages", "the languages in Spanish, like Inglés, Español, in the same order", same_count=True),
        Field("accessibility", "each feature in Spanish, like Entrada sin escalones, in the same order", same_count=True))),
)


def localized(item: dict[str, Any], language: str, renamed: dict[str, str] | None = None) -> dict[str, Any]:
    """The item's fields in `language`: its translation's fields over the English ones, without translation keys.

    `renamed` maps a translated field to the record field holding it (the glossary's Spanish word
    goes to `label`, as its English `term` stays the key pages link to).
    """
    fields = {key: value for key, value in item.items() if key not in TRANSLATED_LANGUAGES}
    translation = item.get(language) if language != SOURCE_LANGUAGE else None
    if isinstance(translation, dict):
        fields.update({(renamed or {}).get(key, key): value for key, value in translation.items()})
    return fields


def missing_translations(documents: dict[str, YamlDocument], languages: Iterable[str]) -> list[Problem]:
    """Every translated field that an item of a file lacks or leaves empty, for each enabled language."""
    problems = []
    for language in languages:
        if language == SOURCE_LANGUAGE:
            continue
        for spec in TRANSLATED:
            document = documents.get(spec.file)
            if document is not None:
                problems += _missing_in_list(document, spec, language)
    return problems


def _missing_in_list(document: YamlDocument, spec: Translated, language: str) -> list[Problem]:
    problems = []
    for i, item in enumerate(document.data.get(spec.key) or []):
        if not isinstance(item, dict):
            continue  # the schema reports it
        translation = item.get(language)
        translation = translation if isinstance(translation, dict) else {}
        for field in spec.fields:
            if _needed(item, field):
                problem = _field_problem(item, translation, field)
                if problem:
                    at = (spec.key, i, language, field.name) if field.name in translation else (spec.key, i, language)
                    where = f"{spec.key}[{i}] ({item.get(spec.id_field)}).{language}.{field.name}"
                    problems.append(Problem(document.source, document.line_of(at), where, f"{problem} (expected {field.expected})"))
    return problems


def _needed(item: dict[str, Any], field: Field) -> bool:
    """Whether the English item has this field, so its translation needs it too."""
    if field.when.startswith("-"):
        return not item.get(field.when[1:])
    return _filled(item.get(field.when or field.name))


def _field_problem(item: dict[str, Any], translation: dict[str, Any], field: Field) -> str:
    """What is wrong with the translation of one field, or "" if nothing."""
    if field.name not in translation:
        return "missing"
    value = translation[field.name]
    if not _filled(value):
        return "empty"
    english = item.get(field.name)
    if field.same_count and isinstance(value, list) and isinstance(english, list) and len(value) != len(english):
        return f"{len(value)} items where the English has {len(english)}"
    return ""


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple)):
        return bool(value)
    return value is not None


def term_clashes(document: YamlDocument, languages: Iterable[str]) -> list[Problem]:
    """No translated emergency search term belongs to two emergencies unless shared (as emergencies.py checks the English ones)."""
    problems = []
    for language in set(languages) - {SOURCE_LANGUAGE}:
        entries = []
        for i, item in enumerate(document.data.get("emergencies") or []):
            translation = item.get(language) if isinstance(item, dict) else None
            if isinstance(translation, dict):
                name = str(item.get("id"))
                entries.append((("emergencies", i, language, "search_terms"), f"emergencies[{i}] ({name}).{language}.search_terms",
                                name, translation.get("search_terms")))
        problems += term_owner_problems(document, entries)
    return problems
