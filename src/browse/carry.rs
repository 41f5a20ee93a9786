//! The loop's side of the follow-ups: the store it owns, the app's change requests carried
//! out on it and saved, re-reads when another session saved, and the one call that tells
//! the app the outcome with a snapshot of the follow-ups.

use super::hangup::keeper;
use crate::app::{App, Followups, Outcome, Request, SaveStatus, Step};
use crate::followups::{Change, ChangeError, SaveError, Saved, Store, validate};

/// The follow-ups the app starts with: the file as opened.
pub fn opened(store: &Store) -> Followups {
    snapshot(store, &SaveStatus::Idle, None)
}

/// Makes the requested changes, saves them, and tells the app. The changes are kept for a
/// hang-up while the save may wait (for a lock), so that they are not lost then.
pub fn request(app: &mut App, store: &mut Store, request: Request) {
    let made = apply(store, &request);
    // Nothing new to write when nothing changed: a failed save is retried at a change.
    let saved = matches!(&made, Ok(made) if !made.is_empty()).then(|| {
        keeper().keep(app, store);
        store.save()
    });
    let followups = snapshot(store, &app.followups().save, saved);
    let outcome = Outcome::Applied {
        step: request.step,
        made,
    };
    app.followups_replaced(followups, outcome);
    keeper().keep(app, store);
}

/// Before quitting: one more try at saving what could not be saved. `true` when nothing is
/// left unsaved; otherwise the app asks the user.
pub fn save_before_quit(app: &mut App, store: &mut Store) -> bool {
    if store.unsaved() == 0 {
        return true;
    }
    keeper().keep(app, store);
    let saved = store.save();
    let followups = snapshot(store, &app.followups().save, Some(saved));
    let done = store.unsaved() == 0;
    let outcome = if done {
        Outcome::Reloaded
    } else {
        Outcome::QuitBlocked
    };
    app.followups_replaced(followups, outcome);
    keeper().keep(app, store);
    done
}

/// After the loop: a last try at saving what could not be saved. The app is told what is
/// still unsaved (the session file keeps it); the error, if the try failed.
pub fn save_at_exit(app: &mut App, store: &mut Store) -> Option<SaveError> {
    if store.unsaved() == 0 {
        return None;
    }
    keeper().keep(app, store);
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

/// Applies a request's changes in order, a step whole or not at all: its values are checked
/// before any is made, and a change refused half-way takes back those made before it.
/// Remembered changes are each on their own.
fn apply(store: &mut Store, request: &Request) -> Result<Vec<Change>, String> {
    if request.step != Step::Restore {
        if let Some(problem) = store.read_only() {
            return Err(ChangeError::ReadOnly(problem.to_string()).to_string());
        }
        if let Some(e) = request.changes.iter().find_map(|c| validate(c).err()) {
            return Err(e.to_string());
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::followups::{Change, Field};

    fn app_and_store(folder: &std::path::Path) -> (App, Store) {
        let store = Store::open(&folder.join("followups.json"));
        let app = App::new(
            crate::bundled::library(),
            time::macros::date!(2025 - 01 - 10),
            opened(&store),
        );
        (app, store)
    }

    #[test]
    fn a_step_with_a_bad_value_changes_and_saves_nothing() {
        let folder = tempfile::tempdir().unwrap();
        let (mut app, mut store) = app_and_store(folder.path());
        let reference = "ba-43-2024:1.1";
        let status = Some("open".to_string());
        let request = Request {
            changes: vec![
                Change::set(reference, Field::Status, status),
                Change::set(reference, Field::Due, Some("2025-02-30".to_string())),
            ],
            step: Step::New,
        };
        super::request(&mut app, &mut store, request);
        assert_eq!(store.unsaved(), 0, "nothing left to save");
        assert!(
            store.get(reference).is_none(),
            "not even the mark before it"
        );
        assert!(app.followups().get(reference).is_none());
        assert!(app.message.as_deref().unwrap().contains("invalid date"));
        assert_eq!(app.followups().save, SaveStatus::Idle, "nothing was saved");
        assert!(!folder.path().join("followups.json").exists());
    }

    #[test]
    fn the_app_sees_what_another_session_saved_and_where_saving_stands() {
        let folder = tempfile::tempdir().unwrap();
        let (mut app, mut store) = app_and_store(folder.path());
        let reference = "ba-43-2024:1.1";
        let request = Request {
            changes: vec![Change::set(reference, Field::Status, Some("open".into()))],
            step: Step::New,
        };
        super::request(&mut app, &mut store, request);
        assert!(matches!(app.followups().save, SaveStatus::Saved { .. }));

        let mut theirs = Store::open(&folder.path().join("followups.json"));
        theirs.set_owner(reference, Some("Carol")).unwrap();
        theirs.save().unwrap();
        assert!(refresh(&mut app, &mut store), "the screen must show it");
        let record = app.followups().get(reference).unwrap();
        assert_eq!(record.owner.as_deref(), Some("Carol"));
        assert!(matches!(app.followups().save, SaveStatus::Saved { .. }));
        assert!(
            !refresh(&mut app, &mut store),
            "nothing new: nothing to draw"
        );
    }
}
