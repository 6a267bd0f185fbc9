//! A finding cites only what binds on the verdict's day: the Network Data Security Management
//! Regulation (State Council Decree 790) is in force from 2025-01-01, so a national verdict of a
//! day in 2024 cites the Provisions' Art. 2 alone for the important-data reading, and one of 2025
//! on adds the Regulation's Art. 37.
use xborder_core::calendar::Date;
use xborder_core::{evaluate_on, Count, PiEntry, Scenario};

fn warnings_on(day: &str) -> Vec<(String, String)> {
    let mut s = Scenario::new();
    s.as_of = Some(day.into());
    s.personal_information.push(PiEntry { persons: Count(200_000), ..Default::default() });
    let v = evaluate_on(&s, Date::parse(day).unwrap()).expect("valid");
    v.warnings.iter().map(|w| (w.id.to_string(), w.text_zh.to_string())).collect()
}

fn identify(day: &str) -> Vec<(String, String)> {
    warnings_on(day).into_iter().filter(|(id, _)| id.starts_with("national.identify-important-data")).collect()
}

#[test]
fn a_2024_verdict_does_not_cite_the_2025_regulation() {
    let found = identify("2024-06-01");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "national.identify-important-data-2024");
    assert!(!found[0].1.contains("条例"), "{found:?}");
    assert!(found[0].1.contains("《规定》第二条"));
    assert_eq!(identify("2024-12-31")[0].0, "national.identify-important-data-2024");
}

#[test]
fn from_2025_the_regulation_art_37_is_cited() {
    for day in ["2025-01-01", "2026-12-03"] {
        let found = identify(day);
        assert_eq!(found.len(), 1, "{day}: {found:?}");
        assert_eq!(found[0].0, "national.identify-important-data");
        assert!(found[0].1.contains("《条例》第三十七条"), "{day}: {found:?}");
    }
}
