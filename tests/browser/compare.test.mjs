// Browser tests of the compare view (issue 12; contract: "Compare"): the page's columns side by
// side, equal to `xborder compare` for the scenario the page holds; the link part `~vc` that
// restores the view; the embed module's `compare(scenario)`, equal to the CLI's JSON; a phone
// width stacks the columns; opening and using the view makes no request; axe finds nothing.
// Run: `node --test compare.test.mjs` (tests/browser/run.sh builds dist/ and the CLI first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT, DIST, PATIENCE, withBrowser, launch, load, settled, waitVerdict, cliPath, cliVerdict, cliLink, cliDecode, codes, answerNo, normFragment, storage,
} from './lib/browser.mjs';
import { serve } from './lib/server.mjs';
import { runAxe, formatViolations } from './lib/axe.mjs';

const COMPARE = path.join(ROOT, 'tests/compare');
const GD_BJ = path.join(COMPARE, 'gd-bj-retail.scenario.json');
const SHOTS = path.join(ROOT, 'docs/screenshots');

/** `xborder compare` of a scenario object (through stdin), as JSON. */
function cliCompare(scenario) {
  const r = spawnSync(cliPath(), ['compare', '-', '--format', 'json'], { input: JSON.stringify(scenario), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}
const readJson = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));

/** What the page shows of each column. */
const pageColumns = (page, scope = 'document') => page.evaluate((scope) => {
  const root = scope === 'document' ? document : document.querySelector(scope).shadowRoot;
  return [...root.querySelectorAll('#compare-columns > li.compare-col')].map((li) => ({
    regime: li.dataset.regime, list: li.dataset.list || null, sector: li.dataset.sector || null,
    available: li.dataset.available === 'true', outcome: li.dataset.outcome, pathways: li.dataset.pathways,
    differs: li.dataset.differs === 'true', reference: li.dataset.reference === 'true',
    title: li.querySelector('h3').textContent,
    coloured: [...li.querySelectorAll('[class*="outcome-"]')].length,
    questions: [...li.querySelectorAll('.compare-questions > li')].map((q) => q.dataset.question),
    diff: li.querySelector('.compare-diff')?.dataset.against ?? null,
    steps: li.querySelectorAll('.compare-steps li').length,
  }));
}, scope);

/** The CLI's columns in the page's terms. */
const cliColumns = (cmp) => cmp.columns.map((c) => ({
  regime: c.regime, list: c.list, sector: c.sector, available: c.available, outcome: c.verdict.outcome,
  pathways: codes(c.verdict), differs: Boolean(c.differences && !c.differences.same_outcome),
  questions: c.available ? c.questions.map((q) => q.id) : [], steps: c.translation.length,
}));
const comparable = (cols) => cols.map(({ regime, list, sector, available, outcome, pathways, differs, questions, steps }) => ({ regime, list, sector, available, outcome, pathways, differs, questions, steps }));

const openCompare = async (page) => {
  await page.click('#open-compare');
  await page.waitForSelector('#compare-columns');
  await settled(page);
};

/** Fills the Guangdong handler of tests/compare/gd-bj-retail: zone Guangdong, Beijing's list (referral), retail, the members' data within items 1 and 4's limits, 900,000 members. */
async function fillGuangdongRetail(page) {
  await page.selectOption('#q-zone', 'guangdong');
  await page.check('#q-in-zone-yes');
  await page.selectOption('#q-list', 'bj-2025');
  await page.selectOption('#q-sector', 'retail');
  await page.check('#sx-bj-2025-retail-member-data-within-limits-yes');
  await page.click('#pi-add');
  const base = (await page.getAttribute('.pi-row:last-child h3', 'id')).replace(/-title$/, '');
  await page.selectOption(`#${base}-scenario`, 'member-management');
  await page.fill(`#${base}-persons`, '900000');
  await page.fill(`#${base}-sensitive`, '0');
  await answerNo(page);
}

