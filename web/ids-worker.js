// Hashes identifier files off the page's main thread (issue 15; web/src/ids_worker.rs). The
// page's loader starts this worker with the page and hands it the page's own compiled wasm
// module: the worker instantiates it (no fetch) with stand-ins for the page's JS imports, which
// the hashing never calls, and uses only its raw `xb_ids_*` exports. A file is read here in
// 8 MB slices (FileReaderSync), hashed with the device's key, and only the distinct 128-bit
// hashes go back to the page, with the bytes read so far. It fetches nothing and keeps nothing.
const SLICE = 8 << 20;
let ex = null;

self.onmessage = (e) => {
  const m = e.data;
  if (m.module) {
    const imports = {};
    for (const i of WebAssembly.Module.imports(m.module)) {
      (imports[i.module] ??= {})[i.name] = () => { throw new Error(`ids-worker: ${i.name} is not available here`); };
    }
    ex = new WebAssembly.Instance(m.module, imports).exports;
    self.postMessage({ ready: true });
    return;
  }
  try {
    if (!ex) throw new Error('the background hasher did not start');
    const hashes = hash(m.file, m.key);
    self.postMessage({ hashes }, [hashes.buffer]);
  } catch (err) {
    self.postMessage({ error: String(err && err.message ? err.message : err) });
  }
};

function put(bytes) {
  const at = ex.xb_ids_input(bytes.length);
  new Uint8Array(ex.memory.buffer, at, bytes.length).set(bytes);
}

function failure() {
  return new TextDecoder().decode(new Uint8Array(ex.memory.buffer, ex.xb_ids_error(), ex.xb_ids_error_len()));
}

function hash(file, key) {
  put(key);
  if (ex.xb_ids_begin(key.length) !== 0) throw new Error(failure());
  const reader = new FileReaderSync();
  for (let at = 0; at < file.size; at += SLICE) {
    const bytes = new Uint8Array(reader.readAsArrayBuffer(file.slice(at, at + SLICE)));
    put(bytes);
    if (ex.xb_ids_feed(bytes.length) !== 0) throw new Error(failure());
    self.postMessage({ read: Math.min(at + SLICE, file.size) });
  }
  if (ex.xb_ids_finish() !== 0) throw new Error(failure());
  return new Uint8Array(ex.memory.buffer, ex.xb_ids_out(), ex.xb_ids_out_len()).slice();
}
