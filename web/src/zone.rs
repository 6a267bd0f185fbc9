//! Step 1, where and who: the zone (from the catalogue), whether the handler is registered or
//! operating there, and whether it is a CIIO. Zones come from the rules data; Guangdong is kept
//! as an option with no list of its own even when the data does not name it yet.
use crate::form::Action;
use xborder_form::lang::Lang;
use crate::widgets::{Question, YesNo};
use crate::form::Dispatch;
use xborder_core::catalogue;
use yew::prelude::*;

pub use xborder_form::zone::{usable_lists, zone, zone_name, zone_of_list, zones};

#[derive(Properties, PartialEq)]
pub struct ZoneProps {
    pub lang: Lang,
    pub zone: Option<&'static str>,
    pub in_zone: bool,
    pub ciio: bool,
    pub dispatch: Dispatch,
    /// Questions answered "I don't know".
    pub unknown: Vec<String>,
    /// Questions not answered yet.
    pub unanswered: Vec<&'static str>,
    /// Fixed by an embedding page (`<xborder-checker list=…>`).
    #[prop_or_default]
    pub locked: bool,
}

#[component]
pub fn ZoneSection(p: &ZoneProps) -> Html {
    let l = p.lang;
    let on_zone = {
        let d = p.dispatch.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            d.dispatch(Action::Zone(zone(&v).map(|z| z.id)));
        })
    };
    let chosen = p.zone.and_then(zone);
    html! {
        <section class="step" aria-labelledby="step-zone">
            <h2 id="step-zone"><span class="step-no">{"1"}</span>{l.t("地点与主体", "Where and who")}</h2>
            <Question id="q-zone" label={l.t("数据处理者所在的自由贸易试验区", "Free trade zone of the data handler")}
                why={l.t("负面清单只约束在本区登记注册或开展经营活动的数据处理者；不在任何自贸试验区的，适用国家规定。",
                         "A zone's negative list binds only handlers registered or operating in that zone; outside every zone the national rules apply.")}>
                <select id="q-zone" onchange={on_zone} aria-describedby="q-zone-why" disabled={p.locked}>
                    <option value="" selected={p.zone.is_none()}>{l.t("不在自贸试验区（适用国家规定）", "No free trade zone (national rules)")}</option>
                    { for zones().iter().map(|z| html! {
                        <option value={z.id} selected={p.zone == Some(z.id)}>{zone_name(z, l)}</option>
                    }) }
                </select>
            </Question>
            if !p.locked {
                {not_covered(l)}
            }
            if let Some(z) = chosen {
                <p class="zone-note">
                    <strong>{l.t("适用对象（本工具概括）：", "Who it binds (our summary): ")}</strong>{l.t(z.applies_zh, z.applies_en)}
                    if z.own_list.is_none() {
                        {" "}{l.t("本区没有自己的负面清单：区内数据处理者按国家规定判断",
                                  "This zone has no negative list of its own: its handlers follow the national rules")}
                        if z.referral {
                            {l.t("；按其管理办法，可参照其他自贸试验区正式发布的负面清单（见第2步）。", "; under its measures they may refer to another zone's published list (see step 2).")}
                        } else {
                            {l.t("。", ".")}
                        }
                    }
                </p>
                <YesNo id="q-in-zone" name="in-zone" value={p.in_zone} lang={l} unknown={p.unknown.iter().any(|u| u == "handler.in_zone")} unanswered={p.unanswered.contains(&"handler.in_zone")} onunknown={ let d = p.dispatch.clone(); Some(Callback::from(move |_| d.dispatch(Action::Unknown("handler.in_zone")))) }
                    label={l.t("数据处理者是否在本区登记注册或开展经营活动？", "Is the handler registered, or carrying on business, in this zone?")}
                    why={l.t("只有区内数据处理者可以使用本区负面清单；否则按国家规定判断。",
                             "Only handlers in the zone may use its negative list; otherwise the national rules decide.")}
                    onchange={{ let d = p.dispatch.clone(); Callback::from(move |v| d.dispatch(Action::InZone(v))) }} />
            }
            <YesNo id="q-ciio" name="ciio" value={p.ciio} lang={l} unknown={p.unknown.iter().any(|u| u == "handler.ciio")} unanswered={p.unanswered.contains(&"handler.ciio")} onunknown={ let d = p.dispatch.clone(); Some(Callback::from(move |_| d.dispatch(Action::Unknown("handler.ciio")))) }
                label={l.t("数据处理者是否为关键信息基础设施运营者？", "Is the handler a critical information infrastructure operator (CIIO)?")}
                why={l.t("关键信息基础设施运营者向境外提供个人信息或重要数据，均须申报安全评估，不适用人数档位（《规定》第七条）。",
                         "A CIIO providing personal information or important data abroad needs a security assessment whatever the numbers (Provisions Art. 7).")}
                onchange={{ let d = p.dispatch.clone(); Callback::from(move |v| d.dispatch(Action::Ciio(v))) }} />
        </section>
    }
}

/// The zones whose lists this checker does not hold, named (never pretended), with what to do.
fn not_covered(l: Lang) -> Html {
    let zones = catalogue::baseline().not_covered;
    if zones.is_empty() {
        return html! {};
    }
    html! {
        <details class="help not-covered" id="not-covered">
            <summary>{l.t("本工具未涵盖的自贸试验区", "Zones this checker does not cover")}</summary>
            <ul>
                { for zones.iter().map(|z| html! { <li data-zone={z.id}><strong>{l.t(z.zone_zh, z.zone_en)}</strong>{l.t("：", ": ")}{l.t(z.known_zh, z.known_en)}</li> }) }
            </ul>
            <p>{l.t("这些清单的全文不在本工具所收资料中，本工具不能适用它们。在这些区内的数据处理者：请选择“不在自贸试验区”，查看国家规定的要求（负面清单只能为区内数据处理者免除清单外数据的义务，国家规定是底线）；再对照本区清单的正式文本核实哪些数据可以免予申报或备案。",
                    "We do not hold these lists' complete texts, so we cannot apply them. A handler in one of these zones: choose \"No free trade zone\" to see what the national rules require (a zone's list can only exempt, for handlers in the zone, data it leaves off; the national rules are the floor), then check the zone's own list in its official text for what it exempts.")}</p>
        </details>
    }
}
