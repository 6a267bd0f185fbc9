//! The important-data identification guide: the zones' classification annexes
//! (数据分类分级参考规则) as static data — unified rules, level-1 and level-2 categories, the
//! example cells — with our notes on where two annexes differ, and a plain search over both
//! languages. Compiled from the `[classification]` tables of the measures files.
use crate::catalogue::{self, Cite};
use crate::verdict::Citation;
use serde::Serialize;

/// Where an entry is: the measures document (both languages), the annex, the entry's place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryCitation {
    pub document: &'static str,
    pub document_en: &'static str,
    pub section: String,
    pub item: String,
}

/// A measures document's classification annex.
#[derive(Debug)]
pub struct Annex {
    pub id: &'static str,
    /// The measures document it is annexed to.
    pub document: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub citation: Cite,
    /// The measures' words on when the annex is used, and our English.
    pub applies_zh: &'static str,
    pub applies_en: &'static str,
    pub applies_citation: Cite,
    pub rules: &'static [UnifiedRule],
    pub categories: &'static [Category],
}

#[derive(Debug)]
pub struct UnifiedRule {
    pub number: u32,
    pub text_zh: &'static str,
    pub text_en: &'static str,
}

#[derive(Debug)]
pub struct Category {
    pub number: u32,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub subcategories: &'static [Subcategory],
    pub examples: &'static [Example],
}

#[derive(Debug)]
pub struct Subcategory {
    pub number: u32,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub description_zh: &'static str,
    pub description_en: &'static str,
}

#[derive(Debug)]
pub struct Example {
    /// The level-2 rows the cell spans.
    pub covers: &'static [u32],
    pub text_zh: &'static str,
    pub text_en: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    OnlyInOne,
    Wording,
    Threshold,
    Printing,
}

impl DiffKind {
    pub fn name(self, zh: bool) -> &'static str {
        match (self, zh) {
            (DiffKind::OnlyInOne, true) => "仅一方有",
            (DiffKind::OnlyInOne, false) => "In one annex only",
            (DiffKind::Wording, true) => "措辞不同",
            (DiffKind::Wording, false) => "Different wording",
            (DiffKind::Threshold, true) => "数量标准不同",
            (DiffKind::Threshold, false) => "Different threshold",
            (DiffKind::Printing, true) => "印刷差异",
            (DiffKind::Printing, false) => "Misprint",
        }
    }
}

/// Our note on a difference between two annexes (never the source's words).
#[derive(Debug, Serialize)]
pub struct Difference {
    pub id: &'static str,
    pub kind: DiffKind,
    /// Entry ids, in both annexes.
    pub entries: &'static [&'static str],
    pub note_zh: &'static str,
    pub note_en: &'static str,
}

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A unified identification rule (重要数据统一识别参考规则).
    Rule,
    /// A level-1 category.
    Category,
    /// A level-2 category.
    Subcategory,
    /// An example cell (重要数据识别参考规则（示例）).
    Example,
}

/// One entry of an annex, flattened for showing and searching. Its Chinese is the annex's words.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub annex: &'static Annex,
    pub kind: EntryKind,
    /// The level-1 category it sits in (None: a unified rule).
    pub category: Option<&'static Category>,
    pub number: u32,
    /// The name (a category's), empty for rules and examples.
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// The words: a rule's, a level-2 category's description, an example cell's.
    pub text_zh: &'static str,
    pub text_en: &'static str,
    /// An example cell's rows.
    pub covers: &'static [u32],
}

impl PartialEq for Annex {
    fn eq(&self, o: &Self) -> bool {
        std::ptr::eq(self, o)
    }
}

impl PartialEq for Category {
    fn eq(&self, o: &Self) -> bool {
        std::ptr::eq(self, o)
    }
}

/// （一）…（十三）.
pub fn cjk_number(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n - 10) as usize]),
        _ => n.to_string(),
    }
}

impl Entry {
    /// The rows an example cell spans: 第15至17项, rows 15–17 (empty for other entries).
    pub fn rows(&self, zh: bool) -> String {
        match (self.covers.first(), self.covers.last()) {
            (Some(a), Some(b)) if a == b => if zh { format!("第{a}项") } else { format!("row {a}") },
            (Some(a), Some(b)) => if zh { format!("第{a}至{b}项") } else { format!("rows {a}–{b}") },
            _ => String::new(),
        }
    }

