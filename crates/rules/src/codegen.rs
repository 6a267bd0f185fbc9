//! Writes the parsed rules as one Rust expression per document, in the static types of
//! `xborder_core::catalogue`. The output is `include!`d by the core; no parser reaches the wasm.
use crate::model::*;
use crate::{Parsed, ParsedCalendar};
use std::fmt::Write;

fn s(v: &str) -> String {
    format!("{v:?}")
}

fn opt(v: &Option<String>) -> String {
    match v {
        Some(x) => format!("Some({x:?})"),
        None => "None".into(),
    }
}

fn list<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    let mut out = String::from("&[");
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&f(it));
    }
    out.push(']');
    out
}

fn citation(c: &Citation) -> String {
    format!("Cite {{ section: {}, item: {}, document_zh: {}, document_en: {} }}", s(&c.section), s(&c.item), opt(&c.document_zh), opt(&c.document_en))
}

fn band(b: &Band) -> String {
    let groups: Vec<String> = b.group.iter().chain(&b.groups).cloned().collect();
    format!(
        "Band {{ groups: {}, also_groups: {}, measure: Measure::{:?}, at_least: {:?}, below: {:?} }}",
        list(&groups, |x| s(x)),
        list(&b.also_groups, |x| s(x)),
        b.measure,
        b.at_least,
        b.below
    )
}

fn exception(id: &str, e: &Exception) -> String {
    format!(
        "Exception {{ id: {}, kind: ExceptionKind::{:?}, text_zh: {}, text_en: {}, question_zh: {}, items: &{:?}, instead: {} }}",
        s(&format!("{id}:{}", e.key)),
        e.kind,
        s(&e.text_zh),
        s(&e.text_en),
        s(&e.question_zh),
        e.items.as_slice(),
        opt(&e.instead)
    )
}

/// A linted deadline as the core's `Deadline` (the lint leaves one of three shapes).
fn deadline(d: &Option<Deadline>) -> String {
    let Some(d) = d else { return "None".into() };
    let period = match (d.working_days, d.years, d.window_before_expiry_working_days) {
        _ if d.on_the_day => "Period::OnTheDay".to_string(),
        (Some(n), _, _) => format!("Period::WorkingDaysAfter({n})"),
        (None, Some(y), Some(n)) => format!("Period::WindowBeforeExpiry {{ years: {y}, working_days: {n} }}"),
        (None, Some(y), None) => format!("Period::Years({y})"),
        (None, None, _) => unreachable!("lint: a deadline counts working days or years"),
    };
    format!(
        "Some(Deadline {{ from: DateField::{:?}, period: {period}, label_zh: {}, label_en: {} }})",
        d.from,
        s(&d.label_zh),
        s(&d.label_en)
    )
}

fn conditions(c: &Option<Conditions>) -> String {
    let Some(c) = c else { return "None".into() };
    let items = list(&c.items, |i| format!("Condition {{ id: {}, text_zh: {}, text_en: {} }}", s(&i.id), s(&i.text_zh), s(&i.text_en)));
    format!(
        "Some(Conditions {{ met_zh: {}, met_en: {}, not_met_zh: {}, not_met_en: {}, items: {items} }})",
        s(&c.met_zh),
        s(&c.met_en),
        s(&c.not_met_zh),
        s(&c.not_met_en)
    )
}

fn note(n: &Note) -> String {
    format!(
        "Note {{ id: {}, when: When::{:?}, text_zh: {}, text_en: {}, citation: {}, confirmed: {}, summary: {}, deadline: {}, conditions: {}, in_force: {}, until: {} }}",
        s(&n.id),
        n.when,
        s(&n.text_zh),
        s(&n.text_en),
        citation(&n.citation),
        n.confirmed,
        n.summary,
        deadline(&n.deadline),
        conditions(&n.conditions),
        opt_day(n.in_force),
        opt_day(n.until)
    )
}

/// A day as a constant of the core (`Date::ymd(2024, 3, 22)`); the lint has checked it is real.
fn day(d: Day) -> String {
    format!("Date::ymd({}, {}, {})", d.year, d.month, d.day)
}

fn opt_day(d: Option<Day>) -> String {
    d.map_or("None".into(), |d| format!("Some({})", day(d)))
}

