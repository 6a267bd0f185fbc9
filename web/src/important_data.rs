//! Step 3: the sector's important-data items, grouped by business scenario, searchable in
//! Chinese and English. Each item shows our English title and, on demand, its Chinese source
//! text; the exceptions and qualifiers its text writes in are yes/no questions under it.
use crate::form::Action;
use xborder_form::lang::Lang;
use crate::sector::{dom_id, Sec};
use crate::widgets::{SourceText, YesNo};
use crate::form::Dispatch;
use xborder_core::catalogue::{Item, Kind, Pathway, Sector};
use xborder_core::text::clip;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ImportantDataProps {
    pub lang: Lang,
    pub sector: Option<Sec>,
    pub scenarios: Vec<&'static str>,
    pub items: Vec<&'static str>,
    pub answers: Vec<&'static str>,
    pub dispatch: Dispatch,
    /// Questions answered "I don't know".
    pub unknown: Vec<String>,
}

fn matches(item: &Item, q: &str) -> bool {
    if q.is_empty() {
        return true;
    }
    let q = q.to_lowercase();
    let number = format!("{}", item.number);
    q == number
        || item.text_zh.contains(q.as_str())
        || item.detail_zh.contains(q.as_str())
        || item.title_en.to_lowercase().contains(&q)
        || item.detail_en.to_lowercase().contains(&q)
        || item.exceptions.iter().any(|e| e.text_zh.contains(q.as_str()) || e.text_en.to_lowercase().contains(&q))
}

/// Items of the sector to show, grouped under a scenario (None: not tied to one); the groups of
/// the ticked scenarios first. Every item is shown unless the user narrows the list to the
/// ticked scenarios (`show_all` off): the lists name scenarios to help identify the data, and
/// listed data arising in another scenario is still listed (Beijing: "以及涉及此类数据的其他场景";
/// Chongqing: 清单说明（三）).
fn groups(s: &'static Sector, filter: &[&'static str], show_all: bool, q: &str, chosen: &[&'static str], answers: &[&'static str]) -> Vec<(Option<&'static str>, Vec<&'static Item>)> {
    let mut out: Vec<(Option<&'static str>, Vec<&'static Item>)> = Vec::new();
    for item in s.items.iter().filter(|i| i.kind == Kind::ImportantData) {
        let selected = chosen.contains(&item.id) || item.exceptions.iter().any(|e| answers.contains(&e.id));
        // A search covers the whole sector, whichever scenarios are ticked (the heading says where a hit lives).
        let in_filter = show_all || !q.is_empty() || filter.is_empty() || item.scenarios.is_empty() || item.scenarios.iter().any(|x| filter.contains(x));
        if !(selected || (in_filter && matches(item, q))) {
            continue;
        }
        let home = item.scenarios.iter().copied().find(|x| filter.contains(x)).or(item.scenarios.first().copied());
        let home = home.and_then(|h| s.scenario(h)).map(|x| x.id);
        match out.iter_mut().find(|g| g.0 == home) {
            Some(g) => g.1.push(item),
            None => out.push((home, vec![item])),
        }
    }
    let ticked_first = |h: Option<&str>| (h.is_none_or(|h| !filter.contains(&h)), h.map(|h| s.scenarios.iter().position(|x| x.id == h).unwrap_or(usize::MAX)).unwrap_or(usize::MAX));
    xborder_core::order::by_key(&mut out, |g| ticked_first(g.0));
    out
}

