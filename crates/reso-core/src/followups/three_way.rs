//! The three-way merge of whole follow-ups files, for git's merge driver: the changes one
//! side made since the common ancestor are laid over the other side with the save protocol's
//! own rule ([`apply_pending`]), so a `git pull` gives what two sessions saving into one file
//! would have given. Pure: no I/O, no clock.

use std::collections::HashMap;

use super::change::Edit;
use super::merge::{Pending, apply_pending};
use super::record::{Field, Followup, FollowupsFile, HistoryEntry, Timestamp};

/// The fields a removal unsets, and that keeping a removed follow-up brings back.
const REMOVED_FIELDS: [Field; 4] = [Field::Status, Field::Note, Field::Owner, Field::Due];

/// Merges `ours` and `theirs`, both descended from `base`, record by record:
///
/// - a record only one side added or changed is taken from that side;
/// - a record both changed gets the history entries of `theirs` that `ours` lacks, applied as
///   the save protocol applies a session's changes (each field holds its latest change, the
///   other value stays in the history; on equal times `theirs` wins, as the change saved
///   last does), so histories are united without duplicates, in time order;
/// - a record removed on one side (deleted from the file, or unmarked) and changed on the
///   other is kept as the side that changed it has it, with history entries from the removed
///   state back to the kept values, stamped with the record's latest time and `by`.
///
/// `format` and `version` are taken from `ours`.
pub fn merge_three_way(
    base: &FollowupsFile,
    ours: &FollowupsFile,
    theirs: &FollowupsFile,
    by: &str,
) -> FollowupsFile {
    let mut merged = ours.clone();
    for (reference, ours_record) in &ours.followups {
        let base_record = base.followups.get(reference);
        if theirs.followups.contains_key(reference) {
            continue;
        }
        match base_record {
            // Added on our side only.
            None => {}
            // Deleted on their side, untouched on ours: the deletion stands.
            Some(b) if b == ours_record => {
                merged.followups.remove(reference);
            }
            // Deleted on their side, changed on ours: kept.
            Some(_) => restore(&mut merged, reference, None, ours_record, by),
        }
    }
    for (reference, theirs_record) in &theirs.followups {
        let base_record = base.followups.get(reference);
        let Some(ours_record) = ours.followups.get(reference) else {
            match base_record {
                None => {
                    merged
                        .followups
                        .insert(reference.clone(), theirs_record.clone());
                }
                Some(b) if b == theirs_record => {}
                Some(_) => {
                    merged
                        .followups
                        .insert(reference.clone(), theirs_record.clone());
                    restore(&mut merged, reference, None, theirs_record, by);
                }
            }
            continue;
        };
        if ours_record == theirs_record {
            continue;
        }
        // Their entries less ours, as multisets: an entry both have is not added twice.
        let mut ours_entries: HashMap<EntryKey, usize> = HashMap::new();
        for entry in &ours_record.history {
            *ours_entries.entry(key(entry)).or_default() += 1;
        }
        for entry in &theirs_record.history {
            match ours_entries.get_mut(&key(entry)) {
                Some(count) if *count > 0 => *count -= 1,
                _ => apply_pending(&mut merged, &as_pending(reference, entry)),
            }
        }
        if let Some(record) = merged.followups.get_mut(reference) {
            record.created = record.created.min(theirs_record.created);
            record.updated = record.updated.max(theirs_record.updated);
        }
        // A removal on one side against changes on the other: the follow-up is kept.
        let removed =
            |side: &Followup| base_record.is_some_and(Followup::is_active) && !side.is_active();
        let changed = |side: &Followup| base_record != Some(side);
        let keeper = match (removed(ours_record), removed(theirs_record)) {
            (true, false) if changed(theirs_record) => Some(theirs_record),
            (false, true) if changed(ours_record) => Some(ours_record),
            _ => None,
        };
        if let Some(keeper) = keeper {
            let now = merged.followups.get(reference).cloned();
            restore(&mut merged, reference, now.as_ref(), keeper, by);
        }
    }
    merged
}

