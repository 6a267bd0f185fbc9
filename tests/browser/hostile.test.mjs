// Hostile links: a link from a colleague (or anyone) can never hurt the user. Each bad
// fragment, opened fresh or pasted into the address bar of the open page, must give a
// readable message and an empty, working form; run no script (traps: window.__pwned, a
// setter trap, alert/confirm/prompt); cause no wasm panic; and leave the saved draft
// byte-identical and restorable. The decoder itself is fuzzed by proptest (scripts/test.sh);
// this proves the page around it.
// Run: `node --test hostile.test.mjs` (tests/browser/run.sh builds dist/ and the CLI first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT, PATIENCE, withBrowser, load, settled, verdictOf, waitVerdict, cliLink, cliDecode, cliVerdict, codes, answerNo,
} from './lib/browser.mjs';
import { armTraps, injected } from './lib/traps.mjs';

const DRAFT = 'xborder.draft';
const TYPICAL = path.join(ROOT, 'tests/golden/bj-pharma-typical.scenario.json');
const HASH = cliLink(TYPICAL, 'http://x/').match(/~r([0-9a-z]+)~/)[1]; // this build's rules hash
const R = `r${HASH}`;
const BAD = /This link could not be opened\./;

/** A small seeded generator, so a failing random case can be replayed. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = Number(process.env.XBORDER_SEED || 20261123);
const rand = rng(SEED);
const pick = (s) => s[Math.floor(rand() * s.length)];
/** Random bytes, each as one character (U+0000..U+00FF): the browser percent-encodes what it must. */
const randomBytes = (n) => Array.from({ length: n }, () => String.fromCharCode(Math.floor(rand() * 256))).join('');
/** Random text in the link alphabet: gets past the character check, into the decoder's grammar. */
const randomLinkish = (n) => '1~' + Array.from({ length: n }, () => pick('0123456789abcdefghijklmnopqrstuvwxyz~~~...:-lshixpzr')).join('');
const randomUnicode = (n) => Array.from({ length: n }, () => String.fromCodePoint(pick([0x3c, 0x3e, 0x22, 0x27, 0x26, 0x25, 0x7e, 0x202e, 0x200b, 0xfeff, 0x6570, 0x636e, 0x1f600, 0xd7ff, 0xfffd]))).join('');