    /// Where it is in the annex: 重要数据统一识别参考规则第2条, （三）工业类 16.智能网联汽车, …
    pub fn place(&self, zh: bool) -> String {
        let cat = self.category.map(|c| if zh { format!("（{}）{}", cjk_number(c.number), c.name_zh) } else { format!("Category {} ({})", c.number, c.name_en) });
        let cat = cat.unwrap_or_default();
        let covers = |zh: bool| self.rows(zh);
        match (self.kind, zh) {
            (EntryKind::Rule, true) => format!("重要数据统一识别参考规则第{}条", self.number),
            (EntryKind::Rule, false) => format!("Unified identification rule {}", self.number),
            (EntryKind::Category, _) => cat,
            (EntryKind::Subcategory, true) => format!("{cat} {}.{}", self.number, self.name_zh),
            (EntryKind::Subcategory, false) => format!("{cat}, level-2 category {}", self.number),
            (EntryKind::Example, true) => format!("{cat} 重要数据识别参考规则（示例）（{}）", covers(true)),
            (EntryKind::Example, false) => format!("{cat}, Identification examples ({})", covers(false)),
        }
    }

    /// The citation: the measures document, its annex, the entry's place.
    pub fn citation(&self) -> EntryCitation {
        let doc = catalogue::documents().iter().find(|d| d.id == self.annex.document).unwrap_or_else(|| catalogue::baseline());
        EntryCitation { document: doc.title_zh, document_en: doc.title_en, section: format!("{} {}", self.annex.citation.section, self.annex.title_zh), item: self.place(true) }
    }

    /// Our notes on how this entry differs from the other annex's.
    pub fn differences(&self) -> impl Iterator<Item = &'static Difference> + '_ {
        differences().iter().filter(move |d| d.entries.contains(&self.id.as_str()))
    }

    /// Plain substring search: Chinese as printed (white space aside), English without regard
    /// to case. An empty query matches every entry.
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim();
        if q.is_empty() {
            return true;
        }
        let zh: String = q.chars().filter(|c| !c.is_whitespace()).collect();
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let en = q.to_lowercase();
        let cat_zh = self.category.map_or("", |c| c.name_zh);
        let cat_en = self.category.map_or("", |c| c.name_en);
        [self.name_zh, self.text_zh, cat_zh].iter().any(|s| squeeze(s).contains(&zh))
            || [self.name_en, self.text_en, cat_en].iter().any(|s| s.to_lowercase().contains(&en))
    }
}

pub fn annexes() -> &'static [Annex] {
    catalogue::ANNEXES
}

pub fn differences() -> &'static [Difference] {
    catalogue::DIFFERENCES
}

pub fn annex(id: &str) -> Option<&'static Annex> {
    annexes().iter().find(|a| a.id == id)
}

/// The annex of a zone's measures.
pub fn annex_of_zone(zone: &str) -> Option<&'static Annex> {
    annexes().iter().find(|a| catalogue::documents().iter().any(|d| d.id == a.document && d.zone == zone))
}

/// Every entry of an annex, in the order the annex prints them (rules, then each category with
/// its level-2 rows and its example cells).
pub fn entries(a: &'static Annex) -> Vec<Entry> {
    let mut out = Vec::new();
    let base = |kind, category, number, id: String| Entry { id, annex: a, kind, category, number, name_zh: "", name_en: "", text_zh: "", text_en: "", covers: &[] };
    for r in a.rules {
        out.push(Entry { text_zh: r.text_zh, text_en: r.text_en, ..base(EntryKind::Rule, None, r.number, format!("{}:r{}", a.id, r.number)) });
    }
    for c in a.categories {
        out.push(Entry { name_zh: c.name_zh, name_en: c.name_en, ..base(EntryKind::Category, Some(c), c.number, format!("{}:c{}", a.id, c.number)) });
        for s in c.subcategories {
            out.push(Entry { name_zh: s.name_zh, name_en: s.name_en, text_zh: s.description_zh, text_en: s.description_en, ..base(EntryKind::Subcategory, Some(c), s.number, format!("{}:s{}", a.id, s.number)) });
        }
        for (k, e) in c.examples.iter().enumerate() {
            out.push(Entry { text_zh: e.text_zh, text_en: e.text_en, covers: e.covers, ..base(EntryKind::Example, Some(c), k as u32 + 1, format!("{}:c{}-x{}", a.id, c.number, k + 1)) });
        }
    }
    out
}

