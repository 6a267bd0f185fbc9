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
    /// A problem and what to do about it.
    pub(crate) fn add_hint(&mut self, item: impl Into<String>, problem: impl Into<String>, hint: impl Into<String>) {
        self.out.push(Problem::new(self.file, item, problem).with_hint(hint));
    }
    fn need(&mut self, item: &str, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.add_hint(item, format!("`{field}` is missing or empty"), fill(field));
        }
    }
}

/// What to write in a required field found missing or empty.
pub(crate) fn fill(field: &str) -> String {
    match field {
        "id" => "give an id that nothing else in the rules uses".into(),
        "source" => "name the source document's file in ../shared/sources/".into(),
        "issued" => "give the date the source was issued, as it prints it (such as 2025-09)".into(),
        "zone" => "give the zone's id, the same in its list and its measures (such as `chongqing`)".into(),
        "citation.section" | "applies_citation.section" => "give the article or section as the source prints it (such as 第七条)".into(),
        "citation.item" => "give the item as the source numbers it (such as 第1项)".into(),
        "words_zh" => "quote the list's own words for the term".into(),
        f if f.ends_with("_zh") => format!("give `{f}` its Chinese text"),
        f if f.ends_with("_en") => format!("give `{f}` its English text"),
        f => format!("give `{f}` a value"),
    }
}

/// What to do about an id that is not a slug.
pub(crate) const SLUG: &str = "use lowercase letters, digits and `-` (not first or last), such as `vehicle-rd`";

