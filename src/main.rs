//! The `reso` binary: parses the command line and hands over to a subcommand or the browser.

use std::process::ExitCode;

use clap::Parser;

use reso::cli::commands;
use reso::cli::{Cli, Command};
use reso::platform::{exit, quote};
use reso::storage::load;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return command_line_error(&error),
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            // Escaped on a terminal; never panics when standard error is gone.
            if let Some(load_error) = error.downcast_ref::<load::LoadError>() {
                quote::warn(load_error);
            } else {
                quote::warn(format_args!("reso: {error:#}"));
            }
            ExitCode::from(reso::cli::exit_status(&error))
        }
    }
}

/// `--help`, `--version` and usage errors as clap words them, but escaped on a terminal: a
/// usage error echoes the argument it refuses, and an argument can hold escape sequences.
fn command_line_error(error: &clap::Error) -> ExitCode {
    let text = error.render().to_string();
    if error.use_stderr() {
        quote::warn(text.trim_end());
    } else {
        // A closed standard output (`reso --help | head`) is not an error of reso's.
        let _ = commands::write_stdout(text.as_bytes());
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(exit::USAGE))
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match &cli.command {
        None => reso::tui::browse::run(&cli.paths, &(&cli.browse).into()),
        Some(Command::Validate(args)) => commands::validate::run(args),
        Some(Command::Search(args)) => commands::search::run(args),
        Some(Command::Import(args)) => commands::import::run(args),
        Some(Command::Library(args)) => commands::library::run(args),
        Some(Command::Export(args)) => commands::export::run(args),
        Some(Command::Mark(args)) => commands::mark::mark(args, &cli.browse.followups),
        Some(Command::Unmark(args)) => commands::mark::unmark(args, &cli.browse.followups),
        Some(Command::Note(args)) => commands::mark::note(args, &cli.browse.followups),
        Some(Command::Changes(args)) => commands::changes::run(args),
        Some(Command::Followups(args)) => commands::followups::run(args, &cli.browse.followups),
        Some(Command::Completions(args)) => commands::completions(args),
        Some(Command::Man) => commands::man(),
    }
}
