#!/usr/bin/env bash
# Create .venv (Python 3.11+) and install the pinned packages into it.
# Usage: scripts/setup.sh [site|test]   (default: site)
# Re-installs only when the requirements files change.
set -euo pipefail
cd "$(dirname "$0")/.."

want="${1:-site}"
requirements=requirements.txt
[ "$want" = test ] && requirements=requirements-test.txt

python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "Python 3.11 or newer is needed; $("$python" --version 2>&1) was found." >&2
  exit 1
}
[ -x .venv/bin/python ] || "$python" -m venv .venv

stamp=".venv/.installed-$want"
digest=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
  echo "$digest" > "$stamp"
fi
