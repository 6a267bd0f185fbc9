//! Permalinks: a scenario in the URL fragment, shared by the CLI (`xborder link`) and the web
//! app so both make the same link. Compact, URL-safe, versioned, and carrying the rules version
//! it was made under. Decoding rejects anything malformed or oversized with an error.
//!
//! Grammar (tokens joined by `~`; every character is unreserved or `:` in a URL fragment):
//!
//! ```text
//! 1                  link format version (scenario schema 1)
//! r<hex>             rules version hash the link was made under
//! l<list id>         list (absent: none)
//! s<sector id>       sector (absent: none)
//! z<zone id>         the handler's zone when not the list's (absent: the list's)
//! h<flags>           base-36 bit set: 1 in_zone, 2 ciio, 4 notified, 8 core data, 16 export control
//! i<n>.<n>…          important-data items, as the part of their id after "<list>.<sector>."
//! x<n>:<key>.…       affirmed exceptions, likewise (":key" for a sector-level question)
//! p<sc>.<gr>.<persons>.<sensitive>.<basis>   one per group of people; counts in base 36,
//!                    empty scenario/group for null, basis c|h|e|a|n|s or empty
//! d<ce>.<ai>.<ci>.<ts>[.<br>]  dates (absent: none): contract effective, assessment issued,
//!                    certification issued, transfer start, assessment band reached (the fifth
//!                    only when given); each a day number in base 36 (days since 0001-01-01,
//!                    4 characters today) or empty
//! u<q>.<q>…          questions left unknown, in order: Z in zone, C CIIO, N notified,
//!                    D core data, E export control, G<n> the group of personal-information
//!                    row n (capitals: ids are lower case), else an item or exception as in i/x
//! m<f>.<f>.<f>.<f>.<f>.<f>  the matter (name, recipient, country, purpose, prepared by, date),
//!                    each UTF-8 in base 64 over A-Z a-z 0-9 - : (absent: no matter)
//! a<day>             the day whose rules decide (`as_of`), a day number as in `d` (absent: the
//!                    day the link is opened)
//! c<answers>         answers to the conditions obligations set, one character per condition
//!                    in catalogue order (`catalogue::conditions`): y met, n not met, - not
//!                    answered; trailing `-` left out (absent: none answered)
//! v<view>            the view the page opens in: `c` the comparison of regimes (compare
//!                    view). Page state, not scenario: `Decoded::view`, never in `Scenario`
//!                    (absent: the form and its verdict)
//! ```
//!
//! Links made before a part existed still decode: every part but the version and `h` is
//! optional.
use crate::calendar::Date;
use crate::catalogue::{DateField, RULES_VERSION};
use crate::scenario::{Basis, Count, Dates, Flags, Handler, Matter, PiEntry, Scenario, MAX_COUNT, MAX_ENTRIES, MAX_IDS};
use std::fmt;

/// Longest fragment accepted.
pub const MAX_LEN: usize = 4096;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError(pub String);

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LinkError {}

impl LinkError {
    /// A Chinese lead for the message (the detail stays in English: it quotes the link).
    pub fn zh(&self) -> String {
        format!("链接内容有误（可能被截断或改动）：{}", self.0)
    }
}

/// A decoded link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub scenario: Scenario,
    /// The rules version hash the link was made under differs from this build's.
    pub rules_changed: bool,
    /// The view the link asks the page to open in (the `v` part): page state, not scenario.
    pub view: View,
}

/// The view a link opens the page in (the `v` part).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The form and its verdict (no `v` part).
    #[default]
    Verdict,
    /// The comparison of every regime the handler may use (`vc`).
    Compare,
}

impl View {
    /// The `v` part's body (None: no part).
    fn code(self) -> Option<&'static str> {
        match self {
            View::Verdict => None,
            View::Compare => Some("c"),
        }
    }
}

/// The short hash of the rules version (after its last `-`).
pub fn rules_hash() -> &'static str {
    RULES_VERSION.rsplit('-').next().unwrap_or(RULES_VERSION)
}

