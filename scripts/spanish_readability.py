"""Print the Fernández Huerta readability score of every Spanish page (docs-es/**/*.md) and the median.

Higher is easier: 70 or more reads "fairly easy"; the Spanish edition needs a median of 70
or more and no page below 60 (issue 14): exits 1 when that is not met. The content report
(scripts/content_report.py) prints the same scores with each page's translation state.
Usage: .venv/bin/python scripts/spanish_readability.py
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from otsite.page_checks import split_front_matter  # noqa: E402
from otsite.report import fernandez_huerta, report_spanish_pages, spanish_gate  # noqa: E402


def score(path: Path) -> float:
    """The Fernández Huerta score of the text a reader sees on the page."""
    _front, body = split_front_matter(path.read_text(encoding="utf-8"))
    return fernandez_huerta(body)[0]


def main(root: Path = ROOT) -> int:
    pages = [page for page in report_spanish_pages(root) if page.score is not None]
    if not pages:
        print("no pages under docs-es/")
        return 1
    for page in pages:
        print(f"{page.score:6.1f}  {page.path}")
    print(f"{statistics.median(page.score for page in pages):6.1f}  median of {len(pages)} pages")
    failures = spanish_gate(pages)
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
