// Browser tests of the release web app (dist/), in headless Chromium via playwright-core.
// Run: `node --test` in this folder (tests/browser/run.sh builds everything first).
// Env: XBORDER_DIST (default <repo>/dist), XBORDER_CLI (default target/release/xborder).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, start, load, reload, settled, verdictOf, waitVerdict, storage, tabTo, arrowTo, cliVerdict, cliLink,
  cliDecode, codes, scenarioFiles, normFragment, answerNo, answerNoByKeyboard, fillForm,
} from './lib/browser.mjs';

const FIX = path.join(ROOT, 'tests/browser/fixtures');
const KEYBOARD = path.join(FIX, 'cq-keyboard.scenario.json');
const TYPICAL = fs.existsSync(path.join(ROOT, 'tests/golden/cq-typical.scenario.json'))
  ? path.join(ROOT, 'tests/golden/cq-typical.scenario.json')
  : KEYBOARD;
const DRAFT = 'xborder.draft';
const LANG = 'xborder.lang';

/** Runs `fn` with a fresh browser and server, closing both whatever happens. */
async function withBrowser(opts, fn) {
  const s = await start(opts);
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

/** Fills a Chongqing scenario with the keyboard only (the scenario of fixtures/cq-keyboard). */
async function fillChongqingByKeyboard(page) {
  await page.focus('body');
  await tabTo(page, '#q-zone');
  await arrowTo(page, 'chongqing');
  // The question starts unanswered (a zone chosen is not a zone one is in): Tab lands on "Yes".
  await tabTo(page, '#q-in-zone-yes');
  assert.equal(await page.isChecked('#q-in-zone-yes') || await page.isChecked('#q-in-zone-no') || await page.isChecked('#q-in-zone-unknown'), false, 'nothing pre-answered');
  await page.keyboard.press('Space');
  // Nothing is pre-answered: the CIIO question, answered "No" by keyboard.
  await answerNoByKeyboard(page, ['q-ciio']);
  assert.equal(await page.isChecked('#q-in-zone-yes'), true, 'in-zone answered yes by keyboard');
  assert.equal(await page.inputValue('#q-list'), 'cq-2025', 'the zone\'s own list is chosen');
  await tabTo(page, '#q-sector');
  await arrowTo(page, 'auto');
  await tabTo(page, '#sc-ota');
  await page.keyboard.press('Space');
  await tabTo(page, '#sc-telematics');
  await page.keyboard.press('Space');
  await tabTo(page, '#item-cq-2025-auto-18');
  await page.keyboard.press('Space');
  await tabTo(page, '#pi-add');
  await page.keyboard.press('Enter');
  const row = await page.getAttribute('.pi-row:last-child h3', 'id');
  const base = row.replace(/-title$/, '');
  await tabTo(page, `#${base}-scenario`);
  await arrowTo(page, 'telematics');
  await tabTo(page, `#${base}-persons`);
  await page.keyboard.type('150000');
  await tabTo(page, `#${base}-sensitive`);
  await page.keyboard.type('2000');
  await page.keyboard.press('Tab');
  await answerNoByKeyboard(page, ['q-notified', 'q-core', 'q-export']);
}

test('the empty page loads with no console errors and a verdict element', async () => {
  await withBrowser({}, async ({ page, url, problems, server }) => {
    await load(page, url);
    const v = await page.$('#verdict');
    assert.equal(await v.getAttribute('aria-live'), 'polite');
    // The neutral start (contract: "Page states"): nothing described, no outcome.
    assert.equal(await v.getAttribute('data-outcome'), '');
    assert.equal(typeof (await v.getAttribute('data-pathways')), 'string');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.$('#boot'), null, 'the loading message is gone');
    // Every control has a label.
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.id || el.outerHTML.slice(0, 60)));
    assert.deepEqual(unlabelled, []);
    // The CSP is in force and strict.
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    for (const d of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
      assert.ok(csp.includes(d), `CSP has ${d}`);
    }
    assert.equal(await page.$$eval('script:not([src])', (s) => s.length), 0, 'no inline script');
    assert.ok(server.requests.every((r) => !r.url.includes('favicon')), 'no favicon request');
    assert.deepEqual(problems, []);
  });
});

