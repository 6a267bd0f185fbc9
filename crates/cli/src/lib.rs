//! The pieces of the `xborder` command line that tests reach directly: the JSON scenario
//! reader (`input`), the terminal report (`report`) and the iCalendar file (`ics`).
pub mod ics;
pub mod input;
pub mod report;
pub mod today;
