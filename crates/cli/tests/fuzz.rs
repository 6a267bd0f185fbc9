//! Fuzzing the scenario reader, the permalink decoder and the register's CSV reader (the core's
//! `inventory`, which the page uses too): any input gives a verdict or an error that names a
//! field (a line and column), never a panic.
//! `PROPTEST_CASES=100000` for the dedicated run.
use proptest::prelude::*;
use xborder::{input, register};
use xborder_core::register::{HandlerFacts, Period};
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

/// A register cell: valid and invalid values of every column, and CSV's own characters.
fn register_cell() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop_oneof![
            Just("2026-01-15"), Just("2026-06-30"), Just("2025-12-31"), Just("2026-02-30"), Just("26-1-1"), Just(""), Just("CRM"), Just("=SUM(A1)"),
            Just("bj-2025"), Just("cq-2025"), Just("auto"), Just("telematics"), Just("hr"), Just("contract"), Just("no_personal_data"), Just("industry_standard"),
            Just("0"), Just("150000"), Just("10001"), Just("-1"), Just("1e3"), Just("99999999999999"), Just("ids.txt"), Just("bj-2025.auto.4 bj-2025.auto.1"),
            Just("\"a,b\""), Just("\"x\"\"y\""), Just("\"\n\""), Just("\u{feff}"), Just("\t")
        ]
        .prop_map(|s| s.as_bytes().to_vec()),
        proptest::collection::vec(any::<u8>(), 0..6),
        ".{0,8}".prop_map(|s: String| s.into_bytes()),
    ]
}

fn register_csv() -> impl Strategy<Value = Vec<u8>> {
    let header = proptest::sample::subsequence(xborder_core::inventory::COLUMNS.to_vec(), 0..=xborder_core::inventory::COLUMNS.len()).prop_shuffle();
    (header, any::<bool>(), proptest::collection::vec(proptest::collection::vec(register_cell(), 0..16), 0..8), any::<bool>()).prop_map(|(h, bom, rows, crlf)| {
        let mut out = if bom { b"\xef\xbb\xbf".to_vec() } else { Vec::new() };
        let nl: &[u8] = if crlf { b"\r\n" } else { b"\n" };
        out.extend(h.join(",").bytes());
        out.extend_from_slice(nl);
        for r in rows {
            out.extend(r.join(&b","[..]));
            out.extend_from_slice(nl);
        }
        out
    })
}

/// Runs a parsed register through the core as the CLI does, with made-up identifiers.
fn position_of(rows: &[register::Row]) {
    let flows: Vec<_> = rows.iter().map(|r| r.flow.clone()).collect();
    for handler in [HandlerFacts::default(), HandlerFacts { in_zone: Some(true), ciio: Some(false), zone: None }] {
        let _ = xborder_core::register::position(&flows, Period { year: 2026, until: None }, &handler, xborder_core::calendar::Date::ymd(2026, 12, 1), |i, sink| {
            for n in 0..(i as u128 * 37 % 200) {
                sink.person(n.wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835));
            }
            Ok::<(), ()>(())
        });
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(2000), .. ProptestConfig::default() })]

    #[test]
    fn register_reader_never_panics(csv in register_csv()) {
        let lines = csv.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        match register::parse(&csv[..]) {
            Ok(rows) => position_of(&rows),
            Err(e) => {
                prop_assert!(!e.message.is_empty());
                prop_assert!(e.line.is_none_or(|l| l >= 1 && l <= lines), "line {:?} of {lines}: {}", e.line, e.render("f.csv"));
                prop_assert_eq!(e.render("f.csv").lines().count(), 1, "one line: {}", e.render("f.csv"));
            }
        }
    }

    #[test]
    fn register_reader_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Err(e) = register::parse(&bytes[..]) {
            prop_assert!(!e.message.is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(300), .. ProptestConfig::default() })]

    /// A workbook damaged anywhere (the fixture's bytes, some changed): a register or an error.
    #[test]
    fn xlsx_reader_never_panics(changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/register/register.xlsx")).unwrap();
        for (at, b) in changes {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        match xborder::xlsx::parse(std::io::Cursor::new(bytes)) {
            Ok(rows) => position_of(&rows),
            Err(e) => prop_assert!(!e.message.is_empty()),
        }
    }
}
