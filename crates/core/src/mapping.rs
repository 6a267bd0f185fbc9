//! Facts no list owns and each list's mapping table (`rules/facts.toml`, `rules/mapping-*.toml`),
//! compiled at build time, and the translation of one list's terms into another's through them
//! (contract: "Compare"). A term of list A means some facts; the terms of list B that mean any of
//! those facts are its counterparts. Several counterparts, or none, are a question, never a
//! silent choice: `compare` evaluates each candidate and the strictest decides.
use crate::catalogue::{self, Document, Item, Sector};

/// The kind of a neutral fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    Industry,
    Activity,
    People,
    Data,
    /// What an item's exception states about the data.
    Answer,
}

/// A national question a data fact stands for where a list has no item for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum National {
    /// 已被相关部门、地区告知或者公开发布为重要数据 (Provisions Art. 2).
    NotifiedImportantData,
}

#[derive(Debug)]
pub struct Fact {
    pub id: &'static str,
    pub kind: FactKind,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub national: Option<National>,
}

/// The term of a list a row translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    Sector,
    Scenario(&'static str),
    Group(&'static str),
    /// An important-data item, by its printed number.
    Item(u32),
}

/// One row of a mapping table: a term of the list, its words, the facts it means and why.
#[derive(Debug)]
pub struct Row {
    pub sector: &'static str,
    pub term: Term,
    pub words_zh: &'static str,
    pub facts: &'static [&'static str],
    pub reason_zh: &'static str,
    pub reason_en: &'static str,
    /// An exception key of the item and the answer fact it states.
    pub exceptions: &'static [(&'static str, &'static str)],
}

#[derive(Debug)]
pub struct Mapping {
    pub list: &'static str,
    pub file: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub rows: &'static [Row],
}

include!(concat!(env!("OUT_DIR"), "/mappings.rs"));

pub fn fact(id: &str) -> Option<&'static Fact> {
    FACTS.iter().find(|f| f.id == id)
}

/// The mapping table of a list.
pub fn of(list: &str) -> Option<&'static Mapping> {
    MAPPINGS.iter().find(|m| m.list == list)
}

impl Mapping {
    /// The row of a term of a sector.
    pub fn row(&self, sector: &str, term: Term) -> Option<&'static Row> {
        let rows: &'static [Row] = self.rows;
        rows.iter().find(|r| r.sector == sector && r.term == term)
    }

    /// The rows of this list sharing a fact with `facts`, among the terms `keep` admits, in file
    /// order.
    pub fn sharing(&self, facts: &[&str], keep: impl Fn(&Row) -> bool) -> Vec<&'static Row> {
        let rows: &'static [Row] = self.rows;
        rows.iter().filter(|r| keep(r) && r.facts.iter().any(|f| facts.contains(f))).collect()
    }
}

/// A counterpart found for a term: the other list's term and the rows of both sides that make
/// the link (for the reasons shown).
#[derive(Debug, Clone, Copy)]
pub struct Link {
    pub from: &'static Row,
    pub to: &'static Row,
}

/// The sectors of list `to` a sector of list `from` may be in: those sharing an industry fact.
pub fn sectors(from: &Document, sector: &Sector, to: &'static Document) -> Vec<(&'static Sector, Link)> {
    let (Some(a), Some(b)) = (of(from.id), of(to.id)) else { return Vec::new() };
    let Some(row) = a.row(sector.id, Term::Sector) else { return Vec::new() };
    b.sharing(row.facts, |r| r.term == Term::Sector).into_iter().filter_map(|r| to.sector(r.sector).map(|s| (s, Link { from: row, to: r }))).collect()
}

/// The scenarios of sector `to` that a scenario of sector `from` may be.
pub fn scenarios(from: (&Document, &Sector), scenario: &str, to: (&Document, &'static Sector)) -> Vec<(&'static str, Link)> {
    terms(from, |t| matches!(t, Term::Scenario(x) if x == scenario), to, |t| matches!(t, Term::Scenario(_)))
        .into_iter()
        .filter_map(|(t, l)| match t {
            Term::Scenario(id) => Some((id, l)),
            _ => None,
        })
        .collect()
}

/// The groups of sector `to` that a group of sector `from` may be.
pub fn groups(from: (&Document, &Sector), group: &str, to: (&Document, &'static Sector)) -> Vec<(&'static str, Link)> {
    terms(from, |t| matches!(t, Term::Group(g) if g == group), to, |t| matches!(t, Term::Group(_)))
        .into_iter()
        .filter_map(|(t, l)| match t {
            Term::Group(id) => Some((id, l)),
            _ => None,
        })
        .collect()
}

/// What an important-data item of one list is in a sector of another.
#[derive(Debug, Clone)]
pub enum ItemTarget {
    /// These items of the other sector (every one, until the user says which: stricter).
    Items(Vec<(&'static Item, Link)>),
    /// No item, but a fact the national rules ask in their own words (the authority's
    /// identification: `notified_important_data`).
    National(National, &'static Row),
    /// Nothing in the other list: the column asks whether it is important data all the same.
    Unmatched(Option<&'static Row>),
}

/// The counterparts of an important-data item in a sector of another list.
pub fn item(from: (&Document, &Sector), item: &Item, to: (&Document, &'static Sector)) -> ItemTarget {
    let Some(a) = of(from.0.id) else { return ItemTarget::Unmatched(None) };
    let Some(row) = a.row(from.1.id, Term::Item(item.number)) else { return ItemTarget::Unmatched(None) };
    let found: Vec<(&'static Item, Link)> = terms(from, |t| t == Term::Item(item.number), to, |t| matches!(t, Term::Item(_)))
        .into_iter()
        .filter_map(|(t, l)| match t {
            Term::Item(n) => to.1.item_by_number(n).map(|i| (i, l)),
            _ => None,
        })
        .collect();
    if !found.is_empty() {
        return ItemTarget::Items(found);
    }
    match row.facts.iter().find_map(|f| fact(f).and_then(|f| f.national)) {
        Some(n) => ItemTarget::National(n, row),
        None => ItemTarget::Unmatched(Some(row)),
    }
}

/// The exception of item `to` that states the same answer as exception `key` of item `from`.
pub fn exception(from: &Row, key: &str, to: &Row, to_item: &'static Item) -> Option<&'static catalogue::Exception> {
    let fact = from.exceptions.iter().find(|(k, _)| *k == key).map(|(_, f)| *f)?;
    let to_key = to.exceptions.iter().find(|(_, f)| *f == fact).map(|(k, _)| *k)?;
    to_item.exceptions.iter().find(|e| e.id.rsplit(':').next() == Some(to_key))
}

fn terms(from: (&Document, &Sector), term: impl Fn(Term) -> bool, to: (&Document, &'static Sector), kind: impl Fn(Term) -> bool) -> Vec<(Term, Link)> {
    let (Some(a), Some(b)) = (of(from.0.id), of(to.0.id)) else { return Vec::new() };
    let rows: &'static [Row] = a.rows;
    let Some(row) = rows.iter().find(|r| r.sector == from.1.id && term(r.term)) else { return Vec::new() };
    let sector = to.1.id;
    b.sharing(row.facts, |r| r.sector == sector && kind(r.term)).into_iter().map(|r| (r.term, Link { from: row, to: r })).collect()
}
