//! Every item of every list, generated from the catalogue: each important-data item triggers,
//! and does not when each of its exceptions is affirmed; each personal-information band holds on
//! both of its edges and not beyond them; each sector-level answer does what it says.
use xborder_core::catalogue::{self, Band, ExceptionKind, Item, Kind, Measure, ScopeKind, Sector};
use xborder_core::{evaluate, Basis, Count, Pathway, PiEntry, Scenario};

/// A handler in the zone, in the sector, with the sector's preconditions affirmed (the band
/// tests are about the bands those preconditions open; `preconditions_are_asked` tests them).
fn base(list: &str, sector: &str) -> Scenario {
    let mut s = Scenario::new();
    s.list = Some(list.into());
    s.sector = Some(sector.into());
    s.handler.in_zone = true;
    s.item_exceptions = preconditions(catalogue::list(list).unwrap().sector(sector).unwrap());
    s
}

fn preconditions(sector: &Sector) -> Vec<String> {
    sector.exceptions.iter().filter(|e| e.kind == ExceptionKind::Precondition).map(|e| e.id.to_string()).collect()
}

fn sectors() -> Vec<(&'static str, &'static Sector)> {
    catalogue::lists().flat_map(|l| l.sectors.iter().map(move |s| (l.id, s))).collect()
}

#[test]
fn every_important_data_item_triggers_and_each_exception_clears_it() {
    let mut n = 0;
    for (list, sector) in sectors() {
        for item in sector.items.iter().filter(|i| i.kind == Kind::ImportantData) {
            let mut s = base(list, sector.id);
            s.important_data = vec![item.id.into()];
            let v = evaluate(&s).unwrap();
            let f = v.findings.iter().find(|f| f.rule == item.id).unwrap_or_else(|| panic!("{} did not trigger", item.id));
            assert_eq!(f.pathway, item.pathway, "{}", item.id);
            assert_eq!(f.source_zh, item.text_zh, "{}: finding carries the source text", item.id);
            assert!(!f.citation.document.is_empty() && !f.citation.section.is_empty() && !f.citation.item.is_empty(), "{}: citation", item.id);
            let expected = match item.pathway {
                Pathway::OtherLawfulPathway => Pathway::Exempt,
                p => p,
            };
            assert_eq!(v.outcome, expected, "{}", item.id);
            assert!(v.pathways.iter().any(|p| p.pathway == item.pathway && p.because.contains(&item.id.to_string())), "{}", item.id);
            for e in item.exceptions {
                let mut s2 = s.clone();
                s2.item_exceptions = vec![e.id.into()];
                let v2 = evaluate(&s2).unwrap();
                if e.kind == ExceptionKind::Ambiguous {
                    // Read two ways: affirmed, it keeps the item and says why (never a relief).
                    assert!(v2.findings.iter().any(|f| f.rule == item.id), "{}: an ambiguous carve-out keeps its item", e.id);
                    assert!(!v2.cleared.iter().any(|c| c.rule == item.id), "{}", e.id);
                    assert_eq!(v2.outcome, v.outcome, "{}", e.id);
                    let w = v2.warnings.iter().find(|w| w.id == format!("ambiguous-exception:{}", e.id)).unwrap_or_else(|| panic!("{}: warned", e.id));
                    assert!(w.text_zh.contains(e.text_zh), "{}: the warning quotes the source words", e.id);
                    n += 1;
                    continue;
                }
                assert!(!v2.findings.iter().any(|f| f.rule == item.id), "{} still triggers with {}", item.id, e.id);
                let c = v2.cleared.iter().find(|c| c.rule == item.id).unwrap_or_else(|| panic!("{}: not in cleared", e.id));
                assert_eq!(c.answer.as_deref(), Some(e.id), "the verdict names the answer that cleared it");
                assert_eq!(v2.outcome, Pathway::Exempt, "{}", e.id);
                n += 1;
            }
            n += 1;
        }
    }
    assert!(n >= 31, "at least Chongqing's 31 items and their exceptions ({n})");
}

/// An entry the item takes for this band, holding `count` of the band's measure.
fn entry_for(item: &Item, band: &Band, count: u64) -> PiEntry {
    let scenario = match item.scope.kind {
        ScopeKind::Limited => Some(item.scope.scenarios[0].to_string()),
        _ => None,
    };
    let (persons, sensitive) = match band.measure {
        Measure::Persons => (count, 0),
        Measure::SensitivePersons => (count, count),
    };
    PiEntry { scenario, group: band.groups.first().map(|g| g.to_string()), persons: Count(persons), sensitive_persons: Count(sensitive), basis: None }
}

