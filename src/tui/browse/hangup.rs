//! The last resort when the terminal is gone (or the process is told to end) while the loop
//! cannot answer, e.g. because a save waits for a lock another user holds: after a short
//! grace the thread that saw it writes the session file as last kept, gives the terminal
//! back and ends the process. It owns the kept session bytes; the loop keeps them current.

use std::path::PathBuf;
use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use crate::storage::followups::Store;
use crate::storage::session::UnsavedEdit;
use crate::tui::app::App;

/// How long the loop has to end by itself. Short enough that a reso whose terminal is gone
/// is gone within a second; long enough for the loop's own, complete, exit path.
pub const GRACE: Duration = Duration::from_millis(500);

/// The session file as the loop would write it now. Shared by the loop (which keeps it
/// current) and the threads that see a hang-up or a signal to end.
#[derive(Default)]
pub struct Keeper(Mutex<Kept>);

/// The process's keeper: like the signals it answers, it is one per process. Keeps nothing
/// until [`Keeper::set_path`] (as in tests of the loop's helpers).
pub fn keeper() -> &'static Keeper {
    static KEEPER: LazyLock<Keeper> = LazyLock::new(Keeper::default);
    &KEEPER
}

#[derive(Default)]
struct Kept {
    /// Where the session file goes; `None` without a state folder (nothing can be kept).
    path: Option<PathBuf>,
    bytes: Option<Vec<u8>>,
    /// How many follow-up changes the kept session holds that are not in the follow-ups
    /// file, and that file: what is lost if the session file cannot be written.
    unsaved: usize,
    unsaved_file: Option<String>,
    /// The loop wrote the session file itself: the process ends normally, nothing to do.
    finished: bool,
}

impl Keeper {
    /// Where the session file goes; `None` (no state folder) keeps nothing.
    pub fn set_path(&self, path: Option<PathBuf>) {
        self.lock().path = path;
    }

    /// Keeps the session as it stands, with the follow-up changes the store holds and has not
    /// saved yet: called before anything that may block (a save, a re-read), so that a
    /// change not yet shown as saved survives an end in the middle of it.
    pub fn keep(&self, app: &App, store: &Store) {
        let mut kept = self.lock();
        if kept.finished {
            return;
        }
        kept.unsaved = store.unsaved();
        kept.unsaved_file = Some(store.path().display().to_string());
        if kept.path.is_none() {
            return;
        }
        let mut state = app.session_state();
        let pending = store.pending_changes();
        state.unsaved = pending
            .iter()
            .flat_map(|change| {
                change.edits.iter().map(|edit| UnsavedEdit {
                    reference: change.reference.clone(),
                    field: edit.field,
                    to: edit.to.clone(),
                })
            })
            .collect();
        state.unsaved_file = (!pending.is_empty()).then(|| store.path().display().to_string());
        kept.bytes = Some(crate::storage::session::encode(app.library(), &state));
    }

    /// Runs the loop's own last writes (the session file); a hang-up that gives up after
    /// this leaves them alone and lets the process end by itself.
    pub fn finish<T>(&self, last_writes: impl FnOnce() -> T) -> T {
        let mut kept = self.lock();
        let result = last_writes();
        kept.finished = true;
        result
    }

    /// Called by the thread that saw the hang-up or the signal, after waking the loop: waits
    /// [`GRACE`], then, unless the loop finished by itself, writes what was kept, gives the
    /// terminal back and ends the process with `status`. Never returns in that case.
    pub fn end_unless_finished(&self, status: i32) {
        std::thread::sleep(GRACE);
        // Held until the end: the loop cannot start its own last writes meanwhile.
        let kept = self.lock();
        if kept.finished {
            return;
        }
        let written = match (&kept.path, &kept.bytes) {
            (Some(path), Some(bytes)) => crate::storage::session::write(path, bytes)
                .map_err(|e| format!("could not be kept in {}: {e:#}", path.display())),
            (Some(_), None) => Err("could not be encoded to be kept".to_string()),
            (None, _) => Err("could not be kept: no state folder".to_string()),
        };
        if let (Err(why), 1..) = (written, kept.unsaved) {
            // The loop is stuck and the terminal may be gone: the system log is the one
            // place sure to keep the loss known; stderr too, for a redirected one.
            let message = format!(
                "{} follow-up change(s) to {} LOST at the end: {why}",
                kept.unsaved,
                kept.unsaved_file
                    .as_deref()
                    .unwrap_or("the follow-ups file")
            );
            crate::platform::syslog::warn(&message);
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                format!("reso: {message}\n").as_bytes(),
            );
        }
        crate::tui::term::restore();
        // Not `process::exit`: it runs exit handlers and flushes stdout, whose lock the
        // stuck loop may hold. The lock on the follow-ups file is released by the kernel.
        // SAFETY: `_exit` ends the process at once; nothing runs after it.
        unsafe { libc::_exit(status) }
    }

    fn lock(&self) -> MutexGuard<'_, Kept> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::followups::{Change, Field};

    #[test]
    fn keeps_the_changes_the_store_has_not_saved_and_stops_after_finish() {
        let folder = tempfile::tempdir().unwrap();
        let session = folder.path().join("state/session.json");
        let mut store = Store::open(&folder.path().join("followups.json"));
        let app = App::new(
            crate::storage::bundled::library(),
            time::macros::date!(2025 - 01 - 10),
            crate::tui::browse::carry::opened(&store),
        );
        let keeper = Keeper::default();
        keeper.set_path(Some(session.clone()));
        let change = Change::set("ba-43-2024:1.1", Field::Status, Some("open".into()));
        store.apply(&change).unwrap();
        // The app has not been told yet: the store is what counts.
        keeper.keep(&app, &store);
        let bytes = keeper.lock().bytes.clone().expect("kept");
        crate::storage::session::write(&session, &bytes).unwrap();
        let state = crate::storage::session::load(&session, app.library())
            .unwrap()
            .unwrap();
        assert_eq!(state.unsaved.len(), 1);
        assert_eq!(state.unsaved[0].reference, "ba-43-2024:1.1");
        assert_eq!(state.unsaved[0].to.as_deref(), Some("open"));
        assert_eq!(state.unsaved_file, Some(store.path().display().to_string()));

        keeper.finish(|| ());
        // After the loop's own last writes a hang-up neither writes nor ends the process.
        std::fs::remove_file(&session).unwrap();
        keeper.end_unless_finished(129);
        assert!(!session.exists());
    }
}
