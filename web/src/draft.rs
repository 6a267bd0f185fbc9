//! The draft: the working scenario, kept in localStorage as its permalink fragment (the same
//! text `xborder link` prints after `#`), so a reload loses nothing. Storage holds exactly two
//! keys: the draft and the language choice. Nothing else is stored, nothing is sent anywhere.
//!
//! Embedded in a host page (`<xborder-checker>`, `embed.html`) there is no draft: the host's
//! storage is not ours, so nothing is read from or written to it.
use web_sys::Storage;

pub const DRAFT_KEY: &str = "xborder.draft";
pub const LANG_KEY: &str = "xborder.lang";

/// localStorage, if the browser allows it (private modes and policies may not); never when
/// embedded.
fn storage() -> Option<Storage> {
    if crate::embed::embedded() {
        return None;
    }
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn get(key: &str) -> Option<String> {
    storage().and_then(|s| s.get_item(key).ok().flatten())
}

fn set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

pub fn load() -> Option<String> {
    get(DRAFT_KEY).filter(|d| !d.is_empty())
}

/// Saves the draft fragment; `None` (an empty form) removes it.
pub fn save(fragment: Option<&str>) {
    match fragment {
        Some(f) => {
            if get(DRAFT_KEY).as_deref() != Some(f) {
                set(DRAFT_KEY, f)
            }
        }
        None => remove(DRAFT_KEY),
    }
}

pub fn load_lang() -> Option<String> {
    get(LANG_KEY)
}

pub fn save_lang(code: &str) {
    set(LANG_KEY, code)
}
