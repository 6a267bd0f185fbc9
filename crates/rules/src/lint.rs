//! Checks on the rules data (the contract's "Rules data" section): every item cited and worded,
//! ids unique, scenarios and groups used, and the personal-information bands of each group
//! chaining without overlap or gap; deadlines well formed; the working-day calendar's days real
//! days of their year, none both off and worked, no year twice.
use crate::model::*;
use crate::{Parsed, ParsedCalendar, Problem, Rules};
use std::collections::{BTreeMap, BTreeSet};

pub(crate) struct Report<'a> {
    file: &'a str,
    out: Vec<Problem>,
}

impl Report<'_> {
    pub(crate) fn add(&mut self, item: impl Into<String>, problem: impl Into<String>) {
        self.out.push(Problem::new(self.file, item, problem));
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
pub fn lint(rules: &Rules) -> Vec<Problem> {
    let mut all = lint_documents(&rules.documents);
    all.extend(lint_editions(&rules.documents));
    for p in rules.documents.iter().filter(|p| p.file.document.kind == DocKind::Baseline) {
        let mut r = Report { file: &p.name, out: Vec::new() };
        crate::keys::lint(&mut r, &p.file);
        all.extend(r.out);
    }
    all.extend(lint_calendars(&rules.calendars));
    all.extend(crate::mapping::lint(&rules.documents, &rules.facts, &rules.mappings));
    all.extend(crate::classification::lint(&rules.documents));
    all
}

/// The working-day calendar: each year's notice referenced, each day a real day of that year,
/// listed once, never both a day off and a working day; an adjusted working day is a Saturday
/// or Sunday (a weekday is a working day without being listed); no year twice.
fn lint_calendars(files: &[ParsedCalendar]) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut years: BTreeMap<i32, &str> = BTreeMap::new();
    for p in files {
        let mut r = Report { file: &p.name, out: Vec::new() };
        let c = &p.file.calendar;
        r.need("calendar", "id", &c.id);
        r.need("calendar", "title_zh", &c.title_zh);
        r.need("calendar", "title_en", &c.title_en);
        r.need("calendar", "source", &c.source);
        for y in &p.file.years {
            let who = format!("year {}", y.year);
            if let Some(prev) = years.insert(y.year, &p.name) {
                r.add(&who, format!("year listed twice (also in {prev})"));
            }
            if y.notice.iter().all(|n| n.trim().is_empty()) {
                r.add(&who, "`notice` names no notice: give the State Council notice's reference");
            }
            let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
            for (list, day) in y.off_days.iter().map(|d| ("off_days", d)).chain(y.working_days.iter().map(|d| ("working_days", d))) {
                match ymd(day) {
                    None => r.add(&who, format!("`{list}`: \"{day}\" is not a date YYYY-MM-DD")),
                    Some((yy, _, _)) if yy != y.year => r.add(&who, format!("`{list}`: {day} is not in {}", y.year)),
                    Some((yy, m, d)) => {
                        if list == "working_days" && weekday(yy, m, d) < 5 {
                            r.add(&who, format!("`working_days`: {day} is a weekday, a working day anyway; list only the Saturdays and Sundays worked"));
                        }
                    }
                }
                match seen.insert(day.as_str(), list) {
                    Some(prev) if prev == list => r.add(&who, format!("`{list}`: {day} listed twice")),
                    Some(_) => r.add(&who, format!("{day} is both a day off and a working day")),
                    None => {}
                }
            }
        }
        out.extend(r.out);
    }
    out
}

