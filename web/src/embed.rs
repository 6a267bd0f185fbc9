//! The embedding path (contract: "Embedding"). `embed.js` (built from `web/embed/embed.js`)
//! defines `<xborder-checker>`; each element mounts the app inside its own shadow root through
//! [`mount`], and the module's `evaluate`, `compare` and `catalogue` ask the core directly.
//!
//! An embedded app belongs to its host page: it never reads or writes the host's address bar,
//! history or storage, and adds nothing to the host's document (see `host`).
//! Each element has its own state; the only thing they share is this wasm instance.
use crate::app::{App, AppProps, Embedded, Notify};
use crate::form::Lock;
use xborder_form::lang::Lang;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use xborder_core::catalogue;
use yew::AppHandle;

fn js_error(e: impl std::fmt::Display, path: Option<&str>) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    if let Some(p) = path {
        let _ = js_sys::Reflect::set(&err, &"path".into(), &p.into());
    }
    err.into()
}

/// `evaluate(scenario)`: the verdict of a scenario (a plain object in the contract's shape), or
/// an `Error` whose message is the CLI's exit-2 line (e.g. `personal_information[1].persons:
/// expected …`) and whose `path` is the offending field.
#[wasm_bindgen(js_name = evaluate)]
pub fn evaluate_js(scenario: JsValue) -> Result<JsValue, JsValue> {
    let s = crate::embed_input::parse(&scenario).map_err(|e| js_error(&e, Some(&e.path)))?;
    let v = xborder_core::evaluate_on(&s, crate::host::today()).map_err(|e| js_error(&e, Some(&e.path)))?;
    crate::json_text::parsed(&v)
}

/// `evaluateMany(scenarios)`: the verdicts of an array of scenarios, in order, built in one
/// crossing: each entry is the verdict, or `{ "error": { "message", "path" } }` for a scenario
/// `evaluate` would refuse (the message is the CLI's exit-2 line), so one bad row of a table of
/// flows does not lose the others. Anything but an array throws.
#[wasm_bindgen(js_name = evaluateMany)]
pub fn evaluate_many_js(scenarios: JsValue) -> Result<JsValue, JsValue> {
    if !js_sys::Array::is_array(&scenarios) {
        return Err(js_error("evaluateMany: expected an array of scenarios", None));
    }
    let today = crate::host::today();
    let mut text = String::from("[");
    for (i, item) in js_sys::Array::from(&scenarios).iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        let one = crate::embed_input::parse(&item).and_then(|s| xborder_core::evaluate_on(&s, today));
        let piece = match one {
            Ok(v) => crate::json_text::to_string(&v),
            Err(e) => crate::json_text::to_string(&ManyError { error: ErrorBody { message: e.to_string(), path: e.path } }),
        };
        text.push_str(&piece.map_err(|e| js_error(e, None))?);
    }
    text.push(']');
    js_sys::JSON::parse(&text)
}

#[derive(Serialize)]
struct ManyError {
    error: ErrorBody,
}

#[derive(Serialize)]
struct ErrorBody {
    message: String,
    path: String,
}

/// `compare(scenario)`: the scenario under every regime the handler may use (contract:
/// "Compare"), a plain object as `xborder compare --format json` prints it; the same input reader
/// and the same errors as `evaluate`.
#[wasm_bindgen(js_name = compare)]
pub fn compare_js(scenario: JsValue) -> Result<JsValue, JsValue> {
    let s = crate::embed_input::parse(&scenario).map_err(|e| js_error(&e, Some(&e.path)))?;
    let c = xborder_core::compare::compare_on(&s, crate::host::today()).map_err(|e| js_error(&e, Some(&e.path)))?;
    crate::json_text::parsed(&c)
}

/// `catalogue()`: the catalogue, as `xborder rules list --format json` prints it.
#[wasm_bindgen(js_name = catalogue)]
pub fn catalogue_js() -> Result<JsValue, JsValue> {
    crate::json_text::parsed(&xborder_core::listing::catalogue())
}

/// The rules data's version (for the module's `rulesVersion`).
#[wasm_bindgen(js_name = rulesVersion)]
pub fn rules_version() -> String {
    catalogue::RULES_VERSION.to_string()
}

