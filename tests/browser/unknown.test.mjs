// Unknown answers and the neutral start (contract: "Unknown answers and conditional verdicts",
// "Page states"): "I don't know" on a question, the verdict that depends on it with each branch,
// the link that keeps it, and no verdict before anything is described.
// Run by tests/browser/run.sh (release dist/ and CLI built first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, load, settled, waitVerdict, cliDecode, PATIENCE, answerNo } from './lib/browser.mjs';

const CONTRACT = 'standard_contract_or_certification';
const SA = 'security_assessment';

const state = (page) => page.$eval('#verdict', (v) => ({ outcome: v.dataset.outcome, pathways: v.dataset.pathways, decided: v.dataset.decided, dependsOn: v.dataset.dependsOn }));

/** Beijing retail, 900,000 members in membership management (the zone already chosen). */
async function fillRetailMembers(page) {
  await page.selectOption('#q-sector', 'retail');
  // The members' data is within the limits items 1 and 4 set (their precondition).
  await page.check('#sx-bj-2025-retail-member-data-within-limits-yes');
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
    // A group of people does (the other questions answered, so that the verdict is settled).
    await answerNo(page, '', ['q-notified', 'q-core', 'q-export']);
    await page.click('#pi-add');
    await page.locator('.pi-row input[id$="-persons"]').first().fill('200000');
    await waitVerdict(page, SA, SA);
    assert.deepEqual(problems, []);
  });
});

test('"I don\'t know" whether the handler is a CIIO: the verdict depends on it, shows both branches, and the link keeps it', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await answerNo(page);
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
    await answerNo(page);
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
    const none = async (q) => !(await page.isChecked(`#${q}-yes`) || await page.isChecked(`#${q}-no`) || await page.isChecked(`#${q}-unknown`));
    assert.equal(await none('q-in-zone'), true, 'neither yes, no nor "I don\'t know" is pre-set');
    assert.match(await page.textContent('#q-in-zone legend'), /not answered yet/);
    await answerNo(page);
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
    assert.equal(await none('q-in-zone'), true);
    assert.deepEqual(problems, []);
  });
});

test('nothing is pre-answered: a newcomer\'s verdict depends on every question not answered, until each is', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await page.selectOption('#q-zone', 'beijing');
    await page.selectOption('#q-sector', 'retail');
    await page.check('#sx-bj-2025-retail-member-data-within-limits-yes');
    await page.click('#pi-add');
    // Membership management: its items band one group only, so the row takes it by itself.
    await page.selectOption('#pi-1-scenario', 'member-management');
    assert.equal(await page.inputValue('#pi-1-group'), 'members');
    await page.fill('#pi-1-persons', '900000');
    await waitDecided(page, false);
    const open = ['handler.in_zone', 'handler.ciio', 'notified_important_data', 'flags.national_core_data', 'flags.export_control'];
    assert.equal((await state(page)).dependsOn, open.join(' '));
    assert.equal((await state(page)).outcome, 'national_core_data', 'the strictest answer is shown until it is answered');
    for (const q of ['q-ciio', 'q-notified', 'q-core', 'q-export']) assert.match(await page.textContent(`#${q} legend`), /not answered yet/);
    // Each open question links to where it is asked.
    await page.click('#depends-on li[data-question="flags.national_core_data"] a');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'q-core-yes');
    await page.check('#q-in-zone-yes');
    await answerNo(page);
    await waitVerdict(page, 'exempt', 'exempt');
    await waitDecided(page, true);
    assert.deepEqual(problems, []);
  });
});

test('a group of people is chosen, never defaulted to "none": until it is, the verdict shows each group', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await page.selectOption('#q-zone', 'beijing');
    await page.check('#q-in-zone-yes');
    await answerNo(page);
    await page.selectOption('#q-sector', 'pharma');
    await page.click('#pi-add');
    // Clinical trials: its items band trial subjects and professionals, so the row asks.
    await page.selectOption('#pi-1-scenario', 'clinical-trials');
    assert.equal(await page.inputValue('#pi-1-group'), '', 'the group starts not chosen');
    await page.fill('#pi-1-persons', '8000');
    await waitDecided(page, false);
    assert.equal((await state(page)).dependsOn, 'personal_information[0].group');
    // Not chosen: trial subjects (whose health data counts as sensitive) give the contract, the strictest.
    assert.equal((await state(page)).outcome, CONTRACT);
    const branches = await page.$$eval('#depends-on .branch', (bs) => bs.map((b) => [b.dataset.outcome, b.textContent.trim()]));
    assert.deepEqual(branches.map((b) => b[0]), [CONTRACT, 'exempt', 'exempt', 'exempt']);
    assert.match(branches[0][1], /\(1\) Trial subjects/);
    assert.match(branches[3][1], /none of the groups the list names/);
    // The link keeps the open group; choosing one settles it.
    await page.click('#copy-link');
    await page.waitForFunction(() => location.hash.length > 1);
    assert.deepEqual(cliDecode(await page.evaluate(() => location.href)).unknown, ['personal_information[0].group']);
    await page.selectOption('#pi-1-group', 'hcps-reporters');
    await waitVerdict(page, 'exempt', 'exempt');
    await waitDecided(page, true);
    await page.selectOption('#pi-1-group', 'subjects');
    await waitVerdict(page, CONTRACT, CONTRACT);
    await waitDecided(page, true);
    await page.selectOption('#pi-1-group', '-');
    await waitVerdict(page, 'exempt', 'exempt');
    // The sensitive-information help says that trial subjects' health data counts.
    await page.selectOption('#pi-1-group', 'subjects');
    await page.waitForSelector('#pi-1-sensitive-help[open] .health-data');
    assert.match(await page.textContent('#pi-1-sensitive-help'), /What counts as sensitive personal information\?[\s\S]*medical and health data[\s\S]*Personal Information Protection Law/);
    assert.deepEqual(problems, []);
  });
});

test('"not sure it contains this": an item left open; a search covers the whole sector and says so', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await page.selectOption('#q-zone', 'chongqing');
    await page.check('#q-in-zone-yes');
    await answerNo(page);
    await page.selectOption('#q-sector', 'auto');
    // Only the OTA scenario ticked; a search still finds the telematics item, and says where it looked.
    await page.check('#sc-ota');
    await page.fill('#q-search', 'remote control');
    await page.waitForSelector('#item-cq-2025-auto-26');
    assert.match(await page.textContent('.search-row .count'), /Searched all \d+ items of the sector \(whichever scenarios are ticked\)/);
    await page.check('#item-cq-2025-auto-26-maybe');
    await waitDecided(page, false);
    assert.deepEqual([(await state(page)).outcome, (await state(page)).dependsOn], [SA, 'cq-2025.auto.26']);
    assert.equal(await page.isChecked('#item-cq-2025-auto-26'), false, 'not ticked while open');
    const branches = await page.$$eval('#depends-on .branch', (bs) => bs.map((b) => b.dataset.outcome));
    assert.deepEqual(branches, [SA, 'exempt']);
    // Ticking it settles the question.
    await page.check('#item-cq-2025-auto-26');
    await waitDecided(page, true);
    await waitVerdict(page, SA, SA);
    assert.equal(await page.$('#item-cq-2025-auto-26-maybe'), null, 'a ticked item is no longer "not sure"');
    assert.deepEqual(problems, []);
  });
});
