//! The register kept on the device, as the page's thread asks for it. The register's store
//! (`web/ids-worker.js`, a worker the loader starts with the page; `ids_worker.rs` is its wasm
//! side) owns one IndexedDB database, `xborder-register`, with one object store, `register`:
//! the record `flows`, the register's export file as JSON text (what the user entered, nothing
//! else) with its hashes left out; once a flow has identifier files, the record `hashes`: per
//! flow, its persons' and sensitive persons' hashes as bytes (16 each, an array of two
//! `Uint8Array`s); and the record `key`, the device's random key for hashing identifier files,
//! once one has been read. The database exists only once the user has put something in the
//! register; "Clear register" deletes it. Every write is one transaction (the flows and their
//! hashes together); a BroadcastChannel tells the page's other tabs to read it again.
//!
//! The store also keeps the hashes (as sets, by handle: [`Hashes`]) and makes the
//! groups of people of the flows' sets, so that this thread holds no hash and never merges or
//! writes hundreds of megabytes of them: the page stays responsive.
use crate::register_ids::Spec;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use xborder_core::register::Groups;

pub const CHANNEL: &str = "xborder-register";

type Reply = (js_sys::Function, js_sys::Function, Option<Rc<dyn Fn(f64)>>);

thread_local! {
    /// The store's port (its worker, or the port of the copy on this thread), once the loader
    /// has handed it over; whether it is a worker.
    static PORT: RefCell<Option<(JsValue, bool)>> = const { RefCell::new(None) };
    /// Requests sent and not yet answered: resolve, reject, progress.
    static WAITING: RefCell<HashMap<u32, Reply>> = RefCell::new(HashMap::new());
    static NEXT: Cell<u32> = const { Cell::new(1) };
    /// Requests made before the loader handed the store over: resumed then. And whether the
    /// loader said it could not start one.
    static EARLY: RefCell<Vec<js_sys::Function>> = const { RefCell::new(Vec::new()) };
    static FAILED: Cell<bool> = const { Cell::new(false) };
    /// The page's one channel: it posts, and it listens (a channel never hears its own posts,
    /// so a tab never re-reads what it has just written itself).
    static CHAN: Option<web_sys::BroadcastChannel> = web_sys::BroadcastChannel::new(CHANNEL).ok();
}

/// From the loader: the store's port (a `Worker`, or a `MessagePort` to the copy of the store
/// running on this thread where no worker starts).
pub fn adopt(port: JsValue) {
    if port.is_null() || port.is_undefined() {
        FAILED.with(|f| f.set(true));
    } else {
        attach(port);
    }
    for resume in EARLY.with_borrow_mut(std::mem::take) {
        let _ = resume.call0(&JsValue::NULL);
    }
}

fn attach(port: JsValue) {
    let worker = port.is_instance_of::<web_sys::Worker>();
    let on = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| answered(e.data()));
    let _ = js_sys::Reflect::set(&port, &"onmessage".into(), on.as_ref());
    on.forget();
    PORT.with_borrow_mut(|p| *p = Some((port, worker)));
}

/// Where the store runs: "worker" or "page" (for the browser suite's figures).
pub fn where_it_runs() -> &'static str {
    match PORT.with_borrow(|p| p.as_ref().map(|(_, w)| *w)) {
        Some(true) => "worker",
        _ => "page",
    }
}

fn get(v: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(v, &k.into()).unwrap_or(JsValue::UNDEFINED)
}

fn answered(m: JsValue) {
    let Some(id) = get(&m, "id").as_f64().map(|i| i as u32) else { return };
    if let Some(n) = get(&m, "read").as_f64() {
        if let Some(p) = WAITING.with_borrow(|w| w.get(&id).and_then(|r| r.2.clone())) {
            p(n);
        }
        return;
    }
    let Some((resolve, reject, _)) = WAITING.with_borrow_mut(|w| w.remove(&id)) else { return };
    let error = get(&m, "error");
    if error.is_string() {
        let _ = reject.call1(&JsValue::NULL, &error);
    } else {
        let _ = resolve.call1(&JsValue::NULL, &get(&m, "ok"));
    }
}

