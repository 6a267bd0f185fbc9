//! The register's file of flows (contract: "Register"): one reader for the CLI and the page, and
//! the CSV the register writes out. The CSV is read with csv-core (the `csv` crate's own parser,
//! no allocation of its own); a workbook's cells (the CLI's calamine, the page's own sheet
//! reader) go through the same [`Header`] and [`Sheet`], so every copy of the register gives the
//! same rows and the same messages.
//!
//! Hostile files are read in bounded memory and time: a cell holds at most [`MAX_CELL`] bytes,
//! a row at most [`MAX_COLUMNS`] cells, the file at most [`MAX_ROWS`] rows. Every error is one
//! line, `FILE.csv:LINE: column: what was expected` (LINE 1 is the header).
//!
//! What the register writes out neutralises spreadsheet formulas in user text ([`neutralised`]).
use crate::calendar::Date;
use crate::register::{Flow, Position};
use crate::scenario::{Basis, Count, MAX_COUNT};

/// Longest cell, in bytes.
pub const MAX_CELL: usize = 4096;
/// Most cells in a row (the contract has 14 columns).
pub const MAX_COLUMNS: usize = 64;
/// Most rows (flows) in a register file.
pub const MAX_ROWS: usize = 100_000;

/// The columns of the contract, in its order.
pub const COLUMNS: [&str; 14] = ["date", "flow", "recipient", "country", "list", "sector", "scenario", "group", "persons", "sensitive_persons", "basis", "person_ids", "sensitive_ids", "important_data"];
const REQUIRED: [&str; 2] = ["date", "flow"];
/// Where `person_ids` and `sensitive_ids` are in [`Cells`].
pub const PERSON_IDS: usize = 11;
pub const SENSITIVE_IDS: usize = 12;

/// A row's cells as text, in [`COLUMNS`] order, trimmed.
pub type Cells = [String; 14];

/// A bad file or row: the line (None: the file as a whole), the column, what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    pub line: Option<u64>,
    pub column: Option<String>,
    pub message: String,
}

impl CsvError {
    pub fn at(line: u64, column: &str, message: impl Into<String>) -> CsvError {
        CsvError { line: Some(line), column: Some(column.to_string()), message: message.into() }
    }

    pub fn file(message: impl Into<String>) -> CsvError {
        CsvError { line: None, column: None, message: message.into() }
    }

    /// `FILE:LINE: column: message`.
    pub fn render(&self, file: &str) -> String {
        let mut s = file.to_string();
        if let Some(l) = self.line {
            s.push(':');
            s.push_str(&l.to_string());
        }
        s.push_str(": ");
        if let Some(c) = &self.column {
            s.push_str(c);
            s.push_str(": ");
        }
        s.push_str(&self.message);
        s
    }
}

/// A cell's text for an error message: at most 40 characters, control characters escaped.
pub fn shown(s: &str) -> String {
    let clipped: String = s.chars().take(40).flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] }).collect();
    if s.chars().count() > 40 {
        clipped + "…"
    } else {
        clipped
    }
}

/// Bytes as they come: a file read in pieces (the CLI) or all at once (the page, tests).
pub trait Source {
    /// The next bytes; empty at the end.
    fn fill(&mut self) -> Result<&[u8], String>;
    /// `n` of them are read.
    fn consume(&mut self, n: usize);
}

impl Source for &[u8] {
    fn fill(&mut self) -> Result<&[u8], String> {
        Ok(self)
    }
    fn consume(&mut self, n: usize) {
        *self = &self[n.min(self.len())..];
    }
}

/// CSV records read with csv-core into a fixed-size cell buffer, so that a cell or a row can
/// never grow past its bound.
struct Records<S: Source> {
    src: S,
    core: csv_core::Reader,
    buf: Vec<u8>,
    len: usize,
    eof: bool,
}

