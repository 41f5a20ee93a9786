//! Undo and redo: the change groups the store made, filed as they come back from the loop,
//! and `u` / `Ctrl-r` taking them back and making them again (never over another
//! session's newer change).

use std::collections::HashSet;

use super::tree::NodeId;
use super::{App, Effect, Step};
use crate::storage::followups::Change;

/// The change groups the store made, as `u` and `Ctrl-r` take them back and make them
/// again, most recent last.
#[derive(Debug, Default)]
pub(super) struct History {
    undo: Vec<Vec<Change>>,
    redo: Vec<Vec<Change>>,
}

impl App {
    /// Files the changes the store made for a request under undo or redo.
    pub(super) fn applied(&mut self, step: Step, made: Vec<Change>) {
        match step {
            Step::New | Step::NewThenDown => {
                if !made.is_empty() {
                    self.history.undo.push(made);
                    self.history.redo.clear();
                }
                if step == Step::NewThenDown {
                    // The row below is the one below once the change shows.
                    self.refresh();
                    self.move_by(1);
                }
            }
            Step::Undo => {
                let redo: Vec<Change> = made.iter().rev().map(Change::inverse).collect();
                if !redo.is_empty() {
                    self.history.redo.push(redo);
                }
            }
            Step::Redo => self.history.undo.push(made),
            Step::Restore => self.restored(made.len()),
        }
    }

    /// `u`: undoes the last change (a whole `V` counts as one). A field that another
    /// session changed since is left as that session set it: undo takes back our own
    /// change, never someone else's newer one.
    pub(super) fn undo(&mut self) -> Effect {
        let Some(group) = self.history.undo.pop() else {
            self.message = Some("nothing to undo".into());
            return Effect::None;
        };
        let superseded: HashSet<String> = group
            .iter()
            .filter(|change| {
                let current = self.followups.record(&change.reference);
                change
                    .edits
                    .iter()
                    .any(|edit| current.and_then(|r| r.value(edit.field)) != edit.to)
            })
            .map(|change| change.reference.clone())
            .collect();
        let mut kept: Vec<&String> = superseded.iter().collect();
        kept.sort();
        // A record another session changed since is left whole: undoing only the fields
        // still as we set them could leave it half ours, half theirs.
        let inverses: Vec<Change> = group
            .iter()
            .rev()
            .filter(|change| !superseded.contains(&change.reference))
            .map(Change::inverse)
            .collect();
        let undone: Vec<Change> = group
            .iter()
            .filter(|c| !superseded.contains(&c.reference))
            .cloned()
            .collect();
        let kept = kept
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        self.message = Some(match (undone.is_empty(), kept.is_empty()) {
            (false, true) => format!(
                "undone: {}; Ctrl-r makes it again, u undoes more",
                describe(&undone)
            ),
            (false, false) => format!(
                "undone: {}; not undone, changed since by another session: {kept}",
                describe(&undone)
            ),
            (true, _) => format!("not undone, changed since by another session: {kept}"),
        });
        if let Some(first) = group.first().and_then(|c| self.library.find(&c.reference)) {
            self.select_node(NodeId::Item(first));
        }
        self.request(inverses, Step::Undo)
    }

    /// `Ctrl-r`: makes an undone change again.
    pub(super) fn redo(&mut self) -> Effect {
        let Some(group) = self.history.redo.pop() else {
            self.message = Some("nothing to redo".into());
            return Effect::None;
        };
        self.message = Some("redone".into());
        self.request(group, Step::Redo)
    }
}

/// `status of ba-43-2024:1.4`, or `4 changes` for a larger group.
fn describe(group: &[Change]) -> String {
    match group {
        [one] => {
            let fields: Vec<&str> = one
                .edits
                .iter()
                .map(|e| e.field.as_str())
                .filter(|f| *f != "text_sha256")
                .collect();
            format!("{} of {}", fields.join(", "), one.reference)
        }
        _ => format!("{} changes", group.len()),
    }
}
