"""Write every page the site's hooks add or change as plain Markdown into a
folder, so another static site generator can build the same content: English
at the folder's root, each other language under its own subfolder (es/), as
in the built site.

Writers' pages that the build leaves as they are are not written; copy docs/
(and docs-es/ into es/) first and export over it for a complete tree:

    cp -r docs /tmp/portable && cp -r docs-es /tmp/portable/es && .venv/bin/python scripts/export_markdown.py /tmp/portable

(A Spanish tree also needs the files docs-es/ lacks, such as assets: the
Spanish build takes them from docs/.)

Usage: .venv/bin/python scripts/export_markdown.py FOLDER [--language en] [--language es]
(every enabled language when none is named)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from otsite.export import enabled_languages, export_folder, portable_files, write_files  # noqa: E402 - after the path is set
from otsite.loading import load_site  # noqa: E402
from otsite.problems import DataError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the Markdown")
    parser.add_argument("--language", action="append", choices=enabled_languages(ROOT),
                        help="export only this language (repeat for more); default: every enabled language")
    args = parser.parse_args(argv)
    languages = enabled_languages(ROOT)
    written = 0
    for language in args.language or languages:
        try:
            site = load_site(ROOT, language=language, languages=languages)
        except DataError as error:
            print(error.report(ROOT), file=sys.stderr)
            return 1
        files = portable_files(ROOT, site)
        write_files(files, args.folder / export_folder(language))
        written += len(files)
    print(f"Wrote {written} files to {args.folder} ({', '.join(args.language or languages)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
