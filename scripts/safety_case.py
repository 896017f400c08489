"""Print the site's clinical safety case: the hazard log (data/hazards.yml), each
hazard with its severity and each control with its state (present or MISSING) and
the tests that prove it; then the triage linter's findings on every English and
Spanish page (data/triage_rules.yml: a page using a trigger word such as "fever"
must list the matching red flag in its `emergencies:`).
Exits 1 when a control is missing, a red flag has no hazard, a page misses its
red flag, or one of these data files is wrong.

Usage: .venv/bin/python scripts/safety_case.py
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from otsite.loading import GENERATED_PAGES  # noqa: E402 - after the path is set
from otsite.safety import safety_case  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this one)")
    args = parser.parse_args(argv)
    case = safety_case(args.root.resolve(), GENERATED_PAGES)
    print(case.report())
    return 1 if case.failed else 0


if __name__ == "__main__":
    sys.exit(main())
