//! The compare view (issue 12; contract: "Compare"): the transfer the form describes, under the
//! national rules, the scenario's own list and every other list the handler may use, one column
//! each, side by side (stacked on a narrow screen). The columns are the core's
//! (`xborder_core::compare::compare_on`, what `xborder compare` prints); this file only shows
//! them. Opened by "Compare regimes" beside the verdict, or by a link whose fragment has the
//! `v` part (`~vc`); the view is page state, never part of the scenario or the draft.
use crate::form::{Action, Checked};
use xborder_form::lang::Lang;
use crate::verdict::finding;
use crate::words::{pathway_name, sign};
use crate::form::Dispatch;
use std::rc::Rc;
use xborder_core::catalogue::{self, Pathway};
use xborder_core::compare::{compare_on, Column, Differences, Regime, Step};
use xborder_core::Verdict;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub lang: Lang,
    /// The last scenario the core accepted (the columns are computed from it).
    pub checked: Rc<Checked>,
    /// The form has a field to fix: the columns are of the last valid entries.
    pub stale: bool,
    pub dispatch: Dispatch,
}

/// Moves focus to the view's title when it opens, and back to its button when it closes; not
/// when the page opens in the view (a link), where the page starts at its top as ever.
#[hook]
pub fn use_compare_focus(open: bool) {
    let was = use_mut_ref(|| None::<bool>);
    use_effect_with(open, move |open| {
        let before = was.borrow_mut().replace(*open);
        if before.is_some_and(|b| b != *open) {
            crate::host::focus(if *open { "compare-title" } else { "open-compare" });
        }
    });
}

/// A list's short name: the zone its title names in brackets ("Beijing list", 北京清单), else its title.
fn short_title(d: &catalogue::Document, l: Lang) -> String {
    let (title, open, close) = match l {
        Lang::Zh => (d.title_zh, '（', '）'),
        Lang::En => (d.title_en, '(', ')'),
    };
    let city = title.split_once(open).and_then(|(_, r)| r.split_once(close)).map(|(c, _)| c).filter(|c| !c.is_empty() && c.chars().count() <= 24);
    match (city, l) {
        (Some(c), Lang::Zh) => format!("{c}清单"),
        (Some(c), Lang::En) => format!("{c} list"),
        (None, _) => title.to_string(),
    }
}

/// A column's name: the national rules, or the list's short name.
fn regime_name(c: &Column, l: Lang) -> String {
    match c.list.and_then(catalogue::list) {
        Some(d) => short_title(d, l),
        None => l.t("国家规定", "National rules").to_string(),
    }
}

/// A short name of a column, for "compared with …".
fn short_name(list: Option<&str>, l: Lang) -> String {
    match list.and_then(catalogue::list) {
        Some(d) => short_title(d, l),
        None => l.t("国家规定", "the national rules").to_string(),
    }
}

/// A term of a translation step in words: an item, a sector (`list.sector`), else its id.
fn term_words(id: &str, l: Lang) -> String {
    if let Some((_, _, item)) = catalogue::find_item(id) {
        return match l {
            Lang::Zh => item.label_zh(),
            Lang::En => format!("Item {}: {}", item.number, item.title_en),
        };
    }
    if let Some((list, sector)) = id.split_once('.') {
        if let Some(sec) = catalogue::list(list).and_then(|d| d.sector(sector)) {
            return crate::sector::sector_name(sec, l).to_string();
        }
    }
    id.to_string()
}

fn term_kind(t: &str, l: Lang) -> &'static str {
    match t {
        "sector" => l.t("行业", "Sector"),
        "scenario" => l.t("业务场景", "Business scenario"),
        "group" => l.t("人群", "Group of people"),
        "item" => l.t("重要数据条目", "Important-data item"),
        "exception" => l.t("例外或回答", "Exception or answer"),
        _ => l.t("回答", "Answer"),
    }
}

fn chip(p: Pathway, mark: &'static str, l: Lang) -> Html {
    html! {
        <span class={classes!("chip", format!("pw-{}", p.code()))}><span aria-hidden="true">{sign(p)}{" "}</span>
            if !mark.is_empty() { <span class="diff-sign">{mark}</span> }{pathway_name(p, l)}</span>
    }
}

