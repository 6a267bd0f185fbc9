//! Properties: more persons or more items never make the outcome less strict; the permalink
//! codec round-trips every scenario (dates included) and never panics on garbage; a dated
//! obligation's date is never before the day it runs from.
use proptest::prelude::*;
use xborder_core::calendar::Date;
use xborder_core::catalogue::{self, DateField, Kind};
use xborder_core::{evaluate, permalink, Basis, Count, Pathway, PiEntry, Scenario};

fn rank(p: Pathway) -> u8 {
    match p {
        Pathway::Exempt | Pathway::OtherLawfulPathway | Pathway::ExportControl => 0,
        Pathway::StandardContractOrCertification => 1,
        Pathway::SecurityAssessment => 2,
        Pathway::NationalCoreData => 3,
    }
}

/// (list, sector) pairs, plus the national rules alone.
fn places() -> Vec<(Option<&'static str>, Option<&'static catalogue::Sector>)> {
    let mut v: Vec<_> = catalogue::lists().flat_map(|l| l.sectors.iter().map(move |s| (Some(l.id), Some(s)))).collect();
    v.push((None, None));
    v
}

prop_compose! {
    fn scenario()(place in 0..places().len(), in_zone: bool, ciio: bool, notified in proptest::bool::weighted(0.1),
                  export in proptest::bool::weighted(0.1), core in proptest::bool::weighted(0.05),
                  items in proptest::collection::vec(0usize..64, 0..4),
                  exc in proptest::collection::vec(0usize..64, 0..3),
                  entries in proptest::collection::vec((0usize..16, 0usize..8, 0u64..3_000_000, 0u64..200_000, 0usize..8), 0..4),
                  dates in proptest::collection::vec(proptest::option::weighted(0.3, 0i64..40_000), DateField::ALL.len()),
                  answers in proptest::collection::vec(0u8..3, catalogue::conditions().count())) -> Scenario {
        let (list, sector) = places()[place];
        let mut s = Scenario::new();
        s.list = list.map(String::from);
        s.sector = sector.map(|x| x.id.to_string());
        s.handler.in_zone = in_zone;
        s.handler.ciio = ciio;
        s.notified_important_data = notified;
        s.flags.export_control = export;
        s.flags.national_core_data = core;
        if let Some(sec) = sector {
            let ids: Vec<&str> = sec.items.iter().filter(|i| i.kind == Kind::ImportantData).map(|i| i.id).collect();
            if !ids.is_empty() { for i in items { let id = ids[i % ids.len()].to_string(); if !s.important_data.contains(&id) { s.important_data.push(id); } } }
            let exs: Vec<&str> = sec.items.iter().flat_map(|i| i.exceptions.iter().map(|e| e.id)).chain(sec.exceptions.iter().map(|e| e.id)).collect();
            if !exs.is_empty() { for i in exc { let id = exs[i % exs.len()].to_string(); if !s.item_exceptions.contains(&id) { s.item_exceptions.push(id); } } }
        }
        for (sc, gr, p, sens, basis) in entries {
            let scenario = sector.and_then(|x| x.scenarios.get(sc).map(|s| s.id.to_string()));
            let group = sector.and_then(|x| x.groups.get(gr).map(|g| g.id.to_string()));
            let basis = Basis::ALL.get(basis).copied();
            // Art. 3 data holds no personal information: only 0 persons is a valid entry.
            let (p, sens) = if basis == Some(Basis::NoPersonalData) { (0, 0) } else { (p, sens) };
            s.personal_information.push(PiEntry { scenario, group, persons: Count(p.max(sens)), sensitive_persons: Count(sens.min(p.max(sens))), basis });
        }
        // Days from 1990 to about 2099: inside and outside the years the holiday notices cover.
        let day0 = Date::parse("1990-01-01").unwrap();
        for (f, n) in DateField::ALL.into_iter().zip(dates) {
            s.dates.set(f, n.map(|n| day0.add_days(n).to_string()));
        }
        // Each condition an obligation sets: met, not met, or not answered.
        for ((n, c), a) in catalogue::conditions().zip(answers) {
            if a < 2 {
                s.conditions.insert(format!("{}:{}", n.id, c.id), a == 0);
            }
        }
        s
    }
}

