// The register's store (issue 15; web/src/ids_worker.rs, web/src/register_store.rs). It owns
// the register's IndexedDB database and its identifier hashes, so that the page's main thread
// never holds, counts or stores a hash: it hashes identifier files (read as streams, keyed
// with the device's key, which never leaves this script), keeps each file's distinct hashes as
// a set in its own instance of the page's wasm module (the loader hands it the compiled module:
// nothing is fetched again), makes the groups of people of the flows' sets by one merge, and
// writes the register's text with its hashes in one transaction. The page sends requests
// { id, op, ... } and gets { id, ok } or { id, error } (and { id, read } while a file is read);
// requests are taken one after another, in the order sent (a write is answered once it is
// committed, while the next request is already being worked on). It fetches nothing.
//
// Records of the object store `register`: `flows` (the register's text, hashes left out),
// `sets` (per flow, the ids of its persons' and sensitive persons' sets, '' for none), one
// `set:<id>` per set (a Blob of its hashes, 16 little-endian bytes each, sorted), and `key`. A write
// puts only the sets not yet stored and deletes those no flow names any more, in the same
// transaction as the text.
//
// The loader runs it as a dedicated worker; where no worker starts, the page runs this same
// script on its own thread (self.xborderStore, through a MessageChannel).
const PROGRESS = 4 << 20;
const DB = 'xborder-register';
const STORE = 'register';

