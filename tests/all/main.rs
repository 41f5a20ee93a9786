//! reso's integration tests, in one test program: each file here was a test binary of its
//! own, and each linked the whole dependency tree. Run one module with
//! `cargo test --test all export::` (or one test by its full name, `export::csv_golden`).
//!
//! Every test runs in this one process, on threads beside the others: what is one per
//! process is handled in `common` (a home for each test, one tmux server for each session,
//! one lock for the umask). `tests/followups_concurrency.rs` stays a program of its own
//! (see Cargo.toml).

mod common;

mod agenda_html;
mod agenda_markdown;
mod bundled;
mod changes;
mod cli;
mod escapes;
mod export;
mod followups_files;
mod followups_format;
mod followups_merge;
mod followups_security;
mod followups_store;
mod git_team;
mod import;
mod import_files;
mod import_hostile;
mod import_layouts;
mod import_pdf;
mod import_round3;
mod import_typed;
mod library;
mod load_errors;
mod mark;
mod screen;
mod search;
mod search_matches_browser;
mod terminal;
mod terminal_followups;
mod terminal_meeting;
mod terminal_signals;