test('a Chongqing scenario filled with the keyboard only reaches the CLI\'s verdict', async () => {
  const want = cliVerdict(KEYBOARD);
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await fillChongqingByKeyboard(page);
    await waitVerdict(page, want.outcome, codes(want));
    // The form describes exactly the fixture: its draft is the CLI's permalink fragment.
    const { local } = await storage(page);
    assert.equal(local[DRAFT], cliLink(KEYBOARD, url).split('#')[1]);
    // Focus is visible on keyboard use.
    await page.focus('#q-zone');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'a visible focus outline');
    assert.deepEqual(problems, []);
  });
});

test('permalinks from `xborder link` open and show the CLI\'s outcome and pathways', async () => {
  const files = scenarioFiles();
  assert.ok(files.length > 0, 'scenario files to check');
  await withBrowser({}, async ({ page, url, problems }) => {
    for (const file of files) {
      const want = cliVerdict(file);
      const link = cliLink(file, url);
      await load(page, link);
      await waitVerdict(page, want.outcome, codes(want)).catch((e) => { throw new Error(`${path.basename(file)}: ${e.message}`); });
      // The restored form makes the same scenario again: "Copy link" gives an equivalent link.
      await page.click('#copy-link');
      await page.waitForFunction(() => location.hash.length > 1);
      const hash = await page.evaluate(() => location.hash);
      assert.equal(normFragment(hash), normFragment(link), `${path.basename(file)}: the copied link holds the same scenario`);
    }
    assert.deepEqual(problems, []);
  });
});

test('a carve-out read two ways is labelled so, and its "yes" keeps the item with the warning (贸易物流 item 2)', async () => {
  const file = path.join(ROOT, 'tests/golden/bj-logistics-hub-status-only-stays.scenario.json');
  await withBrowser({ locale: 'en-US' }, async ({ page, url, problems }) => {
    await load(page, cliLink(file, url));
    await waitVerdict(page, 'security_assessment', 'security_assessment');
    const q = page.locator('#ix-bj-2025-logistics-2-trade-transport-status-only-yes');
    assert.ok(await q.isChecked(), 'the answer is restored');
    const item = page.locator('li', { has: q }).last();
    assert.match(await item.innerText(), /Exception \(read two ways: not applied\)/);
    const warnings = await page.locator('#v-warnings').locator('xpath=..').innerText();
    assert.match(warnings, /can be read more than one way/);
    assert.match(warnings, /进出道口作业状态外的数据除外/);
    assert.deepEqual(problems, []);
  });
});

test('the downloaded JSON is {scenario, verdict} exactly as the CLI gives them', async () => {
  await withBrowser({}, async ({ page, url }) => {
    const link = cliLink(TYPICAL, url);
    await load(page, link);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
    const file = await download.path();
    const got = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(Object.keys(got).sort(), ['scenario', 'verdict']);
    assert.deepEqual(got.verdict, cliVerdict(TYPICAL));
    assert.deepEqual(got.scenario, cliDecode(link));
  });
});

test('ticking a business scenario puts its items first and hides none: the lists name scenarios to help identify the data', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await page.selectOption('#q-zone', 'chongqing');
    await page.selectOption('#q-sector', 'auto');
    await page.check('#sc-ota');
    // Item 18 (OTA) comes first; item 1 (design) is still there.
    const first = await page.$eval('input[id^="item-cq-2025-auto-"]', (e) => e.id);
    assert.equal(first, 'item-cq-2025-auto-18');
    assert.ok(await page.isVisible('#item-cq-2025-auto-1'), 'an item of another scenario stays listed');
    assert.equal(await page.isChecked('#q-show-all'), true, 'every item is shown by default');
    // Narrowing is the user's choice, and the page says what it leaves out.
    await page.uncheck('#q-show-all');
    assert.equal(await page.$('#item-cq-2025-auto-1'), null);
    assert.match(await page.textContent('.search-row'), /listed data arising in another scenario is still listed/);
    assert.deepEqual(problems, []);
  });
});

