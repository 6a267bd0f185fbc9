//! Identifier files hashed off the page's main thread (issue 15: "the page responsive (work
//! off the main thread)"). `web/ids-worker.js`, a dedicated worker started with the page,
//! instantiates this same wasm module (the loader hands it the compiled module: nothing is
//! fetched again) and calls the raw exports below, which need none of the page's JS glue: it
//! reads the picked file in slices, feeds them to the same keyed hasher the page used
//! ([`LineHasher`]), and posts back the distinct hashes and its progress. The page side is
//! [`hash`]: it asks the worker, or hashes on the main thread where there is no worker (a file
//! share opened as file://, a browser without module workers).
use crate::register_ids::LineHasher;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// In the worker: the bytes handed in, the hasher, the result or the error.
    static JOB: RefCell<Job> = RefCell::new(Job::default());
    /// In the page: the worker, once started.
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
}

#[derive(Default)]
struct Job {
    input: Vec<u8>,
    hasher: Option<LineHasher>,
    out: Vec<u8>,
    error: String,
}

/// A buffer of `n` bytes in this instance's memory for the worker to write into.
#[no_mangle]
pub extern "C" fn xb_ids_input(n: usize) -> *mut u8 {
    JOB.with_borrow_mut(|j| {
        // Grown, never shrunk or cleared: each slice overwrites the last one's bytes.
        if j.input.len() < n {
            j.input.resize(n, 0);
        }
        j.input.as_mut_ptr()
    })
}

/// Starts a file: the input's first `n` bytes are the device's key. 0: started.
#[no_mangle]
pub extern "C" fn xb_ids_begin(n: usize) -> i32 {
    JOB.with_borrow_mut(|j| {
        if n != crate::register_ids::SECRET_LEN || j.input.len() < n {
            j.error = "the device's key is damaged: clear the register's storage in this browser".into();
            return 1;
        }
        j.hasher = Some(LineHasher::new(&j.input[..n]));
        j.out.clear();
        j.error.clear();
        0
    })
}

/// Feeds the input's first `n` bytes. 0: fed; 1: an error ([`xb_ids_error`]).
#[no_mangle]
pub extern "C" fn xb_ids_feed(n: usize) -> i32 {
    JOB.with_borrow_mut(|j| {
        let Job { input, hasher, error, .. } = j;
        let Some(h) = hasher.as_mut() else { return 1 };
        match h.feed(&input[..n.min(input.len())]) {
            Ok(()) => 0,
            Err(e) => {
                *error = e;
                1
            }
        }
    })
}

/// Ends the file: the distinct hashes, 16 little-endian bytes each, at [`xb_ids_out`].
#[no_mangle]
pub extern "C" fn xb_ids_finish() -> i32 {
    JOB.with_borrow_mut(|j| {
        let Some(h) = j.hasher.take() else { return 1 };
        match h.finish() {
            Ok(hashes) => {
                j.out = Vec::with_capacity(hashes.len() * 16);
                for x in hashes {
                    j.out.extend_from_slice(&x.to_le_bytes());
                }
                j.input = Vec::new();
                0
            }
            Err(e) => {
                j.error = e;
                1
            }
        }
    })
}

#[no_mangle]
pub extern "C" fn xb_ids_out() -> *const u8 {
    JOB.with_borrow(|j| j.out.as_ptr())
}

#[no_mangle]
pub extern "C" fn xb_ids_out_len() -> usize {
    JOB.with_borrow(|j| j.out.len())
}

#[no_mangle]
pub extern "C" fn xb_ids_error() -> *const u8 {
    JOB.with_borrow(|j| j.error.as_ptr())
}

#[no_mangle]
pub extern "C" fn xb_ids_error_len() -> usize {
    JOB.with_borrow(|j| j.error.len())
}

/// In the page: the worker the loader started with this module, kept for [`hash`].
pub fn adopt(worker: JsValue) {
    if let Ok(w) = worker.dyn_into::<web_sys::Worker>() {
        WORKER.with_borrow_mut(|x| *x = Some(w));
    }
}

/// Where identifier files are hashed: "worker" or "page" (for the browser suite's figures).
pub fn where_hashed() -> &'static str {
    if WORKER.with_borrow(|w| w.is_some()) { "worker" } else { "page" }
}

/// The distinct hashes of an identifier file: in the worker where there is one (the page stays
/// responsive), else here. `progress(bytes read)`.
pub async fn hash(file: &web_sys::File, key: &[u8], progress: impl Fn(f64) + 'static) -> Result<crate::register_ids::Hashes, String> {
    let Some(worker) = WORKER.with_borrow(|w| w.clone()) else {
        return hash_here(file, key, progress).await.map(|h| crate::register_ids::Hashes(std::rc::Rc::new(h)));
    };
    let progress = std::rc::Rc::new(progress);
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        let p = progress.clone();
        let on = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let m = e.data();
            let get = |k: &str| js_sys::Reflect::get(&m, &k.into()).unwrap_or(JsValue::UNDEFINED);
            if let Some(n) = get("read").as_f64() {
                p(n);
            } else if get("error").is_string() {
                let _ = reject.call1(&JsValue::NULL, &get("error"));
            } else {
                let _ = resolve.call1(&JsValue::NULL, &get("hashes"));
            }
        });
        worker.set_onmessage(Some(on.as_ref().unchecked_ref()));
        on.forget();
    });
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"file".into(), file);
    let _ = js_sys::Reflect::set(&msg, &"key".into(), &js_sys::Uint8Array::from(key));
    worker.post_message(&msg).map_err(|e| format!("cannot hash in the background: {e:?}"))?;
    let r = wasm_bindgen_futures::JsFuture::from(done).await;
    worker.set_onmessage(None);
    let bytes = r.map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))?;
    Ok(crate::register_ids::Hashes::from_le_bytes(&js_sys::Uint8Array::new(&bytes).to_vec()))
}

/// Streams an identifier file through the keyed hasher on the page's own thread
/// (`file.stream()`, chunk by chunk: the file is never held whole), saying how far it is; where
/// there is no worker ([`hash`]).
async fn hash_here(file: &web_sys::File, key: &[u8], progress: impl Fn(f64)) -> Result<Vec<u128>, String> {
    use wasm_bindgen::JsCast;
    let reader: web_sys::ReadableStreamDefaultReader = file.stream().get_reader().unchecked_into();
    let mut h = crate::register_ids::LineHasher::new(key);
    let mut buf = Vec::new();
    let (mut read, mut told) = (0f64, 0f64);
    loop {
        let r = wasm_bindgen_futures::JsFuture::from(reader.read()).await.map_err(|e| format!("cannot read: {e:?}"))?;
        if js_sys::Reflect::get(&r, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            break;
        }
        let chunk: js_sys::Uint8Array = js_sys::Reflect::get(&r, &"value".into()).map_err(|e| format!("{e:?}"))?.unchecked_into();
        buf.resize(chunk.length() as usize, 0);
        chunk.copy_to(&mut buf);
        h.feed(&buf)?;
        read += buf.len() as f64;
        if read - told >= 4_000_000.0 {
            told = read;
            progress(read);
        }
    }
    h.finish()
}
