//! Step 7 of the evaluation: the outcome from the findings (`crate::precedence`), and the notes
//! of the documents that apply to this verdict — obligations, warnings, materials — chosen by
//! each note's `when` and in-force dates; then the verdict, put in words once.
use crate::catalogue::{self, DocKind, Document, Note, NoteKind, Pathway, Sector, When};
use crate::evaluate::{Eval, Regime};
use crate::part::Part;
use crate::precedence::{self, Row};
use crate::render::{note_label, note_text};
use crate::say::{self, Caution, Step};
use crate::verdict::{Citation, DecidedBy, Obligation, PathwayUse, Verdict};

type List = Option<(&'static Document, &'static Sector)>;

/// A provision of the zone's own measures shown `when` that flag is set, confirmed and not a
/// summary: the citation of a core-data or export-control finding (Chongqing Arts. 17, 20).
pub(crate) fn zone_provision(zone: &str, when: When) -> Option<(&'static Document, catalogue::Cite, &'static str)> {
    catalogue::documents()
        .iter()
        .filter(|d| d.kind == DocKind::Measures && d.zone == zone)
        .flat_map(|d| d.warnings.iter().chain(d.obligations).map(move |n| (d, n)))
        .find(|(_, n)| n.when == when && n.confirmed && !n.summary)
        .map(|(d, n)| (d, n.citation, n.text_zh))
}

/// The pathways the findings give, each with the rules that gave it, in pathway order.
fn pathways(p: &Part) -> Vec<PathwayUse> {
    let mut out: Vec<PathwayUse> = Vec::new();
    for f in &p.findings {
        match out.iter_mut().find(|u| u.pathway == f.pathway) {
            Some(u) if !u.because.iter().any(|b| b == f.rule) => u.because.push(f.rule.to_string()),
            Some(_) => {}
            None => out.push(PathwayUse { pathway: f.pathway, because: vec![f.rule.to_string()] }),
        }
    }
    crate::order::by_key(&mut out, |u| u.pathway);
    out
}

/// The outcome and the pathways the findings give, in pathway order (Exempt alone where none
/// does): what [`outcome`] decides, without the rules that gave each pathway. A conditional
/// verdict compares its combinations of answers by it (`crate::unknown`).
pub(crate) fn pathways_of(p: &Part) -> (Pathway, Vec<Pathway>) {
    let mut out: Vec<Pathway> = Vec::new();
    for f in &p.findings {
        if !out.contains(&f.pathway) {
            out.push(f.pathway);
        }
    }
    crate::order::sort(&mut out);
    let outcome = precedence::outcome_among(|o| out.contains(&o));
    if out.is_empty() {
        out.push(Pathway::Exempt);
    }
    (outcome, out)
}

/// Why nothing is needed: the cleared rules, else Art. 6 (a list decided) or Art. 5(1)(4).
fn exempt_because(p: &Part, list: List) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if p.cleared.is_empty() {
        out.push(if list.is_some() { catalogue::NationalRule::Art6 } else { catalogue::NationalRule::Art5_1_4 }.rule().id.to_string());
    }
    for c in &p.cleared {
        if !out.iter().any(|b| b == c.rule) {
            out.push(c.rule.to_string());
        }
    }
    out
}

/// The outcome and its pathways (`crate::precedence`): where nothing is needed, the rules that
/// cleared the data; the rows that decided it; the sums, warned of once.
pub(crate) fn outcome(p: &mut Part, list: List) -> (Pathway, Vec<PathwayUse>) {
    let mut pathways = pathways(p);
    let outcome = precedence::outcome(&pathways);
    for row in precedence::outcome_rows(&pathways, !p.cleared.is_empty()) {
        p.prevails(row, true);
    }
    if pathways.is_empty() {
        pathways.push(PathwayUse { pathway: Pathway::Exempt, because: exempt_because(p, list) });
    }
    if p.prevails(Row::OtherPathwayNotAnOutcome, outcome == Pathway::Exempt && pathways.iter().any(|u| u.pathway == Pathway::OtherLawfulPathway)) {
        p.warn(Caution::OtherPathwayNeeded);
    }
    p.step(Step::Outcome(outcome, pathways.iter().map(|u| u.pathway).collect()));
    if !p.sums.is_empty() {
        let sums = std::mem::take(&mut p.sums);
        p.warn(Caution::EntriesSummed(sums));
    }
    (outcome, pathways)
}

