"""Write every page the site's hooks add or change as plain Markdown into a
folder, so another static site generator can build the same content.

Writers' pages that the build leaves as they are are not written; copy docs/
first and export over it for a complete tree:

    cp -r docs /tmp/portable && .venv/bin/python scripts/export_markdown.py /tmp/portable

Usage: .venv/bin/python scripts/export_markdown.py FOLDER
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from otsite.export import portable_files, write_files  # noqa: E402 - after the path is set
from otsite.loading import load_site  # noqa: E402
from otsite.problems import DataError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the Markdown")
    args = parser.parse_args(argv)
    try:
        site = load_site(ROOT)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    files = portable_files(ROOT, site)
    write_files(files, args.folder)
    print(f"Wrote {len(files)} files to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
