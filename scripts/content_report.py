"""Print the content report: per page the reading grade, word count, review
status and dates, and sources, for writers' pages and the pages the build
writes with prose of their own (glossary, condition lists, clinic finder);
then per Spanish page (docs-es/) its translation state (current, stale, missing),
translation review status and Fernández Huerta score, with the median and lowest;
then the clinical safety case: each hazard of data/hazards.yml, its severity and its
controls' states, and the triage linter's findings (otsite/safety.py, as scripts/safety_case.py).
Exits 1 when any page is above the grade ceiling, when the Spanish pages miss
their gate (median 70 or more, no page below 60), with OT_FAIL_STALE_TRANSLATIONS=1
when a Spanish page is stale, when a hazard's control is missing or a page misses
the red flag its words need, or when the data do not load.

Usage: .venv/bin/python scripts/content_report.py [--max-grade 8]
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from otsite.loading import GENERATED_PAGES, load_site  # noqa: E402 - after the path is set
from otsite.problems import DataError  # noqa: E402
from otsite.rendering import generated_pages  # noqa: E402
from otsite.safety import safety_case  # noqa: E402
from otsite.translation import FAIL_STALE_SETTING, fail_stale_translations  # noqa: E402
from otsite.report import (DEFAULT_MAX_GRADE, MIN_SPANISH_MEDIAN, MIN_SPANISH_PAGE, format_report,  # noqa: E402
                           format_spanish_report, report_pages, report_spanish_pages, spanish_gate)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-grade", type=float, default=DEFAULT_MAX_GRADE,
                        help=f"highest US school grade allowed (default {DEFAULT_MAX_GRADE:g})")
    parser.add_argument("--min-spanish-median", type=float, default=MIN_SPANISH_MEDIAN,
                        help=f"lowest median Fernández Huerta score of the Spanish pages (default {MIN_SPANISH_MEDIAN:g})")
    parser.add_argument("--min-spanish-page", type=float, default=MIN_SPANISH_PAGE,
                        help=f"lowest Fernández Huerta score of any Spanish page (default {MIN_SPANISH_PAGE:g})")
    args = parser.parse_args(argv)
    try:
        site = load_site(ROOT)
    except DataError as error:
        print(error.report(ROOT), file=sys.stderr)
        return 1
    built = generated_pages(site)
    pages = report_pages(ROOT, skip=GENERATED_PAGES, generated={path: built[path] for path in site.page_reviews})
    print(format_report(pages, args.max_grade, date.today()))
    too_hard = [p for p in pages if p.grade > args.max_grade]
    spanish = report_spanish_pages(ROOT) if (ROOT / "docs-es").is_dir() else []
    if spanish:
        print("\n" + format_spanish_report(spanish, args.min_spanish_page))
    spanish_failures = spanish_gate(spanish, args.min_spanish_median, args.min_spanish_page)
    if fail_stale_translations({}, os.environ):  # CI can fail on stale translations, as the build does
        spanish_failures += [f"{page.path}: stale translation ({FAIL_STALE_SETTING} is set; see scripts/translation_status.py)"
                             for page in spanish if page.translation == "stale"]
    if too_hard:
        print(f"\n{len(too_hard)} page(s) read above grade {args.max_grade:g}: {', '.join(p.path for p in too_hard)}", file=sys.stderr)
    case = safety_case(ROOT, GENERATED_PAGES, require_tests=False)  # a copy without tests/ is checked as the build checks it
    print(f"\n{'hazard (data/hazards.yml)':48} {'severity':12} controls\n{case.summary()}")
    safety_failures = [str(problem) for problem in [*case.problems, *case.triage]]
    for failure in spanish_failures + safety_failures:
        print(failure, file=sys.stderr)
    if too_hard or spanish_failures or safety_failures:
        return 1
    drafts = sum(page.status == "draft" for page in pages)
    print(f"\nAll {len(pages)} pages read at grade {args.max_grade:g} or below; {drafts} of them are drafts "
          "not yet reviewed by a licensed occupational therapist.")
    if spanish:
        translated = [page for page in spanish if page.score is not None]
        stale = sum(page.translation == "stale" for page in spanish)
        missing = sum(page.translation == "missing" for page in spanish)
        print(f"The {len(translated)} Spanish pages meet the Spanish gate (median {args.min_spanish_median:g} or more, "
              f"none below {args.min_spanish_page:g}); {stale} stale, {missing} not translated yet.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
