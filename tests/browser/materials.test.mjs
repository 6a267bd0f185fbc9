// The materials checklist (issue 13): the verdict's checklists (`materials`, the texts of
// `xborder check --format materials`) as a printable page with real checkboxes, ticks kept in
// this browser across a reload, print called once, no request; absent for an exempt verdict.
// Run by tests/browser/run.sh (release dist/ and CLI built first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, withBrowser, load, reload, settled, waitVerdict, storage, cli, cliLink, PATIENCE, answerNo } from './lib/browser.mjs';
import { runAxe, formatViolations } from './lib/axe.mjs';

const GOLDEN = path.join(ROOT, 'tests/golden');
const ASSESSMENT = path.join(GOLDEN, 'nat-materials-assessment.scenario.json');
const EXEMPT = path.join(GOLDEN, 'nat-materials-exempt.scenario.json');
const CQ_CONTRACT = path.join(GOLDEN, 'cq-materials-report-contract.scenario.json');
const TICKS = 'xborder.materials';

/** In every document (an init script): window.print() only counts its calls (as privacy.test.mjs). */
function stubPrint() {
  let calls = 0;
  Object.defineProperty(window, '__xbPrintCalls', { get: () => calls });
  window.print = function print() { calls += 1; };
}

/** A checklist of the catalogue (`xborder rules list --format json`), by id. */
function checklist(id) {
  const cat = JSON.parse(cli('rules', 'list', '--format', 'json'));
  return cat.documents.flatMap((d) => d.materials).find((c) => c.id === id);
}

/** A material's checkbox, and its label, by checklist and item id (web/src/materials.rs: `mat-<key>`). */
const boxId = (c, item) => `[id="mat-${c}:${item}"]`;
const labelOf = (c, item) => `label[for="mat-${c}:${item}"]`;

async function openMaterials(page) {
  await page.click('#open-materials');
  await page.waitForSelector('#materials', { timeout: PATIENCE });
  await settled(page);
}

