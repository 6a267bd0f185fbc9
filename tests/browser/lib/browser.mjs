// Shared helpers for the browser tests: headless Chromium (the system one, driven by
// playwright-core), the static server, the CLI, and keyboard-only form filling.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST = path.resolve(process.env.XBORDER_DIST || path.join(ROOT, 'dist'));
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export function checkDist() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`no ${DIST}/index.html: build the release dist first (trunk build --release --config trunk.toml), or set XBORDER_DIST`);
  }
}

/** The xborder CLI: XBORDER_CLI, else the release build, else the debug build. */
export function cliPath() {
  const candidates = [process.env.XBORDER_CLI, path.join(ROOT, 'target/release/xborder'), path.join(ROOT, 'target/debug/xborder')];
  const found = candidates.find((c) => c && fs.existsSync(c));
  if (!found) throw new Error('xborder CLI not found: cargo build --release -p xborder, or set XBORDER_CLI');
  return found;
}

export function cli(...args) {
  return execFileSync(cliPath(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export const cliVerdict = (file) => JSON.parse(cli('check', file, '--format', 'json'));
export const cliLink = (file, base) => cli('link', file, '--base', base).trim();
export const cliDecode = (link) => JSON.parse(cli('link', '--decode', link));
export const codes = (v) => v.pathways.map((p) => p.pathway).join(' ');

/** The scenario files to check against the CLI: tests/scenarios, tests/golden, fixtures. */
export function scenarioFiles() {
  const dirs = [path.join(ROOT, 'tests/scenarios'), path.join(ROOT, 'tests/golden'), path.join(ROOT, 'tests/browser/fixtures')];
  const out = [];
  for (const d of dirs) {
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d).sort()) {
      if (f.endsWith('.json') && !f.endsWith('.expect.json')) out.push(path.join(d, f));
    }
  }
  return out;
}

// ---------------------------------------------------------------- waiting on conditions
//
// The suite never sleeps to synchronise: it waits on a condition. Every wait has the same,
// generous deadline, so a slow or busy machine only makes a run slower, never failed; a
// deadline is reached only when the condition never comes.
export const PATIENCE = 60_000;

/**
 * In every document of a context (an init script): counts the page's pending setTimeout
 * timers, so a test can wait until the app has no work left. Yew renders in a microtask after
 * each event, but when a render takes more than 16 ms it yields with setTimeout(0) and runs
 * the rest (the effects: saving the draft, clearing the fragment, <html lang>, the hashchange
 * listener, the embedding's xborder-verdict event) in a later task. Timers still pass through
 * to the browser's own; nothing else changes.
 */
export function timerHook() {
  if (typeof window.__xbPendingTimers === 'function') return;
  const pending = new Set();
  const set = window.setTimeout;
  const clear = window.clearTimeout;
  window.setTimeout = function setTimeout(handler, ms, ...args) {
    if (typeof handler !== 'function') return set.call(window, handler, ms, ...args);
    const id = set.call(window, function timer() {
      pending.delete(id);
      return handler.apply(this, args);
    }, ms);
    pending.add(id);
    return id;
  };
  window.clearTimeout = function clearTimeout(id) {
    pending.delete(id);
    return clear.call(window, id);
  };
  Object.defineProperty(window, '__xbPendingTimers', { value: () => pending.size });
}

/**
 * Waits until the page (or frame) is settled: no pending timer (so no deferred Yew work, and
 * past the download's blob-revoke timer) and no CSS transition under way (so computed colours
 * are final; an endless animation, should the page ever have one, is not waited for). Checked
 * in a task of its own, after every microtask has run. Promises the page awaits (the
 * clipboard) are not timers: wait for what they show (e.g. #link-out).
 */
export async function settled(page) {
  await page.waitForFunction(() => {
    if (typeof window.__xbPendingTimers !== 'function') throw new Error('settled(): no timer hook in this document (install timerHook with addInitScript)');
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    return window.__xbPendingTimers() === 0 && finite.length === 0;
  }, undefined, { timeout: PATIENCE });
}

/**
 * The day the suite's pages live on: the page evaluates on the browser's local date (contract:
 * "Rules as of a date"), so a verdict would otherwise depend on the day the suite runs (an
 * edition that ends, such as Guangdong's trial, would fail it later). Time still runs from that
 * day; only the date is fixed.
 */
export const TODAY = '2026-12-01';
// The CLI the suite compares with evaluates on the same day (its XBORDER_TODAY).
process.env.XBORDER_TODAY ??= TODAY;
export function fixedDay(today) {
  const Real = Date;
  const [y, m, d] = today.split('-').map(Number);
  const shift = new Real(y, m - 1, d, 12, 0, 0).getTime() - Real.now();
  class Day extends Real {
    constructor(...a) { if (a.length === 0) super(Real.now() + shift); else super(...a); }
    static now() { return Real.now() + shift; }
  }
  window.Date = Day;
}

/** A fresh Chromium (persistent context in `dir`) with the suite's options and the timer hook. */
export async function launch(dir, { locale = 'en-US', viewport = { width: 1400, height: 1000 } } = {}) {
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: ARGS, locale, viewport, acceptDownloads: true,
  });
  ctx.setDefaultTimeout(PATIENCE);
  await ctx.addInitScript(timerHook);
  await ctx.addInitScript(fixedDay, TODAY);
  const page = ctx.pages()[0] || (await ctx.newPage());
  return { ctx, page };
}

