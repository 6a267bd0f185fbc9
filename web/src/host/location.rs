//! Permalinks in the address bar, made and read only by the core's codec
//! (`xborder_core::permalink`), so the web app and `xborder link` make the same link. The
//! fragment never reaches a server; nothing here touches the network.
//!
//! Embedded in a host page, the address bar and history are the host's: nothing here reads or
//! changes them, and a link opens the standalone checker next to `embed.js` instead.
use wasm_bindgen::JsValue;
use xborder_core::{permalink, Scenario};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The fragment in the address bar, without `#` (embedded: none).
pub fn current() -> String {
    if super::embedded() {
        return String::new();
    }
    let raw = window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let raw = raw.trim_start_matches('#');
    // A chat tool or mail client may percent-encode the link's "~" or ":"; read those back.
    // Anything else percent-encoded stays as it is, for the decoder to reject.
    raw.replace("%7E", "~").replace("%7e", "~").replace("%3A", ":").replace("%3a", ":")
}

/// The page's address without its fragment (embedded: the standalone checker's).
fn base() -> String {
    if super::embedded() {
        return super::app_url();
    }
    let href = window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// The whole link for a scenario: this page's address, `#`, the encoded scenario.
pub fn link(s: &Scenario) -> String {
    permalink::link(&base(), s)
}

/// The link that opens the scenario in the compare view (`~vc`).
pub fn compare_link(s: &Scenario) -> String {
    permalink::link_view(&base(), s, permalink::View::Compare)
}

/// Closing the compare view: the address bar's link, if it asks for that view, no longer does.
pub fn drop_view() {
    let now = current();
    let kept: Vec<&str> = now.split('~').filter(|t| !t.starts_with('v')).collect();
    if !now.is_empty() && kept.len() != now.split('~').count() {
        show(&kept.join("~"));
    }
}

fn replace(url: &str) {
    if super::embedded() {
        return;
    }
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// Puts a fragment in the address bar without reloading or adding history.
pub fn show(fragment: &str) {
    replace(&format!("#{fragment}"))
}

/// Removes a fragment that no longer matches the form (after an edit).
pub fn clear_unless(fragment: Option<&str>) {
    let now = current();
    if !now.is_empty() && Some(now.as_str()) != fragment {
        let path = window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        let search = window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        replace(&format!("{path}{search}"));
    }
}
