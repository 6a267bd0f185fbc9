// `node perf-register.mjs DIR [DIST] [RUNS]`: the register in the page on the benchmark's identifier
// files (scripts/bench-register.sh: ids-a.txt, ids-b.txt, ids-c.txt in DIR, 10 million
// identifiers in three overlapping files). Three flows, one file picked for each: prints, per
// file, the MB/s of identifier text read, hashed and de-duplicated (in the page's worker), and
// in all the MB/s from the first pick to the year's position shown (hashed AND counted), the
// distinct count against the CLI's, and the main thread's longest task while it ran (the page
// stays responsive while the worker hashes). RUNS rounds (default 3), each in a fresh browser
// with an empty profile; then the median and the spread of the rounds (this machine's speed
// drifts: quote the median). Prints figures only; never fails on a slow machine.
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.argv[2] || path.join(process.cwd(), '../../target/bench-register'));
// The build to measure: set before the browser library reads it.
if (process.argv[3]) process.env.XBORDER_DIST = path.resolve(process.argv[3]);
const { start, load, PATIENCE } = await import('./lib/browser.mjs');
const files = ['ids-a.txt', 'ids-b.txt', 'ids-c.txt'].map((f) => path.join(dir, f));
if (!files.every((f) => fs.existsSync(f))) {
  console.log(`timing: the page's register: skipped (no identifier files in ${dir}; scripts/bench-register.sh writes them)`);
  process.exit(0);
}
async function round(r) {
  const s = await start();
  try {
    const { page } = s;
    await load(page, s.url);
    await page.check('#q-ciio-no');
    await page.check('#q-in-zone-no').catch(() => {});
    await page.click('#open-register');
    await page.waitForSelector('#reg-flows[data-loaded="true"]', { timeout: PATIENCE });
    const dates = ['2026-01-10', '2026-04-02', '2026-09-15'];
    for (const [i, d] of dates.entries()) {
      await page.fill('#reg-date', d);
      await page.fill('#reg-flow', `Flow ${i + 1}`);
      await page.fill('#reg-persons', '');
      await page.click('#reg-add');
      await page.waitForSelector(`#reg-flows[data-count="${i + 1}"]`, { timeout: PATIENCE });
    }
    // The main thread's long tasks (over 50 ms) from here on.
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
    });
    const t0 = Date.now();
    let bytes = 0;
    const per = [];
    for (const [i, f] of files.entries()) {
      const t = Date.now();
      await page.setInputFiles(`#reg-pids-${i}`, f);
      await page.waitForFunction((x) => /\(\d[\d,]*\)/.test(document.querySelector(`label[for="reg-pids-${x}"]`)?.textContent ?? ''), i, { timeout: 10 * PATIENCE });
      const [b, ms, where] = (await page.getAttribute('#register', 'data-hashed')).split(' ');
      bytes += Number(b);
      per.push(`${path.basename(f)} ${(Number(b) / 1e6).toFixed(0)} MB: ${(Number(b) / 1e3 / Number(ms)).toFixed(0)} MB/s hashed in the ${where}, ${((Date.now() - t) / 1000).toFixed(2)} s to its count`);
    }
    await page.waitForSelector('#reg-counts .reg-count[data-exact="true"]', { timeout: 10 * PATIENCE });
    const total = (Date.now() - t0) / 1000;
    const distinct = await page.getAttribute('#reg-counts .reg-count', 'data-persons');
    const long = await page.evaluate(() => window.__long);
    for (const p of per) console.log(`timing: the page's register: round ${r}: ${p}`);
    console.log(`timing: the page's register: round ${r}: ${(bytes / 1e6).toFixed(0)} MB of identifiers in 3 files, hashed and counted in ${total.toFixed(2)} s: ${(bytes / 1e6 / total).toFixed(0)} MB/s; ${distinct} distinct persons`);
    console.log(`timing: the page's register: round ${r}: the main thread meanwhile: ${long.length} long tasks, the longest ${Math.max(0, ...long).toFixed(0)} ms`);
    return bytes / 1e6 / total;
  } finally {
    await s.close();
  }
}

const runs = Math.max(1, Number(process.argv[4]) || 3);
const rates = [];
for (let r = 1; r <= runs; r++) {
  try {
    rates.push(await round(r));
  } catch (e) {
    console.log(`timing: the page's register: round ${r} could not be measured: ${e.message}`);
  }
}
if (rates.length) {
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor((rates.length - 1) / 2)];
  console.log(`timing: the page's register: hashed and counted end to end, median ${median.toFixed(0)} MB/s of ${rates.length} rounds (min ${rates[0].toFixed(0)}, max ${rates[rates.length - 1].toFixed(0)}); aim 100 MB/s: ${median >= 100 ? 'met' : 'NOT met on this machine'}`);
}
