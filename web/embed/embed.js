// xborder embed: the <xborder-checker> element and the JS API (contract: "Embedding").
//
//   <script type="module" src="https://intranet.example/xborder/embed.js"></script>
//   <xborder-checker lang="zh" list="bj-2025" sector="pharma"></xborder-checker>
//
//   import { ready, evaluate, compare, catalogue } from 'https://intranet.example/xborder/embed.js';
//   await ready;
//   const verdict = evaluate({ schema: 1, handler: { in_zone: true, ciio: false }, ... });
//
// web/embed/build.mjs (Trunk's post_build hook) writes this file into dist/ with the hashed
// names of the app's module and wasm and the widget's stylesheet filled in. Everything loads
// relative to this file, wherever the host page lives; the wasm is the standalone page's own.
// Importing it defines the element and nothing else: no global, nothing in the host's
// document, no storage, no request after the wasm has loaded.
import init, * as app from './__XBORDER_JS__';

const WASM = new URL('./__XBORDER_WASM__', import.meta.url);
// The standalone checker next to this file: "Copy link" in a widget opens the scenario there.
const APP = new URL('./', import.meta.url).href;
// The widget's stylesheet (web/embed/shadow.css + web/style.css), adopted by every shadow root.
const CSS = __XBORDER_CSS__;
// The same, as a file, for browsers without constructable stylesheets.
const CSS_FILE = new URL('./embed.css', import.meta.url).href;

let status = 'loading';
let failure = '';

/** Resolves once `evaluate`, `compare` and `catalogue` can be called and elements can render. */
export const ready = init({ module_or_path: WASM }).then(
  () => { status = 'ready'; },
  (e) => {
    status = 'failed';
    failure = String((e && e.message) || e);
    throw new Error(`xborder: the checker could not start: ${failure}`);
  },
);
// Elements show a failure themselves; whoever awaits `ready` still gets the rejection.
ready.catch(() => {});

function usable(name) {
  if (status === 'ready') return;
  throw new Error(status === 'failed'
    ? `xborder: ${name}() is unavailable: the checker could not start (${failure})`
    : `xborder: ${name}() was called before the module was ready: await ready first`);
}

/**
 * The verdict for a scenario, as `xborder check --format json` prints it (a plain object).
 * Throws an Error naming the field for a scenario the CLI would refuse (its exit-2 line, e.g.
 * "personal_information[1].persons: expected a whole number of persons, 0 or more, found -5");
 * the error's `path` property holds the field's JSON path.
 */
export function evaluate(scenario) {
  usable('evaluate');
  return app.evaluate(scenario);
}

/**
 * The verdicts of an array of scenarios, in order, in one call (a table of flows): each entry is
 * the verdict `evaluate` returns, or `{ error: { message, path } }` for a scenario it would
 * refuse, so one bad row does not lose the others.
 */
export function evaluateMany(scenarios) {
  usable('evaluateMany');
  return app.evaluateMany(scenarios);
}

/**
 * The scenario under every regime the handler may use, as `xborder compare --format json`
 * prints it (a plain object: `{ schema, rules_version, columns: [...] }`). Reads and refuses a
 * scenario exactly as `evaluate` does (same Error, same `path`).
 */
export function compare(scenario) {
  usable('compare');
  return app.compare(scenario);
}

/** The catalogue, as `xborder rules list --format json` prints it (a plain object). */
export function catalogue() {
  usable('catalogue');
  return app.catalogue();
}

let shared = null;
function adoptStyles(root) {
  if (typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in ShadowRoot.prototype) {
    try {
      if (!shared) {
        shared = new CSSStyleSheet();
        shared.replaceSync(CSS);
      }
      root.adoptedStyleSheets = [shared];
      return;
    } catch {
      shared = null;
    }
  }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = CSS_FILE;
  root.append(link);
}

const TEXT = {
  loading: '正在加载数据出境合规检查… · Loading the cross-border data transfer checker…',
  failed: '无法启动数据出境合规检查。 · The cross-border data transfer checker could not start. ',
  hint: 'If this page has a Content-Security-Policy, it needs script-src \'wasm-unsafe-eval\' and connect-src for the checker\'s folder.',
};

class XborderChecker extends HTMLElement {
  static get observedAttributes() { return ['lang', 'list', 'sector', 'compact']; }

  #box;
  #widget = null;
  #verdict = null;
  #scenario = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root);
    this.#box = document.createElement('div');
    this.#box.className = 'xb-host';
    root.append(this.#box);
    this.#say(TEXT.loading, false);
  }

  connectedCallback() {
    if (this.#widget) return; // moved within the page: it keeps its state
    ready.then(
      () => { if (this.isConnected && !this.#widget) this.#mount(); },
      () => this.#say(`${TEXT.failed}(${failure}) ${TEXT.hint}`, true),
    );
  }

  disconnectedCallback() {
    // Moving an element disconnects and reconnects it at once: unmount only if it stays out.
    queueMicrotask(() => { if (!this.isConnected) this.#unmount(); });
  }

  attributeChangedCallback(name, before, now) {
    if (!this.#widget || before === now) return;
    if (name === 'lang') this.#widget.setLang(this.#lang());
    else if (name === 'compact') this.#widget.setCompact(this.hasAttribute('compact'));
    else { this.#unmount(); this.#mount(); } // list, sector: a fresh checker with the new lock
  }

  /** The last verdict shown (the detail of the last `xborder-verdict` event), or null. */
  get verdict() { return this.#verdict; }

  /** The scenario behind that verdict (contract shape), or null. */
  get scenario() { return this.#scenario; }

  /** `lang` if set, else the nearest `lang` around the element, else the browser's language. */
  #lang() {
    const near = this.getAttribute('lang') || this.parentElement?.closest('[lang]')?.getAttribute('lang') || navigator.language || '';
    return /^zh/i.test(near.trim()) ? 'zh' : 'en';
  }

  #mount() {
    this.#box.replaceChildren();
    const options = {
      lang: this.#lang(),
      list: this.getAttribute('list'),
      sector: this.getAttribute('sector'),
      compact: this.hasAttribute('compact'),
      app: APP,
    };
    // Every new scenario and its verdict; `changed`: the verdict differs from the last one.
    this.#widget = app.mount(this.#box, options, (verdict, scenario, changed) => {
      this.#verdict = verdict;
      this.#scenario = scenario;
      if (!changed) return;
      // After the app's update, never inside it: a listener may call evaluate() or change us.
      queueMicrotask(() => this.dispatchEvent(new CustomEvent('xborder-verdict', { detail: verdict, bubbles: true, composed: true })));
    });
  }

  #unmount() {
    if (!this.#widget) return;
    this.#widget.destroy();
    this.#widget.free();
    this.#widget = null;
    this.#box.replaceChildren();
  }

  #say(text, failed) {
    const p = document.createElement('p');
    p.className = failed ? 'xb-status failed' : 'xb-status';
    p.setAttribute('role', failed ? 'alert' : 'status');
    p.textContent = text;
    this.#box.replaceChildren(p);
  }
}

if (!customElements.get('xborder-checker')) customElements.define('xborder-checker', XborderChecker);
