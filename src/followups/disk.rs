//! The file-system half of the save protocol: following symlinks, the lock file, reading a
//! follow-ups file safely, the atomic write (temp file, fsync, rename, fsync folder) and the
//! sweep of stale temp files. Decides nothing about merging or when to save.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use fs4::fs_std::FileExt;

use super::parse::parse_followups;
use super::record::FollowupsFile;
use crate::load::{MAX_FILE_BYTES, Problem, line_column};

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

/// The stamp of the file at `path` (symlinks followed); `None` when it does not exist.
pub fn stamp(path: &Path) -> io::Result<Option<FileStamp>> {
    match fs::metadata(path) {
        Ok(meta) => Ok(Some(FileStamp::of(&meta))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Follows symlinks to the real file, which may not exist yet. Saving renames a new file
/// over the path; done on the symlink itself, that would replace the link with a plain file.
pub fn resolve_symlinks(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// `FILE.lock`, next to the real file, so that sessions reaching it through different
/// symlinks still share one lock.
pub fn lock_path(real: &Path) -> PathBuf {
    let mut name = real.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    real.with_file_name(name)
}

/// An exclusive advisory lock, held until dropped. The kernel releases it when the process
/// dies, so a killed writer never leaves a stale lock; the lock file itself is never
/// deleted (deleting it would let two writers lock two different files).
pub struct LockGuard {
    _file: File,
}

/// Takes the lock on `lock`, waiting for other sessions to finish their save.
pub fn lock(lock: &Path) -> io::Result<LockGuard> {
    let file = open_lock_file(lock)?;
    loop {
        match FileExt::lock_exclusive(&file) {
            Ok(()) => return Ok(LockGuard { _file: file }),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

fn open_lock_file(lock: &Path) -> io::Result<File> {
    match OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(0o666)
        .open(lock)
    {
        Ok(file) => {
            // The umask has cut the mode at creation; teammates sharing the file must be able
            // to open the lock too, so set it explicitly.
            let _ = file.set_permissions(fs::Permissions::from_mode(0o666));
            Ok(file)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            // A lock file someone else created without write permission for us still locks:
            // flock works on a descriptor opened for reading.
            OpenOptions::new()
                .read(true)
                .write(true)
                .open(lock)
                .or_else(|_| File::open(lock))
        }
        Err(e) => Err(e),
    }
}

/// Reads and parses the follow-ups file at `real`. `Ok(None)` when it does not exist; a
/// problem when it is not a regular file, too large, not UTF-8 or not a valid follow-ups
/// file. `name` is how the file is named in messages.
pub fn read_followups(
    real: &Path,
    name: &str,
) -> Result<Option<(FollowupsFile, FileStamp)>, Problem> {
    let whole = |message: String| Problem::whole_file(name, message);
    // stat before open: opening a FIFO would block.
    let meta = match fs::metadata(real) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(whole(format!("cannot read: {e}"))),
    };
    if !meta.is_file() {
        return Err(whole(
            "not a regular file, expected a follow-ups file".into(),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(whole(format!(
            "file is {} MiB, expected at most {} MiB",
            meta.len().div_ceil(1024 * 1024),
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    let mut file = File::open(real).map_err(|e| whole(format!("cannot read: {e}")))?;
    // The stamp of the descriptor we read, not of the path: the path may be replaced meanwhile.
    let stamp = file
        .metadata()
        .map(|m| FileStamp::of(&m))
        .map_err(|e| whole(format!("cannot read: {e}")))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| whole(format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let (line, column) = line_column(&prefix, valid);
        Problem {
            file: name.to_string(),
            line,
            column,
            message: format!("invalid UTF-8 at byte {valid}, expected UTF-8 text"),
        }
    })?;
    parse_followups(name, &text).map(|file| Some((file, stamp)))
}

/// Why the existing file at `real` cannot be replaced, if it cannot.
pub enum NotWritable {
    /// The file has no write permission (for root: no write bit at all; someone meant it).
    File,
    /// The file system is mounted read-only.
    FileSystem(io::Error),
}

/// Checks that we may replace the existing file at `real`. Renaming over a file ignores its
/// permissions, so a read-only file must be respected explicitly.
pub fn check_writable(real: &Path) -> Result<(), NotWritable> {
    let Ok(meta) = fs::metadata(real) else {
        return Ok(());
    };
    if meta.permissions().mode() & 0o222 == 0 {
        return Err(NotWritable::File);
    }
    match OpenOptions::new().write(true).open(real) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::ReadOnlyFilesystem => Err(NotWritable::FileSystem(e)),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Err(NotWritable::File),
        // Anything else shows up again, better described, when the temp file is written.
        Err(_) => Ok(()),
    }
}

/// The prefix and suffix of our temp files for `real`: `.followups.json.XXXXXX.tmp`.
fn temp_affixes(real: &Path) -> (String, &'static str) {
    let name = real.file_name().unwrap_or_default().to_string_lossy();
    (format!(".{name}."), ".tmp")
}

/// Removes temp files a killed writer left next to `real`. Only call under the lock: then no
/// other writer can be between creating its temp file and renaming it.
pub fn sweep_temp_files(real: &Path) -> usize {
    let Some(dir) = real.parent() else { return 0 };
    let (prefix, suffix) = temp_affixes(real);
    let Ok(entries) = fs::read_dir(folder_or_dot(dir)) else {
        return 0;
    };
    let mut swept = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix)
            && name.ends_with(suffix)
            && name.len() > prefix.len() + suffix.len()
            && fs::remove_file(entry.path()).is_ok()
        {
            swept += 1;
        }
    }
    swept
}

/// The step of an atomic write that failed, with the error.
#[derive(Debug)]
pub enum WriteFailure {
    /// The temp file could not be created in the folder.
    Create(io::Error),
    /// Writing or syncing the temp file failed (a full disk shows up here).
    Write(io::Error),
    /// Renaming the temp file over the real one failed.
    Rename(io::Error),
}

/// What a completed atomic write reports.
pub struct Written {
    pub stamp: FileStamp,
    /// Set when the folder could not be synced: the file is in place, but a power cut
    /// could still lose the rename.
    pub folder_sync_error: Option<io::Error>,
}

/// Writes `bytes` to `real` atomically: a temp file in the same folder, fsync, rename over,
/// fsync the folder. `mode` keeps the permissions of the file being replaced (a team's file
/// stays group-writable); a new file gets 0o666 less the umask. On failure the temp file is
/// removed and `real` is untouched.
pub fn write_atomically(
    real: &Path,
    bytes: &[u8],
    mode: Option<u32>,
) -> Result<Written, WriteFailure> {
    let dir = folder_or_dot(real.parent().unwrap_or(Path::new(".")));
    let (prefix, suffix) = temp_affixes(real);
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
        .permissions(fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)
        .map_err(WriteFailure::Create)?;
    if let Some(mode) = mode {
        temp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode & 0o7777))
            .map_err(WriteFailure::Write)?;
    }
    temp.write_all(bytes).map_err(WriteFailure::Write)?;
    temp.as_file().sync_all().map_err(WriteFailure::Write)?;
    let file = temp
        .persist(real)
        .map_err(|e| WriteFailure::Rename(e.error))?;
    let stamp = file
        .metadata()
        .map(|m| FileStamp::of(&m))
        .map_err(WriteFailure::Rename)?;
    let folder_sync_error = File::open(dir).and_then(|d| d.sync_all()).err();
    Ok(Written {
        stamp,
        folder_sync_error,
    })
}

/// `Path::parent` of a bare file name is the empty path; the file system wants `.`.
fn folder_or_dot(dir: &Path) -> &Path {
    if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symlinks_are_followed_even_to_a_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        assert_eq!(resolve_symlinks(&link).unwrap(), real);
        assert_eq!(lock_path(&real), dir.path().join("real.json.lock"));
    }

    #[test]
    fn lock_file_is_openable_by_everyone_whatever_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json.lock");
        drop(lock(&path).unwrap());
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666);
        // Taken again once released.
        drop(lock(&path).unwrap());
    }

    #[test]
    fn atomic_write_keeps_mode_and_sweep_removes_only_our_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("f.json");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o664)).unwrap();
        fs::write(dir.path().join(".f.json.abc123.tmp"), "stale").unwrap();
        fs::write(dir.path().join(".other.json.abc123.tmp"), "not ours").unwrap();
        assert_eq!(sweep_temp_files(&real), 1);
        assert!(dir.path().join(".other.json.abc123.tmp").exists());
        write_atomically(&real, b"new", Some(0o100664)).unwrap();
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o664);
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 2, "only f.json and the other program's file");
    }
}
