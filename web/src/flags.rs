//! Step 5: the facts that override or add to the lists: data notified as important data,
//! national core data, and export control.
use crate::form::Action;
use xborder_form::lang::Lang;
use crate::widgets::YesNo;
use crate::form::Dispatch;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FlagsProps {
    pub lang: Lang,
    pub notified: bool,
    pub core_data: bool,
    pub export_control: bool,
    pub dispatch: Dispatch,
    /// Questions answered "I don't know".
    pub unknown: Vec<String>,
    /// Questions not answered yet.
    pub unanswered: Vec<&'static str>,
}

#[component]
pub fn FlagsSection(p: &FlagsProps) -> Html {
    let l = p.lang;
    let cb = |f: fn(bool) -> Action| {
        let d = p.dispatch.clone();
        Callback::from(move |v| d.dispatch(f(v)))
    };
    html! {
        <section class="step" aria-labelledby="step-flags">
            <h2 id="step-flags"><span class="step-no">{"5"}</span>{l.t("其他情形", "Other facts")}</h2>
            <YesNo id="q-notified" name="notified" lang={l} value={p.notified} unknown={p.unknown.iter().any(|u| u == "notified_important_data")} unanswered={p.unanswered.contains(&"notified_important_data")} onunknown={ let d = p.dispatch.clone(); Some(Callback::from(move |_| d.dispatch(Action::Unknown("notified_important_data")))) }
                label={l.t("出境数据是否已被有关部门、地区告知或公开发布为重要数据？", "Has an authority notified the handler, or published, that this data is important data?")}
                why={l.t("已被告知或公开发布的重要数据，无论是否在清单内、是否在自贸试验区，出境均须申报安全评估（《规定》第二条、第七条）。",
                         "Data notified or published as important data needs a security assessment whether or not a list names it, in a zone or not (Provisions Arts. 2 and 7).")}
                onchange={cb(Action::Notified)} />
            <p class="guide-link">
                <crate::guide::OpenGuide lang={l} id="guide-from-notified" label={AttrValue::from(l.t("不确定？查看重要数据识别指南（重庆、广东附件）", "Not sure? See the important-data identification guide (Chongqing and Guangdong annexes)"))} />
            </p>
            <YesNo id="q-core" name="core-data" lang={l} value={p.core_data} unknown={p.unknown.iter().any(|u| u == "flags.national_core_data")} unanswered={p.unanswered.contains(&"flags.national_core_data")} onunknown={ let d = p.dispatch.clone(); Some(Callback::from(move |_| d.dispatch(Action::Unknown("flags.national_core_data")))) }
                label={l.t("出境数据是否属于国家核心数据？", "Is the data national core data?")}
                why={l.t("国家核心数据不纳入负面清单管理，实行更加严格的管理制度。", "Core data is outside negative-list management; a stricter regime applies.")}
                onchange={cb(Action::CoreData)} />
            <YesNo id="q-export" name="export-control" lang={l} value={p.export_control} unknown={p.unknown.iter().any(|u| u == "flags.export_control")} unanswered={p.unanswered.contains(&"flags.export_control")} onunknown={ let d = p.dispatch.clone(); Some(Callback::from(move |_| d.dispatch(Action::Unknown("flags.export_control")))) }
                label={l.t("是否涉及出口管制物项的技术资料或技术出口管理事项？", "Is it technical material of an export-controlled item, or a technology-export matter?")}
                why={l.t("此类数据另须遵守出口管制和技术进出口管理规定，负面清单不替代这些规定。", "The export-control and technology-export rules then apply in addition; no negative list replaces them.")}
                onchange={cb(Action::ExportControl)} />
        </section>
    }
}