test('a bad fragment shows a message and a working, empty form, and keeps the draft', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await page.selectOption('#q-zone', 'chongqing');
    // Who the zone's measures bind is our summary of them (not their words), and says so.
    assert.match(await page.textContent('.zone-note'), /^(适用对象（本工具概括）：|Who it binds \(our summary\): )/);
    await page.check('#q-in-zone-yes');
    await answerNo(page);
    await page.waitForFunction((k) => !!localStorage.getItem(k), DRAFT);
    const draft = (await storage(page)).local[DRAFT];

    for (const bad of ['#not-a-link', '#1~rffff~lcq-2025~h1~i999', '#1~r00000000~lzz-2099~h1', '#9~r1~h0', '#' + 'x'.repeat(5000)]) {
      await load(page, url + bad);
      const notice = await page.textContent('#notice');
      assert.match(notice, /could not be opened/, `message for ${bad.slice(0, 30)}`);
      assert.equal(await page.inputValue('#q-zone'), '', 'the form is empty');
      assert.equal((await storage(page)).local[DRAFT], draft, 'the draft is kept');
    }
    // The same through a hash change on the open page.
    await page.evaluate(() => { location.hash = '#1~broken'; });
    await page.waitForFunction(() => /could not be opened/.test(document.querySelector('#notice')?.textContent || ''));
    assert.equal((await storage(page)).local[DRAFT], draft);
    // The empty form works.
    await page.selectOption('#q-zone', 'chongqing');
    await page.check('#q-in-zone-yes');
    await answerNo(page);
    await page.selectOption('#q-sector', 'auto');
    await page.check('#item-cq-2025-auto-26');
    await waitVerdict(page, 'security_assessment', 'security_assessment');
    // And the saved draft can be opened instead.
    await load(page, url + '#garbage');
    await page.click('#notice-open-draft');
    assert.equal(await page.inputValue('#q-zone'), 'chongqing');
    assert.deepEqual(problems.filter((p) => !/favicon/.test(p)), []);
  });
});

test('a link made under other rules says so and still opens', async () => {
  const want = cliVerdict(TYPICAL);
  await withBrowser({}, async ({ page, url }) => {
    const link = cliLink(TYPICAL, url).replace(/~r[0-9a-f]+~/, '~r00000000~');
    await load(page, link);
    await page.waitForSelector('#rules-changed');
    await waitVerdict(page, want.outcome, codes(want));
  });
});

test('the language follows the browser, switches, sets <html lang>, and is remembered', async () => {
  await withBrowser({ locale: 'zh-CN' }, async ({ page, url }) => {
    await load(page, url);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.match(await page.textContent('h1'), /数据出境/);
  });
  await withBrowser({ locale: 'en-US' }, async ({ page, url }) => {
    await load(page, url);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    assert.match(await page.textContent('h1'), /数据出境/);
    assert.equal((await storage(page)).local[LANG], 'zh');
    await reload(page); // <html lang> is set by an effect: reload waits for the app's effects
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await page.keyboard.press('Tab'); // the switch is a plain button, reachable by keyboard
    await page.focus('#lang-switch');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  });
});

