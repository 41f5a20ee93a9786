//! The loop's side of the follow-ups: the store it owns, the app's change requests carried
//! out on it and saved, re-reads when another session saved, and the one call that tells
//! the app the outcome with a snapshot of the follow-ups.
//!
//! Saves never block the loop: a lock another session or program holds starts a wait,
//! during which the loop keeps answering keys and retries the save when [`Saving::next_try`]
//! comes (the loop's own receive times out then: no timer while nothing waits).

use std::time::{Duration, Instant};

use super::hangup::keeper;
use crate::storage::followups::{Change, ChangeError, SaveError, Saved, Store, validate};
use crate::tui::app::{App, Followups, Outcome, Request, SaveStatus, Step};

/// How a save that finds the lock taken waits for it.
#[derive(Debug, Clone, Copy)]
pub struct LockWait {
    /// Between two tries.
    pub retry: Duration,
    /// From when the status bar names the holder.
    pub tell: Duration,
    /// When to give up: the changes stay `NOT SAVED`, retried at the next change and at exit.
    pub limit: Duration,
}

impl Default for LockWait {
    fn default() -> LockWait {
        LockWait {
            retry: Duration::from_millis(150),
            tell: Duration::from_millis(500),
            limit: crate::storage::followups::LOCK_WAIT,
        }
    }
}

/// Where a save waiting for a lock stands; nothing when no save waits.
#[derive(Debug, Default)]
pub struct Saving {
    wait: LockWait,
    /// When the wait began, and when to try next.
    waiting: Option<(Instant, Instant)>,
}

impl Saving {
    pub fn new(wait: LockWait) -> Saving {
        Saving {
            wait,
            waiting: None,
        }
    }

    /// When the loop should retry the save; `None` when no save waits.
    pub fn next_try(&self) -> Option<Instant> {
        self.waiting.map(|(_, next)| next)
    }

    /// One try at saving the pending changes, never waiting. A lock held by another starts
    /// a wait (or goes on with it: changes made meanwhile join it) until the limit; what the
    /// status bar says then.
    fn attempt(&mut self, store: &mut Store) -> SaveStatus {
        let result = store.try_save();
        let now = Instant::now();
        let holder = match &result {
            Err(SaveError::Locked { holder, .. }) => holder.to_string(),
            _ => {
                self.waiting = None;
                return status_of(result);
            }
        };
        let since = self.waiting.map_or(now, |(since, _)| since);
        let waited = now.duration_since(since);
        if waited >= self.wait.limit {
            self.waiting = None;
            return status_of(result);
        }
        // The next try, or the moment to name the holder or to give up if sooner.
        let mut next = (now + self.wait.retry).min(since + self.wait.limit);
        if waited < self.wait.tell {
            next = next.min(since + self.wait.tell);
        }
        self.waiting = Some((since, next));
        SaveStatus::Waiting {
            holder: (waited >= self.wait.tell).then_some(holder),
        }
    }
}

/// The follow-ups the app starts with: the file as opened.
pub fn opened(store: &Store) -> Followups {
    snapshot(store, &SaveStatus::Idle, None)
}

/// Makes the requested changes, tries to save them, and tells the app. A save that finds
/// the lock taken leaves them pending and waiting (see [`Saving`]); they are kept for a
/// hang-up meanwhile, so that they are not lost then.
pub fn request(app: &mut App, store: &mut Store, saving: &mut Saving, request: Request) {
    let made = apply(store, &request);
    // Nothing new to write when nothing changed: a failed save is retried at a change.
    let saved = matches!(&made, Ok(made) if !made.is_empty()).then(|| saving.attempt(store));
    let followups = snapshot(store, &app.followups().save, saved);
    let outcome = Outcome::Applied {
        step: request.step,
        made,
    };
    app.followups_replaced(followups, outcome);
    keeper().keep(app, store);
}

/// The loop's retry of a waiting save, when [`Saving::next_try`] has come (nothing
/// otherwise); says whether the screen may have changed.
pub fn retry(app: &mut App, store: &mut Store, saving: &mut Saving) -> bool {
    match saving.next_try() {
        Some(at) if at <= Instant::now() => {}
        _ => return false,
    }
    let status = saving.attempt(store);
    // A save re-reads the file under the lock: what others saved shows too.
    let followups = snapshot(store, &app.followups().save, Some(status));
    app.followups_replaced(followups, Outcome::Reloaded);
    keeper().keep(app, store);
    true
}

