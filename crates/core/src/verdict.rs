//! The verdict (contract: "Verdict (output), schema 1"), with the compatible extensions
//! `cleared`, `decided_by`, `trace_zh`, the source text on every finding, and the dates of
//! obligations (contract: "Dated obligations").
use crate::calendar::{Date, NoNotice};
use crate::catalogue::{Cite, Document, Pathway};
use crate::scenario::Assumed;
use serde::ser::SerializeStruct;
use serde::Serialize;

/// A text of the verdict: the rules' own words and fixed sentences borrowed, never copied;
/// what is composed for this verdict owned.
pub type Text = std::borrow::Cow<'static, str>;

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
    pub reason_zh: Text,
    pub reason_en: Text,
    /// The rule's own words (Chinese original).
    pub source_zh: &'static str,
    /// Our English title of the rule.
    pub title_en: &'static str,
    /// The affirmed exception or basis that kept a cleared rule from triggering.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation {
    pub id: String,
    pub text_zh: Text,
    pub text_en: Text,
    pub citation: Citation,
    /// When it falls due, for an obligation that states a deadline and whose date the scenario
    /// gives (see `deadline`).
    pub deadline: Option<Dated>,
    /// The conditions it sets with the user's answers, once asked (see `conditions`).
    pub conditions: Option<Checklist>,
}

/// An obligation's conditions as answered: each condition, and whether all are met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    pub items: Vec<ConditionAnswer>,
    pub result: Met,
    /// What follows from the result (empty while open).
    pub text_zh: &'static str,
    pub text_en: &'static str,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ConditionAnswer {
    /// `<obligation id>:<condition id>`, the scenario's key.
    pub id: String,
    pub text_zh: &'static str,
    pub text_en: &'static str,
    /// `true` met, `false` not met, `null` not yet answered.
    pub answer: Option<bool>,
}

/// Every condition met; one not met (it decides); or some not yet answered.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Met {
    Met,
    NotMet,
    Open,
}

impl Met {
    pub const fn code(self) -> &'static str {
        match self {
            Met::Met => "met",
            Met::NotMet => "not_met",
            Met::Open => "open",
        }
    }
}

/// The date of a dated obligation, with its basis in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    /// What falls due, in a few words (from the rules data).
    pub label_zh: &'static str,
    pub label_en: &'static str,
    /// The rule and the count: "10 working days after 2026-09-28 …".
    pub basis_zh: String,
    pub basis_en: String,
    pub due: Due,
}

/// A day, a span of days, or no date because a year's holiday notice is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    On(Date),
    Window(Window),
    /// The count runs into a year whose State Council holiday notice is not in the rules.
    Unknown(NoNotice),
}

/// The first and the last day of a span, both inside it.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Window {
    pub from: Date,
    pub until: Date,
}

/// The contract's shape: `due` (a date, or `null` when it cannot be told), or `window`; then
/// `due_basis_zh/en`, `due_unknown_zh/en` where no date is given, and the extension
/// `due_label_zh/en`. An obligation without a deadline has none of these fields. The
/// extension `conditions` (each with its `answer`), `conditions_result` (`met`, `not_met`,
/// `open`) and `conditions_zh/en` (what follows) appear once its conditions are asked.
impl Serialize for Obligation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let extra = match &self.deadline {
            None => 0,
            Some(d) if matches!(d.due, Due::Unknown(_)) => 7,
            Some(_) => 5,
        } + if self.conditions.is_some() { 4 } else { 0 };
        let mut st = s.serialize_struct("Obligation", 4 + extra)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("text_zh", &self.text_zh)?;
        st.serialize_field("text_en", &self.text_en)?;
        st.serialize_field("citation", &self.citation)?;
        if let Some(d) = &self.deadline {
            match d.due {
                Due::On(date) => st.serialize_field("due", &date)?,
                Due::Window(w) => st.serialize_field("window", &w)?,
                Due::Unknown(_) => st.serialize_field("due", &None::<Date>)?,
            }
            st.serialize_field("due_basis_zh", &d.basis_zh)?;
            st.serialize_field("due_basis_en", &d.basis_en)?;
            if let Due::Unknown(why) = d.due {
                st.serialize_field("due_unknown_zh", &why.zh())?;
                st.serialize_field("due_unknown_en", &why.en())?;
            }
            st.serialize_field("due_label_zh", d.label_zh)?;
            st.serialize_field("due_label_en", d.label_en)?;
        }
        if let Some(c) = &self.conditions {
            st.serialize_field("conditions", &c.items)?;
            st.serialize_field("conditions_result", &c.result)?;
            st.serialize_field("conditions_zh", c.text_zh)?;
            st.serialize_field("conditions_en", c.text_en)?;
        }
        st.end()
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Warning {
    pub id: Text,
    pub text_zh: Text,
    pub text_en: Text,
}

