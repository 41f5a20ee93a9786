//! The adapter from the follow-ups file to agenda entries: active records only, with the
//! "text changed" flag worked out against the loaded commitments.

use super::AgendaEntry;
use crate::followups::{FollowupsFile, text_sha256};
use crate::model::Library;

/// Every marked follow-up of `file` (removed ones are left out), sorted by reference;
/// `render` puts them in document order.
pub fn entries(file: &FollowupsFile, library: &Library) -> Vec<AgendaEntry> {
    file.active()
        .filter_map(|(reference, record)| {
            let status = record.status?;
            let text_changed = match (library.find(reference), &record.text_sha256) {
                (Some(item), Some(hash)) => *hash != text_sha256(library.text(item)),
                _ => false,
            };
            Some(AgendaEntry {
                reference: reference.to_string(),
                status: status.as_str().to_string(),
                owner: record.owner.clone(),
                due: record.due.map(crate::date::iso),
                note: record.note.clone(),
                text_changed,
            })
        })
        .collect()
}