test('no request after load while editing, copying a link and switching language; storage holds only the draft and the language', async () => {
  await withBrowser({}, async ({ page, url, server, ctx }) => {
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url.replace(/\/$/, '') });
    await load(page, url);
    await page.waitForLoadState('networkidle');
    const before = server.requests.length;
    const seen = [];
    page.on('request', (r) => seen.push(r.url()));

    await page.selectOption('#q-zone', 'chongqing');
    await page.check('#q-in-zone-yes');
    await answerNo(page);
    await page.selectOption('#q-sector', 'auto');
    await page.check('#sc-ota');
    await page.fill('#q-search', 'OTA');
    await page.check('#item-cq-2025-auto-18');
    await page.check('#ix-cq-2025-auto-18-ota-filed-yes');
    await page.click('#pi-add');
    await page.fill('.pi-row input[id$="-persons"]', '150000');
    await page.fill('.pi-row input[id$="-sensitive"]', '12');
    await page.click('.source summary');
    await page.click('#copy-link');
    await page.waitForSelector('#link-out');
    const link = await page.inputValue('#link-out');
    assert.ok(link.startsWith(url + '#1~'), 'the link is this page plus the fragment');
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.click('summary >> text=Why');
    await settled(page); // all the work above has run: nothing left that could still fetch

    assert.deepEqual(seen, [], 'no request from the page');
    assert.equal(server.requests.length, before, 'nothing reached the server');
    const st = await storage(page);
    assert.deepEqual(Object.keys(st.local).sort(), [DRAFT, LANG]);
    assert.equal(st.session, 0);
    assert.equal(st.cookie, '');
    const dbs = await page.evaluate(async () => (indexedDB.databases ? (await indexedDB.databases()).length : 0));
    assert.equal(dbs, 0);
  });
});

test('numbers are checked inline; the last valid verdict stays meanwhile', async () => {
  await withBrowser({}, async ({ page, url }) => {
    const contract = path.join(ROOT, 'tests/golden/cq-contract-band.scenario.json');
    const file = fs.existsSync(contract) ? contract : KEYBOARD;
    const want = cliVerdict(file);
    await load(page, cliLink(file, url));
    await waitVerdict(page, want.outcome, codes(want));
    const persons = '.pi-row input[id$="-persons"]';
    const sensitive = '.pi-row input[id$="-sensitive"]';
    assert.equal(await page.inputValue(persons), (cliDecode(cliLink(file, url)).personal_information[0].persons).toLocaleString('en-US'), 'thousands separators');
    const cases = [['abc', /number of persons/], ['-5', /negative/], ['1.5', /whole number/], ['99999999999', /at most/]];
    for (const [text, msg] of cases) {
      await page.fill(persons, text);
      const err = await page.textContent('.field.invalid .field-error');
      assert.match(err, msg, `message for ${text}`);
      assert.match(err, /^Group 1 · persons: /, 'the message names the field as the form shows it');
      assert.doesNotMatch(err, /personal_information/, 'no JSON path');
      assert.equal(await page.getAttribute(persons, 'aria-invalid'), 'true');
      const v = await verdictOf(page);
      assert.deepEqual([v.outcome, v.pathways, v.stale], [want.outcome, codes(want), 'true'], 'the last valid verdict stays');
    }
    await page.fill(persons, '100');
    await page.fill(sensitive, '200');
    assert.match(await page.textContent('.field.invalid .field-error'), /^Group 1 · persons with sensitive information: .*exceed/);
    await page.fill(sensitive, '0');
    await page.fill(persons, '15万');
    assert.match(await page.textContent('.pi-row .echo'), /150,000/);
    await page.locator(persons).blur();
    assert.equal(await page.inputValue(persons), '150,000');
    assert.equal((await verdictOf(page)).stale, 'false');
  });
});

