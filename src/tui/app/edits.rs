//! The edit line for a follow-up's note, owner and due date: opening it on the field's
//! value, its keys, and saving what was typed (marking an unmarked commitment in the same
//! step). A value another session saved meanwhile goes to [`super::conflicts`] first.

use ratatui::crossterm::event::KeyEvent;

use super::conflicts::Conflict;
use super::editor::{EditOutcome, Editor};
use super::{App, Effect, Mode, Step};
use crate::storage::followups::{Change, ChangeError, Field, parse_due};

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

impl App {
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

    /// Sets one field of `reference`; an unmarked commitment is marked in the same step.
    pub(super) fn save_field(
        &mut self,
        reference: &str,
        field: EditField,
        value: Option<String>,
    ) -> Effect {
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
}
