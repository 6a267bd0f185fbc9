//! Sharing and keeping the result: the toolbar (copy link, download JSON, download the
//! calendar of due dates, print, start over)
//! and the report header that the print stylesheet shows (scenario summary, rules version,
//! date). The JSON is `{scenario, verdict}` in the contract's shapes, made by serde through
//! serde-wasm-bindgen and `JSON.stringify`: no JSON library in the wasm. The calendar is
//! `xborder_core::ics`, the writer of `xborder check --format ics`: the same file.
use crate::form::{Action, Checked};
use xborder_form::lang::Lang;
use crate::host::location;
use crate::words::{due_text, pathway_name};
use crate::zone;
use crate::form::Dispatch;
use serde::Serialize;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use xborder_core::catalogue::{self, DateField, RULES_VERSION};
use xborder_core::text::num;
use xborder_core::{Scenario, Verdict};
use yew::prelude::*;

#[derive(Serialize)]
struct Export<'a> {
    scenario: &'a Scenario,
    verdict: &'a Verdict,
}

/// Today's date, YYYY-MM-DD (local time).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

fn download_json(c: &Checked) -> Result<(), JsValue> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    let value = Export { scenario: &c.scenario, verdict: &c.verdict }.serialize(&ser).map_err(JsValue::from)?;
    let text = js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &JsValue::from_f64(2.0))?;
    save(&text, "application/json", &format!("xborder-verdict-{}.json", today()))
}

/// The dated obligations as an iCalendar file, the bytes `xborder check --format ics` prints.
fn download_ics(c: &Checked) -> Result<(), JsValue> {
    let text = xborder_core::ics::render(&c.scenario, &c.verdict);
    save(&JsValue::from_str(&text), "text/calendar;charset=utf-8", &format!("xborder-deadlines-{}.ics", today()))
}

