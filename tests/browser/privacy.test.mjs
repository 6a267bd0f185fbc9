// Privacy, proved in a real browser: while loading, the page fetches only the files of dist/
// from its own origin; once loaded it makes no request at all while the user works (edits,
// copies a link, switches language, reads a source text, downloads JSON and the calendar, prints); its CSP
// lets nothing reach another origin; and it stores nothing but the draft and the language, and,
// once the user puts a flow in the year-to-date register, that register (one IndexedDB database).
// Run: `node --test privacy.test.mjs` (tests/browser/run.sh builds dist/ and the CLI first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT, DIST, PATIENCE, withBrowser, load, reload, settled, waitVerdict, verdictOf, cliVerdict, cliDecode, cliLink, codes, normFragment, answerNo,
} from './lib/browser.mjs';
import { recordNetwork, describe } from './lib/network.mjs';
import { serve } from './lib/server.mjs';
import { committed } from './lib/register.mjs';

const DRAFT = 'xborder.draft';
const LANG = 'xborder.lang';
const TICKS = 'xborder.materials';
const REGISTER_DB = 'xborder-register';
const originOf = (url) => new URL(url).origin;
const waitOutcome = (page, outcome) => page.waitForFunction((o) => document.querySelector('#verdict')?.dataset.outcome === o, outcome, { timeout: PATIENCE });

/** Waits until the page has loaded: the verdict is shown, the network is idle and the app has no work left. */
async function loaded(page) {
  await page.waitForSelector('#verdict[data-outcome]', { timeout: PATIENCE });
  await page.waitForSelector('html[data-offline]', { state: 'attached', timeout: PATIENCE });
  await page.waitForLoadState('networkidle');
  await settled(page);
}

/**
 * In every document (an init script): window.print() only records that it was called. A real
 * print dialog would still be open while page.pdf() runs ("Page is already being printed").
 */
function stubPrint() {
  let calls = 0;
  Object.defineProperty(window, '__xbPrintCalls', { get: () => calls });
  window.print = function print() { calls += 1; };
}

