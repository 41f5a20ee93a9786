//! The subcommands that run without a terminal. Each returns the process exit status
//! (see `exit`); errors that stop a command are returned for `main` to print.

pub mod changes;
pub mod export;
pub mod followups;
pub mod git_setup;
pub mod import;
pub mod library;
pub mod mark;
pub mod merge;
pub mod search;
pub mod validate;

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

/// `reso completions SHELL`
pub fn completions(args: &CompletionsArgs) -> anyhow::Result<u8> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "reso", &mut out);
    write_stdout(&out)
}

/// `reso man`
pub fn man() -> anyhow::Result<u8> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    write_stdout(&out)
}

/// The resolutions named by `paths`, or the default set, with one warning line on standard
/// error for each file of the user's library left out because it does not load.
pub fn load_library(paths: &[std::path::PathBuf]) -> anyhow::Result<crate::model::Library> {
    let loaded = crate::storage::load::load_library(paths)?;
    for problem in &loaded.skipped {
        crate::platform::quote::warn(problem);
    }
    Ok(loaded.library)
}

/// Writes to standard output, with control characters escaped when it is a terminal (see
/// `quote`); a closed pipe (`reso … | head -1`) ends quietly with success.
/// The day the command sees as today, and the day of `--as-of` when given (`-14d` counts
/// back from the real today).
pub fn as_of_day(as_of: Option<crate::filter::DateSpec>) -> (time::Date, Option<time::Date>) {
    let today = crate::platform::clock::local_today();
    let day = as_of.map(|spec| spec.resolve(today));
    (day.unwrap_or(today), day)
}

/// The follow-ups as they stood at the end of `day` (all of them without one), rebuilt by
/// the one replay of their history.
pub fn as_it_stood(
    file: crate::followups::FollowupsFile,
    day: Option<time::Date>,
) -> crate::followups::FollowupsFile {
    match day {
        Some(day) => crate::followups::as_of(&file, crate::followups::end_of_day(day)),
        None => file,
    }
}

pub fn write_stdout(bytes: &[u8]) -> anyhow::Result<u8> {
    let bytes = crate::platform::quote::for_stdout(bytes);
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::from(e).context("cannot write to standard output"))
        }
        _ => Ok(crate::platform::exit::OK),
    }
}
