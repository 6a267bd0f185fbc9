//! The register from an XLSX workbook in the page (issue 15: "CSV and XLSX, dropped or picked"):
//! its first sheet, read like the CSV through the core's [`Sheet`] (the same columns, rules and
//! messages as `xborder register`, with spreadsheet row numbers as the lines).
//!
//! A workbook is a zip of XML parts. This module reads the zip's directory and the parts'
//! XML itself (a few hundred lines, rather than a zip and an XML crate in the wasm); the
//! browser's own `DecompressionStream("deflate-raw")` unpacks the parts (`unpack` in
//! `register_view.rs`), so the page ships no inflater.
//!
//! Bounded on hostile workbooks: at most [`MAX_PARTS`] parts; a part unpacks to at most
//! [`MAX_PART`] bytes, whatever its header claims (the unpacking stops there: a zip bomb is
//! refused after 64 MB, not after gigabytes); only the four parts the register needs are
//! unpacked; a shared string longer than a cell may be is kept as "too long" and an error
//! where it is used; a cell beyond the register's rows or columns is an error at its row.
//!
//! Dates: a number in the `date` column is a spreadsheet date (days since 1899-12-30, or
//! 1904-01-01 in a workbook that says `date1904`). Elsewhere a whole number is written without
//! a fraction, as the CLI writes it; any other number is kept as written, and refused with its
//! text by a column that expects a whole number (no float arithmetic in the page).
use xborder_core::calendar::Date;
use xborder_core::inventory::{shown, Cells, CsvError, Sheet, MAX_CELL};

/// Most parts in the zip.
pub const MAX_PARTS: usize = 10_000;
/// Most bytes one part may unpack to.
pub const MAX_PART: usize = 64 << 20;
/// Most shared strings a workbook may hold (a register has at most 100,000 rows of 14 cells).
pub const MAX_STRINGS: usize = 2_000_000;

fn file(message: impl Into<String>) -> CsvError {
    CsvError::file(message)
}

/// A part of the zip: where its bytes are and how they are packed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    /// 0: stored; 8: deflated.
    pub method: u16,
    pub packed: usize,
    pub size: usize,
    local: usize,
}

fn u16le(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32le(b: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
}

fn damaged() -> CsvError {
    file("not a readable XLSX (zip) file: its directory is damaged (save the sheet again as .xlsx, or as \"CSV UTF-8\")")
}

/// The zip's parts, from its central directory (the end record is within the last 64 KB).
pub fn parts(zip: &[u8]) -> Result<Vec<Part>, CsvError> {
    let from = zip.len().saturating_sub(65_557);
    let end = (from..zip.len().saturating_sub(21)).rev().find(|&i| zip[i..].starts_with(b"PK\x05\x06")).ok_or_else(damaged)?;
    let count = u16le(zip, end + 10).ok_or_else(damaged)? as usize;
    if count > MAX_PARTS {
        return Err(file(format!("an XLSX of {count} parts: at most {MAX_PARTS} (is this a zip bomb?)")));
    }
    let mut at = u32le(zip, end + 16).ok_or_else(damaged)?;
    let mut parts = Vec::with_capacity(count);
    for _ in 0..count {
        if !zip.get(at..).is_some_and(|b| b.starts_with(b"PK\x01\x02")) {
            return Err(damaged());
        }
        let field = |o: usize| u16le(zip, at + o).map(usize::from).ok_or_else(damaged);
        let (name_len, extra, comment) = (field(28)?, field(30)?, field(32)?);
        let name = zip.get(at + 46..at + 46 + name_len).ok_or_else(damaged)?;
        parts.push(Part {
            name: String::from_utf8_lossy(name).into_owned(),
            method: u16le(zip, at + 10).ok_or_else(damaged)?,
            packed: u32le(zip, at + 20).ok_or_else(damaged)?,
            size: u32le(zip, at + 24).ok_or_else(damaged)?,
            local: u32le(zip, at + 42).ok_or_else(damaged)?,
        });
        at += 46 + name_len + extra + comment;
    }
    Ok(parts)
}

/// A part's packed bytes (after its local header).
pub fn packed<'a>(zip: &'a [u8], p: &Part) -> Result<&'a [u8], CsvError> {
    if !zip.get(p.local..).is_some_and(|b| b.starts_with(b"PK\x03\x04")) {
        return Err(damaged());
    }
    let n = u16le(zip, p.local + 26).ok_or_else(damaged)? as usize + u16le(zip, p.local + 28).ok_or_else(damaged)? as usize;
    let start = p.local + 30 + n;
    zip.get(start..start.checked_add(p.packed).ok_or_else(damaged)?).ok_or_else(damaged)
}

