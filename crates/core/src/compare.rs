//! Compare (contract: "Compare"): the transfer a scenario describes, under every regime the
//! handler may use, side by side. Pure: no I/O.
//!
//! - The national rules always (促进和规范数据跨境流动规定): the scenario with `list` and `sector`
//!   null, and what only a list can name cleared (items, exceptions, scenarios, groups).
//! - The scenario's own list: its verdict is `evaluate(scenario)` (what `xborder check` says).
//! - Every other list: available to a handler in a zone whose measures allow 参照执行 of other
//!   zones' published lists (重庆办法第二十一条; 广东办法第六章附则), or to a handler of that
//!   list's own zone. The scenario's terms are translated through the facts no list owns
//!   (`crate::mapping`); where a term has several counterparts or none, the column asks, and each
//!   candidate is evaluated: the strictest verdict decides until the user answers.
use crate::calendar::Date;
use crate::catalogue::{self, Document, Pathway, Sector};
use crate::mapping::{self, ItemTarget, Link, National};
use crate::scenario::{InputError, Resolved, Scenario};
use crate::verdict::Verdict;
use crate::evaluate;
use serde::Serialize;

/// The comparison schema.
pub const SCHEMA: u32 = 1;

/// Most candidate readings a column evaluates (sector × each row's scenario); beyond it the
/// first reading of each further row is kept and the column says so.
pub const MAX_READINGS: usize = 64;

/// Which rules a column applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// The national rules alone.
    National,
    /// A zone's negative list (with the national rules for what it leaves to them).
    List,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub schema: u32,
    pub rules_version: &'static str,
    pub columns: Vec<Column>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub regime: Regime,
    pub list: Option<&'static str>,
    pub sector: Option<&'static str>,
    pub available: bool,
    pub why_zh: String,
    pub why_en: String,
    pub questions: Vec<ColumnQuestion>,
    pub verdict: Verdict,
    /// Extension: how the scenario's terms became this column's (each with the mapping rows'
    /// reasons), and what could not be carried over.
    pub translation: Vec<Step>,
    /// Extension: what differs from the reference column (the own list's, else the national).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub differences: Option<Differences>,
}

/// A question a column needs answered; until then `assumed_*` says what the verdict assumes.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ColumnQuestion {
    pub id: String,
    pub text_zh: String,
    pub text_en: String,
    pub assumed_zh: String,
    pub assumed_en: String,
}

/// One term translated: from the scenario's words to this column's, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Step {
    /// `sector`, `scenario`, `group`, `item`, `exception`, `answer`.
    pub term: &'static str,
    pub from: String,
    /// The column's terms (empty: none).
    pub to: Vec<String>,
    pub reason_zh: String,
    pub reason_en: String,
}

/// What a column decides differently from the reference column.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Differences {
    /// `national` or the reference list's id.
    pub against: String,
    pub same_outcome: bool,
    pub outcome: Pathway,
    pub against_outcome: Pathway,
    pub pathways_added: Vec<Pathway>,
    pub pathways_removed: Vec<Pathway>,
    /// The rules and items deciding each pathway here, and there.
    pub deciding: Vec<String>,
    pub against_deciding: Vec<String>,
    pub obligations_added: Vec<String>,
    pub obligations_removed: Vec<String>,
    pub summary_zh: String,
    pub summary_en: String,
}

/// Compares the scenario under every regime (contract: "Compare"). Bad input: the same error
/// as `evaluate`, naming the field.
pub fn compare(s: &Scenario) -> Result<Comparison, InputError> {
    compare_on(s, crate::edition::rules_day())
}

