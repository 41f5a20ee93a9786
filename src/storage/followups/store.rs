//! The store the browser owns: the follow-ups as this session sees them (the file as last
//! read, plus changes not saved yet), the change API, reload and the save protocol. Never
//! decides when to save or reload; the event loop does.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::disk::{self, FileStamp, Location, Lock, LockGuard, LockHolder, NotWritable};
use crate::platform::atomic::{self, Existing, Permissions};
use crate::storage::load::Problem;
use reso_core::followups::{Change, ChangeError, Edit};
use reso_core::followups::{
    Field, Followup, FollowupsFile, Pending, Status, Timestamp, apply_pending, text_sha256,
};

/// Why a save did not happen. The changes stay in memory; the next save retries them. The
/// system's error is part of the message, not a source of it, so that it is said once.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file on disk does not parse, is of a newer version or is not a regular file: the
    /// store is read-only and never overwrites it.
    #[error("{0} (read-only, not saved)")]
    Refused(Problem),
    /// The file exists and has no write permission.
    #[error("{} is read-only: not saved", .path.display())]
    ReadOnlyFile { path: PathBuf },
    /// The folder cannot be written (permissions, read-only file system).
    #[error("cannot write in {}: {error}: not saved", .dir.display())]
    FolderNotWritable { dir: PathBuf, error: io::Error },
    /// No space (or quota) left on the device.
    #[error("disk full writing {}: not saved", .path.display())]
    DiskFull { path: PathBuf },
    /// Another session or program holds the lock on the file (see [`Store::save_within`]).
    #[error("{} is locked by {holder}: not saved", .path.display())]
    Locked { path: PathBuf, holder: LockHolder },
    /// The lock file next to the file cannot be opened, created or taken over (another
    /// user's, in a folder or of a mode that keeps us out).
    #[error("cannot use the lock file {}: {error}: not saved", .lock.display())]
    Lock { lock: PathBuf, error: io::Error },
    /// A change made under the lock ([`Store::save_with`]) was refused; nothing was written.
    #[error("{0}")]
    Change(ChangeError),
    /// Anything else the file system reported.
    #[error("cannot save {}: {error}: not saved", .path.display())]
    Io { path: PathBuf, error: io::Error },
    /// The file would be larger than reso reads back: written, it would open read-only.
    #[error(
        "{} would be {} MiB, more than the {} MiB reso reads: not saved",
        .path.display(),
        .bytes / 1024 / 1024,
        crate::platform::textfile::MAX_FILE_BYTES / 1024 / 1024
    )]
    TooLarge { path: PathBuf, bytes: u64 },
}

/// A completed save.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Saved {
    /// How many changes of ours went into the file (0: nothing was pending).
    pub changes: usize,
    /// Stale temp files of killed writers removed on the way.
    pub swept: usize,
    /// The file is in place but the folder could not be synced; shown, not fatal.
    pub warning: Option<String>,
}

/// Follow-up records that need the user's attention after loading resolutions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextReport {
    /// Marked references whose commitment is not in the loaded resolutions.
    pub orphaned: Vec<String>,
    /// Marked references whose commitment text no longer has the hash recorded at marking.
    pub text_changed: Vec<String>,
}

/// A change [`Store::save_with`] makes under the lock.
type UnderLock<'a> = Box<dyn FnOnce(&mut Store) -> Result<(), ChangeError> + 'a>;

/// How many times a save starts again when what it locked was replaced under it.
const ATTEMPTS: usize = 10;

/// How long [`Store::save`] waits for another session's lock before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// The follow-ups of one file, as this session sees them.
pub struct Store {
    /// The path as given (used in messages).
    path: PathBuf,
    /// The real path the kernel resolved the path to: what is read, locked next to and
    /// replaced (kept for the watcher and messages; the work is done relative to its folder).
    real: PathBuf,
    /// The file as last read or written, with `pending` laid over it: what the browser
    /// shows. (The file alone is not kept: the next read replaces it anyway.)
    view: FollowupsFile,
    pending: Vec<Pending>,
    stamp: Option<FileStamp>,
    refused: Option<Problem>,
    /// The day whose end the view shows, rebuilt from the history: read-only, never reloaded.
    as_of: Option<time::Date>,
    by: String,
    clock: fn() -> Timestamp,
}

