//! The follow-ups as they stood at a moment, rebuilt from the records' history: the one
//! replay that `--as-of` and `reso changes --until` use. Pure.

use time::Date;

use super::record::{Followup, FollowupsFile, Timestamp};

/// The last second of `date`, UTC: "as of 30 June" is the state at the end of that day.
pub fn end_of_day(date: Date) -> Timestamp {
    let midnight = date.midnight().assume_utc().unix_timestamp();
    Timestamp::from_unix(midnight + 86_399).expect("a day's end is a valid time")
}

/// `file` as it stood at `end`: each record with the history entries made by then, each field
/// holding its latest change among them (on equal times, the one later in the history, as a
/// save decides). A record with no change by then is absent; one unchanged since is as it
/// is. The whole history replayed is the file itself.
pub fn as_of(file: &FollowupsFile, end: Timestamp) -> FollowupsFile {
    let mut past = FollowupsFile {
        followups: Default::default(),
        ..file.clone()
    };
    for (reference, record) in &file.followups {
        // Unchanged since: the record as it is, values without a history entry included (a
        // file written by hand or by a script may have them).
        if record.updated <= end {
            past.followups.insert(reference.clone(), record.clone());
            continue;
        }
        let mut made = record.history.iter().filter(|e| e.at <= end).peekable();
        let Some(first) = made.peek() else {
            continue;
        };
        let mut then = Followup::new(first.at);
        for entry in made {
            then.set_value(entry.field, entry.to.clone());
            then.created = then.created.min(entry.at);
            then.updated = then.updated.max(entry.at);
            then.history.push(entry.clone());
        }
        past.followups.insert(reference.clone(), then);
    }
    past
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::followups::{Edit, Field, Pending, apply_pending};

    fn at(s: i64) -> Timestamp {
        Timestamp::from_unix(1_800_000_000 + s).unwrap()
    }

    fn change(reference: &str, t: i64, field: Field, to: Option<&str>) -> Pending {
        Pending {
            reference: reference.into(),
            at: at(t),
            by: "a".into(),
            edits: vec![Edit {
                field,
                from: None,
                to: to.map(String::from),
            }],
        }
    }

    /// A record written without history (by hand, by a script) is as it is from its last
    /// update on; before, only what its history says.
    #[test]
    fn a_record_without_history_stands_as_written() {
        let mut record = Followup::new(at(10));
        record.note = Some("written by hand".into());
        record.status = Some(crate::followups::Status::Open);
        let mut file = FollowupsFile::default();
        file.followups.insert("r:1".into(), record);
        assert_eq!(as_of(&file, at(10)), file);
        assert_eq!(as_of(&file, at(100)), file);
        assert!(as_of(&file, at(5)).followups.is_empty());
    }

    /// A long history: 2,000 changes to 40 records over all fields, several at the same
    /// second, removals among them. After the last change of each second, the file as it
    /// was then is what the replay of the final file gives for that second.
    #[test]
    fn a_long_history_rebuilds_every_state_it_was_saved_in() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let fields = [
            Field::Status,
            Field::Note,
            Field::Owner,
            Field::Due,
            Field::TextSha256,
        ];
        let values = |field: Field, n: u64| -> Option<String> {
            match (field, n % 5) {
                (_, 0) => None,
                (Field::Status, n) => {
                    Some(["open", "in-progress", "waiting", "done"][n as usize - 1].into())
                }
                (Field::Due, n) => Some(format!("2027-0{n}-1{n}")),
                (Field::TextSha256, n) => Some(format!("{n:0>64}")),
                (_, n) => Some(format!("value {n}")),
            }
        };
        let mut file = FollowupsFile::default();
        let mut saved: Vec<(Timestamp, FollowupsFile)> = Vec::new();
        let mut t = 0;
        for _ in 0..2000 {
            t += next(3) as i64; // 0, 1 or 2 seconds later: ties are common
            let field = fields[next(5) as usize];
            let change = change(&format!("r:{}", next(40)), t, field, None);
            let change = Pending {
                edits: vec![Edit {
                    to: values(field, next(50)),
                    ..change.edits[0].clone()
                }],
                ..change
            };
            apply_pending(&mut file, &change);
            match saved.last_mut() {
                Some((at, state)) if *at == change.at => *state = file.clone(),
                _ => saved.push((change.at, file.clone())),
            }
        }
        assert!(saved.len() > 500, "{} moments", saved.len());
        for (t, state) in &saved {
            assert_eq!(&as_of(&file, *t), state, "as of {t:?}");
        }
    }

    /// Every state the file passed through, saved change by change, is what the replay of
    /// the final file gives for that moment; a change applied late with an earlier time (a
    /// slow clock) loses to the later one in both.
    #[test]
    fn every_past_state_is_rebuilt_from_the_history() {
        let changes = [
            change("r:1", 10, Field::Status, Some("open")),
            change("r:1", 20, Field::Note, Some("first")),
            change("r:2", 30, Field::Status, Some("open")),
            change("r:1", 40, Field::Note, Some("second")),
            change("r:1", 40, Field::Owner, Some("desk")),
            change("r:2", 50, Field::Due, Some("2027-01-31")),
            change("r:1", 60, Field::Status, None),
            change("r:1", 60, Field::Note, None),
            change("r:2", 45, Field::Due, Some("2026-12-31")),
        ];
        let mut file = FollowupsFile::default();
        let mut saved = Vec::new();
        for change in &changes {
            apply_pending(&mut file, change);
            saved.push((change.at, file.clone()));
        }
        // The state at a moment is the one after the last save made at it (times are to the
        // second). The late change (the last one) carries a time before saves made earlier,
        // so the states it passed through are those of the file before it.
        let (in_order, before_late) = (&saved[..8], &saved[7].1);
        for (i, (t, state)) in in_order.iter().enumerate() {
            let last_at_its_time = in_order.get(i + 1).is_none_or(|(next, _)| next > t);
            if last_at_its_time {
                assert_eq!(&as_of(before_late, *t), state, "as of {t:?}");
            }
        }
        assert_eq!(as_of(&file, at(100)), file, "the whole history is the file");
        assert_eq!(
            as_of(&file, at(55)).followups["r:2"]
                .due
                .map(|d| d.to_string()),
            Some("2027-01-31".into()),
            "the late change at 45 loses to the one at 50"
        );
        assert!(as_of(&file, at(5)).followups.is_empty());
        assert_eq!(
            end_of_day(time::macros::date!(2025 - 06 - 30)),
            Timestamp::parse("2025-06-30T23:59:59Z").unwrap()
        );
    }
}
