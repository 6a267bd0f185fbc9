//! The host: everything the app does to the browser beyond rendering, behind one boundary —
//! storage (`storage`: the draft, the language, the materials' ticks), the address bar and
//! history (`location`), the clipboard, focus, where a download link goes, and the crash
//! notice. It is the only module that knows whether the app is embedded in a host page
//! (`<xborder-checker>`): embedded, the host's address bar, history, storage and document are
//! not ours, so each of these does nothing there or acts inside the widget (contract:
//! "Embedding"). The form's state and its reducer never call it: what they need (a draft read
//! from storage, the address bar's fragment) comes in with the action.
pub mod location;
pub mod storage;
pub mod widgets;

use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;
use xborder_form::lang::Lang;

thread_local! {
    static EMBEDDED: Cell<bool> = const { Cell::new(false) };
    /// The standalone page next to embed.js, for "Copy link".
    static APP_URL: RefCell<String> = const { RefCell::new(String::new()) };
}

/// From now on this wasm instance serves a host page (`embed::mount`); `app`: the standalone
/// page's address, where given.
pub fn embed_into(app: Option<String>) {
    EMBEDDED.with(|e| e.set(true));
    if let Some(app) = app {
        APP_URL.with(|u| *u.borrow_mut() = app);
    }
}

/// True once an element has been mounted: this wasm instance then serves a host page.
pub fn embedded() -> bool {
    EMBEDDED.with(|e| e.get())
}

/// The standalone page's address (embed.js's folder), for links that open the full checker.
fn app_url() -> String {
    APP_URL.with(|u| u.borrow().clone())
}

/// Moves keyboard focus (and the view) to an element by id (embedded: in the widget in use).
pub fn focus(id: &str) {
    let el = if embedded() { widgets::find(id) } else { gloo::utils::document().get_element_by_id(id) };
    if let Some(el) = el {
        if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = h.focus();
            h.scroll_into_view();
        }
    }
}

/// Where a transient element (a download link) may go: the page's `<body>`, or embedded the
/// widget's container, never the host's document.
pub fn scratch() -> Option<web_sys::Node> {
    if embedded() {
        widgets::scratch().map(Into::into)
    } else {
        gloo::utils::document().body().map(Into::into)
    }
}

/// Copies text to the clipboard; false when the browser does not allow it (no secure
/// context, no permission). The caller then shows the link to copy by hand.
pub async fn copy(text: String) -> bool {
    let Some(w) = web_sys::window() else { return false };
    let clip = w.navigator().clipboard();
    if clip.is_undefined() || clip.is_null() {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(clip.write_text(&text)).await.is_ok()
}

/// After a panic: say so on the page (embedded: inside each widget only).
pub fn show_crash() {
    if embedded() {
        widgets::show_crash(
            "本工具因内部错误停止，请重新加载页面。 · The checker stopped because of an internal error: reload the page to start again.",
        );
        return;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if doc.get_element_by_id("crash").is_some() {
        return;
    }
    if let (Ok(el), Some(body)) = (doc.create_element("div"), doc.body()) {
        el.set_id("crash");
        let _ = el.set_attribute("role", "alert");
        el.set_text_content(Some(
            "本工具因内部错误停止。您上一次有效的填写已保存在本浏览器中：请重新加载页面继续。 · \
             The checker stopped because of an internal error. Your last valid entries are saved in this browser: reload the page to continue.",
        ));
        let _ = body.prepend_with_node_1(&el);
    }
}

/// The day of evaluation: the browser's local date (contract: "Rules as of a date"); natively
/// (the state tests) the rules' own day, so they never depend on the day they run.
pub fn today() -> xborder_core::calendar::Date {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new_0();
        if let Some(day) = xborder_core::calendar::Date::new(d.get_full_year() as i32, d.get_month() as u8 + 1, d.get_date() as u8) {
            return day;
        }
    }
    xborder_core::edition::rules_day()
}

/// The saved choice, else the browser's language (any `zh*` → Chinese), else English.
pub fn detect_lang() -> Lang {
    match storage::load_lang().as_deref() {
        Some("zh") => return Lang::Zh,
        Some("en") => return Lang::En,
        _ => {}
    }
    let nav = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    if nav.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Sets `<html lang>` and the document title (the standalone page only).
pub fn show_lang(lang: Lang) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", lang.html_lang());
        }
        doc.set_title(lang.t("xborder · 数据出境合规检查", "xborder · Cross-border data transfer checker"));
    }
}
