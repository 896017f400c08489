"""Checks on clinics that a schema cannot express: real ZIP codes, places and
hours, sample clinics that say so, and credentials behind the services offered."""
from __future__ import annotations

import re
from typing import Any, Callable, Protocol

from .geo import miles_between, zip_place
from .problems import Problem
from .yaml_source import FieldPath, YamlDocument

MAX_MILES_FROM_ZIP = 25  # a clinic's map position must lie near its ZIP code's centre
SAMPLE_STREET = re.compile(r"\b(sample|example)\b", re.IGNORECASE)  # so a made-up clinic cannot pass as real


class CheckedFile(Protocol):
    """A parsed data file that knows which of its fields matched the schema (loading.DataFile)."""

    document: YamlDocument

    def fine(self, path: FieldPath) -> bool: ...


def check_clinics(doc: YamlDocument, fine: Callable[[FieldPath], bool]) -> list[Problem]:
    """Problems of each clinic's place and hours, where `fine` says those fields match the schema."""
    problems = []
    for i, clinic in enumerate(doc.data["clinics"]):
        if all(fine(("clinics", i, field)) for field in ("address", "coordinates")):
            problems += _check_place(doc, i, clinic)
        if fine(("clinics", i, "hours")):
            problems += _check_hours(doc, i, clinic)
        if fine(("clinics", i, "sample_data")) and fine(("clinics", i, "address")):
            problems += _check_sample_street(doc, i, clinic)
    return problems


def _check_sample_street(doc: YamlDocument, i: int, clinic: dict) -> list[Problem]:
    street = clinic["address"]["street"]
    if clinic["sample_data"] is not True or SAMPLE_STREET.search(street):
        return []
    return [_problem(doc, ("clinics", i, "address", "street"),
                     "a sample clinic (sample_data: true) needs a plainly made-up street so it cannot pass as a real clinic "
                     f"(expected a street with Sample or Example in it, like 100 Sample Way, got {street!r})")]


def check_credentials(clinics: CheckedFile, services: CheckedFile) -> list[Problem]:
    """A clinic offering a service that needs a credential (hand therapy: CHT or California's
    advanced-practice approval) lists one of those credentials in staff_credentials."""
    needs = _credentials_needed(services)
    problems = []
    for i, clinic in enumerate(clinics.document.data["clinics"]):
        if not (isinstance(clinic, dict) and clinics.fine(("clinics", i, "services"))
                and clinics.fine(("clinics", i, "staff_credentials"))):
            continue
        held = set(clinic["staff_credentials"])
        for slug in clinic["services"]:
            if slug in needs and not held & set(needs[slug]):
                problems.append(_problem(clinics.document, ("clinics", i, "staff_credentials"),
                                         f"the clinic offers {slug}, which needs staff holding one of its credentials "
                                         f"(expected one of {', '.join(needs[slug])} as data/services.yml says, "
                                         f"got {_list(clinic['staff_credentials'])})"))
    return problems


def _credentials_needed(services: CheckedFile) -> dict[str, list[str]]:
    """service slug -> the credential ids one of which its staff must hold."""
    needs = {}
    for i, service in enumerate(services.document.data["services"]):
        path = ("services", i, "requires_credential")
        if isinstance(service, dict) and service.get("requires_credential") and services.fine(path) \
                and services.fine(("services", i, "slug")):
            needs[service["slug"]] = list(service["requires_credential"])
    return needs


def _list(values: list[Any]) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


def _check_place(doc: YamlDocument, i: int, clinic: dict) -> list[Problem]:
    address = clinic["address"]
    place = zip_place(address["zip"])
    if place is None:
        return [_problem(doc, ("clinics", i, "address", "zip"), f"ZIP code {address['zip']} does not exist (expected a real US ZIP code)")]
    if place["state"] != address["state"]:
        return [_problem(doc, ("clinics", i, "address", "state"),
                         f"ZIP code {address['zip']} is in {place['state']} (expected state {place['state']}, got {address['state']})")]
    lat, lon = clinic["coordinates"]["lat"], clinic["coordinates"]["lon"]
    miles = miles_between(lat, lon, float(place["lat"]), float(place["long"]))
    if miles > MAX_MILES_FROM_ZIP:
        return [_problem(doc, ("clinics", i, "coordinates"),
                         f"the position is {miles:.0f} miles from ZIP code {address['zip']} (expected within {MAX_MILES_FROM_ZIP} miles, "
                         f"near lat {place['lat']}, lon {place['long']}; check that lat and lon are not swapped or missing a minus sign)")]
    return []


def _check_hours(doc: YamlDocument, i: int, clinic: dict) -> list[Problem]:
    problems = []
    for day, text in clinic["hours"].items():
        for opens, closes in parse_ranges(text):
            if closes <= opens:
                problems.append(_problem(doc, ("clinics", i, "hours", day),
                                         f"closes at {closes} before it opens at {opens} (expected the opening time first)"))
    return problems


def parse_ranges(text: str) -> list[tuple[str, str]]:
    """"08:00-12:00, 13:00-17:00" -> [("08:00", "12:00"), ("13:00", "17:00")]."""
    return [tuple(part.strip().split("-", 1)) for part in text.split(",")]  # type: ignore[misc]


def _problem(doc: YamlDocument, path: tuple, message: str) -> Problem:
    return doc.problem(path, message)