impl<S: Source> Records<S> {
    /// The next record's cells (raw bytes) and its first line; None at the end.
    fn next(&mut self, header: Option<&[String]>, cells: &mut Vec<Vec<u8>>) -> Result<Option<u64>, CsvError> {
        cells.clear();
        let mut start: Option<u64> = None;
        loop {
            let input: &[u8] = if self.eof { &[] } else { self.src.fill().map_err(|e| CsvError::file(format!("cannot read: {e}")))? };
            let was_empty = input.is_empty();
            let line_before = self.core.line();
            let (res, nin, nout) = self.core.read_field(input, &mut self.buf[self.len..]);
            if start.is_none() && (nout > 0 || !matches!(res, csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::End)) {
                // The record starts on the line of its first byte (blank lines are skipped).
                let lead = input[..nin.min(input.len())].iter().take_while(|b| matches!(b, b'\n' | b'\r')).filter(|b| **b == b'\n').count();
                start = Some(line_before + lead as u64);
            }
            self.src.consume(nin);
            self.len += nout;
            self.eof |= was_empty;
            let line = start.unwrap_or(self.core.line());
            let column = |i: usize| header.and_then(|h| h.get(i)).cloned().unwrap_or_else(|| format!("column {}", i + 1));
            match res {
                csv_core::ReadFieldResult::InputEmpty => continue,
                csv_core::ReadFieldResult::OutputFull => {
                    return Err(CsvError::at(line, &column(cells.len()), format!("a cell longer than {MAX_CELL} bytes: expected a short value (this is not a register row, or a cell runs on)")));
                }
                csv_core::ReadFieldResult::Field { record_end } => {
                    if cells.len() >= MAX_COLUMNS {
                        return Err(too_many_columns(line, &column(cells.len())));
                    }
                    cells.push(self.buf[..self.len].to_vec());
                    self.len = 0;
                    if record_end {
                        return Ok(Some(line));
                    }
                }
                csv_core::ReadFieldResult::End => return Ok(None),
            }
        }
    }
}

fn too_many_columns(line: u64, column: &str) -> CsvError {
    CsvError::at(line, column, format!("more than {MAX_COLUMNS} columns: expected the register's columns ({})", COLUMNS.join(", ")))
}

fn too_many_rows(line: u64) -> CsvError {
    CsvError::at(line, "flow", format!("more than {MAX_ROWS} rows: a register holds at most {MAX_ROWS} flows"))
}

/// What the first bytes of a file say it is not: a zip (an XLSX), UTF-16, binary.
pub fn not_csv(head: &[u8]) -> Option<CsvError> {
    if head.starts_with(b"PK\x03\x04") {
        return Some(CsvError::file("an XLSX or other zip file, not CSV text (read it as a workbook)"));
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Some(CsvError::file("UTF-16 text: expected UTF-8 (save the sheet as \"CSV UTF-8\")"));
    }
    if head.iter().take(8192).any(|b| *b == 0) {
        return Some(CsvError::file("binary data (a NUL byte), not CSV text: expected a UTF-8 CSV file with a header row"));
    }
    None
}

/// Reads the register's rows from CSV: header first, columns in any order, a UTF-8 BOM
/// allowed. Gives each row's line and cells; every error names the line and the column as the
/// header names it.
pub fn parse_csv<S: Source>(mut src: S) -> Result<Vec<(u64, Cells)>, CsvError> {
    {
        let head = src.fill().map_err(|e| CsvError::file(format!("cannot read: {e}")))?;
        if let Some(e) = not_csv(head) {
            return Err(e);
        }
        if head.starts_with(b"\xEF\xBB\xBF") {
            src.consume(3);
        }
    }
    let mut rec = Records { src, core: csv_core::Reader::new(), buf: vec![0; MAX_CELL], len: 0, eof: false };
    let mut cells = Vec::new();
    let Some(hline) = rec.next(None, &mut cells)? else {
        return Err(CsvError::file(format!("empty: expected a header row naming the columns ({})", COLUMNS.join(", "))));
    };
    let table = Header::read(hline, &cells)?;
    let mut rows = Vec::new();
    while let Some(line) = rec.next(Some(&table.names), &mut cells)? {
        if let Some(r) = table.row(line, &cells, rows.len())? {
            rows.push((line, r));
        }
    }
    Ok(rows)
}

/// The header row, read: the column names as written, and where each contract column is.
pub struct Header {
    pub names: Vec<String>,
    cols: Vec<Option<usize>>,
}

