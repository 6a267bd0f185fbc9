//! Chinese and English. The Chinese originals of the rules control; every English line here
//! and in the catalogue is our own. The choice is remembered in localStorage (`draft::LANG_KEY`).
use crate::draft;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The saved choice, else the browser's language (any `zh*` → Chinese), else English.
    pub fn detect() -> Lang {
        match draft::load_lang().as_deref() {
            Some("zh") => return Lang::Zh,
            Some("en") => return Lang::En,
            _ => {}
        }
        let nav = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
        if nav.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The value of `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// Picks the text of this language.
    pub fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Sets `<html lang>` and the document title.
    pub fn apply(self) {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", self.html_lang());
            }
            doc.set_title(self.t("xborder · 数据出境合规检查", "xborder · Cross-border data transfer checker"));
        }
    }
}
