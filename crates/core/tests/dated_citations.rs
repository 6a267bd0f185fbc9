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

/// The Guangdong measures print no day of issue; their annex cites the 2026 automotive
/// guidelines, dated 2026-01-30, so they cannot be applied before it: a Guangdong handler's
/// referral on 2026-01-29 is refused with the reading's dates, on 2026-01-30 it is open.
#[test]
fn the_guangdong_measures_are_not_applied_before_the_guidelines_they_cite() {
    let at = |day: &str| {
        let json = format!(r#"{{"schema":1,"zone":"guangdong","list":"cq-2025","sector":"auto","handler":{{"in_zone":true,"ciio":false}},"personal_information":[{{"scenario":null,"group":null,"persons":150000,"sensitive_persons":0,"basis":null}}],"as_of":"{day}"}}"#);
        xborder_core::evaluate(&serde_json::from_str(&json).unwrap())
    };
    let e = at("2026-01-29").unwrap_err().to_string();
    assert!(e.contains("gd-measures") && e.contains("2026-01-30"), "{e}");
    let v = at("2026-01-30").unwrap();
    assert!(v.warnings.iter().any(|w| w.id == "referral"));
    assert!(v.obligations.iter().any(|o| o.id == "gd-measures.identify-important-data"));
    // The trial's last day counted from that earliest day (without Chongqing's list, whose own
    // edition ends on 2027-09-04).
    let zone_only = |day: &str| {
        let json = format!(r#"{{"schema":1,"zone":"guangdong","handler":{{"in_zone":true,"ciio":false}},"personal_information":[{{"persons":150000,"sensitive_persons":0}}],"as_of":"{day}"}}"#);
        xborder_core::evaluate(&serde_json::from_str(&json).unwrap())
    };
    assert!(zone_only("2028-01-29").is_ok());
    let e = zone_only("2028-01-30").unwrap_err().to_string();
    assert!(e.contains("2028-01-29"), "{e}");
}
