"""Check writers' pages: front matter (review block, "when to get help") and unsafe HTML."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .content_safety import check_markdown
from .problems import Problem
from .schema_check import check_against_schema
from .yaml_source import YamlDocument, parse_yaml

MAX_REVIEW_GAP_DAYS = 3 * 366  # the brief: next review due at most 3 years later


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter YAML, body) of a page; front matter is "" when absent."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")  # files saved on Windows
    if not text.startswith("---\n"):
        return "", text
    end = text.find("\n---\n", 3)
    if end == -1:
        return "", text
    return text[4:end + 1], text[end + 5:]


def body_first_line(text: str, body: str) -> int:
    """The line of the file `text` on which its `body` (after the front matter) starts."""
    return text.count("\n") - body.count("\n") + 1


def check_page(path: Path, display: str, today: date) -> tuple[list[Problem], list[Problem]]:
    """(problems, overdue reviews) in one page's front matter, with lines counted in the page file."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        return [Problem(display, 0, "", f"the file is not saved as UTF-8 text (byte {error.start})")], []
    yaml_text, body = split_front_matter(text)
    unsafe = check_markdown(body, display, first_line=body_first_line(text, body))
    if not yaml_text:
        return [Problem(display, 1, "", "the page has no front matter (expected a block between --- lines with a review block)"), *unsafe], []
    document, problems = parse_yaml(yaml_text, display)
    if document is None:
        return [*map(_shift, problems), *unsafe], []
    problems = check_against_schema(document, "page", display)
    if problems:
        return [*map(_shift, problems), *unsafe], []
    problems = _check_review_dates(document, display, today)
    overdue = [] if problems else _check_overdue(document, display, today)
    return [*map(_shift, problems), *unsafe], [*map(_shift, overdue)]


def check_pages(docs_dir: Path, root: Path, today: date, skip: set[str]) -> tuple[list[Problem], list[Problem]]:
    """(problems, overdue reviews) of every Markdown page under docs/ except the relative paths in `skip`."""
    problems: list[Problem] = []
    overdue: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        if relative not in skip:
            found, late = check_page(path, path.relative_to(root).as_posix(), today)
            problems += found
            overdue += late
    return problems, overdue


def _check_review_dates(document: YamlDocument, display: str, today: date) -> list[Problem]:
    review = document.data["review"]
    problems = []
    dates = {}
    for key in ("last_reviewed", "next_review"):
        try:
            dates[key] = date.fromisoformat(review[key])
        except ValueError:
            problems.append(Problem(display, document.line_of(("review", key)), f"review.{key}",
                                    f"expected a real date like 2026-11-27, got {review[key]!r}"))
    if problems:
        return problems
    last, due = dates["last_reviewed"], dates["next_review"]
    if last > today:
        problems.append(Problem(display, document.line_of(("review", "last_reviewed")), "review.last_reviewed",
                                f"expected a date no later than today ({today}), got {last}"))
    if due <= last:
        problems.append(Problem(display, document.line_of(("review", "next_review")), "review.next_review",
                                f"expected a date after last_reviewed ({last}), got {due}"))
    elif (due - last).days > MAX_REVIEW_GAP_DAYS:
        problems.append(Problem(display, document.line_of(("review", "next_review")), "review.next_review",
                                f"expected a date at most 3 years after last_reviewed ({last}), got {due}"))
    return problems


def _check_overdue(document: YamlDocument, display: str, today: date) -> list[Problem]:
    due = date.fromisoformat(document.data["review"]["next_review"])
    if due >= today:
        return []
    return [Problem(display, document.line_of(("review", "next_review")), "review.next_review",
                    f"the review was due on {due} (expected the page to be reviewed, with new review dates)")]


def _shift(problem: Problem) -> Problem:
    """Front matter starts on the page's second line, after the opening ---."""
    return Problem(problem.path, problem.line + 1 if problem.line else 0, problem.field, problem.message)
