//! reso: follow up the commitments of parliamentary resolutions, in the terminal.
//!
//! What reso knows is the `reso-core` crate (model, validation, dates, the filter engine,
//! follow-up records, the board, agendas, the import text reader), re-exported here under the
//! same names. This crate brings the world, one folder per layer, each using only those
//! below it (`docs/architecture.md`): `cli` (clap and the commands) over `tui` (the browser)
//! over `storage` (files reso keeps and reads) and `extract` (PDF, DOCX, ODT, HTML readers),
//! over `platform` (the operating system).

pub use reso_core::{board, date, filter, import, jsontext, model, validate};

pub mod cli;
pub mod extract;
pub mod platform;
pub mod storage;
pub mod tui;

// The paths the integration tests and benches name (`reso::followups::Store`, …); code in
// this crate names the layer.
pub use cli::commands;
pub use platform::{atomic, clock, exit, paths, quote, syslog, textfile};
pub use storage::{
    bundled, export, followups, library, load, resolution_files, search_engine, session,
    synonyms_file,
};
pub use tui::{app, browse, term, ui};