/// Cases per property: `PROPTEST_CASES` for the dedicated fuzz run, else a quick default.
fn cases(default: u32) -> u32 {
    let n = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    eprintln!("proptest: {n} cases per property");
    n
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(2000), .. ProptestConfig::default() })]

    #[test]
    fn more_persons_never_less_strict(s in scenario(), which in 0usize..4, extra in 0u64..2_000_000, sens_extra in 0u64..50_000) {
        let before = evaluate(&s).unwrap();
        let mut t = s.clone();
        // An Art. 3 entry holds no persons by definition: add the people as a new entry instead.
        if let Some(e) = t.personal_information.get_mut(which).filter(|e| e.basis != Some(Basis::NoPersonalData)) {
            e.sensitive_persons = Count(e.sensitive_persons.0 + sens_extra);
            e.persons = Count(e.persons.0 + extra + sens_extra);
        } else {
            t.personal_information.push(PiEntry { persons: Count(extra + sens_extra), sensitive_persons: Count(sens_extra), ..Default::default() });
        }
        let after = evaluate(&t).unwrap();
        prop_assert!(rank(after.outcome) >= rank(before.outcome), "{:?} -> {:?}", before.outcome, after.outcome);
    }

    #[test]
    fn more_items_never_less_strict(s in scenario(), pick in 0usize..64) {
        let before = evaluate(&s).unwrap();
        let mut t = s.clone();
        if let Some(sec) = s.sector.as_ref().and_then(|id| catalogue::list(s.list.as_ref().unwrap()).unwrap().sector(id)) {
            let ids: Vec<&str> = sec.items.iter().filter(|i| i.kind == Kind::ImportantData).map(|i| i.id).collect();
            if !ids.is_empty() {
                let id = ids[pick % ids.len()].to_string();
                if !t.important_data.contains(&id) { t.important_data.push(id); }
            }
        }
        let after = evaluate(&t).unwrap();
        prop_assert!(rank(after.outcome) >= rank(before.outcome));
    }

    #[test]
    fn permalink_round_trips(s in scenario()) {
        let f = permalink::encode(&s);
        let d = permalink::decode(&f).unwrap();
        prop_assert_eq!(&d.scenario, &s);
        prop_assert!(!d.rules_changed);
        prop_assert!(f.bytes().all(|b| b.is_ascii_alphanumeric() || b"~.-:".contains(&b)));
        prop_assert_eq!(evaluate(&d.scenario).unwrap(), evaluate(&s).unwrap());
        prop_assert_eq!(d.view, permalink::View::Verdict);
        // The compare view's part: the same scenario, the view beside it.
        let c = permalink::decode(&permalink::encode_view(&s, permalink::View::Compare)).unwrap();
        prop_assert_eq!(&c.scenario, &s);
        prop_assert_eq!(c.view, permalink::View::Compare);
    }

    #[test]
    fn due_dates_follow_their_start(s in scenario()) {
        use xborder_core::verdict::Due;
        let v = evaluate(&s).unwrap();
        let latest = DateField::ALL.iter().filter_map(|f| s.dates.get(*f)).map(|t| Date::parse(t).unwrap()).max();
        for (id, o) in v.obligations.iter().filter_map(|o| o.deadline.as_ref().map(|d| (o.id.as_str(), d))) {
            // Each due day is after the day it runs from; an obligation that starts on a day, on it.
            let rule = catalogue::obligation(id).and_then(|n| n.deadline).unwrap();
            let start = Date::parse(s.dates.get(rule.from).unwrap()).unwrap();
            match o.due {
                Due::On(d) if rule.period == catalogue::Period::OnTheDay => prop_assert_eq!(d, start),
                Due::On(d) => prop_assert!(d > start),
                Due::Window(w) => prop_assert!(w.from <= w.until && Some(w.until) <= latest.map(|l| l.add_years(3))),
                Due::Unknown(n) => prop_assert!(xborder_core::calendar::notice(n.year).is_none()),
            }
        }
    }

    #[test]
    fn each_branch_is_what_its_answers_give(s in scenario(), open in proptest::collection::vec(0usize..5, 1..4)) {
        use xborder_core::scenario::Question;
        let mut u = s.clone();
        for i in open {
            let id = Question::FIXED[i].id().to_string();
            if !u.unknown.contains(&id) { u.unknown.push(id); }
        }
        let v = evaluate(&u).unwrap();
        let key = |v: &xborder_core::Verdict| { let mut c: Vec<&str> = v.pathways.iter().map(|p| p.pathway.code()).collect(); c.sort_unstable(); (v.outcome, c) };
        prop_assert_eq!(v.decided, v.branches.is_empty());
        prop_assert_eq!(v.decided, v.depends_on.is_empty());
        if !v.decided { prop_assert_eq!(v.branches.len(), 1usize << v.depends_on.len()); }
        for b in &v.branches {
            // Answer the questions as the branch assumes (the others as in any case: they do not matter).
            let mut a = u.clone();
            a.unknown.clear();
            for (q, ans) in &b.assume {
                let yes = &(*ans == xborder_core::scenario::Assumed::Yes);
                match q.as_str() {
                    "handler.in_zone" => a.handler.in_zone = *yes,
                    "handler.ciio" => a.handler.ciio = *yes,
                    "notified_important_data" => a.notified_important_data = *yes,
                    "flags.national_core_data" => a.flags.national_core_data = *yes,
                    _ => a.flags.export_control = *yes,
                }
            }
            let got = evaluate(&a).unwrap();
            let mut codes: Vec<&str> = b.pathways.iter().map(|p| p.code()).collect();
            codes.sort_unstable();
            prop_assert_eq!(key(&got), (b.outcome, codes));
            // The verdict shown is never milder than a branch.
            let rank = |p: xborder_core::Pathway| match p { xborder_core::Pathway::NationalCoreData => 3, xborder_core::Pathway::SecurityAssessment => 2, xborder_core::Pathway::StandardContractOrCertification => 1, _ => 0 };
            prop_assert!(rank(v.outcome) >= rank(b.outcome));
        }
    }

    #[test]
    fn a_group_left_open_is_tried_as_every_group(s in scenario(), ciio_open: bool) {
        use xborder_core::scenario::Assumed;
        // Every row of a sector that names groups, left open (and the CIIO question with it).
        let Some(sec) = s.sector_ref().filter(|x| !x.groups.is_empty()) else { return Ok(()); };
        let mut u = s.clone();
        u.unknown = (0..u.personal_information.len()).map(|r| format!("personal_information[{r}].group")).collect();
        if ciio_open { u.unknown.push("handler.ciio".into()); }
        let v = evaluate(&u).unwrap();
        let key = |v: &xborder_core::Verdict| { let mut c: Vec<&str> = v.pathways.iter().map(|p| p.pathway.code()).collect(); c.sort_unstable(); (v.outcome, c) };
        let rank = |p: xborder_core::Pathway| match p { xborder_core::Pathway::NationalCoreData => 3, xborder_core::Pathway::SecurityAssessment => 2, xborder_core::Pathway::StandardContractOrCertification => 1, _ => 0 };
        let per: usize = v.depends_on.iter().map(|q| if q == "handler.ciio" { 2 } else { sec.groups.len() + 1 }).product();
        if !v.decided { prop_assert_eq!(v.branches.len(), per); }
        for b in &v.branches {
            let mut a = u.clone();
            a.unknown.clear();
            for (q, ans) in &b.assume {
                match (q.as_str(), ans) {
                    ("handler.ciio", x) => a.handler.ciio = *x == Assumed::Yes,
                    (q, Assumed::Group(g)) => {
                        let row: usize = xborder_core::scenario::group_question_row(q).unwrap();
                        a.personal_information[row].group = g.map(String::from);
                    }
                    (q, x) => prop_assert!(false, "{q} assumed {x:?}"),
                }
            }
            let got = evaluate(&a).unwrap();
            let mut codes: Vec<&str> = b.pathways.iter().map(|p| p.code()).collect();
            codes.sort_unstable();
            prop_assert_eq!(key(&got), (b.outcome, codes));
            prop_assert!(rank(v.outcome) >= rank(b.outcome));
        }
    }

    #[test]
    fn one_no_decides_a_checklist(s in scenario()) {
        use xborder_core::verdict::Met;
        let v = evaluate(&s).unwrap();
        for c in v.obligations.iter().filter_map(|o| o.conditions.as_ref()) {
            let want = if c.items.iter().any(|i| i.answer == Some(false)) {
                Met::NotMet
            } else if c.items.iter().all(|i| i.answer == Some(true)) {
                Met::Met
            } else {
                Met::Open
            };
            prop_assert_eq!(c.result, want);
            let warned = v.warnings.iter().any(|w| w.id.ends_with(":not-met"));
            prop_assert_eq!(warned, want == Met::NotMet);
        }
    }

    #[test]
    fn permalink_decoder_never_panics(junk in ".{0,300}") {
        let _ = permalink::decode(&junk).map(|d| d.scenario.resolve().map(|_| ()));
    }

    #[test]
    fn permalink_decoder_never_panics_on_near_links(s in scenario(), cut in 0usize..200, byte in 0u8..128, pos in 0usize..200, compare: bool) {
        let view = if compare { permalink::View::Compare } else { permalink::View::Verdict };
        let mut f = permalink::encode_view(&s, view).into_bytes();
        if pos < f.len() { f[pos] = byte; }
        f.truncate(cut.max(1));
        let text = String::from_utf8_lossy(&f).to_string();
        if let Ok(d) = permalink::decode(&text) {
            // Whatever decodes either resolves or fails with a message: never a panic.
            let _ = d.scenario.resolve().map(|_| evaluate(&d.scenario).unwrap());
        }
        // What a damaged link salvages opens: it resolves, is evaluated, and links again.
        if let Some(sv) = xborder_core::salvage::salvage(&text) {
            evaluate(&sv.scenario).unwrap();
            let again = permalink::decode(&permalink::encode_view(&sv.scenario, sv.view)).unwrap();
            prop_assert_eq!(again.scenario, sv.scenario);
            prop_assert_eq!(again.view, sv.view);
        }
    }
}

