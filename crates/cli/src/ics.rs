//! `xborder check FILE --format ics`: the verdict's dated obligations as an iCalendar file. The
//! writer lives in the core (`xborder_core::ics`), so the page's download is the same file;
//! `tests/ics_reference.rs` checks it against the `icalendar` crate's writer.
pub use xborder_core::ics::{render, undated};
