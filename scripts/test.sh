#!/usr/bin/env bash
# Set up everything the tests need, then run the whole test suite.
# Extra arguments go to pytest, e.g. scripts/test.sh -k search
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test

if ! command -v chromium >/dev/null 2>&1 || ! command -v firefox-esr >/dev/null 2>&1 \
   || ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    scripts/install-system-packages.sh
  else
    echo "The tests need Debian's chromium, firefox-esr and Java: run 'sudo scripts/install-system-packages.sh' once." >&2
    exit 1
  fi
fi

# npm tools for the tests (the Nu HTML Checker, puppeteer-core for Firefox), exactly as
# package-lock.json pins them; puppeteer-core never downloads a browser.
stamp=node_modules/.installed-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