#[test]
fn permalink_rejects_the_hostile() {
    for bad in [
        "", "#", "2~rabc~h1", "1~h1~<script>alert(1)</script>", "1~h1~p..-5.0.", "1~h1~pa.b.zzzzzzzzzzzz.0.", "1~h1~i1", "1~h99",
        "1~h1~p..1.2.x", "1~h1~p..1.2", "%3Cscript%3E", "1~h1~l../../etc", "1~lcq-2025~sauto~h1~x18",
        "1~h1~d1.2", "1~h1~d.....", "1~h1~dzzzzzz...", "1~h1~d-1...", "1~h1~dA...", "1~h1~d1...~d2...",
    ] {
        assert!(permalink::decode(bad).is_err(), "{bad:?} should be rejected");
    }
    let big = "1~h1~".to_string() + &"p..1.0.~".repeat(200_000);
    let e = permalink::decode(&big).unwrap_err();
    assert!(e.0.contains("too long"), "{e}");
    // A well-formed but meaningless scenario decodes, then fails to resolve with a message.
    let d = permalink::decode("1~lnowhere-2099~h1").unwrap();
    assert!(d.scenario.resolve().unwrap_err().to_string().starts_with("list:"));
    // A link from other rules is read and flagged.
    assert!(permalink::decode("1~r00000000~h1").unwrap().rules_changed);
}