fn triggers(v: &xborder_core::Verdict, item: &Item) -> bool {
    v.findings.iter().any(|f| f.rule == item.id)
}

#[test]
fn every_band_holds_on_both_edges_and_not_beyond() {
    let mut edges = 0;
    let mut report = Vec::new();
    for (list, sector) in sectors() {
        for item in sector.items.iter().filter(|i| i.kind == Kind::PersonalInformation) {
            for band in item.bands {
                let s_with = |c: u64| {
                    let mut s = base(list, sector.id);
                    s.personal_information = vec![entry_for(item, band, c)];
                    evaluate(&s).unwrap()
                };
                // Lower edge: "以上" includes the number.
                let lo = band.floor();
                assert!(triggers(&s_with(lo), item), "{}: {} should hold at {lo}", item.id, band.describe_en());
                if lo > 1 {
                    let v = s_with(lo - 1);
                    assert!(!triggers(&v, item), "{}: should not hold at {}", item.id, lo - 1);
                    edges += 1;
                }
                // Upper edge: "不满" excludes the number.
                if let Some(hi) = band.below {
                    assert!(triggers(&s_with(hi - 1), item), "{}: should hold at {}", item.id, hi - 1);
                    let v = s_with(hi);
                    assert!(!triggers(&v, item), "{}: should not hold at {hi}", item.id);
                    // ... and the count moves to the assessment band above it.
                    assert_eq!(v.outcome, Pathway::SecurityAssessment, "{}: {hi} should reach the assessment band", item.id);
                    edges += 1;
                }
                edges += 1;
                report.push(format!("{} {}", item.id, band.describe_en()));
            }
        }
    }
    println!("{edges} threshold edges checked over {} bands", report.len());
    assert!(edges >= 8);
}

#[test]
fn a_count_below_a_scenario_limited_band_is_outside_the_list() {
    for (list, sector) in sectors() {
        for item in sector.items.iter().filter(|i| i.scope.kind == ScopeKind::Limited) {
            for band in item.bands {
                let lo = band.floor();
                if lo <= 1 || !xborder_core::threshold::lowest_in_chain(sector, item, band) {
                    continue;
                }
                let mut s = base(list, sector.id);
                s.personal_information = vec![entry_for(item, band, lo - 1)];
                let v = evaluate(&s).unwrap();
                // Only the bands of other measures may still trigger (e.g. sensitive persons).
                let same_measure = v.findings.iter().any(|f| {
                    sector.items.iter().any(|i| i.id == f.rule && i.bands.iter().any(|b| b.measure == band.measure && b.groups == band.groups))
                });
                assert!(!same_measure, "{}: {} below the band must not trigger another item of the same measure: {:?}", item.id, lo - 1, v.findings.iter().map(|f| &f.rule).collect::<Vec<_>>());
                assert!(v.cleared.iter().any(|c| c.rule == item.id), "{}: the verdict names the band it fell under", item.id);
            }
        }
    }
}

#[test]
fn other_scenarios_items_take_what_the_limited_items_do_not() {
    for (list, sector) in sectors() {
        let others: Vec<&Item> = sector.items.iter().filter(|i| matches!(i.scope.kind, ScopeKind::OtherScenarios | ScopeKind::AllExcept | ScopeKind::All) && i.kind == Kind::PersonalInformation).collect();
        for item in others {
            for band in item.bands.iter().filter(|b| b.at_least.is_some()) {
                // A group with no scenario always falls to the catch-all items.
                let mut s = base(list, sector.id);
                let c = band.floor();
                s.personal_information = vec![PiEntry {
                    persons: Count(c),
                    sensitive_persons: Count(if band.measure == Measure::SensitivePersons { c } else { 0 }),
                    ..Default::default()
                }];
                let v = evaluate(&s).unwrap();
                assert!(triggers(&v, item), "{}: a scenario-less group of {c} should trigger it", item.id);
            }
        }
    }
}

#[test]
fn every_exempt_basis_is_not_counted_anywhere() {
    for (list, sector) in sectors() {
        for b in Basis::ALL.into_iter().filter(|b| b.exempt_nationally()) {
            let mut s = base(list, sector.id);
            let scenario = sector.scenarios.first().map(|x| x.id.to_string());
            // Art. 3 is for data without personal information: only 0 persons is valid.
            let (p, sp) = if b == Basis::NoPersonalData { (0, 0) } else { (50_000_000, 5_000_000) };
            s.personal_information = vec![PiEntry { scenario, group: sector.groups.first().map(|g| g.id.into()), persons: Count(p), sensitive_persons: Count(sp), basis: Some(b) }];
            let v = evaluate(&s).unwrap();
            assert_eq!(v.outcome, Pathway::Exempt, "{list}.{}: basis {:?}", sector.id, b);
            assert!(v.cleared.iter().any(|c| c.answer.as_deref() == Some("personal_information[0].basis")));
            // Also for CIIOs (Art. 5(1)-(3) apply to every handler).
            s.handler.ciio = true;
            assert_eq!(evaluate(&s).unwrap().outcome, Pathway::Exempt);
        }
    }
    let mut s = Scenario::new();
    s.personal_information = vec![PiEntry { persons: Count(2_000_000), sensitive_persons: Count(50_000), basis: Some(Basis::Contract), ..Default::default() }];
    assert_eq!(evaluate(&s).unwrap().outcome, Pathway::Exempt);
}

