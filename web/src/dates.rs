//! Step 6: the days deadlines run from (contract: "Dated obligations"). Each is optional; the
//! verdict then gives the obligations that count from it a due date or a window. A date the
//! checker cannot count from is named beside its field and the verdict stays the last valid one.
use crate::form::{date_label, Action, DateInput, FieldError, PiField};
use xborder_form::lang::Lang;
use crate::form::Dispatch;
use std::collections::BTreeMap;
use xborder_core::catalogue::{self, DateField};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DatesProps {
    pub lang: Lang,
    pub dates: [DateInput; DateField::ALL.len()],
    /// The day whose rules decide (empty: today).
    pub as_of: DateInput,
    /// Answers to the conditions obligations set, keyed `<obligation id>:<condition id>`.
    pub conditions: BTreeMap<String, bool>,
    pub errors: Vec<FieldError>,
    pub dispatch: Dispatch,
}

/// Which deadline a date starts.
fn starts(d: DateField, l: Lang) -> &'static str {
    match d {
        DateField::ContractEffective => l.t(
            "起算标准合同备案期限：自标准合同生效之日起10个工作日内，向所在地省级网信部门备案。",
            "Starts the filing deadline: the standard contract is filed with the provincial cyberspace administration within 10 working days of taking effect.",
        ),
        DateField::AssessmentIssued => l.t(
            "起算安全评估结果的3年有效期，以及有效期届满前60个工作日内申请延长的期间。",
            "Starts the assessment result's 3-year validity, and the period of 60 working days before it expires in which to apply to extend it.",
        ),
        DateField::CertificationIssued => l.t("起算个人信息保护认证证书的3年有效期。", "Starts the 3-year validity of the personal information protection certificate."),
        DateField::TransferStart => l.t(
            "起算重庆自贸试验区的报告期限：按清单开始出境后15个工作日内，向所属自贸板块报告。",
            "Starts the Chongqing report: within 15 working days of starting to export under the list, report to the FTZ block.",
        ),
        DateField::AssessmentBandReached => l.t(
            "自该日起应当申报数据出境安全评估；当年此前已通过标准合同或认证出境的个人信息计入累计人数并一并申报（2026年1月问答）。",
            "From that day the security assessment is needed; what already went under a standard contract or certification this year counts towards it and goes into the declaration (January 2026 Q&A).",
        ),
    }
}

#[component]
pub fn DatesSection(p: &DatesProps) -> Html {
    let l = p.lang;
    let field = |f: DateField| {
        let id = format!("date-{}", f.key());
        let hint_id = format!("{id}-hint");
        let err_id = format!("{id}-error");
        let err = p.errors.iter().find(|e| e.field == PiField::Date(f));
        let read = |e: &web_sys::HtmlInputElement| (e.value(), e.validity().bad_input());
        let on_input = {
            let d = p.dispatch.clone();
            Callback::from(move |e: InputEvent| {
                let (v, bad) = read(&e.target_unchecked_into());
                d.dispatch(Action::Date(f, v, bad))
            })
        };
        // A partial date fires no input event (its value stays empty): leaving the field tells.
        let on_blur = {
            let d = p.dispatch.clone();
            Callback::from(move |e: FocusEvent| {
                let (v, bad) = read(&e.target_unchecked_into());
                d.dispatch(Action::Date(f, v, bad))
            })
        };
        let described = if err.is_some() { format!("{hint_id} {err_id}") } else { hint_id.clone() };
        let value = &p.dates[f as usize].value;
        html! {
            <div class={classes!("field", "date", err.is_some().then_some("invalid"))}>
                <label for={id.clone()}>{date_label(f, l)}<span class="optional">{l.t("（选填）", " (optional)")}</span></label>
                <input type="date" id={id.clone()} value={value.clone()} min="0001-01-01" max="9999-12-31"
                    oninput={on_input} onblur={on_blur} aria-invalid={if err.is_some() { "true" } else { "false" }}
                    aria-describedby={described} />
                <p class="hint" id={hint_id}>{starts(f, l)}</p>
                if let Some(e) = err {
                    <p class="field-error" id={err_id} role="alert">{e.message(l)}</p>
                }
            </div>
        }
    };
    html! {
        <section class="step" aria-labelledby="step-dates">
            <h2 id="step-dates"><span class="step-no">{"6"}</span>{l.t("日期（选填）", "Dates (optional)")}</h2>
            <p class="step-intro">{l.t(
                "填写已知的日期，结论中的义务会给出到期日或期间。工作日按国务院办公厅节假日安排通知计算（周末、法定节假日和调休上班日），起算当日不计入。",
                "Give the dates you know and the verdict's obligations get a due date or a period. Working days follow the State Council holiday notices (weekends, public holidays and the adjusted working days); the day itself is not counted.",
            )}</p>
            {as_of_field(p)}
            { for DateField::ALL.into_iter().map(field) }
            { for renewal_checks(p) }
        </section>
    }
}

