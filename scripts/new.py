"""Start a new condition or clinic from a template, ready to fill in.

Usage (after scripts/serve.sh or scripts/setup.sh has made .venv):
  .venv/bin/python scripts/new.py condition SLUG "Name"
  .venv/bin/python scripts/new.py clinic SLUG "Name" --zip 92101 --phone "(619) 555-0100" --street "100 Main Street"
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from otsite.problems import DataError  # noqa: E402 - after the path is set
from otsite.scaffold import ScaffoldError, new_clinic, new_condition  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start a new condition or clinic from a template.")
    kinds = parser.add_subparsers(dest="kind", required=True)
    condition = kinds.add_parser("condition", help="add a condition to data/conditions.yml and its prose page")
    clinic = kinds.add_parser("clinic", help="add a clinic to data/clinics.yml")
    for sub in (condition, clinic):
        sub.add_argument("slug", help="short name for the web address, like trigger-finger")
        sub.add_argument("name", help="the name readers see, in quotes")
    clinic.add_argument("--zip", required=True, help="the clinic's five-digit ZIP code")
    clinic.add_argument("--phone", required=True, help='the phone number, like "(619) 555-0100"')
    clinic.add_argument("--street", required=True, help='the street address, like "100 Main Street, Suite 2"')
    args = parser.parse_args(argv)
    try:
        if args.kind == "condition":
            touched = new_condition(ROOT, args.slug, args.name, date.today())
        else:
            touched = new_clinic(ROOT, args.slug, args.name, args.zip, args.phone, args.street, date.today())
    except DataError as error:
        print(f"Fix these first, then try again.\n{error.report(ROOT)}", file=sys.stderr)
        return 1
    except ScaffoldError as error:
        print(f"Could not start it: {error}", file=sys.stderr)
        return 1
    print("Started. Now open these and replace every FILL IN:\n" + "\n".join(f"  {p.relative_to(ROOT)}" for p in touched))
    print("Then preview with scripts/serve.sh and check the reading level with .venv/bin/python scripts/content_report.py.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