/// [`compare`] on `today` (the caller's local date) unless the scenario names its own `as_of`
/// (contract: "Rules as of a date"). A list not in force that day is a column not available,
/// saying when its edition applies.
pub fn compare_on(s: &Scenario, today: Date) -> Result<Comparison, InputError> {
    let r = s.resolve_on(today)?;
    let mut columns = vec![national_column(s, today)?];
    let own = r.list;
    if let Some(list) = own {
        let (available, why_zh, why_en) = availability(&r, list);
        let verdict = evaluate::evaluate_on(s, today)?;
        let questions = s.unknown.iter().map(|id| open(id, s.unknown.len())).collect();
        columns.push(Column { regime: Regime::List, list: Some(list.id), sector: r.sector.map(|x| x.id), available, why_zh, why_en, questions, verdict, translation: Vec::new(), differences: None });
    }
    for list in catalogue::lists().filter(|l| own.is_none_or(|o| o.id != l.id)) {
        columns.push(list_column(s, &r, list, &columns[0].verdict)?);
    }
    let reference = columns.iter().position(|c| c.regime == Regime::List && c.list == own.map(|l| l.id) && c.available).unwrap_or(0);
    let against = columns[reference].clone();
    for (i, c) in columns.iter_mut().enumerate() {
        if i != reference && c.available {
            c.differences = Some(differences(c, &against));
        }
    }
    Ok(Comparison { schema: SCHEMA, rules_version: catalogue::RULES_VERSION, columns })
}

/// Whether a handler may use a list, and why (Chongqing measures 第二十一条 and Guangdong
/// measures 第六章附则: handlers in those zones may refer to other zones' published lists; a list
/// binds only its own zone's handlers otherwise).
fn availability(r: &Resolved, list: &'static Document) -> (bool, String, String) {
    let s = r.scenario;
    let Some(zone) = r.zone else {
        return (false, "未说明数据处理者所在区域：负面清单只适用于其所在自由贸易试验区内的数据处理者。".into(), "The handler's zone is not given: a negative list binds only handlers in its own free trade zone.".into());
    };
    let zd = catalogue::zone_documents(zone).next().expect("resolved zone");
    if !s.handler.in_zone {
        return (
            false,
            format!("数据处理者不在{}登记注册或开展经营活动：任何负面清单都不适用，也无参照执行的依据；只能按国家规定。", zd.zone_zh),
            format!("The handler is not registered or operating in the {}: no negative list applies to it, and it has no basis to refer to one; only the national rules.", zd.zone_en),
        );
    }
    if list.zone == zone {
        return (true, format!("数据处理者在{}内：本区清单适用。", list.zone_zh), format!("The handler is in the {}: its own list applies.", list.zone_en));
    }
    let referral = catalogue::zone_documents(zone).filter(|d| d.allows_referral).find_map(|d| d.warnings.iter().find(|n| n.when == catalogue::When::ReferralOpen).map(|n| (d, n)));
    match referral {
        Some((d, n)) => (
            true,
            format!("参照执行：{}{}{}规定其区内数据处理者可参照执行其他自贸试验区正式发布的负面清单（{}）。参照前请向所属区域管理机构确认适用方式和报告要求。", d.title_zh, n.citation.section, n.citation.item, list.title_zh),
            format!("Referral: the {} ({} {}) lets its handlers refer to other zones' published lists ({}). Confirm with your zone's authority how it applies and what to report.", d.title_en, n.citation.section, n.citation.item, list.title_en),
        ),
        None => (
            false,
            format!("{}的规则（本工具所收资料中）没有参照执行其他自贸试验区负面清单的规定：{}不适用于该数据处理者。", zd.zone_zh, list.title_zh),
            format!("The {}'s rules in our sources have no provision for referring to other zones' lists: the {} does not apply to this handler.", zd.zone_en, list.title_en),
        ),
    }
}

/// The scenario under the national rules: `list` and `sector` null, and what only a list names
/// cleared (an item, an exception or a scenario or group id is valid only with its list).
pub fn national_scenario(s: &Scenario) -> Scenario {
    let mut n = s.clone();
    n.list = None;
    n.sector = None;
    n.important_data.clear();
    n.item_exceptions.clear();
    for e in &mut n.personal_information {
        e.scenario = None;
        e.group = None;
    }
    n.unknown.retain(|q| crate::scenario::FIXED_IDS.contains(&q.as_str()));
    n
}

