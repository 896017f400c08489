#!/usr/bin/env bash
# Copies the runtimes the site serves itself (Workbox for the hosted site's service worker,
# the iframe-worker shim for the offline copy's search) from the npm tarballs package-lock.json
# pins into overrides/assets/vendor/, and records each file's hash in VENDORED.json, which
# every build checks (see scripts/vendor_runtimes.py). After changing a version in package.json:
# npm install, then rerun this.
set -euo pipefail
cd "$(dirname "$0")/.."
python=.venv/bin/python
[ -x "$python" ] || python=python3
exec "$python" scripts/vendor_runtimes.py "$@"
