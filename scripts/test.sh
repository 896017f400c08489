#!/usr/bin/env bash
# Set up everything the tests need, then run the whole test suite.
# Extra arguments go to pytest, e.g. scripts/test.sh -k search
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    scripts/install-chromium.sh
  else
    echo "The browser tests need Debian's chromium: run 'sudo scripts/install-chromium.sh' once." >&2
    exit 1
  fi
fi

export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
