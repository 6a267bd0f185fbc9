// `node perf.mjs [DIST]`: prints the edit → verdict time in headless Chromium (scripts/budget.sh).
// Never fails on a slow machine: it prints the figures against the one-frame target.
import path from 'node:path';
import { start, load, cliLink, ROOT } from './lib/browser.mjs';
import { measureEdits } from './lib/timing.mjs';

if (process.argv[2]) process.env.XBORDER_DIST = path.resolve(process.argv[2]);
const fixture = path.join(ROOT, 'tests/browser/fixtures/cq-perf.scenario.json');
let s;
try {
  s = await start();
  const link = cliLink(fixture, s.url);
  await load(s.page, link);
  await measureEdits(s.page, { edits: 10 }); // warm-up
  const r = await measureEdits(s.page, { edits: 120 });
  const f = (x) => `${x.toFixed(2)} ms`;
  console.log(`timing: edit → verdict attributes updated (re-evaluate + re-render), ${r.edits} edits of a Chongqing scenario in headless Chromium`);
  console.log(`timing: median ${f(r.median)}, p95 ${f(r.p95)}, min ${f(r.min)}, max ${f(r.max)}; target one frame = 16 ms: ${r.median <= 16 ? 'met' : 'NOT met on this machine'}`);
} catch (e) {
  console.log(`timing: could not measure: ${e.message}`);
} finally {
  await s?.close();
}
