//! Golden compare scenarios (tests/compare/NAME.scenario.json and NAME.expect.json): each
//! column's regime, list, sector, availability, outcome, deciding items, open questions and
//! whether its outcome differs from the reference column; and for every scenario the contract's
//! equalities: the own-list column is `evaluate(scenario)`, the national column `evaluate` of the
//! scenario with `list` and `sector` null (and what only a list names cleared).
use std::path::PathBuf;
use xborder_core::compare::{compare, national_scenario, Regime};
use xborder_core::{evaluate, Scenario};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    columns: Vec<ExpectColumn>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectColumn {
    regime: String,
    list: Option<String>,
    #[serde(default)]
    sector: Option<Option<String>>,
    available: bool,
    outcome: String,
    #[serde(default)]
    deciding: Option<Vec<String>>,
    #[serde(default)]
    questions: Vec<String>,
    #[serde(default)]
    depends_on: Vec<String>,
    /// The outcome differs from the reference column's.
    #[serde(default)]
    differs: Option<bool>,
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/compare")
}

fn read(name: &str) -> Scenario {
    serde_json::from_str(&std::fs::read_to_string(dir().join(format!("{name}.scenario.json"))).unwrap()).unwrap()
}

#[test]
fn golden_compare_scenarios() {
    let mut names: Vec<String> = std::fs::read_dir(dir()).unwrap().filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".scenario.json").map(String::from)).collect();
    names.sort();
    assert!(names.len() >= 5, "{names:?}");
    for name in names {
        let s = read(&name);
        let want: Expect = serde_json::from_str(&std::fs::read_to_string(dir().join(format!("{name}.expect.json"))).unwrap()).unwrap();
        let c = compare(&s).unwrap();
        assert_eq!(c.columns.len(), want.columns.len(), "{name}: columns");
        for (i, (got, w)) in c.columns.iter().zip(&want.columns).enumerate() {
            let at = format!("{name}: column {i}");
            let regime = if got.regime == Regime::National { "national" } else { "list" };
            assert_eq!(regime, w.regime, "{at}");
            assert_eq!(got.list.map(String::from), w.list, "{at}");
            if let Some(sector) = &w.sector {
                assert_eq!(got.sector.map(String::from), *sector, "{at}: sector");
            }
            assert_eq!(got.available, w.available, "{at}: available ({})", got.why_en);
            assert!(!got.why_zh.is_empty() && !got.why_en.is_empty(), "{at}: why");
            assert_eq!(got.verdict.outcome.code(), w.outcome, "{at}: outcome");
            if let Some(d) = &w.deciding {
                let because: Vec<String> = got.verdict.pathways.iter().flat_map(|p| p.because.clone()).collect();
                assert_eq!(&because, d, "{at}: deciding items");
            }
            let ids: Vec<&str> = got.questions.iter().map(|q| q.id.as_str()).collect();
            for q in &w.questions {
                assert!(ids.contains(&q.as_str()), "{at}: question {q} in {ids:?}");
            }
            assert!(got.questions.iter().all(|q| !q.text_zh.is_empty() && !q.text_en.is_empty() && !q.assumed_en.is_empty()), "{at}");
            assert_eq!(got.verdict.depends_on, w.depends_on, "{at}: depends_on");
            if let Some(differs) = w.differs {
                let d = got.differences.as_ref().unwrap_or_else(|| panic!("{at}: differences"));
                assert_eq!(!d.same_outcome, differs, "{at}: {}", d.summary_en);
                assert!(!d.summary_zh.is_empty() && !d.summary_en.is_empty());
            }
        }
        // The contract's equalities.
        let json = |v: &xborder_core::Verdict| serde_json::to_value(v).unwrap();
        assert_eq!(json(&c.columns[0].verdict), json(&evaluate(&national_scenario(&s)).unwrap()), "{name}: national column");
        let mut plain = s.clone();
        plain.list = None;
        plain.sector = None;
        if let Ok(v) = evaluate(&plain) {
            assert_eq!(json(&c.columns[0].verdict), json(&v), "{name}: national column = check with list/sector null");
        }
        if s.list.is_some() {
            assert_eq!(json(&c.columns[1].verdict), json(&evaluate(&s).unwrap()), "{name}: own-list column = check");
        }
        // Deterministic.
        assert_eq!(serde_json::to_string(&c).unwrap(), serde_json::to_string(&compare(&s).unwrap()).unwrap());
    }
}

