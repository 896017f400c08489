"""Print the content report: per page the reading grade, word count, review
status and dates, and sources, for writers' pages and the pages the build
writes with prose of their own (glossary, condition lists, clinic finder).
Exits 1 when any page is above the grade ceiling or the data do not load.

Usage: .venv/bin/python scripts/content_report.py [--max-grade 8]
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from otsite.loading import GENERATED_PAGES, load_site  # noqa: E402 - after the path is set
from otsite.problems import DataError  # noqa: E402
from otsite.rendering import generated_pages  # noqa: E402
from otsite.report import DEFAULT_MAX_GRADE, format_report, report_pages  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-grade", type=float, default=DEFAULT_MAX_GRADE,
                        help=f"highest US school grade allowed (default {DEFAULT_MAX_GRADE:g})")
    args = parser.parse_args(argv)
    try:
        site = load_site(ROOT)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    built = generated_pages(site)
    pages = report_pages(ROOT, skip=GENERATED_PAGES, generated={path: built[path] for path in site.page_reviews})
    print(format_report(pages, args.max_grade, date.today()))
    too_hard = [p for p in pages if p.grade > args.max_grade]
    if too_hard:
        print(f"\n{len(too_hard)} page(s) read above grade {args.max_grade:g}: {', '.join(p.path for p in too_hard)}", file=sys.stderr)
        return 1
    drafts = sum(page.status == "draft" for page in pages)
    print(f"\nAll {len(pages)} pages read at grade {args.max_grade:g} or below; {drafts} of them are drafts "
          "not yet reviewed by a licensed occupational therapist.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
