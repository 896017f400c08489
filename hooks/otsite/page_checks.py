"""Check writers' pages: front matter (review block, "when to get help") and unsafe HTML."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .content_safety import check_markdown
from .markdown_bounds import check_bounds
from .problems import Problem
from .review import check_overdue, check_publishable, check_review
from .schema_check import check_against_schema
from .front_matter import PageSource, get_data_like_mkdocs, split_page
from .markdown_source import MarkdownReader
from .source_tiers import Tiers, check_sources
from .yaml_source import NotUtf8, parse_yaml


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter YAML, body) of a page's text, split as MkDocs splits it; front matter is "" when absent."""
    page = split_page(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), get_data_like_mkdocs)
    return page.yaml_text, page.body


def check_page(reader: MarkdownReader, path: Path, display: str, today: date,
               refuse_drafts: bool = False, tiers: Tiers | None = None) -> tuple[list[Problem], list[Problem]]:
    """(problems, overdue reviews) in one page's front matter and body, with lines counted in the page file."""
    try:
        page = reader.read(path, display)
    except NotUtf8 as error:
        return [error.problem], []
    unsafe = (check_bounds(page.body, display, page.body_line, reader.limits)  # a page past them is not read as Markdown
              + check_markdown(reader, page.body, display, first_line=page.body_line))
    if not page.yaml_text:
        return [*_missing_front_matter(page, display), *unsafe], []
    document, problems = parse_yaml(page.yaml_text, display, first_line=page.YAML_LINE)  # its lines are the page's
    if document is None:
        return [*problems, *unsafe], []
    problems = check_against_schema(document, "page", display)
    if problems:
        return [*problems, *unsafe], []
    problems = check_review(document, display, today) + (check_publishable(document, display) if refuse_drafts else [])
    problems += check_sources(tiers, document, display, ("review", "sources")) if tiers else []
    overdue = [] if problems else check_overdue(document, display, today)
    return [*problems, *unsafe], overdue


def _missing_front_matter(page: PageSource, display: str) -> list[Problem]:
    """Why the generator found no front matter: none at all, one never closed, or one it could not read."""
    if page.rejected_yaml is None:
        return [Problem(display, 1, "", "the page has no front matter (expected a block between --- lines with a review block)")]
    if not page.rejected_yaml:
        return [Problem(display, 1, "", "the front matter that starts here is never closed (expected a line with --- after it)")]
    _, problems = parse_yaml(page.rejected_yaml, display, first_line=page.YAML_LINE)
    return problems or [Problem(display, 2, "", "the front matter is not a list of fields (expected lines like description: ...)")]


def check_pages(reader: MarkdownReader, docs_dir: Path, root: Path, today: date, skip: set[str],
                refuse_drafts: bool = False, tiers: Tiers | None = None) -> tuple[list[Problem], list[Problem]]:
    """(problems, overdue reviews) of every page under docs/ (whatever its suffix) except the relative paths in `skip`."""
    problems: list[Problem] = []
    overdue: list[Problem] = []
    for relative, path in reader.pages(docs_dir):
        if relative not in skip:
            found, late = check_page(reader, path, f"{docs_dir.relative_to(root).as_posix()}/{relative}", today, refuse_drafts,
                                      tiers)
            problems += found
            overdue += late
    return problems, overdue
