//! `xborder register FILE.csv`: the year-to-date position of a handler's inventory of flows
//! (contract: "Register: a year-to-date inventory of transfers"). Reading the CSV and the
//! identifier files is this module's job; the counting and the verdict are the core's
//! (`xborder_core::register`).
//!
//! Hostile files are read in bounded memory and time: the core's reader bounds cells, columns
//! and rows (`xborder_core::inventory`); an identifier holds at most [`MAX_ID`] bytes; identifier files are streamed, never loaded whole, and only the
//! 128-bit hash of each identifier is kept. Every error is one line:
//! `FILE.csv:LINE: column: what was expected` (LINE 1 is the header).
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use xborder_core::calendar::Date;
use xborder_core::inventory::{self, Cells, CsvError, PERSON_IDS, SENSITIVE_IDS};
use xborder_core::register::{self, Flow, HandlerFacts, Period, Position, RegisterErrorKind, Sink};

/// Longest identifier, in bytes (the page's limit too).
pub use xborder_ids::lines::MAX_ID;

/// A row read from the file: the flow, where its identifier files are, and its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub flow: Flow,
    pub person_ids: Option<String>,
    pub sensitive_ids: Option<String>,
}

impl Row {
    /// A row of the core's reader (`xborder_core::inventory`), with its identifier files.
    pub fn of(line: u64, cells: &Cells) -> Result<Row, CsvError> {
        let opt = |s: &String| (!s.is_empty()).then(|| s.clone());
        let (person_ids, sensitive_ids) = (opt(&cells[PERSON_IDS]), opt(&cells[SENSITIVE_IDS]));
        let flow = inventory::flow_with(line, cells, (person_ids.is_some(), sensitive_ids.is_some()))?;
        Ok(Row { line, flow, person_ids, sensitive_ids })
    }
}

/// A file read in pieces for the core's CSV reader.
struct Buffered<R: BufRead>(R);

impl<R: BufRead> inventory::Source for Buffered<R> {
    fn fill(&mut self) -> Result<&[u8], String> {
        self.0.fill_buf().map_err(|e| e.to_string())
    }
    fn consume(&mut self, n: usize) {
        self.0.consume(n)
    }
}

/// Reads the register's rows from CSV bytes (the core's reader: header first, columns in any
/// order). Every error names the line and the column as the header names it.
pub fn parse(src: impl Read) -> Result<Vec<Row>, CsvError> {
    let rows = inventory::parse_csv(Buffered(BufReader::with_capacity(64 * 1024, src)))?;
    rows.iter().map(|(line, cells)| Row::of(*line, cells)).collect()
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

pub use inventory::neutralised;

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
