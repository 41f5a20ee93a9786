//! reso: follow up the commitments of parliamentary resolutions, in the terminal.
//!
//! What reso knows is the `reso-core` crate (model, validation, dates, the filter engine,
//! follow-up records, the board, agendas, the import text reader), re-exported here under the
//! same names. This crate brings the world: files (`load`, `library`, `followups`' store,
//! `session`, `atomic`, `textfile`, `paths`), the command line (`cli`, `commands`), the
//! terminal (`app` holds browser state and key handling, `ui` draws it, `term` owns the
//! terminal) and the document readers (`extract`). See `docs/architecture.md`.

pub use reso_core::{board, date, filter, import, jsontext, model, validate};

pub mod app;
pub mod atomic;
pub mod browse;
pub mod bundled;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod exit;
pub mod export;
pub mod extract;
pub mod followups;
pub mod library;
pub mod load;
pub mod paths;
pub mod quote;
pub mod resolution_files;
pub mod search_engine;
pub mod session;
pub mod synonyms_file;
pub mod syslog;
pub mod term;
pub mod textfile;
pub mod ui;