fn get(o: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn lang_of(code: Option<String>) -> Option<Lang> {
    match code?.to_ascii_lowercase().as_str() {
        c if c.starts_with("zh") => Some(Lang::Zh),
        c if c.starts_with("en") => Some(Lang::En),
        _ => None,
    }
}

/// The lock an element's `list` and `sector` ask for, and what was wrong with them.
fn lock_of(list: Option<String>, sector: Option<String>) -> (Lock, Vec<String>) {
    let mut problems = Vec::new();
    let mut lock = Lock::default();
    let known = || catalogue::lists().map(|d| d.id).collect::<Vec<_>>().join(", ");
    match list.as_deref().map(str::trim).filter(|x| !x.is_empty()) {
        None => {
            if let Some(s) = sector.as_deref().filter(|x| !x.trim().is_empty()) {
                problems.push(format!("sector=\"{s}\": a sector needs a list attribute as well ({})", known()));
            }
        }
        Some(id) => match catalogue::list(id) {
            None => problems.push(format!("list=\"{id}\": not a list of these rules ({})", known())),
            Some(doc) => {
                lock.list = Some(doc.id);
                lock.zone = crate::zone::zone_of_list(doc.id).map(|z| z.id);
                if let Some(sid) = sector.as_deref().map(str::trim).filter(|x| !x.is_empty()) {
                    match doc.sector(sid) {
                        Some(sec) => lock.sector = Some(sec.id),
                        None => problems.push(format!(
                            "sector=\"{sid}\": not a sector of {} ({})",
                            doc.id,
                            doc.sectors.iter().map(|s| s.id).collect::<Vec<_>>().join(", ")
                        )),
                    }
                }
            }
        },
    }
    (lock, problems)
}

/// One mounted `<xborder-checker>`: its app and the listeners that track the active widget.
#[wasm_bindgen]
pub struct Widget {
    handle: Option<AppHandle<App>>,
    props: AppProps,
    root: web_sys::Element,
    _listeners: Vec<gloo::events::EventListener>,
}

/// Mounts the checker into `container` (a `<div>` inside the element's shadow root).
/// `options`: `{ lang: "zh"|"en", list, sector, compact: bool, app: "<standalone page URL>" }`.
/// `on_verdict(verdict, scenario, changed)` is called with plain objects for every new scenario;
/// `changed` is true when the verdict differs from the last one given.
#[wasm_bindgen]
pub fn mount(container: web_sys::Element, options: JsValue, on_verdict: js_sys::Function) -> Widget {
    crate::host::embed_into(get(&options, "app").as_string());
    let (lock, problems) = lock_of(get(&options, "list").as_string(), get(&options, "sector").as_string());
    let props = AppProps {
        embed: Some(Embedded {
            lang: lang_of(get(&options, "lang").as_string()).unwrap_or(Lang::En),
            compact: get(&options, "compact").is_truthy(),
            lock,
            problems,
            notify: Notify(on_verdict),
        }),
    };
    crate::host::widgets::add(&container);
    let mark = |kind: &'static str| {
        let c = container.clone();
        gloo::events::EventListener::new_with_options(&container, kind, gloo::events::EventListenerOptions::run_in_capture_phase(), move |_| crate::host::widgets::touched(&c))
    };
    let listeners = vec![mark("pointerdown"), mark("focusin")];
    let handle = yew::Renderer::<App>::with_root_and_props(container.clone(), props.clone()).render();
    Widget { handle: Some(handle), props, root: container, _listeners: listeners }
}

#[wasm_bindgen]
impl Widget {
    fn update(&mut self, f: impl FnOnce(&mut Embedded)) {
        if let Some(e) = self.props.embed.as_mut() {
            f(e);
        }
        if let Some(h) = self.handle.as_mut() {
            h.update(self.props.clone());
        }
    }

    /// The `lang` attribute changed ("zh" or "en"; anything else: English).
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, code: Option<String>) {
        let l = lang_of(code).unwrap_or(Lang::En);
        self.update(|e| e.lang = l);
    }

    /// The `compact` attribute changed.
    #[wasm_bindgen(js_name = setCompact)]
    pub fn set_compact(&mut self, on: bool) {
        self.update(|e| e.compact = on);
    }

    /// Unmounts the app (the element left the page); the container is emptied.
    pub fn destroy(&mut self) {
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
        crate::host::widgets::remove(&self.root);
        self._listeners.clear();
    }
}
