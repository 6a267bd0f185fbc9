// Trunk's post_build hook (trunk.toml): writes the embedding files into the build output.
//   embed.js     the ES module (web/embed/embed.js) with the hashed names Trunk gave the app's
//                module and wasm, and the widget's stylesheet inlined (no request for it)
//   embed.css    the same stylesheet as a file (fallback for browsers without constructable
//                stylesheets; not loaded otherwise)
//   embed.html   the iframe page, and frame.js, its script
//   examples/    web/examples (the intranet page that embeds the checker)
// Reads the names from the index.html Trunk just wrote (the loader tag and the stylesheet link),
// so the standalone page and the embed load the same wasm. Node only, no package.
// Usage: node web/embed/build.mjs [STAGING_DIR]   (Trunk sets TRUNK_STAGING_DIR)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import crypto from 'node:crypto';
import zlib from 'node:zlib';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WEB = path.resolve(HERE, '..');
const out = process.env.TRUNK_STAGING_DIR || process.argv[2];
const fail = (msg) => { console.error(`embed build: ${msg}`); process.exit(1); };
if (!out || !fs.existsSync(path.join(out, 'index.html'))) fail(`no index.html in ${out || '(no TRUNK_STAGING_DIR)'}`);

const index = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
const attr = (re, what) => {
  const m = re.exec(index);
  if (!m) fail(`index.html has no ${what} (trunk.toml's pattern_script or web/index.html changed?)`);
  const name = path.posix.basename(m[1]);
  if (!fs.existsSync(path.join(out, name))) fail(`${name} (${what}) is not in ${out}`);
  return name;
};
const js = attr(/data-js="([^"]+)"/, 'data-js on the loader tag');
const wasm = attr(/data-wasm="([^"]+)"/, 'data-wasm on the loader tag');
const css = attr(/<link rel="stylesheet" href="([^"]+\.css)"/, 'stylesheet link');

/** Moves page-level rules onto the widget's root and turns width media queries into container queries. */
export function shadowCss(text) {
  const noComments = text.replace(/\/\*[\s\S]*?\*\//g, '');
  return noComments.replace(/(?<=^|[{}])([^{}]+)\{/g, (all, prelude) => {
    const p = prelude.trim();
    if (p.startsWith('@media')) {
      // Width queries follow the widget's width; print and preferences stay media queries.
      if (/\((min|max)-width/.test(p) && !/\bprint\b/.test(p)) return `\n${p.replace(/^@media/, '@container xb')} {`;
      return all;
    }
    if (p.startsWith('@')) return all;
    const sels = p.split(',').map((s) => s.trim()).map((s) => s
      .replace(/^html:lang\(([^)]+)\)\s+body\b/, '.xb:lang($1)')
      .replace(/^html:lang\(([^)]+)\)/, '.xb:lang($1)')
      .replace(/^:root\b/, '.xb')
      .replace(/^html\b/, '.xb')
      .replace(/^body\b/, '.xb'));
    return `\n${sels.join(', ')} {`;
  });
}

const minify = (text) => text
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\s+/g, ' ')
  .replace(/\s*([{};,>])\s*/g, '$1')
  .replace(/([{;][-a-z]+):\s+/g, '$1:')
  .replace(/;}/g, '}')
  .trim();

const template = fs.readFileSync(path.join(HERE, 'shadow.css'), 'utf8');
const marker = '/* @@APP_CSS@@ (web/style.css, transformed) */';
if (!template.includes(marker)) fail('web/embed/shadow.css lost its @@APP_CSS@@ marker');
const sheet = template.replace(marker, () => shadowCss(fs.readFileSync(path.join(out, css), 'utf8')));
const small = minify(sheet);
for (const bad of [/(^|[\s,{}])(html|body)[\s,{:.]/, /:root\b/]) {
  if (bad.test(small)) fail(`the widget's stylesheet still has a page-level selector (${bad}); extend shadowCss()`);
}
fs.writeFileSync(path.join(out, 'embed.css'), small + '\n');

let module = fs.readFileSync(path.join(HERE, 'embed.js'), 'utf8');
const fill = { __XBORDER_JS__: js, __XBORDER_WASM__: wasm, __XBORDER_CSS__: JSON.stringify(small) };
for (const [k, v] of Object.entries(fill)) {
  if (!module.includes(k)) fail(`web/embed/embed.js lost its ${k} placeholder`);
  module = module.split(k).join(v);
}
fs.writeFileSync(path.join(out, 'embed.js'), module);

for (const f of ['embed.html', 'frame.js']) fs.copyFileSync(path.join(HERE, f), path.join(out, f));
const examples = path.join(WEB, 'examples');
if (fs.existsSync(examples)) fs.cpSync(examples, path.join(out, 'examples'), { recursive: true });

console.log(`embed build: embed.js (${js}, ${wasm}, ${small.length} bytes of CSS), embed.css, embed.html, frame.js${fs.existsSync(examples) ? ', examples/' : ''}`);

// The offline copy (web/sw.js): this build's page files and a version made of their contents.
const pageFiles = ['index.html', 'loader.js', 'ids-worker.js', js, wasm, css];
const version = crypto.createHash('sha256');
for (const f of pageFiles) version.update(f).update('\0').update(fs.readFileSync(path.join(out, f)));
let worker = fs.readFileSync(path.join(WEB, 'sw.js'), 'utf8');
for (const k of ['__XBORDER_VERSION__', '__XBORDER_FILES__']) if (!worker.includes(k)) fail(`web/sw.js lost its ${k} placeholder`);
worker = worker.split('__XBORDER_VERSION__').join(version.digest('hex').slice(0, 16)).split('__XBORDER_FILES__').join(JSON.stringify(pageFiles));
fs.writeFileSync(path.join(out, 'sw.js'), worker);

// Compressed copies beside every file (.gz and .br), for servers that send them with
// Content-Encoding (tests/browser/lib/server.mjs; nginx gzip_static/brotli_static; see README).
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
let plain = 0, gzipped = 0, brotli = 0;
for (const f of walk(out).filter((f) => !/\.(gz|br)$/.test(f))) {
  const data = fs.readFileSync(f);
  const gz = zlib.gzipSync(data, { level: 9 });
  const br = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
  fs.writeFileSync(`${f}.gz`, gz);
  fs.writeFileSync(`${f}.br`, br);
  plain += data.length; gzipped += gz.length; brotli += br.length;
}
console.log(`build: sw.js (offline copy of ${pageFiles.length} files); .gz and .br beside every file (${plain} bytes; gzip ${gzipped}, brotli ${brotli})`);
