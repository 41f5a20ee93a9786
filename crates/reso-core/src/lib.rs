//! reso's core: what the tool knows, without the world it runs in. The resolution model and
//! its validation, dates, the filter engine, follow-up records and their merges, the board,
//! the agendas and the import text reader. Pure computations on values: no files, no
//! terminal, no command line (the `reso` crate brings those, see `docs/architecture.md`).

#![forbid(unsafe_code)]

pub mod board;
pub mod date;
pub mod export;
pub mod filter;
pub mod followups;
pub mod import;
pub mod jsontext;
pub mod model;
pub mod validate;

#[cfg(test)]
pub(crate) mod seed;
