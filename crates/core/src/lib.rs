//! xborder-core: decides what a planned cross-border data transfer (数据出境) from China needs
//! under a pilot free trade zone's negative list and the national Provisions on Promoting and
//! Regulating Cross-Border Data Flows (2024).
//!
//! Pure Rust: no I/O, no wasm or UI dependency. The rules are compiled from `rules/*.toml` at
//! build time. The CLI, the web app and the embedding API only ask this crate.
//!
//! ```
//! use xborder_core::{evaluate, Scenario};
//! let mut s = Scenario::new();
//! s.handler.in_zone = false;
//! let v = evaluate(&s).unwrap();
//! assert_eq!(v.outcome.code(), "exempt");
//! ```
mod bands;
pub mod calendar;
pub mod catalogue;
pub mod compare;
pub mod conditions;
pub mod deadline;
pub mod edition;
pub mod evaluate;
pub mod guide;
pub mod ics;
pub mod input_error;
pub mod inventory;
pub mod json_keys;
pub mod listing;
pub mod mapping;
mod notes;
mod part;
pub mod materials;
pub mod order;
pub mod permalink;
pub mod precedence;
pub mod register;
mod render;
pub mod salvage;
mod say;
pub mod scenario;
pub mod text;
pub mod threshold;
pub mod tree;
pub mod unknown;
pub mod verdict;

pub use catalogue::Pathway;
pub use compare::{compare, compare_on, Comparison};
pub use evaluate::{decide, evaluate, evaluate_on};
pub use input_error::{InputError, InputErrorKind};
pub use scenario::{Basis, Count, Dates, PiEntry, Scenario};
pub use verdict::Verdict;