#[component]
pub fn ImportantDataSection(p: &ImportantDataProps) -> Html {
    let l = p.lang;
    let query = use_state(String::new);
    // Every item by default: narrowing to the ticked scenarios is the user's choice.
    let show_all = use_state(|| true);
    let d = &p.dispatch;
    let Some(Sec(s)) = p.sector else {
        return html! {
            <section class="step" aria-labelledby="step-id">
                <h2 id="step-id"><span class="step-no">{"3"}</span>{l.t("重要数据", "Important data")}</h2>
                <p class="muted">{l.t("选择清单和行业后，这里列出该行业的重要数据目录。", "Choose a list and sector to see that sector's important-data items here.")}</p>
            </section>
        };
    };
    let total = s.items.iter().filter(|i| i.kind == Kind::ImportantData).count();
    let gs = groups(s, &p.scenarios, *show_all, query.trim(), &p.items, &p.answers);
    let shown: usize = gs.iter().map(|g| g.1.len()).sum();
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let on_all = {
        let show_all = show_all.clone();
        Callback::from(move |e: Event| show_all.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    };
    let searching = !query.trim().is_empty();
    let count_text = match (l, searching) {
        (Lang::Zh, false) => format!("显示 {shown} / {total} 项；已选 {} 项", p.items.len()),
        (Lang::En, false) => format!("Showing {shown} of {total} items; {} selected", p.items.len()),
        (Lang::Zh, true) => format!("在本行业全部 {total} 项中搜索（不限所选场景），找到 {shown} 项；已选 {} 项", p.items.len()),
        (Lang::En, true) => format!("Searched all {total} items of the sector (whichever scenarios are ticked): {shown} shown; {} selected", p.items.len()),
    };
    html! {
        <section class="step" aria-labelledby="step-id">
            <h2 id="step-id"><span class="step-no">{"3"}</span>{l.t("重要数据", "Important data")}</h2>
            if total == 0 {
                <p class="muted">{l.t("本行业清单未列出重要数据项。", "The list names no important-data items for this sector.")}</p>
            } else {
                <p class="why">{l.t("勾选出境数据包含的清单所列数据。条目中写明的例外和限定条件以是/否问题列在其下，只有回答“是”才会排除该项。",
                                    "Tick each listed kind of data the transfer contains. Exceptions and qualifiers written into an item appear under it as yes/no questions; only a \"yes\" takes the item out.")}</p>
                <div class="search-row">
                    <label for="q-search">{l.t("搜索条目（中文或英文）", "Search items (Chinese or English)")}</label>
                    <input type="search" id="q-search" value={(*query).clone()} oninput={on_query} autocomplete="off"
                        placeholder={l.t("如：OTA、地图、基因", "e.g. OTA, map, genetic")} />
                    if !p.scenarios.is_empty() {
                        <label class="inline-check" for="q-show-all">
                            <input type="checkbox" id="q-show-all" checked={*show_all} onchange={on_all} />
                            {l.t("显示本行业全部条目（不限所选场景）", "Show every item of the sector, not only the chosen scenarios")}
                        </label>
                        if !*show_all {
                            <p class="muted">{l.t("清单所列场景用于帮助识别数据：清单所列数据在其他场景下产生的，同样按清单管理。",
                                                  "The lists name scenarios to help identify the data: listed data arising in another scenario is still listed.")}</p>
                        }
                    }
                    <p class="count" aria-live="polite">{count_text}</p>
                </div>
                if gs.is_empty() {
                    <p class="muted">{l.t("没有符合条件的条目。", "No item matches.")}</p>
                }
                { for gs.iter().map(|(home, items)| {
                    let sc = home.and_then(|h| s.scenario(h));
                    let heading = match sc {
                        Some(sc) => match (sc.activity_zh, sc.activity_en) {
                            (Some(azh), Some(aen)) => format!("{} › {}", l.t(azh, aen), l.t(sc.name_zh, sc.name_en)),
                            _ => l.t(sc.name_zh, sc.name_en).to_string(),
                        },
                        None => l.t("未限定业务场景", "Not tied to a business scenario").to_string(),
                    };
                    html! {
                        <div class="item-group" key={home.unwrap_or("-")}>
                            <h3>{heading}</h3>
                            <ul class="items">
                                { for items.iter().map(|i| html! {
                                    <ItemCard key={i.id} lang={l} sector={Sec(s)} item={ItemRef(i)} selected={p.items.contains(&i.id)} maybe={p.unknown.iter().any(|u| u == i.id)}
                                        answers={i.exceptions.iter().filter(|e| p.answers.contains(&e.id)).map(|e| e.id).collect::<Vec<_>>()}
                                        unknown={p.unknown.iter().filter(|u| i.exceptions.iter().any(|e| e.id == u.as_str())).cloned().collect::<Vec<_>>()}
                                        dispatch={d.clone()} />
                                }) }
                            </ul>
                        </div>
                    }
                }) }
            }
        </section>
    }
}

#[derive(Clone, Copy, Debug)]
pub struct ItemRef(pub &'static Item);

impl PartialEq for ItemRef {
    fn eq(&self, o: &Self) -> bool {
        std::ptr::eq(self.0, o.0)
    }
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    lang: Lang,
    sector: Sec,
    item: ItemRef,
    selected: bool,
    /// "It may contain this": the item is an open question (contract: "Unknown answers").
    maybe: bool,
    answers: Vec<&'static str>,
    dispatch: Dispatch,
    unknown: Vec<String>,
}

pub fn item_label(i: &Item, l: Lang) -> String {
    match l {
        Lang::Zh => i.label_zh(),
        Lang::En => format!("Item {}", i.number),
    }
}

#[component]
fn ItemCard(p: &ItemProps) -> Html {
    let l = p.lang;
    let i = p.item.0;
    let s = p.sector.0;
    let id = i.id;
    let el = dom_id("item", id);
    let on_check = {
        let d = p.dispatch.clone();
        Callback::from(move |e: Event| d.dispatch(Action::Item(id, e.target_unchecked_into::<web_sys::HtmlInputElement>().checked())))
    };
    let on_maybe = {
        let d = p.dispatch.clone();
        Callback::from(move |e: Event| {
            if e.target_unchecked_into::<web_sys::HtmlInputElement>().checked() {
                d.dispatch(Action::Unknown(id))
            } else {
                d.dispatch(Action::Item(id, false))
            }
        })
    };
    let maybe_id = format!("{el}-maybe");
    let title = match l {
        Lang::Zh => clip(i.text_zh, 60),
        Lang::En => i.title_en.to_string(),
    };
    let tags: Vec<&str> = i.scenarios.iter().filter_map(|x| s.scenario(x)).map(|x| l.t(x.name_zh, x.name_en)).collect();
    let cite = format!("{} {}", i.citation.section, i.citation.item);
    html! {
        <li class={classes!("item", p.selected.then_some("selected"))}>
            <div class="item-head">
                <input type="checkbox" id={el.clone()} checked={p.selected} onchange={on_check} />
                <label for={el.clone()}>
                    <span class={classes!("item-no", (!i.printed_number).then_some("unnumbered"))}>{item_label(i, l)}</span>
                    <span class="item-title" lang={if l == Lang::Zh { "zh-CN" } else { "en" }}>{title}</span>
                </label>
                if i.pathway == Pathway::OtherLawfulPathway {
                    <span class="badge other">{l.t("其他合法合规路径", "Other lawful pathway")}</span>
                }
                // Offered until the item is ticked (ticking settles the question).
                if !p.selected {
                    <label class="inline-check maybe" for={maybe_id.clone()}>
                        <input type="checkbox" id={maybe_id} checked={p.maybe} onchange={on_maybe} />
                        {l.t("不确定是否包含", "Not sure it contains this")}
                    </label>
                    if p.maybe {
                        <crate::guide::OpenGuide lang={l} id={format!("{el}-guide")} item={Some(id)}
                            label={AttrValue::from(l.t("如何判断？识别指南", "How to tell? Identification guide"))} />
                    }
                }
            </div>
            if !tags.is_empty() { <p class="tags">{ for tags.iter().map(|t| html! { <span class="tag">{*t}</span> }) }</p> }
            <SourceText lang={l} text_zh={i.text_zh} detail_zh={Some(AttrValue::from(i.detail_zh))} detail_en={Some(AttrValue::from(i.detail_en))} citation={Some(AttrValue::from(cite))} />
            if (p.selected || !p.answers.is_empty()) && !i.exceptions.is_empty() {
                <div class="exceptions">
                    <p class="exceptions-head">{l.t("本项写明的例外或限定条件：", "Exceptions or qualifiers written into this item:")}</p>
                    { for i.exceptions.iter().map(|e| {
                        let eid = e.id;
                        let d = p.dispatch.clone();
                        let kind = crate::words::exception_kind(e.kind, l);
                        html! {
                            <YesNo id={dom_id("ix", eid)} name={dom_id("ix", eid)} lang={l} compact=true value={p.answers.contains(&eid)} unknown={p.unknown.iter().any(|u| u == eid)} onunknown={ let d = d.clone(); Some(Callback::from(move |_| d.dispatch(Action::Unknown(eid)))) }
                                label={format!("{kind} · {}", l.t(e.question_zh, e.text_en))} source={e.text_zh}
                                onchange={Callback::from(move |v| d.dispatch(Action::Answer(eid, v)))} />
                        }
                    }) }
                </div>
            }
        </li>
    }
}
