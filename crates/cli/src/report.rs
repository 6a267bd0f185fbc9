//! The readable bilingual report `xborder check` prints by default.
use std::fmt::Write;
use xborder_core::catalogue;
use xborder_core::verdict::{Citation, Due, Verdict};
use xborder_core::Scenario;

fn cite(c: &Citation) -> String {
    let mut s = format!("《{}》{}", c.document, c.section);
    if !c.item.is_empty() {
        s.push(' ');
        s.push_str(c.item);
    }
    s
}

fn indent(out: &mut String, pad: &str, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "{pad}{line}");
    }
}

/// The verdict as text for a terminal: outcome first, then why.
pub fn render(s: &Scenario, v: &Verdict) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "xborder · rules {}", v.rules_version);
    let _ = writeln!(o);
    if !s.matter.is_empty() {
        const LABELS: [&str; 6] = ["事项 Matter", "接收方 Recipient", "国家或地区 Country", "目的 Purpose", "填写人 Prepared by", "日期 Date"];
        for (label, value) in LABELS.iter().zip(s.matter.fields()).filter(|(_, v)| !v.is_empty()) {
            let _ = writeln!(o, "{label}: {value}");
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "结论 Outcome: {} — {}", v.headline_zh(), v.headline_en());
    let _ = writeln!(o, "依据 Decided by: {} / {}", v.decided_by.reason_zh, v.decided_by.reason_en);
    let _ = writeln!(o, "规则日期 Rules as of: {}", v.as_of);
    for e in &v.editions {
        let d = e.0;
        let until = d.until.map(|u| format!(" – {u}")).unwrap_or_else(|| " –".into());
        let _ = writeln!(o, "  《{}》 {}{until}", d.title_zh, d.in_force);
        if !d.dates_reading_zh.is_empty() {
            indent(&mut o, "      ", d.dates_reading_zh);
            indent(&mut o, "      ", d.dates_reading_en);
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "路径 Pathways");
    for p in &v.pathways {
        let _ = writeln!(o, "  • {} ({}) — {}", p.pathway.name_en(), p.pathway.code(), p.because.join(", "));
    }
    if !v.findings.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "认定 Findings");
        for (i, f) in v.findings.iter().enumerate() {
            let _ = writeln!(o, "  [{}] {} → {}", i + 1, f.rule, f.pathway.code());
            let _ = writeln!(o, "      {}", cite(&f.citation));
            indent(&mut o, "      ", &f.reason_zh);
            indent(&mut o, "      ", &f.reason_en);
            let _ = writeln!(o, "      原文 Source: {}", f.source_zh);
        }
    }
    if !v.cleared.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "未触发 Not triggered");
        for f in &v.cleared {
            let _ = writeln!(o, "  – {} ({})", f.rule, cite(&f.citation));
            indent(&mut o, "      ", &f.reason_zh);
            indent(&mut o, "      ", &f.reason_en);
        }
    }
    if !v.obligations.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "义务 Obligations");
        for ob in &v.obligations {
            let _ = writeln!(o, "  [ ] {}", ob.text_en);
            indent(&mut o, "      ", &ob.text_zh);
            let _ = writeln!(o, "      {}", cite(&ob.citation));
            if let Some(d) = &ob.deadline {
                let when = match d.due {
                    Due::On(day) => day.to_string(),
                    Due::Window(w) => format!("{} – {}", w.from, w.until),
                    Due::Unknown(_) => "—".to_string(),
                };
                let _ = writeln!(o, "      期限 Due: {when} · {} / {}", d.label_zh, d.label_en);
                indent(&mut o, "        ", &d.basis_zh);
                indent(&mut o, "        ", &d.basis_en);
                if let Due::Unknown(why) = d.due {
                    indent(&mut o, "        ", &why.zh());
                    indent(&mut o, "        ", &why.en());
                }
            }
            if let Some(c) = &ob.conditions {
                let _ = writeln!(o, "      条件 Conditions ({}):", c.result.code());
                for item in &c.items {
                    let mark = match item.answer {
                        Some(true) => "yes",
                        Some(false) => "NO ",
                        None => " ? ",
                    };
                    let _ = writeln!(o, "        [{mark}] {} / {}", item.text_zh, item.text_en);
                }
                if !c.text_en.is_empty() {
                    indent(&mut o, "        ", c.text_zh);
                    indent(&mut o, "        ", c.text_en);
                }
            }
        }
    }
    if !v.warnings.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "提示 Warnings");
        for w in &v.warnings {
            let _ = writeln!(o, "  ! {}", w.text_en);
            indent(&mut o, "    ", &w.text_zh);
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "推理 Trace");
    for (i, (en, zh)) in v.trace.iter().zip(&v.trace_zh).enumerate() {
        let _ = writeln!(o, "  {:>2}. {en}", i + 1);
        let _ = writeln!(o, "      {zh}");
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "以中文原文为准。The Chinese originals control; English is ours, for understanding.");
    o
}

