// Starts the app. A file of its own, so the Content-Security-Policy needs no inline script.
// Trunk writes the hashed names of the generated module and wasm into this script's tag.
const tag = document.getElementById('xborder-loader');

function fail(err) {
  const boot = document.getElementById('boot');
  if (boot) {
    boot.classList.add('failed');
    const msg = boot.querySelector('.boot-msg');
    if (msg) {
      msg.textContent = '无法启动本工具：浏览器可能不支持 WebAssembly，或文件不完整。 · ' +
        'The checker could not start: this browser may not support WebAssembly, or the files are incomplete. (' + String(err) + ')';
    }
  }
  console.error('xborder: could not start', err);
}

if (!tag || !tag.dataset.js || !tag.dataset.wasm) {
  fail('loader: build output incomplete');
} else {
  const base = new URL('.', import.meta.url);
  // The wasm is compiled here (the preloaded fetch), so that the same module can be handed to
  // the identifier hasher's worker without fetching it again.
  const compiled = WebAssembly.compileStreaming(fetch(new URL(tag.dataset.wasm, base)));
  import(new URL(tag.dataset.js, base).href)
    .then((m) => compiled.then((module) => m.default({ module_or_path: module }).then(() => {
      m.startPage();
      startIds(base, module, m);
    })))
    .then(() => keepOffline(base))
    .catch(fail);
}

// The register's store (web/ids-worker.js, issue 15): it holds the register's identifier
// hashes and its IndexedDB database, so that the page's thread never hashes, merges or stores
// them. A worker started with the page (its one file is fetched now, during load, never
// later) and given the compiled module; requests sent before it has started wait in its queue.
// Where no worker starts, the same script runs on the page's thread, through a MessageChannel.
function startIds(base, module, m) {
  const url = new URL('ids-worker.js', base);
  let w = null;
  if (typeof Worker === 'function' && /^https?:$/.test(location.protocol)) {
    try {
      w = new Worker(url);
    } catch (err) {
      w = null;
    }
  }
  if (w) {
    w.addEventListener('error', (e) => { e.preventDefault(); });
    m.adoptStore(w);
    w.postMessage({ module });
    return;
  }
  const s = document.createElement('script');
  s.src = url.href;
  s.onload = () => {
    const ch = new MessageChannel();
    self.xborderStore(ch.port2);
    m.adoptStore(ch.port1);
    ch.port1.postMessage({ module });
  };
  s.onerror = () => m.adoptStore(null);
  document.head.appendChild(s);
}

// The offline copy (sw.js, issue 14), once the page works: the worker keeps this build's files
// so the page and its permalinks open with no network. Served over http(s) only (a file share
// opened as file:// has no service worker, and needs none). <html data-offline> says how it
// went: "ready" (this page is kept), "unavailable" (no service worker here), "failed" (the
// page works all the same). Nothing is fetched but the build's own files.
function keepOffline(base) {
  const root = document.documentElement;
  const sw = navigator.serviceWorker;
  if (!sw || !window.isSecureContext || !/^https?:$/.test(location.protocol)) {
    root.dataset.offline = 'unavailable';
    return;
  }
  sw.register(new URL('sw.js', base), { scope: base.pathname })
    .then((reg) => new Promise((resolve, reject) => {
      const w = reg.installing || reg.waiting;
      if (!w) { resolve(); return; }
      // A first install: kept once it is active; an install that fails turns redundant.
      w.addEventListener('statechange', () => {
        if (w.state === 'activated') resolve();
        else if (w.state === 'redundant') reject(new Error('the offline copy could not be made'));
      });
    }))
    .then(() => { root.dataset.offline = 'ready'; })
    .catch(() => { root.dataset.offline = 'failed'; });
}
