// The dates step (contract: "Dated obligations"): due dates beside the obligations, the
// calendar download (the bytes `xborder check --format ics` prints), dates in the permalink,
// a year without a holiday notice, and a date the checker cannot count from.
// Run by tests/browser/run.sh (release dist/ and CLI built first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { withBrowser, load, settled, waitVerdict, cliPath, cliDecode, PATIENCE, answerNo, TODAY } from './lib/browser.mjs';

const CONTRACT = 'standard_contract_or_certification';

/** What the CLI prints for a scenario with `--format ics`. */
function cliIcs(scenario) {
  return execFileSync(cliPath(), ['check', '-', '--format', 'ics'], { input: JSON.stringify(scenario), encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** A national standard-contract scenario: 200,000 persons, not in a zone. */
async function fillContract(page) {
  await answerNo(page);
  await page.click('#pi-add');
  const persons = page.locator('.pi-row input[id$="-persons"]').first();
  await persons.fill('200000');
  await waitVerdict(page, CONTRACT, CONTRACT);
}

/** Waits until the obligation list shows an obligation due on that day (or with that state). */
async function waitDue(page, due) {
  await page.waitForSelector(`.checklist .due[data-due="${due}"]`, { timeout: PATIENCE });
  await settled(page);
}

test('a contract date gives the filing due date, the same calendar as the CLI, and a link that keeps it', async () => {
  await withBrowser({}, async ({ page, url, problems, server }) => {
    await load(page, url);
    await fillContract(page);
    assert.equal(await page.$('.checklist .due'), null, 'no due date before a date is given');
    await page.fill('#date-contract_effective', '2026-09-28');
    // 10 working days after 28 September 2026 across the National Day week and its worked Saturday.
    await waitDue(page, '2026-10-16');
    const due = await page.textContent('.checklist .due[data-due="2026-10-16"]');
    assert.match(due, /Standard contract filing deadline/);
    assert.match(due, /2026-10-16/);
    assert.match(due, /10 working days after 2026-09-28/, 'the basis in words');
    // In the print report too.
    assert.match(await page.textContent('.report-summary .dues'), /2026-10-16.*10 working days after 2026-09-28/s);

    // The scenario the page holds, through its permalink.
    await page.click('#copy-link');
    await page.waitForFunction(() => location.hash.length > 1);
    const link = await page.evaluate(() => location.href);
    const scenario = cliDecode(link);
    assert.deepEqual(scenario.dates, { contract_effective: '2026-09-28' });

    // The calendar: a download from a blob of the page, byte for byte what the CLI prints.
    const before = server.requests.length;
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-ics')]);
    assert.match(dl.suggestedFilename(), /^xborder-deadlines-.*\.ics$/);
    assert.ok(dl.url().startsWith('blob:'), `a blob, not a server: ${dl.url()}`);
    const got = fs.readFileSync(await dl.path(), 'utf8');
    const want = cliIcs(scenario);
    assert.equal(got, want, 'the page\'s calendar is the CLI\'s');
    assert.match(got, /DTSTART;VALUE=DATE:20261016\r\n/);
    await settled(page);
    assert.equal(server.requests.length, before, 'the download made no request');

    // The link restores the date, and the due date with it.
    await load(page, link);
    assert.equal(await page.inputValue('#date-contract_effective'), '2026-09-28');
    await waitVerdict(page, CONTRACT, CONTRACT);
    await waitDue(page, '2026-10-16');
    assert.deepEqual(problems, []);
  });
});

test('a count into 2027 says there is no notice for 2027; a partial date is named and the page keeps working', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await fillContract(page);
    await page.fill('#date-contract_effective', '2026-12-24');
    await waitDue(page, 'unknown');
    const why = await page.textContent('.checklist .due-unknown');
    assert.match(why, /2027/);
    assert.match(why, /notice for 2027 is not in the rules/);
    // The calendar leaves it out: no event.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-ics')]);
    const got = fs.readFileSync(await dl.path(), 'utf8');
    assert.doesNotMatch(got, /BEGIN:VEVENT/);
    await page.click('#copy-link');
    await page.waitForFunction(() => location.hash.length > 1);
    assert.equal(got, cliIcs(cliDecode(await page.evaluate(() => location.href))), 'the CLI\'s calendar, with no event either');

    // Part of a date: named by its label, never a JSON path; the verdict stays the last valid one.
    await page.focus('#date-transfer_start');
    await page.keyboard.type('12');
    await page.focus('#date-certification_issued');
    await page.waitForSelector('#date-transfer_start-error', { timeout: PATIENCE });
    const msg = await page.textContent('#date-transfer_start-error');
    assert.match(msg, /Transfers started on/);
    assert.doesNotMatch(msg, /dates\.|transfer_start/);
    assert.equal(await page.getAttribute('#verdict', 'data-stale'), 'true');
    assert.doesNotMatch(await page.textContent('#verdict'), /dates\./, 'the stale note names the field as the page does');
    // Clearing it: the page goes on.
    await page.fill('#date-transfer_start', '');
    await page.focus('#date-certification_issued');
    await page.waitForFunction(() => !document.querySelector('#date-transfer_start-error') && document.querySelector('#verdict').dataset.stale === 'false', undefined, { timeout: PATIENCE });
    await page.fill('#date-contract_effective', '2026-09-28');
    await waitDue(page, '2026-10-16');
    assert.deepEqual(problems, []);
  });
});

/** A national assessment scenario: 1,200,000 persons, not in a zone. */
async function fillAssessment(page) {
  await answerNo(page);
  await page.click('#pi-add');
  await page.locator('.pi-row input[id$="-persons"]').first().fill('1200000');
  await waitVerdict(page, 'security_assessment', 'security_assessment');
}

