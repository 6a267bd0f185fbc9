//! The register's view: the table of flows, the entry row, CSV import (picked or dropped),
//! the year-to-date position, export/import of the whole register, clear.
use xborder_form::lang::Lang;
use crate::register::{self, Ctx, Entry, Reg, RegisterFile};
use crate::register_ids::Spec;
use xborder_core::register::Groups;
use crate::register_store as store;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use xborder_core::catalogue::{self, Measure};
use xborder_core::register::HandlerFacts;
use xborder_core::scenario::Basis;
use xborder_core::text::num;
use yew::prelude::*;

pub enum Act {
    /// The stored register (its flows with their sets, and the groups the store made of them).
    Loaded(Vec<Entry>, Groups),
    Add(Entry, Ctx),
    Remove(usize, Ctx),
    /// The rows read from a CSV or XLSX file (its name), or why they could not be.
    Rows(String, Result<Vec<(u64, xborder_core::inventory::Cells)>, xborder_core::inventory::CsvError>, Ctx),
    /// Flow, sensitive, file name, the set the store made of it.
    Ids(usize, bool, String, crate::register_store::Hashes, Ctx),
    /// The store's groups of people of these sets.
    Grouped(Spec, Groups, Ctx),
    /// Hashing a file: bytes read of the total (None: done).
    Progress(Option<(f64, f64)>),
    /// An exported register read back (its name), with the groups of its sets.
    File(String, Result<(RegisterFile, Groups), String>, Ctx),
    Clear,
    /// The change `rev` is committed to the database.
    Stored(u64),
    Error(String),
}

impl Reducible for Reg {
    type Action = Act;
    fn reduce(self: Rc<Self>, a: Act) -> Rc<Self> {
        let mut r = (*self).clone();
        match a {
            Act::Loaded(f, g) => r.loaded(f, g),
            Act::Add(e, c) => {
                r.add(e, &c);
            }
            Act::Remove(i, c) => {
                r.remove(i, &c);
            }
            Act::Rows(name, rows, c) => {
                r.import_rows(&name, rows, &c);
            }
            Act::File(name, Ok((f, g)), c) => {
                r.import_file(&name, f, g, &c);
            }
            Act::File(name, Err(e), _) => r.error = Some(format!("{name}: {e}")),
            Act::Ids(i, sensitive, name, h, c) => {
                r.set_ids(i, sensitive, &name, h, &c);
                r.progress = None;
            }
            Act::Grouped(spec, g, c) => r.grouped(spec, g, &c),
            Act::Progress(p) => r.progress = p,
            Act::Clear => r.clear(),
            Act::Stored(rev) => r.stored = r.stored.max(rev),
            Act::Error(e) => {
                r.error = Some(e);
                r.progress = None;
            }
        }
        Rc::new(r)
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    pub lang: Lang,
    pub handler: HandlerFacts,
    pub list: Option<&'static str>,
    pub sector: Option<&'static str>,
}

/// The register's file as JSON text (its hashes left out: the store keeps them), written in
/// one pass (`json_text`).
fn to_json(flows: &[Entry]) -> Result<String, JsValue> {
    crate::json_text::to_string(&RegisterFile::of(flows)).map_err(|e| JsValue::from_str(&format!("{e:?}")))
}

/// A register the store read (stored, or a file picked): its flows, each with its sets, and
/// the groups of people of those sets.
fn entries(r: store::Read) -> Result<(RegisterFile, Groups), String> {
    let mut f = from_json(&r.text)?;
    if r.sets.len() != f.flows.len() {
        return Err(format!("the register's store read the hashes of {} flows, the register has {}", r.sets.len(), f.flows.len()));
    }
    for (e, (p, s)) in f.flows.iter_mut().zip(r.sets) {
        e.person_hashes = p;
        e.sensitive_hashes = s;
    }
    Ok((f, r.groups))
}

fn from_json(text: &str) -> Result<RegisterFile, String> {
    let v = js_sys::JSON::parse(text).map_err(|_| "not JSON: expected a register exported by xborder (.json)".to_string())?;
    serde_wasm_bindgen::from_value(v).map_err(|e| format!("expected a register exported by xborder: {e}"))
}

async fn read(file: web_sys::File) -> Result<Vec<u8>, JsValue> {
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

// The browser's DecompressionStream (web-sys has it only behind `web_sys_unstable_apis`).
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

/// The browser unpacks a workbook's parts (`DecompressionStream("deflate-raw")`, read chunk by
/// chunk and stopped at `MAX_PART` bytes: a zip bomb is refused there).
struct Browser;

impl crate::register_xlsx::Unpack for Browser {
    async fn deflated(&self, p: &crate::register_xlsx::Part, packed: &[u8]) -> Result<Vec<u8>, xborder_core::inventory::CsvError> {
        use crate::register_xlsx::{too_big, MAX_PART};
        use wasm_bindgen::JsCast;
        let fail = |_: JsValue| xborder_core::inventory::CsvError::file(format!("part {} cannot be unpacked: not a readable XLSX workbook", xborder_core::inventory::shown(&p.name)));
        let ds = DecompressionStream::new("deflate-raw").map_err(fail)?;
        let blob = web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&js_sys::Uint8Array::from(packed))).map_err(fail)?;
        let out = blob.stream().pipe_through(&web_sys::ReadableWritablePair::new(&ds.readable(), &ds.writable()));
        let reader: web_sys::ReadableStreamDefaultReader = out.get_reader().unchecked_into();
        let mut buf: Vec<u8> = Vec::with_capacity(p.size.min(MAX_PART));
        loop {
            let r = wasm_bindgen_futures::JsFuture::from(reader.read()).await.map_err(fail)?;
            if js_sys::Reflect::get(&r, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
                return Ok(buf);
            }
            let chunk: js_sys::Uint8Array = js_sys::Reflect::get(&r, &"value".into()).map_err(fail)?.unchecked_into();
            let (at, n) = (buf.len(), chunk.length() as usize);
            if at + n > MAX_PART {
                let _ = reader.cancel();
                return Err(too_big(p));
            }
            buf.resize(at + n, 0);
            chunk.copy_to(&mut buf[at..]);
        }
    }
}

