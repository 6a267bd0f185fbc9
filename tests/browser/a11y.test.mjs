// Accessibility: axe-core (local npm package) on the empty form, on full Chongqing and Beijing
// verdicts with every disclosure open, and on the page's other states (a bad link, an invalid
// number with a stale verdict and a shown link, "Start over"), in Chinese and in English: no
// serious or critical violation. And keyboard-only use: a Beijing scenario filled with the
// keyboard alone reaches the CLI's verdict; the skip link and the verdict's own links move focus.
// Run: `node --test a11y.test.mjs` (tests/browser/run.sh builds dist/ and the CLI first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ROOT, withBrowser, load, waitVerdict, storage, tabTo, arrowTo, cliVerdict, cliLink, codes, normFragment, answerNo, answerNoByKeyboard,
} from './lib/browser.mjs';
import { runAxe, formatViolations, IMPACTS, AXE_VERSION } from './lib/axe.mjs';

const GOLDEN = path.join(ROOT, 'tests/golden');
const CHONGQING = path.join(GOLDEN, 'cq-typical.scenario.json');
const BEIJING = path.join(GOLDEN, 'bj-pharma-typical.scenario.json');
const BJ_KEYBOARD = path.join(ROOT, 'tests/browser/fixtures/bj-keyboard.scenario.json');

/** Opens every disclosure: sector notes, thresholds, source texts, the reasoning trace. */
const openAll = (page) => page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));

/** Every item of the sector on show (not only the chosen scenarios'), so axe sees them all. */
async function showAllItems(page) {
  if (await page.$('#q-show-all')) await page.check('#q-show-all');
}

/** The states scanned, each reached from a fresh load. */
const STATES = [
  ['empty form', async (page, url) => { await load(page, url); }],
  ['Chongqing verdict, everything open', async (page, url) => {
    await load(page, cliLink(CHONGQING, url));
    await showAllItems(page);
    await openAll(page);
  }],
  ['Beijing verdict, everything open', async (page, url) => {
    await load(page, cliLink(BEIJING, url));
    await page.check('#sc-clinical-trials');
    await showAllItems(page);
    await page.check('#item-bj-2025-pharma-1'); // an item with exceptions shows its yes/no questions
    await openAll(page);
  }],
  ['a bad link: message and empty form', async (page, url) => { await load(page, `${url}#"><img src=x>`); }],
  ['an invalid number, a stale verdict and a copied link', async (page, url) => {
    await load(page, cliLink(BEIJING, url));
    await page.click('#copy-link');
    await page.waitForSelector('#link-out');
    await page.fill('.pi-row:nth-child(1) input[id$="-persons"]', 'abc');
    await page.fill('.pi-row:nth-child(2) input[id$="-sensitive"]', '99999999');
    await page.waitForSelector('.field.invalid');
    await openAll(page);
  }],
  ['after "Start over" (with Undo)', async (page, url) => {
    await load(page, cliLink(CHONGQING, url));
    await page.click('#start-over');
    await page.waitForSelector('#notice-undo');
  }],
];

test(`axe-core ${AXE_VERSION}: no serious or critical violation, in both languages, empty and with verdicts`, async () => {
  const totals = Object.fromEntries(IMPACTS.map((i) => [i, 0]));
  let incomplete = 0;
  const failures = [];
  for (const [lang, locale] of [['zh', 'zh-CN'], ['en', 'en-US']]) {
    await withBrowser({ locale, viewport: { width: 1400, height: 1000 } }, async ({ page, url, problems }) => {
      for (const [name, reach] of STATES) {
        await reach(page, url);
        assert.equal(await page.getAttribute('html', 'lang'), lang === 'zh' ? 'zh-CN' : 'en');
        const r = await runAxe(page);
        for (const i of IMPACTS) totals[i] += r.counts[i];
        incomplete += r.incomplete.reduce((n, v) => n + v.nodes.length, 0);
        const line = IMPACTS.map((i) => `${i} ${r.counts[i]}`).join(', ');
        const rules = r.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(', ');
        console.log(`a11y: ${lang} ${name}: ${line}${rules ? ` — ${rules}` : ''}; needs review ${r.incomplete.map((v) => `${v.id} ${v.nodes.length}`).join(', ') || 'none'}`);
        const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        if (bad.length) failures.push(`${lang} ${name}:\n${formatViolations(bad)}`);
      }
      assert.deepEqual(problems, [], 'no console error or warning');
    });
  }
  console.log(`a11y: totals over ${STATES.length} states x 2 languages (violating nodes by impact): ${IMPACTS.map((i) => `${i} ${totals[i]}`).join(', ')}; needs review ${incomplete}`);
  assert.deepEqual(failures, [], 'serious or critical axe violations');
});

