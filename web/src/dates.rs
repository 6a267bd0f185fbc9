//! Step 6: the days deadlines run from (contract: "Dated obligations"). Each is optional; the
//! verdict then gives the obligations that count from it a due date or a window. A date the
//! checker cannot count from is named beside its field and the verdict stays the last valid one.
use crate::form::{date_label, Action, DateInput, FieldError, PiField};
use crate::i18n::Lang;
use crate::Dispatch;
use xborder_core::catalogue::DateField;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DatesProps {
    pub lang: Lang,
    pub dates: [DateInput; 4],
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
            { for DateField::ALL.into_iter().map(field) }
        </section>
    }
}
