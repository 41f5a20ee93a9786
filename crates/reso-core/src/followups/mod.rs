//! Follow-ups as data: the records staff keep on commitments, their file format
//! (`docs/followups-format.md`), the changes made to them, the merge of concurrent sessions'
//! changes and git's three-way merge, and the replay of the history to any past moment. The file on disk, its lock and the `Store` are the
//! `reso` crate's (`storage`).

mod change;
mod merge;
mod parse;
mod record;
mod replay;
mod texts;
mod three_way;

/// Checks a change's values as the store would, without making it (the browser checks a
/// whole step before making any of it).
pub use change::validate;
pub use change::{Change, ChangeError, Edit, parse_due};
pub use merge::{Pending, apply_pending, merge};
pub use parse::parse_followups;
pub use record::{
    FORMAT, Field, Followup, FollowupsFile, HistoryEntry, Status, Timestamp, VERSION, is_reference,
};
pub use replay::{as_of, end_of_day};
pub use texts::text_sha256;
pub use three_way::merge_three_way;
