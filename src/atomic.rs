//! Writing a whole file so that readers see the old version or the new one, never half of
//! one: a temporary file in the same folder, synced, renamed over the target, then the folder
//! synced. The one way reso writes a file (follow-ups, session state, agendas, exports).

use std::fs::{self, File};
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// What to do when the target already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace it.
    Replace,
    /// Leave it alone and fail, even when it appears while we write.
    Keep,
}

/// The step of an atomic write that failed, with the error.
#[derive(Debug)]
pub enum WriteFailure {
    /// The temp file could not be created in the folder.
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
        let plain = plain(self.error());
        match self {
            WriteFailure::Create { folder, .. } => {
                write!(f, "cannot write in {}: {plain}", folder.display())
            }
            WriteFailure::Write { path, .. } | WriteFailure::Rename { path, .. } => {
                write!(f, "cannot write {}: {plain}", path.display())
            }
        }
    }
}

impl std::error::Error for WriteFailure {}

/// An io error without the path tempfile adds to it.
fn plain(e: &io::Error) -> String {
    match (e.raw_os_error(), e.kind()) {
        (Some(code), _) => io::Error::from_raw_os_error(code).to_string(),
        (None, io::ErrorKind::NotFound) => "no such folder".to_string(),
        (None, kind) => io::Error::from(kind).to_string(),
    }
}

/// A completed write.
pub struct Written {
    /// The file now at the target path (for its identity).
    pub file: File,
    /// Set when the folder could not be synced: the file is in place, but a power cut could
    /// still lose the rename.
    pub folder_sync_error: Option<io::Error>,
}

/// The prefix and suffix of the temp files written for `path`: `.NAME.XXXXXX.tmp`, so that a
/// killed writer's leftovers can be told from anything else in the folder.
pub fn temp_affixes(path: &Path) -> (String, &'static str) {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    (format!(".{name}."), ".tmp")
}

/// Replaces (or creates) `path` with `bytes`. `mode` sets the permission bits of the new
/// file (else `0666` less the umask). On failure the temp file is removed and `path` is
/// untouched.
pub fn write_file(
    path: &Path,
    bytes: &[u8],
    existing: Existing,
    mode: Option<u32>,
) -> Result<Written, WriteFailure> {
    let folder = folder_of(path);
    let (prefix, suffix) = temp_affixes(path);
    let failed_write = |error| WriteFailure::Write {
        path: path.to_path_buf(),
        error,
    };
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
        .permissions(fs::Permissions::from_mode(0o666))
        .tempfile_in(folder)
        .map_err(|error| WriteFailure::Create {
            folder: folder.to_path_buf(),
            error,
        })?;
    if let Some(mode) = mode {
        temp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode & 0o7777))
            .map_err(failed_write)?;
    }
    temp.write_all(bytes).map_err(failed_write)?;
    temp.as_file().sync_all().map_err(failed_write)?;
    let persisted = match existing {
        Existing::Replace => temp.persist(path),
        Existing::Keep => temp.persist_noclobber(path),
    };
    let file = persisted.map_err(|e| WriteFailure::Rename {
        path: path.to_path_buf(),
        error: e.error,
    })?;
    let folder_sync_error = File::open(folder).and_then(|d| d.sync_all()).err();
    Ok(Written {
        file,
        folder_sync_error,
    })
}

/// [`write_file`] for callers that only need a message when it fails. With `overwrite`
/// false, an existing file is left alone and the call fails.
pub fn write(path: &Path, bytes: &[u8], overwrite: bool) -> anyhow::Result<()> {
    let existing = if overwrite {
        Existing::Replace
    } else {
        Existing::Keep
    };
    write_file(path, bytes, existing, None)?;
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
    fn the_mode_is_set() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        write_file(&path, b"new", Existing::Replace, Some(0o100664)).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o664);
    }
}
