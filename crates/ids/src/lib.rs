//! The register's identifier kernels (issue 15): the loops that run over every identifier of
//! a file and every hash of a register, millions of times, in the page's store and in the CLI.
//! Everything else of the page is built for size (`opt-level = "z"`); this crate alone is built
//! for speed (`[profile.release.package.xborder-ids]` in the root Cargo.toml): it is a few
//! kilobytes of code and halves the time of a file's sort and of the register's merge.
//!
//! - [`lines`]: an identifier file's lines, hashed as they stream in;
//! - [`sort`]: a file's hashes sorted, each once;
//! - [`merge`]: how many people each combination of sorted files shares.
pub mod lines;
pub mod merge;
pub mod sort;
