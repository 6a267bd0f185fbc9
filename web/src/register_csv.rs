//! The register's CSV reader in the page: the same columns, rules and messages as
//! `xborder register` (crates/cli/src/register.rs), over the bytes of a picked or dropped file.
//! Bounded like the CLI's: a cell holds at most [`MAX_CELL`] bytes, a row at most
//! [`MAX_COLUMNS`] cells, a file at most [`MAX_ROWS`] rows and [`MAX_BYTES`] bytes. Every error
//! is one line, `FILE.csv:LINE: column: what was expected` (LINE 1 is the header).
use xborder_core::calendar::Date;
use xborder_core::register::Flow;
use xborder_core::scenario::{Basis, Count, MAX_COUNT};

pub const MAX_CELL: usize = 4096;
pub const MAX_COLUMNS: usize = 64;
pub const MAX_ROWS: usize = 100_000;
/// Largest register file the page reads (the file is read whole: its rows are small).
pub const MAX_BYTES: usize = 64 << 20;

/// The columns of the contract, in its order.
pub const COLUMNS: [&str; 14] = ["date", "flow", "recipient", "country", "list", "sector", "scenario", "group", "persons", "sensitive_persons", "basis", "person_ids", "sensitive_ids", "important_data"];
const REQUIRED: [&str; 2] = ["date", "flow"];

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

    fn file(message: impl Into<String>) -> CsvError {
        CsvError { line: None, column: None, message: message.into() }
    }

    /// `FILE:LINE: column: message`, as the CLI prints it.
    pub fn render(&self, file: &str) -> String {
        let mut s = file.to_string();
        if let Some(l) = self.line {
            s.push_str(&format!(":{l}"));
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

/// A row's cells as text, in `COLUMNS` order (trimmed): what the page keeps of a flow.
pub type Cells = [String; 14];

/// A cell's text for an error message: at most 40 characters, control characters escaped.
fn shown(s: &str) -> String {
    let clipped: String = s.chars().take(40).flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] }).collect();
    if s.chars().count() > 40 { format!("{clipped}…") } else { clipped }
}

/// Records of CSV bytes, read with csv-core into a fixed-size cell buffer.
struct Records<'a> {
    src: &'a [u8],
    core: csv_core::Reader,
    buf: Vec<u8>,
    len: usize,
}