test('a Guangdong handler referring to Beijing\'s list sees three columns, differences marked, equal to `xborder compare` of the scenario the page holds', async () => {
  const expect = readJson(path.join(COMPARE, 'gd-bj-retail.expect.json'));
  const want = cliVerdict(GD_BJ);
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    assert.equal(await page.$('#open-compare'), null, 'no compare button before anything is described');
    await fillGuangdongRetail(page);
    await waitVerdict(page, want.outcome, codes(want));
    await openCompare(page);
    assert.equal(await page.$('#verdict'), null, 'the compare view takes the place of the form and verdict');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'compare-title', 'focus moves to the view\'s title');
    const cols = await pageColumns(page);
    // The scenario the page holds: its compare link, read back by the CLI.
    await page.click('#copy-compare-link');
    const link = await page.inputValue('#compare-link-out');
    assert.match(link, /~vc$/, 'the compare link carries the view part');
    const held = cliDecode(link);
    assert.deepEqual(held, cliDecode(cliLink(GD_BJ, url)), 'the page holds the golden scenario');
    const cmp = cliCompare(held);
    assert.deepEqual(comparable(cols), cliColumns(cmp), 'each column: regime, list, sector, availability, outcome, pathways, differs, questions, translation steps');
    // The golden expectation: national, Beijing (own, the reference), Chongqing (referral), the last differing.
    assert.deepEqual(cols.map((c) => [c.regime, c.list, c.available, c.outcome]), expect.columns.map((c) => [c.regime, c.list, c.available, c.outcome]));
    assert.deepEqual(cols.map((c) => c.reference), [false, true, false], 'the own list is the reference column');
    assert.deepEqual(cols.map((c) => c.differs), [true, false, true], 'national and Chongqing differ from Beijing (exempt there)');
    assert.deepEqual(cols.map((c) => c.diff), ['bj-2025', null, 'bj-2025'], 'differences are against the Beijing column');
    assert.equal(cols[0].title, 'National rules');
    assert.match(cols[1].title, /Beijing/);
    assert.match(cols[2].title, /Chongqing/);
    // Marked visibly: the outcome, in words and sign, and the pathways added.
    const marks = await page.$$eval('.compare-col.differs .diff-outcome.changed', (els) => els.map((e) => e.textContent));
    assert.equal(marks.length, 2);
    for (const m of marks) assert.match(m, /^≠Different outcome: Standard contract.* here, .*Exempt.* there$/i);
    assert.ok(await page.$('.compare-col.differs .diff-pathways .diff-added'), 'a pathway added is marked +');
    assert.ok(await page.$('.compare-col.differs .diff-deciding'), 'deciding items here and there are listed');
    // Deciding items with citations in every available column.
    for (let i = 0; i < cols.length; i++) {
      const n = await page.$$eval(`#compare-columns > li:nth-child(${i + 1}) .findings .finding .cite`, (e) => e.length);
      assert.ok(n >= 1, `column ${i + 1} shows its deciding items with citations`);
    }
    // The translation steps are collapsible; the Chongqing column says retail has no counterpart.
    const steps = await page.$eval('#compare-columns > li:nth-child(3) details.compare-steps', (d) => ({ open: d.open, text: d.textContent }));
    assert.equal(steps.open, false, 'the steps start folded');
    assert.match(steps.text, /no counterpart/);
    // Bilingual: the language toggle switches the view.
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.querySelector('#compare-title')?.textContent.startsWith('比较各规则'));
    assert.match(await page.textContent('#compare-columns > li:nth-child(1) h3'), /国家规定/);
    assert.match(await page.textContent('#compare-columns > li:nth-child(2) .availability'), /可适用/);
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.querySelector('#compare-title')?.textContent.startsWith('Compare regimes'));
    // Back: the form and verdict, focus on the button that opened the view.
    await page.click('#close-compare');
    await page.waitForSelector('#verdict[data-outcome]');
    await settled(page);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'open-compare');
    assert.ok(!page.url().includes('~vc'), 'the address bar no longer asks for the compare view');
    // The view was no edit: the draft is the scenario's fragment, without the view.
    const { local } = await storage(page);
    assert.equal(normFragment(local['xborder.draft']), normFragment(cliLink(GD_BJ, url)));
    assert.deepEqual(problems, []);
  });
});

