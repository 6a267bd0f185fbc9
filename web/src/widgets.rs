//! Small shared pieces: a labelled question with its one-line reason, a yes/no question, and
//! the Chinese original one click away.
use xborder_form::lang::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuestionProps {
    /// The id of the control inside (the label points at it).
    pub id: AttrValue,
    pub label: AttrValue,
    pub why: AttrValue,
    pub children: Html,
}

/// A label, the control, and why the question matters.
#[component]
pub fn Question(p: &QuestionProps) -> Html {
    let why_id = format!("{}-why", p.id);
    html! {
        <div class="question">
            <label for={p.id.clone()}>{p.label.clone()}</label>
            <p class="why" id={why_id}>{p.why.clone()}</p>
            {p.children.clone()}
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct YesNoProps {
    pub id: AttrValue,
    /// The radio group name (unique on the page).
    pub name: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub why: Option<AttrValue>,
    /// Extra text under the question (e.g. the source words).
    #[prop_or_default]
    pub source: Option<AttrValue>,
    pub value: bool,
    pub lang: Lang,
    pub onchange: Callback<bool>,
    #[prop_or_default]
    pub compact: bool,
    /// The user said "I don't know" (contract: "Unknown answers"): neither yes nor no is set.
    #[prop_or_default]
    pub unknown: bool,
    /// Not answered yet: no choice is shown as made (the verdict treats it as unknown).
    #[prop_or_default]
    pub unanswered: bool,
    /// Offers "I don't know" when given.
    #[prop_or_default]
    pub onunknown: Option<Callback<()>>,
}

/// A yes/no question as a radio pair (arrow keys switch, one tab stop), with "I don't know"
/// where the verdict can show what each answer gives.
#[component]
pub fn YesNo(p: &YesNoProps) -> Html {
    let l = p.lang;
    let legend_id = format!("{}-q", p.id);
    let why_id = format!("{}-why", p.id);
    let radio = |val: bool, text: &'static str| {
        let cb = p.onchange.clone();
        let rid = format!("{}-{}", p.id, if val { "yes" } else { "no" });
        html! {
            <label class="choice" for={rid.clone()}>
                <input type="radio" id={rid} name={p.name.clone()} value={if val { "yes" } else { "no" }}
                    checked={!p.unknown && !p.unanswered && p.value == val} onchange={Callback::from(move |_: Event| cb.emit(val))} />
                <span>{text}</span>
            </label>
        }
    };
    html! {
        <fieldset class={classes!("yesno", p.compact.then_some("compact"), (p.value && !p.unknown && !p.unanswered).then_some("is-yes"), p.unknown.then_some("is-unknown"), p.unanswered.then_some("is-unanswered"))} id={p.id.clone()}
            aria-describedby={p.why.as_ref().map(|_| why_id.clone())}>
            <legend id={legend_id}>{p.label.clone()}
                if p.unanswered { <span class="unanswered-tag">{l.t("（尚未回答）", " (not answered yet)")}</span> }
            </legend>
            if let Some(why) = &p.why { <p class="why" id={why_id.clone()}>{why.clone()}</p> }
            if let Some(src) = &p.source { <p class="source-inline" lang="zh-CN">{l.t("原文：", "Source: ")}{src.clone()}</p> }
            <div class="choices">
                {radio(true, l.t("是", "Yes"))}
                {radio(false, l.t("否", "No"))}
                if let Some(cb) = p.onunknown.clone() {
                    <label class="choice unknown" for={format!("{}-unknown", p.id)}>
                        <input type="radio" id={format!("{}-unknown", p.id)} name={p.name.clone()} value="unknown"
                            checked={p.unknown} onchange={Callback::from(move |_: Event| cb.emit(()))} />
                        <span>{l.t("不确定", "I don't know")}</span>
                    </label>
                }
            </div>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct SourceProps {
    pub lang: Lang,
    /// The Chinese source words.
    pub text_zh: AttrValue,
    #[prop_or_default]
    pub detail_zh: Option<AttrValue>,
    /// Our English rendering of the detail, if any.
    #[prop_or_default]
    pub detail_en: Option<AttrValue>,
    #[prop_or_default]
    pub citation: Option<AttrValue>,
}

/// The Chinese original, on demand.
#[component]
pub fn SourceText(p: &SourceProps) -> Html {
    let l = p.lang;
    html! {
        <details class="source">
            <summary>{l.t("查看中文原文", "Chinese original (controls)")}</summary>
            <blockquote lang="zh-CN">
                <p>{p.text_zh.clone()}</p>
                if let Some(d) = p.detail_zh.as_ref().filter(|d| !d.is_empty()) { <p class="detail">{d.clone()}</p> }
            </blockquote>
            if let (Lang::En, Some(d)) = (l, p.detail_en.as_ref().filter(|d| !d.is_empty())) {
                <p class="detail-en">{"Our English note: "}{d.clone()}</p>
            }
            if let Some(c) = &p.citation { <p class="cite">{c.clone()}</p> }
        </details>
    }
}