/// Before quitting: one more try at saving what could not be saved, without waiting.
/// `true` when nothing is left unsaved; otherwise the app asks the user (a wait for the lock
/// goes on meanwhile).
pub fn save_before_quit(app: &mut App, store: &mut Store, saving: &mut Saving) -> bool {
    if store.unsaved() == 0 {
        return true;
    }
    keeper().keep(app, store);
    let status = saving.attempt(store);
    let followups = snapshot(store, &app.followups().save, Some(status));
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

/// After the loop: a last try at saving what could not be saved, without waiting for a
/// lock someone else holds: quitting never waits (the user was asked, and the session file
/// keeps what is unsaved, made again at the next start). The app is told what is still
/// unsaved; the error, if the try failed.
pub fn save_at_exit(app: &mut App, store: &mut Store) -> Option<SaveError> {
    if store.unsaved() == 0 {
        return None;
    }
    keeper().keep(app, store);
    let error = store.try_save().err();
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

/// What the status bar says after a save was tried.
fn status_of(saved: Result<Saved, SaveError>) -> SaveStatus {
    match saved {
        Ok(saved) => SaveStatus::Saved {
            warning: saved.warning,
        },
        // The banner already says NOT SAVED; the error's own "not saved" would repeat it.
        Err(e) => {
            let reason = e.to_string();
            let reason = reason.strip_suffix(": not saved").unwrap_or(&reason);
            SaveStatus::NotSaved(reason.to_string())
        }
    }
}

/// The follow-ups as the store holds them now, with where saving stands: `tried` when a
/// save was tried, else what was said before.
fn snapshot(store: &Store, previous: &SaveStatus, tried: Option<SaveStatus>) -> Followups {
    let save = match (store.read_only(), tried) {
        (Some(problem), _) => SaveStatus::ReadOnly(problem.clone()),
        (None, Some(status)) => status,
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
        as_of: store.as_of_day(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::followups::{Change, Field};

    fn app_and_store(folder: &std::path::Path) -> (App, Store) {
        let store = Store::open(&folder.join("followups.json"));
        let app = App::new(
            crate::storage::bundled::library(),
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
        super::request(&mut app, &mut store, &mut Saving::default(), request);
        assert_eq!(store.unsaved(), 0, "nothing left to save");
        assert!(
            store.get(reference).is_none(),
            "not even the mark before it"
        );
        assert!(app.followups().get(reference).is_none());
        assert!(app.message().unwrap().contains("invalid date"));
        assert_eq!(app.followups().save, SaveStatus::Idle, "nothing was saved");
        assert!(!folder.path().join("followups.json").exists());
    }

    /// Holds the follow-ups lock as another program would (`flock`), until dropped.
    fn hold_lock(folder: &std::path::Path) -> std::fs::File {
        let lock = std::fs::File::create(folder.join("followups.json.lock")).unwrap();
        rustix::fs::flock(&lock, rustix::fs::FlockOperation::LockExclusive).unwrap();
        lock
    }

    /// Retries as the loop would, once the time has come.
    fn retry_when_due(app: &mut App, store: &mut Store, saving: &mut Saving) {
        let at = saving.next_try().expect("a save waits");
        std::thread::sleep(at.saturating_duration_since(Instant::now()));
        assert!(retry(app, store, saving));
    }

    #[test]
    fn a_save_that_finds_the_lock_taken_waits_without_blocking_then_saves_or_gives_up() {
        let folder = tempfile::tempdir().unwrap();
        let (mut app, mut store) = app_and_store(folder.path());
        let mut saving = Saving::new(LockWait {
            retry: Duration::from_millis(10),
            tell: Duration::from_millis(50),
            limit: Duration::from_millis(400),
        });
        let mark = |reference: &str| Request {
            changes: vec![Change::set(reference, Field::Status, Some("open".into()))],
            step: Step::New,
        };
        let held = hold_lock(folder.path());
        let asked = Instant::now();
        super::request(&mut app, &mut store, &mut saving, mark("ba-43-2024:1.1"));
        // Generous: a blocking save would take the whole limit or more.
        assert!(asked.elapsed() < Duration::from_secs(5), "returns at once");
        assert_eq!(app.followups().save, SaveStatus::Waiting { holder: None });
        assert_eq!(store.unsaved(), 1);
        assert!(app.followups().get("ba-43-2024:1.1").is_some(), "shown");
        assert!(!retry(&mut app, &mut store, &mut saving) || saving.next_try().is_some());

        // Past `tell`, the holder is named (this process, which holds the lock).
        while !matches!(
            app.followups().save,
            SaveStatus::Waiting { holder: Some(_) }
        ) {
            retry_when_due(&mut app, &mut store, &mut saving);
        }
        let SaveStatus::Waiting {
            holder: Some(holder),
        } = &app.followups().save
        else {
            unreachable!()
        };
        assert!(
            holder.contains(&format!("pid {}", std::process::id())),
            "{holder}"
        );
        // A change made meanwhile joins the waiting ones.
        super::request(&mut app, &mut store, &mut saving, mark("ba-43-2024:1.2"));
        assert!(matches!(app.followups().save, SaveStatus::Waiting { .. }));
        assert_eq!(store.unsaved(), 2);

        drop(held);
        retry_when_due(&mut app, &mut store, &mut saving);
        assert!(matches!(app.followups().save, SaveStatus::Saved { .. }));
        assert_eq!(store.unsaved(), 0);
        assert_eq!(saving.next_try(), None, "no wake while nothing waits");
        let text = std::fs::read_to_string(folder.path().join("followups.json")).unwrap();
        assert!(text.contains("ba-43-2024:1.1") && text.contains("ba-43-2024:1.2"));

        // Held past the limit: NOT SAVED, the holder named, the change kept for later.
        let held = hold_lock(folder.path());
        super::request(&mut app, &mut store, &mut saving, mark("ba-43-2024:1.3"));
        while saving.next_try().is_some() {
            retry_when_due(&mut app, &mut store, &mut saving);
        }
        let SaveStatus::NotSaved(reason) = &app.followups().save else {
            panic!("{:?}", app.followups().save);
        };
        assert!(reason.contains("is locked by"), "{reason}");
        assert!(
            reason.contains(&format!("pid {}", std::process::id())),
            "{reason}"
        );
        assert_eq!(store.unsaved(), 1, "kept");

        // Quitting asks rather than waits while the lock is held.
        let asked = Instant::now();
        assert!(!save_before_quit(&mut app, &mut store, &mut saving));
        assert!(asked.elapsed() < Duration::from_secs(5));
        drop(held);
        assert!(save_before_quit(&mut app, &mut store, &mut saving));
        assert_eq!(store.unsaved(), 0);
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
        super::request(&mut app, &mut store, &mut Saving::default(), request);
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