/** [name, fragment (as a person would paste it after #), what the message should say]. */
const CASES = [
  // Script and HTML injection.
  ['a script tag', '<script>__pwned("script");alert(1)</script>'],
  ['an attribute breakout with img onerror', '"><img src=x onerror=__pwned("img");alert(1)>'],
  ['an svg onload', "'><svg/onload=__pwned('svg')>"],
  ['a javascript: URL', 'javascript:__pwned("js");alert(1)'],
  ['a javascript: URL, encoded', 'javascript%3A__pwned%28%29%3Balert%281%29'],
  ['a data: URL with markup', 'data:text/html,<script>__pwned("data")</script>'],
  ['markup in the list id', `1~${R}~l<img src=x onerror=__pwned("list")>~h1`],
  ['markup in a group id', `1~${R}~lbj-2025~spharma~h1~pclinical-trials.<b onmouseover=__pwned()>x</b>.a.0.`],
  ['markup in an item id', `1~${R}~lbj-2025~spharma~h1~i15.<script>__pwned()</script>`],
  ['a setter trap payload', '"><img src=x onerror=window.__pwnedFlag=1>'],
  ['an id in the alphabet that is not an id', `1~${R}~lSCRIPT~h1`, /unexpected part/],
  // Encodings and bytes.
  ['a NUL byte, encoded', '%00'],
  ['a cut UTF-8 sequence', '%E0%A4%A'],
  ['an encoded script tag', '%3Cscript%3E__pwned()%3C%2Fscript%3E'],
  ['a double-encoded script tag', '%253Cscript%253E__pwned()%253C%252Fscript%253E'],
  ['right-to-left override and zero-width characters', `1~${R}~h1\u202e\u200b`],
  ['random bytes (1)', randomBytes(64)],
  ['random bytes (2)', randomBytes(300)],
  ['random unicode', randomUnicode(120)],
  ['random text in the link alphabet', randomLinkish(200)],
  ['an oversized fragment (1 MB)', '1~' + 'a'.repeat(1024 * 1024), /too long/],
  // Well formed, semantically wrong.
  ['an unknown list', `1~${R}~lzz-2099~h1`, /list: expected a list id/],
  ['an item of another sector', `1~${R}~lbj-2025~sretail~h1~i15`, /Listed important data \(number 1\)/],
  ['an exception of another sector', `1~${R}~lbj-2025~sretail~h1~x15:hgr-obligations-met`, /Answers affirmed \(number 1\)/],
  ['a sector of another list', `1~${R}~lcq-2025~spharma~h1`, /Sector: expected a sector of list cq-2025/],
  ['a scenario of another sector', `1~${R}~lbj-2025~spharma~h1~ptelematics..a.0.`, /Group 1 · business scenario/],
  ['an unknown group', `1~${R}~lbj-2025~spharma~h1~pclinical-trials.nobody.a.0.`, /Group 1 · group of people/],
  ['more sensitive persons than persons', `1~${R}~lbj-2025~spharma~h1~pclinical-trials.subjects.a.b.`, /Group 1 · persons with sensitive information/],
  ['a count above the maximum', `1~${R}~lbj-2025~spharma~h1~p..zzzzzzzz.0.`, /count too large/],
  ['65 groups of people', `1~${R}~h1` + '~p..1.0.'.repeat(65), /more than 64 groups/],
  ['an item listed twice', `1~${R}~lbj-2025~spharma~h1~i15.15`, /listed twice/],
  ['unknown handler flags', `1~${R}~h10`, /unknown flag/],
  ['an unknown zone', `1~${R}~zmars~h1`, /zone: expected a zone/],
  ['an unknown basis', `1~${R}~h1~p..1.0.q`, /unknown basis/],
  ['items without a list', `1~${R}~h1~i18`, /no list and sector/],
  ['no handler flags', `1~${R}`, /incomplete/],
  // From a newer xborder.
  ['a future link format (2)', `2~${R}~lbj-2025~spharma~h1~i15`, /format 2, from a newer version/],
  ['a future link format (10)', `10~${R}~h1~q1`, /format 10, from a newer version/],
];

/** The form as the user sees it: anything chosen, ticked, answered yes or added. */
const formState = (page) => page.evaluate(() => ({
  zone: document.querySelector('#q-zone')?.value ?? null,
  sector: document.querySelector('#q-sector')?.value ?? null,
  yes: [...document.querySelectorAll('input[type=radio][value=yes]:checked')].map((e) => e.id),
  ticked: [...document.querySelectorAll('.form-col input[type=checkbox]:checked')].map((e) => e.id),
  rows: document.querySelectorAll('.pi-row').length,
}));
const EMPTY = { zone: '', sector: null, yes: [], ticked: [], rows: 0 };

const storedDraft = (page) => page.evaluate((k) => localStorage.getItem(k), DRAFT);