fn value(r: &NodeRef) -> String {
    if let Some(i) = r.cast::<web_sys::HtmlInputElement>() {
        return i.value();
    }
    r.cast::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default()
}

#[component]
pub fn RegisterView(p: &Props) -> Html {
    let l = p.lang;
    let reg = use_reducer(Reg::default);
    let ctx = Ctx { handler: p.handler.clone(), today: crate::host::today() };

    // Read the stored register once, and again whenever another tab changes it.
    {
        let d = reg.dispatcher();
        use_effect_with((), move |_| {
            let reload = {
                let d = d.clone();
                move || {
                    let d = d.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        match store::load().await {
                            Ok(Some(r)) => match entries(r).and_then(|(f, g)| Ok((f.checked()?, g))) {
                                Ok((f, g)) => d.dispatch(Act::Loaded(f, g)),
                                Err(e) => d.dispatch(Act::Error(format!("stored register: {e}"))),
                            },
                            Ok(None) => d.dispatch(Act::Loaded(Vec::new(), Groups::default())),
                            Err(e) => d.dispatch(Act::Error(format!("IndexedDB: {e}"))),
                        }
                    });
                }
            };
            reload();
            let listener = store::channel().map(|c| gloo::events::EventListener::new(&c, "message", move |_| reload()));
            move || drop(listener)
        });
    }
    // Ask the store for the groups of the flows' sets whenever they are not known (a file
    // hashed); a later change asks again, and the answer for sets no longer named is dropped.
    // Asked before the change is stored, so that the store counts first.
    {
        let d = reg.dispatcher();
        let ctx = ctx.clone();
        let counting = reg.counting();
        use_effect_with((register::spec(&reg.flows), counting), move |(spec, counting)| {
            if *counting {
                let spec = spec.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    match store::groups(&spec).await {
                        Ok(g) => d.dispatch(Act::Grouped(spec, g, ctx)),
                        Err(e) => d.dispatch(Act::Error(format!("the register's store: {e}"))),
                    }
                });
            }
        });
    }

    // Store every change of the user's (an empty register: the database deleted): the store
    // writes the text and the flows' sets in one transaction.
    {
        let d = reg.dispatcher();
        let flows = reg.flows.clone();
        use_effect_with(reg.rev, move |rev| {
            if *rev > 0 {
                let rev = *rev;
                wasm_bindgen_futures::spawn_local(async move {
                    let r = if flows.is_empty() {
                        store::clear().await
                    } else {
                        match to_json(&flows) {
                            Ok(t) => store::save(&t, &register::spec(&flows)).await,
                            Err(e) => Err(format!("{e:?}")),
                        }
                    };
                    match r {
                        Ok(()) => d.dispatch(Act::Stored(rev)),
                        Err(e) => d.dispatch(Act::Error(format!("IndexedDB: the register could not be stored: {e}"))),
                    }
                });
            }
        });
    }
    let r0 = use_node_ref();
    let r1 = use_node_ref();
    let r2 = use_node_ref();
    let r3 = use_node_ref();
    let r4 = use_node_ref();
    let r5 = use_node_ref();
    let r6 = use_node_ref();
    let r7 = use_node_ref();
    let r8 = use_node_ref();
    let refs: Vec<NodeRef> = vec![r0, r1, r2, r3, r4, r5, r6, r7, r8];
    let add = {
        let d = reg.dispatcher();
        let refs = refs.clone();
        let ctx = ctx.clone();
        let (list, sector) = (p.list, p.sector);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let v: Vec<String> = refs.iter().map(value).collect();
            let en = Entry {
                date: v[0].clone(), flow: v[1].clone(), recipient: v[2].clone(), country: v[3].clone(),
                list: list.unwrap_or_default().to_string(), sector: sector.unwrap_or_default().to_string(),
                scenario: v[4].clone(), group: v[5].clone(), persons: v[6].clone(), sensitive_persons: v[7].clone(), basis: v[8].clone(),
                important_data: String::new(),
                ..Entry::default()
            };
            d.dispatch(Act::Add(en, ctx.clone()));
        })
    };
    let take_csv = {
        let d = reg.dispatcher();
        let ctx = ctx.clone();
        Callback::from(move |f: web_sys::File| {
            let d = d.clone();
            let ctx = ctx.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = f.name();
                if f.size() > register_csv_max() {
                    d.dispatch(Act::Error(format!("{name}: larger than {} MB: expected a register of flows", crate::register_csv::MAX_BYTES >> 20)));
                    return;
                }
                match read(f).await {
                    Ok(b) if b.starts_with(b"PK\x03\x04") => {
                        let rows = crate::register_xlsx::read(&b, &Browser).await;
                        d.dispatch(Act::Rows(name, rows, ctx))
                    }
                    Ok(b) => d.dispatch(Act::Rows(name, crate::register_csv::parse(&b), ctx)),
                    Err(e) => d.dispatch(Act::Error(format!("{name}: cannot read: {e:?}"))),
                }
            });
        })
    };
    let on_csv = {
        let take = take_csv.clone();
        Callback::from(move |e: Event| {
            let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            if let Some(f) = i.files().and_then(|fs| fs.get(0)) {
                take.emit(f);
            }
            i.set_value("");
        })
    };
    let on_drop = {
        let take = take_csv.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(f) = e.data_transfer().and_then(|t| t.files()).and_then(|fs| fs.get(0)) {
                take.emit(f);
            }
        })
    };
    let on_json = {
        let d = reg.dispatcher();
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            if let Some(f) = i.files().and_then(|fs| fs.get(0)) {
                let d = d.clone();
                let ctx = ctx.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let name = f.name();
                    if f.size() > REGISTER_FILE_MAX {
                        d.dispatch(Act::Error(format!("{name}: larger than {} MB: expected a register exported by xborder", REGISTER_FILE_MAX / 1e6)));
                        return;
                    }
                    let read = store::import(&f).await.and_then(entries);
                    d.dispatch(Act::File(name, read, ctx));
                });
            }
            i.set_value("");
        })
    };
    let pick_ids = {
        let d = reg.dispatcher();
        let ctx = ctx.clone();
        Callback::from(move |(i, sensitive, e): (usize, bool, Event)| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            let Some(f) = input.files().and_then(|fs| fs.get(0)) else { return };
            input.set_value("");
            let d = d.clone();
            let ctx = ctx.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = f.name();
                let total = f.size();
                d.dispatch(Act::Progress(Some((0.0, total))));
                let started = js_sys::Date::now();
                let p = d.clone();
                match store::hash(&f, move |n| p.dispatch(Act::Progress(Some((n, total))))).await {
                    Ok(h) => {
                        let ms = js_sys::Date::now() - started;
                        // For the browser suite's figure: bytes hashed, the time taken, where.
                        if let Some(el) = gloo::utils::document().get_element_by_id("register") {
                            let _ = el.set_attribute("data-hashed", &format!("{total} {ms} {}", store::where_it_runs()));
                        }
                        d.dispatch(Act::Ids(i, sensitive, name, h, ctx));
                    }
                    Err(e) => d.dispatch(Act::Error(format!("{name}: {e}"))),
                }
            });
        })
    };
    let export = {
        let flows = reg.flows.clone();
        let d = reg.dispatcher();
        Callback::from(move |_: MouseEvent| {
            let (flows, d) = (flows.clone(), d.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = match to_json(&flows) {
                    Ok(t) => t,
                    Err(e) => return d.dispatch(Act::Error(format!("export: {e:?}"))),
                };
                let r = match store::export(&text, &register::spec(&flows)).await {
                    Ok(blob) => crate::report::save(&blob, "application/json", &format!("xborder-register-{}.json", crate::host::today())).map_err(|e| format!("{e:?}")),
                    Err(e) => Err(e),
                };
                if let Err(e) = r {
                    d.dispatch(Act::Error(format!("export: {e}")));
                }
            });
        })
    };
    // The position the last change computed, or (after a load, or new answers in the form)
    // computed once here.
    let pos = {
        let r = reg.clone();
        use_memo((reg.rev, reg.loads, reg.cached.clone(), reg.counted.clone(), ctx.clone()), move |(_, _, _, _, ctx)| r.position(ctx))
    };
    let export_csv = {
        let flows = reg.flows.clone();
        let d = reg.dispatcher();
        let pos = pos.clone();
        Callback::from(move |_: MouseEvent| {
            let csv = match pos.as_ref().as_ref() {
                Ok(p) => register::position_csv(&flows, p),
                Err(e) => Err(e.clone()),
            };
            let r = csv.map_err(JsValue::from).and_then(|t| crate::report::save(&t.into(), "text/csv;charset=utf-8", &format!("xborder-register-{}.csv", crate::host::today())));
            if let Err(e) = r {
                d.dispatch(Act::Error(format!("export: {e:?}")));
            }
        })
    };
    let clear = {
        let d = reg.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(Act::Clear))
    };

    let sector = p.list.and_then(catalogue::list).and_then(|x| x.sector(p.sector?));
    let lbl = |id: &str, zh: &str, en: &str| html! { <label for={id.to_string()}>{l.t(zh, en).to_string()}</label> };

    html! {
        <section class="step register" id="register" aria-labelledby="register-title" data-rev={reg.rev.to_string()} data-stored={reg.stored.to_string()}>
            <h2 id="register-title">{l.t("本年度累计登记簿", "Year-to-date register")}</h2>
            <p class="hint">{l.t("登记本年度的每个出境流转：按自1月1日起的累计人数判断。登记簿只保存在本浏览器（IndexedDB），不进入场景链接，不会发送到任何地方。",
                "Enter each of the year's transfers: thresholds count from 1 January across all flows. The register is kept in this browser only (IndexedDB), never in the scenario link, and is sent nowhere.")}</p>
            if let Some(e) = &reg.error {
                <div class="notice error" role="alert" id="reg-error"><p>{e.clone()}</p>
                    <p>{l.t("登记簿未改变。", "The register is unchanged.")}</p></div>
            }
            if !reg.alert.is_empty() {
                <div class="notice warn" role="alert" id="reg-alert">
                    <p><strong>{l.t("升档：此次变更使本年度结论更严格。", "Crossing: this change makes the year's outcome stricter.")}</strong></p>
                    <ul>{ for reg.alert.iter().map(|c| html! { <li>{format!("{} {}: ", c.date, c.flow)}{register::outcome_name(c.from, l)}{" → "}{register::outcome_name(c.to, l)}</li> }) }</ul>
                </div>
            }
            if let Some((n, total)) = reg.progress {
                <div id="reg-hashing" role="status">
                    <label for="reg-progress">{l.t("正在本机读取并哈希标识符文件…", "Reading and hashing the identifier file on this device…")}</label>
                    <progress id="reg-progress" max={total.max(1.0).to_string()} value={n.to_string()}></progress>
                </div>
            }
            if let Some((zh, en)) = &reg.said {
                <p role="status" id="reg-status">{l.t(zh, en).to_string()}</p>
            }
            <form class="reg-add" id="reg-add-form" onsubmit={add}>
                <div class="reg-fields">
                    <div>{lbl("reg-date", "日期", "Date")}<input id="reg-date" type="date" required=true ref={refs[0].clone()} /></div>
                    <div>{lbl("reg-flow", "流转名称", "Flow name")}<input id="reg-flow" type="text" required=true maxlength="200" ref={refs[1].clone()} /></div>
                    <div>{lbl("reg-recipient", "境外接收方", "Recipient")}<input id="reg-recipient" type="text" maxlength="200" ref={refs[2].clone()} /></div>
                    <div>{lbl("reg-country", "国家或地区", "Country")}<input id="reg-country" type="text" maxlength="100" ref={refs[3].clone()} /></div>
                    <div>{lbl("reg-scenario", "业务场景", "Scenario")}
                        <select id="reg-scenario" ref={refs[4].clone()}>
                            <option value="" selected=true>{l.t("未限定 / 其他场景", "Not tied to one / other scenarios")}</option>
                            { for sector.iter().flat_map(|s| s.scenarios.iter()).map(|x| html! { <option value={x.id} selected=false>{l.t(x.name_zh, x.name_en)}</option> }) }
                        </select></div>
                    <div>{lbl("reg-group", "人员类别", "Group")}
                        <select id="reg-group" ref={refs[5].clone()}>
                            <option value="" selected=true>{l.t("未限定", "Any")}</option>
                            { for sector.iter().flat_map(|s| s.groups.iter()).map(|x| html! { <option value={x.id} selected=false>{l.t(x.name_zh, x.name_en)}</option> }) }
                        </select></div>
                    <div>{lbl("reg-persons", "人数", "Persons")}<input id="reg-persons" type="text" inputmode="numeric" ref={refs[6].clone()} /></div>
                    <div>{lbl("reg-sensitive", "敏感个人信息人数", "Sensitive persons")}<input id="reg-sensitive" type="text" inputmode="numeric" ref={refs[7].clone()} /></div>
                    <div>{lbl("reg-basis", "依据", "Basis")}
                        <select id="reg-basis" ref={refs[8].clone()}>
                            <option value="" selected=true>{l.t("无", "None")}</option>
                            { for Basis::ALL.iter().map(|b| html! { <option value={b.code()} selected=false>{l.t(b.name_zh(), b.name_en())}</option> }) }
                        </select></div>
                </div>
                <button type="submit" class="button" id="reg-add">{l.t("加入流转", "Add the flow")}</button>
            </form>
            <div class="reg-drop" id="reg-drop" ondrop={on_drop} ondragover={Callback::from(|e: DragEvent| e.prevent_default())}>
                <label for="reg-csv">{l.t("导入 CSV 或 XLSX（与 xborder register 相同的列，XLSX 读第一个工作表；可拖放到此处）：", "Import a CSV or XLSX (the columns of xborder register; an XLSX's first sheet; or drop it here): ")}</label>
                <input type="file" id="reg-csv" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onchange={on_csv} />
                <p class="hint"><code>{register::csv_header()}</code></p>
            </div>
            <p class="reg-actions">
                <button type="button" class="button small" id="reg-export" onclick={export} disabled={reg.flows.is_empty()}>{l.t("导出登记簿（JSON）", "Export the register (JSON)")}</button>
                <button type="button" class="button small" id="reg-export-csv" onclick={export_csv} disabled={pos.as_ref().is_err() || reg.flows.is_empty()}
                    title={l.t("按日期列出各流转及计入后的累计结论；以 = + - @ 开头的文字前加 '，表格软件不会将其当作公式", "The flows in date order with the year's outcome once each is counted; text starting with = + - @ gets a leading ' so that spreadsheets never read it as a formula")}>{l.t("导出累计情况（CSV）", "Export the position (CSV)")}</button>
                <label for="reg-import">{l.t("导入已导出的登记簿：", "Import an exported register: ")}</label>
                <input type="file" id="reg-import" accept=".json,application/json" onchange={on_json} />
                <button type="button" class="button small" id="reg-clear" onclick={clear} disabled={reg.flows.is_empty()}>{l.t("清空登记簿", "Clear register")}</button>
            </p>
            <table id="reg-flows" data-count={reg.flows.len().to_string()} data-loaded={reg.loaded.to_string()}>
                <caption>{l.t("流转", "Flows")}</caption>
                <thead><tr><th scope="col">{l.t("日期", "Date")}</th><th scope="col">{l.t("流转", "Flow")}</th><th scope="col">{l.t("接收方", "Recipient")}</th>
                    <th scope="col">{l.t("场景 / 类别 / 依据", "Scenario / group / basis")}</th><th scope="col">{l.t("人数 / 敏感", "Persons / sensitive")}</th><th scope="col">{l.t("标识符文件（仅保留哈希值）", "Identifier files (only hashes kept)")}</th><th scope="col">{l.t("操作", "Actions")}</th></tr></thead>
                <tbody>
                { for reg.flows.iter().enumerate().map(|(i, f)| {
                    let d = reg.dispatcher();
                    let c = ctx.clone();
                    let terms = [&f.scenario, &f.group, &f.basis].iter().filter(|s| !s.is_empty()).map(|s| s.as_str()).collect::<Vec<_>>().join(" / ");
                    let to = [&f.recipient, &f.country].iter().filter(|s| !s.is_empty()).map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
                    html! { <tr class="reg-flow">
                        <td>{f.date.clone()}</td><td>{f.flow.clone()}</td><td>{to}</td><td>{terms}</td>
                        <td>{format!("{} / {}", if f.persons.is_empty() { "—" } else { &f.persons }, if f.sensitive_persons.is_empty() { "—" } else { &f.sensitive_persons })}</td>
                        <td class="reg-ids">
                            <label for={format!("reg-pids-{i}")}>{l.t("人员标识符文件", "Person identifiers")}{ids_label(l, &f.person_ids, &f.person_ids_named, f.person_hashes.distinct())}</label>
                            <input type="file" id={format!("reg-pids-{i}")} accept=".txt,.csv,text/plain" onchange={{ let p = pick_ids.clone(); Callback::from(move |e: Event| p.emit((i, false, e))) }} />
                            <label for={format!("reg-sids-{i}")}>{l.t("敏感个人信息标识符文件", "Sensitive identifiers")}{ids_label(l, &f.sensitive_ids, &f.sensitive_ids_named, f.sensitive_hashes.distinct())}</label>
                            <input type="file" id={format!("reg-sids-{i}")} accept=".txt,.csv,text/plain" onchange={{ let p = pick_ids.clone(); Callback::from(move |e: Event| p.emit((i, true, e))) }} />
                        </td>
                        <td><button type="button" class="button small" id={format!("reg-remove-{i}")} aria-label={format!("{} {}", l.t("删除", "Remove"), f.flow)}
                            onclick={Callback::from(move |_: MouseEvent| d.dispatch(Act::Remove(i, c.clone())))}>{l.t("删除", "Remove")}</button></td>
                    </tr> }
                }) }
                </tbody>
            </table>
            { match (pos.as_ref().as_ref(), register::waiting_files(&reg.flows)) {
                (_, w) if !w.is_empty() => html! {
                    <div class="notice warn" id="reg-waiting" role="status" data-files={w.len().to_string()}>
                        <p>{l.t("导入的行列明了标识符文件。本页面无法打开 CSV 中列明的文件（文件留在原处）：请在下表各流转旁选择这些文件。在此之前登记簿不给出累计结论（按零人计算会少算）。",
                            "The imported rows name identifier files. The page cannot open files a CSV names (they stay where they are): pick them beside each flow below. Until then the register gives no position (counting them as nobody would under-count).")}</p>
                        <ul>{ for w.iter().map(|x| html! { <li>{x.clone()}</li> }) }</ul>
                    </div>
                },
                (Err(_), _) if reg.counting() => html! {
                    <p id="reg-counting" role="status">{l.t("正在后台按自然人合并各流转的标识符…", "Counting the flows' identifiers, each person once, in the background…")}</p>
                },
                (Err(e), _) => html! { <p class="notice error" id="reg-position-error">{e.clone()}</p> },
                (Ok(pos), _) => position_view(l, pos),
            } }
        </section>
    }
}