fn base36(mut n: u64) -> String {
    if n == 0 {
        return "0".into();
    }
    let mut d = Vec::new();
    while n > 0 {
        d.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize]);
        n /= 36;
    }
    d.reverse();
    String::from_utf8(d).unwrap_or_default()
}

fn parse36(s: &str, what: &str) -> Result<u64, LinkError> {
    if s.is_empty() || s.len() > 8 {
        return Err(LinkError(format!("{what}: expected a base-36 number, found \"{}\"", clean(s))));
    }
    let mut n: u64 = 0;
    for c in s.chars() {
        let d = c.to_digit(36).filter(|_| !c.is_ascii_uppercase()).ok_or_else(|| LinkError(format!("{what}: expected a base-36 number, found \"{}\"", clean(s))))?;
        n = n * 36 + d as u64;
    }
    Ok(n)
}

/// A piece of input safe to echo in a message: printable ASCII only, clipped.
fn clean(s: &str) -> String {
    s.chars().take(24).map(|c| if c.is_ascii_graphic() { c } else { '?' }).collect()
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn basis_code(b: Basis) -> &'static str {
    match b {
        Basis::Contract => "c",
        Basis::Hr => "h",
        Basis::Emergency => "e",
        Basis::CollectedAbroad => "a",
        Basis::NoPersonalData => "n",
        Basis::IndustryStandard => "s",
    }
}

/// Day numbers of the `d` part: days since 0001-01-01.
const DAY_ZERO: i64 = day_number(1, 1, 1);
const LAST_DAY: i64 = day_number(9999, 12, 31) - DAY_ZERO;

const fn day_number(y: i32, m: u8, d: u8) -> i64 {
    match Date::new(y, m, d) {
        Some(day) => day.days_since_1970(),
        None => panic!("not a day"),
    }
}

/// The `u` part's codes for the handler's and the data's questions.
const UNKNOWN_FIXED: [(&str, &str); 5] =
    [("Z", "handler.in_zone"), ("C", "handler.ciio"), ("N", "notified_important_data"), ("D", "flags.national_core_data"), ("E", "flags.export_control")];

/// Dates a link held before `assessment_band_reached` existed.
const OLD_DATES: usize = 4;

/// The `c` part's body: one character per condition in catalogue order, or `None` when none is
/// answered. An answer to a condition the catalogue does not know cannot be expressed.
fn encode_answers(answers: &std::collections::BTreeMap<String, bool>) -> Option<String> {
    if answers.is_empty() {
        return None;
    }
    let mut body: String = crate::catalogue::conditions()
        .map(|(n, c)| match answers.get(&format!("{}:{}", n.id, c.id)) {
            Some(true) => 'y',
            Some(false) => 'n',
            None => '-',
        })
        .collect();
    while body.ends_with('-') {
        body.pop();
    }
    (!body.is_empty()).then_some(body)
}

fn decode_answers(body: &str) -> Result<std::collections::BTreeMap<String, bool>, LinkError> {
    let all: Vec<_> = crate::catalogue::conditions().collect();
    if body.chars().count() > all.len() {
        return Err(LinkError(format!("conditions: expected at most {} answers", all.len())));
    }
    let mut out = std::collections::BTreeMap::new();
    for (ch, (n, c)) in body.chars().zip(all) {
        let met = match ch {
            'y' => true,
            'n' => false,
            '-' => continue,
            x => return Err(LinkError(format!("conditions: unknown answer \"{}\"", clean(&x.to_string())))),
        };
        out.insert(format!("{}:{}", n.id, c.id), met);
    }
    Ok(out)
}

/// The `d` part's body, or `None` when no date is given. A date that is not a day written
/// `YYYY-MM-DD` cannot be expressed and is left out.
fn encode_dates(d: &Dates) -> Option<String> {
    if d.is_empty() {
        return None;
    }
    let mut parts: Vec<String> = DateField::ALL
        .iter()
        .map(|f| d.get(*f).and_then(|t| Date::parse(t).ok()).map(|day| base36((day.days_since_1970() - DAY_ZERO) as u64)).unwrap_or_default())
        .collect();
    // Links of four dates keep their shape: a later field only when it is given.
    while parts.len() > OLD_DATES && parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    Some(parts.join("."))
}

