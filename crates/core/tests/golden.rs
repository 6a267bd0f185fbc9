//! Golden scenarios: tests/golden/NAME.scenario.json must give what NAME.expect.json says
//! (outcome, pathways in order, the rules found, and rules cleared; optionally warnings and
//! obligations that must be there, ids that must not, the document a finding cites, and text a
//! finding's reasons must hold; the due dates and windows of dated obligations; and the exact
//! list of materials checklists).
use std::path::PathBuf;
use xborder_core::verdict::Due;
use xborder_core::{decide, evaluate, permalink, Scenario};

#[derive(serde::Deserialize)]
struct Expect {
    outcome: String,
    pathways: Vec<String>,
    #[serde(default)]
    findings: Option<Vec<String>>,
    #[serde(default)]
    cleared: Vec<String>,
    /// Rules that must not be in `cleared`.
    #[serde(default)]
    not_cleared: Vec<String>,
    #[serde(default)]
    warnings: Vec<String>,
    /// Obligation ids (prefixes) that must be present.
    #[serde(default)]
    obligations: Vec<String>,
    /// Warning or obligation ids (prefixes) that must not be present.
    #[serde(default)]
    absent: Vec<String>,
    /// rule or obligation id -> a substring of the cited document's Chinese title.
    #[serde(default)]
    cites: std::collections::BTreeMap<String, String>,
    /// Substrings some warning's text (zh or en) must contain.
    #[serde(default)]
    warning_text: Vec<String>,
    /// Substrings some finding's or cleared finding's reason (zh or en) must contain.
    #[serde(default)]
    reason_text: Vec<String>,
    /// Substrings the trace (zh or en) must hold, and must not.
    #[serde(default)]
    trace_text: Vec<String>,
    #[serde(default)]
    trace_absent: Vec<String>,
    /// Substrings the headline (zh or en) must hold.
    #[serde(default)]
    headline_text: Vec<String>,
    /// Obligation id -> its due date "YYYY-MM-DD", or null: dated, but no date can be told (a
    /// year's holiday notice is missing).
    #[serde(default)]
    due: std::collections::BTreeMap<String, Option<String>>,
    /// Obligation id -> the first and last day of its window.
    #[serde(default)]
    window: std::collections::BTreeMap<String, ExpectWindow>,
    /// Substrings some dated obligation's basis or reason for no date (zh or en) must hold.
    #[serde(default)]
    due_text: Vec<String>,
    /// The exact ids of the materials checklists, in order (`[]`: none).
    #[serde(default)]
    materials: Option<Vec<String>>,
    /// Obligation id -> the result of its conditions ("met", "not_met", "open"), or null: not
    /// asked.
    #[serde(default)]
    conditions: std::collections::BTreeMap<String, Option<String>>,
    /// Contract "Unknown answers": `decided` (default true), `depends_on` and `branches` exactly.
    #[serde(default)]
    decided: Option<bool>,
    #[serde(default)]
    depends_on: Vec<String>,
    #[serde(default)]
    branches: Vec<serde_json::Value>,
    /// Contract "Rules as of a date": the verdict's day, and the ids of its editions in order.
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    editions: Option<Vec<String>>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectWindow {
    from: String,
    until: String,
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

#[test]
fn golden_scenarios() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".scenario.json"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "golden scenarios missing");
    let mut failures = Vec::new();
    println!("permalink lengths (characters after '#'):");
    for p in &names {
        let name = p.file_name().unwrap().to_string_lossy().trim_end_matches(".scenario.json").to_string();
        let s: Scenario = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let e: Expect = serde_json::from_str(&std::fs::read_to_string(p.with_file_name(format!("{name}.expect.json"))).unwrap()).unwrap_or_else(|e| panic!("{name}.expect: {e}"));
        let v = evaluate(&s).unwrap_or_else(|e| panic!("{name}: {e}"));
        let got_paths: Vec<&str> = v.pathways.iter().map(|p| p.pathway.code()).collect();
        let got_findings: Vec<&str> = v.findings.iter().map(|f| f.rule.as_str()).collect();
        let got_cleared: Vec<&str> = v.cleared.iter().map(|f| f.rule.as_str()).collect();
        let mut bad = Vec::new();
        if v.outcome.code() != e.outcome {
            bad.push(format!("outcome {} != {}", v.outcome.code(), e.outcome));
        }
        if got_paths != e.pathways {
            bad.push(format!("pathways {got_paths:?} != {:?}", e.pathways));
        }
        // The decision alone (no words) is the verdict's outcome and pathways.
        if s.unknown.is_empty() {
            let (outcome, pathways) = decide(&s).unwrap_or_else(|e| panic!("{name}: {e}"));
            let decided: Vec<&str> = pathways.iter().map(|p| p.code()).collect();
            if outcome != v.outcome || decided != got_paths {
                bad.push(format!("decide gives {} {decided:?}, evaluate {} {got_paths:?}", outcome.code(), v.outcome.code()));
            }
        }
        if let Some(f) = &e.findings {
            if &got_findings != f {
                bad.push(format!("findings {got_findings:?} != {f:?}"));
            }
        }
        for c in &e.cleared {
            if !got_cleared.contains(&c.as_str()) {
                bad.push(format!("{c} not cleared (cleared: {got_cleared:?})"));
            }
        }
        for w in &e.warnings {
            if !v.warnings.iter().any(|x| x.id.starts_with(w.as_str())) {
                bad.push(format!("warning {w} missing"));
            }
        }
        for c in &e.not_cleared {
            if got_cleared.contains(&c.as_str()) {
                bad.push(format!("{c} is cleared but should not be"));
            }
        }
        for o in &e.obligations {
            if !v.obligations.iter().any(|x| x.id.starts_with(o.as_str())) {
                bad.push(format!("obligation {o} missing"));
            }
        }
        for a in &e.absent {
            if v.warnings.iter().any(|x| x.id.starts_with(a.as_str())) || v.obligations.iter().any(|x| x.id.starts_with(a.as_str())) {
                bad.push(format!("{a} present but should be absent"));
            }
        }
        for (rule, doc) in &e.cites {
            let cited = v.findings.iter().chain(&v.cleared).find(|f| &f.rule == rule).map(|f| &f.citation).or_else(|| v.obligations.iter().find(|o| &o.id == rule).map(|o| &o.citation));
            match cited {
                Some(c) if c.document.contains(doc.as_str()) => {}
                Some(c) => bad.push(format!("{rule} cites {} (expected {doc})", c.document)),
                None => bad.push(format!("{rule}: no finding or obligation to check its citation")),
            }
        }
        for w in &e.warning_text {
            if !v.warnings.iter().any(|x| x.text_zh.contains(w.as_str()) || x.text_en.contains(w.as_str())) {
                bad.push(format!("no warning says {w:?}"));
            }
        }
        for r in &e.reason_text {
            if !v.findings.iter().chain(&v.cleared).any(|x| x.reason_zh.contains(r.as_str()) || x.reason_en.contains(r.as_str())) {
                bad.push(format!("no finding says {r:?}"));
            }
        }
        let trace: Vec<&xborder_core::verdict::Text> = v.trace.iter().chain(&v.trace_zh).collect();
        for x in &e.trace_text {
            if !trace.iter().any(|l| l.contains(x.as_str())) {
                bad.push(format!("the trace does not say {x:?}"));
            }
        }
        for x in &e.trace_absent {
            if let Some(l) = trace.iter().find(|l| l.contains(x.as_str())) {
                bad.push(format!("the trace must not say {x:?}: {l}"));
            }
        }
        for x in &e.headline_text {
            if !v.headline_zh().contains(x.as_str()) && !v.headline_en().contains(x.as_str()) {
                bad.push(format!("the headline does not say {x:?}: {}", v.headline_en()));
            }
        }
        let dated = |id: &str| v.obligations.iter().find(|o| o.id == id).map(|o| o.deadline.as_ref().map(|d| d.due));
        for (id, want) in &e.due {
            match (dated(id), want) {
                (None, _) => bad.push(format!("obligation {id} missing (due expected)")),
                (Some(None), _) => bad.push(format!("{id} has no deadline")),
                (Some(Some(Due::On(d))), Some(w)) if &d.to_string() == w => {}
                (Some(Some(Due::Unknown(_))), None) => {}
                (Some(Some(got)), _) => bad.push(format!("{id} due {got:?}, expected {want:?}")),
            }
        }
        for (id, want) in &e.window {
            match dated(id) {
                Some(Some(Due::Window(w))) if w.from.to_string() == want.from && w.until.to_string() == want.until => {}
                got => bad.push(format!("{id} window {got:?}, expected {} to {}", want.from, want.until)),
            }
        }
        for x in &e.due_text {
            let said = v.obligations.iter().filter_map(|o| o.deadline.as_ref()).any(|d| {
                let why = match d.due {
                    Due::Unknown(n) => format!("{} {}", n.zh(), n.en()),
                    _ => String::new(),
                };
                d.basis_zh.contains(x.as_str()) || d.basis_en.contains(x.as_str()) || why.contains(x.as_str())
            });
            if !said {
                bad.push(format!("no dated obligation says {x:?}"));
            }
        }
        if let Some(want) = &e.as_of {
            if &v.as_of.to_string() != want {
                bad.push(format!("as_of {} != {want}", v.as_of));
            }
        }
        if let Some(want) = &e.editions {
            let got: Vec<&str> = v.editions.iter().map(|x| x.0.id).collect();
            if got != *want {
                bad.push(format!("editions {got:?} != {want:?}"));
            }
        }
        if let Some(want) = &e.materials {
            if &v.materials != want {
                bad.push(format!("materials {:?} != {want:?}", v.materials));
            }
        }
        for (id, want) in &e.conditions {
            match v.obligations.iter().find(|o| o.id == *id) {
                None => bad.push(format!("obligation {id} missing (conditions expected)")),
                Some(o) => {
                    let got = o.conditions.as_ref().map(|c| c.result.code().to_string());
                    if &got != want {
                        bad.push(format!("{id} conditions {got:?}, expected {want:?}"));
                    }
                }
            }
        }
        if v.decided != e.decided.unwrap_or(true) {
            bad.push(format!("decided {}, expected {:?}", v.decided, e.decided));
        }
        if v.depends_on != e.depends_on {
            bad.push(format!("depends_on {:?}, expected {:?}", v.depends_on, e.depends_on));
        }
        let branches = serde_json::to_value(&v.branches).unwrap();
        if branches != serde_json::Value::Array(e.branches.clone()) {
            bad.push(format!("branches {branches}, expected {}", serde_json::Value::Array(e.branches.clone())));
        }
        // The permalink carries the whole scenario.
        let frag = permalink::encode(&s);
        let back = permalink::decode(&frag).unwrap();
        if back.scenario != s {
            bad.push(format!("permalink round trip differs: {frag}"));
        }
        println!("  {name:<40} {:>4}  #{frag}", frag.len());
        if frag.len() > 200 {
            bad.push(format!("permalink longer than 200 characters ({})", frag.len()));
        }
        if !bad.is_empty() {
            failures.push(format!("{name}: {}", bad.join("; ")));
        }
    }
    assert!(failures.is_empty(), "golden failures:\n{}", failures.join("\n"));
}
