//! The register's files in the page: the core's reader (`xborder_core::inventory`, the same
//! columns, rules and messages as `xborder register`) over the bytes of a picked or dropped
//! file, CSV or XLSX (`register_xlsx.rs`). Every error is one line,
//! `FILE:LINE: column: what was expected` (LINE 1 is the header).
pub use xborder_core::inventory::{flow_with, Cells, CsvError, COLUMNS, MAX_ROWS};
use xborder_core::inventory::{self, PERSON_IDS, SENSITIVE_IDS};

/// Largest register file the page reads (the file is read whole: its rows are small).
pub const MAX_BYTES: usize = 64 << 20;

/// Reads the register's rows from CSV or XLSX bytes, each row checked as the CLI checks it.
/// Gives each row's cells and its line.
pub fn parse(bytes: &[u8]) -> Result<Vec<(u64, Cells)>, CsvError> {
    if bytes.len() > MAX_BYTES {
        return Err(CsvError::file(format!("larger than {} MB: expected a register of flows (identifier files are picked per flow)", MAX_BYTES >> 20)));
    }
    let rows = inventory::parse_csv(bytes)?;
    page_rows(rows)
}

/// Rows the page can keep: a row naming identifier files is refused, since the page cannot open
/// files a CSV names.
pub fn page_rows(rows: Vec<(u64, Cells)>) -> Result<Vec<(u64, Cells)>, CsvError> {
    if let Some((line, t)) = rows.iter().find(|(_, t)| !t[PERSON_IDS].is_empty() || !t[SENSITIVE_IDS].is_empty()) {
        let c = if t[PERSON_IDS].is_empty() { "sensitive_ids" } else { "person_ids" };
        return Err(CsvError::at(*line, c, "an identifier file: the page cannot open files a CSV names (its files stay where they are); pick the identifier file beside the flow in the register, or leave the column empty and give the declared counts"));
    }
    Ok(rows)
}
