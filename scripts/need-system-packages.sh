#!/usr/bin/env bash
# Make sure the Debian commands a script needs are installed (chromium, firefox-esr, java):
# as root, install them with scripts/install-system-packages.sh; otherwise say the one
# command that does and exit 1.
# Usage: scripts/need-system-packages.sh COMMAND...
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for command in "$@"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("$command")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  exec scripts/install-system-packages.sh
fi
echo "This needs ${missing[*]} from Debian: run 'sudo scripts/install-system-packages.sh' once." >&2
exit 1