/// The obligation `id` in words, from the verdict that has it.
fn obligation_words(v: &Verdict, id: &str, l: Lang) -> String {
    v.obligations.iter().find(|o| o.id == id).map_or_else(|| id.to_string(), |o| l.t(&o.text_zh, &o.text_en).to_string())
}

/// What this column decides differently from the reference column, marked.
fn differences_block(n: usize, d: &Differences, v: &Verdict, against: &Verdict, l: Lang) -> Html {
    let id = format!("col-{n}-diff");
    let only_here: Vec<&String> = d.deciding.iter().filter(|x| !d.against_deciding.contains(x)).collect();
    let only_there: Vec<&String> = d.against_deciding.iter().filter(|x| !d.deciding.contains(x)).collect();
    let against_list = Some(d.against.as_str()).filter(|a| *a != "national");
    let item = |x: &String, from: &Verdict| html! { <li data-rule={x.clone()}>{crate::verdict::rule_label(from, x, l)}</li> };
    html! {
        <section class={classes!("compare-diff", (!d.same_outcome).then_some("changed"))} aria-labelledby={id.clone()} data-against={d.against.clone()}>
            <h4 id={id}>{match l { Lang::Zh => format!("与{}相比", short_name(against_list, l)), Lang::En => format!("Compared with {}", short_name(against_list, l)) }}</h4>
            <p class={classes!("diff-outcome", if d.same_outcome { "same" } else { "changed" })} data-same-outcome={d.same_outcome.to_string()}>
                <span class="diff-sign" aria-hidden="true">{if d.same_outcome { "=" } else { "≠" }}</span>
                if d.same_outcome {
                    {l.t("结论相同：", "Same outcome: ")}{pathway_name(d.outcome, l)}
                } else {
                    <strong>{l.t("结论不同：", "Different outcome: ")}</strong>{l.t("本栏为", "")}{pathway_name(d.outcome, l)}{l.t("，对照栏为", " here, ")}{pathway_name(d.against_outcome, l)}{l.t("", " there")}
                }
            </p>
            if !d.pathways_added.is_empty() || !d.pathways_removed.is_empty() {
                <p class="diff-pathways">{l.t("路径：", "Pathways: ")}
                    { for d.pathways_added.iter().map(|p| html! { <span class="diff-added">{chip(*p, "+", l)}<span class="visually-hidden">{l.t("（本栏新增）", " (added here)")}</span></span> }) }
                    { for d.pathways_removed.iter().map(|p| html! { <span class="diff-removed">{chip(*p, "−", l)}<span class="visually-hidden">{l.t("（本栏没有）", " (not here)")}</span></span> }) }
                </p>
            }
            if !only_here.is_empty() {
                <div class="diff-deciding diff-added"><p>{l.t("＋ 只在本栏起决定作用：", "+ Deciding here only:")}</p><ul>{ for only_here.iter().map(|x| item(x, v)) }</ul></div>
            }
            if !only_there.is_empty() {
                <div class="diff-deciding diff-removed"><p>{l.t("− 只在对照栏起决定作用：", "− Deciding there only:")}</p><ul>{ for only_there.iter().map(|x| item(x, against)) }</ul></div>
            }
            if !d.obligations_added.is_empty() {
                <div class="diff-obligations diff-added"><p>{l.t("＋ 本栏多出的义务：", "+ Obligations added here:")}</p>
                    <ul>{ for d.obligations_added.iter().map(|o| html! { <li data-obligation={o.clone()}>{obligation_words(v, o, l)}</li> }) }</ul></div>
            }
            if !d.obligations_removed.is_empty() {
                <div class="diff-obligations diff-removed"><p>{l.t("− 本栏没有的义务：", "− Obligations not here:")}</p>
                    <ul>{ for d.obligations_removed.iter().map(|o| html! { <li data-obligation={o.clone()}>{obligation_words(against, o, l)}</li> }) }</ul></div>
            }
            if d.same_outcome && d.pathways_added.is_empty() && d.pathways_removed.is_empty() && only_here.is_empty() && only_there.is_empty() && d.obligations_added.is_empty() && d.obligations_removed.is_empty() {
                <p class="muted">{l.t("路径、决定条目和义务均与对照栏相同。", "Pathways, deciding items and obligations are the same as there.")}</p>
            }
        </section>
    }
}