fn national_column(s: &Scenario, today: Date) -> Result<Column, InputError> {
    let n = national_scenario(s);
    let verdict = evaluate::evaluate_on(&n, today)?;
    let mut translation = Vec::new();
    if let Some(list) = s.list.as_deref() {
        for id in &s.important_data {
            translation.push(Step {
                term: "item",
                from: id.clone(),
                to: Vec::new(),
                reason_zh: "国家规定不按清单条目认定重要数据：只有经相关部门、地区告知或公开发布为重要数据的，才须申报安全评估（《促进和规范数据跨境流动规定》第二条）。如已被告知或公开发布，请回答notified_important_data。".into(),
                reason_en: "The national rules do not go by list items: data needs the assessment as important data once an authority has notified or published it as such (Provisions Art. 2). If it has, answer notified_important_data.".into(),
            });
        }
        let dropped: Vec<&String> = s.item_exceptions.iter().chain(s.unknown.iter().filter(|q| !crate::scenario::FIXED_IDS.contains(&q.as_str()))).collect();
        for id in dropped {
            translation.push(Step { term: "exception", from: id.clone(), to: Vec::new(), reason_zh: format!("“{id}”是{list}的条目问题，国家规定不问。"), reason_en: format!("\"{id}\" is a question of {list}'s items; the national rules do not ask it.") });
        }
    }
    Ok(Column {
        regime: Regime::National,
        list: None,
        sector: None,
        available: true,
        why_zh: "国家规定（《促进和规范数据跨境流动规定》《网络数据安全管理条例》）适用于所有数据处理者。".into(),
        why_en: "The national rules (the 2024 Provisions and the 2025 Regulation) bind every data handler.".into(),
        questions: s.unknown.iter().filter(|q| crate::scenario::FIXED_IDS.contains(&q.as_str())).map(|id| open(id, s.unknown.len())).collect(),
        verdict,
        translation,
        differences: None,
    })
}

/// A question the scenario itself leaves open.
fn open(id: &str, _n: usize) -> ColumnQuestion {
    ColumnQuestion {
        id: id.to_string(),
        text_zh: crate::unknown::describe(id, true),
        text_en: crate::unknown::describe(id, false),
        assumed_zh: "尚未回答：结论按最严格的情形（见 depends_on、branches）。".into(),
        assumed_en: "Not yet answered: the verdict is the strictest case (see depends_on, branches).".into(),
    }
}

/// One way of reading the scenario in a list's terms.
struct Reading {
    scenario: Scenario,
    sector: Option<&'static Sector>,
}

