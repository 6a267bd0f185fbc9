//! The pieces of the `xborder` command line that tests reach directly: the JSON scenario
//! reader (`input`), the terminal report (`report`), the iCalendar file (`ics`) and the
//! register's CSV and XLSX readers (`register`, `xlsx`).
pub mod ics;
pub mod input;
pub mod register;
pub mod report;
pub mod today;
pub mod xlsx;
