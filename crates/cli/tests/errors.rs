//! Typed input errors (issue 10) through the command line: every kind of `tests/errors/kinds.json`
//! exits 2 with its one line `xborder: PATH: message`, and the reader gives the kind.
use std::io::Write;
use std::process::{Command, Stdio};
use xborder_core::calendar::Date;

fn cases() -> Vec<serde_json::Value> {
    serde_json::from_str(include_str!("../../../tests/errors/kinds.json")).unwrap()
}

fn text(c: &serde_json::Value) -> String {
    c.get("text").and_then(|t| t.as_str()).map_or_else(|| c["scenario"].to_string(), String::from)
}

#[test]
fn every_kind_exits_2_with_its_path_and_message() {
    for c in cases() {
        let input = text(&c);
        let mut child = Command::new(env!("CARGO_BIN_EXE_xborder"))
            .env("XBORDER_TODAY", "2026-06-01")
            .args(["check", "-", "--format", "json"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{input}: {err}");
        assert!(out.stdout.is_empty());
        let path = c["path"].as_str().unwrap();
        let lead = if path.is_empty() { "xborder: ".to_string() } else { format!("xborder: {path}: ") };
        match (c.get("message"), c.get("message_starts")) {
            (Some(m), _) => assert_eq!(err, format!("{lead}{}\n", m.as_str().unwrap()), "{input}"),
            (None, Some(p)) => assert!(err.starts_with(&format!("{lead}{}", p.as_str().unwrap())) && err.lines().count() == 1, "{input}: {err}"),
            _ => panic!("a case without its message"),
        }
    }
}

#[test]
fn the_reader_gives_each_kind() {
    let day = Date::parse("2026-06-01").unwrap();
    for c in cases() {
        let input = text(&c);
        let e = match xborder::input::parse(&input) {
            Err(e) => e,
            Ok(s) => s.resolve_on(day).map(|_| ()).expect_err(&input),
        };
        assert_eq!(e.kind.name(), c["kind"], "{input}: {e}");
        assert_eq!(e.path, c["path"], "{input}: {e}");
        assert!(e.zh().ends_with('。'), "{}", e.zh());
    }
}