#[test]
fn permalink_carries_dates_and_reads_links_made_before_them() {
    let mut s = Scenario::new();
    s.dates.contract_effective = Some("2026-09-28".into());
    s.dates.transfer_start = Some("2024-02-29".into());
    let f = permalink::encode(&s);
    let part = f.split('~').find(|t| t.starts_with('d')).expect("a dates part");
    assert!(part.len() <= 1 + 4 * 4 + 3, "{part}");
    assert_eq!(permalink::decode(&f).unwrap().scenario, s);
    // A link of the format before dates: no dates, nothing else lost.
    let old = permalink::decode("1~r00000000~lcq-2025~sauto~h1~p..1y.0.").unwrap().scenario;
    assert!(old.dates.is_empty());
    assert_eq!(old.personal_information[0].persons.0, 70);
    // The fifth date (the day the count reached the assessment band) only lengthens the links
    // that give it.
    assert_eq!(part.matches('.').count(), 3, "{part}");
    let mut band = s.clone();
    band.dates.assessment_band_reached = Some("2026-06-15".into());
    let fb = permalink::encode(&band);
    assert_eq!(fb.split('~').find(|t| t.starts_with('d')).unwrap().matches('.').count(), 4);
    assert_eq!(permalink::decode(&fb).unwrap().scenario, band);
    // The answers to an obligation's conditions: one character each, and links without them.
    band.conditions.insert("national.qa-2026-07-extension:recipient-unchanged".into(), false);
    band.conditions.insert("national.qa-2026-07-extension:purpose-unchanged".into(), true);
    let fc = permalink::encode(&band);
    assert!(fc.split('~').any(|t| t == "cy--n"), "{fc}");
    assert_eq!(permalink::decode(&fc).unwrap().scenario, band);
    assert!(old.conditions.is_empty());
    assert!(permalink::decode("1~h0~cx").unwrap_err().to_string().contains("conditions"));
    assert!(permalink::decode("1~h0~cyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy").is_err());
    // The first and the last day a date can be.
    s.dates.assessment_issued = Some("0001-01-01".into());
    s.dates.certification_issued = Some("9999-12-31".into());
    assert_eq!(permalink::decode(&permalink::encode(&s)).unwrap().scenario, s);
}