/// What a part unpacks to, checked: stored or deflated, within [`MAX_PART`], UTF-8 text.
pub fn text_of(p: &Part, unpacked: Vec<u8>) -> Result<String, CsvError> {
    String::from_utf8(unpacked).map_err(|_| file(format!("part {} is not UTF-8 XML: not a readable XLSX workbook", shown(&p.name))))
}

pub fn too_big(p: &Part) -> CsvError {
    file(format!("part {} unpacks to more than {} MB: refused (a zip bomb, or not a register)", shown(&p.name), MAX_PART >> 20))
}

pub fn find<'a>(parts: &'a [Part], name: &str) -> Option<&'a Part> {
    parts.iter().find(|p| p.name.trim_start_matches('/').eq_ignore_ascii_case(name))
}

/// One XML tag or the text before it.
enum Token<'a> {
    Open { name: &'a str, attrs: &'a str, empty: bool },
    Close(&'a str),
    Text(&'a str),
}

/// The tags and texts of an XML part (no DTD: a workbook has none), in order.
struct Xml<'a> {
    s: &'a str,
}

impl<'a> Iterator for Xml<'a> {
    type Item = Result<Token<'a>, CsvError>;
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.s.is_empty() {
                return None;
            }
            let Some(lt) = self.s.find('<') else {
                let t = self.s;
                self.s = "";
                return Some(Ok(Token::Text(t)));
            };
            if lt > 0 {
                let t = &self.s[..lt];
                self.s = &self.s[lt..];
                return Some(Ok(Token::Text(t)));
            }
            let (skip_to, is_cdata) = if self.s.starts_with("<?") {
                ("?>", false)
            } else if self.s.starts_with("<!--") {
                ("-->", false)
            } else if self.s.starts_with("<![CDATA[") {
                ("]]>", true)
            } else if self.s.starts_with("<!") {
                return Some(Err(file("a workbook part with a DTD: not a readable XLSX workbook")));
            } else {
                ("", false)
            };
            if !skip_to.is_empty() {
                let Some(e) = self.s.find(skip_to) else { return Some(Err(bad_xml())) };
                let inner = &self.s[..e];
                self.s = &self.s[e + skip_to.len()..];
                if is_cdata {
                    return Some(Ok(Token::Text(&inner[9..])));
                }
                continue;
            }
            let Some(gt) = self.s.find('>') else { return Some(Err(bad_xml())) };
            let tag = &self.s[1..gt];
            self.s = &self.s[gt + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                return Some(Ok(Token::Close(local(name.trim()))));
            }
            let (tag, empty) = match tag.strip_suffix('/') {
                Some(t) => (t, true),
                None => (tag, false),
            };
            let split = tag.find(|c: char| c.is_ascii_whitespace()).unwrap_or(tag.len());
            return Some(Ok(Token::Open { name: local(&tag[..split]), attrs: &tag[split..], empty }));
        }
    }
}

fn bad_xml() -> CsvError {
    file("a workbook part that is not well-formed XML: not a readable XLSX workbook")
}

/// A name without its namespace prefix.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// An attribute's value (prefix ignored), entities decoded.
fn attr(attrs: &str, want: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        let eq = rest.find('=')?;
        let name = local(rest[..eq].trim());
        let after = rest[eq + 1..].trim_start();
        let q = after.chars().next()?;
        if q != '"' && q != '\'' {
            return None;
        }
        let end = after[1..].find(q)?;
        let value = &after[1..1 + end];
        if name == want {
            return Some(unescape(value));
        }
        rest = &after[end + 2..];
    }
}

/// XML text with its five entities and character references decoded.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(semi) = rest.find(';').filter(|&e| e < 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..semi];
        let c = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X")).map(|h| u32::from_str_radix(h, 16)).or_else(|| ent.strip_prefix('#').map(|d| d.parse::<u32>())).and_then(|r| r.ok()).and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The workbook's first sheet (its part name, its name) and whether it counts dates from 1904.