fn item(list_id: &str, sector: &str, it: &Item) -> String {
    let id = format!("{list_id}.{sector}.{}", it.number);
    let scope = match &it.scope {
        Some(sc) => format!(
            "Scope {{ kind: ScopeKind::{:?}, scenarios: {}, except_items: &{:?}, contains: {} }}",
            sc.kind,
            list(&sc.scenarios, |x| s(x)),
            sc.except_items.as_slice(),
            list(&sc.contains, |m| format!("Measure::{m:?}"))
        ),
        None => "Scope { kind: ScopeKind::All, scenarios: &[], except_items: &[], contains: &[] }".into(),
    };
    format!(
        "Item {{ id: {}, number: {}, printed_number: {}, kind: Kind::{:?}, pathway: Pathway::{:?}, title_en: {}, text_zh: {}, detail_zh: {}, detail_en: {}, scenarios: {}, scope: {}, bands: {}, not_counted: {}, exceptions: {}, overflow_to: {:?}, citation: {} }}",
        s(&id),
        it.number,
        it.printed_number,
        it.kind,
        it.pathway,
        s(&it.title_en),
        s(&it.text_zh),
        s(&it.detail_zh),
        s(&it.detail_en),
        list(&it.scenarios, |x| s(x)),
        scope,
        list(&it.bands, band),
        list(&it.not_counted, |a| format!("Article::{a:?}")),
        list(&it.exceptions, |e| exception(&id, e)),
        it.overflow_to,
        citation(&it.citation)
    )
}

fn sector(list_id: &str, sec: &Sector) -> String {
    let sid = format!("{list_id}.{}", sec.id);
    format!(
        "Sector {{ id: {}, number: {}, name_zh: {}, name_en: {}, heading_zh: {}, scenarios: {}, groups: {}, items: {}, exceptions: {}, notes: {} }}",
        s(&sec.id),
        sec.number,
        s(&sec.name_zh),
        s(&sec.name_en),
        s(&sec.heading_zh),
        list(&sec.scenarios, |sc| format!(
            "Scenario {{ id: {}, name_zh: {}, name_en: {}, activity_zh: {}, activity_en: {} }}",
            s(&sc.id), s(&sc.name_zh), s(&sc.name_en), opt(&sc.activity_zh), opt(&sc.activity_en)
        )),
        list(&sec.groups, |g| format!("Group {{ id: {}, name_zh: {}, name_en: {} }}", s(&g.id), s(&g.name_zh), s(&g.name_en))),
        list(&sec.items, |it| item(list_id, &sec.id, it)),
        list(&sec.exceptions, |e| exception(&sid, e)),
        list(&sec.notes, |n| format!(
            "SectorNote {{ number: {}, kind: NoteKind::{:?}, text_zh: {}, text_en: {} }}",
            n.number, n.kind, s(&n.text_zh), s(&n.text_en)
        )),
    )
}

