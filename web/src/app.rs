//! The page: header, notices, the form (steps 1-6) and the verdict beside it. The same app runs
//! standalone (its own page: address bar, draft, `<html lang>`) and embedded in a host page
//! (`<xborder-checker>`, see `embed.rs`), where it touches nothing of the host's.
use crate::dates::DatesSection;
use crate::flags::FlagsSection;
use crate::form::{Action, Lock, Model, Notice, State};
use xborder_form::lang::Lang;
use crate::important_data::ImportantDataSection;
use crate::host::{location, storage};
use crate::personal_information::PersonalInformationSection;
use crate::sector::{Sec, SectorSection};
use crate::verdict::VerdictPanel;
use crate::words::pathway_name;
use crate::zone::ZoneSection;
use wasm_bindgen::JsValue;
use xborder_core::catalogue::{self, RULES_VERSION};
use xborder_core::Verdict;
use yew::prelude::*;

use crate::host::focus;

/// The function an embedding element gave for its `xborder-verdict` event.
#[derive(Clone)]
pub struct Notify(pub js_sys::Function);

impl PartialEq for Notify {
    fn eq(&self, o: &Self) -> bool {
        AsRef::<JsValue>::as_ref(&self.0) == AsRef::<JsValue>::as_ref(&o.0)
    }
}

/// How a host page embeds the app (`<xborder-checker>` attributes).
#[derive(Clone, PartialEq)]
pub struct Embedded {
    pub lang: Lang,
    pub compact: bool,
    pub lock: Lock,
    /// What was wrong with the attributes (shown in the widget, for the page's developer).
    pub problems: Vec<String>,
    pub notify: Notify,
}

#[derive(Properties, Clone, PartialEq, Default)]
pub struct AppProps {
    /// None: the standalone page.
    #[prop_or_default]
    pub embed: Option<Embedded>,
}

/// An embedded app's first state: the host's fixed choices, nothing else (no link, no draft).
fn embedded_model(lock: Lock) -> Model {
    let mut m = Model { form: lock.form(0), lock, ..Model::empty(crate::host::today()) };
    m.check();
    m
}