pub fn first_sheet(workbook: &str, rels: &str) -> Result<(String, String, bool), CsvError> {
    let mut first: Option<(String, String)> = None;
    let mut date1904 = false;
    for t in (Xml { s: workbook }) {
        if let Token::Open { name, attrs, .. } = t? {
            match name {
                "workbookPr" => date1904 = attr(attrs, "date1904").is_some_and(|v| v == "1" || v == "true"),
                "sheet" if first.is_none() => first = Some((attr(attrs, "id").unwrap_or_default(), attr(attrs, "name").unwrap_or_default())),
                _ => {}
            }
        }
    }
    let Some((id, sheet)) = first else { return Err(file("a workbook without a sheet: expected the register on its first sheet")) };
    for t in (Xml { s: rels }) {
        if let Token::Open { name: "Relationship", attrs, .. } = t? {
            if attr(attrs, "Id").as_deref() == Some(id.as_str()) {
                let target = attr(attrs, "Target").unwrap_or_default();
                let path = match target.strip_prefix('/') {
                    Some(abs) => abs.to_string(),
                    None => format!("xl/{target}"),
                };
                return Ok((path, sheet, date1904));
            }
        }
    }
    Err(file(format!("the workbook names sheet \"{}\" but holds no part for it: not a readable XLSX workbook", shown(&sheet))))
}

/// A shared string, or one too long to be a register cell (kept as its length).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shared {
    Text(String),
    TooLong,
}

/// The workbook's shared strings: each `<si>`'s text runs joined, phonetic runs left out.
pub fn shared_strings(xml: &str) -> Result<Vec<Shared>, CsvError> {
    let mut out = Vec::new();
    let (mut cur, mut in_t, mut in_ph, mut in_si) = (String::new(), false, false, false);
    for t in (Xml { s: xml }) {
        match t? {
            Token::Open { name: "si", empty, .. } => {
                in_si = !empty;
                cur.clear();
                if empty {
                    out.push(Shared::Text(String::new()));
                }
            }
            Token::Open { name: "rPh", empty: false, .. } => in_ph = true,
            Token::Close("rPh") => in_ph = false,
            Token::Open { name: "t", empty: false, .. } => in_t = true,
            Token::Close("t") => in_t = false,
            Token::Text(s) if in_si && in_t && !in_ph && cur.len() <= MAX_CELL => cur.push_str(&unescape(s)),
            Token::Close("si") => {
                in_si = false;
                if out.len() >= MAX_STRINGS {
                    return Err(file(format!("a workbook of more than {MAX_STRINGS} texts: expected a register of flows")));
                }
                out.push(if cur.len() > MAX_CELL { Shared::TooLong } else { Shared::Text(std::mem::take(&mut cur)) });
            }
            _ => {}
        }
    }
    Ok(out)
}

/// A cell reference's 0-based column (`B7` → 1), or None.
fn column_of(r: &str) -> Option<u32> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).collect::<Vec<_>>();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let n = letters.iter().fold(0u32, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1));
    Some(n - 1)
}

/// A spreadsheet date serial as a day (`date1904`: counted from 1904-01-01): its whole days.
fn serial_day(days: u64, date1904: bool) -> Option<Date> {
    if !(1..=2_958_465).contains(&days) {
        return None;
    }
    let base = if date1904 { Date::ymd(1904, 1, 1) } else { Date::ymd(1899, 12, 30) };
    Some(base.add_days(days as i64))
}

/// A number cell's text as the CLI writes it where that needs no float arithmetic: a whole
/// number (`1200`, `1200.0`) as its digits; anything else as written (a fraction or an
/// exponent is then refused, with its text, by the column that expected a whole number).
/// Returns the whole number too, for dates.
fn whole(t: &str) -> Option<(&str, u64)> {
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.is_empty() || int.len() > 15 || !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b == b'0') {
        return None;
    }
    let digits = int.trim_start_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    Some((digits, digits.parse().ok()?))
}

