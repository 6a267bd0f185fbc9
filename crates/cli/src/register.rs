//! `xborder register FILE.csv`: the year-to-date position of a handler's inventory of flows
//! (contract: "Register: a year-to-date inventory of transfers"). Reading the CSV and the
//! identifier files is this module's job; the counting and the verdict are the core's
//! (`xborder_core::register`).
//!
//! Hostile files are read in bounded memory and time: a cell holds at most [`MAX_CELL`] bytes,
//! a row at most [`MAX_COLUMNS`] cells, the file at most [`MAX_ROWS`] rows, an identifier at
//! most [`MAX_ID`] bytes; identifier files are streamed, never loaded whole, and only the
//! 128-bit hash of each identifier is kept. Every error is one line:
//! `FILE.csv:LINE: column: what was expected` (LINE 1 is the header).
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use xborder_core::calendar::Date;
use xborder_core::register::{self, Flow, HandlerFacts, Period, Position, RegisterErrorKind, Sink};
use xborder_core::scenario::{Basis, Count, MAX_COUNT};

/// Longest cell, in bytes.
pub const MAX_CELL: usize = 4096;
/// Most cells in a row (the contract has 14 columns).
pub const MAX_COLUMNS: usize = 64;
/// Most rows (flows) in a register file.
pub const MAX_ROWS: usize = 100_000;
/// Longest identifier, in bytes.
pub const MAX_ID: usize = 1024;

/// The columns of the contract, in its order.
pub const COLUMNS: [&str; 14] = ["date", "flow", "recipient", "country", "list", "sector", "scenario", "group", "persons", "sensitive_persons", "basis", "person_ids", "sensitive_ids", "important_data"];
const REQUIRED: [&str; 2] = ["date", "flow"];

/// A row read from the file: the flow, where its identifier files are, and its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub flow: Flow,
    pub person_ids: Option<String>,
    pub sensitive_ids: Option<String>,
}

/// A bad file or row: the line (None: the file as a whole), the column, what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    pub line: Option<u64>,
    pub column: Option<String>,
    pub message: String,
}

impl CsvError {
    fn at(line: u64, column: &str, message: impl Into<String>) -> CsvError {
        CsvError { line: Some(line), column: Some(column.to_string()), message: message.into() }
    }

    fn file(message: impl Into<String>) -> CsvError {
        CsvError { line: None, column: None, message: message.into() }
    }

    /// `FILE:LINE: column: message`.
    pub fn render(&self, file: &str) -> String {
        let mut s = file.to_string();
        if let Some(l) = self.line {
            let _ = write!(s, ":{l}");
        }
        s.push_str(": ");
        if let Some(c) = &self.column {
            let _ = write!(s, "{c}: ");
        }
        s.push_str(&self.message);
        s
    }
}

/// A cell's text for an error message: at most 40 characters, control characters escaped.
pub(crate) fn shown(s: &str) -> String {
    let clipped: String = s.chars().take(40).flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] }).collect();
    if s.chars().count() > 40 { format!("{clipped}…") } else { clipped }
}

/// Reads CSV records with csv-core (the `csv` crate's own parser) into fixed-size buffers, so a
/// cell or a row can never grow past its bound.
struct Records<R: BufRead> {
    src: R,
    core: csv_core::Reader,
    buf: Box<[u8]>,
    len: usize,
    eof: bool,
}

impl<R: BufRead> Records<R> {
    fn new(src: R) -> Self {
        Records { src, core: csv_core::Reader::new(), buf: vec![0; MAX_CELL].into_boxed_slice(), len: 0, eof: false }
    }

