#!/usr/bin/env bash
# Runs the browser tests from a clean checkout: installs the tools (scripts/tools.sh), builds the
# release web app (dist/, with the embedding files its post_build hook writes) and the CLI, then
# runs every *.test.mjs here with node:test against them in headless Chromium (app.test.mjs: the
# standalone page; embed.test.mjs: <xborder-checker>, the JS API, the iframe page and the
# intranet example; and the suites next to them). Exits non-zero on any failure.
# Screenshots go to docs/screenshots/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$ROOT/scripts/tools.sh"
export PATH="$ROOT/web/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cd "$ROOT"
echo "run: trunk build --release --config trunk.toml"
trunk build --release --config trunk.toml
echo "run: cargo build --release -p xborder"
cargo build --release -p xborder
# The CLI just built: under CARGO_TARGET_DIR when that is set (relative to $ROOT, where cargo ran),
# never an older binary left in $ROOT/target.
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
cd "$ROOT/tests/browser"
mapfile -t SUITES < <(ls -1 *.test.mjs | sort)
echo "run: node --test ${SUITES[*]}"
XBORDER_DIST="$ROOT/dist" XBORDER_CLI="$TARGET_DIR/release/xborder" node --test "${SUITES[@]}"
