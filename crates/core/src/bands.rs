//! Step 5 of the evaluation: personal information. The exempt situations are never counted
//! (Provisions Arts. 3, 4, 5(1)(1)-(3)); a CIIO needs the assessment whatever the number (Art.
//! 7(1)); else the deciding list's items count their own scopes and bands, or the national
//! bands do (Arts. 5(1)(4), 7(2), 8). Each function returns what it found (`crate::part::Part`);
//! the words are `crate::say`'s.
use crate::catalogue::{self, Band, Document, ExceptionKind, Item, Kind, Measure, NationalRule, Pathway, ScopeKind, Sector};
use crate::evaluate::{Eval, Regime};
use crate::part::{Answer, Found, Part};
use crate::precedence::Row;
use crate::say::{Caution, Pending, Step, Sum, Summed, Why};
use crate::scenario::Basis;
use crate::threshold::{self, Ctx};
use crate::verdict::Citation;

/// An item's band that a count reached the ceiling of, where the item sends such counts on.
type Overflow = (&'static Item, &'static Band, u64);

/// The threshold a count is within 10% below, if any.
fn near(b: &Band, c: u64) -> Option<u64> {
    b.at_least.filter(|lo| c < *lo && c * 10 >= lo * 9)
}

impl Eval<'_> {
    /// Step 5.
    pub(crate) fn personal_information(&self, regime: Regime) -> Part {
        let mut p = Part::default();
        if self.s.personal_information.is_empty() {
            p.step(Step::NoPersonalInformation);
            return p;
        }
        p.then(self.bases());
        let persons: u64 = self.counted().map(|e| e.persons.0).sum();
        let sensitive: u64 = self.counted().map(|e| e.sensitive_persons.0).sum();
        if self.counted().count() > 0 {
            p.warn(Caution::CumulativeCount);
            if sensitive > 0 && persons > 0 {
                p.warn(Caution::PersonsIncludeSensitive);
            }
        }
        if let Some(sector) = self.r.sector {
            p.then(self.health_data_check(sector));
        }
        p.then(match regime {
            _ if self.s.handler.ciio => self.ciio(regime, persons, sensitive),
            Regime::List(doc, sector) => match self.sector_answer(ExceptionKind::Exempt) {
                Some(e) => {
                    let mut q = Part::default();
                    q.prevails(Row::SectorExemptionOverList, true);
                    q.clear(Found::sector_answer(doc, sector, e, Why::SectorExemptsPersonalInformation(e)));
                    q.step(Step::SectorExemptsPersonalInformation);
                    q
                }
                None => self.list_bands(doc, sector),
            },
            Regime::National => self.national_bands(persons, sensitive),
        });
        p
    }

    /// The groups under an exempt basis: not counted, by any band (row
    /// `exempt-situations-over-counts`); the others said to count.
    fn bases(&self) -> Part {
        let mut p = Part::default();
        for (i, e) in self.s.personal_information.iter().enumerate() {
            let Some(b) = e.basis else { continue };
            if !b.exempt_nationally() {
                p.step(Step::BasisNotExempt(i, e.persons.0, b));
                continue;
            }
            p.step(Step::BasisExempt(i, e.persons.0, b));
            p.prevails(Row::ExemptSituationsOverCounts, true);
            let rule = match b {
                Basis::NoPersonalData => NationalRule::Art3,
                Basis::CollectedAbroad => NationalRule::Art4,
                _ => NationalRule::Art5_1,
            };
            let why = Why::BasisExempt { group: i, persons: e.persons.0, sensitive: e.sensitive_persons.0, basis: b };
            p.clear(Found { answer: Some(Answer::Basis(i)), ..Found::rule(rule.rule(), Pathway::Exempt, why) });
            if b.needs_necessity() {
                p.warn(Caution::BasisNecessity);
            }
            if b.has_conditions() {
                p.warn(Caution::BasisConditions(b));
            }
        }
        p
    }

    /// A CIIO's personal information: the assessment, whatever the number (row `ciio-over-bands`).
    fn ciio(&self, regime: Regime, persons: u64, sensitive: u64) -> Part {
        let mut p = Part::default();
        if !p.prevails(Row::CiioOverBands, persons > 0 || sensitive > 0) {
            p.step(Step::CiioNothingCounted);
            return p;
        }
        let persons = self.total("national.art7-1", &self.national_parts(Measure::Persons));
        p.find(Found::rule(NationalRule::Art7_1.rule(), Pathway::SecurityAssessment, Why::CiioPersonalInformation(persons)));
        p.step(Step::Ciio);
        if matches!(regime, Regime::List(..)) {
            p.warn(Caution::CiioList);
        }
        p
    }

    /// A group whose data a list item says is health data by nature (`contains` sensitive: trial
    /// subjects', patients' 诊疗和健康生理信息), entered with fewer sensitive persons than
    /// persons: said, whichever rules decide (the national bands count sensitive persons apart).
    fn health_data_check(&self, sector: &'static Sector) -> Part {
        let rows: Vec<(usize, &'static Item)> = self
            .s
            .personal_information
            .iter()
            .enumerate()
            .filter(|(_, e)| e.sensitive_persons.0 < e.persons.0 && e.basis.is_none_or(|b| !b.exempt_nationally()))
            .filter_map(|(i, e)| threshold::health_data_item(sector, e).map(|it| (i, it)))
            .collect();
        let mut p = Part::default();
        if !rows.is_empty() {
            p.warn(Caution::HealthData(rows));
        }
        p
    }

    /// The items whose precondition the user has not affirmed (they take nobody).
    fn unmet(&self, sector: &Sector) -> Vec<u32> {
        sector.exceptions.iter().filter(|e| e.kind == ExceptionKind::Precondition && !self.affirmed(e.id)).flat_map(|e| e.items.iter().copied()).collect()
    }

    fn affirmed(&self, id: &str) -> bool {
        self.r.exceptions.iter().any(|(e, _)| e.id == id)
    }

    /// The count `rule` sees over `parts`: their union where the people are known
    /// (`threshold::Overlaps`, the register), else their sum.
    fn total(&self, rule: &str, parts: &[(usize, Measure, u64)]) -> u64 {
        threshold::total(self.r.overlaps, rule, parts)
    }

    /// The parts of the national count of `m`: every entry not exempt nationally.
    fn national_parts(&self, m: Measure) -> Vec<(usize, Measure, u64)> {
        self.s.personal_information.iter().enumerate().filter(|(_, e)| e.basis.is_none_or(|b| !b.exempt_nationally())).map(|(i, e)| (i, m, e.count(m))).filter(|(_, _, c)| *c > 0).collect()
    }

    /// A count that added several groups, to say exactly what was added. Where the people are
    /// known (`overlaps`), nothing was added: the count is their union.
    fn sum(&self, of: Summed, parts: &[(usize, u64)]) -> Option<Sum> {
        (parts.len() >= 2 && self.r.overlaps.is_none()).then(|| Sum { of, parts: parts.to_vec() })
    }

    /// Personal information under a list's sector: every PI item, with its own scope and bands.
    fn list_bands(&self, doc: &'static Document, sector: &'static Sector) -> Part {
        let unmet = self.unmet(sector);
        let cx = Ctx { sector: Some(sector), unmet: &unmet };
        let mut p = self.preconditions_pending(sector);
        p.then(self.group_cautions(sector, cx));
        p.then(self.escalations(doc));
        // Row `escalation-over-contract-band`: an escalated item's contract bands count nobody.
        let escalated: Vec<&str> = self.r.exceptions.iter().filter(|(e, _)| e.kind == ExceptionKind::Escalation).filter_map(|(_, i)| i.map(|i| i.id)).collect();
        // (entry, measure) pairs some item took, to say which counted people no item bands.
        let mut taken: Vec<(usize, Measure)> = Vec::new();
        let mut overflow: Vec<Overflow> = Vec::new();
        for item in sector.items.iter().filter(|i| i.kind == Kind::PersonalInformation && !escalated.contains(&i.id)) {
            let (part, t, o) = self.item_bands(doc, sector, cx, item);
            p.then(part);
            taken.extend(t);
            overflow.extend(o);
        }
        let above = self.above_ceilings(doc, sector, overflow, &p.findings);
        p.then(above);
        p.then(self.unbanded(doc, sector, &taken));
        if p.findings.is_empty() && p.cleared.is_empty() {
            p.step(if self.counted().any(|e| e.persons.0 > 0) { Step::NoBandReached } else { Step::NothingCountedList });
        }
        p
    }

    /// Preconditions not affirmed, where they matter: say where the people go instead.
    fn preconditions_pending(&self, sector: &'static Sector) -> Part {
        let open = Ctx { sector: Some(sector), unmet: &[] };
        let mut p = Part::default();
        for pre in sector.exceptions.iter().filter(|e| e.kind == ExceptionKind::Precondition && !self.affirmed(e.id)) {
            let governed: Vec<&Item> = pre.items.iter().filter_map(|n| sector.item_by_number(*n)).collect();
            let matters = self.s.personal_information.iter().any(|en| en.persons.0 > 0 && governed.iter().any(|it| it.bands.iter().any(|b| threshold::takes(open, it, b, en))));
            if !matters {
                continue;
            }
            let rest = sector
                .items
                .iter()
                .filter(|i| matches!(i.scope.kind, ScopeKind::OtherScenarios | ScopeKind::AllExcept) && i.scope.except_items.iter().any(|n| pre.items.contains(n)))
                .map(|i| i.number)
                .collect();
            let health = governed.iter().any(|it| it.scope.contains.contains(&Measure::SensitivePersons));
            let pending = Pending { sector, precondition: pre, rest, health };
            p.warn(Caution::PreconditionNotMet(pending.clone()));
            p.step(Step::PreconditionNotMet(pending));
        }
        p
    }

    /// Groups counted other than by their label: one in a limited scenario whose class the
    /// scenario's items do not name; a class counted by an item that names another, because
    /// their people overlap.
    fn group_cautions(&self, sector: &'static Sector, cx: Ctx) -> Part {
        let open = Ctx { sector: Some(sector), unmet: &[] };
        let mut p = Part::default();
        for e in self.counted() {
            if e.scenario.is_some() && threshold::uncovered_in_limited_scenario(open, sector, e) {
                p.warn(Caution::UncoveredGroup);
            }
        }
        for (i, e) in self.s.personal_information.iter().enumerate() {
            for item in sector.items.iter().filter(|it| it.kind == Kind::PersonalInformation && it.scope.kind == ScopeKind::Limited) {
                if item.bands.iter().any(|b| threshold::by_overlap(b, &e.group) && threshold::takes(cx, item, b, e)) {
                    p.warn(Caution::GroupOverlap { group: i, sector, item, label: e.group.as_deref().and_then(|g| sector.group(g)) });
                }
            }
        }
        p
    }

    /// Graver data an item carves out of its contract band, affirmed: the assessment.
    fn escalations(&self, doc: &'static Document) -> Part {
        let mut p = Part::default();
        for &(e, item) in &self.r.exceptions {
            let Some(item) = item.filter(|_| e.kind == ExceptionKind::Escalation) else { continue };
            p.prevails(Row::EscalationOverContractBand, true);
            p.find(Found::item(doc, item, Pathway::SecurityAssessment, Why::Escalated(e, item)).answered(e));
            p.step(Step::Escalated(item));
        }
        p
    }

    /// One item's bands: a band that holds gives the item's pathway; else the lowest band of a
    /// chain says "below the list" (a count above a contract band is reported by the assessment
    /// item that takes it), one entry per item naming every band it is below. Also returns the
    /// (entry, measure) pairs the item took and its counts at a ceiling it sends on.
    fn item_bands(&self, doc: &'static Document, sector: &'static Sector, cx: Ctx, item: &'static Item) -> (Part, Vec<(usize, Measure)>, Vec<Overflow>) {
        let mut p = Part::default();
        let (mut taken, mut overflow, mut hits, mut seen) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for b in item.bands {
            let measured = threshold::measured_contributions(cx, item, b, &self.s.personal_information);
            let parts: Vec<(usize, u64)> = measured.iter().map(|(i, _, c)| (*i, *c)).collect();
            taken.extend(parts.iter().map(|(i, _)| (*i, b.measure)));
            // An item whose data contains more than its bands count (health data by nature)
            // bands that too.
            taken.extend(parts.iter().flat_map(|(i, _)| item.scope.contains.iter().map(move |m| (*i, *m))));
            let c = self.total(item.id, &measured);
            let at_ceiling = c > 0 && b.below.is_some_and(|hi| c >= hi) && item.overflow_to.is_some();
            if b.holds(c) || at_ceiling {
                p.sums.extend(self.sum(Summed::Item(item, b.measure), &parts));
            }
            if b.holds(c) {
                hits.push((c, b));
            } else if c > 0 {
                if at_ceiling {
                    overflow.push((item, b, c));
                }
                seen.push((c, b));
            }
            if let Some(at_least) = near(b, c) {
                p.warn(Caution::NearItem { item, at_least, count: c });
            }
        }
        if !hits.is_empty() {
            p.find(Found::item(doc, item, item.pathway, Why::BandHolds { sector, item, hits }));
            p.step(Step::BandHolds(item));
            return (p, taken, overflow);
        }
        let below: Vec<(u64, &'static Band)> = seen.into_iter().filter(|(c, b)| *c < b.floor() && threshold::lowest_in_chain(sector, item, b)).collect();
        if !below.is_empty() {
            p.clear(Found::item(doc, item, Pathway::Exempt, Why::BelowBands { doc, sector, item, below: below.clone() }));
            p.step(Step::BelowBands(item, below));
        }
        (p, taken, overflow)
    }

    /// Above a contract ceiling that no limited assessment item meets for these classes (row
    /// `ceiling-overflow-to-assessment`): the item the ceiling sends them to. `found`: what
    /// the earlier steps found (a target already found is not found twice).
    fn above_ceilings(&self, doc: &'static Document, sector: &'static Sector, overflow: Vec<Overflow>, found: &[Found]) -> Part {
        let mut p = Part::default();
        for (item, band, count) in overflow {
            let Some(target) = item.overflow_to.and_then(|n| sector.item_by_number(n)) else { continue };
            if found.iter().chain(&p.findings).any(|f| f.rule == target.id) {
                continue;
            }
            let Some(target_band) = target.bands.iter().find(|t| t.measure == band.measure && t.holds(count)) else { continue };
            p.prevails(Row::CeilingOverflowToAssessment, true);
            p.find(Found::item(doc, target, target.pathway, Why::AboveCeiling { item, band, count, target, target_band }));
            p.warn(Caution::AboveCeiling { item, target });
            p.step(Step::AboveCeiling { item, target });
        }
        p
    }

    /// Counted people that no item of the sector bands: outside the list, and said so.
    fn unbanded(&self, doc: &'static Document, sector: &'static Sector, taken: &[(usize, Measure)]) -> Part {
        let mut parts: Vec<(usize, Measure, u64)> = Vec::new();
        for (i, e) in self.s.personal_information.iter().enumerate().filter(|(_, e)| e.basis.is_none_or(|b| !b.exempt_nationally())) {
            for m in [Measure::Persons, Measure::SensitivePersons] {
                let c = e.count(m);
                // Sensitive persons are also persons: they are banded when either measure is.
                let banded = taken.contains(&(i, m)) || (m == Measure::Persons && taken.contains(&(i, Measure::SensitivePersons)) && e.persons == e.sensitive_persons);
                if c > 0 && !banded {
                    parts.push((i, m, c));
                }
            }
        }
        let mut p = Part::default();
        if !parts.is_empty() {
            let f = Found::rule(NationalRule::Art6.rule(), Pathway::Exempt, Why::Unbanded { doc, parts: parts.clone() });
            p.clear(Found { citation: Citation::new(doc, catalogue::Cite::at(sector.heading_zh, "")), ..f });
            p.step(Step::Unbanded(parts));
        }
        p
    }

    /// The national bands (Provisions Arts. 7(2), 8; Art. 5(1)(4) below them).
    fn national_bands(&self, persons: u64, sensitive: u64) -> Part {
        let mut p = Part::default();
        if persons == 0 && sensitive == 0 {
            p.step(Step::NothingCountedNational);
            return p;
        }
        for m in [Measure::Persons, Measure::SensitivePersons] {
            let parts: Vec<(usize, u64)> = self.national_parts(m).iter().map(|(i, _, c)| (*i, *c)).collect();
            p.sums.extend(self.sum(Summed::National(m), &parts));
        }
        for rule in catalogue::baseline().rules.iter().filter(|r| !r.bands.is_empty()) {
            let Some(pathway) = rule.pathway else { continue };
            for band in rule.bands {
                let count = self.total(rule.id, &self.national_parts(band.measure));
                if let Some(at_least) = near(band, count) {
                    p.warn(Caution::NearNational { rule, at_least, count });
                }
                if band.holds(count) {
                    p.find(Found::rule(rule, pathway, Why::NationalBand { count, band, pathway }));
                    p.step(Step::NationalBand(rule, pathway));
                }
            }
        }
        if p.findings.is_empty() {
            let persons = self.total("national.art5-1-4", &self.national_parts(Measure::Persons));
            p.clear(Found::rule(NationalRule::Art5_1_4.rule(), Pathway::Exempt, Why::NationalExempt(persons)));
            p.step(Step::NationalExempt);
        }
        p
    }
}
