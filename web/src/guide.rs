//! The important-data identification guide: the Chongqing and Guangdong classification annexes
//! (unified rules, level-1 and level-2 categories, example cells) in a modal `<dialog>`, opened
//! from the questions it answers (the "notified as important data" question, an item's "not
//! sure"). Browsable by annex and category, searchable in both languages (plain substring),
//! each entry with its citation, its Chinese marked as the annex's words, our English marked as
//! ours, and our notes where the two annexes differ. It never touches the URL: the fragment is
//! the scenario's permalink.
use xborder_form::lang::Lang;
use wasm_bindgen::JsCast;
use xborder_core::catalogue;
use xborder_core::guide::{self, Annex, Entry, EntryKind};
use yew::prelude::*;

/// What the guide was opened for, and the control to give focus back to.
#[derive(Clone, PartialEq, Debug)]
pub struct GuideRequest {
    /// The id of the button that opened it.
    pub from: String,
    /// A list item whose own qualifiers to show first (its id).
    pub item: Option<&'static str>,
}

/// How a question opens the guide (given by the app through a context).
#[derive(Clone, PartialEq)]
pub struct GuideCtx(pub Callback<GuideRequest>);

/// The button a question shows to open the guide.
#[derive(Properties, PartialEq)]
pub struct OpenProps {
    pub lang: Lang,
    pub id: AttrValue,
    #[prop_or_default]
    pub item: Option<&'static str>,
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

#[component]
pub fn OpenGuide(p: &OpenProps) -> Html {
    let Some(ctx) = use_context::<GuideCtx>() else { return html! {} };
    let l = p.lang;
    let (from, item) = (p.id.to_string(), p.item);
    let onclick = Callback::from(move |_: MouseEvent| ctx.0.emit(GuideRequest { from: from.clone(), item }));
    html! {
        <button type="button" class="button small guide-open" id={p.id.clone()} aria-haspopup="dialog" {onclick}>
            {p.label.clone().unwrap_or_else(|| AttrValue::from(l.t("重要数据识别指南", "Important-data identification guide")))}
        </button>
    }
}

#[derive(Properties, PartialEq)]
pub struct GuideProps {
    pub lang: Lang,
    pub request: Option<GuideRequest>,
    /// The zone chosen on the form: its annex is shown first.
    pub zone: Option<&'static str>,
    pub onclose: Callback<()>,
    /// The page's language toggle.
    pub onlang: Callback<MouseEvent>,
}

fn zh_attr(l: Lang) -> &'static str {
    l.html_lang()
}

/// The same place in the other annex (`gd-annex:s16` → `cq-annex:s16`).
fn counterpart(e: &Entry) -> Option<Entry> {
    let local = e.id.split_once(':')?.1;
    let other = guide::annexes().iter().find(|a| a.id != e.annex.id)?;
    guide::entry(&format!("{}:{local}", other.id))
}

fn short_zone(a: &Annex, l: Lang) -> &'static str {
    match (a.id, l) {
        ("cq-annex", Lang::Zh) => "重庆",
        ("cq-annex", Lang::En) => "Chongqing",
        ("gd-annex", Lang::Zh) => "广东",
        ("gd-annex", Lang::En) => "Guangdong",
        (_, Lang::Zh) => a.title_zh,
        (_, Lang::En) => a.title_en,
    }
}

