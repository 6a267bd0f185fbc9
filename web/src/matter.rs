//! Step 7, for the record (optional): the matter a check is for (name, recipient and country,
//! purpose, who prepared it, the date). Kept in the draft and the link, printed on the report;
//! it never decides anything (`xborder_core::scenario::Matter`).
use crate::form::Action;
use xborder_form::lang::Lang;
use crate::form::Dispatch;
use xborder_core::scenario::Matter;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MatterProps {
    pub lang: Lang,
    pub matter: Matter,
    pub dispatch: Dispatch,
}

pub use xborder_form::said::matter_label as label;

#[component]
pub fn MatterSection(p: &MatterProps) -> Html {
    let l = p.lang;
    html! {
        <section class="step" aria-labelledby="step-matter">
            <h2 id="step-matter"><span class="step-no">{"7"}</span>{l.t("记录信息（选填）", "For the record (optional)")}</h2>
            <p class="why">{l.t("这些信息只用于打印报告和链接，不影响结论；与其他内容一样，只保存在本浏览器中。",
                                "For the printed report and the link only: they change nothing in the verdict, and like everything else they stay in this browser.")}</p>
            <div class="matter-fields">
                { for Matter::FIELDS.iter().enumerate().map(|(i, name)| {
                    let id = format!("matter-{name}");
                    let value = p.matter.fields()[i].clone();
                    let d = p.dispatch.clone();
                    let on_input = Callback::from(move |e: InputEvent| d.dispatch(Action::Matter(i, e.target_unchecked_into::<web_sys::HtmlInputElement>().value())));
                    html! {
                        <div class={classes!("field", (i == 0 || i == 3).then_some("wide"), (*name == "date").then_some("date"))}>
                            <label for={id.clone()}>{label(i, l)}</label>
                            <input type={if *name == "date" { "date" } else { "text" }} id={id} value={value} oninput={on_input}
                                maxlength={Matter::MAX_CHARS.to_string()} autocomplete="off" />
                        </div>
                    }
                }) }
            </div>
        </section>
    }
}
