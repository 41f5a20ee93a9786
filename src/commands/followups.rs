//! `reso followups`: not built yet.

use crate::cli::FollowupsCommand;

pub fn run(_args: &FollowupsCommand) -> anyhow::Result<u8> {
    anyhow::bail!("reso followups is not built yet")
}