/// One entry: its place, the annex's words (marked verbatim), our English (marked ours), the
/// citation, and our notes where the other annex differs.
fn entry_view(l: Lang, e: &Entry) -> Html {
    let diffs: Vec<_> = e.differences().collect();
    let other = if diffs.is_empty() { None } else { counterpart(e) };
    let cite = e.citation();
    let cite_text = format!("{}，{}，{}", cite.document, cite.section, cite.item);
    let heading = match e.kind {
        EntryKind::Rule => format!("{}{}", l.t("第", "Rule "), e.number) + l.t("条", ""),
        EntryKind::Subcategory => format!("{}. {}", e.number, l.t(e.name_zh, e.name_en)),
        EntryKind::Example => match l {
            Lang::Zh => format!("重要数据识别参考规则（示例）（{}）", e.rows(true)),
            Lang::En => format!("Identification examples ({})", e.rows(false)),
        },
        EntryKind::Category => String::new(),
    };
    let dom = e.id.replace([':', '.'], "-");
    html! {
        <li class={classes!("g-entry", (!diffs.is_empty()).then_some("has-diff"))} id={format!("g-{dom}")} aria-labelledby={format!("g-{dom}-h")}>
            <h4 id={format!("g-{dom}-h")} class="g-entry-h">{heading}
                if !diffs.is_empty() { <span class="badge diff">{l.t("两地不同", "Differs")}</span> }
            </h4>
            if e.kind == EntryKind::Subcategory && l == Lang::En {
                <p class="g-zh g-name-zh" lang="zh-CN"><span class="g-mark">{"原文 · verbatim: "}</span>{e.name_zh}</p>
            }
            if !e.text_zh.is_empty() {
                <p class="g-zh" lang="zh-CN"><span class="g-mark">{l.t("原文：", "Source words, verbatim: ")}</span>{e.text_zh}</p>
                if l == Lang::En { <p class="g-en" lang="en"><span class="g-mark">{"Our English: "}</span>{e.text_en}</p> }
            }
            <p class="cite">{l.t("出处：", "Cited: ")}<span lang="zh-CN">{cite_text}</span></p>
            { for diffs.iter().map(|d| html! {
                <div class="g-diff" role="note">
                    <p><strong>{l.t("我们的注（非原文）· ", "Our note (not the source's words) · ")}{d.kind.name(l == Lang::Zh)}{l.t("：", ": ")}</strong>{l.t(d.note_zh, d.note_en)}</p>
                </div>
            }) }
            if let Some(o) = other.filter(|o| !o.text_zh.is_empty() || !o.name_zh.is_empty()) {
                <details class="g-other">
                    <summary>{l.t("对照：", "Compare: ")}{short_zone(o.annex, l)}{l.t("附件此处原文", " annex, its words here")}</summary>
                    <p class="g-zh" lang="zh-CN">
                        if o.kind == EntryKind::Subcategory { {format!("{}.{} ", o.number, o.name_zh)} }
                        {o.text_zh}
                    </p>
                    <p class="cite" lang="zh-CN">{o.citation().item}</p>
                </details>
            }
        </li>
    }
}

/// The list item's own words and the qualifiers and exceptions its text writes in.
fn item_view(l: Lang, id: &str) -> Html {
    let Some((doc, _, it)) = catalogue::find_item(id) else { return html! {} };
    html! {
        <section class="g-item" aria-labelledby="g-item-h">
            <h3 id="g-item-h">{l.t("本条目自身的文字与限定条件", "The item's own words and qualifiers")}</h3>
            <p class="g-zh" lang="zh-CN"><span class="g-mark">{l.t("原文：", "Source words, verbatim: ")}</span>{it.text_zh}</p>
            if !it.detail_zh.is_empty() { <p class="g-zh" lang="zh-CN">{it.detail_zh}</p> }
            if l == Lang::En { <p class="g-en"><span class="g-mark">{"Our English: "}</span>{it.title_en}</p> }
            <p class="cite">{l.t("出处：", "Cited: ")}<span lang="zh-CN">{format!("{}，{} {}", doc.title_zh, it.citation.section, it.citation.item)}</span></p>
            if it.exceptions.is_empty() {
                <p class="muted">{l.t("本条目未写明例外或限定条件。", "The item writes in no exception or qualifier.")}</p>
            } else {
                <ul class="g-qualifiers">
                    { for it.exceptions.iter().map(|e| html! {
                        <li>
                            <span class="badge">{crate::words::exception_kind(e.kind, l)}</span>
                            <span class="g-zh" lang="zh-CN">{e.text_zh}</span>
                            if l == Lang::En { <span class="g-en">{" — Our English: "}{e.text_en}</span> }
                        </li>
                    }) }
                </ul>
            }
            <p class="why">{l.t("（摘要）条目中的限定条件在第3步该条目下以是/否问题回答；以下附件规则帮助判断数据是否属于重要数据。",
                                "(Summary) Answer the item's qualifiers as yes/no questions under it in step 3; the annex below helps you tell whether the data is important data.")}</p>
        </section>
    }
}

