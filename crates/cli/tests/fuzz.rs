//! Fuzzing the scenario reader and the permalink decoder: any input gives a verdict or an error
//! that names a field, never a panic. `PROPTEST_CASES=100000` for the dedicated run.
use proptest::prelude::*;
use xborder::input;
use xborder_core::{evaluate, permalink};

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>().prop_map(|n| serde_json::json!(n)),
        prop_oneof![Just("cq-2025".to_string()), Just("auto".to_string()), Just("cq-2025.auto.18".to_string()), Just("cq-2025.auto.18:ota-filed".to_string()), Just("telematics".to_string()), Just("hr".to_string()), ".{0,12}"]
            .prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            proptest::collection::vec((prop_oneof![Just("schema"), Just("list"), Just("sector"), Just("handler"), Just("in_zone"), Just("ciio"), Just("important_data"), Just("item_exceptions"), Just("personal_information"), Just("persons"), Just("sensitive_persons"), Just("basis"), Just("scenario"), Just("group"), Just("flags"), Just("x")], inner), 0..6)
                .prop_map(|kv| serde_json::Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

/// Cases per property: `PROPTEST_CASES` for the dedicated fuzz run, else a quick default.
fn cases(default: u32) -> u32 {
    let n = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    eprintln!("proptest: {n} cases per property");
    n
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(3000), .. ProptestConfig::default() })]

    #[test]
    fn scenario_reader_never_panics(v in json_value(), schema in 0u8..3) {
        let mut v = v;
        if let Some(o) = v.as_object_mut() { o.insert("schema".into(), serde_json::json!(schema)); }
        match input::parse(&v.to_string()) {
            Ok(s) => { let _ = evaluate(&s); }
            Err(e) => prop_assert!(!e.message.is_empty()),
        }
    }

    #[test]
    fn scenario_reader_never_panics_on_text(t in ".{0,200}") {
        let _ = input::parse(&t);
    }

    #[test]
    fn permalink_decoder_never_panics(t in "[0-9a-z~.:#-]{0,120}|.{0,120}") {
        if let Ok(d) = permalink::decode(&t) {
            if d.scenario.resolve().is_ok() { let _ = evaluate(&d.scenario).unwrap(); }
        }
    }
}
