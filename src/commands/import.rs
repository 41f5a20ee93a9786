//! `reso import`: not built yet.

use crate::cli::ImportArgs;

pub fn run(_args: &ImportArgs) -> anyhow::Result<u8> {
    anyhow::bail!("reso import is not built yet")
}
