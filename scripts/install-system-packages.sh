#!/usr/bin/env bash
# Install the Debian packages the tests need (run as root): chromium for the
# browser tests (Playwright drives it; `playwright install` is never used),
# firefox-esr for the Firefox tests (puppeteer-core drives it over WebDriver
# BiDi; no browser is downloaded), and Java, if missing, for the Nu HTML Checker.
set -euo pipefail
packages=(chromium firefox-esr)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
for attempt in 1 2 3 4 5; do
  apt-get update && break
  echo "apt-get update failed (attempt $attempt); retrying" >&2
  sleep 10
done
apt-get -o DPkg::Lock::Timeout=900 install -y "${packages[@]}"