/// Hands a text to the browser as a download: a Blob and an object URL, no request.
pub fn save(text: &JsValue, mime: &str, name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(text);
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let doc = gloo::utils::document();
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_class_name("hidden");
    // Embedded: inside the widget, never the host's <body>.
    let parent = crate::host::scratch().ok_or("no body")?;
    parent.append_child(&a)?;
    a.click();
    a.remove();
    gloo::timers::callback::Timeout::new(1_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub lang: Lang,
    pub checked: Rc<Checked>,
    pub stale: bool,
    /// The neutral start: no verdict to download or print (the link and start over stay).
    #[prop_or_default]
    pub neutral: bool,
    pub dispatch: Dispatch,
    /// Opens the materials checklist (standalone page only; shown when the verdict names one).
    #[prop_or_default]
    pub on_materials: Option<Callback<MouseEvent>>,
    /// Opens the compare view (`compare.rs`).
    #[prop_or_default]
    pub on_compare: Option<Callback<MouseEvent>>,
}

#[derive(Clone, PartialEq)]
enum Copy {
    Idle,
    Copied(String),
    Manual(String),
}

#[component]
pub fn Toolbar(p: &ToolbarProps) -> Html {
    let l = p.lang;
    let copy = use_state(|| Copy::Idle);
    let problem = use_state(|| None::<String>);
    // A new scenario makes any shown link stale.
    {
        let copy = copy.clone();
        use_effect_with(p.checked.fragment.clone(), move |_| copy.set(Copy::Idle));
    }
    let on_copy = {
        let copy = copy.clone();
        let c = p.checked.clone();
        Callback::from(move |_: MouseEvent| {
            location::show(&c.fragment);
            let link = location::link(&c.scenario);
            let copy = copy.clone();
            yew::platform::spawn_local(async move {
                let ok = crate::host::copy(link.clone()).await;
                copy.set(if ok { Copy::Copied(link) } else { Copy::Manual(link) });
            });
        })
    };
    let on_download = {
        let c = p.checked.clone();
        let problem = problem.clone();
        Callback::from(move |_: MouseEvent| {
            problem.set(download_json(&c).err().map(|e| e.as_string().unwrap_or_else(|| format!("{e:?}"))));
        })
    };
    let on_ics = {
        let c = p.checked.clone();
        let problem = problem.clone();
        Callback::from(move |_: MouseEvent| {
            problem.set(download_ics(&c).err().map(|e| e.as_string().unwrap_or_else(|| format!("{e:?}"))));
        })
    };
    let dated = p.checked.verdict.obligations.iter().filter(|o| o.deadline.is_some()).count();
    let on_print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    let on_start_over = {
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::StartOver))
    };
    let link_field = |link: &str, msg: &str| {
        html! {
            <div class="link-out">
                <label for="link-out">{msg.to_string()}</label>
                <input id="link-out" type="text" readonly=true value={link.to_string()}
                    onfocus={Callback::from(|e: FocusEvent| e.target_unchecked_into::<web_sys::HtmlInputElement>().select())} />
            </div>
        }
    };
    html! {
        <div class="toolbar" role="group" aria-label={l.t("保存与分享", "Keep and share")}>
            <div class="toolbar-buttons">
                <button type="button" class="button primary" id="copy-link" onclick={on_copy}
                    title={l.t("把场景写入链接（#之后，不会发送给任何服务器）", "Put the scenario in a link (after #, never sent to any server)")}>
                    {l.t("复制链接", "Copy link")}
                </button>
                if !p.neutral {
                    <button type="button" class="button secondary" id="download-json" onclick={on_download}>{l.t("下载 JSON", "Download JSON")}</button>
                    <button type="button" class="button secondary" id="download-ics" onclick={on_ics} data-dated={dated.to_string()}
                        title={l.t("到期日和期间，作为日历文件（.ics）；没有填写日期时日历为空", "Due dates and windows as a calendar file (.ics); empty until you give dates")}>
                        {l.t("下载日历 (.ics)", "Download calendar (.ics)")}
                    </button>
                    <button type="button" class="button secondary" id="print-report" onclick={on_print}>{l.t("打印报告", "Print report")}</button>
                    if let Some(open) = p.on_materials.clone().filter(|_| !p.checked.verdict.materials.is_empty()) {
                        <button type="button" class="button secondary" id="open-materials" onclick={open}>{l.t("材料清单", "Materials checklist")}</button>
                    }
                    if let Some(open) = p.on_compare.clone() {
                        <button type="button" class="button secondary" id="open-compare" onclick={open}
                            title={l.t("同一次出境在国家规定和各份可用清单下的结论，并列比较", "The same transfer under the national rules and every list you may use, side by side")}>
                            {l.t("比较各规则", "Compare regimes")}</button>
                    }
                }
                <button type="button" class="button quiet" id="start-over" onclick={on_start_over}>{l.t("重新开始", "Start over")}</button>
            </div>
            <div class="toolbar-status" aria-live="polite">
                {match &*copy {
                    Copy::Idle => html! {},
                    Copy::Copied(link) => link_field(link, l.t("链接已复制。场景保存在链接“#”之后的部分，不会发送给服务器：", "Link copied. The scenario sits after the “#”, which browsers never send to a server:")),
                    Copy::Manual(link) => link_field(link, l.t("浏览器不允许自动复制，请手动复制此链接：", "The browser did not allow copying; copy this link by hand:")),
                }}
                if p.stale && *copy != Copy::Idle {
                    <p class="muted">{l.t("链接包含的是上一次有效的填写。", "The link holds your last valid entries.")}</p>
                }
                if let Some(e) = &*problem { <p class="field-error">{l.t("无法下载：", "Could not download: ")}{e.clone()}</p> }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub lang: Lang,
    pub checked: Rc<Checked>,
}

fn yes(b: bool, l: Lang) -> &'static str {
    if b {
        l.t("是", "Yes")
    } else {
        l.t("否", "No")
    }
}

