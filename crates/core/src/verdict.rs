//! The verdict (contract: "Verdict (output), schema 1"), with the compatible extensions
//! `cleared`, `decided_by`, `trace_zh` and the source text on every finding.
use crate::catalogue::{Cite, Document, Pathway};
use serde::Serialize;

/// Document, section and item of a rule.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Citation {
    pub document: &'static str,
    pub document_en: &'static str,
    pub section: &'static str,
    pub item: &'static str,
}

impl Citation {
    pub fn new(doc: &'static Document, c: Cite) -> Citation {
        Citation { document: c.document_zh.unwrap_or(doc.title_zh), document_en: c.document_en.unwrap_or(doc.title_en), section: c.section, item: c.item }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PathwayUse {
    pub pathway: Pathway,
    pub because: Vec<String>,
}

/// A rule that decided something, or (in `cleared`) one that did not trigger and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    pub pathway: Pathway,
    pub citation: Citation,
    pub reason_zh: String,
    pub reason_en: String,
    /// The rule's own words (Chinese original).
    pub source_zh: &'static str,
    /// Our English title of the rule.
    pub title_en: &'static str,
    /// The affirmed exception or basis that kept a cleared rule from triggering.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Obligation {
    pub id: String,
    pub text_zh: String,
    pub text_en: String,
    pub citation: Citation,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Warning {
    pub id: String,
    pub text_zh: String,
    pub text_en: String,
}

/// Which rules decided: a list's sector, or the national rules, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DecidedBy {
    pub list: Option<&'static str>,
    pub sector: Option<&'static str>,
    pub reason_zh: String,
    pub reason_en: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Verdict {
    pub schema: u32,
    pub rules_version: &'static str,
    pub outcome: Pathway,
    pub pathways: Vec<PathwayUse>,
    pub findings: Vec<Finding>,
    pub obligations: Vec<Obligation>,
    pub warnings: Vec<Warning>,
    pub trace: Vec<String>,
    pub trace_zh: Vec<String>,
    pub cleared: Vec<Finding>,
    pub decided_by: DecidedBy,
}

impl Verdict {
    /// The outcome in words for a headline (Chinese, English). An exempt outcome that still
    /// carries another pathway (export control, another lawful pathway) never reads as
    /// "nothing is needed".
    fn headline(&self, name: fn(Pathway) -> &'static str, lead: &str, sep: &str) -> String {
        let others: Vec<&str> = self.pathways.iter().filter(|p| matches!(p.pathway, Pathway::ExportControl | Pathway::OtherLawfulPathway)).map(|p| name(p.pathway)).collect();
        if self.outcome == Pathway::Exempt && !others.is_empty() {
            format!("{lead}{}", others.join(sep))
        } else {
            name(self.outcome).to_string()
        }
    }

    pub fn headline_zh(&self) -> String {
        self.headline(Pathway::name_zh, "无需申报安全评估、订立标准合同或通过认证，但须另行办理：", "；")
    }

    pub fn headline_en(&self) -> String {
        self.headline(Pathway::name_en, "No assessment, contract or certification, but still needed: ", "; ")
    }

    /// The pathway codes, space-separated (the web app's `data-pathways`).
    pub fn pathway_codes(&self) -> String {
        self.pathways.iter().map(|p| p.pathway.code()).collect::<Vec<_>>().join(" ")
    }
}
