//! The materials checklists of a verdict (`Verdict::materials`, from the rules' `[[materials]]`)
//! and their Markdown, written here without a dependency: `xborder check FILE --format
//! materials` prints it; the page's printable checklist shows the same texts and marks.
//!
//! Each checklist: its title (Chinese, then English), its citation (document, section), the
//! summary and unconfirmed marks, each material as a check box with the Chinese line first and
//! the English under it, and the caveat.
use crate::catalogue::{self, Checklist, Document};
use crate::verdict::{Citation, Verdict};

/// The checklists a verdict names, with their documents, in the verdict's order.
pub fn applicable(v: &Verdict) -> impl Iterator<Item = (&'static Document, &'static Checklist)> + '_ {
    v.materials.iter().filter_map(|id| catalogue::checklist(id))
}

/// The marks of a checklist: （摘要） for our summary, （原文未经核实） for wording not checked
/// against the official text; empty when neither applies.
pub fn marks_zh(c: &Checklist) -> String {
    let mut s = String::new();
    if c.summary {
        s.push_str("（摘要）");
    }
    if !c.confirmed {
        s.push_str("（原文未经核实）");
    }
    s
}

pub fn marks_en(c: &Checklist) -> String {
    let mut s = Vec::new();
    if c.summary {
        s.push("(Summary)");
    }
    if !c.confirmed {
        s.push("(wording not checked against the official text)");
    }
    s.join(" ")
}

/// Document, section and item, in Chinese: 《…》第六条.
pub fn citation_zh(c: &Citation) -> String {
    format!("《{}》{} {}", c.document, c.section, c.item).trim_end().to_string()
}

pub fn citation_en(c: &Citation) -> String {
    format!("{}, {} {}", c.document_en, c.section, c.item).trim_end().to_string()
}

/// A text as Markdown inline content: the characters that would start markup are escaped.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

/// The verdict's checklists as Markdown with check boxes (`- [ ] …`), bilingual. A verdict with
/// no checklist says so.
pub fn markdown(v: &Verdict) -> String {
    let mut o = String::new();
    o.push_str("# 材料清单 · Materials checklist\n\n");
    o.push_str(&format!("结论：{}\\\nOutcome: {}\n\n", md(&v.headline_zh()), md(&v.headline_en())));
    let mut any = false;
    for (doc, c) in applicable(v) {
        any = true;
        let cite = Citation::new(doc, c.citation);
        o.push_str(&format!("## {}\n\n{}\n\n", md(c.title_zh), md(c.title_en)));
        o.push_str(&format!("依据：{}\\\nCitation: {}\n\n", md(&citation_zh(&cite)), md(&citation_en(&cite))));
        let (mz, me) = (marks_zh(c), marks_en(c));
        if !mz.is_empty() {
            o.push_str(&format!("{}\\\n{}\n\n", md(&mz), md(&me)));
        }
        for m in c.items {
            o.push_str(&format!("- [ ] {}\\\n  {}\n", md(m.text_zh), md(m.text_en)));
        }
        o.push('\n');
        if !c.caveat_zh.is_empty() {
            o.push_str(&format!("> 注意：{}\\\n> Note: {}\n\n", md(c.caveat_zh), md(c.caveat_en)));
        }
    }
    if !any {
        o.push_str("本结论没有需要准备的材料清单。\\\nNo materials checklist applies to this verdict.\n\n");
    }
    o.push_str(&format!(
        "---\n\nxborder · rules {}\\\n以中文原文为准；英文为本工具自译。本清单不构成法律意见。\\\nThe Chinese originals control; the English is our own. This checklist is not legal advice.\n",
        md(v.rules_version)
    ));
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, Scenario};

    #[test]
    fn escapes_markup() {
        assert_eq!(md("a*b_[c]<d>|e\\"), "a\\*b\\_\\[c\\]\\<d\\>\\|e\\\\");
    }

    #[test]
    fn no_checklist_says_so() {
        let mut s = Scenario::new();
        s.handler.in_zone = false;
        let v = evaluate(&s).unwrap();
        assert!(v.materials.is_empty());
        assert!(markdown(&v).contains("No materials checklist applies"));
    }

    #[test]
    fn every_checklist_resolves() {
        for d in catalogue::documents() {
            for c in d.materials {
                assert!(catalogue::checklist(c.id).is_some_and(|(dd, _)| dd.id == d.id), "{}", c.id);
                assert!(!marks_en(c).is_empty() || c.confirmed && !c.summary);
            }
        }
    }
}
