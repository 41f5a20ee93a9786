//! Questions answered with `y` before something large happens: removing a follow-up that
//! holds work, marking everything shown, quitting with changes unsaved; what each answer
//! does.

use super::keys::Answer;
use super::tree::NodeId;
use super::{App, Effect, Mode, Step};
use crate::storage::followups::{Change, Status};

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

impl App {
    /// A follow-up that holds work (a note, owner, due date, or a status other than open)
    /// is removed only after a `y`: the question, or `None` when there is nothing to lose.
    pub(super) fn ask_before_removing(&mut self, reference: &str) -> Option<Effect> {
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

    /// `V`: asks before marking every commitment the tree shows that is not marked yet.
    pub(super) fn ask_mark_shown(&mut self) -> Effect {
        let references: Vec<String> = self
            .rows
            .iter()
            .filter_map(|row| match row.node {
                NodeId::Item(id)
                    if self.library.is_commitment(id) && !self.marks.marked.contains(&id) =>
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

    /// A key pressed while a question waits: `y` (or `Enter`, but to removing work) says yes,
    /// every other key no.
    pub(super) fn answer_question(&mut self, answer: Option<Answer>) -> Effect {
        let removing = matches!(self.mode, Mode::Confirm(Confirm::Remove { .. }));
        let yes = match answer {
            Some(Answer::Yes) => true,
            // Removing work takes a `y`: an Enter typed ahead must not do it.
            Some(Answer::Enter) => !removing,
            None => false,
        };
        self.answer_confirm(yes)
    }

    fn answer_confirm(&mut self, yes: bool) -> Effect {
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
}
