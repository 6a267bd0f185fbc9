//! Unknown answers and conditional verdicts (contract: "Unknown answers and conditional
//! verdicts"). A scenario names the questions it cannot answer yet; every combination of answers
//! is evaluated (at most 2^8), the questions whose answer changes the outcome or the set of
//! pathways are the verdict's `depends_on`, with one branch per combination of them, and the rest
//! of the verdict is the strictest branch's (`national_core_data` > `security_assessment` >
//! `standard_contract_or_certification` > `exempt`; among equals, more pathways; then the first).
use crate::catalogue::Pathway;
use crate::scenario::{InputError, Question, Scenario};
use crate::text::clip;
use crate::verdict::{Branch, Verdict, Warning};

/// Evaluates a scenario, its unknown questions included.
pub fn evaluate(s: &Scenario) -> Result<Verdict, InputError> {
    let r = s.resolve()?;
    if r.unknown.is_empty() {
        return Ok(crate::evaluate::resolved(&r));
    }
    let qs = r.unknown.clone();
    let n = qs.len();
    let mut runs = Vec::with_capacity(1 << n);
    for mask in 0..(1u32 << n) {
        runs.push(crate::evaluate::resolved(&assume(s, &qs, mask).resolve()?));
    }
    let key = |v: &Verdict| {
        let mut codes: Vec<&str> = v.pathways.iter().map(|p| p.pathway.code()).collect();
        codes.sort_unstable();
        (v.outcome, codes)
    };
    let keys: Vec<_> = runs.iter().map(key).collect();
    let depends: Vec<usize> = (0..n).filter(|&i| (0..runs.len()).any(|m| keys[m] != keys[m ^ (1 << i)])).collect();
    // Yes first: the first branch assumes "yes" to every question it depends on.
    let masks: Vec<u32> = (0..(1u32 << depends.len()))
        .map(|b| depends.iter().enumerate().filter(|(j, _)| b & (1 << (depends.len() - 1 - j)) == 0).map(|(_, &i)| 1 << i).sum())
        .collect();
    let best = (0..runs.len()).fold(0, |best, m| if strictness(&runs[m]) > strictness(&runs[best]) { m } else { best });
    let mut v = runs[best].clone();
    v.decided = depends.is_empty();
    v.depends_on = depends.iter().map(|&i| qs[i].id().to_string()).collect();
    // Numbered once, then named by number: "(1) yes, (2) no → …".
    let pos = |i: usize| depends.iter().position(|&d| d == i).map_or(0, |p| p + 1);
    let combo = |m: u32, zh: bool| {
        depends
            .iter()
            .map(|&i| format!("（{}）{}", pos(i), if m & (1 << i) != 0 { if zh { "是" } else { "yes" } } else if zh { "否" } else { "no" }))
            .map(|s| if zh { s } else { s.replace('（', "(").replace('）', ") ") })
            .collect::<Vec<_>>()
            .join(if zh { "，" } else { ", " })
    };
    if v.decided {
        v.branches = Vec::new();
        v.trace.push(format!("Open questions ({}): every answer gives this outcome and these pathways.", (0..n).map(|i| name(qs[i], false)).collect::<Vec<_>>().join("; ")));
        v.trace_zh.push(format!("尚未回答的问题（{}）：无论如何回答，结论和路径都相同。", (0..n).map(|i| name(qs[i], true)).collect::<Vec<_>>().join("；")));
    } else {
        v.branches = masks
            .iter()
            .map(|&m| Branch {
                assume: depends.iter().map(|&i| (qs[i].id().to_string(), m & (1 << i) != 0)).collect(),
                outcome: runs[m as usize].outcome,
                pathways: runs[m as usize].pathways.iter().map(|p| p.pathway).collect(),
            })
            .collect();
        let open_zh = depends.iter().map(|&i| format!("（{}）{}", pos(i), name(qs[i], true))).collect::<Vec<_>>().join("；");
        let open_en = depends.iter().map(|&i| format!("({}) {}", pos(i), name(qs[i], false))).collect::<Vec<_>>().join("; ");
        let each_zh: Vec<String> = v.branches.iter().zip(&masks).map(|(b, &m)| format!("{}→{}", combo(m, true), b.outcome.name_zh())).collect();
        let each_en: Vec<String> = v.branches.iter().zip(&masks).map(|(b, &m)| format!("{} → {}", combo(m, false), b.outcome.name_en())).collect();
        let w = Warning {
            id: "depends-on-answers".into(),
            text_zh: format!("结论取决于尚未回答的问题：{open_zh}。{}。下文按最严格的情形（{}）列出；回答这些问题后结论才确定。", each_zh.join("；"), combo(best as u32, true)),
            text_en: format!("The verdict depends on questions not yet answered: {open_en}. {}. Shown below is the strictest case ({}); answer them to settle it.", each_en.join("; "), combo(best as u32, false).trim_end()),
        };
        v.trace.push(w.text_en.clone());
        v.trace_zh.push(w.text_zh.clone());
        v.warnings.insert(0, w);
    }
    Ok(v)
}

