//! The loop's side of the follow-ups: the store it owns, the app's change requests carried
//! out on it and saved, re-reads when another session saved, and the one call that tells
//! the app the outcome with a snapshot of the follow-ups.

use crate::app::{App, Followups, Outcome, Request, SaveStatus, Step};
use crate::followups::{Change, SaveError, Saved, Store};

/// The follow-ups the app starts with: the file as opened.
pub fn opened(store: &Store) -> Followups {
    snapshot(store, &SaveStatus::Idle, None)
}

/// Makes the requested changes, saves them, and tells the app.
pub fn request(app: &mut App, store: &mut Store, request: Request) {
    let made = apply(store, &request);
    // Nothing new to write when nothing changed: a failed save is retried at a change.
    let saved = matches!(&made, Ok(made) if !made.is_empty()).then(|| store.save());
    let followups = snapshot(store, &app.followups().save, saved);
    let outcome = Outcome::Applied {
        step: request.step,
        made,
    };
    app.followups_replaced(followups, outcome);
}

/// Before quitting: one more try at saving what could not be saved. `true` when nothing is
/// left unsaved; otherwise the app asks the user.
pub fn save_before_quit(app: &mut App, store: &mut Store) -> bool {
    if store.unsaved() == 0 {
        return true;
    }
    let saved = store.save();
    let followups = snapshot(store, &app.followups().save, Some(saved));
    let done = store.unsaved() == 0;
    let outcome = if done {
        Outcome::Reloaded
    } else {
        Outcome::QuitBlocked
    };
    app.followups_replaced(followups, outcome);
    done
}

/// After the loop: a last try at saving what could not be saved. The app is told what is
/// still unsaved (the session file keeps it); the error, if the try failed.
pub fn save_at_exit(app: &mut App, store: &mut Store) -> Option<SaveError> {
    if store.unsaved() == 0 {
        return None;
    }
    let error = store.save().err();
    let followups = snapshot(store, &app.followups().save, None);
    app.followups_replaced(followups, Outcome::Reloaded);
    error
}

/// Re-reads the follow-ups file if another session replaced it (a `stat` when it did not)
/// and tells the app; says whether anything the screen shows may have changed.
pub fn refresh(app: &mut App, store: &mut Store) -> bool {
    let was_read_only = store.read_only().is_some();
    let changed = match store.reload_if_changed() {
        Ok(changed) => changed || was_read_only,
        // The store is read-only now and says why; the banner shows it.
        Err(_) => !was_read_only,
    };
    if changed {
        let followups = snapshot(store, &app.followups().save, None);
        app.followups_replaced(followups, Outcome::Reloaded);
    }
    changed
}

/// Applies a request's changes in order. A refused change takes back those made before it,
/// so that a step happens whole or not at all; remembered changes are each on their own.
fn apply(store: &mut Store, request: &Request) -> Result<Vec<Change>, String> {
    let mut made = Vec::new();
    for change in &request.changes {
        match store.apply(change) {
            Ok(Some(change)) => made.push(change),
            Ok(None) => {}
            Err(_) if request.step == Step::Restore => {}
            Err(e) => {
                for change in made.iter().rev() {
                    // Undoing what was just made to the same records cannot be refused.
                    let _ = store.apply(&change.inverse());
                }
                return Err(e.to_string());
            }
        }
    }
    Ok(made)
}

/// The follow-ups as the store holds them now, with where saving stands: what `saved` says
/// when a save was tried, else what was said before.
fn snapshot(
    store: &Store,
    previous: &SaveStatus,
    saved: Option<Result<Saved, SaveError>>,
) -> Followups {
    let save = match (store.read_only(), saved) {
        (Some(problem), _) => SaveStatus::ReadOnly(problem.clone()),
        (None, Some(Ok(saved))) => SaveStatus::Saved {
            warning: saved.warning,
        },
        // The banner already says NOT SAVED; the error's own "not saved" would repeat it.
        (None, Some(Err(e))) => {
            let reason = e.to_string();
            let reason = reason.strip_suffix(": not saved").unwrap_or(&reason);
            SaveStatus::NotSaved(reason.to_string())
        }
        // A warning was said once; a file that is usable again has nothing saved yet.
        (None, None) => match previous {
            SaveStatus::Saved { .. } => SaveStatus::Saved { warning: None },
            SaveStatus::ReadOnly(_) => SaveStatus::Idle,
            other => other.clone(),
        },
    };
    Followups {
        file: store.file().clone(),
        path: store.path().to_path_buf(),
        unsaved: store.pending_changes(),
        save,
    }
}
