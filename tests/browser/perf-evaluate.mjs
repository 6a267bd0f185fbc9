// `node perf-evaluate.mjs [DIST]`: prints the time per call of the embed module's `evaluate()`
// (and `evaluateMany()` for a batch) in headless Chromium, on the Beijing pharma golden scenario
// (scripts/budget.sh). Prints figures against the aim (20 µs a call); never fails on a slow machine.
import fs from 'node:fs';
import path from 'node:path';
import { start, ROOT } from './lib/browser.mjs';

if (process.argv[2]) process.env.XBORDER_DIST = path.resolve(process.argv[2]);
const scenario = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/golden/bj-pharma-typical.scenario.json'), 'utf8'));
let s;
try {
  s = await start();
  await s.page.goto(new URL('embed.html', s.url).href);
  const r = await s.page.evaluate(async (sc) => {
    const m = await import('./embed.js');
    await m.ready;
    const time = (f, n) => {
      const runs = [];
      for (let k = 0; k < 7; k++) {
        const t0 = performance.now();
        f(n);
        runs.push((performance.now() - t0) * 1000 / n);
      }
      runs.sort((a, b) => a - b);
      return { median: runs[3], min: runs[0], max: runs[6] };
    };
    const one = (n) => { for (let i = 0; i < n; i++) m.evaluate(sc); };
    one(200); // warm-up
    const out = { single: time(one, 1000) };
    if (typeof m.evaluateMany === 'function') {
      const batch = Array.from({ length: 1000 }, () => sc);
      m.evaluateMany(batch);
      out.many = time((n) => { for (let i = 0; i < n / 1000; i++) m.evaluateMany(batch); }, 1000);
    }
    return out;
  }, scenario);
  const f = (x) => `${x.toFixed(1)} µs`;
  console.log(`timing: embed evaluate() on bj-pharma-typical: median ${f(r.single.median)} a call (min ${f(r.single.min)}, max ${f(r.single.max)}); aim 20 µs: ${r.single.median <= 20 ? 'met' : 'NOT met on this machine'}`);
  if (r.many) console.log(`timing: embed evaluateMany() of 1,000: median ${f(r.many.median)} a scenario (min ${f(r.many.min)}, max ${f(r.many.max)})`);
} catch (e) {
  console.log(`timing: evaluate() could not be measured: ${e.message}`);
} finally {
  await s?.close();
}
