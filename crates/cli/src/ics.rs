//! `xborder check FILE --format ics`: the verdict's dated obligations as an iCalendar file
//! (RFC 5545), written by the `icalendar` crate (CRLF line ends, lines folded at 75 octets, TEXT
//! escaped). One all-day VEVENT per due date; a window is one event from its first to its last
//! day. The output is a function of the input alone: UIDs come from the obligation id and its
//! dates, DTSTAMP from the scenario's latest date (never the clock), so the same scenario gives
//! the same file. A verdict without dated obligations gives a calendar with no event.
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
        o.text_zh.clone(),
        format!("依据：{}", cite_zh(&o.citation)),
        String::new(),
        format!("{}: {}", d.label_en, d.basis_en),
        o.text_en.clone(),
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

/// The calendar of a scenario's verdict.
pub fn render(s: &Scenario, v: &Verdict) -> String {
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

/// Obligations whose deadline has no date, with why (for a note on stderr).
pub fn undated(v: &Verdict) -> impl Iterator<Item = (&str, String)> {
    v.obligations.iter().filter_map(|o| match o.deadline.as_ref().map(|d| d.due) {
        Some(Due::Unknown(why)) => Some((o.id.as_str(), why.en())),
        _ => None,
    })
}
