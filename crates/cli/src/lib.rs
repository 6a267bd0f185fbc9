//! The pieces of the `xborder` command line that tests reach directly: the JSON scenario
//! reader (`input`) and the terminal report (`report`).
pub mod input;
pub mod report;