impl Eval<'_> {
    /// The verdict of the steps' combined part, with the precedence rows that decided.
    pub(crate) fn finish(&self, (mut p, regime): (Part, Regime)) -> (Verdict, Vec<Row>) {
        let list = regime.list();
        let (outcome, pathways) = outcome(&mut p, list);
        let closed = outcome == Pathway::StandardContractOrCertification && !self.certification_open() && self.certification_measures_in_force();
        if p.prevails(Row::CertificationClosed, closed) {
            p.warn(Caution::CertificationNotOpen);
        }
        let obligations = self.obligations(&mut p, list, &pathways);
        p.then(self.document_warnings(list, &pathways));
        // One counting rule: where the handler's zone measures state it in their own words
        // (Guangdong), they replace our general one.
        if p.warnings.iter().any(|(id, _)| id.ends_with(".counting")) {
            p.warnings.retain(|(id, _)| id != "cumulative-count");
        }
        let unconfirmed: Vec<String> = p.findings.iter().chain(&p.cleared).filter(|f| catalogue::baseline().rules.iter().any(|r| r.id == f.rule && !r.confirmed)).map(|f| f.rule.to_string()).collect();
        if !unconfirmed.is_empty() {
            p.warn(Caution::UnconfirmedWording(unconfirmed));
        }
        // In words, once.
        let (trace_zh, trace) = p.steps.iter().map(Step::text).unzip();
        let (reason_zh, reason_en) = say::decided_by(list, self.s.flags.national_core_data);
        let verdict = Verdict {
            schema: crate::scenario::SCHEMA,
            rules_version: catalogue::RULES_VERSION,
            outcome,
            materials: self.materials(list, &pathways),
            editions: crate::edition::used(self.documents(list.map(|(d, _)| d)).into_iter().map(|(d, _)| d)),
            pathways,
            findings: p.findings.iter().map(|f| f.render()).collect(),
            obligations,
            warnings: p.render_warnings(),
            trace,
            trace_zh,
            cleared: p.cleared.iter().map(|f| f.render()).collect(),
            decided_by: DecidedBy { list: list.map(|(d, _)| d.id), sector: list.map(|(_, s)| s.id), reason_zh, reason_en },
            decided: true,
            depends_on: Vec::new(),
            branches: Vec::new(),
            as_of: self.r.as_of,
        };
        (verdict, p.rows)
    }

    /// The obligations that apply, dated and with their checklists; the checklists' warnings
    /// and unused answers go to `p`, and a date that says the assessment band was reached in a
    /// verdict without the assessment is questioned (January 2026 Q&A: what went under a
    /// standard contract or certification this year counts towards the band).
    fn obligations(&self, p: &mut Part, list: List, pathways: &[PathwayUse]) -> Vec<Obligation> {
        let mut out = self.notes_obligations(list, pathways);
        crate::deadline::attach(&mut out, &self.r.dates);
        let (checklist_warnings, unused) = crate::conditions::attach(&mut out, &self.r.answers);
        for w in checklist_warnings {
            p.step(Step::Checklist((w.text_zh.clone(), w.text_en.clone())));
            p.warnings.push((w.id.clone().into(), Caution::Checklist(w)));
        }
        if !unused.is_empty() {
            p.step(Step::UnusedAnswers(unused));
        }
        if let Some(day) = self.r.dates.get(catalogue::DateField::AssessmentBandReached) {
            let dated_from_it = out.iter().any(|o| catalogue::obligation(&o.id).and_then(|n| n.deadline).is_some_and(|d| d.from == catalogue::DateField::AssessmentBandReached));
            if !dated_from_it {
                p.warn(Caution::BandDateWithoutAssessment(day));
            }
        }
        out
    }

    fn applies(&self, when: When, list: List, pathways: &[PathwayUse], zone_chosen: bool) -> bool {
        let has = |p: Pathway| pathways.iter().any(|x| x.pathway == p);
        match when {
            When::Always => true,
            When::Zone => zone_chosen,
            When::ReferralOpen => zone_chosen && !self.s.flags.national_core_data,
            When::ListApplies => list.is_some(),
            When::SecurityAssessment => has(Pathway::SecurityAssessment),
            When::StandardContract => has(Pathway::StandardContractOrCertification),
            When::PersonalInformation => self.counted().any(|e| e.persons.0 > 0),
            When::PersonalInformationAny => self.s.personal_information.iter().any(|e| e.persons.0 > 0),
            When::Certification => has(Pathway::StandardContractOrCertification) && self.certification_open(),
            When::NationalRules => list.is_none() && !self.s.flags.national_core_data,
            When::ExportControl => self.s.flags.export_control,
            When::NationalCoreData => self.s.flags.national_core_data,
        }
    }

    /// Certification is open only to a handler that is not a CIIO exporting no important data
    /// (个人信息出境认证办法, in force 2026-01-01; unconfirmed wording): row
    /// `certification-closed`. A selected item the user cleared by its own exception or
    /// qualifier is not in the export (the item's words say the data is not that item); every
    /// other selected item is, even where a sector note or another list decides.
    fn certification_open(&self) -> bool {
        !self.s.handler.ciio && !self.s.notified_important_data && self.r.items.iter().all(|i| self.item_exception(i).is_some())
    }

    /// The Certification Measures' conditions hold on the verdict's day (their note's first day).
    fn certification_measures_in_force(&self) -> bool {
        catalogue::obligation("national.cert-measures").is_some_and(|n| n.holds_on(self.r.as_of))
    }

    /// Documents whose notes apply: the baseline; the handler's own zone measures; and a list
    /// only in a verdict that list decides (a list's notes never travel to another list's
    /// verdict, nor to one the national rules decide). `true`: the handler's own zone.
    fn documents(&self, deciding: Option<&'static Document>) -> Vec<(&'static Document, bool)> {
        let zone = self.r.zone;
        let in_zone = self.s.handler.in_zone;
        catalogue::documents()
            .iter()
            .filter_map(|d| match d.kind {
                DocKind::Baseline => Some((d, false)),
                DocKind::List => deciding.filter(|l| l.id == d.id).map(|_| (d, Some(d.zone) == zone)),
                DocKind::Measures if Some(d.zone) == zone && in_zone => Some((d, true)),
                DocKind::Measures => None,
            })
            .collect()
    }

    /// The documents' obligations that apply on the verdict's day, then the deciding sector's.
    fn notes_obligations(&self, list: List, pathways: &[PathwayUse]) -> Vec<Obligation> {
        let mut out = Vec::new();
        for (doc, zone_doc) in self.documents(list.map(|(d, _)| d)) {
            for n in doc.obligations.iter().filter(|n| self.holds(n) && self.applies(n.when, list, pathways, zone_doc)) {
                out.push(obligation(doc, n));
            }
        }
        if let Some((doc, sector)) = list {
            for n in sector.notes.iter().filter(|n| n.kind == NoteKind::Obligation) {
                out.push(Obligation {
                    id: format!("{}.{}.note-{}", doc.id, sector.id, n.number),
                    text_zh: n.text_zh.into(),
                    text_en: n.text_en.into(),
                    citation: Citation::new(doc, catalogue::Cite::at(sector.heading_zh, note_label(n.number))),
                    deadline: None,
                    conditions: None,
                });
            }
        }
        out
    }

    /// The documents' warnings that apply, then the deciding sector's notes shown as warnings.
    /// A note holds on the verdict's day and for the scenario's sector, whichever rules decide
    /// (an industry's guidelines bind its data under the national rules too).
    fn holds(&self, n: &Note) -> bool {
        n.holds_on(self.r.as_of) && n.holds_for(self.r.list, self.r.sector)
    }

    fn document_warnings(&self, list: List, pathways: &[PathwayUse]) -> Part {
        let mut p = Part::default();
        for (doc, zone_doc) in self.documents(list.map(|(d, _)| d)) {
            // A zone's own export-control or core-data provision is the finding's citation, not a warning.
            let provision = |n: &Note| matches!(n.when, When::ExportControl | When::NationalCoreData) && n.confirmed && !n.summary && doc.kind == DocKind::Measures;
            for n in doc.warnings.iter().filter(|n| self.holds(n) && self.applies(n.when, list, pathways, zone_doc) && !provision(n)) {
                p.warn(Caution::Note(n));
            }
        }
        if let Some((doc, sector)) = list {
            let export_control_cited = self.s.flags.export_control;
            for n in sector.notes.iter().filter(|n| matches!(n.kind, NoteKind::Warning | NoteKind::Applicability) || (n.kind == NoteKind::ExportControl && !export_control_cited)) {
                p.warn(Caution::SectorNote(doc, sector, n));
            }
        }
        p
    }

    /// The materials checklists that apply: chosen as the obligations are (the same documents,
    /// the same `when`), in document order.
    fn materials(&self, list: List, pathways: &[PathwayUse]) -> Vec<String> {
        let mut out = Vec::new();
        for (doc, zone_doc) in self.documents(list.map(|(d, _)| d)) {
            for c in doc.materials.iter().filter(|c| c.holds_on(self.r.as_of) && self.applies(c.when, list, pathways, zone_doc)) {
                out.push(c.id.to_string());
            }
        }
        out
    }
}

fn obligation(doc: &'static Document, n: &'static Note) -> Obligation {
    let (text_zh, text_en) = note_text(n);
    Obligation { id: n.id.to_string(), text_zh, text_en, citation: Citation::new(doc, n.citation), deadline: None, conditions: None }
}