fn step_item(s: &Step, l: Lang) -> Html {
    html! {
        <li data-term={s.term}>
            <p class="step-terms"><span class="step-kind">{term_kind(s.term, l)}{l.t("：", ": ")}</span>{term_words(&s.from, l)}{" → "}
                if s.to.is_empty() { <em>{l.t("无对应", "no counterpart")}</em> } else { {s.to.iter().map(|t| term_words(t, l)).collect::<Vec<_>>().join(l.t("、", "; "))} }
            </p>
            <p class="step-reason">{l.t(&s.reason_zh, &s.reason_en)}</p>
        </li>
    }
}

/// One column: its regime, whether the handler may use it and why, its verdict, the deciding
/// items, its open questions, how the scenario was read in its terms, and what differs.
fn column(n: usize, c: &Column, reference: bool, own: Option<&str>, against: &Verdict, l: Lang) -> Html {
    let v = &c.verdict;
    let title = format!("col-{n}-title");
    let kind = match (c.regime, c.list) {
        (Regime::National, _) => l.t("适用于所有数据处理者", "Binds every data handler"),
        (_, Some(id)) if Some(id) == own => l.t("场景所用的清单", "The list your scenario uses"),
        _ => l.t("其他自贸试验区的清单", "Another zone's list"),
    };
    let sector = c.list.and_then(catalogue::list).zip(c.sector).and_then(|(d, s)| d.sector(s));
    // An exempt pathway is decided by what did not trigger (its band, an answer): those entries.
    let exempting: Vec<&xborder_core::verdict::Finding> = v
        .pathways
        .iter()
        .filter(|p| p.pathway == Pathway::Exempt)
        .flat_map(|p| p.because.iter())
        .filter_map(|id| v.cleared.iter().find(|f| &f.rule == id))
        .collect();
    let new_here: Vec<&str> = c.differences.as_ref().map(|d| d.deciding.iter().filter(|x| !d.against_deciding.contains(x)).map(String::as_str).collect()).unwrap_or_default();
    html! {
        <li class={classes!("compare-col", if c.available { "available" } else { "unavailable" }, reference.then_some("reference"),
                c.differences.as_ref().filter(|d| !d.same_outcome).map(|_| "differs"))}
            data-regime={match c.regime { Regime::National => "national", Regime::List => "list" }} data-list={c.list.unwrap_or("")} data-sector={c.sector.unwrap_or("")}
            data-available={c.available.to_string()} data-outcome={v.outcome.code()} data-pathways={v.pathway_codes()} data-decided={v.decided.to_string()}
            data-reference={reference.to_string()} data-differs={c.differences.as_ref().map_or("false", |d| if d.same_outcome { "false" } else { "true" })}>
            <article aria-labelledby={title.clone()}>
                <h3 id={title}>{regime_name(c, l)}</h3>
                if let Some(d) = c.list.and_then(catalogue::list) { <p class="col-title">{l.t(d.title_zh, d.title_en)}</p> }
                <p class="col-kind">{kind}
                    if reference { {" · "}<strong class="reference-mark">{l.t("对照栏：其他各栏与本栏比较", "Reference: the other columns are compared with this one")}</strong> }
                </p>
                if let Some(sec) = sector { <p class="col-sector">{l.t("行业：", "Sector: ")}{crate::sector::sector_name(sec, l)}</p> }
                <p class={classes!("availability", if c.available { "yes" } else { "no" })}>
                    <strong><span aria-hidden="true">{if c.available { "✓ " } else { "✕ " }}</span>{if c.available { l.t("可适用", "Available") } else { l.t("不可适用", "Not available") }}</strong>
                    {l.t("：", ": ")}{l.t(&c.why_zh, &c.why_en)}
                </p>
                if c.available {
                    <div class={classes!("compare-verdict", format!("outcome-{}", v.outcome.code()))}>
                        <p class="kicker">{l.t("本栏结论", "Verdict here")}</p>
                        <p class="outcome"><span class="sign" aria-hidden="true">{sign(v.outcome)}</span><span>{l.t(&v.headline_zh(), &v.headline_en())}</span></p>
                        if v.pathways.len() > 1 {
                            <p class="also">{l.t("同时适用：", "Also applies: ")}{ for v.pathways.iter().filter(|x| x.pathway != v.outcome).map(|x| chip(x.pathway, "", l)) }</p>
                        }
                        if !v.decided {
                            <p class="decided">{l.t("尚未确定：按最严格的情形列出，见下面的问题。", "Not settled: the strictest case is shown; see the questions below.")}</p>
                        }
                    </div>
                } else {
                    <div class="compare-verdict none"><p class="outcome">{l.t("此处不适用：请看国家规定一栏。", "Not for this handler: see the national rules' column.")}</p></div>
                }
                if c.available {
                    if let Some(d) = &c.differences { {differences_block(n, d, v, against, l)} }
                    <section class="compare-part" aria-labelledby={format!("col-{n}-findings")}>
                        <h4 id={format!("col-{n}-findings")}>{l.t("决定结论的条目", "Deciding items")}</h4>
                        if v.findings.is_empty() && exempting.is_empty() { <p class="muted">{l.t("没有触发任何规则。", "No rule was triggered.")}</p> }
                        if !new_here.is_empty() {
                            <p class="diff-flag diff-added">{l.t("＋ 只在本栏起决定作用（对照栏没有）：", "+ Deciding here only (not in the reference column):")}</p>
                            <ol class="findings diff-new">{ for v.findings.iter().filter(|f| new_here.contains(&f.rule.as_str())).map(|f| finding(f, l, false)) }</ol>
                            if v.findings.iter().any(|f| !new_here.contains(&f.rule.as_str())) {
                                <p class="diff-flag">{l.t("两栏都有：", "In both columns:")}</p>
                            }
                        }
                        <ol class="findings">{ for v.findings.iter().filter(|f| !new_here.contains(&f.rule.as_str())).map(|f| finding(f, l, false)) }</ol>
                        if !exempting.is_empty() {
                            <p class="diff-flag">{l.t("使本栏无需办理的条目：", "What makes this column exempt:")}</p>
                            <ol class="findings cleared">{ for exempting.iter().map(|f| finding(f, l, true)) }</ol>
                        }
                    </section>
                    <section class="compare-part" aria-labelledby={format!("col-{n}-questions")}>
                        <h4 id={format!("col-{n}-questions")}>{l.t("本栏尚需回答的问题", "Questions this column still needs")}{format!(" ({})", c.questions.len())}</h4>
                        if c.questions.is_empty() { <p class="muted">{l.t("无：本栏的结论由您已填写的内容决定。", "None: what you described decides this column.")}</p> }
                        <ol class="compare-questions">
                            { for c.questions.iter().map(|q| html! {
                                <li data-question={q.id.clone()}>
                                    <p>{l.t(&q.text_zh, &q.text_en)}</p>
                                    <p class="assumed"><strong>{l.t("未回答前：", "Until answered: ")}</strong>{l.t(&q.assumed_zh, &q.assumed_en)}</p>
                                </li>
                            }) }
                        </ol>
                    </section>
                }
                if !c.translation.is_empty() {
                    <details class="compare-steps">
                        <summary>{match l { Lang::Zh => format!("如何把您的场景换成本栏的用语（{}步）", c.translation.len()), Lang::En => format!("How your scenario was read in this column's terms ({} step{})", c.translation.len(), if c.translation.len() == 1 { "" } else { "s" }) }}</summary>
                        <ol>{ for c.translation.iter().map(|s| step_item(s, l)) }</ol>
                    </details>
                }
            </article>
        </li>
    }
}

