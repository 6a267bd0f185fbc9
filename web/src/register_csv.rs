//! The register's files in the page: the core's reader (`xborder_core::inventory`, the same
//! columns, rules and messages as `xborder register`) over the bytes of a picked or dropped
//! file, CSV or XLSX (`register_xlsx.rs`). Every error is one line,
//! `FILE:LINE: column: what was expected` (LINE 1 is the header).
pub use xborder_core::inventory::{flow_with, Cells, CsvError, COLUMNS, MAX_ROWS};
use xborder_core::inventory;

/// Largest register file the page reads (the file is read whole: its rows are small).
pub const MAX_BYTES: usize = 64 << 20;

/// Reads the register's rows from CSV bytes, each row checked as the CLI checks it.
/// Gives each row's cells and its line. Identifier files a row names are kept as names, to be
/// picked in the page (`register::waiting`).
pub fn parse(bytes: &[u8]) -> Result<Vec<(u64, Cells)>, CsvError> {
    if bytes.len() > MAX_BYTES {
        return Err(CsvError::file(format!("larger than {} MB: expected a register of flows (identifier files are picked per flow)", MAX_BYTES >> 20)));
    }
    inventory::parse_csv(bytes)
}
