#!/usr/bin/env bash
# Every check, in the order a failure is cheapest to find: typecheck, lint, format, unit tests, build,
# web-ext lint of the Firefox build, then the end-to-end tests against the built extension in headless
# Chromium and in headless Firefox.
set -euo pipefail
cd "$(dirname "$0")/.."

chrome="${CHROME_PATH:-/usr/bin/chromium}"
if [ ! -x "$chrome" ]; then
  echo "error: no Chromium at $chrome. Install it with: apt-get install -y chromium  (or set CHROME_PATH)" >&2
  exit 1
fi
firefox="${FIREFOX_PATH:-/usr/bin/firefox-esr}"
if [ ! -x "$firefox" ]; then
  echo "error: no Firefox at $firefox. Install it with: apt-get install -y firefox-esr  (or set FIREFOX_PATH)" >&2
  exit 1
fi
if ! command -v openssl >/dev/null; then
  echo "error: openssl (makes the Firefox tests' throw-away HTTPS certificate) is missing. Install it with: apt-get install -y openssl" >&2
  exit 1
fi
if ! command -v oathtool >/dev/null; then
  echo "error: oathtool (the independent code oracle for the tests) is missing. Install it with: apt-get install -y oathtool" >&2
  exit 1
fi
if ! command -v zbarimg >/dev/null; then
  echo "error: zbarimg (the independent QR code reader for the tests) is missing. Install it with: apt-get install -y zbar-tools" >&2
  exit 1
fi
[ -d node_modules ] || npm ci --no-audit --no-fund

echo "== typecheck"; npx tsc --noEmit
echo "== lint"; npm run --silent lint
echo "== format"; npm run --silent format:check
echo "== unit tests"; npx vitest run
echo "== build"; npx wxt build >/dev/null && npx wxt build -b firefox >/dev/null && echo "built .output/chrome-mv3 and .output/firefox-mv3"
echo "== web-ext lint (Firefox build)"; node scripts/lint-firefox.mjs
echo "== end-to-end tests (headless Chromium: $chrome)"; CHROME_PATH="$chrome" npx vitest run -c vitest.e2e.config.ts
echo "== end-to-end tests (headless Firefox: $firefox)"; FIREFOX_PATH="$firefox" npx vitest run -c vitest.firefox.config.ts
