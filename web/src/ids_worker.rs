//! The register's store, its wasm side (issue 15: "the page responsive (work off the main
//! thread)"). `web/ids-worker.js` runs the store in a dedicated worker started with the page:
//! it instantiates this same wasm module (the loader hands it the compiled module: nothing is
//! fetched again) and calls only the raw exports below, which need none of the page's JS glue.
//! They keep the register's hash sets ([`Store`]) in the worker's memory: an identifier file
//! is hashed into one ([`LineHasher`]), a stored or imported set is adopted, and the groups of
//! people of the flows' sets are made here by one merge (`Groups::merge`), so that the page's
//! thread receives only those groups, never a hash. Where no worker starts, the page runs the
//! same script in a second instance of the module (`ids-worker.js`).
use crate::register_ids::{LineHasher, Store};
use std::cell::RefCell;

thread_local! {
    /// The bytes handed in, the file being hashed, the sets, the last answer or error.
    static JOB: RefCell<Job> = RefCell::new(Job::default());
}

#[derive(Default)]
struct Job {
    input: Vec<u8>,
    hasher: Option<LineHasher>,
    store: Store,
    out: Vec<u8>,
    error: String,
}

impl Job {
    fn fail(&mut self, e: impl Into<String>) -> u32 {
        self.error = e.into();
        0
    }

    /// Gives back a large input once it is used (a stored set, an imported register's text).
    fn done_with_input(&mut self) {
        if self.input.len() > 32 << 20 {
            self.input = Vec::new();
        }
    }
}

/// A buffer of `n` bytes in this instance's memory for the script to write into.
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

/// Starts a file: the input's first `n` bytes are the device's key. 1: started, 0: an error
/// ([`xb_ids_error`]).
#[no_mangle]
pub extern "C" fn xb_ids_begin(n: usize) -> u32 {
    JOB.with_borrow_mut(|j| {
        if n != crate::register_ids::SECRET_LEN || j.input.len() < n {
            return j.fail("the device's key is damaged: clear the register's storage in this browser");
        }
        j.hasher = Some(LineHasher::new(&j.input[..n]));
        j.error.clear();
        1
    })
}

/// Feeds the input's first `n` bytes. 1: fed, 0: an error.
#[no_mangle]
pub extern "C" fn xb_ids_feed(n: usize) -> u32 {
    JOB.with_borrow_mut(|j| {
        let Job { input, hasher, error, .. } = j;
        let Some(h) = hasher.as_mut() else { return 0 };
        match h.feed(&input[..n.min(input.len())]) {
            Ok(()) => 1,
            Err(e) => {
                *error = e;
                0
            }
        }
    })
}

/// Ends the file: its distinct hashes kept as a set. The set's handle, or 0 on an error.
#[no_mangle]
pub extern "C" fn xb_ids_finish() -> u32 {
    JOB.with_borrow_mut(|j| {
        let Some(h) = j.hasher.take() else { return j.fail("no file was being hashed") };
        j.input = Vec::new();
        match h.finish() {
            Ok(hashes) => j.store.adopt(hashes),
            Err(e) => j.fail(e),
        }
    })
}

/// Keeps the input's first `n` bytes (16 little-endian bytes per hash: a stored set) as a set.
/// Its handle, or 0.
#[no_mangle]
pub extern "C" fn xb_ids_adopt(n: usize) -> u32 {
    JOB.with_borrow_mut(|j| {
        if n % 16 != 0 || n > j.input.len() {
            return j.fail("the stored hashes are damaged (not 16 bytes each)");
        }
        let h = hashes_of(&j.input[..n]);
        j.done_with_input();
        j.store.adopt(h)
    })
}

/// Keeps the input's first `n` bytes, base64 text of 16-byte hashes (an exported register's
/// `person_hashes`), as a set. Its handle, or 0.
#[no_mangle]
pub extern "C" fn xb_ids_adopt_b64(n: usize) -> u32 {
    JOB.with_borrow_mut(|j| {
        let bytes = std::str::from_utf8(&j.input[..n.min(j.input.len())]).map_err(|_| "expected base64 text".to_string()).and_then(crate::register_ids::b64_decode);
        j.done_with_input();
        match bytes {
            Ok(b) if b.len() % 16 == 0 => j.store.adopt(hashes_of(&b)),
            Ok(_) => j.fail("expected base64 of 16-byte hashes"),
            Err(e) => j.fail(e),
        }
    })
}

/// Hashes from their bytes, 16 little-endian each (the caller checks the length).
fn hashes_of(bytes: &[u8]) -> Vec<u128> {
    bytes.chunks_exact(16).map(|c| u128::from_le_bytes(c.try_into().expect("16 bytes"))).collect()
}

/// How many hashes set `h` holds.
#[no_mangle]
pub extern "C" fn xb_ids_len(h: u32) -> f64 {
    JOB.with_borrow(|j| j.store.get(h).map_or(0, |s| s.len()) as f64)
}

/// Where set `h`'s hashes are, 16 little-endian bytes each (wasm is little-endian), for the
/// script to copy out ([`xb_ids_len`] × 16 bytes); null if there is no such set.
#[no_mangle]
pub extern "C" fn xb_ids_set(h: u32) -> *const u8 {
    JOB.with_borrow(|j| j.store.get(h).map_or(std::ptr::null(), |s| s.as_ptr() as *const u8))
}

/// Set `h` as base64 text at [`xb_ids_out`] (an exported register's `person_hashes`). 1, or 0.
#[no_mangle]
pub extern "C" fn xb_ids_b64(h: u32) -> u32 {
    JOB.with_borrow_mut(|j| {
        let Some(s) = j.store.get(h) else { return j.fail(format!("the register's store has no set {h}")) };
        let mut bytes = Vec::with_capacity(s.len() * 16);
        for x in s {
            bytes.extend_from_slice(&x.to_le_bytes());
        }
        j.out = crate::register_ids::b64_encode(&bytes).into_bytes();
        1
    })
}

#[no_mangle]
pub extern "C" fn xb_ids_release(h: u32) {
    JOB.with_borrow_mut(|j| j.store.release(h))
}

/// The groups of people of `n` flows' sets: the input holds, per flow, its persons' and its
/// sensitive persons' handles (u32, little-endian; 0: none). The groups (`encode_groups`) at
/// [`xb_ids_out`]; 1, or 0.
#[no_mangle]
pub extern "C" fn xb_ids_groups(n: usize) -> u32 {
    JOB.with_borrow_mut(|j| {
        if n.saturating_mul(8) > j.input.len() {
            return j.fail("the page asked for the count of more flows than it gave");
        }
        let words: Vec<u32> = j.input[..n * 8].chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes"))).collect();
        let spec: Vec<(u32, u32)> = words.chunks_exact(2).map(|c| (c[0], c[1])).collect();
        match j.store.groups(&spec) {
            Ok(g) => {
                j.out = crate::register_ids::encode_groups(&g).iter().flat_map(|w| w.to_le_bytes()).collect();
                1
            }
            Err(e) => j.fail(e),
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
