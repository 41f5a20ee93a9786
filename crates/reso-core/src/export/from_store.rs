//! The adapter from the follow-ups file to agenda entries: active records only, with the
//! "text changed" flag worked out against the loaded commitments and the last change (who,
//! when) read from the history.

use super::AgendaEntry;
use crate::followups::{Field, FollowupsFile};
use crate::model::Library;

/// Every marked follow-up of `file` (removed ones are left out), sorted by reference;
/// `render` puts them in agenda order.
pub fn entries(file: &FollowupsFile, library: &Library) -> Vec<AgendaEntry> {
    file.active()
        .filter_map(|(reference, record)| {
            let status = record.status?;
            let text_changed = library
                .find(reference)
                .is_some_and(|item| record.text_changed(library.text(item)));
            // The history is kept in time order; of equal times the last entry is the latest.
            let last = record.history.iter().rev().max_by_key(|e| e.at);
            Some(AgendaEntry {
                reference: reference.to_string(),
                status,
                owner: record.value(Field::Owner),
                due: record.value(Field::Due),
                note: record.value(Field::Note),
                text_changed,
                updated: Some(record.updated),
                updated_by: last.map(|e| e.by.clone()),
                history: record.history.clone(),
            })
        })
        .collect()
}
