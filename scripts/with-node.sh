#!/usr/bin/env bash
# Runs a command with another Node major on PATH, taken from the npm registry's `node` package (this
# machine's Debian has Node 20 only), with native modules rebuilt for it against that package's own
# headers (no download from anywhere else). Usage: scripts/with-node.sh 22 npx vitest run test/store
# The Node package is kept in .cache/node-<major>/. After the command, native modules are rebuilt
# for the system Node again, so the working tree stays usable.
set -euo pipefail
cd "$(dirname "$0")/.."
major="$1"; shift
prefix="$PWD/.cache/node-$major"
pkg="$prefix/node_modules/node"
if [ ! -x "$pkg/bin/node" ]; then
  echo "with-node: fetching node@$major from the npm registry into $prefix" >&2
  npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$prefix" "node@$major" >/dev/null
fi
platform_dir="$(ls -d "$pkg"/node_modules/node-linux-* 2>/dev/null | head -1)"
# The system Node's build of the native module is set aside and put back afterwards (no second compile).
native=node_modules/better-sqlite3/build/Release/better_sqlite3.node
saved="$PWD/.cache/better_sqlite3.system.node"
if [ -f "$native" ]; then cp "$native" "$saved"; fi
restore() {
  if [ -f "$saved" ]; then
    cp "$saved" "$native"
    echo "with-node: native modules are the system Node's again" >&2
  fi
}
trap restore EXIT
rebuild() { npm rebuild better-sqlite3 >/dev/null; }
export PATH="$pkg/bin:$PATH"
export npm_config_nodedir="$(readlink -f "$platform_dir")"
echo "with-node: node $(node --version); rebuilding better-sqlite3 against $npm_config_nodedir" >&2
rebuild
"$@"