/// An identifier file's label: picked (with its count of distinct identifiers), or named by an
/// imported row and still to pick.
fn ids_label(l: Lang, picked: &str, named: &str, n: u64) -> String {
    if !picked.is_empty() {
        format!(": {picked} ({})", num(n))
    } else if !named.is_empty() {
        format!(": {named} — {}", l.t("请选择此文件", "pick this file"))
    } else {
        String::new()
    }
}

fn register_csv_max() -> f64 {
    crate::register_csv::MAX_BYTES as f64
}

/// The largest exported register read back (its hashes are read by the store, off the page's
/// thread): 10 million identifiers make about 215 MB.
const REGISTER_FILE_MAX: f64 = 1e9;

fn position_view(l: Lang, p: &xborder_core::register::Position) -> Html {
    let o = p.verdict.outcome;
    let standing = |rule: &str, m: Measure, n: u64| {
        let s = register::standing(rule, m, n);
        let band = s.band.map(|b| l.t(&b.describe_zh(), &b.describe_en()).to_string()).unwrap_or_else(|| l.t("未达任何档次", "in no band").to_string());
        let margin = match s.margin(n) {
            Some(m) => format!("{}{}", l.t("距下一档：", "to the next band: "), num(m)),
            None => l.t("已在最高档", "in the top band").to_string(),
        };
        (band, margin, s.margin(n))
    };
    html! {
        <div class="reg-position" id="reg-position">
            <h3>{l.t("本年度累计结论", "Year to date")}</h3>
            <p id="reg-verdict" data-outcome={o.code()} data-flows={p.flows.to_string()} data-ignored={p.ignored_rows.to_string()} data-decided={p.verdict.decided.to_string()}>
                <strong>{format!("{} · ", p.year)}{l.t(o.name_zh(), o.name_en())}</strong>
                {format!(" · {} {}", p.flows, l.t("个流转计入", "flows counted"))}
                if p.ignored_rows > 0 { {format!(" · {} {}", p.ignored_rows, l.t("行属其他年份，未计入", "rows of other years ignored"))} }
                if !p.verdict.decided { <span>{l.t("（结论取决于尚未回答的问题：请在上方表单回答是否在区内、是否为关键信息基础设施运营者）", " (the verdict depends on open questions: answer in the form above whether the handler is in the zone and whether it is a CIIO)")}</span> }
            </p>
            <table id="reg-counts">
                <caption>{l.t("自1月1日起的累计人数（按自然人去重）", "Counts since 1 January, each person once")}</caption>
                <thead><tr><th scope="col">{l.t("规则", "Rule")}</th><th scope="col">{l.t("人数", "Persons")}</th><th scope="col">{l.t("敏感个人信息人数", "Sensitive persons")}</th><th scope="col">{l.t("精确", "Exact")}</th></tr></thead>
                <tbody>
                { for p.counts.iter().map(|c| {
                    let (pb, pm, pmn) = standing(&c.rule, Measure::Persons, c.persons.0);
                    let (sb, sm, _) = standing(&c.rule, Measure::SensitivePersons, c.sensitive_persons.0);
                    html! { <tr class="reg-count" data-rule={c.rule.clone()} data-persons={c.persons.0.to_string()} data-sensitive={c.sensitive_persons.0.to_string()} data-exact={c.exact.to_string()}
                            data-margin={pmn.map(|m| m.to_string()).unwrap_or_default()}>
                        <th scope="row"><code>{c.rule.clone()}</code></th>
                        <td>{num(c.persons.0)}<br /><small>{pb}{" · "}{pm}</small></td>
                        <td>{num(c.sensitive_persons.0)}<br /><small>{sb}{" · "}{sm}</small></td>
                        <td>{if c.exact { l.t("是（标识符去重）", "yes (distinct identifiers)") } else { l.t("否：填报数相加，可能重复计算", "no: declared counts added, overlaps may count twice") }}</td>
                    </tr> }
                }) }
                </tbody>
            </table>
            <h3>{l.t("升档", "Crossings into a stricter outcome")}</h3>
            if p.crossings.is_empty() {
                <p id="reg-no-crossings">{l.t("（无）", "(none)")}</p>
            } else {
                <ul id="reg-crossings">
                { for p.crossings.iter().map(|c| html! {
                    <li class="reg-crossing" data-date={c.date.to_string()} data-flow={c.flow.clone()} data-from={c.from} data-to={c.to}>
                        {format!("{} {}: ", c.date, c.flow)}{register::outcome_name(c.from, l)}{" → "}{register::outcome_name(c.to, l)}
                    </li>
                }) }
                </ul>
            }
        </div>
    }
}

/// The handler's facts from the page's answers: an open question (unanswered, or "I don't
/// know") stays open, as the CLI's defaults leave it.
pub fn handler_facts(f: &crate::form::Form) -> HandlerFacts {
    let fact = |q: &'static str, v: bool| (f.answered.contains(&q) && !f.unknown.iter().any(|u| u == q)).then_some(v);
    HandlerFacts { in_zone: fact("handler.in_zone", f.in_zone), ciio: fact("handler.ciio", f.ciio), zone: None }
}