test('a link with ~vc restores the compare view; links without it open the form; the compare link is the CLI\'s link plus ~vc', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    const plain = cliLink(GD_BJ, url);
    await page.goto('about:blank');
    await page.goto(`${plain}~vc`);
    await page.waitForSelector('#compare-columns');
    await settled(page);
    assert.equal((await pageColumns(page)).length, 3);
    assert.equal(await page.$('#verdict'), null);
    assert.ok(await page.$('#notice'), 'the link notice is shown as for any link');
    await page.click('#copy-compare-link');
    assert.equal(normFragment(await page.inputValue('#compare-link-out')), normFragment(`${plain}~vc`));
    assert.deepEqual(cliDecode(`${plain}~vc`), cliDecode(plain), '`xborder link --decode` reads the view part and prints the scenario alone');
    // The same link without the part: the form and the verdict.
    await load(page, plain);
    assert.equal(await page.$('#compare-columns'), null);
    // A reload of a compare link shown in the address bar keeps the view.
    await page.goto('about:blank');
    await page.goto(`${plain}~vc`);
    await page.waitForSelector('#compare-columns');
    await page.reload();
    await page.waitForSelector('#compare-columns');
    // An unknown view is a damaged link: the message, and "Open what can be read" opens the rest (form and verdict).
    await page.goto('about:blank');
    await page.goto(`${plain}~vq`);
    await page.waitForSelector('#notice-salvage');
    assert.match(await page.textContent('#notice'), /view/);
    await page.click('#notice-salvage');
    await page.waitForSelector('#verdict[data-outcome]');
    assert.match(await page.textContent('#notice-salvaged'), /the view the link asked for/);
    assert.deepEqual(problems, []);
  });
});

test('columns side by side on a wide screen, stacked on a phone; a column not available has no verdict colour', async () => {
  // A Beijing handler: the Chongqing column is not available (no Beijing referral rule in our sources).
  const BJ = path.join(COMPARE, 'bj-handler.scenario.json');
  const cmp = cliCompare(readJson(BJ));
  const off = cmp.columns.findIndex((c) => !c.available);
  assert.ok(off > 0, 'the Beijing handler\'s scenario has a column not available');
  for (const [viewport, stacked] of [[{ width: 1400, height: 1000 }, false], [{ width: 390, height: 844 }, true]]) {
    await withBrowser({ viewport }, async ({ page, url, problems }) => {
      await page.goto('about:blank');
      await page.goto(`${cliLink(BJ, url)}~vc`);
      await page.waitForSelector('#compare-columns');
      await settled(page);
      const boxes = await page.$$eval('#compare-columns > li', (els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; }));
      assert.equal(boxes.length, cmp.columns.length);
      const sameX = boxes.every((b) => Math.abs(b.x - boxes[0].x) < 1);
      const sameY = boxes.every((b) => Math.abs(b.y - boxes[0].y) < 1);
      if (stacked) {
        assert.ok(sameX, 'a phone stacks the columns');
        for (let i = 1; i < boxes.length; i++) assert.ok(boxes[i].y >= boxes[i - 1].y + boxes[i - 1].h - 1, 'one under the other');
        assert.ok(boxes.every((b) => b.w <= viewport.width), 'no column wider than the phone');
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scroll <= viewport.width, `no sideways scrolling (${scroll} px)`);
      } else {
        assert.ok(sameY && !sameX, 'side by side');
      }
      const cols = await pageColumns(page);
      assert.deepEqual(comparable(cols), cliColumns(cmp));
      assert.equal(cols[off].available, false);
      assert.equal(cols[off].coloured, 0, 'no verdict colour on a column not available');
      assert.ok(cols.filter((c) => c.available).every((c) => c.coloured >= 1), 'every available column has its outcome colour');
      if (!stacked) {
        fs.mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SHOTS, 'en-compare.png') });
      }
      assert.deepEqual(problems, []);
    });
  }
});