#[test]
fn sector_level_answers() {
    for (list, sector) in sectors() {
        for e in sector.exceptions {
            if e.kind == ExceptionKind::Precondition {
                continue; // preconditions_are_asked
            }
            let mut s = base(list, sector.id);
            s.item_exceptions = vec![e.id.into()];
            s.personal_information = vec![PiEntry { persons: Count(150_000), sensitive_persons: Count(0), ..Default::default() }];
            let v = evaluate(&s).unwrap();
            match e.kind {
                ExceptionKind::NotApplicable => {
                    assert_eq!(v.decided_by.list, None, "{}: the national rules decide", e.id);
                    assert!(v.findings.iter().any(|f| f.rule == "national.art8-pi"), "{}", e.id);
                }
                ExceptionKind::Exempt => {
                    assert_eq!(v.outcome, Pathway::Exempt, "{}", e.id);
                    assert!(v.cleared.iter().any(|c| c.answer.as_deref() == Some(e.id)));
                }
                k => panic!("{}: unexpected sector-level kind {k:?}", e.id),
            }
        }
    }
}

#[test]
fn escalations_make_things_stricter() {
    for (list, sector) in sectors() {
        for item in sector.items {
            for e in item.exceptions.iter().filter(|e| e.kind == ExceptionKind::Escalation) {
                let mut s = base(list, sector.id);
                let band = &item.bands[0];
                s.personal_information = vec![entry_for(item, band, band.floor())];
                assert_eq!(evaluate(&s).unwrap().outcome, Pathway::StandardContractOrCertification, "{}", item.id);
                s.item_exceptions.push(e.id.into());
                assert_eq!(evaluate(&s).unwrap().outcome, Pathway::SecurityAssessment, "{}", e.id);
            }
        }
    }
}

#[test]
fn ciio_needs_the_assessment_for_any_personal_information() {
    for (list, sector) in sectors() {
        let mut s = base(list, sector.id);
        s.handler.ciio = true;
        s.personal_information = vec![PiEntry { persons: Count(1), sensitive_persons: Count(0), ..Default::default() }];
        let v = evaluate(&s).unwrap();
        assert_eq!(v.outcome, Pathway::SecurityAssessment);
        assert!(v.findings.iter().any(|f| f.rule == "national.art7-1"));
    }
    let mut s = Scenario::new();
    s.handler.ciio = true;
    s.personal_information = vec![PiEntry { persons: Count(1), sensitive_persons: Count(0), ..Default::default() }];
    assert_eq!(evaluate(&s).unwrap().outcome, Pathway::SecurityAssessment);
}

#[test]
fn outside_the_zone_the_national_rules_decide() {
    for (list, sector) in sectors() {
        let mut s = base(list, sector.id);
        s.handler.in_zone = false;
        for (persons, sensitive, outcome) in [
            (99_999, 0, Pathway::Exempt),
            (100_000, 0, Pathway::StandardContractOrCertification),
            (999_999, 0, Pathway::StandardContractOrCertification),
            (1_000_000, 0, Pathway::SecurityAssessment),
            (1, 1, Pathway::StandardContractOrCertification),
            (9_999, 9_999, Pathway::StandardContractOrCertification),
            (10_000, 10_000, Pathway::SecurityAssessment),
        ] {
            s.personal_information = vec![PiEntry { persons: Count(persons), sensitive_persons: Count(sensitive), ..Default::default() }];
            let v = evaluate(&s).unwrap();
            assert_eq!(v.outcome, outcome, "{list}.{} out of zone: {persons}/{sensitive}", sector.id);
            assert_eq!(v.decided_by.list, None);
            assert!(v.warnings.iter().any(|w| w.id == "list-not-applicable-out-of-zone"));
        }
    }
}