test('the draft survives a reload; "Start over" removes it (and Undo brings it back)', async () => {
  const want = cliVerdict(KEYBOARD);
  await withBrowser({}, async ({ page, url }) => {
    await load(page, url);
    await fillChongqingByKeyboard(page);
    await waitVerdict(page, want.outcome, codes(want)); // and the draft is saved (an effect)
    await reload(page);
    await waitVerdict(page, want.outcome, codes(want));
    assert.equal(await page.inputValue('.pi-row input[id$="-persons"]'), '150,000');
    assert.equal(await page.isChecked('#item-cq-2025-auto-18'), true);
    await page.click('#start-over');
    await page.waitForFunction((k) => localStorage.getItem(k) === null, DRAFT);
    assert.equal(await page.inputValue('#q-zone'), '');
    await page.click('#notice-undo');
    await page.waitForFunction((k) => localStorage.getItem(k) !== null, DRAFT);
    await waitVerdict(page, want.outcome, codes(want));
    await page.click('#start-over');
    // The draft is removed by an effect, which may run a task after the click: reload after it.
    await page.waitForFunction((k) => localStorage.getItem(k) === null, DRAFT);
    await reload(page);
    assert.equal(await page.inputValue('#q-zone'), '', 'after Start over a reload shows an empty form');
    assert.deepEqual(Object.keys((await storage(page)).local).filter((k) => k === DRAFT), []);
  });
});

/** Text whose contrast with its background is below WCAG AA (4.5:1; 3:1 for large text). */
const lowContrast = (page) => page.evaluate(() => {
  const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
  const lum = ({ r, g, b }) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const over = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1 });
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (const c of layers.reverse()) bg = over(c, bg);
    return bg;
  };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (cs.visibility === 'hidden' || r.width === 0 || r.height === 0 || el.closest('[aria-hidden="true"]')) continue;
    const bg = background(el);
    const fg = over(parse(cs.color), bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(cs.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) bad.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
  }
  return bad;
});

test('text meets WCAG AA contrast, in both languages, empty and with a verdict', async () => {
  for (const locale of ['en-US', 'zh-CN']) {
    await withBrowser({ locale, viewport: { width: 1400, height: 6000 } }, async ({ page, url }) => {
      await load(page, url);
      assert.deepEqual(await lowContrast(page), [], `${locale} empty`);
      await load(page, cliLink(TYPICAL, url));
      await page.click('#copy-link');
      await page.waitForSelector('#link-out'); // the copied link is shown once the clipboard has answered
      await page.fill('.pi-row input[id$="-persons"]', 'x');
      for (const d of await page.$$('details')) await d.evaluate((e) => { e.open = true; });
      await settled(page); // no colour transition under way
      assert.deepEqual(await lowContrast(page), [], `${locale} with a verdict, an invalid field and everything open`);
    });
  }
});

test('the four jobs on a phone, through the form, in both languages: the verdict the law gives, reached from the outcome bar (docs/screenshots)', async () => {
  const out = path.join(ROOT, 'docs/screenshots');
  fs.mkdirSync(out, { recursive: true });
  const jobs = [
    ['chongqing-carmaker', 'cq-typical'],
    ['beijing-retailer', 'bj-retail-members-900k'],
    ['beijing-pharma', 'bj-pharma-typical'],
    ['outside-any-zone', 'nat-contract-200k'],
  ];
  for (const [lang, locale] of [['en', 'en-US'], ['zh', 'zh-CN']]) {
    for (const [job, golden] of jobs) {
      // A fresh browser for each job: no draft of the one before.
      await withBrowser({ locale, viewport: { width: 390, height: 844 } }, async ({ page, url, problems }) => {
        const file = path.join(ROOT, `tests/golden/${golden}.scenario.json`);
        const want = cliVerdict(file);
        // Through the form, as a newcomer on a phone does it; the page then holds the scenario.
        await load(page, url);
        await fillForm(page, JSON.parse(fs.readFileSync(file, 'utf8')));
        await waitVerdict(page, want.outcome, codes(want));
        assert.equal(await page.getAttribute('#verdict', 'data-decided'), 'true', `${job}: every question answered, the verdict is decided`);
        // On a phone the verdict is below the form: the outcome bar takes the user there.
        await page.click('#outcome-bar');
        await settled(page);
        const box = await page.locator('#verdict').boundingBox();
        assert.ok(box && box.y > -2 && box.y < 844, `${job}: the verdict is in view after the outcome bar (${JSON.stringify(box)})`);
        await page.screenshot({ path: path.join(out, `phone-${lang}-${job}.png`) });
        assert.deepEqual(problems, []);
      });
    }
  }
  for (const [job] of jobs) assert.ok(fs.existsSync(path.join(out, `phone-zh-${job}.png`)));
});

