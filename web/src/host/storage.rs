//! The draft: the working scenario, kept in localStorage as its permalink fragment (the same
//! text `xborder link` prints after `#`), so a reload loses nothing. Storage holds at most three
//! keys: the draft, the language choice and the ticks of the materials checklist (written only
//! once a material is ticked). Nothing else is stored, nothing is sent anywhere.
//!
//! Embedded in a host page (`<xborder-checker>`, `embed.html`) there is no draft: the host's
//! storage is not ours, so nothing is read from or written to it.
use web_sys::Storage;

pub const DRAFT_KEY: &str = "xborder.draft";
pub const LANG_KEY: &str = "xborder.lang";
pub const TICKS_KEY: &str = "xborder.materials";

/// localStorage, if the browser allows it (private modes and policies may not); never when
/// embedded.
fn storage() -> Option<Storage> {
    if super::embedded() {
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

/// The ticked materials: `<checklist id>:<item id>` keys, space-separated.
pub fn load_ticks() -> String {
    get(TICKS_KEY).unwrap_or_default()
}

/// Saves the ticked materials; none removes the key.
pub fn save_ticks(keys: &str) {
    if keys.is_empty() {
        remove(TICKS_KEY)
    } else {
        set(TICKS_KEY, keys)
    }
}