/** The dist/ file a same-origin URL names, or null. */
function distFile(url) {
  const rel = decodeURIComponent(new URL(url).pathname);
  const file = path.resolve(DIST, '.' + (rel.endsWith('/') ? rel + 'index.html' : rel));
  if (!file.startsWith(path.resolve(DIST) + path.sep)) return null;
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

/** Everything the origin keeps in this browser profile, seen from the page and from DevTools. */
async function storageReport(page, ctx) {
  const origin = originOf(page.url());
  const inPage = await page.evaluate(async () => {
    const dump = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => s.key(i)).map((k) => [k, s.getItem(k)]));
    let opfs = null; // the origin-private file system, where the browser has one
    try {
      const root = await navigator.storage.getDirectory();
      opfs = [];
      for await (const k of root.keys()) opfs.push(k);
    } catch { /* not available: nothing stored there */ }
    return {
      local: dump(localStorage),
      session: dump(sessionStorage),
      cookie: document.cookie,
      indexedDB: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
      cacheStorage: self.caches ? await caches.keys() : [],
      // What each cache holds: the URLs of its entries (the offline copy: this build's files).
      cached: self.caches ? Object.fromEntries(await Promise.all((await caches.keys()).map(async (k) => [k, (await (await caches.open(k)).keys()).map((r) => r.url)]))) : {},
      serviceWorkers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope) : [],
      opfs: opfs || [],
    };
  });
  const cdp = await ctx.newCDPSession(page);
  try {
    const quota = await cdp.send('Storage.getUsageAndQuota', { origin });
    const { cookies } = await cdp.send('Storage.getCookies');
    return {
      ...inPage,
      cookies: [...cookies.map((c) => `${c.domain} ${c.name}`), ...(await ctx.cookies()).map((c) => `${c.domain} ${c.name}`)],
      quotaUsage: Object.fromEntries(quota.usageBreakdown.map((u) => [u.storageType, u.usage])),
    };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** The files the page loads (index.html's loader tag and stylesheet): what the offline copy keeps. */
function pageFiles() {
  const index = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const pick = (re) => path.posix.basename(re.exec(index)[1]);
  return ['index.html', 'loader.js', 'ids-worker.js', pick(/data-js="([^"]+)"/), pick(/data-wasm="([^"]+)"/), pick(/<link rel="stylesheet" href="([^"]+\.css)"/)];
}

/** Cache Storage is empty, or holds the offline copy only: one `xborder-<version>` cache whose
 *  entries are exactly this build's page files, URLs with no query and no fragment (nothing the
 *  user entered); service workers: none, or the one of the page's own folder. */
function assertOfflineCopyOnly(st, where) {
  if (st.cacheStorage.length === 0) {
    assert.deepEqual(st.serviceWorkers.filter((s) => !s.endsWith('/')), [], `${where}: no other service worker`);
    return;
  }
  assert.equal(st.cacheStorage.length, 1, `${where}: one cache, found ${st.cacheStorage.join(', ')}`);
  const [name] = st.cacheStorage;
  assert.match(name, /^xborder-[0-9a-f]{16}$/, `${where}: the offline copy's cache name`);
  const urls = st.cached[name];
  const origin = new URL(urls[0]).origin;
  assert.deepEqual([...urls].sort(), pageFiles().map((f) => `${origin}/${f}`).sort(), `${where}: the offline copy holds exactly the page's files`);
  assert.deepEqual(st.serviceWorkers, [`${origin}/`], `${where}: one service worker, for the page's folder`);
}

/** Asserts the storage holds nothing but (some of) the draft, the language and the ticks of the
 *  materials checklist (checklist and item ids from the rules: nothing the user typed). */
function assertOnlyDraftAndLang(st, where, { register = false, registerDeleted = false } = {}) {
  const allowed = [DRAFT, LANG, TICKS];
  assert.deepEqual(Object.keys(st.local).filter((k) => !allowed.includes(k)), [], `${where}: localStorage keys other than the draft, the language and the ticks`);
  if (TICKS in st.local) assert.match(st.local[TICKS], /^([a-z0-9.-]+:[a-z0-9-]+( [a-z0-9.-]+:[a-z0-9-]+)*)?$/, `${where}: the ticks are rules ids only`);
  if (LANG in st.local) assert.match(st.local[LANG], /^(zh|en)$/, `${where}: the language value`);
  if (DRAFT in st.local) assert.match(st.local[DRAFT], /^1~[0-9A-Za-z~.:-]*$/, `${where}: the draft is a permalink fragment`);
  assert.deepEqual(st.session, {}, `${where}: sessionStorage is empty`);
  assert.equal(st.cookie, '', `${where}: no cookie visible to the page`);
  assert.deepEqual(st.cookies, [], `${where}: no cookie in the browser profile`);
  // The register (register.rs), once the user has put a flow in it: one database of its own;
  // what it holds is checked by the register test below.
  assert.deepEqual(st.indexedDB, register ? [REGISTER_DB] : [], register ? `${where}: only the register's IndexedDB database` : `${where}: no IndexedDB database`);
  // The offline copy (sw.js): one cache of this build's page files, nothing else; one worker.
  assertOfflineCopyOnly(st, where);
  assert.deepEqual(st.opfs, [], `${where}: nothing in the origin-private file system`);
  // A register just deleted: no database is left (asserted above), but Chromium may free its
  // files lazily, so the quota figure may still count them for a while.
  const kept = [...(st.cacheStorage.length ? ['cache_storage', 'service_workers'] : []), ...(register || registerDeleted ? ['indexeddb'] : [])];
  for (const [kind, bytes] of Object.entries(st.quotaUsage)) if (!kept.includes(kind)) assert.equal(bytes, 0, `${where}: quota-managed storage ${kind} holds ${bytes} bytes`);
}

test('loading fetches only files of dist/, from the page\'s own origin', async () => {
  await withBrowser({}, async (s) => {
    const { page, url, server } = s;
    const net = await recordNetwork(s);
    await page.goto(url);
    await loaded(page);
    await net.stop();

    const urls = [...new Set(net.entries.map((e) => e.url))];
    const foreign = urls.filter((u) => originOf(u) !== originOf(url) || !distFile(u));
    assert.deepEqual(foreign, [], `requests for anything but a file of dist/ on ${originOf(url)}:\n${describe(net.entries)}`);
    for (const r of server.requests) {
      assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
      assert.ok(distFile(new URL(r.url, url).href), `the server was asked for ${r.url}, not a file of dist/`);
    }
    // What was loaded, for the record: each file once, and the whole of it the page needs.
    const files = urls.map((u) => path.relative(DIST, distFile(u)));
    // Each file once; index.html twice when the offline copy was made: the browser does not
    // hand a navigation's response to the service worker's install from its HTTP cache, so the
    // worker asks for the page again (during load, before the page is declared loaded).
    const copied = (await page.getAttribute('html', 'data-offline')) === 'ready';
    for (const f of files) {
      const n = server.requests.filter((r) => path.relative(DIST, distFile(new URL(r.url, url).href)) === f).length;
      assert.equal(n, f === 'index.html' && copied ? 2 : 1, `${f} fetched ${n} times`);
    }
    assert.ok(files.includes('index.html') && files.some((f) => f.endsWith('.wasm')) && files.some((f) => f.endsWith('.css')), `loaded: ${files.join(', ')}`);
    const bytes = files.reduce((n, f) => n + fs.statSync(path.join(DIST, f)).size, 0);
    console.log(`privacy: load fetched ${files.length} files, all same-origin files of dist/ (${(bytes / 1024).toFixed(0)} KiB uncompressed): ${files.join(', ')}`);

    // Nothing in the page points anywhere else: every src/href/action resolves to this origin,
    // an in-page anchor, or the data: favicon.
    const refs = await page.evaluate(() => {
      const out = [];
      for (const el of document.querySelectorAll('[src], [href], [action], [formaction], [srcset], [poster], [data], [background], [ping]')) {
        for (const a of ['src', 'href', 'action', 'formaction', 'srcset', 'poster', 'data', 'background', 'ping']) {
          const v = el.getAttribute(a);
          if (v !== null) out.push({ tag: el.tagName.toLowerCase(), rel: el.getAttribute('rel'), attr: a, value: v, abs: new URL(v, document.baseURI).href });
        }
      }
      return out;
    });
    for (const r of refs) {
      const ok = originOf(r.abs) === originOf(url) || (r.tag === 'link' && r.rel === 'icon' && r.value === 'data:,');
      assert.ok(ok, `<${r.tag} ${r.attr}="${r.value}"> points outside the page's origin`);
    }
    const css = fs.readFileSync(path.join(DIST, files.find((f) => f.endsWith('.css'))), 'utf8');
    assert.doesNotMatch(css, /@import|url\(\s*['"]?(?!data:|#)/i, 'the stylesheet loads nothing (no @import, no url())');
  });
});

test('after load: editing, copying a link, switching language, reading sources, downloading and printing make zero requests', async () => {
  const download = fs.mkdtempSync(path.join(os.tmpdir(), 'xborder-download-'));
  try {
    await withBrowser({ viewport: { width: 1400, height: 1000 } }, async (s) => {
      const { page, url, ctx, problems } = s;
      await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: originOf(url) });
      await ctx.addInitScript(stubPrint);
      const net = await recordNetwork(s);
      await page.goto(url);
      await loaded(page);
      const atLoad = net.mark();
      const phases = [];
      const phase = async (name, fn) => {
        const m = net.mark();
        await fn();
        await settled(page); // whatever the phase set off has run, inside the phase
        phases.push({ name, requests: net.since(m).length + net.serverSince(m).length });
      };

      await phase('Chongqing: zone, in zone, CIIO, sector, scenarios, search, items, exceptions', async () => {
        await page.selectOption('#q-zone', 'chongqing');
        await page.check('#q-in-zone-yes');
        await answerNo(page);
        await page.check('#q-ciio-yes');
        await page.check('#q-ciio-no');
        await page.selectOption('#q-sector', 'auto');
        await page.check('#sc-ota');
        await page.check('#sc-telematics');
        await page.fill('#q-search', 'OTA');
        await page.check('#item-cq-2025-auto-18');
        await page.check('#ix-cq-2025-auto-18-ota-filed-yes');
        await page.fill('#q-search', '');
        await page.check('#q-show-all');
        await page.check('#item-cq-2025-auto-26');
        await waitOutcome(page, 'security_assessment');
      });
      await phase('people: two groups, counts, typed forms, an invalid count, a basis, a removal', async () => {
        await page.click('#pi-add');
        const row = '.pi-row:nth-child(1)';
        await page.selectOption(`${row} select[id$="-scenario"]`, 'telematics');
        await page.fill(`${row} input[id$="-persons"]`, '15万');
        await page.fill(`${row} input[id$="-sensitive"]`, '2,000');
        await page.locator(`${row} input[id$="-sensitive"]`).blur();
        await page.fill(`${row} input[id$="-persons"]`, 'abc');
        await page.fill(`${row} input[id$="-persons"]`, '150000');
        await page.click('#pi-add');
        await page.fill('.pi-row:nth-child(2) input[id$="-persons"]', '3000');
        await page.selectOption('.pi-row:nth-child(2) select[id$="-basis"]', 'hr');
        await page.click('#pi-add');
        await page.click('.pi-row:nth-child(3) .pi-row-head button');
        await page.waitForFunction(() => document.querySelectorAll('.pi-row').length === 2);
      });
      await phase('flags: notified, core data, export control (on and off)', async () => {
        for (const q of ['q-notified', 'q-core', 'q-export']) await page.check(`#${q}-yes`);
        await waitOutcome(page, 'national_core_data');
        for (const q of ['q-notified', 'q-core', 'q-export']) await page.check(`#${q}-no`);
        await waitOutcome(page, 'security_assessment');
      });
      await phase('dates: a contract date, a transfer start, one cleared', async () => {
        await page.fill('#date-contract_effective', '2026-09-28');
        await page.fill('#date-transfer_start', '2026-04-30');
        await page.fill('#date-assessment_issued', '2023-11-20');
        await page.fill('#date-assessment_issued', '');
        await page.waitForSelector('.checklist .due');
      });
      await phase('source texts, sector notes, thresholds, findings and the reasoning opened', async () => {
        await page.click('.item .source summary');
        await page.click('details.trace summary');
        for (const d of await page.$$('details')) await d.evaluate((e) => { e.open = true; });
        await page.click('.verdict-nav a[href="#v-findings"]');
      });
      let link;
      await phase('copy link (clipboard), then paste it into the address bar of the open page', async () => {
        await page.click('#copy-link');
        await page.waitForSelector('#link-out');
        link = await page.inputValue('#link-out');
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link, 'the clipboard holds the link');
        assert.ok(link.startsWith(url + '#1~'), 'the link is this page plus the fragment');
        // Setting the fragment the address bar already shows fires no hashchange: wait for
        // the event only when there is one to come.
        await page.evaluate((f) => new Promise((resolve) => {
          if (location.hash.slice(1) === f) { location.hash = f; resolve(); return; }
          window.addEventListener('hashchange', () => resolve(), { once: true });
          location.hash = f;
        }), link.split('#')[1]);
      });
      await phase('language switched to Chinese and back', async () => {
        await page.click('#lang-switch');
        await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
        await page.click('#lang-switch');
        await page.waitForFunction(() => document.documentElement.lang === 'en');
      });
      await phase('download JSON', async () => {
        const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
        const file = path.join(download, dl.suggestedFilename());
        await dl.saveAs(file);
        const got = JSON.parse(fs.readFileSync(file, 'utf8'));
        assert.deepEqual(got.scenario, cliDecode(link), 'the download holds the scenario of the copied link');
        assert.equal(got.verdict.outcome, (await verdictOf(page)).outcome);
        assert.ok(dl.url().startsWith('blob:' + originOf(url) + '/'), `downloaded from a blob of the page, not a server: ${dl.url()}`);
      });
      await phase('download calendar (.ics)', async () => {
        const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-ics')]);
        const file = path.join(download, dl.suggestedFilename());
        await dl.saveAs(file);
        assert.match(fs.readFileSync(file, 'utf8'), /^BEGIN:VCALENDAR\r\n/);
        assert.ok(dl.url().startsWith('blob:' + originOf(url) + '/'), `downloaded from a blob of the page, not a server: ${dl.url()}`);
      });
      await phase('print: the print button, print media, and a PDF', async () => {
        // window.print is stubbed (stubPrint): the button must call it, once; the PDF is made
        // by page.pdf, with no print dialog open.
        assert.equal(await page.evaluate(() => window.__xbPrintCalls), 0, 'window.print not called before the click');
        await page.click('#print-report');
        await page.waitForFunction(() => window.__xbPrintCalls > 0);
        assert.equal(await page.evaluate(() => window.__xbPrintCalls), 1, '"Print report" calls window.print once');
        await page.emulateMedia({ media: 'print' });
        assert.equal(await page.isVisible('.report-summary'), true, 'the print report header shows in print');
        const pdf = await page.pdf({ format: 'A4' });
        assert.ok(pdf.length > 10000 && pdf.subarray(0, 5).toString() === '%PDF-', 'a PDF was made');
        await page.emulateMedia({ media: 'screen' });
      });
      await phase('Beijing pharma: zone, sector, genetic-data item, groups of people', async () => {
        await page.selectOption('#q-zone', 'beijing');
        await page.check('#q-in-zone-yes');
        await answerNo(page);
        await page.selectOption('#q-sector', 'pharma');
        await page.check('#item-bj-2025-pharma-15');
        await page.click('#pi-add');
        const last = '.pi-row:last-child';
        await page.selectOption(`${last} select[id$="-scenario"]`, 'clinical-trials');
        await page.selectOption(`${last} select[id$="-group"]`, 'subjects');
        await page.fill(`${last} input[id$="-persons"]`, '30000');
        await page.fill(`${last} input[id$="-sensitive"]`, '30000');
        await page.waitForFunction(() => /standard_contract_or_certification/.test(document.querySelector('#verdict').dataset.pathways));
      });
      await phase('start over, undo, start over', async () => {
        await page.click('#start-over');
        await page.click('#notice-undo');
        await page.click('#start-over');
        await page.waitForFunction((k) => localStorage.getItem(k) === null, DRAFT);
      });
      // Past the download's blob-revoke timer and any late work: no timer left in the page.
      await settled(page);

      const after = net.since(atLoad);
      const atServer = net.serverSince(atLoad);
      await net.stop();
      for (const p of phases) console.log(`privacy:   ${p.requests} requests during: ${p.name}`);
      const by = (src) => after.filter((e) => e.source === src).length;
      console.log(`privacy: requests after load: ${after.length + atServer.length} (page ${by('page')}, context ${by('context')}, devtools ${by('cdp')}, websockets ${by('page-websocket') + by('cdp-websocket')}, static server ${atServer.length}) over ${phases.length} phases of work`);
      assert.deepEqual(after, [], `requests after load:\n${describe(after)}`);
      assert.deepEqual(atServer, [], `the server was asked after load: ${atServer.map((r) => r.url).join(', ')}`);
      assertOnlyDraftAndLang(await storageReport(page, ctx), 'after all the work');
      assert.deepEqual(problems, [], 'no console error or warning');
    });
  } finally {
    fs.rmSync(download, { recursive: true, force: true });
  }
});

test('storage: only the draft and the language, exactly; "Start over" removes the draft', async () => {
  const typical = path.join(ROOT, 'tests/golden/cq-typical.scenario.json');
  const want = cliVerdict(typical);
  await withBrowser({}, async ({ page, url, ctx }) => {
    await load(page, url);
    let st = await storageReport(page, ctx);
    assertOnlyDraftAndLang(st, 'a fresh page');
    assert.deepEqual(st.local, {}, 'a fresh page stores nothing');

    // Build the golden Chongqing scenario through the form.
    await page.selectOption('#q-zone', 'chongqing');
    await page.check('#q-in-zone-yes');
    await answerNo(page);
    await page.selectOption('#q-sector', 'auto');
    await page.check('#item-cq-2025-auto-18');
    await page.check('#ix-cq-2025-auto-18-ota-filed-yes');
    await page.check('#item-cq-2025-auto-26');
    await page.click('#pi-add');
    await page.selectOption('.pi-row:nth-child(1) select[id$="-scenario"]', 'telematics');
    await page.fill('.pi-row:nth-child(1) input[id$="-persons"]', '150000');
    await page.fill('.pi-row:nth-child(1) input[id$="-sensitive"]', '2000');
    await page.click('#pi-add');
    await page.selectOption('.pi-row:nth-child(2) select[id$="-scenario"]', '');
    await page.fill('.pi-row:nth-child(2) input[id$="-persons"]', '3000');
    await page.selectOption('.pi-row:nth-child(2) select[id$="-basis"]', 'hr');
    await waitVerdict(page, want.outcome, codes(want));
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');

    st = await storageReport(page, ctx);
    assertOnlyDraftAndLang(st, 'with a draft');
    assert.deepEqual(Object.keys(st.local).sort(), [DRAFT, LANG]);
    assert.equal(st.local[LANG], 'zh');
    // The draft is the scenario and nothing more: the golden file's permalink fragment.
    assert.equal(normFragment(st.local[DRAFT]), normFragment(cliLink(typical, url)));

    // A ticked material is kept as its rules ids, nothing else.
    await page.click('#open-materials');
    const box = page.locator('input[type="checkbox"][id^="mat-"]').first();
    await box.check();
    await page.waitForFunction((k) => (localStorage.getItem(k) || '').length > 0, TICKS);
    st = await storageReport(page, ctx);
    assertOnlyDraftAndLang(st, 'with a ticked material');
    assert.deepEqual(Object.keys(st.local).sort(), [DRAFT, LANG, TICKS]);
    assert.equal(st.local[TICKS], (await box.getAttribute('id')).slice('mat-'.length));
    await page.click('#materials-back');
    await page.waitForSelector('#start-over', { timeout: PATIENCE });

    // Start over removes the draft and the ticks (a new matter), and keeps the language choice.
    await page.click('#start-over');
    await page.waitForFunction((k) => localStorage.getItem(k) === null, DRAFT);
    st = await storageReport(page, ctx);
    assertOnlyDraftAndLang(st, 'after Start over');
    assert.deepEqual(Object.keys(st.local), [LANG], 'after Start over only the language remains');
    await reload(page);
    assert.equal(await page.inputValue('#q-zone'), '', 'a reload after Start over shows an empty form');
    st = await storageReport(page, ctx);
    assert.deepEqual(Object.keys(st.local), [LANG]);
  });
});

/** The CSP of a document: { directive: [sources] } (directive names lower-cased). */
function parseCsp(text) {
  const out = {};
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    assert.ok(!(key in out), `CSP directive ${key} given twice`);
    out[key] = sources;
  }
  return out;
}

test('the CSP allows no other origin, no inline script, no reporting endpoint', async () => {
  await withBrowser({}, async ({ page, url }) => {
    await load(page, url);
    const metas = await page.$$eval('meta[http-equiv]', (ms) => ms.filter((m) => /^content-security-policy$/i.test(m.httpEquiv)).map((m) => m.content));
    assert.equal(metas.length, 1, 'exactly one CSP meta');
    const text = metas[0];
    const served = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
    assert.ok(served.includes(`content="${text}"`), 'the served index.html carries the same CSP');
    // A <meta> CSP covers only what comes after it: it must precede every script and stylesheet.
    const order = await page.evaluate(() => {
      const head = [...document.head.children];
      const at = head.findIndex((e) => e.matches('meta[http-equiv]') && /content-security-policy/i.test(e.httpEquiv));
      return { at, before: head.slice(0, at).map((e) => e.outerHTML.slice(0, 50)).filter((h) => /<(script|link|style)/i.test(h)) };
    });
    assert.ok(order.at >= 0);
    assert.deepEqual(order.before, [], 'nothing loads before the CSP meta');

    const csp = parseCsp(text);
    console.log(`privacy: CSP ${Object.entries(csp).map(([k, v]) => `${k} ${v.join(' ')}`).join('; ')}`);
    for (const d of ['default-src', 'script-src', 'connect-src', 'object-src', 'base-uri', 'form-action']) assert.ok(d in csp, `CSP sets ${d}`);
    assert.ok(!('report-uri' in csp) && !('report-to' in csp), 'no CSP reporting endpoint (reports would be requests)');
    // Each directive lists only 'self' or 'none', plus two exact exceptions.
    const extra = { 'script-src': ["'wasm-unsafe-eval'"], 'img-src': ['data:'] };
    for (const [d, sources] of Object.entries(csp)) {
      assert.ok(sources.length > 0, `${d} lists its sources`);
      for (const src of sources) {
        const ok = ["'self'", "'none'"].includes(src) || (extra[d] || []).includes(src);
        assert.ok(ok, `CSP ${d} allows ${src}: only 'self' or 'none' are allowed (no scheme, host, *, data:, blob:, nonce, hash or 'unsafe-…')`);
      }
      if (sources.includes("'none'")) assert.equal(sources.length, 1, `${d}: 'none' stands alone`);
    }
    const fallback = (d) => csp[d] || csp['default-src'];
    for (const s of fallback('script-src')) assert.ok(!["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'"].includes(s), `script-src ${s}`);
    assert.ok(fallback('connect-src').every((s) => ["'self'", "'none'"].includes(s)), 'connect-src no wider than self');
    assert.deepEqual(csp['object-src'], ["'none'"]);
    assert.ok(["'none'", "'self'"].includes(csp['base-uri'].join(' ')), 'base-uri restricted');
    assert.ok(["'none'", "'self'"].includes(csp['form-action'].join(' ')), 'form-action restricted');
    for (const d of ['frame-src', 'worker-src', 'media-src', 'font-src', 'manifest-src', 'style-src', 'img-src']) {
      assert.ok(fallback(d).every((s) => ["'self'", "'none'"].includes(s) || (d === 'img-src' && s === 'data:')), `${d} (or its fallback) no wider than self`);
    }
    assert.equal(await page.$$eval('script:not([src])', (s) => s.length), 0, 'no inline script in the page');
    assert.equal(await page.$$eval('[style]', (s) => s.length), 0, 'no inline style attribute (style-src forbids them)');
  });
});

test('the CSP is enforced: script injected into the page cannot reach another origin or run inline code', async () => {
  // A second server on another port: another origin. It must never be asked for anything.
  const elsewhere = await serve(DIST);
  try {
    await withBrowser({}, async ({ page, url }) => {
      await load(page, url);
      const blocked = await page.evaluate(async ([other, patience]) => {
        const violations = [];
        const events = [];
        // Every attempt below ends in a report the test waits for (never a fixed time): the
        // nine violations (fetch and XHR of index.html, the beacon, the WebSocket, the script,
        // the stylesheet, the inline script, the image, the frame) and the elements' own
        // error or load events. If one never comes, the wait ends at `patience` and the
        // assertions below say which.
        const expected = [
          ['connect-src', other + 'index.html'], ['connect-src', other + 'index.html'], ['connect-src', other + 'beacon'],
          ['connect-src', other.replace('http', 'ws')], ['script-src-elem', other + 'loader.js'], ['script-src-elem', 'inline'],
          ['style-src-elem', other + 'style.css'], ['img-src', other + 'pixel.png'], ['frame-src', other.replace(/\/$/, '')],
        ].map(([d, u]) => `${d} ${u}`);
        const elements = ['img error', 'script error', 'link error', 'iframe load'];
        const missing = () => {
          const left = [...violations];
          const notSeen = expected.filter((x) => { const i = left.indexOf(x); if (i < 0) return true; left.splice(i, 1); return false; });
          return [...notSeen, ...elements.filter((x) => !events.includes(x))];
        };
        let done;
        const reported = new Promise((r) => { done = r; });
        const check = () => { if (missing().length === 0) done(); };
        const onEvent = (what) => () => { events.push(what); check(); };
        document.addEventListener('securitypolicyviolation', (e) => { violations.push(`${e.effectiveDirective} ${e.blockedURI}`); check(); });
        const settle = async () => {
          let timer;
          await Promise.race([reported, new Promise((r) => { timer = setTimeout(r, patience); })]);
          clearTimeout(timer);
        };
        const attempts = {};
        attempts.fetch = await fetch(other + 'index.html').then(() => 'fetched', (e) => `refused: ${e.name}`);
        attempts.xhr = await new Promise((r) => { const x = new XMLHttpRequest(); x.onload = () => r('loaded'); x.onerror = () => r('refused'); try { x.open('GET', other + 'index.html'); x.send(); } catch (e) { r(`refused: ${e.name}`); } });
        attempts.beacon = (() => { try { return navigator.sendBeacon(other + 'beacon', 'x') ? 'queued' : 'refused'; } catch (e) { return `refused: ${e.name}`; } })();
        attempts.websocket = (() => { try { new WebSocket(other.replace('http', 'ws')); return 'opened'; } catch (e) { return `refused: ${e.name}`; } })();
        const img = new Image(); img.onerror = onEvent('img error'); img.onload = onEvent('img load'); img.src = other + 'pixel.png';
        const s = document.createElement('script'); s.onerror = onEvent('script error'); s.onload = onEvent('script load'); s.src = other + 'loader.js'; document.head.append(s);
        const l = document.createElement('link'); l.onerror = onEvent('link error'); l.onload = onEvent('link load'); l.rel = 'stylesheet'; l.href = other + 'style.css'; document.head.append(l);
        const inline = document.createElement('script'); inline.textContent = 'window.__inlineRan = true'; document.head.append(inline);
        const f = document.createElement('iframe'); f.onload = onEvent('iframe load'); f.src = other; document.body.append(f);
        check();
        await settle();
        attempts.inlineScriptRan = window.__inlineRan === true;
        [s, l, inline, f, img].forEach((e) => e.remove?.());
        return { attempts, violations, events, missing: missing() };
      }, [elsewhere.url, PATIENCE - 5000]);
      console.log(`privacy: CSP refused ${blocked.violations.length} attempts: ${[...new Set(blocked.violations.map((v) => v.split(' ')[0]))].join(', ')}`);
      assert.deepEqual(blocked.missing, [], `every attempt was reported (violations: ${blocked.violations.join('; ')}; events: ${blocked.events.join(', ')})`);
      assert.equal(blocked.attempts.inlineScriptRan, false, 'inline script did not run');
      assert.match(blocked.attempts.fetch, /refused/);
      assert.match(blocked.attempts.xhr, /refused/);
      assert.ok(blocked.violations.some((v) => v.startsWith('connect-src ws:')), 'the WebSocket was refused');
      for (const d of ['connect-src', 'img-src', 'script-src-elem', 'style-src-elem', 'frame-src']) {
        assert.ok(blocked.violations.some((v) => v.startsWith(d)), `a ${d} violation was reported (${blocked.violations.join('; ')})`);
      }
    });
    assert.deepEqual(elsewhere.requests.map((r) => r.url), [], 'another origin received nothing');
  } finally {
    await elsewhere.close();
  }
});

/** Everything the register's database holds: { store: { key: value } }. */
const registerDb = async (page) => (await committed(page), page.evaluate(async (name) => {
  const db = await new Promise((ok, ko) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  const out = {};
  for (const s of db.objectStoreNames) {
    const st = db.transaction(s).objectStore(s);
    const [keys, vals] = await Promise.all([st.getAllKeys(), st.getAll()].map((r) => new Promise((ok) => { r.onsuccess = () => ok(r.result); })));
    out[s] = Object.fromEntries(keys.map((k, i) => [k, vals[i]]));
  }
  db.close();
  return out;
}, REGISTER_DB));

test('storage: the register is one IndexedDB database, made only once a flow is entered, holding only what was entered; Clear deletes it', async () => {
  await withBrowser({}, async ({ page, url, ctx, server }) => {
    await load(page, url);
    const mark = server.requests.length;
    await page.click('#open-register');
    await page.waitForSelector('#reg-flows[data-loaded="true"]', { timeout: PATIENCE });
    await settled(page);
    assertOnlyDraftAndLang(await storageReport(page, ctx), 'the register opened, empty');
    await page.fill('#reg-date', '2026-03-02');
    await page.fill('#reg-flow', 'CRM export');
    await page.fill('#reg-recipient', 'Acme GmbH');
    await page.fill('#reg-country', 'DE');
    await page.fill('#reg-persons', '1200');
    await page.click('#reg-add');
    await page.waitForSelector('#reg-flows[data-count="1"]', { timeout: PATIENCE });
    await page.waitForFunction(async (n) => (await indexedDB.databases()).some((d) => d.name === n), REGISTER_DB);
    await settled(page);
    const st = await storageReport(page, ctx);
    assertOnlyDraftAndLang(st, 'with a flow in the register', { register: true });
    assert.deepEqual(Object.keys(st.local), [], 'the register puts nothing in localStorage');
    const db = await registerDb(page);
    assert.deepEqual(Object.keys(db), ['register'], 'one object store');
    assert.deepEqual(Object.keys(db.register), ['flows'], 'one record');
    assert.deepEqual(JSON.parse(db.register.flows), {
      format: 'xborder-register', schema: 1,
      flows: [{ date: '2026-03-02', flow: 'CRM export', recipient: 'Acme GmbH', country: 'DE', list: '', sector: '', scenario: '', group: '', persons: '1200', sensitive_persons: '', basis: '', important_data: '', person_ids: '', person_hashes: '', sensitive_ids: '', sensitive_hashes: '' }],
    }, 'exactly what was entered');
    await page.click('#reg-clear');
    await page.waitForSelector('#reg-flows[data-count="0"]', { timeout: PATIENCE });
    await page.waitForFunction(async (n) => !(await indexedDB.databases()).some((d) => d.name === n), REGISTER_DB);
    await settled(page);
    let cleared = await storageReport(page, ctx);
    for (let i = 0; i < 20 && cleared.quotaUsage.indexeddb; i += 1) {
      await page.waitForTimeout(500);
      cleared = await storageReport(page, ctx);
    }
    console.log(`privacy: after Clear register: no database; quota figure for indexeddb ${cleared.quotaUsage.indexeddb || 0} bytes`);
    assertOnlyDraftAndLang(cleared, 'after Clear register', { registerDeleted: true });
    assert.deepEqual(server.requests.slice(mark).map((r) => r.url), [], 'the register made no request');
  });
});
