//! The file-system half of the save protocol: where the follow-ups file really is (the
//! kernel resolves the path, reso never walks symlinks itself), the lock file and who holds
//! it, reading the file (through `textfile`) and the sweep of stale temp files; the write
//! itself is `atomic`'s. Decides nothing about merging or when to save.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use rustix::fs::FlockOperation;
use rustix::io::Errno;

use crate::jsontext::Problem;
use crate::platform::atomic::{self, Folder, Permissions};
use crate::platform::textfile;
use reso_core::followups::{FollowupsFile, parse_followups};

/// Enough of a file's identity to notice that another session replaced it: every save
/// renames a new file into place, so the inode changes even when size and time do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl FileStamp {
    pub fn of(meta: &fs::Metadata) -> FileStamp {
        FileStamp {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
        }
    }
}

/// Where the follow-ups file really is: its folder, opened once, and its name in it.
pub struct Location {
    pub folder: Folder,
    pub name: OsString,
    /// The folder's path joined with the name (for the watcher and messages).
    pub real: PathBuf,
}

impl Location {
    /// Whether `path` still leads to this folder and name: checked under the lock, since the
    /// folder (or a symlink on the way) may have been replaced between [`locate`] and
    /// locking. The file itself may have been replaced, and usually was: every save renames
    /// a new one into place, which is why the file is named, never held.
    pub fn is_still(&self, path: &Path) -> io::Result<bool> {
        let again = match locate(path, false) {
            Ok(again) => again,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(e),
        };
        Ok(again.name == self.name && again.folder.same_as(&self.folder)?)
    }
}

/// How many symlinks [`locate`] follows before it gives up, as the kernel does (`ELOOP`).
const MAX_LINKS: usize = 40;

/// Finds the file behind `path`: the folder is opened by its path (the kernel resolves the
/// folders on the way) and the file is kept by its name in it, never by asking the kernel
/// what an open descriptor is called: a descriptor of a file another session has just
/// replaced is named `FILE (deleted)`, and a save there would be lost. When the name is a
/// symlink, the kernel first judges whether it may be followed (`fs.protected_symlinks`
/// refuses a link planted by another user in a sticky folder), then the link is read and
/// its target located in turn. A missing file is located at its name: a dangling symlink is
/// never followed to create a file where it points. With `create`, a missing folder is
/// created `0700`; without, it is `NotFound`.
pub fn locate(path: &Path, create: bool) -> io::Result<Location> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let name = current
            .file_name()
            .ok_or_else(|| io::Error::other("the path names no file"))?
            .to_os_string();
        let folder_path = atomic::folder_of(&current).to_path_buf();
        let folder = if create {
            Folder::open_or_create(&folder_path)?
        } else {
            Folder::open(&folder_path)?
        };
        let is_link = folder
            .metadata(&name)?
            .is_some_and(|meta| meta.file_type().is_symlink());
        if is_link {
            match OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_PATH)
                .open(&current)
            {
                Ok(_) => {
                    let target = folder.read_link(&name)?;
                    current = folder_path.join(target);
                    continue;
                }
                // Dangling: the link itself is where the file is, and reading it is refused.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        return Ok(Location {
            real: folder_path.join(&name),
            folder,
            name,
        });
    }
    Err(io::Error::from_raw_os_error(libc::ELOOP))
}

/// The stamp of the file at `location` (a symlink's own); `None` when it does not exist.
pub fn stamp(location: &Location) -> Option<FileStamp> {
    let meta = location.folder.metadata(&location.name).ok().flatten()?;
    Some(FileStamp::of(&meta))
}

/// Reads and parses the follow-ups file at `location`: never through a symlink (one swapped
/// in after [`locate`]), never blocking on a FIFO. `Ok(None)` when it does not exist; a
/// problem when it is not a regular file, too large, not UTF-8 or not a valid follow-ups
/// file. `name` is how the file is named in messages.
pub fn read_at(
    location: &Location,
    name: &str,
) -> Result<Option<(FollowupsFile, FileStamp)>, Problem> {
    match location.folder.open_read(&location.name) {
        Ok(file) => read_open(file, name).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Err(Problem::whole_file(
            name,
            "is a symbolic link that reso may not follow (a dangling link, or one another user planted), expected a follow-ups file",
        )),
        Err(e) => Err(Problem::whole_file(name, format!("cannot read: {e}"))),
    }
}

