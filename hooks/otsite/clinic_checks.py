"""Checks on clinics that a schema cannot express: real ZIP codes, places and hours."""
from __future__ import annotations

from typing import Callable

from .geo import miles_between, zip_place
from .problems import Problem
from .yaml_source import FieldPath, YamlDocument, field_name

MAX_MILES_FROM_ZIP = 25  # a clinic's map position must lie near its ZIP code's centre


def check_clinics(doc: YamlDocument, fine: Callable[[FieldPath], bool]) -> list[Problem]:
    """Problems of each clinic's place and hours, where `fine` says those fields match the schema."""
    problems = []
    for i, clinic in enumerate(doc.data["clinics"]):
        if all(fine(("clinics", i, field)) for field in ("address", "coordinates")):
            problems += _check_place(doc, i, clinic)
        if fine(("clinics", i, "hours")):
            problems += _check_hours(doc, i, clinic)
    return problems


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
    return Problem(doc.source, doc.line_of(path), field_name(path), message)
