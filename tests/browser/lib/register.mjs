// What the register view shows, for the register's browser tests (register*.test.mjs).
import { PATIENCE } from './browser.mjs';

/** The year's position as the page shows it: verdict, counts, crossings, and the flows' rows. */
export const shown = (page) => page.evaluate(() => {
  const v = document.querySelector('#reg-verdict');
  return {
    outcome: v?.dataset.outcome, flows: Number(v?.dataset.flows), ignored: Number(v?.dataset.ignored),
    counts: [...document.querySelectorAll('#reg-counts .reg-count')].map((r) => ({ rule: r.dataset.rule, persons: Number(r.dataset.persons), sensitive_persons: Number(r.dataset.sensitive), exact: r.dataset.exact === 'true' })),
    crossings: [...document.querySelectorAll('#reg-crossings .reg-crossing')].map((c) => ({ date: c.dataset.date, flow: c.dataset.flow, from: c.dataset.from, to: c.dataset.to })),
    rows: [...document.querySelectorAll('#reg-flows tbody tr')].map((r) => r.innerText),
  };
});

/** Waits until the register is read and holds `n` flows. */
export const flowCount = (page, n) => page.waitForSelector(`#reg-flows[data-loaded="true"][data-count="${n}"]`, { timeout: PATIENCE });

/** Opens the register view and waits until the stored register is read. */
export async function openRegister(page) {
  await page.click('#open-register');
  await page.waitForSelector('#reg-flows[data-loaded="true"]', { timeout: PATIENCE });
}

/** Waits until every change of the register shown is committed to its database
 *  (`#register[data-stored]` equals its `data-rev`); at once where the register is not open. */
export const committed = (page) => page.waitForFunction(() => {
  const r = document.querySelector('#register');
  return !r || r.dataset.rev === r.dataset.stored;
}, undefined, { timeout: PATIENCE });
