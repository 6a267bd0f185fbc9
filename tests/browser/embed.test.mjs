// Browser tests of the embedding path (contract: "Embedding"): dist/embed.js, the
// <xborder-checker> element, the JS API (evaluate, catalogue, ready), dist/embed.html (iframe)
// and dist/examples/intranet.html, in headless Chromium via playwright-core.
//
// The host pages live in another folder than the checker: the test server serves a temporary
// tree where /app/ is dist/ and /host/ holds the pages below, which import ../app/embed.js.
// Run: tests/browser/run.sh (builds dist/ and the CLI first). Env as for app.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ROOT, DIST, PATIENCE, launch, settled, checkDist, cliPath, cliVerdict, codes, answerNo, FACTS } from './lib/browser.mjs';
import { serve } from './lib/server.mjs';
import { runAxe, formatViolations } from './lib/axe.mjs';

const GOLDEN = path.join(ROOT, 'tests/golden');
const SHOTS = path.join(ROOT, 'docs/screenshots');
const TYPICAL = path.join(GOLDEN, 'bj-pharma-typical.scenario.json');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";

// ---------------------------------------------------------------- the host pages

const page = (body, { head = '', lang = 'en', csp = true } = {}) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
${csp ? `<meta http-equiv="Content-Security-Policy" content="${CSP}">` : ''}
<title>Host page</title><link rel="icon" href="data:,">${head}
</head><body>${body}</body></html>`;

// Every property a host could push into the widget, with !important, on everything; custom
// properties with the widget's own names; right-to-left and dark on the root.
const HOSTILE_CSS = `
:root { --ink: #ff00ff; --bg: #000; --panel: #300; --accent: lime; --sans: "Courier New"; --radius: 0; color-scheme: dark; }
html, body { direction: rtl; }
body { font: italic 30px/4 serif; color: purple; background: #222; }
* {
  color: red !important; background-color: yellow !important;
  font-family: "Courier New", monospace !important; font-size: 23px !important; font-weight: 900 !important;
  font-style: italic !important; line-height: 3 !important; letter-spacing: 4px !important; word-spacing: 9px !important;
  text-transform: uppercase !important; text-align: right !important; text-indent: 20px !important;
  text-shadow: 1px 1px 0 green !important; white-space: pre !important; cursor: crosshair !important;
  box-sizing: content-box !important; border: 3px dashed blue !important; padding: 7px !important; margin: 5px !important;
  outline: 4px solid orange !important; visibility: visible !important;
}
/* The widget's own class names and ids: nothing inside may match. */
.xb, .layout, .step, .verdict-summary, .button, #verdict, #q-zone, select, button, input, label, h2, p { display: none !important; }
xborder-checker { display: block !important; }
`;

const HOSTS = {
  'plain.html': page('<h1>Plain host</h1><xborder-checker id="w" lang="en"></xborder-checker>', { head: '<script type="module" src="../app/embed.js"></script>' }),
  'hostile.html': page('<h1>Hostile host</h1><p id="host-p">Host text</p><xborder-checker id="w" lang="en"></xborder-checker>',
    { head: '<link rel="stylesheet" href="hostile.css"><script type="module" src="../app/embed.js"></script>' }),
  'hostile.css': HOSTILE_CSS,
  // No module yet: the test imports embed.js itself, after taking the page's measure.
  'late.html': page(`<h1>Late host</h1>
    <div class="xb layout step notice"><p class="why muted intro">Host paragraph</p>
      <button class="button primary" id="copy-link">Host button</button>
      <select id="q-zone"><option>Host option</option></select>
      <a href="#top" class="skip">Host link</a><code>code</code></div>`, { head: '<link rel="stylesheet" href="late.css">' }),
  'late.css': 'body { font: 17px/1.4 Georgia, serif; color: #123; margin: 20px; } .xb { padding: 3px; }',
  'two.html': page('<xborder-checker id="a" lang="en" list="bj-2025" sector="pharma"></xborder-checker><xborder-checker id="b" lang="en"></xborder-checker>',
    { head: '<script type="module" src="../app/embed.js"></script>' }),
  'attrs.html': page(`
    <xborder-checker id="lock" lang="en" list="bj-2025" sector="pharma"></xborder-checker>
    <xborder-checker id="list-only" lang="en" list="cq-2025"></xborder-checker>
    <xborder-checker id="bad-list" lang="en" list="nope"></xborder-checker>
    <xborder-checker id="bad-sector" lang="en" list="bj-2025" sector="nope"></xborder-checker>
    <xborder-checker id="no-list" lang="en" sector="pharma"></xborder-checker>
    <xborder-checker id="zh" lang="zh"></xborder-checker>
    <div lang="zh-CN"><xborder-checker id="inherit"></xborder-checker></div>
    <xborder-checker id="compact" lang="en" compact></xborder-checker>`, { head: '<script type="module" src="../app/embed.js"></script>' }),
  // A page with its own landmarks, the widget inside its <main>.
  'landmarks.html': page(`<header><p>Host banner</p></header><main><h1>Host page</h1>
    <xborder-checker id="w" lang="en" list="bj-2025" sector="pharma"></xborder-checker>
    <xborder-checker id="c" lang="zh" compact></xborder-checker></main><footer><p>Host footer</p></footer>`,
  { head: '<script type="module" src="../app/embed.js"></script>' }),
  // A CSP without 'wasm-unsafe-eval': the wasm cannot compile.
  'nowasm.html': `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'">
<title>Host page</title><link rel="icon" href="data:,"><script type="module" src="../app/embed.js"></script></head>
<body><xborder-checker id="w" lang="en"></xborder-checker></body></html>`,
  'frame.html': page(`<h1>Frame host</h1>
    <iframe id="f" title="xborder" src="../app/embed.html?lang=zh&amp;list=bj-2025&amp;sector=pharma&amp;compact" style="width:460px;height:900px;border:0"></iframe>`,
  { csp: false }),
};

let tree;
before(() => {
  checkDist();
  for (const f of ['embed.js', 'embed.css', 'embed.html', 'frame.js', 'examples/intranet.html']) {
    assert.ok(fs.existsSync(path.join(DIST, f)), `dist/${f} exists (the post_build hook ran)`);
  }
  tree = fs.mkdtempSync(path.join(os.tmpdir(), 'xborder-embed-'));
  fs.symlinkSync(DIST, path.join(tree, 'app'));
  fs.mkdirSync(path.join(tree, 'host'));
  for (const [name, text] of Object.entries(HOSTS)) fs.writeFileSync(path.join(tree, 'host', name), text);
  fs.mkdirSync(SHOTS, { recursive: true });
});
after(() => { if (tree) fs.rmSync(tree, { recursive: true, force: true }); });

// ---------------------------------------------------------------- helpers

/** A server for the host tree and a fresh Chromium; `fn` gets { page, ctx, url, server, problems, requests }. */
async function withHost(opts, fn) {
  const { locale = 'en-US', viewport = { width: 1400, height: 1000 } } = opts;
  const server = await serve(tree);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xborder-chromium-'));
  const { ctx, page } = await launch(dir, { locale, viewport });
  const problems = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  ctx.on('request', (r) => requests.push(r.url()));
  // Every xborder-verdict event, in the order they reach the document.
  await ctx.addInitScript(() => {
    const seen = [];
    Object.defineProperty(window, '__xbEvents', { value: seen });
    document.addEventListener('xborder-verdict', (e) => seen.push({ id: e.target.id, detail: e.detail, bubbles: e.bubbles }));
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  try {
    return await fn({ page, ctx, url: server.url, server, problems, requests });
  } finally {
    await ctx.close().catch(() => {});
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits until the element `id` shows a verdict, and the page has no work left (its first events are out). */
const rendered = async (page, id) => {
  await page.waitForSelector(`#${id} #verdict[data-outcome]`, { timeout: PATIENCE });
  await settled(page);
};
const outcomeOf = (page, id) => page.evaluate((id) => {
  const v = document.getElementById(id).shadowRoot.querySelector('#verdict');
  return { outcome: v.dataset.outcome, pathways: v.dataset.pathways };
}, id);
const waitOutcome = (page, id, outcome, pathways) => page.waitForFunction(([id, o, p]) => {
  const v = document.getElementById(id)?.shadowRoot?.querySelector('#verdict');
  return v && v.dataset.outcome === o && (p === undefined || v.dataset.pathways === p);
}, [id, outcome, pathways], { timeout: PATIENCE });

/** The CLI's exit-2 line for a scenario (without the `xborder: ` prefix). */
function cliError(scenario) {
  const r = spawnSync(cliPath(), ['check', '-', '--format', 'json'], { input: JSON.stringify(scenario), encoding: 'utf8' });
  assert.equal(r.status, 2, `the CLI refuses ${JSON.stringify(scenario).slice(0, 80)} (stdout: ${r.stdout.slice(0, 200)})`);
  return r.stderr.trim().replace(/^xborder: /, '');
}

/** The CLI's verdict for a scenario object. */
function cliVerdictOf(scenario) {
  const r = spawnSync(cliPath(), ['check', '-', '--format', 'json'], { input: JSON.stringify(scenario), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const goldenFiles = () => fs.readdirSync(GOLDEN).filter((f) => f.endsWith('.scenario.json')).sort().map((f) => path.join(GOLDEN, f));

/** Computed styles inside a widget, for comparing a widget on two host pages. */
const STYLE_PROPS = ['color', 'backgroundColor', 'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'lineHeight', 'letterSpacing',
  'wordSpacing', 'textAlign', 'textTransform', 'textIndent', 'textShadow', 'direction', 'whiteSpace', 'boxSizing', 'borderTopWidth',
  'borderTopStyle', 'borderTopColor', 'paddingTop', 'marginTop', 'outlineStyle', 'cursor', 'visibility', 'display', 'colorScheme'];
const INSIDE = ['.xb', '.masthead', '.masthead .title', '.app-name', '#lang-switch', '.intro p', '.assurances span', '#step-zone', '.why',
  '#q-zone', '#q-ciio-yes', '.choice', '.step', '.layout', '#verdict', '.outcome', '.kicker', '#copy-link', '#start-over', '.verdict-nav a',
  '.footer p', '.footer code'];
const insideStyles = (page, id) => page.evaluate(([id, sels, props]) => {
  const root = document.getElementById(id).shadowRoot;
  const out = {};
  for (const s of sels) {
    const el = root.querySelector(s);
    if (!el) { out[s] = 'missing'; continue; }
    const cs = getComputedStyle(el);
    out[s] = Object.fromEntries(props.map((p) => [p, cs[p]]));
  }
  return out;
}, [id, INSIDE, STYLE_PROPS]);

/** Fills the element `id` (fixed to Beijing, pharma) with the scenario of tests/golden/bj-pharma-typical. */
async function fillTypical(page, id) {
  const w = `#${id}`;
  await page.check(`${w} #q-in-zone-yes`);
  await answerNo(page, w);
  await page.check(`${w} #item-bj-2025-pharma-15`);
  // The preconditions of items 5/10 (two) and 6/11, as the golden scenario affirms them.
  await page.check(`${w} #sx-bj-2025-pharma-subjects-gcp-yes`);
  await page.check(`${w} #sx-bj-2025-pharma-no-names-yes`);
  await page.check(`${w} #sx-bj-2025-pharma-patients-deidentified-yes`);
  const rows = [['clinical-trials', 'subjects', '30000', '30000'], ['pharmacovigilance', 'patients', '60000', '60000'], ['hcp-management', 'hcps-reporters', '8000', '0']];
  for (const [i, [scenario, group, persons, sensitive]] of rows.entries()) {
    await page.click(`${w} #pi-add`);
    const base = `${w} #pi-${i + 1}`;
    await page.selectOption(`${base}-scenario`, scenario);
    await page.selectOption(`${base}-group`, group);
    await page.fill(`${base}-persons`, persons);
    await page.fill(`${base}-sensitive`, sensitive);
  }
}

// ---------------------------------------------------------------- the element

test('the element renders the checker in its own shadow root, on a host page in another folder with a strict CSP', async () => {
  await withHost({}, async ({ page, url, problems }) => {
    await page.goto(url + 'host/hostile.html');
    await rendered(page, 'w');
    const facts = await page.evaluate(() => {
      const el = document.getElementById('w');
      const root = el.shadowRoot;
      return {
        open: !!root,
        controls: ['#q-zone', '#q-ciio-yes', '#pi-add', '#copy-link', '#lang-switch'].filter((s) => root.querySelector(s)),
        lightDom: el.childNodes.length,
        inDocument: ['#verdict', '#q-zone', '.xb'].filter((s) => document.querySelector(s)),
        adopted: root.adoptedStyleSheets.length,
        links: root.querySelectorAll('link').length,
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
      };
    });
    assert.equal(facts.open, true, 'an open shadow root');
    assert.deepEqual(facts.controls, ['#q-zone', '#q-ciio-yes', '#pi-add', '#copy-link', '#lang-switch'], 'the checker\'s controls are inside');
    assert.equal(facts.lightDom, 0, 'nothing in the element\'s light DOM');
    assert.deepEqual(facts.inDocument, [], 'nothing of the checker in the host\'s document tree');
    assert.equal(facts.adopted, 1, 'the stylesheet is adopted (constructable), not a <link> or <style>');
    assert.equal(facts.links, 0);
    assert.ok(facts.csp.includes("style-src 'self'") && !facts.csp.includes('unsafe-inline'), 'the host CSP allows no inline style');
    assert.deepEqual(problems, [], 'no console error, CSP violation or failed request');
  });
});

test('host styles do not reach in: the widget computes the same styles on a hostile page as on a plain one', async () => {
  await withHost({}, async ({ page, url }) => {
    // A described transfer, so that the verdict's parts are there (not the neutral start).
    const describe = async () => {
      await answerNo(page, '#w', ['q-ciio', 'q-core', 'q-export']);
      await page.check('#w #q-notified-yes');
      await waitOutcome(page, 'w', 'security_assessment');
      await settled(page);
    };
    await page.goto(url + 'host/plain.html');
    await rendered(page, 'w');
    await describe();
    const plain = await insideStyles(page, 'w'); // settled() waited for transitions to end too
    await page.goto(url + 'host/hostile.html');
    await rendered(page, 'w');
    await describe();
    const hostile = await insideStyles(page, 'w');
    // The hostile rules are in force on the host's own elements (else this test proves nothing).
    const host = await page.evaluate(() => { const cs = getComputedStyle(document.getElementById('host-p')); return [cs.color, cs.fontFamily, cs.direction, cs.textTransform]; });
    assert.deepEqual(host, ['rgb(255, 0, 0)', '"Courier New", monospace', 'rtl', 'uppercase'], 'the host page is hostile');
    for (const s of INSIDE) assert.notEqual(plain[s], 'missing', `${s} exists in the widget`);
    for (const s of INSIDE) assert.deepEqual(hostile[s], plain[s], `computed style of ${s} inside the widget`);
    await page.screenshot({ path: path.join(SHOTS, 'embed-hostile-host.png') });
  });
});

test('the widget does not touch the host: no style, element, global, storage, URL or history change', async () => {
  await withHost({}, async ({ page, url }) => {
    await page.goto(url + 'host/late.html');
    const measure = () => page.evaluate(() => {
      const styles = {};
      for (const el of document.querySelectorAll('html, body, body *:not(xborder-checker)')) {
        const cs = getComputedStyle(el);
        styles[`${el.tagName}.${el.className}#${el.id}`] = [cs.color, cs.backgroundColor, cs.fontFamily, cs.fontSize, cs.lineHeight, cs.display,
          cs.padding, cs.margin, cs.border, cs.outlineStyle, cs.boxSizing, cs.direction, cs.textAlign, cs.position, cs.top, cs.clipPath].join('|');
      }
      return {
        head: document.head.innerHTML,
        bodyChildren: [...document.body.children].filter((e) => e.tagName !== 'XBORDER-CHECKER').map((e) => e.outerHTML),
        nodes: document.querySelectorAll('*').length,
        sheets: document.styleSheets.length,
        adopted: document.adoptedStyleSheets.length,
        globals: Object.getOwnPropertyNames(window).sort(),
        htmlLang: document.documentElement.lang,
        title: document.title,
        href: location.href,
        history: history.length,
        storage: [localStorage.length, sessionStorage.length, document.cookie],
        styles,
      };
    });
    const before = await measure();
    await page.evaluate(async () => {
      const m = await import(new URL('../app/embed.js', location.href).href);
      await m.ready;
      const el = document.createElement('xborder-checker');
      el.id = 'w';
      el.setAttribute('lang', 'zh');
      document.body.append(el);
    });
    await rendered(page, 'w');
    // Work in it: choose a zone, answer, add a group, copy a link, switch language, start over.
    await page.selectOption('#w #q-zone', 'beijing');
    await page.check('#w #q-in-zone-yes');
    await answerNo(page, '#w');
    await page.selectOption('#w #q-sector', 'pharma');
    await page.click('#w #pi-add');
    await page.fill('#w #pi-1-persons', '120000');
    await page.click('#w #copy-link');
    await page.waitForSelector('#w #link-out'); // the clipboard has answered
    await page.click('#w #lang-switch');
    await page.click('#w .verdict-nav a');
    await page.click('#w #start-over');
    await settled(page); // everything the clicks set off has run
    const after = await measure();
    assert.equal(after.head, before.head, 'nothing added to <head>');
    assert.deepEqual(after.bodyChildren, before.bodyChildren, 'the host\'s elements unchanged');
    assert.equal(after.nodes, before.nodes + 1, 'one new node in the document: the element');
    assert.equal(after.sheets, before.sheets, 'no stylesheet added to the document');
    assert.equal(after.adopted, 0, 'no stylesheet adopted by the document');
    assert.deepEqual(after.globals.filter((g) => !before.globals.includes(g)), [], 'no new global');
    assert.deepEqual([after.htmlLang, after.title], [before.htmlLang, before.title], '<html lang> and the title are the host\'s');
    assert.equal(after.href, before.href, 'the URL and its fragment unchanged');
    assert.equal(after.history, before.history, 'no history entry');
    assert.deepEqual(after.storage, [0, 0, ''], 'nothing in localStorage, sessionStorage or cookies');
    for (const k of Object.keys(before.styles)) assert.equal(after.styles[k], before.styles[k], `computed style of the host's ${k}`);
    assert.equal(await page.evaluate(() => customElements.get('xborder-checker')?.name), 'XborderChecker', 'the element is defined');
  });
});

test('two elements on one page are independent', async () => {
  await withHost({}, async ({ page, url, problems }) => {
    await page.goto(url + 'host/two.html');
    await rendered(page, 'a');
    await rendered(page, 'b');
    const b0 = await outcomeOf(page, 'b');
    // Edit A: Beijing pharma, 60,000 trial subjects: a security assessment.
    await page.check('#a #q-in-zone-yes');
    await answerNo(page, '#a');
    await page.click('#a #pi-add');
    await page.selectOption('#a #pi-1-scenario', 'clinical-trials');
    await page.selectOption('#a #pi-1-group', 'subjects');
    await page.fill('#a #pi-1-persons', '60000');
    await page.fill('#a #pi-1-sensitive', '60000');
    await waitOutcome(page, 'a', 'security_assessment');
    assert.deepEqual(await outcomeOf(page, 'b'), b0, 'B\'s verdict unchanged');
    assert.equal(await page.$$eval('#b .pi-row', (r) => r.length), 0, 'B has no group of people');
    // Edit B: same radio-group names in both widgets, each its own.
    await page.selectOption('#b #q-zone', 'beijing');
    await page.check('#b #q-in-zone-no');
    assert.equal(await page.isChecked('#a #q-in-zone-yes'), true, 'A\'s answer unchanged');
    await page.selectOption('#b #q-sector', 'retail');
    // B describes data only once a fact is given (the neutral start sends no event).
    await answerNo(page, '#b', ['q-ciio', 'q-core', 'q-export']);
    await page.check('#b #q-notified-yes');
    await waitOutcome(page, 'b', 'security_assessment');
    await waitOutcome(page, 'a', 'security_assessment');
    await settled(page); // B's events (queued after its effects) are out
    assert.equal(await page.inputValue('#a #q-sector'), 'pharma');
    // Language is per element too.
    await page.click('#b #lang-switch');
    await page.waitForFunction(() => document.getElementById('b').shadowRoot.querySelector('.xb').lang === 'zh-CN');
    assert.equal(await page.evaluate(() => document.getElementById('a').shadowRoot.querySelector('.xb').lang), 'en');
    // Their events name their own element.
    const ids = await page.evaluate(() => [...new Set(window.__xbEvents.map((e) => e.id))].sort());
    assert.deepEqual(ids, ['a', 'b']);
    // Moving an element keeps its state (disconnected and reconnected at once).
    // The element decides in a microtask after disconnection whether it was moved or removed;
    // a timer queued after the move runs after that microtask, and settled() after all it set off.
    await page.evaluate(async () => {
      const d = document.createElement('div');
      document.body.prepend(d);
      d.append(document.getElementById('b'));
      await new Promise((r) => setTimeout(r, 0));
    });
    await settled(page);
    assert.equal(await page.inputValue('#b #q-sector'), 'retail', 'B keeps its entries when moved');
    // Removing one leaves the other working.
    await page.evaluate(() => document.getElementById('b').remove());
    // 20,000 subjects: the contract band of item 10, once its preconditions are affirmed.
    await page.check('#a #sx-bj-2025-pharma-subjects-gcp-yes');
    await page.check('#a #sx-bj-2025-pharma-no-names-yes');
    await page.fill('#a #pi-1-persons', '20000');
    await page.fill('#a #pi-1-sensitive', '20000');
    await waitOutcome(page, 'a', 'standard_contract_or_certification');
    assert.deepEqual(problems, []);
  });
});

test('list and sector preselect and lock the zone, list and sector; bad values are reported in the widget', async () => {
  await withHost({}, async ({ page, url }) => {
    await page.goto(url + 'host/attrs.html');
    for (const id of ['lock', 'list-only', 'bad-list', 'bad-sector', 'no-list', 'zh', 'inherit', 'compact']) await rendered(page, id);
    const state = (id) => page.evaluate((id) => {
      const r = document.getElementById(id).shadowRoot;
      const sel = (s) => { const e = r.querySelector(s); return e ? [e.value, e.disabled] : null; };
      return { zone: sel('#q-zone'), list: sel('#q-list'), sector: sel('#q-sector'), lock: r.querySelector('#embed-lock')?.textContent ?? null, problems: r.querySelector('#embed-problems')?.textContent ?? null };
    }, id);
    const lock = await state('lock');
    assert.deepEqual([lock.zone, lock.list, lock.sector], [['beijing', true], ['bj-2025', true], ['pharma', true]]);
    assert.match(lock.lock, /Set by this page/);
    assert.equal(lock.problems, null);
    const listOnly = await state('list-only');
    assert.deepEqual([listOnly.zone, listOnly.list, listOnly.sector], [['chongqing', true], ['cq-2025', true], ['', false]], 'list alone locks zone and list, not the sector');
    const badList = await state('bad-list');
    assert.deepEqual(badList.zone, ['', false], 'an unknown list locks nothing');
    assert.match(badList.problems, /list="nope".*bj-2025, cq-2025/);
    const badSector = await state('bad-sector');
    assert.deepEqual([badSector.zone, badSector.list, badSector.sector], [['beijing', true], ['bj-2025', true], ['', false]]);
    assert.match(badSector.problems, /sector="nope": not a sector of bj-2025/);
    assert.match((await state('no-list')).problems, /sector="pharma": a sector needs a list/);
    // The lock holds: "Start over" keeps it, and the scenario names the list and sector.
    await page.check('#lock #q-in-zone-yes');
    await answerNo(page, '#lock');
    await page.click('#lock #start-over');
    await page.waitForFunction(() => document.getElementById('lock').scenario?.handler.in_zone === false);
    await settled(page); // (in_zone was false before the check too: wait for all the work to be done)
    const again = await state('lock');
    assert.deepEqual([again.zone, again.list, again.sector], [['beijing', true], ['bj-2025', true], ['pharma', true]]);
    const s = await page.evaluate(() => document.getElementById('lock').scenario);
    assert.deepEqual([s.list, s.sector], ['bj-2025', 'pharma']);
    // compact: one column, whatever the width.
    const cols = await page.evaluate(() => getComputedStyle(document.getElementById('compact').shadowRoot.querySelector('.layout')).gridTemplateColumns.split(' ').length);
    assert.equal(cols, 1, 'compact lays the form and verdict in one column');
    const wide = await page.evaluate(() => getComputedStyle(document.getElementById('lock').shadowRoot.querySelector('.layout')).gridTemplateColumns.split(' ').length);
    assert.equal(wide, 2, 'a wide element has the verdict beside the form');
    await page.evaluate(() => document.getElementById('lock').setAttribute('compact', ''));
    await page.waitForFunction(() => getComputedStyle(document.getElementById('lock').shadowRoot.querySelector('.layout')).gridTemplateColumns.split(' ').length === 1);
    assert.equal((await state('lock')).sector[0], 'pharma', 'compact switches live, keeping the checker');
    // A narrow element lays out narrow without `compact` too (its own width, not the window's).
    await page.evaluate(() => { document.getElementById('list-only').style.width = '600px'; });
    await page.waitForFunction(() => getComputedStyle(document.getElementById('list-only').shadowRoot.querySelector('.layout')).gridTemplateColumns.split(' ').length === 1);
  });
});

test('lang sets the language (also from the nearest lang around it), can change live, and never touches the host\'s <html lang>', async () => {
  await withHost({}, async ({ page, url }) => {
    await page.goto(url + 'host/attrs.html');
    await rendered(page, 'zh');
    await rendered(page, 'inherit');
    const lang = (id) => page.evaluate((id) => { const r = document.getElementById(id).shadowRoot; return [r.querySelector('.xb').lang, r.querySelector('.masthead .title').textContent]; }, id);
    assert.deepEqual(await lang('zh'), ['zh-CN', '数据出境合规检查']);
    assert.deepEqual(await lang('inherit'), ['zh-CN', '数据出境合规检查'], 'no lang attribute: the nearest lang around it');
    assert.deepEqual(await lang('lock'), ['en', 'Cross-border data transfer checker']);
    // Live change keeps the user's entries.
    await page.selectOption('#zh #q-zone', 'chongqing');
    await page.evaluate(() => document.getElementById('zh').setAttribute('lang', 'en'));
    await page.waitForFunction(() => document.getElementById('zh').shadowRoot.querySelector('.xb').lang === 'en');
    assert.equal(await page.inputValue('#zh #q-zone'), 'chongqing', 'the entries stay');
    assert.deepEqual([await page.getAttribute('html', 'lang'), await page.title()], ['en', 'Host page']);
  });
});

test('xborder-verdict fires with the contract\'s verdict, equal to the CLI\'s for the same scenario', async () => {
  const want = cliVerdict(TYPICAL);
  await withHost({}, async ({ page, url }) => {
    await page.goto(url + 'host/two.html');
    await rendered(page, 'a');
    // The neutral start (contract: "Page states"): nothing described, no event, no outcome.
    assert.deepEqual(await outcomeOf(page, 'a'), { outcome: '', pathways: '' });
    assert.equal(await page.evaluate(() => window.__xbEvents.filter((e) => e.id === 'a').length), 0, 'no event from an untouched widget');
    await page.check('#a #item-bj-2025-pharma-15');
    await page.waitForFunction(() => window.__xbEvents.some((e) => e.id === 'a'));
    const first = await page.evaluate(() => window.__xbEvents.find((e) => e.id === 'a'));
    assert.equal(first.bubbles, true, 'the event bubbles (composed) to the host page');
    const v = first.detail;
    assert.deepEqual(Object.keys(v).filter((k) => ['schema', 'rules_version', 'outcome', 'pathways', 'findings', 'obligations', 'warnings', 'trace'].includes(k)).sort(),
      ['findings', 'obligations', 'outcome', 'pathways', 'rules_version', 'schema', 'trace', 'warnings']);
    assert.equal(v.schema, 1);
    assert.ok(v.pathways.every((p) => typeof p.pathway === 'string' && Array.isArray(p.because)));
    assert.ok(v.obligations.every((o) => o.id && o.text_zh && o.text_en && o.citation && 'document' in o.citation));
    assert.ok(v.warnings.every((w) => w.id && w.text_zh && w.text_en));
    assert.ok(v.trace.every((t) => typeof t === 'string'));
    // Fill the golden scenario by hand: the last event is the CLI's verdict of it.
    await fillTypical(page, 'a');
    await waitOutcome(page, 'a', want.outcome, codes(want));
    await page.waitForFunction((o) => window.__xbEvents.filter((e) => e.id === 'a').at(-1).detail.outcome === o, want.outcome);
    await settled(page); // every event of the fill is out (the last may follow an earlier one with the same outcome)
    const { last, scenario, count } = await page.evaluate(() => {
      const mine = window.__xbEvents.filter((e) => e.id === 'a');
      return { last: mine.at(-1).detail, scenario: document.getElementById('a').scenario, count: mine.length };
    });
    assert.deepEqual(last, want, 'the event\'s verdict equals `xborder check --format json` of the golden scenario');
    assert.deepEqual(last, cliVerdictOf(scenario), 'and of the element\'s own scenario');
    assert.deepEqual(await page.evaluate(() => document.getElementById('a').verdict), want, 'element.verdict is the last verdict');
    // Only changes fire: an edit that changes nothing fires nothing.
    await page.locator('#a #pi-1-persons').blur();
    await settled(page); // whatever the blur set off has run
    assert.equal(await page.evaluate(() => window.__xbEvents.filter((e) => e.id === 'a').length), count, 'no event without a change of verdict');
  });
});

test('accessibility: the widget is one named region with no landmarks of its own, and axe finds nothing in it', async () => {
  await withHost({}, async ({ page, url }) => {
    await page.goto(url + 'host/landmarks.html');
    await rendered(page, 'w');
    await rendered(page, 'c');
    const facts = await page.evaluate(() => ['w', 'c'].map((id) => {
      const r = document.getElementById(id).shadowRoot;
      const region = r.querySelector('.xb');
      return { role: region.getAttribute('role'), label: region.getAttribute('aria-label'), landmarks: r.querySelectorAll('main, header, footer, h1').length };
    }));
    assert.deepEqual(facts.map((f) => [f.role, f.landmarks]), [['region', 0], ['region', 0]], 'a region; no main, banner, contentinfo or h1 of its own');
    assert.match(facts[0].label, /Cross-border data transfer checker/);
    assert.match(facts[1].label, /数据出境合规检查/);
    // With a verdict and everything open, as the standalone page is checked.
    await page.check('#w #q-in-zone-yes');
    await answerNo(page, '#w');
    await page.check('#w #item-bj-2025-pharma-15');
    await page.evaluate(() => { for (const d of document.getElementById('w').shadowRoot.querySelectorAll('details')) d.open = true; });
    const { violations } = await runAxe(page);
    const inside = violations
      // axe names a node in a shadow tree by its path: "<host selector>,<selector inside>".
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => /^(#w|#c|xborder-checker),/.test(n.target)) }))
      .filter((v) => v.nodes.length);
    assert.deepEqual(inside.map((v) => `${v.impact} ${v.id}`), [], `axe inside the widget:\n${formatViolations(inside)}`);
  });
});

/** dist/ on its own origin, sending the CORS header a cross-origin host needs (docs/embedding.md). */
function corsServer(root) {
  const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.html': 'text/html' };
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const file = path.join(root, path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-cache' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/`, requests,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  })));
}

test('a host page on another origin: the module, its wasm and its styles come from the checker\'s origin', async () => {
  const checker = await corsServer(DIST);
  try {
    const origin = checker.url.replace(/\/$/, '');
    const csp = `default-src 'self'; script-src 'self' ${origin} 'wasm-unsafe-eval'; connect-src ${origin}; style-src 'self'; img-src data:; object-src 'none'; base-uri 'none'`;
    fs.writeFileSync(path.join(tree, 'host', 'cross.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}"><title>Host page</title><link rel="icon" href="data:,">
<script type="module" src="${checker.url}embed.js"></script></head>
<body><xborder-checker id="w" lang="en" list="cq-2025" sector="auto"></xborder-checker></body></html>`);
    await withHost({}, async ({ page, url, problems }) => {
      assert.notEqual(new URL(url).origin, origin, 'two origins');
      await page.goto(url + 'host/cross.html');
      await rendered(page, 'w');
      await page.check('#w #q-in-zone-yes');
      await answerNo(page, '#w');
      await page.check('#w #item-cq-2025-auto-26');
      await waitOutcome(page, 'w', 'security_assessment');
      await page.evaluate(() => document.getElementById('w').shadowRoot.querySelector('#copy-link').click());
      await page.waitForSelector('#w #link-out'); // shown once the clipboard has answered (copied, or copy by hand)
      const link = await page.evaluate(() => document.getElementById('w').shadowRoot.querySelector('#link-out')?.value ?? null);
      assert.ok(link?.startsWith(checker.url + '#1~'), `"Copy link" opens the checker on its own origin (${link})`);
      const fetched = checker.requests.map((u) => u.replace(/-[0-9a-f]{1,16}(?=[._])/, '-HASH'));
      assert.deepEqual([...new Set(fetched)].sort(), ['/embed.js', '/xborder-web-HASH.js', '/xborder-web-HASH_bg.wasm'].sort(), 'only the module, its glue and the wasm, from the checker\'s origin');
      assert.deepEqual(problems, []);
    });
  } finally {
    await checker.close();
  }
});

// ---------------------------------------------------------------- the API

test('evaluate() returns the CLI\'s verdict for every golden scenario, as plain objects; catalogue() is `xborder rules list`; ready resolves', async () => {
  const files = goldenFiles();
  assert.ok(files.length >= 10, 'golden scenarios to check');
  const scenarios = files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
  const catalogue = JSON.parse(spawnSync(cliPath(), ['rules', 'list', '--format', 'json'], { encoding: 'utf8' }).stdout);
  await withHost({}, async ({ page, url }) => {
    await page.goto(url + 'host/late.html');
    const got = await page.evaluate(async (scenarios) => {
      const m = await import(new URL('../app/embed.js', location.href).href);
      const isReady = m.ready instanceof Promise;
      let early;
      try { m.evaluate(scenarios[0]); early = 'returned'; } catch (e) { early = e.message; }
      const resolved = await m.ready;
      // Plain objects all the way down: no Map, no class instance.
      const plain = (v) => v === null || typeof v !== 'object' || (Array.isArray(v) ? v.every(plain)
        : Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(plain));
      const verdicts = scenarios.map((s) => m.evaluate(s));
      const cat = m.catalogue();
      // A batch: the same verdicts in one call, a refused scenario as its error in place.
      const bad = { schema: 1, handler: { in_zone: false, ciio: false }, personal_information: [{ persons: -5, sensitive_persons: 0 }] };
      const many = m.evaluateMany([...scenarios, bad]);
      let notArray;
      try { m.evaluateMany(scenarios[0]); } catch (e) { notArray = e.message; }
      return {
        many: JSON.parse(JSON.stringify(many)), notArray,
        isReady, early, resolved: resolved === undefined, exports: Object.keys(m).sort(),
        verdicts: verdicts.map((v) => JSON.parse(JSON.stringify(v))), plain: verdicts.every(plain) && plain(cat),
        catalogue: JSON.parse(JSON.stringify(cat)), strings: scenarios.map((s) => m.evaluate(JSON.stringify(s)).outcome),
      };
    }, scenarios);
    assert.equal(got.isReady, true, '`ready` is a promise');
    assert.equal(got.resolved, true, '`ready` resolves');
    assert.match(got.early, /called before the module was ready: await ready first/, 'evaluate() before `ready` throws and says so');
    assert.deepEqual(got.exports, ['catalogue', 'compare', 'evaluate', 'evaluateMany', 'ready']);
    assert.equal(got.many.length, files.length + 1);
    assert.deepEqual(got.many.slice(0, files.length), got.verdicts, 'evaluateMany() gives what evaluate() gives, in order');
    assert.deepEqual(got.many[files.length], { error: { message: 'personal_information[0].persons: expected a whole number of persons, 0 or more, found -5', path: 'personal_information[0].persons' } });
    assert.match(got.notArray, /evaluateMany: expected an array of scenarios/);
    assert.equal(got.plain, true, 'plain JS objects (serialize_maps_as_objects)');
    for (const [i, f] of files.entries()) {
      assert.deepEqual(got.verdicts[i], cliVerdict(f), `evaluate(${path.basename(f)}) equals xborder check --format json`);
      assert.equal(got.strings[i], got.verdicts[i].outcome, 'a JSON string is read too');
    }
    assert.deepEqual(got.catalogue, catalogue, 'catalogue() equals xborder rules list --format json');
  });
});

test('evaluate() throws an Error naming the field, worded as the CLI\'s exit-2 line', async () => {
  const ok = { schema: 1, handler: { in_zone: true, ciio: false } };
  const pi = (entries) => ({ ...ok, list: 'bj-2025', sector: 'pharma', personal_information: entries });
  const cases = [
    [1],
    42,
    null,
    true,
    {},
    { schema: 2, zzz: 1 },
    { schema: '1' },
    { schema: -1 },
    { schema: 1.5 },
    { schema: 1 },
    { schema: 1, handler: null },
    { schema: 1, handler: 'x', aaa: 1 },
    { schema: 1, handler: { in_zone: 1, ciio: false } },
    { schema: 1, handler: { in_zone: true } },
    { ...ok, zzz: 1 },
    { ...ok, handler: { in_zone: true, ciio: false, x: 1 } },
    { ...ok, flags: 'x', zzz: 1 },
    { ...ok, flags: { national_core_data: 'yes' } },
    { ...ok, list: 5 },
    { ...ok, list: [] },
    { ...ok, list: 'nope' },
    { ...ok, sector: 'pharma' },
    { ...ok, important_data: [1] },
    { ...ok, important_data: 'bj-2025.pharma.15' },
    { ...ok, list: 'bj-2025', sector: 'pharma', important_data: ['bj-2025.pharma.99'] },
    { ...ok, personal_information: {} },
    pi([{ persons: 1, sensitive_persons: 0 }, { persons: -5, sensitive_persons: 0 }]),
    pi([{ persons: 1.5, sensitive_persons: 0 }]),
    pi([{ persons: 1.5, sensitive_persons: 0, basis: 'x' }]),
    pi([{ persons: '5', sensitive_persons: 0 }]),
    pi([{ persons: 20000000000, sensitive_persons: 0 }]),
    pi([{ persons: 1, sensitive_persons: 0, basis: 5 }]),
    pi([{ persons: 1, sensitive_persons: 0, basis: 'x' }]),
    pi([{ persons: 10, sensitive_persons: 11 }]),
    pi([{ sensitive_persons: 11 }]),
    pi([{ persons: 1, sensitive_persons: 0, group: 'nobody' }]),
    pi([null]),
  ];
  const want = cases.map(cliError);
  await withHost({}, async ({ page, url }) => {
    await page.goto(url + 'host/late.html');
    const got = await page.evaluate(async (cases) => {
      const m = await import(new URL('../app/embed.js', location.href).href);
      await m.ready;
      return cases.map((c) => {
        try {
          m.evaluate(c);
          return { threw: false };
        } catch (e) {
          return { threw: true, isError: e instanceof Error, message: e.message, path: e.path };
        }
      });
    }, cases);
    for (const [i, c] of cases.entries()) {
      const g = got[i];
      const label = JSON.stringify(c);
      assert.equal(g.threw, true, `evaluate(${label}) throws`);
      assert.equal(g.isError, true, `an Error for ${label}`);
      assert.equal(g.message, want[i], `the CLI's message for ${label}`);
      assert.ok(g.message.startsWith(g.path ? `${g.path}: ` : ''), `error.path (${g.path}) is the field the message names`);
    }
    const minus5 = got.find((g) => /found -5$/.test(g.message));
    assert.equal(minus5?.path, 'personal_information[1].persons');
    assert.equal(minus5.message, 'personal_information[1].persons: expected a whole number of persons, 0 or more, found -5');
    // undefined is "absent", as JSON.stringify would have it.
    const absent = await page.evaluate(async () => {
      const m = await import(new URL('../app/embed.js', location.href).href);
      return m.evaluate({ schema: 1, handler: { in_zone: false, ciio: false }, list: undefined, extra: undefined }).outcome;
    });
    assert.equal(absent, 'exempt');
    // JSON text that repeats a member name: JSON.parse would keep the last copy, so a
    // 2,000,000-person entry could vanish. Refused, worded as the CLI's exit-2 line.
    const texts = [
      '{"schema":1,"handler":{"in_zone":true,"ciio":false},"personal_information":[{"persons":2000000,"sensitive_persons":0,"persons":1}]}',
      '{"schema":1,"handler":{"in_zone":true,"ciio":true,"ciio":false}}',
      // Art. 3 data holds no personal information.
      '{"schema":1,"handler":{"in_zone":true,"ciio":false},"personal_information":[{"persons":5,"sensitive_persons":0,"basis":"no_personal_data"}]}',
    ];
    const fromText = await page.evaluate(async (texts) => {
      const m = await import(new URL('../app/embed.js', location.href).href);
      return texts.map((t) => { try { m.evaluate(t); return { threw: false }; } catch (e) { return { threw: true, message: e.message, path: e.path }; } });
    }, texts);
    for (const [i, text] of texts.entries()) {
      const r = spawnSync(cliPath(), ['check', '-', '--format', 'json'], { input: text, encoding: 'utf8' });
      assert.equal(r.status, 2, `the CLI refuses ${text}`);
      assert.equal(fromText[i].threw, true, `evaluate(${text}) throws`);
      assert.equal(fromText[i].message, r.stderr.trim().replace(/^xborder: /, ''), `the CLI's message for ${text}`);
    }
    assert.equal(fromText[0].path, 'personal_information[0].persons');
    assert.equal(fromText[1].path, 'handler.ciio');
    assert.equal(fromText[2].path, 'personal_information[0].basis');
  });
});

test('a host CSP without \'wasm-unsafe-eval\': ready rejects, the API says why, the element shows it', async () => {
  await withHost({}, async ({ page, url }) => {
    await page.goto(url + 'host/nowasm.html');
    await page.waitForSelector('#w .xb-status.failed', { timeout: PATIENCE });
    const text = await page.textContent('#w .xb-status.failed');
    assert.match(text, /could not start/);
    assert.match(text, /wasm-unsafe-eval/, 'the message points at the CSP');
    const api = await page.evaluate(async () => {
      const m = await import(new URL('../app/embed.js', location.href).href);
      const ready = await m.ready.then(() => 'resolved', (e) => `rejected: ${e instanceof Error} ${e.message}`);
      let evaluate;
      try { m.evaluate({ schema: 1, handler: { in_zone: false, ciio: false } }); evaluate = 'returned'; } catch (e) { evaluate = e.message; }
      return { ready, evaluate };
    });
    assert.match(api.ready, /^rejected: true xborder: the checker could not start/);
    assert.match(api.evaluate, /evaluate\(\) is unavailable: the checker could not start/);
  });
});

// ---------------------------------------------------------------- privacy

test('no network request after load, nothing in the host\'s storage, while working in the widget', async () => {
  await withHost({}, async ({ page, ctx, url, server, requests }) => {
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url.replace(/\/$/, '') });
    await page.goto(url + 'host/two.html');
    await rendered(page, 'a');
    await rendered(page, 'b');
    await page.waitForLoadState('networkidle');
    const loaded = requests.map((u) => new URL(u).pathname);
    assert.ok(loaded.includes('/app/embed.js') && loaded.some((p) => /_bg\.wasm$/.test(p)), 'the module and the wasm load from the checker\'s folder');
    assert.ok(!loaded.some((p) => /\.css$/.test(p)), 'no stylesheet request (the widget\'s styles come with embed.js)');
    const before = { browser: requests.length, server: server.requests.length, history: await page.evaluate(() => history.length) };
    await fillTypical(page, 'a');
    await page.click('#a .source summary'); // a source text, opened (item 15 is ticked: its source is there)
    await page.click('#a #copy-link');
    await page.waitForSelector('#a #link-out');
    const link = await page.inputValue('#a #link-out');
    assert.ok(link.startsWith(url + 'app/#1~'), `the link opens the standalone checker next to embed.js (${link})`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#a #download-json')]);
    assert.match(download.suggestedFilename(), /^xborder-verdict-.*\.json$/);
    await page.click('#a #lang-switch');
    await page.selectOption('#b #q-zone', 'chongqing');
    await page.click('#b #start-over');
    await page.evaluate(async () => {
      const m = await import(new URL('../app/embed.js', location.href).href);
      m.evaluate({ schema: 1, handler: { in_zone: false, ciio: false } });
      m.catalogue();
    });
    await settled(page); // all the work has run, past the download's blob-revoke timer
    const extra = requests.slice(before.browser).filter((u) => !u.startsWith('blob:'));
    assert.deepEqual(extra, [], 'no request from the page after load');
    assert.equal(server.requests.length, before.server, 'nothing reached the server');
    const st = await page.evaluate(async () => ({
      local: localStorage.length, session: sessionStorage.length, cookie: document.cookie, hash: location.hash, history: history.length,
      dbs: indexedDB.databases ? (await indexedDB.databases()).length : 0,
    }));
    assert.deepEqual(st, { local: 0, session: 0, cookie: '', hash: '', history: before.history, dbs: 0 }, 'no storage, fragment or history written');
  });
});

// ---------------------------------------------------------------- the iframe page and the example

test('the iframe page takes the options as query parameters and keeps nothing', async () => {
  await withHost({}, async ({ page, url, problems }) => {
    await page.goto(url + 'host/frame.html');
    const frame = page.frameLocator('#f');
    await frame.locator('xborder-checker #verdict[data-outcome]').waitFor({ timeout: PATIENCE });
    const f = page.frames().find((x) => x.url().includes('embed.html'));
    await settled(f);
    const facts = await f.evaluate(() => {
      const el = document.querySelector('xborder-checker');
      const r = el.shadowRoot;
      return {
        attrs: [el.getAttribute('lang'), el.getAttribute('list'), el.getAttribute('sector'), el.hasAttribute('compact')],
        lang: r.querySelector('.xb').lang, compact: r.querySelector('.xb').classList.contains('compact'),
        zone: [r.querySelector('#q-zone').value, r.querySelector('#q-zone').disabled],
        sector: [r.querySelector('#q-sector').value, r.querySelector('#q-sector').disabled],
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
      };
    });
    assert.deepEqual(facts.attrs, ['zh', 'bj-2025', 'pharma', true]);
    assert.deepEqual([facts.lang, facts.compact, facts.zone, facts.sector], ['zh-CN', true, ['beijing', true], ['pharma', true]]);
    assert.match(facts.csp, /script-src 'self' 'wasm-unsafe-eval'/);
    const history0 = await f.evaluate(() => history.length);
    await page.screenshot({ path: path.join(SHOTS, 'embed-iframe.png') });
    await frame.locator('xborder-checker #q-in-zone-yes').check();
    for (const q of FACTS) await frame.locator(`xborder-checker #${q}-no`).check();
    await frame.locator('xborder-checker #item-bj-2025-pharma-15').check();
    await f.waitForFunction(() => document.querySelector('xborder-checker').shadowRoot.querySelector('#verdict').dataset.pathways.includes('other_lawful_pathway'));
    await settled(f); // the widget's effects have run: anything it would keep is kept by now
    const kept = await f.evaluate(() => [localStorage.length, sessionStorage.length, location.hash, history.length]);
    assert.deepEqual(kept, [0, 0, '', history0], 'the frame keeps no draft, writes no storage, adds no history');
    assert.equal(await page.evaluate(() => location.hash), '');
    assert.deepEqual(problems, []);
  });
});

test('the intranet example: the form\'s own scenario through evaluate(), the element\'s verdict through its event', async () => {
  const typical = JSON.parse(fs.readFileSync(TYPICAL, 'utf8'));
  const want = cliVerdict(TYPICAL);
  await withHost({ locale: 'zh-CN', viewport: { width: 1440, height: 1100 } }, async ({ page, url, problems, requests }) => {
    await page.goto(url + 'app/examples/intranet.html');
    await rendered(page, 'checker');
    // The pre-check: the form's defaults are the golden Beijing pharma scenario.
    await page.waitForFunction(() => document.getElementById('precheck').dataset.outcome);
    const pre = await page.evaluate(() => { const p = document.getElementById('precheck'); return [p.dataset.outcome, p.dataset.pathways]; });
    assert.deepEqual(pre, [want.outcome, codes(want)], 'evaluate() on the form\'s scenario gives the CLI\'s verdict');
    assert.match(await page.textContent('#precheck-rules'), /北京/);
    const loadedCount = requests.length;
    await page.fill('#f-subjects', '60000');
    await page.waitForFunction(() => document.getElementById('precheck').dataset.outcome === 'security_assessment');
    await page.fill('#f-subjects', 'abc');
    await page.waitForSelector('#precheck-error:not([hidden])');
    await page.fill('#f-subjects', '30000');
    await page.waitForFunction(() => document.getElementById('precheck-error').hidden);
    // The element in the sidebar: fixed to Beijing pharma, compact, in Chinese.
    const el = await page.evaluate(() => { const r = document.getElementById('checker').shadowRoot; return [r.querySelector('.xb').lang, r.querySelector('.xb').classList.contains('compact'), r.querySelector('#q-sector').value]; });
    assert.deepEqual(el, ['zh-CN', true, 'pharma']);
    await fillTypical(page, 'checker');
    await page.waitForFunction((o) => document.getElementById('checker-outcome').dataset.outcome === o, want.outcome);
    await settled(page); // the last xborder-verdict event of the fill has reached the page's fields
    const record = await page.evaluate(() => ({ scenario: JSON.parse(document.getElementById('f-scenario').value), verdict: JSON.parse(document.getElementById('f-verdict').value) }));
    assert.deepEqual(cliVerdictOf(record.scenario), want, 'the scenario kept with the application gives the same verdict');
    assert.deepEqual(record.scenario.personal_information, typical.personal_information);
    assert.equal(record.verdict.outcome, want.outcome);
    await page.click('button[type=submit]');
    assert.match(await page.textContent('#submitted'), /nothing was sent/);
    assert.deepEqual(requests.slice(loadedCount).filter((u) => !u.startsWith('blob:')), [], 'no request while using the page');
    // The host's aggressive styles hold on its own elements, and do not reach into the widget.
    const fonts = await page.evaluate(() => [getComputedStyle(document.querySelector('h1')).fontFamily, getComputedStyle(document.getElementById('checker').shadowRoot.querySelector('.step > h2')).fontFamily]);
    assert.match(fonts[0], /Georgia/);
    assert.doesNotMatch(fonts[1], /Georgia/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, 'embed-intranet.png') });
    assert.deepEqual(problems, [], 'no console error or CSP violation under the example\'s strict CSP');
  });
});
