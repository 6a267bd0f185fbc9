//! A materials checklist holds from its instrument's first day: the certification checklist
//! (Certification Measures, in force 2026-01-01) is not offered in a verdict of 2025.
use xborder_core::calendar::Date;
use xborder_core::{evaluate_on, Count, PiEntry, Scenario};

fn materials_on(day: &str) -> Vec<String> {
    let mut s = Scenario::new();
    s.as_of = Some(day.into());
    s.personal_information.push(PiEntry { persons: Count(200_000), ..Default::default() });
    let v = evaluate_on(&s, Date::parse(day).unwrap()).expect("valid");
    v.materials.iter().map(|m| m.to_string()).collect()
}

#[test]
fn the_certification_checklist_starts_with_the_certification_measures() {
    assert!(!materials_on("2025-06-01").iter().any(|m| m == "national.materials-certification"), "{:?}", materials_on("2025-06-01"));
    assert!(materials_on("2026-01-01").iter().any(|m| m == "national.materials-certification"));
    assert!(materials_on("2025-06-01").iter().any(|m| m == "national.materials-scc-filing"), "the contract's checklist is the Provisions' era's too");
}