/// Reads and parses the follow-ups file at `path` for a command that only reads it
/// (`search`, `export`, `followups check`). The kernel follows symlinks. `Ok(None)` when it
/// does not exist.
pub fn read_followups(
    path: &Path,
    name: &str,
) -> Result<Option<(FollowupsFile, FileStamp)>, Problem> {
    match textfile::open(path) {
        Ok(file) => read_open(file, name).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Problem::whole_file(name, format!("cannot read: {e}"))),
    }
}

fn read_open(file: File, name: &str) -> Result<(FollowupsFile, FileStamp), Problem> {
    let (text, meta) = textfile::read(file, name, "a follow-ups file")?;
    parse_followups(name, &text).map(|file| (file, FileStamp::of(&meta)))
}

/// `FILE.lock`, next to the real file, so that sessions reaching it through different
/// symlinks still share one lock.
pub fn lock_name(name: &OsStr) -> OsString {
    let mut lock = name.to_os_string();
    lock.push(".lock");
    lock
}

/// The permissions of the lock file: those of the follow-ups file (`meta`) for reading and
/// writing, so that a team file's lock opens for the team; `0600` for a new file.
pub fn lock_permissions(meta: Option<&fs::Metadata>) -> Permissions {
    match meta.filter(|m| m.is_file()) {
        Some(meta) => Permissions {
            mode: (meta.mode() & 0o660) | 0o600,
            group: Some(meta.gid()),
            // Whoever creates the lock file owns it: only the group bits have to match.
            owner: None,
        },
        None => Permissions::PRIVATE,
    }
}

/// An exclusive advisory lock, held until dropped. The kernel releases it when the process
/// dies, so a killed writer never leaves a stale lock; the lock file itself is never
/// deleted (deleting it would let two writers lock two different files).
pub struct LockGuard {
    _file: File,
    name: OsString,
    dev: u64,
    ino: u64,
}

impl LockGuard {
    /// Whether the lock file we hold is still the one at its path. Checked again just
    /// before the save's rename: a lock file deleted meanwhile means another session may
    /// hold the new one.
    pub fn is_current(&self, location: &Location) -> bool {
        location
            .folder
            .metadata(&self.name)
            .ok()
            .flatten()
            .is_some_and(|m| m.dev() == self.dev && m.ino() == self.ino)
    }
}

/// Who holds a lock, as far as the system tells (`/proc/locks` gives the process; the
/// owner of the process gives the user).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LockHolder {
    pub pid: Option<u32>,
    pub user: Option<String>,
}

impl fmt::Display for LockHolder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.user, self.pid) {
            (Some(user), Some(pid)) => write!(f, "{user} (pid {pid})"),
            (None, Some(pid)) => write!(f, "pid {pid}"),
            _ => f.write_str("another process"),
        }
    }
}

/// What trying the lock gave.
pub enum Lock {
    Taken(LockGuard),
    Held(LockHolder),
    /// Taken, but on a lock file no longer at the path: try again.
    Replaced,
}

/// Takes the lock next to `location`, waiting at most `wait` (zero: only try) for another
/// session or program to let it go. After taking it, checks that the lock file is still the
/// one at the path (same device and inode): one deleted or replaced meanwhile would let
/// another session lock the new file while we hold the old, so the new one is locked
/// instead.
pub fn lock_within(
    location: &Location,
    permissions: Permissions,
    wait: Duration,
) -> io::Result<Lock> {
    let name = lock_name(&location.name);
    let deadline = Instant::now() + wait;
    for _ in 0..100 {
        let file = match location.folder.open_lock(&name, permissions) {
            Ok((file, _)) => file,
            Err(e)
                if e.kind() == io::ErrorKind::PermissionDenied && permissions.mode & 0o060 != 0 =>
            {
                match take_over(location, &name, permissions, deadline)? {
                    Ok(file) => match checked(location, file)? {
                        Lock::Replaced => continue,
                        outcome => return Ok(outcome),
                    },
                    Err(holder) => return Ok(Lock::Held(holder)),
                }
            }
            Err(e) => return Err(e),
        };
        if !flock_within(&file, deadline.saturating_duration_since(Instant::now()))? {
            return Ok(Lock::Held(holder_of(&file)));
        }
        match checked(location, file)? {
            Lock::Replaced => continue,
            outcome => return Ok(outcome),
        }
    }
    Err(io::Error::other("the lock file keeps being replaced"))
}

