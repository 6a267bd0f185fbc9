//! Checks on the rules data (the contract's "Rules data" section): every item cited and worded,
//! ids unique, scenarios and groups used, and the personal-information bands of each group
//! chaining without overlap or gap.
use crate::model::*;
use crate::{Parsed, Problem};
use std::collections::{BTreeMap, BTreeSet};

struct Report<'a> {
    file: &'a str,
    out: Vec<Problem>,
}

impl Report<'_> {
    fn add(&mut self, item: impl Into<String>, problem: impl Into<String>) {
        self.out.push(Problem { file: self.file.to_string(), item: item.into(), problem: problem.into() });
    }
    fn need(&mut self, item: &str, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.add(item, format!("`{field}` is missing or empty"));
        }
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Lints every file and the links between them.
pub fn lint(files: &[Parsed]) -> Vec<Problem> {
    let mut all = Vec::new();
    let mut doc_ids = BTreeMap::new();
    let mut note_ids: BTreeMap<String, String> = BTreeMap::new();
    let list_ids: BTreeSet<&str> = files
        .iter()
        .filter(|p| p.file.document.kind == DocKind::List)
        .map(|p| p.file.document.id.as_str())
        .collect();
    let zones: BTreeSet<&str> = files.iter().map(|p| p.file.document.zone.as_str()).collect();
    let baselines = files.iter().filter(|p| p.file.document.kind == DocKind::Baseline).count();
    if baselines != 1 {
        all.push(Problem {
            file: "rules/".into(),
            item: String::new(),
            problem: format!("expected exactly one document of kind \"baseline\", found {baselines}"),
        });
    }
    for p in files {
        let mut r = Report { file: &p.name, out: Vec::new() };
        let d = &p.file.document;
        if let Some(prev) = doc_ids.insert(d.id.clone(), p.name.clone()) {
            r.add("document", format!("document id `{}` is also used by {prev}", d.id));
        }
        lint_document(&mut r, &p.file, &list_ids, &zones);
        for n in p.file.obligations.iter().chain(&p.file.warnings) {
            if let Some(prev) = note_ids.insert(n.id.clone(), p.name.clone()) {
                r.add(&n.id, format!("id used twice (also in {prev})"));
            }
        }
        all.extend(r.out);
    }
    all
}

