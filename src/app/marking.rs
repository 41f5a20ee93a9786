//! Follow-ups in the browser: marking, status, note, owner and due date, removing, marking
//! everything shown, undo and redo, the "follow-ups only" view and the overdue jump. Every
//! change goes to the store in memory and asks the loop to save it; this module never
//! touches the file.

use std::collections::HashSet;

use ratatui::crossterm::event::KeyEvent;

use super::editor::{EditOutcome, Editor};
use super::tree::NodeId;
use super::{App, Effect, Mode};
use crate::filter::{FollowupFacts, FollowupLookup};
use crate::followups::{Change, ChangeError, Followup, SaveError, Saved, Store, parse_due};
use crate::model::{ItemId, Library};

/// A follow-up field edited in the input line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditField {
    Note,
    Owner,
    Due,
}

impl EditField {
    /// The field's name in the follow-ups file.
    pub fn name(self) -> &'static str {
        match self {
            EditField::Note => "note",
            EditField::Owner => "owner",
            EditField::Due => "due",
        }
    }

    pub fn from_name(name: &str) -> Option<EditField> {
        [EditField::Note, EditField::Owner, EditField::Due]
            .into_iter()
            .find(|f| f.name() == name)
    }

    pub fn label(self) -> &'static str {
        match self {
            EditField::Note => "note",
            EditField::Owner => "owner",
            EditField::Due => "due (YYYY-MM-DD, +3d, +2w; empty clears)",
        }
    }
}

/// The input line while a field is edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditState {
    pub field: EditField,
    pub reference: String,
    pub editor: Editor,
}

/// A question the user answers with `y` before something large happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Mark these (currently shown, not yet marked) commitments; `shown` counts all.
    MarkShown {
        references: Vec<String>,
        shown: usize,
    },
    /// Quit although changes could not be saved (they would be lost).
    QuitUnsaved,
}

/// What the status bar says about saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing changed in this session yet.
    Idle,
    /// The last change is in the file.
    Saved,
    /// Changes are only in memory, and why.
    NotSaved(String),
}

/// Follow-up facts for the filter, read from the store through the items marked.
pub struct StoreLookup<'a> {
    pub store: &'a Store,
    pub library: &'a Library,
    pub marked: &'a HashSet<ItemId>,
}