#[component]
pub fn App(p: &AppProps) -> Html {
    let emb = p.embed.as_ref();
    let standalone = emb.is_none();
    let lang = use_state_eq(|| emb.map(|e| e.lang).unwrap_or_else(crate::host::detect_lang));
    let model = use_reducer(|| {
        State(match emb {
            Some(e) => embedded_model(e.lock),
            None => Model::initial(&location::current(), storage::load(), crate::host::today()),
        })
    });
    let l = *lang;

    // Standalone: <html lang> and the title follow the language. Embedded: the host's `lang`
    // attribute sets it (the widget carries its own `lang`, never the host's <html>).
    use_effect_with(l, move |l| {
        if standalone {
            crate::host::show_lang(*l)
        }
    });
    {
        let lang = lang.clone();
        use_effect_with(emb.map(|e| e.lang), move |attr| {
            if let Some(a) = attr {
                lang.set(*a)
            }
        });
    }

    // The ticks of the materials checklist (standalone page).
    let ticks = use_state(storage::load_ticks);

    // The draft: saved on every accepted change once the form is the user's own (standalone only).
    // The ticks go with it: a form started over is a new matter, whose materials are not ticked.
    {
        let draft = model.draft();
        let save = model.save && standalone;
        let ticks = ticks.clone();
        use_effect_with((draft, save, model.rev), move |(draft, save, _)| {
            if *save {
                storage::save(draft.as_deref());
                location::clear_unless(draft.as_deref());
                if draft.is_none() && !ticks.is_empty() {
                    storage::save_ticks("");
                    ticks.set(String::new());
                }
            }
        });
    }

    // Embedded: give the host page every new scenario and its verdict; the element fires
    // `xborder-verdict` when the verdict changed (`changed`), and keeps both as properties.
    {
        let sent = use_mut_ref(|| None::<Verdict>);
        let notify = emb.map(|e| e.notify.clone());
        // The neutral start (contract: "Page states") sends nothing to the host page.
        let neutral = model.form.describes_nothing();
        use_effect_with((model.valid.clone(), neutral), move |(valid, neutral)| {
            // Neutral: the element keeps the scenario, has no verdict, and fires nothing.
            if let (Some(n), Some(c), true) = (notify.as_ref(), valid, *neutral) {
                *sent.borrow_mut() = None;
                match crate::json_text::parsed(&c.scenario) {
                    Ok(s) => {
                        let _ = n.0.call3(&JsValue::NULL, &JsValue::NULL, &s, &JsValue::FALSE);
                    }
                    Err(_) => web_sys::console::error_1(&"xborder: could not pass the scenario to the page".into()),
                }
                return;
            }
            if let (Some(n), Some(c), false) = (notify, valid, *neutral) {
                let changed = sent.borrow().as_ref() != Some(&c.verdict);
                if changed {
                    *sent.borrow_mut() = Some(c.verdict.clone());
                }
                match (crate::json_text::parsed(&c.verdict), crate::json_text::parsed(&c.scenario)) {
                    (Ok(v), Ok(s)) => {
                        let _ = n.0.call3(&JsValue::NULL, &v, &s, &JsValue::from_bool(changed));
                    }
                    _ => web_sys::console::error_1(&"xborder: could not pass the verdict to the page".into()),
                }
            }
        });
    }

    // A link pasted into the address bar of the open page (standalone only).
    {
        let d = model.dispatcher();
        use_effect_with((), move |_| {
            if !standalone {
                return Box::new(|| ()) as Box<dyn FnOnce()>;
            }
            let listener = gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                let frag = location::current();
                // In-page anchors are not scenarios.
                if frag.is_empty() || gloo::utils::document().get_element_by_id(&frag).is_some() {
                    return;
                }
                d.dispatch(Action::Open { fragment: frag, draft: storage::load() });
            });
            Box::new(move || drop(listener)) as Box<dyn FnOnce()>
        });
    }

    let switch_lang = {
        let lang = lang.clone();
        Callback::from(move |_: MouseEvent| {
            let next = lang.other();
            storage::save_lang(next.code());
            lang.set(next);
        })
    };
    // The important-data identification guide: opened by a question, closed back to it.
    let guide_req = use_state(|| None::<crate::guide::GuideRequest>);
    let guide_ctx = {
        let g = guide_req.clone();
        crate::guide::GuideCtx(Callback::from(move |r| g.set(Some(r))))
    };
    let guide_close = {
        let g = guide_req.clone();
        Callback::from(move |_| g.set(None))
    };
    let d = model.dispatcher();
    let f = &model.form;
    let sector = f.sector_ref().map(Sec);
    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        focus("verdict");
    });
    let neutral = f.describes_nothing();
    let outcome_bar = model.valid.as_ref().filter(|_| !neutral).map(|c| c.verdict.outcome);
    let lock = model.lock;
    // Nothing described beyond what the host page fixed.
    // (Dates alone describe no transfer.)
    let undated = crate::form::Form { dates: Default::default(), conditions: Default::default(), ..f.clone() };
    let empty = undated.is_empty() || (lock.is_some() && undated == lock.form(f.next_key));
    // The printable materials checklist, in place of the form and verdict (standalone page only,
    // while the verdict names a checklist); focus goes to its title, and back to its button.
    let materials_open = use_state(|| false);
    let materials = model.valid.clone().filter(|c| *materials_open && standalone && !c.verdict.materials.is_empty());
    {
        let was = use_mut_ref(|| false);
        use_effect_with(materials.is_some(), move |open| {
            let before = std::mem::replace(&mut *was.borrow_mut(), *open);
            if *open || before {
                focus(if *open { "materials-title" } else { "open-materials" });
            }
        });
    }
    // The compare view (`compare.rs`), in place of the form and verdict while open.
    let comparing = model.valid.clone().filter(|_| model.compare && !neutral && materials.is_none());
    crate::compare::use_compare_focus(comparing.is_some());
    let on_compare = (!neutral).then(|| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Compare(true)))
    });
    let show_materials = |on: bool| {
        let m = materials_open.clone();
        Callback::from(move |_: MouseEvent| m.set(on))
    };
    let register_open = use_state(|| false);
    let title = l.t("数据出境合规检查", "Cross-border data transfer checker");
    // Embedded, the host page has its own banner, main and footer: the widget is one region.
    let (header, main, footer) = if standalone { ("header", "main", "footer") } else { ("div", "div", "div") };

    let page = html! {
        <ContextProvider<crate::guide::GuideCtx> context={guide_ctx}>
        <crate::guide::GuideDialog lang={l} request={(*guide_req).clone()} zone={f.zone} onclose={guide_close} onlang={switch_lang.clone()} />
        if materials.is_none() && comparing.is_none() { <a class="skip" href="#verdict" onclick={skip}>{l.t("跳到结论", "Skip to the verdict")}</a> }
        <@{header} class={classes!("masthead", materials.is_some().then_some("no-print"))}>
            <div class="masthead-inner">
                <div class="brand">
                    <span class="logo" aria-hidden="true">{"⇄"}</span>
                    <div>
                        <p class="app-name">{"xborder"}</p>
                        if standalone { <h1>{title}</h1> } else { <p class="title">{title}</p> }
                    </div>
                </div>
                <button type="button" class="button lang" id="lang-switch" onclick={switch_lang} lang={l.other().html_lang()}
                    aria-label={l.t("Switch to English", "切换到中文")}>
                    {l.t("English", "中文")}
                </button>
            </div>
        </@>
        if let Some(c) = materials.clone() {
            {crate::materials::view(l, &c, &ticks, show_materials(false))}
        } else {
        <section class="intro" aria-label={l.t("关于本工具", "About this checker")}>
            <p>{l.t("面向自由贸易试验区企业：按所在区域的负面清单和国家《促进和规范数据跨境流动规定》（2024），判断一次数据出境需要安全评估、标准合同或认证、其他路径，还是无需办理。",
                    "For companies in China's pilot free trade zones: what a planned cross-border data transfer needs under the zone's negative list and the national Provisions of 2024 — a CAC security assessment, a standard contract or certification, another pathway, or nothing.")}</p>
            <p class="assurances">
                <span>{l.t("全部在浏览器内计算：您填写的内容不会离开本机。", "Everything runs in this browser: nothing you enter leaves this computer.")}</span>
                <span>{l.t("以中文原文为准；英文为本工具自译。", "The Chinese originals control; the English text is our own.")}</span>
            </p>
        </section>
        if let Some(e) = emb {
            <EmbedNotes lang={l} lock={e.lock} problems={e.problems.clone()} />
        }
        <NoticeBar lang={l} notice={model.notice.clone()} undo={model.undo.is_some()} dispatch={d.clone()} embedded={!standalone} />
        if let Some(c) = comparing.clone() {
            <@{main} class="compare-main"><crate::compare::CompareView lang={l} checked={c} stale={model.stale()} dispatch={d.clone()} /></@>
        } else {
        <@{main} class="layout">
            <div class="form-col" key={model.generation.to_string()}>
                <ZoneSection lang={l} zone={f.zone} in_zone={f.in_zone} ciio={f.ciio} dispatch={d.clone()} unknown={f.unknown.clone()} unanswered={f.unanswered()} locked={lock.list.is_some()} />
                <SectorSection lang={l} zone={f.zone} list={f.list} sector={f.sector} scenarios={f.scenarios.clone()} answers={f.answers.clone()} dispatch={d.clone()} unknown={f.unknown.clone()}
                    locked_list={lock.list.is_some()} locked_sector={lock.sector.is_some()} />
                <ImportantDataSection lang={l} sector={sector} scenarios={f.scenarios.clone()} items={f.items.clone()} answers={f.answers.clone()} dispatch={d.clone()} unknown={f.unknown.clone()} />
                <PersonalInformationSection lang={l} sector={sector} rows={f.pi.clone()} errors={model.errors.clone()} answers={f.answers.clone()} dispatch={d.clone()} unknown={f.unknown.clone()} />
                <FlagsSection lang={l} notified={f.notified} core_data={f.core_data} export_control={f.export_control} dispatch={d.clone()} unknown={f.unknown.clone()} unanswered={f.unanswered()} />
                <DatesSection lang={l} dates={f.dates.clone()} as_of={f.as_of.clone()} conditions={f.conditions.clone()} errors={model.errors.clone()} dispatch={d.clone()} />
                if standalone {
                    <crate::matter::MatterSection lang={l} matter={f.matter.clone()} dispatch={d.clone()} />
                }
            </div>
            <aside class="verdict-col" aria-label={l.t("结论", "Verdict")}>
                <VerdictPanel lang={l} checked={model.valid.clone()} errors={model.errors.clone()} input_error={model.input_error.clone()} empty={empty} neutral={neutral} dispatch={d.clone()}
                    on_materials={standalone.then(|| show_materials(true))} on_compare={on_compare} />
            </aside>
        </@>
        if standalone {
            // The year-to-date register (its own state, kept in IndexedDB; never in the link).
            <p class="register-open">
                <button type="button" class="button" id="open-register" aria-expanded={register_open.to_string()} aria-controls="register"
                    onclick={{ let r = register_open.clone(); Callback::from(move |_: MouseEvent| r.set(!*r)) }}>
                    {l.t("本年度累计登记簿", "Year-to-date register")}</button>
            </p>
            if *register_open {
                <crate::register_view::RegisterView lang={l} handler={crate::register_view::handler_facts(f)} list={f.list} sector={f.sector} />
            }
        }
        }
        if let (Some(o), None) = (outcome_bar, &comparing) {
            // On a narrow screen: the outcome, always in view; it jumps to the verdict.
            <a href="#verdict" class={classes!("outcome-bar", format!("outcome-{}", o.code()))} id="outcome-bar"
                onclick={Callback::from(|e: MouseEvent| { e.prevent_default(); focus("verdict"); })}>
                <span>{l.t("结论：", "Verdict: ")}{pathway_name(o, l)}</span>
                <span class="outcome-bar-go">{l.t("查看结论 ↑", "See the verdict ↑")}</span>
            </a>
        }
        }
        <@{footer} class="footer">
            <p>{l.t("xborder 是开源工具，不构成法律意见。规则数据版本：", "xborder is an open-source tool, not legal advice. Rules version: ")}<code>{RULES_VERSION}</code></p>
            if standalone {
                <p>{l.t("本页面加载后不发出任何网络请求；草稿、语言选择和材料清单的勾选仅保存在本浏览器。", "After loading, this page makes no network request; the draft, the language choice and the materials ticks stay in this browser only.")}</p>
            } else {
                <p>{l.t("本检查工具加载后不发出任何网络请求，也不保存任何内容；填写的内容只在本页面中，离开页面即清除。",
                        "After loading, this checker makes no network request and stores nothing: your entries live in this page only and are gone when you leave it.")}</p>
            }
        </@>
        </ContextProvider<crate::guide::GuideCtx>>
    };
    match emb {
        None => page,
        // The widget's own root: its language, its layout, and a name for assistive technology.
        Some(e) => html! {
            <div class={classes!("xb", e.compact.then_some("compact"))} lang={l.html_lang()} role="region" aria-label={format!("xborder · {title}")}>
                {page}
            </div>
        },
    }
}

