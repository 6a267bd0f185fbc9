//! The evaluation: a pure function of (rules, scenario) to a verdict.
//!
//! Order of the steps (each one leaves a line in the trace):
//! 1. National core data (数据安全法; measures of each zone): outside negative-list management.
//! 2. Which rules decide: the zone's list (handler in zone, sector chosen, sector applicable) or
//!    the national rules (Provisions Art. 6; Chongqing measures Art. 19).
//! 3. Important data notified or published by an authority (Provisions Art. 2, Regulation Art. 37).
//! 4. Listed important-data items, each unless an exception written into it is affirmed.
//! 5. Personal information (`crate::bands`): CIIO (Art. 7(1)); else the list's bands or the
//!    national ones (Arts. 5(1)(4), 7(2), 8), never counting the exempt situations (Arts. 3, 4,
//!    5(1)(1)-(3)).
//! 6. The export-control regime (Chongqing measures Art. 20; each Beijing sector's note).
//! 7. Outcome, obligations (dated from the scenario's dates: `deadline`) and warnings
//!    (`crate::notes`).
//!
//! Each step returns what it found as a value (`crate::part::Part`) with typed reasons
//! (`crate::say`): no prose is written here. Where one result prevails over another, the step
//! names the row of `crate::precedence` that says so (`Part::prevails`), and the outcome is
//! `precedence::outcome`: the order is the table's, not the statements'.
use crate::catalogue::{self, Document, ExceptionKind, Item, Kind, NationalRule, Pathway, Sector, When};
use crate::part::{Found, Part};
use crate::precedence::Row;
use crate::say::{Caution, Instead, Step, Why};
use crate::scenario::{InputError, PiEntry, Resolved, Scenario};
use crate::verdict::{Citation, Verdict};

/// Evaluates a scenario. Bad input gives an error naming the field; nothing panics.
/// Questions named `unknown` give a conditional verdict (`crate::unknown`).
/// A scenario without `as_of` is evaluated on the rules' own day (`edition::rules_day`).
pub fn evaluate(scenario: &Scenario) -> Result<Verdict, InputError> {
    crate::unknown::evaluate(scenario, crate::edition::rules_day())
}

/// Evaluates a scenario on `today` (the caller's local date) unless it names its own `as_of`
/// (contract: "Rules as of a date").
pub fn evaluate_on(scenario: &Scenario, today: crate::calendar::Date) -> Result<Verdict, InputError> {
    crate::unknown::evaluate(scenario, today)
}

/// The decision alone: steps 1 to 6 and the outcome (`crate::precedence`) of the scenario as
/// answered — its `unknown` questions taken as written — without the verdict in words: the
/// outcome and the pathways [`evaluate`] gives it (its `outcome` and `pathways` codes, in
/// order). What a conditional verdict decides each combination of answers by; the benchmark
/// times it beside [`evaluate`], which also puts every finding, step and warning in words.
pub fn decide(scenario: &Scenario) -> Result<(Pathway, Vec<Pathway>), InputError> {
    let r = scenario.resolve()?;
    Ok(decided(&r))
}

/// Evaluates a resolved scenario whose questions are all answered.
pub(crate) fn resolved(r: &Resolved) -> Verdict {
    resolved_with_rows(r).0
}

/// [`resolved`], with the precedence rows that decided something, in the order they did.
pub(crate) fn resolved_with_rows(r: &Resolved) -> (Verdict, Vec<Row>) {
    let e = Eval { r, s: r.scenario };
    e.finish(e.run())
}

/// The outcome and the pathways of a resolved scenario whose questions are all answered,
/// without putting the verdict in words: what a conditional verdict compares its branches by
/// (`crate::unknown`).
pub(crate) fn decided(r: &Resolved) -> (Pathway, Vec<Pathway>) {
    let e = Eval { r, s: r.scenario };
    crate::notes::pathways_of(&e.run().0)
}