    /// The next record's cells (raw bytes) and its first line; None at the end.
    fn next(&mut self, header: Option<&[String]>, cells: &mut Vec<Vec<u8>>) -> Result<Option<u64>, CsvError> {
        cells.clear();
        let mut start: Option<u64> = None;
        loop {
            let input: &[u8] = if self.eof {
                &[]
            } else {
                match self.src.fill_buf() {
                    Ok(b) => b,
                    Err(e) => return Err(CsvError::file(format!("cannot read: {e}"))),
                }
            };
            let was_empty = input.is_empty();
            let line_before = self.core.line();
            let (res, nin, nout) = self.core.read_field(input, &mut self.buf[self.len..]);
            if start.is_none() && (nout > 0 || !matches!(res, csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::End)) {
                // The record starts on the line of its first byte (blank lines are skipped).
                start = Some(line_before + count_skipped_lines(&input[..nin.min(input.len())]));
            }
            self.src.consume(nin);
            self.len += nout;
            if was_empty {
                self.eof = true;
            }
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

/// Blank lines csv-core skipped before the first byte of a record: the leading `\n`s.
fn count_skipped_lines(consumed: &[u8]) -> u64 {
    let lead = consumed.iter().take_while(|b| matches!(b, b'\n' | b'\r')).filter(|b| **b == b'\n').count();
    lead as u64
}

/// Reads the register's rows from CSV bytes: header first, columns in any order. Every error
/// names the line and the column as the header names it.
pub fn parse(src: impl Read) -> Result<Vec<Row>, CsvError> {
    let mut src = BufReader::with_capacity(64 * 1024, src);
    {
        let head = src.fill_buf().map_err(|e| CsvError::file(format!("cannot read: {e}")))?;
        if head.starts_with(b"PK\x03\x04") {
            return Err(CsvError::file("an XLSX or other zip file, not CSV text (`xborder register` reads an .xlsx file as a workbook)"));
        }
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            return Err(CsvError::file("UTF-16 text: expected UTF-8 (save the sheet as \"CSV UTF-8\")"));
        }
        if head.iter().take(8192).any(|b| *b == 0) {
            return Err(CsvError::file("binary data (a NUL byte), not CSV text: expected a UTF-8 CSV file with a header row"));
        }
    }
    let mut rec = Records::new(src);
    let mut cells = Vec::new();
    let Some(hline) = rec.next(None, &mut cells)? else {
        return Err(CsvError::file(format!("empty: expected a header row naming the columns ({})", COLUMNS.join(", "))));
    };
    let table = Header::read(hline, &cells)?;
    let mut rows = Vec::new();
    while let Some(line) = rec.next(Some(&table.names), &mut cells)? {
        if let Some(r) = table.row(line, &cells, rows.len())? {
            rows.push(r);
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
            let name = std::str::from_utf8(c).map_err(|_| CsvError::at(hline, &format!("column {}", i + 1), "not UTF-8 text: expected a column name (save the file as \"CSV UTF-8\")"))?;
            names.push(name.trim().to_string());
        }
        // Empty cells at the end of a spreadsheet's header row are no columns.
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
        let cols = COLUMNS.iter().map(|c| names.iter().position(|h| h == c)).collect();
        Ok(Header { names, cols })
    }

    /// One record (line `line`) as a row; None for a blank line. `so_far`: rows read before.
    pub fn row(&self, line: u64, cells: &[Vec<u8>], so_far: usize) -> Result<Option<Row>, CsvError> {
        let header = &self.names;
        if cells.iter().all(|c| c.iter().all(|b| b.is_ascii_whitespace())) && (cells.len() == 1 || cells.len() >= header.len()) {
            return Ok(None);
        }
        if so_far >= MAX_ROWS {
            return Err(CsvError::at(line, "flow", format!("more than {MAX_ROWS} rows: a register holds at most {MAX_ROWS} flows")));
        }
        if cells.len() > header.len() {
            if cells[header.len()..].iter().all(|c| c.is_empty()) {
                // Trailing empty cells (a spreadsheet's export): nothing beyond the header.
            } else {
                return Err(CsvError::at(line, &format!("column {}", header.len() + 1), format!("a cell beyond the header's {} columns", header.len())));
            }
        }
        if cells.len() < header.len() {
            return Err(CsvError::at(line, &header[cells.len()], format!("missing: the row has {} cells, the header {}", cells.len(), header.len())));
        }
        let mut text: Vec<&str> = Vec::with_capacity(COLUMNS.len());
        for (ci, name) in COLUMNS.iter().enumerate() {
            let t = match self.cols[ci] {
                None => "",
                Some(i) => {
                    let t = std::str::from_utf8(&cells[i]).map_err(|_| CsvError::at(line, name, "not UTF-8 text (save the file as \"CSV UTF-8\")"))?;
                    if t.chars().any(|c| c.is_control() && c != '\t') {
                        return Err(CsvError::at(line, name, format!("a control character in \"{}\": expected one line of text", shown(t))));
                    }
                    t.trim()
                }
            };
            text.push(t);
        }
        row(line, &text).map(Some)
    }
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

/// One row's cells (in `COLUMNS` order, trimmed) as a flow, checked on its own.
fn row(line: u64, t: &[&str]) -> Result<Row, CsvError> {
    let date = if t[0].is_empty() {
        return Err(CsvError::at(line, "date", "missing: expected the day of the transfer, YYYY-MM-DD"));
    } else {
        Date::parse(t[0]).map_err(|_| CsvError::at(line, "date", format!("expected a day YYYY-MM-DD, found \"{}\"", shown(t[0]))))?
    };
    let basis = match t[10] {
        "" => None,
        b => Some(Basis::from_code(b).ok_or_else(|| {
            let known: Vec<&str> = Basis::ALL.iter().map(|b| b.code()).collect();
            CsvError::at(line, "basis", format!("expected {} or empty, found \"{}\"", known.join(", "), shown(b)))
        })?),
    };
    let persons = count(line, "persons", t[8])?;
    let sensitive_persons = count(line, "sensitive_persons", t[9])?;
    let person_ids = opt(t[11]);
    let sensitive_ids = opt(t[12]);
    if person_ids.is_none() && sensitive_ids.is_none() {
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
        name: t[1].to_string(),
        recipient: t[2].to_string(),
        country: t[3].to_string(),
        list: opt(t[4]),
        sector: opt(t[5]),
        scenario: opt(t[6]),
        group: opt(t[7]),
        persons,
        sensitive_persons,
        basis,
        important_data: t[13].split_whitespace().map(String::from).collect(),
        has_person_ids: person_ids.is_some(),
        has_sensitive_ids: sensitive_ids.is_some(),
    };
    flow.check().map_err(|e| CsvError::at(line, e.column, e.message))?;
    Ok(Row { line, flow, person_ids, sensitive_ids })
}

/// Hashes per batch handed from the reading thread to the counting one.
const HASHES_PER_BATCH: usize = 1 << 16;

/// [`stream_ids`] on a second thread: the file is read, split and hashed there while `each`
/// counts the previous batch here (the machine's two cores each do half of the work). Memory:
/// the read buffer and four batches of hashes in flight.
pub fn stream_ids_threaded(path: &Path, mut each: impl FnMut(u128)) -> Result<u64, String> {
    use std::sync::mpsc::sync_channel;
    let (full_tx, full_rx) = sync_channel::<Vec<u128>>(4);
    let (empty_tx, empty_rx) = sync_channel::<Vec<u128>>(6);
    for _ in 0..6 {
        let _ = empty_tx.send(Vec::with_capacity(HASHES_PER_BATCH));
    }
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut batch = empty_rx.recv().unwrap_or_default();
            let r = stream_ids(path, |h| {
                batch.push(h);
                if batch.len() == HASHES_PER_BATCH {
                    let next = empty_rx.recv().unwrap_or_default();
                    let _ = full_tx.send(std::mem::replace(&mut batch, next));
                }
            });
            if !batch.is_empty() {
                let _ = full_tx.send(batch);
            }
            r
        });
        for mut batch in full_rx.iter() {
            for h in batch.drain(..) {
                each(h);
            }
            let _ = empty_tx.send(batch);
        }
        reader.join().unwrap_or_else(|_| Err(format!("cannot read {}: the reading thread failed", path.display())))
    })
}

