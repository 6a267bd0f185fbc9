//! The verdict panel: the outcome in words and colour, every pathway with what triggered it,
//! findings with citations and source text, what was cleared and why, obligations as a
//! checklist, warnings, and the reasoning trace. All of it comes from the core's `Verdict`.
use crate::form::{Checked, FieldError};
use xborder_form::lang::Lang;
use crate::report::{ReportSummary, Toolbar};
use crate::words::{due_code, due_text, met_label, pathway_name, sign};
use crate::form::Dispatch;
use std::rc::Rc;
use xborder_core::catalogue::{self, Pathway};
use xborder_core::text::clip;
use xborder_core::verdict::{Citation, Due, Finding, Obligation};
use xborder_core::Verdict;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    pub lang: Lang,
    pub checked: Option<Rc<Checked>>,
    pub errors: Vec<FieldError>,
    pub input_error: Option<crate::form::Said>,
    /// Nothing described yet.
    pub empty: bool,
    /// Nothing described yet (contract: "Page states"): no verdict, no colour.
    pub neutral: bool,
    pub dispatch: Dispatch,
    /// Opens the materials checklist (standalone page only).
    #[prop_or_default]
    pub on_materials: Option<Callback<MouseEvent>>,
    /// Opens the compare view.
    #[prop_or_default]
    pub on_compare: Option<Callback<MouseEvent>>,
}



pub fn citation_text(c: &Citation, l: Lang) -> String {
    match l {
        Lang::Zh => format!("《{}》{} {}", c.document, c.section, c.item).trim_end().to_string(),
        Lang::En => format!("{} (《{}》), {} {}", c.document_en, c.document, c.section, c.item).trim_end().to_string(),
    }
}

/// A person-readable name for a rule id, item id or answer id in `because`.
pub fn rule_label(v: &Verdict, id: &str, l: Lang) -> String {
    if let Some((_, _, item)) = catalogue::find_item(id) {
        // 60 characters, as the item cards in step 3: the bands ("1万人以上且不满5万人") sit
        // around characters 16-30 of the personal-information items, and a shorter clip cut
        // them mid-number ("不满5…"), which reads as a different band.
        return match l {
            Lang::Zh => format!("{} {}", item.label_zh(), clip(item.text_zh, 60)),
            Lang::En => format!("Item {}: {}", item.number, item.title_en),
        };
    }
    if let Some(r) = catalogue::baseline().rules.iter().find(|r| r.id == id) {
        return match l {
            Lang::Zh => format!("《{}》{}{} {}", catalogue::baseline().title_zh, r.citation.section, r.citation.item, clip(r.text_zh, 20)),
            Lang::En => format!("{} ({}{})", r.title_en, r.citation.section, r.citation.item),
        };
    }
    if let Some(f) = v.findings.iter().chain(v.cleared.iter()).find(|f| f.rule == id) {
        return match l {
            Lang::Zh => format!("{} {}", f.citation.item, clip(f.source_zh, 24)).trim().to_string(),
            Lang::En => f.title_en.to_string(),
        };
    }
    id.to_string()
}

/// One entry of a pathway's `because`. Under "exempt" a rule that did not trigger is shown by why
/// it did not (a count below its band, an answer that kept it out), never by its band alone, which
/// would read as if that band applied.
fn because_text(v: &Verdict, pathway: Pathway, id: &str, l: Lang) -> String {
    if pathway == Pathway::Exempt {
        if let Some(f) = v.cleared.iter().find(|f| f.rule == id) {
            return clip(l.t(&f.reason_zh, &f.reason_en), 220);
        }
    }
    rule_label(v, id, l)
}

/// The answer that kept a rule out, in words.
fn answer_text(answer: &str, l: Lang) -> String {
    if let Some(rest) = answer.strip_prefix("personal_information[") {
        let n: usize = rest.split(']').next().and_then(|x| x.parse().ok()).unwrap_or(0);
        return match l {
            Lang::Zh => format!("第{}组人员的豁免依据", n + 1),
            Lang::En => format!("the exempt basis of group {}", n + 1),
        };
    }
    for list in catalogue::lists() {
        for s in list.sectors {
            if let Some((e, _)) = s.exception(answer) {
                return l.t(e.question_zh, e.text_en).to_string();
            }
        }
    }
    answer.to_string()
}



