//! Where reso keeps things, in one place: every folder of the user's (data, config, state)
//! and every `RESO_*` variable that moves a file. The layers above ask here, so no two of
//! them can disagree about where a file lives.

use std::ffi::OsString;
use std::path::PathBuf;

use directories::ProjectDirs;

/// Names the follow-ups file (the `--followups FILE` flag reads it too).
pub const FOLLOWUPS_VAR: &str = "RESO_FOLLOWUPS";
/// Names who makes changes (history `by`), for a shared service account that should still
/// record the person (the `--author NAME` flag reads it too).
pub const AUTHOR_VAR: &str = "RESO_AUTHOR";
/// Overrides the config folder (tests, or a second set of settings).
pub const CONFIG_DIR_VAR: &str = "RESO_CONFIG_DIR";

/// The user's synonyms file's name in the config folder.
pub const SYNONYMS_FILE: &str = "synonyms.txt";

/// There is no home folder (no `HOME`, no passwd entry) to keep `what` in.
#[derive(Debug, thiserror::Error)]
#[error("no home folder to keep {what} in{hint}")]
pub struct NoHome {
    what: &'static str,
    /// How to do without one.
    hint: &'static str,
}

/// reso's folders under the user's home (`~/.local/share/reso/`, … on Linux; the XDG
/// variables are honoured). `None` without a home folder.
fn dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "reso")
}

/// A variable's value when it is set and not empty (set but empty counts as unset).
pub fn var(name: &str) -> Option<OsString> {
    std::env::var_os(name).filter(|value| !value.is_empty())
}

/// `followups.json` in the user's data folder (`~/.local/share/reso/` on Linux).
pub fn default_followups() -> Result<PathBuf, NoHome> {
    let dirs = dirs().ok_or(NoHome {
        what: "the follow-ups",
        hint: "; use --followups FILE",
    })?;
    Ok(dirs.data_dir().join("followups.json"))
}

/// The follow-ups file to use: `given` (`--followups FILE`), else `RESO_FOLLOWUPS`, else the
/// default. (clap already reads the variable into the flag; it is read here too for callers
/// that pass no flag.)
pub fn followups(given: Option<&std::path::Path>) -> Result<PathBuf, NoHome> {
    match given {
        Some(path) => Ok(path.to_path_buf()),
        None => match var(FOLLOWUPS_VAR) {
            Some(path) => Ok(PathBuf::from(path)),
            None => default_followups(),
        },
    }
}

/// `resolutions/` in the user's data folder, the user's library.
pub fn library() -> Result<PathBuf, NoHome> {
    let dirs = dirs().ok_or(NoHome {
        what: "the library",
        hint: "",
    })?;
    Ok(dirs.data_dir().join("resolutions"))
}

/// `sessions/` in the user's state folder (the cache folder where there is no state
/// folder): where the browser keeps where you left off.
pub fn sessions() -> Option<PathBuf> {
    let dirs = dirs()?;
    Some(
        dirs.state_dir()
            .unwrap_or(dirs.cache_dir())
            .join("sessions"),
    )
}

/// The user's synonyms file: `synonyms.txt` in `RESO_CONFIG_DIR`, else in reso's config
/// folder (`~/.config/reso/` on Linux).
pub fn synonyms() -> Option<PathBuf> {
    let folder = match var(CONFIG_DIR_VAR) {
        Some(folder) => PathBuf::from(folder),
        None => dirs()?.config_dir().to_path_buf(),
    };
    Some(folder.join(SYNONYMS_FILE))
}