/// A date serial with a time of day (`46037.5`): its whole days.
fn whole_days(t: &str) -> Option<u64> {
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    (!int.is_empty() && int.len() <= 7 && int.bytes().all(|b| b.is_ascii_digit()) && frac.bytes().all(|b| b.is_ascii_digit())).then(|| int.parse().ok()).flatten()
}

/// A cell's value as the CSV would hold it (see the module's note on dates).
fn cell_text(kind: &str, v: &str, column: &str, strings: &[Shared], date1904: bool, line: u64) -> Result<String, CsvError> {
    let at = |m: String| CsvError::at(line, column, m);
    Ok(match kind {
        "s" => match v.trim().parse::<usize>().ok().and_then(|i| strings.get(i)) {
            Some(Shared::Text(s)) => s.clone(),
            Some(Shared::TooLong) => return Err(at(format!("a cell longer than {MAX_CELL} bytes: expected a short value"))),
            None => return Err(at("a text the workbook does not hold: not a readable XLSX workbook".into())),
        },
        "b" => (if v.trim() == "1" { "TRUE" } else { "FALSE" }).to_string(),
        "e" => return Err(at(format!("a spreadsheet error value ({}): expected a value", shown(v.trim())))),
        "n" | "" => {
            let t = v.trim();
            if column == "date" {
                match whole_days(t).and_then(|d| serial_day(d, date1904)) {
                    Some(d) => d.to_string(),
                    None => t.to_string(),
                }
            } else {
                whole(t).map_or_else(|| t.to_string(), |(digits, _)| digits.to_string())
            }
        }
        _ => v.to_string(),
    })
}

/// The register's rows from the sheet's XML.
pub fn sheet_rows(xml: &str, strings: &[Shared], date1904: bool, sheet_name: &str) -> Result<Vec<(u64, Cells)>, CsvError> {
    let mut sheet = Sheet::default();
    let (mut row, mut col): (u32, u32) = (0, 0);
    // The cell being read: its kind (`t`), column, value text, and whether inside <v>/<t>.
    let (mut kind, mut value, mut in_value, mut in_cell) = (String::new(), String::new(), false, false);
    let mut next_col = 0u32;
    for t in (Xml { s: xml }) {
        match t? {
            Token::Open { name: "row", attrs, .. } => {
                row = match attr(attrs, "r") {
                    Some(r) => r.parse::<u32>().ok().and_then(|r| r.checked_sub(1)).ok_or_else(|| file(format!("a row numbered \"{}\": not a readable XLSX workbook", shown(&r))))?,
                    None => row + 1,
                };
                next_col = 0;
            }
            Token::Open { name: "c", attrs, empty } => {
                col = attr(attrs, "r").and_then(|r| column_of(&r)).unwrap_or(next_col);
                next_col = col.saturating_add(1);
                kind = attr(attrs, "t").unwrap_or_default();
                value.clear();
                in_cell = !empty;
            }
            Token::Open { name: "v" | "t", empty: false, .. } if in_cell => in_value = true,
            Token::Close("v" | "t") => in_value = false,
            Token::Open { name: "rPh", .. } => in_value = false,
            Token::Text(s) if in_value => {
                if value.len() > MAX_CELL * 6 + 64 {
                    continue;
                }
                value.push_str(&unescape(s));
            }
            Token::Close("c") if in_cell => {
                in_cell = false;
                if value.is_empty() {
                    continue;
                }
                let line = u64::from(row) + 1;
                sheet.row_starts(row)?;
                let name = sheet.column_name(col);
                let text = cell_text(&kind, &value, &name, strings, date1904, line)?;
                if !text.is_empty() {
                    sheet.cell(row, col, text)?;
                }
            }
            _ => {}
        }
    }
    sheet.finish(sheet_name)
}

/// How the parts are unpacked: the browser's `DecompressionStream` in the page, an inflater in
/// the native tests. At most [`MAX_PART`] bytes: past that, [`too_big`].
#[allow(async_fn_in_trait)]
pub trait Unpack {
    async fn deflated(&self, p: &Part, packed: &[u8]) -> Result<Vec<u8>, CsvError>;
}

