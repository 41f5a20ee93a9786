//! `reso export`: not built yet.

use crate::cli::ExportArgs;

pub fn run(_args: &ExportArgs) -> anyhow::Result<u8> {
    anyhow::bail!("reso export is not built yet")
}
