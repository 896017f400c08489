#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (run as root).
# Playwright drives it directly; `playwright install` is never used.
set -euo pipefail
for attempt in 1 2 3 4 5; do
  apt-get update && break
  echo "apt-get update failed (attempt $attempt); retrying" >&2
  sleep 10
done
apt-get -o DPkg::Lock::Timeout=900 install -y chromium