impl Header {
    /// Reads the header row (line `hline`): every name a contract column, none twice, the
    /// required ones there.
    pub fn read(hline: u64, cells: &[Vec<u8>]) -> Result<Header, CsvError> {
        let mut names: Vec<String> = Vec::with_capacity(cells.len());
        for (i, c) in cells.iter().enumerate() {
            let name = core::str::from_utf8(c).map_err(|_| CsvError::at(hline, &format!("column {}", i + 1), "not UTF-8 text: expected a column name (save the file as \"CSV UTF-8\")"))?;
            names.push(name.trim().to_string());
        }
        // Empty cells at the end of a spreadsheet's header row are no columns.
        while names.last().is_some_and(String::is_empty) && names.len() > 1 {
            names.pop();
        }
        let unknown: Vec<String> = names.iter().filter(|h| !COLUMNS.contains(&h.as_str())).map(|h| format!("\"{}\"", shown(h))).collect();
        if !unknown.is_empty() {
            let s = if unknown.len() > 1 { "s" } else { "" };
            return Err(CsvError::at(hline, "header", format!("unknown column{s} {}: expected the register's columns ({})", unknown.join(", "), COLUMNS.join(", "))));
        }
        if let Some((_, h)) = names.iter().enumerate().find(|(i, h)| names[..*i].contains(h)) {
            return Err(CsvError::at(hline, "header", format!("column \"{h}\" is named twice")));
        }
        let missing: Vec<&str> = REQUIRED.iter().filter(|r| !names.iter().any(|h| h == *r)).copied().collect();
        if !missing.is_empty() {
            let s = if missing.len() > 1 { "s" } else { "" };
            return Err(CsvError::at(hline, "header", format!("missing required column{s} {}", missing.join(", "))));
        }
        let cols = COLUMNS.iter().map(|c| names.iter().position(|h| h == c)).collect();
        Ok(Header { names, cols })
    }

    /// One record (line `line`) as a row's cells, each checked as text; None for a blank line.
    /// `so_far`: rows read before.
    pub fn row(&self, line: u64, cells: &[Vec<u8>], so_far: usize) -> Result<Option<Cells>, CsvError> {
        let header = &self.names;
        if cells.iter().all(|c| c.iter().all(|b| b.is_ascii_whitespace())) && (cells.len() == 1 || cells.len() >= header.len()) {
            return Ok(None);
        }
        if so_far >= MAX_ROWS {
            return Err(too_many_rows(line));
        }
        // Trailing empty cells (a spreadsheet's export) are nothing beyond the header.
        if cells.len() > header.len() && !cells[header.len()..].iter().all(|c| c.is_empty()) {
            return Err(CsvError::at(line, &format!("column {}", header.len() + 1), format!("a cell beyond the header's {} columns", header.len())));
        }
        if cells.len() < header.len() {
            return Err(CsvError::at(line, &header[cells.len()], format!("missing: the row has {} cells, the header {}", cells.len(), header.len())));
        }
        let mut text: Cells = Default::default();
        for (ci, name) in COLUMNS.iter().enumerate() {
            let Some(i) = self.cols[ci] else { continue };
            let t = core::str::from_utf8(&cells[i]).map_err(|_| CsvError::at(line, name, "not UTF-8 text (save the file as \"CSV UTF-8\")"))?;
            if t.chars().any(|c| c.is_control() && c != '\t') {
                return Err(CsvError::at(line, name, format!("a control character in \"{}\": expected one line of text", shown(t))));
            }
            text[ci] = t.trim().to_string();
        }
        flow_with(line, &text, (!text[PERSON_IDS].is_empty(), !text[SENSITIVE_IDS].is_empty()))?;
        Ok(Some(text))
    }
}

/// A sheet's cells as they come, in row order, made into the register's rows: row numbers are
/// the lines, the first row with content the header, a row complete when the next one starts.
/// A cell beyond the register's columns or rows is an error at its row.
#[derive(Default)]
pub struct Sheet {
    header: Option<Header>,
    rows: Vec<(u64, Cells)>,
    current: Option<(u32, Vec<Vec<u8>>)>,
}

impl Sheet {
    /// The cell at 0-based row `r` and column `c`, with its text as the CSV would hold it.
    pub fn cell(&mut self, r: u32, c: u32, value: String) -> Result<(), CsvError> {
        let line = u64::from(r) + 1;
        if line > MAX_ROWS as u64 + 1 {
            return Err(too_many_rows(line));
        }
        let name = self.column_name(c);
        if c as usize >= MAX_COLUMNS {
            return Err(too_many_columns(line, &name));
        }
        if value.len() > MAX_CELL {
            return Err(CsvError::at(line, &name, format!("a cell longer than {MAX_CELL} bytes: expected a short value")));
        }
        self.row_starts(r)?;
        let (_, record) = self.current.get_or_insert_with(|| (r, Vec::new()));
        if record.len() <= c as usize {
            record.resize(c as usize + 1, Vec::new());
        }
        record[c as usize] = value.into_bytes();
        Ok(())
    }

