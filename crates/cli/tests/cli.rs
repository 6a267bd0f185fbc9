//! The command line as the contract describes it: verdicts, catalogue, lint, links, and bad
//! input that exits 2 with one line naming the JSON path.
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The day the tests evaluate on unless they say otherwise: a verdict never depends on the day
/// the suite runs (an edition that ends, such as Chongqing's in 2027, would fail it later).
const TODAY: &str = "2026-12-01";

fn xborder(args: &[&str], stdin: &str) -> Output {
    xborder_on(Some(TODAY), args, stdin)
}

/// Runs the CLI with `XBORDER_TODAY` set to `today`, or unset (the local date).
fn xborder_on(today: Option<&str>, args: &[&str], stdin: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xborder"));
    match today {
        Some(d) => cmd.env("XBORDER_TODAY", d),
        None => cmd.env_remove("XBORDER_TODAY"),
    };
    let mut child = cmd
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

const GOOD: &str = r#"{"schema":1,"list":"cq-2025","sector":"auto","handler":{"in_zone":true,"ciio":false},
  "important_data":["cq-2025.auto.26"],"personal_information":[{"scenario":"telematics","group":null,"persons":150000,"sensitive_persons":10,"basis":null}]}"#;

#[test]
fn check_prints_a_json_verdict() {
    let out = xborder(&["check", "-", "--format", "json"], GOOD);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(v["outcome"], "security_assessment");
    assert_eq!(v["pathways"][0]["pathway"], "security_assessment");
    assert_eq!(v["pathways"][0]["because"][0], "cq-2025.auto.26");
    let f = &v["findings"][0];
    for k in ["rule", "pathway", "citation", "reason_zh", "reason_en"] {
        assert!(!f[k].is_null(), "finding.{k}");
    }
    for k in ["document", "section", "item"] {
        assert!(f["citation"][k].as_str().is_some_and(|s| !s.is_empty()), "citation.{k}");
    }
    assert!(v["obligations"].as_array().unwrap().iter().all(|o| o["id"].is_string() && o["text_zh"].is_string() && o["text_en"].is_string() && o["citation"].is_object()));
    assert!(v["warnings"].as_array().unwrap().iter().all(|o| o["id"].is_string() && o["text_zh"].is_string() && o["text_en"].is_string()));
    assert!(v["trace"].as_array().unwrap().len() >= 5);
    assert!(v["rules_version"].as_str().unwrap().contains('-'));
}

#[test]
fn check_prints_a_bilingual_report_by_default() {
    let out = xborder(&["check", "-"], GOOD);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("结论 Outcome: 数据出境安全评估 — CAC security assessment"), "{text}");
    assert!(text.contains("第26项"));
    assert!(text.contains("原文 Source:"));
}

