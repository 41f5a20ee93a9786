//! Writing a whole file so that readers see the old version or the new one, never half of
//! one, and so that no one else reads it on the way: a temporary file created in the same
//! folder with the final permissions, synced, renamed over the target, the folder synced.
//! Everything happens relative to the folder opened once ([`Folder`]), so that a path
//! swapped mid-write (a symlink planted in a shared folder) cannot redirect it. The one way
//! reso writes a file (follow-ups, their lock, session state, agendas, exports).

use std::collections::hash_map::RandomState;
use std::ffi::{OsStr, OsString};
use std::fs::{self, DirBuilder, File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Write};
use std::os::fd::{AsFd, AsRawFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use rustix::fs::{AtFlags, Mode, OFlags};

/// The mode of a file reso creates: private to its user, whatever the umask.
pub const PRIVATE_FILE: u32 = 0o600;
/// The mode of a folder reso creates.
pub const PRIVATE_FOLDER: u32 = 0o700;

/// What to do when the target already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace it (keeping its permissions and group, see [`Permissions::replacing`]).
    Replace,
    /// Leave it alone and fail, even when it appears while we write.
    Keep,
}

/// The step of an atomic write that failed, with the error.
#[derive(Debug)]
pub enum WriteFailure {
    /// The folder could not be opened or created, or the temp file not created in it.
    Create { folder: PathBuf, error: io::Error },
    /// Writing or syncing the temp file failed (a full disk shows up here).
    Write { path: PathBuf, error: io::Error },
    /// Renaming the temp file over the target failed.
    Rename { path: PathBuf, error: io::Error },
}

impl WriteFailure {
    pub fn error(&self) -> &io::Error {
        match self {
            WriteFailure::Create { error, .. }
            | WriteFailure::Write { error, .. }
            | WriteFailure::Rename { error, .. } => error,
        }
    }

    pub fn into_error(self) -> io::Error {
        match self {
            WriteFailure::Create { error, .. }
            | WriteFailure::Write { error, .. }
            | WriteFailure::Rename { error, .. } => error,
        }
    }
}