/// Sets the removal-affected fields of `reference` in `merged` back to `keeper`'s values, each
/// recorded as a change from what the record holds (`current`, or nothing for a record that
/// was deleted from the file), at the record's latest time so that it wins.
fn restore(
    merged: &mut FollowupsFile,
    reference: &str,
    current: Option<&Followup>,
    keeper: &Followup,
    by: &str,
) {
    let Some(record) = merged.followups.get(reference) else {
        return;
    };
    let at = record
        .history
        .iter()
        .map(|e| e.at)
        .fold(record.updated, Timestamp::max);
    let edits: Vec<Edit> = REMOVED_FIELDS
        .into_iter()
        .filter_map(|field| {
            let from = current.and_then(|c| c.value(field));
            let to = keeper.value(field);
            (from != to).then_some(Edit { field, from, to })
        })
        .collect();
    if !edits.is_empty() {
        apply_pending(
            merged,
            &Pending {
                reference: reference.to_string(),
                at,
                by: by.to_string(),
                edits,
            },
        );
    }
}

/// A history entry by value, for telling which entries one side has that the other lacks.
type EntryKey<'a> = (Timestamp, &'a str, Field, Option<&'a str>, Option<&'a str>);

fn key(e: &HistoryEntry) -> EntryKey<'_> {
    (e.at, &e.by, e.field, e.from.as_deref(), e.to.as_deref())
}