function xborderStore(port) {
  let ex = null;
  let queue = Promise.resolve();
  // Each set's id in the database (random, made once), by handle; and back.
  const idOf = new Map();
  const handleOf = new Map();
  function name(h, id) {
    if (!h) return 0;
    id ??= Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
    idOf.set(h, id);
    handleOf.set(id, h);
    return h;
  }
  port.onmessage = (e) => {
    const m = e.data;
    if (m && m.module) {
      const imports = {};
      for (const i of WebAssembly.Module.imports(m.module)) {
        (imports[i.module] ??= {})[i.name] = () => { throw new Error(`the register's store: ${i.name} is not available here`); };
      }
      ex = new WebAssembly.Instance(m.module, imports).exports;
      port.postMessage({ ready: true });
      return;
    }
    const reply = (ok) => { if (m.id !== undefined) port.postMessage({ id: m.id, ok: ok ?? {} }, transfers(ok)); };
    const refuse = (err) => { if (m.id !== undefined) port.postMessage({ id: m.id, error: String(err && err.message ? err.message : err) }); };
    queue = queue.then(() => {
      if (!ex) throw new Error("the register's store did not start");
      return ops[m.op](m, (read) => port.postMessage({ id: m.id, read }));
    }).then((ok) => {
      // A write: the next request goes on while it commits (IndexedDB keeps their order).
      if (ok && ok.committed) ok.committed.then(() => reply({}), refuse);
      else reply(ok);
    }, refuse);
  };

  // --- the wasm side (raw xb_ids_* exports) ---
  const mem = () => ex.memory.buffer;
  function put(bytes) {
    const at = ex.xb_ids_input(bytes.length);
    new Uint8Array(mem(), at, bytes.length).set(bytes);
  }
  // Base64 text (ASCII: one byte a character); anything else is refused by its length.
  function putText(s) {
    const at = ex.xb_ids_input(s.length);
    const r = new TextEncoder().encodeInto(s, new Uint8Array(mem(), at, s.length));
    if (r.read !== s.length) throw new Error('expected base64 text');
    return r.written;
  }
  function failure() {
    return new TextDecoder().decode(new Uint8Array(mem(), ex.xb_ids_error(), ex.xb_ids_error_len()));
  }
  const out = () => new Uint8Array(mem(), ex.xb_ids_out(), ex.xb_ids_out_len()).slice();
  const len = (h) => ex.xb_ids_len(h);
  // A set's bytes where they are in the instance's memory (valid until the next call into it).
  const view = (h) => (h ? new Uint8Array(mem(), ex.xb_ids_set(h), len(h) * 16) : new Uint8Array(0));
  // Keeps stored bytes as a set, with its id in the database where it has one (an earlier
  // page's empty record is no file).
  function adopt(b, id) {
    if (!(b instanceof Uint8Array)) throw new Error('the stored hashes are damaged (not bytes)');
    if (!b.byteLength && !id) return 0;
    put(b);
    const h = ex.xb_ids_adopt(b.byteLength);
    if (!h) throw new Error(failure());
    return name(h, id);
  }
  function adoptB64(s) {
    const h = ex.xb_ids_adopt_b64(putText(s));
    if (!h) throw new Error(failure());
    return name(h);
  }
  function groups(spec) {
    put(new Uint8Array(spec.buffer, spec.byteOffset, spec.byteLength));
    if (!ex.xb_ids_groups(spec.length / 2)) throw new Error(failure());
    return out();
  }
  function forget(h) {
    ex.xb_ids_release(h);
    handleOf.delete(idOf.get(h));
    idOf.delete(h);
  }
  const specOf = (sets) => Uint32Array.from(sets.flatMap(([p, , s]) => [p, s]));
  const describe = (sets) => ({ sets, groups: groups(specOf(sets)) });

  // --- IndexedDB ---
  const done = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  const committed = (tx) => new Promise((ok, ko) => { tx.oncomplete = () => ok(); tx.onerror = () => ko(tx.error); tx.onabort = () => ko(tx.error || new Error('the write was aborted')); });
  async function exists() {
    if (!indexedDB.databases) return true;
    return (await indexedDB.databases()).some((d) => d.name === DB);
  }
  // One connection, kept open; closed when another tab deletes the database (Clear).
  let conn = null;
  function open() {
    if (conn) return conn;
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE);
    conn = new Promise((ok, ko) => {
      r.onsuccess = () => {
        r.result.onversionchange = () => { r.result.close(); conn = null; keyKept = null; };
        ok(r.result);
      };
      r.onerror = () => { conn = null; ko(r.error); };
      r.onblocked = () => { conn = null; ko(new Error('the database is blocked by another tab')); };
    });
    return conn;
  }
  function shut() {
    const c = conn;
    conn = null;
    keyKept = null;
    return c ? c.then((db) => db.close(), () => {}) : Promise.resolve();
  }
  // The device's key for hashing identifiers: generated once (random values) and kept in the
  // database (record `key`); it never leaves this script.
  // Kept here once read (a write of the database must not hold up the next file); forgotten
  // when the database is deleted (Clear, here or in another tab).
  let keyKept = null;
  async function key() {
    if (keyKept) return keyKept;
    keyKept = await readKey();
    return keyKept;
  }
  async function readKey() {
    const db = await open();
    const k = await done(db.transaction(STORE).objectStore(STORE).get('key'));
    if (k instanceof Uint8Array && k.length === 192) return k;
    const fresh = crypto.getRandomValues(new Uint8Array(192));
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(fresh, 'key');
    await committed(tx);
    return fresh;
  }
  // Hashes inside the text (an exported register, or one stored by an older page) become sets.
  function fromText(text, what) {
    let obj;
    try { obj = JSON.parse(text); } catch { throw new Error('not JSON: expected a register exported by xborder (.json)'); }
    const flows = obj && Array.isArray(obj.flows) ? obj.flows : [];
    const made = [];
    try {
      const sets = flows.map((f, i) => ['person_hashes', 'sensitive_hashes'].map((k) => {
        const v = f && f[k];
        if (typeof v !== 'string' || v === '') return 0;
        let h;
        try { h = adoptB64(v); } catch (e) { throw new Error(`${what}flows[${i}]: ${k}: ${e.message}`); }
        made.push(h);
        f[k] = '';
        return h;
      })).map(([p, s]) => [p, len(p), s, len(s)]);
      return { text: JSON.stringify(obj), ...describe(sets) };
    } catch (e) {
      for (const h of made) forget(h);
      throw e;
    }
  }

  // Hashes a file with key `k`: the set's handle (or throws the hasher's message). The file is
  // read as a stream: the browser reads ahead (off this thread) while a chunk is hashed, and
  // only a chunk at a time is in memory. Progress is told at most every PROGRESS bytes.
  async function hashFile(file, k, progress) {
    put(k);
    if (!ex.xb_ids_begin(k.length)) throw new Error(failure());
    const reader = file.stream().getReader();
    let read = 0;
    let told = 0;
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      put(r.value);
      if (!ex.xb_ids_feed(r.value.length)) {
        reader.cancel().catch(() => {});
        throw new Error(failure());
      }
      read += r.value.length;
      if (read - told >= PROGRESS) progress((told = read));
    }
    if (told < read) progress(read);
    const h = ex.xb_ids_finish();
    if (!h) throw new Error(failure());
    return h;
  }
  const ops = {
    async load() {
      if (!(await exists())) return { text: null };
      const db = await open();
      const tx = db.transaction(STORE);
      const st = tx.objectStore(STORE);
      const [text, ids, hashes] = await Promise.all(['flows', 'sets', 'hashes'].map((k) => done(st.get(k))));
      if (typeof text !== 'string') return { text: null };
      let n = 0;
      try { n = (JSON.parse(text).flows || []).length; } catch { /* the page says what is wrong */ }
      const made = [];
      const kept = (h) => { if (h) made.push(h); return [h, len(h)]; };
      try {
        let sets;
        if (Array.isArray(ids)) {
          // This page's records: each set by its id.
          if (ids.length !== n) throw new Error(`stored register: the stored sets are of ${ids.length} flows, the register has ${n}`);
          const need = ids.flat().filter((id) => id);
          const got = new Map(await Promise.all([...new Set(need)].map(async (id) => [id, await done(st.get('set:' + id))])));
          for (const [id, b] of got) if (b instanceof Blob) got.set(id, new Uint8Array(await b.arrayBuffer()));
          // Each flow's set its own handle (the page frees each with its flow).
          const one = (id) => {
            if (!id) return [0, 0];
            if (!got.get(id)) throw new Error(`stored register: the set ${id} is missing`);
            return kept(adopt(got.get(id), id));
          };
          sets = ids.map(([p, s]) => [...one(p), ...one(s)]);
        } else if (Array.isArray(hashes)) {
          // An older page's record: per flow, the hashes themselves.
          if (hashes.length !== n) throw new Error(`stored register: the stored hashes are of ${hashes.length} flows, the register has ${n}`);
          sets = hashes.map(([p, s]) => [...kept(adopt(p)), ...kept(adopt(s))]);
        } else {
          // An older page's text, with the hashes in it (as an exported register).
          return fromText(text, 'stored register: ');
        }
        return { text, ...describe(sets) };
      } catch (e) {
        for (const h of made) forget(h);
        throw e;
      }
    },
    async hash(m, progress) {
      const h = await hashFile(m.file, await key(), progress);
      return { set: [name(h), len(h)] };
    },
    groups(m) {
      return { groups: groups(m.spec) };
    },
    async save(m) {
      const spec = m.spec;
      const ids = [];
      // A flow's set this store does not hold would be stored as no file (counted as nobody):
      // refused instead, and nothing is written.
      const idFor = (h) => {
        if (!h) return '';
        const id = idOf.get(h);
        if (!id) throw new Error(`the register's store no longer holds set ${h}: the change is not stored (reload the page)`);
        return id;
      };
      for (let i = 0; i < spec.length; i += 2) ids.push([idFor(spec[i]), idFor(spec[i + 1])]);
      const db = await open();
      const tx = db.transaction(STORE, 'readwrite');
      const st = tx.objectStore(STORE);
      st.put(m.text, 'flows');
      const want = new Set(ids.flat().filter((id) => id));
      if (want.size) st.put(ids, 'sets');
      else st.delete('sets');
      st.delete('hashes');
      const keys = await done(st.getAllKeys());
      for (const k of keys) if (typeof k === 'string' && k.startsWith('set:') && !want.has(k.slice(4))) st.delete(k);
      // A set as a Blob: IndexedDB keeps it as a file of its own, written off this thread.
      for (const id of want) {
        if (keys.includes('set:' + id)) continue;
        const h = handleOf.get(id);
        if (!h) {
          tx.abort();
          throw new Error(`the register's store no longer holds set ${id}: the change is not stored (reload the page)`);
        }
        st.put(new Blob([view(h)]), 'set:' + id);
      }
      return { committed: committed(tx) };
    },
    async clear() {
      await shut();
      await done(indexedDB.deleteDatabase(DB));
    },
    export(m) {
      const obj = JSON.parse(m.text);
      const spec = m.spec;
      obj.flows.forEach((f, i) => {
        for (const [k, h] of [['person_hashes', spec[2 * i]], ['sensitive_hashes', spec[2 * i + 1]]]) {
          if (!h) continue;
          if (!ex.xb_ids_b64(h)) throw new Error(failure());
          f[k] = new TextDecoder().decode(new Uint8Array(mem(), ex.xb_ids_out(), ex.xb_ids_out_len()));
        }
      });
      return { blob: new Blob([JSON.stringify(obj)], { type: 'application/json' }) };
    },
    async import(m) {
      return fromText(await m.file.text(), '');
    },
    release(m) {
      forget(m.handle);
    },
  };
}

function transfers(ok) {
  if (ok && ok.groups instanceof Uint8Array) return [ok.groups.buffer];
  return [];
}

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  xborderStore(self);
} else {
  self.xborderStore = xborderStore;
}
