// The important-data identification guide (web/src/guide.rs): the Chongqing and Guangdong
// classification annexes in a modal dialog, opened from the questions it answers (the
// "notified as important data" question, an item's "not sure"), searchable in both languages,
// with the annexes' differences marked; closing returns focus to the question. It makes no
// request and never touches the URL (the fragment is the scenario's permalink).
// Run by tests/browser/run.sh (release dist/ and CLI built first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, load, settled, answerNo, PATIENCE } from './lib/browser.mjs';
import { recordNetwork, describe } from './lib/network.mjs';
import { runAxe, formatViolations } from './lib/axe.mjs';

const isOpen = (page) => page.$eval('#guide', (d) => d.open);
const focused = (page) => page.evaluate(() => document.activeElement?.id || '');
/** The ids of the entries on show. */
const shown = (page) => page.$$eval('#guide .g-entry', (l) => l.map((e) => e.id));

async function search(page, text) {
  await page.fill('#guide-search', text);
  await settled(page);
}

test('from the "notified" question: search in Chinese and English, the differences marked, Escape returns to the question; no request, no URL change', async () => {
  await withBrowser({}, async (s) => {
    const { page, url, problems } = s;
    const net = await recordNetwork(s);
    await load(page, url);
    await page.selectOption('#q-zone', 'guangdong');
    await settled(page);
    const hash = await page.evaluate(() => location.hash);
    const mark = net.mark();

    // Keyboard: the button under the question opens the guide, focus in its search field.
    await page.focus('#guide-from-notified');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#guide')?.open, null, { timeout: PATIENCE });
    await settled(page);
    assert.equal(await focused(page), 'guide-search');
    assert.equal(await page.getAttribute('#guide', 'aria-labelledby'), 'guide-title');
    assert.match(await page.textContent('#guide-title'), /Important-data identification guide/);
    // The zone chosen (Guangdong) gives its annex first; every entry is there.
    assert.equal(await page.isChecked('#g-annex-gd-annex'), true);
    assert.equal((await shown(page)).length, 5 + 40 + 15, 'unified rules, level-2 rows, example cells');
    // The measures' words on when the annex decides, and the 2024 Provisions' Art. 2.
    assert.match(await page.textContent('.g-when'), /行业主管部门未明确判定标准的/, 'in the guide, one click away');
    assert.match(await page.textContent('.g-when'), /未被相关部门、地区告知或者公开发布为重要数据的/);

    // A Chinese term: only in Guangdong's annex.
    await search(page, '支付清算');
    assert.deepEqual(await shown(page), ['g-gd-annex-c7-x1']);
    const entry = page.locator('#g-gd-annex-c7-x1');
    assert.match(await entry.textContent(), /Source words, verbatim: 银行、保险、证券期货、融资租赁、支付清算领域/);
    assert.match(await entry.textContent(), /Our English: /);
    assert.match(await entry.locator(':scope > .cite').textContent(), /中国（广东）自由贸易试验区数据出境负面清单管理办法（试行）.*附件.*（七）金融类/);
    // The difference marked, as our note, with the other annex's words one click away.
    assert.equal(await entry.getAttribute('class'), 'g-entry has-diff');
    assert.match(await entry.locator('.g-diff').textContent(), /Our note \(not the source's words\) · In one annex only: .*payment and clearing/);
    await entry.locator('.g-other summary').click();
    assert.match(await entry.locator('.g-other').textContent(), /银行、保险、证券期货及融资租赁领域/);
    // The same search in Chongqing's annex finds nothing, and says so.
    await page.check('#g-annex-cq-annex');
    await settled(page);
    assert.deepEqual(await shown(page), []);
    assert.match(await page.textContent('#guide-count'), /Chongqing annex: 0 entries shown/);

    // An English term, any case: rare earths; and a word of our English only.
    await search(page, 'RARE EARTH');
    assert.ok((await shown(page)).includes('g-cq-annex-s9'), String(await shown(page)));
    await search(page, 'low altitude');
    assert.deepEqual(await shown(page), [], 'Chongqing names no low-altitude security');
    await page.check('#g-annex-gd-annex');
    await settled(page);
    assert.deepEqual(await shown(page), ['g-gd-annex-s40', 'g-gd-annex-c13-x1']);
    // Not a pattern language: "." is a full stop.
    await search(page, '石.油');
    assert.deepEqual(await shown(page), []);

    // Only the differences; then browse one category.
    await search(page, '');
    await page.check('#guide-diff');
    await settled(page);
    const diffs = await shown(page);
    assert.ok(diffs.length >= 10 && diffs.includes('g-gd-annex-s16'), String(diffs));
    assert.equal(await page.locator('#guide .g-entry:not(.has-diff)').count(), 0);
    await page.uncheck('#guide-diff');
    await page.selectOption('#guide-cat', '3');
    await settled(page);
    assert.deepEqual((await shown(page)).filter((x) => /-s\d+$/.test(x)), ['g-gd-annex-s8', 'g-gd-annex-s9', 'g-gd-annex-s10', 'g-gd-annex-s11', 'g-gd-annex-s12', 'g-gd-annex-s13', 'g-gd-annex-s14', 'g-gd-annex-s15', 'g-gd-annex-s16', 'g-gd-annex-s17']);
    assert.equal(await page.locator('#g-c3-h').count(), 1, 'a heading per category');
    assert.match(await page.textContent('#g-gd-annex-c3-x3-h'), /^Identification examples \(rows 15–17\)Differs$/);
    await page.selectOption('#guide-cat', '4');
    await settled(page);
    assert.match(await page.textContent('#g-gd-annex-c4-x1-h'), /^Identification examples \(row 18\)/);
    assert.match(await page.textContent('#g-gd-annex-c4-x1 .g-diff'), /Misprint/);

    // Escape closes it; focus is back on the button under the question.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('#guide').open, null, { timeout: PATIENCE });
    await settled(page);
    assert.equal(await focused(page), 'guide-from-notified');
    assert.equal(await page.evaluate(() => location.hash), hash, 'the permalink is untouched');
    assert.equal(net.since(mark).length + net.serverSince(mark).length, 0, `no request while the guide was used:\n${describe(net.since(mark))}`);
    await net.stop();
    assert.deepEqual(problems, []);
  });
});

test('from an item\'s "not sure": the item\'s own words and qualifiers, the zone\'s annex; Close returns to it; and from the sensitive-information help', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await page.selectOption('#q-zone', 'chongqing');
    await page.check('#q-in-zone-yes');
    await answerNo(page);
    await page.selectOption('#q-sector', 'auto');
    await page.waitForSelector('#item-cq-2025-auto-18');
    assert.equal(await page.$('#item-cq-2025-auto-18-guide'), null, 'offered once the user is not sure');
    await page.check('#item-cq-2025-auto-18-maybe');
    await settled(page);
    await page.click('#item-cq-2025-auto-18-guide');
    await page.waitForFunction(() => document.querySelector('#guide')?.open, null, { timeout: PATIENCE });
    await settled(page);
    assert.equal(await page.isChecked('#g-annex-cq-annex'), true, 'the zone\'s own annex');
    const item = page.locator('.g-item');
    assert.match(await item.locator('h3').textContent(), /The item's own words and qualifiers/);
    assert.ok((await item.locator('.g-qualifiers li').count()) >= 1, 'the qualifiers its text writes in');
    // A Chinese term across the annex: the example cell and the level-2 row.
    await search(page, '智能网联汽车');
    const hits = await shown(page);
    assert.ok(hits.includes('g-cq-annex-s16') && hits.includes('g-cq-annex-c3-x3'), String(hits));
    // Chongqing's row 16 is marked as differing from Guangdong's.
    assert.match(await page.locator('#g-cq-annex-s16 .g-diff').textContent(), /Automotive Data Export/);
    await page.click('#guide-close');
    await page.waitForFunction(() => !document.querySelector('#guide').open, null, { timeout: PATIENCE });
    await settled(page);
    assert.equal(await focused(page), 'item-cq-2025-auto-18-guide');
    // From the sensitive-information help of a group of people: the annex's unified rules.
    await page.click('#pi-add');
    await settled(page);
    const help = page.locator('.sensitive-help').first();
    await help.locator('summary').click();
    await help.locator('.guide-open').click();
    await page.waitForFunction(() => document.querySelector('#guide')?.open, null, { timeout: PATIENCE });
    await settled(page);
    assert.equal(await page.$('.g-item'), null, 'no item this time');
    assert.equal(await page.inputValue('#guide-search'), '', 'opened afresh: no search left from before');
    assert.match(await page.textContent('#g-cq-annex-r2'), /100 万人以上敏感个人信息/);
    const opener = await help.locator('.guide-open').getAttribute('id');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('#guide').open, null, { timeout: PATIENCE });
    await settled(page);
    assert.equal(await focused(page), opener);
    assert.equal(await page.isChecked('#item-cq-2025-auto-18-maybe'), true, 'the answer is kept');
    assert.deepEqual(problems, []);
  });
});