fn bad(input: &str, path: &str) {
    let out = xborder(&["check", "-"], input);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "input {input}\nstderr {err}");
    assert!(out.stdout.is_empty(), "no partial output on stdout");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.starts_with(&format!("xborder: {path}")), "expected the path {path:?} in: {err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn bad_input_exits_2_naming_the_field() {
    let pi = |e: &str| format!(r#"{{"schema":1,"handler":{{"in_zone":false,"ciio":false}},"personal_information":[{{"persons":1,"sensitive_persons":0}},{e}]}}"#);
    bad("not json", "not valid JSON");
    bad("[1,2]", "expected a JSON object");
    bad(r#"{"handler":{"in_zone":true,"ciio":false}}"#, "schema: missing");
    bad(r#"{"schema":2,"handler":{"in_zone":true,"ciio":false}}"#, "schema: expected 1; this scenario uses schema 2");
    bad(r#"{"schema":"1","handler":{"in_zone":true,"ciio":false}}"#, "schema: expected 1");
    bad(r#"{"schema":1}"#, "handler: missing");
    bad(r#"{"schema":1,"handler":{"in_zone":true}}"#, "handler.ciio: missing");
    bad(&pi(r#"{"persons":-5,"sensitive_persons":0}"#), "personal_information[1].persons: expected a whole number of persons, 0 or more, found -5");
    bad(&pi(r#"{"persons":1.5,"sensitive_persons":0}"#), "personal_information[1].persons: expected a whole number");
    bad(&pi(r#"{"persons":"many","sensitive_persons":0}"#), "personal_information[1].persons: expected a whole number");
    bad(&pi(r#"{"persons":10,"sensitive_persons":11}"#), "personal_information[1].sensitive_persons: expected at most `persons` (10)");
    bad(&pi(r#"{"sensitive_persons":0}"#), "personal_information[1].persons: missing");
    bad(&pi(r#"{"persons":1,"sensitive_persons":0,"basis":"friendship"}"#), "personal_information[1].basis: expected");
    bad(&pi(r#"{"persons":1,"sensitive_persons":0,"peresons":3}"#), "personal_information[1].peresons: unknown field");
    bad(r#"{"schema":1,"list":"mars-2030","handler":{"in_zone":true,"ciio":false}}"#, "list: expected a list id");
    bad(r#"{"schema":1,"list":"cq-2025","sector":"bakery","handler":{"in_zone":true,"ciio":false}}"#, "sector: expected a sector of list cq-2025");
    bad(r#"{"schema":1,"list":"cq-2025","sector":"auto","handler":{"in_zone":true,"ciio":false},"important_data":["cq-2025.auto.1","cq-2025.auto.99"]}"#, "important_data[1]: expected an important-data item id");
    bad(r#"{"schema":1,"list":"cq-2025","sector":"auto","handler":{"in_zone":true,"ciio":false},"important_data":["cq-2025.auto.32"]}"#, "important_data[0]: \"cq-2025.auto.32\" is a personal-information clause");
    bad(r#"{"schema":1,"list":"cq-2025","sector":"auto","handler":{"in_zone":true,"ciio":false},"item_exceptions":["cq-2025.auto.18:nope"]}"#, "item_exceptions[0]: expected an exception id");
    bad(r#"{"schema":1,"list":"cq-2025","sector":"auto","handler":{"in_zone":true,"ciio":false},"personal_information":[{"scenario":"moon","persons":1,"sensitive_persons":0}]}"#, "personal_information[0].scenario: expected a scenario");
    bad(r#"{"schema":1,"list":"cq-2025","sector":"auto","handler":{"in_zone":true,"ciio":false},"personal_information":[{"group":"members","persons":1,"sensitive_persons":0}]}"#, "personal_information[0].group: expected a group");
    bad(r#"{"schema":1,"handler":{"in_zone":true,"ciio":false},"important_data":["cq-2025.auto.1"]}"#, "important_data[0]: item");
    bad(r#"{"schema":1,"handler":{"in_zone":"yes","ciio":false}}"#, "handler.in_zone: expected a boolean");
    bad(r#"{"schema":1,"handler":[true,false]}"#, "handler: expected an object, found an array");
    // A repeated member name: the last copy must never silently win.
    bad(&pi(r#"{"persons":2000000,"sensitive_persons":0,"persons":1}"#), "personal_information[1].persons: this member name appears twice");
    bad(r#"{"schema":1,"handler":{"in_zone":true,"ciio":true,"ciio":false}}"#, "handler.ciio: this member name appears twice");
    bad(r#"{"schema":1,"list":null,"list":"cq-2025","handler":{"in_zone":true,"ciio":false}}"#, "list: this member name appears twice");
    // Art. 3 is for data without personal information.
    bad(&pi(r#"{"persons":5,"sensitive_persons":0,"basis":"no_personal_data"}"#), "personal_information[1].basis: `no_personal_data`");
    bad(r#"{"schema":1,"handler":{"in_zone":true,"ciio":false},"personal_information":[[1,0]]}"#, "personal_information[0]: expected an object, found an array");
    let out = xborder(&["check", "/nonexistent/file.json"], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rules_list_has_the_contract_shape() {
    let out = xborder(&["rules", "list", "--format", "json"], "");
    assert_eq!(out.status.code(), Some(0));
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(c["rules_version"].is_string());
    let lists = c["lists"].as_array().unwrap();
    let cq = lists.iter().find(|l| l["id"] == "cq-2025").expect("Chongqing list");
    for k in ["id", "name_zh", "name_en", "issued", "sectors"] {
        assert!(!cq[k].is_null(), "list.{k}");
    }
    let sector = &cq["sectors"][0];
    for k in ["id", "number", "name_zh", "name_en", "scenarios", "groups", "items"] {
        assert!(!sector[k].is_null(), "sector.{k}");
    }
    let items = sector["items"].as_array().unwrap();
    assert_eq!(items.len(), 35);
    for it in items {
        for k in ["id", "number", "kind", "pathway", "text_zh", "title_en", "exceptions", "citation"] {
            assert!(!it[k].is_null(), "item.{k}");
        }
        assert!(["important_data", "personal_information"].contains(&it["kind"].as_str().unwrap()));
        assert!(["security_assessment", "standard_contract_or_certification", "other_lawful_pathway"].contains(&it["pathway"].as_str().unwrap()));
    }
    assert_eq!(items[17]["exceptions"][0]["id"], "cq-2025.auto.18:ota-filed");
}

#[test]
fn rules_lint_passes_and_catches_a_broken_file() {
    let out = xborder(&["rules", "lint"], "");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let dir = std::env::temp_dir().join(format!("xborder-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules");
    for f in std::fs::read_dir(root).unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            let mut text = std::fs::read_to_string(&p).unwrap();
            if p.file_name().unwrap() == "chongqing-ftz-negative-list-2025.toml" {
                // Break the contract band: a gap below the assessment band.
                text = text.replacen("below = 1000000", "below = 900000", 1);
            }
            std::fs::write(dir.join(p.file_name().unwrap()), text).unwrap();
        }
    }
    let out = xborder(&["rules", "lint", "--dir", dir.to_str().unwrap()], "");
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains(&format!("{}:", dir.join("chongqing-ftz-negative-list-2025.toml").display())) && text.contains("gap between item 34 (below 900000) and item 32 (from 1000000); hint: make the bands meet: `below = 1000000` in item 34, or `at_least = 900000` in item 32\n"), "{text}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn link_round_trips_and_is_short() {
    let out = xborder(&["link", "-", "--base", "https://example.test/x/"], GOOD);
    assert_eq!(out.status.code(), Some(0));
    let url = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(url.starts_with("https://example.test/x/#1~"));
    let frag = url.split_once('#').unwrap().1;
    assert!(frag.len() <= 200, "{frag}");
    let out = xborder(&["link", "--decode", &url], "");
    assert_eq!(out.status.code(), Some(0));
    let back: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(back["important_data"][0], "cq-2025.auto.26");
    assert_eq!(back["personal_information"][0]["persons"], 150000);
    let out = xborder(&["link", "--decode", "http://x/#1~h1~<b>"], "");
    assert_eq!(out.status.code(), Some(2));
    let out = xborder(&["link", "-"], r#"{"schema":1,"handler":{"in_zone":true,"ciio":false},"list":"cq-2025","sector":"nope"}"#);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn link_decode_reads_the_compare_view_part_and_prints_the_scenario_alone() {
    let url = String::from_utf8(xborder(&["link", "-", "--base", "https://example.test/x/"], GOOD).stdout).unwrap().trim().to_string();
    let plain = xborder(&["link", "--decode", &url], "");
    let compare = xborder(&["link", "--decode", &format!("{url}~vc")], "");
    assert_eq!((plain.status.code(), compare.status.code()), (Some(0), Some(0)));
    assert_eq!(compare.stdout, plain.stdout, "the view is page state, not scenario");
    let out = xborder(&["link", "--decode", &format!("{url}~vx")], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("view"));
}

/// An iCalendar file's content lines (RFC 5545 §3.1), checked and unfolded by hand: every line
/// ends in CRLF and holds at most 75 octets; a line that starts with a space or a tab continues
/// the one before it.
fn ics_lines(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"), "the file ends with CRLF");
    let mut out: Vec<String> = Vec::new();
    for line in text.strip_suffix("\r\n").unwrap().split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "a bare line break: {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        match line.strip_prefix([' ', '\t']) {
            Some(rest) => out.last_mut().expect("a continuation line after a line").push_str(rest),
            None => out.push(line.to_string()),
        }
    }
    out
}

/// The events of a calendar as (name, value) lists, with BEGIN and END checked to nest.
fn ics_events(lines: &[String]) -> Vec<Vec<(String, String)>> {
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    let mut open: Vec<&str> = Vec::new();
    let mut events = Vec::new();
    for l in lines {
        let (name, value) = l.split_once(':').unwrap_or_else(|| panic!("no colon: {l}"));
        match name {
            "BEGIN" => {
                open.push(value);
                if value == "VEVENT" {
                    events.push(Vec::new());
                }
            }
            "END" => assert_eq!(open.pop(), Some(value), "END:{value} closes what is open"),
            _ if open.last() == Some(&"VEVENT") => events.last_mut().unwrap().push((name.to_string(), value.to_string())),
            _ => {}
        }
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    events
}

fn prop<'a>(e: &'a [(String, String)], name: &str) -> &'a str {
    e.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).unwrap_or_else(|| panic!("no {name} in {e:?}"))
}

#[test]
fn check_ics_is_a_calendar_of_the_dated_obligations() {
    // A contract outcome (certification open): filing across National Day 2026 and its worked
    // Saturday, and a certificate's 3-year validity.
    let contract = r#"{"schema":1,"handler":{"in_zone":false,"ciio":false},"personal_information":[{"persons":200000,"sensitive_persons":0}],
      "dates":{"contract_effective":"2026-09-28","certification_issued":"2026-03-16"}}"#;
    let out = xborder(&["check", "-", "--format", "ics"], contract);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines = ics_lines(&text);
    assert!(lines.iter().any(|l| l == "VERSION:2.0") && lines.iter().any(|l| l.starts_with("PRODID:")));
    let events = ics_events(&lines);
    assert_eq!(events.len(), 2, "{text}");
    let filing = events.iter().find(|e| prop(e, "UID") == "national.scc-filing-20261016@xborder").expect("the filing event");
    assert_eq!(prop(filing, "DTSTART;VALUE=DATE"), "20261016");
    assert_eq!(prop(filing, "DTEND;VALUE=DATE"), "20261017", "an all-day event ends the next day");
    assert_eq!(prop(filing, "DTSTAMP"), "20260928T000000Z", "from the scenario's latest date, not the clock");
    assert!(prop(filing, "SUMMARY").contains("标准合同备案期限"));
    let desc = prop(filing, "DESCRIPTION");
    for want in ["10 working days after 2026-09-28", "2026年9月28日后第10个工作日", "个人信息出境标准合同办法", "第七条", "national.scc-filing"] {
        assert!(desc.contains(want), "{want:?} in {desc}");
    }
    assert!(desc.contains("\\n") && desc.contains("\\,"), "TEXT is escaped: {desc}");
    let cert = events.iter().find(|e| prop(e, "UID").starts_with("national.cert-measures-")).expect("the certificate event");
    assert_eq!(prop(cert, "DTSTART;VALUE=DATE"), "20290316");
    // The same input gives the same file.
    assert_eq!(String::from_utf8(xborder(&["check", "-", "--format", "ics"], contract).stdout).unwrap(), text);
    // A calendar program's parser reads it too.
    let unfolded = icalendar::parser::unfold(&text);
    let cal = icalendar::parser::read_calendar(&unfolded).unwrap();
    let starts: Vec<&str> = cal.components.iter().filter(|c| c.name == "VEVENT").filter_map(|c| c.find_prop("DTSTART")).map(|p| p.val.as_str()).collect();
    assert_eq!(starts, ["20261016", "20290316"]);

    // An assessment: its validity, and the renewal window as one event from its first to its
    // last day; a filing that runs into 2027 has no event, and stderr says why.
    let assessment = r#"{"schema":1,"handler":{"in_zone":false,"ciio":false},"personal_information":[{"persons":1000000,"sensitive_persons":0}],
      "dates":{"assessment_issued":"2023-11-20"}}"#;
    let out = xborder(&["check", "-", "--format", "ics"], assessment);
    let events = ics_events(&ics_lines(&String::from_utf8(out.stdout).unwrap()));
    assert_eq!(events.len(), 2);
    let window = events.iter().find(|e| prop(e, "UID").starts_with("national.qa-2026-07-extension-")).expect("the window");
    assert_eq!(prop(window, "UID"), "national.qa-2026-07-extension-20260824-20261119@xborder");
    assert_eq!((prop(window, "DTSTART;VALUE=DATE"), prop(window, "DTEND;VALUE=DATE")), ("20260824", "20261120"));
    let late = contract.replace("2026-09-28", "2026-12-24");
    let out = xborder(&["check", "-", "--format", "ics"], &late);
    assert_eq!(out.status.code(), Some(0));
    let events = ics_events(&ics_lines(&String::from_utf8(out.stdout).unwrap()));
    assert!(events.iter().all(|e| !prop(e, "UID").starts_with("national.scc-filing")));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("national.scc-filing") && err.contains("2027"), "{err}");

    // No dated obligation: a calendar with no event.
    let out = xborder(&["check", "-", "--format", "ics"], GOOD);
    assert_eq!(out.status.code(), Some(0));
    let lines = ics_lines(&String::from_utf8(out.stdout).unwrap());
    assert!(ics_events(&lines).is_empty());
    assert!(lines.iter().all(|l| !l.starts_with("BEGIN:VEVENT")));
}

#[test]
fn a_bad_date_exits_2_naming_it() {
    let base = r#"{"schema":1,"handler":{"in_zone":false,"ciio":false},"dates":DATES}"#;
    bad(&base.replace("DATES", r#"{"contract_effective":"2026-02-30"}"#), "dates.contract_effective: expected a date YYYY-MM-DD, found \"2026-02-30\"");
    bad(&base.replace("DATES", r#"{"transfer_start":"28/09/2026"}"#), "dates.transfer_start: expected a date YYYY-MM-DD");
    bad(&base.replace("DATES", r#"{"assessment_issued":20230101}"#), "dates.assessment_issued: expected a string");
    bad(&base.replace("DATES", r#"{"signed":"2026-01-05"}"#), "dates.signed: unknown field");
    bad(&base.replace("DATES", r#"["2026-01-05"]"#), "dates: expected an object, found an array");
    let out = xborder(&["check", "-", "--format", "ical"], GOOD);
    assert_eq!(out.status.code(), Some(2));
}

/// The Provisions set the window to apply for an extension (Art. 9) from 2024-03-22, before the
/// July 2026 Q&A repeated it with conditions: a verdict of March 2026 gives the window too, and a
/// verdict from 2026-07-24 gives it once, under the Q&A.
#[test]
fn the_extension_window_is_dated_from_the_provisions_own_article() {
    let s = r#"{"schema":1,"as_of":"2026-03-02","handler":{"in_zone":false,"ciio":false},"personal_information":[{"persons":1000000,"sensitive_persons":0}],"dates":{"assessment_issued":"2023-06-01"}}"#;
    let v: serde_json::Value = serde_json::from_slice(&xborder(&["check", "-", "--format", "json"], s).stdout).unwrap();
    let ids: Vec<&str> = v["obligations"].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"national.art9-extension-window") && !ids.contains(&"national.qa-2026-07-extension"), "{ids:?}");
    let w = v["obligations"].as_array().unwrap().iter().find(|o| o["id"] == "national.art9-extension-window").unwrap();
    assert_eq!(w["window"]["until"], "2026-05-29", "the last working day before the last day of validity (Sunday 2026-05-31)");
    let later = s.replace("2026-03-02", "2026-08-01");
    let v: serde_json::Value = serde_json::from_slice(&xborder(&["check", "-", "--format", "json"], &later).stdout).unwrap();
    let windows = v["obligations"].as_array().unwrap().iter().filter(|o| o.get("window").is_some() || o["id"].as_str().unwrap().contains("extension")).count();
    assert_eq!(windows, 1, "one window, the Q&A's: {}", v["obligations"]);
}

#[test]
fn dated_obligations_have_the_contract_shape() {
    let s = r#"{"schema":1,"handler":{"in_zone":false,"ciio":false},"personal_information":[{"persons":1000000,"sensitive_persons":0}],"dates":{"assessment_issued":"2023-11-20"}}"#;
    let v: serde_json::Value = serde_json::from_slice(&xborder(&["check", "-", "--format", "json"], s).stdout).unwrap();
    let ob = |id: &str| v["obligations"].as_array().unwrap().iter().find(|o| o["id"] == id).unwrap().clone();
    let validity = ob("national.art9-validity");
    assert_eq!(validity["due"], "2026-11-20");
    assert!(validity.get("window").is_none() && validity.get("due_unknown_en").is_none());
    assert!(validity["due_basis_en"].as_str().unwrap().contains("3 years from 2023-11-20"));
    let window = ob("national.qa-2026-07-extension");
    assert_eq!(window["window"], serde_json::json!({"from": "2026-08-24", "until": "2026-11-19"}));
    assert!(window.get("due").is_none());
    // An obligation without a deadline carries none of the fields.
    assert!(ob("national.cac-pre-assessment").get("due_basis_en").is_none());
    // Into a year without a notice: `due: null` and the reason.
    let later = s.replace("2023-11-20", "2026-09-28");
    let v: serde_json::Value = serde_json::from_slice(&xborder(&["check", "-", "--format", "json"], &later).stdout).unwrap();
    let w = v["obligations"].as_array().unwrap().iter().find(|o| o["id"] == "national.qa-2026-07-extension").unwrap();
    assert!(w.get("due").is_some_and(|d| d.is_null()) && w.get("window").is_none());
    assert!(w["due_unknown_en"].as_str().unwrap().contains("2029") && w["due_unknown_zh"].as_str().unwrap().contains("2029年"));
    // The report says it too.
    let text = String::from_utf8(xborder(&["check", "-"], s).stdout).unwrap();
    assert!(text.contains("期限 Due: 2026-08-24 – 2026-11-19") && text.contains("期限 Due: 2026-11-20"), "{text}");
    // The permalink keeps the dates.
    let url = String::from_utf8(xborder(&["link", "-"], s).stdout).unwrap();
    let back: serde_json::Value = serde_json::from_slice(&xborder(&["link", "--decode", url.trim()], "").stdout).unwrap();
    assert_eq!(back["dates"], serde_json::json!({"assessment_issued": "2023-11-20"}));
}

#[test]
fn the_renewal_check_has_its_shape_and_bad_answers_exit_2() {
    let s = r#"{"schema":1,"handler":{"in_zone":false,"ciio":false},"personal_information":[{"persons":1000000,"sensitive_persons":0}],"dates":{"assessment_issued":"2023-11-20"},"conditions":{"national.qa-2026-07-extension:recipient-unchanged":false,"national.qa-2026-07-extension:purpose-unchanged":true}}"#;
    let v: serde_json::Value = serde_json::from_slice(&xborder(&["check", "-", "--format", "json"], s).stdout).unwrap();
    let ob = v["obligations"].as_array().unwrap().iter().find(|o| o["id"] == "national.qa-2026-07-extension").unwrap();
    assert_eq!(ob["conditions_result"], "not_met");
    let items = ob["conditions"].as_array().unwrap();
    assert_eq!(items.len(), 7);
    let answer = |id: &str| items.iter().find(|c| c["id"] == format!("national.qa-2026-07-extension:{id}")).unwrap()["answer"].clone();
    assert_eq!((answer("recipient-unchanged"), answer("purpose-unchanged"), answer("no-major-incident")), (serde_json::json!(false), serde_json::json!(true), serde_json::Value::Null));
    assert!(ob["conditions_en"].as_str().unwrap().contains("afresh"));
    assert!(v["warnings"].as_array().unwrap().iter().any(|w| w["id"] == "national.qa-2026-07-extension:not-met"));
    // The report shows the checklist; the catalogue lists the questions.
    let text = String::from_utf8(xborder(&["check", "-"], s).stdout).unwrap();
    assert!(text.contains("条件 Conditions (not_met):") && text.contains("[NO ] 境外接收方未发生变化"), "{text}");
    let cat: serde_json::Value = serde_json::from_slice(&xborder(&["rules", "list", "--format", "json"], "").stdout).unwrap();
    assert_eq!(cat["conditions"].as_array().unwrap().len(), 7);
    assert_eq!(cat["conditions"][0]["id"], "national.qa-2026-07-extension:purpose-unchanged");
    // The permalink keeps the answers.
    let url = String::from_utf8(xborder(&["link", "-"], s).stdout).unwrap();
    let back: serde_json::Value = serde_json::from_slice(&xborder(&["link", "--decode", url.trim()], "").stdout).unwrap();
    assert_eq!(back["conditions"]["national.qa-2026-07-extension:recipient-unchanged"], false);
    // Bad answers name the field.
    let base = r#"{"schema":1,"handler":{"in_zone":false,"ciio":false},"conditions":C}"#;
    bad(&base.replace("C", r#"{"national.qa-2026-07-extension:colour-unchanged":true}"#), "conditions.national.qa-2026-07-extension:colour-unchanged: expected a condition of an obligation");
    bad(&base.replace("C", r#"{"national.qa-2026-07-extension:purpose-unchanged":"yes"}"#), "conditions");
    bad(&base.replace("C", r#"["purpose-unchanged"]"#), "conditions");
}

#[test]
fn unknown_answers_give_a_conditional_verdict_and_bad_ids_exit_2() {
    let s = r#"{"schema":1,"handler":{"in_zone":false,"ciio":false},"personal_information":[{"persons":200000,"sensitive_persons":0}],"unknown":["handler.ciio"]}"#;
    let v: serde_json::Value = serde_json::from_slice(&xborder(&["check", "-", "--format", "json"], s).stdout).unwrap();
    assert_eq!(v["decided"], false);
    assert_eq!(v["depends_on"], serde_json::json!(["handler.ciio"]));
    assert_eq!(v["branches"][0], serde_json::json!({"assume": {"handler.ciio": true}, "outcome": "security_assessment", "pathways": ["security_assessment"]}));
    assert_eq!(v["outcome"], "security_assessment", "the strictest branch");
    assert_eq!(v["warnings"][0]["id"], "depends-on-answers");
    // Without `unknown`: decided, with empty lists.
    let v: serde_json::Value = serde_json::from_slice(&xborder(&["check", "-", "--format", "json"], GOOD).stdout).unwrap();
    assert_eq!((v["decided"].clone(), v["depends_on"].clone(), v["branches"].clone()), (serde_json::json!(true), serde_json::json!([]), serde_json::json!([])));
    // The permalink keeps the questions.
    let url = String::from_utf8(xborder(&["link", "-"], s).stdout).unwrap();
    let back: serde_json::Value = serde_json::from_slice(&xborder(&["link", "--decode", url.trim()], "").stdout).unwrap();
    assert_eq!(back["unknown"], serde_json::json!(["handler.ciio"]));
    // Bad questions name unknown[i].
    let base = r#"{"schema":1,"handler":{"in_zone":false,"ciio":false},"unknown":U}"#;
    bad(&base.replace("U", r#"["handler.ciio","handler.ciio"]"#), "unknown[1]: \"handler.ciio\" is listed twice");
    bad(&base.replace("U", r#"["handler.colour"]"#), "unknown[0]: expected a question id");
    bad(&base.replace("U", r#"["bj-2025.auto.4"]"#), "unknown[0]: expected a question id");
    let nine = r#"["handler.in_zone","handler.ciio","notified_important_data","flags.national_core_data","flags.export_control","a","b","c","d"]"#;
    bad(&base.replace("U", nine), "unknown[5]: expected a question id");
    let items = |n: usize| format!(r#"{{"schema":1,"list":"bj-2025","sector":"auto","handler":{{"in_zone":true,"ciio":false}},"unknown":[{}]}}"#, (1..=n).map(|i| format!("\"bj-2025.auto.{i}\"")).collect::<Vec<_>>().join(","));
    bad(&items(9), "unknown[8]: expected at most 8 unknown questions");
    let out = xborder(&["check", "-", "--format", "json"], &items(8));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

const ASSESSMENT: &str = r#"{"schema":1,"list":null,"sector":null,"handler":{"in_zone":false,"ciio":false},"personal_information":[{"scenario":null,"group":null,"persons":1000000,"sensitive_persons":0,"basis":null}]}"#;

#[test]
fn check_materials_prints_the_checklists_as_markdown() {
    let out = xborder(&["check", "-", "--format", "materials"], ASSESSMENT);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# 材料清单 · Materials checklist\n"), "{text}");
    assert!(text.contains("## 数据出境安全评估申报材料清单\n\nSecurity assessment declaration: materials checklist\n"), "{text}");
    assert!(text.contains("依据：《数据出境安全评估办法》第六条\\\nCitation: Measures for the Security Assessment of Outbound Data Transfers (CAC Order No. 11, 2022), 第六条\n"), "{text}");
    assert!(text.contains("（摘要）（原文未经核实）\\\n(Summary) (wording not checked against the official text)\n"), "{text}");
    // Four materials, each a check box: the Chinese line, then the English.
    let boxes: Vec<&str> = text.lines().filter(|l| l.starts_with("- [ ] ")).collect();
    assert_eq!(boxes.len(), 4, "{text}");
    assert_eq!(boxes[0], "- [ ] 数据出境安全评估申报书。\\");
    assert!(text.contains("- [ ] 数据出境风险自评估报告。\\\n  Your own report assessing the risks"), "{text}");
    assert!(text.contains("> 注意：申报材料的名称、格式和份数以所在地省级网信部门适用的《数据出境安全评估申报指南》现行版本为准"), "{text}");
    assert!(text.contains("> Note: The current edition of the CAC's declaration guide"), "{text}");
    assert!(!text.contains("标准合同备案材料清单"), "no contract checklist for an assessment");

    // Contract band: the filing and the certification checklists; an important-data case: no certification.
    let contract = ASSESSMENT.replace("1000000", "200000");
    let text = String::from_utf8(xborder(&["check", "-", "--format", "materials"], &contract).stdout).unwrap();
    assert!(text.contains("## 个人信息出境标准合同备案材料清单") && text.contains("## 个人信息保护认证申请材料清单"), "{text}");
    let notified = contract.replace(r#""handler""#, r#""notified_important_data":true,"handler""#);
    let text = String::from_utf8(xborder(&["check", "-", "--format", "materials"], &notified).stdout).unwrap();
    assert!(text.contains("## 个人信息出境标准合同备案材料清单") && !text.contains("认证申请材料清单"), "{text}");

    // Chongqing under its list: the report's six materials and their form.
    let text = String::from_utf8(xborder(&["check", "-", "--format", "materials"], GOOD).stdout).unwrap();
    assert!(text.contains("## 向所属自贸板块报告数据出境情况的材料清单"), "{text}");
    assert!(text.contains("- [ ] 以上材料以中文填写、加盖公章，纸质版和电子版一并报送。\\\n  All of the above in Chinese"), "{text}");
    assert!(text.contains("第三方英文摘要"), "{text}");

    // Exempt: no checklist, said in words; the JSON verdict has no `materials` then.
    let exempt = ASSESSMENT.replace("1000000", "99999");
    let out = xborder(&["check", "-", "--format", "materials"], &exempt);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("No materials checklist applies to this verdict.") && !text.contains("- [ ]"), "{text}");
    let v: serde_json::Value = serde_json::from_slice(&xborder(&["check", "-", "--format", "json"], &exempt).stdout).unwrap();
    assert!(v.get("materials").is_none(), "no empty `materials` in the JSON");
    let v: serde_json::Value = serde_json::from_slice(&xborder(&["check", "-", "--format", "json"], ASSESSMENT).stdout).unwrap();
    assert_eq!(v["materials"], serde_json::json!(["national.materials-assessment"]));

    // Bad input: exit 2, one line naming the field, nothing on stdout.
    let out = xborder(&["check", "-", "--format", "materials"], &ASSESSMENT.replace("1000000", "-1"));
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8(out.stderr).unwrap().starts_with("xborder: personal_information[0].persons"));
    let out = xborder(&["check", "-", "--format", "checklist"], ASSESSMENT);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("expected text, json, ics or materials"));
}

#[test]
fn rules_list_carries_each_documents_materials() {
    let out = xborder(&["rules", "list", "--format", "json"], "");
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = c["documents"].as_array().unwrap();
    let national = docs.iter().find(|d| d["id"] == "national").expect("the baseline");
    let ids: Vec<&str> = national["materials"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["national.materials-assessment", "national.materials-scc-filing", "national.materials-certification"]);
    let a = &national["materials"][0];
    assert_eq!(a["when"], "security_assessment");
    assert_eq!(a["citation"]["document"], "数据出境安全评估办法");
    assert_eq!((a["summary"].as_bool(), a["confirmed"].as_bool()), (Some(true), Some(false)));
    assert_eq!(a["items"].as_array().unwrap().len(), 4);
    let cq = docs.iter().find(|d| d["id"] == "cq-guide").expect("the Chongqing guide");
    assert_eq!(cq["materials"][0]["id"], "cq-guide.materials-report");
    assert_eq!(cq["materials"][0]["when"], "list_applies");
    assert_eq!(cq["materials"][0]["citation"]["document"], "数据出境负面清单实施指南（试行）");
    assert!(docs.iter().all(|d| d["materials"].is_array()));
}

#[test]
fn an_unknown_option_exits_2_naming_it() {
    for args in [&["check", "-", "--frobnicate"][..], &["--frobnicate"], &["rules", "lint", "--frobnicate"]] {
        // No input on stdin: a usage error exits before reading it, and the pipe would be closed.
        let out = xborder(args, "");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
        assert!(err.contains("--frobnicate") && !err.contains("panicked"), "{args:?}: {err}");
    }
    // A stray word is no command either.
    let out = xborder(&["check", "-", "extra"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty() && String::from_utf8(out.stderr).unwrap().contains("extra"));
}

#[test]
fn an_unknown_format_exits_2_naming_the_value() {
    let out = xborder(&["check", "-", "--format", "yaml"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "xborder: --format: expected text, json, ics or materials, found \"yaml\"\n");
    let out = xborder(&["rules", "list", "--format", "csv"], "");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "xborder: --format: expected json or text, found \"csv\"\n");
    let out = xborder(&["check", "-", "--format"], "");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "xborder: --format needs a value\n");
    // The input piped in is still read to its end: the writer never meets a closed pipe
    // (the helper's `write_all` would fail), even when it is more than a pipe holds.
    let out = xborder(&["check", "-", "--format", "yaml"], &" ".repeat(1 << 20));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_and_version_exit_0_and_no_arguments_exits_2() {
    for args in [&["check", "--help"][..], &["check", "-h"], &["--help"], &["-h"], &["rules", "list", "--help"], &["link", "--help"]] {
        let out = xborder(args, "");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Usage:"), "{args:?}: {text}");
    }
    let text = String::from_utf8(xborder(&["check", "--help"], "").stdout).unwrap();
    assert!(text.contains("--format") && text.contains("materials"), "{text}");
    let text = String::from_utf8(xborder(&["--help"], "").stdout).unwrap();
    assert!(["check", "rules", "link", "Exit status"].iter().all(|w| text.contains(w)), "{text}");
    // Each command is described by its own words, on its own line (a doc comment once ran
    // `rules`' description into `compare`'s and left `rules` without one).
    for (command, words) in [("compare", "every regime"), ("rules", "The rules data"), ("register", "year-to-date")] {
        let line = text.lines().find(|l| l.trim_start().starts_with(command)).unwrap_or_else(|| panic!("{command}: {text}"));
        assert!(line.contains(words), "{command}: {line}");
    }
    assert!(!text.lines().find(|l| l.trim_start().starts_with("compare")).unwrap().contains("catalogue"), "{text}");
    let text = String::from_utf8(xborder(&["compare", "--help"], "").stdout).unwrap();
    assert!(text.contains("The scenario (JSON)") && text.contains("The comparison as JSON") && !text.contains("catalogue"), "{text}");
    // `--version` is the binary's and the rules' versions.
    let c: serde_json::Value = serde_json::from_slice(&xborder(&["rules", "list", "--format", "json"], "").stdout).unwrap();
    let want = format!("xborder {} (rules {})\n", env!("CARGO_PKG_VERSION"), c["rules_version"].as_str().unwrap());
    for flag in ["--version", "-V"] {
        let out = xborder(&[flag], "");
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(String::from_utf8(out.stdout).unwrap(), want);
    }
    // No arguments, or a command group without its command: the usage, and 2.
    for args in [&[][..], &["rules"]] {
        let out = xborder(args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8(out.stderr).unwrap().contains("Usage:"), "{args:?}");
    }
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::io::Read;
    // The catalogue is far more than a pipe holds, so the writer meets the closed end.
    let mut child = Command::new(env!("CARGO_BIN_EXE_xborder"))
        .args(["rules", "list", "--format", "json"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut head = [0u8; 16];
    stdout.read_exact(&mut head).unwrap();
    assert!(head.starts_with(b"{"));
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_ne!(out.status.code(), Some(101), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "nothing on stderr: {err}");
    assert!(out.status.success(), "{:?}", out.status);
}

#[test]
fn rules_lint_dir_counts_what_it_read() {
    // The list items per list, as built in.
    let c: serde_json::Value = serde_json::from_slice(&xborder(&["rules", "list", "--format", "json"], "").stdout).unwrap();
    let items = |l: &serde_json::Value| l["sectors"].as_array().unwrap().iter().map(|s| s["items"].as_array().unwrap().len()).sum::<usize>();
    let lists = c["lists"].as_array().unwrap();
    let total: usize = lists.iter().map(items).sum();
    let bj = items(lists.iter().find(|l| l["id"] == "bj-2025").expect("the Beijing list"));
    assert!(bj > 0 && bj < total);

    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules");
    let dir = std::env::temp_dir().join(format!("xborder-lint-dir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = 0;
    for f in std::fs::read_dir(root).unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
            files += 1;
        }
    }
    let d = dir.to_str().unwrap();
    let line = |args: &[&str]| {
        let out = xborder(args, "");
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(0), "{text}{}", String::from_utf8_lossy(&out.stderr));
        text
    };
    // Without --dir: the rules built in, the line as it always was.
    assert!(line(&["rules", "lint"]).starts_with(&format!("rules lint: {files} files, {total} list items: no problems (")));
    assert!(line(&["rules", "lint", "--dir", d]).starts_with(&format!("rules lint: {d}: {files} files, {total} list items: no problems (")));
    // One list fewer: fewer files and fewer items, counted from what is in DIR.
    std::fs::remove_file(dir.join("beijing-two-zones-negative-list-2025.toml")).unwrap();
    let text = line(&["rules", "lint", "--dir", d]);
    assert!(text.starts_with(&format!("rules lint: {d}: {} files, {} list items: no problems (", files - 1, total - bj)), "{text}");
    // A problem names its file, the line of its item's table, the item and what is wrong.
    let cq = dir.join("chongqing-ftz-negative-list-2025.toml");
    let src = std::fs::read_to_string(&cq).unwrap();
    let at = src.find("title_en = ").unwrap();
    let end = at + src[at..].find('\n').unwrap();
    std::fs::write(&cq, format!("{}title_en = \"\"{}", &src[..at], &src[end..])).unwrap();
    let out = xborder(&["rules", "lint", "--dir", d], "");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let want = src[..at].lines().count();
    assert!(text.lines().any(|l| l.starts_with(&format!("{}:", cq.display())) && l.contains(": `title_en` is missing or empty; hint: give `title_en` its English text") && l[cq.display().to_string().len() + 1..].split(':').next().and_then(|n| n.parse::<usize>().ok()).is_some_and(|n| n <= want + 1 && n + 12 >= want)), "a line near {want}:\n{text}");
    std::fs::write(&cq, src).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    // A folder that cannot be read: 2, naming it.
    let out = xborder(&["rules", "lint", "--dir", d], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().starts_with(&format!("xborder: --dir {d}: cannot read: ")));
}

#[test]
fn the_matter_is_printed_kept_in_the_link_and_checked() {
    let s = r#"{"schema":1,"handler":{"in_zone":false,"ciio":false},"matter":{"name":"CRM 客户数据","recipient":"Acme GmbH","date":"2026-12-02"}}"#;
    let text = String::from_utf8(xborder(&["check", "-"], s).stdout).unwrap();
    assert!(text.contains("事项 Matter: CRM 客户数据\n接收方 Recipient: Acme GmbH\n日期 Date: 2026-12-02\n"), "{text}");
    let url = String::from_utf8(xborder(&["link", "-"], s).stdout).unwrap();
    let back: serde_json::Value = serde_json::from_slice(&xborder(&["link", "--decode", url.trim()], "").stdout).unwrap();
    assert_eq!(back["matter"], serde_json::json!({"name": "CRM 客户数据", "recipient": "Acme GmbH", "date": "2026-12-02"}));
    bad(&s.replace("2026-12-02", "2026-13-02"), "matter.date: expected a date YYYY-MM-DD");
    bad(&s.replace("Acme GmbH", &"x".repeat(201)), "matter.recipient: expected at most 200 characters");
    bad(&s.replace(r#""name""#, r#""client""#), "matter");
}

fn verdict_of(out: &Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn rules_as_of_a_date_default_to_the_day_of_evaluation() {
    let v = verdict_of(&xborder(&["check", "-", "--format", "json"], GOOD));
    assert_eq!(v["as_of"], TODAY);
    let ids: Vec<&str> = v["editions"].as_array().unwrap().iter().map(|e| e["document"].as_str().unwrap()).collect();
    assert_eq!(ids, ["national", "cq-2025", "cq-measures", "cq-guide"]);
    let cq = &v["editions"][1];
    assert_eq!((cq["in_force"].as_str(), cq["until"].as_str()), (Some("2025-09-05"), Some("2027-09-04")));
    assert!(v["editions"][0]["until"].is_null());
    // Unset, the local date: the day `date` says, before or after the run.
    let before = String::from_utf8(Command::new("date").arg("+%F").output().unwrap().stdout).unwrap();
    let v = verdict_of(&xborder_on(None, &["check", "-", "--format", "json"], GOOD));
    let after = String::from_utf8(Command::new("date").arg("+%F").output().unwrap().stdout).unwrap();
    let got = v["as_of"].as_str().unwrap();
    assert!(got == before.trim() || got == after.trim(), "{got} vs {before} / {after}");
    // A bad XBORDER_TODAY is an error naming it, never ignored.
    let out = xborder_on(Some("2026-13-01"), &["check", "-"], GOOD);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().starts_with("xborder: XBORDER_TODAY: expected a date"));
}

#[test]
fn a_day_no_edition_covers_exits_2_naming_as_of() {
    let with = |day: &str| GOOD.replacen("{\"schema\":1,", &format!("{{\"schema\":1,\"as_of\":\"{day}\","), 1);
    let out = xborder(&["check", "-"], &with("2024-03-21"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("xborder: as_of: expected a day from 2024-03-22 on") && err.contains("found 2024-03-21"), "{err}");
    assert!(out.stdout.is_empty());
    let out = xborder(&["check", "-"], &with("2025-09-04"));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("cq-2025") && err.contains("comes into force on 2025-09-05"), "{err}");
    assert_eq!(verdict_of(&xborder(&["check", "-", "--format", "json"], &with("2025-09-05")))["as_of"], "2025-09-05");
    let out = xborder(&["check", "-"], &with("2025-02-30"));
    assert!(String::from_utf8(out.stderr).unwrap().starts_with("xborder: as_of: expected a date YYYY-MM-DD"));
    // Today past the end of an edition: the message says it is today's date that fails.
    let out = xborder_on(Some("2027-09-05"), &["check", "-"], GOOD);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("expected a day up to 2027-09-04") && err.contains("today is 2027-09-05"), "{err}");
    // The national rules alone are not bound by a zone's edition.
    let national = r#"{"schema":1,"handler":{"in_zone":false,"ciio":false},"personal_information":[{"persons":200000,"sensitive_persons":0}]}"#;
    assert_eq!(verdict_of(&xborder_on(Some("2027-09-05"), &["check", "-", "--format", "json"], national))["outcome"], "standard_contract_or_certification");
}

#[test]
fn permalinks_carry_as_of_when_set() {
    let plain = String::from_utf8(xborder(&["link", "-"], GOOD).stdout).unwrap();
    assert!(!plain.contains("~a"), "{plain}");
    let dated = GOOD.replacen("{\"schema\":1,", "{\"schema\":1,\"as_of\":\"2026-06-30\",", 1);
    let link = String::from_utf8(xborder(&["link", "-"], &dated).stdout).unwrap();
    assert!(link.contains("~a"), "{link}");
    let back: serde_json::Value = serde_json::from_slice(&xborder(&["link", "--decode", link.trim()], "").stdout).unwrap();
    assert_eq!(back["as_of"], "2026-06-30");
    // The text report says the day and the editions.
    let text = String::from_utf8(xborder(&["check", "-"], &dated).stdout).unwrap();
    assert!(text.contains("规则日期 Rules as of: 2026-06-30") && text.contains("2025-09-05 – 2027-09-04"), "{text}");
}
