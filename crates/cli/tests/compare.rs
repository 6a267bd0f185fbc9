//! `xborder compare FILE [--format json|text]` (contract: "Compare"): the golden compare
//! scenarios through the binary, the contract's shape, equalities with `check`, and bad input.
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn xborder(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xborder")).env("XBORDER_TODAY", "2026-12-01").args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../tests/compare/{name}.scenario.json"))
}

fn json(out: &Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn compare_prints_the_contracts_columns() {
    let path = golden("gd-bj-retail");
    let c = json(&xborder(&["compare", path.to_str().unwrap(), "--format", "json"], ""));
    assert_eq!(c["schema"], 1);
    assert!(c["rules_version"].is_string());
    let cols = c["columns"].as_array().unwrap();
    assert_eq!(cols.len(), 3);
    for col in cols {
        for key in ["regime", "list", "sector", "available", "why_zh", "why_en", "questions", "verdict"] {
            assert!(col.get(key).is_some(), "{key} in {col}");
        }
    }
    assert_eq!(cols[0]["regime"], "national");
    assert_eq!(cols[1]["list"], "bj-2025");
    assert_eq!(cols[2]["list"], "cq-2025");
    // The own-list column is `check`, the national column `check` with list and sector null.
    let check = json(&xborder(&["check", path.to_str().unwrap(), "--format", "json"], ""));
    assert_eq!(cols[1]["verdict"], check);
    let mut s: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    s["list"] = serde_json::Value::Null;
    s["sector"] = serde_json::Value::Null;
    // A list's answers need their list: the national column reads none.
    s["item_exceptions"] = serde_json::json!([]);
    s["personal_information"][0]["scenario"] = serde_json::Value::Null;
    s["personal_information"][0]["group"] = serde_json::Value::Null;
    let national = json(&xborder(&["check", "-", "--format", "json"], &s.to_string()));
    assert_eq!(cols[0]["verdict"], national);
    assert_eq!(cols[2]["differences"]["against"], "bj-2025");
}

#[test]
fn compare_text_is_bilingual_with_the_differences() {
    let out = xborder(&["compare", "-"], &std::fs::read_to_string(golden("bj-handler")).unwrap());
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for want in ["国家规定", "National rules", "不可用 / not available", "bj-2025.autonomous.14", "≠", "Against"] {
        assert!(text.contains(want), "{want:?} in:\n{text}");
    }
}

#[test]
fn bad_input_exits_2_naming_the_field() {
    let out = xborder(&["compare", "-"], r#"{"schema":1,"list":"cq-2025","sector":"nope","handler":{"in_zone":true,"ciio":false}}"#);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("sector"), "{err}");
    let out = xborder(&["compare", "-", "--format", "xml"], "{}");
    assert_eq!(out.status.code(), Some(2));
}