test('screenshots for people to look at (docs/screenshots)', async () => {
  const out = path.join(ROOT, 'docs/screenshots');
  fs.mkdirSync(out, { recursive: true });
  const shot = async (page, name, opts = {}) => {
    await settled(page);
    await page.screenshot({ path: path.join(out, `${name}.png`), ...opts });
  };
  // The page is settled after load: a notice is there or not, no waiting for one to come.
  const dismissNotice = async (page) => {
    if (await page.$('#notice-dismiss')) {
      await page.click('#notice-dismiss');
      await page.waitForSelector('#notice', { state: 'detached' });
    }
  };
  const beijing = path.join(ROOT, 'tests/golden/bj-pharma-typical.scenario.json');
  for (const [lang, locale] of [['en', 'en-US'], ['zh', 'zh-CN']]) {
    await withBrowser({ locale, viewport: { width: 1440, height: 1000 } }, async ({ page, url }) => {
      await load(page, url);
      await shot(page, `${lang}-empty`);
      await load(page, cliLink(TYPICAL, url));
      await dismissNotice(page);
      await shot(page, `${lang}-chongqing-verdict`);
      await page.evaluate(() => document.querySelector('#step-id').scrollIntoView());
      await shot(page, `${lang}-chongqing-items`);
      if (fs.existsSync(beijing)) {
        await load(page, cliLink(beijing, url));
        await dismissNotice(page);
        await page.evaluate(() => document.querySelector('#step-pi').scrollIntoView());
        await shot(page, `${lang}-beijing-verdict`);
      }
      await load(page, cliLink(TYPICAL, url));
      await page.setViewportSize({ width: 1440, height: 3600 });
      await page.locator('.verdict-col').screenshot({ path: path.join(out, `${lang}-chongqing-panel.png`) });
    });
  }
  await withBrowser({ locale: 'en-US', viewport: { width: 390, height: 844 } }, async ({ page, url }) => {
    await load(page, cliLink(TYPICAL, url));
    await shot(page, 'en-narrow');
  });
  await withBrowser({ locale: 'en-US', viewport: { width: 1000, height: 1400 } }, async ({ page, url }) => {
    await load(page, cliLink(TYPICAL, url));
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'en-print', { fullPage: true });
  });
  assert.ok(fs.existsSync(path.join(out, 'zh-chongqing-verdict.png')));
});

test('switching zone keeps what still applies, says what it removed, and Undo brings it back', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await page.selectOption('#q-zone', 'beijing');
    await page.selectOption('#q-sector', 'pharma');
    await page.check('#item-bj-2025-pharma-15');
    await page.click('#pi-add');
    await page.selectOption('#pi-1-scenario', 'clinical-trials');
    await page.selectOption('#pi-1-group', 'subjects');
    await page.fill('#pi-1-persons', '30000');
    await page.selectOption('#q-zone', 'chongqing');
    await page.waitForSelector('#notice-removed');
    assert.match(await page.textContent('#notice-removed'), /Removed what no longer applies: the sector Pharmaceuticals, 1 listed item, the business scenario and group of 1 group of people \(their numbers are kept\)\./);
    assert.match(await page.inputValue('#pi-1-persons'), /^30,?000$/, 'the numbers stay');
    await page.click('#notice-undo');
    await page.waitForFunction(() => document.querySelector('#q-zone').value === 'beijing');
    assert.equal(await page.inputValue('#q-sector'), 'pharma');
    assert.equal(await page.isChecked('#item-bj-2025-pharma-15'), true);
    assert.equal(await page.inputValue('#pi-1-group'), 'subjects');
    assert.equal(await page.$('#notice-removed'), null);
    assert.deepEqual(problems.filter((p) => !/favicon/.test(p)), []);
  });
});

