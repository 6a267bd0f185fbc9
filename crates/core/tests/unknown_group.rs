//! The group question (contract: "Unknown answers", extended): `personal_information[N].group`
//! leaves a row's group open; every group of the sector, and none of them, is tried.
use xborder_core::{evaluate, permalink, Scenario};

fn scenario(json: &str) -> Scenario {
    serde_json::from_str(json).unwrap()
}

const RETAIL: &str = r#"{"schema":1,"list":"bj-2025","sector":"retail","handler":{"in_zone":true,"ciio":false},
 "item_exceptions":["bj-2025.retail:member-data-within-limits"],
 "personal_information":[{"scenario":"member-management","group":"members","persons":900000,"sensitive_persons":0}],
 "unknown":["personal_information[0].group"]}"#;

#[test]
fn the_rows_own_group_is_ignored_while_open() {
    // The scenario says "members", but the question is open: the stricter "none" is shown.
    let v = evaluate(&scenario(RETAIL)).unwrap();
    assert!(!v.decided);
    assert_eq!(v.outcome.code(), "standard_contract_or_certification");
    let text = &v.warnings[0].text_en;
    assert!(text.contains("(1) which group of people row 1 of personal information is in"), "{text}");
    assert!(text.contains("(1) Individual consumer members → Exempt"), "{text}");
}

#[test]
fn bad_group_questions_name_unknown_i() {
    let bad = |json: &str, want: &str| {
        let e = evaluate(&scenario(json)).unwrap_err().to_string();
        assert!(e.contains(want), "{e}");
    };
    bad(&RETAIL.replace("[0].group\"]", "[1].group\"]"), "unknown[0]: there is no personal_information[1]");
    bad(&RETAIL.replace("[0].group\"]", "[01].group\"]"), "unknown[0]: expected a question id");
    bad(&RETAIL.replace("\"item_exceptions\":[\"bj-2025.retail:member-data-within-limits\"],", "").replace("\"retail\"", "\"aviation\"").replace("\"member-management\",\"group\":\"members\"", "null,\"group\":null"), "unknown[0]: sector aviation draws no line between groups");
    bad(r#"{"schema":1,"handler":{"in_zone":false,"ciio":false},"personal_information":[{"persons":1,"sensitive_persons":0}],"unknown":["personal_information[0].group"]}"#, "unknown[0]: a group needs a list and sector");
    bad(&RETAIL.replace("\"unknown\":[\"personal_information[0].group\"]", "\"unknown\":[\"personal_information[0].group\",\"personal_information[0].group\"]"), "unknown[1]: \"personal_information[0].group\" is listed twice");
}

#[test]
fn the_permalink_keeps_a_group_question() {
    let s = scenario(RETAIL);
    let f = permalink::encode(&s);
    assert!(f.contains("uG0"), "{f}");
    assert_eq!(permalink::decode(&f).unwrap().scenario.unknown, s.unknown);
    assert!(permalink::decode(&f.replace("uG0", "uG00")).is_err());
}

#[test]
fn a_scenarios_groups_are_those_its_items_band() {
    let sec = |l: &str, s: &str| xborder_core::catalogue::list(l).unwrap().sector(s).unwrap();
    let ids = |l: &str, s: &str, sc: &str| sec(l, s).groups_for(sc).iter().map(|g| g.id).collect::<Vec<_>>();
    assert_eq!(ids("bj-2025", "retail", "member-management"), ["members"]);
    assert_eq!(ids("bj-2025", "pharma", "clinical-trials"), ["subjects", "hcps-reporters"]);
}

#[test]
fn too_many_combinations_are_refused_naming_unknown() {
    let row = r#"{"scenario":"clinical-trials","group":null,"persons":10,"sensitive_persons":0}"#;
    let s = |n: usize| {
        let rows = vec![row; n].join(",");
        let open = (0..n).map(|i| format!("\"personal_information[{i}].group\"")).collect::<Vec<_>>().join(",");
        scenario(&format!(r#"{{"schema":1,"list":"bj-2025","sector":"pharma","handler":{{"in_zone":true,"ciio":false}},"personal_information":[{rows}],"unknown":[{open}]}}"#))
    };
    // Three groups and "none": 4^5 = 1,024 combinations are tried; 4^6 are refused.
    assert_eq!(s(5).open_combinations(), 1024);
    assert!(!s(5).too_many_open() && evaluate(&s(5)).is_ok());
    assert!(s(6).too_many_open());
    let e = evaluate(&s(6)).unwrap_err().to_string();
    assert!(e.starts_with("unknown: these open questions leave 4096 combinations"), "{e}");
}
