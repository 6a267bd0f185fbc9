//! No counted person escapes every band: in each sector of each list, for every business
//! scenario and class of people (and none), with the sector's preconditions affirmed and not,
//! counted personal information is banded by some item of the sector (a finding, or "below the
//! list's bands"), never left under no item at all. A list that bands only the sensitive
//! information of a scenario counts the same people's other information under its catch-all
//! items (人工智能 items 6 and 8; README, "Readings we chose").
use xborder_core::catalogue::{self, ExceptionKind};
use xborder_core::{evaluate, Count, PiEntry, Scenario};

#[test]
fn every_counted_person_is_banded_by_some_item() {
    let mut checked = 0;
    for list in catalogue::lists() {
        for sector in list.sectors {
            let preconditions: Vec<String> = sector.exceptions.iter().filter(|e| e.kind == ExceptionKind::Precondition).map(|e| e.id.to_string()).collect();
            let scenarios = std::iter::once(None).chain(sector.scenarios.iter().map(|s| Some(s.id)));
            for scenario in scenarios {
                for group in std::iter::once(None).chain(sector.groups.iter().map(|g| Some(g.id))) {
                    for affirmed in [true, false] {
                        for (persons, sensitive) in [(3_000_000, 0), (3_000_000, 3_000_000), (150_000, 0), (150_000, 20_000)] {
                            let mut s = Scenario::new();
                            s.list = Some(list.id.into());
                            s.sector = Some(sector.id.into());
                            s.handler.in_zone = true;
                            if affirmed {
                                s.item_exceptions = preconditions.clone();
                            }
                            s.personal_information.push(PiEntry { scenario: scenario.map(String::from), group: group.map(String::from), persons: Count(persons), sensitive_persons: Count(sensitive), basis: None });
                            let v = evaluate(&s).unwrap_or_else(|e| panic!("{}: {e:?}", serde_json::to_string(&s).unwrap()));
                            assert_eq!(v.decided_by.list, Some(list.id), "{}", serde_json::to_string(&s).unwrap());
                            assert!(
                                !v.cleared.iter().any(|c| c.rule == "national.art6"),
                                "banded by no item: {} gives {:?}",
                                serde_json::to_string(&s).unwrap(),
                                v.cleared.iter().map(|c| &c.reason_en).collect::<Vec<_>>()
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 500, "{checked} scenarios");
}