fn as_pending(reference: &str, e: &HistoryEntry) -> Pending {
    Pending {
        reference: reference.to_string(),
        at: e.at,
        by: e.by.clone(),
        edits: vec![Edit {
            field: e.field,
            from: e.from.clone(),
            to: e.to.clone(),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::followups::merge::merge;
    use crate::followups::record::Status;
    use proptest::prelude::*;

    fn at(s: i64) -> Timestamp {
        Timestamp::from_unix(1_800_000_000 + s).unwrap()
    }

    fn change(reference: &str, t: i64, by: &str, edits: &[(Field, Option<&str>)]) -> Pending {
        Pending {
            reference: reference.into(),
            at: at(t),
            by: by.into(),
            edits: edits
                .iter()
                .map(|(field, to)| Edit {
                    field: *field,
                    from: None,
                    to: to.map(str::to_string),
                })
                .collect(),
        }
    }

    fn base() -> FollowupsFile {
        merge(
            &FollowupsFile::default(),
            &[
                change("r:1", 0, "a", &[(Field::Status, Some("open"))]),
                change("r:2", 1, "a", &[(Field::Status, Some("open"))]),
                change("r:3", 2, "a", &[(Field::Status, Some("open"))]),
            ],
        )
    }

    #[test]
    fn both_sides_changes_are_united_and_the_later_wins() {
        let base = base();
        let ours = merge(
            &base,
            &[
                change("r:1", 10, "me", &[(Field::Note, Some("mine"))]),
                change("r:4", 11, "me", &[(Field::Status, Some("done"))]),
            ],
        );
        let theirs = merge(
            &base,
            &[
                change("r:1", 12, "you", &[(Field::Note, Some("yours"))]),
                change("r:2", 13, "you", &[(Field::Owner, Some("desk"))]),
            ],
        );
        let merged = merge_three_way(&base, &ours, &theirs, "merger");
        let r1 = &merged.followups["r:1"];
        assert_eq!(r1.note.as_deref(), Some("yours"));
        let notes: Vec<_> = r1.history.iter().map(|e| e.to.as_deref()).collect();
        assert_eq!(notes, [Some("open"), Some("mine"), Some("yours")]);
        assert_eq!(merged.followups["r:2"].owner.as_deref(), Some("desk"));
        assert_eq!(merged.followups["r:4"].status, Some(Status::Done));
        // The same as the two sessions saving one after the other, whichever side is ours.
        let saved = merge(
            &ours,
            &[
                change("r:1", 12, "you", &[(Field::Note, Some("yours"))]),
                change("r:2", 13, "you", &[(Field::Owner, Some("desk"))]),
            ],
        );
        assert_eq!(merged, saved);
        assert_eq!(merge_three_way(&base, &theirs, &ours, "merger"), saved);
    }

    #[test]
    fn a_removal_against_a_change_keeps_the_follow_up() {
        let base = base();
        let unset = [Field::Status, Field::Note, Field::Owner, Field::Due].map(|f| (f, None));
        let ours = merge(&base, &[change("r:1", 10, "me", &unset)]);
        let theirs = merge(
            &base,
            &[change("r:1", 5, "you", &[(Field::Owner, Some("desk"))])],
        );
        for merged in [
            merge_three_way(&base, &ours, &theirs, "merger"),
            merge_three_way(&base, &theirs, &ours, "merger"),
        ] {
            let r1 = &merged.followups["r:1"];
            assert_eq!(r1.status, Some(Status::Open));
            assert_eq!(r1.owner.as_deref(), Some("desk"));
            let last = r1.history.last().unwrap();
            assert_eq!((last.by.as_str(), last.at), ("merger", at(10)));
        }
        // A record deleted from the file on one side and changed on the other is kept too.
        let mut deleted = base.clone();
        deleted.followups.remove("r:1");
        deleted.followups.remove("r:2");
        let merged = merge_three_way(&base, &deleted, &theirs, "merger");
        let r1 = &merged.followups["r:1"];
        assert_eq!(r1.owner.as_deref(), Some("desk"));
        let restored: Vec<_> = r1
            .history
            .iter()
            .filter(|e| e.by == "merger")
            .map(|e| (e.field, e.from.as_deref(), e.to.as_deref()))
            .collect();
        assert_eq!(
            restored,
            [
                (Field::Status, None, Some("open")),
                (Field::Owner, None, Some("desk"))
            ]
        );
        // Untouched on the other side: the deletion stands.
        assert!(!merged.followups.contains_key("r:2"));
    }

    /// Changes at times `offset`, `offset + 3`, …, never removing a follow-up (that case has
    /// its own rule): two sides with different offsets never share a time.
    fn changes(offset: i64, by: &'static str) -> impl Strategy<Value = Vec<Pending>> {
        let edit = (
            prop::sample::select(Field::ALL.to_vec()),
            prop::option::of(0u8..4),
        )
            .prop_map(|(field, n)| {
                let pick = |values: [&str; 4]| n.map(|n| values[n as usize].to_string());
                let to = match field {
                    Field::Status => pick(["open", "waiting", "done", "dropped"])
                        .or_else(|| Some("in-progress".to_string())),
                    Field::Due => pick(["2025-01-15", "2025-02-01", "2026-12-31", "2027-06-30"]),
                    Field::TextSha256 => pick(["0f", "a1", "b2", "c3"]).map(|h| h.repeat(32)),
                    Field::Note | Field::Owner => pick(["x", "y\nz", "é", "w"]),
                };
                Edit {
                    field,
                    from: None,
                    to,
                }
            });
        prop::collection::vec(
            (
                prop::sample::select(vec!["r:1", "r:2", "r:3", "r:4"]),
                0i64..30,
                prop::collection::vec(edit, 1..3),
            ),
            0..10,
        )
        .prop_map(move |list| {
            let mut list: Vec<Pending> = list
                .into_iter()
                .map(|(reference, slot, edits)| Pending {
                    reference: reference.to_string(),
                    at: at(100 + slot * 3 + offset),
                    by: by.to_string(),
                    edits,
                })
                .collect();
            // A session's changes come in time order.
            list.sort_by_key(|p| p.at);
            list
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// The merge driver gives what the two sides saving into one file would have given,
        /// whichever side git calls ours.
        #[test]
        fn a_merge_equals_saving_one_after_the_other(
            a in changes(1, "alice"),
            b in changes(2, "bob"),
        ) {
            let base = base();
            let ours = merge(&base, &a);
            let theirs = merge(&base, &b);
            let saved = merge(&ours, &b);
            prop_assert_eq!(&merge_three_way(&base, &ours, &theirs, "m"), &saved);
            prop_assert_eq!(&merge_three_way(&base, &theirs, &ours, "m"), &saved);
            // Merging with itself or with the ancestor changes nothing.
            prop_assert_eq!(&merge_three_way(&base, &ours, &ours, "m"), &ours);
            prop_assert_eq!(&merge_three_way(&base, &ours, &base, "m"), &ours);
        }
    }

    #[test]
    fn a_removal_nobody_contradicts_stands() {
        let base = base();
        let unset = [Field::Status, Field::Note, Field::Owner, Field::Due].map(|f| (f, None));
        let ours = merge(&base, &[change("r:1", 10, "me", &unset)]);
        let merged = merge_three_way(&base, &ours, &base, "merger");
        assert_eq!(merged, ours);
        assert_eq!(merge_three_way(&base, &base, &ours, "merger"), ours);
    }
}
