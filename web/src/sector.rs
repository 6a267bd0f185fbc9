//! Step 2: the list (the zone's own, or another zone's by referral, or none) and the sector,
//! the sector's own applicability questions, and the business scenarios the transfer involves.
use crate::form::Action;
use xborder_form::lang::Lang;
use crate::widgets::{Question, YesNo};
use crate::zone::{self, usable_lists};
use crate::form::Dispatch;
use xborder_core::catalogue::{self, ExceptionKind, NoteKind, Sector};
use yew::prelude::*;

/// A static sector compared by identity (for component props).
#[derive(Clone, Copy, Debug)]
pub struct Sec(pub &'static Sector);

impl PartialEq for Sec {
    fn eq(&self, o: &Self) -> bool {
        std::ptr::eq(self.0, o.0)
    }
}

/// An element id from a catalogue id ('.' and ':' are awkward in CSS selectors).
pub fn dom_id(prefix: &str, id: &str) -> String {
    let mut s = String::with_capacity(prefix.len() + id.len() + 1);
    s.push_str(prefix);
    s.push('-');
    s.extend(id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }));
    s
}

pub fn sector_name(s: &Sector, l: Lang) -> String {
    format!("{}. {}", s.number, l.t(s.name_zh, s.name_en))
}

#[derive(Properties, PartialEq)]
pub struct SectorProps {
    pub lang: Lang,
    pub zone: Option<&'static str>,
    pub list: Option<&'static str>,
    pub sector: Option<&'static str>,
    pub scenarios: Vec<&'static str>,
    pub answers: Vec<&'static str>,
    pub dispatch: Dispatch,
    /// Questions answered "I don't know".
    pub unknown: Vec<String>,
    /// Fixed by an embedding page (`<xborder-checker list=… sector=…>`).
    #[prop_or_default]
    pub locked_list: bool,
    #[prop_or_default]
    pub locked_sector: bool,
}

