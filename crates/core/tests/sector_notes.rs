//! A note for some sectors only (`sectors` in the rules): the 2026 automotive guidelines
//! (national-updates-2026.md item 5) warn a scenario in the lists' automotive sectors — Beijing
//! 汽车 and 自动驾驶, Chongqing 智能网联汽车 — whichever rules decide, from the day they are
//! dated, marked as unconfirmed; and no other scenario.
use xborder_core::calendar::Date;
use xborder_core::{evaluate_on, Count, PiEntry, Scenario};

const ID: &str = "national.automotive-guidelines-2026";

fn warned(list: Option<&str>, sector: Option<&str>, in_zone: bool, day: &str) -> bool {
    let mut s = Scenario::new();
    s.list = list.map(String::from);
    s.sector = sector.map(String::from);
    s.handler.in_zone = in_zone;
    s.as_of = Some(day.into());
    s.personal_information.push(PiEntry { persons: Count(500), ..Default::default() });
    let v = evaluate_on(&s, Date::parse(day).unwrap()).unwrap_or_else(|e| panic!("{list:?} {sector:?}: {e}"));
    let w = v.warnings.iter().find(|w| w.id == ID);
    if let Some(w) = w {
        assert!(w.text_zh.contains("OTA") && w.text_en.contains("report or a filing"), "{w:?}");
        assert!(w.text_zh.starts_with("（摘要）") && w.text_zh.ends_with("（原文未经核实）"), "marked as a summary, unconfirmed: {w:?}");
        assert!(w.text_en.starts_with("(Summary) ") && w.text_en.ends_with("(wording not checked against the official text)"), "{w:?}");
    }
    w.is_some()
}

#[test]
fn the_automotive_sectors_are_warned_whichever_rules_decide() {
    for (list, sector) in [("bj-2025", "auto"), ("bj-2025", "autonomous"), ("cq-2025", "auto")] {
        assert!(warned(Some(list), Some(sector), true, "2026-06-01"), "{list}.{sector} in zone");
        assert!(warned(Some(list), Some(sector), false, "2026-06-01"), "{list}.{sector} outside the zone: the national rules decide");
    }
}

#[test]
fn no_other_sector_and_not_before_the_guidelines() {
    assert!(!warned(Some("bj-2025"), Some("pharma"), true, "2026-06-01"));
    assert!(!warned(None, None, true, "2026-06-01"), "no sector named");
    // (Chongqing's list is in force on both days; Beijing's only from 2026-05-11.)
    assert!(!warned(Some("cq-2025"), Some("auto"), true, "2026-01-29"), "before 2026-01-30");
    assert!(warned(Some("cq-2025"), Some("auto"), true, "2026-01-30"));
}
