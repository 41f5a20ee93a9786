//! A field another session changed while it was edited here: both values, kept until the
//! user says which to keep (`y` yours, `t` theirs, `b` both, `Esc` edits again).

use super::edits::{EditField, EditState};
use super::keys::Choice;
use super::{App, Effect, Mode};

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

impl App {
    /// The answer to a [`Conflict`]: `y` keeps yours, `t` theirs, `b` both; `Esc` goes back
    /// to the input line with what was typed. Other keys do nothing: nothing changes until
    /// the user answers.
    pub(super) fn answer_conflict(&mut self, choice: Option<Choice>) -> Effect {
        let Mode::Conflict(conflict) = &self.mode else {
            return Effect::None;
        };
        let conflict = conflict.clone();
        let field = conflict.edit.field;
        let reference = conflict.edit.reference.clone();
        match choice {
            Some(Choice::Yours) => {
                self.mode = Mode::Tree;
                self.save_field(&reference, field, conflict.yours)
            }
            Some(Choice::Theirs) => {
                self.mode = Mode::Tree;
                self.message = Some(format!("kept their {} of {reference}", field.name()));
                Effect::None
            }
            Some(Choice::Both) => match conflict.both() {
                Some(both) => {
                    self.mode = Mode::Tree;
                    self.save_field(&reference, field, Some(both))
                }
                None => Effect::None,
            },
            Some(Choice::EditAgain) => {
                // Back to editing, on today's value: a second Enter saves over it knowingly.
                let mut edit = conflict.edit;
                edit.base = conflict.theirs;
                self.mode = Mode::Edit(edit);
                Effect::None
            }
            None => Effect::None,
        }
    }
}
