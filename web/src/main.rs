//! xborder-web: the checker a compliance officer opens in a browser. A static Yew app that
//! asks `xborder_core` for every verdict; no server, no network after load.
//!
//! One wasm serves both ways in: `loader.js` (the standalone page) calls `startPage()`, and
//! `embed.js` (a host page) mounts `<xborder-checker>` elements and exports the JS API
//! (`embed.rs`). Initialising the module mounts nothing by itself.
mod app;
mod compare;
mod dates;
mod embed;
mod embed_input;
mod flags;
mod form;
mod guide;
mod host;
mod ids_worker;
mod json_text;
mod layers;
mod important_data;
mod materials;
mod matter;
mod personal_information;
mod register;
mod register_csv;
mod register_ids;
mod register_store;
mod register_view;
mod register_xlsx;
mod report;
mod sector;
mod verdict;
mod widgets;
mod words;
mod zone;

/// Never a blank page: if anything inside panics, say so on the page (the draft in storage is
/// the last valid scenario, so a reload loses nothing).
fn show_crash(info: &std::panic::PanicHookInfo<'_>) {
    web_sys::console::error_1(&format!("xborder: {info}").into());
    host::show_crash();
}

fn main() {
    yew::set_custom_panic_hook(Box::new(show_crash));
}

/// The standalone page (`loader.js`): mounts the app on `#app` and removes the loading message.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = startPage)]
pub fn start_page() {
    let doc = gloo::utils::document();
    let root = doc.get_element_by_id("app").unwrap_or_else(|| gloo::utils::body().into());
    yew::Renderer::<app::App>::with_root(root).render();
    if let Some(boot) = doc.get_element_by_id("boot") {
        boot.remove();
    }
}

/// The loader hands over the register's store (its worker, or a port to the copy running on
/// the page's thread): `register_store`.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = adoptStore)]
pub fn adopt_store(port: wasm_bindgen::JsValue) {
    register_store::adopt(port);
}