fn lint_document(r: &mut Report, f: &File, lists: &BTreeSet<&str>, zones: &BTreeSet<&str>) {
    let d = &f.document;
    r.need("document", "id", &d.id);
    r.need("document", "title_zh", &d.title_zh);
    r.need("document", "title_en", &d.title_en);
    r.need("document", "source", &d.source);
    r.need("document", "issued", &d.issued);
    match d.kind {
        DocKind::List => {
            r.need("document", "zone", &d.zone);
            if f.sectors.is_empty() {
                r.add("document", "a list needs at least one [[sectors]]");
            }
        }
        DocKind::Measures => {
            r.need("document", "zone", &d.zone);
            if let Some(g) = &d.governs {
                if !lists.contains(g.as_str()) {
                    r.add("document", format!("`governs` names list `{g}`, which no rules file defines"));
                }
            }
            if !f.sectors.is_empty() {
                r.add("document", "measures carry no sectors; put items in the list's file");
            }
        }
        DocKind::Baseline => {
            if !f.sectors.is_empty() {
                r.add("document", "the baseline carries national `rules`, not sectors");
            }
        }
    }
    let _ = zones;
    if d.allows_referral && d.kind != DocKind::Measures {
        r.add("document", "`allows_referral` belongs to a zone's measures");
    }
    let mut rule_ids = BTreeSet::new();
    for rule in &f.rules {
        if !rule_ids.insert(rule.id.as_str()) {
            r.add(&rule.id, "id used twice");
        }
        r.need(&rule.id, "title_en", &rule.title_en);
        r.need(&rule.id, "text_zh", &rule.text_zh);
        r.need(&rule.id, "citation.section", &rule.citation.section);
        check_bands_shape(r, &rule.id, &rule.bands, &BTreeSet::new());
    }
    // The national bands chain like a sector's "all scenarios" items.
    let national: Vec<BandAt> = f
        .rules
        .iter()
        .filter_map(|rule| rule.pathway.map(|p| (rule, p)))
        .flat_map(|(rule, p)| {
            rule.bands.iter().map(move |b| BandAt {
                who: rule.id.clone(),
                pathway: p,
                band: b.clone(),
                overflows: false,
            })
        })
        .collect();
    check_chains(r, "national", national.into_iter().map(|b| (String::from("all"), b)));
    for n in f.obligations.iter().chain(&f.warnings) {
        r.need(&n.id, "text_zh", &n.text_zh);
        r.need(&n.id, "text_en", &n.text_en);
        r.need(&n.id, "citation.section", &n.citation.section);
    }
    let mut defs = BTreeSet::new();
    for def in &f.definitions {
        if !defs.insert(def.id.as_str()) {
            r.add(&def.id, "id used twice");
        }
        r.need(&def.id, "term_zh", &def.term_zh);
        r.need(&def.id, "term_en", &def.term_en);
        r.need(&def.id, "text_zh", &def.text_zh);
        r.need(&def.id, "text_en", &def.text_en);
        r.need(&def.id, "citation.section", &def.citation.section);
    }
    let mut sector_ids = BTreeSet::new();
    let all_sectors: BTreeSet<&str> = f.sectors.iter().map(|s| s.id.as_str()).collect();
    let mut last_number = 0;
    for s in &f.sectors {
        let sid = format!("{}.{}", d.id, s.id);
        if !is_slug(&s.id) {
            r.add(&sid, "sector id must be a lowercase slug (a-z, 0-9, -)");
        }
        if !sector_ids.insert(s.id.as_str()) {
            r.add(&sid, "sector id used twice");
        }
        if s.number <= last_number {
            r.add(&sid, format!("sector number {} is out of source order", s.number));
        }
        last_number = s.number;
        lint_sector(r, &d.id, s, &all_sectors);
    }
}

