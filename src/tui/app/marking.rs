//! Follow-ups in the browser: marking, status, note, owner and due date, removing, marking
//! everything shown, undo and redo, the "follow-ups only" view and the overdue jump. Every
//! change is a [`Request`] the loop carries out on the store and saves; what came of it
//! comes back in one call, [`App::followups_replaced`]. This module never touches a file.

use std::collections::HashSet;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::editor::{EditOutcome, Editor};
use super::tree::NodeId;
use super::{App, Effect, Followups, Mode, Outcome, Request, SaveStatus, Step};
use crate::filter::{FollowupFacts, FollowupLookup};
use crate::model::{ItemId, Library};
use crate::storage::followups::{
    Change, ChangeError, Edit, Field, Followup, Status, parse_due, text_sha256,
};

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

    /// The keys and values this prompt takes, and only these.
    pub fn hints(self) -> &'static str {
        match self {
            EditField::Note => "Enter saves, Ctrl-j new line, Esc cancels",
            EditField::Owner => "a name; Enter saves, empty clears, Esc cancels",
            EditField::Due => "YYYY-MM-DD, +3d, +2w; Enter saves, empty clears, Esc cancels",
        }
    }

    fn field(self) -> Field {
        match self {
            EditField::Note => Field::Note,
            EditField::Owner => Field::Owner,
            EditField::Due => Field::Due,
        }
    }
}

/// The input line while a field is edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditState {
    pub field: EditField,
    pub reference: String,
    pub editor: Editor,
    /// The field's value when the edit began: if the file holds another one at save time,
    /// another session changed it meanwhile and the user chooses.
    pub base: Option<String>,
}

/// A field another session changed while this one edited it: both values, until the user
/// says which to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub edit: EditState,
    /// What this session typed (`None` clears the field).
    pub yours: Option<String>,
    /// What the other session saved meanwhile.
    pub theirs: Option<String>,
}