/// Sends `op` with `fields`; its answer.
async fn call(op: &str, fields: &[(&str, JsValue)], progress: Option<Rc<dyn Fn(f64)>>) -> Result<JsValue, String> {
    if PORT.with_borrow(|p| p.is_none()) && !FAILED.with(|f| f.get()) {
        let started = js_sys::Promise::new(&mut |resolve, _| EARLY.with_borrow_mut(|e| e.push(resolve)));
        let _ = wasm_bindgen_futures::JsFuture::from(started).await;
    }
    let Some((port, _)) = PORT.with_borrow(|p| p.clone()) else {
        return Err("the register's store did not start in this browser (it needs a web worker or a second WebAssembly instance)".into());
    };
    let id = NEXT.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1).max(1));
        id
    });
    let msg = message(op, fields);
    let _ = js_sys::Reflect::set(&msg, &"id".into(), &id.into());
    let answer = js_sys::Promise::new(&mut |resolve, reject| {
        WAITING.with_borrow_mut(|w| w.insert(id, (resolve, reject, progress.clone())));
    });
    post(&port, &msg)?;
    wasm_bindgen_futures::JsFuture::from(answer).await.map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

/// Tells the store that no state names set `handle` any more (`Hashes` dropped).
pub fn release(handle: u32) {
    if handle == 0 {
        return;
    }
    PORT.with_borrow(|p| {
        if let Some((port, _)) = p {
            // No answer is awaited: the store frees it in turn, after any request naming it.
            let _ = post(port, &message("release", &[("handle", handle.into())]));
        }
    });
}

/// A request `{ op, ...fields }`.
fn message(op: &str, fields: &[(&str, JsValue)]) -> js_sys::Object {
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"op".into(), &op.into());
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&msg, &(*k).into(), v);
    }
    msg
}

fn post(port: &JsValue, msg: &JsValue) -> Result<(), String> {
    let post: js_sys::Function = get(port, "postMessage").dyn_into().map_err(|_| "the register's store cannot be reached".to_string())?;
    post.call1(port, msg).map(|_| ()).map_err(|e| format!("the register's store cannot be reached: {e:?}"))
}

fn spec_array(spec: &Spec) -> JsValue {
    let words: Vec<u32> = spec.iter().flat_map(|&(p, s)| [p, s]).collect();
    js_sys::Uint32Array::from(&words[..]).into()
}

fn groups_of(v: &JsValue) -> Result<Groups, String> {
    let bytes = js_sys::Uint8Array::new(&get(v, "groups")).to_vec();
    let words: Vec<u32> = bytes.chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes"))).collect();
    crate::register_ids::decode_groups(&words)
}

/// A register as the store read it: its text (hashes left out), each flow's sets (persons,
/// sensitive persons) and the groups of people of those sets.
pub struct Read {
    pub text: String,
    pub sets: Vec<(Hashes, Hashes)>,
    pub groups: Groups,
}

fn read_of(v: JsValue) -> Result<Option<Read>, String> {
    let Some(text) = get(&v, "text").as_string() else { return Ok(None) };
    // Each set becomes a `Hashes` first, so that any error below still frees them.
    let sets: Vec<(Hashes, Hashes)> = js_sys::Array::from(&get(&v, "sets"))
        .iter()
        .map(|s| {
            let n = |i: u32| js_sys::Reflect::get_u32(&s, i).ok().and_then(|x| x.as_f64()).unwrap_or(0.0);
            (Hashes::held(n(0) as u32, n(1) as u64), Hashes::held(n(2) as u32, n(3) as u64))
        })
        .collect();
    let groups = groups_of(&v)?;
    Ok(Some(Read { text, sets, groups }))
}

/// The stored register, None when there is none.
pub async fn load() -> Result<Option<Read>, String> {
    read_of(call("load", &[], None).await?)
}