fn list_column(s: &Scenario, r: &Resolved, list: &'static Document, national: &Verdict) -> Result<Column, InputError> {
    if !list.covers(r.as_of) {
        let until = list.until.map(|u| format!("{u}")).unwrap_or_default();
        return Ok(Column {
            regime: Regime::List,
            list: Some(list.id),
            sector: None,
            available: false,
            why_zh: format!("{}在{}不适用：其适用期间为{}至{}。", list.title_zh, r.as_of, list.in_force, until),
            why_en: format!("The {} does not apply on {}: it applies from {}{}.", list.title_en, r.as_of, list.in_force, if until.is_empty() { String::new() } else { format!(" to {until}") }),
            questions: Vec::new(),
            verdict: national.clone(),
            translation: Vec::new(),
            differences: None,
        });
    }
    let (available, why_zh, why_en) = availability(r, list);
    let mut questions = Vec::new();
    let mut translation = Vec::new();
    let readings = translate(s, r, list, &mut questions, &mut translation);
    let mut best: Option<(Verdict, Option<&'static Sector>)> = None;
    for rd in &readings {
        let v = evaluate::evaluate_on(&rd.scenario, r.as_of)?;
        if best.as_ref().is_none_or(|(b, _)| crate::unknown::strictness(&v) > crate::unknown::strictness(b)) {
            best = Some((v, rd.sector));
        }
    }
    let (verdict, sector) = best.expect("at least one reading");
    if !available {
        questions.clear();
    }
    Ok(Column { regime: Regime::List, list: Some(list.id), sector: sector.map(|x| x.id), available, why_zh, why_en, questions, verdict, translation, differences: None })
}

/// The scenario in list `to`'s terms: one reading per combination of candidate terms (the
/// sector, then each row's business scenario), with the questions that choose among them.
fn translate(s: &Scenario, r: &Resolved, to: &'static Document, questions: &mut Vec<ColumnQuestion>, steps: &mut Vec<Step>) -> Vec<Reading> {
    let handler_zone = r.zone;
    let mut base = s.clone();
    base.list = Some(to.id.to_string());
    base.zone = handler_zone.filter(|z| *z != to.zone).map(String::from);
    base.important_data.clear();
    base.item_exceptions.clear();
    base.unknown.retain(|q| crate::scenario::FIXED_IDS.contains(&q.as_str()));
    let (Some(from), Some(from_sector)) = (r.list, r.sector) else {
        // No sector named: nothing to translate; the list reaches only its sectors' data.
        base.sector = None;
        for e in &mut base.personal_information {
            e.scenario = None;
            e.group = None;
        }
        questions.push(ColumnQuestion {
            id: format!("compare.{}.sector", to.id),
            text_zh: format!("出境数据属于{}的哪一行业（{}）？", to.title_zh, to.sectors.iter().map(|x| x.name_zh).collect::<Vec<_>>().join("、")),
            text_en: format!("Which sector of the {} is the data in ({})?", to.title_en, to.sectors.iter().map(|x| x.name_en).collect::<Vec<_>>().join(", ")),
            assumed_zh: "场景未选择清单行业：按清单所涉行业以外的数据，适用国家规定。选择行业后再比较。".into(),
            assumed_en: "The scenario names no sector: the data is read as outside the list's sectors (national rules). Choose a sector and compare again.".into(),
        });
        return vec![Reading { scenario: base, sector: None }];
    };
    let candidates = mapping::sectors(from, from_sector, to);
    if candidates.is_empty() {
        steps.push(Step {
            term: "sector",
            from: format!("{}.{}", from.id, from_sector.id),
            to: Vec::new(),
            reason_zh: format!("{}没有与“{}”对应的行业：该清单不涉及此类数据，按其办法适用国家规定（如《重庆办法》第十九条）。", to.title_zh, from_sector.name_zh),
            reason_en: format!("The {} has no sector for {}: the list does not reach this data, and its measures leave it to the national rules (e.g. Chongqing measures Art. 19).", to.title_en, from_sector.name_en),
        });
        for e in &mut base.personal_information {
            e.scenario = None;
            e.group = None;
        }
        base.sector = None;
        base.unknown.retain(|q| crate::scenario::FIXED_IDS.contains(&q.as_str()));
        return vec![Reading { scenario: base, sector: None }];
    }
    for (sec, link) in &candidates {
        steps.push(link_step("sector", format!("{}.{}", from.id, from_sector.id), vec![format!("{}.{}", to.id, sec.id)], link));
    }
    if candidates.len() > 1 {
        let names_zh: Vec<&str> = candidates.iter().map(|(x, _)| x.name_zh).collect();
        let names_en: Vec<&str> = candidates.iter().map(|(x, _)| x.name_en).collect();
        questions.push(ColumnQuestion {
            id: format!("compare.{}.sector", to.id),
            text_zh: format!("“{}”在{}中可属于多个行业：{}。数据处理者属于哪一个？（各行业的注限定其适用的企业）", from_sector.name_zh, to.title_zh, names_zh.join("、")),
            text_en: format!("{} may be any of several sectors of the {}: {}. Which is the handler's? (each sector's notes say which enterprises it binds)", from_sector.name_en, to.title_en, names_en.join(", ")),
            assumed_zh: "未回答前，逐一按各行业判断，取最严格的结论。".into(),
            assumed_en: "Until answered, each sector is evaluated and the strictest verdict decides.".into(),
        });
    }
    let mut out = Vec::new();
    for (sec, _) in &candidates {
        let mut q = Vec::new();
        let mut st = Vec::new();
        let variants = sector_readings(s, &base, (from, from_sector), (to, sec), &mut q, &mut st);
        for qq in q {
            if !questions.contains(&qq) {
                questions.push(qq);
            }
        }
        for x in st {
            if !steps.contains(&x) {
                steps.push(x);
            }
        }
        out.extend(variants);
    }
    out
}

fn link_step(term: &'static str, from: String, to: Vec<String>, link: &Link) -> Step {
    Step {
        term,
        from,
        to,
        reason_zh: format!("“{}”：{}｜“{}”：{}", link.from.words_zh, link.from.reason_zh, link.to.words_zh, link.to.reason_zh),
        reason_en: format!("\"{}\": {} | \"{}\": {}", link.from.words_zh, link.from.reason_en, link.to.words_zh, link.to.reason_en),
    }
}

/// The readings of the scenario in one sector of the other list: its items, exceptions, groups
/// and each row's scenario candidates.
fn sector_readings(orig: &Scenario, base: &Scenario, from: (&'static Document, &'static Sector), to: (&'static Document, &'static Sector), questions: &mut Vec<ColumnQuestion>, steps: &mut Vec<Step>) -> Vec<Reading> {
    let (to_list, sec) = to;
    let mut b = base.clone();
    b.sector = Some(sec.id.to_string());
    let tag = format!("{}.{}", to_list.id, sec.id);
    let s = base;
    let from_resolved: Vec<&'static catalogue::Item> = orig.important_data.iter().filter_map(|id| from.1.item(id)).collect();
    // Important data: each item of the scenario (and each it may contain) to its counterparts.
    let unknown_items: Vec<&'static catalogue::Item> = orig.unknown.iter().filter_map(|id| from.1.item(id)).filter(|i| i.kind == catalogue::Kind::ImportantData).collect();
    let mut notify = false;
    for (item, maybe) in from_resolved.iter().map(|i| (*i, false)).chain(unknown_items.iter().map(|i| (*i, true))) {
        match mapping::item(from, item, to) {
            ItemTarget::Items(found) => {
                let ids: Vec<String> = found.iter().map(|(i, _)| i.id.to_string()).collect();
                steps.push(link_step("item", item.id.to_string(), ids.clone(), &found[0].1));
                if found.len() > 1 {
                    questions.push(ColumnQuestion {
                        id: format!("compare.{tag}:{}", item.id),
                        text_zh: format!("{}在{}中对应多项：{}。数据实际属于哪几项？", item.id, sec.name_zh, ids.join("、")),
                        text_en: format!("{} has several counterparts in {}: {}. Which does the data contain?", item.id, sec.name_en, ids.join(", ")),
                        assumed_zh: "未回答前，视为包含全部对应项（更严格）。".into(),
                        assumed_en: "Until answered, the data is taken to contain every counterpart (the stricter reading).".into(),
                    });
                }
                for (to_item, link) in &found {
                    if maybe {
                        if !b.unknown.iter().any(|x| x == to_item.id) && b.unknown.len() < crate::scenario::MAX_UNKNOWN {
                            b.unknown.push(to_item.id.to_string());
                        } else if !b.important_data.iter().any(|x| x == to_item.id) {
                            b.important_data.push(to_item.id.to_string());
                        }
                    } else if !b.important_data.iter().any(|x| x == to_item.id) {
                        b.important_data.push(to_item.id.to_string());
                    }
                    // The scenario's answers to the item's exceptions, where the other item states the same.
                    for ex in item.exceptions {
                        let key = ex.id.rsplit(':').next().unwrap_or("");
                        let affirmed = orig.item_exceptions.iter().any(|x| x == ex.id);
                        let open = orig.unknown.iter().any(|x| x == ex.id);
                        if !affirmed && !open {
                            continue;
                        }
                        match mapping::exception(link.from, key, link.to, to_item) {
                            Some(te) => {
                                steps.push(Step { term: "exception", from: ex.id.to_string(), to: vec![te.id.to_string()], reason_zh: format!("两项例外陈述同一事实：“{}”。", te.question_zh), reason_en: format!("Both exceptions state the same fact: {}", te.text_en) });
                                if affirmed && !b.item_exceptions.iter().any(|x| x == te.id) {
                                    b.item_exceptions.push(te.id.to_string());
                                } else if open && !b.unknown.iter().any(|x| x == te.id) && b.unknown.len() < crate::scenario::MAX_UNKNOWN {
                                    b.unknown.push(te.id.to_string());
                                }
                            }
                            None => steps.push(Step {
                                term: "exception",
                                from: ex.id.to_string(),
                                to: Vec::new(),
                                reason_zh: format!("{}没有陈述同一事实的例外：此回答不带入，该项照常适用（更严格）。", to_item.id),
                                reason_en: format!("{} has no exception stating the same fact: the answer is not carried over and the item applies (the stricter reading).", to_item.id),
                            }),
                        }
                    }
                }
            }
            ItemTarget::National(National::NotifiedImportantData, row) => {
                let excepted = item.exceptions.iter().any(|e| orig.item_exceptions.iter().any(|x| x == e.id));
                steps.push(Step {
                    term: "item",
                    from: item.id.to_string(),
                    to: vec!["notified_important_data".into()],
                    reason_zh: format!("“{}”：{}", row.words_zh, row.reason_zh),
                    reason_en: format!("\"{}\": {}", row.words_zh, row.reason_en),
                });
                if !excepted {
                    if maybe {
                        notify = true;
                    } else {
                        b.notified_important_data = true;
                    }
                }
            }
            ItemTarget::Unmatched(row) => {
                steps.push(Step {
                    term: "item",
                    from: item.id.to_string(),
                    to: Vec::new(),
                    reason_zh: format!("{}{}没有对应条目。为免低估义务，本栏询问该数据是否已被告知或公开发布为重要数据，未回答前按“是”（须申报安全评估）列出最严格的情形。", row.map(|r| format!("“{}”：{}", r.words_zh, r.reason_zh)).unwrap_or_default(), sec.name_zh),
                    reason_en: format!("{}{} has no counterpart. So as not to understate the duty, this column asks whether the data has been notified or published as important data, and shows the strictest case (yes: the assessment) until answered.", row.map(|r| format!("\"{}\": {} ", r.words_zh, r.reason_en)).unwrap_or_default(), sec.name_en),
                });
                let excepted = item.exceptions.iter().any(|e| orig.item_exceptions.iter().any(|x| x == e.id));
                if !excepted {
                    notify = true;
                }
            }
        }
    }
    if notify && !b.notified_important_data && !b.unknown.iter().any(|x| x == "notified_important_data") {
        if b.unknown.len() < crate::scenario::MAX_UNKNOWN {
            b.unknown.push("notified_important_data".into());
        } else {
            b.notified_important_data = true;
        }
    }
    // Sector-level answers (not applicable, exempt, preconditions) belong to their list.
    for id in orig.item_exceptions.iter().chain(orig.unknown.iter()) {
        if from.1.exceptions.iter().any(|e| e.id == id) {
            steps.push(Step {
                term: "exception",
                from: id.clone(),
                to: Vec::new(),
                reason_zh: format!("“{id}”是原清单的行业问题，不带入{}；本栏按该清单自己的规定判断。", sec.name_zh),
                reason_en: format!("\"{id}\" is a sector question of the scenario's list, not carried into {}; this column follows that list's own rules.", sec.name_en),
            });
        }
    }
    // People: each row's group, then its business scenario.
    let limited: Vec<&'static str> = limited_scenarios(sec);
    let mut per_row: Vec<Vec<Option<&'static str>>> = Vec::new();
    for (i, e) in s.personal_information.iter().enumerate() {
        let scen = orig.personal_information[i].scenario.clone();
        let found = scen.as_deref().map(|x| mapping::scenarios(from, x, to)).unwrap_or_default();
        if let (Some(x), false) = (&scen, found.is_empty()) {
            let ids: Vec<String> = found.iter().map(|(t, _)| t.to_string()).collect();
            steps.push(link_step("scenario", format!("personal_information[{i}].scenario ({x})"), ids, &found[0].1));
        }
        let mut cands: Vec<Option<&'static str>> = found.iter().map(|(t, _)| Some(*t)).collect();
        if cands.is_empty() {
            cands.push(None);
            if !limited.is_empty() {
                cands.extend(limited.iter().map(|x| Some(*x)));
            }
        } else if cands.len() > 1 && !cands.iter().all(|c| c.is_none_or(|c| !limited.contains(&c))) {
            // Several counterparts, some taking the people under other items: each is read.
        } else {
            cands.truncate(1);
        }
        if cands.len() > 1 {
            questions.push(ColumnQuestion {
                id: format!("compare.{tag}:personal_information[{i}].scenario"),
                text_zh: format!("第{}组个人信息属于{}的哪一业务场景？仅限于{}的条目另有门槛。", i + 1, sec.name_zh, limited.join("、")),
                text_en: format!("Which business scenario of {} is row {} of personal information in? Items limited to {} set other thresholds.", sec.name_en, i + 1, limited.join(", ")),
                assumed_zh: "未回答前，逐一按“不属于所列场景”和各限定场景判断，取最严格的结论。".into(),
                assumed_en: "Until answered, \"none of the listed scenarios\" and each limited scenario are evaluated, and the strictest decides.".into(),
            });
        }
        let group = orig.personal_information[i].group.clone();
        b.personal_information[i].group = None;
        if !sec.groups.is_empty() && cands.iter().any(|c| c.is_some_and(|c| limited.contains(&c))) {
            let found = group.as_deref().map(|g| mapping::groups(from, g, to)).unwrap_or_default();
            match found.len() {
                1 => {
                    b.personal_information[i].group = Some(found[0].0.to_string());
                    steps.push(link_step("group", format!("personal_information[{i}].group"), vec![found[0].0.to_string()], &found[0].1));
                }
                _ => {
                    let qid = format!("personal_information[{i}].group");
                    if !b.unknown.contains(&qid) && b.unknown.len() < crate::scenario::MAX_UNKNOWN {
                        b.unknown.push(qid.clone());
                    }
                    questions.push(ColumnQuestion {
                        id: format!("compare.{tag}:{qid}"),
                        text_zh: format!("第{}组个人信息属于{}所列哪一人群（{}），或都不属于？", i + 1, sec.name_zh, sec.groups.iter().map(|g| g.name_zh).collect::<Vec<_>>().join("、")),
                        text_en: format!("Which group of {} is row {} of personal information in ({}), if any?", sec.name_en, i + 1, sec.groups.iter().map(|g| g.name_en).collect::<Vec<_>>().join(", ")),
                        assumed_zh: if found.is_empty() { "原清单未划分此人群，或无对应：逐一按各人群判断，取最严格的结论。".into() } else { "对应多个人群：逐一判断，取最严格的结论。".into() },
                        assumed_en: if found.is_empty() { "The scenario's list draws no such line, or has no counterpart: each group is evaluated and the strictest decides.".into() } else { "Several counterparts: each is evaluated and the strictest decides.".into() },
                    });
                }
            }
        }
        let _ = e;
        per_row.push(cands);
    }
    // Every combination of the rows' scenario candidates, within MAX_READINGS.
    let mut readings = vec![b];
    for (i, cands) in per_row.iter().enumerate() {
        let keep = if readings.len() * cands.len() > MAX_READINGS { 1 } else { cands.len() };
        if keep < cands.len() {
            steps.push(Step { term: "scenario", from: format!("personal_information[{i}].scenario"), to: Vec::new(), reason_zh: "可能的读法过多：此行只按“不属于所列场景”判断，请回答上面的问题。".into(), reason_en: "Too many readings: this row is read as in none of the listed scenarios only; answer the question above.".into() });
        }
        readings = readings
            .into_iter()
            .flat_map(|rd| {
                cands[..keep].iter().map(move |c| {
                    let mut x = rd.clone();
                    x.personal_information[i].scenario = c.map(String::from);
                    x
                })
            })
            .collect();
    }
    readings.into_iter().map(|scenario| Reading { scenario, sector: Some(sec) }).collect()
}

/// The business scenarios some scenario-limited personal-information item of the sector takes.
fn limited_scenarios(sec: &'static Sector) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for sc in sec.scenarios {
        if sec.items.iter().any(|i| i.scope.kind == catalogue::ScopeKind::Limited && i.scope.scenarios.contains(&sc.id)) {
            out.push(sc.id);
        }
    }
    out
}

