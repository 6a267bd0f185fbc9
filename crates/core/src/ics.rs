//! The verdict's dated obligations as an iCalendar file (RFC 5545), written here without a
//! dependency so that the CLI (`xborder check FILE --format ics`) and the page's download give
//! the same bytes for the same scenario.
//!
//! One all-day VEVENT per due date; a window is one event from its first to its last day. The
//! output is a function of the input alone: UIDs come from the obligation id and its dates,
//! DTSTAMP from the scenario's latest date (never the clock). A verdict without dated
//! obligations gives a calendar with no event.
//!
//! The content lines are the ones the `icalendar` crate writes (the CLI's `ics_reference` test
//! checks them against that crate's writer and parser): calendar properties in order, then each
//! event's properties in the order of their names; TEXT values escaped (§3.3.11: `\\`, `\;`,
//! `\,`, `\n`); every content line ends in CRLF and is folded (§3.1) so that no line holds more
//! than 75 octets, never inside a UTF-8 character, a continuation line starting with one space.
//! (The crate moves a fold by a position counted in characters, not octets, when it sees a
//! space there; here the fold moves when the octet after it is a space, so a few folds in
//! mixed Chinese and English text fall elsewhere: the unfolded lines are the same.)
use crate::calendar::Date;
use crate::scenario::KnownDates;
use crate::verdict::{Citation, Dated, Due, Obligation, Verdict};
use crate::Scenario;

/// Longest content line, in octets, CRLF not counted (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// `YYYYMMDD`, an iCalendar DATE.
fn ical_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// A TEXT value, escaped (RFC 5545 §3.3.11).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line, folded and ended with CRLF (RFC 5545 §3.1): the first piece holds at most
/// 75 octets, each further piece a space and at most 74; a piece ends on a character boundary,
/// and never just before a space or tab of the value.
pub fn fold(line: &str, out: &mut String) {
    let mut rest = line;
    let mut room = LINE_OCTETS;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        // A continuation never starts with a space or tab of the value: a reader that trims
        // continuation lines would lose it.
        if matches!(rest.as_bytes()[cut], b' ' | b'\t') {
            cut -= 1;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// The lines of a calendar, written as they are added.
struct Writer(String);

impl Writer {
    /// A property with a TEXT value.
    fn text(&mut self, name: &str, value: &str) {
        fold(&format!("{name}:{}", escape_text(value)), &mut self.0);
    }

    /// A property whose value is written as given (dates, date-times, BEGIN/END).
    fn raw(&mut self, name: &str, value: &str) {
        fold(&format!("{name}:{value}"), &mut self.0);
    }
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
fn event(w: &mut Writer, o: &Obligation, d: &Dated, stamp: &str, rules_version: &str) {
    let (first, last, uid) = match d.due {
        Due::On(day) => (day, day, format!("{}-{}@xborder", o.id, ical_date(day))),
        Due::Window(win) => (win.from, win.until, format!("{}-{}-{}@xborder", o.id, ical_date(win.from), ical_date(win.until))),
        Due::Unknown(_) => return,
    };
    w.raw("BEGIN", "VEVENT");
    // In the order of the names.
    w.text("DESCRIPTION", &description(o, d, rules_version));
    // An all-day event ends (exclusively) on the day after its last day.
    w.raw("DTEND;VALUE=DATE", &ical_date(last.add_days(1)));
    w.raw("DTSTAMP", stamp);
    w.raw("DTSTART;VALUE=DATE", &ical_date(first));
    w.text("SUMMARY", &format!("{} / {}", d.label_zh, d.label_en));
    w.text("TRANSP", "TRANSPARENT");
    w.text("UID", &uid);
    w.raw("END", "VEVENT");
}

/// The calendar of a scenario's verdict.
pub fn render(s: &Scenario, v: &Verdict) -> String {
    let stamp = KnownDates::read(&s.dates).ok().and_then(|d| d.latest()).map(|d| format!("{}T000000Z", ical_date(d))).unwrap_or_else(|| "19700101T000000Z".into());
    let mut w = Writer(String::new());
    w.raw("BEGIN", "VCALENDAR");
    w.text("VERSION", "2.0");
    w.text("PRODID", &format!("-//xborder//xborder {}//EN", env!("CARGO_PKG_VERSION")));
    w.text("CALSCALE", "GREGORIAN");
    w.text("METHOD", "PUBLISH");
    w.text("X-WR-CALNAME", "xborder");
    for o in &v.obligations {
        if let Some(d) = &o.deadline {
            event(&mut w, o, d, &stamp, v.rules_version);
        }
    }
    w.raw("END", "VCALENDAR");
    w.0
}

/// Obligations whose deadline has no date, with why (English).
pub fn undated(v: &Verdict) -> impl Iterator<Item = (&str, String)> {
    v.obligations.iter().filter_map(|o| match o.deadline.as_ref().map(|d| d.due) {
        Some(Due::Unknown(why)) => Some((o.id.as_str(), why.en())),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(line: &str) -> String {
        let mut s = String::new();
        fold(line, &mut s);
        s
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape_text("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
        assert_eq!(escape_text("标准合同：10个工作日"), "标准合同：10个工作日");
    }

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        assert_eq!(folded("SUMMARY:short"), "SUMMARY:short\r\n");
        let ascii = format!("X:{}", "a".repeat(200));
        let out = folded(&ascii);
        for l in out.strip_suffix("\r\n").unwrap().split("\r\n") {
            assert!(l.len() <= 75, "{l:?}");
        }
        assert_eq!(out.split("\r\n").next().unwrap().len(), 75);
        assert_eq!(out.replace("\r\n ", ""), format!("{ascii}\r\n"));
        // Three-octet characters: a piece never splits one.
        let cjk = format!("DESCRIPTION:{}", "标准合同备案".repeat(20));
        let out = folded(&cjk);
        for l in out.strip_suffix("\r\n").unwrap().split("\r\n") {
            assert!(l.len() <= 75 && std::str::from_utf8(l.as_bytes()).is_ok(), "{l:?}");
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{cjk}\r\n"));
        // A continuation does not start with a space of the value.
        let spaced = format!("X:{} tail", "a".repeat(73));
        assert_eq!(folded(&spaced), format!("X:{}\r\n a tail\r\n", "a".repeat(72)));
        // Exactly 75 octets: no fold.
        let full = "a".repeat(75);
        assert_eq!(folded(&full), format!("{full}\r\n"));
    }
}