/// The day whose rules decide (contract: "Rules as of a date"): empty, today's; a past day
/// gives the rules as they stood then, a future one those the checker knows will hold.
fn as_of_field(p: &DatesProps) -> Html {
    let l = p.lang;
    let (id, hint_id, err_id) = ("as-of", "as-of-hint", "as-of-error");
    let err = p.errors.iter().find(|e| e.field == PiField::AsOf);
    let read = |e: &web_sys::HtmlInputElement| (e.value(), e.validity().bad_input());
    let on_input = {
        let d = p.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let (v, bad) = read(&e.target_unchecked_into());
            d.dispatch(Action::AsOf(v, bad))
        })
    };
    let on_blur = {
        let d = p.dispatch.clone();
        Callback::from(move |e: FocusEvent| {
            let (v, bad) = read(&e.target_unchecked_into());
            d.dispatch(Action::AsOf(v, bad))
        })
    };
    let described = if err.is_some() { format!("{hint_id} {err_id}") } else { hint_id.to_string() };
    html! {
        <div class={classes!("field", "date", err.is_some().then_some("invalid"))}>
            <label for={id}>{l.t("规则适用日期", "Rules as of")}<span class="optional">{l.t("（选填，默认今天）", " (optional; default today)")}</span></label>
            <input type="date" id={id} value={p.as_of.value.clone()} min="0001-01-01" max="9999-12-31"
                oninput={on_input} onblur={on_blur} aria-invalid={if err.is_some() { "true" } else { "false" }}
                aria-describedby={described} />
            <p class="hint" id={hint_id}>{l.t(
                "按该日有效的规则判断（如核对某一过去日期的出境是否合规）；结论列明所用文件及其适用期间，链接中保留此日期。",
                "Decide by the rules in force on that day (to check a past transfer, say); the verdict names the documents used and the days they apply, and the link keeps the day.",
            )}</p>
            if let Some(e) = err {
                <p class="field-error" id={err_id} role="alert">{e.message(l)}</p>
            }
        </div>
    }
}

/// The checklist of each obligation that sets conditions, once the date its deadline runs from
/// is filled in (the handler holds what is renewed): each condition Yes, No or not yet answered.
fn renewal_checks(p: &DatesProps) -> Vec<Html> {
    let l = p.lang;
    let mut out = Vec::new();
    for doc in catalogue::documents() {
        for note in doc.obligations.iter() {
            let (Some(set), Some(rule)) = (note.conditions.as_ref(), note.deadline) else { continue };
            if p.dates[rule.from as usize].value.trim().is_empty() {
                continue;
            }
            let group = format!("cond-{}", note.id.replace('.', "-"));
            let question = |c: &'static catalogue::Condition| {
                let key = format!("{}:{}", note.id, c.id);
                let answer = p.conditions.get(&key).copied();
                let name = format!("{group}-{}", c.id);
                let choice = |value: Option<bool>, zh: &'static str, en: &'static str, suffix: &str| {
                    let d = p.dispatch.clone();
                    let (nid, cid) = (note.id, c.id);
                    let id = format!("{name}-{suffix}");
                    html! {
                        <label class="choice" for={id.clone()}>
                            <input type="radio" id={id} name={name.clone()} checked={answer == value}
                                onchange={Callback::from(move |_: Event| d.dispatch(Action::Condition(nid, cid, value)))} />
                            <span>{l.t(zh, en)}</span>
                        </label>
                    }
                };
                html! {
                    <fieldset class="yesno compact condition" key={key.clone()} data-condition={key.clone()}>
                        <legend>{l.t(c.text_zh, c.text_en)}</legend>
                        <div class="choices">
                            {choice(Some(true), "是", "Yes", "yes")}
                            {choice(Some(false), "否", "No", "no")}
                            {choice(None, "尚不确定", "Not answered yet", "open")}
                        </div>
                    </fieldset>
                }
            };
            let cite = xborder_core::verdict::Citation::new(doc, note.citation);
            out.push(html! {
                <div class="renewal-check" id={group.clone()} role="group" aria-labelledby={format!("{group}-title")}>
                    <h3 id={format!("{group}-title")}>{l.t("续期核对：评估结果能否延长", "Renewal check: can the assessment result be extended?")}</h3>
                    <p class="hint">{l.t(
                        "以下条件须同时符合，才可以申请延长3年；任一回答“否”，应当重新申报。",
                        "All of these must hold for the 3-year extension; one \"No\" means declaring afresh.",
                    )}
                    {" "}<span class="cite">{l.t(cite.document, cite.document_en)}{l.t("（摘要，原文未经核实）", " (summary; wording not checked against the official text)")}</span></p>
                    { for set.items.iter().map(question) }
                </div>
            });
        }
    }
    out
}
