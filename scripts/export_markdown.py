"""Export the guide as a whole site another generator builds with no hooks: every page (writers'
and generated) in every language as Markdown, with what the hook build's theme adds written into
each page (the language link, the draft notice, the review block), the assets (the clinic
finder's script and data among them), the content API, a plain theme folder (overrides/: the
footer, the finder's page) and its own configurations, in each language (then -es.yml):

    mkdocs build -f FOLDER/mkdocs.yml             stock MkDocs + Material, hosted: site/
    mkdocs build -f FOLDER/mkdocs-offline.yml     the offline copy: site-offline/
    zensical build -f FOLDER/zensical.yml         Zensical, hosted (.html addresses): site/
    zensical build -f FOLDER/mkdocs-offline.yml   Zensical's offline copy: site-offline/

FOLDER is replaced as a whole, only once everything is written.

Usage: .venv/bin/python scripts/export_markdown.py FOLDER
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from otsite.export import enabled_languages  # noqa: E402 - after the path is set
from otsite.export_config import project_config  # noqa: E402
from otsite.loading import load_site  # noqa: E402
from otsite.output_folder import swap_in  # noqa: E402
from otsite.problems import DataError  # noqa: E402
from otsite.site_export import write_export  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the export (replaced as a whole)")
    args = parser.parse_args(argv)
    languages = enabled_languages(ROOT)
    try:
        sites = {language: load_site(ROOT, language=language, languages=languages) for language in languages}
    except DataError as error:
        print(error.report(ROOT), file=sys.stderr)
        return 1
    names = dict((project_config(ROOT, "mkdocs.yml").get("extra") or {}).get("languages") or {})
    target = args.folder.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-exporting-", dir=target.parent))
    try:
        written = write_export(ROOT, sites, {code: names.get(code, code) for code in languages}, scratch)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)  # the last export stays as it was
        raise
    scratch.chmod(0o755)
    swap_in(scratch, target)
    print(f"Wrote {written} files to {args.folder} ({', '.join(languages)}): build it with "
          f"`mkdocs build -f {args.folder}/mkdocs.yml` or `zensical build -f {args.folder}/zensical.yml`, then their -es.yml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