/// A note's deadline: from a scenario date (the model's enum), then exactly one of
/// `working_days` and `years`, a window only before a validity's end, counts in a sane range.
fn lint_deadline(r: &mut Report, id: &str, d: &Deadline) {
    r.need(id, "deadline.label_zh", &d.label_zh);
    r.need(id, "deadline.label_en", &d.label_en);
    if d.on_the_day {
        if d.working_days.is_some() || d.years.is_some() || d.window_before_expiry_working_days.is_some() {
            r.add(id, "a deadline `on_the_day` falls on the date itself: give no count");
        }
        return;
    }
    match (d.working_days, d.years, d.window_before_expiry_working_days) {
        (Some(n), None, None) if (1..=250).contains(&n) => {}
        (None, Some(y), None) if (1..=10).contains(&y) => {}
        (None, Some(y), Some(n)) if (1..=10).contains(&y) && (1..=250).contains(&n) => {}
        (Some(_), Some(_), _) => r.add(id, "a deadline counts `working_days` or `years`, not both"),
        (None, None, _) => r.add(id, "a deadline needs `working_days` (n working days after the date) or `years` (a validity)"),
        (Some(_), None, Some(_)) => r.add(id, "`window_before_expiry_working_days` counts back from the end of a validity: give `years`, not `working_days`"),
        _ => r.add(id, "a deadline's count is out of range (working days 1 to 250, years 1 to 10)"),
    }
}

/// A materials checklist: titled in both languages, cited, with a caveat in both languages or
/// none, and at least one material, each with a slug id unique in the checklist and its texts.
fn lint_checklist(r: &mut Report, c: &Checklist) {
    r.need(&c.id, "id", &c.id);
    r.need(&c.id, "title_zh", &c.title_zh);
    r.need(&c.id, "title_en", &c.title_en);
    r.need(&c.id, "citation.section", &c.citation.section);
    if c.caveat_zh.trim().is_empty() != c.caveat_en.trim().is_empty() {
        r.add(&c.id, "a caveat is given in both languages (`caveat_zh` and `caveat_en`) or not at all");
    }
    if c.items.is_empty() {
        r.add(&c.id, "a checklist needs at least one material in `items`");
    }
    let mut ids = BTreeSet::new();
    for m in &c.items {
        let mid = format!("{}:{}", c.id, m.id);
        if !is_slug(&m.id) {
            r.add(&mid, "a material's id must be a lowercase slug (a-z, 0-9, -)");
        }
        if !ids.insert(m.id.as_str()) {
            r.add(&mid, "material id used twice in this checklist (ticks are kept by it)");
        }
        r.need(&mid, "text_zh", &m.text_zh);
        r.need(&mid, "text_en", &m.text_en);
    }
}

/// Contract "Rules as of a date": a document's edition is in force from a real day, ends (if
/// it does) no earlier, and says how its dates were read in both languages or in neither; a
/// note's own first and last days lie within its document's.
fn lint_dates(r: &mut Report, f: &File) {
    let d = &f.document;
    let Some(from) = d.in_force else {
        r.add("document", "`in_force` is required: the first day this edition is in force, a TOML date such as 2024-03-22");
        return;
    };
    for (name, day) in [("in_force", Some(from)), ("until", d.until)] {
        if let Some(day) = day.filter(|x| !x.is_real()) {
            r.add("document", format!("`{name}` {day} is not a day of the calendar"));
        }
    }
    if let Some(until) = d.until.filter(|u| u.number() < from.number()) {
        r.add("document", format!("`until` {until} is before `in_force` {from}"));
    }
    if d.dates_reading_zh.trim().is_empty() != d.dates_reading_en.trim().is_empty() {
        r.add("document", "a reading of the dates is given in both languages (`dates_reading_zh` and `dates_reading_en`) or not at all");
    }
    for n in f.obligations.iter().chain(&f.warnings) {
        let (nf, nu) = (n.in_force.unwrap_or(from), n.until.or(d.until));
        if n.in_force.is_some_and(|x| !x.is_real()) || n.until.is_some_and(|x| !x.is_real()) {
            r.add(&n.id, "`in_force` or `until` is not a day of the calendar");
        }
        if nf.number() < from.number() {
            r.add(&n.id, format!("`in_force` {nf} is before its document's ({from})"));
        }
        if let (Some(u), Some(du)) = (nu, d.until) {
            if u.number() > du.number() {
                r.add(&n.id, format!("`until` {u} is after its document's ({du})"));
            }
        }
        if nu.is_some_and(|u| u.number() < nf.number()) {
            r.add(&n.id, "`until` is before `in_force`: the note would never hold");
        }
    }
}