test('opening, reading, switching language, copying the link and closing the compare view make no request', async () => {
  await withBrowser({}, async ({ page, url, server, problems }) => {
    await load(page, cliLink(GD_BJ, url));
    const seen = [];
    page.on('request', (r) => seen.push(r.url()));
    const before = server.requests.length;
    await openCompare(page);
    await page.evaluate(() => document.querySelectorAll('#compare details').forEach((d) => { d.open = true; }));
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.querySelector('#compare-title')?.textContent.startsWith('比较'));
    await page.click('#copy-compare-link');
    await page.waitForSelector('#compare-link-out');
    await page.click('#close-compare');
    await page.waitForSelector('#verdict[data-outcome]');
    await settled(page);
    assert.deepEqual(seen, [], 'the page asked for nothing');
    assert.deepEqual(server.requests.slice(before), [], 'the server saw nothing');
    assert.deepEqual(problems, []);
  });
});

test('axe-core: no serious or critical violation in the compare view, in both languages; the keyboard reaches every control', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    for (const lang of ['en', 'zh']) {
      await page.goto('about:blank');
      await page.goto(`${cliLink(path.join(COMPARE, 'bj-handler.scenario.json'), url)}~vc`);
      await page.waitForSelector('#compare-columns');
      if (lang === 'zh' && (await page.getAttribute('html', 'lang')) !== 'zh-CN') {
        await page.click('#lang-switch');
        await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      }
      await page.evaluate(() => document.querySelectorAll('#compare details').forEach((d) => { d.open = true; }));
      const { violations } = await runAxe(page);
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(bad, [], `${lang}:\n${formatViolations(bad)}`);
      // A heading per column.
      const headings = await page.$$eval('#compare-columns > li', (els) => els.map((e) => e.querySelector('article > h3')?.id || ''));
      assert.ok(headings.every(Boolean), 'each column is headed');
    }
    // Keyboard: from the view's title, Tab reaches the buttons and each column's steps.
    await page.focus('#compare-title');
    const reached = new Set();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName));
    }
    assert.ok(reached.has('close-compare') && reached.has('copy-compare-link') && reached.has('SUMMARY'), [...reached].join(' '));
    await page.focus('#close-compare');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#verdict[data-outcome]');
    assert.deepEqual(problems, []);
  });
});

