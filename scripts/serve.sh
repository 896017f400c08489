#!/usr/bin/env bash
# Set up the environment, then preview the site at http://127.0.0.1:8000 (Spanish at /es/)
# with live reload: edits to docs/, docs-es/, data/, locales/, the mkdocs*.yml files and the
# site's code rebuild it; a mistake shows an error page in the browser (scripts/preview.py).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh site
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python scripts/preview.py "$@"
