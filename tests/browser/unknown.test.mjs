// Unknown answers and the neutral start (contract: "Unknown answers and conditional verdicts",
// "Page states"): "I don't know" on a question, the verdict that depends on it with each branch,
// the link that keeps it, and no verdict before anything is described.
// Run by tests/browser/run.sh (release dist/ and CLI built first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, load, settled, waitVerdict, cliDecode, PATIENCE } from './lib/browser.mjs';

const CONTRACT = 'standard_contract_or_certification';
const SA = 'security_assessment';

const state = (page) => page.$eval('#verdict', (v) => ({ outcome: v.dataset.outcome, pathways: v.dataset.pathways, decided: v.dataset.decided, dependsOn: v.dataset.dependsOn }));

/** Beijing retail, 900,000 members in membership management (the zone already chosen). */
async function fillRetailMembers(page) {
  await page.selectOption('#q-sector', 'retail');
  await page.click('#pi-add');
  await page.selectOption('#pi-1-scenario', 'member-management');
  await page.selectOption('#pi-1-group', 'members');
  await page.fill('#pi-1-persons', '900000');
}

async function waitDecided(page, decided) {
  await page.waitForFunction((d) => document.querySelector('#verdict')?.dataset.decided === d, decided ? 'true' : 'false', { timeout: PATIENCE });
  await settled(page);
}

test('the neutral start: no verdict and no colour until something is described', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await page.waitForSelector('#verdict.neutral', { timeout: PATIENCE });
    await settled(page);
    assert.deepEqual(await state(page), { outcome: '', pathways: '', decided: 'true', dependsOn: '' });
    assert.match(await page.textContent('#verdict'), /Describe the transfer first/);
    assert.equal(await page.$('.outcome-bar'), null, 'no outcome colour bar');
    // Choosing a zone and saying "I am a CIIO" describes no data yet.
    await page.check('#q-ciio-yes');
    await settled(page);
    assert.equal((await state(page)).outcome, '');
    // A group of people does.
    await page.click('#pi-add');
    await page.locator('.pi-row input[id$="-persons"]').first().fill('200000');
    await waitVerdict(page, SA, SA);
    assert.deepEqual(problems, []);
  });
});

test('"I don\'t know" whether the handler is a CIIO: the verdict depends on it, shows both branches, and the link keeps it', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await page.click('#pi-add');
    await page.locator('.pi-row input[id$="-persons"]').first().fill('200000');
    await waitVerdict(page, CONTRACT, CONTRACT);
    assert.equal((await state(page)).decided, 'true');
    await page.check('#q-ciio-unknown');
    await waitDecided(page, false);
    // The strictest branch is shown; both are listed.
    assert.deepEqual(await state(page), { outcome: SA, pathways: SA, decided: 'false', dependsOn: 'handler.ciio' });
    const branches = await page.$$eval('#depends-on .branch', (bs) => bs.map((b) => [b.dataset.outcome, b.textContent]));
    assert.deepEqual(branches.map((b) => b[0]), [SA, CONTRACT]);
    assert.match(branches[0][1], /\(1\) yes/);
    assert.match(await page.textContent('#depends-on'), /critical information infrastructure operator/);
    assert.equal(await page.isChecked('#q-ciio-yes') || await page.isChecked('#q-ciio-no'), false, 'neither yes nor no is set');
    // The permalink keeps the open question; the link restores it.
    await page.click('#copy-link');
    await page.waitForFunction(() => location.hash.length > 1);
    const link = await page.evaluate(() => location.href);
    assert.deepEqual(cliDecode(link).unknown, ['handler.ciio']);
    await load(page, link);
    await waitDecided(page, false);
    assert.equal(await page.isChecked('#q-ciio-unknown'), true);
    // Answering settles it.
    await page.check('#q-ciio-no');
    await waitVerdict(page, CONTRACT, CONTRACT);
    await waitDecided(page, true);
    assert.equal(await page.$('#depends-on'), null);
    assert.deepEqual(problems, []);
  });
});

test('"I don\'t know" whether the handler is in Beijing: the list and the national rules side by side', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await page.selectOption('#q-zone', 'beijing');
    await page.check('#q-in-zone-unknown');
    await fillRetailMembers(page);
    await waitDecided(page, false);
    const s = await state(page);
    assert.deepEqual([s.outcome, s.dependsOn], [CONTRACT, 'handler.in_zone'], 'the stricter branch (national rules) is shown');
    const branches = await page.$$eval('#depends-on .branch', (bs) => bs.map((b) => b.dataset.outcome));
    assert.deepEqual(branches, ['exempt', CONTRACT], 'in the zone: below the list\'s band; outside: the national contract band');
    // In Chinese too.
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang.startsWith('zh'));
    await settled(page);
    assert.match(await page.textContent('#depends-on'), /是否在该自由贸易试验区内登记注册或经营/);
    assert.deepEqual(problems, []);
  });
});

test('choosing a zone is not being in it: the question starts unanswered and the verdict shows both until it is answered', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await page.selectOption('#q-zone', 'beijing');
    await settled(page);
    assert.equal(await page.isChecked('#q-in-zone-unknown'), true, 'neither yes nor no is pre-set');
    assert.equal(await page.isChecked('#q-in-zone-no'), false);
    await fillRetailMembers(page);
    await waitDecided(page, false);
    assert.equal((await state(page)).dependsOn, 'handler.in_zone');
    // Answered: the list decides (900,000 members are below item 4's band: exempt).
    await page.check('#q-in-zone-yes');
    await waitVerdict(page, 'exempt', 'exempt');
    await waitDecided(page, true);
    // An exempt verdict says why by the count below the band, not by the band as if it applied.
    const why = await page.textContent('.pathway.pw-exempt');
    assert.match(why, /Why nothing is needed:/);
    assert.match(why, /900,000 persons, below the band/);
    // Another zone: the question is open again.
    await page.selectOption('#q-zone', 'chongqing');
    await settled(page);
    assert.equal(await page.isChecked('#q-in-zone-unknown'), true);
    assert.deepEqual(problems, []);
  });
});
