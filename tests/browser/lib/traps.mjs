// Traps for injected script: if any payload of a hostile link ever runs, it calls
// `__pwned(...)` or `alert/confirm/prompt(...)`, or writes `window.__pwnedFlag`; these
// record it. Also collects what would show a wasm panic.

/**
 * Arms the traps on `s` (from `start()`), before the first navigation. Returns
 * { calls, dialogs, problems(), panicked(page) }.
 */
export async function armTraps(s) {
  const { page } = s;
  const calls = [];
  const dialogs = [];
  // A binding in every document the page loads: payloads call window.__pwned().
  await page.exposeFunction('__pwned', (...args) => { calls.push(args.map(String).join(' ')); });
  // alert(1) and friends: recorded and dismissed, so nothing blocks.
  page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  // A flag a payload could set without calling anything (e.g. `<img onerror=__pwnedFlag=1>`).
  await page.addInitScript(() => {
    let hit = false;
    Object.defineProperty(window, '__pwnedFlag', { get: () => hit, set: () => { hit = true; window.__pwned?.('flag'); }, configurable: false });
  });
  return {
    calls,
    dialogs,
    /** Console errors and warnings and page errors seen so far (from `start()`). */
    problems: () => [...s.problems],
    /** What shows that the wasm panicked: console text and the page's own crash message. */
    async panicked(p = page) {
      const out = s.problems.filter((m) => /panicked|unreachable|RuntimeError/i.test(m));
      if (await p.$('#crash')) out.push(`#crash shown: ${await p.textContent('#crash')}`);
      if (await p.$('.boot.failed')) out.push(`boot failed: ${await p.textContent('.boot')}`);
      return out;
    },
  };
}

/** Markup a hostile link could have slipped into the page: elements and attributes the app never makes. */
export const injected = (page) => page.evaluate(() => {
  const out = [];
  for (const el of document.querySelectorAll('img, iframe, frame, object, embed, svg, math, video, audio, form, base, meta:not([charset]):not([name]):not([http-equiv]), script:not([src]), link:not([rel="icon"]):not([rel="stylesheet"]):not([rel="modulepreload"]):not([rel="preload"][as="fetch"][type="application/wasm"])')) {
    out.push(el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) out.push(`${el.tagName.toLowerCase()}[${a.name}=${a.value.slice(0, 40)}]`);
    }
  }
  return out;
});