test('embed: compare(scenario) equals `xborder compare --format json`, plain objects, and refuses bad input as evaluate() does', async () => {
  const files = fs.readdirSync(COMPARE).filter((f) => f.endsWith('.scenario.json')).sort().map((f) => path.join(COMPARE, f));
  assert.ok(files.length >= 5, 'compare scenarios');
  const scenarios = files.map(readJson);
  const want = scenarios.map(cliCompare);
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'xborder-compare-'));
  fs.symlinkSync(DIST, path.join(tree, 'app'));
  fs.mkdirSync(path.join(tree, 'host'));
  fs.writeFileSync(path.join(tree, 'host', 'api.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'">
<title>Host</title><link rel="icon" href="data:,"></head><body><p>Host</p></body></html>`);
  const server = await serve(tree);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xborder-chromium-'));
  const { ctx, page } = await launch(dir, {});
  try {
    await page.goto(server.url + 'host/api.html');
    const got = await page.evaluate(async (scenarios) => {
      const m = await import(new URL('../app/embed.js', location.href).href);
      let early;
      try { m.compare(scenarios[0]); early = 'returned'; } catch (e) { early = e.message; }
      await m.ready;
      const plain = (v) => v === null || typeof v !== 'object' || (Array.isArray(v) ? v.every(plain)
        : Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(plain));
      const out = scenarios.map((s) => m.compare(s));
      const err = (f) => { try { f(); return null; } catch (e) { return { message: e.message, path: e.path, error: e instanceof Error }; } };
      const bad = [{ schema: 2 }, { schema: 1 }, { schema: 1, handler: { in_zone: true, ciio: false }, list: 'nope' },
        { schema: 1, handler: { in_zone: true, ciio: false }, list: 'bj-2025', sector: 'retail', personal_information: [{ persons: -5, sensitive_persons: 0 }] }];
      return {
        early, exports: Object.keys(m).sort(), plain: out.every(plain),
        out: out.map((c) => JSON.parse(JSON.stringify(c))),
        string: m.compare(JSON.stringify(scenarios[0])).columns.length,
        errors: bad.map((b) => [err(() => m.compare(b)), err(() => m.evaluate(b))]),
      };
    }, scenarios);
    assert.match(got.early, /compare\(\) was called before the module was ready/);
    assert.ok(got.exports.includes('compare') && got.exports.includes('evaluate'), got.exports.join(' '));
    assert.equal(got.plain, true, 'plain JS objects');
    for (const [i, f] of files.entries()) assert.deepEqual(got.out[i], want[i], `compare(${path.basename(f)}) equals xborder compare --format json`);
    assert.equal(got.string, want[0].columns.length, 'a JSON string is read too');
    for (const [c, e] of got.errors) {
      assert.ok(c && c.error, 'compare() throws an Error');
      assert.deepEqual(c, e, 'the same message and path as evaluate()');
    }
  } finally {
    await ctx.close().catch(() => {});
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(tree, { recursive: true, force: true });
  }
});

test('embedded: the widget opens the compare view too, inside its shadow root, and its link opens the standalone checker\'s compare view', async () => {
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'xborder-compare-'));
  fs.symlinkSync(DIST, path.join(tree, 'app'));
  fs.mkdirSync(path.join(tree, 'host'));
  fs.writeFileSync(path.join(tree, 'host', 'w.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'">
<title>Host</title><link rel="icon" href="data:,"><script type="module" src="../app/embed.js"></script></head>
<body><xborder-checker id="w" lang="en" list="bj-2025" sector="retail"></xborder-checker></body></html>`);
  const server = await serve(tree);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xborder-chromium-'));
  const { ctx, page } = await launch(dir, {});
  try {
    await page.goto(server.url + 'host/w.html');
    await page.waitForSelector('#w #verdict[data-outcome]', { timeout: PATIENCE });
    await page.check('#w #q-in-zone-yes');
    await page.click('#w #pi-add');
    const base = (await page.getAttribute('#w .pi-row:last-child h3', 'id')).replace(/-title$/, '');
    await page.selectOption(`#w #${base}-scenario`, 'member-management');
    await page.fill(`#w #${base}-persons`, '900000');
    await page.fill(`#w #${base}-sensitive`, '0');
    await answerNo(page, '#w');
    await page.click('#w #open-compare');
    await page.waitForSelector('#w #compare-columns');
    await settled(page);
    const cols = await pageColumns(page, '#w');
    const held = await page.evaluate(() => document.getElementById('w').scenario);
    assert.deepEqual(comparable(cols), cliColumns(cliCompare(held)), 'the widget\'s columns are the CLI\'s for the element\'s scenario');
    assert.equal(page.url(), server.url + 'host/w.html', 'the host\'s address is untouched');
    await page.click('#w #copy-compare-link');
    const link = await page.inputValue('#w #compare-link-out');
    assert.ok(link.startsWith(server.url + 'app/#1~') && link.endsWith('~vc'), link);
  } finally {
    await ctx.close().catch(() => {});
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(tree, { recursive: true, force: true });
  }
});