async fn part_text(zip: &[u8], parts: &[Part], name: &str, u: &impl Unpack) -> Result<Option<String>, CsvError> {
    let Some(p) = find(parts, name) else { return Ok(None) };
    let bytes = packed(zip, p)?;
    let unpacked = match p.method {
        0 if bytes.len() > MAX_PART => return Err(too_big(p)),
        0 => bytes.to_vec(),
        8 => u.deflated(p, bytes).await?,
        m => return Err(file(format!("part {} is packed with method {m}: expected deflate (save the sheet again as .xlsx)", shown(&p.name)))),
    };
    text_of(p, unpacked).map(Some)
}

/// The register's rows from the first sheet of an XLSX workbook's bytes.
pub async fn read(zip: &[u8], u: &impl Unpack) -> Result<Vec<(u64, Cells)>, CsvError> {
    let parts = parts(zip)?;
    let missing = |what: &str| file(format!("a zip without {what}: expected an XLSX workbook (save the sheet as .xlsx, or as \"CSV UTF-8\")"));
    let workbook = part_text(zip, &parts, "xl/workbook.xml", u).await?.ok_or_else(|| missing("xl/workbook.xml"))?;
    let rels = part_text(zip, &parts, "xl/_rels/workbook.xml.rels", u).await?.ok_or_else(|| missing("xl/_rels/workbook.xml.rels"))?;
    let (path, name, date1904) = first_sheet(&workbook, &rels)?;
    drop((workbook, rels));
    let strings = match part_text(zip, &parts, "xl/sharedStrings.xml", u).await? {
        Some(x) => shared_strings(&x)?,
        None => Vec::new(),
    };
    let sheet = part_text(zip, &parts, &path, u).await?.ok_or_else(|| missing(&path))?;
    sheet_rows(&sheet, &strings, date1904, &name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_and_attributes() {
        assert_eq!(unescape("a &amp; b &lt;c&gt; &#x4E2D;&#25991; &bogus"), "a & b <c> 中文 &bogus");
        assert_eq!(attr(r#" r="B7" t='s' x:y="1""#, "t").as_deref(), Some("s"));
        assert_eq!(attr(r#" r:id="rId3""#, "id").as_deref(), Some("rId3"));
        assert_eq!(column_of("AB12"), Some(27));
        assert_eq!(column_of("XFD1"), Some(16383));
        assert_eq!(serial_day(46037, false), Some(Date::ymd(2026, 1, 15)));
        assert_eq!(serial_day(44575, true), Some(Date::ymd(2026, 1, 15)));
        assert_eq!(whole_days("46037.75"), Some(46037));
        assert_eq!(whole("1200.0").map(|w| w.0), Some("1200"));
        assert_eq!(whole("12.5"), None);
        assert_eq!(whole("1E3"), None);
    }

    #[test]
    fn shared_strings_join_runs_and_leave_out_phonetics() {
        let xml = r#"<sst><si><t>CRM</t></si><si><r><rPr/><t xml:space="preserve">HQ </t></r><r><t>GmbH</t></r><rPh><t>x</t></rPh></si><si/></sst>"#;
        assert_eq!(shared_strings(xml).unwrap(), vec![Shared::Text("CRM".into()), Shared::Text("HQ GmbH".into()), Shared::Text(String::new())]);
    }

    #[test]
    fn a_sheet_gives_rows_with_its_row_numbers() {
        let strings = vec![Shared::Text("flow".into()), Shared::Text("CRM".into())];
        let xml = r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>date</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>persons</t></is></c></row>
<row r="3"><c r="A3" s="1"><v>46037</v></c><c r="B3" t="s"><v>1</v></c><c r="C3"><v>1200</v></c></row></sheetData></worksheet>"#;
        let rows = sheet_rows(xml, &strings, false, "S").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, 3);
        assert_eq!((&rows[0].1[0][..], &rows[0].1[1][..], &rows[0].1[8][..]), ("2026-01-15", "CRM", "1200"));
        let bad = xml.replace("<v>1200</v>", "<v>12.5</v>");
        assert_eq!(sheet_rows(&bad, &strings, false, "S").unwrap_err().render("r.xlsx"), "r.xlsx:3: persons: expected a whole number of persons, 0 or more, found \"12.5\"");
        let err = xml.replace(r#"<c r="C3"><v>1200</v></c>"#, r#"<c r="C3" t="e"><v>#N/A</v></c>"#);
        assert_eq!(sheet_rows(&err, &strings, false, "S").unwrap_err().render("r.xlsx"), "r.xlsx:3: persons: a spreadsheet error value (#N/A): expected a value");
    }

    /// The native tests' inflater, bounded as the page's is.
    struct Inflate;
    impl Unpack for Inflate {
        async fn deflated(&self, p: &Part, packed: &[u8]) -> Result<Vec<u8>, CsvError> {
            miniz_oxide::inflate::decompress_to_vec_with_limit(packed, MAX_PART).map_err(|e| match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => too_big(p),
                _ => file(format!("part {} cannot be unpacked: not a readable XLSX workbook", p.name)),
            })
        }
    }

    fn fixture(name: &str) -> Result<Vec<(u64, Cells)>, CsvError> {
        let bytes = std::fs::read(format!("{}/../crates/cli/tests/register/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let mut fut = std::pin::pin!(read(&bytes, &Inflate));
        match fut.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop())) {
            std::task::Poll::Ready(r) => r,
            std::task::Poll::Pending => unreachable!("the native inflater never waits"),
        }
    }
    use std::future::Future;

    /// The CLI's workbooks (crates/cli/tests/register/make-xlsx.py) give the CLI's rows and errors.
    #[test]
    fn the_clis_workbooks_read_the_same() {
        let rows = fixture("register.xlsx").unwrap();
        let csv = xborder_core::inventory::parse_csv(&std::fs::read(format!("{}/../crates/cli/tests/register/crossing.csv", env!("CARGO_MANIFEST_DIR"))).unwrap()[..]).unwrap();
        let names = |r: &[(u64, Cells)]| r.iter().map(|(_, c)| (c[0].clone(), c[1].clone(), c[8].clone())).collect::<Vec<_>>();
        let mut a = names(&rows);
        let mut b = names(&csv);
        a.sort();
        b.sort();
        assert_eq!(a, b, "the workbook holds crossing.csv's rows");
        // The CLI's messages (crates/cli/tests/register.rs), word for word.
        assert_eq!(fixture("bad-row.xlsx").unwrap_err().render("f"), "f:3: persons: expected a whole number of persons, 0 or more, found \"ten\"");
        assert!(fixture("far.xlsx").unwrap_err().render("f").starts_with("f:1048576: flow: more than 100000 rows"));
        assert!(fixture("wide.xlsx").unwrap_err().render("f").starts_with("f:2: column 78: more than 64 columns"));
        assert!(fixture("bomb.xlsx").is_err(), "a zip of no workbook");
        assert!(fixture("bomb-sheet.xlsx").unwrap_err().message.contains("unpacks to more than 64 MB"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300), ..Default::default() })]

        /// A workbook damaged anywhere (the CLI's fixture, some bytes changed): rows or an error,
        /// never a panic, as the CLI's reader (crates/cli/tests/fuzz.rs).
        #[test]
        fn a_damaged_workbook_never_panics(changes in proptest::collection::vec((proptest::prelude::any::<proptest::sample::Index>(), proptest::prelude::any::<u8>()), 1..8)) {
            let mut bytes = std::fs::read(format!("{}/../crates/cli/tests/register/register.xlsx", env!("CARGO_MANIFEST_DIR"))).unwrap();
            for (at, b) in changes {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            let mut fut = std::pin::pin!(read(&bytes, &Inflate));
            if let std::task::Poll::Ready(Err(e)) = fut.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop())) {
                proptest::prop_assert!(!e.message.is_empty());
            }
        }

        /// Any sheet XML text: rows or an error, never a panic.
        #[test]
        fn any_sheet_text_never_panics(xml in "(<row r=\"[0-9]{1,3}\">|<c r=\"[A-Z]{1,3}[0-9]{1,3}\"( t=\"(s|b|e|n|str|inlineStr)\")?>|<v>|</v>|<is><t>|</t></is>|</c>|</row>|[0-9a-z&;#<>/\"=. ]){0,60}") {
            let strings = vec![Shared::Text("date".into()), Shared::TooLong];
            let _ = sheet_rows(&xml, &strings, false, "S");
            let _ = shared_strings(&xml);
            let _ = first_sheet(&xml, &xml);
        }
    }
}
