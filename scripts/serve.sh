#!/usr/bin/env bash
# Set up the environment, then serve the site at http://127.0.0.1:8000 with
# live reload: edits to docs/, data/, hooks/ and schemas/ rebuild the site.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh site
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs serve "$@"
