//! What the tree shows of the follow-ups, derived from the value the loop hands over
//! ([`App::followups_replaced`], the one way follow-ups reach the app): the marked items,
//! orphaned records, texts changed since marking, overdue counts, the follow-ups-only view,
//! and the follow-ups as the filter reads them.

use std::collections::{HashMap, HashSet};

use super::tree::NodeId;
use super::{App, Followups, Outcome, SaveStatus};
use crate::filter::{FollowupFacts, FollowupLookup};
use crate::model::{ItemId, Library};
use crate::storage::followups::{Followup, text_sha256};

/// What the tree shows of the follow-ups, derived from them by [`App::refresh_marks`].
#[derive(Debug, Default)]
pub(super) struct Marks {
    /// Items with a follow-up.
    pub(super) marked: HashSet<ItemId>,
    /// Follow-ups whose commitment is not in the loaded resolutions.
    pub(super) orphans: Vec<String>,
    /// References whose commitment text changed since it was marked.
    text_changed: HashSet<String>,
    /// Hashes of commitment texts, computed once each: texts do not change in a session.
    text_hashes: HashMap<ItemId, String>,
}

/// Follow-up facts for the filter, read from the follow-ups through the items marked.
pub struct StoreLookup<'a> {
    pub followups: &'a Followups,
    pub library: &'a Library,
    pub marked: &'a HashSet<ItemId>,
}

impl FollowupLookup for StoreLookup<'_> {
    fn get(&self, item: ItemId) -> Option<FollowupFacts<'_>> {
        if !self.marked.contains(&item) {
            return None;
        }
        let record = self.followups.get(&self.library.reference(item))?;
        Some(FollowupFacts {
            status: record.status?,
            owner: record.owner.as_deref(),
            due: record.due,
            note: record.note.as_deref(),
            changes: &record.history,
        })
    }

    fn items(&self) -> Vec<ItemId> {
        self.marked.iter().copied().collect()
    }
}

impl App {
    /// Re-derives what the tree shows of the follow-ups: which items are marked, which
    /// records lost their commitment, which texts changed. A text is hashed once a session:
    /// the library does not change while it runs.
    pub(super) fn refresh_marks(&mut self) {
        let mut marked = HashSet::new();
        let mut orphans = Vec::new();
        let mut text_changed = HashSet::new();
        for (reference, record) in self.followups.all() {
            let Some(id) = self.library.find(reference) else {
                orphans.push(reference.to_string());
                continue;
            };
            marked.insert(id);
            let (library, work, hashes) =
                (&self.library, &mut self.work, &mut self.marks.text_hashes);
            let changed = record.text_changed_by_hash(|| {
                hashes.entry(id).or_insert_with(|| {
                    work.text_hashes += 1;
                    text_sha256(library.text(id))
                })
            });
            if changed {
                text_changed.insert(reference.to_string());
            }
        }
        self.marks.marked = marked;
        self.marks.orphans = orphans;
        self.marks.text_changed = text_changed;
    }

    /// The hash of an item's text, as the follow-ups record it; computed once a session.
    pub(super) fn text_hash(&mut self, id: ItemId) -> String {
        let (library, work) = (&self.library, &mut self.work);
        self.marks
            .text_hashes
            .entry(id)
            .or_insert_with(|| {
                work.text_hashes += 1;
                text_sha256(library.text(id))
            })
            .clone()
    }

    /// The follow-ups as the store last loaded or saved them.
    pub fn followups(&self) -> &Followups {
        &self.followups
    }

    /// The loop carried out a request, saved, or re-read the file: these are the follow-ups
    /// now, and what came of it. The one way follow-ups reach the app.
    pub fn followups_replaced(&mut self, followups: Followups, outcome: Outcome) {
        let before = self.marks.marked.len() + self.marks.orphans.len();
        self.followups = followups;
        self.stale.marks = true;
        match outcome {
            Outcome::Reloaded => {
                if before > 0 && self.followups.is_empty() {
                    // Marks do not vanish by themselves: say so rather than show an empty tree.
                    self.message = Some(format!(
                        "the follow-ups file {} was emptied or deleted by another program",
                        self.followups.path.display()
                    ));
                }
            }
            Outcome::QuitBlocked => self.ask_quit_unsaved(),
            Outcome::Applied { step, made } => match made {
                Ok(made) => self.applied(step, made),
                Err(reason) => self.message = Some(reason),
            },
        }
        // The file is in place; a folder that could not be synced is worth a word, whether
        // the save came with a key or after waiting for the lock.
        if let SaveStatus::Saved {
            warning: Some(warning),
        } = &self.followups.save
        {
            self.message = Some(warning.clone());
        }
    }

    /// The follow-up of an item, if it is marked.
    pub fn followup(&self, item: ItemId) -> Option<&Followup> {
        if !self.marks.marked.contains(&item) {
            return None;
        }
        self.followups.get(&self.library.reference(item))
    }

    /// The follow-up record of a reference, even when removed (for its history).
    pub fn record(&self, reference: &str) -> Option<&Followup> {
        self.followups.record(reference)
    }

    pub fn orphans(&self) -> &[String] {
        &self.marks.orphans
    }

    pub fn text_changed(&self, item: ItemId) -> bool {
        !self.marks.text_changed.is_empty()
            && self
                .marks
                .text_changed
                .contains(&self.library.reference(item))
    }

    pub fn is_overdue(&self, followup: &Followup) -> bool {
        followup
            .status
            .is_some_and(|s| crate::filter::is_overdue(s, followup.due, self.today))
    }

    /// `(marked, overdue)` among a preamble's or area's items.
    pub fn group_marks(&self, group: NodeId) -> (usize, usize) {
        let mut counts = (0, 0);
        for item in self.group_items(group) {
            if let Some(followup) = self.followup(item) {
                counts.0 += 1;
                counts.1 += usize::from(self.is_overdue(followup));
            }
        }
        counts
    }

    pub fn followups_only(&self) -> bool {
        self.followups_only
    }

    /// `F`: shows only commitments with a follow-up (and their ancestors), or everything.
    pub(super) fn toggle_followups_only(&mut self) {
        self.followups_only = !self.followups_only;
        self.filter_folded.clear();
        self.stale.rows = true;
        if self.followups_only && self.marks.marked.is_empty() {
            self.message = Some("no follow-ups yet: Space marks a commitment".into());
        }
    }
}
