#!/usr/bin/env bash
# Runs every test of xborder on a fresh machine of this kind: installs what is missing, then the
# rules lint, the Rust tests (unit, golden, generated per item, property, CLI), the core's wasm
# build, the fuzz run, the benchmark and the budget figures, and the browser suite.
# CI runs exactly this (.ci/run). Figures are printed, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
step() { printf '\n==== %s\n' "$*"; }

step "tools (installs only what is missing)"
bash scripts/tools.sh

step "build the CLI"
cargo build --release -p xborder

step "rules lint"
target/release/xborder rules lint

step "Rust tests: engine, rules, golden scenarios, every item and threshold, properties, CLI, the page's form state (xborder-form: its reducer and its conversion to a scenario)"
cargo test --workspace --exclude xborder-web

step "the page's other native tests: the register's readers, the embed's input, JSON text (no browser)"
cargo test -p xborder-web

step "the core builds for wasm32-unknown-unknown (no host-only dependency)"
cargo build -p xborder-core --target wasm32-unknown-unknown --release

step "fuzz: scenario reader and permalink decoder, 100,000 cases each"
PROPTEST_CASES=100000 cargo test --release -p xborder --test fuzz -- --nocapture
PROPTEST_CASES=100000 cargo test --release -p xborder-core --test properties permalink_decoder_never_panics -- --nocapture

step "benchmark: evaluation per scenario"
cargo bench -p xborder-core --bench evaluate

step "the decision code's size (lines, functions over 50)"
bash scripts/decision-size.sh

step "browser suite (headless Chromium, the release build of the web app)"
bash tests/browser/run.sh

step "budget figures (size, re-render time)"
bash scripts/budget.sh

echo
echo "All tests passed."