/// The entry with this id.
pub fn entry(id: &str) -> Option<Entry> {
    let (a, _) = id.split_once(':')?;
    entries(annex(a)?).into_iter().find(|e| e.id == id)
}

/// The entries of an annex a query matches.
pub fn search(a: &'static Annex, query: &str) -> Vec<Entry> {
    entries(a).into_iter().filter(|e| e.matches(query)).collect()
}

// ---- the catalogue's `classification` key (a compatible extension) ----

#[derive(Serialize)]
pub struct ClassificationView {
    pub annexes: Vec<AnnexView>,
    /// Our notes on where two annexes differ.
    pub differences: &'static [Difference],
}

#[derive(Serialize)]
pub struct AnnexView {
    pub id: &'static str,
    pub document: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub applies_zh: &'static str,
    pub applies_en: &'static str,
    pub applies_citation: Citation,
    pub entries: Vec<EntryView>,
}

#[derive(Serialize)]
pub struct EntryView {
    pub id: String,
    pub kind: EntryKind,
    pub number: u32,
    /// The level-1 category (absent for a unified rule).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<u32>,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub name_zh: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub name_en: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub text_zh: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub text_en: &'static str,
    #[serde(skip_serializing_if = "<[u32]>::is_empty")]
    pub covers: &'static [u32],
    pub citation: EntryCitation,
    /// The Chinese is the annex's words (always, for an annex entry); the English is ours.
    pub verbatim: bool,
    /// Ids of our difference notes naming this entry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub differences: Vec<&'static str>,
}

