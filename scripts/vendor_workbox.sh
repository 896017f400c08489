#!/usr/bin/env bash
# Copies Workbox's runtime (pinned in package.json, installed by `npm ci`) into the
# site, so the hosted site's service worker loads nothing from another host.
set -euo pipefail
cd "$(dirname "$0")/.."
out=overrides/assets/vendor/workbox
mkdir -p "$out"
# The source-map comments name .map files the site does not ship.
sed '/^\/\/# sourceMappingURL=/d' node_modules/workbox-sw/build/workbox-sw.js > "$out/workbox-sw.js"
for module in core routing strategies precaching; do
  sed '/^\/\/# sourceMappingURL=/d' "node_modules/workbox-$module/build/workbox-$module.prod.js" > "$out/workbox-$module.prod.js"
done
cp node_modules/workbox-sw/LICENSE "$out/LICENSE"
echo "Workbox $(node -p 'require("./node_modules/workbox-sw/package.json").version') copied to $out"