fn decode_dates(body: &str) -> Result<Dates, LinkError> {
    let parts: Vec<&str> = body.split('.').collect();
    if !(OLD_DATES..=DateField::ALL.len()).contains(&parts.len()) {
        return Err(LinkError("dates: expected contract.assessment.certification.transfer[.band]".into()));
    }
    let mut d = Dates::default();
    for (f, p) in DateField::ALL.into_iter().zip(parts) {
        if p.is_empty() {
            continue;
        }
        let n = parse36(p, &format!("dates: {}", f.key()))?;
        if n > LAST_DAY as u64 {
            return Err(LinkError(format!("dates: {}: no such day", f.key())));
        }
        d.set(f, Some(Date::from_days_since_1970(n as i64 + DAY_ZERO).to_string()));
    }
    Ok(d)
}

/// Encodes a scenario as a fragment (without `#`). Ids outside the chosen sector cannot be
/// expressed and are left out; `resolve` the scenario first to be sure it is whole.
pub fn encode(s: &Scenario) -> String {
    let mut t: Vec<String> = vec!["1".into(), format!("r{}", rules_hash())];
    let prefix = match (&s.list, &s.sector) {
        (Some(l), Some(sec)) => Some(format!("{l}.{sec}.")),
        _ => None,
    };
    if let Some(l) = &s.list {
        t.push(format!("l{l}"));
    }
    if let Some(sec) = &s.sector {
        t.push(format!("s{sec}"));
    }
    if let Some(z) = &s.zone {
        t.push(format!("z{z}"));
    }
    let flags = s.handler.in_zone as u64
        | (s.handler.ciio as u64) << 1
        | (s.notified_important_data as u64) << 2
        | (s.flags.national_core_data as u64) << 3
        | (s.flags.export_control as u64) << 4;
    t.push(format!("h{}", base36(flags)));
    if let Some(d) = encode_dates(&s.dates) {
        t.push(format!("d{d}"));
    }
    if let Some(day) = s.as_of.as_deref().and_then(|t| Date::parse(t).ok()) {
        t.push(format!("a{}", base36((day.days_since_1970() - DAY_ZERO) as u64)));
    }
    if let Some(c) = encode_answers(&s.conditions) {
        t.push(format!("c{c}"));
    }
    if !s.matter.is_empty() {
        t.push(format!("m{}", s.matter.fields().map(|f| b64(f.as_bytes())).join(".")));
    }
    let strip = |id: &str| -> Option<String> {
        let p = prefix.as_deref()?;
        if let Some(rest) = id.strip_prefix(p) {
            return Some(rest.to_string());
        }
        // Sector-level answers: "<list>.<sector>:<key>".
        id.strip_prefix(p.trim_end_matches('.')).filter(|r| r.starts_with(':')).map(|r| r.to_string())
    };
    let items: Vec<String> = s.important_data.iter().filter_map(|i| strip(i)).collect();
    if !items.is_empty() {
        t.push(format!("i{}", items.join(".")));
    }
    let ex: Vec<String> = s.item_exceptions.iter().filter_map(|i| strip(i)).collect();
    if !ex.is_empty() {
        t.push(format!("x{}", ex.join(".")));
    }
    let unknown: Vec<String> = s
        .unknown
        .iter()
        .filter_map(|q| match UNKNOWN_FIXED.iter().find(|(_, id)| id == q) {
            Some((code, _)) => Some(code.to_string()),
            None => match crate::scenario::group_question_row(q) {
                Some(row) => Some(format!("G{row}")),
                None => strip(q),
            },
        })
        .collect();
    if !unknown.is_empty() {
        t.push(format!("u{}", unknown.join(".")));
    }
    for e in &s.personal_information {
        t.push(format!(
            "p{}.{}.{}.{}.{}",
            e.scenario.as_deref().unwrap_or(""),
            e.group.as_deref().unwrap_or(""),
            base36(e.persons.0),
            base36(e.sensitive_persons.0),
            e.basis.map(basis_code).unwrap_or("")
        ));
    }
    t.join("~")
}

