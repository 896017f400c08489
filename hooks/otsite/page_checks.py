"""Check writers' pages: front matter (review block, "when to get help") and unsafe HTML."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .content_safety import check_markdown
from .problems import Problem
from .review import check_overdue, check_publishable, check_review
from .schema_check import check_against_schema
from .yaml_source import parse_yaml


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


def check_page(path: Path, display: str, today: date, refuse_drafts: bool = False) -> tuple[list[Problem], list[Problem]]:
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
    problems = check_review(document, display, today) + (check_publishable(document, display) if refuse_drafts else [])
    overdue = [] if problems else check_overdue(document, display, today)
    return [*map(_shift, problems), *unsafe], [*map(_shift, overdue)]


def check_pages(docs_dir: Path, root: Path, today: date, skip: set[str],
                refuse_drafts: bool = False) -> tuple[list[Problem], list[Problem]]:
    """(problems, overdue reviews) of every Markdown page under docs/ except the relative paths in `skip`."""
    problems: list[Problem] = []
    overdue: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        if relative not in skip:
            found, late = check_page(path, path.relative_to(root).as_posix(), today, refuse_drafts)
            problems += found
            overdue += late
    return problems, overdue


def _shift(problem: Problem) -> Problem:
    """Front matter starts on the page's second line, after the opening ---."""
    return Problem(problem.path, problem.line + 1 if problem.line else 0, problem.field, problem.message)
