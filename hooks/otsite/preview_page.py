"""The page the preview (scripts/preview.py) answers with while a build of the site fails, and the same
problems as terminal text: each problem's file:line, field and message, and its line with a marker under
the spot (otsite/source_excerpt.py).

Always in English, whichever language's build failed: it speaks to the site's writers, whose working
language is English, not to the site's readers.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2

from .problems import DataError, Problem
from .source_excerpt import Excerpt, excerpt

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "preview_error.html.j2"
TITLE = "The preview cannot show the site yet"


@dataclass(frozen=True)
class PageLook:
    """What makes the page look like the site: its stylesheets' addresses (the site sets no palette:
    Material's default indigo, deepened by the site's own stylesheet)."""

    stylesheets: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShownProblem:
    """One problem as the page shows it."""

    where: str  # "data/clinics.yml:12", "data/clinics.yml", or "" for a problem with no file
    field: str
    message: str
    excerpt: Excerpt | None


def error_page(build: str, problems: Sequence[Problem], root: Path, look: PageLook = PageLook()) -> str:
    """The whole HTML page for a failed build of `build` (e.g. "the Spanish site (/es/)"); every text is escaped."""
    shown = [_shown(problem, root) for problem in problems]
    return _template().render(title=TITLE, build=build, problems=shown, look=look)


def error_text(build: str, problems: Sequence[Problem], root: Path) -> str:
    """The same problems for the terminal, each with its line and marker when it has one (DataError.report)."""
    located = [problem for problem in problems if problem.path]
    lines = [f"{TITLE}: {build} did not build. The browser shows these problems until you fix them and save:"]
    if located:
        lines.append(DataError(located).report(root))
    lines.extend(f"  {problem.message}" for problem in problems if not problem.path)
    return "\n".join(lines)


def _shown(problem: Problem, root: Path) -> ShownProblem:
    where = f"{problem.path}:{problem.line}" if problem.path and problem.line else problem.path
    return ShownProblem(where, problem.field, problem.message, excerpt(problem, root) if problem.path else None)


@cache
def _template() -> jinja2.Template:
    # Autoescaped: problems carry writers' text (a field's value, a link, a line of their file).
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    return env.get_template(TEMPLATE)