/// What to do about an id used twice.
pub(crate) const RENAME: &str = "rename one of them";

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
                r.add_hint(&who, format!("year listed twice (also in {prev})"), "merge the two `[[years]]` tables into one");
            }
            if y.notice.iter().all(|n| n.trim().is_empty()) {
                r.add_hint(&who, "`notice` names no notice", "give the State Council notice's reference");
            }
            let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
            for (list, day) in y.off_days.iter().map(|d| ("off_days", d)).chain(y.working_days.iter().map(|d| ("working_days", d))) {
                match ymd(day) {
                    None => r.add_hint(&who, format!("`{list}`: \"{day}\" is not a date YYYY-MM-DD"), format!("write it as a string such as \"{}-10-01\"", y.year)),
                    Some((yy, _, _)) if yy != y.year => r.add_hint(&who, format!("`{list}`: {day} is not in {}", y.year), "correct the year, or move the day to its own year's `[[years]]`"),
                    Some((yy, m, d)) => {
                        if list == "working_days" && weekday(yy, m, d) < 5 {
                            r.add_hint(&who, format!("`working_days`: {day} is a weekday, a working day anyway"), "list only the Saturdays and Sundays worked");
                        }
                    }
                }
                match seen.insert(day.as_str(), list) {
                    Some(prev) if prev == list => r.add_hint(&who, format!("`{list}`: {day} listed twice"), "remove one of them"),
                    Some(_) => r.add_hint(&who, format!("{day} is both a day off and a working day"), "keep it in `off_days` or in `working_days`, as the notice says"),
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
            r.add_hint(id, "a deadline `on_the_day` falls on the date itself, yet it has a count", "give no count (no `working_days`, `years` or `window_before_expiry_working_days`)");
        }
        return;
    }
    match (d.working_days, d.years, d.window_before_expiry_working_days) {
        (Some(n), None, None) if (1..=250).contains(&n) => {}
        (None, Some(y), None) if (1..=10).contains(&y) => {}
        (None, Some(y), Some(n)) if (1..=10).contains(&y) && (1..=250).contains(&n) => {}
        (Some(_), Some(_), _) => r.add_hint(id, "a deadline counts `working_days` or `years`, not both", "keep the one the source sets"),
        (None, None, _) => r.add_hint(id, "a deadline needs `working_days` (n working days after the date) or `years` (a validity)", "give the count the source sets, or `on_the_day = true` for the date itself"),
        (Some(_), None, Some(_)) => r.add_hint(id, "`window_before_expiry_working_days` counts back from the end of a validity, and the deadline has no `years`", "give `years`, not `working_days`"),
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
        r.add_hint(&c.id, "a caveat is given in both languages (`caveat_zh` and `caveat_en`) or not at all", "add the missing language, or remove the one given");
    }
    if c.items.is_empty() {
        r.add_hint(&c.id, "a checklist needs at least one material in `items`", "add a `[[materials.items]]` for each material the source lists");
    }
    let mut ids = BTreeSet::new();
    for m in &c.items {
        let mid = format!("{}:{}", c.id, m.id);
        if !is_slug(&m.id) {
            r.add_hint(&mid, "a material's id must be a lowercase slug (a-z, 0-9, -)", SLUG);
        }
        if !ids.insert(m.id.as_str()) {
            r.add_hint(&mid, "material id used twice in this checklist (ticks are kept by it)", RENAME);
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
        r.add_hint("document", "`in_force` is required", "give the first day this edition is in force, a TOML date such as 2024-03-22");
        return;
    };
    for (name, day) in [("in_force", Some(from)), ("until", d.until)] {
        if let Some(day) = day.filter(|x| !x.is_real()) {
            r.add_hint("document", format!("`{name}` {day} is not a day of the calendar"), "correct it from the source");
        }
    }
    if let Some(until) = d.until.filter(|u| u.number() < from.number()) {
        r.add_hint("document", format!("`until` {until} is before `in_force` {from}"), "correct one of the two from the source");
    }
    if d.dates_reading_zh.trim().is_empty() != d.dates_reading_en.trim().is_empty() {
        r.add_hint("document", "a reading of the dates is given in both languages (`dates_reading_zh` and `dates_reading_en`) or not at all", "add the missing language, or remove the one given");
    }
    for c in f.materials.iter().filter(|c| c.in_force.is_some()) {
        let cf = c.in_force.unwrap_or(from);
        if !cf.is_real() {
            r.add_hint(&c.id, "`in_force` is not a day of the calendar", "correct it from the source");
        } else if cf.number() < from.number() {
            r.add_hint(&c.id, format!("`in_force` {cf} is before its document's ({from})"), "remove it (a checklist starts with its document), or correct it");
        }
    }
    for n in f.obligations.iter().chain(&f.warnings) {
        let (nf, nu) = (n.in_force.unwrap_or(from), n.until.or(d.until));
        if n.in_force.is_some_and(|x| !x.is_real()) || n.until.is_some_and(|x| !x.is_real()) {
            r.add_hint(&n.id, "`in_force` or `until` is not a day of the calendar", "correct it from the source");
        }
        if nf.number() < from.number() {
            r.add_hint(&n.id, format!("`in_force` {nf} is before its document's ({from})"), "remove it (a note starts with its document), or correct it");
        }
        if let (Some(u), Some(du)) = (nu, d.until) {
            if u.number() > du.number() {
                r.add_hint(&n.id, format!("`until` {u} is after its document's ({du})"), "remove it (a note ends with its document), or correct it");
            }
        }
        if nu.is_some_and(|u| u.number() < nf.number()) {
            r.add_hint(&n.id, "`until` is before `in_force`: the note would never hold", "correct one of the two from the source");
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
            let hint = format!("make the `until` of {} the day before the `in_force` of {}", prev.id, next.id);
            out.push(Problem::new(w[1].0.name.clone(), "document", problem).with_hint(hint));
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
    // Every list's sectors, as a note's `sectors` names them: `<list>.<sector>`.
    let sectors: BTreeSet<String> = files
        .iter()
        .filter(|p| p.file.document.kind == DocKind::List)
        .flat_map(|p| p.file.sectors.iter().map(move |s| format!("{}.{}", p.file.document.id, s.id)))
        .collect();
    let baselines = files.iter().filter(|p| p.file.document.kind == DocKind::Baseline).count();
    if baselines != 1 {
        let hint = if baselines == 0 { "add the national baseline's rules file" } else { "keep `kind = \"baseline\"` on one document only" };
        all.push(Problem::new("rules/", "", format!("expected exactly one document of kind \"baseline\", found {baselines}")).with_hint(hint));
    }
    for p in files {
        let mut r = Report { file: &p.name, out: Vec::new() };
        let d = &p.file.document;
        if let Some(prev) = doc_ids.insert(d.id.clone(), p.name.clone()) {
            r.add_hint("document", format!("document id `{}` is also used by {prev}", d.id), "give each document its own id (an edition names its document in `edition_of`)");
        }
        lint_document(&mut r, &p.file, &list_ids, &zones);
        lint_dates(&mut r, &p.file);
        for n in p.file.obligations.iter().chain(&p.file.warnings) {
            if let Some(prev) = note_ids.insert(n.id.clone(), p.name.clone()) {
                r.add_hint(&n.id, format!("id used twice (also in {prev})"), RENAME);
            }
            // A list this folder does not hold (a deployment without it) is not checked: the
            // note never holds for it. A list it holds must have the sector.
            for s in &n.sectors {
                let held = s.split_once('.').is_some_and(|(l, _)| list_ids.contains(l));
                if s.split_once('.').is_none_or(|(l, x)| l.is_empty() || x.is_empty()) || (held && !sectors.contains(s)) {
                    let known = sectors.iter().map(String::as_str).collect::<Vec<_>>().join(", ");
                    r.add_hint(&n.id, format!("`sectors` names `{s}`, which is no list's sector"), format!("name a sector as `<list>.<sector>`: one of {known}"));
                }
            }
        }
        // A checklist's id is unique among every document's notes and checklists.
        for c in &p.file.materials {
            if let Some(prev) = note_ids.insert(c.id.clone(), p.name.clone()) {
                r.add_hint(&c.id, format!("id used twice (also in {prev})"), RENAME);
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
                r.add_hint("document", "a list needs at least one [[sectors]]", "add a `[[sectors]]` table for each sector of the list");
            }
        }
        DocKind::Measures => {
            r.need("document", "zone", &d.zone);
            if let Some(g) = &d.governs {
                if !lists.contains(g.as_str()) {
                    r.add_hint("document", format!("`governs` names list `{g}`, which no rules file defines"), "give the `id` of the list's `[document]`");
                }
            }
            if !f.sectors.is_empty() {
                r.add_hint("document", "measures carry no sectors", "put items in the list's file");
            }
        }
        DocKind::Baseline => {
            if !f.sectors.is_empty() {
                r.add_hint("document", "the baseline carries national `rules`, not sectors", "put sectors in a list's file");
            }
        }
    }
    let _ = zones;
    if d.allows_referral && d.kind != DocKind::Measures {
        r.add_hint("document", "`allows_referral` belongs to a zone's measures", "move it to the `[document]` of the zone's measures");
    }
    let mut rule_ids = BTreeSet::new();
    for rule in &f.rules {
        if !rule_ids.insert(rule.id.as_str()) {
            r.add_hint(&rule.id, "id used twice", RENAME);
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
        r.add_hint(&n.id, "a `deadline` belongs to an obligation, not a warning", "make the note an `[[obligations]]`, or remove the `deadline`");
    }
    for n in f.warnings.iter().filter(|n| n.conditions.is_some()) {
        r.add_hint(&n.id, "`conditions` belong to an obligation, not a warning", "make the note an `[[obligations]]`, or remove the `conditions`");
    }
    for n in &f.obligations {
        let Some(c) = &n.conditions else { continue };
        if n.deadline.is_none() {
            r.add_hint(&n.id, "`conditions` are asked once the date of the obligation's deadline is given, and it has no `deadline`", "add a `deadline`");
        }
        for (field, text) in [("met_zh", &c.met_zh), ("met_en", &c.met_en), ("not_met_zh", &c.not_met_zh), ("not_met_en", &c.not_met_en)] {
            r.need(&n.id, &format!("conditions.{field}"), text);
        }
        if c.items.is_empty() || c.items.len() > 16 {
            let hint = if c.items.is_empty() { "add each condition as `[[obligations.conditions.items]]`" } else { "merge some of them" };
            r.add_hint(&n.id, "`conditions.items` holds 1 to 16 conditions", hint);
        }
        let mut seen = BTreeSet::new();
        for item in &c.items {
            if !is_slug(&item.id) {
                r.add_hint(&n.id, format!("condition id `{}` is not a lowercase slug", item.id), SLUG);
            }
            if !seen.insert(item.id.as_str()) {
                r.add_hint(&n.id, format!("condition `{}` used twice", item.id), RENAME);
            }
            r.need(&n.id, &format!("conditions.{}.text_zh", item.id), &item.text_zh);
            r.need(&n.id, &format!("conditions.{}.text_en", item.id), &item.text_en);
        }
    }
    for z in &f.not_covered {
        if f.document.kind != DocKind::Baseline {
            r.add_hint(&z.id, "`[[not_covered]]` belongs in the baseline document", "move it to the baseline's rules file");
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
            r.add_hint(&def.id, "id used twice", RENAME);
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
            r.add_hint(&sid, "sector id must be a lowercase slug (a-z, 0-9, -)", SLUG);
        }
        if !sector_ids.insert(s.id.as_str()) {
            r.add_hint(&sid, "sector id used twice", RENAME);
        }
        if s.number <= last_number {
            r.add_hint(&sid, format!("sector number {} is out of source order", s.number), "order and number the sectors as the source prints them");
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
            r.add_hint(&sid, format!("scenario id `{}` must be a lowercase slug", sc.id), SLUG);
        }
        if !scenarios.insert(sc.id.as_str()) {
            r.add_hint(&sid, format!("scenario id `{}` used twice", sc.id), RENAME);
        }
        r.need(&format!("{sid} scenario {}", sc.id), "name_zh", &sc.name_zh);
        r.need(&format!("{sid} scenario {}", sc.id), "name_en", &sc.name_en);
    }
    let mut groups = BTreeSet::new();
    for g in &s.groups {
        if !is_slug(&g.id) {
            r.add_hint(&sid, format!("group id `{}` must be a lowercase slug", g.id), SLUG);
        }
        if !groups.insert(g.id.as_str()) || scenarios.contains(g.id.as_str()) {
            r.add_hint(&sid, format!("group id `{}` used twice", g.id), "rename one of them (a group's id differs from every scenario's too)");
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
            r.add_hint(&iid, "item number used twice (ids would collide)", "number the items as the source prints them");
        }
        if it.number != last + 1 {
            r.add_hint(&iid, format!("item number {} does not follow {} (numbers are as printed, in source order)", it.number, last), "number the items as the source prints them, with no gap");
        }
        last = it.number;
        if it.printed_number && printed_done {
            r.add_hint(&iid, "a printed number after an unnumbered clause", "put the unnumbered clauses (`printed_number = false`) after the numbered items");
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
                r.add_hint(&iid, format!("names scenario `{sc}`, which the sector does not have"), "correct the id, or add the scenario to the sector's `[[sectors.scenarios]]`");
            }
            used_scenarios.insert(sc.clone());
        }
        let mut keys = BTreeSet::new();
        for e in &it.exceptions {
            let eid = format!("{iid}:{}", e.key);
            if !is_slug(&e.key) {
                r.add_hint(&eid, "exception key must be a lowercase slug", SLUG);
            }
            if !keys.insert(e.key.as_str()) {
                r.add_hint(&eid, "exception key used twice in this item", RENAME);
            }
            if matches!(e.kind, ExceptionKind::NotApplicable | ExceptionKind::Exempt | ExceptionKind::Precondition) {
                r.add_hint(&eid, "`not_applicable`, `exempt` and `precondition` are sector-level", "put it under `[[sectors.exceptions]]`");
            }
            if e.kind == ExceptionKind::Escalation && (it.kind != Kind::PersonalInformation || it.pathway != Pathway::StandardContractOrCertification) {
                r.add_hint(&eid, "an `escalation` belongs to a contract-tier personal-information item", "move it to such an item, or change its `kind`");
            }
            if e.kind != ExceptionKind::Escalation && it.kind == Kind::PersonalInformation {
                r.add_hint(&eid, "a personal-information item's carve-out of graver data is kind `escalation`", "set `kind = \"escalation\"`");
            }
            r.need(&eid, "text_zh", &e.text_zh);
            r.need(&eid, "text_en", &e.text_en);
            r.need(&eid, "question_zh", &e.question_zh);
        }
        match it.kind {
            Kind::ImportantData => {
                if it.scope.is_some() || !it.bands.is_empty() || !it.not_counted.is_empty() {
                    r.add_hint(&iid, "an important-data item has no `scope`, `bands` or `not_counted`", "remove them, or make the item `kind = \"personal_information\"`");
                }
            }
            Kind::PersonalInformation => {
                if it.pathway == Pathway::OtherLawfulPathway {
                    r.add_hint(&iid, "a personal-information item needs an assessment or a contract pathway", "set `pathway` to `security_assessment` or `standard_contract_or_certification`");
                }
                if !it.scenarios.is_empty() {
                    r.add_hint(&iid, "a personal-information item names its scenarios in `scope`", "move `scenarios` into `scope`");
                }
                if it.not_counted.is_empty() {
                    r.add_hint(&iid, "`not_counted` is missing", "copy the articles the item names");
                }
                let Some(scope) = &it.scope else {
                    r.add_hint(&iid, "`scope` is missing", "give `scope = { kind = … }`: `all`, `limited`, `other_scenarios` or `all_except`, as the item reads");
                    continue;
                };
                for sc in &scope.scenarios {
                    if !scenarios.contains(sc.as_str()) {
                        r.add_hint(&iid, format!("scope names scenario `{sc}`, which the sector does not have"), "correct the id, or add the scenario to the sector's `[[sectors.scenarios]]`");
                    }
                    used_scenarios.insert(sc.clone());
                }
                match scope.kind {
                    ScopeKind::Limited => {
                        if scope.scenarios.is_empty() {
                            r.add_hint(&iid, "a `limited` scope lists its scenarios", "name them in the scope's `scenarios`");
                        }
                        if !scope.except_items.is_empty() {
                            r.add_hint(&iid, "a `limited` scope has no `except_items`", "remove `except_items`");
                        }
                        for b in &it.bands {
                            if !scope.contains.is_empty() && !scope.contains.contains(&b.measure) {
                                r.add_hint(&iid, "`contains` must include every measure the bands count", "add the bands' measures to `contains`");
                            }
                        }
                    }
                    ScopeKind::OtherScenarios | ScopeKind::AllExcept => {
                        if scope.except_items.is_empty() {
                            r.add_hint(&iid, "this scope names the items it leaves out in `except_items`", "list their numbers in `except_items`");
                        }
                        for n in &scope.except_items {
                            if !pi_limited.contains(n) {
                                r.add_hint(&iid, format!("`except_items` names item {n}, which is not a scenario-limited personal-information item of this sector"), "correct the number, or remove it");
                            }
                        }
                        if !scope.scenarios.is_empty() || !scope.contains.is_empty() {
                            r.add_hint(&iid, "this scope lists no scenarios and no `contains`", "remove `scenarios` and `contains` from the scope");
                        }
                    }
                    ScopeKind::All => {
                        if !scope.scenarios.is_empty() || !scope.except_items.is_empty() {
                            r.add_hint(&iid, "an `all` scope lists neither scenarios nor items", "remove `scenarios` and `except_items` from the scope");
                        }
                    }
                }
                if it.bands.is_empty() {
                    r.add_hint(&iid, "a personal-information item needs `bands`", "give the thresholds the item prints, such as `bands = [{ measure = \"persons\", at_least = 100000 }]`");
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
                        r.add_hint(&iid, format!("`overflow_to = {n}`: a scenario-limited contract item overflows into a catch-all assessment item whose open-ended band of the same measure starts at or below its ceiling"), "correct the number, or remove `overflow_to`");
                    }
                }
                for b in &it.bands {
                    for g in b.group.iter().chain(&b.groups).chain(&b.also_groups) {
                        used_groups.insert(g.clone());
                    }
                    if scope.kind != ScopeKind::Limited && (b.group.is_some() || !b.groups.is_empty() || !b.also_groups.is_empty()) {
                        r.add_hint(&iid, "only a `limited` item's bands name a group", "remove `group`, `groups` and `also_groups` from the bands");
                    }
                    if b.group.is_some() && !b.groups.is_empty() {
                        r.add_hint(&iid, "a band names one `group` or several `groups`, not both", "merge them into `groups`");
                    }
                    if !b.also_groups.is_empty() && b.group.is_none() && b.groups.is_empty() {
                        r.add_hint(&iid, "`also_groups` adds to named groups, and the band names none", "name them in `group` or `groups`");
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
            r.add_hint(&sid, format!("scenario `{sc}` is used by no item"), "name it in the items it applies to, or remove it");
        }
    }
    for g in &groups {
        if !used_groups.contains(*g) {
            r.add_hint(&sid, format!("group `{g}` is used by no item"), "name it in the bands it applies to, or remove it");
        }
    }
    let mut keys = BTreeSet::new();
    for e in &s.exceptions {
        let eid = format!("{sid}:{}", e.key);
        if !is_slug(&e.key) || !keys.insert(e.key.as_str()) {
            r.add_hint(&eid, "sector exception key must be a unique lowercase slug", "give it a key of lowercase letters, digits and `-` that no other exception of the sector uses");
        }
        if !matches!(e.kind, ExceptionKind::NotApplicable | ExceptionKind::Exempt | ExceptionKind::Precondition) {
            r.add_hint(&eid, "a sector-level exception is `not_applicable`, `exempt` or `precondition`", "move it under its item's `[[sectors.items.exceptions]]`, or change its `kind`");
        }
        if e.kind == ExceptionKind::Precondition {
            if e.items.is_empty() {
                r.add_hint(&eid, "a precondition names the items it governs in `items`", "list their numbers in `items`");
            }
            for n in &e.items {
                let limited_pi = s.items.iter().any(|i| {
                    i.number == *n && i.kind == Kind::PersonalInformation && i.scope.as_ref().is_some_and(|sc| sc.kind == ScopeKind::Limited)
                });
                if !limited_pi {
                    r.add_hint(&eid, format!("precondition governs item {n}, which is not a scenario-limited personal-information item (a catch-all must never take nobody)"), "correct the number, or remove it from `items`");
                }
            }
        } else if !e.items.is_empty() {
            r.add_hint(&eid, "only a precondition lists `items`", "remove `items`");
        }
        if let Some(other) = &e.instead {
            if e.kind != ExceptionKind::NotApplicable || !all_sectors.contains(other.as_str()) || other == &s.id {
                r.add_hint(&eid, format!("`instead = \"{other}\"` names another sector of this list, on a `not_applicable` answer"), "give the id of another sector of this list, or remove `instead`");
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
                r.add_hint(who, format!("band names group `{g}`, which the sector does not have"), "correct the id, or add the group to the sector's `[[sectors.groups]]`");
            }
        }
        match (b.at_least, b.below) {
            (None, None) => r.add_hint(who, "a band needs `at_least` (以上) or `below` (不满)", "copy the thresholds the source prints"),
            (Some(lo), Some(hi)) if lo >= hi => r.add_hint(who, format!("band {lo}..{hi} is empty"), "make `at_least` less than `below`, as the source prints them"),
            (Some(0), _) => r.add_hint(who, "`at_least = 0` is meaningless", "omit it"),
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
    // A band counting several classes together beside each class's own chain (人工智能 item 7's
    // "音频、图像数据", also counted apart): above its ceiling, each class's own bands decide,
    // provided one class must then reach its own chain's floor and each chain ends in the
    // assessment.
    let apart = |key: &str, members: &[&str], measure: Measure, ceiling: u64| {
        members.len() > 1
            && members.iter().all(|m| {
                chains.get(&(key.to_string(), Some(m.to_string()), measure)).is_some_and(|c| {
                    let floor = c.iter().map(|b| b.band.at_least.unwrap_or(1)).min().unwrap_or(1);
                    c.iter().any(|b| b.band.below.is_none() && b.pathway == Pathway::SecurityAssessment) && ceiling / members.len() as u64 >= floor
                })
            })
    };
    let mut also_apart = BTreeSet::new();
    for ((key, group, measure), v) in &chains {
        if let (Some(g), [only]) = (group, v.as_slice()) {
            let members: Vec<&str> = g.split(" + ").collect();
            if only.band.below.is_some_and(|hi| apart(key, &members, *measure, hi)) {
                also_apart.insert((key.clone(), g.clone(), *measure));
            }
        }
    }
    for ((key, group, measure), mut v) in chains {
        v.sort_by_key(|b| b.band.at_least.unwrap_or(1));
        let counted_apart = group.as_ref().is_some_and(|g| also_apart.contains(&(key.clone(), g.clone(), measure)));
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
                None => r.add_hint(&name, format!("{} is open-ended but {} starts above it: the bands overlap", a.who, b.who), format!("end {} where {} starts (`below = {lo}`)", a.who, b.who)),
                Some(hi) if hi > lo => r.add_hint(&name, format!("{} (below {hi}) overlaps {} (from {lo})", a.who, b.who), format!("make the bands meet: `below = {lo}` in {}, or `at_least = {hi}` in {}", a.who, b.who)),
                Some(hi) if hi < lo => r.add_hint(&name, format!("gap between {} (below {hi}) and {} (from {lo})", a.who, b.who), format!("make the bands meet: `below = {lo}` in {}, or `at_least = {hi}` in {}", a.who, b.who)),
                _ => {}
            }
            if a.pathway != Pathway::StandardContractOrCertification {
                r.add_hint(&name, format!("{} lies below another band, so it should be a contract band", a.who), "check its `pathway` and its bands against the source");
            }
        }
        if let Some(top) = v.last() {
            if top.band.below.is_some() && v.len() > 1 {
                r.add_hint(&name, format!("the highest band ({}) should be open-ended", top.who), "remove its `below`, or add the band above it");
            }
            if top.band.below.is_none() && top.pathway != Pathway::SecurityAssessment {
                r.add_hint(&name, format!("the open-ended band ({}) should need the security assessment", top.who), "check its `pathway` and its bands against the source");
            }
            if v.len() == 1 && top.pathway == Pathway::StandardContractOrCertification && !top.overflows && !counted_apart {
                r.add_hint(&name, format!("contract band {} has no assessment band above it", top.who), "add the assessment band above it, or an `overflow_to` to a catch-all assessment item");
            }
        }
    }
}

/// The advice a problem's text once carried after a colon or semicolon; it is the hint's now.
#[cfg(test)]
const ADVICE: &[&str] = &[": give ", ": put ", "; put ", ": copy ", ": add ", ": name them", "; list only", ": list ", ": omit", ": use ", ": lowercase letters"];

/// Every problem says what is wrong, on one line, with no advice in it; a hint, when there is
/// one, says what to do. Returns how many have a hint.
#[cfg(test)]
pub(crate) fn assert_split(problems: &[Problem]) -> usize {
    for p in problems {
        let line = p.to_string();
        assert!(!p.problem.trim().is_empty() && !line.contains('\n') && !line.contains('!'), "{line}");
        assert!(!p.problem.contains("hint:"), "{line}");
        if let Some(a) = ADVICE.iter().find(|a| p.problem.contains(**a)) {
            panic!("advice {a:?} left in the problem: {line}");
        }
        if let Some(h) = &p.hint {
            assert!(!h.trim().is_empty() && !h.ends_with('.') && line.ends_with(&format!("; hint: {h}")), "{line}");
        }
    }
    problems.iter().filter(|p| p.hint.is_some()).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Source;

    fn parse(text: &str) -> Result<Rules, Vec<Problem>> {
        crate::parse(&[Source { name: "rules/t.toml".into(), text: text.into() }])
    }

    /// The problems of one file's calendar, document and dates checks, each checked by
    /// [`assert_split`].
    fn found(text: &str) -> Vec<Problem> {
        let rules = parse(text).unwrap_or_else(|p| panic!("{p:?}"));
        let mut out = lint_calendars(&rules.calendars);
        for d in &rules.documents {
            let mut r = Report { file: &d.name, out: Vec::new() };
            lint_document(&mut r, &d.file, &BTreeSet::new(), &BTreeSet::new());
            lint_dates(&mut r, &d.file);
            out.extend(r.out);
        }
        assert_split(&out);
        out
    }

    fn problems(text: &str) -> String {
        found(text).iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
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
        assert!(p.contains("x.m: a checklist needs at least one material in `items`; hint: add a `[[materials.items]]` for each material the source lists"), "{p}");
        let twice = format!("{ITEM}{ITEM}[[materials.items]]\nid = \"Bad Id\"\ntext_zh = \"\"\ntext_en = \"x\"\n");
        let p = problems(&format!("{DOCUMENT}{}", checklist("x.m", "caveat_zh = \"以指南为准\"\n", &twice)));
        for want in [
            "x.m:declaration: material id used twice in this checklist (ticks are kept by it); hint: rename one of them".to_string(),
            format!("x.m:Bad Id: a material's id must be a lowercase slug (a-z, 0-9, -); hint: {SLUG}"),
            "x.m:Bad Id: `text_zh` is missing or empty; hint: give `text_zh` its Chinese text".to_string(),
            "x.m: a caveat is given in both languages (`caveat_zh` and `caveat_en`) or not at all; hint: add the missing language, or remove the one given".to_string(),
        ] {
            assert!(p.contains(&want), "{want:?} in:\n{p}");
        }
        let p = problems(&format!("{DOCUMENT}{}", checklist("x.m", "title_en = \"\"\n", ITEM).replace("title_en = \"Checklist\"\n", "")));
        assert!(p.contains("x.m: `title_en` is missing or empty; hint: give `title_en` its English text"), "{p}");
        // An unknown key is refused by the schema, naming it (a TOML error has no hint).
        let e = parse(&format!("{DOCUMENT}{}", checklist("x.m", "text_zh = \"x\"\n", ITEM))).err().unwrap();
        assert!(e[0].problem.contains("text_zh") && e[0].hint.is_none(), "{e:?}");
    }

    #[test]
    fn a_note_names_only_sectors_a_list_has() {
        const LIST: &str = "[document]\nid = \"zz-2025\"\nkind = \"list\"\ntitle_zh = \"清单\"\ntitle_en = \"List\"\nsource = \"x.txt\"\nissued = \"2025-01\"\nin_force = 2025-01-01\nzone = \"zz\"\n[[sectors]]\nid = \"auto\"\nnumber = 1\nname_zh = \"汽车\"\nname_en = \"Auto\"\nheading_zh = \"一、汽车\"\nitems = []\n";
        let problems = |sectors: &str| -> Vec<String> {
            let warning = format!("{DOCUMENT}[[warnings]]\nid = \"x.w\"\nwhen = \"always\"\nsectors = {sectors}\ntext_zh = \"注\"\ntext_en = \"Note\"\ncitation = {{ section = \"第一条\", item = \"\" }}\n");
            let r = crate::parse(&[Source { name: "rules/a.toml".into(), text: warning }, Source { name: "rules/l.toml".into(), text: LIST.into() }]).unwrap_or_else(|e| panic!("{e:?}"));
            lint_documents(&r.documents).iter().map(|p| p.to_string()).filter(|p| p.contains("x.w")).collect()
        };
        assert_eq!(problems("[\"zz-2025.auto\"]"), Vec::<String>::new());
        // A list the folder does not hold is not checked (a deployment without it).
        assert_eq!(problems("[\"bj-2025.auto\"]"), Vec::<String>::new());
        for bad in ["zz-2025.cars", "auto", "zz-2025."] {
            let p = problems(&format!("[\"{bad}\"]"));
            let want = format!("rules/a.toml: x.w: `sectors` names `{bad}`, which is no list's sector; hint: name a sector as `<list>.<sector>`: one of zz-2025.auto");
            assert_eq!(p, vec![want], "{bad}");
        }
    }

    #[test]
    fn checklist_ids_are_unique_across_documents() {
        let a = format!("{DOCUMENT}{}", checklist("x.m", "", ITEM));
        let b = format!("{}zone = \"z\"\n{}", DOCUMENT.replace("id = \"x\"", "id = \"y\"").replace("baseline", "measures"), checklist("x.m", "", ITEM));
        let rules = crate::parse(&[Source { name: "rules/a.toml".into(), text: a }, Source { name: "rules/b.toml".into(), text: b }]);
        let p: Vec<String> = match rules {
            Ok(r) => {
                let p = lint_documents(&r.documents);
                assert_split(&p);
                p.iter().map(|p| p.to_string()).collect()
            }
            Err(e) => panic!("{e:?}"),
        };
        assert!(p.iter().any(|x| x == "rules/b.toml: x.m: id used twice (also in rules/a.toml); hint: rename one of them"), "{p:?}");
    }

    #[test]
    fn a_document_is_dated_and_its_notes_within_it() {
        let p = problems(&DOCUMENT.replace("in_force = 2024-03-22\n", ""));
        assert!(p.contains("document: `in_force` is required; hint: give the first day this edition is in force, a TOML date such as 2024-03-22"), "{p}");
        let p = problems(&format!("{DOCUMENT}until = 2024-03-01\ndates_reading_zh = \"按发布日\"\n"));
        assert!(p.contains("`until` 2024-03-01 is before `in_force` 2024-03-22; hint: correct one of the two from the source"), "{p}");
        assert!(p.contains("in both languages (`dates_reading_zh` and `dates_reading_en`) or not at all; hint: add the missing language, or remove the one given"), "{p}");
        // A time is not a day; TOML itself refuses 2024-02-30.
        assert!(parse(&DOCUMENT.replace("in_force = 2024-03-22", "in_force = 2024-03-22T10:00:00")).is_err());
        assert!(parse(&DOCUMENT.replace("in_force = 2024-03-22", "in_force = 2024-02-30")).is_err());
        let note = |dates: &str| format!("{DOCUMENT}until = 2026-12-31\n[[warnings]]\nid = \"x.w\"\nwhen = \"always\"\ntext_zh = \"注\"\ntext_en = \"Note\"\ncitation = {{ section = \"第一条\", item = \"\" }}\n{dates}");
        assert_eq!(problems(&note("in_force = 2025-01-01\nuntil = 2025-12-31\n")), "");
        let p = problems(&note("in_force = 2024-01-01\nuntil = 2027-01-01\n"));
        assert!(p.contains("x.w: `in_force` 2024-01-01 is before its document's (2024-03-22); hint: remove it (a note starts with its document), or correct it"), "{p}");
        assert!(p.contains("x.w: `until` 2027-01-01 is after its document's (2026-12-31); hint: remove it (a note ends with its document), or correct it"), "{p}");
        assert!(problems(&note("in_force = 2025-06-01\nuntil = 2025-05-31\n")).contains("would never hold; hint: correct one of the two from the source"));
        // A checklist may start after its document, never before it.
        let checklist = |dates: &str| format!("{DOCUMENT}[[materials]]\nid = \"x.m\"\nwhen = \"certification\"\ntitle_zh = \"材料\"\ntitle_en = \"Materials\"\ncitation = {{ section = \"第一条\", item = \"\" }}\n{dates}[[materials.items]]\nid = \"a\"\ntext_zh = \"甲\"\ntext_en = \"A\"\n");
        assert_eq!(problems(&checklist("in_force = 2026-01-01\n")), "");
        assert!(problems(&checklist("in_force = 2024-01-01\n")).contains("x.m: `in_force` 2024-01-01 is before its document's (2024-03-22); hint: remove it (a checklist starts with its document), or correct it"));
    }

    #[test]
    fn the_national_rules_the_engine_names_are_proved_present() {
        let rules = parse(DOCUMENT).unwrap();
        let found = lint(&rules);
        assert_eq!(assert_split(&found), found.len());
        let p: Vec<String> = found.iter().map(|p| p.to_string()).collect();
        assert_eq!(p.len(), crate::keys::NATIONAL_RULES.len(), "{p:?}");
        assert!(p.iter().any(|x| x.starts_with("rules/t.toml: national.art6: the engine relies on this national rule (")), "{p:?}");
        assert!(p.iter().all(|x| x.ends_with(", which the baseline does not have; hint: add it to the baseline, or change crates/rules/src/keys.rs and the engine together")), "{p:?}");
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
            let p = lint_editions(&r.documents);
            assert_eq!(assert_split(&p), p.len());
            p.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
        };
        assert_eq!(run("in_force = 2024-03-22\nuntil = 2024-12-31\n", "in_force = 2025-01-01\n"), "");
        let hint = "; hint: make the `until` of x-2024 the day before the `in_force` of x-2025";
        assert_eq!(run("in_force = 2024-03-22\nuntil = 2025-01-01\n", "in_force = 2025-01-01\n"), format!("rules/x-2025.toml: document: editions of `x` overlap: x-2024 runs to 2025-01-01, x-2025 starts 2025-01-01{hint}"));
        assert!(run("in_force = 2024-03-22\nuntil = 2024-12-30\n", "in_force = 2025-01-01\n").contains(&format!("leave a gap: x-2024 ends 2024-12-30, x-2025 starts 2025-01-01{hint}")));
        assert!(run("in_force = 2024-03-22\n", "in_force = 2025-01-01\n").contains(&format!("x-2024 has no `until` but x-2025 starts 2025-01-01{hint}")));
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
            "year 2026: `off_days`: \"2026-02-30\" is not a date YYYY-MM-DD; hint: write it as a string such as \"2026-10-01\"",
            "`off_days`: \"2026/10/02\" is not a date YYYY-MM-DD; hint: write it as a string such as \"2026-10-01\"",
            "`off_days`: 2025-10-01 is not in 2026; hint: correct the year, or move the day to its own year's `[[years]]`",
            "`off_days`: 2026-10-01 listed twice; hint: remove one of them",
            "2026-10-01 is both a day off and a working day; hint: keep it in `off_days` or in `working_days`, as the notice says",
            "`working_days`: 2026-10-09 is a weekday, a working day anyway; hint: list only the Saturdays and Sundays worked",
            "year 2026: year listed twice (also in rules/t.toml); hint: merge the two `[[years]]` tables into one",
            "year 2026: `notice` names no notice; hint: give the State Council notice's reference",
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
        assert!(p.contains("x.o: condition `purpose-unchanged` used twice; hint: rename one of them"), "{p}");
        assert!(p.contains("x.o: `conditions.purpose-unchanged.text_zh` is missing or empty; hint: give `conditions.purpose-unchanged.text_zh` its Chinese text"), "{p}");
        let bad_id = good.replace("purpose-unchanged", "Purpose Unchanged");
        let p = problems(&format!("{}{bad_id}", obligation(deadline)));
        assert!(p.contains(&format!("x.o: condition id `Purpose Unchanged` is not a lowercase slug; hint: {SLUG}")) && SLUG.contains("lowercase letters"), "{p}");
        let undated = format!("{DOCUMENT}[[obligations]]\nid = \"x.o\"\nwhen = \"always\"\ntext_zh = \"备案\"\ntext_en = \"File\"\ncitation = {{ section = \"第七条\" }}\n{good}");
        assert!(problems(&undated).contains("x.o: `conditions` are asked once the date of the obligation's deadline is given, and it has no `deadline`; hint: add a `deadline`"));
        // A deadline on the day itself takes no count.
        assert_eq!(problems(&obligation("{ from = \"assessment_band_reached\", on_the_day = true, label_zh = \"x\", label_en = \"x\" }")), "");
        let p = problems(&obligation("{ from = \"assessment_band_reached\", on_the_day = true, working_days = 1, label_zh = \"x\", label_en = \"x\" }"));
        assert!(p.contains("x.o: a deadline `on_the_day` falls on the date itself, yet it has a count; hint: give no count"), "{p}");
    }

    #[test]
    fn deadlines_name_a_scenario_date_and_one_count() {
        assert_eq!(problems(&obligation("{ from = \"contract_effective\", working_days = 10, label_zh = \"备案期限\", label_en = \"Filing\" }")), "");
        assert_eq!(problems(&obligation("{ from = \"assessment_issued\", years = 3, window_before_expiry_working_days = 60, label_zh = \"延长\", label_en = \"Extend\" }")), "");
        let e = parse(&obligation("{ from = \"contract_signed\", working_days = 10, label_zh = \"x\", label_en = \"x\" }")).err().unwrap();
        assert!(e[0].problem.contains("unknown variant `contract_signed`") && e[0].problem.contains("contract_effective"), "{e:?}");
        for (deadline, want) in [
            ("{ from = \"contract_effective\", label_zh = \"x\", label_en = \"x\" }", "a deadline needs `working_days` (n working days after the date) or `years` (a validity); hint: give the count the source sets, or `on_the_day = true` for the date itself"),
            ("{ from = \"contract_effective\", working_days = 10, years = 3, label_zh = \"x\", label_en = \"x\" }", "a deadline counts `working_days` or `years`, not both; hint: keep the one the source sets"),
            ("{ from = \"contract_effective\", working_days = 10, window_before_expiry_working_days = 60, label_zh = \"x\", label_en = \"x\" }", "`window_before_expiry_working_days` counts back from the end of a validity, and the deadline has no `years`; hint: give `years`, not `working_days`"),
            ("{ from = \"contract_effective\", working_days = 0, label_zh = \"x\", label_en = \"x\" }", "a deadline's count is out of range (working days 1 to 250, years 1 to 10)"),
            ("{ from = \"contract_effective\", working_days = 10, label_zh = \"\", label_en = \"x\" }", "`deadline.label_zh` is missing or empty; hint: give `deadline.label_zh` its Chinese text"),
        ] {
            let p = problems(&obligation(deadline));
            assert_eq!(p, format!("rules/t.toml: x.o: {want}"));
        }
        let warning = format!("{DOCUMENT}[[warnings]]\nid = \"x.w\"\nwhen = \"always\"\ntext_zh = \"注意\"\ntext_en = \"Mind\"\ncitation = {{ section = \"一\" }}\ndeadline = {{ from = \"transfer_start\", working_days = 15, label_zh = \"x\", label_en = \"x\" }}\n");
        assert!(problems(&warning).contains("x.w: a `deadline` belongs to an obligation, not a warning; hint: make the note an `[[obligations]]`, or remove the `deadline`"));
    }

    /// A band counting two classes together beside each class's own bands (人工智能 item 7) needs
    /// no assessment band of its own above it, only where above its ceiling one class must reach
    /// its own bands, which end in the assessment.
    #[test]
    fn a_band_of_classes_also_counted_apart_needs_no_assessment_band_of_its_own() {
        let list = |together: &str| {
            let pi = |n: u32, pathway: &str, bands: &str| format!("[[sectors.items]]\nnumber = {n}\nkind = \"personal_information\"\npathway = \"{pathway}\"\ntitle_en = \"T\"\ntext_zh = \"文\"\nscope = {{ kind = \"limited\", scenarios = [\"rd\"] }}\nbands = [{bands}]\nnot_counted = [\"art3\"]\ncitation = {{ section = \"一\", item = \"第{n}项\" }}\n");
            let sector = "[[sectors]]\nid = \"ai\"\nnumber = 1\nname_zh = \"人工智能\"\nname_en = \"AI\"\nheading_zh = \"一、人工智能\"\n[[sectors.scenarios]]\nid = \"rd\"\nname_zh = \"研发\"\nname_en = \"R&D\"\n[[sectors.groups]]\nid = \"a\"\nname_zh = \"音频\"\nname_en = \"Audio\"\n[[sectors.groups]]\nid = \"b\"\nname_zh = \"图像\"\nname_en = \"Image\"\n";
            format!(
                "{DOCUMENT}{sector}{}{}",
                pi(1, "security_assessment", "{ group = \"a\", measure = \"sensitive_persons\", at_least = 50000 }, { group = \"b\", measure = \"sensitive_persons\", at_least = 50000 }"),
                pi(2, "standard_contract_or_certification", &format!("{{ group = \"a\", measure = \"sensitive_persons\", at_least = 10000, below = 50000 }}, {{ group = \"b\", measure = \"sensitive_persons\", at_least = 10000, below = 50000 }}, {together}")),
            )
            .replace("baseline", "list")
            .replace("in_force = 2024-03-22\n", "in_force = 2024-03-22\nzone = \"z\"\n")
        };
        let no_band_above = |text: &str| found(text).iter().any(|p| p.problem.contains("has no assessment band above it"));
        assert!(!no_band_above(&list("{ groups = [\"a\", \"b\"], measure = \"sensitive_persons\", at_least = 10000, below = 50000 }")), "{:#?}", found(&list("{ groups = [\"a\", \"b\"], measure = \"sensitive_persons\", at_least = 10000, below = 50000 }")));
        // Together under 15,000, one class may stay under its own floor (7,499 + 7,500): not proved.
        assert!(no_band_above(&list("{ groups = [\"a\", \"b\"], measure = \"sensitive_persons\", at_least = 5000, below = 15000 }")));
    }

    /// Issue 10: the advice of a message is its hint. The broken inputs of the tests above, and
    /// more: each problem found says what is wrong, and the ones whose message used to end in
    /// advice carry it as their hint.
    #[test]
    fn problems_say_what_is_wrong_and_hints_what_to_do() {
        let item = |fields: &str| format!("{DOCUMENT}[[sectors]]\nid = \"auto\"\nnumber = 1\nname_zh = \"汽车\"\nname_en = \"Auto\"\nheading_zh = \"一、汽车\"\n[[sectors.scenarios]]\nid = \"rd\"\nname_zh = \"研发\"\nname_en = \"R&D\"\n[[sectors.items]]\nnumber = 1\ntitle_en = \"T\"\ntext_zh = \"文\"\ncitation = {{ section = \"一\", item = \"第1项\" }}\n{fields}").replace("baseline", "list").replace("in_force = 2024-03-22\n", "in_force = 2024-03-22\nzone = \"z\"\n");
        let broken = [
            DOCUMENT.replace("in_force = 2024-03-22\n", ""),
            format!("{CALENDAR}[[years]]\nyear = 2026\nnotice = []\noff_days = [\"2026-10-01\"]\nworking_days = [\"2026-10-09\"]\n"),
            format!("{DOCUMENT}{}", checklist("x.m", "caveat_zh = \"以指南为准\"\n", &format!("{ITEM}{ITEM}"))),
            obligation("{ from = \"assessment_band_reached\", on_the_day = true, working_days = 1, label_zh = \"x\", label_en = \"x\" }"),
            obligation("{ from = \"contract_effective\", working_days = 10, window_before_expiry_working_days = 60, label_zh = \"x\", label_en = \"x\" }"),
            format!("{DOCUMENT}[[obligations]]\nid = \"x.o\"\nwhen = \"always\"\ntext_zh = \"备案\"\ntext_en = \"File\"\ncitation = {{ section = \"第七条\" }}\n[obligations.conditions]\nmet_zh = \"可\"\nmet_en = \"Yes\"\nnot_met_zh = \"否\"\nnot_met_en = \"No\"\n[[obligations.conditions.items]]\nid = \"Bad Id\"\ntext_zh = \"x\"\ntext_en = \"x\"\n"),
            format!("{DOCUMENT}zone = \"z\"\n[[sectors]]\nid = \"auto\"\nnumber = 1\nname_zh = \"x\"\nname_en = \"x\"\nheading_zh = \"x\"\nitems = []\n").replace("baseline", "measures"),
            item("kind = \"personal_information\"\npathway = \"standard_contract_or_certification\"\nscope = { kind = \"limited\", scenarios = [\"rd\"] }\nbands = [{ measure = \"persons\", at_least = 0, below = 100000, also_groups = [\"g\"] }]\n[[sectors.items.exceptions]]\nkey = \"na\"\nkind = \"not_applicable\"\ntext_zh = \"x\"\ntext_en = \"x\"\nquestion_zh = \"x\"\n"),
        ];
        let mut all = Vec::new();
        for text in &broken {
            let p = found(text);
            assert!(!p.is_empty(), "nothing found in:\n{text}");
            all.extend(p);
        }
        let moved = [
            ("`in_force` is required", "give the first day this edition is in force, a TOML date such as 2024-03-22"),
            ("`notice` names no notice", "give the State Council notice's reference"),
            ("`working_days`: 2026-10-09 is a weekday, a working day anyway", "list only the Saturdays and Sundays worked"),
            ("a deadline `on_the_day` falls on the date itself, yet it has a count", "give no count (no `working_days`, `years` or `window_before_expiry_working_days`)"),
            ("`window_before_expiry_working_days` counts back from the end of a validity, and the deadline has no `years`", "give `years`, not `working_days`"),
            ("`conditions` are asked once the date of the obligation's deadline is given, and it has no `deadline`", "add a `deadline`"),
            ("condition id `Bad Id` is not a lowercase slug", SLUG),
            ("measures carry no sectors", "put items in the list's file"),
            ("`not_counted` is missing", "copy the articles the item names"),
            ("`at_least = 0` is meaningless", "omit it"),
            ("`also_groups` adds to named groups, and the band names none", "name them in `group` or `groups`"),
            ("`not_applicable`, `exempt` and `precondition` are sector-level", "put it under `[[sectors.exceptions]]`"),
        ];
        for (problem, hint) in moved {
            assert!(all.iter().any(|p| p.problem == problem && p.hint.as_deref() == Some(hint)), "{problem:?} with hint {hint:?} in:\n{all:#?}");
        }
        assert!(all.iter().any(|p| p.problem == "material id used twice in this checklist (ticks are kept by it)" && p.hint.as_deref() == Some(RENAME)), "{all:#?}");
    }
}
