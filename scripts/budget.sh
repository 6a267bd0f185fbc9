#!/usr/bin/env bash
# Builds the release web app and prints its budget figures:
#   - the gzip size of everything dist/ makes the page load (html, js, wasm, css) against the
#     budget (≤ 350 KB, aim 250 KB);
#   - the bytes the embedding path adds over the standalone page: what a host page loads that the
#     standalone page does not (embed.js, which carries the widget's stylesheet; the wasm and its
#     module are the same files), the iframe page's own files, and the stylesheet fallback;
#   - what the wasm is made of: its code per crate and its largest functions (twiggy);
#   - the time from an edit to the verdict's data attributes updating (re-evaluate + re-render),
#     measured in headless Chromium: the median of many edits, against one frame (16 ms).
# Prints figures; exits 0 unless the build itself fails (a slow machine never fails it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/tools.sh" --no-browser || { echo "budget: tools.sh failed" >&2; exit 1; }
export PATH="$ROOT/web/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
echo "budget: trunk build --release --config trunk.toml"
trunk build --release --config trunk.toml >/tmp/xborder-budget-build.log 2>&1 || {
  cat /tmp/xborder-budget-build.log >&2
  echo "budget: the build failed" >&2
  exit 1
}

BUDGET=$((350 * 1024))
AIM=$((250 * 1024))
gz() { gzip -9 -c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
# The files index.html loads: itself, the loader, and what Trunk wrote into it.
attr() { sed -n "s/.*$1=\"\\.\\{0,1\\}\\/\\{0,1\\}\\([^\"]*\\)\".*/\\1/p" dist/index.html | head -1; }
JS="$(attr data-js)"
WASM="$(attr data-wasm)"
CSS="$(sed -n 's/.*<link rel="stylesheet" href="\.\{0,1\}\/\{0,1\}\([^"]*\.css\)".*/\1/p' dist/index.html | head -1)"
# The brotli copy the build wrote beside the file (what the serve command sends a browser that
# accepts br), or "-".
br() { if [ -f "$1.br" ]; then wc -c <"$1.br"; else echo "-"; fi; }
table() { # title, files…
  local title="$1" sum=0 bsum=0 f raw z b
  shift
  printf '\n%-44s %10s %10s %10s\n' "$title" "bytes" "gzip -9" "brotli"
  for f in "$@"; do
    [ -f "dist/$f" ] || { echo "budget: dist/$f is missing" >&2; continue; }
    raw=$(wc -c <"dist/$f"); z=$(gz "dist/$f"); b=$(br "dist/$f"); sum=$((sum + z))
    [ "$b" = "-" ] || bsum=$((bsum + b))
    printf '%-44s %10d %10d %10s\n' "$f" "$raw" "$z" "$b"
  done
  printf '%-44s %10s %10d %10d\n' "total" "" "$sum" "$bsum"
  TABLE_TOTAL=$sum
  TABLE_BROTLI=$bsum
}

table "file the page loads" index.html loader.js ids-worker.js "$JS" "$WASM" "$CSS"
total=$TABLE_TOTAL
if [ "$total" -le "$AIM" ]; then verdict="within the aim"; elif [ "$total" -le "$BUDGET" ]; then verdict="within the budget, above the aim"; else verdict="OVER THE BUDGET"; fi
echo "size: $(kb "$total") gzip against a budget of $(kb $BUDGET) (aim $(kb $AIM)): $verdict"
echo "size: $(kb "$TABLE_BROTLI") brotli: what the serve command sends a browser that accepts br (dist/*.br)"
[ -f dist/sw.js ] && echo "size: the offline copy (sw.js, $(kb "$(gz dist/sw.js)") gzip) is fetched after the page works, with the page's files from the browser's cache"

# What the wasm is made of (issue 14): its code per crate and its largest functions, read by
# twiggy from the named build Trunk linked (installed once here when missing).
NAMED=target/wasm32-unknown-unknown/release/xborder-web.wasm
if ! command -v twiggy >/dev/null; then
  echo "budget: cargo install twiggy@0.8.0 (once, for the wasm's breakdown)"
  cargo install twiggy@0.8.0 >/tmp/xborder-twiggy.log 2>&1 || echo "budget: twiggy did not install (/tmp/xborder-twiggy.log): the breakdown is skipped"
fi
if command -v twiggy >/dev/null && [ -f "$NAMED" ]; then
  echo
  twiggy top -n 1000000 -f csv "$NAMED" 2>/dev/null | node scripts/wasm-crates.mjs || echo "budget: the wasm's breakdown did not complete"
fi

# The embedding path: a host page loads embed.js, then the same module and wasm as the page.
if [ -f dist/embed.js ]; then
  table "file only the embed loads (<xborder-checker>)" embed.js
  extra=$TABLE_TOTAL
  table "file only the iframe page loads (embed.html)" embed.html frame.js embed.js
  frame=$TABLE_TOTAL
  echo
  echo "embed: $(kb "$extra") gzip over the standalone page's files (embed.js; the wasm $WASM and module $JS are shared)"
  echo "embed: a host page loads $(kb $((extra + $(gz "dist/$JS") + $(gz "dist/$WASM")))) gzip in all (embed.js + module + wasm); the iframe page $(kb $((frame + $(gz "dist/$JS") + $(gz "dist/$WASM"))))"
  [ -f dist/embed.css ] && echo "embed: dist/embed.css ($(kb "$(gz dist/embed.css)") gzip) is loaded only by browsers without constructable stylesheets"
else
  echo "embed: dist/embed.js missing (trunk.toml's post_build hook did not run?)"
fi

echo
if [ -x /usr/bin/chromium ] && [ -f tests/browser/node_modules/playwright-core/package.json ]; then
  node tests/browser/perf.mjs dist || echo "budget: the timing run did not complete (figures above still stand)"
  node tests/browser/perf-throttled.mjs dist || echo "budget: the throttled run did not complete"
  node tests/browser/perf-evaluate.mjs dist || echo "budget: the evaluate() timing did not complete"
else
  echo "timing: skipped (no /usr/bin/chromium or playwright-core; run scripts/tools.sh)"
fi
exit 0
