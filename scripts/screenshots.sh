#!/usr/bin/env bash
# Build the hosted site and save screenshots of every page type, as readers see it
# (phone and desktop width, on screen and printed), into screenshots/ (Spanish in
# screenshots/es/). Installs what it needs first: the test packages into .venv/ and,
# as root, Debian's chromium (scripts/install-system-packages.sh).
# Usage: scripts/screenshots.sh [SITE_DIR]   (a hosted build; without it, one is built)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
scripts/need-system-packages.sh chromium
export NO_MKDOCS_2_WARNING=1

site="${1:-}"
if [ -z "$site" ]; then
  site=$(mktemp -d)
  trap 'rm -rf "$site"' EXIT
  .venv/bin/python -m mkdocs build --quiet --strict -f mkdocs.yml -d "$site"
  .venv/bin/python -m mkdocs build --quiet --strict -f mkdocs-es.yml -d "$site/es"
fi
.venv/bin/python scripts/screenshots.py "$site" --out screenshots
if [ -d "$site/es" ]; then
  .venv/bin/python scripts/screenshots.py "$site/es" --out screenshots/es
fi
echo "Screenshots saved in screenshots/ (Spanish in screenshots/es/)."
