//! reso: follow up the commitments of parliamentary resolutions, in the terminal.
//!
//! The core (model, load, filter, followups, import, export) knows nothing of the terminal;
//! `app` holds browser state and key handling, `ui` draws it, `term` owns the terminal.

pub mod app;
pub mod atomic;
pub mod board;
pub mod browse;
pub mod bundled;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod date;
pub mod exit;
pub mod export;
pub mod extract;
pub mod filter;
pub mod followups;
pub mod import;
pub mod jsontext;
pub mod library;
pub mod load;
pub mod model;
pub mod quote;
pub mod session;
pub mod syslog;
pub mod term;
pub mod textfile;
pub mod ui;