/// The scenario in words, for the printed report.
#[component]
pub fn ReportSummary(p: &SummaryProps) -> Html {
    let l = p.lang;
    let s = &p.checked.scenario;
    let list = s.list.as_deref().and_then(catalogue::list);
    let sector = list.and_then(|x| x.sector(s.sector.as_deref()?));
    let z = s.zone.as_deref().and_then(zone::zone).or_else(|| list.and_then(|x| zone::zone_of_list(x.id)));
    let row = |k: &str, v: String| html! { <tr><th scope="row">{k.to_string()}</th><td>{v}</td></tr> };
    let items: Vec<String> = s
        .important_data
        .iter()
        .filter_map(|id| sector.and_then(|x| x.item(id)))
        .map(|i| match l {
            // The record carries the item's whole text, never a cut one.
            Lang::Zh => format!("第{}项 {}", i.number, i.text_zh),
            Lang::En => format!("Item {}: {}", i.number, i.title_en),
        })
        .collect();
    let answers: Vec<String> = s
        .item_exceptions
        .iter()
        .filter_map(|id| sector.and_then(|x| x.exception(id)))
        .map(|(e, _)| l.t(e.question_zh, e.text_en).to_string())
        .collect();
    let groups: Vec<String> = s
        .personal_information
        .iter()
        .enumerate()
        .map(|(n, e)| {
            let sc = e.scenario.as_deref().and_then(|x| sector.and_then(|s| s.scenario(x))).map(|x| l.t(x.name_zh, x.name_en));
            let open = s.unknown.iter().any(|q| xborder_core::scenario::group_question_row(q) == Some(n));
            let gr = if open {
                Some(l.t("人群未选择", "group not chosen"))
            } else {
                e.group.as_deref().and_then(|x| sector.and_then(|s| s.group(x))).map(|x| l.t(x.name_zh, x.name_en))
            };
            let where_ = [sc, gr].into_iter().flatten().collect::<Vec<_>>().join(" · ");
            let basis = e.basis.map(|b| l.t(b.name_zh(), b.name_en()).to_string());
            match l {
                Lang::Zh => format!("第{}组：{}{}人，其中敏感个人信息{}人{}", n + 1, if where_.is_empty() { String::new() } else { format!("{where_}，") }, num(e.persons.0), num(e.sensitive_persons.0), basis.map(|b| format!("；豁免依据：{b}")).unwrap_or_default()),
                Lang::En => format!("Group {}: {}{} persons, {} with sensitive personal information{}", n + 1, if where_.is_empty() { String::new() } else { format!("{where_}; ") }, num(e.persons.0), num(e.sensitive_persons.0), basis.map(|b| format!("; exempt basis: {b}")).unwrap_or_default()),
            }
        })
        .collect();
    let dates: Vec<String> = DateField::ALL
        .iter()
        .filter_map(|f| Some(format!("{}{}{}", crate::form::date_label(*f, l), l.t("：", ": "), s.dates.get(*f)?)))
        .collect();
    let dues: Vec<String> = p
        .checked
        .verdict
        .obligations
        .iter()
        .filter_map(|o| {
            let d = o.deadline.as_ref()?;
            Some(format!("{}{}{}{}{}{}", l.t(d.label_zh, d.label_en), l.t("：", ": "), due_text(&d.due, l), l.t("（", " ("), l.t(&d.basis_zh, &d.basis_en), l.t("）", ")")))
        })
        .collect();
    let renewal: Vec<String> = p
        .checked
        .verdict
        .obligations
        .iter()
        .filter_map(|o| {
            let c = o.conditions.as_ref()?;
            let answers: Vec<String> = c
                .items
                .iter()
                .map(|i| format!("{}{}{}", l.t(i.text_zh, i.text_en), l.t("：", ": "), match i.answer {
                    Some(true) => l.t("是", "yes"),
                    Some(false) => l.t("否", "no"),
                    None => l.t("未回答", "not answered"),
                }))
                .collect();
            Some(format!("{}{}{}", crate::words::met_label(c.result, l), if c.text_en.is_empty() { String::new() } else { format!("{}{}", l.t("：", ": "), l.t(c.text_zh, c.text_en)) }, format!("{}{}{}", l.t("（", " ("), answers.join(l.t("；", "; ")), l.t("）", ")"))))
        })
        .collect();
    let none = l.t("无", "None");
    // An open question is said as open, never as "no".
    let answer = |q: &str, v: bool| if s.unknown.iter().any(|u| u == q) { l.t("未确定", "Not known yet").to_string() } else { yes(v, l).to_string() };
    let join = |v: Vec<String>| if v.is_empty() { none.to_string() } else { v.join(l.t("；", "; ")) };
    html! {
        <section class="report-summary print-only" aria-label={l.t("报告", "Report")}>
            <h2>{l.t("数据出境合规检查报告", "Cross-border data transfer check: report")}</h2>
            <p class="muted">{l.t("日期：", "Date: ")}{today()}{" · "}{l.t("规则数据版本：", "Rules version: ")}{RULES_VERSION}{" · "}
                {l.t("以中文原文为准；英文为本工具自译。本报告不构成法律意见。", "The Chinese originals control; the English is our own. This report is not legal advice.")}</p>
            <table class="summary">
                <tbody>
                    { for s.matter.fields().iter().enumerate().filter(|(_, v)| !v.is_empty()).map(|(i, v)| row(crate::matter::label(i, l), v.to_string())) }
                    {row(l.t("规则适用日期", "Rules as of"), p.checked.verdict.as_of.to_string())}
                    {row(l.t("所用文件", "Documents used"), p.checked.verdict.editions.iter().map(|e| {
                        let d = e.0;
                        format!("{}（{} – {}）", l.t(d.title_zh, d.title_en), d.in_force, d.until.map(|u| u.to_string()).unwrap_or_default())
                    }).collect::<Vec<_>>().join(l.t("；", "; ")))}
                    {row(l.t("自由贸易试验区", "Free trade zone"), z.map(|z| l.t(z.name_zh, z.name_en).to_string()).unwrap_or_else(|| none.to_string()))}
                    {row(l.t("在区内登记注册或经营", "Registered or operating in the zone"), answer("handler.in_zone", s.handler.in_zone))}
                    {row(l.t("关键信息基础设施运营者", "CIIO"), answer("handler.ciio", s.handler.ciio))}
                    {row(l.t("负面清单", "Negative list"), list.map(|x| l.t(x.title_zh, x.title_en).to_string()).unwrap_or_else(|| l.t("不适用（国家规定）", "None (national rules)").to_string()))}
                    {row(l.t("行业", "Sector"), sector.map(|x| l.t(x.name_zh, x.name_en).to_string()).unwrap_or_else(|| none.to_string()))}
                    {row(l.t("清单所列重要数据", "Listed important data"), join(items))}
                    {row(l.t("确认的例外或条件", "Answers affirmed"), join(answers))}
                    {row(l.t("个人信息", "Personal information"), join(groups))}
                    {row(l.t("已被告知或公开发布为重要数据", "Notified or published as important data"), answer("notified_important_data", s.notified_important_data))}
                    {row(l.t("国家核心数据", "National core data"), answer("flags.national_core_data", s.flags.national_core_data))}
                    {row(l.t("出口管制", "Export control"), answer("flags.export_control", s.flags.export_control))}
                    {row(l.t("日期", "Dates"), join(dates))}
                    {row(l.t("结论", "Outcome"), pathway_name(p.checked.verdict.outcome, l).to_string())}
                    if !p.checked.verdict.decided {
                        {row(l.t("取决于尚未回答的问题", "Depends on questions not answered"), p.checked.verdict.depends_on.iter().map(|q| xborder_core::unknown::describe(q, l == Lang::Zh)).collect::<Vec<_>>().join(l.t("；", "; ")))}
                    }
                    if !p.checked.verdict.materials.is_empty() {
                        {row(l.t("材料清单", "Materials checklists"), join(xborder_core::materials::applicable(&p.checked.verdict).map(|(_, c)| l.t(c.title_zh, c.title_en).to_string()).collect()))}
                    }
                    <tr class="dues"><th scope="row">{l.t("到期日", "Due dates")}</th>
                        <td>if dues.is_empty() { {none} } else { <ul>{ for dues.into_iter().map(|x| html! { <li>{x}</li> }) }</ul> }</td></tr>
                    if !renewal.is_empty() {
                        <tr class="renewal"><th scope="row">{l.t("续期核对", "Renewal check")}</th>
                            <td><ul>{ for renewal.into_iter().map(|x| html! { <li>{x}</li> }) }</ul></td></tr>
                    }
                    // The link that reopens this exact check (its fragment never reaches a server).
                    <tr class="permalink"><th scope="row">{l.t("链接", "Permalink")}</th><td class="link-text">{location::link(s)}</td></tr>
                </tbody>
            </table>
        </section>
    }
}
