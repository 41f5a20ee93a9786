//! Follow-ups: the records staff keep on commitments, their file (`docs/followups-format.md`),
//! the merge of concurrent sessions and the locked, atomic save. Owns the file and the
//! `Store`; leaves keys, drawing and the decision of when to save to the browser.

mod change;
mod disk;
mod merge;
mod parse;
mod record;
mod store;
mod texts;
mod three_way;
mod write;

use std::path::PathBuf;

use anyhow::Context;

use crate::cli::FollowupsFileArg;

pub use change::{Change, ChangeError, Edit, parse_due};
pub use disk::{read_followups, resolve_symlinks};
pub use merge::{Pending, apply_pending, merge};
pub use parse::parse_followups;
pub use record::{
    FORMAT, Field, Followup, FollowupsFile, HistoryEntry, Status, Timestamp, VERSION, is_date,
    is_reference,
};
pub use store::{SaveError, Saved, Store, TextReport};
pub use texts::text_sha256;
pub use three_way::merge_three_way;

/// The environment variable that names the follow-ups file.
pub const ENV_VAR: &str = "RESO_FOLLOWUPS";
/// The environment variable that names who makes changes (history `by`), for a shared
/// service account that should still record the person.
pub const AUTHOR_VAR: &str = "RESO_AUTHOR";

/// `followups.json` in the user's data folder (`~/.local/share/reso/` on Linux).
pub fn default_path() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "reso")
        .context("no home folder to keep the follow-ups in; use --followups FILE")?;
    Ok(dirs.data_dir().join("followups.json"))
}

/// The follow-ups file to use: `--followups FILE`, else `RESO_FOLLOWUPS`, else the default.
/// (clap already reads the variable into the flag; it is read here too for callers that
/// build the argument themselves.)
pub fn resolve_path(arg: &FollowupsFileArg) -> anyhow::Result<PathBuf> {
    if let Some(path) = &arg.path {
        return Ok(path.clone());
    }
    match std::env::var_os(ENV_VAR) {
        Some(path) if !path.is_empty() => Ok(PathBuf::from(path)),
        _ => default_path(),
    }
}

/// The name recorded as `by`: `$RESO_AUTHOR`, else the login name: `$USER`, `$LOGNAME`,
/// else the name of our uid in `/etc/passwd`, else `uid1234`.
pub fn login_name() -> String {
    for var in [AUTHOR_VAR, "USER", "LOGNAME"] {
        if let Ok(name) = std::env::var(var) {
            let name = name.trim();
            if !name.is_empty() {
                return name.to_string();
            }
        }
    }
    use std::os::unix::fs::MetadataExt;
    // The owner of our /proc entry is our uid; std offers no getuid without unsafe code.
    let Ok(uid) = std::fs::metadata("/proc/self").map(|m| m.uid()) else {
        return "unknown".to_string();
    };
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    passwd
        .lines()
        .filter_map(|line| {
            let mut parts = line.split(':');
            let name = parts.next()?;
            let id: u32 = parts.nth(1)?.parse().ok()?;
            (id == uid && !name.is_empty()).then(|| name.to_string())
        })
        .next()
        .unwrap_or_else(|| format!("uid{uid}"))
}
