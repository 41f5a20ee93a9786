//! The keys that mark and unmark: `Space`, the status (`s` / `S`), removing (`x`) and
//! confirming a changed text (`c`), and the [`Request`] every follow-up change goes out as:
//! the loop carries it out on the store and saves, and what came of it comes back in
//! [`App::followups_replaced`]. This module never touches a file.

use super::tree::NodeId;
use super::{App, Effect, Request, Step};
use crate::storage::followups::{Change, ChangeError, Edit, Field, Status};

impl App {
    /// The reference follow-up keys act on: the selected commitment or orphaned record.
    fn selected_reference(&self) -> Option<String> {
        match self.selected()? {
            NodeId::Item(id) if self.library.is_commitment(id) => Some(self.library.reference(id)),
            NodeId::Orphan(i) => self.marks.orphans.get(i).cloned(),
            _ => None,
        }
    }

    pub(super) fn require_reference(&mut self) -> Option<String> {
        let reference = self.selected_reference();
        if reference.is_none() {
            self.message = Some("select a commitment first".into());
        }
        reference
    }

    /// Asks the loop to make `changes` (one undo step) and save them; refused at once
    /// when the file is read-only, as the store would.
    pub(super) fn request(&mut self, changes: Vec<Change>, step: Step) -> Effect {
        if changes.is_empty() {
            return Effect::None;
        }
        if let Some(problem) = self.followups.read_only() {
            let error = ChangeError::ReadOnly(problem.to_string());
            return self.refused(error);
        }
        Effect::Save(Request { changes, step })
    }

    /// Reports a refused change; nothing changed.
    pub(super) fn refused(&mut self, error: ChangeError) -> Effect {
        self.message = Some(error.to_string());
        Effect::None
    }

    /// `Space`: marks the selected commitment (status open), or removes its mark; then
    /// moves down, so a list can be walked and marked in one go.
    pub(super) fn toggle_mark(&mut self) -> Effect {
        let Some(reference) = self.require_reference() else {
            return Effect::None;
        };
        let change = if self.followups.get(&reference).is_some() {
            if let Some(effect) = self.ask_before_removing(&reference) {
                return effect;
            }
            unmark(&reference)
        } else {
            match self.mark(&reference) {
                Some(change) => change,
                None => return Effect::None,
            }
        };
        self.request(vec![change], Step::NewThenDown)
    }

    /// `s` / `S`: the next or previous status; marks an unmarked commitment first.
    pub(super) fn cycle_status(&mut self, forward: bool) -> Effect {
        let Some(reference) = self.require_reference() else {
            return Effect::None;
        };
        let change = match self.followups.get(&reference).and_then(|f| f.status) {
            Some(status) => {
                let next = if forward {
                    status.next()
                } else {
                    status.prev()
                };
                Change::set(&reference, Field::Status, Some(next.as_str().to_string()))
            }
            None => match self.mark(&reference) {
                Some(change) => change,
                None => return self.refused(ChangeError::NotMarked(reference)),
            },
        };
        self.request(vec![change], Step::New)
    }

    /// The change that marks `reference` (status `open`, the hash of its commitment's text);
    /// `None` when no loaded commitment has that reference.
    pub(super) fn mark(&mut self, reference: &str) -> Option<Change> {
        let id = self.library.find(reference)?;
        let hash = self.text_hash(id);
        Some(Change {
            reference: reference.to_string(),
            edits: vec![
                set(Field::Status, Some(Status::Open.as_str().to_string())),
                set(Field::TextSha256, Some(hash)),
            ],
        })
    }

    /// `x`: removes the follow-up; its record and history stay in the file.
    pub(super) fn remove_followup(&mut self) -> Effect {
        let Some(reference) = self.require_reference() else {
            return Effect::None;
        };
        if self.followups.get(&reference).is_none() {
            self.message = Some(format!("{reference} has no follow-up"));
            return Effect::None;
        }
        if let Some(effect) = self.ask_before_removing(&reference) {
            return effect;
        }
        self.remove(reference)
    }

    /// Removes the follow-up of `reference`, and says how to have it back.
    pub(super) fn remove(&mut self, reference: String) -> Effect {
        let effect = self.request(vec![unmark(&reference)], Step::New);
        if matches!(effect, Effect::Save(_)) {
            self.message = Some(format!(
                "removed the follow-up of {reference}; u brings it back"
            ));
        }
        effect
    }

    /// `c`: the commitment's new text is fine; the "text changed" flag goes.
    pub(super) fn confirm_text(&mut self) -> Effect {
        let Some(NodeId::Item(id)) = self.selected() else {
            return Effect::None;
        };
        if !self.text_changed(id) {
            self.message = Some("nothing to confirm: the text did not change since marking".into());
            return Effect::None;
        }
        let reference = self.library.reference(id);
        let hash = self.text_hash(id);
        let change = Change::set(&reference, Field::TextSha256, Some(hash));
        self.request(vec![change], Step::New)
    }
}

/// One field set, its old value filled in by the store.
fn set(field: Field, to: Option<String>) -> Edit {
    Edit {
        field,
        from: None,
        to,
    }
}

/// The change that removes the follow-up of `reference`: status, note, owner and due are
/// unset; the record and its history stay.
fn unmark(reference: &str) -> Change {
    Change {
        reference: reference.to_string(),
        edits: [Field::Status, Field::Note, Field::Owner, Field::Due]
            .into_iter()
            .map(|f| set(f, None))
            .collect(),
    }
}
