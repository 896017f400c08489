"""Checks a schema cannot express: real time zones, clock times that make a day,
glossary terms that differ only in case or punctuation, and writers' pages at
the address of a page the build writes. Each is linear in the data's size."""
from __future__ import annotations

from functools import cache
from typing import Callable, Iterable
from zoneinfo import available_timezones

from .problems import Problem
from .suggest import closest, did_you_mean
from .yaml_source import FieldPath, YamlDocument

Fine = Callable[[FieldPath], bool]  # whether a field matched its schema


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_clinic_times(doc: YamlDocument, fine: Fine) -> list[Problem]:
    """Each clinic's time zone is in the IANA database and its hours are clock times that do not overlap."""
    problems = []
    for i, clinic in enumerate(doc.data["clinics"]):
        if fine(("clinics", i, "timezone")):
            problems += _check_zone(doc, ("clinics", i, "timezone"), clinic["timezone"])
        if fine(("clinics", i, "hours")):
            for day, text in clinic["hours"].items():
                problems += [_problem(doc, ("clinics", i, "hours", day), message) for message in hours_problems(text)]
    return problems


def _check_zone(doc: YamlDocument, at: FieldPath, zone: str) -> list[Problem]:
    if zone in _zones():
        return []
    by_case = {name.lower(): name for name in _zones()}
    guess = by_case.get(zone.lower()) or closest(zone, _zones())
    return [_problem(doc, at, f"{zone!r} is not a time zone in the IANA database ({did_you_mean(guess)}expected a name like America/Los_Angeles)")]


def hours_problems(text: str) -> list[str]:
    """What is wrong with one day's hours like "08:00-12:00, 13:00-17:00" (already in that form).

    Opening times run 00:00-23:59; closing times 00:01-24:00 (24:00 is midnight at the
    end of the day). Closing before opening is reported by clinic_checks.
    """
    found, ranges = [], []
    for part in text.split(","):
        opens, _, closes = part.strip().partition("-")
        bad = [f"{time} is not a time of day (expected {low} to {high})"
               for time, low, high in ((opens, "00:00", "23:59"), (closes, "00:01", "24:00")) if not _clock(time, low, high)]
        found += bad
        if not bad:
            ranges.append((opens, closes))
    ranges.sort()
    for (open1, close1), (open2, close2) in zip(ranges, ranges[1:]):
        if open2 < close1:
            found.append(f"{open1}-{close1} and {open2}-{close2} overlap (expected separate times, like 08:00-12:00, 13:00-17:00)")
    return found


def _clock(time: str, low: str, high: str) -> bool:
    hours, _, minutes = time.partition(":")
    return len(time) == 5 and hours.isdigit() and minutes.isdigit() and int(minutes) < 60 and low <= time <= high


def check_glossary_terms(doc: YamlDocument, fine: Fine) -> list[Problem]:
    """Terms that differ only in case, spaces or punctuation (ADL, adl, A.D.L.) would share one entry and address."""
    first: dict[str, tuple[int, str]] = {}
    problems = []
    for i, item in enumerate(doc.data["terms"]):
        if not fine(("terms", i, "term")):
            continue
        term = item["term"]
        key = "".join(ch for ch in term.casefold() if ch.isalnum())
        if key not in first:
            first[key] = (i, term)
        elif first[key][1] != term:  # the very same spelling twice is reported as a repeated term
            j, earlier = first[key]
            problems.append(_problem(doc, ("terms", i, "term"),
                                     f"{term!r} is the same term as {earlier!r} (terms[{j}], line {doc.line_of(('terms', j, 'term'))}) "
                                     "once case, spaces and punctuation are ignored (expected each term once)"))
    return problems


def address(path: str) -> str:
    """The address a page under docs/ gets: conditions/stroke.md -> conditions/stroke, clinics/index.md -> clinics."""
    parts = path.split("/")
    parts[-1] = parts[-1].rsplit(".", 1)[0]
    return "/".join(parts[:-1] if parts[-1] in ("index", "README") else parts)


def check_generated_addresses(writers_pages: Iterable[str], generated: dict[str, str]) -> list[Problem]:
    """A writer's page (path under docs/) at the address of a page the build writes ({path: where it comes from})."""
    taken = {address(path): (path, source) for path, source in generated.items()}
    problems = []
    for path in writers_pages:
        if address(path) in taken:
            page, source = taken[address(path)]
            shown = address(path) + "/" if address(path) else "the home page"
            problems.append(Problem(f"docs/{path}", 0, "", f"the build writes the page at this address ({shown}) itself, from {source} "
                                                           "(expected no writer's page there: delete or rename this file)"))
    return problems


def _problem(doc: YamlDocument, path: FieldPath, message: str) -> Problem:
    return doc.problem(path, message)
