//! The command line: clap's types (`args`, re-exported here) and the subcommands
//! (`commands`). The top layer: it may use every other, and none uses it. It turns flags
//! into the values the layers below take (a path, a typed option), never the other way.

mod args;
pub mod commands;
mod failure;

pub use failure::exit_status;

pub use args::*;
