#!/usr/bin/env bash
# Set up everything the tests need, then run them.
#   scripts/test.sh          the whole suite (the README's and CI's command)
#   scripts/test.sh --fast   the unit, data and writer-check tests only: no browser, no site
#                            build (about two minutes); needs no chromium, firefox-esr or Java
# Each test is marked `browser` and/or `build` from what it uses (tests/tiers.py); --fast runs
# those marked neither. Other arguments go to pytest, e.g. scripts/test.sh -k search
set -euo pipefail
cd "$(dirname "$0")/.."

tier=()
pytest_args=()
for arg in "$@"; do
  if [ "$arg" = --fast ]; then
    tier=(-m "not browser and not build")
  else
    pytest_args+=("$arg")
  fi
done

scripts/setup.sh test
if [ ${#tier[@]} -eq 0 ]; then
  scripts/need-system-packages.sh chromium firefox-esr java
fi

# npm tools for the tests (the Nu HTML Checker, puppeteer-core for Firefox), exactly as
# package-lock.json pins them; puppeteer-core never downloads a browser.
stamp=node_modules/.installed-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

export NO_MKDOCS_2_WARNING=1
# One worker process per core (pytest-xdist). A test file with a fixture of its own shared between its
# tests (a build, a server) runs in one worker, so that fixture is made once; every other test goes to
# whichever worker is free (tests/xdist_schedule.py); the real site's builds are made once
# and shared by all workers. `-n 0` runs in one process.
exec .venv/bin/python -m pytest -n auto --dist loadgroup "${tier[@]}" "${pytest_args[@]}"