pub fn view() -> ClassificationView {
    ClassificationView {
        annexes: annexes()
            .iter()
            .map(|a| {
                let doc = catalogue::documents().iter().find(|d| d.id == a.document).unwrap_or_else(|| catalogue::baseline());
                AnnexView {
                    id: a.id,
                    document: a.document,
                    title_zh: a.title_zh,
                    title_en: a.title_en,
                    applies_zh: a.applies_zh,
                    applies_en: a.applies_en,
                    applies_citation: Citation::new(doc, a.applies_citation),
                    entries: entries(a)
                        .into_iter()
                        .map(|e| EntryView {
                            citation: e.citation(),
                            differences: e.differences().map(|d| d.id).collect(),
                            id: e.id,
                            kind: e.kind,
                            number: e.number,
                            category: e.category.map(|c| c.number),
                            name_zh: e.name_zh,
                            name_en: e.name_en,
                            text_zh: e.text_zh,
                            text_en: e.text_en,
                            covers: e.covers,
                            verbatim: true,
                        })
                        .collect(),
                }
            })
            .collect(),
        differences: differences(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_annexes_are_there_with_their_numbers() {
        let cq = annex("cq-annex").expect("the Chongqing annex");
        let gd = annex("gd-annex").expect("the Guangdong annex");
        for a in [cq, gd] {
            assert_eq!(a.rules.len(), 5, "{}: unified rules 1-5", a.id);
            assert_eq!(a.categories.len(), 13, "{}: 13 level-1 categories", a.id);
            let subs: Vec<u32> = a.categories.iter().flat_map(|c| c.subcategories.iter().map(|s| s.number)).collect();
            assert_eq!(subs, (1..=40).collect::<Vec<_>>(), "{}: 40 level-2 categories in order", a.id);
        }
        assert_eq!(annex_of_zone("chongqing").map(|a| a.id), Some("cq-annex"));
        assert_eq!(annex_of_zone("guangdong").map(|a| a.id), Some("gd-annex"));
        assert_eq!(annex_of_zone("beijing"), None);
    }

    #[test]
    fn search_is_plain_substring_in_both_languages() {
        let cq = annex("cq-annex").unwrap();
        let hits: Vec<String> = search(cq, "智能网联汽车").into_iter().map(|e| e.id).collect();
        assert!(hits.contains(&"cq-annex:s16".to_string()), "{hits:?}");
        assert!(hits.contains(&"cq-annex:c3-x3".to_string()), "{hits:?}");
        // English, any case.
        let en: Vec<String> = search(cq, "RARE EARTH").into_iter().map(|e| e.id).collect();
        assert!(en.contains(&"cq-annex:s9".to_string()), "{en:?}");
        // White space in a Chinese query or the source's "1000 万" is no obstacle.
        assert!(search(cq, "1000万人").iter().any(|e| e.id == "cq-annex:r2"));
        assert!(search(cq, "").len() == entries(cq).len());
        assert!(search(cq, "no such words at all").is_empty());
        // Not a pattern language: "." is a full stop, not "any character".
        assert!(search(cq, "石.油").is_empty());
    }

    #[test]
    fn differences_are_marked_on_both_sides() {
        let gd = entry("gd-annex:c7-x1").unwrap();
        let cq = entry("cq-annex:c7-x1").unwrap();
        assert!(gd.text_zh.contains("支付清算") && !cq.text_zh.contains("支付清算"));
        let ids: Vec<&str> = gd.differences().map(|d| d.id).collect();
        assert_eq!(ids, cq.differences().map(|d| d.id).collect::<Vec<_>>());
        assert!(ids.contains(&"gd-annex.finance-payment"), "{ids:?}");
        // The unified rules differ only in the zone's name: no note.
        assert_eq!(entry("gd-annex:r2").unwrap().differences().count(), 0);
        for d in differences() {
            for e in d.entries {
                assert!(entry(e).is_some(), "{}: {e}", d.id);
            }
        }
    }

    #[test]
    fn places_and_citations() {
        let e = entry("cq-annex:s16").unwrap();
        assert_eq!(e.place(true), "（三）工业类 16.智能网联汽车");
        assert_eq!(entry("gd-annex:r3").unwrap().place(false), "Unified identification rule 3");
        assert_eq!(entry("cq-annex:c3-x3").unwrap().place(true), "（三）工业类 重要数据识别参考规则（示例）（第15至17项）");
        assert_eq!(entry("cq-annex:c13").unwrap().place(true), "（十三）其他数据类");
        let c = e.citation();
        assert!(c.document.contains("重庆"), "{}", c.document);
        assert!(c.section.contains("数据分类分级参考规则"));
    }

    #[test]
    fn the_catalogue_json_gains_one_key() {
        let json = serde_json::to_value(crate::listing::catalogue()).unwrap();
        let keys: Vec<&str> = json.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        for k in ["rules_version", "lists", "zones", "definitions", "conditions", "documents", "not_covered", "classification"] {
            assert!(keys.contains(&k), "{k} in {keys:?}");
        }
        assert_eq!(keys.len(), 8, "{keys:?}");
        let e = &json["classification"]["annexes"][1]["entries"];
        let s16 = e.as_array().unwrap().iter().find(|x| x["id"] == "gd-annex:s16").unwrap();
        assert_eq!(s16["kind"], "subcategory");
        assert_eq!(s16["category"], 3);
        assert_eq!(s16["verbatim"], true);
        assert_eq!(s16["differences"][0], "gd-annex.icv-guideline");
        assert!(s16["text_zh"].as_str().unwrap().contains("《汽车数据出境安全指引》（2026版）"));
        assert_eq!(s16["citation"]["item"], "（三）工业类 16.智能网联汽车");
    }

    #[test]
    fn the_catalogue_view_carries_every_entry() {
        let v = view();
        let json = serde_json::to_value(&v).unwrap();
        assert_eq!(json["annexes"].as_array().unwrap().len(), 2);
        let n = json["annexes"][0]["entries"].as_array().unwrap().len();
        assert_eq!(n, 5 + 13 + 40 + 15, "rules, level-1, level-2, example cells");
        assert!(json["differences"].as_array().unwrap().len() >= 10);
    }
}
