//! Rules as of a date (contract: "Rules as of a date"): each document in `rules/` is an edition
//! in force from one day (and, where its source sets an end, until another); a scenario is
//! evaluated on one day, with the editions in force that day, and says which it used. A day on
//! which an edition the scenario asks about is not in force is an error naming `as_of`, never a
//! silent fall-back to other rules.
//!
//! Notes from later instruments (the 2026 Q&As, the amended Cybersecurity Law) carry their own
//! first and last days (`Note::holds_on`) and are left out of verdicts on other days.
use crate::calendar::Date;
use crate::catalogue::{self, DocKind, Document};
use crate::scenario::InputError;
use serde::ser::SerializeStruct;
use serde::Serialize;

/// The day a scenario without `as_of` is evaluated on when the caller gives none: the first
/// day on which every edition and every dated note the rules hold is in force (the rules "as
/// published"). The CLI and the page pass the local date instead (`evaluate_on`).
pub fn rules_day() -> Date {
    let docs = catalogue::documents().iter();
    let notes = docs.clone().flat_map(|d| d.obligations.iter().chain(d.warnings)).filter_map(|n| n.in_force);
    docs.map(|d| d.in_force).chain(notes).max().expect("lint: at least one document")
}

/// An edition a verdict used: `{ "document", "title_zh", "in_force", "until" }`, with the
/// reading of its dates where the source does not print them (an extension).
#[derive(Debug, Clone, Copy)]
pub struct Edition(pub &'static Document);

/// Editions are the same when they are the same document (ids are unique: the lint).
impl PartialEq for Edition {
    fn eq(&self, other: &Edition) -> bool {
        self.0.id == other.0.id
    }
}

impl Eq for Edition {}

impl Serialize for Edition {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let reading = !d.dates_reading_zh.is_empty();
        let mut st = s.serialize_struct("Edition", if reading { 7 } else { 5 })?;
        st.serialize_field("document", d.id)?;
        st.serialize_field("title_zh", d.title_zh)?;
        st.serialize_field("title_en", d.title_en)?;
        st.serialize_field("in_force", &d.in_force)?;
        st.serialize_field("until", &d.until)?;
        if reading {
            st.serialize_field("dates_reading_zh", d.dates_reading_zh)?;
            st.serialize_field("dates_reading_en", d.dates_reading_en)?;
        }
        st.end()
    }
}

/// The editions of the documents that decided a verdict, in the order a reader expects them:
/// the national rules, the list, the measures.
pub fn used(docs: impl Iterator<Item = &'static Document>) -> Vec<Edition> {
    let mut out: Vec<Edition> = docs.map(Edition).collect();
    crate::order::by_key(&mut out, |e| match e.0.kind {
        DocKind::Baseline => 0,
        DocKind::List => 1,
        DocKind::Measures => 2,
    });
    out
}

/// The documents a scenario asks about: the national rules, the list it names, and the
/// measures of the handler's zone.
pub fn asked(list: Option<&'static Document>, zone: Option<&'static str>) -> impl Iterator<Item = &'static Document> {
    catalogue::documents().iter().filter(move |d| match d.kind {
        DocKind::Baseline => true,
        DocKind::List => list.is_some_and(|l| l.id == d.id),
        DocKind::Measures => zone == Some(d.zone),
    })
}

/// The first document the scenario asks about (national rules, list, measures) that is not in
/// force on `day`.
pub fn uncovered(day: Date, list: Option<&'static Document>, zone: Option<&'static str>) -> Option<&'static Document> {
    used(asked(list, zone)).into_iter().map(|e| e.0).find(|d| !d.covers(day))
}

/// What a day outside an edition does (contract: "Rules as of a date").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// An error naming `as_of` ([`check`]): a scenario, `xborder check`.
    Strict,
    /// The register: each flow is judged on its own day, and a list or zone measures not in
    /// force that day ([`lapsed`]) leave the national rules to decide it, said in a warning
    /// (never silently). A day before the 2024 Provisions is still an error.
    NationalWhereLapsed,
}

/// The list and zone measures the scenario asks about that are not in force on `day` (the
/// national rules are never among them: before them nothing is covered).
pub fn lapsed(day: Date, list: Option<&'static Document>, zone: Option<&'static str>) -> Vec<&'static Document> {
    used(asked(list, zone)).into_iter().map(|e| e.0).filter(|d| d.kind != DocKind::Baseline && !d.covers(day)).collect()
}

/// Every document the scenario asks about is in force on `day`; else an error naming `as_of`
/// that says when the edition starts or ended. `given`: the day is the scenario's own `as_of`
/// (else it is the day of evaluation).
pub fn check(day: Date, given: bool, list: Option<&'static Document>, zone: Option<&'static str>) -> Result<(), InputError> {
    let Some(d) = uncovered(day, list, zone) else { return Ok(()) };
    let when = if given { format!("found {day}") } else { format!("today is {day}: set as_of to a day the rules cover") };
    let read = if d.dates_reading_en.is_empty() { "" } else { " (its dates are our reading: `xborder rules list` gives it)" };
    let message = match d.until {
        _ if day < d.in_force && d.kind == DocKind::Baseline => format!("expected a day from {} on: nothing before the 2024 Provisions is covered, and they came into force on {}; {when}", d.in_force, d.in_force),
        _ if day < d.in_force => format!("expected a day from {} on: {} ({}) comes into force on {}{read}; {when}", d.in_force, d.id, d.title_en, d.in_force),
        Some(until) => format!("expected a day up to {until}: {} ({}) is in force from {} until {until}, and no later edition is in the rules{read}; {when}", d.id, d.title_en, d.in_force),
        None => unreachable!("covers: an edition ends only with `until`"),
    };
    let kind = crate::input_error::InputErrorKind::NotCovered { document: d.id, in_force: d.in_force, until: d.until, day };
    Err(InputError::new("as_of", kind, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn the_rules_day_is_covered_by_every_edition() {
        let d = rules_day();
        assert!(catalogue::documents().iter().all(|doc| doc.covers(d)), "{d}");
    }

    #[test]
    fn before_the_provisions_nothing_is_covered() {
        let e = check(day("2024-03-21"), true, None, None).unwrap_err();
        assert_eq!(e.path, "as_of");
        assert!(e.message.contains("2024-03-22"), "{}", e.message);
        assert!(check(day("2024-03-22"), true, None, None).is_ok());
    }

    #[test]
    fn a_list_before_its_edition_names_its_first_day() {
        let bj = catalogue::list("bj-2025").unwrap();
        let e = check(day("2026-05-10"), true, Some(bj), Some("beijing")).unwrap_err();
        assert!(e.message.contains("2026-05-11") && e.message.contains("found 2026-05-10"), "{}", e.message);
        assert!(check(day("2026-05-11"), true, Some(bj), Some("beijing")).is_ok());
        // The national rules alone are covered that day.
        assert!(check(day("2026-05-10"), true, None, None).is_ok());
    }

    #[test]
    fn an_edition_that_ended_says_so() {
        let cq = catalogue::list("cq-2025").unwrap();
        let last = cq.until.expect("the Chongqing measures are valid 2 years");
        assert!(check(last, false, Some(cq), Some("chongqing")).is_ok());
        let e = check(last.add_days(1), false, Some(cq), Some("chongqing")).unwrap_err();
        assert!(e.message.contains(&format!("up to {last}")) && e.message.contains("today is"), "{}", e.message);
    }
}
