//! The engine's phrases: the bilingual pieces (`crate::say`) puts the evaluation's findings,
//! steps and warnings in words with — article lists, item numbers, scopes, groups, measures and
//! notes as shown. No decision is taken here.
use crate::catalogue::{self, DocKind, Document, Item, Measure, Note, Sector};

/// The situations an item leaves out, in words: "《规定》第三条、…规定情形，以及行业标准…情形".
pub(crate) fn articles(item_nc: &[catalogue::Article]) -> (String, String) {
    use catalogue::Article::IndustryStandard;
    let national: Vec<&catalogue::Article> = item_nc.iter().filter(|a| **a != IndustryStandard).collect();
    let mut zh = if national.is_empty() { String::new() } else { format!("《规定》{}规定情形", national.iter().map(|a| a.zh()).collect::<Vec<_>>().join("、")) };
    let mut en = if national.is_empty() { String::new() } else { format!("the situations of Provisions {}", national.iter().map(|a| a.en()).collect::<Vec<_>>().join(", ")) };
    if item_nc.contains(&IndustryStandard) {
        zh.push_str(if zh.is_empty() { "" } else { "，以及" });
        zh.push_str(IndustryStandard.zh());
        en.push_str(if en.is_empty() { "" } else { ", and " });
        en.push_str(IndustryStandard.en());
    }
    (zh, en)
}

/// Several items by number: "第10、13项".
pub(crate) fn items_zh(sector: &Sector, n: &[u32]) -> String {
    if n.iter().all(|x| sector.item_by_number(*x).is_none_or(|i| i.printed_number)) {
        format!("第{}项", join_nums(n, "、"))
    } else {
        n.iter().filter_map(|x| sector.item_by_number(*x)).map(Item::label_zh).collect::<Vec<_>>().join("、")
    }
}

pub(crate) fn items_en(n: &[u32]) -> String {
    if n.len() == 1 {
        format!("item {}", n[0])
    } else {
        format!("items {}", join_nums(n, ", "))
    }
}

/// What exempts data outside a list: the zone's measures where they say it (Chongqing
/// measures Art. 10), and Provisions Art. 6.
pub(crate) fn off_list(doc: &Document) -> (String, String) {
    let measures = catalogue::documents().iter().find(|d| d.kind == DocKind::Measures && d.governs == Some(doc.id));
    match measures.and_then(|m| m.definitions.iter().find(|d| d.id.ends_with(".art10")).map(|d| (m, d))) {
        Some((m, d)) => (
            format!("《{}》{}；《规定》第六条", m.title_zh, d.citation.item),
            format!("{} {}; Provisions Art. 6", m.title_en, art_en(d.citation.item)),
        ),
        None => ("《规定》第六条".into(), "Provisions Art. 6".into()),
    }
}

/// "第十条" → "Art. 10" for the few article numbers we cite in English.
pub(crate) fn art_en(zh: &str) -> String {
    const N: [&str; 24] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三"];
    let inner = zh.trim_start_matches('第').trim_end_matches('条');
    N.iter().position(|x| *x == inner && !x.is_empty()).map(|n| format!("Art. {n}")).unwrap_or_else(|| zh.to_string())
}

pub(crate) fn note_label(n: u32) -> &'static str {
    const LABELS: [&str; 10] = ["注", "注1", "注2", "注3", "注4", "注5", "注6", "注7", "注8", "注9"];
    LABELS.get(n as usize).copied().unwrap_or("注")
}

/// A note's text as shown: a summary is marked as one, unconfirmed wording carries its caveat.
pub(crate) fn note_text(n: &Note) -> crate::say::Words {
    if !n.summary && n.confirmed {
        return (n.text_zh.into(), n.text_en.into());
    }
    let (mut zh, mut en) = (n.text_zh.to_string(), n.text_en.to_string());
    if n.summary {
        zh = format!("（摘要）{zh}");
        en = format!("(Summary) {en}");
    }
    if !n.confirmed {
        zh.push_str("（原文未经核实）");
        en.push_str(" (wording not checked against the official text)");
    }
    (zh.into(), en.into())
}

pub(crate) fn measure_zh(m: Measure) -> &'static str {
    match m {
        Measure::Persons => "个人信息",
        Measure::SensitivePersons => "敏感个人信息",
    }
}

pub(crate) fn measure_word_en(m: Measure) -> &'static str {
    match m {
        Measure::Persons => "persons",
        Measure::SensitivePersons => "sensitive personal information",
    }
}

pub(crate) fn measure_en(m: Measure) -> &'static str {
    match m {
        Measure::Persons => "",
        Measure::SensitivePersons => " (sensitive personal information)",
    }
}

pub(crate) fn group_zh(sector: &Sector, b: &catalogue::Band) -> String {
    let names: Vec<&str> = b.groups.iter().filter_map(|g| sector.group(g)).map(|g| g.name_zh).collect();
    match names.len() {
        0 => String::new(),
        1 => format!("{}的", names[0]),
        _ => format!("{}合计的", names.join("、")),
    }
}

pub(crate) fn group_en(sector: &Sector, b: &catalogue::Band) -> String {
    let names: Vec<&str> = b.groups.iter().filter_map(|g| sector.group(g)).map(|g| g.name_en).collect();
    match names.len() {
        0 => String::new(),
        1 => format!("{}: ", names[0]),
        _ => format!("{} together: ", names.join(" + ")),
    }
}

pub(crate) fn scope_zh(sector: &Sector, item: &Item) -> String {
    use catalogue::ScopeKind::*;
    let names = |ids: &[&str]| ids.iter().filter_map(|i| sector.scenario(i)).map(|s| s.name_zh).collect::<Vec<_>>().join("、");
    match item.scope.kind {
        All => "所有场景".into(),
        Limited => format!("仅限于{}场景", names(item.scope.scenarios)),
        OtherScenarios => format!("除{}涉及场景以外的其他场景", items_zh(sector, item.scope.except_items)),
        AllExcept => format!("所有场景（不计入{}所包含的个人信息）", items_zh(sector, item.scope.except_items)),
    }
}

pub(crate) fn scope_en(sector: &Sector, item: &Item) -> String {
    use catalogue::ScopeKind::*;
    let names = |ids: &[&str]| ids.iter().filter_map(|i| sector.scenario(i)).map(|s| s.name_en).collect::<Vec<_>>().join(", ");
    match item.scope.kind {
        All => "all scenarios".into(),
        Limited => format!("limited to the scenarios {}", names(item.scope.scenarios)),
        OtherScenarios => format!("scenarios other than those of items {}", join_nums(item.scope.except_items, ", ")),
        AllExcept => format!("all scenarios, leaving out what items {} contain", join_nums(item.scope.except_items, ", ")),
    }
}

pub(crate) fn join_nums(n: &[u32], sep: &str) -> String {
    n.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(sep)
}
