//! Facts no list owns, and the tables that translate each list's terms into them (issue 12,
//! contract "Compare").
//!
//! `rules/facts.toml` (`[facts]`) names the neutral vocabulary: industries, business
//! activities, groups of people, kinds of data, and answers (facts that an item's exception
//! states). Each `rules/mapping-<list>.toml` (`[mapping]`) has one row per term of that list
//! (sector, business scenario, group of people, important-data item) with the facts it means,
//! the list's own words and the reason. A term of list A is translated A → facts → list B: the
//! B terms whose rows share a fact. The lint proves every term of every list reachable, every
//! row pointing at a term that exists, and every fact used.
use crate::model::{DocKind, Kind};
use crate::{Parsed, Problem};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The kind of a neutral fact; a row of each kind of term takes facts of its kind.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// An industry or sector (汽车, 医药…): what a list's sector rows mean.
    Industry,
    /// A business activity (研发, 测试, 售后…): what a business scenario means.
    Activity,
    /// A group of people (车主, 受试者…): what a list's group means.
    People,
    /// A kind of data (车外影像, 充电网运行数据…): what an important-data item means.
    Data,
    /// A statement about data that an item's exception makes (已按国家规定处理…).
    Answer,
}

/// `rules/facts.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsFile {
    pub facts: FactsMeta,
    #[serde(default)]
    pub fact: Vec<Fact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsMeta {
    pub title_zh: String,
    pub title_en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub kind: FactKind,
    pub name_zh: String,
    pub name_en: String,
    /// A data fact that the national rules ask in their own terms where a list has no item for
    /// it: `"notified_important_data"` (an authority has identified the data as important).
    #[serde(default)]
    pub national: Option<String>,
}

/// `rules/mapping-<list>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingFile {
    pub mapping: MappingMeta,
    #[serde(default)]
    pub sectors: Vec<Row>,
    #[serde(default)]
    pub scenarios: Vec<Row>,
    #[serde(default)]
    pub groups: Vec<Row>,
    #[serde(default)]
    pub items: Vec<Row>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingMeta {
    /// The list whose terms the rows translate.
    pub list: String,
    pub title_zh: String,
    pub title_en: String,
}

/// One term of the list and the facts it means.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// The sector id (every row).
    pub sector: String,
    /// Scenario rows: the scenario id; group rows: the group id.
    #[serde(default)]
    pub term: Option<String>,
    /// Item rows: the item's number as printed.
    #[serde(default)]
    pub item: Option<u32>,
    /// The list's own words for the term, verbatim (checked against the term's text).
    pub words_zh: String,
    pub facts: Vec<String>,
    pub reason_zh: String,
    pub reason_en: String,
    /// Item rows: an exception of the item and the answer fact it states.
    #[serde(default)]
    pub exceptions: Vec<ExceptionFact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionFact {
    pub key: String,
    pub fact: String,
}

/// A parsed facts or mapping file, with the name it came from.
pub struct ParsedFacts {
    pub name: String,
    pub file: FactsFile,
}

pub struct ParsedMapping {
    pub name: String,
    pub file: MappingFile,
}

/// Which kind of rules file a text is, by its top-level table.
pub enum Shape {
    Facts,
    Mapping,
    Other,
}

pub fn shape(text: &str) -> Shape {
    match text.parse::<toml::Table>() {
        Ok(t) if t.contains_key("facts") => Shape::Facts,
        Ok(t) if t.contains_key("mapping") => Shape::Mapping,
        _ => Shape::Other,
    }
}

/// The kind of term a row translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TermKind {
    Sector,
    Scenario,
    Group,
    Item,
}

impl TermKind {
    fn fact_kind(self) -> FactKind {
        match self {
            TermKind::Sector => FactKind::Industry,
            TermKind::Scenario => FactKind::Activity,
            TermKind::Group => FactKind::People,
            TermKind::Item => FactKind::Data,
        }
    }
    fn word(self) -> &'static str {
        match self {
            TermKind::Sector => "sector",
            TermKind::Scenario => "scenario",
            TermKind::Group => "group",
            TermKind::Item => "item",
        }
    }
}

fn rows(m: &MappingFile) -> impl Iterator<Item = (TermKind, &Row)> {
    m.sectors
        .iter()
        .map(|r| (TermKind::Sector, r))
        .chain(m.scenarios.iter().map(|r| (TermKind::Scenario, r)))
        .chain(m.groups.iter().map(|r| (TermKind::Group, r)))
        .chain(m.items.iter().map(|r| (TermKind::Item, r)))
}