test('a national assessment: the four materials as checkboxes, a tick kept across a reload, print once, no request', async () => {
  await withBrowser({}, async ({ ctx, page, url, server, problems }) => {
    await ctx.addInitScript(stubPrint);
    const link = cliLink(ASSESSMENT, url);
    await load(page, link);
    await waitVerdict(page, 'security_assessment', 'security_assessment');
    const before = server.requests.length;

    await openMaterials(page);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'materials-title', 'focus moves to the checklist');
    assert.equal(await page.$('#q-zone'), null, 'the form gives way to the checklist');
    const sections = await page.$$eval('.materials-list', (s) => s.map((x) => x.dataset.checklist));
    assert.deepEqual(sections, ['national.materials-assessment']);

    const want = checklist('national.materials-assessment');
    assert.equal(want.items.length, 4);
    const view = await page.textContent('#materials');
    assert.match(view, /Security assessment declaration: materials checklist/);
    assert.match(view, /Measures for the Security Assessment of Outbound Data Transfers.*第六条/s, 'the citation: document and section');
    assert.match(view, /\(Summary\) \(wording not checked against the official text\)/);
    assert.ok(view.includes(`Note: ${want.caveat_en}`), 'the caveat');
    // Each material a real checkbox whose accessible name is its text (the label is clickable).
    for (const it of want.items) {
      const box = page.getByRole('checkbox', { name: it.text_en });
      assert.equal(await box.count(), 1, `a checkbox named ${it.text_en}`);
      assert.equal(await box.isChecked(), false);
    }

    // Tick one by its label: kept in this browser, under checklist id and item id.
    const self = boxId(want.id, 'self-assessment');
    await page.click(labelOf(want.id, 'self-assessment'));
    await settled(page);
    assert.equal(await page.isChecked(self), true);
    assert.equal((await storage(page)).local[TICKS], 'national.materials-assessment:self-assessment');

    // axe on the checklist view.
    const r = await runAxe(page);
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad, [], formatViolations(bad));

    // Print: the button calls window.print once; in print media only the checklist shows, no
    // material split across pages or clipped.
    assert.equal(await page.evaluate(() => window.__xbPrintCalls), 0);
    await page.click('#materials-print');
    await settled(page);
    assert.equal(await page.evaluate(() => window.__xbPrintCalls), 1, '"Print" calls window.print once');
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== 'none');
      const items = [...document.querySelectorAll('.materials-items li')];
      return {
        masthead: shown('.masthead'), actions: shown('.materials-actions'), footer: shown('.footer'),
        items: items.length,
        whole: items.every((li) => getComputedStyle(li).breakInside === 'avoid' && li.scrollWidth <= li.clientWidth + 1 && li.getBoundingClientRect().height > 0),
      };
    });
    assert.deepEqual(printed, { masthead: false, actions: false, footer: false, items: 4, whole: true });
    await page.pdf({ format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    assert.equal(server.requests.length, before, 'opening, ticking and printing made no request');

    // Back to the form: focus on the button that opened it.
    await page.click('#materials-back');
    await page.waitForSelector('#q-zone', { timeout: PATIENCE });
    await settled(page);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'open-materials');

    // Reload: the tick is still there; the others are not.
    await reload(page);
    const loaded = server.requests.length;
    await openMaterials(page);
    assert.equal(await page.isChecked(self), true, 'the tick survives a reload');
    assert.equal(await page.isChecked(boxId(want.id, 'declaration')), false);

    // Chinese follows the language switch, ticks and all.
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', undefined, { timeout: PATIENCE });
    await settled(page);
    const zh = await page.textContent('#materials');
    assert.match(zh, /数据出境安全评估申报材料清单/);
    assert.match(zh, /《数据出境安全评估办法》第六条/);
    assert.match(zh, /（摘要）（原文未经核实）/);
    assert.equal(await page.getByRole('checkbox', { name: '数据出境风险自评估报告。' }).isChecked(), true);

    // Unticking removes the key; "Clear ticks" leaves nothing stored.
    await page.click(labelOf(want.id, 'self-assessment'));
    await settled(page);
    assert.equal(TICKS in (await storage(page)).local, false);
    await page.click(labelOf(want.id, 'declaration'));
    await page.click('#materials-clear');
    await settled(page);
    assert.equal(await page.isChecked(boxId(want.id, 'declaration')), false);
    assert.equal(TICKS in (await storage(page)).local, false);
    assert.equal(server.requests.length, loaded, 'no request after the reload either');
    assert.deepEqual(problems, []);
  });
});

test('no checklist for an exempt verdict; a Chongqing contract verdict lists the report, filing and certification checklists', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, cliLink(EXEMPT, url));
    await waitVerdict(page, 'exempt', 'exempt');
    assert.equal(await page.$('#open-materials'), null, 'no checklist button when nothing is to be prepared');
    assert.equal(await page.$('#materials'), null);

    await load(page, cliLink(CQ_CONTRACT, url));
    await waitVerdict(page, 'standard_contract_or_certification', 'standard_contract_or_certification');
    // The printed report names the checklists too.
    assert.match(await page.textContent('.report-summary'), /Report to the FTZ block: materials checklist/);
    await openMaterials(page);
    const sections = await page.$$eval('.materials-list', (s) => s.map((x) => x.dataset.checklist));
    const v = JSON.parse(cli('check', CQ_CONTRACT, '--format', 'json'));
    assert.deepEqual(sections, v.materials, 'the verdict\'s checklists, in its order');
    const cq = await page.textContent('.materials-list[data-checklist="cq-guide.materials-report"]');
    assert.match(cq, /All of the above in Chinese, bearing your official seal/);
    assert.match(cq, /third party's English summary/);
    assert.equal(await page.$$eval('.materials-list[data-checklist="cq-guide.materials-report"] input[type=checkbox]', (x) => x.length), 7);
    assert.deepEqual(problems, []);
  });
});
