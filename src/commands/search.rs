//! `reso search`: not built yet.

use crate::cli::SearchArgs;

pub fn run(_args: &SearchArgs) -> anyhow::Result<u8> {
    anyhow::bail!("reso search is not built yet")
}