/// Streams an identifier file: one identifier per line, trimmed, blank lines skipped, each
/// hashed to 128 bits (XXH3-128) and given to `each`. Memory: the read buffer and one line.
pub fn stream_ids(path: &Path, mut each: impl FnMut(u128)) -> Result<u64, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut src = BufReader::with_capacity(1 << 20, file);
    let mut carry: Vec<u8> = Vec::new();
    let mut lines = 0u64;
    let mut one = |raw: &[u8], lines: &mut u64| -> Result<(), String> {
        *lines += 1;
        let id = raw.trim_ascii();
        if id.len() > MAX_ID {
            return Err(format!("{}: line {}: an identifier longer than {MAX_ID} bytes: expected one identifier per line", path.display(), lines));
        }
        if !id.is_empty() {
            each(xxhash_rust::xxh3::xxh3_128(id));
        }
        Ok(())
    };
    loop {
        let buf = src.fill_buf().map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if buf.is_empty() {
            break;
        }
        let n = buf.len();
        let mut at = 0;
        while let Some(p) = memchr::memchr(b'\n', &buf[at..]) {
            if carry.is_empty() {
                one(&buf[at..at + p], &mut lines)?;
            } else {
                carry.extend_from_slice(&buf[at..at + p]);
                one(&carry, &mut lines)?;
                carry.clear();
            }
            at += p + 1;
        }
        carry.extend_from_slice(&buf[at..]);
        if carry.len() > MAX_ID + 2 && carry.trim_ascii().len() > MAX_ID {
            return Err(format!("{}: line {}: an identifier longer than {MAX_ID} bytes: expected one identifier per line (is this an identifier file?)", path.display(), lines + 1));
        }
        src.consume(n);
    }
    if !carry.is_empty() {
        one(&carry, &mut lines)?;
    }
    Ok(lines)
}

