//! The classification annexes (数据分类分级参考规则) of the zones' measures as data: the
//! unified important-data identification rules, the level-1 and level-2 categories with their
//! descriptions, the example cells (重要数据识别参考规则（示例）) and the notes of ours that mark
//! where two annexes differ. A measures file holds its own annex under `[classification]`.
//!
//! Entry ids (stable: the page and the catalogue name entries by them):
//! `<annex>:r<n>` a unified rule, `<annex>:c<n>` a level-1 category, `<annex>:s<n>` a level-2
//! category, `<annex>:c<n>-x<k>` the k-th example cell of level-1 category n.
use crate::model::{Citation, File};
use crate::{Parsed, Problem};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// A measures document's classification annex.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annex {
    /// `cq-annex`, `gd-annex`.
    pub id: String,
    pub title_zh: String,
    pub title_en: String,
    /// Where the annex is in its document (`附件`).
    pub citation: Citation,
    /// The measures' own words on when the annex is used (quoted whole), and our English.
    pub applies_zh: String,
    pub applies_en: String,
    pub applies_citation: Citation,
    /// The annex this one's `differences` compare it with.
    #[serde(default)]
    pub compared_with: Option<String>,
    pub rules: Vec<UnifiedRule>,
    pub categories: Vec<Category>,
    #[serde(default)]
    pub differences: Vec<Difference>,
}

/// One of the 重要数据统一识别参考规则, numbered as printed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnifiedRule {
    pub number: u32,
    pub text_zh: String,
    pub text_en: String,
}

/// A level-1 category (一级类别), numbered （一）, （二）… as printed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub number: u32,
    pub name_zh: String,
    pub name_en: String,
    pub subcategories: Vec<Subcategory>,
    /// The example cells of the table's last column; each spans the rows of `covers`.
    #[serde(default)]
    pub examples: Vec<Example>,
}

/// A level-2 category (二级类别), numbered across the whole table as printed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subcategory {
    pub number: u32,
    pub name_zh: String,
    pub name_en: String,
    /// 数据基本信息描述 (empty where the row prints none).
    #[serde(default)]
    pub description_zh: String,
    #[serde(default)]
    pub description_en: String,
}

/// A cell of 重要数据识别参考规则（示例）: merged across the rows of the level-2 categories it covers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub covers: Vec<u32>,
    pub text_zh: String,
    pub text_en: String,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    /// Words (a category, an example, a reference) that one annex has and the other lacks.
    OnlyInOne,
    /// Different words for the same entry.
    Wording,
    /// A different number or volume.
    Threshold,
    /// A misprint in one copy: the meaning is the same.
    Printing,
}

/// Our note on where two annexes differ (shown marked as our note).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Difference {
    pub id: String,
    pub kind: DiffKind,
    /// Entry ids in both annexes.
    pub entries: Vec<String>,
    pub note_zh: String,
    pub note_en: String,
}

/// Every entry of an annex: (id, Chinese words) in the order the annex prints them.
pub fn entries(a: &Annex) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for r in &a.rules {
        out.push((format!("{}:r{}", a.id, r.number), r.text_zh.clone()));
    }
    for c in &a.categories {
        out.push((format!("{}:c{}", a.id, c.number), c.name_zh.clone()));
        for s in &c.subcategories {
            out.push((format!("{}:s{}", a.id, s.number), format!("{}\n{}", s.name_zh, s.description_zh)));
        }
        for (k, e) in c.examples.iter().enumerate() {
            out.push((format!("{}:c{}-x{}", a.id, c.number, k + 1), e.text_zh.clone()));
        }
    }
    out
}

/// `<annex>:r2` → `r2`: the same place in another annex.
fn local(id: &str) -> &str {
    id.split_once(':').map_or(id, |x| x.1)
}

/// Chinese text compared across annexes: white space and punctuation width aside, and each
/// annex's own zone name ("重庆自贸试验区", "广东自贸试验区") read as the same words.
pub fn comparable(s: &str) -> String {
    let t: Vec<char> = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            ',' => '，',
            ';' => '；',
            ':' => '：',
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
    let key: Vec<char> = "自贸试验区".chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < t.len() {
        if i + 2 + key.len() <= t.len() && t[i + 2..i + 2 + key.len()] == key[..] {
            out.push_str("＊＊");
            i += 2;
            continue;
        }
        out.push(t[i]);
        i += 1;
    }
    out
}