#[component]
pub fn GuideDialog(p: &GuideProps) -> Html {
    let l = p.lang;
    let dialog = use_node_ref();
    let query = use_state(String::new);
    let default_annex = p.zone.and_then(guide::annex_of_zone).or_else(|| guide::annexes().first()).map(|a| a.id).unwrap_or("");
    let annex_id = use_state(|| default_annex);
    let category = use_state(|| 0u32);
    let diff_only = use_state(|| false);
    // Open: show the dialog modally, afresh (the annex of the zone chosen first, no search or
    // filter left from before); focus the search.
    {
        let dialog = dialog.clone();
        let (annex_id, query, category, diff_only) = (annex_id.clone(), query.clone(), category.clone(), diff_only.clone());
        use_effect_with((p.request.clone(), default_annex), move |(req, def)| {
            if let (Some(_), Some(d)) = (req, dialog.cast::<web_sys::HtmlDialogElement>()) {
                annex_id.set(def);
                query.set(String::new());
                category.set(0);
                diff_only.set(false);
                if !d.open() {
                    let _ = d.show_modal();
                }
                if let Some(el) = d.query_selector("#guide-search").ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = el.focus();
                }
            }
        });
    }
    let onclose = {
        let cb = p.onclose.clone();
        let from = p.request.as_ref().map(|r| r.from.clone());
        Callback::from(move |_: Event| {
            cb.emit(());
            if let Some(f) = &from {
                crate::host::focus(f);
            }
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>() {
                d.close();
            }
        })
    };
    let Some(req) = p.request.clone() else {
        return html! { <dialog ref={dialog} class="guide" id="guide" aria-labelledby="guide-title" {onclose}></dialog> };
    };
    let annex = guide::annex(*annex_id).or_else(|| guide::annexes().first());
    let Some(annex) = annex else { return html! {} };
    let q = query.trim().to_string();
    let shown = |e: &Entry| e.matches(&q) && (!*diff_only || e.differences().next().is_some());
    let all = guide::entries(annex);
    // A category shows when its name matches (then all its rows) or any of its rows does.
    let in_cat = |e: &Entry| *category == 0 || e.category.is_some_and(|c| c.number == *category);
    let rules: Vec<&Entry> = all.iter().filter(|e| e.kind == EntryKind::Rule && *category == 0 && shown(e)).collect();
    let cats: Vec<(&Entry, Vec<&Entry>)> = all
        .iter()
        .filter(|e| e.kind == EntryKind::Category && in_cat(e))
        .map(|c| {
            let name_hit = !q.is_empty() && c.matches(&q) && !*diff_only;
            let rows: Vec<&Entry> = all.iter().filter(|e| e.kind != EntryKind::Category && e.kind != EntryKind::Rule && e.category == c.category && (name_hit || shown(e))).collect();
            (c, rows)
        })
        .filter(|(_, rows)| !rows.is_empty())
        .collect();
    let hits = rules.len() + cats.iter().map(|c| c.1.len()).sum::<usize>();
    let count = match l {
        Lang::Zh => format!("{}附件：显示 {hits} 条", short_zone(annex, l)),
        Lang::En => format!("{} annex: {hits} {} shown", short_zone(annex, l), if hits == 1 { "entry" } else { "entries" }),
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let on_annex = |id: &'static str| {
        let annex_id = annex_id.clone();
        Callback::from(move |_: Event| annex_id.set(id))
    };
    let on_cat = {
        let category = category.clone();
        Callback::from(move |e: Event| category.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value().parse().unwrap_or(0)))
    };
    let on_diff = {
        let diff_only = diff_only.clone();
        Callback::from(move |e: Event| diff_only.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    };
    let art2 = catalogue::NationalRule::Art2.rule();
    let ndiff = guide::differences().len();
    html! {
        <dialog ref={dialog} class="guide" id="guide" aria-labelledby="guide-title" aria-describedby="guide-about" {onclose} lang={zh_attr(l)}>
            <div class="guide-head">
                <h2 id="guide-title">{l.t("重要数据识别指南", "Important-data identification guide")}</h2>
                <button type="button" class="button small" id="guide-lang" onclick={p.onlang.clone()} lang={l.other().html_lang()}
                    aria-label={l.t("Switch to English", "切换到中文")}>{l.t("English", "中文")}</button>
                <button type="button" class="button small" id="guide-close" onclick={close}>{l.t("关闭", "Close")}</button>
            </div>
            <div class="guide-body">
                <p id="guide-about" class="why">{l.t(
                    "（摘要）重庆、广东自贸试验区管理办法附件《数据分类分级参考规则》：重要数据统一识别参考规则和数据类别。中文为附件原文（逐字）；英文为本工具自译；“我们的注”标出两地附件的不同之处。",
                    "(Summary) The classification annexes (数据分类分级参考规则) of the Chongqing and Guangdong FTZ measures: the unified important-data rules and the data categories. The Chinese is the annex's own words, verbatim; the English is ours; \"our note\" marks where the two annexes differ.")}</p>
                if p.zone.is_some() && p.zone.and_then(guide::annex_of_zone).is_none() {
                    <p class="g-no-annex" id="guide-no-annex">{l.t(
                        "（摘要）本工具所收所选区域的文件未附数据分类分级参考规则；以下重庆、广东附件仅供参考，不是该区域的规定。",
                        "(Summary) The documents we hold for the zone you chose carry no classification annex: the Chongqing and Guangdong annexes below are for reference only, not that zone's rules.")}</p>
                }
                if let Some(item) = req.item { {item_view(l, item)} }
                <div class="guide-tools" role="search">
                    <fieldset class="g-annex">
                        <legend>{l.t("附件", "Annex")}</legend>
                        { for guide::annexes().iter().map(|a| html! {
                            <label class="choice" for={format!("g-annex-{}", a.id)}>
                                <input type="radio" name="g-annex" id={format!("g-annex-{}", a.id)} value={a.id} checked={a.id == annex.id} onchange={on_annex(a.id)} />
                                <span>{short_zone(a, l)}</span>
                            </label>
                        }) }
                    </fieldset>
                    <div class="g-field">
                        <label for="guide-cat">{l.t("一级类别", "Level-1 category")}</label>
                        <select id="guide-cat" onchange={on_cat}>
                            <option value="0" selected={*category == 0}>{l.t("全部（含统一识别规则）", "All (with the unified rules)")}</option>
                            { for annex.categories.iter().map(|c| html! {
                                <option value={c.number.to_string()} selected={*category == c.number}>{format!("{} {}", if l == Lang::Zh { format!("（{}）", guide::cjk_number(c.number)) } else { format!("{}.", c.number) }, l.t(c.name_zh, c.name_en))}</option>
                            }) }
                        </select>
                    </div>
                    <div class="g-field">
                        <label for="guide-search">{l.t("搜索（中文或英文）", "Search (Chinese or English)")}</label>
                        <input type="search" id="guide-search" value={(*query).clone()} oninput={on_query} autocomplete="off"
                            placeholder={l.t("如：智能网联汽车、基因、low altitude", "e.g. 智能网联汽车, genetic, payment")} />
                    </div>
                    <label class="inline-check" for="guide-diff">
                        <input type="checkbox" id="guide-diff" checked={*diff_only} onchange={on_diff} />
                        {match l { Lang::Zh => format!("只看两地不同之处（{ndiff} 处）"), Lang::En => format!("Only where the annexes differ ({ndiff} notes)") }}
                    </label>
                    <p class="count" id="guide-count" aria-live="polite">{count}</p>
                </div>
                <details class="g-when">
                    <summary id="g-when-h">{l.t("何时依据本附件识别重要数据（办法原文）", "When these rules decide (the measures' words)")}</summary>
                    <p class="g-zh" lang="zh-CN"><span class="g-mark">{l.t("原文：", "Source words, verbatim: ")}</span>{annex.applies_zh}</p>
                    if l == Lang::En { <p class="g-en"><span class="g-mark">{"Our English: "}</span>{annex.applies_en}</p> }
                    <p class="cite">{l.t("出处：", "Cited: ")}<span lang="zh-CN">{format!("{}，{} {}", catalogue::documents().iter().find(|d| d.id == annex.document).map_or("", |d| d.title_zh), annex.applies_citation.section, annex.applies_citation.item)}</span></p>
                    <p class="g-zh" lang="zh-CN"><span class="g-mark">{l.t("原文：", "Source words, verbatim: ")}</span>{art2.text_zh}</p>
                    if l == Lang::En { <p class="g-en"><span class="g-mark">{"Our English, the gist: "}</span>{art2.title_en}</p> }
                    <p class="cite">{l.t("出处：", "Cited: ")}<span lang="zh-CN">{format!("{}，{}", catalogue::baseline().title_zh, art2.citation.section)}</span></p>
                </details>
                <h3 class="g-annex-title" lang="zh-CN">{annex.title_zh}</h3>
                if l == Lang::En { <p class="g-en">{annex.title_en}</p> }
                if hits == 0 { <p class="muted">{l.t("没有符合条件的条目。", "No entry matches.")}</p> }
                if !rules.is_empty() {
                    <section class="g-section" aria-labelledby="g-rules-h">
                        <h3 id="g-rules-h">{l.t("重要数据统一识别参考规则", "Unified important-data identification rules")}</h3>
                        <ol class="g-list">{ for rules.iter().map(|e| entry_view(l, e)) }</ol>
                    </section>
                }
                { for cats.iter().map(|(c, rows)| {
                    let cat = c.category.expect("a category entry has its category");
                    let hid = format!("g-c{}-h", cat.number);
                    html! {
                        <section class="g-section" aria-labelledby={hid.clone()} key={c.id.clone()}>
                            <h3 id={hid}>{format!("（{}）", guide::cjk_number(cat.number))}{l.t(cat.name_zh, cat.name_en)}
                                if l == Lang::En { <span class="g-name-zh" lang="zh-CN">{" · "}{cat.name_zh}</span> }
                            </h3>
                            <ul class="g-list">{ for rows.iter().map(|e| entry_view(l, e)) }</ul>
                        </section>
                    }
                }) }
            </div>
        </dialog>
    }
}