/// Takes over a lock file we may not open, for a follow-ups file the group shares: a
/// teammate's lock made `0600` while the file was still private would otherwise block the
/// team after the file was opened to the group (`chmod 660`). A new lock file with the
/// team's mode is locked before it is renamed over the old, so whoever opens the lock from
/// then on waits for us; then we wait until no one holds the old one: a save in progress
/// lets it go only after its rename, and one that had not renamed yet sees its lock file
/// replaced and starts again. `Err(holder)` when the old lock is still held at `deadline`
/// (the new one is in place for the next try).
fn take_over(
    location: &Location,
    name: &OsStr,
    permissions: Permissions,
    deadline: Instant,
) -> io::Result<Result<File, LockHolder>> {
    let old = location
        .folder
        .metadata(name)?
        .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
    let file = location
        .folder
        .replace_with_new(name, permissions, |file| {
            Ok(rustix::fs::flock(
                file,
                FlockOperation::NonBlockingLockExclusive,
            )?)
        })?;
    loop {
        let Some(holder) = flock_holder(old.dev(), old.ino())? else {
            return Ok(Ok(file));
        };
        if Instant::now() >= deadline {
            return Ok(Err(holder));
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// Takes the `flock` on `file`, waiting at most `wait`; `false` when it is still held then.
/// The waiting is the kernel's (a blocking `flock` on a second descriptor of the same open
/// file, in a helper thread), so a session gets the lock the moment it is free and waiting
/// sessions take turns, where polling could starve one of them.
fn flock_within(file: &File, wait: Duration) -> io::Result<bool> {
    loop {
        match rustix::fs::flock(file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => return Ok(true),
            Err(Errno::WOULDBLOCK) if wait.is_zero() => return Ok(false),
            Err(Errno::WOULDBLOCK) => break,
            Err(Errno::INTR) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    let waiter = file.try_clone()?;
    let (sender, taken) = mpsc::channel();
    thread::spawn(move || {
        let outcome = loop {
            match rustix::fs::flock(&waiter, FlockOperation::LockExclusive) {
                Err(Errno::INTR) => continue,
                outcome => break outcome,
            }
        };
        // The lock belongs to the open file, which the caller's descriptor keeps open while
        // it waits; if it gave up and closed its own, closing this one releases the lock.
        drop(waiter);
        let _ = sender.send(outcome);
    });
    match taken.recv_timeout(wait) {
        Ok(Ok(())) => Ok(true),
        Ok(Err(e)) => Err(e.into()),
        Err(_) => Ok(false),
    }
}

/// The guard of the locked `file`, if it is still the lock file at its path.
fn checked(location: &Location, file: File) -> io::Result<Lock> {
    let held = file.metadata()?;
    let guard = LockGuard {
        _file: file,
        name: lock_name(&location.name),
        dev: held.dev(),
        ino: held.ino(),
    };
    Ok(if guard.is_current(location) {
        Lock::Taken(guard)
    } else {
        Lock::Replaced
    })
}

/// Who holds the `flock` on `file`, as far as the system tells.
fn holder_of(file: &File) -> LockHolder {
    file.metadata()
        .ok()
        .and_then(|meta| flock_holder(meta.dev(), meta.ino()).ok().flatten())
        .unwrap_or_default()
}

/// Who holds a `flock` on the file `dev`/`ino`, from `/proc/locks` (`1: FLOCK ADVISORY
/// WRITE PID MAJ:MIN:INODE 0 EOF`) and the owner of that process; `None` when no one does
/// (waiters, the `->` lines, hold nothing).
fn flock_holder(dev: u64, ino: u64) -> io::Result<Option<LockHolder>> {
    let table = fs::read_to_string("/proc/locks")?;
    let device = format!("{:02x}:{:02x}", libc::major(dev), libc::minor(dev));
    let inode = ino.to_string();
    // Some file systems (btrfs, overlays) report another device here than `stat` does:
    // a match on the inode alone is the fallback.
    let mut by_inode = None;
    let mut by_device = None;
    for line in table.lines().filter(|l| !l.contains("->")) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (Some(&"FLOCK"), Some(pid), Some(id)) = (fields.get(1), fields.get(4), fields.get(5))
        else {
            continue;
        };
        let Some((dev, ino)) = id.rsplit_once(':') else {
            continue;
        };
        if ino != inode {
            continue;
        }
        let pid = pid.parse::<u32>().ok();
        if dev == device {
            by_device = Some(pid);
        } else {
            by_inode = Some(pid);
        }
    }
    let Some(pid) = by_device.or(by_inode) else {
        return Ok(None);
    };
    // A lock held through another PID namespace shows as pid 0 or nothing: held all the same.
    let pid = pid.filter(|p| *p > 0);
    let user = pid
        .and_then(|p| fs::metadata(format!("/proc/{p}")).ok())
        .and_then(|m| super::user_name(m.uid()));
    Ok(Some(LockHolder { pid, user }))
}

/// Why the existing file at `location` cannot be replaced, if it cannot.
pub enum NotWritable {
    /// The file has no write permission (for root: no write bit at all; someone meant it).
    File,
    /// The file system is mounted read-only.
    FileSystem(io::Error),
}

/// Checks that we may replace the existing file at `location`. Renaming over a file ignores
/// its permissions, so a read-only file must be respected explicitly.
pub fn check_writable(location: &Location) -> Result<(), NotWritable> {
    let Ok(Some(meta)) = location.folder.metadata(&location.name) else {
        return Ok(());
    };
    if meta.mode() & 0o222 == 0 {
        return Err(NotWritable::File);
    }
    match location.folder.open_write(&location.name) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::ReadOnlyFilesystem => Err(NotWritable::FileSystem(e)),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Err(NotWritable::File),
        // Anything else shows up again, better described, when the temp file is written.
        Err(_) => Ok(()),
    }
}

/// Removes temp files a killed writer left next to the file. Only call under the lock: then
/// no other writer can be between creating its temp file and renaming it.
pub fn sweep_temp_files(location: &Location) -> usize {
    let Ok(names) = location.folder.names() else {
        return 0;
    };
    names
        .iter()
        .filter(|n| atomic::is_temp_of(n, &location.name))
        .filter(|n| location.folder.remove(n).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn try_lock(location: &Location) -> Lock {
        lock_within(location, Permissions::PRIVATE, Duration::ZERO).unwrap()
    }

    #[test]
    fn symlinks_are_resolved_by_the_kernel_and_a_missing_file_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        let real = base.join("real.json");
        let link = base.join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        // Dangling: the link itself is where a save would go, and reading it is refused.
        let location = locate(&link, false).unwrap();
        assert_eq!(location.real, link);
        assert!(read_at(&location, "link.json").is_err());
        fs::write(&real, "{}").unwrap();
        assert_eq!(locate(&link, false).unwrap().real, real);
        assert_eq!(lock_name(OsStr::new("real.json")), "real.json.lock");
    }

    #[test]
    fn the_lock_file_is_private_and_taken_again_once_released() {
        let dir = tempfile::tempdir().unwrap();
        let location = locate(&dir.path().join("f.json"), false).unwrap();
        let Lock::Taken(guard) = try_lock(&location) else {
            panic!("a free lock is taken");
        };
        // A second open file description conflicts with the first, even in one process.
        let Lock::Held(holder) = try_lock(&location) else {
            panic!("a held lock is not taken twice");
        };
        assert_eq!(holder.pid, Some(std::process::id()));
        // A bounded wait gives up while it is held, and gets it once it is let go.
        let released = thread::spawn(move || {
            thread::sleep(Duration::from_millis(50));
            drop(guard);
        });
        let taken = lock_within(&location, Permissions::PRIVATE, Duration::from_secs(60));
        assert!(matches!(taken.unwrap(), Lock::Taken(_)));
        released.join().unwrap();
        assert!(matches!(try_lock(&location), Lock::Taken(_)));
        let mode = fs::metadata(dir.path().join("f.json.lock"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_lock_file_replaced_under_us_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let location = locate(&dir.path().join("f.json"), false).unwrap();
        let lock = dir.path().join("f.json.lock");
        // Opened, then deleted and made anew by someone else before we lock it.
        let (stale, _) = location
            .folder
            .open_lock(&lock_name(&location.name), Permissions::PRIVATE)
            .unwrap();
        fs::remove_file(&lock).unwrap();
        fs::write(&lock, "").unwrap();
        assert!(flock_within(&stale, Duration::ZERO).unwrap());
        assert!(matches!(checked(&location, stale).unwrap(), Lock::Replaced));
        // Taken, then deleted while held: the guard notices before the rename.
        let Lock::Taken(guard) = try_lock(&location) else {
            panic!("a free lock is taken");
        };
        assert!(guard.is_current(&location));
        fs::remove_file(&lock).unwrap();
        assert!(!guard.is_current(&location));
    }

    #[test]
    fn sweep_removes_only_our_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".f.json.abc123.tmp"), "stale").unwrap();
        fs::write(dir.path().join(".other.json.abc123.tmp"), "not ours").unwrap();
        fs::write(dir.path().join(".f.json..tmp"), "not a temp name").unwrap();
        let location = locate(&dir.path().join("f.json"), false).unwrap();
        assert_eq!(sweep_temp_files(&location), 1);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