fn slug(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') && !s.starts_with('-') && !s.ends_with('-')
}

/// The lint of every annex and of the notes between them.
pub fn lint(files: &[Parsed]) -> Vec<Problem> {
    let mut out = Vec::new();
    let annexes: Vec<(&str, &File, &Annex)> = files.iter().filter_map(|p| p.file.classification.as_ref().map(|a| (p.name.as_str(), &p.file, a))).collect();
    let mut ids = BTreeSet::new();
    let mut all_entries: BTreeMap<String, String> = BTreeMap::new();
    for (file, f, a) in &annexes {
        let mut add = |item: &str, problem: String, hint: String| out.push(Problem::new(file.to_string(), item, problem).with_hint(hint));
        if f.document.kind != crate::model::DocKind::Measures {
            add(&a.id, "a classification annex belongs to a measures document".into(), "move `[classification]` to the zone's measures file".into());
        }
        if !slug(&a.id) || !ids.insert(a.id.clone()) {
            add(&a.id, "annex id must be a slug, used once".into(), "give it an id of lowercase letters, digits and `-` that no other annex uses".into());
        }
        for (field, v) in [("title_zh", &a.title_zh), ("title_en", &a.title_en), ("applies_zh", &a.applies_zh), ("applies_en", &a.applies_en), ("citation.section", &a.citation.section), ("applies_citation.section", &a.applies_citation.section)] {
            if v.trim().is_empty() {
                add(&a.id, format!("`{field}` is missing or empty"), crate::lint::fill(field));
            }
        }
        let both = |add: &mut dyn FnMut(&str, String, String), id: &str, what: &str, zh: &str, en: &str| {
            if zh.trim().is_empty() || en.trim().is_empty() {
                add(id, format!("{what}: needs both `{what}_zh` and `{what}_en`"), format!("give `{what}_zh` the annex's words and `{what}_en` their English"));
            }
        };
        for (i, r) in a.rules.iter().enumerate() {
            let id = format!("{}:r{}", a.id, r.number);
            if r.number as usize != i + 1 {
                add(&id, format!("unified rules are numbered 1, 2, … in order: expected {}", i + 1), format!("give it `number = {}`", i + 1));
            }
            both(&mut add, &id, "text", &r.text_zh, &r.text_en);
        }
        if a.rules.is_empty() || a.categories.is_empty() {
            add(&a.id, "an annex has unified rules and categories".into(), "give it `[[classification.rules]]` and `[[classification.categories]]`, as the annex prints them".into());
        }
        let mut sub_no = 0;
        for (i, c) in a.categories.iter().enumerate() {
            let id = format!("{}:c{}", a.id, c.number);
            if c.number as usize != i + 1 {
                add(&id, format!("level-1 categories are numbered （一）, （二）, … in order: expected {}", i + 1), format!("give it `number = {}`", i + 1));
            }
            both(&mut add, &id, "name", &c.name_zh, &c.name_en);
            if c.subcategories.is_empty() {
                add(&id, "a level-1 category has level-2 categories".into(), "add its rows as `[[classification.categories.subcategories]]`".into());
            }
            let numbers: Vec<u32> = c.subcategories.iter().map(|s| s.number).collect();
            for s in &c.subcategories {
                sub_no += 1;
                let sid = format!("{}:s{}", a.id, s.number);
                if s.number != sub_no {
                    add(&sid, format!("level-2 categories are numbered 1, 2, … across the table: expected {sub_no}"), format!("give it `number = {sub_no}`"));
                }
                both(&mut add, &sid, "name", &s.name_zh, &s.name_en);
                if s.description_zh.trim().is_empty() != s.description_en.trim().is_empty() {
                    add(&sid, "description: both `description_zh` and `description_en`, or neither".into(), "add the missing language, or remove the one given".into());
                }
            }
            // The example cells cover the category's rows in order, each row once.
            let covered: Vec<u32> = c.examples.iter().flat_map(|e| e.covers.iter().copied()).collect();
            if !c.examples.is_empty() && covered != numbers {
                add(&id, format!("the example cells must cover the rows {numbers:?} in order, each once (they cover {covered:?})"), "give each cell's `covers` the numbers of the rows it spans in the annex".into());
            }
            for (k, e) in c.examples.iter().enumerate() {
                let xid = format!("{id}-x{}", k + 1);
                both(&mut add, &xid, "text", &e.text_zh, &e.text_en);
                if e.covers.is_empty() {
                    add(&xid, "`covers` names the rows the cell spans".into(), "give the numbers of the level-2 rows beside the cell, such as `covers = [8, 9]`".into());
                }
            }
        }
        for (id, zh) in entries(a) {
            if all_entries.insert(id.clone(), zh).is_some() {
                add(&id, "entry id used twice".into(), "correct the `number` of the rule, category or row".into());
            }
        }
    }
    // The notes between annexes: each names existing entries of both annexes, and every entry
    // whose words differ from its counterpart's (zone names aside) is named by a note.
    let by_id: BTreeMap<&str, &Annex> = annexes.iter().map(|(_, _, a)| (a.id.as_str(), *a)).collect();
    for (file, _, a) in &annexes {
        let mut add = |item: &str, problem: String, hint: String| out.push(Problem::new(file.to_string(), item, problem).with_hint(hint));
        if a.compared_with.is_none() && !a.differences.is_empty() {
            add(&a.id, "`differences` need `compared_with` (the other annex)".into(), "give `compared_with` the other annex's id".into());
        }
        let Some(other_id) = &a.compared_with else { continue };
        let Some(other) = by_id.get(other_id.as_str()) else {
            add(&a.id, format!("`compared_with` names no annex: {other_id}"), "give the `id` of the other annex's `[classification]`".into());
            continue;
        };
        let mut noted: BTreeSet<&str> = BTreeSet::new();
        let mut diff_ids = BTreeSet::new();
        for d in &a.differences {
            let did = format!("{}.{}", a.id, d.id);
            if !slug(&d.id) || !diff_ids.insert(d.id.as_str()) {
                add(&did, "difference id must be a slug, used once".into(), "give it an id of lowercase letters, digits and `-` that no other difference of the annex uses".into());
            }
            if d.note_zh.trim().is_empty() || d.note_en.trim().is_empty() {
                add(&did, "a difference note needs `note_zh` and `note_en`".into(), "say what differs, in Chinese and in English".into());
            }
            for e in &d.entries {
                if !all_entries.contains_key(e) {
                    add(&did, format!("names no entry: {e}"), "give an entry id such as `gd-annex:s16` (`r` a unified rule, `c` a category, `s` a row)".into());
                }
                noted.insert(e.as_str());
            }
            let mine: Vec<&str> = d.entries.iter().filter(|e| e.starts_with(&format!("{}:", a.id))).map(|e| local(e)).collect();
            let theirs: Vec<&str> = d.entries.iter().filter(|e| e.starts_with(&format!("{other_id}:"))).map(|e| local(e)).collect();
            if mine.is_empty() || theirs.is_empty() {
                add(&did, format!("a difference names the entries of both annexes ({} and {other_id})", a.id), "add the same entry of the other annex to `entries`".into());
            }
            let same = mine.iter().all(|m| theirs.contains(m)) && theirs.iter().all(|t| mine.contains(t));
            if !same {
                add(&did, "a difference names the same places in both annexes".into(), "pair each entry with the same one of the other annex (`s16` with `s16`)".into());
            }
            let differs = mine.iter().any(|m| {
                let x = all_entries.get(&format!("{}:{m}", a.id)).map(|s| comparable(s));
                let y = all_entries.get(&format!("{other_id}:{m}")).map(|s| comparable(s));
                x != y
            });
            if !differs {
                add(&did, "notes a difference where the two annexes print the same words".into(), "name the entries that differ, or remove the note".into());
            }
        }
        let here: BTreeMap<String, String> = entries(a).into_iter().map(|(id, zh)| (local(&id).to_string(), zh)).collect();
        let there: BTreeMap<String, String> = entries(other).into_iter().map(|(id, zh)| (local(&id).to_string(), zh)).collect();
        for key in here.keys().chain(there.keys()).collect::<BTreeSet<_>>() {
            let (x, y) = (here.get(key).map(|s| comparable(s)), there.get(key).map(|s| comparable(s)));
            let (mine, theirs) = (format!("{}:{key}", a.id), format!("{other_id}:{key}"));
            if x != y && !(noted.contains(mine.as_str()) && noted.contains(theirs.as_str())) {
                add(&mine, format!("differs from {theirs} but no difference note names both"), format!("add a `[[classification.differences]]` with `entries = [\"{mine}\", \"{theirs}\"]`, or name both in an existing note"));
            }
        }
    }
    out
}

