//! The browser session: load, take the terminal, run the event loop, give the terminal back.

use std::path::PathBuf;

use crate::cli::BrowseArgs;

pub fn run(paths: &[PathBuf], _args: &BrowseArgs) -> anyhow::Result<u8> {
    let library = crate::load::load_library(paths)?;
    println!("{} commitments", library.commitment_count());
    Ok(crate::exit::OK)
}
