//! What one step of the evaluation found ([`Part`]): its findings, cleared rules, warnings,
//! trace lines and the precedence rows that decided, as values. Each step of `crate::evaluate`
//! returns one; the verdict is their combination, in step order ([`Part::then`]), rendered once
//! at the end ([`Found::render`], `crate::say`).
use std::borrow::Cow;

use crate::catalogue::{self, Document, Exception, Item, Pathway, Rule, Sector};
use crate::precedence::Row;
use crate::say::{Caution, Step, Sum, Why};
use crate::verdict::{Citation, Finding, Warning};

/// The answer that kept a cleared rule from triggering (the finding's `answer`).
#[derive(Clone, Copy)]
pub(crate) enum Answer {
    /// An affirmed exception, qualifier, precondition or sector answer, by id.
    Exception(&'static str),
    /// A group's exempt basis: `personal_information[i].basis`.
    Basis(usize),
}

/// A finding before it is put in words.
pub(crate) struct Found {
    pub rule: &'static str,
    pub pathway: Pathway,
    pub citation: Citation,
    pub source_zh: &'static str,
    pub title_en: &'static str,
    pub answer: Option<Answer>,
    pub why: Why,
}

impl Found {
    /// A national rule's finding, cited to the baseline.
    pub(crate) fn rule(rule: &'static Rule, pathway: Pathway, why: Why) -> Found {
        Found { rule: rule.id, pathway, citation: Citation::new(catalogue::baseline(), rule.citation), source_zh: rule.text_zh, title_en: rule.title_en, answer: None, why }
    }

    /// A list item's finding, cited to its list.
    pub(crate) fn item(doc: &'static Document, item: &'static Item, pathway: Pathway, why: Why) -> Found {
        Found { rule: item.id, pathway, citation: Citation::new(doc, item.citation), source_zh: item.text_zh, title_en: item.title_en, answer: None, why }
    }

    /// A sector-level answer (a note's applicability or exemption) that cleared the data.
    pub(crate) fn sector_answer(doc: &'static Document, sector: &'static Sector, e: &'static Exception, why: Why) -> Found {
        Found {
            rule: e.id,
            pathway: Pathway::Exempt,
            citation: Citation::new(doc, catalogue::Cite::at(sector.heading_zh, "注")),
            source_zh: e.text_zh,
            title_en: e.text_en,
            answer: Some(Answer::Exception(e.id)),
            why,
        }
    }

    /// The same finding, kept from triggering (or decided) by the answer `e`.
    pub(crate) fn answered(self, e: &'static Exception) -> Found {
        Found { answer: Some(Answer::Exception(e.id)), ..self }
    }

    pub(crate) fn render(&self) -> Finding {
        let (reason_zh, reason_en) = self.why.text();
        Finding {
            rule: self.rule.to_string(),
            pathway: self.pathway,
            citation: self.citation.clone(),
            reason_zh,
            reason_en,
            source_zh: self.source_zh,
            title_en: self.title_en,
            answer: self.answer.map(|a| match a {
                Answer::Exception(id) => id.to_string(),
                Answer::Basis(i) => format!("personal_information[{i}].basis"),
            }),
        }
    }
}

/// What a step found. Warnings are kept by id, the first of an id winning; rows once each.
#[derive(Default)]
pub(crate) struct Part {
    pub findings: Vec<Found>,
    pub cleared: Vec<Found>,
    pub warnings: Vec<(Cow<'static, str>, Caution)>,
    pub steps: Vec<Step>,
    /// The precedence rows that decided something, in order.
    pub rows: Vec<Row>,
    /// What each count added up, for the `entries-summed` warning.
    pub sums: Vec<Sum>,
}

impl Part {
    pub(crate) fn step(&mut self, s: Step) {
        self.steps.push(s);
    }

    pub(crate) fn warn(&mut self, c: Caution) {
        let id = c.id();
        if !self.warnings.iter().any(|(w, _)| *w == id) {
            self.warnings.push((id, c));
        }
    }

    pub(crate) fn find(&mut self, f: Found) {
        self.findings.push(f);
    }

    pub(crate) fn clear(&mut self, f: Found) {
        self.cleared.push(f);
    }

    /// `holds`, recording that `row` of the precedence table decides here when it does.
    pub(crate) fn prevails(&mut self, row: Row, holds: bool) -> bool {
        if holds && !self.rows.contains(&row) {
            self.rows.push(row);
        }
        holds
    }

    /// This part followed by `next`: as if `next`'s step had run after this one.
    pub(crate) fn then(&mut self, next: Part) {
        if self.is_empty() {
            // Nothing to merge into (the first step's part): `next` as it is, its buffers kept.
            *self = next;
            return;
        }
        self.findings.extend(next.findings);
        self.cleared.extend(next.cleared);
        for (id, c) in next.warnings {
            if !self.warnings.iter().any(|(w, _)| *w == id) {
                self.warnings.push((id, c));
            }
        }
        self.steps.extend(next.steps);
        for row in next.rows {
            self.prevails(row, true);
        }
        self.sums.extend(next.sums);
    }

    fn is_empty(&self) -> bool {
        self.findings.is_empty() && self.cleared.is_empty() && self.warnings.is_empty() && self.steps.is_empty() && self.rows.is_empty() && self.sums.is_empty()
    }

    /// The warnings, in words.
    pub(crate) fn render_warnings(&self) -> Vec<Warning> {
        self.warnings
            .iter()
            .map(|(id, c)| {
                let (text_zh, text_en) = c.text();
                Warning { id: id.clone(), text_zh, text_en }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::say::Caution;

    fn ids(p: &Part) -> Vec<&str> {
        p.warnings.iter().map(|(id, _)| id.as_ref()).collect()
    }

    /// Parts combine as if their steps had run one after the other: the first warning of an id
    /// wins, rows are kept once in the order they first decided, and nothing else is merged.
    #[test]
    fn parts_combine_in_step_order() {
        let mut a = Part::default();
        a.warn(Caution::CumulativeCount);
        a.warn(Caution::CumulativeCount);
        assert!(a.prevails(Row::ListOverNationalBands, true));
        assert!(!a.prevails(Row::CiioOverBands, false));
        a.step(Step::NoItems);
        let mut b = Part::default();
        b.warn(Caution::BasisNecessity);
        b.warn(Caution::CumulativeCount);
        b.prevails(Row::ExemptSituationsOverCounts, true);
        b.prevails(Row::ListOverNationalBands, true);
        b.step(Step::NoItems);
        a.then(b);
        assert_eq!(ids(&a), ["cumulative-count", "basis-necessity"]);
        assert_eq!(a.rows, [Row::ListOverNationalBands, Row::ExemptSituationsOverCounts]);
        assert_eq!(a.steps.len(), 2);
    }

    #[test]
    fn a_cleared_basis_names_its_group() {
        let rule = crate::catalogue::NationalRule::Art5_1.rule();
        let why = Why::BasisExempt { group: 2, persons: 10, sensitive: 0, basis: crate::scenario::Basis::Hr };
        let f = Found { answer: Some(Answer::Basis(2)), ..Found::rule(rule, Pathway::Exempt, why) }.render();
        assert_eq!(f.answer.as_deref(), Some("personal_information[2].basis"));
        assert!(f.reason_zh.starts_with("第3组"), "{}", f.reason_zh);
        assert!(f.reason_en.starts_with("Group 3 (10 persons"), "{}", f.reason_en);
    }
}