impl FollowupLookup for StoreLookup<'_> {
    fn get(&self, item: ItemId) -> Option<FollowupFacts<'_>> {
        if !self.marked.contains(&item) {
            return None;
        }
        let record = self.store.get(&self.library.reference(item))?;
        Some(FollowupFacts {
            status: record.status?.as_str(),
            owner: record.owner.as_deref(),
            due: record.due.as_deref(),
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
    /// records lost their commitment, which texts changed. Called after every change and
    /// after the file was re-read.
    pub(super) fn refresh_marks(&mut self) {
        let report = self.store.text_report(&self.library);
        self.marked = self
            .store
            .all()
            .filter_map(|(reference, _)| self.library.find(reference))
            .collect();
        self.orphans = report.orphaned;
        self.text_changed = report.text_changed.into_iter().collect();
    }

    /// The follow-up of an item, if it is marked.
    pub fn followup(&self, item: ItemId) -> Option<&Followup> {
        if !self.marked.contains(&item) {
            return None;
        }
        self.store.get(&self.library.reference(item))
    }

    /// The follow-up record of a reference, even when removed (for its history).
    pub fn record(&self, reference: &str) -> Option<&Followup> {
        self.store.record(reference)
    }

    pub fn orphans(&self) -> &[String] {
        &self.orphans
    }

    pub fn text_changed(&self, item: ItemId) -> bool {
        !self.text_changed.is_empty() && self.text_changed.contains(&self.library.reference(item))
    }

    pub fn is_overdue(&self, followup: &Followup) -> bool {
        followup.status.is_some_and(|s| {
            crate::filter::is_overdue(s.as_str(), followup.due.as_deref(), self.today)
        })
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

    /// The reference follow-up keys act on: the selected commitment or orphaned record.
    fn selected_reference(&self) -> Option<String> {
        match self.selected()? {
            NodeId::Item(id) if self.library.is_commitment(id) => Some(self.library.reference(id)),
            NodeId::Orphan(i) => self.orphans.get(i).cloned(),
            _ => None,
        }
    }

    fn require_reference(&mut self) -> Option<String> {
        let reference = self.selected_reference();
        if reference.is_none() {
            self.message = Some("select a commitment first".into());
        }
        reference
    }

    /// Records a group of changes the store made (one undo step) and asks for a save.
    fn changed(&mut self, made: Vec<Change>) -> Effect {
        if made.is_empty() {
            return Effect::None;
        }
        self.undo.push(made);
        self.redo.clear();
        self.after_followups_changed();
        Effect::Save
    }

    /// Everything that depends on the follow-ups is derived again.
    pub(super) fn after_followups_changed(&mut self) {
        self.refresh_marks();
        if self.result.is_some() {
            self.rerun_filter();
        }
        self.rebuild_rows();
    }

    /// Reports a refused change; nothing changed.
    fn refused(&mut self, error: ChangeError) -> Effect {
        self.message = Some(error.to_string());
        Effect::None
    }

    /// `Space`: marks the selected commitment (status open), or removes its mark; then
    /// moves down, so a list can be walked and marked in one go.
    pub(super) fn toggle_mark(&mut self) -> Effect {
        let Some(reference) = self.require_reference() else {
            return Effect::None;
        };
        let result = if self.store.get(&reference).is_some() {
            self.store.unmark(&reference)
        } else {
            match self.library.find(&reference) {
                Some(id) => self.store.mark(&reference, self.library.text(id)),
                None => return Effect::None,
            }
        };
        let effect = match result {
            Ok(made) => self.changed(made.into_iter().collect()),
            Err(e) => return self.refused(e),
        };
        self.move_by(1);
        effect
    }

    /// `s` / `S`: the next or previous status; marks an unmarked commitment first.
    pub(super) fn cycle_status(&mut self, forward: bool) -> Effect {
        let Some(reference) = self.require_reference() else {
            return Effect::None;
        };
        let mut made = Vec::new();
        if self.store.get(&reference).is_none() {
            if let Err(e) = self.mark_into(&reference, &mut made) {
                return self.refused(e);
            }
        } else {
            match self.store.cycle_status(&reference, forward) {
                Ok(change) => made.extend(change),
                Err(e) => return self.refused(e),
            }
        }
        self.changed(made)
    }

    /// Marks `reference` and adds the change to `made` (one undo step being built).
    fn mark_into(&mut self, reference: &str, made: &mut Vec<Change>) -> Result<(), ChangeError> {
        made.extend(self.mark_reference(reference)?);
        Ok(())
    }

    fn mark_reference(&mut self, reference: &str) -> Result<Option<Change>, ChangeError> {
        match self.library.find(reference) {
            Some(id) => self.store.mark(reference, self.library.text(id)),
            None => Err(ChangeError::NotMarked(reference.to_string())),
        }
    }

    /// `a`, `o`, `d`: opens the input line on the field's current value.
    pub(super) fn start_edit(&mut self, field: EditField) -> Effect {
        let Some(reference) = self.require_reference() else {
            return Effect::None;
        };
        if let Some(problem) = self.store.read_only() {
            self.message = Some(format!("read-only: {problem}"));
            return Effect::None;
        }
        let current = self.store.get(&reference).and_then(|f| match field {
            EditField::Note => f.note.clone(),
            EditField::Owner => f.owner.clone(),
            EditField::Due => f.due.clone(),
        });
        let editor = Editor::new(current.as_deref().unwrap_or(""), field == EditField::Note);
        self.mode = Mode::Edit(EditState {
            field,
            reference,
            editor,
        });
        Effect::None
    }

    pub(super) fn handle_edit_key(&mut self, key: KeyEvent) -> Effect {
        let Mode::Edit(state) = &mut self.mode else {
            return Effect::None;
        };
        match state.editor.handle_key(key) {
            EditOutcome::Submit => {
                let state = state.clone();
                self.submit_edit(state)
            }
            EditOutcome::Cancel => {
                self.mode = Mode::Tree;
                self.message = Some("edit cancelled, nothing changed".into());
                Effect::None
            }
            _ => Effect::None,
        }
    }

    /// Saves the edited value; an unmarked commitment is marked in the same undo step. An
    /// invalid date keeps the input line open with the reason, and changes nothing.
    fn submit_edit(&mut self, state: EditState) -> Effect {
        let text = state.editor.text();
        let value = match state.field {
            EditField::Due => match parse_due(text, self.today) {
                Ok(due) => due,
                Err(e) => {
                    self.message = Some(e.to_string());
                    return Effect::None;
                }
            },
            EditField::Note | EditField::Owner => {
                Some(text.to_string()).filter(|t| !t.trim().is_empty())
            }
        };
        self.mode = Mode::Tree;
        self.message = None;
        let reference = state.reference;
        if value.is_none() && self.store.get(&reference).is_none() {
            // Clearing a field of an unmarked commitment: nothing to record, nothing marked.
            self.message = Some("nothing changed".into());
            return Effect::None;
        }
        let mut made = Vec::new();
        if self.store.get(&reference).is_none()
            && let Err(e) = self.mark_into(&reference, &mut made)
        {
            return self.refused(e);
        }
        let result = match state.field {
            EditField::Note => self.store.set_note(&reference, value.as_deref()),
            EditField::Owner => self.store.set_owner(&reference, value.as_deref()),
            EditField::Due => self.store.set_due(&reference, value.as_deref()),
        };
        match result {
            Ok(change) => made.extend(change),
            Err(e) => {
                self.undo_group(made);
                return self.refused(e);
            }
        }
        self.changed(made)
    }

    /// `x`: removes the follow-up; its record and history stay in the file.
    pub(super) fn remove_followup(&mut self) -> Effect {
        let Some(reference) = self.require_reference() else {
            return Effect::None;
        };
        match self.store.unmark(&reference) {
            Ok(Some(change)) => self.changed(vec![change]),
            Ok(None) => {
                self.message = Some(format!("{reference} has no follow-up"));
                Effect::None
            }
            Err(e) => self.refused(e),
        }
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
        match self.store.confirm_text(&reference, self.library.text(id)) {
            Ok(made) => self.changed(made.into_iter().collect()),
            Err(e) => self.refused(e),
        }
    }

    /// `V`: asks before marking every commitment the tree shows that is not marked yet.
    pub(super) fn ask_mark_shown(&mut self) -> Effect {
        let references: Vec<String> = self
            .rows
            .iter()
            .filter_map(|row| match row.node {
                NodeId::Item(id)
                    if self.library.is_commitment(id) && !self.marked.contains(&id) =>
                {
                    Some(self.library.reference(id))
                }
                _ => None,
            })
            .collect();
        if references.is_empty() {
            self.message = Some("every commitment shown is marked already".into());
            return Effect::None;
        }
        let shown = self
            .rows
            .iter()
            .filter(|row| matches!(row.node, NodeId::Item(id) if self.library.is_commitment(id)))
            .count();
        self.mode = Mode::Confirm(Confirm::MarkShown { references, shown });
        Effect::None
    }

    pub(super) fn answer_confirm(&mut self, yes: bool) -> Effect {
        let references = match std::mem::replace(&mut self.mode, Mode::Tree) {
            Mode::Confirm(Confirm::MarkShown { references, .. }) => references,
            Mode::Confirm(Confirm::QuitUnsaved) if yes => return Effect::QuitDiscarding,
            Mode::Confirm(Confirm::QuitUnsaved) => {
                self.message = Some("not quitting: the next change retries the save".into());
                return Effect::None;
            }
            _ => return Effect::None,
        };
        if !yes {
            self.message = Some("nothing marked".into());
            return Effect::None;
        }
        let mut made = Vec::new();
        for reference in &references {
            match self.mark_reference(reference) {
                Ok(change) => made.extend(change),
                Err(e) => {
                    self.undo_group(made);
                    return self.refused(e);
                }
            }
        }
        self.message = Some(format!("marked {} commitments", made.len()));
        self.changed(made)
    }

    /// Takes back a group of changes just made (a step that failed half-way).
    fn undo_group(&mut self, made: Vec<Change>) {
        for change in made.iter().rev() {
            let _ = self.store.apply(&change.inverse());
        }
    }

    /// The loop could not save before quitting: ask whether to quit and lose the changes.
    pub fn ask_quit_unsaved(&mut self) {
        self.mode = Mode::Confirm(Confirm::QuitUnsaved);
    }

    /// `u`: undoes the last change (a whole `V` counts as one). A field that another
    /// session changed since is left as that session set it: undo takes back our own
    /// change, never someone else's newer one.
    pub(super) fn undo(&mut self) -> Effect {
        let Some(group) = self.undo.pop() else {
            self.message = Some("nothing to undo".into());
            return Effect::None;
        };
        let mut redo = Vec::new();
        let superseded: HashSet<String> = group
            .iter()
            .filter(|change| {
                let current = self.store.record(&change.reference);
                change
                    .edits
                    .iter()
                    .any(|edit| current.and_then(|r| r.value(edit.field)) != edit.to)
            })
            .map(|change| change.reference.clone())
            .collect();
        let mut kept: Vec<&String> = superseded.iter().collect();
        kept.sort();
        for change in group.iter().rev() {
            // A record another session changed since is left whole: undoing only the
            // fields still as we set them could leave it half ours, half theirs.
            if superseded.contains(&change.reference) {
                continue;
            }
            let inverse = change.inverse();
            match self.store.apply(&inverse) {
                Ok(Some(made)) => redo.push(made.inverse()),
                Ok(None) => {}
                Err(e) => return self.refused(e),
            }
        }
        redo.reverse();
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
            (false, true) => format!("undone: {}", describe(&undone)),
            (false, false) => format!(
                "undone: {}; not undone, changed since by another session: {kept}",
                describe(&undone)
            ),
            (true, _) => format!("not undone, changed since by another session: {kept}"),
        });
        if let Some(first) = group.first().and_then(|c| self.library.find(&c.reference)) {
            self.select_node(NodeId::Item(first));
        }
        if redo.is_empty() {
            self.after_followups_changed();
            return Effect::None;
        }
        self.redo.push(redo);
        self.after_followups_changed();
        Effect::Save
    }

    /// `Ctrl-r`: makes an undone change again.
    pub(super) fn redo(&mut self) -> Effect {
        let Some(group) = self.redo.pop() else {
            self.message = Some("nothing to redo".into());
            return Effect::None;
        };
        let mut made = Vec::new();
        for change in &group {
            match self.store.apply(change) {
                Ok(Some(change)) => made.push(change),
                Ok(None) => {}
                Err(e) => return self.refused(e),
            }
        }
        self.undo.push(made);
        self.message = Some("redone".into());
        self.after_followups_changed();
        Effect::Save
    }

    /// `F`: shows only commitments with a follow-up (and their ancestors), or everything.
    pub(super) fn toggle_followups_only(&mut self) {
        self.followups_only = !self.followups_only;
        self.filter_folded.clear();
        self.rebuild_rows();
        if self.followups_only && self.marked.is_empty() {
            self.message = Some("no follow-ups yet: Space marks a commitment".into());
        }
    }

    /// `!`: the next commitment whose follow-up is overdue (wrapping around).
    pub(super) fn jump_overdue(&mut self) {
        let n = self.rows.len();
        let found =
            (1..=n)
                .map(|step| (self.cursor + step) % n)
                .find(|&i| match self.rows[i].node {
                    NodeId::Item(id) => self.followup(id).is_some_and(|f| self.is_overdue(f)),
                    _ => false,
                });
        match found {
            Some(i) => self.cursor = i,
            None => self.message = Some("nothing overdue in view".into()),
        }
    }

    /// The loop reports how the save it was asked for went.
    pub fn saved(&mut self, result: Result<Saved, SaveError>) {
        self.save_state = match result {
            Ok(saved) => {
                // The file is in place; a folder that could not be synced is worth a word.
                if let Some(warning) = saved.warning {
                    self.message = Some(warning);
                }
                SaveState::Saved
            }
            // The banner already says NOT SAVED; the error's own "not saved" would repeat it.
            Err(e) => {
                let reason = e.to_string();
                let reason = reason
                    .strip_suffix(": not saved")
                    .unwrap_or(&reason)
                    .to_string();
                SaveState::NotSaved(reason)
            }
        };
    }

    /// The loop re-read the follow-ups file because another session changed it.
    pub fn followups_reloaded(&mut self) {
        let before = self.marked.len() + self.orphans.len();
        self.after_followups_changed();
        if before > 0 && self.store.is_empty() {
            // Marks do not vanish by themselves: say so rather than show an empty tree.
            self.message = Some(format!(
                "the follow-ups file {} was emptied or deleted by another program",
                self.store.path().display()
            ));
        }
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