test('a damaged link opens an empty form, and offers what it still holds, saying what it leaves out', async () => {
  const file = path.join(ROOT, 'tests/golden/bj-pharma-typical.scenario.json');
  await withBrowser({}, async ({ page, url, problems }) => {
    // Item 15 as "999" (a cut or altered link): the rest still reads.
    const link = cliLink(file, url).replace('~i15~', '~i15.999~');
    await load(page, link);
    await page.waitForSelector('#notice-salvage');
    assert.equal(await page.inputValue('#q-zone'), '', 'the form is empty until the user chooses (contract: "Web app")');
    assert.match(await page.textContent('#notice'), /could not be opened[\s\S]*opening it leaves out: a listed item\./);
    // The reason names the field as the form does, never a JSON path.
    assert.match(await page.textContent('#notice'), /Listed important data \(number 2\): expected an important-data item id/);
    assert.doesNotMatch(await page.textContent('#notice'), /important_data\[/);
    await page.click('#notice-salvage');
    await page.waitForSelector('#notice-salvaged');
    assert.match(await page.textContent('#notice-salvaged'), /Left out, as it could not be read: a listed item\. Check the form/);
    const want = cliVerdict(file);
    await waitVerdict(page, want.outcome, codes(want));
    assert.equal(await page.isChecked('#item-bj-2025-pharma-15'), true);
    assert.equal(await page.inputValue('#pi-3-group'), 'hcps-reporters');
    // Handler answers that cannot be read are left open, never "no".
    await load(page, cliLink(file, url).replace(/~h[0-9a-z]+~/, '~hzz~'));
    await page.click('#notice-salvage');
    await page.waitForSelector('#notice-salvaged');
    assert.match(await page.textContent('#notice-salvaged'), /the answers about the handler and the data \(left open instead\)/);
    assert.equal(await page.isChecked('#q-ciio-unknown'), true);
    assert.deepEqual(problems.filter((p) => !/favicon/.test(p)), []);
  });
});

test('the record: the matter block is kept in the draft and the link, and the printed report carries it with the permalink and whole item texts', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, cliLink(path.join(ROOT, 'tests/golden/bj-pharma-typical.scenario.json'), url));
    await page.fill('#matter-name', 'CRM 客户数据 / CRM export');
    await page.fill('#matter-recipient', 'Acme GmbH');
    await page.fill('#matter-country', 'Germany');
    await page.fill('#matter-date', '2026-12-02');
    await page.click('#copy-link');
    await page.waitForFunction(() => /~m/.test(location.hash));
    const link = await page.evaluate(() => location.href);
    assert.deepEqual(cliDecode(link).matter, { name: 'CRM 客户数据 / CRM export', recipient: 'Acme GmbH', country: 'Germany', date: '2026-12-02' });
    const report = await page.textContent('.report-summary');
    assert.match(report, /MatterCRM 客户数据 \/ CRM export/);
    assert.match(report, /Overseas recipientAcme GmbH/);
    assert.ok(report.includes(link), 'the report carries the permalink');
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    const zh = await page.textContent('.report-summary');
    assert.ok(zh.includes('第15项 遗传信息、达到国家有关部门规定的规模或者精度的基因数据。'), 'the item\'s whole text');
    // The draft keeps it across a reload; the link restores it in a fresh page.
    await reload(page);
    assert.equal(await page.inputValue('#matter-recipient'), 'Acme GmbH');
    await load(page, link);
    assert.equal(await page.inputValue('#matter-name'), 'CRM 客户数据 / CRM export');
    assert.deepEqual(problems.filter((p) => !/favicon/.test(p)), []);
  });
});
