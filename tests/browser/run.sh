#!/usr/bin/env bash
# Runs the browser tests from a clean checkout: installs the tools (scripts/tools.sh), builds the
# release web app (dist/) and the CLI, then runs the node:test suite against them in headless
# Chromium. Exits non-zero on any failure. Screenshots go to docs/screenshots/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$ROOT/scripts/tools.sh"
export PATH="$ROOT/web/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cd "$ROOT"
echo "run: trunk build --release --config trunk.toml"
trunk build --release --config trunk.toml
echo "run: cargo build --release -p xborder"
cargo build --release -p xborder
cd "$ROOT/tests/browser"
echo "run: node --test app.test.mjs"
XBORDER_DIST="$ROOT/dist" XBORDER_CLI="$ROOT/target/release/xborder" node --test app.test.mjs