#[test]
fn catalogue_numbers_and_citations() {
    for (_, sector) in sectors() {
        for (i, item) in sector.items.iter().enumerate() {
            assert_eq!(item.number as usize, i + 1, "{}: numbers as printed, then the unnumbered clauses", item.id);
            assert!(!item.text_zh.is_empty() && !item.title_en.is_empty() && !item.citation.section.is_empty());
        }
    }
    let cq = catalogue::list("cq-2025").expect("Chongqing list");
    let auto = cq.sector("auto").unwrap();
    assert_eq!(auto.items.iter().filter(|i| i.kind == Kind::ImportantData).count(), 31);
    assert_eq!(auto.items.iter().filter(|i| i.kind == Kind::PersonalInformation).count(), 4);
    assert_eq!(auto.scenarios.len(), 9);
    let activities: std::collections::BTreeSet<_> = auto.scenarios.iter().filter_map(|s| s.activity_zh).collect();
    assert_eq!(activities.len(), 4);
}

#[test]
fn no_personal_data_with_persons_is_invalid_input() {
    let mut s = Scenario::new();
    s.personal_information = vec![PiEntry { persons: Count(1), sensitive_persons: Count(0), basis: Some(Basis::NoPersonalData), ..Default::default() }];
    let e = evaluate(&s).unwrap_err();
    assert_eq!(e.path, "personal_information[0].basis");
}

/// Each precondition written into relaxed items: unaffirmed, the governed items take nobody,
/// the verdict says where the people went, and the outcome is never milder.
#[test]
fn preconditions_are_asked() {
    let mut n = 0;
    for (list, sector) in sectors() {
        for p in sector.exceptions.iter().filter(|e| e.kind == ExceptionKind::Precondition) {
            for num in p.items {
                let item = sector.item_by_number(*num).unwrap();
                for band in item.bands {
                    let met = base(list, sector.id);
                    let mut met = Scenario { personal_information: vec![entry_for(item, band, band.floor())], ..met };
                    let v_met = evaluate(&met).unwrap();
                    assert!(triggers(&v_met, item), "{}: holds with {} affirmed", item.id, p.id);
                    met.item_exceptions.retain(|x| x != p.id);
                    let v = evaluate(&met).unwrap();
                    assert!(!triggers(&v, item), "{}: must not hold without {}", item.id, p.id);
                    assert!(v.warnings.iter().any(|w| w.id == format!("precondition-not-met:{}", p.id)), "{}: says where the people go", p.id);
                    assert!(v.outcome <= v_met.outcome, "{}: never milder ({:?} vs {:?})", p.id, v.outcome, v_met.outcome);
                    n += 1;
                }
            }
        }
    }
    assert!(n >= 10, "{n}");
}

/// "行业标准规范或指导文件规定情形": left out only by the items that name it.
#[test]
fn industry_standard_is_left_out_only_where_named() {
    for (list, sector) in sectors() {
        for item in sector.items.iter().filter(|i| i.kind == Kind::PersonalInformation && i.scope.kind == ScopeKind::Limited) {
            let band = &item.bands[0];
            let mut s = base(list, sector.id);
            let mut e = entry_for(item, band, band.floor());
            e.basis = Some(Basis::IndustryStandard);
            s.personal_information = vec![e];
            let v = evaluate(&s).unwrap();
            let named = item.not_counted.contains(&catalogue::Article::IndustryStandard);
            assert_eq!(triggers(&v, item), !named, "{}: industry_standard counted unless the item names it", item.id);
        }
    }
    // The national rules count it.
    let mut s = Scenario::new();
    s.personal_information = vec![PiEntry { persons: Count(200_000), sensitive_persons: Count(0), basis: Some(Basis::IndustryStandard), ..Default::default() }];
    assert_eq!(evaluate(&s).unwrap().outcome, Pathway::StandardContractOrCertification);
}

/// Personal-information clauses the source does not number are never called "第N项" in
/// Chinese, though the catalogue numbers them after the printed items.
#[test]
fn unnumbered_clauses_are_never_called_by_a_number_in_chinese() {
    let mut n = 0;
    for (list, sector) in sectors() {
        for item in sector.items.iter().filter(|i| !i.printed_number) {
            for band in item.bands {
                for c in [band.floor(), band.floor().saturating_sub(1).max(1)] {
                    let mut s = base(list, sector.id);
                    s.personal_information = vec![entry_for(item, band, c)];
                    let v = evaluate(&s).unwrap();
                    let called = format!("第{}项", item.number);
                    let texts = v.findings.iter().chain(&v.cleared).map(|f| &f.reason_zh).chain(&v.trace_zh).chain(v.warnings.iter().map(|w| &w.text_zh));
                    for t in texts {
                        assert!(!t.contains(&called), "{}: \"{called}\" in {t}", item.id);
                    }
                    n += 1;
                }
            }
        }
    }
    assert!(n >= 4, "{n}");
}