fn lint_sector(r: &mut Report, list: &str, s: &Sector, all_sectors: &BTreeSet<&str>) {
    let sid = format!("{list}.{}", s.id);
    r.need(&sid, "name_zh", &s.name_zh);
    r.need(&sid, "name_en", &s.name_en);
    r.need(&sid, "heading_zh", &s.heading_zh);
    let mut scenarios = BTreeSet::new();
    for sc in &s.scenarios {
        if !is_slug(&sc.id) {
            r.add(&sid, format!("scenario id `{}` must be a lowercase slug", sc.id));
        }
        if !scenarios.insert(sc.id.as_str()) {
            r.add(&sid, format!("scenario id `{}` used twice", sc.id));
        }
        r.need(&format!("{sid} scenario {}", sc.id), "name_zh", &sc.name_zh);
        r.need(&format!("{sid} scenario {}", sc.id), "name_en", &sc.name_en);
    }
    let mut groups = BTreeSet::new();
    for g in &s.groups {
        if !is_slug(&g.id) {
            r.add(&sid, format!("group id `{}` must be a lowercase slug", g.id));
        }
        if !groups.insert(g.id.as_str()) || scenarios.contains(g.id.as_str()) {
            r.add(&sid, format!("group id `{}` used twice", g.id));
        }
        r.need(&format!("{sid} group {}", g.id), "name_zh", &g.name_zh);
        r.need(&format!("{sid} group {}", g.id), "name_en", &g.name_en);
    }
    let mut used_scenarios = BTreeSet::new();
    let mut used_groups = BTreeSet::new();
    let mut numbers = BTreeSet::new();
    let mut last = 0;
    let mut printed_done = false;
    let pi_limited: BTreeSet<u32> = s
        .items
        .iter()
        .filter(|i| i.scope.as_ref().is_some_and(|sc| sc.kind == ScopeKind::Limited))
        .map(|i| i.number)
        .collect();
    let mut chain_input = Vec::new();
    let mut overflowing = BTreeSet::new();
    for it in &s.items {
        let iid = format!("{sid}.{}", it.number);
        if !numbers.insert(it.number) {
            r.add(&iid, "item number used twice (ids would collide)");
        }
        if it.number != last + 1 {
            r.add(&iid, format!("item number {} does not follow {} (numbers are as printed, in source order)", it.number, last));
        }
        last = it.number;
        if it.printed_number && printed_done {
            r.add(&iid, "a printed number after an unnumbered clause");
        }
        if !it.printed_number {
            printed_done = true;
        }
        r.need(&iid, "title_en", &it.title_en);
        r.need(&iid, "text_zh", &it.text_zh);
        r.need(&iid, "citation.section", &it.citation.section);
        r.need(&iid, "citation.item", &it.citation.item);
        for sc in &it.scenarios {
            if !scenarios.contains(sc.as_str()) {
                r.add(&iid, format!("names scenario `{sc}`, which the sector does not have"));
            }
            used_scenarios.insert(sc.clone());
        }
        let mut keys = BTreeSet::new();
        for e in &it.exceptions {
            let eid = format!("{iid}:{}", e.key);
            if !is_slug(&e.key) {
                r.add(&eid, "exception key must be a lowercase slug");
            }
            if !keys.insert(e.key.as_str()) {
                r.add(&eid, "exception key used twice in this item");
            }
            if matches!(e.kind, ExceptionKind::NotApplicable | ExceptionKind::Exempt | ExceptionKind::Precondition) {
                r.add(&eid, "`not_applicable` and `exempt` are sector-level: put them under [[sectors.exceptions]]");
            }
            if e.kind == ExceptionKind::Escalation && (it.kind != Kind::PersonalInformation || it.pathway != Pathway::StandardContractOrCertification) {
                r.add(&eid, "an `escalation` belongs to a contract-tier personal-information item");
            }
            if e.kind != ExceptionKind::Escalation && it.kind == Kind::PersonalInformation {
                r.add(&eid, "a personal-information item's carve-out of graver data is kind `escalation`");
            }
            r.need(&eid, "text_zh", &e.text_zh);
            r.need(&eid, "text_en", &e.text_en);
            r.need(&eid, "question_zh", &e.question_zh);
        }
        match it.kind {
            Kind::ImportantData => {
                if it.scope.is_some() || !it.bands.is_empty() || !it.not_counted.is_empty() {
                    r.add(&iid, "an important-data item has no `scope`, `bands` or `not_counted`");
                }
            }
            Kind::PersonalInformation => {
                if it.pathway == Pathway::OtherLawfulPathway {
                    r.add(&iid, "a personal-information item needs an assessment or a contract pathway");
                }
                if !it.scenarios.is_empty() {
                    r.add(&iid, "a personal-information item names its scenarios in `scope`");
                }
                if it.not_counted.is_empty() {
                    r.add(&iid, "`not_counted` is missing: copy the articles the item names");
                }
                let Some(scope) = &it.scope else {
                    r.add(&iid, "`scope` is missing");
                    continue;
                };
                for sc in &scope.scenarios {
                    if !scenarios.contains(sc.as_str()) {
                        r.add(&iid, format!("scope names scenario `{sc}`, which the sector does not have"));
                    }
                    used_scenarios.insert(sc.clone());
                }
                match scope.kind {
                    ScopeKind::Limited => {
                        if scope.scenarios.is_empty() {
                            r.add(&iid, "a `limited` scope lists its scenarios");
                        }
                        if !scope.except_items.is_empty() {
                            r.add(&iid, "a `limited` scope has no `except_items`");
                        }
                        for b in &it.bands {
                            if !scope.contains.is_empty() && !scope.contains.contains(&b.measure) {
                                r.add(&iid, "`contains` must include every measure the bands count");
                            }
                        }
                    }
                    ScopeKind::OtherScenarios | ScopeKind::AllExcept => {
                        if scope.except_items.is_empty() {
                            r.add(&iid, "this scope names the items it leaves out in `except_items`");
                        }
                        for n in &scope.except_items {
                            if !pi_limited.contains(n) {
                                r.add(&iid, format!("`except_items` names item {n}, which is not a scenario-limited personal-information item of this sector"));
                            }
                        }
                        if !scope.scenarios.is_empty() || !scope.contains.is_empty() {
                            r.add(&iid, "this scope lists no scenarios and no `contains`");
                        }
                    }
                    ScopeKind::All => {
                        if !scope.scenarios.is_empty() || !scope.except_items.is_empty() {
                            r.add(&iid, "an `all` scope lists neither scenarios nor items");
                        }
                    }
                }
                if it.bands.is_empty() {
                    r.add(&iid, "a personal-information item needs `bands`");
                }
                check_bands_shape(r, &iid, &it.bands, &groups);
                if let Some(n) = it.overflow_to {
                    let target = s.items.iter().find(|x| x.number == n);
                    let ok = it.pathway == Pathway::StandardContractOrCertification
                        && scope.kind == ScopeKind::Limited
                        && target.is_some_and(|t| {
                            t.pathway == Pathway::SecurityAssessment
                                && t.scope.as_ref().is_some_and(|sc| matches!(sc.kind, ScopeKind::AllExcept | ScopeKind::OtherScenarios))
                                && it.bands.iter().all(|b| b.below.is_some_and(|hi| t.bands.iter().any(|tb| tb.measure == b.measure && tb.below.is_none() && tb.at_least.unwrap_or(1) <= hi)))
                        });
                    if !ok {
                        r.add(&iid, format!("`overflow_to = {n}`: a scenario-limited contract item overflows into a catch-all assessment item whose open-ended band of the same measure starts at or below its ceiling"));
                    }
                    overflowing.insert(it.number);
                }
                for b in &it.bands {
                    for g in b.group.iter().chain(&b.groups).chain(&b.also_groups) {
                        used_groups.insert(g.clone());
                    }
                    if scope.kind != ScopeKind::Limited && (b.group.is_some() || !b.groups.is_empty() || !b.also_groups.is_empty()) {
                        r.add(&iid, "only a `limited` item's bands name a group");
                    }
                    if b.group.is_some() && !b.groups.is_empty() {
                        r.add(&iid, "a band names one `group` or several `groups`, not both");
                    }
                    if !b.also_groups.is_empty() && b.group.is_none() && b.groups.is_empty() {
                        r.add(&iid, "`also_groups` adds to named groups: name them in `group` or `groups`");
                    }
                    let key = match scope.kind {
                        ScopeKind::Limited => {
                            let mut v: Vec<&str> = scope.scenarios.iter().map(|s| s.as_str()).collect();
                            v.sort();
                            format!("scenarios [{}]", v.join(", "))
                        }
                        ScopeKind::All => "all scenarios".to_string(),
                        _ => "other scenarios".to_string(),
                    };
                    chain_input.push((key, BandAt { who: format!("item {}", it.number), pathway: it.pathway, band: b.clone(), overflows: it.overflow_to.is_some() }));
                }
            }
        }
    }
    for sc in &scenarios {
        if !used_scenarios.contains(*sc) {
            r.add(&sid, format!("scenario `{sc}` is used by no item"));
        }
    }
    for g in &groups {
        if !used_groups.contains(*g) {
            r.add(&sid, format!("group `{g}` is used by no item"));
        }
    }
    let mut keys = BTreeSet::new();
    for e in &s.exceptions {
        let eid = format!("{sid}:{}", e.key);
        if !is_slug(&e.key) || !keys.insert(e.key.as_str()) {
            r.add(&eid, "sector exception key must be a unique lowercase slug");
        }
        if !matches!(e.kind, ExceptionKind::NotApplicable | ExceptionKind::Exempt | ExceptionKind::Precondition) {
            r.add(&eid, "a sector-level exception is `not_applicable`, `exempt` or `precondition`");
        }
        if e.kind == ExceptionKind::Precondition {
            if e.items.is_empty() {
                r.add(&eid, "a precondition names the items it governs in `items`");
            }
            for n in &e.items {
                let limited_pi = s.items.iter().any(|i| {
                    i.number == *n && i.kind == Kind::PersonalInformation && i.scope.as_ref().is_some_and(|sc| sc.kind == ScopeKind::Limited)
                });
                if !limited_pi {
                    r.add(&eid, format!("precondition governs item {n}, which is not a scenario-limited personal-information item (a catch-all must never take nobody)"));
                }
            }
        } else if !e.items.is_empty() {
            r.add(&eid, "only a precondition lists `items`");
        }
        if let Some(other) = &e.instead {
            if e.kind != ExceptionKind::NotApplicable || !all_sectors.contains(other.as_str()) || other == &s.id {
                r.add(&eid, format!("`instead = \"{other}\"` names another sector of this list, on a `not_applicable` answer"));
            }
        }
        r.need(&eid, "text_zh", &e.text_zh);
        r.need(&eid, "text_en", &e.text_en);
        r.need(&eid, "question_zh", &e.question_zh);
    }
    for n in &s.notes {
        r.need(&format!("{sid} note {}", n.number), "text_zh", &n.text_zh);
        r.need(&format!("{sid} note {}", n.number), "text_en", &n.text_en);
    }
    check_chains(r, &sid, chain_input.into_iter());
}

