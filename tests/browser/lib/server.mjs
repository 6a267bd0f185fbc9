// A tiny static file server for dist/ on 127.0.0.1, for the tests and scripts/serve.sh.
// Serves files only (no directory listings, nothing outside the root), with the MIME types
// the page needs (application/wasm for instantiateStreaming). It logs every request, so a
// test can prove the page fetched nothing after load. Where the build wrote a compressed copy
// beside a file (FILE.br, FILE.gz) and the browser accepts it, it sends that copy with
// `Content-Encoding` (br before gzip) and `Vary: Accept-Encoding`; a request for a .br or .gz
// file itself is answered as the file it is.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file to send for `file` and its Content-Encoding: a compressed copy the browser accepts
 *  (`br`, then `gzip`, each only with a q-value above 0), else the file itself. */
export function negotiate(file, acceptEncoding) {
  const accepts = (name) => acceptEncoding.split(',').some((part) => {
    const [token, ...params] = part.trim().split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    return token.toLowerCase() === name && (!q || Number(q.slice(2)) > 0);
  });
  if (/\.(br|gz)$/.test(file)) return [file, null];
  for (const [ext, name] of [['.br', 'br'], ['.gz', 'gzip']]) {
    if (accepts(name) && fs.existsSync(file + ext)) return [file + ext, name];
  }
  return [file, null];
}

/** Starts a server for `root`; resolves to { url, port, requests, close() }. */
export function serve(root, { port = 0, host = '127.0.0.1', quiet = true } = {}) {
  const base = path.resolve(root);
  const requests = [];
  const server = http.createServer((req, res) => {
    const entry = { method: req.method, url: req.url, at: Date.now(), encoding: null };
    requests.push(entry);
    if (!quiet) console.log(`${req.method} ${req.url}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(base, '.' + rel);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const [sent, encoding] = negotiate(file, req.headers['accept-encoding'] || '');
      entry.encoding = encoding;
      const headers = {
        'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Content-Length': fs.statSync(sent).size,
        'Cache-Control': 'no-cache',
        'Vary': 'Accept-Encoding',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      };
      if (encoding) headers['Content-Encoding'] = encoding;
      // The service worker's scope may be the whole site (it is the page's own folder).
      if (path.basename(file) === 'sw.js') headers['Service-Worker-Allowed'] = '/';
      res.writeHead(200, headers);
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(sent).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: p } = server.address();
      resolve({
        url: `http://${host}:${p}/`,
        port: p,
        requests,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

// `node lib/server.mjs DIST [PORT]`: serve until interrupted.
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] || 'dist';
  const port = Number(process.argv[3] || 8080);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`serve: ${root}/index.html not found: build first (trunk build --release --config trunk.toml)`);
    process.exit(2);
  }
  serve(root, { port, quiet: false }).then((s) => {
    console.log(`xborder: serving ${path.resolve(root)} on ${s.url} (Ctrl+C to stop)`);
  }, (e) => {
    console.error(`serve: cannot listen on 127.0.0.1:${port}: ${e.message}`);
    process.exit(1);
  });
}