#[derive(Properties, PartialEq)]
struct EmbedNotesProps {
    lang: Lang,
    lock: Lock,
    problems: Vec<String>,
}

/// Embedded: what the host page fixed, and what was wrong with its attributes.
#[component]
fn EmbedNotes(p: &EmbedNotesProps) -> Html {
    let l = p.lang;
    let list = p.lock.list.and_then(catalogue::list);
    let sector = list.and_then(|x| x.sector(p.lock.sector?));
    html! {
        <>
        if let Some(list) = list {
            <div class="notice info locked" id="embed-lock">
                <p>
                    <strong>{l.t("本页面已设定：", "Set by this page: ")}</strong>
                    {l.t(list.title_zh, list.title_en)}
                    if let Some(s) = sector { {" · "}{crate::sector::sector_name(s, l)} }
                    {l.t("。自贸试验区、清单", ". The free trade zone, the list")}
                    {if sector.is_some() { l.t("和行业不可更改。", " and the sector cannot be changed here.") } else { l.t("不可更改。", " cannot be changed here.") }}
                </p>
            </div>
        }
        if !p.problems.is_empty() {
            <div class="notice error" role="alert" id="embed-problems">
                <p><strong>{l.t("嵌入设置有误（请联系本页面的维护者）：", "This page embeds the checker with settings it does not know (tell the page's maintainer):")}</strong></p>
                <ul>{ for p.problems.iter().map(|x| html! { <li><code>{x.clone()}</code></li> }) }</ul>
            </div>
        }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NoticeProps {
    lang: Lang,
    notice: Option<Notice>,
    undo: bool,
    dispatch: crate::form::Dispatch,
    /// Embedded in a host page: there is no draft to speak of.
    #[prop_or_default]
    embedded: bool,
}

#[component]
fn NoticeBar(p: &NoticeProps) -> Html {
    let l = p.lang;
    let Some(n) = &p.notice else { return html! {} };
    let act = |a: fn() -> Action, text: &str, id: &str| {
        let d = p.dispatch.clone();
        html! { <button type="button" class="button small" id={id.to_string()} onclick={Callback::from(move |_: MouseEvent| d.dispatch(a()))}>{text.to_string()}</button> }
    };
    let dismiss = act(|| Action::Dismiss, l.t("知道了", "Dismiss"), "notice-dismiss");
    let (kind, body): (&str, Html) = match n {
        Notice::Link { rules_changed, draft } => (
            if *rules_changed { "warn" } else { "info" },
            html! {
                <>
                <p><strong>{l.t("已打开链接中的场景。", "Opened the scenario from the link.")}</strong>{" "}
                    {if *draft { l.t("修改后将替换您保存的草稿。", "Editing it replaces your saved draft.") }
                     else { l.t("修改后将作为草稿保存在本浏览器中。", "Your edits are kept in this browser as your draft.") }}</p>
                if *rules_changed {
                    <p id="rules-changed">{l.t("此链接是在另一版本的规则数据下生成的；现按当前规则（", "This link was made under a different version of the rules data; it is read with today's rules (")}
                        <code>{RULES_VERSION}</code>{l.t("）判断，结论可能与当时不同。", "), so the verdict may differ from when it was made.")}</p>
                }
                <p class="notice-actions">
                    if *draft { {act(|| Action::OpenDraft(storage::load()), l.t("改为打开我的草稿", "Open my saved draft instead"), "notice-open-draft")} }
                    {dismiss}
                </p>
                </>
            },
        ),
        Notice::Salvaged(dropped) => (
            "warn",
            html! {
                <p id="notice-salvaged"><strong>{l.t("已打开损坏链接中可以读取的部分。", "Opened what could be read of the damaged link.")}</strong>{" "}
                    {l.t("未能读取、已略去：", "Left out, as it could not be read: ")}{l.t(&dropped.zh, &dropped.en).to_string()}{l.t("。请核对表单后再依赖结论。", ". Check the form before relying on the verdict.")}
                    {" "}{dismiss}</p>
            },
        ),
        Notice::BadLink { message, draft, salvage } => (
            "error",
            html! {
                <>
                <p><strong>{l.t("无法打开此链接。", "This link could not be opened.")}</strong>{" "}{l.t(&message.zh, &message.en).to_string()}</p>
                <p>{l.t("下面是空白表单，可以直接填写；", "The form below is empty and ready to use; ")}
                   {if *draft { l.t("您保存的草稿没有改变。", "your saved draft is unchanged.") } else { l.t("本浏览器中没有保存的草稿。", "there is no saved draft in this browser.") }}</p>
                if let Some(sv) = salvage {
                    <p>{l.t("链接的其余部分仍可读取；打开时将略去：", "The rest of the link can still be read; opening it leaves out: ")}{l.t(&sv.dropped.zh, &sv.dropped.en).to_string()}{l.t("。", ".")}</p>
                }
                <p class="notice-actions">
                    if let Some(sv) = salvage.clone() {
                        <button type="button" class="button small" id="notice-salvage" onclick={{ let d = p.dispatch.clone(); Callback::from(move |_: MouseEvent| d.dispatch(Action::OpenSalvaged(sv.clone()))) }}>
                            {l.t("打开可读取的部分", "Open what can be read")}</button>
                    }
                    if *draft { {act(|| Action::OpenDraft(storage::load()), l.t("打开我的草稿", "Open my saved draft"), "notice-open-draft")} }
                    {dismiss}
                </p>
                </>
            },
        ),
        Notice::BadDraft { message } => (
            "error",
            html! {
                <>
                <p><strong>{l.t("无法恢复保存的草稿。", "The saved draft could not be restored.")}</strong>{" "}{l.t(&message.zh, &message.en).to_string()}</p>
                <p>{l.t("草稿仍保留在本浏览器中，直到您开始填写。", "It stays in this browser until you start editing.")}</p>
                <p class="notice-actions">{dismiss}</p>
                </>
            },
        ),
        Notice::Restored => (
            "info",
            html! {
                <p>{l.t("已恢复您上次的草稿（仅保存在本浏览器）。", "Your draft from last time is restored (it is kept in this browser only).")}{" "}{dismiss}</p>
            },
        ),
        Notice::Removed(said) => (
            "info",
            html! {
                <p id="notice-removed">{l.t(&said.zh, &said.en).to_string()}{" "}
                    if p.undo { {act(|| Action::Undo, l.t("撤销", "Undo"), "notice-undo")} }
                    {" "}{dismiss}</p>
            },
        ),
        Notice::StartedOver => (
            "info",
            html! {
                <p>{if p.embedded { l.t("已清空表单。", "The form is cleared.") } else { l.t("已清空表单并删除草稿。", "The form is cleared and the draft deleted.") }}{" "}
                    if p.undo { {act(|| Action::Undo, l.t("撤销", "Undo"), "notice-undo")} }
                    {" "}{dismiss}</p>
            },
        ),
    };
    html! {
        <div class={classes!("notice", kind)} role={if kind == "error" { "alert" } else { "status" }} id="notice">
            {body}
        </div>
    }
}