/// The scenario with each question answered: bit i of `mask` set means "yes" to `qs[i]`.
fn assume(s: &Scenario, qs: &[Question], mask: u32) -> Scenario {
    let mut c = s.clone();
    c.unknown.clear();
    for (i, q) in qs.iter().enumerate() {
        let yes = mask & (1 << i) != 0;
        match *q {
            Question::InZone => c.handler.in_zone = yes,
            Question::Ciio => c.handler.ciio = yes,
            Question::Notified => c.notified_important_data = yes,
            Question::CoreData => c.flags.national_core_data = yes,
            Question::ExportControl => c.flags.export_control = yes,
            Question::Item(item) => set(&mut c.important_data, item.id, yes),
            Question::Exception(e) => set(&mut c.item_exceptions, e.id, yes),
        }
    }
    c
}

fn set(ids: &mut Vec<String>, id: &str, yes: bool) {
    ids.retain(|x| x != id);
    if yes {
        ids.push(id.to_string());
    }
}

/// How strict a verdict is, for choosing the branch shown.
fn strictness(v: &Verdict) -> (u8, usize) {
    let rank = match v.outcome {
        Pathway::NationalCoreData => 3,
        Pathway::SecurityAssessment => 2,
        Pathway::StandardContractOrCertification => 1,
        _ => 0,
    };
    (rank, v.pathways.len())
}

/// A question by its contract id, in a few words (the id itself if the catalogue lacks it).
pub fn describe(id: &str, zh: bool) -> String {
    let q = Question::FIXED.into_iter().find(|q| q.id() == id).or_else(|| {
        crate::catalogue::lists().flat_map(|l| l.sectors.iter()).find_map(|s| match s.item(id) {
            Some(i) => Some(Question::Item(i)),
            None => s.exception(id).map(|(e, _)| Question::Exception(e)),
        })
    });
    q.map_or_else(|| id.to_string(), |q| name(q, zh))
}

/// A question in a few words.
pub fn name(q: Question, zh: bool) -> String {
    let t = |a: &str, b: &str| if zh { a.to_string() } else { b.to_string() };
    match q {
        Question::InZone => t("是否在该自由贸易试验区内登记注册或经营", "whether the handler is registered or operating in the zone"),
        Question::Ciio => t("是否为关键信息基础设施运营者", "whether the handler is a critical information infrastructure operator"),
        Question::Notified => t("数据是否已被告知或公开发布为重要数据", "whether the data has been notified or published as important data"),
        Question::CoreData => t("是否涉及国家核心数据", "whether national core data is involved"),
        Question::ExportControl => t("是否涉及出口管制物项的技术资料或技术出口", "whether export-controlled technical material or a technology export is involved"),
        Question::Item(i) if zh => format!("数据是否包含{}", i.label_zh()),
        Question::Item(i) => format!("whether the data contains item {} ({})", i.number, i.title_en),
        Question::Exception(e) if zh => format!("“{}”是否成立", clip(if e.question_zh.is_empty() { e.text_zh } else { e.question_zh }, 40)),
        Question::Exception(e) => format!("whether \"{}\" holds", clip(e.text_en, 80)),
    }
}