/** Makes the saved draft through the form; returns it with the verdict it shows. */
async function makeDraft(page, url) {
  await load(page, url);
  await page.selectOption('#q-zone', 'chongqing');
  await page.check('#q-in-zone-yes');
  await answerNo(page);
  await page.selectOption('#q-sector', 'auto');
  await page.check('#item-cq-2025-auto-26');
  await page.click('#pi-add');
  await page.fill('.pi-row input[id$="-persons"]', '150000');
  await page.waitForFunction(() => document.querySelector('#verdict').dataset.outcome === 'security_assessment');
  await page.waitForFunction((k) => /~i26(~|$)/.test(localStorage.getItem(k) || '') && /~p/.test(localStorage.getItem(k)), DRAFT);
  const draft = await storedDraft(page);
  const v = await verdictOf(page);
  // The draft is a real scenario: the CLI reads it and reaches the same verdict.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xborder-draft-'));
  try {
    const file = path.join(dir, 'draft.json');
    fs.writeFileSync(file, JSON.stringify(cliDecode(`${url}#${draft}`)));
    const want = cliVerdict(file);
    assert.deepEqual([v.outcome, v.pathways], [want.outcome, codes(want)], 'the draft\'s verdict is the CLI\'s');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { draft, outcome: v.outcome, pathways: v.pathways };
}

/** Everything a bad link must (and must not) leave on the page. */
async function expectBadLink(page, traps, [name, fragment, expect], saved) {
  const where = `${name} (#${fragment.slice(0, 40)}${fragment.length > 40 ? '…' : ''})`;
  await page.waitForSelector('#notice', { timeout: PATIENCE });
  await settled(page); // the bad link is fully handled: nothing deferred could still touch the draft
  assert.equal(await page.getAttribute('#notice', 'role'), 'alert', `${where}: the message is announced`);
  const text = await page.innerText('#notice');
  assert.match(text, BAD, `${where}: a readable message`);
  if (expect) assert.match(text, expect, `${where}: the message says why`);
  const reason = await page.$eval('#notice p', (p) => p.textContent);
  assert.ok(reason.length < 400, `${where}: a short message (${reason.length} characters)`);
  assert.doesNotMatch(reason, /[<>\u0000-\u001f\u202e]/, `${where}: the message echoes no markup or control characters`);
  assert.doesNotMatch(reason, /\b[a-z_]+\[\d+\]/, `${where}: the field is named in words, never a JSON path`);
  const tags = await page.$$eval('#notice *', (els) => [...new Set(els.map((e) => e.tagName.toLowerCase()))]);
  assert.deepEqual(tags.filter((t) => !['p', 'strong', 'button', 'code'].includes(t)), [], `${where}: the message is text and buttons only`);
  assert.match(text, saved ? /your saved draft is unchanged/ : /there is no saved draft/, `${where}: says what became of the draft`);
  assert.deepEqual(await formState(page), EMPTY, `${where}: the form is empty`);
  const v = await verdictOf(page);
  // The neutral start (contract: "Page states"): no outcome, no colour, until something is described.
  assert.deepEqual([v.outcome, v.pathways, v.stale], ['', '', 'false'], `${where}: the empty form shows no verdict`);
  assert.ok(await page.$('.empty-hint'), `${where}: the verdict says nothing is described yet`);
  if (saved) assert.equal(await storedDraft(page), saved.draft, `${where}: the draft is byte-identical`);
  await expectNothingRan(page, traps, where);
}

async function expectNothingRan(page, traps, where) {
  assert.deepEqual(traps.calls, [], `${where}: an injected script ran`);
  assert.deepEqual(traps.dialogs, [], `${where}: a dialog opened`);
  assert.equal(await page.evaluate(() => window.__pwnedFlag), false, `${where}: the setter trap was hit`);
  assert.deepEqual(await traps.panicked(), [], `${where}: the wasm panicked`);
  assert.deepEqual(traps.problems(), [], `${where}: console errors or warnings`);
  assert.deepEqual(await injected(page), [], `${where}: markup was injected`);
}

/** One edit on the empty form gives a verdict; the edit becomes the draft and clears the bad fragment. */
async function expectWorkingForm(page, where) {
  await answerNo(page, '', ['q-ciio', 'q-core', 'q-export']);
  await page.check('#q-notified-yes');
  await waitVerdict(page, 'security_assessment', 'security_assessment').catch((e) => { throw new Error(`${where}: ${e.message}`); });
  assert.equal(await page.evaluate(() => location.hash), '', `${where}: the bad fragment left the address bar after the edit`);
  assert.match(await storedDraft(page), /^1~r[0-9a-z]+~h4$/, `${where}: the edit is the new draft`);
}

const setDraft = (page, draft) => page.evaluate(([k, v]) => localStorage.setItem(k, v), [DRAFT, draft]);

test(`bad links opened fresh: a message, an empty working form, no script, no panic, the draft kept (${CASES.length} links, seed ${SEED})`, async () => {
  await withBrowser({}, async (s) => {
    const { page, url } = s;
    const traps = await armTraps(s);
    const saved = await makeDraft(page, url);
    const slow = [];
    for (const c of CASES) {
      const [name, fragment] = c;
      await setDraft(page, saved.draft);
      const t0 = Date.now();
      await load(page, `${url}#${fragment}`);
      const ms = Date.now() - t0;
      if (ms > 3000) slow.push(`${name} ${ms} ms`);
      await expectBadLink(page, traps, c, saved);
      // Still restorable: the message offers the draft, and it comes back whole.
      await page.click('#notice-open-draft');
      await waitVerdict(page, saved.outcome, saved.pathways).catch((e) => { throw new Error(`${name}: restoring the draft: ${e.message}`); });
      assert.equal(await page.inputValue('#q-zone'), 'chongqing', `${name}: the draft's form is back`);
      assert.equal(await page.inputValue('.pi-row input[id$="-persons"]'), '150,000');
      assert.equal(await storedDraft(page), saved.draft, `${name}: restoring leaves the draft as it was`);
      // And the empty form works: the bad link again, one edit, a verdict.
      await load(page, `${url}#${fragment}`);
      await expectBadLink(page, traps, c, saved);
      await expectWorkingForm(page, name);
      await expectNothingRan(page, traps, name);
    }
    console.log(`hostile: ${CASES.length} bad links opened fresh, each twice: 0 scripts run, 0 dialogs, 0 panics, draft kept every time${slow.length ? `; slow: ${slow.join(', ')}` : ''}`);
  });
});

test('bad links pasted into the address bar of the open page (hashchange), over a restored draft', async () => {
  await withBrowser({}, async (s) => {
    const { page, url } = s;
    const traps = await armTraps(s);
    const saved = await makeDraft(page, url);
    await load(page, url); // the draft is restored
    assert.equal(await page.inputValue('#q-zone'), 'chongqing');
    const random = Array.from({ length: 24 }, (_, i) => [`random ${i % 3 === 0 ? 'bytes' : i % 3 === 1 ? 'link-alphabet text' : 'unicode'} #${i}`,
      i % 3 === 0 ? randomBytes(1 + Math.floor(rand() * 200)) : i % 3 === 1 ? randomLinkish(1 + Math.floor(rand() * 120)) : randomUnicode(1 + Math.floor(rand() * 60))]);
    let n = 0;
    for (const c of [...CASES, ...random]) {
      const [name, fragment] = c;
      // Two ways a fragment changes on an open page: script (location.hash) and the address bar.
      const how = n % 2 === 0 ? 'location.hash' : 'address bar';
      // The page is settled here (after load, expectBadLink or waitVerdict): a notice is
      // there or not; nothing waits for one that may come later.
      if (await page.$('#notice-dismiss')) await page.click('#notice-dismiss');
      await page.waitForSelector('#notice', { state: 'detached' });
      if (how === 'location.hash') await page.evaluate((f) => { location.hash = f; }, fragment);
      else await page.goto(`${url}#${fragment}`);
      // A fragment that names an element of the page is an in-page anchor, not a link: skipped.
      const state = await page.evaluate(() => {
        let id = location.hash.slice(1);
        try { id = decodeURIComponent(id); } catch { /* not an id then */ }
        return { hash: location.hash, anchor: !!id && !!document.getElementById(id) };
      });
      if (state.hash.length <= 1 || state.anchor) continue;
      n += 1;
      if (c.length < 3 && name.startsWith('random link')) {
        // Random text in the link alphabet could, rarely, be a valid link: either message will do.
        await page.waitForSelector('#notice');
        if (!BAD.test(await page.innerText('#notice'))) continue;
      }
      await expectBadLink(page, traps, c, saved);
      if (n % 10 === 0) {
        await page.click('#notice-open-draft');
        await waitVerdict(page, saved.outcome, saved.pathways);
      }
    }
    await expectWorkingForm(page, 'after the hash changes');
    await expectNothingRan(page, traps, 'after the hash changes');
    console.log(`hostile: ${n} bad fragments pasted into the open page (named and random, seed ${SEED}): 0 scripts run, 0 dialogs, 0 panics, draft kept`);
  });
});

test('a link made under other rules opens with a warning, keeps the draft, and offers it back', async () => {
  const want = cliVerdict(TYPICAL);
  await withBrowser({}, async (s) => {
    const { page, url } = s;
    const traps = await armTraps(s);
    const saved = await makeDraft(page, url);
    for (const other of ['r00000000', 'rdeadbeefcafe', 'r']) {
      const link = cliLink(TYPICAL, url).replace(`~${R}~`, `~${other}~`);
      assert.notEqual(link, cliLink(TYPICAL, url));
      await load(page, link);
      await page.waitForSelector('#rules-changed');
      assert.match(await page.innerText('#rules-changed'), /different version of the rules data/);
      assert.equal(await page.getAttribute('#notice', 'role'), 'status');
      await waitVerdict(page, want.outcome, codes(want));
      assert.equal(await page.inputValue('#q-zone'), 'beijing', 'the link\'s scenario is open');
      assert.equal(await storedDraft(page), saved.draft, `${other}: opening a link does not touch the draft`);
      await expectNothingRan(page, traps, other);
      await page.click('#notice-open-draft');
      await waitVerdict(page, saved.outcome, saved.pathways);
      assert.equal(await page.inputValue('#q-zone'), 'chongqing');
      assert.equal(await storedDraft(page), saved.draft);
    }
  });
});

test('markup and junk typed or pasted into the form\'s text fields stay text', async () => {
  await withBrowser({}, async (s) => {
    const { page, url } = s;
    const traps = await armTraps(s);
    await load(page, cliLink(TYPICAL, url));
    const want = await verdictOf(page);
    const payloads = ['<img src=x onerror=__pwned("field")>', '"><script>__pwned()</script>', 'javascript:__pwned()', '\u0000\u202e%00%E0%A4%A', '9'.repeat(5000), 'x'.repeat(100 * 1024)];
    const persons = '.pi-row:nth-child(1) input[id$="-persons"]';
    for (const p of payloads) {
      await page.fill('#q-search', p);
      await page.fill(persons, p);
      await page.waitForSelector('.field.invalid .field-error');
      const v = await verdictOf(page);
      assert.deepEqual([v.outcome, v.pathways, v.stale], [want.outcome, want.pathways, 'true'], 'the last valid verdict stays, marked stale');
      assert.equal(await page.inputValue(persons), p, 'the field shows what was typed, as text');
      await expectNothingRan(page, traps, `typed ${JSON.stringify(p.slice(0, 20))}`);
    }
    await page.fill('#q-search', '');
    await page.fill(persons, '30000');
    await waitVerdict(page, want.outcome, want.pathways);
    assert.equal((await verdictOf(page)).stale, 'false');
  });
});

test('in Chinese, a bad link says so in Chinese and the empty form works', async () => {
  await withBrowser({ locale: 'zh-CN' }, async (s) => {
    const { page, url } = s;
    const traps = await armTraps(s);
    await load(page, `${url}#"><img src=x onerror=__pwned()>`);
    await page.waitForSelector('#notice');
    assert.equal(await page.getAttribute('#notice', 'role'), 'alert');
    assert.match(await page.innerText('#notice'), /无法打开此链接。/);
    assert.match(await page.innerText('#notice'), /下面是空白表单/);
    assert.deepEqual(await formState(page), EMPTY);
    await answerNo(page, '', ['q-ciio', 'q-core', 'q-export']);
    await page.check('#q-notified-yes');
    await waitVerdict(page, 'security_assessment', 'security_assessment');
    await expectNothingRan(page, traps, 'zh');
  });
});
