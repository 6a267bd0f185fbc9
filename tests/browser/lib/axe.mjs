// axe-core, from the local npm package (never a CDN), run inside the page.
//
// Injection: the page's own Content-Security-Policy (script-src 'self') refuses inline
// script, so `page.addScriptTag({ path })` (which inserts the file as an inline <script>) is
// blocked, as it should be. Turning the CSP off (`bypassCSP`) would test a weaker page than
// the one users get, so the file is evaluated through the DevTools protocol instead
// (page.evaluate of its source), which runs it in the page without touching the CSP.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { settled } from './browser.mjs';

const require = createRequire(import.meta.url);
export const AXE_PATH = (() => {
  try {
    return require.resolve('axe-core/axe.min.js');
  } catch {
    throw new Error('axe-core is not installed in tests/browser: run `npm ci` there (scripts/tools.sh does on a fresh machine)');
  }
})();
const AXE_SOURCE = fs.readFileSync(AXE_PATH, 'utf8');
export const AXE_VERSION = JSON.parse(fs.readFileSync(require.resolve('axe-core/package.json'), 'utf8')).version;

export const IMPACTS = ['critical', 'serious', 'moderate', 'minor'];

/** Makes `window.axe` available in the page (again after every navigation). */
export async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  await page.evaluate(AXE_SOURCE);
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) throw new Error('axe-core did not load in the page');
}

/**
 * Runs axe on the whole document with its default rules (WCAG 2.0/2.1/2.2 A and AA plus best
 * practices). Returns { violations, incomplete, counts } where counts maps every impact to
 * the number of violating nodes.
 */
export async function runAxe(page) {
  await settled(page); // the app's work done and no colour transition under way: axe reads final styles
  await injectAxe(page);
  const r = await page.evaluate(async () => {
    const res = await window.axe.run(document, { resultTypes: ['violations', 'incomplete'] });
    const slim = (list) => list.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), impact: n.impact, summary: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300) })),
    }));
    return { violations: slim(res.violations), incomplete: slim(res.incomplete) };
  });
  const counts = Object.fromEntries(IMPACTS.map((i) => [i, 0]));
  for (const v of r.violations) for (const n of v.nodes) counts[n.impact || v.impact || 'minor'] += 1;
  return { ...r, counts };
}

/** A readable list of violations, for messages and logs. */
export function formatViolations(violations) {
  return violations.map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.length} node(s)\n`
    + v.nodes.slice(0, 5).map((n) => `    ${n.target} :: ${n.summary}`).join('\n')).join('\n');
}