fn deciding(v: &Verdict) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in &v.pathways {
        for b in &p.because {
            if !out.contains(b) {
                out.push(b.clone());
            }
        }
    }
    out
}

/// What differs between a column and the reference column.
fn differences(c: &Column, against: &Column) -> Differences {
    let (v, a) = (&c.verdict, &against.verdict);
    let here: Vec<Pathway> = v.pathways.iter().map(|p| p.pathway).collect();
    let there: Vec<Pathway> = a.pathways.iter().map(|p| p.pathway).collect();
    let ob_here: Vec<String> = v.obligations.iter().map(|o| o.id.clone()).collect();
    let ob_there: Vec<String> = a.obligations.iter().map(|o| o.id.clone()).collect();
    let name = |c: &Column| c.list.map_or("national".to_string(), String::from);
    let mut d = Differences {
        against: name(against),
        same_outcome: v.outcome == a.outcome,
        outcome: v.outcome,
        against_outcome: a.outcome,
        pathways_added: here.iter().filter(|p| !there.contains(p)).copied().collect(),
        pathways_removed: there.iter().filter(|p| !here.contains(p)).copied().collect(),
        deciding: deciding(v),
        against_deciding: deciding(a),
        obligations_added: ob_here.iter().filter(|o| !ob_there.contains(o)).cloned().collect(),
        obligations_removed: ob_there.iter().filter(|o| !ob_here.contains(o)).cloned().collect(),
        summary_zh: String::new(),
        summary_en: String::new(),
    };
    let short = |c: &Column| match c.list {
        Some(id) => (format!("清单{id}"), format!("list {id}")),
        None => ("国家规定".to_string(), "the national rules".to_string()),
    };
    let ((this_zh, this_en), (ref_zh, ref_en)) = (short(c), short(against));
    let outcome_zh = if d.same_outcome { format!("结论相同（{}）", v.outcome.name_zh()) } else { format!("结论不同：本栏为{}，{}为{}", v.outcome.name_zh(), ref_zh, a.outcome.name_zh()) };
    let outcome_en = if d.same_outcome { format!("Same outcome ({})", v.outcome.name_en()) } else { format!("Different outcome: {} here, {} under {}", v.outcome.name_en(), a.outcome.name_en(), ref_en) };
    let by = |x: &[String]| if x.is_empty() { "—".to_string() } else { x.join(", ") };
    d.summary_zh = format!("与{ref_zh}相比（{this_zh}）：{outcome_zh}；决定本栏的条目：{}；对照栏：{}。", by(&d.deciding), by(&d.against_deciding));
    d.summary_en = format!("Against {ref_en} ({this_en}): {outcome_en}; deciding here: {}; there: {}.", by(&d.deciding), by(&d.against_deciding));
    d
}
