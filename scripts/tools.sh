#!/usr/bin/env bash
# Installs, idempotently, what the web build and the browser tests need, and says what it does:
#   - the wasm32-unknown-unknown target
#   - trunk 0.21.14 (cargo install, only when missing or another version)
#   - wasm-bindgen-cli of exactly the wasm-bindgen version in Cargo.lock
#   - wasm-opt from npm binaryen@132 into web/.tools (Debian's binaryen cannot read rustc 1.95 output)
#   - chromium + chromium-driver via apt-get when /usr/bin/chromium is missing
#   - a CJK font for the screenshots when fontconfig knows none (fonts-noto-cjk)
#   - playwright-core via npm in tests/browser (never `playwright install`: we use the system chromium)
#   - the crates (cargo fetch), since trunk.toml builds offline
# Usage: scripts/tools.sh [--no-browser]     (--no-browser: only what `trunk build` needs)
# Callers put web/.tools/node_modules/.bin and ~/.cargo/bin first on PATH (serve.sh, budget.sh
# and tests/browser/run.sh do), so Trunk finds these exact versions and never downloads.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
TOOLS="$ROOT/web/.tools"
BROWSER=1
for a in "$@"; do
  case "$a" in
    --no-browser) BROWSER=0 ;;
    *) echo "tools.sh: unknown option $a" >&2; exit 2 ;;
  esac
done

say() { printf 'tools: %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

export PATH="$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif have sudo; then sudo "$@"; else
    echo "tools.sh: need root for: $*" >&2; return 1; fi
}

apt_updated=0
apt_install() {
  if ! have apt-get; then
    echo "tools.sh: apt-get not found; install $* yourself" >&2
    return 1
  fi
  if [ "$apt_updated" = 0 ]; then
    say "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install -y $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Rust and the wasm target.
if ! have cargo || ! have rustup; then
  echo "tools.sh: cargo/rustup not found: install Rust (https://rustup.rs) first" >&2
  exit 1
fi
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Trunk.
if have trunk && [ "$(trunk --version 2>/dev/null | awk '{print $2}')" = "$TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "cargo install trunk@$TRUNK_VERSION --locked (takes several minutes)"
  cargo install "trunk@$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli: the exact version of the wasm-bindgen crate in Cargo.lock.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
if [ -z "$WB_VERSION" ]; then
  say "Cargo.lock has no wasm-bindgen yet: cargo generate-lockfile"
  (cd "$ROOT" && cargo generate-lockfile)
  WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
fi
if have wasm-bindgen && [ "$(wasm-bindgen --version | awk '{print $2}')" = "$WB_VERSION" ]; then
  say "wasm-bindgen-cli $WB_VERSION: present"
else
  say "cargo install wasm-bindgen-cli@$WB_VERSION (the version in Cargo.lock)"
  cargo install "wasm-bindgen-cli@$WB_VERSION" --force
fi
if ! grep -q "wasm_bindgen = \"$WB_VERSION\"" "$ROOT/trunk.toml"; then
  echo "tools.sh: trunk.toml [tools] wasm_bindgen differs from Cargo.lock ($WB_VERSION): update trunk.toml and web/Cargo.toml" >&2
  exit 1
fi

# Node and npm (for binaryen and the browser tests).
if ! have node || ! have npm; then
  apt_install nodejs npm
fi

# wasm-opt from npm binaryen, project-local.
if [ -x "$TOOLS/node_modules/.bin/wasm-opt" ] && "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  say "wasm-opt (binaryen@$BINARYEN_VERSION) in web/.tools: present"
else
  say "npm install binaryen@$BINARYEN_VERSION into web/.tools"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION" >/dev/null
fi

# Crates, so the offline build finds them.
say "cargo fetch"
(cd "$ROOT" && cargo fetch --quiet)

if [ "$BROWSER" = 1 ]; then
  # Chromium for the tests.
  if [ -x /usr/bin/chromium ]; then
    say "chromium: present ($(/usr/bin/chromium --version 2>/dev/null | head -1))"
  else
    apt_install chromium chromium-driver
  fi
  # A CJK font, so Chinese renders in the screenshots (users' systems have their own).
  if have fc-list && [ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; then
    say "CJK font: present"
  else
    apt_install fonts-noto-cjk || say "could not install a CJK font: Chinese will show as boxes in screenshots"
  fi
  # playwright-core (the driver only; it uses /usr/bin/chromium).
  if [ -f "$ROOT/tests/browser/node_modules/playwright-core/package.json" ]; then
    say "playwright-core in tests/browser: present"
  else
    say "npm ci in tests/browser (playwright-core)"
    (cd "$ROOT/tests/browser" && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi) >/dev/null
  fi
fi
say "ready"