impl Store {
    /// Opens the follow-ups file at `path`. A missing file is an empty store (created at the
    /// first save). A file that cannot be used opens read-only: see [`Store::read_only`].
    pub fn open(path: &Path) -> Store {
        let name = path.display().to_string();
        let mut store = Store {
            path: path.to_path_buf(),
            real: path.to_path_buf(),
            view: FollowupsFile::default(),
            pending: Vec::new(),
            stamp: None,
            refused: None,
            as_of: None,
            by: super::login_name(),
            clock: Timestamp::now,
        };
        let location = match disk::locate(path, false) {
            Ok(location) => location,
            // No folder yet: an empty store, created at the first save.
            Err(e) if e.kind() == io::ErrorKind::NotFound => return store,
            Err(e) => {
                store.refused = Some(Problem::whole_file(&name, format!("cannot read: {e}")));
                return store;
            }
        };
        store.real = location.real.clone();
        match disk::read_at(&location, &name) {
            Ok(Some((file, stamp))) => {
                store.view = file;
                store.stamp = Some(stamp);
            }
            Ok(None) => {}
            Err(problem) => {
                store.stamp = disk::stamp(&location);
                store.refused = Some(problem);
            }
        }
        store
    }

    /// The follow-ups as they stood at the end of `day`, rebuilt from their history by the
    /// one replay (`followups::as_of`): read-only (the past is not changed) and never
    /// reloaded. A file that cannot be read stays refused for its own reason.
    pub fn as_of(mut self, day: time::Date) -> Store {
        self.view = crate::followups::as_of(&self.view, crate::followups::end_of_day(day));
        self.pending.clear();
        self.as_of = Some(day);
        if self.refused.is_none() {
            let name = self.path.display().to_string();
            self.refused = Some(Problem::whole_file(
                &name,
                format!("as of {day}: the follow-ups as they stood at the end of that day"),
            ));
        }
        self
    }

    /// The day the view shows, when it is a past day's.
    pub fn as_of_day(&self) -> Option<time::Date> {
        self.as_of
    }

    /// Records changes under another login name (tests, scripts).
    pub fn with_author(mut self, by: &str) -> Store {
        self.by = by.to_string();
        self
    }

    /// Replaces the clock (tests).
    pub fn with_clock(mut self, clock: fn() -> Timestamp) -> Store {
        self.clock = clock;
        self
    }

    /// The path as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file actually read and replaced, as the kernel resolved the path.
    pub fn real_path(&self) -> &Path {
        &self.real
    }

    /// The login name recorded as `by` in history.
    pub fn author(&self) -> &str {
        &self.by
    }

    /// Why the store is read-only (`FILE:LINE:COLUMN: message`), if it is.
    pub fn read_only(&self) -> Option<&Problem> {
        self.refused.as_ref()
    }

    /// The follow-up of `reference`, if it is marked.
    pub fn get(&self, reference: &str) -> Option<&Followup> {
        self.view.followups.get(reference).filter(|f| f.is_active())
    }

    /// The record of `reference` even when removed (for its history).
    pub fn record(&self, reference: &str) -> Option<&Followup> {
        self.view.followups.get(reference)
    }

    /// Every marked follow-up, sorted by reference.
    pub fn all(&self) -> impl Iterator<Item = (&str, &Followup)> {
        self.view.active()
    }