/** A server for dist/ and a fresh Chromium with a new, empty user-data-dir. */
export async function start({ locale = 'en-US', viewport = { width: 1400, height: 1000 } } = {}) {
  checkDist();
  const server = await serve(DIST);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xborder-chromium-'));
  const { ctx, page } = await launch(dir, { locale, viewport });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  return {
    server, ctx, page, problems, url: server.url,
    async close() {
      await ctx.close().catch(() => {});
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` with a fresh browser and server (see `start`), closing both whatever happens. */
export async function withBrowser(opts, fn) {
  const s = await start(opts);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

/** Loads a URL fresh (not a same-document hash change) and waits for the verdict and the app's effects. */
export async function load(page, url) {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForSelector('#verdict[data-outcome]', { timeout: PATIENCE });
  await offlineSettled(page);
  await settled(page);
}

/** Waits until the loader has said how the offline copy went (`<html data-offline>`): the
 *  service worker's install (its fetches of this build's files) is over before a test works. */
export async function offlineSettled(page) {
  await page.waitForSelector('html[data-offline]', { state: 'attached', timeout: PATIENCE });
}

/** Reloads the page and waits for the verdict and the app's effects (as `load`). */
export async function reload(page) {
  await page.reload();
  await page.waitForSelector('#verdict[data-outcome]', { timeout: PATIENCE });
  await offlineSettled(page);
  await settled(page);
}

export const verdictOf = (page) => page.evaluate(() => {
  const v = document.querySelector('#verdict');
  return { outcome: v.dataset.outcome, pathways: v.dataset.pathways, stale: v.dataset.stale };
});

/** Waits until the verdict shows this outcome and pathways, then until the app's effects have run. */
export async function waitVerdict(page, outcome, pathways) {
  await page.waitForFunction(([o, p]) => {
    const v = document.querySelector('#verdict');
    return v && v.dataset.outcome === o && v.dataset.pathways === p;
  }, [outcome, pathways], { timeout: PATIENCE }).catch(async () => {
    const now = await verdictOf(page);
    throw new Error(`verdict: expected ${o(outcome, pathways)}, page shows ${o(now.outcome, now.pathways)}`);
  });
  await settled(page);
}
const o = (a, b) => `${a} [${b}]`;

export const storage = (page) => page.evaluate(() => {
  const local = {};
  for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); local[k] = localStorage.getItem(k); }
  return { local, session: sessionStorage.length, cookie: document.cookie };
});

/** Keyboard only: presses Tab until the focused element matches `selector`. */
export async function tabTo(page, selector, max = 600) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => !!document.activeElement && document.activeElement.matches(s), selector)) return i;
    await page.keyboard.press('Tab');
  }
  throw new Error(`keyboard: Tab never reached ${selector}`);
}

/** Keyboard only: with a <select> focused, arrows to the option whose value is `value`. */
export async function arrowTo(page, value) {
  const { from, to } = await page.evaluate((v) => {
    const s = document.activeElement;
    if (!s || s.tagName !== 'SELECT') throw new Error('no select focused');
    return { from: s.selectedIndex, to: [...s.options].findIndex((o) => o.value === v) };
  }, value);
  if (to < 0) throw new Error(`keyboard: no option ${value}`);
  const key = to > from ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(to - from); i++) await page.keyboard.press(key);
  const now = await page.evaluate(() => document.activeElement.value);
  if (now !== value) throw new Error(`keyboard: select shows ${now}, wanted ${value}`);
}

/** Normalises a permalink fragment for comparison (item and answer order do not matter). */
export function normFragment(f) {
  return f.replace(/^.*#/, '').split('~').map((t) => (/^[ix]/.test(t) ? t[0] + t.slice(1).split('.').sort().join('.') : t)).sort().join('~');
}

/** The handler's and the data's questions the form leaves unanswered until the user answers. */
export const FACTS = ['q-ciio', 'q-notified', 'q-core', 'q-export'];

/** Answers "No" to each of `FACTS` (inside the element matching `scope`, if given). */
export async function answerNo(page, scope = '', ids = FACTS) {
  for (const q of ids) await page.check(`${scope} #${q}-no`.trim());
}

/** Keyboard only: answers "No" to each of `FACTS` (Tab reaches "Yes" of an unanswered pair; the arrow moves on to "No"). */
export async function answerNoByKeyboard(page, ids = FACTS) {
  for (const q of ids) {
    await tabTo(page, `#${q}-yes`);
    await page.keyboard.press('ArrowRight');
    if (!(await page.isChecked(`#${q}-no`))) throw new Error(`keyboard: #${q} not answered "No"`);
  }
}

/** The id the page gives a catalogue id's control (web/src/sector.rs `dom_id`). */
const domId = (prefix, id) => `${prefix}-${id.replace(/[^A-Za-z0-9-]/g, '-')}`;

/**
 * Fills the form from a scenario as a user would (selects, radios, ticks, typed counts), never
 * through a link: the zone (the list's, or `zone`), whether the handler is in it, the list where
 * the zone refers to another, the sector, every yes/no question, the items and the answers
 * affirmed, and one row per group of people.
 */
export async function fillForm(page, s) {
  const zone = s.zone ?? (s.list ? { 'bj-2025': 'beijing', 'cq-2025': 'chongqing' }[s.list] : null);
  if (zone) {
    await page.selectOption('#q-zone', zone);
    await page.check(s.handler.in_zone ? '#q-in-zone-yes' : '#q-in-zone-no');
    if (s.list && (await page.$('#q-list'))) await page.selectOption('#q-list', s.list);
  }
  for (const [id, v] of [['q-ciio', s.handler.ciio], ['q-notified', s.notified_important_data], ['q-core', s.flags?.national_core_data], ['q-export', s.flags?.export_control]]) {
    await page.check(`#${id}-${v ? 'yes' : 'no'}`);
  }
  if (s.sector) await page.selectOption('#q-sector', s.sector);
  for (const item of s.important_data ?? []) await page.check(`#${domId('item', item)}`);
  for (const x of s.item_exceptions ?? []) {
    const [owner] = x.split(':');
    const sectorLevel = owner.split('.').length === 2;
    await page.check(`#${domId(sectorLevel ? 'sx' : 'ix', x)}-yes`);
  }
  for (const row of s.personal_information ?? []) {
    await page.click('#pi-add');
    const base = '#' + (await page.getAttribute('.pi-row:last-child h3', 'id')).replace(/-title$/, '');
    if (row.scenario && (await page.$(`${base}-scenario`))) await page.selectOption(`${base}-scenario`, row.scenario);
    if (await page.$(`${base}-group`)) await page.selectOption(`${base}-group`, row.group ?? '-');
    await page.fill(`${base}-persons`, String(row.persons));
    await page.fill(`${base}-sensitive`, String(row.sensitive_persons));
    if (row.basis) await page.selectOption(`${base}-basis`, row.basis);
  }
}
