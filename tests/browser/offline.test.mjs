// Delivery (issue 14): compressed copies sent with Content-Encoding, and the offline copy (a
// service worker that keeps this build's own files), so the page and a permalink open with no
// network. Run by tests/browser/run.sh (release dist/ and CLI built first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST, PATIENCE, withBrowser, load, settled, waitVerdict, answerNo, cliDecode } from './lib/browser.mjs';

const CONTRACT = 'standard_contract_or_certification';

/** The page's files, from index.html's loader tag and stylesheet link. */
function pageFiles() {
  const index = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const pick = (re) => path.posix.basename(re.exec(index)[1]);
  return { js: pick(/data-js="([^"]+)"/), wasm: pick(/data-wasm="([^"]+)"/), css: pick(/<link rel="stylesheet" href="([^"]+\.css)"/) };
}

/** GET with the given Accept-Encoding: status, headers and the raw body bytes. */
function get(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === null ? {} : { 'Accept-Encoding': acceptEncoding };
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('the build writes .br and .gz beside every file, and the server sends them with Content-Encoding', async () => {
  const { js, wasm, css } = pageFiles();
  for (const f of ['index.html', 'loader.js', 'ids-worker.js', 'sw.js', 'embed.js', js, wasm, css]) {
    const plain = fs.readFileSync(path.join(DIST, f));
    assert.deepEqual(zlib.gunzipSync(fs.readFileSync(path.join(DIST, `${f}.gz`))), plain, `${f}.gz is ${f}`);
    assert.deepEqual(zlib.brotliDecompressSync(fs.readFileSync(path.join(DIST, `${f}.br`))), plain, `${f}.br is ${f}`);
  }
  await withBrowser({}, async ({ url, server, page, problems }) => {
    const wasmUrl = new URL(wasm, url).href;
    const plain = fs.readFileSync(path.join(DIST, wasm));
    const br = await get(wasmUrl, 'gzip, deflate, br');
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['content-type'], 'application/wasm');
    assert.equal(br.headers.vary, 'Accept-Encoding');
    assert.ok(br.body.length < plain.length / 2, `brotli: ${br.body.length} of ${plain.length} bytes`);
    assert.deepEqual(zlib.brotliDecompressSync(br.body), plain);
    const gz = await get(wasmUrl, 'gzip;q=1, br;q=0');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(zlib.gunzipSync(gz.body), plain);
    const none = await get(wasmUrl, null);
    assert.equal(none.headers['content-encoding'], undefined);
    assert.deepEqual(none.body, plain);
    // The browser gets a compressed wasm and runs it.
    const mark = server.requests.length;
    await load(page, url);
    const sent = server.requests.slice(mark).filter((r) => r.url.endsWith(wasm));
    assert.equal(sent.length, 1, 'the wasm is fetched once');
    assert.ok(['br', 'gzip'].includes(sent[0].encoding), `the wasm went compressed (${sent[0].encoding})`);
    console.log(`delivery: wasm ${plain.length} bytes, sent as ${sent[0].encoding} (brotli ${br.body.length}, gzip ${gz.body.length})`);
    assert.deepEqual(problems, []);
  });
});

test('offline: the page and a permalink open with no network, from this build\'s own files', async () => {
  await withBrowser({}, async ({ ctx, page, url, server, problems }) => {
    await load(page, url);
    assert.equal(await page.getAttribute('html', 'data-offline'), 'ready', 'the offline copy is made');
    await answerNo(page);
    await page.click('#pi-add');
    await page.locator('.pi-row input[id$="-persons"]').first().fill('200000');
    await waitVerdict(page, CONTRACT, CONTRACT);
    await page.click('#copy-link');
    await page.waitForFunction(() => location.hash.length > 1);
    const link = await page.evaluate(() => location.href);
    const scenario = cliDecode(link);

    const before = server.requests.length;
    await ctx.setOffline(true);
    try {
      // A reload (the draft comes back) and a permalink, offline.
      await load(page, url);
      await waitVerdict(page, CONTRACT, CONTRACT);
      await load(page, link);
      await waitVerdict(page, CONTRACT, CONTRACT);
      assert.deepEqual(cliDecode(await page.evaluate(() => location.href)), scenario, 'the permalink restores its scenario offline');
      await settled(page);
    } finally {
      await ctx.setOffline(false);
    }
    assert.equal(server.requests.length, before, 'offline, the server was asked nothing');
    // The worker answers only the page's own files; anything else goes to the network as usual.
    const other = await page.evaluate(async () => (await fetch('embed.html', { cache: 'no-store' })).status);
    assert.equal(other, 200);
    assert.ok(server.requests.slice(before).some((r) => r.url === '/embed.html'), 'a file outside the offline copy is fetched, not invented');
    assert.deepEqual(problems, []);
  });
});
