//! Step 4: personal information, one row per group of people leaving the country this year,
//! with inline checks of the numbers (the last valid verdict stays on screen meanwhile).
use crate::form::{parse_count, Action, FieldError, PiField, PiRow, RowGroup, MAX_ROWS};
use xborder_form::lang::Lang;
use crate::important_data::item_label;
use crate::sector::{dom_id, Sec};
use crate::widgets::{SourceText, YesNo};
use crate::form::Dispatch;
use xborder_core::catalogue::Kind;
use xborder_core::text::num;
use xborder_core::Basis;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PiProps {
    pub lang: Lang,
    pub sector: Option<Sec>,
    pub rows: Vec<PiRow>,
    pub errors: Vec<FieldError>,
    pub answers: Vec<&'static str>,
    pub dispatch: Dispatch,
    /// Questions answered "I don't know".
    pub unknown: Vec<String>,
}

#[component]
pub fn PersonalInformationSection(p: &PiProps) -> Html {
    let l = p.lang;
    let d = &p.dispatch;
    let add = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::AddRow))
    };
    let sector = p.sector.map(|s| s.0);
    let pi_items: Vec<_> = sector.map(|s| s.items.iter().filter(|i| i.kind == Kind::PersonalInformation).collect()).unwrap_or_default();
    let questions: Vec<_> = pi_items.iter().flat_map(|i| i.exceptions.iter().map(move |e| (*i, e))).collect();
    html! {
        <section class="step" aria-labelledby="step-pi">
            <h2 id="step-pi"><span class="step-no">{"4"}</span>{l.t("个人信息", "Personal information")}</h2>
            <p class="why">{l.t("每组人员一行：自当年1月1日起累计、按自然人去重的人数。属于豁免情形（如为履行合同所必需）的一组请选择其依据，该组不计入任何门槛。",
                                "One row per group of people: the number of natural persons since 1 January this year, each counted once. For a group that falls under an exempt situation (such as a contract the person is party to), choose the basis: it is not counted toward any threshold.")}</p>
            if p.rows.is_empty() {
                <p class="muted">{l.t("尚未添加：如不向境外提供个人信息，可留空。", "None yet: leave this empty if no personal information goes abroad.")}</p>
            }
            <ol class="pi-rows">
                { for p.rows.iter().enumerate().map(|(n, r)| html! {
                    <PiRowView key={r.key} lang={l} index={n} row={r.clone()} sector={p.sector}
                        errors={p.errors.iter().filter(|e| e.key == r.key).cloned().collect::<Vec<_>>()} dispatch={d.clone()} />
                }) }
            </ol>
            <button type="button" class="button secondary" id="pi-add" onclick={add} disabled={p.rows.len() >= MAX_ROWS}>
                {"+ "}{l.t("添加一组人员", "Add a group of people")}
            </button>
            if !questions.is_empty() {
                <div class="pi-questions">
                    <h3>{l.t("清单个人信息条款中的问题", "Questions from the list's personal-information clauses")}</h3>
                    { for questions.iter().map(|(item, e)| {
                        let id = e.id;
                        let d = d.clone();
                        html! {
                            <YesNo id={dom_id("px", id)} name={dom_id("px", id)} lang={l} value={p.answers.contains(&id)} unknown={p.unknown.iter().any(|u| u == id)} onunknown={ let d = d.clone(); Some(Callback::from(move |_| d.dispatch(Action::Unknown(id)))) }
                                label={format!("{} · {}", item_label(item, l), l.t(e.question_zh, e.text_en))} source={e.text_zh}
                                why={l.t("如是，该部分数据不适用本项的标准合同档位，应申报安全评估。", "If yes, this data leaves the item's contract band and needs the security assessment.")}
                                onchange={Callback::from(move |v| d.dispatch(Action::Answer(id, v)))} />
                        }
                    }) }
                </div>
            }
            if !pi_items.is_empty() {
                <details class="thresholds">
                    <summary>{l.t("本行业清单的个人信息门槛", "This sector's personal-information thresholds")}</summary>
                    <ul>
                        { for pi_items.iter().map(|i| html! {
                            <li>
                                <p><span class={classes!("item-no", (!i.printed_number).then_some("unnumbered"))}>{item_label(i, l)}</span>{" "}{l.t(i.text_zh, i.title_en)}</p>
                                <SourceText lang={l} text_zh={i.text_zh} detail_zh={Some(AttrValue::from(i.detail_zh))} detail_en={Some(AttrValue::from(i.detail_en))}
                                    citation={Some(AttrValue::from(format!("{} {}", i.citation.section, i.citation.item)))} />
                            </li>
                        }) }
                    </ul>
                </details>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    lang: Lang,
    index: usize,
    row: PiRow,
    sector: Option<Sec>,
    errors: Vec<FieldError>,
    dispatch: Dispatch,
}

#[component]
fn PiRowView(p: &RowProps) -> Html {
    let l = p.lang;
    let r = &p.row;
    let k = r.key;
    let d = &p.dispatch;
    let base = format!("pi-{k}");
    let sector = p.sector.map(|s| s.0);
    let select = |e: &Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
    let on_scenario = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v = select(&e);
            d.dispatch(Action::RowScenario(k, sector.and_then(|s| s.scenario(&v)).map(|x| x.id)))
        })
    };
    let on_group = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v = select(&e);
            let g = match v.as_str() {
                "" => RowGroup::Open,
                "-" => RowGroup::NoneOfThem,
                v => sector.and_then(|s| s.group(v)).map_or(RowGroup::Open, |x| RowGroup::Is(x.id)),
            };
            d.dispatch(Action::RowGroup(k, g))
        })
    };
    let on_basis = {
        let d = d.clone();
        Callback::from(move |e: Event| d.dispatch(Action::RowBasis(k, Basis::from_code(&select(&e)))))
    };
    let tidy = {
        let d = d.clone();
        Callback::from(move |_: FocusEvent| d.dispatch(Action::RowTidy(k)))
    };
    let remove = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::RemoveRow(k)))
    };
    let number = |field: PiField, text: &str, label: &str, hint: &str| {
        let id = format!("{base}-{}", if field == PiField::Persons { "persons" } else { "sensitive" });
        let err = p.errors.iter().find(|e| e.field == field);
        let err_id = format!("{id}-error");
        let hint_id = format!("{id}-hint");
        let d = d.clone();
        let on_input = Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            d.dispatch(if field == PiField::Persons { Action::RowPersons(k, v) } else { Action::RowSensitive(k, v) })
        });
        let parsed = parse_count(text).ok().filter(|_| !text.trim().is_empty());
        let echo = parsed.map(num).filter(|n| n != text.trim());
        let described = if err.is_some() { format!("{hint_id} {err_id}") } else { hint_id.clone() };
        html! {
            <div class={classes!("field", "number", err.is_some().then_some("invalid"))}>
                <label for={id.clone()}>{label.to_string()}</label>
                <input type="text" inputmode="numeric" autocomplete="off" spellcheck="false" id={id.clone()} value={text.to_string()}
                    placeholder="0" oninput={on_input} onblur={tidy.clone()} aria-invalid={if err.is_some() { "true" } else { "false" }}
                    aria-describedby={described} data-path={format!("personal_information[{}].{}", p.index, if field == PiField::Persons { "persons" } else { "sensitive_persons" })} />
                <p class="hint" id={hint_id}>
                    {hint.to_string()}
                    if let Some(n) = echo { <span class="echo">{" = "}{n}</span> }
                </p>
                if let Some(e) = err {
                    <p class="field-error" id={err_id}>
                        <span class="field-name" data-path={e.path()}>{e.label(l)}</span>{l.t("：", ": ")}{e.message(l)}
                    </p>
                }
            </div>
        }
    };
    let title = match l {
        Lang::Zh => format!("第{}组人员", p.index + 1),
        Lang::En => format!("Group {}", p.index + 1),
    };
    html! {
        <li class="pi-row" aria-labelledby={format!("{base}-title")}>
            <div class="pi-row-head">
                <h3 id={format!("{base}-title")}>{title.clone()}</h3>
                <button type="button" class="button link" onclick={remove} aria-label={format!("{} {}", l.t("删除", "Remove"), title)}>
                    {l.t("删除", "Remove")}
                </button>
            </div>
            <div class="pi-grid">
                if let Some(s) = sector.filter(|s| !s.scenarios.is_empty()) {
                    <div class="field">
                        <label for={format!("{base}-scenario")}>{l.t("业务场景", "Business scenario")}</label>
                        <select id={format!("{base}-scenario")} onchange={on_scenario}>
                            <option value="" selected={r.scenario.is_none()}>{l.t("未限定 / 其他场景", "Not tied to one / other scenarios")}</option>
                            { for s.scenarios.iter().map(|x| html! { <option value={x.id} selected={r.scenario == Some(x.id)}>{l.t(x.name_zh, x.name_en)}</option> }) }
                        </select>
                    </div>
                }
                if let Some(s) = sector.filter(|s| !s.groups.is_empty()) {
                    <div class="field">
                        <label for={format!("{base}-group")}>{l.t("人群或数据类别", "Group of people or kind of data")}</label>
                        <select id={format!("{base}-group")} onchange={on_group}>
                            <option value="" selected={r.group == RowGroup::Open}>{l.t("请选择（选择前，结论按每一人群分别列出）", "Choose… (until you do, the verdict shows each group)")}</option>
                            { for s.groups.iter().map(|x| html! { <option value={x.id} selected={r.group == RowGroup::Is(x.id)}>{l.t(x.name_zh, x.name_en)}</option> }) }
                            <option value="-" selected={r.group == RowGroup::NoneOfThem}>{l.t("不属于所列人群", "None of the groups the list names")}</option>
                        </select>
                    </div>
                }
                {number(PiField::Persons, &r.persons, l.t("人数（提供了任何个人信息的自然人）", "Persons (natural persons whose personal information is provided)"),
                        l.t("自当年1月1日起累计，按自然人去重", "Cumulative since 1 January, each person once"))}
                {number(PiField::Sensitive, &r.sensitive, l.t("其中：提供了敏感个人信息的人数", "Of whom: persons whose sensitive personal information is provided"),
                        l.t("不超过上面的人数", "Never more than the persons above"))}
                {sensitive_help(&base, r, sector, l)}
                <div class="field wide">
                    <label for={format!("{base}-basis")}>{l.t("豁免依据（如有）", "Exempt basis, if any")}</label>
                    <select id={format!("{base}-basis")} onchange={on_basis}>
                        <option value="" selected={r.basis.is_none()}>{l.t("无：计入累计人数", "None: counted toward the thresholds")}</option>
                        { for Basis::ALL.iter().filter(|b| **b != Basis::IndustryStandard || sector.is_some_and(|s| s.items.iter().any(|i| i.not_counted.contains(&xborder_core::catalogue::Article::IndustryStandard)))).map(|b| html! { <option value={b.code()} selected={r.basis == Some(*b)}>{l.t(b.name_zh(), b.name_en())}</option> }) }
                    </select>
                </div>
            </div>
        </li>
    }
}