fn cite(c: &Citation) -> proc_macro2::TokenStream {
    let (section, item) = (&c.section, &c.item);
    quote::quote! { crate::catalogue::Cite { section: #section, item: #item, document_zh: None, document_en: None } }
}

/// The annexes as Rust (`ANNEXES`, `DIFFERENCES`), appended to the generated catalogue.
pub fn generate(files: &[Parsed]) -> String {
    use crate::codegen::{list, n, strs, nums, variant};
    use quote::quote;
    let mut annexes = Vec::new();
    let mut diffs = Vec::new();
    for p in files {
        let Some(a) = &p.file.classification else { continue };
        let rules = list(&a.rules, |r| {
            let (number, zh, en) = (n(r.number), &r.text_zh, &r.text_en);
            quote! { crate::guide::UnifiedRule { number: #number, text_zh: #zh, text_en: #en } }
        });
        let cats = list(&a.categories, |c| {
            let subs = list(&c.subcategories, |x| {
                let (number, nz, ne, dz, de) = (n(x.number), &x.name_zh, &x.name_en, &x.description_zh, &x.description_en);
                quote! { crate::guide::Subcategory { number: #number, name_zh: #nz, name_en: #ne, description_zh: #dz, description_en: #de } }
            });
            let ex = list(&c.examples, |e| {
                let (covers, zh, en) = (nums(&e.covers), &e.text_zh, &e.text_en);
                quote! { crate::guide::Example { covers: #covers, text_zh: #zh, text_en: #en } }
            });
            let (number, nz, ne) = (n(c.number), &c.name_zh, &c.name_en);
            quote! { crate::guide::Category { number: #number, name_zh: #nz, name_en: #ne, subcategories: #subs, examples: #ex } }
        });
        let (id, doc, tz, te, cite_a, az, ae, cite_b) = (&a.id, &p.file.document.id, &a.title_zh, &a.title_en, cite(&a.citation), &a.applies_zh, &a.applies_en, cite(&a.applies_citation));
        annexes.push(quote! {
            crate::guide::Annex { id: #id, document: #doc, title_zh: #tz, title_en: #te, citation: #cite_a, applies_zh: #az, applies_en: #ae,
                                  applies_citation: #cite_b, rules: #rules, categories: #cats }
        });
        for d in &a.differences {
            let (id, kind, entries, nz, ne) = (format!("{}.{}", a.id, d.id), variant(d.kind), strs(&d.entries), &d.note_zh, &d.note_en);
            diffs.push(quote! { crate::guide::Difference { id: #id, kind: crate::guide::DiffKind::#kind, entries: #entries, note_zh: #nz, note_en: #ne } });
        }
    }
    let tokens = quote! {
        pub static ANNEXES: &[crate::guide::Annex] = &[#(#annexes),*];
        pub static DIFFERENCES: &[crate::guide::Difference] = &[#(#diffs),*];
    };
    format!("{tokens}\n")
}

#[cfg(test)]
mod tests {


    /// The real rules files with one text replaced in one of them: the annex lint's problems.
    fn problems_with(file: &str, from: &str, to: &str) -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
        let mut sources = crate::read_dir(&dir).unwrap();
        let mut hit = false;
        for s in sources.iter_mut().filter(|s| s.name.ends_with(file)) {
            assert!(s.text.contains(from), "{file} has no {from}");
            s.text = s.text.replacen(from, to, 1);
            hit = true;
        }
        assert!(hit || file.is_empty(), "no file {file}");
        match crate::parse(&sources) {
            Ok(r) => {
                let found = super::lint(&r.documents);
                // Every annex problem says what to do.
                assert_eq!(crate::lint::assert_split(&found), found.len(), "{found:#?}");
                found.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
            }
            Err(p) => p.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"),
        }
    }

    const GD: &str = "guangdong-ftz-measures.toml";
    const CQ: &str = "chongqing-ftz-measures.toml";


    #[test]
    fn the_annexes_as_committed_are_clean() {
        assert_eq!(problems_with("", "", ""), "");
    }

    #[test]
    fn numbering_in_order() {
        let p = problems_with(CQ, "[[classification.rules]]\nnumber = 2", "[[classification.rules]]\nnumber = 3");
        assert!(p.contains("cq-annex:r3: unified rules are numbered 1, 2, … in order: expected 2; hint: give it `number = 2`"), "{p}");
        let p = problems_with(CQ, "  number = 9\n", "  number = 10\n");
        assert!(p.contains("level-2 categories are numbered 1, 2, … across the table: expected 9; hint: give it `number = 9`"), "{p}");
        assert!(p.contains("entry id used twice; hint: correct the `number` of the rule, category or row"), "{p}");
        let p = problems_with(GD, "[[classification.categories]]\nnumber = 2", "[[classification.categories]]\nnumber = 4");
        assert!(p.contains("level-1 categories are numbered （一）, （二）, … in order: expected 2; hint: give it `number = 2`"), "{p}");
        let p = problems_with(GD, "covers = [8, 9, 10]", "covers = [8, 10]");
        assert!(p.contains("gd-annex:c3: the example cells must cover the rows [8, 9, 10, 11, 12, 13, 14, 15, 16, 17] in order, each once (they cover [8, 10, 11, 12, 13, 14, 15, 16, 17]); hint: give each cell's `covers` the numbers of the rows it spans in the annex"), "{p}");
    }

    #[test]
    fn both_languages() {
        let p = problems_with(CQ, "name_en = \"Rare earths\"", "name_en = \"\"");
        assert!(p.contains("cq-annex:s9: name: needs both `name_zh` and `name_en`; hint: give `name_zh` the annex's words and `name_en` their English"), "{p}");
        let p = problems_with(GD, "text_en = \"These reference rules", "text_en = \"\"\nx_en = \"");
        assert!(!p.is_empty(), "an unknown field or a missing English fails");
        let p = problems_with(GD, "note_en = \"Guangdong's copy prints a doubled", "note_en = \"\"\nx = \"");
        assert!(!p.is_empty(), "{p}");
    }

    #[test]
    fn difference_notes_point_at_entries_that_differ() {
        let p = problems_with(GD, "\"gd-annex:s16\"]", "\"gd-annex:s99\"]");
        assert!(p.contains("gd-annex.icv-guideline: names no entry: gd-annex:s99; hint: give an entry id such as `gd-annex:s16` (`r` a unified rule, `c` a category, `s` a row)"), "{p}");
        let p = problems_with(GD, "entries = [\"cq-annex:s16\", \"gd-annex:s16\"]", "entries = [\"gd-annex:s16\"]");
        assert!(p.contains("gd-annex.icv-guideline: a difference names the entries of both annexes (gd-annex and cq-annex); hint: add the same entry of the other annex to `entries`"), "{p}");
        let p = problems_with(GD, "entries = [\"cq-annex:s16\", \"gd-annex:s16\"]", "entries = [\"cq-annex:s15\", \"gd-annex:s15\"]");
        assert!(p.contains("notes a difference where the two annexes print the same words; hint: name the entries that differ, or remove the note"), "{p}");
        assert!(p.contains("gd-annex:s16: differs from cq-annex:s16 but no difference note names both; hint: add a `[[classification.differences]]` with `entries = [\"gd-annex:s16\", \"cq-annex:s16\"]`, or name both in an existing note"), "{p}");
        let p = problems_with(GD, "compared_with = \"cq-annex\"", "compared_with = \"xx-annex\"");
        assert!(p.contains("`compared_with` names no annex: xx-annex; hint: give the `id` of the other annex's `[classification]`"), "{p}");
    }

    #[test]
    fn an_unmarked_difference_fails_and_zone_names_are_no_difference() {
        // A word changed in one annex with no note.
        let p = problems_with(GD, "包括发电厂生产数据、输配电数据、建设运维数据。", "包括发电厂生产数据、建设运维数据。");
        assert!(p.contains("gd-annex:s12: differs from cq-annex:s12 but no difference note names both; hint: add a `[[classification.differences]]`"), "{p}");
        // A threshold changed.
        let p = problems_with(CQ, "text_zh = \"被国家认定为关键信息基础设施的运营者掌握的 10 万人", "text_zh = \"被国家认定为关键信息基础设施的运营者掌握的 20 万人");
        assert!(p.contains("gd-annex:r3: differs from cq-annex:r3"), "{p}");
        assert_eq!(super::comparable("重庆自贸试验区企业掌握的 1000 万人"), super::comparable("广东自贸试验区企业掌握的1000万人"));
    }
}
