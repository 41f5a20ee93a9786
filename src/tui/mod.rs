//! The terminal browser: `app` holds its state and handles keys, `ui` draws it from `&App`,
//! `browse` is the loop (key → app → draw) and its care for saves, signals and hang-ups,
//! `term` owns the terminal. Uses storage, platform and the core; knows nothing of clap.

pub mod app;
pub mod browse;
pub mod term;
pub mod ui;