/// Editions of one document (`edition_of`, else its own id), in order of their first day,
/// neither overlap nor leave a gap: each next edition starts the day after the last ends.
fn lint_editions(files: &[Parsed]) -> Vec<Problem> {
    let mut series: BTreeMap<&str, Vec<(&Parsed, Day)>> = BTreeMap::new();
    for p in files {
        let d = &p.file.document;
        if let Some(from) = d.in_force {
            series.entry(d.edition_of.as_deref().unwrap_or(&d.id)).or_default().push((p, from));
        }
    }
    let mut out = Vec::new();
    for (name, mut eds) in series {
        eds.sort_by_key(|(_, from)| from.number());
        for w in eds.windows(2) {
            let (prev, next) = (&w[0].0.file.document, &w[1].0.file.document);
            let problem = match prev.until {
                None => format!("editions of `{name}`: {} has no `until` but {} starts {}", prev.id, next.id, w[1].1),
                Some(u) if u.number() >= w[1].1.number() => format!("editions of `{name}` overlap: {} runs to {u}, {} starts {}", prev.id, next.id, w[1].1),
                Some(u) if u.number() + 1 < w[1].1.number() => format!("editions of `{name}` leave a gap: {} ends {u}, {} starts {}", prev.id, next.id, w[1].1),
                Some(_) => continue,
            };
            out.push(Problem::new(w[1].0.name.clone(), "document", problem));
        }
    }
    out
}

