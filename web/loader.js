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
  import(new URL(tag.dataset.js, base).href)
    .then((m) => m.default({ module_or_path: new URL(tag.dataset.wasm, base) }).then(() => m.startPage()))
    .catch(fail);
}
