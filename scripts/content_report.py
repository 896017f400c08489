"""Print the content report: per page the reading grade, word count, review
dates and sources. Exits 1 when any page is above the grade ceiling.

Usage: .venv/bin/python scripts/content_report.py [--max-grade 8]
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from otsite.loading import GENERATED_PAGES  # noqa: E402 - after the path is set
from otsite.report import DEFAULT_MAX_GRADE, format_report, report_pages  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-grade", type=float, default=DEFAULT_MAX_GRADE,
                        help=f"highest US school grade allowed (default {DEFAULT_MAX_GRADE:g})")
    args = parser.parse_args(argv)
    pages = report_pages(ROOT, skip=GENERATED_PAGES)
    print(format_report(pages, args.max_grade, date.today()))
    too_hard = [p for p in pages if p.grade > args.max_grade]
    if too_hard:
        print(f"\n{len(too_hard)} page(s) read above grade {args.max_grade:g}: {', '.join(p.path for p in too_hard)}", file=sys.stderr)
        return 1
    print(f"\nAll {len(pages)} pages read at grade {args.max_grade:g} or below.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
