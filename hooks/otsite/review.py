"""A page's review status: draft or clinically reviewed, its dates, and whether it may be published.

The schema (schemas/page.schema.json, $defs/review) checks the shape; this module
checks what a schema cannot: real dates, their order, and that a draft names no
reviewer, so no reader can take a draft for a reviewed page.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from .problems import Problem
from .yaml_source import YamlDocument

DRAFT = "draft"
REVIEWED = "clinically reviewed"
MAX_REVIEW_GAP_DAYS = 3 * 366  # the brief: next review due at most 3 years later
REVIEWER_FIELDS = ("last_reviewed", "reviewer", "credential", "license")
REFUSE_DRAFTS_SETTING = "OT_REFUSE_DRAFTS"  # environment variable; mkdocs.yml's extra.refuse_drafts does the same


def is_draft(review: dict[str, Any]) -> bool:
    return review.get("status") != REVIEWED


def written_or_reviewed(review: dict[str, Any]) -> str:
    """The date the text was last vouched for: its clinical review, or the day the draft was written."""
    return str(review.get("written" if is_draft(review) else "last_reviewed", ""))


def check_review(document: YamlDocument, display: str, today: date, at: tuple = ("review",)) -> list[Problem]:
    """What the schema cannot see in a valid review block (the one at `at`): real dates in order, no reviewer on a draft."""
    review = _value(document, at)
    problems = [_problem(document, display, (*at, key), f"a draft names no {key.replace('_', ' ')} "
                         f"(expected no {', '.join(REVIEWER_FIELDS)} until a licensed occupational therapist has "
                         f"reviewed the page; then set status: {REVIEWED})")
                for key in REVIEWER_FIELDS if is_draft(review) and key in review]
    start_key = "written" if is_draft(review) else "last_reviewed"
    dated = {key: _date(document, display, (*at, key), problems) for key in (start_key, "next_review")}
    for index, source in enumerate(review["sources"]):
        if "accessed" not in source:
            continue  # the schema reports it
        accessed = _date(document, display, (*at, "sources", index, "accessed"), problems)
        if accessed and accessed > today:
            problems.append(_problem(document, display, (*at, "sources", index, "accessed"),
                                     f"expected the date you read the source, no later than today ({today}), got {accessed}"))
    start, due = dated[start_key], dated["next_review"]
    if start is None or due is None:
        return problems
    if start > today:
        problems.append(_problem(document, display, (*at, start_key),
                                 f"expected a date no later than today ({today}), got {start}"))
    if due <= start:
        problems.append(_problem(document, display, (*at, "next_review"),
                                 f"expected a date after {start_key} ({start}), got {due}"))
    elif (due - start).days > MAX_REVIEW_GAP_DAYS:
        problems.append(_problem(document, display, (*at, "next_review"),
                                 f"expected a date at most 3 years after {start_key} ({start}), got {due}"))
    return problems


def check_overdue(document: YamlDocument, display: str, today: date, at: tuple = ("review",)) -> list[Problem]:
    due = date.fromisoformat(_value(document, at)["next_review"])
    if due >= today:
        return []
    return [_problem(document, display, (*at, "next_review"),
                     f"the review was due on {due} (expected the page to be reviewed, with new review dates)")]


def check_publishable(document: YamlDocument, display: str, at: tuple = ("review",)) -> list[Problem]:
    """A draft, when publishing drafts is turned off."""
    if not is_draft(_value(document, at)):
        return []
    return [_problem(document, display, (*at, "status"),
                     f"this page is a draft and publishing drafts is turned off (expected status: {REVIEWED}, with "
                     f"the reviewer's name, credential and California license number; the setting is "
                     f"{REFUSE_DRAFTS_SETTING}=1 or extra.refuse_drafts in mkdocs.yml)")]


def _value(document: YamlDocument, path: tuple) -> Any:
    value = document.data
    for step in path:
        value = value[step]
    return value


def _date(document: YamlDocument, display: str, path: tuple, problems: list[Problem]) -> date | None:
    value = _value(document, path)
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(_problem(document, display, path, f"expected a real date like 2026-11-28, got {value!r}"))
        return None


def _problem(document: YamlDocument, display: str, path: tuple, message: str) -> Problem:
    return document.problem(path, message, display)