    /// Row `r` starts (0-based): the row before it is complete, so that the header is known
    /// for the names of its cells' columns.
    pub fn row_starts(&mut self, r: u32) -> Result<(), CsvError> {
        if self.current.as_ref().is_some_and(|(row, _)| *row != r) {
            self.end_row()?;
        }
        Ok(())
    }

    /// The column a cell is in, as the header names it.
    pub fn column_name(&self, c: u32) -> String {
        self.header.as_ref().and_then(|h| h.names.get(c as usize).cloned()).unwrap_or_else(|| format!("column {}", c + 1))
    }

    fn end_row(&mut self) -> Result<(), CsvError> {
        let Some((row, mut record)) = self.current.take() else { return Ok(()) };
        let line = u64::from(row) + 1;
        match &self.header {
            None => self.header = Some(Header::read(line, &record)?),
            Some(h) => {
                // A sheet leaves out the empty cells at the end of a row.
                if record.len() < h.names.len() {
                    record.resize(h.names.len(), Vec::new());
                }
                if let Some(cells) = h.row(line, &record, self.rows.len())? {
                    self.rows.push((line, cells));
                }
            }
        }
        Ok(())
    }

    /// The rows read; `sheet` names the sheet in the error for one with no header.
    pub fn finish(mut self, sheet: &str) -> Result<Vec<(u64, Cells)>, CsvError> {
        self.end_row()?;
        if self.header.is_none() {
            return Err(CsvError::file(format!("an empty sheet \"{}\": expected a header row naming the columns ({})", shown(sheet), COLUMNS.join(", "))));
        }
        Ok(self.rows)
    }
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn count(line: u64, column: &str, s: &str) -> Result<Option<Count>, CsvError> {
    if s.is_empty() {
        return Ok(None);
    }
    let n = s.parse::<u64>().ok().filter(|_| s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit()));
    let Some(n) = n else {
        return Err(CsvError::at(line, column, format!("expected a whole number of persons, 0 or more, found \"{}\"", shown(s))));
    };
    if n > MAX_COUNT {
        return Err(CsvError::at(line, column, format!("expected a whole number of persons up to {MAX_COUNT}, found {n}")));
    }
    Ok(Some(Count(n)))
}

/// One row's cells (in [`COLUMNS`] order, trimmed) as a flow, checked on its own. `ids`: the
/// flow has identifiers (persons, sensitive) to count instead of the declared numbers.
pub fn flow_with(line: u64, t: &Cells, ids: (bool, bool)) -> Result<Flow, CsvError> {
    if t[0].is_empty() {
        return Err(CsvError::at(line, "date", "missing: expected the day of the transfer, YYYY-MM-DD"));
    }
    let date = Date::parse(&t[0]).map_err(|_| CsvError::at(line, "date", format!("expected a day YYYY-MM-DD, found \"{}\"", shown(&t[0]))))?;
    let basis = match t[10].as_str() {
        "" => None,
        b => Some(Basis::from_code(b).ok_or_else(|| {
            let known: Vec<&str> = Basis::ALL.iter().map(|b| b.code()).collect();
            CsvError::at(line, "basis", format!("expected {} or empty, found \"{}\"", known.join(", "), shown(b)))
        })?),
    };
    let persons = count(line, "persons", &t[8])?;
    let sensitive_persons = count(line, "sensitive_persons", &t[9])?;
    if !ids.0 && !ids.1 {
        if let (Some(p), Some(s)) = (persons, sensitive_persons) {
            if s > p {
                return Err(CsvError::at(line, "sensitive_persons", format!("expected at most `persons` ({}): sensitive persons are counted among the persons, found {}", p.0, s.0)));
            }
        }
        if persons.is_none() && sensitive_persons.is_some_and(|s| s.0 > 0) {
            return Err(CsvError::at(line, "persons", "missing: sensitive persons are counted among the persons, so give `persons` too (or identifier files)"));
        }
    }
    let flow = Flow {
        date: Some(date),
        name: t[1].clone(),
        recipient: t[2].clone(),
        country: t[3].clone(),
        list: opt(&t[4]),
        sector: opt(&t[5]),
        scenario: opt(&t[6]),
        group: opt(&t[7]),
        persons,
        sensitive_persons,
        basis,
        important_data: t[13].split_whitespace().map(String::from).collect(),
        has_person_ids: ids.0,
        has_sensitive_ids: ids.1,
    };
    flow.check().map_err(|e| CsvError::at(line, e.column, e.message))?;
    Ok(flow)
}