impl<'a> Records<'a> {
    fn next(&mut self, header: Option<&[String]>, cells: &mut Vec<Vec<u8>>) -> Result<Option<u64>, CsvError> {
        cells.clear();
        let mut start: Option<u64> = None;
        loop {
            let input = self.src;
            let line_before = self.core.line();
            let (res, nin, nout) = self.core.read_field(input, &mut self.buf[self.len..]);
            if start.is_none() && (nout > 0 || !matches!(res, csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::End)) {
                let lead = input[..nin.min(input.len())].iter().take_while(|b| matches!(b, b'\n' | b'\r')).filter(|b| **b == b'\n').count();
                start = Some(line_before + lead as u64);
            }
            self.src = &input[nin..];
            self.len += nout;
            let line = start.unwrap_or(self.core.line());
            let column = |i: usize| header.and_then(|h| h.get(i)).cloned().unwrap_or_else(|| format!("column {}", i + 1));
            match res {
                csv_core::ReadFieldResult::InputEmpty => continue,
                csv_core::ReadFieldResult::OutputFull => {
                    return Err(CsvError::at(line, &column(cells.len()), format!("a cell longer than {MAX_CELL} bytes: expected a short value (this is not a register row, or a cell runs on)")));
                }
                csv_core::ReadFieldResult::Field { record_end } => {
                    if cells.len() >= MAX_COLUMNS {
                        return Err(CsvError::at(line, &column(cells.len()), format!("more than {MAX_COLUMNS} columns: expected the register's columns ({})", COLUMNS.join(", "))));
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

/// Reads the register's rows from CSV bytes: header first, columns in any order; each row
/// checked as the CLI checks it. Gives each row's cells and its line.
pub fn parse(bytes: &[u8]) -> Result<Vec<(u64, Cells)>, CsvError> {
    if bytes.len() > MAX_BYTES {
        return Err(CsvError::file(format!("larger than {} MB: expected a register of flows (identifier files are picked per flow)", MAX_BYTES >> 20)));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(CsvError::file("an XLSX or other zip file, not CSV text: the page reads CSV (save the sheet as \"CSV UTF-8\"; `xborder register` reads .xlsx)"));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(CsvError::file("UTF-16 text: expected UTF-8 (save the sheet as \"CSV UTF-8\")"));
    }
    if bytes.iter().take(8192).any(|b| *b == 0) {
        return Err(CsvError::file("binary data (a NUL byte), not CSV text: expected a UTF-8 CSV file with a header row"));
    }
    // A UTF-8 BOM is allowed (the CLI's csv-core reads it as part of the first cell, trimmed
    // away with it below).
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut rec = Records { src: body, core: csv_core::Reader::new(), buf: vec![0; MAX_CELL], len: 0 };
    let mut cells = Vec::new();
    let Some(hline) = rec.next(None, &mut cells)? else {
        return Err(CsvError::file(format!("empty: expected a header row naming the columns ({})", COLUMNS.join(", "))));
    };
    let mut names: Vec<String> = Vec::with_capacity(cells.len());
    for (i, c) in cells.iter().enumerate() {
        let name = std::str::from_utf8(c).map_err(|_| CsvError::at(hline, &format!("column {}", i + 1), "not UTF-8 text: expected a column name (save the file as \"CSV UTF-8\")"))?;
        names.push(name.trim().to_string());
    }
    while names.last().is_some_and(String::is_empty) && names.len() > 1 {
        names.pop();
    }
    let unknown: Vec<String> = names.iter().filter(|h| !COLUMNS.contains(&h.as_str())).map(|h| format!("\"{}\"", shown(h))).collect();
    if !unknown.is_empty() {
        return Err(CsvError::at(hline, "header", format!("unknown column{} {}: expected the register's columns ({})", if unknown.len() > 1 { "s" } else { "" }, unknown.join(", "), COLUMNS.join(", "))));
    }
    for (i, h) in names.iter().enumerate() {
        if names[..i].contains(h) {
            return Err(CsvError::at(hline, "header", format!("column \"{h}\" is named twice")));
        }
    }
    let missing: Vec<&str> = REQUIRED.iter().filter(|r| !names.iter().any(|h| h == *r)).copied().collect();
    if !missing.is_empty() {
        return Err(CsvError::at(hline, "header", format!("missing required column{} {}", if missing.len() > 1 { "s" } else { "" }, missing.join(", "))));
    }
    let cols: Vec<Option<usize>> = COLUMNS.iter().map(|c| names.iter().position(|h| h == c)).collect();
    let mut rows = Vec::new();
    while let Some(line) = rec.next(Some(&names), &mut cells)? {
        if cells.iter().all(|c| c.iter().all(|b| b.is_ascii_whitespace())) && (cells.len() == 1 || cells.len() >= names.len()) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(CsvError::at(line, "flow", format!("more than {MAX_ROWS} rows: a register holds at most {MAX_ROWS} flows")));
        }
        if cells.len() > names.len() && !cells[names.len()..].iter().all(|c| c.is_empty()) {
            return Err(CsvError::at(line, &format!("column {}", names.len() + 1), format!("a cell beyond the header's {} columns", names.len())));
        }
        if cells.len() < names.len() {
            return Err(CsvError::at(line, &names[cells.len()], format!("missing: the row has {} cells, the header {}", cells.len(), names.len())));
        }
        let mut text: Cells = Default::default();
        for (ci, name) in COLUMNS.iter().enumerate() {
            if let Some(i) = cols[ci] {
                let t = std::str::from_utf8(&cells[i]).map_err(|_| CsvError::at(line, name, "not UTF-8 text (save the file as \"CSV UTF-8\")"))?;
                if t.chars().any(|c| c.is_control() && c != '\t') {
                    return Err(CsvError::at(line, name, format!("a control character in \"{}\": expected one line of text", shown(t))));
                }
                text[ci] = t.trim().to_string();
            }
        }
        if !text[11].is_empty() || !text[12].is_empty() {
            let c = if text[11].is_empty() { "sensitive_ids" } else { "person_ids" };
            return Err(CsvError::at(line, c, "an identifier file: the page cannot open files a CSV names (its files stay where they are); pick the identifier file beside the flow in the register, or leave the column empty and give the declared counts"));
        }
        flow(line, &text)?;
        rows.push((line, text));
    }
    Ok(rows)
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn count(line: u64, column: &str, s: &str) -> Result<Option<Count>, CsvError> {
    if s.is_empty() {
        return Ok(None);
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 12 {
        return Err(CsvError::at(line, column, format!("expected a whole number of persons, 0 or more, found \"{}\"", shown(s))));
    }
    let n: u64 = s.parse().map_err(|_| CsvError::at(line, column, format!("expected a whole number of persons, found \"{}\"", shown(s))))?;
    if n > MAX_COUNT {
        return Err(CsvError::at(line, column, format!("expected a whole number of persons up to {MAX_COUNT}, found {n}")));
    }
    Ok(Some(Count(n)))
}

/// One row's cells (in `COLUMNS` order, trimmed) as a flow, checked on its own, as the CLI
/// checks it. `ids`: the flow has hashed identifiers (persons, sensitive) in the page.
pub fn flow(line: u64, t: &Cells) -> Result<Flow, CsvError> {
    flow_with(line, t, (false, false))
}

pub fn flow_with(line: u64, t: &Cells, ids: (bool, bool)) -> Result<Flow, CsvError> {
    let date = if t[0].is_empty() {
        return Err(CsvError::at(line, "date", "missing: expected the day of the transfer, YYYY-MM-DD"));
    } else {
        Date::parse(&t[0]).map_err(|_| CsvError::at(line, "date", format!("expected a day YYYY-MM-DD, found \"{}\"", shown(&t[0]))))?
    };
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