/// The options of `xborder register`.
#[derive(Debug, Clone)]
pub struct Options {
    pub period: Period,
    pub handler: HandlerFacts,
    /// The day of evaluation (the local date, or `XBORDER_TODAY`): the rules of that day decide
    /// unless `--as-of` names another (contract "Rules as of a date").
    pub today: Date,
}

/// Reads the register file and its identifier files and gives the position (with the rows read,
/// for the report); the error is the one line for stderr.
pub fn run(path: &Path, opts: &Options) -> Result<(Position, Vec<Row>), String> {
    let name = path.display().to_string();
    let mut file = std::fs::File::open(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let mut head = [0u8; 4];
    let n = file.read(&mut head).map_err(|e| format!("{name}: cannot read: {e}"))?;
    std::io::Seek::rewind(&mut file).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let rows = if crate::xlsx::is_zip(&head[..n]) { crate::xlsx::parse(file) } else { parse(file) }.map_err(|e| e.render(&name))?;
    let folder: PathBuf = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let flows: Vec<Flow> = rows.iter().map(|r| r.flow.clone()).collect();
    let result = register::position(&flows, opts.period, &opts.handler, opts.today, |i, sink: &mut Sink| {
        let r = &rows[i];
        for (column, file, sensitive) in [("person_ids", &r.person_ids, false), ("sensitive_ids", &r.sensitive_ids, true)] {
            let Some(file) = file else { continue };
            let p = folder.join(file);
            let at = |m: String| format!("{name}:{}: {column}: {m}", r.line);
            // About one identifier per 16 bytes of file: room for them at once, not by doubling
            // (up to 16 million; past that the table grows as it fills).
            if let Ok(meta) = std::fs::metadata(&p) {
                sink.reserve(usize::try_from(meta.len() / 16).unwrap_or(0).min(16 << 20));
            }
            if sensitive {
                stream_ids_threaded(&p, |h| sink.sensitive(h)).map_err(at)?;
            } else {
                stream_ids_threaded(&p, |h| sink.person(h)).map_err(at)?;
            }
        }
        Ok::<(), String>(())
    });
    let position = result.map_err(|e| {
        let line = e.flow.map(|i| rows[i].line);
        match e.kind {
            RegisterErrorKind::Ids(m) => m,
            RegisterErrorKind::Flow(f) => CsvError { line, column: Some(f.column.to_string()), message: f.message }.render(&name),
            RegisterErrorKind::Scenario(s) => {
                let (what, message) = match s.path.as_str() {
                    "zone" => ("--zone".to_string(), s.message.replace(" or null", "")),
                    p => (p.to_string(), s.message.clone()),
                };
                match line {
                    Some(l) => format!("{name}:{l}: {what}: {message}"),
                    None => format!("{what}: {message}"),
                }
            }
        }
    })?;
    Ok((position, rows))
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

/// The position as a readable bilingual report: the flows, the counts, the crossings, then the
/// year's verdict as `xborder check` prints it. User text is neutralised ([`neutralised`]).
pub fn render(p: &Position, rows: &[Row]) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "登记簿 Register · {}年 year {}", p.year, p.year);
    let _ = writeln!(o, "计入流转 Flows counted: {} · 未计入的行 Rows ignored (other years / after --as-of): {}", p.flows, p.ignored_rows);
    let _ = writeln!(o);
    let _ = writeln!(o, "流转（按日期） Flows, in date order");
    for r in p.order.iter().filter_map(|&i| rows.get(i)) {
        let f = &r.flow;
        let mut to = [&f.recipient, &f.country].iter().filter(|s| !s.is_empty()).map(|s| neutralised(s)).collect::<Vec<_>>().join(", ");
        if !to.is_empty() {
            to = format!(" → {to}");
        }
        let terms: Vec<&str> = [&f.scenario, &f.group].iter().filter_map(|s| s.as_deref()).chain(f.basis.map(|b| b.code())).collect();
        let terms = if terms.is_empty() { String::new() } else { format!(" [{}]", terms.join(" / ")) };
        let how = match (f.has_person_ids || f.has_sensitive_ids, f.persons, f.sensitive_persons) {
            (true, ..) => "标识符文件 identifier files".to_string(),
            (false, None, None) => "无个人信息 no persons".to_string(),
            (false, p, s) => format!("填报 declared {} / {}", num(p.map_or(0, |c| c.0)), num(s.map_or(0, |c| c.0))),
        };
        let _ = writeln!(o, "  {} {}{to}{terms} — {how} (line {})", f.date.map(|d| d.to_string()).unwrap_or_default(), neutralised(&f.name), r.line);
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "累计人数（自1月1日起，按自然人去重） Counts since 1 January, each person once");
    if p.counts.is_empty() {
        let _ = writeln!(o, "  （无 none）");
    }
    for c in &p.counts {
        let how = if c.exact { "精确去重 exact (distinct identifiers)" } else { "含填报数，未去重 declared counts, not de-duplicated" };
        let _ = writeln!(o, "  • {}: {} 人 persons, {} 人敏感 sensitive — {how}", c.rule, num(c.persons.0), num(c.sensitive_persons.0));
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "升档 Crossings into a stricter outcome");
    if p.crossings.is_empty() {
        let _ = writeln!(o, "  （无 none）");
    }
    for c in &p.crossings {
        let _ = writeln!(o, "  • {} {}: {} → {}", c.date, neutralised(&c.flow), c.from, c.to);
    }
    let _ = writeln!(o);
    if !p.verdict.decided {
        let _ = writeln!(o, "结论取决于尚未回答的问题：用 --in-zone yes|no 和 --ciio yes|no 回答。 The verdict depends on open questions: answer them with --in-zone yes|no and --ciio yes|no.");
        let _ = writeln!(o);
    }
    o.push_str(&crate::report::render(&p.scenario, &p.verdict));
    o
}

fn num(n: u64) -> String {
    xborder_core::text::num(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralised("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralised("-1"), "'-1");
        assert_eq!(neutralised("CRM"), "CRM");
    }
}
