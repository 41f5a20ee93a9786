//! The user's own library of resolutions: one file per resolution, `ID.json`, in
//! `resolutions/` of the user's data folder (`~/.local/share/reso/resolutions/` on Linux,
//! next to the follow-ups file). `reso import --add` fills it, `reso library remove` empties
//! it, and reso opens it with the bundled resolutions when no PATH is given. Owns the
//! folder and its files; reading and validation are `resolution_files`'.

use std::fs;
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use crate::model::Resolution;
use crate::platform::atomic::WriteFailure;
use crate::platform::paths::NoHome;
use crate::storage::resolution_files::{self, FileOutcome};
use reso_core::validate::Problem;

/// Why the library could not be read or changed.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error(transparent)]
    NoHome(#[from] NoHome),
    #[error("cannot read {}: {error}", .folder.display())]
    Read { folder: PathBuf, error: io::Error },
    #[error("cannot create {}: {error}", .folder.display())]
    Create { folder: PathBuf, error: io::Error },
    #[error(transparent)]
    Write(#[from] WriteFailure),
    #[error("cannot remove {}: {error}", .file.display())]
    Remove { file: PathBuf, error: io::Error },
    #[error("{id} is a resolution bundled with reso; not added (give it another id with --id)")]
    Bundled { id: String },
    #[error(
        "your library already has {id} ({}); not replaced (use --force to replace it)",
        .file.display()
    )]
    Exists { id: String, file: PathBuf },
}

impl LibraryError {
    /// The file system failed (as opposed to a request the library refuses).
    pub fn io_error(&self) -> Option<&io::Error> {
        match self {
            LibraryError::Read { error, .. }
            | LibraryError::Create { error, .. }
            | LibraryError::Remove { error, .. } => Some(error),
            LibraryError::Write(failure) => Some(failure.error()),
            LibraryError::NoHome(_)
            | LibraryError::Bundled { .. }
            | LibraryError::Exists { .. } => None,
        }
    }
}

/// `resolutions/` in the user's data folder (`XDG_DATA_HOME/reso/resolutions`).
pub fn folder() -> Result<PathBuf, NoHome> {
    crate::platform::paths::library()
}

/// The library's `*.json` files, in name order; none when the folder does not exist yet.
pub fn files(folder: &Path) -> Result<Vec<PathBuf>, LibraryError> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err(LibraryError::Read {
                folder: folder.to_path_buf(),
                error,
            });
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// Loads every file of the library on its own. A resolution whose id is one of the bundled
/// resolutions' is refused: the two could not be told apart in references.
pub fn load(folder: &Path) -> Result<Vec<FileOutcome>, LibraryError> {
    let bundled: Vec<String> = crate::storage::bundled::resolutions()
        .into_iter()
        .map(|r| r.id)
        .collect();
    let mut outcomes = resolution_files::load_files(&files(folder)?);
    for (name, result) in &mut outcomes {
        if let Ok(res) = result
            && bundled.contains(&res.id)
        {
            *result = Err(vec![Problem::whole_file(
                name,
                format!(
                    "resolution id \"{}\" is bundled with reso, expected another id (reso library remove {0}, then import it with --id)",
                    res.id
                ),
            )]);
        }
    }
    Ok(outcomes)
}

/// Writes `json` (the resolution `resolution`) into the library as `ID.json`, readable by
/// the user alone. A resolution with the same id is replaced only with `force`, in the file
/// that holds it; a bundled id is never taken.
pub fn add(
    folder: &Path,
    resolution: &Resolution,
    json: &str,
    force: bool,
) -> Result<PathBuf, LibraryError> {
    let id = &resolution.id;
    if crate::storage::bundled::resolutions()
        .iter()
        .any(|r| &r.id == id)
    {
        return Err(LibraryError::Bundled { id: id.clone() });
    }
    let holder = load(folder)?
        .into_iter()
        .find_map(|(name, result)| result.ok().filter(|r| &r.id == id).map(|_| name));
    let target = match holder {
        Some(name) => PathBuf::from(name),
        None => folder.join(format!("{id}.json")),
    };
    if !force && fs::symlink_metadata(&target).is_ok() {
        return Err(LibraryError::Exists {
            id: id.clone(),
            file: target,
        });
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)
        .map_err(|error| LibraryError::Create {
            folder: folder.to_path_buf(),
            error,
        })?;
    // The temporary file the write goes through is created readable by the user alone,
    // and the rename keeps that.
    crate::platform::atomic::write(&target, json.as_bytes(), force)?;
    Ok(target)
}

/// Removes the resolution `id` from the library; gives the file it was in, or `None` when
/// the library has no such resolution.
pub fn remove(folder: &Path, id: &str) -> Result<Option<PathBuf>, LibraryError> {
    let holder = load(folder)?
        .into_iter()
        .find_map(|(name, result)| result.ok().filter(|r| r.id == id).map(|_| name));
    // A file that no longer loads can still be removed by its name.
    let by_name = folder.join(format!("{id}.json"));
    let Some(file) = holder
        .map(PathBuf::from)
        .or_else(|| by_name.is_file().then_some(by_name))
    else {
        return Ok(None);
    };
    fs::remove_file(&file).map_err(|error| LibraryError::Remove {
        file: file.clone(),
        error,
    })?;
    Ok(Some(file))
}