/// [`encode`], with the view the link opens the page in (`~vc` for the compare view).
pub fn encode_view(s: &Scenario, view: View) -> String {
    let mut f = encode(s);
    if let Some(c) = view.code() {
        f.push_str("~v");
        f.push_str(c);
    }
    f
}

/// Decodes a fragment (with or without a leading `#`). Checks the form only; the caller
/// resolves the scenario against the catalogue for the meaning.
pub fn decode(fragment: &str) -> Result<Decoded, LinkError> {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    if f.len() > MAX_LEN {
        return Err(LinkError(format!("the link is too long ({} characters; at most {MAX_LEN})", f.len())));
    }
    if f.is_empty() {
        return Err(LinkError("the link holds no scenario".into()));
    }
    if let Some(bad) = f.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '~' | '.' | '-' | ':'))) {
        return Err(LinkError(format!("the link contains a character it never uses ({:?}): it may have been cut or altered", if bad.is_ascii_graphic() { bad } else { '?' })));
    }
    let mut tokens = f.split('~');
    match tokens.next() {
        Some("1") => {}
        Some(v) if v.bytes().all(|b| b.is_ascii_digit()) && !v.is_empty() => {
            return Err(LinkError(format!("the link uses format {}, from a newer version of xborder; this version reads format 1", clean(v))))
        }
        _ => return Err(LinkError("this is not an xborder scenario link".into())),
    }
    let mut s = Scenario::new();
    let mut rules_changed = false;
    let mut seen_h = false;
    let mut seen_d = false;
    let mut seen_c = false;
    let mut seen_m = false;
    let mut seen_a = false;
    let mut view: Option<View> = None;
    let mut items_raw: Vec<&str> = Vec::new();
    let mut ex_raw: Vec<&str> = Vec::new();
    let mut unknown_raw: Vec<&str> = Vec::new();
    for tok in tokens {
        let (tag, body) = tok.split_at(tok.char_indices().nth(1).map(|(i, _)| i).unwrap_or(tok.len()));
        match tag {
            "r" => rules_changed = body != rules_hash(),
            "l" if s.list.is_none() && is_id(body) => s.list = Some(body.into()),
            "s" if s.sector.is_none() && is_id(body) => s.sector = Some(body.into()),
            "z" if s.zone.is_none() && is_id(body) => s.zone = Some(body.into()),
            "h" if !seen_h => {
                seen_h = true;
                let v = parse36(body, "flags")?;
                if v >= 32 {
                    return Err(LinkError("flags: unknown flag set".into()));
                }
                s.handler = Handler { in_zone: v & 1 != 0, ciio: v & 2 != 0 };
                s.notified_important_data = v & 4 != 0;
                s.flags = Flags { national_core_data: v & 8 != 0, export_control: v & 16 != 0 };
            }
            "d" if !seen_d => {
                seen_d = true;
                s.dates = decode_dates(body)?;
            }
            "a" if !seen_a => {
                seen_a = true;
                let n = parse36(body, "rules as of")?;
                if n > LAST_DAY as u64 {
                    return Err(LinkError("rules as of: no such day".into()));
                }
                s.as_of = Some(Date::from_days_since_1970(n as i64 + DAY_ZERO).to_string());
            }
            "v" if view.is_none() => {
                view = Some(match body {
                    "c" => View::Compare,
                    x => return Err(LinkError(format!("view: unknown view \"{}\"", clean(x)))),
                });
            }
            "c" if !seen_c => {
                seen_c = true;
                s.conditions = decode_answers(body)?;
            }
            "m" if !seen_m => {
                seen_m = true;
                let parts: Vec<&str> = body.split('.').collect();
                if parts.len() != Matter::FIELDS.len() {
                    return Err(LinkError("matter: expected six fields".into()));
                }
                for (field, raw) in s.matter.fields_mut().into_iter().zip(parts) {
                    let bytes = unb64(raw).ok_or_else(|| LinkError("matter: a field is not in the link's alphabet".into()))?;
                    *field = String::from_utf8(bytes).map_err(|_| LinkError("matter: a field is not text".into()))?;
                }
            }
            "i" if items_raw.is_empty() => items_raw = body.split('.').collect(),
            "u" if unknown_raw.is_empty() => unknown_raw = body.split('.').collect(),
            "x" if ex_raw.is_empty() => ex_raw = body.split('.').collect(),
            "p" => {
                if s.personal_information.len() >= MAX_ENTRIES {
                    return Err(LinkError(format!("the link has more than {MAX_ENTRIES} groups of people")));
                }
                let n = s.personal_information.len() + 1;
                let parts: Vec<&str> = body.split('.').collect();
                if parts.len() != 5 {
                    return Err(LinkError(format!("group {n}: expected scenario.group.persons.sensitive.basis")));
                }
                let opt_id = |x: &str, what: &str| -> Result<Option<String>, LinkError> {
                    match x {
                        "" => Ok(None),
                        x if is_id(x) => Ok(Some(x.into())),
                        x => Err(LinkError(format!("group {n}: {what} \"{}\" is not an id", clean(x)))),
                    }
                };
                let persons = parse36(parts[2], &format!("group {n}: persons"))?;
                let sensitive = parse36(parts[3], &format!("group {n}: sensitive persons"))?;
                if persons > MAX_COUNT || sensitive > MAX_COUNT {
                    return Err(LinkError(format!("group {n}: count too large")));
                }
                let basis = match parts[4] {
                    "" => None,
                    "c" => Some(Basis::Contract),
                    "h" => Some(Basis::Hr),
                    "e" => Some(Basis::Emergency),
                    "a" => Some(Basis::CollectedAbroad),
                    "n" => Some(Basis::NoPersonalData),
                    "s" => Some(Basis::IndustryStandard),
                    x => return Err(LinkError(format!("group {n}: unknown basis \"{}\"", clean(x)))),
                };
                s.personal_information.push(PiEntry {
                    scenario: opt_id(parts[0], "scenario")?,
                    group: opt_id(parts[1], "group")?,
                    persons: Count(persons),
                    sensitive_persons: Count(sensitive),
                    basis,
                });
            }
            _ => return Err(LinkError(format!("the link has an unexpected part \"{}\"", clean(tok)))),
        }
    }
    if !seen_h {
        return Err(LinkError("the link is incomplete (no handler flags)".into()));
    }
    if items_raw.len() > MAX_IDS || ex_raw.len() > MAX_IDS {
        return Err(LinkError("the link lists too many items".into()));
    }
    if !items_raw.is_empty() || !ex_raw.is_empty() {
        let (Some(l), Some(sec)) = (&s.list, &s.sector) else {
            return Err(LinkError("the link names items but no list and sector".into()));
        };
        for raw in items_raw {
            if !is_id(raw) {
                return Err(LinkError(format!("item \"{}\" is not an id", clean(raw))));
            }
            s.important_data.push(format!("{l}.{sec}.{raw}"));
        }
        for raw in ex_raw {
            let (item, key) = raw.split_once(':').ok_or_else(|| LinkError(format!("exception \"{}\" is malformed", clean(raw))))?;
            if !is_id(key) || !(item.is_empty() || is_id(item)) {
                return Err(LinkError(format!("exception \"{}\" is malformed", clean(raw))));
            }
            s.item_exceptions.push(if item.is_empty() { format!("{l}.{sec}:{key}") } else { format!("{l}.{sec}.{item}:{key}") });
        }
    }
    if unknown_raw.len() > crate::scenario::MAX_UNKNOWN {
        return Err(LinkError("the link leaves too many questions unknown".into()));
    }
    for raw in unknown_raw {
        if let Some((_, id)) = UNKNOWN_FIXED.iter().find(|(code, _)| *code == raw) {
            s.unknown.push(id.to_string());
            continue;
        }
        if let Some(row) = raw.strip_prefix('G') {
            match row.parse::<u8>() {
                Ok(n) if n.to_string() == row => s.unknown.push(format!("personal_information[{n}].group")),
                _ => return Err(LinkError(format!("unknown question \"{}\" is malformed", clean(raw)))),
            }
            continue;
        }
        let (Some(l), Some(sec)) = (&s.list, &s.sector) else {
            return Err(LinkError(format!("unknown question \"{}\" needs a list and sector", clean(raw))));
        };
        let id = match raw.split_once(':') {
            Some(("", key)) if is_id(key) => format!("{l}.{sec}:{key}"),
            Some((item, key)) if is_id(item) && is_id(key) => format!("{l}.{sec}.{item}:{key}"),
            None if is_id(raw) => format!("{l}.{sec}.{raw}"),
            _ => return Err(LinkError(format!("unknown question \"{}\" is malformed", clean(raw)))),
        };
        s.unknown.push(id);
    }
    Ok(Decoded { scenario: s, rules_changed, view: view.unwrap_or_default() })
}

