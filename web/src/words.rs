//! The page's words for the engine's codes: an outcome's name and sign, a due date or window,
//! a checklist's result. Pure functions of the core's values and the language; every view may
//! use them (the verdict panel, the report, compare, the outcome bar), and they use no view.
use xborder_core::catalogue::{ExceptionKind, Pathway};
use xborder_core::verdict::{Due, Met};
use xborder_form::lang::Lang;

/// An outcome or pathway by its name, in the page's language.
pub fn pathway_name(p: Pathway, l: Lang) -> &'static str {
    l.t(p.name_zh(), p.name_en())
}

/// An item's own question by its kind: a qualifier, an exception, or a carve-out read two ways
/// (which never clears the item: row `ambiguous-exception-keeps-item`).
pub fn exception_kind(k: ExceptionKind, l: Lang) -> &'static str {
    match k {
        ExceptionKind::Qualifier => l.t("限定条件", "Qualifier"),
        ExceptionKind::Ambiguous => l.t("例外（文义存疑，不据此排除）", "Exception (read two ways: not applied)"),
        _ => l.t("例外情形", "Exception"),
    }
}

/// A short sign beside the colour, so the outcome never rests on colour alone.
pub fn sign(p: Pathway) -> &'static str {
    match p {
        Pathway::SecurityAssessment => "!",
        Pathway::StandardContractOrCertification => "§",
        Pathway::OtherLawfulPathway => "→",
        Pathway::ExportControl => "⚑",
        Pathway::NationalCoreData => "◆",
        Pathway::Exempt => "✓",
    }
}

/// A due date or window as the page writes it: ISO dates in both languages (what a date field
/// shows), "2026年10月16日" beside it in Chinese.
pub fn due_text(due: &Due, l: Lang) -> String {
    match (due, l) {
        (Due::On(d), Lang::Zh) => format!("{}（{d}）", d.zh()),
        (Due::On(d), Lang::En) => d.to_string(),
        (Due::Window(w), Lang::Zh) => format!("{}至{}（{} – {}）", w.from.zh(), w.until.zh(), w.from, w.until),
        (Due::Window(w), Lang::En) => format!("{} – {}", w.from, w.until),
        (Due::Unknown(why), Lang::Zh) => why.zh(),
        (Due::Unknown(why), Lang::En) => why.en(),
    }
}

/// The `data-due` of an obligation: its day, its window (`from/until`), or `unknown`.
pub fn due_code(due: &Due) -> String {
    match due {
        Due::On(d) => d.to_string(),
        Due::Window(w) => format!("{}/{}", w.from, w.until),
        Due::Unknown(_) => "unknown".into(),
    }
}

/// What an obligation's conditions say, in a few words.
pub fn met_label(m: Met, l: Lang) -> &'static str {
    match m {
        Met::Met => l.t("全部条件符合", "All conditions met"),
        Met::NotMet => l.t("有条件不符合", "A condition is not met"),
        Met::Open => l.t("尚有条件未回答", "Conditions not yet answered"),
    }
}