/// A register file the user picked (the store reads its hashes).
pub async fn import(file: &web_sys::File) -> Result<Read, String> {
    read_of(call("import", &[("file", file.into())], None).await?)?.ok_or_else(|| "the register's store read nothing".to_string())
}

/// Stores the register's text and its flows' sets in one transaction; done when committed.
pub async fn save(text: &str, spec: &Spec) -> Result<(), String> {
    call("save", &[("text", text.into()), ("spec", spec_array(spec))], None).await?;
    announce();
    Ok(())
}

/// Deletes the database: the browser then holds nothing of the register.
pub async fn clear() -> Result<(), String> {
    call("clear", &[], None).await?;
    announce();
    Ok(())
}

/// The distinct hashes of an identifier file, kept by the store; `progress(bytes read)`.
pub async fn hash(file: &web_sys::File, progress: impl Fn(f64) + 'static) -> Result<Hashes, String> {
    let v = call("hash", &[("file", file.into())], Some(Rc::new(progress))).await?;
    let s = get(&v, "set");
    let n = |i: u32| js_sys::Reflect::get_u32(&s, i).ok().and_then(|x| x.as_f64()).unwrap_or(0.0);
    Ok(Hashes::held(n(0) as u32, n(1) as u64))
}

/// The groups of people of the flows' sets.
pub async fn groups(spec: &Spec) -> Result<Groups, String> {
    groups_of(&call("groups", &[("spec", spec_array(spec))], None).await?)
}

/// The whole register as one file (its text with every flow's hashes, as base64), a Blob.
pub async fn export(text: &str, spec: &Spec) -> Result<JsValue, String> {
    Ok(get(&call("export", &[("text", text.into()), ("spec", spec_array(spec))], None).await?, "blob"))
}

/// The page's channel, to listen to the other tabs.
pub fn channel() -> Option<web_sys::BroadcastChannel> {
    CHAN.with(|c| c.clone())
}

fn announce() {
    if let Some(c) = channel() {
        let _ = c.post_message(&"changed".into());
    }
}

/// A flow's identifier hashes as the page's state knows them: a set held by the register's
/// store (`register_store`: in its worker, off the page's main thread), by its handle, and how
/// many distinct hashes it holds; none for a flow without a file. The page's thread never holds
/// the hashes themselves. Cheap to clone; the store frees the set once no state names it.
#[derive(Debug, Clone, Default)]
pub struct Hashes(pub Option<Rc<Set>>);

/// A set of hashes held by the store; dropped with the last state that names it.
#[derive(Debug)]
pub struct Set {
    pub handle: u32,
    pub n: u64,
}

impl Drop for Set {
    fn drop(&mut self) {
        release(self.handle);
    }
}

impl Hashes {
    /// The set `handle` the store holds, of `n` hashes (handle 0: none).
    pub fn held(handle: u32, n: u64) -> Hashes {
        Hashes((handle != 0).then(|| Rc::new(Set { handle, n })))
    }

    /// The store's handle (0: no file).
    pub fn handle(&self) -> u32 {
        self.0.as_ref().map_or(0, |s| s.handle)
    }

    /// Distinct identifiers in the file (0: no file).
    pub fn distinct(&self) -> u64 {
        self.0.as_ref().map_or(0, |s| s.n)
    }
}

impl PartialEq for Hashes {
    fn eq(&self, o: &Self) -> bool {
        self.handle() == o.handle()
    }
}
impl Eq for Hashes {}

/// A flow's hashes in the register's JSON text as the page's thread writes and reads it: empty
/// (the store writes and reads the hashes themselves: `ids-worker.js`).
impl Serialize for Hashes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("")
    }
}

impl<'de> Deserialize<'de> for Hashes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match String::deserialize(d)?.as_str() {
            "" => Ok(Hashes::default()),
            _ => Err(serde::de::Error::custom("expected the hashes to be read by the register's store")),
        }
    }
}

