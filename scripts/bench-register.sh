#!/usr/bin/env bash
# Benchmark of `xborder register` counting distinct identifiers (issue 15): 10 million
# identifiers in three overlapping files (7.5 million distinct), generated deterministically
# into target/bench-register/, counted side by side by
#   - xborder register (a register of three flows, one identifier file each),
#   - LC_ALL=C sort -u … | wc -l,
#   - DuckDB count(DISTINCT …), where a duckdb can be had (the Python package in a venv under
#     target/bench-register/venv, or a `duckdb` on PATH); otherwise it says it was skipped.
# Then the same files in the page (tests/browser/perf-register.mjs), where a web build exists.
# Prints figures only (best and median wall seconds of RUNS runs); it asserts no timing.
#
# Usage: scripts/bench-register.sh [RUNS]   (default 3; XBORDER=path/to/xborder to pick a binary,
#        else it builds `cargo build --release -p xborder`)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3}"
DIR=target/bench-register
mkdir -p "$DIR"

# 1. The identifiers: id k is customer-<(k*7919) mod 7,500,000, 14 digits>, a permutation of
#    the 7.5 million ids (7919 is prime to 7,500,000), so the files are in no sorted order.
#    a: k in [0, 4.0M), b: [3.0M, 6.5M), c: [5.0M, 7.5M): 10M lines, 7.5M distinct.
gen() { # file from to
  [ -s "$DIR/$1" ] && return
  awk -v from="$2" -v to="$3" 'BEGIN { n = 7500000; for (k = from; k < to; k++) printf "customer-%014d\n", (k * 7919) % n }' > "$DIR/$1.tmp"
  mv "$DIR/$1.tmp" "$DIR/$1"
}
echo "generating identifiers in $DIR (once) …"
gen ids-a.txt 0 4000000
gen ids-b.txt 3000000 6500000
gen ids-c.txt 5000000 7500000
cat > "$DIR/register.csv" <<CSV
date,flow,recipient,country,persons,sensitive_persons,person_ids
2026-01-10,CRM,HQ GmbH,DE,,,ids-a.txt
2026-04-02,After-sales,Service Pte,SG,,,ids-b.txt
2026-09-15,Data lake,HQ GmbH,DE,,,ids-c.txt
CSV
# The files every tool reads: a copy in memory (tmpfs) where there is room, so that each reads
# them from memory as the others do. (On this VM the page cache is reclaimed under pressure:
# a read that goes to the disk measured the disk, at 15-40 MB/s, not the tool.)
IDS="$DIR"
SHM=/dev/shm/xborder-bench-$$
if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" -gt 600000 ]; then
  mkdir -p "$SHM" && cp "$DIR"/ids-a.txt "$DIR"/ids-b.txt "$DIR"/ids-c.txt "$DIR/register.csv" "$SHM/" && IDS="$SHM"
  trap 'rm -rf "$SHM"' EXIT
fi
echo "the tools read the files in $IDS$([ "$IDS" = "$SHM" ] && echo ' (in memory)')"
LINES=$(cat "$DIR"/ids-?.txt | wc -l)
BYTES=$(cat "$DIR"/ids-?.txt | wc -c)
echo "identifiers: $LINES lines, $((BYTES / 1000000)) MB, in 3 files"

# 2. The binary.
if [ -z "${XBORDER:-}" ]; then
  cargo build --release -p xborder >/dev/null 2>&1 || cargo build --release -p xborder
  XBORDER=target/release/xborder
fi

# best and median wall seconds of RUNS runs of a command (its stdout to $DIR/out.<name>)
declare -A BEST MEDIAN RESULT
timed() { # name command...
  local name=$1; shift
  local times=()
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > "$DIR/out.$name"
    t1=$(date +%s.%N)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')")
  done
  BEST[$name]=$(printf '%s\n' "${times[@]}" | sort -n | head -1)
  MEDIAN[$name]=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  RESULT[$name]=$(tr -d ' \n' < "$DIR/out.$name" | head -c 60)
}

xb() { "$XBORDER" register "$IDS/register.csv" --format json --ciio no --in-zone no \
  | awk -F': ' '/"persons"/ { gsub(/[ ,]/, "", $2); print $2; exit }'; }
su() { cat "$IDS"/ids-a.txt "$IDS"/ids-b.txt "$IDS"/ids-c.txt | LC_ALL=C sort -u | wc -l; }

timed xborder xb
timed sort su

# DuckDB: the Python package in a venv under target/, or a duckdb CLI on PATH.
DUCK=""
if [ -x "$DIR/venv/bin/python" ] && "$DIR/venv/bin/python" -c 'import duckdb' 2>/dev/null; then
  DUCK=python
elif python3 -m venv "$DIR/venv" >/dev/null 2>&1 && "$DIR/venv/bin/pip" install -q duckdb >/dev/null 2>&1; then
  DUCK=python
elif command -v duckdb >/dev/null; then
  DUCK=cli
fi
QUERY="SELECT count(DISTINCT id) FROM read_csv(['$IDS/ids-a.txt', '$IDS/ids-b.txt', '$IDS/ids-c.txt'], header = false, columns = {'id': 'VARCHAR'}, delim = '\t', quote = '', escape = '')"
dk() {
  if [ "$DUCK" = python ]; then
    "$DIR/venv/bin/python" -c "import duckdb; c = duckdb.connect(); c.execute(\"SET enable_progress_bar = false\"); print(c.execute(\"\"\"$QUERY\"\"\").fetchall()[0][0])"
  else
    duckdb -noheader -csv -c "$QUERY"
  fi
}
[ -n "$DUCK" ] && timed duckdb dk

echo
printf '%-36s %10s %10s   %s\n' "counting $LINES ids ($((BYTES / 1000000)) MB)" "best s" "median s" "distinct"
printf '%-36s %10s %10s   %s\n' "xborder register" "${BEST[xborder]}" "${MEDIAN[xborder]}" "${RESULT[xborder]}"
printf '%-36s %10s %10s   %s\n' "LC_ALL=C sort -u | wc -l" "${BEST[sort]}" "${MEDIAN[sort]}" "${RESULT[sort]}"
if [ -n "$DUCK" ]; then
  printf '%-36s %10s %10s   %s\n' "DuckDB count(DISTINCT) ($DUCK)" "${BEST[duckdb]}" "${MEDIAN[duckdb]}" "${RESULT[duckdb]}"
else
  echo "DuckDB: skipped (neither the Python package could be installed nor a duckdb CLI found)"
fi
echo "($RUNS runs each; $(nproc) cores; wall-clock seconds, the whole process)"

# 3. The page's register on the same files (tests/browser/perf-register.mjs): the MB/s hashed in
#    the page's worker and hashed-and-counted in all, and the main thread's longest task. Needs
#    a web build (dist/) and the browser tools (scripts/tools.sh); skipped without them.
if [ -f dist/index.html ] && [ -d tests/browser/node_modules/playwright-core ] && [ -x /usr/bin/chromium ]; then
  echo
  (ids="$(cd "$IDS" && pwd)" && cd tests/browser && node perf-register.mjs "$ids" "$PWD/../../dist" "$RUNS") || echo "the page's register: the run did not complete"
else
  echo "the page's register: skipped (no dist/ or no browser tools: scripts/tools.sh, then trunk build --release --config trunk.toml)"
fi
