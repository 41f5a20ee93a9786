//! The file-system half of the save protocol: following symlinks, the lock file, reading a
//! follow-ups file (through `textfile`) and the sweep of stale temp files; the write itself
//! is `atomic`'s. Decides nothing about merging or when to save.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use fs4::fs_std::FileExt;

use super::parse::parse_followups;
use super::record::FollowupsFile;
use crate::atomic;
use crate::jsontext::Problem;
use crate::textfile;

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
    let file = match textfile::open(real) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Problem::whole_file(name, format!("cannot read: {e}"))),
    };
    let (text, meta) = textfile::read(file, name, "a follow-ups file")?;
    parse_followups(name, &text).map(|file| Some((file, FileStamp::of(&meta))))
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

/// Removes temp files a killed writer left next to `real`. Only call under the lock: then no
/// other writer can be between creating its temp file and renaming it.
pub fn sweep_temp_files(real: &Path) -> usize {
    let (prefix, suffix) = atomic::temp_affixes(real);
    let Ok(entries) = fs::read_dir(atomic::folder_of(real)) else {
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
        atomic::write_file(&real, b"new", atomic::Existing::Replace, Some(0o100664)).unwrap();
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o664);
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 2, "only f.json and the other program's file");
    }
}