fn lint_documents(files: &[Parsed]) -> Vec<Problem> {
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
        all.push(Problem::new("rules/", "", format!("expected exactly one document of kind \"baseline\", found {baselines}")));
    }
    for p in files {
        let mut r = Report { file: &p.name, out: Vec::new() };
        let d = &p.file.document;
        if let Some(prev) = doc_ids.insert(d.id.clone(), p.name.clone()) {
            r.add("document", format!("document id `{}` is also used by {prev}", d.id));
        }
        lint_document(&mut r, &p.file, &list_ids, &zones);
        lint_dates(&mut r, &p.file);
        for n in p.file.obligations.iter().chain(&p.file.warnings) {
            if let Some(prev) = note_ids.insert(n.id.clone(), p.name.clone()) {
                r.add(&n.id, format!("id used twice (also in {prev})"));
            }
        }
        // A checklist's id is unique among every document's notes and checklists.
        for c in &p.file.materials {
            if let Some(prev) = note_ids.insert(c.id.clone(), p.name.clone()) {
                r.add(&c.id, format!("id used twice (also in {prev})"));
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
    for n in &f.obligations {
        if let Some(d) = &n.deadline {
            lint_deadline(r, &n.id, d);
        }
    }
    for n in f.warnings.iter().filter(|n| n.deadline.is_some()) {
        r.add(&n.id, "a `deadline` belongs to an obligation, not a warning");
    }
    for n in f.warnings.iter().filter(|n| n.conditions.is_some()) {
        r.add(&n.id, "`conditions` belong to an obligation, not a warning");
    }
    for n in &f.obligations {
        let Some(c) = &n.conditions else { continue };
        if n.deadline.is_none() {
            r.add(&n.id, "`conditions` are asked once the date of the obligation's deadline is given: add a `deadline`");
        }
        for (field, text) in [("met_zh", &c.met_zh), ("met_en", &c.met_en), ("not_met_zh", &c.not_met_zh), ("not_met_en", &c.not_met_en)] {
            r.need(&n.id, &format!("conditions.{field}"), text);
        }
        if c.items.is_empty() || c.items.len() > 16 {
            r.add(&n.id, "`conditions.items` holds 1 to 16 conditions");
        }
        let mut seen = BTreeSet::new();
        for item in &c.items {
            if !is_slug(&item.id) {
                r.add(&n.id, &format!("condition id `{}`: lowercase letters, digits and `-`", item.id));
            }
            if !seen.insert(item.id.as_str()) {
                r.add(&n.id, &format!("condition `{}` used twice", item.id));
            }
            r.need(&n.id, &format!("conditions.{}.text_zh", item.id), &item.text_zh);
            r.need(&n.id, &format!("conditions.{}.text_en", item.id), &item.text_en);
        }
    }
    for z in &f.not_covered {
        if f.document.kind != DocKind::Baseline {
            r.add(&z.id, "`[[not_covered]]` belongs in the baseline document".to_string());
        }
        for (field, v) in [("zone_zh", &z.zone_zh), ("zone_en", &z.zone_en), ("known_zh", &z.known_zh), ("known_en", &z.known_en)] {
            r.need(&z.id, field, v);
        }
    }
    for c in &f.materials {
        lint_checklist(r, c);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Source;

    fn parse(text: &str) -> Result<Rules, Vec<Problem>> {
        crate::parse(&[Source { name: "rules/t.toml".into(), text: text.into() }])
    }

    fn problems(text: &str) -> String {
        let rules = parse(text).unwrap_or_else(|p| panic!("{p:?}"));
        let mut out = lint_calendars(&rules.calendars);
        for d in &rules.documents {
            let mut r = Report { file: &d.name, out: Vec::new() };
            lint_document(&mut r, &d.file, &BTreeSet::new(), &BTreeSet::new());
            lint_dates(&mut r, &d.file);
            out.extend(r.out);
        }
        out.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
    }

    const CALENDAR: &str = "[calendar]\nid = \"h\"\ntitle_zh = \"通知\"\ntitle_en = \"Notices\"\nsource = \"holidays-cn.json\"\n";

    const DOCUMENT: &str = "[document]\nid = \"x\"\nkind = \"baseline\"\ntitle_zh = \"规定\"\ntitle_en = \"Provisions\"\nsource = \"x.md\"\nissued = \"2024-03-22\"\nin_force = 2024-03-22\n";

    fn obligation(deadline: &str) -> String {
        format!("{DOCUMENT}[[obligations]]\nid = \"x.o\"\nwhen = \"always\"\ntext_zh = \"备案\"\ntext_en = \"File\"\ncitation = {{ section = \"第七条\" }}\ndeadline = {deadline}\n")
    }

    fn checklist(id: &str, extra: &str, items: &str) -> String {
        format!("[[materials]]\nid = \"{id}\"\nwhen = \"security_assessment\"\ntitle_zh = \"清单\"\ntitle_en = \"Checklist\"\ncitation = {{ section = \"第六条\" }}\n{extra}{items}")
    }

    const ITEM: &str = "[[materials.items]]\nid = \"declaration\"\ntext_zh = \"申报书\"\ntext_en = \"Declaration\"\n";

    #[test]
    fn checklists_have_materials_with_unique_ids_and_texts() {
        assert_eq!(problems(&format!("{DOCUMENT}{}", checklist("x.m", "caveat_zh = \"以指南为准\"\ncaveat_en = \"The guide decides\"\n", ITEM))), "");
        let p = problems(&format!("{DOCUMENT}{}", checklist("x.m", "", "")));
        assert!(p.contains("x.m: a checklist needs at least one material"), "{p}");
        let twice = format!("{ITEM}{ITEM}[[materials.items]]\nid = \"Bad Id\"\ntext_zh = \"\"\ntext_en = \"x\"\n");
        let p = problems(&format!("{DOCUMENT}{}", checklist("x.m", "caveat_zh = \"以指南为准\"\n", &twice)));
        for want in [
            "x.m:declaration: material id used twice",
            "x.m:Bad Id: a material's id must be a lowercase slug",
            "x.m:Bad Id: `text_zh` is missing or empty",
            "x.m: a caveat is given in both languages",
        ] {
            assert!(p.contains(want), "{want:?} in:\n{p}");
        }
        let p = problems(&format!("{DOCUMENT}{}", checklist("x.m", "title_en = \"\"\n", ITEM).replace("title_en = \"Checklist\"\n", "")));
        assert!(p.contains("x.m: `title_en` is missing or empty"), "{p}");
        // An unknown key is refused by the schema, naming it.
        let e = parse(&format!("{DOCUMENT}{}", checklist("x.m", "text_zh = \"x\"\n", ITEM))).err().unwrap();
        assert!(e[0].problem.contains("text_zh"), "{e:?}");
    }

    #[test]
    fn checklist_ids_are_unique_across_documents() {
        let a = format!("{DOCUMENT}{}", checklist("x.m", "", ITEM));
        let b = format!("{}zone = \"z\"\n{}", DOCUMENT.replace("id = \"x\"", "id = \"y\"").replace("baseline", "measures"), checklist("x.m", "", ITEM));
        let rules = crate::parse(&[Source { name: "rules/a.toml".into(), text: a }, Source { name: "rules/b.toml".into(), text: b }]);
        let p: Vec<String> = match rules {
            Ok(r) => lint_documents(&r.documents).iter().map(|p| p.to_string()).collect(),
            Err(e) => panic!("{e:?}"),
        };
        assert!(p.iter().any(|x| x == "rules/b.toml: x.m: id used twice (also in rules/a.toml)"), "{p:?}");
    }

    #[test]
    fn a_document_is_dated_and_its_notes_within_it() {
        let p = problems(&DOCUMENT.replace("in_force = 2024-03-22\n", ""));
        assert!(p.contains("`in_force` is required"), "{p}");
        let p = problems(&format!("{DOCUMENT}until = 2024-03-01\ndates_reading_zh = \"按发布日\"\n"));
        assert!(p.contains("`until` 2024-03-01 is before `in_force` 2024-03-22"), "{p}");
        assert!(p.contains("in both languages (`dates_reading_zh` and `dates_reading_en`)"), "{p}");
        // A time is not a day; TOML itself refuses 2024-02-30.
        assert!(parse(&DOCUMENT.replace("in_force = 2024-03-22", "in_force = 2024-03-22T10:00:00")).is_err());
        assert!(parse(&DOCUMENT.replace("in_force = 2024-03-22", "in_force = 2024-02-30")).is_err());
        let note = |dates: &str| format!("{DOCUMENT}until = 2026-12-31\n[[warnings]]\nid = \"x.w\"\nwhen = \"always\"\ntext_zh = \"注\"\ntext_en = \"Note\"\ncitation = {{ section = \"第一条\", item = \"\" }}\n{dates}");
        assert_eq!(problems(&note("in_force = 2025-01-01\nuntil = 2025-12-31\n")), "");
        let p = problems(&note("in_force = 2024-01-01\nuntil = 2027-01-01\n"));
        assert!(p.contains("x.w: `in_force` 2024-01-01 is before its document's (2024-03-22)"), "{p}");
        assert!(p.contains("x.w: `until` 2027-01-01 is after its document's (2026-12-31)"), "{p}");
        assert!(problems(&note("in_force = 2025-06-01\nuntil = 2025-05-31\n")).contains("would never hold"));
    }

    #[test]
    fn the_national_rules_the_engine_names_are_proved_present() {
        let rules = parse(DOCUMENT).unwrap();
        let p: Vec<String> = lint(&rules).iter().map(|p| p.to_string()).collect();
        assert_eq!(p.len(), crate::keys::NATIONAL_RULES.len(), "{p:?}");
        assert!(p.iter().any(|x| x.starts_with("rules/t.toml: national.art6: the engine relies on this national rule")), "{p:?}");
        // The built-in rules have every one.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
        let built_in = crate::parse(&crate::read_dir(&dir).unwrap()).unwrap();
        assert_eq!(lint(&built_in), Vec::new());
    }

    #[test]
    fn editions_of_one_document_neither_overlap_nor_leave_a_gap() {
        let ed = |id: &str, dates: &str| Source { name: format!("rules/{id}.toml"), text: DOCUMENT.replace("id = \"x\"", &format!("id = \"{id}\"\nedition_of = \"x\"")).replace("in_force = 2024-03-22\n", dates) };
        let run = |a: &str, b: &str| {
            let r = crate::parse(&[ed("x-2024", a), ed("x-2025", b)]).unwrap_or_else(|p| panic!("{p:?}"));
            lint_editions(&r.documents).iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
        };
        assert_eq!(run("in_force = 2024-03-22\nuntil = 2024-12-31\n", "in_force = 2025-01-01\n"), "");
        assert!(run("in_force = 2024-03-22\nuntil = 2025-01-01\n", "in_force = 2025-01-01\n").contains("overlap"));
        assert!(run("in_force = 2024-03-22\nuntil = 2024-12-30\n", "in_force = 2025-01-01\n").contains("leave a gap: x-2024 ends 2024-12-30, x-2025 starts 2025-01-01"));
        assert!(run("in_force = 2024-03-22\n", "in_force = 2025-01-01\n").contains("x-2024 has no `until`"));
    }

    #[test]
    fn the_calendar_is_told_by_its_shape() {
        let rules = parse(&format!("{CALENDAR}[[years]]\nyear = 2026\nnotice = [\"n\"]\noff_days = [\"2026-10-01\"]\nworking_days = [\"2026-10-10\"]\n")).unwrap();
        assert_eq!((rules.calendars.len(), rules.documents.len()), (1, 0));
        assert_eq!(problems(&format!("{CALENDAR}[[years]]\nyear = 2026\nnotice = [\"n\"]\noff_days = [\"2026-10-01\"]\nworking_days = [\"2026-10-10\"]\n")), "");
        // Neither shape: the document's schema speaks.
        let e = parse("[[years]]\nyear = 2026\n").err().unwrap();
        assert!(e[0].problem.contains("document"), "{e:?}");
        // A calendar with a stray key is refused, naming it.
        let e = parse(&format!("{CALENDAR}holidays = 1\n")).err().unwrap();
        assert!(e[0].problem.contains("holidays"), "{e:?}");
    }

    #[test]
    fn calendar_days_are_real_days_of_their_year_and_never_both() {
        let p = problems(&format!(
            "{CALENDAR}[[years]]\nyear = 2026\nnotice = [\"n\"]\noff_days = [\"2026-02-30\", \"2025-10-01\", \"2026-10-01\", \"2026-10-01\", \"2026/10/02\"]\nworking_days = [\"2026-10-01\", \"2026-10-09\", \"2026-10-10\"]\n[[years]]\nyear = 2026\nnotice = []\noff_days = []\nworking_days = []\n"
        ));
        for want in [
            "year 2026: `off_days`: \"2026-02-30\" is not a date YYYY-MM-DD",
            "`off_days`: \"2026/10/02\" is not a date",
            "`off_days`: 2025-10-01 is not in 2026",
            "`off_days`: 2026-10-01 listed twice",
            "2026-10-01 is both a day off and a working day",
            "`working_days`: 2026-10-09 is a weekday",
            "year 2026: year listed twice",
            "`notice` names no notice",
        ] {
            assert!(p.contains(want), "{want:?} in:\n{p}");
        }
        assert!(!p.contains("2026-10-10"), "a worked Saturday is fine:\n{p}");
    }

    #[test]
    fn conditions_are_a_checklist_on_a_dated_obligation() {
        let deadline = "{ from = \"assessment_issued\", years = 3, window_before_expiry_working_days = 60, label_zh = \"延长\", label_en = \"Extend\" }";
        let good = "[obligations.conditions]\nmet_zh = \"可以延长\"\nmet_en = \"Extend\"\nnot_met_zh = \"重新申报\"\nnot_met_en = \"Declare afresh\"\n[[obligations.conditions.items]]\nid = \"purpose-unchanged\"\ntext_zh = \"目的未变\"\ntext_en = \"Purpose unchanged\"\n";
        assert_eq!(problems(&format!("{}{good}", obligation(deadline))), "");
        let twice = format!("{}{good}[[obligations.conditions.items]]\nid = \"purpose-unchanged\"\ntext_zh = \"\"\ntext_en = \"x\"\n", obligation(deadline));
        let p = problems(&twice);
        assert!(p.contains("condition `purpose-unchanged` used twice") && p.contains("conditions.purpose-unchanged.text_zh"), "{p}");
        let bad_id = good.replace("purpose-unchanged", "Purpose Unchanged");
        assert!(problems(&format!("{}{bad_id}", obligation(deadline))).contains("lowercase letters"));
        let undated = format!("{DOCUMENT}[[obligations]]\nid = \"x.o\"\nwhen = \"always\"\ntext_zh = \"备案\"\ntext_en = \"File\"\ncitation = {{ section = \"第七条\" }}\n{good}");
        assert!(problems(&undated).contains("add a `deadline`"));
        // A deadline on the day itself takes no count.
        assert_eq!(problems(&obligation("{ from = \"assessment_band_reached\", on_the_day = true, label_zh = \"x\", label_en = \"x\" }")), "");
        assert!(problems(&obligation("{ from = \"assessment_band_reached\", on_the_day = true, working_days = 1, label_zh = \"x\", label_en = \"x\" }")).contains("give no count"));
    }

    #[test]
    fn deadlines_name_a_scenario_date_and_one_count() {
        assert_eq!(problems(&obligation("{ from = \"contract_effective\", working_days = 10, label_zh = \"备案期限\", label_en = \"Filing\" }")), "");
        assert_eq!(problems(&obligation("{ from = \"assessment_issued\", years = 3, window_before_expiry_working_days = 60, label_zh = \"延长\", label_en = \"Extend\" }")), "");
        let e = parse(&obligation("{ from = \"contract_signed\", working_days = 10, label_zh = \"x\", label_en = \"x\" }")).err().unwrap();
        assert!(e[0].problem.contains("unknown variant `contract_signed`") && e[0].problem.contains("contract_effective"), "{e:?}");
        for (deadline, want) in [
            ("{ from = \"contract_effective\", label_zh = \"x\", label_en = \"x\" }", "needs `working_days`"),
            ("{ from = \"contract_effective\", working_days = 10, years = 3, label_zh = \"x\", label_en = \"x\" }", "not both"),
            ("{ from = \"contract_effective\", working_days = 10, window_before_expiry_working_days = 60, label_zh = \"x\", label_en = \"x\" }", "give `years`"),
            ("{ from = \"contract_effective\", working_days = 0, label_zh = \"x\", label_en = \"x\" }", "out of range"),
            ("{ from = \"contract_effective\", working_days = 10, label_zh = \"\", label_en = \"x\" }", "`deadline.label_zh` is missing"),
        ] {
            let p = problems(&obligation(deadline));
            assert!(p.contains(&format!("x.o: {want}")) || p.contains(want), "{want:?} in:\n{p}");
        }
        let warning = format!("{DOCUMENT}[[warnings]]\nid = \"x.w\"\nwhen = \"always\"\ntext_zh = \"注意\"\ntext_en = \"Mind\"\ncitation = {{ section = \"一\" }}\ndeadline = {{ from = \"transfer_start\", working_days = 15, label_zh = \"x\", label_en = \"x\" }}\n");
        assert!(problems(&warning).contains("x.w: a `deadline` belongs to an obligation"));
    }
}
