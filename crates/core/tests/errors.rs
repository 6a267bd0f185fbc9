//! Typed input errors (issue 10): every kind, from a minimal bad scenario (`tests/errors/kinds.json`),
//! read by the core's one reader (`xborder_core::tree`) from a tree as the CLI gives it (serde_json's
//! numbers) and as the embed gives it (a JS object: one kind of number, integers when whole), with
//! the same path, message and kind; and every kind says it in a Chinese sentence.
use serde_json::Value;
use xborder_core::calendar::Date;
use xborder_core::scenario::{InputError, InputErrorKind, Scenario};
use xborder_core::tree::{self, Node, Tree};

/// serde_json's value, walked as the CLI walks it (`crates/cli/src/input.rs`).
struct Cli<'a>(&'a Value);
/// The same value as the embed sees a JS object (`web/src/embed_input.rs`): numbers are f64,
/// integers when whole and safe.
struct Embed<'a>(&'a Value);

fn members<'a, T>(m: &'a serde_json::Map<String, Value>, f: fn(&'a Value) -> T) -> Node<T> {
    let mut v: Vec<_> = m.iter().map(|(k, v)| (k.clone(), f(v))).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    Node::Object(v)
}

impl<'a> Tree for Cli<'a> {
    fn node(&self) -> Node<Self> {
        match self.0 {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Node::U64(u),
                (None, Some(i)) => Node::I64(i),
                _ => Node::F64(n.as_f64().unwrap()),
            },
            Value::String(s) => Node::Str(s.clone()),
            Value::Array(a) => Node::Array(a.iter().map(Cli).collect()),
            Value::Object(m) => members(m, Cli),
        }
    }
    fn json_text(&self) -> String {
        self.0.to_string()
    }
    fn float_json(v: f64) -> String {
        serde_json::Number::from_f64(v).unwrap().to_string()
    }
    fn float_plain(v: f64) -> String {
        v.to_string()
    }
}

impl<'a> Tree for Embed<'a> {
    fn node(&self) -> Node<Self> {
        match self.0 {
            Value::Number(n) => {
                let n = n.as_f64().unwrap();
                if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0 {
                    if n >= 0.0 { Node::U64(n as u64) } else { Node::I64(n as i64) }
                } else {
                    Node::F64(n)
                }
            }
            Value::Array(a) => Node::Array(a.iter().map(Embed).collect()),
            Value::Object(m) => members(m, Embed),
            v => match Cli(v).node() {
                Node::Null => Node::Null,
                Node::Bool(b) => Node::Bool(b),
                Node::Str(s) => Node::Str(s),
                _ => unreachable!(),
            },
        }
    }
    fn json_text(&self) -> String {
        self.0.to_string()
    }
    fn float_json(v: f64) -> String {
        serde_json::Number::from_f64(v).unwrap().to_string()
    }
    fn float_plain(v: f64) -> String {
        v.to_string()
    }
}

fn day() -> Date {
    Date::parse("2026-06-01").unwrap()
}

/// Reads and resolves, as `xborder check` and the embed's `evaluate()` do.
fn check(r: Result<Scenario, InputError>) -> InputError {
    match r {
        Err(e) => e,
        Ok(s) => s.resolve_on(day()).map(|_| ()).expect_err("a bad scenario"),
    }
}

fn cases() -> Vec<Value> {
    serde_json::from_str(include_str!("../../../tests/errors/kinds.json")).unwrap()
}

#[test]
fn every_kind_reads_alike_from_the_cli_and_the_embed_tree() {
    let mut kinds = std::collections::BTreeSet::new();
    for c in cases() {
        let Some(s) = c.get("scenario") else { continue };
        let cli = check(tree::read(&Cli(s)));
        let embed = check(tree::read(&Embed(s)));
        assert_eq!(cli, embed, "the CLI's and the embed's reading of {s}");
        assert_eq!(cli.kind.name(), c["kind"], "{s}: {cli}");
        assert_eq!(cli.path, c["path"], "{s}: {cli}");
        match (c.get("message"), c.get("message_starts")) {
            (Some(m), _) => assert_eq!(cli.message, m.as_str().unwrap(), "{s}"),
            (None, Some(p)) => assert!(cli.message.starts_with(p.as_str().unwrap()), "{s}: {cli}"),
            _ => panic!("a case without its message"),
        }
        kinds.insert(cli.kind.name());
    }
    for k in ["schema", "missing", "unknown_field", "wrong_type", "invalid", "unknown_id", "needs_list", "wrong_item_kind", "repeated", "count", "too_many", "date", "not_covered"] {
        assert!(kinds.contains(k), "a case of kind {k}");
    }
}

#[test]
fn every_kind_renders_a_chinese_sentence() {
    let mut errors: Vec<InputError> = cases().iter().filter_map(|c| c.get("scenario")).map(|s| check(tree::read(&Cli(s)))).collect();
    errors.push(InputError::new("", InputErrorKind::Syntax, "not valid JSON: expected value at line 1 column 1"));
    errors.push(InputError::new("handler.ciio", InputErrorKind::Duplicate, xborder_core::json_keys::DUPLICATE));
    errors.push(InputError::new("x", InputErrorKind::Other, "something else"));
    for e in &errors {
        let zh = e.zh();
        assert!(zh.ends_with('。'), "{zh}");
        assert!(zh.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count() >= 4, "Chinese words for {e}: {zh}");
        assert!(e.path.is_empty() || zh.contains(&e.path), "names {}: {zh}", e.path);
        assert_eq!(e.en(), e.to_string());
    }
}

#[test]
fn unknown_ids_know_the_known_ones() {
    let s = serde_json::json!({"schema": 1, "handler": {"in_zone": true, "ciio": false}, "list": "cq-2025", "sector": "auto", "important_data": ["cq-2025.auto.99"]});
    let e = check(tree::read(&Cli(&s)));
    let InputErrorKind::UnknownId { found, among } = &e.kind else { panic!("{e:?}") };
    assert_eq!(found, "cq-2025.auto.99");
    let ids = among.ids();
    assert!(ids.contains(&"cq-2025.auto.1".to_string()) && !ids.contains(&"cq-2025.auto.32".to_string()), "important-data items only: {ids:?}");
    let s = serde_json::json!({"schema": 1, "handler": {"in_zone": true, "ciio": false}, "personal_information": [{"persons": 1, "sensitive_persons": 0, "basis": "friendship"}]});
    let e = check(tree::read(&Cli(&s)));
    let InputErrorKind::UnknownId { among, .. } = &e.kind else { panic!("{e:?}") };
    assert_eq!(among.ids(), ["contract", "hr", "emergency", "collected_abroad", "no_personal_data", "industry_standard"]);
    assert!(e.zh().contains("“friendship”") && e.zh().contains("“contract”"), "{}", e.zh());
}

#[test]
fn members_are_read_in_sorted_order_whatever_order_they_were_written_in() {
    // Two errors: the first in key order is the one reported, as serde_json's sorted map gives it.
    let a: Value = serde_json::from_str(r#"{"zzz": 1, "schema": 1, "handler": {"in_zone": 1, "ciio": false}}"#).unwrap();
    let e = check(tree::read(&Cli(&a)));
    assert_eq!(e.path, "handler.in_zone");
}