/// User text as a spreadsheet would read it: a cell starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return is a formula there, so it gets a leading `'` (OWASP "CSV injection").
pub fn neutralised(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// One CSV cell: quoted where it holds a comma, a quote or a line break; user text neutralised.
fn cell(out: &mut String, s: &str) {
    let s = neutralised(s);
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&s);
    }
}

/// The columns the register writes out: the contract's, then how each flow was counted, the
/// year's outcome once it is counted, and the crossing it makes.
pub const EXPORT_COLUMNS: [&str; 17] = ["date", "flow", "recipient", "country", "list", "sector", "scenario", "group", "persons", "sensitive_persons", "basis", "person_ids", "sensitive_ids", "important_data", "counted_from", "outcome_so_far", "crossing"];

/// The flows of a position as CSV (UTF-8 with a BOM, so that spreadsheets read the Chinese), in
/// date order, each with the year-to-date outcome once it is counted and the crossing it made.
/// `ids(i)`: the identifier files flow `i` names (the CLI's paths; the page's file names).
/// Every cell of user text is neutralised, so a flow named `=HYPERLINK(…)` stays text.
pub fn export_csv(p: &Position, flows: &[Flow], ids: impl Fn(usize) -> (String, String)) -> String {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&EXPORT_COLUMNS.join(","));
    out.push_str("\r\n");
    for (k, &i) in p.order.iter().enumerate() {
        let Some(f) = flows.get(i) else { continue };
        let (person_ids, sensitive_ids) = ids(i);
        let n = |c: Option<Count>| c.map(|c| c.0.to_string()).unwrap_or_default();
        let counted = if f.has_person_ids || f.has_sensitive_ids { "identifiers" } else { "declared" };
        let crossing = p.crossed_at.iter().position(|&c| c == k).map(|c| format!("{} -> {}", p.crossings[c].from, p.crossings[c].to)).unwrap_or_default();
        let fields: [String; 17] = [
            f.date.map(|d| d.to_string()).unwrap_or_default(),
            f.name.clone(),
            f.recipient.clone(),
            f.country.clone(),
            f.list.clone().unwrap_or_default(),
            f.sector.clone().unwrap_or_default(),
            f.scenario.clone().unwrap_or_default(),
            f.group.clone().unwrap_or_default(),
            n(f.persons),
            n(f.sensitive_persons),
            f.basis.map(|b| b.code().to_string()).unwrap_or_default(),
            person_ids,
            sensitive_ids,
            f.important_data.join(" "),
            counted.to_string(),
            p.outcomes.get(k).copied().unwrap_or_default().to_string(),
            crossing,
        ];
        for (j, v) in fields.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            cell(&mut out, v);
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralised("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralised("-1"), "'-1");
        assert_eq!(neutralised("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralised("CRM"), "CRM");
        let mut s = String::new();
        cell(&mut s, "=HYPERLINK(\"http://x\",\"y\")");
        assert_eq!(s, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    }

    #[test]
    fn a_csv_reads_from_bytes_with_its_lines() {
        let src = "\u{FEFF}date,flow,persons\r\n2026-01-05,CRM,10\r\n\r\n2026-02-01,\"HR, China\",3\r\n";
        let rows = parse_csv(src.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, 2);
        assert_eq!(rows[1].0, 4);
        assert_eq!(rows[1].1[1], "HR, China");
        let e = parse_csv("date,flow,persons\n2026-01-05,CRM,ten\n".as_bytes()).unwrap_err();
        assert_eq!(e.render("r.csv"), "r.csv:2: persons: expected a whole number of persons, 0 or more, found \"ten\"");
    }

    #[test]
    fn a_sheet_gives_the_same_rows_as_the_csv() {
        let mut sheet = Sheet::default();
        for (c, v) in ["date", "flow", "persons"].iter().enumerate() {
            sheet.cell(0, c as u32, v.to_string()).unwrap();
        }
        sheet.cell(2, 0, "2026-01-05".into()).unwrap();
        sheet.cell(2, 1, "CRM".into()).unwrap();
        let rows = sheet.finish("Sheet1").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, 3);
        let mut sheet = Sheet::default();
        assert_eq!(sheet.cell(0, 70, "x".into()).unwrap_err().column.as_deref(), Some("column 71"));
    }
}