/// The catalogue as an outline.
pub fn catalogue_text() -> String {
    let mut o = String::new();
    let _ = writeln!(o, "rules {}", catalogue::RULES_VERSION);
    for l in catalogue::lists() {
        let _ = writeln!(o, "\n{} — {} ({})", l.id, l.title_zh, l.title_en);
        for s in l.sectors {
            let _ = writeln!(o, "  {} {} {} — {} items", s.id, s.number, s.name_zh, s.items.len());
            for i in s.items {
                let _ = writeln!(o, "    {:<24} {:<36} {}", i.id, i.pathway.code(), i.title_en);
            }
        }
    }
    o
}

/// The bilingual text of `xborder compare`: each column (regime, whether the handler may use it
/// and why, outcome and deciding items, questions), then what differs from the reference.
pub fn compare_text(c: &xborder_core::Comparison) -> String {
    use xborder_core::compare::Regime;
    let mut out = String::new();
    let _ = writeln!(out, "比较 / Compare (rules {})\n", c.rules_version);
    for (n, col) in c.columns.iter().enumerate() {
        let (zh, en) = match (col.regime, col.list.and_then(catalogue::list)) {
            (Regime::List, Some(l)) => (l.title_zh.to_string(), l.title_en.to_string()),
            _ => ("国家规定".to_string(), "National rules".to_string()),
        };
        let _ = writeln!(out, "{}. {zh}\n   {en}{}", n + 1, col.sector.map(|s| format!(" [sector {s}]")).unwrap_or_default());
        let _ = writeln!(out, "   {}", if col.available { "可用 / available" } else { "不可用 / not available" });
        let _ = writeln!(out, "   {}\n   {}", col.why_zh, col.why_en);
        let v = &col.verdict;
        let _ = writeln!(out, "   结论 / Outcome: {} / {}", v.outcome.name_zh(), v.outcome.name_en());
        for p in &v.pathways {
            let _ = writeln!(out, "     - {}: {}", p.pathway.code(), if p.because.is_empty() { "—".to_string() } else { p.because.join(", ") });
        }
        for q in &col.questions {
            let _ = writeln!(out, "   ? {}\n     {}\n     → {} / {}", q.text_zh, q.text_en, q.assumed_zh, q.assumed_en);
        }
        for s in &col.translation {
            let to = if s.to.is_empty() { "—".to_string() } else { s.to.join(", ") };
            let _ = writeln!(out, "   ~ {} {} → {to}\n     {}\n     {}", s.term, s.from, s.reason_zh, s.reason_en);
        }
        if let Some(d) = &col.differences {
            let _ = writeln!(out, "   ≠ {}\n     {}", d.summary_zh, d.summary_en);
            if !d.obligations_added.is_empty() || !d.obligations_removed.is_empty() {
                let _ = writeln!(out, "     义务 / obligations: + {} ; − {}", d.obligations_added.join(", "), d.obligations_removed.join(", "));
            }
        }
        out.push('\n');
    }
    out
}