test('reflow: at 320 CSS pixels wide nothing scrolls sideways (WCAG 1.4.10), in both languages', async () => {
  for (const locale of ['en-US', 'zh-CN']) {
    await withBrowser({ locale, viewport: { width: 320, height: 800 } }, async ({ page, url }) => {
      for (const [name, reach] of STATES.filter(([n]) => !/Start over/.test(n))) {
        await reach(page, url);
        const r = await page.evaluate(() => {
          const w = document.documentElement.clientWidth;
          const wide = [...document.querySelectorAll('body *')]
            .filter((e) => { const b = e.getBoundingClientRect(); return b.width > 0 && b.right > w + 1 && !e.closest('.skip'); })
            .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className} (right edge ${Math.round(e.getBoundingClientRect().right)})`);
          return { scroll: document.documentElement.scrollWidth, w, wide };
        });
        assert.ok(r.scroll <= r.w, `${locale} ${name}: the page is ${r.scroll} px wide in a ${r.w} px window: ${r.wide.join(', ')}`);
      }
    });
  }
});

test('keyboard focus is never hidden behind the narrow screen\'s outcome bar (WCAG 2.2 2.4.11)', async () => {
  for (const [viewport, locale] of [[{ width: 390, height: 844 }, 'en-US'], [{ width: 320, height: 640 }, 'zh-CN'], [{ width: 900, height: 700 }, 'en-US']]) {
    await withBrowser({ locale, viewport }, async ({ page, url }) => {
      await load(page, cliLink(BEIJING, url));
      await page.focus('body');
      const hidden = [];
      let stops = 0;
      for (let i = 0; i < 400; i++) {
        await page.keyboard.press('Tab');
        const f = await page.evaluate(() => {
          const e = document.activeElement;
          if (!e || e === document.body) return null;
          const barEl = document.querySelector('.outcome-bar');
          const bar = barEl?.getBoundingClientRect();
          const box = (e.closest('.choice') || e).getBoundingClientRect();
          // The bar itself (a link to the verdict) is not behind the bar.
          const behind = !!bar && e !== barEl && bar.height > 0 && box.top >= bar.top - 0.5 && box.bottom <= bar.bottom + 0.5;
          return { id: e.id || `${e.tagName.toLowerCase()} "${e.textContent.trim().slice(0, 20)}"`, hidden: behind, last: e.id === 'lang-switch' };
        });
        if (!f) continue;
        stops += 1;
        if (f.hidden) hidden.push(f.id);
        if (stops > 5 && f.last) break; // wrapped round to the top of the page
      }
      assert.ok(stops > 50, `${viewport.width} px: tabbed through only ${stops} stops`);
      assert.deepEqual(hidden, [], `${viewport.width} px: focused controls entirely behind the outcome bar`);
    });
  }
});

/** Keyboard only: a Beijing pharma scenario (fixtures/bj-keyboard), as a person would type it. */
async function fillBeijingByKeyboard(page) {
  await page.focus('body');
  await tabTo(page, '#q-zone');
  await arrowTo(page, 'beijing');
  // The question starts unanswered (a zone chosen is not a zone one is in): Tab lands on "Yes".
  await tabTo(page, '#q-in-zone-yes');
  assert.equal(await page.isChecked('#q-in-zone-yes') || await page.isChecked('#q-in-zone-no') || await page.isChecked('#q-in-zone-unknown'), false, 'nothing pre-answered');
  await page.keyboard.press('Space');
  // Nothing is pre-answered: the CIIO question, answered "No" by keyboard.
  await answerNoByKeyboard(page, ['q-ciio']);
  assert.equal(await page.isChecked('#q-in-zone-yes'), true, 'in-zone answered yes by keyboard');
  assert.equal(await page.inputValue('#q-list'), 'bj-2025', 'the zone\'s own list is chosen');
  await tabTo(page, '#q-sector');
  await arrowTo(page, 'pharma');
  await tabTo(page, '#sc-clinical-trials');
  await page.keyboard.press('Space');
  await tabTo(page, '#sc-pharmacovigilance');
  await page.keyboard.press('Space');
  // The genetic-data item: found by typing in the search box, ticked with Space.
  await tabTo(page, '#q-search');
  await page.keyboard.type('基因');
  await tabTo(page, '#item-bj-2025-pharma-15');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('#item-bj-2025-pharma-15'), true);
  const rows = [['clinical-trials', 'subjects', '30000', '30000'], ['pharmacovigilance', 'patients', '60,000', '6万']];
  for (const [scenario, group, persons, sensitive] of rows) {
    await tabTo(page, '#pi-add');
    await page.keyboard.press('Enter');
    const base = (await page.getAttribute('.pi-row:last-child h3', 'id')).replace(/-title$/, '');
    await tabTo(page, `#${base}-scenario`);
    await arrowTo(page, scenario);
    await tabTo(page, `#${base}-group`);
    await arrowTo(page, group);
    await tabTo(page, `#${base}-persons`);
    await page.keyboard.type(persons);
    await tabTo(page, `#${base}-sensitive`);
    await page.keyboard.type(sensitive);
    await page.keyboard.press('Tab');
  }
  await answerNoByKeyboard(page, ['q-notified', 'q-core', 'q-export']);
}

test('a Beijing scenario filled with the keyboard only reaches the CLI\'s verdict (`xborder check --format json`)', async () => {
  const want = cliVerdict(BJ_KEYBOARD);
  for (const locale of ['en-US', 'zh-CN']) {
    await withBrowser({ locale }, async ({ page, url, problems }) => {
      await load(page, url);
      await fillBeijingByKeyboard(page);
      await waitVerdict(page, want.outcome, codes(want));
      const v = await page.$eval('#verdict', (e) => ({ outcome: e.dataset.outcome, pathways: e.dataset.pathways, stale: e.dataset.stale }));
      assert.deepEqual(v, { outcome: want.outcome, pathways: codes(want), stale: 'false' }, `${locale}: data-outcome and data-pathways as the CLI says`);
      // The form holds exactly the fixture's scenario: its draft is the CLI's permalink.
      const { local } = await storage(page);
      assert.equal(normFragment(local['xborder.draft']), normFragment(cliLink(BJ_KEYBOARD, url)), `${locale}: the form describes the fixture`);
      assert.equal(await page.inputValue('.pi-row:nth-child(2) input[id$="-sensitive"]'), '60,000', 'typed "6万" is read as 60,000');
      console.log(`a11y: keyboard-only Beijing (${locale}): ${v.outcome} [${v.pathways}], as \`xborder check\``);
      assert.deepEqual(problems, []);
    });
  }
});

test('keyboard: the skip link and the verdict\'s links move focus; focus stays visible', async () => {
  await withBrowser({}, async ({ page, url }) => {
    await load(page, cliLink(BEIJING, url));
    await page.focus('body');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip', 'the first Tab reaches the skip link');
    const box = await page.locator('.skip').boundingBox();
    assert.ok(box && box.y >= 0, 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'verdict', 'Enter moves focus to the verdict');
    for (const target of ['v-pathways', 'v-findings', 'v-obligations']) {
      await page.focus(`.verdict-nav a[href="#${target}"]`);
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.id), target, `the "${target}" link moves focus`);
    }
    // Every focusable control shows a visible focus indicator when reached by keyboard.
    await page.focus('body');
    const missing = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const e = document.activeElement;
        if (!e || e === document.body) return null;
        const cs = getComputedStyle(e);
        const wrap = e.closest('.choice');
        const ring = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
        const wrapRing = wrap && getComputedStyle(wrap).outlineStyle !== 'none';
        return { id: e.id || e.tagName.toLowerCase(), ok: ring || !!wrapRing || cs.boxShadow !== 'none' };
      });
      if (f && !f.ok) missing.push(f.id);
    }
    assert.deepEqual(missing, [], 'controls without a visible focus indicator');
  });
});

test('on a phone, the outcome bar is a link that jumps to the verdict', async () => {
  await withBrowser({ viewport: { width: 390, height: 844 } }, async ({ page, url }) => {
    await load(page, cliLink(BEIJING, url));
    await page.waitForSelector('#outcome-bar');
    assert.equal(await page.getAttribute('#outcome-bar', 'href'), '#verdict');
    await page.click('#outcome-bar');
    await page.waitForFunction(() => document.activeElement?.id === 'verdict');
    // The verdict is scrolled into view (its top within the window, allowing for subpixels).
    await page.waitForFunction(() => { const r = document.querySelector('#verdict').getBoundingClientRect(); return r.top > -2 && r.top < innerHeight && r.bottom > 0; });
  });
});
