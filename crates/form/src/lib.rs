//! xborder-form: the page's form state, without the browser. The form as typed, its conversion
//! to and from the core's `Scenario`, the checks it makes before asking the core (numbers as
//! typed), the notices, and the reducer (`Model::reduce`): a pure function of the state and an
//! action. The web crate renders it and performs its effects (storage, address bar, focus)
//! through its host module; nothing here knows whether the page is embedded.
//!
//! Being a crate of its own keeps the layering: this crate cannot reach the views or the host,
//! and `cargo test --workspace` runs its state tests natively.
mod form;
pub mod lang;
pub mod said;
pub mod zone;

pub use form::*;
