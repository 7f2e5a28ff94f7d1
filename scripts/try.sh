#!/usr/bin/env bash
# Installs, builds, serves the demo page and opens Chromium with Sesame loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
npx wxt build
chrome="${CHROME_PATH:-/usr/bin/chromium}"
port="${DEMO_PORT:-8788}"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ ! -x "$chrome" ]; then
  [ -x "$chrome" ] || echo "No Chromium at $chrome (install it: apt-get install -y chromium, or set CHROME_PATH)."
  [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || echo "There is no display here, so no browser window can open."
  cat <<MSG
Sesame is built in $(pwd)/.output/chrome-mv3. To try it on a machine with a screen:
  1. Open chrome://extensions, turn on Developer mode, press "Load unpacked" and pick that folder.
  2. Serve the demo page:  node scripts/demo-server.mjs $port   then open http://localhost:$port/
MSG
  exit 0
fi
node scripts/demo-server.mjs "$port" &
server=$!
trap 'kill $server 2>/dev/null' EXIT
profile="$(mktemp -d)"
extra=()
# Chromium refuses to start as root unless its sandbox is turned off (containers, CI boxes).
[ "$(id -u)" = 0 ] && extra+=(--no-sandbox)
"$chrome" "${extra[@]}" --user-data-dir="$profile" --no-first-run --disable-extensions-except="$(pwd)/.output/chrome-mv3" \
  --load-extension="$(pwd)/.output/chrome-mv3" "http://localhost:$port/"