#[test]
fn guangdong_handler_sees_three_columns_with_differences() {
    let c = compare(&read("gd-bj-retail")).unwrap();
    assert_eq!(c.columns.iter().filter(|c| c.available).count(), 3);
    let cq = &c.columns[2];
    assert!(cq.translation.iter().any(|s| s.term == "sector" && s.to.is_empty()), "the retail sector has no Chongqing counterpart, and the column says so");
    let d = cq.differences.as_ref().unwrap();
    assert_eq!(d.against, "bj-2025");
    assert!(d.obligations_added.iter().any(|o| o == "national.scc-filing"), "{d:?}");
}

#[test]
fn a_sector_with_several_counterparts_asks_and_the_stricter_decides() {
    // Chongqing 汽车行业 is both Beijing 汽车 and 自动驾驶行业: the column asks, and shows the
    // stricter: the autonomous-driving reading, whose item 2 (vehicle-road sensing data, camera
    // data included) has no exception stating what the Chongqing answer affirmed.
    let c = compare(&read("gd-cq-auto")).unwrap();
    let bj = &c.columns[2];
    assert!(bj.questions.iter().any(|q| q.id == "compare.bj-2025.sector" && q.text_zh.contains("自动驾驶")));
    assert_eq!(bj.sector, Some("autonomous"));
    // The answer carried where both exceptions state the same fact.
    assert!(bj.translation.iter().any(|s| s.from == "cq-2025.auto.22:processed-to-national-rules" && s.to == ["bj-2025.auto.4:processed-to-national-requirements"]));
}

#[test]
fn an_item_with_no_counterpart_asks_whether_it_is_important_data() {
    let c = compare(&read("cq-to-bj")).unwrap();
    let bj = &c.columns[2];
    assert!(!bj.verdict.decided);
    assert_eq!(bj.verdict.depends_on, ["notified_important_data"]);
    assert!(bj.translation.iter().any(|s| s.from == "cq-2025.auto.28" && s.to.is_empty() && s.reason_en.contains("notified")));
}

#[test]
fn the_authoritys_identification_is_the_national_question_where_a_list_has_no_item() {
    let mut s = read("bj-handler");
    s.zone = Some("chongqing".into());
    s.sector = Some("auto".into());
    s.personal_information.clear();
    s.important_data = vec!["bj-2025.auto.10".into()];
    let c = compare(&s).unwrap();
    let cq = c.columns.iter().find(|c| c.list == Some("cq-2025")).unwrap();
    assert!(cq.available);
    assert!(cq.translation.iter().any(|x| x.from == "bj-2025.auto.10" && x.to == ["notified_important_data"]));
    assert_eq!(cq.verdict.outcome.code(), "security_assessment");
    // Affirmed "not identified": nothing is carried.
    s.item_exceptions = vec!["bj-2025.auto.10:not-identified".into()];
    let c = compare(&s).unwrap();
    let cq = c.columns.iter().find(|c| c.list == Some("cq-2025")).unwrap();
    assert_eq!(cq.verdict.outcome.code(), "exempt");
}

#[test]
fn bad_input_names_the_field() {
    let mut s = read("bj-handler");
    s.sector = Some("nope".into());
    assert_eq!(compare(&s).unwrap_err().path, "sector");
}

/// Contract "Rules as of a date": on a day another list is not yet in force, its column is not
/// available and says when it applies; the own list and the national rules still answer.
#[test]
fn a_list_not_in_force_on_the_day_is_a_column_not_available() {
    let mut s = read("cq-to-bj");
    s.as_of = Some("2025-10-01".into());
    let c = compare(&s).unwrap();
    let bj = c.columns.iter().find(|c| c.list == Some("bj-2025")).unwrap();
    assert!(!bj.available);
    assert!(bj.why_en.contains("does not apply on 2025-10-01") && bj.why_en.contains("from 2026-05-11"), "{}", bj.why_en);
    let own = c.columns.iter().find(|c| c.list == Some("cq-2025")).unwrap();
    assert!(own.available);
    assert_eq!(own.verdict, evaluate(&s).unwrap());
    assert_eq!(own.verdict.as_of.to_string(), "2025-10-01");
    // Before the own list's edition: the same error as `check`, naming as_of.
    s.as_of = Some("2025-09-04".into());
    assert_eq!(compare(&s).unwrap_err().path, "as_of");
}
