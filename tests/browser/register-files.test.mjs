// The register's files in the page (issue 15): an XLSX workbook imported as the CLI reads it,
// its rows' identifier files waiting to be picked (no position until they are), then the page
// equal to `xborder register FILE.xlsx` and its CSV export equal to `--format csv` byte for
// byte (formulas neutralised); hostile files (a zip bomb posing as a workbook, a sheet a
// thousand columns wide, a far cell, a bad row, a binary file, a 10 MB cell, a million columns,
// Latin-1 text) each refused with its line, the stored register untouched; and a register that
// survives the page crashing in the middle of hashing an identifier file.
// Run: `node --test register-files.test.mjs` (XBORDER_DIST, XBORDER_CLI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, PATIENCE, withBrowser, load, reload, settled, cli } from './lib/browser.mjs';
import { shown, flowCount, openRegister, committed } from './lib/register.mjs';

const FIX = path.join(ROOT, 'crates/cli/tests/register');
const DB = 'xborder-register';

/** The stored register record's JSON text (null: no database or no record). */
const storedFlows = async (page) => (await committed(page), page.evaluate(async (name) => {
  if (!(await indexedDB.databases()).some((d) => d.name === name)) return null;
  const db = await new Promise((ok, ko) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  const v = await new Promise((ok) => { const r = db.transaction(['register']).objectStore('register').get('flows'); r.onsuccess = () => ok(r.result ?? null); });
  db.close();
  return v;
}, DB));

/** Picks an identifier file for flow `i` and waits until its hashes are counted. */
async function pick(page, i, sensitive, file) {
  const id = `${sensitive ? 'reg-sids' : 'reg-pids'}-${i}`;
  await page.setInputFiles(`#${id}`, file);
  await page.waitForFunction((x) => /\(\d[\d,]*\)/.test(document.querySelector(`label[for="${x}"]`)?.textContent ?? ''), id, { timeout: PATIENCE });
}

test('an XLSX register: its identifier files wait to be picked, then the page equals the CLI and exports its CSV byte for byte', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xborder-register-xlsx-'));
  try {
    const book = path.join(FIX, 'register.xlsx');
    const want = JSON.parse(cli('register', book, '--ciio', 'no', '--format', 'json'));
    const wantCsv = cli('register', book, '--ciio', 'no', '--format', 'csv');
    await withBrowser({}, async ({ page, url, server, problems }) => {
      await load(page, url);
      const mark = server.requests.length;
      await page.check('#q-ciio-no');
      await openRegister(page);
      await page.setInputFiles('#reg-csv', book);
      await flowCount(page, 5);
      // The rows name four identifier files: no position until they are picked.
      const waiting = page.locator('#reg-waiting');
      await waiting.waitFor({ timeout: PATIENCE });
      assert.equal(await waiting.getAttribute('data-files'), '4');
      for (const f of ['crm-persons.txt', 'crm-sensitive.txt', 'aftersales-sensitive.txt', 'hr-persons.txt']) assert.match(await waiting.innerText(), new RegExp(f.replace('.', '\\.')));
      assert.equal(await page.locator('#reg-verdict').count(), 0, 'no verdict while files are missing (they would count as nobody)');
      assert.equal(await page.locator('#reg-alert').count(), 0, 'no alert either');
      assert.ok(await page.isDisabled('#reg-export-csv'), 'nothing to export yet');
      // The sheet's rows in its order: CRM, Last year, After-sales, =HYPERLINK(…), HR.
      await pick(page, 0, false, path.join(FIX, 'crm-persons.txt'));
      await pick(page, 0, true, path.join(FIX, 'crm-sensitive.txt'));
      await pick(page, 2, true, path.join(FIX, 'aftersales-sensitive.txt'));
      await pick(page, 3, false, path.join(FIX, 'hr-persons.txt'));
      await page.waitForSelector('#reg-verdict', { timeout: PATIENCE });
      assert.equal(await waiting.count(), 0);
      const s = await shown(page);
      assert.equal(s.outcome, want.verdict.outcome);
      assert.equal(s.flows, want.flows);
      assert.equal(s.ignored, want.ignored_rows);
      assert.deepEqual(s.counts, want.counts.map((c) => ({ rule: c.rule, persons: c.persons, sensitive_persons: c.sensitive_persons, exact: c.exact })));
      assert.deepEqual(s.crossings, want.crossings);
      console.log(`register (xlsx): page = CLI: ${want.verdict.outcome}, counts ${want.counts.map((c) => `${c.persons}/${c.sensitive_persons}`).join(' ')}, crossings ${want.crossings.length}`);

      // The CSV export: the CLI's --format csv, byte for byte; the formula flow stays text.
      const dl = page.waitForEvent('download');
      await page.click('#reg-export-csv');
      const file = path.join(tmp, (await dl).suggestedFilename());
      await (await dl).saveAs(file);
      const got = fs.readFileSync(file, 'utf8');
      assert.match(path.basename(file), /^xborder-register-2026-12-01\.csv$/);
      assert.equal(got, wantCsv, 'the page writes what the CLI writes');
      assert.ok(got.includes(`"'=HYPERLINK(""http://x"")"`), 'a flow named as a formula is neutralised');
      assert.ok(!got.split(/\r\n/).some((l) => l.split(',').some((c) => /^[=+@]/.test(c))), 'no cell starts a formula');

      await settled(page);
      assert.deepEqual(server.requests.slice(mark).map((r) => r.url), [], 'no request while importing, picking, hashing and exporting');
      assert.deepEqual(problems, [], 'no console error or warning');
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('hostile register files are refused with their line, in bounded time, the stored register untouched', async () => {
  await withBrowser({}, async ({ page, url, server, problems }) => {
    await load(page, url);
    const mark = server.requests.length;
    await openRegister(page);
    await page.setInputFiles('#reg-csv', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from('date,flow,persons\n2026-02-01,CRM,5000\n') });
    await flowCount(page, 1);
    await settled(page);
    const before = await storedFlows(page);
    assert.ok(before?.includes('CRM'), 'one flow stored');
    const wide = 'date,flow' + ',x'.repeat(1_000_000) + '\n';
    const cases = [
      [path.join(FIX, 'bomb-sheet.xlsx'), /bomb-sheet\.xlsx: part xl\/worksheets\/sheet1\.xml unpacks to more than 64 MB: refused/],
      [path.join(FIX, 'wide.xlsx'), /wide\.xlsx:2: column 78: more than 64 columns/],
      [path.join(FIX, 'far.xlsx'), /far\.xlsx:1048576: flow: more than 100000 rows/],
      [path.join(FIX, 'bad-row.xlsx'), /bad-row\.xlsx:3: persons: expected a whole number of persons, 0 or more, found "ten"/],
      [{ name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(5000, 7)]) }, /broken\.xlsx: not a readable XLSX \(zip\) file/],
      [{ name: 'image.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]) }, /image\.csv: binary data \(a NUL byte\), not CSV text/],
      [{ name: 'cell.csv', mimeType: 'text/csv', buffer: Buffer.from(`date,flow\n2026-01-01,${'x'.repeat(10 << 20)}\n`) }, /cell\.csv:2: flow: a cell longer than 4096 bytes/],
      [{ name: 'columns.csv', mimeType: 'text/csv', buffer: Buffer.from(wide) }, /columns\.csv:1: column 65: more than 64 columns/],
      [{ name: 'latin1.csv', mimeType: 'text/csv', buffer: Buffer.concat([Buffer.from('date,flow\n2026-01-01,M'), Buffer.from([0xfc]), Buffer.from('nchen\n')]) }, /latin1\.csv:2: flow: not UTF-8 text/],
    ];
    for (const [file, message] of cases) {
      const started = Date.now();
      await page.setInputFiles('#reg-csv', file);
      await page.waitForFunction((m) => document.querySelector('#reg-error')?.textContent.match(new RegExp(m)), message.source, { timeout: PATIENCE });
      console.log(`register: refused ${file.name ?? path.basename(file)} in ${Date.now() - started} ms: ${(await page.innerText('#reg-error p')).slice(0, 120)}`);
      await flowCount(page, 1);
      await settled(page);
      assert.equal(await storedFlows(page), before, `${file.name ?? file}: the stored register is untouched`);
    }
    assert.deepEqual(server.requests.slice(mark).map((r) => r.url), [], 'no request');
    assert.deepEqual(problems, [], 'no console error or warning');
  });
});

test('a page that crashes while hashing an identifier file leaves the stored register whole', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xborder-register-crash-'));
  try {
    const ids = path.join(tmp, 'lake-ids.txt');
    const out = fs.openSync(ids, 'w');
    for (let b = 0; b < 40; b += 1) {
      const lines = [];
      for (let i = b * 50_000; i < (b + 1) * 50_000; i += 1) lines.push(`customer-${String(i).padStart(8, '0')}@example.com`);
      fs.writeSync(out, lines.join('\n') + '\n');
    }
    fs.closeSync(out);
    await withBrowser({}, async ({ page, ctx, url }) => {
      await load(page, url);
      await openRegister(page);
      await page.setInputFiles('#reg-csv', { name: 'r.csv', mimeType: 'text/csv', buffer: Buffer.from('date,flow,persons\n2026-02-01,CRM,5000\n2026-03-01,Data lake,\n') });
      await flowCount(page, 2);
      await settled(page);
      const before = await storedFlows(page);
      // Slow the page down so that the hashing is surely under way, then crash it there.
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
      await page.setInputFiles('#reg-pids-1', ids);
      const progress = await page.waitForFunction(() => {
        const p = document.querySelector('#reg-progress');
        return p && Number(p.value) > 0 && Number(p.value) < Number(p.max) ? [Number(p.value), Number(p.max)] : null;
      }, null, { timeout: PATIENCE });
      const [done, total] = await progress.jsonValue();
      const crashed = new Promise((ok) => page.once('crash', ok));
      cdp.send('Page.crash').catch(() => {});
      await crashed;
      console.log(`register: crashed the page at ${(done / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB hashed`);

      // Reopened: the register as it was before the file was picked, or (had the hashing won the
      // race) with the whole file; never a part of it.
      const again = await ctx.newPage();
      await load(again, url);
      await openRegister(again);
      await flowCount(again, 2);
      const after = await storedFlows(again);
      if (after === before) {
        console.log('register: after the crash, the register is as before the file was picked');
      } else {
        const flow = JSON.parse(after).flows[1];
        assert.equal(flow.person_ids, 'lake-ids.txt', 'only a whole file is ever stored');
        const bytes = await again.evaluate(async (name) => {
          const db = await new Promise((ok, ko) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
          const get = (k) => new Promise((ok) => { const r = db.transaction(['register']).objectStore('register').get(k); r.onsuccess = () => ok(r.result); });
          const sets = await get('sets');
          const v = await get(`set:${sets[1][0]}`);
          db.close();
          return v.size;
        }, DB);
        assert.equal(bytes, 2_000_000 * 16, 'every identifier of it');
        console.log('register: the hashing finished before the crash; the whole file is stored');
      }
      assert.deepEqual(JSON.parse(after ?? 'null')?.flows.map((f) => f.flow), ['CRM', 'Data lake']);
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

/** Imports the CLI's register.xlsx and picks the four identifier files its rows name. */
async function importBook(page, book) {
  await page.setInputFiles('#reg-csv', book);
  await flowCount(page, 5);
  await pick(page, 0, false, path.join(FIX, 'crm-persons.txt'));
  await pick(page, 0, true, path.join(FIX, 'crm-sensitive.txt'));
  await pick(page, 2, true, path.join(FIX, 'aftersales-sensitive.txt'));
  await pick(page, 3, false, path.join(FIX, 'hr-persons.txt'));
  await page.waitForSelector('#reg-verdict', { timeout: PATIENCE });
}

test('without a worker the store runs on the page\'s thread: files hashed and counted as the CLI, kept across a reload, exported with their hashes and restored', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xborder-register-noworker-'));
  try {
    const book = path.join(FIX, 'register.xlsx');
    const want = JSON.parse(cli('register', book, '--ciio', 'no', '--format', 'json'));
    await withBrowser({}, async ({ page, url, server }) => {
      // A browser where no worker starts (as some locked-down intranet browsers): the loader
      // runs the same store script on the page's thread.
      await page.addInitScript(() => { delete window.Worker; });
      await load(page, url);
      const mark = server.requests.length;
      await page.check('#q-ciio-no');
      await openRegister(page);
      await importBook(page, book);
      assert.equal((await page.getAttribute('#register', 'data-hashed')).split(' ')[2], 'page', 'hashed on the page\'s thread');
      const counts = want.counts.map((c) => ({ rule: c.rule, persons: c.persons, sensitive_persons: c.sensitive_persons, exact: c.exact }));
      assert.deepEqual((await shown(page)).counts, counts);
      await committed(page);
      await reload(page);
      await openRegister(page);
      await flowCount(page, 5);
      await page.waitForSelector('#reg-verdict', { timeout: PATIENCE });
      assert.deepEqual((await shown(page)).counts, counts, 'kept across a reload');
      // Exported with the hashes, cleared, imported: the same exact counts.
      const dl = page.waitForEvent('download');
      await page.click('#reg-export');
      const file = path.join(tmp, (await dl).suggestedFilename());
      await (await dl).saveAs(file);
      const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.ok(exported.flows[0].person_hashes.length > 0 && exported.flows[0].sensitive_hashes.length > 0, 'the export holds the hashes');
      await page.click('#reg-clear');
      await flowCount(page, 0);
      await page.setInputFiles('#reg-import', file);
      await flowCount(page, 5);
      await page.waitForSelector('#reg-verdict', { timeout: PATIENCE });
      assert.deepEqual((await shown(page)).counts, counts, 'restored from the export');
      assert.deepEqual(server.requests.slice(mark).map((r) => r.url), [], 'no request');
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('a register stored by the earlier page (each flow\'s hashes in one record) is read with its exact counts, and written again as sets', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xborder-register-older-'));
  try {
    const book = path.join(FIX, 'register.xlsx');
    const want = JSON.parse(cli('register', book, '--ciio', 'no', '--format', 'json'));
    const counts = want.counts.map((c) => ({ rule: c.rule, persons: c.persons, sensitive_persons: c.sensitive_persons, exact: c.exact }));
    await withBrowser({}, async ({ page, url }) => {
      await load(page, url);
      await page.check('#q-ciio-no');
      await openRegister(page);
      await importBook(page, book);
      const dl = page.waitForEvent('download');
      await page.click('#reg-export');
      const file = path.join(tmp, (await dl).suggestedFilename());
      await (await dl).saveAs(file);
      await page.click('#reg-clear');
      await flowCount(page, 0);
      await committed(page);
      // The earlier page's records: the text without hashes, and `hashes`, per flow two byte arrays.
      await page.evaluate(async ([name, exported]) => {
        const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const hashes = exported.flows.map((f) => [bytes(f.person_hashes), bytes(f.sensitive_hashes)]);
        for (const f of exported.flows) { f.person_hashes = ''; f.sensitive_hashes = ''; }
        const r = indexedDB.open(name, 1);
        r.onupgradeneeded = () => r.result.createObjectStore('register');
        const db = await new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
        const tx = db.transaction('register', 'readwrite');
        tx.objectStore('register').put(JSON.stringify(exported), 'flows');
        tx.objectStore('register').put(hashes, 'hashes');
        await new Promise((ok, ko) => { tx.oncomplete = ok; tx.onerror = () => ko(tx.error); });
        db.close();
      }, [DB, JSON.parse(fs.readFileSync(file, 'utf8'))]);
      await reload(page);
      await openRegister(page);
      await flowCount(page, 5);
      await page.waitForSelector('#reg-verdict', { timeout: PATIENCE });
      assert.deepEqual((await shown(page)).counts, counts, 'the earlier record read, counts exact');
      // The next change writes the records as sets (the earlier record deleted).
      await page.click('#reg-remove-1');
      await flowCount(page, 4);
      await committed(page);
      const keys = await page.evaluate(async (name) => {
        const db = await new Promise((ok, ko) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
        const k = await new Promise((ok) => { const r = db.transaction('register').objectStore('register').getAllKeys(); r.onsuccess = () => ok(r.result); });
        db.close();
        return k;
      }, DB);
      assert.ok(!keys.includes('hashes') && keys.includes('sets') && keys.filter((k) => k.startsWith('set:')).length === 4, `written as sets: ${keys.join(', ')}`);
      assert.deepEqual((await shown(page)).counts, counts, 'removing a flow without people (last year\'s) leaves the counts');
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