#[component]
pub fn CompareView(p: &CompareProps) -> Html {
    let l = p.lang;
    let result = {
        let c = p.checked.clone();
        use_memo(p.checked.fragment.clone(), move |_| compare_on(&c.scenario, crate::host::today()))
    };
    let copied = use_state(|| None::<(bool, String)>);
    {
        let copied = copied.clone();
        use_effect_with(p.checked.fragment.clone(), move |_| copied.set(None));
    }
    let on_close = {
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            crate::host::location::drop_view();
            d.dispatch(Action::Compare(false));
        })
    };
    let on_copy = {
        let c = p.checked.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let link = crate::host::location::compare_link(&c.scenario);
            if let Some((_, frag)) = link.split_once('#') {
                crate::host::location::show(frag);
            }
            let copied = copied.clone();
            yew::platform::spawn_local(async move {
                let ok = crate::host::copy(link.clone()).await;
                copied.set(Some((ok, link)));
            });
        })
    };
    let own = p.checked.scenario.list.as_deref();
    let body = match &*result {
        Err(e) => html! {
            <div class="notice error" role="alert" id="compare-error">
                <p><strong>{l.t("无法比较：", "Could not compare: ")}</strong>{e.to_string()}</p>
            </div>
        },
        Ok(cmp) => {
            let cols = &cmp.columns;
            let reference = cols.iter().position(|c| c.regime == Regime::List && c.list == own && c.available).unwrap_or(0);
            let against = &cols[reference].verdict;
            html! {
                <>
                <table class="compare-glance" id="compare-glance">
                    <caption>{l.t("一览", "At a glance")}</caption>
                    <thead><tr>
                        <th scope="col">{l.t("规则", "Regime")}</th>
                        <th scope="col">{l.t("可否适用", "Available")}</th>
                        <th scope="col">{l.t("结论", "Outcome")}</th>
                        <th scope="col">{l.t("与对照栏", "Against the reference")}</th>
                    </tr></thead>
                    <tbody>
                        { for cols.iter().enumerate().map(|(i, c)| html! {
                            <tr data-list={c.list.unwrap_or("")}>
                                <th scope="row">{regime_name(c, l)}</th>
                                <td>{if c.available { l.t("是", "Yes") } else { l.t("否", "No") }}</td>
                                <td>{if c.available { pathway_name(c.verdict.outcome, l) } else { "—" }}</td>
                                <td>{match (&c.differences, i == reference) {
                                    (_, true) => l.t("对照栏", "Reference"),
                                    (Some(d), _) if !d.same_outcome => l.t("≠ 结论不同", "≠ Different outcome"),
                                    (Some(_), _) => l.t("= 结论相同", "= Same outcome"),
                                    (None, _) => "—",
                                }}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <ol class="compare-columns" id="compare-columns" data-columns={cols.len().to_string()} aria-label={l.t("各规则，并列", "The regimes, side by side")}>
                    { for cols.iter().enumerate().map(|(i, c)| column(i, c, i == reference, own, against, l)) }
                </ol>
                </>
            }
        }
    };
    html! {
        <section class="compare" id="compare" aria-labelledby="compare-title">
            <div class="compare-head">
                <h2 id="compare-title" tabindex="-1">{l.t("比较各规则：同一次出境，在您可适用的每套规则下", "Compare regimes: the same transfer under every set of rules you may use")}</h2>
                <p class="compare-lead">{l.t(
                    "国家规定始终适用；负面清单只在数据处理者位于其自贸试验区内，或所在区域办法允许参照执行其他自贸试验区清单时可用。其他清单一栏把您的场景换成该清单的用语：无法确定时列出问题，并按更严格的情形判断。",
                    "The national rules always apply; a negative list only when the handler is in its zone, or its own zone's measures let it refer to other zones' lists. A column for another list reads your scenario in that list's terms: where that is not certain it asks, and the stricter reading decides until you answer.",
                )}</p>
                if p.stale {
                    <p class="stale-note">{l.t("这是您上一次有效填写的比较。请先回到表单修正字段。", "This compares your last valid entries: go back to the form to fix the fields first.")}</p>
                }
                <div class="toolbar-buttons compare-actions" role="group" aria-label={l.t("比较视图", "Compare view")}>
                    <button type="button" class="button secondary" id="close-compare" onclick={on_close}>{l.t("← 返回表单和结论", "← Back to the form and verdict")}</button>
                    <button type="button" class="button primary" id="copy-compare-link" onclick={on_copy}
                        title={l.t("链接打开时显示本比较（场景在#之后，不会发送给任何服务器）", "The link opens this comparison (the scenario sits after #, never sent to any server)")}>
                        {l.t("复制比较链接", "Copy link to this comparison")}</button>
                </div>
                <div class="toolbar-status" aria-live="polite">
                    if let Some((ok, link)) = &*copied {
                        <div class="link-out">
                            <label for="compare-link-out">{if *ok { l.t("链接已复制：", "Link copied:") } else { l.t("浏览器不允许自动复制，请手动复制此链接：", "The browser did not allow copying; copy this link by hand:") }}</label>
                            <input id="compare-link-out" type="text" readonly=true value={link.clone()}
                                onfocus={Callback::from(|e: FocusEvent| e.target_unchecked_into::<web_sys::HtmlInputElement>().select())} />
                        </div>
                    }
                </div>
            </div>
            {body}
            <p class="rules-version">{l.t("规则数据版本：", "Rules version: ")}<code>{catalogue::RULES_VERSION}</code></p>
        </section>
    }
}
