#!/usr/bin/env bash
# Set up the environment, then build the hosted site (site/), the offline
# copy (site-offline/) and its zip (dist/ot-guide-offline.zip).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh site
exec .venv/bin/python scripts/build.py
