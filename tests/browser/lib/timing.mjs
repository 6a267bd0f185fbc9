// Measures re-evaluate + re-render: the time from an input event in a number field to the
// verdict's data attributes changing, over many edits that each change the verdict.
// Each edit waits for its change, however slow the machine: `patience` only ends an edit whose
// verdict never changes (a broken page), it never judges a slow one.
export async function measureEdits(page, { edits = 80, field = '#pi-1-persons', values = ['100,000', '50,000'], patience = 30000 } = {}) {
  return page.evaluate(async ({ edits, field, values, patience }) => {
    const input = document.querySelector(field);
    const verdict = document.querySelector('#verdict');
    if (!input || !verdict) throw new Error('timing: field or verdict missing');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const times = [];
    for (let i = 0; i < edits; i++) {
      const want = values[(i + 1) % values.length];
      const changed = new Promise((resolve) => {
        const mo = new MutationObserver(() => { mo.disconnect(); resolve(performance.now()); });
        mo.observe(verdict, { attributes: true, attributeFilter: ['data-outcome', 'data-pathways'] });
      });
      const t0 = performance.now();
      input.value = want;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, data: want, inputType: 'insertText' }));
      let timer;
      const t1 = await Promise.race([changed, new Promise((r) => { timer = setTimeout(() => r(null), patience); })]);
      clearTimeout(timer);
      if (t1 === null) throw new Error(`timing: edit ${i} did not change the verdict within ${patience} ms`);
      times.push(t1 - t0);
      await frame();
    }
    times.sort((a, b) => a - b);
    const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    return { edits: times.length, median: q(0.5), p95: q(0.95), max: times[times.length - 1], min: times[0] };
  }, { edits, field, values, patience });
}
