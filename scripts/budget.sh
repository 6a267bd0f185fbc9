#!/usr/bin/env bash
# Builds the release web app and prints its budget figures:
#   - the gzip size of everything dist/ makes the page load (html, js, wasm, css) against the
#     budget (≤ 350 KB, aim 250 KB);
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
total=0
printf '\n%-44s %10s %10s\n' "file the page loads" "bytes" "gzip -9"
for f in dist/*.html dist/*.js dist/*.wasm dist/*.css; do
  [ -f "$f" ] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + gz))
  printf '%-44s %10d %10d\n' "${f#dist/}" "$raw" "$gz"
done
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
printf '%-44s %10s %10d\n' "total" "" "$total"
if [ "$total" -le "$AIM" ]; then verdict="within the aim"; elif [ "$total" -le "$BUDGET" ]; then verdict="within the budget, above the aim"; else verdict="OVER THE BUDGET"; fi
echo "size: $(kb "$total") gzip against a budget of $(kb $BUDGET) (aim $(kb $AIM)): $verdict"

echo
if [ -x /usr/bin/chromium ] && [ -f tests/browser/node_modules/playwright-core/package.json ]; then
  node tests/browser/perf.mjs dist || echo "budget: the timing run did not complete (figures above still stand)"
else
  echo "timing: skipped (no /usr/bin/chromium or playwright-core; run scripts/tools.sh)"
fi
exit 0