#[component]
pub fn SectorSection(p: &SectorProps) -> Html {
    let l = p.lang;
    let d = &p.dispatch;
    let zone = p.zone.and_then(zone::zone);
    let list = p.list.and_then(catalogue::list);
    let sector = list.and_then(|x| x.sector(p.sector?));
    let body = match zone {
        None => html! {
            <p class="muted">{l.t("未选择自贸试验区：按国家规定判断，无需选择清单和行业。如在某自贸试验区内，请先在第1步选择。",
                                   "No free trade zone chosen: the national rules decide, so there is no list or sector to choose. If the handler is in a zone, choose it in step 1.")}</p>
        },
        Some(z) => {
            let lists = usable_lists(z);
            let on_list = {
                let d = d.clone();
                Callback::from(move |e: Event| {
                    let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                    d.dispatch(Action::List(catalogue::list(&v).map(|x| x.id)));
                })
            };
            let on_sector = {
                let d = d.clone();
                Callback::from(move |e: Event| {
                    let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                    d.dispatch(Action::Sector(list.and_then(|x| x.sector(&v)).map(|s| s.id)));
                })
            };
            html! {
                <>
                if lists.is_empty() {
                    <p class="muted">{l.t("本区没有可用的负面清单：按国家规定判断。", "No negative list is available to this zone: the national rules decide.")}</p>
                } else {
                    <Question id="q-list" label={l.t("使用的负面清单", "Negative list used")}
                        why={if z.referral { l.t("本区管理办法允许参照执行其他自贸试验区正式发布的负面清单；不使用清单的，按国家规定判断。",
                                                 "This zone's measures let handlers refer to other zones' published lists; without a list the national rules decide.") }
                             else { l.t("区内数据处理者可以使用本区负面清单；不使用的，按国家规定判断。", "Handlers in the zone may use its list; without it the national rules decide.") }}>
                        <select id="q-list" onchange={on_list} aria-describedby="q-list-why" disabled={p.locked_list}>
                            { for lists.iter().map(|x| {
                                let own = z.own_list.is_some_and(|o| o.id == x.id);
                                let label = match (own, l) {
                                    (true, _) => l.t(x.title_zh, x.title_en).to_string(),
                                    (false, Lang::Zh) => format!("参照执行：{}", x.title_zh),
                                    (false, Lang::En) => format!("Refer to: {}", x.title_en),
                                };
                                html! { <option value={x.id} selected={p.list == Some(x.id)}>{label}</option> }
                            }) }
                            <option value="" selected={p.list.is_none()}>{l.t("不使用负面清单（适用国家规定）", "No negative list (national rules)")}</option>
                        </select>
                    </Question>
                }
                if let Some(list) = list {
                    <Question id="q-sector" label={l.t("出境数据所属行业、领域", "Sector of the data")}
                        why={l.t("清单按行业列出重要数据和个人信息门槛；不属于所列行业的，按国家规定判断。",
                                 "The list sets out important data and personal-information thresholds by sector; data outside its sectors follows the national rules.")}>
                        <select id="q-sector" onchange={on_sector} aria-describedby="q-sector-why" disabled={p.locked_sector}>
                            <option value="" selected={p.sector.is_none()}>{l.t("不属于本清单所列行业（适用国家规定）", "None of this list's sectors (national rules)")}</option>
                            { for list.sectors.iter().map(|s| html! {
                                <option value={s.id} selected={p.sector == Some(s.id)}>{sector_name(s, l)}</option>
                            }) }
                        </select>
                    </Question>
                }
                if let Some(s) = sector {
                    <SectorDetail lang={l} sector={Sec(s)} scenarios={p.scenarios.clone()} answers={p.answers.clone()} dispatch={d.clone()} unknown={p.unknown.clone()} />
                }
                </>
            }
        }
    };
    html! {
        <section class="step" aria-labelledby="step-sector">
            <h2 id="step-sector"><span class="step-no">{"2"}</span>{l.t("清单、行业与业务场景", "List, sector and business scenarios")}</h2>
            {body}
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DetailProps {
    lang: Lang,
    sector: Sec,
    scenarios: Vec<&'static str>,
    answers: Vec<&'static str>,
    dispatch: Dispatch,
    unknown: Vec<String>,
}

#[component]
fn SectorDetail(p: &DetailProps) -> Html {
    let l = p.lang;
    let s = p.sector.0;
    let notes: Vec<_> = s.notes.iter().filter(|n| n.kind != NoteKind::Obligation).collect();
    // Scenarios grouped by business activity, where the list names one.
    let mut activities: Vec<(Option<&'static str>, Option<&'static str>, Vec<&'static catalogue::Scenario>)> = Vec::new();
    for sc in s.scenarios {
        match activities.iter_mut().find(|a| a.0 == sc.activity_zh) {
            Some(a) => a.2.push(sc),
            None => activities.push((sc.activity_zh, sc.activity_en, vec![sc])),
        }
    }
    html! {
        <>
        if !notes.is_empty() {
            <details class="notes">
                <summary>{l.t("清单对本行业的说明（注）", "What the list says about this sector (notes)")}</summary>
                <ol>
                    { for notes.iter().map(|n| html! {
                        <li>
                            <p lang="zh-CN" class="zh-source">{format!("注{}：{}", n.number, n.text_zh)}</p>
                            if l == Lang::En { <p class="en-note">{n.text_en}</p> }
                        </li>
                    }) }
                </ol>
            </details>
        }
        { for s.exceptions.iter().map(|e| {
            let id = e.id;
            let d = p.dispatch.clone();
            let why = match e.kind {
                ExceptionKind::NotApplicable => l.t("如是，本行业清单不适用，按国家规定判断。", "If yes, this sector's list does not apply and the national rules decide."),
                ExceptionKind::Exempt => l.t("如是，清单规定此类数据免予申报安全评估、订立标准合同、通过认证。", "If yes, the list exempts such data from assessment, contract and certification."),
                ExceptionKind::Precondition => l.t(
                    "清单对相关条目写明的前提。如否或未确认，这些条目的档位不适用，相关人员按本行业其他场景的条目计入（通常更严）。",
                    "A condition the list writes into some of its items. Unless you confirm it, those items' bands do not apply and the people count under the sector's other-scenario items (usually stricter).",
                ),
                _ => l.t("清单对本行业写明的适用条件。", "A condition the list writes for this sector."),
            };
            html! {
                <YesNo id={dom_id("sx", id)} name={dom_id("sx", id)} lang={l} value={p.answers.contains(&id)} unknown={p.unknown.iter().any(|u| u == id)} onunknown={ let d = d.clone(); Some(Callback::from(move |_| d.dispatch(Action::Unknown(id)))) }
                    label={l.t(e.question_zh, e.text_en).to_string()} why={why} source={e.text_zh}
                    onchange={Callback::from(move |v| d.dispatch(Action::Answer(id, v)))} />
            }
        }) }
        if !s.scenarios.is_empty() {
            <fieldset class="scenarios">
                <legend>{l.t("出境涉及的业务场景（可多选）", "Business scenarios the transfer involves (any number)")}</legend>
                <p class="why">{l.t("用于筛选第3步的重要数据，并用于第4步为各组人员选择场景；清单的个人信息门槛可能只适用于特定场景。",
                                    "Used to narrow the important-data items in step 3 and to place each group of people in step 4: some of the list's personal-information thresholds apply only in certain scenarios.")}</p>
                { for activities.iter().map(|(azh, aen, scs)| html! {
                    <div class="activity">
                        if let (Some(zh), Some(en)) = (azh, aen) { <p class="activity-name">{l.t(zh, en)}</p> }
                        <ul class="checks">
                            { for scs.iter().map(|sc| {
                                let id = sc.id;
                                let d = p.dispatch.clone();
                                let el = dom_id("sc", id);
                                html! {
                                    <li>
                                        <input type="checkbox" id={el.clone()} checked={p.scenarios.contains(&id)}
                                            onchange={Callback::from(move |e: Event| d.dispatch(Action::Scenario(id, e.target_unchecked_into::<web_sys::HtmlInputElement>().checked())))} />
                                        <label for={el}>{l.t(sc.name_zh, sc.name_en)}</label>
                                    </li>
                                }
                            }) }
                        </ul>
                    </div>
                }) }
            </fieldset>
        }
        </>
    }
}