/// Which rules decided: a list's sector, or the national rules, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DecidedBy {
    pub list: Option<&'static str>,
    pub sector: Option<&'static str>,
    pub reason_zh: Text,
    pub reason_en: Text,
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
    pub trace: Vec<Text>,
    pub trace_zh: Vec<Text>,
    pub cleared: Vec<Finding>,
    pub decided_by: DecidedBy,
    /// The ids of the materials checklists that apply (`catalogue::checklist`), in document
    /// order; an extension, left out of the JSON when there is none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<String>,
    /// Contract: "Unknown answers": every combination of answers to the open questions gives
    /// the same outcome and pathways.
    pub decided: bool,
    /// The open questions whose answer changes the outcome or the pathways, in the order given.
    pub depends_on: Vec<String>,
    /// One per combination of answers to `depends_on`.
    pub branches: Vec<Branch>,
    /// Contract: "Rules as of a date": the day whose rules decided.
    pub as_of: Date,
    /// The editions of the documents that decided it: the national rules, the list that
    /// decided, the handler's zone measures.
    pub editions: Vec<crate::edition::Edition>,
}

/// One combination of answers to the questions a verdict depends on, and what it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    /// Question id and the answer assumed, in `depends_on` order.
    pub assume: Vec<(String, Assumed)>,
    pub outcome: Pathway,
    pub pathways: Vec<Pathway>,
}

/// `{ "assume": { "<question id>": true | false, … }, "outcome": "…", "pathways": ["…"] }`; a
/// group question (`personal_information[N].group`) assumes a group id, or null for none.
impl Serialize for Branch {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Assume<'a>(&'a [(String, Assumed)]);
        impl Serialize for Assume<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for (k, v) in self.0 {
                    match *v {
                        Assumed::Yes => m.serialize_entry(k, &true)?,
                        Assumed::No => m.serialize_entry(k, &false)?,
                        Assumed::Group(g) => m.serialize_entry(k, &g)?,
                    }
                }
                m.end()
            }
        }
        let mut st = s.serialize_struct("Branch", 3)?;
        st.serialize_field("assume", &Assume(&self.assume))?;
        st.serialize_field("outcome", &self.outcome)?;
        st.serialize_field("pathways", &self.pathways)?;
        st.end()
    }
}

impl Verdict {
    /// The outcome in words for a headline. An exempt outcome that still carries another
    /// pathway (export control, another lawful pathway) never reads as "nothing is needed"; a
    /// contract outcome where certification is not open says only what is.
    fn headline(&self, zh: bool) -> String {
        let name = |p: Pathway| if zh { p.name_zh() } else { p.name_en() };
        let others: Vec<&str> = self.pathways.iter().filter(|p| matches!(p.pathway, Pathway::ExportControl | Pathway::OtherLawfulPathway)).map(|p| name(p.pathway)).collect();
        match self.outcome {
            Pathway::Exempt if !others.is_empty() && zh => format!("无需申报安全评估、订立标准合同或通过认证，但须另行办理：{}", others.join("；")),
            Pathway::Exempt if !others.is_empty() => format!("No assessment, contract or certification, but still needed: {}", others.join("; ")),
            Pathway::StandardContractOrCertification if self.warnings.iter().any(|w| w.id == "certification-not-open") => {
                if zh { "个人信息出境标准合同备案（本次不适用个人信息保护认证）".into() } else { "Standard contract filing (certification is not open here)".into() }
            }
            p => name(p).to_string(),
        }
    }

    pub fn headline_zh(&self) -> String {
        self.headline(true)
    }

    pub fn headline_en(&self) -> String {
        self.headline(false)
    }

    /// The pathway codes, space-separated (the web app's `data-pathways`).
    pub fn pathway_codes(&self) -> String {
        self.pathways.iter().map(|p| p.pathway.code()).collect::<Vec<_>>().join(" ")
    }
}