/// When an obligation falls due, with the count in words; nothing for one without a deadline.
pub fn due_line(o: &Obligation, l: Lang) -> Html {
    let Some(d) = &o.deadline else { return html! {} };
    let unknown = matches!(d.due, Due::Unknown(_));
    html! {
        <p class={classes!("due", unknown.then_some("due-unknown"))} data-due={due_code(&d.due)}>
            <strong>{l.t(d.label_zh, d.label_en)}{l.t("：", ": ")}</strong>
            <span class="due-date">{due_text(&d.due, l)}</span>
            <span class="due-basis">{l.t("（", " (")}{l.t(&d.basis_zh, &d.basis_en)}{l.t("）", ")")}</span>
        </p>
    }
}


/// An obligation's conditions as answered (the renewal check): the result and each answer.
pub fn conditions_block(o: &Obligation, l: Lang) -> Html {
    let Some(c) = &o.conditions else { return html! {} };
    let mark = |a: Option<bool>| match a {
        Some(true) => (l.t("是", "Yes"), "yes"),
        Some(false) => (l.t("否", "No"), "no"),
        None => (l.t("未回答", "Not answered"), "open"),
    };
    html! {
        <div class={classes!("conditions", format!("conditions-{}", c.result.code()))} data-conditions={c.result.code()}>
            <p class="conditions-result"><strong>{met_label(c.result, l)}</strong>
                if !c.text_en.is_empty() { {l.t("：", ": ")}{l.t(c.text_zh, c.text_en)} }</p>
            <ul>
                { for c.items.iter().map(|i| {
                    let (word, code) = mark(i.answer);
                    html! { <li data-answer={code}><span class="answer">{word}</span>{" "}{l.t(i.text_zh, i.text_en)}</li> }
                }) }
            </ul>
        </div>
    }
}

/// What the verdict depends on: each open question, numbered, and what each combination of
/// answers gives (contract: "Unknown answers").
fn depends_block(v: &Verdict, sector: Option<&catalogue::Sector>, l: Lang) -> Html {
    let zh = l == Lang::Zh;
    let n = |id: &str| v.depends_on.iter().position(|d| d == id).map_or(0, |p| p + 1);
    html! {
        <div class="depends" id="depends-on">
            <p><strong>{l.t("结论取决于您尚未回答的问题：", "The verdict depends on questions you have not answered:")}</strong></p>
            <ol class="depends-questions">
                { for v.depends_on.iter().map(|q| {
                    let text = xborder_core::unknown::describe(q, zh);
                    match question_anchor(q) {
                        Some(id) => html! { <li data-question={q.clone()}><a href={format!("#{id}")} onclick={jump(id)}>{text}</a></li> },
                        None => html! { <li data-question={q.clone()}>{text}</li> },
                    }
                }) }
            </ol>
            <details class="branches-box" open={v.branches.len() <= 4}>
            <summary>{match l { Lang::Zh => format!("每种回答组合的结论（{}种）", v.branches.len()), Lang::En => format!("What each combination of answers gives ({})", v.branches.len()) }}</summary>
            <ul class="branches">
                { for v.branches.iter().map(|b| {
                    let assume: Vec<String> = b.assume.iter().map(|(q, a)| format!("{}{}{}{}", l.t("（", "("), n(q), l.t("）", ") "), xborder_core::unknown::words(*a, sector, zh))).collect();
                    html! {
                        <li class={classes!("branch", format!("outcome-{}", b.outcome.code()))} data-outcome={b.outcome.code()}>
                            {assume.join(l.t("，", ", "))}{" → "}<strong>{pathway_name(b.outcome, l)}</strong>
                        </li>
                    }
                }) }
            </ul>
            </details>
            <p class="muted">{l.t("下文按最严格的情形列出；回答这些问题后结论才确定。", "Shown below is the strictest case; answer the questions to settle it.")}</p>
        </div>
    }
}

