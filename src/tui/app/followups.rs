//! The follow-ups as the app sees them: a plain value (what the store last loaded or saved,
//! and where saving stands) that the event loop hands over, and the requests the app sends
//! back. The app never holds the store; the loop does, and carries the requests out.

use std::path::PathBuf;

use crate::storage::followups::{Change, Followup, FollowupsFile};
use crate::storage::load::Problem;

/// What the store last loaded or saved, as one value.
#[derive(Debug, Clone)]
pub struct Followups {
    /// The whole file as the session sees it, removed records included.
    pub file: FollowupsFile,
    /// The file's path as given (for messages and the session file).
    pub path: PathBuf,
    /// The changes not in the file yet, oldest first (the last save failed, or the file is
    /// read-only).
    pub unsaved: Vec<Change>,
    /// Where saving stands: the one place that says whether the follow-ups are saved.
    pub save: SaveStatus,
    /// The past day shown (`--as-of`), read-only.
    pub as_of: Option<time::Date>,
}

impl Followups {
    /// The follow-up of `reference`, if it is marked.
    pub fn get(&self, reference: &str) -> Option<&Followup> {
        self.file.followups.get(reference).filter(|f| f.is_active())
    }

    /// The record of `reference` even when removed (for its history).
    pub fn record(&self, reference: &str) -> Option<&Followup> {
        self.file.followups.get(reference)
    }

    /// Every marked follow-up, sorted by reference.
    pub fn all(&self) -> impl Iterator<Item = (&str, &Followup)> {
        self.file.active()
    }

    pub fn is_empty(&self) -> bool {
        self.all().next().is_none()
    }

    /// Why changes are refused, when the file cannot be used.
    pub fn read_only(&self) -> Option<&Problem> {
        match &self.save {
            SaveStatus::ReadOnly(problem) => Some(problem),
            _ => None,
        }
    }
}

/// Where saving stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing saved in this session yet, and nothing waiting.
    Idle,
    /// The last change is in the file; `warning` when the folder could not be synced.
    Saved { warning: Option<String> },
    /// Another session or program holds the lock: the changes wait in memory and the save
    /// is retried shortly. `holder` (who holds it) once the wait has lasted long enough to
    /// be worth a word; `None` before.
    Waiting { holder: Option<String> },
    /// Changes are only in memory, and why.
    NotSaved(String),
    /// The file cannot be used: nothing is saved and changes are refused.
    ReadOnly(Problem),
}

/// Changes the app asks the loop to make to the follow-ups and save: one undo step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub changes: Vec<Change>,
    pub step: Step,
}

/// What a request is, so that the app knows what to do with the changes made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A new change (goes on the undo stack).
    New,
    /// `Space`: a new change, then the cursor moves down.
    NewThenDown,
    /// Takes back an undo step (goes on the redo stack).
    Undo,
    /// Makes an undone step again (goes back on the undo stack).
    Redo,
    /// Changes the last session could not save, made again; each on its own, and one that
    /// no longer applies is skipped.
    Restore,
}

/// What the loop did, told to the app together with the follow-ups it led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The follow-ups are as the file now holds them: another session saved, the file
    /// became unusable or usable again, or a save retried before quitting went through.
    Reloaded,
    /// A request was carried out: the changes the store made (with `from` filled in), or
    /// why it refused them (then nothing changed).
    Applied {
        step: Step,
        made: Result<Vec<Change>, String>,
    },
    /// A save was tried before quitting and failed: the user decides.
    QuitBlocked,
}