test('in Chinese, on a phone: the guide fits the screen, its language follows the page, axe finds nothing serious', async () => {
  await withBrowser({ locale: 'zh-CN', viewport: { width: 320, height: 700 } }, async ({ page, url, problems }) => {
    await load(page, url);
    // Beijing's documents carry no annex: the guide says so, and shows the others for reference.
    await page.selectOption('#q-zone', 'beijing');
    await settled(page);
    await page.click('#guide-from-notified');
    await page.waitForFunction(() => document.querySelector('#guide')?.open, null, { timeout: PATIENCE });
    await settled(page);
    assert.match(await page.textContent('#guide-title'), /重要数据识别指南/);
    assert.match(await page.textContent('label[for="guide-search"]'), /搜索（中文或英文）/);
    assert.match(await page.textContent('#guide-no-annex'), /未附数据分类分级参考规则/);
    assert.equal(await page.isChecked('#g-annex-cq-annex'), true);
    const box = await page.locator('#guide').boundingBox();
    assert.ok(box.width <= 320 && box.x >= 0, `the dialog fits a 320px screen (${box.x}, ${box.width})`);
    const wide = await page.evaluate(() => document.querySelector('#guide').scrollWidth - document.querySelector('#guide').clientWidth);
    assert.ok(wide <= 1, `no sideways scrolling inside the dialog (${wide}px)`);
    await search(page, '基因');
    assert.ok((await shown(page)).includes('g-cq-annex-s27'));
    // The language switch inside the guide switches the page.
    await page.click('#guide-lang');
    await settled(page);
    assert.match(await page.textContent('#guide-title'), /Important-data identification guide/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    const { violations } = await runAxe(page);
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad, [], formatViolations(bad));
    assert.deepEqual(problems, []);
  });
});
