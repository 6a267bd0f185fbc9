//! The printable materials checklist: every checklist the verdict names (`Verdict::materials`),
//! each with its title, citation, the summary and unconfirmed marks and its caveat, and each
//! material as a real checkbox. The texts and marks are `xborder_core::materials`', the ones
//! `xborder check --format materials` prints. Ticks are kept in this browser only, by checklist
//! id and item id (`storage::save_ticks`); nothing is sent anywhere.
//!
//! A plain function of the app's state rather than a component of its own: the first-load
//! budget counts every byte of wasm.
use crate::host::storage;
use crate::form::Checked;
use xborder_form::lang::Lang;
use xborder_core::materials::{applicable, citation_en, citation_zh, marks_en, marks_zh};
use xborder_core::verdict::Citation;
use yew::prelude::*;

/// Whether `ticks` (space-separated keys) holds `key`.
fn ticked(ticks: &str, key: &str) -> bool {
    ticks.split(' ').any(|k| k == key)
}

/// The view; `ticks` holds the ticked `<checklist id>:<item id>` keys, space-separated.
pub fn view(l: Lang, c: &Checked, ticks: &UseStateHandle<String>, back: Callback<MouseEvent>) -> Html {
    let v = &c.verdict;
    let set = |t: &UseStateHandle<String>, next: String| {
        storage::save_ticks(&next);
        t.set(next);
    };
    let on_clear = {
        let t = ticks.clone();
        Callback::from(move |_: MouseEvent| set(&t, String::new()))
    };
    let on_print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    html! {
        <main class="materials-page" id="materials">
            <div class="materials-actions" role="group" aria-label={l.t("材料清单操作", "Checklist actions")}>
                <button type="button" class="button quiet" id="materials-back" onclick={back}>{l.t("← 返回表单", "← Back to the form")}</button>
                <button type="button" class="button primary" id="materials-print" onclick={on_print}>{l.t("打印清单", "Print")}</button>
                <button type="button" class="button quiet" id="materials-clear" onclick={on_clear}>{l.t("清除勾选", "Clear ticks")}</button>
            </div>
            <h2 id="materials-title" tabindex="-1">{l.t("材料清单", "Materials checklist")}</h2>
            <p class="materials-meta">
                {format!("{}{} · {}{} · {}{}", l.t("结论：", "Verdict: "), if l == Lang::Zh { v.headline_zh() } else { v.headline_en() }, l.t("日期：", "Date: "), crate::report::today(), l.t("规则数据版本：", "Rules version: "), v.rules_version)}
                <br />
                {l.t("以中文原文为准；英文为本工具自译。本清单不构成法律意见。勾选只保存在本浏览器中。",
                     "The Chinese originals control; the English is our own. This checklist is not legal advice. Ticks are kept in this browser only.")}
            </p>
            { for applicable(v).enumerate().map(|(n, (doc, c))| {
                let head = format!("mh-{n}");
                let cite = Citation::new(doc, c.citation);
                let cite = match l {
                    Lang::Zh => format!("{} {}", citation_zh(&cite), marks_zh(c)),
                    Lang::En => format!("{} (《{}》) {}", citation_en(&cite), cite.document, marks_en(c)),
                };
                html! {
                    <section class="materials-list" aria-labelledby={head.clone()} data-checklist={c.id}>
                        <h3 id={head}>{l.t(c.title_zh, c.title_en)}</h3>
                        <p class="cite">{cite}</p>
                        <ul class="materials-items">
                            { for c.items.iter().map(|m| {
                                let key = format!("{}:{}", c.id, m.id);
                                let id = format!("mat-{key}");
                                let on = ticked(ticks, &key);
                                let t = ticks.clone();
                                let toggle = Callback::from(move |_: Event| {
                                    let rest = t.split(' ').filter(|k| !k.is_empty() && *k != key);
                                    let next: Vec<&str> = if on { rest.collect() } else { rest.chain([key.as_str()]).collect() };
                                    set(&t, next.join(" "));
                                });
                                html! {
                                    <li>
                                        <input type="checkbox" id={id.clone()} checked={on} onchange={toggle} />
                                        <label for={id}>
                                            {l.t(m.text_zh, m.text_en)}
                                            if l == Lang::En { <span class="materials-zh" lang="zh-CN">{m.text_zh}</span> }
                                        </label>
                                    </li>
                                }
                            }) }
                        </ul>
                        if !c.caveat_zh.is_empty() {
                            <p class="caveat"><strong>{l.t("注意：", "Note: ")}</strong>{l.t(c.caveat_zh, c.caveat_en)}</p>
                        }
                    </section>
                }
            }) }
        </main>
    }
}