fn check_bands_shape(r: &mut Report, who: &str, bands: &[Band], groups: &BTreeSet<&str>) {
    for b in bands {
        for g in b.group.iter().chain(&b.groups).chain(&b.also_groups) {
            if !groups.contains(g.as_str()) {
                r.add(who, format!("band names group `{g}`, which the sector does not have"));
            }
        }
        match (b.at_least, b.below) {
            (None, None) => r.add(who, "a band needs `at_least` (以上) or `below` (不满)"),
            (Some(lo), Some(hi)) if lo >= hi => r.add(who, format!("band {lo}..{hi} is empty")),
            (Some(0), _) => r.add(who, "`at_least = 0` is meaningless: omit it"),
            (_, Some(0 | 1)) => r.add(who, "a `below` of 0 or 1 can never hold"),
            _ => {}
        }
    }
}

struct BandAt {
    who: String,
    pathway: Pathway,
    band: Band,
    /// The item's counts above its ceiling go to a catch-all assessment item (`overflow_to`).
    overflows: bool,
}

/// For each (scope, group, measure): the bands, sorted, must meet end to end, the highest
/// open-ended and needing the assessment, each lower one a contract band.
fn check_chains(r: &mut Report, who: &str, bands: impl Iterator<Item = (String, BandAt)>) {
    let mut chains: BTreeMap<(String, Option<String>, Measure), Vec<BandAt>> = BTreeMap::new();
    for (key, b) in bands {
        let mut g: Vec<String> = b.band.group.iter().chain(&b.band.groups).cloned().collect();
        g.sort();
        let g = if g.is_empty() { None } else { Some(g.join(" + ")) };
        chains.entry((key, g, b.band.measure)).or_default().push(b);
    }
    for ((key, group, measure), mut v) in chains {
        v.sort_by_key(|b| b.band.at_least.unwrap_or(1));
        let name = format!(
            "{who} {key}, group {}, {}",
            group.as_deref().unwrap_or("(any)"),
            match measure {
                Measure::Persons => "persons",
                Measure::SensitivePersons => "sensitive persons",
            }
        );
        for pair in v.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let lo = b.band.at_least.unwrap_or(1);
            match a.band.below {
                None => r.add(&name, format!("{} is open-ended but {} starts above it: the bands overlap", a.who, b.who)),
                Some(hi) if hi > lo => r.add(&name, format!("{} (below {hi}) overlaps {} (from {lo})", a.who, b.who)),
                Some(hi) if hi < lo => r.add(&name, format!("gap between {} (below {hi}) and {} (from {lo})", a.who, b.who)),
                _ => {}
            }
            if a.pathway != Pathway::StandardContractOrCertification {
                r.add(&name, format!("{} lies below another band, so it should be a contract band", a.who));
            }
        }
        if let Some(top) = v.last() {
            if top.band.below.is_some() && v.len() > 1 {
                r.add(&name, format!("the highest band ({}) should be open-ended", top.who));
            }
            if top.band.below.is_none() && top.pathway != Pathway::SecurityAssessment {
                r.add(&name, format!("the open-ended band ({}) should need the security assessment", top.who));
            }
            if v.len() == 1 && top.pathway == Pathway::StandardContractOrCertification && !top.overflows {
                r.add(&name, format!("contract band {} has no assessment band above it", top.who));
            }
        }
    }
}