/// Which rules decide the personal-information counts.
#[derive(Clone, Copy)]
pub(crate) enum Regime {
    List(&'static Document, &'static Sector),
    National,
}

impl Regime {
    pub(crate) fn list(self) -> Option<(&'static Document, &'static Sector)> {
        match self {
            Regime::List(d, s) => Some((d, s)),
            Regime::National => None,
        }
    }
}

/// What every step reads: the resolved scenario. Steps never change it.
pub(crate) struct Eval<'a> {
    pub r: &'a Resolved<'a>,
    pub s: &'a Scenario,
}

impl Eval<'_> {
    /// Steps 1 to 6, combined in order; the list that decided, if one did.
    fn run(&self) -> (Part, Regime) {
        let s = self.s;
        let mut out = Part::default();
        // Step 1 (row `core-data-over-everything`: nothing else is decided).
        if out.prevails(Row::CoreDataOverEverything, s.flags.national_core_data) {
            out.then(self.core_data());
            return (out, Regime::National);
        }
        out.step(Step::NotCoreData);
        let (regime, part) = self.regime();
        out.then(part);
        out.then(self.notified());
        out.then(self.important_data(regime));
        if s.handler.ciio && (!self.r.items.is_empty() || s.notified_important_data) {
            out.warn(Caution::CiioImportantData);
        }
        out.then(self.personal_information(regime));
        // Step 6 (row `export-control-in-addition`).
        if out.prevails(Row::ExportControlInAddition, s.flags.export_control) {
            out.then(self.export_control(regime));
        } else {
            out.step(Step::NoExportControl);
        }
        (out, regime)
    }

    /// Step 1: national core data, with export control in addition where flagged.
    fn core_data(&self) -> Part {
        let mut p = Part::default();
        p.step(Step::CoreData);
        p.find(self.cited_to_own_provision(Found::rule(NationalRule::CoreData.rule(), Pathway::NationalCoreData, Why::CoreData), Regime::National, When::NationalCoreData));
        if p.prevails(Row::ExportControlInAddition, self.s.flags.export_control) {
            p.then(self.export_control(Regime::National));
        }
        p
    }

    pub(crate) fn sector_answer(&self, kind: ExceptionKind) -> Option<&'static catalogue::Exception> {
        self.r.exceptions.iter().find(|(e, item)| item.is_none() && e.kind == kind).map(|(e, _)| *e)
    }

    /// Step 2 without a list: which national situation it is.
    fn no_list(&self) -> Step {
        let zone_has_list = self.r.zone.is_some_and(|z| catalogue::lists().any(|l| l.zone == z));
        match self.r.zone.and_then(|z| catalogue::zone_documents(z).next()) {
            Some(d) if self.s.handler.in_zone && !zone_has_list => Step::ZoneWithoutList(d),
            Some(d) if self.s.handler.in_zone => Step::ZoneListNotChosen(d),
            _ => Step::NoList,
        }
    }

    /// Step 2: the zone's list (or one referred to) decides, or the national rules do.
    fn regime(&self) -> (Regime, Part) {
        let mut p = Part::default();
        // A list or zone measures not in force on the day (the register only): the national
        // rules decide, as they do for a handler no list reaches (a list is made under
        // Provisions Art. 6 and decides only while it is in force; e.g. Chongqing measures
        // Art. 23, 有效期 2 年).
        if let Some(&first) = self.r.lapsed.first() {
            for &doc in &self.r.lapsed {
                p.warn(Caution::NotInForce(doc, self.r.as_of));
            }
            p.step(Step::NotInForce(first, self.r.as_of));
            return (Regime::National, p);
        }
        let Some(list) = self.r.list else {
            p.step(self.no_list());
            return (Regime::National, p);
        };
        if let Some(zone) = self.r.zone.filter(|z| *z != list.zone) {
            let zd = catalogue::zone_documents(zone).next().expect("resolved zone");
            if !self.s.handler.in_zone || !catalogue::allows_referral(zone) {
                p.step(Step::ZoneCannotRefer { zone: zd, list });
                return (Regime::National, p);
            }
            p.warn(Caution::Referral { zone: zd, list });
            p.step(Step::Refers { zone: zd, list });
        }
        if !self.s.handler.in_zone {
            p.step(Step::OutOfZone(list));
            p.warn(Caution::OutOfZone(list));
            return (Regime::National, p);
        }
        let Some(sector) = self.r.sector else {
            p.step(Step::OutsideSectors);
            return (Regime::National, p);
        };
        if let Some(e) = self.sector_answer(ExceptionKind::NotApplicable) {
            p.prevails(Row::SectorNotApplicable, true);
            p.step(Step::SectorNotApplicable(e, sector));
            p.clear(Found::sector_answer(list, sector, e, Why::SectorNotApplicable(e)));
            return (Regime::National, p);
        }
        p.step(if self.r.zone == Some(list.zone) { Step::InZoneSector(list, sector) } else { Step::ReferredSector(sector) });
        p.prevails(Row::ListOverNationalBands, true);
        (Regime::List(list, sector), p)
    }

    /// Step 3 (row `notified-important-data`: whichever rules decide).
    fn notified(&self) -> Part {
        let mut p = Part::default();
        if p.prevails(Row::NotifiedImportantData, self.s.notified_important_data) {
            p.find(Found::rule(NationalRule::Art2.rule(), Pathway::SecurityAssessment, Why::Notified));
            p.step(Step::Notified);
        } else if !self.r.items.is_empty() {
            // The selected list items are themselves published as important data (step 4):
            // never say "not published" of the same data.
            p.step(Step::NotNotifiedBesideItems);
        } else {
            p.step(Step::NotNotified);
        }
        p
    }

    /// The affirmed answer of `item`'s own of this kind or not of it (`ambiguous`: the
    /// carve-outs read two ways, which never clear their item).
    fn item_answer(&self, item: &Item, ambiguous: bool) -> Option<&'static catalogue::Exception> {
        self.r.exceptions.iter().find(|(e, it)| it.is_some_and(|i| i.id == item.id) && (e.kind == ExceptionKind::Ambiguous) == ambiguous).map(|(e, _)| *e)
    }

    /// The affirmed exception or qualifier that clears `item`, if any.
    pub(crate) fn item_exception(&self, item: &Item) -> Option<&'static catalogue::Exception> {
        self.item_answer(item, false)
    }

    /// Step 4: each selected important-data item.
    fn important_data(&self, regime: Regime) -> Part {
        let mut p = Part::default();
        let Some(list) = self.r.list.filter(|_| !self.r.items.is_empty()) else {
            p.step(Step::NoItems);
            return p;
        };
        // An affirmed "this section does not apply" sends the data to the national rules, where
        // the selected items are still published important data (row
        // `listed-items-outside-list`): said, with the section that applies instead.
        if let (Regime::National, Some(na)) = (regime, self.sector_answer(ExceptionKind::NotApplicable)) {
            p.step(Step::SectionNotApplicableItems(Instead(na.instead.and_then(|id| list.sector(id)))));
        }
        let exempt = regime.list().and_then(|_| self.sector_answer(ExceptionKind::Exempt));
        if p.prevails(Row::ListedItemsOutsideList, matches!(regime, Regime::National)) {
            p.warn(Caution::ListedItemsOutsideList);
        }
        // Answers given for items not selected.
        for (e, it) in &self.r.exceptions {
            if let Some(it) = it.filter(|it| it.kind == Kind::ImportantData && !self.r.items.iter().any(|x| x.id == it.id)) {
                p.warn(Caution::AnswerUnused(e, it));
            }
        }
        for &item in &self.r.items {
            p.then(self.item(regime, list, exempt, item));
        }
        p
    }

    /// Step 4 for one item: cleared by the sector's exemption or the item's own exception, else
    /// its pathway (and the assessment beside another lawful pathway where it is needed).
    fn item(&self, regime: Regime, list: &'static Document, exempt: Option<&'static catalogue::Exception>, item: &'static Item) -> Part {
        let mut p = Part::default();
        if let Some(e) = exempt {
            p.prevails(Row::SectorExemptionOverList, true);
            p.clear(Found::item(list, item, item.pathway, Why::ItemSectorExempt(e, item)).answered(e));
            p.step(Step::ItemSectorExempt(item, e));
        } else if let Some(e) = self.item_exception(item) {
            p.prevails(Row::ItemExceptionClearsItem, true);
            p.clear(Found::item(list, item, item.pathway, Why::ItemExcepted(e, item)).answered(e));
            p.step(Step::ItemExcepted(item, e));
        } else {
            // Row `ambiguous-exception-keeps-item`: a carve-out read two ways, affirmed, is shown
            // and set aside (the stricter reading).
            let kept = self.item_answer(item, true);
            if let Some(e) = kept.filter(|_| p.prevails(Row::AmbiguousExceptionKeepsItem, true)) {
                p.warn(Caution::AmbiguousException(e, item));
            }
            p.step(Step::ItemListed(item, kept));
            p.find(Found::item(list, item, item.pathway, Why::ItemListed(item, kept)));
            // Row `important-data-assessment-beside-other-pathway`: the assessment is still
            // needed for a CIIO (Provisions Art. 7(1)) or where the list does not decide (Arts. 2, 7).
            let ciio = self.s.handler.ciio;
            if item.pathway == Pathway::OtherLawfulPathway && p.prevails(Row::ImportantDataAssessmentBesideOtherPathway, ciio || matches!(regime, Regime::National)) {
                let rule = if ciio { NationalRule::Art7_1 } else { NationalRule::Art2 };
                p.step(Step::ItemAssessmentToo(item));
                p.find(Found::rule(rule.rule(), Pathway::SecurityAssessment, Why::AssessmentBesideOtherPathway { item, ciio }));
            }
        }
        p
    }

    /// Entries counted at all (a national exempt basis keeps an entry out of every count).
    pub(crate) fn counted(&self) -> impl Iterator<Item = &PiEntry> {
        self.s.personal_information.iter().filter(|e| e.basis.is_none_or(|b| !b.exempt_nationally()))
    }

    /// Step 6: the export-control regime applies in addition. The finding cites the instrument
    /// that says so for this verdict: the deciding list's own note (each Beijing sector's note
    /// 3), else the handler's zone measures (Chongqing Art. 20, Guangdong 附则), else the laws.
    fn export_control(&self, regime: Regime) -> Part {
        let mut p = Part::default();
        p.find(self.cited_to_own_provision(Found::rule(NationalRule::ExportControl.rule(), Pathway::ExportControl, Why::ExportControl), regime, When::ExportControl));
        p.step(Step::ExportControl);
        p
    }

    /// `f`, cited to the provision that says it for this verdict where there is one.
    fn cited_to_own_provision(&self, f: Found, regime: Regime, when: When) -> Found {
        match self.own_provision(regime, when) {
            Some((doc, cite, text)) => Found { citation: Citation::new(doc, cite), source_zh: text, ..f },
            None => f,
        }
    }

    /// A provision of the deciding list (its sector note of that role) or of the handler's zone
    /// measures (a note shown `when` that flag is set): the text that says it for this verdict.
    fn own_provision(&self, regime: Regime, when: When) -> Option<(&'static Document, catalogue::Cite, &'static str)> {
        if let (Regime::List(doc, sector), When::ExportControl) = (regime, when) {
            if let Some(n) = sector.notes.iter().find(|n| n.kind == catalogue::NoteKind::ExportControl) {
                return Some((doc, catalogue::Cite::at(sector.heading_zh, crate::render::note_label(n.number)), n.text_zh));
            }
        }
        let zone = self.r.zone.filter(|_| self.s.handler.in_zone)?;
        crate::notes::zone_provision(zone, when)
    }
}