/// "What counts as sensitive personal information?" beside the count: the list's own definition
/// and the national one (PIPL Art. 28, marked as a summary), the standards' caveat, and, for
/// people whose data a list item says is health data by nature, that they count here.
fn sensitive_help(base: &str, r: &PiRow, sector: Option<&'static xborder_core::catalogue::Sector>, l: Lang) -> Html {
    use xborder_core::catalogue::{self, NoteKind};
    let zh = l == Lang::Zh;
    let defs = catalogue::definitions_of("敏感个人信息", sector);
    let notes: Vec<&'static catalogue::SectorNote> =
        sector.map(|sec| sec.notes.iter().filter(|n| n.kind == NoteKind::Definition && n.text_zh.contains("敏感个人信息")).collect()).unwrap_or_default();
    let standard = catalogue::baseline().warnings.iter().find(|w| w.id == "national.sensitive-standard");
    let entry = xborder_core::scenario::PiEntry {
        scenario: r.scenario.map(String::from),
        group: r.group.id().map(String::from),
        persons: xborder_core::scenario::Count(parse_count(&r.persons).unwrap_or(0)),
        sensitive_persons: xborder_core::scenario::Count(0),
        basis: r.basis,
    };
    let health = sector.and_then(|sec| xborder_core::threshold::health_data_item(sec, &entry));
    // Opened by itself only where it matters: fewer sensitive persons than persons entered.
    let short = parse_count(&r.sensitive).unwrap_or(0) < entry.persons.0;
    let cite = |doc: &str, c: &catalogue::Cite| format!("{}{} {}", l.t("出处：", "Source: "), c.document_zh.filter(|_| zh).or(c.document_en.filter(|_| !zh)).unwrap_or(doc), [c.section, c.item].join(" ").trim());
    html! {
        <details class="help sensitive-help" id={format!("{base}-sensitive-help")} open={health.is_some() && short}>
            <summary>{l.t("什么是敏感个人信息？", "What counts as sensitive personal information?")}</summary>
            if let Some(it) = health {
                <p class="health-data">{match l {
                    Lang::Zh => format!("本组人员属于{}所述人员，其数据包括诊疗和健康生理信息，属于敏感个人信息：若这些信息出境，请将本组全部人数计入敏感个人信息人数。", it.label_zh()),
                    Lang::En => format!("These are the people of item {}, whose data includes their medical and health data: sensitive personal information. If it goes abroad, count all of them here.", it.number),
                }}</p>
            }
            { for notes.iter().map(|n| html! { <p>{l.t(n.text_zh, n.text_en)}<span class="muted">{" "}{match l { Lang::Zh => format!("（本行业注{}）", n.number), Lang::En => format!("(this sector's note {})", n.number) }}</span></p> }) }
            { for defs.iter().map(|(d, x)| html! { <p>{x.shown(zh)}<br /><span class="muted">{cite(if zh { d.title_zh } else { d.title_en }, &x.citation)}</span></p> }) }
            if let Some(w) = standard {
                <p class="muted">{format!("{}{}{}", if w.summary { l.t("（摘要）", "(Summary) ") } else { "" }, l.t(w.text_zh, w.text_en),
                    if w.confirmed { "" } else { l.t("（原文未经核实）", " (wording not checked against the official text)") })}</p>
            }
            <p class="muted">{l.t("（摘要）按重庆、广东附件的重要数据统一识别参考规则第2条、第3条，掌握的个人信息达到一定人数，本身即可能构成重要数据。",
                "(Summary) Under unified rules 2 and 3 of the Chongqing and Guangdong annexes, personal information held for enough people may itself be important data.")}{" "}
                <crate::guide::OpenGuide lang={l} id={format!("{base}-guide")} label={AttrValue::from(l.t("查看识别指南", "See the identification guide"))} />
            </p>
        </details>
    }
}