fn row_name(list: &str, k: TermKind, r: &Row) -> String {
    match k {
        TermKind::Sector => format!("{list}.{} (sector)", r.sector),
        TermKind::Item => format!("{list}.{}.{} (item)", r.sector, r.item.map_or("?".into(), |n| n.to_string())),
        _ => format!("{list}.{} {} {}", r.sector, k.word(), r.term.as_deref().unwrap_or("?")),
    }
}

/// The mapping checks: facts unique and used; each mapping file names a list that exists, once;
/// each row points at a term that exists, with its list's words, facts of its kind, reasons in
/// both languages; every sector, scenario and group of every list has a row.
pub fn lint(documents: &[Parsed], facts: &[ParsedFacts], mappings: &[ParsedMapping]) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut add = |file: &str, item: String, problem: String, hint: String| out.push(Problem::new(file, item, problem).with_hint(hint));
    let mut known: BTreeMap<&str, (&Fact, &str)> = BTreeMap::new();
    for f in facts {
        for fact in &f.file.fact {
            let ok = !fact.id.is_empty() && fact.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !ok {
                add(&f.name, fact.id.clone(), "a fact's id must be a lowercase slug (a-z, 0-9, -)".into(), crate::lint::SLUG.into());
            }
            if known.insert(&fact.id, (fact, &f.name)).is_some() {
                add(&f.name, fact.id.clone(), "fact id used twice".into(), "rename one of them, or merge the two facts".into());
            }
            if fact.name_zh.trim().is_empty() || fact.name_en.trim().is_empty() {
                add(&f.name, fact.id.clone(), "a fact needs `name_zh` and `name_en`".into(), "give the fact's name in Chinese and in English".into());
            }
            match fact.national.as_deref() {
                None => {}
                Some("notified_important_data") if fact.kind == FactKind::Data => {}
                Some(x) => add(&f.name, fact.id.clone(), format!("`national = \"{x}\"`: only a data fact may stand for `notified_important_data`"), "remove `national`, or give `national = \"notified_important_data\"` to a fact of kind `data`".into()),
            }
        }
    }
    let mut used: BTreeSet<&str> = BTreeSet::new();
    let mut mapped_lists: BTreeMap<&str, &str> = BTreeMap::new();
    for m in mappings {
        let list_id = m.file.mapping.list.as_str();
        if let Some(prev) = mapped_lists.insert(list_id, &m.name) {
            add(&m.name, "mapping".into(), format!("list `{list_id}` is also mapped by {prev}"), "merge the two mapping files into one".into());
        }
        // The table of a list that is not among the files (a folder being edited without it) is
        // inert: its facts count as used. A mistyped `list` leaves the real list without a table,
        // which is a finding below.
        let Some(doc) = documents.iter().map(|p| &p.file).find(|f| f.document.kind == DocKind::List && f.document.id == list_id) else {
            for (_, r) in rows(&m.file) {
                used.extend(r.facts.iter().map(|f| f.as_str()).chain(r.exceptions.iter().map(|e| e.fact.as_str())));
            }
            continue;
        };
        let mut seen = BTreeSet::new();
        for (k, r) in rows(&m.file) {
            let who = row_name(list_id, k, r);
            if !seen.insert(who.clone()) {
                add(&m.name, who.clone(), "this term has two rows".into(), "give it one row with all its facts".into());
            }
            for (field, v) in [("words_zh", &r.words_zh), ("reason_zh", &r.reason_zh), ("reason_en", &r.reason_en)] {
                if v.trim().is_empty() {
                    add(&m.name, who.clone(), format!("`{field}` is missing or empty"), crate::lint::fill(field));
                }
            }
            if r.facts.is_empty() {
                add(&m.name, who.clone(), "a row names at least one fact".into(), "list in `facts` the facts of rules/facts.toml that reach the term".into());
            }
            for f in &r.facts {
                used.insert(f);
                match known.get(f.as_str()) {
                    None => add(&m.name, who.clone(), format!("names fact `{f}`, which rules/facts.toml does not define"), "correct the id, or define the fact in rules/facts.toml".into()),
                    // A list's "group" may be a kind of data (Beijing AI: 音频、图像、文本数据).
                    Some((fact, _)) if fact.kind != k.fact_kind() && !(k == TermKind::Group && fact.kind == FactKind::Data) => add(&m.name, who.clone(), format!("fact `{f}` is a {:?} fact; a {} row takes {:?} facts", fact.kind, k.word(), k.fact_kind()), format!("name a fact of kind `{}` instead", kind_name(k.fact_kind()))),
                    _ => {}
                }
            }
            let Some(sector) = doc.sectors.iter().find(|s| s.id == r.sector) else {
                add(&m.name, who, format!("names sector `{}`, which list {list_id} does not have", r.sector), format!("give `sector` the id of a `[[sectors]]` of {list_id}"));
                continue;
            };
            let (term_words, item) = match k {
                TermKind::Sector => (Some(vec![sector.name_zh.as_str(), sector.heading_zh.as_str()]), None),
                TermKind::Scenario => (sector.scenarios.iter().find(|s| Some(&s.id) == r.term.as_ref()).map(|s| vec![s.name_zh.as_str()]), None),
                TermKind::Group => (sector.groups.iter().find(|g| Some(&g.id) == r.term.as_ref()).map(|g| vec![g.name_zh.as_str()]), None),
                TermKind::Item => {
                    let it = sector.items.iter().find(|i| Some(i.number) == r.item && i.kind == Kind::ImportantData);
                    (it.map(|i| vec![i.text_zh.as_str(), i.detail_zh.as_str()]), it)
                }
            };
            let Some(words) = term_words else {
                let what = match k {
                    TermKind::Item => format!("important-data item {}", r.item.map_or("(no `item`)".into(), |n| n.to_string())),
                    _ => format!("{} `{}`", k.word(), r.term.as_deref().unwrap_or("(no `term`)")),
                };
                let hint = match k {
                    TermKind::Item => format!("give `item` the number of an important-data item of {list_id}.{}", r.sector),
                    _ => format!("give `term` the id of a {} of {list_id}.{}", k.word(), r.sector),
                };
                add(&m.name, who, format!("names {what}, which sector {list_id}.{} does not have", r.sector), hint);
                continue;
            };
            if !r.words_zh.trim().is_empty() && !words.iter().any(|w| w.contains(r.words_zh.trim())) {
                add(&m.name, who.clone(), "`words_zh` must quote the list's own words for the term".into(), "copy the words, exactly, from the term's Chinese in the list".into());
            }
            if k != TermKind::Item && !r.exceptions.is_empty() {
                add(&m.name, who.clone(), "only an item row maps `exceptions`".into(), "move them to the row of the item that has them".into());
            }
            for e in &r.exceptions {
                used.insert(&e.fact);
                if !item.is_some_and(|i| i.exceptions.iter().any(|x| x.key == e.key)) {
                    add(&m.name, who.clone(), format!("maps exception `{}`, which the item does not have", e.key), "give the `key` of one of the item's exceptions".into());
                }
                match known.get(e.fact.as_str()) {
                    Some((fact, _)) if fact.kind == FactKind::Answer => {}
                    Some(_) => add(&m.name, who.clone(), format!("exception `{}`: fact `{}` is not an answer fact", e.key, e.fact), "name a fact of kind `answer` instead".into()),
                    None => add(&m.name, who.clone(), format!("exception `{}` names fact `{}`, which rules/facts.toml does not define", e.key, e.fact), "correct the id, or define the fact in rules/facts.toml".into()),
                }
            }
        }
        // Every term of the list is reachable from some fact.
        for s in &doc.sectors {
            let has = |k: TermKind, term: &str| rows(&m.file).any(|(kk, r)| kk == k && r.sector == s.id && (k == TermKind::Sector || r.term.as_deref() == Some(term)));
            if !has(TermKind::Sector, "") {
                add(&m.name, format!("{list_id}.{}", s.id), "sector has no mapping row: no fact reaches it".into(), "add a `[[sectors]]` row for it".into());
            }
            for sc in &s.scenarios {
                if !has(TermKind::Scenario, &sc.id) {
                    add(&m.name, format!("{list_id}.{} scenario {}", s.id, sc.id), "scenario has no mapping row: no fact reaches it".into(), "add a `[[scenarios]]` row for it".into());
                }
            }
            for g in &s.groups {
                if !has(TermKind::Group, &g.id) {
                    add(&m.name, format!("{list_id}.{} group {}", s.id, g.id), "group has no mapping row: no fact reaches it".into(), "add a `[[groups]]` row for it".into());
                }
            }
        }
    }
    for p in documents.iter().filter(|p| p.file.document.kind == DocKind::List) {
        if !facts.is_empty() && !mapped_lists.contains_key(p.file.document.id.as_str()) {
            add(&p.name, "document".into(), format!("list `{}` has no mapping file: compare cannot reach it", p.file.document.id), format!("add rules/mapping-{}.toml, with a row for each sector, scenario and group", p.file.document.id));
        }
    }
    for (id, (_, file)) in &known {
        if !used.contains(id) {
            add(file, id.to_string(), "fact is used by no mapping row".into(), "name it in the rows it reaches, or remove it".into());
        }
    }
    if facts.len() > 1 {
        add(&facts[1].name, "facts".into(), "only one facts file".into(), format!("move its facts into {}", facts[0].name));
    }
    out
}