    /// How many follow-ups are marked.
    pub fn len(&self) -> usize {
        self.all().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The whole file as this session sees it, removed records included.
    pub fn file(&self) -> &FollowupsFile {
        &self.view
    }

    /// The changes not in the file yet, in the order they were made (to keep them somewhere
    /// else when the file cannot be written).
    pub fn pending_changes(&self) -> Vec<Change> {
        self.pending
            .iter()
            .map(|p| Change {
                reference: p.reference.clone(),
                edits: p.edits.clone(),
            })
            .collect()
    }

    /// How many changes are not in the file yet.
    pub fn unsaved(&self) -> usize {
        self.pending.len()
    }

    /// Applies `change` (its `to` values; `from` values are ignored and filled in from the
    /// current record). Returns the change actually made, for the undo stack (`None` when
    /// nothing changed). Undo is `apply(&made.inverse())`, redo `apply(&made)`.
    pub fn apply(&mut self, change: &Change) -> Result<Option<Change>, ChangeError> {
        if let Some(problem) = &self.refused {
            return Err(ChangeError::ReadOnly(problem.to_string()));
        }
        let change = reso_core::followups::validate(change)?;
        let mut current = self
            .view
            .followups
            .get(&change.reference)
            .cloned()
            .unwrap_or_else(|| Followup::new((self.clock)()));
        let mut edits = Vec::new();
        for edit in change.edits {
            let from = current.value(edit.field);
            if from != edit.to {
                current.set_value(edit.field, edit.to.clone());
                edits.push(Edit {
                    field: edit.field,
                    from,
                    to: edit.to,
                });
            }
        }
        if edits.is_empty() {
            return Ok(None);
        }
        // Never stamp a change earlier than what this session has seen of the record or
        // its own last change: the user acted after seeing it, so theirs must be "later"
        // even if another host's clock runs ahead.
        let seen = self
            .view
            .followups
            .get(&change.reference)
            .map(|r| r.updated);
        let at = [
            Some((self.clock)()),
            seen,
            self.pending.last().map(|p| p.at),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or_else(Timestamp::now);
        let pending = Pending {
            reference: change.reference.clone(),
            at,
            by: self.by.clone(),
            edits: edits.clone(),
        };
        apply_pending(&mut self.view, &pending);
        self.pending.push(pending);
        Ok(Some(Change {
            reference: change.reference,
            edits,
        }))
    }

    /// Marks `reference` (status `open`), remembering the hash of its commitment `text`.
    /// `None` if it is already marked.
    pub fn mark(&mut self, reference: &str, text: &str) -> Result<Option<Change>, ChangeError> {
        if self.get(reference).is_some() {
            return Ok(None);
        }
        self.apply(&Change {
            reference: reference.to_string(),
            edits: vec![
                set(Field::Status, Some(Status::Open.as_str().to_string())),
                set(Field::TextSha256, Some(text_sha256(text))),
            ],
        })
    }

    /// Removes the follow-up of `reference`: status, note, owner and due are unset, the
    /// record and its history stay. `None` if it was not marked.
    pub fn unmark(&mut self, reference: &str) -> Result<Option<Change>, ChangeError> {
        if self.get(reference).is_none() {
            return Ok(None);
        }
        self.apply(&Change {
            reference: reference.to_string(),
            edits: [Field::Status, Field::Note, Field::Owner, Field::Due]
                .into_iter()
                .map(|f| set(f, None))
                .collect(),
        })
    }

    pub fn set_status(
        &mut self,
        reference: &str,
        status: Status,
    ) -> Result<Option<Change>, ChangeError> {
        self.set_field(reference, Field::Status, Some(status.as_str()))
    }

    /// `s` (`forward`) and `S`: the next or previous status.
    pub fn cycle_status(
        &mut self,
        reference: &str,
        forward: bool,
    ) -> Result<Option<Change>, ChangeError> {
        let status = self
            .get(reference)
            .and_then(|f| f.status)
            .ok_or_else(|| ChangeError::NotMarked(reference.to_string()))?;
        let next = if forward {
            status.next()
        } else {
            status.prev()
        };
        self.set_status(reference, next)
    }

    /// A blank note unsets it.
    pub fn set_note(
        &mut self,
        reference: &str,
        note: Option<&str>,
    ) -> Result<Option<Change>, ChangeError> {
        self.set_field(reference, Field::Note, note)
    }

    /// A blank owner unsets it.
    pub fn set_owner(
        &mut self,
        reference: &str,
        owner: Option<&str>,
    ) -> Result<Option<Change>, ChangeError> {
        self.set_field(reference, Field::Owner, owner)
    }

    /// `YYYY-MM-DD` (use [`super::parse_due`] for `+3d`); an invalid date changes nothing.
    pub fn set_due(
        &mut self,
        reference: &str,
        due: Option<&str>,
    ) -> Result<Option<Change>, ChangeError> {
        self.set_field(reference, Field::Due, due)
    }

    /// Confirms that the commitment's new `text` is fine: the "text changed" flag goes away.
    pub fn confirm_text(
        &mut self,
        reference: &str,
        text: &str,
    ) -> Result<Option<Change>, ChangeError> {
        self.set_field(reference, Field::TextSha256, Some(&text_sha256(text)))
    }

    fn set_field(
        &mut self,
        reference: &str,
        field: Field,
        to: Option<&str>,
    ) -> Result<Option<Change>, ChangeError> {
        if self.refused.is_none() && self.get(reference).is_none() {
            return Err(ChangeError::NotMarked(reference.to_string()));
        }
        self.apply(&Change::set(reference, field, to.map(str::to_string)))
    }

    /// Which marked follow-ups lost their commitment, and which have a changed text.
    pub fn text_report(&self, library: &crate::model::Library) -> TextReport {
        let mut report = TextReport::default();
        for (reference, record) in self.all() {
            match library.find(reference) {
                None => report.orphaned.push(reference.to_string()),
                Some(id) => {
                    if record.text_changed(library.text(id)) {
                        report.text_changed.push(reference.to_string());
                    }
                }
            }
        }
        report
    }

    /// Re-reads the file if another session replaced it since we last read or wrote it (a
    /// `stat`, nothing more, when it did not). `Ok(true)` when the view changed. A file that
    /// has become unusable makes the store read-only (`Err`); one that has been repaired
    /// lifts read-only.
    pub fn reload_if_changed(&mut self) -> Result<bool, Problem> {
        // A past day does not change.
        if self.as_of.is_some() {
            return Ok(false);
        }
        let name = self.path.display().to_string();
        // The path is resolved again: a link re-pointed while reso runs is followed to its
        // new target (whose stamp differs, so it is read).
        let location = match disk::locate(&self.path, false) {
            Ok(location) => Some(location),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => {
                let problem = Problem::whole_file(&name, format!("cannot read: {e}"));
                self.refused = Some(problem.clone());
                return Err(problem);
            }
        };
        if let Some(location) = &location {
            self.real = location.real.clone();
        }
        let current = location.as_ref().and_then(disk::stamp);
        if current == self.stamp && self.stamp.is_some() {
            return self.refused.clone().map_or(Ok(false), Err);
        }
        let found = match &location {
            Some(location) => disk::read_at(location, &name),
            None => Ok(None),
        };
        match found {
            Ok(found) => {
                let was_refused = self.refused.take().is_some();
                let (file, stamp) = match found {
                    Some((file, stamp)) => (file, Some(stamp)),
                    None => (FollowupsFile::default(), None),
                };
                // The file was replaced (or appeared, or vanished): show what it now holds.
                let changed = was_refused || stamp != self.stamp;
                self.stamp = stamp;
                self.view = with_pending(file, &self.pending);
                Ok(changed)
            }
            Err(problem) => {
                self.stamp = current;
                self.refused = Some(problem.clone());
                Err(problem)
            }
        }
    }

    /// Saves the pending changes ([`Store::try_save`]), waiting up to [`LOCK_WAIT`] for
    /// another session's lock.
    pub fn save(&mut self) -> Result<Saved, SaveError> {
        self.save_within(LOCK_WAIT)
    }

    /// Saves the pending changes, waiting at most `limit` for another session's or
    /// program's lock; then gives up with [`SaveError::Locked`], the changes still pending.
    pub fn save_within(&mut self, limit: Duration) -> Result<Saved, SaveError> {
        self.save_waiting(limit, None)
    }

    /// Makes a change under the lock, on the file as it is then, and saves it with the
    /// pending changes: for a change computed from the current value (`reso note --append`
    /// adds a line to the note as the file holds it, not as it was when the store opened, so
    /// that appends made by others meanwhile stay). Waits up to [`LOCK_WAIT`]. When `edit`
    /// refuses, nothing is written ([`SaveError::Change`]).
    pub fn save_with(
        &mut self,
        edit: impl FnOnce(&mut Store) -> Result<(), ChangeError>,
    ) -> Result<Saved, SaveError> {
        self.save_waiting(LOCK_WAIT, Some(Box::new(edit)))
    }

    /// Saves the pending changes by the protocol without waiting for the lock: when another
    /// session or program holds it, [`SaveError::Locked`] says who (if the system tells) and
    /// nothing else happens, so that an event loop can say so and try again.
    pub fn try_save(&mut self) -> Result<Saved, SaveError> {
        self.save_waiting(Duration::ZERO, None)
    }

    /// The save protocol: lock `FILE.lock` (waiting at most `limit`), re-read the file,
    /// merge ours into it, write a temp file, fsync, rename over, fsync the folder, unlock.
    /// On failure nothing on disk changed and the changes stay pending for the next save.
    fn save_waiting(
        &mut self,
        limit: Duration,
        mut edit: Option<UnderLock<'_>>,
    ) -> Result<Saved, SaveError> {
        if let Some(problem) = &self.refused {
            return Err(SaveError::Refused(problem.clone()));
        }
        if self.pending.is_empty() && edit.is_none() {
            return Ok(Saved::default());
        }
        let deadline = Instant::now() + limit;
        let dir = atomic::folder_of(&self.path).to_path_buf();
        // Started again when the lock file, the folder or a symlink on the way was replaced
        // meanwhile: a save goes to the file the path names, never to one it used to name.
        for _ in 0..ATTEMPTS {
            let location = disk::locate(&self.path, true)
                .map_err(|source| folder_error(&dir, &self.path, source))?;
            self.real = location.real.clone();
            let existing = location.folder.metadata(&location.name).ok().flatten();
            let permissions = disk::lock_permissions(existing.as_ref());
            let wait = deadline.saturating_duration_since(Instant::now());
            let lock = match disk::lock_within(&location, permissions, wait)
                .map_err(|source| lock_error(&location, &self.path, source))?
            {
                Lock::Taken(guard) => guard,
                Lock::Replaced => continue,
                Lock::Held(holder) => {
                    return Err(SaveError::Locked {
                        path: self.path.clone(),
                        holder,
                    });
                }
            };
            let still = location
                .is_still(&self.path)
                .map_err(|source| folder_error(&dir, &self.path, source))?;
            if !still {
                continue;
            }
            if let Some(saved) = self.save_locked(&location, &dir, &lock, edit.take())? {
                return Ok(saved);
            }
        }
        Err(SaveError::Io {
            path: self.path.clone(),
            error: io::Error::other("its folder or lock file keeps being replaced"),
        })
    }

    /// The save under the lock, after `edit` (if any) made its change on the file as read
    /// now; `None` when the lock file was replaced before the rename (the change made stays
    /// pending, and the save starts again).
    fn save_locked(
        &mut self,
        location: &Location,
        dir: &Path,
        lock: &LockGuard,
        edit: Option<UnderLock<'_>>,
    ) -> Result<Option<Saved>, SaveError> {
        // Re-read under the lock, unless the file is the very one we last read or wrote:
        // every save renames a new file into place, so an equal stamp means no one else
        // saved since.
        let on_disk = disk::stamp(location);
        if on_disk.is_none() || on_disk != self.stamp {
            let name = self.path.display().to_string();
            let (disk_file, stamp) = match disk::read_at(location, &name) {
                Ok(found) => found.unzip(),
                Err(problem) => {
                    self.refused = Some(problem.clone());
                    return Err(SaveError::Refused(problem));
                }
            };
            // What we show from now on includes what others saved, even if ours fails.
            self.view = with_pending(disk_file.unwrap_or_default(), &self.pending);
            self.stamp = stamp;
        }
        if let Some(edit) = edit {
            edit(self).map_err(SaveError::Change)?;
            if self.pending.is_empty() {
                return Ok(Some(Saved::default()));
            }
        }

        match disk::check_writable(location) {
            Ok(()) => {}
            Err(NotWritable::File) => {
                return Err(SaveError::ReadOnlyFile {
                    path: self.path.clone(),
                });
            }
            Err(NotWritable::FileSystem(source)) => {
                return Err(SaveError::FolderNotWritable {
                    dir: dir.to_path_buf(),
                    error: source,
                });
            }
        }
        if !lock.is_current(location) {
            return Ok(None);
        }
        let swept = disk::sweep_temp_files(location);
        let bytes = self.view.to_json();
        // Never write what the next read would refuse.
        if bytes.len() as u64 > crate::platform::textfile::MAX_FILE_BYTES {
            return Err(SaveError::TooLarge {
                path: self.path.clone(),
                bytes: bytes.len() as u64,
            });
        }
        let written = location
            .folder
            .write(
                &location.name,
                bytes.as_bytes(),
                Existing::Replace,
                Permissions::PRIVATE,
            )
            .map_err(|failure| folder_error(dir, &self.path, failure.into_error()))?;
        let stamp = written
            .file
            .metadata()
            .map(|m| FileStamp::of(&m))
            .map_err(|source| folder_error(dir, &self.path, source))?;

        let changes = self.pending.len();
        self.pending.clear();
        self.stamp = Some(stamp);
        Ok(Some(Saved {
            changes,
            swept,
            warning: written
                .folder_sync_error
                .map(|e| format!("saved, but the folder could not be synced: {e}")),
        }))
    }
}

/// `file` with the pending changes laid over it, without copying it.
fn with_pending(mut file: FollowupsFile, pending: &[Pending]) -> FollowupsFile {
    for change in pending {
        apply_pending(&mut file, change);
    }
    file
}

fn set(field: Field, to: Option<String>) -> Edit {
    Edit {
        field,
        from: None,
        to,
    }
}

fn is_disk_full(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

fn is_not_writable(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

/// A failure to lock. A lock file that exists but cannot be used is named (the folder is
/// not the problem); one that could not be created is the folder's problem.
fn lock_error(location: &Location, real: &Path, source: io::Error) -> SaveError {
    let name = disk::lock_name(&location.name);
    match location.folder.metadata(&name) {
        Ok(Some(_)) if !is_disk_full(&source) => SaveError::Lock {
            lock: location.folder.path().join(name),
            error: source,
        },
        _ => folder_error(location.folder.path(), real, source),
    }
}

fn folder_error(dir: &Path, real: &Path, source: io::Error) -> SaveError {
    if is_disk_full(&source) {
        SaveError::DiskFull {
            path: real.to_path_buf(),
        }
    } else if is_not_writable(&source) {
        SaveError::FolderNotWritable {
            dir: dir.to_path_buf(),
            error: source,
        }
    } else {
        SaveError::Io {
            path: real.to_path_buf(),
            error: source,
        }
    }
}
