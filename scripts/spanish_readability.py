"""Print the Fernández Huerta readability score of every Spanish page (docs-es/**/*.md) and the median.

Higher is easier: 70 or more reads "fairly easy"; the Spanish edition aims for a median of 70
and no page below 60 (issue 14). Usage: .venv/bin/python scripts/spanish_readability.py
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

import textstat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from otsite.page_checks import split_front_matter  # noqa: E402
from otsite.report import plain_text  # noqa: E402


def score(path: Path) -> float:
    """The Fernández Huerta score of the text a reader sees on the page."""
    _front, body = split_front_matter(path.read_text(encoding="utf-8"))
    return round(textstat.fernandez_huerta(plain_text(body)), 1)


def main() -> int:
    textstat.set_lang("es")
    pages = sorted((ROOT / "docs-es").rglob("*.md"))
    if not pages:
        print("no pages under docs-es/")
        return 1
    scores = []
    for page in pages:
        scores.append(score(page))
        print(f"{scores[-1]:6.1f}  {page.relative_to(ROOT).as_posix()}")
    print(f"{statistics.median(scores):6.1f}  median of {len(scores)} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
