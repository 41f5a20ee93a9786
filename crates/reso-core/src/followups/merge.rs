//! The merge rule, pure: how one session's unsaved changes are laid over the file as another
//! session left it. Record by record, field by field, the later change wins and every change
//! is kept in the record's history. No I/O, no clock.

use super::change::Edit;
use super::record::{Followup, FollowupsFile, HistoryEntry, Timestamp};

/// A change made in this session and not saved yet: what, when and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub reference: String,
    pub at: Timestamp,
    pub by: String,
    pub edits: Vec<Edit>,
}

/// Lays `change` over `file`. Each edit becomes a history entry (kept in time order); the
/// field takes the edit's value unless the record holds a later change to that field. On a
/// tie the change applied last wins: it was saved later.
pub fn apply_pending(file: &mut FollowupsFile, change: &Pending) {
    let record = file
        .followups
        .entry(change.reference.clone())
        .or_insert_with(|| Followup::new(change.at));
    for edit in &change.edits {
        let theirs = record.last_change(edit.field);
        if theirs.is_none_or(|t| change.at >= t) {
            record.set_value(edit.field, edit.to.clone());
        }
        let entry = HistoryEntry {
            at: change.at,
            by: change.by.clone(),
            field: edit.field,
            from: edit.from.clone(),
            to: edit.to.clone(),
        };
        // After every entry at or before ours: history stays in time order, and among equal
        // times in the order the changes were applied.
        let position = record.history.partition_point(|e| e.at <= change.at);
        record.history.insert(position, entry);
    }
    record.created = record.created.min(change.at);
    record.updated = record.updated.max(change.at);
}

/// `disk` with every pending change laid over it, in order.
pub fn merge(disk: &FollowupsFile, pending: &[Pending]) -> FollowupsFile {
    let mut merged = disk.clone();
    for change in pending {
        apply_pending(&mut merged, change);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::followups::record::{Field, Status};

    fn at(s: i64) -> Timestamp {
        Timestamp::from_unix(1_800_000_000 + s).unwrap()
    }

    fn pending(reference: &str, t: i64, by: &str, field: Field, to: &str) -> Pending {
        Pending {
            reference: reference.into(),
            at: at(t),
            by: by.into(),
            edits: vec![Edit {
                field,
                from: None,
                to: Some(to.into()),
            }],
        }
    }

    #[test]
    fn other_records_are_kept_and_the_later_change_wins() {
        let mut disk = FollowupsFile::default();
        apply_pending(&mut disk, &pending("r:1", 0, "a", Field::Status, "open"));
        apply_pending(&mut disk, &pending("r:2", 5, "b", Field::Note, "theirs"));
        // Ours is older than theirs on r:2 note: theirs stays, ours is in history.
        let ours = [
            pending("r:2", 3, "me", Field::Note, "ours-old"),
            pending("r:3", 4, "me", Field::Status, "done"),
        ];
        let merged = merge(&disk, &ours);
        assert_eq!(merged.followups["r:1"], disk.followups["r:1"]);
        let r2 = &merged.followups["r:2"];
        assert_eq!(r2.note.as_deref(), Some("theirs"));
        let tos: Vec<_> = r2.history.iter().map(|e| e.to.as_deref()).collect();
        assert_eq!(tos, [Some("ours-old"), Some("theirs")]);
        assert_eq!(r2.created, at(3));
        assert_eq!(r2.updated, at(5));
        assert_eq!(merged.followups["r:3"].status, Some(Status::Done));
        // A later change of ours wins.
        let merged = merge(&disk, &[pending("r:2", 9, "me", Field::Note, "ours-new")]);
        assert_eq!(merged.followups["r:2"].note.as_deref(), Some("ours-new"));
    }
}