/// The whole catalogue as Rust: `RULES_VERSION` and `DOCUMENTS`.
pub fn generate(version: &str, files: &[Parsed]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "// Generated from rules/*.toml by xborder-rules. Do not edit.");
    let _ = writeln!(out, "pub static RULES_VERSION: &str = {};", s(version));
    let _ = writeln!(out, "pub static DOCUMENTS: &[Document] = &[");
    for p in files {
        let f = &p.file;
        let d = &f.document;
        let _ = writeln!(
            out,
            "Document {{ id: {}, kind: DocKind::{:?}, file: {}, title_zh: {}, title_en: {}, source: {}, issued: {}, zone: {}, zone_zh: {}, zone_en: {}, governs: {}, allows_referral: {}, applies_zh: {}, applies_en: {},",
            s(&d.id), d.kind, s(&p.name), s(&d.title_zh), s(&d.title_en), s(&d.source), s(&d.issued), s(&d.zone), s(&d.zone_zh), s(&d.zone_en), opt(&d.governs), d.allows_referral, s(&d.applies_zh), s(&d.applies_en)
        );
        // The lint has proved `in_force` present; a file without it (a lint finding) gets 1 Jan 1.
        let _ = writeln!(
            out,
            "  in_force: {}, until: {}, dates_reading_zh: {}, dates_reading_en: {}, edition_of: {},",
            day(d.in_force.unwrap_or(Day { year: 1, month: 1, day: 1 })),
            opt_day(d.until),
            s(&d.dates_reading_zh),
            s(&d.dates_reading_en),
            s(d.edition_of.as_deref().unwrap_or(&d.id))
        );
        let _ = writeln!(
            out,
            "  rules: {},",
            list(&f.rules, |r| format!(
                "Rule {{ id: {}, title_en: {}, text_zh: {}, citation: {}, confirmed: {}, pathway: {}, bands: {}, not_counted: {} }}",
                s(&r.id), s(&r.title_en), s(&r.text_zh), citation(&r.citation), r.confirmed,
                match r.pathway { Some(p) => format!("Some(Pathway::{p:?})"), None => "None".into() },
                list(&r.bands, band),
                list(&r.not_counted, |a| format!("Article::{a:?}"))
            ))
        );
        let _ = writeln!(out, "  sectors: {},", list(&f.sectors, |sec| sector(&d.id, sec)));
        let _ = writeln!(out, "  obligations: {},", list(&f.obligations, note));
        let _ = writeln!(out, "  warnings: {},", list(&f.warnings, note));
        let _ = writeln!(
            out,
            "  definitions: {},",
            list(&f.definitions, |df| format!(
                "Definition {{ id: {}, term_zh: {}, term_en: {}, text_zh: {}, text_en: {}, citation: {}, confirmed: {}, summary: {} }}",
                s(&df.id), s(&df.term_zh), s(&df.term_en), s(&df.text_zh), s(&df.text_en), citation(&df.citation), df.confirmed, df.summary
            ))
        );
        let _ = writeln!(out, "  materials: {},", list(&f.materials, checklist));
        let _ = writeln!(
            out,
            "  not_covered: {},",
            list(&f.not_covered, |z| format!(
                "NotCovered {{ id: {}, zone_zh: {}, zone_en: {}, known_zh: {}, known_en: {} }}",
                s(&z.id), s(&z.zone_zh), s(&z.zone_en), s(&z.known_zh), s(&z.known_en)
            ))
        );
        let _ = writeln!(out, "}},");
    }
    let _ = writeln!(out, "];");
    if let Some(b) = files.iter().position(|p| p.file.document.kind == DocKind::Baseline) {
        out.push_str(&crate::keys::generate(b, &files[b].file));
    }
    out.push_str(&crate::classification::generate(files));
    out
}

fn checklist(c: &Checklist) -> String {
    format!(
        "Checklist {{ id: {}, when: When::{:?}, title_zh: {}, title_en: {}, citation: {}, confirmed: {}, summary: {}, caveat_zh: {}, caveat_en: {}, items: {} }}",
        s(&c.id),
        c.when,
        s(&c.title_zh),
        s(&c.title_en),
        citation(&c.citation),
        c.confirmed,
        c.summary,
        s(&c.caveat_zh),
        s(&c.caveat_en),
        list(&c.items, |m| format!("Material {{ id: {}, text_zh: {}, text_en: {} }}", s(&m.id), s(&m.text_zh), s(&m.text_en)))
    )
}

/// The working-day calendar as Rust, in the types of `xborder_core::calendar`: `NOTICE_YEARS`,
/// sorted by year, each year's days as sorted (month, day) pairs.
pub fn calendar(files: &[ParsedCalendar]) -> String {
    let days = |v: &[String]| -> String {
        let mut md: Vec<(u32, u32)> = v.iter().filter_map(|d| ymd(d)).map(|(_, m, d)| (m, d)).collect();
        md.sort();
        list(&md, |(m, d)| format!("({m}, {d})"))
    };
    let mut years: Vec<&NoticeYear> = files.iter().flat_map(|f| &f.file.years).collect();
    years.sort_by_key(|y| y.year);
    let mut out = String::new();
    let _ = writeln!(out, "// Generated from the [calendar] rules file by xborder-rules. Do not edit.");
    let _ = writeln!(out, "pub static NOTICE_YEARS: &[NoticeYear] = &[");
    for y in years {
        let _ = writeln!(
            out,
            "NoticeYear {{ year: {}, notice: {}, off_days: {}, working_days: {} }},",
            y.year,
            list(&y.notice, |n| s(n)),
            days(&y.off_days),
            days(&y.working_days)
        );
    }
    let _ = writeln!(out, "];");
    out
}
