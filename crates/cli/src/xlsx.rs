//! The register from an XLSX workbook (issue 15: "CSV, and XLSX"): its first sheet, read like
//! the CSV (a header row, the same columns), with spreadsheet row numbers as the lines.
//!
//! Bounded memory and time on hostile workbooks: before calamine opens it, every part of the
//! zip is decompressed into nothing and counted, so a zip bomb (a small file that unpacks to
//! gigabytes, whatever its headers claim) is refused at [`MAX_PART`] bytes of one part or
//! [`MAX_UNPACKED`] in all; the sheet is then read cell by cell (calamine's streaming cell
//! reader, never a dense range: a cell at XFD1048576 allocates nothing), and a cell beyond the
//! register's columns or rows is an error at its row.
use crate::register::Row;
use xborder_core::inventory::{shown, CsvError, Sheet};
use calamine::{DataRef, Reader, Xlsx};
use std::io::{Read, Seek};

/// Most bytes one part of the workbook may unpack to.
pub const MAX_PART: u64 = 64 << 20;
/// Most bytes the whole workbook may unpack to.
pub const MAX_UNPACKED: u64 = 256 << 20;
/// Most parts in the zip.
pub const MAX_PARTS: usize = 10_000;

/// Does the file start as a zip (an XLSX) does?
pub fn is_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
}

/// Unpacks every part into nothing, counting: refuses a zip bomb before anything is kept.
fn check_unpacked<R: Read + Seek>(src: R) -> Result<(), CsvError> {
    let mut zip = zip::ZipArchive::new(src).map_err(|e| CsvError { line: None, column: None, message: format!("not a readable XLSX (zip) file: {e}") })?;
    if zip.len() > MAX_PARTS {
        return Err(file(format!("an XLSX of {} parts: at most {MAX_PARTS} (is this a zip bomb?)", zip.len())));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| file(format!("not a readable XLSX (zip) file: {e}")))?;
        let name = part.name().map(|n| shown(&n)).unwrap_or_else(|_| format!("#{}", i + 1));
        let n = std::io::copy(&mut (&mut part).take(MAX_PART + 1), &mut std::io::sink()).map_err(|e| file(format!("part {name} cannot be unpacked: {e}")))?;
        if n > MAX_PART {
            return Err(file(format!("part {name} unpacks to more than {} MB: refused (a zip bomb, or not a register)", MAX_PART >> 20)));
        }
        total += n;
        if total > MAX_UNPACKED {
            return Err(file(format!("the workbook unpacks to more than {} MB: refused (a zip bomb, or not a register)", MAX_UNPACKED >> 20)));
        }
    }
    Ok(())
}

fn file(message: String) -> CsvError {
    CsvError { line: None, column: None, message }
}

/// A cell's value as the CSV would hold it: text as is, whole numbers without a fraction, dates
/// as `YYYY-MM-DD`. An error value (`#N/A`) is an error at its row.
fn text(v: &DataRef, line: u64, column: &str) -> Result<String, CsvError> {
    Ok(match v {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Int(n) => n.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        DataRef::DateTime(d) => d.as_f64().to_string(),
        DataRef::Error(e) => return Err(CsvError { line: Some(line), column: Some(column.to_string()), message: format!("a spreadsheet error value ({e}): expected a value") }),
    })
}

/// Reads the register's rows from the first sheet of an XLSX workbook.
pub fn parse<R: Read + Seek>(mut src: R) -> Result<Vec<Row>, CsvError> {
    check_unpacked(&mut src)?;
    src.rewind().map_err(|e| file(format!("cannot read: {e}")))?;
    let mut book = Xlsx::new(src).map_err(|e| file(format!("not a readable XLSX workbook: {e}")))?;
    let Some(sheet) = book.sheet_names().first().cloned() else {
        return Err(file("a workbook without a sheet: expected the register on its first sheet".into()));
    };
    let mut cells = book.worksheet_cells_reader(&sheet).map_err(|e| file(format!("sheet \"{sheet}\" cannot be read: {e}")))?;
    // Cells as they come (the sheet's XML is in row order), into the core's rows.
    let mut rows = Sheet::default();
    loop {
        let next = cells.next_cell().map_err(|e| file(format!("sheet \"{sheet}\" cannot be read: {e}")))?;
        let Some(cell) = next else { break };
        // Formatting alone (an empty cell) is no content, wherever it is.
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        rows.row_starts(r)?;
        let value = text(cell.get_value(), u64::from(r) + 1, &rows.column_name(c))?;
        rows.cell(r, c, value)?;
    }
    rows.finish(&sheet)?.iter().map(|(line, cells)| Row::of(*line, cells)).collect()
}