/// Where the form asks a handler's or data question (the others have no fixed place).
fn question_anchor(q: &str) -> Option<&'static str> {
    Some(match q {
        "handler.in_zone" => "q-in-zone-yes",
        "handler.ciio" => "q-ciio-yes",
        "notified_important_data" => "q-notified-yes",
        "flags.national_core_data" => "q-core-yes",
        "flags.export_control" => "q-export-yes",
        _ => return None,
    })
}

fn jump(target: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        crate::host::focus(target);
    })
}

#[component]
pub fn VerdictPanel(p: &VerdictProps) -> Html {
    let l = p.lang;
    let Some(c) = p.checked.as_ref() else {
        return html! { <div class="verdict-summary pending" id="verdict" aria-live="polite"><p>{l.t("正在计算……", "Working out the verdict…")}</p></div> };
    };
    let v = &c.verdict;
    let stale = !p.errors.is_empty() || p.input_error.is_some();
    if p.neutral && !stale {
        return html! {
            <div class="verdict">
                <Toolbar lang={l} checked={c.clone()} stale={false} neutral={true} dispatch={p.dispatch.clone()} />
                <div id="verdict" class="verdict-summary neutral" data-outcome="" data-pathways="" data-decided="true" data-depends-on="" data-stale="false"
                    aria-live="polite" aria-atomic="true" tabindex="-1">
                    <p class="kicker">{l.t("结论", "Verdict")}</p>
                    <p class="outcome">{l.t("请先描述这次数据出境", "Describe the transfer first")}</p>
                    <p class="empty-hint">{l.t(
                        "尚未描述任何数据，因此还没有结论。请在左侧选择所在区域和行业，然后勾选清单所列的重要数据，或填写个人信息的人数；若不确定，可回答“不确定”，结论会列出每种回答的结果。",
                        "Nothing is described yet, so there is no verdict. Choose your zone and sector on the left, then tick the listed important data or enter the numbers of persons; where you are not sure, answer \"I don't know\" and the verdict shows what each answer gives.",
                    )}</p>
                </div>
            </div>
        };
    }
    let outcome = v.outcome;
    html! {
        <div class="verdict">
            <Toolbar lang={l} checked={c.clone()} stale={stale} dispatch={p.dispatch.clone()} on_materials={p.on_materials.clone()} on_compare={p.on_compare.clone()} />
            <div id="verdict" class={classes!("verdict-summary", format!("outcome-{}", outcome.code()), stale.then_some("stale"))}
                data-outcome={outcome.code()} data-pathways={v.pathway_codes()} data-stale={if stale { "true" } else { "false" }}
                data-decided={if v.decided { "true" } else { "false" }} data-depends-on={v.depends_on.join(" ")}
                aria-live="polite" aria-atomic="true" tabindex="-1">
                <p class="kicker">{l.t("结论", "Verdict")}</p>
                <p class="outcome"><span class="sign" aria-hidden="true">{sign(outcome)}</span><span>{l.t(&v.headline_zh(), &v.headline_en())}</span></p>
                <p class="decided">{l.t("判断依据：", "Decided by: ")}{l.t(&v.decided_by.reason_zh, &v.decided_by.reason_en)}</p>
                <p class="as-of" id="as-of-used" data-as-of={v.as_of.to_string()}>
                    {l.t("规则适用日期：", "Rules as of: ")}{v.as_of.to_string()}
                    if c.scenario.as_of.is_none() { {l.t("（今天）", " (today)")} }
                </p>
                if !v.decided {
                    {depends_block(v, c.scenario.sector_ref(), l)}
                }
                if p.empty {
                    <p class="empty-hint">{l.t("尚未填写：没有描述任何数据时，不会触发任何规则。请在左侧描述这次数据出境。",
                                               "Nothing described yet: with no data, nothing triggers. Describe the transfer in the form.")}</p>
                }
                if v.pathways.len() > 1 {
                    <p class="also">{l.t("同时适用：", "Also applies: ")}
                        { for v.pathways.iter().filter(|x| x.pathway != outcome).map(|x| html! {
                            <span class={classes!("chip", format!("pw-{}", x.pathway.code()))}><span aria-hidden="true">{sign(x.pathway)}{" "}</span>{pathway_name(x.pathway, l)}</span>
                        }) }
                    </p>
                }
                if stale {
                    <p class="stale-note">
                        {l.t("这是您上一次有效填写的结论。请先修正以下字段：", "This is the verdict for your last valid entries. Fix first: ")}
                        { for p.errors.iter().map(|e| if e.field == crate::form::PiField::Open {
                            html! { <span class="field-name" id="too-many-open">{e.message(l)}</span> }
                        } else {
                            html! { <span class="field-name" data-path={e.path()}>{e.label(l)}</span> }
                        }) }
                        if let Some(e) = &p.input_error { <span class="field-name">{l.t(&e.zh, &e.en).to_string()}</span> }
                    </p>
                }
            </div>
            <nav class="verdict-nav" aria-label={l.t("结论各部分", "Parts of the verdict")}>
                <a href="#v-pathways" onclick={jump("v-pathways")}>{l.t("路径", "Pathways")}</a>
                <a href="#v-findings" onclick={jump("v-findings")}>{l.t("依据", "Findings")}</a>
                if !v.cleared.is_empty() { <a href="#v-cleared" onclick={jump("v-cleared")}>{l.t("未触发", "Cleared")}</a> }
                <a href="#v-obligations" onclick={jump("v-obligations")}>{l.t("义务", "Obligations")}</a>
                if !v.warnings.is_empty() { <a href="#v-warnings" onclick={jump("v-warnings")}>{l.t("提示", "Warnings")}</a> }
            </nav>

            <ReportSummary lang={l} checked={c.clone()} />

            <section class="v-part" aria-labelledby="v-pathways">
                <h3 id="v-pathways" tabindex="-1">{l.t("适用路径及触发原因", "Pathways and what triggered them")}</h3>
                <ul class="pathways">
                    { for v.pathways.iter().map(|pw| html! {
                        <li class={classes!("pathway", format!("pw-{}", pw.pathway.code()))}>
                            <p class="pathway-name"><span class="sign" aria-hidden="true">{sign(pw.pathway)}</span>{pathway_name(pw.pathway, l)}</p>
                            <p class="because-label">{if pw.pathway == Pathway::Exempt { l.t("无需办理的原因：", "Why nothing is needed:") } else { l.t("触发原因：", "Triggered by:") }}</p>
                            <ul class="because">
                                { for pw.because.iter().map(|b| html! { <li>{because_text(v, pw.pathway, b, l)}</li> }) }
                            </ul>
                        </li>
                    }) }
                </ul>
            </section>

            <section class="v-part" aria-labelledby="v-findings">
                <h3 id="v-findings" tabindex="-1">{l.t("依据与引文", "Findings and citations")}</h3>
                if v.findings.is_empty() {
                    <p class="muted">{l.t("没有触发任何规则。", "No rule was triggered.")}</p>
                }
                <ol class="findings">
                    { for v.findings.iter().map(|f| finding(f, l, false)) }
                </ol>
            </section>

            if !v.cleared.is_empty() {
                <section class="v-part" aria-labelledby="v-cleared">
                    <h3 id="v-cleared" tabindex="-1">{l.t("未触发的规则及原因", "What did not trigger, and why")}</h3>
                    <ol class="findings cleared">
                        { for v.cleared.iter().map(|f| finding(f, l, true)) }
                    </ol>
                </section>
            }

            <section class="v-part" aria-labelledby="v-obligations">
                <h3 id="v-obligations" tabindex="-1">{l.t("需要履行的义务", "Obligations checklist")}</h3>
                if v.obligations.is_empty() {
                    <p class="muted">{l.t("无特别列出的义务。", "No particular obligation listed.")}</p>
                }
                <ul class="checklist">
                    { for v.obligations.iter().enumerate().map(|(n, o)| {
                        let id = format!("ob-{n}");
                        html! {
                            <li key={o.id.clone()} data-obligation={o.id.clone()}>
                                <input type="checkbox" id={id.clone()} />
                                <label for={id}>{l.t(&o.text_zh, &o.text_en)}</label>
                                {due_line(o, l)}
                                {conditions_block(o, l)}
                                <p class="cite">{citation_text(&o.citation, l)}</p>
                                if l == Lang::En {
                                    <details class="source"><summary>{"Chinese original (controls)"}</summary><blockquote lang="zh-CN"><p>{o.text_zh.clone()}</p></blockquote></details>
                                }
                            </li>
                        }
                    }) }
                </ul>
            </section>

            if !v.warnings.is_empty() {
                <section class="v-part" aria-labelledby="v-warnings">
                    <h3 id="v-warnings" tabindex="-1">{l.t("提示", "Warnings")}</h3>
                    <ul class="warnings">
                        { for v.warnings.iter().map(|w| html! {
                            <li key={w.id.to_string()}><span class="sign" aria-hidden="true">{"⚠"}</span>
                                <div>
                                    <p>{l.t(&w.text_zh, &w.text_en)}</p>
                                    if l == Lang::En {
                                        <details class="source"><summary>{"Chinese"}</summary><blockquote lang="zh-CN"><p>{w.text_zh.clone()}</p></blockquote></details>
                                    }
                                </div>
                            </li>
                        }) }
                    </ul>
                </section>
            }

            <details class="trace">
                <summary>{l.t("判断过程（为什么）", "Why: the reasoning, step by step")}</summary>
                <ol>
                    { for (match l { Lang::Zh => &v.trace_zh, Lang::En => &v.trace }).iter().map(|t| html! { <li>{t.clone()}</li> }) }
                </ol>
            </details>
            {editions(v, l)}
            <p class="rules-version">{l.t("规则数据版本：", "Rules version: ")}<code>{v.rules_version}</code></p>
        </div>
    }
}

