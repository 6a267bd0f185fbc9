#!/usr/bin/env bash
# Serves the web app on http://127.0.0.1:8080/ (PORT to change it).
#   scripts/serve.sh          build the release dist/ and serve it with a tiny static server
#                             (with the embedding files: /embed.js, /embed.html and the
#                             example intranet page /examples/intranet.html)
#   scripts/serve.sh --watch  `trunk serve` with rebuilds on change (development; Trunk's
#                             live-reload script is inline, so the strict CSP reports it)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORT:-8080}"
"$ROOT/scripts/tools.sh" --no-browser
export PATH="$ROOT/web/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cd "$ROOT"
if [ "${1:-}" = "--watch" ]; then
  exec trunk serve --config trunk.toml --address 127.0.0.1 --port "$PORT"
fi
trunk build --release --config trunk.toml
echo "serve: the checker http://127.0.0.1:$PORT/ · embed http://127.0.0.1:$PORT/embed.js · iframe http://127.0.0.1:$PORT/embed.html · example http://127.0.0.1:$PORT/examples/intranet.html"
exec node "$ROOT/tests/browser/lib/server.mjs" "$ROOT/dist" "$PORT"