impl std::fmt::Display for WriteFailure {
    /// The temporary file's random name means nothing to the user: messages name the folder
    /// or the target instead.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let error = match self.error().kind() {
            io::ErrorKind::NotFound => "no such folder".to_string(),
            _ => self.error().to_string(),
        };
        match self {
            WriteFailure::Create { folder, .. } => {
                write!(f, "cannot write in {}: {error}", folder.display())
            }
            WriteFailure::Write { path, .. } | WriteFailure::Rename { path, .. } => {
                write!(f, "cannot write {}: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for WriteFailure {}

/// A completed write.
pub struct Written {
    /// The file now in place (for its identity).
    pub file: File,
    /// Set when the folder could not be synced: the file is in place, but a power cut could
    /// still lose the rename.
    pub folder_sync_error: Option<io::Error>,
}

/// The permission bits, owner and group a written file gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permissions {
    pub mode: u32,
    /// The group to give the file when it is not the one it gets by itself.
    pub group: Option<u32>,
    /// The owner to give the file when it is not its writer (only root can give a file to
    /// someone else: for anyone else the writer stays the owner).
    pub owner: Option<u32>,
}

impl Permissions {
    /// A new file: `0600`.
    pub const PRIVATE: Permissions = Permissions {
        mode: PRIVATE_FILE,
        group: None,
        owner: None,
    };

    /// The permissions of a file replacing `old`: its owner, group and the owner's and
    /// group's bits (a team's file `0660` in its group stays so), but never anything for
    /// others (notes are never world-readable after a save: `0644` becomes `0640`), never
    /// setuid, setgid or sticky.
    pub fn replacing(old: &fs::Metadata) -> Permissions {
        Permissions {
            mode: old.mode() & 0o770,
            group: Some(old.gid()),
            owner: Some(old.uid()),
        }
    }
}

/// A folder opened once; files are then opened, created, renamed and removed relative to
/// it (`openat`, `renameat`), never through a path that could be swapped meanwhile.
pub struct Folder {
    dir: File,
    path: PathBuf,
}

impl Folder {
    /// Opens the folder at `path`; the kernel resolves any symlink in the path (and applies
    /// its protections, e.g. `fs.protected_symlinks`).
    pub fn open(path: &Path) -> io::Result<Folder> {
        let dir = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY)
            .open(path)?;
        Ok(Folder {
            dir,
            path: path.to_path_buf(),
        })
    }

    /// Opens the folder at `path`, creating it and its missing parents `0700` first.
    pub fn open_or_create(path: &Path) -> io::Result<Folder> {
        match Folder::open(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                create_private_folder(path)?;
                Folder::open(path)
            }
            other => other,
        }
    }

    /// Whether `other` is the same folder (device and inode), whatever paths reached them.
    pub fn same_as(&self, other: &Folder) -> io::Result<bool> {
        let (mine, theirs) = (self.dir.metadata()?, other.dir.metadata()?);
        Ok(mine.dev() == theirs.dev() && mine.ino() == theirs.ino())
    }

    /// The target of the symlink `name` in the folder, as written in the link.
    pub fn read_link(&self, name: &OsStr) -> io::Result<PathBuf> {
        let target = rustix::fs::readlinkat(&self.dir, name, Vec::new())?;
        Ok(PathBuf::from(OsString::from_vec(target.into_bytes())))
    }

    /// The path the folder was opened by (for messages).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The metadata of `name` in the folder (a symlink's own, not followed); `None` when
    /// there is nothing by that name.
    pub fn metadata(&self, name: &OsStr) -> io::Result<Option<fs::Metadata>> {
        let flags = OFlags::PATH | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        match rustix::fs::openat(&self.dir, name, flags, Mode::empty()) {
            Ok(fd) => File::from(fd).metadata().map(Some),
            Err(rustix::io::Errno::NOENT) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Opens `name` for reading: never through a symlink, and without blocking on a FIFO
    /// (the caller checks that it is a regular file before reading).
    pub fn open_read(&self, name: &OsStr) -> io::Result<File> {
        let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        Ok(rustix::fs::openat(&self.dir, name, flags, Mode::empty())?.into())
    }

    /// Opens `name` to write to it in place (only to test that we may), never through a
    /// symlink, never blocking.
    pub fn open_write(&self, name: &OsStr) -> io::Result<File> {
        let flags = OFlags::WRONLY | OFlags::NONBLOCK | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        Ok(rustix::fs::openat(&self.dir, name, flags, Mode::empty())?.into())
    }

    /// Opens `name` for locking, creating it with `permissions` when it does not exist.
    /// Never through a symlink. `true` with the file when this call created it. A lock file
    /// someone else created without write permission for us is opened for reading: `flock`
    /// works on any descriptor.
    pub fn open_lock(&self, name: &OsStr, permissions: Permissions) -> io::Result<(File, bool)> {
        let base = OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NONBLOCK;
        let create = base | OFlags::RDWR | OFlags::CREATE | OFlags::EXCL;
        match rustix::fs::openat(&self.dir, name, create, create_mode(permissions, self)) {
            Ok(fd) => {
                let file = File::from(fd);
                set_permissions(&file, permissions)?;
                return Ok((file, true));
            }
            Err(rustix::io::Errno::EXIST) => {}
            Err(e) => return Err(e.into()),
        }
        let open = |flags| rustix::fs::openat(&self.dir, name, base | flags, Mode::empty());
        let file = File::from(open(OFlags::RDWR).or_else(|_| open(OFlags::RDONLY))?);
        // A lock file of ours made when the file it locks was private follows it when it
        // becomes a team file (and an old world-writable one is closed).
        // SAFETY: geteuid has no preconditions and cannot fail.
        let ours = file.metadata()?.uid() == unsafe { libc::geteuid() };
        if ours {
            let _ = set_permissions(&file, permissions);
        }
        Ok((file, false))
    }

    /// Removes `name` from the folder.
    pub fn remove(&self, name: &OsStr) -> io::Result<()> {
        Ok(rustix::fs::unlinkat(&self.dir, name, AtFlags::empty())?)
    }

    /// The names in the folder.
    pub fn names(&self) -> io::Result<Vec<OsString>> {
        let mut names = Vec::new();
        // The folder we hold, not whatever is at its path now.
        let held = format!("/proc/self/fd/{}", self.dir.as_raw_fd());
        for entry in fs::read_dir(held).or_else(|_| fs::read_dir(&self.path))? {
            names.push(entry?.file_name());
        }
        Ok(names)
    }

    /// Writes `bytes` to `name` atomically. The temp file is created with the final mode
    /// (less any group bits while its group is not the final one yet), then given exactly the
    /// final mode whatever the umask. On failure the temp file is removed and `name` is
    /// untouched.
    pub fn write(
        &self,
        name: &OsStr,
        bytes: &[u8],
        existing: Existing,
        new_file: Permissions,
    ) -> Result<Written, WriteFailure> {
        let target = self.path.join(name);
        let old = self.metadata(name).ok().flatten().filter(|m| m.is_file());
        let permissions = match (&old, existing) {
            (Some(old), Existing::Replace) => Permissions::replacing(old),
            _ => new_file,
        };
        let (temp_name, mut temp) =
            self.create_temp(name, permissions)
                .map_err(|error| WriteFailure::Create {
                    folder: self.path.clone(),
                    error,
                })?;
        let result = (|| {
            let failed_write = |error| WriteFailure::Write {
                path: target.clone(),
                error,
            };
            set_permissions(&temp, permissions).map_err(failed_write)?;
            temp.write_all(bytes).map_err(failed_write)?;
            temp.sync_all().map_err(failed_write)?;
            let failed_rename = |error: rustix::io::Errno| WriteFailure::Rename {
                path: target.clone(),
                error: error.into(),
            };
            match existing {
                Existing::Replace => {
                    rustix::fs::renameat(&self.dir, &temp_name, &self.dir, name)
                        .map_err(failed_rename)?;
                }
                Existing::Keep => {
                    // A link fails if the name exists, whoever created it meanwhile.
                    rustix::fs::linkat(&self.dir, &temp_name, &self.dir, name, AtFlags::empty())
                        .map_err(failed_rename)?;
                    let _ = self.remove(&temp_name);
                }
            }
            Ok(())
        })();
        if let Err(failure) = result {
            let _ = self.remove(&temp_name);
            return Err(failure);
        }
        let folder_sync_error = self.dir.sync_all().err();
        Ok(Written {
            file: temp,
            folder_sync_error,
        })
    }

    /// Puts a new, empty file with `permissions` in place of `name` (created as a temp file,
    /// given to `prepare` before anyone can open it by its name, then renamed over `name`).
    /// For a lock file that must be locked before others see it.
    pub fn replace_with_new(
        &self,
        name: &OsStr,
        permissions: Permissions,
        prepare: impl FnOnce(&File) -> io::Result<()>,
    ) -> io::Result<File> {
        let (temp_name, file) = self.create_temp(name, permissions)?;
        let placed = set_permissions(&file, permissions)
            .and_then(|()| prepare(&file))
            .and_then(|()| {
                Ok(rustix::fs::renameat(
                    &self.dir, &temp_name, &self.dir, name,
                )?)
            });
        match placed {
            Ok(()) => Ok(file),
            Err(e) => {
                let _ = self.remove(&temp_name);
                Err(e)
            }
        }
    }

    /// Creates a new temp file for `name` (`.NAME.XXXXXX.tmp`), never through a symlink.
    fn create_temp(&self, name: &OsStr, permissions: Permissions) -> io::Result<(OsString, File)> {
        let flags =
            OFlags::RDWR | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let mode = create_mode(permissions, self);
        let mut last = io::Error::from(io::ErrorKind::AlreadyExists);
        for attempt in 0..100u64 {
            let temp_name = temp_name(name, attempt);
            match rustix::fs::openat(&self.dir, &temp_name, flags, mode) {
                Ok(fd) => return Ok((temp_name, File::from(fd))),
                Err(rustix::io::Errno::EXIST) => {
                    last = io::Error::from(io::ErrorKind::AlreadyExists)
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(last)
    }
}

/// The mode to create a file with: the final one, less the group bits when the group the
/// file gets by itself is not the final group (until it is changed, the group bits would
/// open the file to the wrong group).
fn create_mode(permissions: Permissions, folder: &Folder) -> Mode {
    let own_group = folder
        .dir
        .metadata()
        .ok()
        .filter(|m| m.mode() & libc::S_ISGID != 0)
        .map(|m| m.gid())
        // SAFETY: getegid has no preconditions and cannot fail.
        .unwrap_or_else(|| unsafe { libc::getegid() });
    let mode = match permissions.group {
        Some(group) if group != own_group => permissions.mode & !0o070,
        _ => permissions.mode,
    };
    Mode::from_raw_mode(mode & 0o777)
}

/// Gives `file` its final owner and group, then exactly its final mode (the umask cut the
/// mode it was created with). When the group cannot be given (we are not in it), the file is
/// left in its own group without group permissions: never more open than intended. An
/// owner that cannot be given (we are not root) leaves the writer the owner.
fn set_permissions(file: &File, permissions: Permissions) -> io::Result<()> {
    let mut mode = permissions.mode & 0o777;
    let meta = file.metadata()?;
    if let Some(owner) = permissions.owner.filter(|&uid| uid != meta.uid()) {
        let _ = std::os::unix::fs::fchown(file.as_fd(), Some(owner), None);
    }
    if let Some(group) = permissions.group
        && group != meta.gid()
        && std::os::unix::fs::fchown(file.as_fd(), None, Some(group)).is_err()
    {
        mode &= !0o070;
    }
    file.set_permissions(fs::Permissions::from_mode(mode))
}

/// `.NAME.XXXXXX.tmp`: a killed writer's leftovers can be told from anything else.
fn temp_name(name: &OsStr, attempt: u64) -> OsString {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(attempt);
    hasher.write_u32(std::process::id());
    let mut n = hasher.finish();
    let mut suffix = String::new();
    for _ in 0..6 {
        let digit = (n % 36) as u8;
        n /= 36;
        suffix.push(char::from(if digit < 10 {
            b'0' + digit
        } else {
            b'a' + digit - 10
        }));
    }
    let (prefix, end) = temp_affixes(name);
    let mut out = prefix;
    out.push(suffix);
    out.push(end);
    out
}

/// The prefix and suffix of the temp files written for `name`.
pub fn temp_affixes(name: &OsStr) -> (OsString, &'static str) {
    let mut prefix = OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    (prefix, ".tmp")
}

/// Whether `candidate` is a temp file written for `name`.
pub fn is_temp_of(candidate: &OsStr, name: &OsStr) -> bool {
    let (prefix, suffix) = temp_affixes(name);
    let (c, p, s) = (candidate.as_bytes(), prefix.as_bytes(), suffix.as_bytes());
    c.len() > p.len() + s.len() && c.starts_with(p) && c.ends_with(s)
}

/// Creates `path` and its missing parents, each `0700` (the umask can only take bits away).
pub fn create_private_folder(path: &Path) -> io::Result<()> {
    DirBuilder::new()
        .recursive(true)
        .mode(PRIVATE_FOLDER)
        .create(path)
}

/// Writes `bytes` to `path` ([`Folder::write`]) in an existing folder; a new file is `0600`.
/// With `overwrite` false, an existing file is left alone and the call fails.
pub fn write(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), WriteFailure> {
    let folder_path = folder_of(path);
    let name = path.file_name().ok_or_else(|| WriteFailure::Write {
        path: path.to_path_buf(),
        error: io::Error::new(io::ErrorKind::InvalidInput, "names no file"),
    })?;
    let folder = Folder::open(folder_path).map_err(|error| WriteFailure::Create {
        folder: folder_path.to_path_buf(),
        error,
    })?;
    let existing = if overwrite {
        Existing::Replace
    } else {
        Existing::Keep
    };
    folder.write(name, bytes, existing, Permissions::PRIVATE)?;
    Ok(())
}

/// The folder `path` is in; `.` for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_or_refuses_to() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write(&path, b"one", false).unwrap();
        assert!(write(&path, b"two", false).is_err());
        assert_eq!(fs::read(&path).unwrap(), b"one");
        write(&path, b"three", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn errors_name_the_folder_not_the_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing");
        let error = write(&missing.join("a.txt"), b"x", true).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("cannot write in {}: no such folder", missing.display())
        );
    }

    #[test]
    fn temp_names_are_told_from_other_files() {
        let name = OsStr::new("f.json");
        let temp = temp_name(name, 0);
        assert!(is_temp_of(&temp, name), "{temp:?}");
        assert!(!is_temp_of(OsStr::new(".f.json..tmp"), name));
        assert!(!is_temp_of(OsStr::new(".g.json.abc123.tmp"), name));
        assert_ne!(temp_name(name, 0), temp_name(name, 1));
    }
}