/// The editions that decided, each with the days it is in force and, where the source does not
/// print them, how we read them (contract: "Rules as of a date").
fn editions(v: &Verdict, l: Lang) -> Html {
    let row = |e: &xborder_core::edition::Edition| {
        let d = e.0;
        let span = match d.until {
            Some(u) => format!("{} – {u}", d.in_force),
            None => format!("{} –", d.in_force),
        };
        html! {
            <li data-document={d.id}>
                <span class="doc">{l.t(d.title_zh, d.title_en)}</span>{" · "}<span class="span">{span}</span>
                if !d.dates_reading_zh.is_empty() {
                    <p class="hint">{l.t(d.dates_reading_zh, d.dates_reading_en)}</p>
                }
            </li>
        }
    };
    html! {
        <details class="editions" id="editions">
            <summary>{l.t("所用文件及其适用期间", "Documents used, and the days they apply")}</summary>
            <ul>{ for v.editions.iter().map(row) }</ul>
        </details>
    }
}

pub fn finding(f: &Finding, l: Lang, cleared: bool) -> Html {
    let title = match catalogue::find_item(&f.rule) {
        Some((_, _, item)) => match l {
            Lang::Zh => item.label_zh(),
            Lang::En => format!("Item {}: {}", item.number, item.title_en),
        },
        None => match l {
            Lang::Zh => format!("{}{}", f.citation.section, f.citation.item),
            Lang::En => f.title_en.to_string(),
        },
    };
    html! {
        <li class={classes!("finding", format!("pw-{}", f.pathway.code()))}>
            <p class="finding-head">
                <span class={classes!("chip", format!("pw-{}", f.pathway.code()))}><span aria-hidden="true">{sign(f.pathway)}{" "}</span>{pathway_name(f.pathway, l)}</span>
                <span class="finding-title">{title}</span>
            </p>
            <p class="reason">{l.t(&f.reason_zh, &f.reason_en)}</p>
            if cleared {
                if let Some(a) = &f.answer {
                    <p class="answer"><strong>{l.t("使其不触发的回答：", "Kept out by your answer: ")}</strong>{answer_text(a, l)}</p>
                }
            }
            <p class="cite">{citation_text(&f.citation, l)}</p>
            <blockquote class="source-quote" lang="zh-CN"><p>{f.source_zh}</p></blockquote>
        </li>
    }
}