/// The whole link: base URL, `#`, fragment.
pub fn link(base: &str, s: &Scenario) -> String {
    link_view(base, s, View::Verdict)
}

/// [`link`], opening the page in `view`.
pub fn link_view(base: &str, s: &Scenario, view: View) -> String {
    let base = base.split('#').next().unwrap_or(base);
    format!("{base}#{}", encode_view(s, view))
}

/// Base 64 over the link's own characters (no padding): text goes into the fragment unchanged
/// in meaning, never escaped by a browser.
const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-:";

fn b64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn unb64(s: &str) -> Option<Vec<u8>> {
    if s.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for chunk in s.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= (B64.iter().position(|x| x == c)? as u32) << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod b64_tests {
    #[test]
    fn round_trips() {
        for t in ["", "a", "ab", "abc", "abcd", "跨境数据传输：客户管理系统", "Acme GmbH · Frankfurt"] {
            assert_eq!(super::unb64(&super::b64(t.as_bytes())).as_deref(), Some(t.as_bytes()), "{t}");
        }
        assert_eq!(super::unb64("A"), None);
        assert_eq!(super::unb64("A_B="), None);
    }
}

#[cfg(test)]
mod view_tests {
    use super::*;

    fn scenario() -> Scenario {
        let mut s = Scenario::new();
        s.zone = Some("guangdong".into());
        s.list = Some("bj-2025".into());
        s.sector = Some("retail".into());
        s.handler.in_zone = true;
        s.personal_information = vec![PiEntry { scenario: Some("member-management".into()), group: Some("members".into()), persons: Count(900_000), sensitive_persons: Count(0), basis: None }];
        s
    }

    #[test]
    fn the_compare_view_is_a_part_of_the_link_not_of_the_scenario() {
        let s = scenario();
        let plain = encode(&s);
        let compare = encode_view(&s, View::Compare);
        assert_eq!(compare, format!("{plain}~vc"));
        assert_eq!(encode_view(&s, View::Verdict), plain);
        let d = decode(&compare).unwrap();
        assert_eq!((d.scenario, d.view), (s.clone(), View::Compare));
        // Links without the part (all links made before it existed) open the form and verdict.
        assert_eq!(decode(&plain).unwrap().view, View::Verdict);
        assert_eq!(decode("1~r00000000~lcq-2025~sauto~h1~p..1y.0.").unwrap().view, View::Verdict);
        // Anywhere among the parts.
        assert_eq!(decode(&plain.replacen("~h", "~vc~h", 1)).unwrap().view, View::Compare);
        assert!(link_view("https://x.example/a/#old", &s, View::Compare).starts_with("https://x.example/a/#1~"));
        assert!(link_view("https://x.example/", &s, View::Compare).ends_with("~vc"));
    }

    #[test]
    fn an_unknown_or_repeated_view_is_refused_with_a_message() {
        let plain = encode(&scenario());
        let e = decode(&format!("{plain}~vz")).unwrap_err();
        assert!(e.to_string().contains("view"), "{e}");
        assert!(decode(&format!("{plain}~v")).is_err());
        assert!(decode(&format!("{plain}~vc~vc")).is_err());
    }
}
