#!/usr/bin/env bash
# One command from a fresh clone to a green test suite: the README's test command, and what .ci/run runs.
#   1. Debian packages the tests drive (never downloaded binaries): chromium (web chat browser test)
#      and redis-server (the multi-instance tests start their own on a free loopback port).
#      Installed with apt when running as root; otherwise the exact apt line is printed and this exits 1.
#   2. npm ci, then npm test (arguments: only those vitest files/folders, after the type check).
# NODE_BIN_DIR=/path/to/node/bin runs npm and the suite with that Node instead (CI uses it for 22/24).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if ! command -v redis-server >/dev/null 2>&1 && [ ! -x /usr/bin/redis-server ]; then missing+=(redis-server); fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-setup: installing ${missing[*]} from Debian" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test-setup: the tests need ${missing[*]} from Debian. Install them, then run this again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

if [ -n "${NODE_BIN_DIR:-}" ]; then export PATH="$NODE_BIN_DIR:$PATH"; fi
echo "test-setup: node $(node --version), npm $(npm --version)" >&2
npm ci
if [ "$#" -eq 0 ]; then
  npm test
else
  # A part of the suite: type check, then vitest on the given files or folders.
  npx tsc -p tsconfig.json
  npx vitest run "$@"
fi
