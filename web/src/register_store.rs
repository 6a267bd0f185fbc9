//! The register kept on the device: one IndexedDB database, `xborder-register`, with one
//! object store, `register`, holding the record `flows`: the register's export file as JSON
//! text (what the user entered, nothing else), its identifier hashes left out; and, once a flow
//! has identifier files, the record `hashes`: per flow, its persons' and sensitive persons'
//! hashes as bytes (16 each, an array of two `Uint8Array`s), written as binary rather than as
//! hundreds of megabytes of base64 text. The database exists only once the user has put
//! something in the register; "Clear register" deletes it. A record `key` holds the device's
//! random key for hashing identifier files, once one has been read. Every write is one
//! transaction (the flows and their hashes together); a BroadcastChannel tells the page's
//! other tabs to read it again.
use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbFactory, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

pub const DB: &str = "xborder-register";
pub const STORE: &str = "register";
pub const KEY: &str = "flows";
pub const HASHES: &str = "hashes";
pub const CHANNEL: &str = "xborder-register";

fn factory() -> Result<IdbFactory, JsValue> {
    gloo::utils::window().indexed_db()?.ok_or_else(|| JsValue::from_str("IndexedDB is not available in this browser"))
}

/// Waits for one of two events of a target (success, or error/abort).
async fn wait(target: &web_sys::EventTarget, ok: &str, errs: &[&str]) -> Result<JsValue, JsValue> {
    let t = target.clone();
    let p = Promise::new(&mut |resolve, reject| {
        let _ = t.add_event_listener_with_callback(ok, &resolve);
        for e in errs {
            let _ = t.add_event_listener_with_callback(e, &reject);
        }
    });
    JsFuture::from(p).await
}

/// Does the database exist (so that merely opening the page never creates it)?
async fn exists() -> Result<bool, JsValue> {
    let f = factory()?;
    let databases = js_sys::Reflect::get(&f, &"databases".into())?;
    let Some(databases) = databases.dyn_ref::<js_sys::Function>() else { return Ok(true) };
    let list = JsFuture::from(databases.call0(&f)?.dyn_into::<Promise>()?).await?;
    Ok(js_sys::Array::from(&list).iter().any(|d| js_sys::Reflect::get(&d, &"name".into()).ok().and_then(|n| n.as_string()).as_deref() == Some(DB)))
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let req: IdbOpenDbRequest = factory()?.open_with_u32(DB, 1)?;
    let up = wasm_bindgen::closure::Closure::once_into_js(move |e: web_sys::Event| {
        if let Some(db) = e.target().and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok()).and_then(|r| r.result().ok()).and_then(|r| r.dyn_into::<IdbDatabase>().ok()) {
            let _ = db.create_object_store(STORE);
        }
    });
    req.set_onupgradeneeded(Some(up.unchecked_ref()));
    wait(&req, "success", &["error", "blocked"]).await?;
    req.result()?.dyn_into::<IdbDatabase>()
}

/// The stored register's JSON text and its hashes (see the module); None when there is none.
pub async fn load() -> Result<Option<(String, JsValue)>, JsValue> {
    if !exists().await? {
        return Ok(None);
    }
    let db = open().await?;
    let tx = db.transaction_with_str(STORE)?;
    let store = tx.object_store(STORE)?;
    let req: IdbRequest = store.get(&KEY.into())?;
    let hashes: IdbRequest = store.get(&HASHES.into())?;
    wait(&tx, "complete", &["error", "abort"]).await?;
    let (v, h) = (req.result()?, hashes.result()?);
    db.close();
    Ok(v.as_string().map(|t| (t, h)))
}

/// Stores the register and its hashes (None: no flow has any) in one transaction; done when
/// it is committed.
pub async fn save(text: &str, hashes: Option<&js_sys::Array>) -> Result<(), JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    let store = tx.object_store(STORE)?;
    store.put_with_key(&text.into(), &KEY.into())?;
    match hashes {
        Some(h) => {
            store.put_with_key(h, &HASHES.into())?;
        }
        None => {
            store.delete(&HASHES.into())?;
        }
    }
    wait(&tx, "complete", &["error", "abort"]).await?;
    db.close();
    announce();
    Ok(())
}

/// Deletes the database: the browser then holds nothing of the register.
pub async fn clear() -> Result<(), JsValue> {
    let req = factory()?.delete_database(DB)?;
    wait(&req, "success", &["error"]).await?;
    announce();
    Ok(())
}

thread_local! {
    /// The page's one channel: it posts, and it listens (a channel never hears its own posts,
    /// so a tab never re-reads what it has just written itself).
    static CHAN: Option<web_sys::BroadcastChannel> = web_sys::BroadcastChannel::new(CHANNEL).ok();
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

/// The device's key for hashing identifiers: generated once (WebCrypto's random values) and
/// kept in the register's database (record `key`); never exported.
pub async fn key() -> Result<Vec<u8>, JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str(STORE)?;
    let req: IdbRequest = tx.object_store(STORE)?.get(&"key".into())?;
    wait(&req, "success", &["error"]).await?;
    let v = req.result()?;
    if let Some(a) = v.dyn_ref::<js_sys::Uint8Array>() {
        if a.length() as usize == crate::register_ids::SECRET_LEN {
            db.close();
            return Ok(a.to_vec());
        }
    }
    let mut k = vec![0u8; crate::register_ids::SECRET_LEN];
    gloo::utils::window().crypto()?.get_random_values_with_u8_array(&mut k)?;
    let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    let arr = js_sys::Uint8Array::from(&k[..]);
    tx.object_store(STORE)?.put_with_key(&arr, &"key".into())?;
    wait(&tx, "complete", &["error", "abort"]).await?;
    db.close();
    Ok(k)
}
