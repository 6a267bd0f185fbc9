// The register in the page (issue 15): flows entered and imported, the year-to-date position
// equal to `xborder register FILE --format json` on the same CSV, the crossing alert, kept in
// IndexedDB across a reload and a second tab, export → clear → import restoring it exactly, a
// bad CSV row named by its line with the stored register untouched, and no request at all.
// Run: `node --test register.test.mjs` (XBORDER_DIST, XBORDER_CLI: the build and the CLI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, PATIENCE, withBrowser, load, reload, settled, cli } from './lib/browser.mjs';
import { shown, flowCount, openRegister, committed } from './lib/register.mjs';
import { runAxe, formatViolations } from './lib/axe.mjs';

const CSV = path.join(ROOT, 'tests/browser/fixtures/register-midyear.csv');
const DB = 'xborder-register';

/** The stored record (the register's JSON text), or null when there is no database. */
const stored = async (page) => (await committed(page), page.evaluate(async (name) => {
  const dbs = await indexedDB.databases();
  if (!dbs.some((d) => d.name === name)) return null;
  const db = await new Promise((ok, ko) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  const stores = [...db.objectStoreNames];
  const tx = db.transaction(stores, 'readonly');
  const all = {};
  for (const s of stores) {
    const st = tx.objectStore(s);
    const keys = await new Promise((ok) => { const r = st.getAllKeys(); r.onsuccess = () => ok(r.result); });
    const vals = await new Promise((ok) => { const r = st.getAll(); r.onsuccess = () => ok(r.result); });
    // Binary values (the key, the hashes) by their kind and length: what they are, not megabytes of them.
    const brief = (v) => (ArrayBuffer.isView(v) ? { [v.constructor.name]: v.byteLength } : v instanceof Blob ? { Blob: v.size } : Array.isArray(v) ? v.map(brief) : v);
    all[s] = Object.fromEntries(keys.map((k, i) => [k, brief(vals[i])]));
  }
  db.close();
  return all;
}, DB));

/** What the page shows of the year: counts, verdict, crossings. */
async function addFlow(page, { date, flow, persons, sensitive = '' }) {
  await page.fill('#reg-date', date);
  await page.fill('#reg-flow', flow);
  await page.fill('#reg-persons', persons);
  await page.fill('#reg-sensitive', sensitive);
  await page.click('#reg-add');
}

test('the register: entered, imported, equal to the CLI, kept, exported and restored, no request', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xborder-register-'));
  try {
    await withBrowser({}, async ({ page, url, ctx, server, problems }) => {
      await load(page, url);
      // No request while the register is used: checked before each (re)load, counted after it.
      let mark = server.requests.length;
      const quiet = (where) => assert.deepEqual(server.requests.slice(mark).map((r) => r.url), [], `no request ${where}`);
      assert.equal(await stored(page), null, 'a fresh page has no register database');
      await page.check('#q-ciio-no');
      await openRegister(page);
      assert.equal(await stored(page), null, 'opening the register creates nothing');
      assert.ok(!(await page.url()).includes('reg'), 'the register is not in the address');

      // Entered: 60,000 persons, then 50,000 more in June: a crossing, and its alert.
      await addFlow(page, { date: '2026-01-10', flow: 'CRM', persons: '60000' });
      await flowCount(page, 1);
      assert.equal(await page.locator('#reg-alert').count(), 0, 'no alert for the first flow');
      await addFlow(page, { date: '2026-06-15', flow: 'After-sales', persons: '50000' });
      await flowCount(page, 2);
      const alert = page.locator('#reg-alert[role="alert"]');
      await alert.waitFor({ timeout: PATIENCE });
      assert.match(await alert.innerText(), /2026-06-15 After-sales/);
      let s = await shown(page);
      assert.deepEqual(s.crossings.map((c) => [c.date, c.flow]), [['2026-06-15', 'After-sales']]);
      console.log(`register: entered crossing ${s.crossings[0].from} → ${s.crossings[0].to}`);
      const rec = await stored(page);
      assert.deepEqual(Object.keys(rec), ['register'], 'one object store');
      assert.deepEqual(Object.keys(rec.register), ['flows'], 'one record');
      assert.deepEqual(JSON.parse(rec.register.flows).flows.map((f) => [f.date, f.flow, f.persons]), [['2026-01-10', 'CRM', '60000'], ['2026-06-15', 'After-sales', '50000']]);

      // Clear: the database is gone.
      await page.click('#reg-clear');
      await flowCount(page, 0);
      await page.waitForFunction(async (n) => !(await indexedDB.databases()).some((d) => d.name === n), DB);

      // Imported from the CSV: the CLI's figures on the same file and handler facts.
      await page.setInputFiles('#reg-csv', CSV);
      await flowCount(page, 4);
      await page.waitForSelector('#reg-alert', { timeout: PATIENCE });
      const want = JSON.parse(cli('register', CSV, '--ciio', 'no', '--format', 'json'));
      s = await shown(page);
      assert.equal(s.outcome, want.verdict.outcome, 'the year-to-date outcome');
      assert.equal(s.flows, want.flows);
      assert.equal(s.ignored, want.ignored_rows);
      assert.deepEqual(s.counts, want.counts.map((c) => ({ rule: c.rule, persons: c.persons, sensitive_persons: c.sensitive_persons, exact: c.exact })));
      assert.deepEqual(s.crossings, want.crossings);
      assert.ok(want.crossings.length >= 1, 'the fixture has a mid-year crossing');
      console.log(`register: page = CLI: ${want.verdict.outcome}, ${want.counts.length} counts, crossings ${JSON.stringify(want.crossings)}`);

      // A reload keeps it.
      const before = await stored(page);
      quiet('while entering, clearing and importing');
      await reload(page);
      mark = server.requests.length;
      await openRegister(page);
      await flowCount(page, 4);
      assert.deepEqual((await shown(page)).rows, s.rows, 'the same flows after a reload');

      // A bad row: its line, and the stored register untouched.
      await page.setInputFiles('#reg-csv', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('date,flow,persons\n2026-02-01,ERP,5\n2026-02-30,HR,3\n') });
      await page.waitForSelector('#reg-error[role="alert"]', { timeout: PATIENCE });
      assert.match(await page.innerText('#reg-error'), /bad\.csv:3: date: expected a day YYYY-MM-DD, found "2026-02-30"/);
      await settled(page);
      await flowCount(page, 4);
      assert.deepEqual(await stored(page), before, 'the stored register is as it was');

      // A second tab sees the same register, and a change there reaches this one.
      quiet('while importing a bad file');
      const two = await ctx.newPage();
      await load(two, url);
      mark = server.requests.length;
      await openRegister(two);
      await flowCount(two, 4);
      await addFlow(two, { date: '2026-10-01', flow: 'Data lake', persons: '10' });
      await flowCount(two, 5);
      await flowCount(page, 5);
      await two.close();

      // Export, clear, import: exactly the same register.
      const dl = page.waitForEvent('download');
      await page.click('#reg-export');
      const file = path.join(tmp, (await dl).suggestedFilename());
      await (await dl).saveAs(file);
      const exported = fs.readFileSync(file, 'utf8');
      const kept = await stored(page);
      assert.equal(exported, kept.register.flows, 'the export is the stored register');
      const shownBefore = await shown(page);
      await page.click('#reg-clear');
      await flowCount(page, 0);
      await page.setInputFiles('#reg-import', file);
      await flowCount(page, 5);
      assert.deepEqual(await stored(page), kept, 'restored exactly (stored)');
      const shownAfter = await shown(page);
      assert.deepEqual({ ...shownAfter }, { ...shownBefore }, 'restored exactly (shown)');

      await settled(page);
      // The second tab's navigation lets the browser check the offline copy's worker for an
      // update (a GET of sw.js, the browser's own, at a moment of its choosing): that one file
      // aside, nothing.
      assert.deepEqual(server.requests.slice(mark).map((r) => r.url).filter((u) => u !== '/sw.js'), [], 'no request in the second tab, exporting, clearing and importing');
      assert.deepEqual(problems, [], 'no console error or warning');
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('identifier files hashed in the page: exact counts equal to the CLI, only hashes kept, MB/s printed', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xborder-register-ids-'));
  try {
    const ids = (from, to) => { const out = []; for (let i = from; i < to; i += 1) out.push(`person-${String(i).padStart(7, '0')}@example.com`); return out.join('\n') + '\n'; };
    const a = path.join(tmp, 'crm-ids.txt');
    const b = path.join(tmp, 'erp-ids.txt');
    fs.writeFileSync(a, ids(0, 1_000_000));
    fs.writeFileSync(b, ids(700_000, 1_200_000));
    const csv = path.join(tmp, 'register.csv');
    fs.writeFileSync(csv, 'date,flow,persons,person_ids\n2026-01-10,CRM,,crm-ids.txt\n2026-05-01,ERP,,erp-ids.txt\n');
    const want = JSON.parse(cli('register', csv, '--ciio', 'no', '--format', 'json'));
    await withBrowser({}, async ({ page, url, server, problems }) => {
      await load(page, url);
      let mark = server.requests.length;
      await page.check('#q-ciio-no');
      await openRegister(page);
      await addFlow(page, { date: '2026-01-10', flow: 'CRM', persons: '' });
      await flowCount(page, 1);
      await addFlow(page, { date: '2026-05-01', flow: 'ERP', persons: '' });
      await flowCount(page, 2);
      for (const [i, file] of [[0, a], [1, b]]) {
        await page.setInputFiles(`#reg-pids-${i}`, file);
        await page.waitForFunction((n) => document.querySelector(`label[for="reg-pids-${n}"]`)?.textContent.includes('('), i, { timeout: PATIENCE });
        const [bytes, ms, where] = (await page.getAttribute('#register', 'data-hashed')).split(' ');
        assert.equal(where, 'worker', 'hashed off the main thread, in the worker the page started');
        console.log(`register: hashed ${path.basename(file)} in the page's worker: ${(bytes / 1e6).toFixed(1)} MB, ${(ms / 1000).toFixed(2)} s, ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`);
      }
      await page.waitForSelector('#reg-counts .reg-count[data-exact="true"]', { timeout: PATIENCE });
      const s = await shown(page);
      assert.deepEqual(s.counts, want.counts.map((c) => ({ rule: c.rule, persons: c.persons, sensitive_persons: c.sensitive_persons, exact: c.exact })));
      assert.ok(want.counts.every((c) => c.exact && c.persons === 1_200_000), 'the CLI counts the union exactly');
      assert.equal(s.outcome, want.verdict.outcome);
      assert.deepEqual(s.crossings, want.crossings);
      // Only hashes are kept: no identifier in the stored register.
      const rec = await stored(page);
      assert.ok(!rec.register.flows.includes('@example.com'), 'no identifier stored');
      assert.ok(rec.register.key != null, 'the device key is kept');
      const sets = rec.register.sets;
      assert.ok(Array.isArray(sets) && sets.length === 2 && sets.every(([p, s]) => /^[0-9a-f]{16}$/.test(p) && s === ''), `each flow names its persons' set: ${JSON.stringify(sets)}`);
      assert.deepEqual(Object.keys(rec.register).sort(), ['flows', 'key', `set:${sets[0][0]}`, `set:${sets[1][0]}`, 'sets'].sort(), 'the register, its sets and the key, nothing else');
      // The hashes as binary, 16 bytes per distinct identifier, beside a register whose text has none.
      assert.deepEqual([rec.register[`set:${sets[0][0]}`], rec.register[`set:${sets[1][0]}`]], [{ Blob: 1_000_000 * 16 }, { Blob: 500_000 * 16 }]);
      assert.ok(JSON.parse(rec.register.flows).flows.every((f) => f.person_hashes === '' && f.sensitive_hashes === ''), 'no hash in the stored text');
      quiet();
      function quiet() { assert.deepEqual(server.requests.slice(mark).map((r) => r.url), [], 'no request while hashing'); }
      await reload(page);
      mark = server.requests.length;
      await openRegister(page);
      await flowCount(page, 2);
      assert.deepEqual((await shown(page)).counts, s.counts, 'the exact counts survive a reload');
      quiet();
      assert.deepEqual(problems, [], 'no console error or warning');
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('the register view has no serious or critical axe violation (with flows, a crossing and an error shown), in both languages', async () => {
  await withBrowser({}, async ({ page, url }) => {
    await load(page, url);
    await openRegister(page);
    await page.setInputFiles('#reg-csv', CSV);
    await flowCount(page, 4);
    await page.setInputFiles('#reg-csv', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('date,flow\nyesterday,CRM\n') });
    await page.waitForSelector('#reg-error', { timeout: PATIENCE });
    const failures = [];
    for (const lang of ['en', 'zh']) {
      if (lang === 'zh') {
        await page.click('#lang-switch');
        await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      }
      const r = await runAxe(page);
      const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      if (bad.length) failures.push(`${lang}:\n${formatViolations(bad)}`);
    }
    assert.deepEqual(failures, [], 'serious or critical axe violations in the register view');
  });
});
