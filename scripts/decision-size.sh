#!/usr/bin/env bash
# Prints the size of the engine's decision code (issue 10: aim under 400 lines, no function over
# 50): for each module that decides, its lines of code (not blank, not a comment, not its tests),
# and every function longer than 50 lines. Prints figures; always exits 0.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT/crates/core/src"
# The steps of the evaluation, the bands and counts, the precedence table's code and the parts
# a step returns; the words (say.rs, render.rs) and the data tables are not decision code.
MODULES="evaluate.rs bands.rs threshold.rs part.rs precedence.rs unknown.rs"
total=0
for f in $MODULES; do
  n=$(awk '/^#\[cfg\(test\)\]/ { exit } /^[[:space:]]*$/ { next } /^[[:space:]]*\/\// { next } { n++ } END { print n + 0 }' "$f")
  total=$((total + n))
  printf 'decision: %6d lines  %s\n' "$n" "$f"
done
printf 'decision: %6d lines in all (aim: under 400)\n' "$total"
long=$(for f in $MODULES; do
  awk -v file="$f" '
    /^#\[cfg\(test\)\]/ { exit }
    !name && /^[[:space:]]*(pub(\([a-z]+\))? )?(const )?fn [a-z_0-9]+/ {
      match($0, /fn [a-z_0-9]+/); name = substr($0, RSTART + 3, RLENGTH - 3); start = NR
      match($0, /^[[:space:]]*/); indent = RLENGTH
      if ($0 ~ /\}[[:space:]]*$/ && $0 ~ /\{/) { name = ""; next }
      next
    }
    name && /^[[:space:]]*\}[[:space:]]*$/ {
      match($0, /^[[:space:]]*/)
      if (RLENGTH == indent) { len = NR - start + 1; if (len > 50) printf "decision: %6d lines  %s::%s (over 50)\n", len, file, name; name = "" }
    }' "$f"
done)
if [ -n "$long" ]; then echo "$long"; else echo "decision: no function over 50 lines"; fi
