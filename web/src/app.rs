//! The page: header, notices, the form (steps 1-5) and the verdict beside it.
use crate::draft;
use crate::flags::FlagsSection;
use crate::form::{Action, Model, Notice};
use crate::i18n::Lang;
use crate::important_data::ImportantDataSection;
use crate::permalink;
use crate::personal_information::PersonalInformationSection;
use crate::sector::{Sec, SectorSection};
use crate::verdict::{pathway_name, VerdictPanel};
use crate::zone::ZoneSection;
use wasm_bindgen::JsCast;
use xborder_core::catalogue::RULES_VERSION;
use yew::prelude::*;

/// Moves keyboard focus (and the view) to an element by id.
pub fn focus(id: &str) {
    if let Some(el) = gloo::utils::document().get_element_by_id(id) {
        if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = h.focus();
            h.scroll_into_view();
        }
    }
}

#[component]
pub fn App() -> Html {
    let lang = use_state(Lang::detect);
    let model = use_reducer(|| Model::initial(&permalink::current(), draft::load()));
    let l = *lang;

    // <html lang> and the title follow the language.
    use_effect_with(l, |l| l.apply());

    // The draft: saved on every accepted change once the form is the user's own.
    {
        let draft = model.draft();
        let save = model.save;
        use_effect_with((draft, save, model.rev), |(draft, save, _)| {
            if *save {
                draft::save(draft.as_deref());
                permalink::clear_unless(draft.as_deref());
            }
        });
    }

    // A link pasted into the address bar of the open page.
    {
        let d = model.dispatcher();
        use_effect_with((), move |_| {
            let listener = gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                let frag = permalink::current();
                // In-page anchors are not scenarios.
                if frag.is_empty() || gloo::utils::document().get_element_by_id(&frag).is_some() {
                    return;
                }
                d.dispatch(Action::Open(frag));
            });
            move || drop(listener)
        });
    }

    let switch_lang = {
        let lang = lang.clone();
        Callback::from(move |_: MouseEvent| {
            let next = lang.other();
            draft::save_lang(next.code());
            lang.set(next);
        })
    };
    let d = model.dispatcher();
    let f = &model.form;
    let sector = f.sector_ref().map(Sec);
    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        focus("verdict");
    });
    let outcome_bar = model.valid.as_ref().map(|c| c.verdict.outcome);

    html! {
        <>
        <a class="skip" href="#verdict" onclick={skip}>{l.t("跳到结论", "Skip to the verdict")}</a>
        <header class="masthead">
            <div class="masthead-inner">
                <div class="brand">
                    <span class="logo" aria-hidden="true">{"⇄"}</span>
                    <div>
                        <p class="app-name">{"xborder"}</p>
                        <h1>{l.t("数据出境合规检查", "Cross-border data transfer checker")}</h1>
                    </div>
                </div>
                <button type="button" class="button lang" id="lang-switch" onclick={switch_lang} lang={l.other().html_lang()}
                    aria-label={l.t("Switch to English", "切换到中文")}>
                    {l.t("English", "中文")}
                </button>
            </div>
        </header>
        <div class="intro">
            <p>{l.t("面向自由贸易试验区企业：按所在区域的负面清单和国家《促进和规范数据跨境流动规定》（2024），判断一次数据出境需要安全评估、标准合同或认证、其他路径，还是无需办理。",
                    "For companies in China's pilot free trade zones: what a planned cross-border data transfer needs under the zone's negative list and the national Provisions of 2024 — a CAC security assessment, a standard contract or certification, another pathway, or nothing.")}</p>
            <p class="assurances">
                <span>{l.t("全部在浏览器内计算：您填写的内容不会离开本机。", "Everything runs in this browser: nothing you enter leaves this computer.")}</span>
                <span>{l.t("以中文原文为准；英文为本工具自译。", "The Chinese originals control; the English text is our own.")}</span>
            </p>
        </div>
        <NoticeBar lang={l} notice={model.notice.clone()} undo={model.undo.is_some()} dispatch={d.clone()} />
        <main class="layout">
            <div class="form-col">
                <ZoneSection lang={l} zone={f.zone} in_zone={f.in_zone} ciio={f.ciio} dispatch={d.clone()} />
                <SectorSection lang={l} zone={f.zone} list={f.list} sector={f.sector} scenarios={f.scenarios.clone()} answers={f.answers.clone()} dispatch={d.clone()} />
                <ImportantDataSection lang={l} sector={sector} scenarios={f.scenarios.clone()} items={f.items.clone()} answers={f.answers.clone()} dispatch={d.clone()} />
                <PersonalInformationSection lang={l} sector={sector} rows={f.pi.clone()} errors={model.errors.clone()} answers={f.answers.clone()} dispatch={d.clone()} />
                <FlagsSection lang={l} notified={f.notified} core_data={f.core_data} export_control={f.export_control} dispatch={d.clone()} />
            </div>
            <aside class="verdict-col" aria-label={l.t("结论", "Verdict")}>
                <VerdictPanel lang={l} checked={model.valid.clone()} errors={model.errors.clone()} input_error={model.input_error.clone()} empty={f.is_empty()} dispatch={d.clone()} />
            </aside>
        </main>
        if let Some(o) = outcome_bar {
            <div class={classes!("outcome-bar", format!("outcome-{}", o.code()))} aria-hidden="true">
                <span>{l.t("结论：", "Verdict: ")}{pathway_name(o, l)}</span>
            </div>
        }
        <footer class="footer">
            <p>{l.t("xborder 是开源工具，不构成法律意见。规则数据版本：", "xborder is an open-source tool, not legal advice. Rules version: ")}<code>{RULES_VERSION}</code></p>
            <p>{l.t("本页面加载后不发出任何网络请求；草稿和语言选择仅保存在本浏览器。", "After loading, this page makes no network request; the draft and language choice stay in this browser only.")}</p>
        </footer>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NoticeProps {
    lang: Lang,
    notice: Option<Notice>,
    undo: bool,
    dispatch: crate::Dispatch,
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
                    if *draft { {act(|| Action::OpenDraft, l.t("改为打开我的草稿", "Open my saved draft instead"), "notice-open-draft")} }
                    {dismiss}
                </p>
                </>
            },
        ),
        Notice::BadLink { message, draft } => (
            "error",
            html! {
                <>
                <p><strong>{l.t("无法打开此链接。", "This link could not be opened.")}</strong>{" "}{message.clone()}</p>
                <p>{l.t("下面是空白表单，可以直接填写；", "The form below is empty and ready to use; ")}
                   {if *draft { l.t("您保存的草稿没有改变。", "your saved draft is unchanged.") } else { l.t("本浏览器中没有保存的草稿。", "there is no saved draft in this browser.") }}</p>
                <p class="notice-actions">
                    if *draft { {act(|| Action::OpenDraft, l.t("打开我的草稿", "Open my saved draft"), "notice-open-draft")} }
                    {dismiss}
                </p>
                </>
            },
        ),
        Notice::BadDraft { message } => (
            "error",
            html! {
                <>
                <p><strong>{l.t("无法恢复保存的草稿。", "The saved draft could not be restored.")}</strong>{" "}{message.clone()}</p>
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
        Notice::StartedOver => (
            "info",
            html! {
                <p>{l.t("已清空表单并删除草稿。", "The form is cleared and the draft deleted.")}{" "}
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
