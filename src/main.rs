//! The `reso` binary: parses the command line and hands over to a subcommand or the browser.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use reso::cli::{Cli, Command};
use reso::{commands, exit, load};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            // Not `eprintln!`, which panics when standard error is gone (a hung-up terminal).
            let mut stderr = std::io::stderr();
            let _ = if let Some(load_error) = error.downcast_ref::<load::LoadError>() {
                writeln!(stderr, "{load_error}")
            } else {
                writeln!(stderr, "reso: {error:#}")
            };
            ExitCode::from(exit::USAGE)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match &cli.command {
        None => reso::browse::run(&cli.paths, &cli.browse),
        Some(Command::Validate(args)) => commands::validate::run(args),
        Some(Command::Search(args)) => commands::search::run(args),
        Some(Command::Import(args)) => commands::import::run(args),
        Some(Command::Library(args)) => commands::library::run(args),
        Some(Command::Export(args)) => commands::export::run(args),
        Some(Command::Followups(args)) => commands::followups::run(args, &cli.browse.followups),
        Some(Command::Completions(args)) => commands::completions(args),
        Some(Command::Man) => commands::man(),
    }
}
