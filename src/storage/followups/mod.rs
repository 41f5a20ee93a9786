//! Follow-ups on disk: the file (`docs/followups-format.md`), its lock and the locked, atomic
//! save, the `Store` a session keeps, and who makes a change. The records, changes and
//! merges are the core's ([`reso_core::followups`], re-exported here). Leaves keys, drawing
//! and the decision of when to save to the browser.

mod disk;
mod store;

pub use disk::{LockHolder, read_followups};
pub use reso_core::followups::*;
pub use store::{LOCK_WAIT, SaveError, Saved, Store, TextReport};

pub use crate::platform::paths::{AUTHOR_VAR, FOLLOWUPS_VAR as ENV_VAR};

/// The follow-ups file to use: `given` (`--followups FILE`), else `RESO_FOLLOWUPS`, else the
/// default (see [`crate::platform::paths::followups`]).
pub fn resolve_path(
    given: Option<&std::path::Path>,
) -> Result<std::path::PathBuf, crate::platform::paths::NoHome> {
    crate::platform::paths::followups(given)
}

pub use crate::platform::users::{login_name, user_name};