const EXT = 'national.qa-2026-07-extension';
const cond = (id) => `[data-condition="${EXT}:${id}"]`;

test('the renewal check: asked once the result date is given, one "no" means a fresh declaration, kept by the link', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await fillAssessment(page);
    assert.equal(await page.$('.renewal-check'), null, 'no renewal check before the result date');
    await page.fill('#date-assessment_issued', '2023-12-20');
    await page.waitForSelector('.renewal-check', { timeout: PATIENCE });
    await settled(page);
    // Seven conditions, none answered: the result is open, and the window is dated.
    assert.equal(await page.locator('.renewal-check fieldset.condition').count(), 7);
    await page.waitForSelector('.checklist .conditions[data-conditions="open"]', { timeout: PATIENCE });
    await waitDue(page, '2026-09-21/2026-12-18');
    assert.equal(await page.locator('.renewal-check input:checked').count(), 7, 'every condition starts at "not answered"');
    for (const id of ['purpose-unchanged', 'scope-unchanged', 'data-kinds-unchanged', 'recipient-unchanged', 'persons-growth-within-20-percent', 'legal-documents-compliant', 'no-major-incident']) {
      await page.click(`${cond(id)} label:has(input[id$="-yes"])`);
    }
    await page.waitForSelector('.checklist .conditions[data-conditions="met"]', { timeout: PATIENCE });
    await settled(page);
    assert.match(await page.textContent('.checklist .conditions'), /All conditions met.*extend it by 3 years/s);
    // One "no" decides: declare afresh, in the obligation, the warnings and the print report.
    await page.click(`${cond('recipient-unchanged')} label:has(input[id$="-no"])`);
    await page.waitForSelector('.checklist .conditions[data-conditions="not_met"]', { timeout: PATIENCE });
    await settled(page);
    assert.match(await page.textContent('.checklist .conditions'), /declare the security assessment afresh/);
    assert.match(await page.textContent('.verdict-col'), /Answered no: The overseas recipient is unchanged/);
    assert.match(await page.textContent('.report-summary .renewal'), /A condition is not met.*The overseas recipient is unchanged: no/s);

    // The link keeps the answers and the date.
    await page.click('#copy-link');
    await page.waitForFunction(() => location.hash.length > 1);
    const link = await page.evaluate(() => location.href);
    const scenario = cliDecode(link);
    assert.equal(scenario.conditions[`${EXT}:recipient-unchanged`], false);
    assert.equal(scenario.conditions[`${EXT}:purpose-unchanged`], true);
    await load(page, link);
    await page.waitForSelector('.checklist .conditions[data-conditions="not_met"]', { timeout: PATIENCE });
    assert.equal(await page.isChecked(`${cond('recipient-unchanged')} input[id$="-no"]`), true);
    // In Chinese too.
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang.startsWith('zh'));
    await settled(page);
    assert.match(await page.textContent('.checklist .conditions'), /应当重新申报数据出境安全评估/);
    assert.deepEqual(problems, []);
  });
});

test('the day the count reached the assessment band dates the assessment; a contradicting count is flagged', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await fillAssessment(page);
    await page.fill('#date-assessment_band_reached', '2026-06-15');
    await waitDue(page, '2026-06-15');
    assert.match(await page.textContent('.checklist .due[data-due="2026-06-15"]'), /the assessment is needed from this day/);
    // Back below the band: the date contradicts the counts, and the page says so.
    await page.locator('.pi-row input[id$="-persons"]').first().fill('999999');
    await waitVerdict(page, CONTRACT, CONTRACT);
    assert.match(await page.textContent('.verdict-col'), /do not call for the assessment/);
    assert.deepEqual(problems, []);
  });
});

test('rules as of a day: today by default, a past day in the link, and a day before a list named beside the field', async () => {
  await withBrowser({}, async ({ page, url, problems }) => {
    await load(page, url);
    await fillContract(page);
    // Today (the suite's fixed day), and the documents used with their days.
    assert.equal(await page.getAttribute('#as-of-used', 'data-as-of'), TODAY);
    assert.match(await page.textContent('#as-of-used'), /\(today\)/);
    assert.match(await page.textContent('#editions'), /Provisions on Promoting and Regulating Cross-Border Data Flows.*2024-03-22/s);
    // A day in 2025: the 2026 Q&A's obligations are not yet there; the link keeps the day.
    await page.fill('#as-of', '2025-06-30');
    await page.waitForSelector('#as-of-used[data-as-of="2025-06-30"]', { timeout: PATIENCE });
    await settled(page);
    assert.equal(await page.$('[data-obligation="national.qa-2026-07-consent"]'), null, 'the July 2026 Q&A does not hold in 2025');
    await page.click('#copy-link');
    await page.waitForFunction(() => location.hash.includes('~a'));
    const link = await page.evaluate(() => location.href);
    assert.equal(cliDecode(link).as_of, '2025-06-30');
    await load(page, link);
    assert.equal(await page.inputValue('#as-of'), '2025-06-30');
    await page.waitForSelector('#as-of-used[data-as-of="2025-06-30"]', { timeout: PATIENCE });
    // A day no edition covers: named beside the field, in words; the last verdict stays, stale.
    await page.fill('#as-of', '2024-01-01');
    await page.waitForSelector('#as-of-error', { timeout: PATIENCE });
    await settled(page);
    assert.match(await page.textContent('#as-of-error'), /The day given is outside the rules this checker holds: .* applies from 2024-03-22/);
    assert.equal(await page.getAttribute('#verdict', 'data-stale'), 'true');
    await page.fill('#as-of', '');
    await page.waitForSelector(`#as-of-used[data-as-of="${TODAY}"]`, { timeout: PATIENCE });
    assert.equal(await page.$('#as-of-error'), null);
    assert.deepEqual(problems, []);
  });
});