/// A fact kind as the facts file writes it (`industry`, `data`…).
fn kind_name(k: FactKind) -> String {
    format!("{k:?}").to_lowercase()
}

/// The facts and mappings as Rust, in the types of `xborder_core::mapping`: `FACTS`, `MAPPINGS`.
pub fn generate(facts: &[ParsedFacts], mappings: &[ParsedMapping]) -> String {
    use crate::codegen::{list, n, strs, variant};
    use quote::quote;
    let facts = facts.iter().flat_map(|f| &f.file.fact).map(|f| {
        let (id, kind, zh, en) = (&f.id, variant(f.kind), &f.name_zh, &f.name_en);
        let national = match f.national.as_deref() {
            Some("notified_important_data") => quote! { Some(National::NotifiedImportantData) },
            _ => quote! { None },
        };
        quote! { Fact { id: #id, kind: FactKind::#kind, name_zh: #zh, name_en: #en, national: #national } }
    });
    let mappings = mappings.iter().map(|m| {
        let rows = rows(&m.file).map(|(k, r)| {
            let term_id = r.term.as_deref().unwrap_or("");
            let term = match k {
                TermKind::Sector => quote! { Term::Sector },
                TermKind::Scenario => quote! { Term::Scenario(#term_id) },
                TermKind::Group => quote! { Term::Group(#term_id) },
                TermKind::Item => {
                    let i = n(r.item.unwrap_or(0));
                    quote! { Term::Item(#i) }
                }
            };
            let facts = strs(&r.facts);
            let exceptions = list(&r.exceptions, |e| {
                let (key, fact) = (&e.key, &e.fact);
                quote! { (#key, #fact) }
            });
            let (sector, words, rz, re) = (&r.sector, &r.words_zh, &r.reason_zh, &r.reason_en);
            quote! { Row { sector: #sector, term: #term, words_zh: #words, facts: #facts, reason_zh: #rz, reason_en: #re, exceptions: #exceptions } }
        });
        let (l, file, tz, te) = (&m.file.mapping.list, &m.name, &m.file.mapping.title_zh, &m.file.mapping.title_en);
        quote! { Mapping { list: #l, file: #file, title_zh: #tz, title_en: #te, rows: &[#(#rows),*] } }
    });
    let tokens = quote! {
        pub static FACTS: &[Fact] = &[#(#facts),*];
        pub static MAPPINGS: &[Mapping] = &[#(#mappings),*];
    };
    format!("// Generated from rules/facts.toml and rules/mapping-*.toml by xborder-rules. Do not edit.\n{tokens}\n")
}

#[cfg(test)]
mod tests {
    use crate::Source;

    const LIST: &str = "[document]\nid = \"zz-2025\"\nkind = \"list\"\ntitle_zh = \"清单\"\ntitle_en = \"List\"\nsource = \"x.txt\"\nissued = \"2025-01\"\nzone = \"zz\"\n[[sectors]]\nid = \"auto\"\nnumber = 1\nname_zh = \"汽车\"\nname_en = \"Auto\"\nheading_zh = \"一、汽车\"\n[[sectors.scenarios]]\nid = \"rd\"\nname_zh = \"车辆研发\"\nname_en = \"R&D\"\n[[sectors.items]]\nnumber = 1\nkind = \"important_data\"\npathway = \"security_assessment\"\ntitle_en = \"Images\"\ntext_zh = \"车外视频、图像数据。\"\nscenarios = [\"rd\"]\ncitation = { section = \"一\", item = \"第1项\" }\n";
    const FACTS: &str = "[facts]\ntitle_zh = \"事实\"\ntitle_en = \"Facts\"\n[[fact]]\nid = \"automotive\"\nkind = \"industry\"\nname_zh = \"汽车\"\nname_en = \"Auto\"\n[[fact]]\nid = \"vehicle-rd\"\nkind = \"activity\"\nname_zh = \"研发\"\nname_en = \"R&D\"\n[[fact]]\nid = \"unused\"\nkind = \"data\"\nname_zh = \"未用\"\nname_en = \"Unused\"\n";

    fn problems(mapping: &str) -> Vec<String> {
        let rules = crate::parse(&[
            Source { name: "rules/l.toml".into(), text: LIST.into() },
            Source { name: "rules/facts.toml".into(), text: FACTS.into() },
            Source { name: "rules/mapping-zz-2025.toml".into(), text: mapping.into() },
        ])
        .unwrap_or_else(|p| panic!("{p:?}"));
        let found = super::lint(&rules.documents, &rules.facts, &rules.mappings);
        // Every mapping problem says what to do.
        assert_eq!(crate::lint::assert_split(&found), found.len(), "{found:#?}");
        found.iter().map(|p| p.to_string()).collect()
    }

    const HEAD: &str = "[mapping]\nlist = \"zz-2025\"\ntitle_zh = \"对照\"\ntitle_en = \"Map\"\n";
    const SECTOR: &str = "[[sectors]]\nsector = \"auto\"\nwords_zh = \"汽车\"\nfacts = [\"automotive\"]\nreason_zh = \"同一行业\"\nreason_en = \"Same industry\"\n";

    #[test]
    fn a_row_pointing_at_a_missing_term_is_a_finding() {
        let p = problems(&format!("{HEAD}{SECTOR}[[scenarios]]\nsector = \"auto\"\nterm = \"design\"\nwords_zh = \"车辆研发\"\nfacts = [\"vehicle-rd\"]\nreason_zh = \"同\"\nreason_en = \"Same\"\n[[items]]\nsector = \"auto\"\nitem = 9\nwords_zh = \"x\"\nfacts = [\"automotive\"]\nreason_zh = \"r\"\nreason_en = \"r\"\n"));
        assert!(p.iter().any(|x| x.contains("names scenario `design`, which sector zz-2025.auto does not have; hint: give `term` the id of a scenario of zz-2025.auto")), "{p:?}");
        assert!(p.iter().any(|x| x.contains("names important-data item 9, which sector zz-2025.auto does not have; hint: give `item` the number of an important-data item of zz-2025.auto")), "{p:?}");
        // The real scenario has no row: unreachable.
        assert!(p.iter().any(|x| x.contains("zz-2025.auto scenario rd: scenario has no mapping row: no fact reaches it; hint: add a `[[scenarios]]` row for it")), "{p:?}");
        // A fact of the wrong kind, and a fact nothing uses.
        assert!(p.iter().any(|x| x.contains("fact `automotive` is a Industry fact; a item row takes Data facts; hint: name a fact of kind `data` instead")), "{p:?}");
        assert!(p.iter().any(|x| x.contains("unused: fact is used by no mapping row; hint: name it in the rows it reaches, or remove it")), "{p:?}");
    }

    #[test]
    fn rows_quote_the_lists_words_and_give_reasons() {
        let p = problems(&format!("{HEAD}[[sectors]]\nsector = \"auto\"\nwords_zh = \"汽车行业\"\nfacts = [\"automotive\", \"nope\"]\nreason_zh = \"\"\nreason_en = \"x\"\n"));
        assert!(p.iter().any(|x| x.contains("`words_zh` must quote the list's own words for the term; hint: copy the words, exactly, from the term's Chinese in the list")), "{p:?}");
        assert!(p.iter().any(|x| x.contains("`reason_zh` is missing or empty; hint: give `reason_zh` its Chinese text")), "{p:?}");
        assert!(p.iter().any(|x| x.contains("names fact `nope`, which rules/facts.toml does not define; hint: correct the id, or define the fact in rules/facts.toml")), "{p:?}");
        let p = problems(&format!("{}{SECTOR}", HEAD.replace("zz-2025", "yy-2025")));
        assert!(p.iter().any(|x| x == "rules/l.toml: document: list `zz-2025` has no mapping file: compare cannot reach it; hint: add rules/mapping-zz-2025.toml, with a row for each sector, scenario and group"), "{p:?}");
    }

    #[test]
    fn a_clean_mapping_has_no_findings() {
        let p = problems(&format!("{HEAD}{SECTOR}[[scenarios]]\nsector = \"auto\"\nterm = \"rd\"\nwords_zh = \"车辆研发\"\nfacts = [\"vehicle-rd\"]\nreason_zh = \"同\"\nreason_en = \"Same\"\n"));
        assert_eq!(p, ["rules/facts.toml: unused: fact is used by no mapping row; hint: name it in the rows it reaches, or remove it"]);
    }
}
