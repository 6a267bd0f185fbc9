//! The iCalendar file of `check --format ics` and of the page's download is written by the core
//! without a dependency (`xborder_core::ics`). This is the writer the CLI first used, built on
//! the `icalendar` crate: for every golden scenario, and for scenarios with every date, the
//! core's file must be byte for byte the one the crate writes.
use icalendar::{Calendar, Component, Event, Property, ValueType};
use xborder_core::calendar::Date;
use xborder_core::scenario::KnownDates;
use xborder_core::verdict::{Citation, Dated, Due, Obligation, Verdict};
use xborder_core::Scenario;

/// `YYYYMMDD`, an iCalendar DATE.
fn ical_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn date_property(key: &str, d: Date) -> Property {
    Property::new(key, ical_date(d)).append_parameter(ValueType::Date).done()
}

fn cite_zh(c: &Citation) -> String {
    format!("《{}》{}{}", c.document, c.section, if c.item.is_empty() { String::new() } else { format!(" {}", c.item) })
}

fn cite_en(c: &Citation) -> String {
    format!("{}, {}{}", c.document_en, c.section, if c.item.is_empty() { String::new() } else { format!(" {}", c.item) })
}

/// The event's text: the count, the obligation in both languages, and its citation.
fn description(o: &Obligation, d: &Dated, rules_version: &str) -> String {
    [
        format!("{}：{}", d.label_zh, d.basis_zh),
        o.text_zh.to_string(),
        format!("依据：{}", cite_zh(&o.citation)),
        String::new(),
        format!("{}: {}", d.label_en, d.basis_en),
        o.text_en.to_string(),
        format!("Source: {}", cite_en(&o.citation)),
        String::new(),
        format!("xborder obligation {} (rules {rules_version}). The Chinese originals control.", o.id),
    ]
    .join("\n")
}

/// One event, or none for an obligation whose date cannot be told.
fn event(o: &Obligation, d: &Dated, stamp: &str, rules_version: &str) -> Option<Event> {
    let (first, last, uid) = match d.due {
        Due::On(day) => (day, day, format!("{}-{}@xborder", o.id, ical_date(day))),
        Due::Window(w) => (w.from, w.until, format!("{}-{}-{}@xborder", o.id, ical_date(w.from), ical_date(w.until))),
        Due::Unknown(_) => return None,
    };
    let mut e = Event::new();
    e.uid(&uid)
        .add_property("DTSTAMP", stamp)
        .summary(&format!("{} / {}", d.label_zh, d.label_en))
        .description(&description(o, d, rules_version))
        .append_property(date_property("DTSTART", first))
        // An all-day event ends (exclusively) on the day after its last day.
        .append_property(date_property("DTEND", last.add_days(1)))
        .add_property("TRANSP", "TRANSPARENT");
    Some(e.done())
}

/// The calendar of a scenario's verdict, as the crate writes it.
fn render(s: &Scenario, v: &Verdict) -> String {
    let stamp = KnownDates::read(&s.dates).ok().and_then(|d| d.latest()).map(|d| format!("{}T000000Z", ical_date(d))).unwrap_or_else(|| "19700101T000000Z".into());
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", format!("-//xborder//xborder {}//EN", env!("CARGO_PKG_VERSION"))))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .append_property(Property::new("X-WR-CALNAME", "xborder"));
    for o in &v.obligations {
        if let Some(e) = o.deadline.as_ref().and_then(|d| event(o, d, &stamp, v.rules_version)) {
            cal.push(e);
        }
    }
    cal.done().to_string()
}

fn check(name: &str, s: &Scenario) -> bool {
    let Ok(v) = xborder_core::evaluate(s) else { return false };
    let ours = xborder_core::ics::render(s, &v);
    let theirs = render(s, &v);
    // The same content lines, unfolded…
    let unfold = |t: &str| t.replace("\r\n ", "");
    assert_eq!(unfold(&ours), unfold(&theirs), "{name}: the core's calendar differs from the icalendar crate's");
    // …folded at 75 octets with no continuation starting with a value's space. (The crate
    // decides that by a character count, so some folds in Chinese-and-English text differ:
    // see `xborder_core::ics`.) Lines of ASCII alone fold at the same points.
    for l in ours.strip_suffix("\r\n").unwrap().split("\r\n") {
        assert!(l.len() <= 75 && !l.starts_with("  ") && !l.starts_with(" \t"), "{name}: {l:?}");
    }
    if theirs.is_ascii() {
        assert_eq!(ours, theirs, "{name}");
    }
    // The crate's parser reads the same events from it.
    let parsed = |t: &str| {
        let u = icalendar::parser::unfold(t);
        let c = icalendar::parser::read_calendar(&u).unwrap();
        c.components.iter().map(|c| (c.name.as_str().to_string(), c.properties.iter().map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string())).collect::<Vec<_>>())).collect::<Vec<_>>()
    };
    assert_eq!(parsed(&ours), parsed(&theirs), "{name}");
    ours.contains("BEGIN:VEVENT")
}

#[test]
fn the_core_writes_what_the_icalendar_crate_writes() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/golden");
    let mut compared = 0;
    let mut with_events = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".scenario.json") {
            continue;
        }
        let Ok(s) = serde_json::from_str::<Scenario>(&std::fs::read_to_string(&path).unwrap()) else { continue };
        compared += 1;
        with_events += check(&name, &s) as usize;
    }
    assert!(compared > 100 && with_events >= 5, "{compared} scenarios, {with_events} with events");
    // Every date at once, across holidays and into a year without a notice; a Chongqing list.
    let all = [
        r#"{"schema":1,"handler":{"in_zone":false,"ciio":false},"personal_information":[{"persons":200000,"sensitive_persons":0}],"dates":{"contract_effective":"2026-09-28","certification_issued":"2026-03-16","assessment_issued":"2023-11-20","transfer_start":"2026-04-30"}}"#,
        r#"{"schema":1,"handler":{"in_zone":false,"ciio":false},"personal_information":[{"persons":1000000,"sensitive_persons":0}],"dates":{"assessment_issued":"2023-11-20"}}"#,
        r#"{"schema":1,"handler":{"in_zone":false,"ciio":false},"personal_information":[{"persons":200000,"sensitive_persons":0}],"dates":{"contract_effective":"2026-12-24"}}"#,
    ];
    for (n, text) in all.iter().enumerate() {
        check(&format!("inline {n}"), &serde_json::from_str(text).unwrap());
    }
}