impl Conflict {
    /// Both values in one: for a note theirs first, then yours, a line apart; for an owner
    /// both names. A date cannot hold two, so `None` there.
    pub fn both(&self) -> Option<String> {
        let joiner = match self.edit.field {
            EditField::Note => "\n",
            EditField::Owner => ", ",
            EditField::Due => return None,
        };
        match (&self.theirs, &self.yours) {
            (Some(theirs), Some(yours)) => Some(format!("{theirs}{joiner}{yours}")),
            _ => None,
        }
    }
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
    /// Remove a follow-up that holds work (a note, an owner, a due date or a status other
    /// than open); `what` names it, for the question.
    Remove { reference: String, what: String },
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
            let (library, work, hashes) = (&self.library, &mut self.work, &mut self.text_hashes);
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
        self.marked = marked;
        self.orphans = orphans;
        self.text_changed = text_changed;
    }

    /// The hash of an item's text, as the follow-ups record it; computed once a session.
    fn text_hash(&mut self, id: ItemId) -> String {
        let (library, work) = (&self.library, &mut self.work);
        self.text_hashes
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
        let before = self.marked.len() + self.orphans.len();
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

    /// Files the changes the store made for a request under undo or redo.
    fn applied(&mut self, step: Step, made: Vec<Change>) {
        match step {
            Step::New | Step::NewThenDown => {
                if !made.is_empty() {
                    self.undo.push(made);
                    self.redo.clear();
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
                    self.redo.push(redo);
                }
            }
            Step::Redo => self.undo.push(made),
            Step::Restore => self.restored(made.len()),
        }
    }

    /// The follow-up of an item, if it is marked.
    pub fn followup(&self, item: ItemId) -> Option<&Followup> {
        if !self.marked.contains(&item) {
            return None;
        }
        self.followups.get(&self.library.reference(item))
    }

    /// The follow-up record of a reference, even when removed (for its history).
    pub fn record(&self, reference: &str) -> Option<&Followup> {
        self.followups.record(reference)
    }

    pub fn orphans(&self) -> &[String] {
        &self.orphans
    }

    pub fn text_changed(&self, item: ItemId) -> bool {
        !self.text_changed.is_empty() && self.text_changed.contains(&self.library.reference(item))
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

    /// Asks the loop to make `changes` (one undo step) and save them; refused at once
    /// when the file is read-only, as the store would.
    fn request(&mut self, changes: Vec<Change>, step: Step) -> Effect {
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
    fn mark(&mut self, reference: &str) -> Option<Change> {
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

    /// `a`, `o`, `d`: opens the input line on the field's current value.
    pub(super) fn start_edit(&mut self, field: EditField) -> Effect {
        let Some(reference) = self.require_reference() else {
            return Effect::None;
        };
        if let Some(problem) = self.followups.read_only() {
            self.message = Some(format!("read-only: {problem}"));
            return Effect::None;
        }
        let base = self
            .followups
            .get(&reference)
            .and_then(|f| f.value(field.field()));
        // The old value selected: typing replaces it, an arrow keeps it to edit.
        let editor = Editor::selected(base.as_deref().unwrap_or(""), field == EditField::Note);
        self.mode = Mode::Edit(EditState {
            field,
            reference,
            editor,
            base,
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
        let theirs = self
            .followups
            .get(&state.reference)
            .and_then(|f| f.value(state.field.field()));
        // Another session saved this field while it was edited here: nothing is written
        // until the user has seen both values and chosen.
        if theirs != state.base && theirs != value {
            self.mode = Mode::Conflict(Conflict {
                edit: state,
                yours: value,
                theirs,
            });
            return Effect::None;
        }
        self.save_field(&state.reference, state.field, value)
    }

    /// The answer to a [`Conflict`]: `y` keeps yours, `t` theirs, `b` both; `Esc` goes back
    /// to the input line with what was typed. Other keys do nothing: nothing changes until
    /// the user answers.
    pub(super) fn answer_conflict(&mut self, key: KeyEvent) -> Effect {
        let Mode::Conflict(conflict) = &self.mode else {
            return Effect::None;
        };
        let conflict = conflict.clone();
        let field = conflict.edit.field;
        let reference = conflict.edit.reference.clone();
        match key.code {
            KeyCode::Char('y') => {
                self.mode = Mode::Tree;
                self.save_field(&reference, field, conflict.yours)
            }
            KeyCode::Char('t') => {
                self.mode = Mode::Tree;
                self.message = Some(format!("kept their {} of {reference}", field.name()));
                Effect::None
            }
            KeyCode::Char('b') => match conflict.both() {
                Some(both) => {
                    self.mode = Mode::Tree;
                    self.save_field(&reference, field, Some(both))
                }
                None => Effect::None,
            },
            KeyCode::Esc => {
                // Back to editing, on today's value: a second Enter saves over it knowingly.
                let mut edit = conflict.edit;
                edit.base = conflict.theirs;
                self.mode = Mode::Edit(edit);
                Effect::None
            }
            _ => Effect::None,
        }
    }

    /// Sets one field of `reference`; an unmarked commitment is marked in the same step.
    fn save_field(&mut self, reference: &str, field: EditField, value: Option<String>) -> Effect {
        let reference = reference.to_string();
        let field = field.field();
        let mut changes = Vec::new();
        match self.followups.get(&reference) {
            // Clearing a field of an unmarked commitment: nothing to record, nothing marked.
            None if value.is_none() => {
                self.message = Some("nothing changed".into());
                return Effect::None;
            }
            // An unmarked commitment is marked in the same undo step.
            None => match self.mark(&reference) {
                Some(change) => changes.push(change),
                None => return self.refused(ChangeError::NotMarked(reference)),
            },
            Some(record) if record.value(field) == value => return Effect::None,
            Some(_) => {}
        }
        changes.push(Change::set(&reference, field, value));
        self.request(changes, Step::New)
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
    fn remove(&mut self, reference: String) -> Effect {
        let effect = self.request(vec![unmark(&reference)], Step::New);
        if matches!(effect, Effect::Save(_)) {
            self.message = Some(format!(
                "removed the follow-up of {reference}; u brings it back"
            ));
        }
        effect
    }

    /// A follow-up that holds work (a note, owner, due date, or a status other than open)
    /// is removed only after a `y`: the question, or `None` when there is nothing to lose.
    fn ask_before_removing(&mut self, reference: &str) -> Option<Effect> {
        let record = self.followups.get(reference)?;
        let mut what = Vec::new();
        if let Some(status) = record.status.filter(|s| *s != Status::Open) {
            what.push(status.as_str().to_string());
        }
        if let Some(owner) = &record.owner {
            what.push(format!("owner {owner}"));
        }
        if let Some(due) = &record.due {
            what.push(format!("due {due}"));
        }
        if record.note.is_some() {
            what.push("a note".to_string());
        }
        if what.is_empty() {
            return None;
        }
        self.mode = Mode::Confirm(Confirm::Remove {
            reference: reference.to_string(),
            what: what.join(", "),
        });
        Some(Effect::None)
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
            Mode::Confirm(Confirm::Remove { reference, .. }) if yes => {
                return self.remove(reference);
            }
            Mode::Confirm(Confirm::Remove { reference, .. }) => {
                self.message = Some(format!("kept the follow-up of {reference}"));
                return Effect::None;
            }
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
        let changes: Vec<Change> = references.iter().filter_map(|r| self.mark(r)).collect();
        // Each of them is unmarked (that is how they were chosen), so each is marked now.
        self.message = Some(match changes.len() {
            1 => "marked 1 commitment".to_string(),
            n => format!("marked {n} commitments"),
        });
        self.request(changes, Step::New)
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
        let Some(group) = self.redo.pop() else {
            self.message = Some("nothing to redo".into());
            return Effect::None;
        };
        self.message = Some("redone".into());
        self.request(group, Step::Redo)
    }

    /// `F`: shows only commitments with a follow-up (and their ancestors), or everything.
    pub(super) fn toggle_followups_only(&mut self) {
        self.followups_only = !self.followups_only;
        self.filter_folded.clear();
        self.stale.rows = true;
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
