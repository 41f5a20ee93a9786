//! Follow-ups: the records staff keep on commitments, their file (`docs/followups-format.md`),
//! the merge of concurrent sessions and the locked, atomic save. Owns the file and the
//! `Store`; leaves keys, drawing and the decision of when to save to the browser.

mod change;
mod disk;
mod merge;
mod parse;
mod record;
mod store;
mod texts;
mod three_way;

use std::path::PathBuf;

use anyhow::Context;

use crate::cli::FollowupsFileArg;

/// Checks a change's values as the store would, without making it (the browser checks a
/// whole step before making any of it).
pub(crate) use change::validate;
pub use change::{Change, ChangeError, Edit, parse_due};
pub use disk::{LockHolder, read_followups};
pub use merge::{Pending, apply_pending, merge};
pub use parse::parse_followups;
pub use record::{
    FORMAT, Field, Followup, FollowupsFile, HistoryEntry, Status, Timestamp, VERSION, is_reference,
};
pub use store::{LOCK_WAIT, SaveError, Saved, Store, TextReport};
pub use texts::text_sha256;
pub use three_way::merge_three_way;

/// The environment variable that names the follow-ups file.
pub const ENV_VAR: &str = "RESO_FOLLOWUPS";
/// The environment variable that names who makes changes (history `by`), for a shared
/// service account that should still record the person.
pub const AUTHOR_VAR: &str = "RESO_AUTHOR";

/// `followups.json` in the user's data folder (`~/.local/share/reso/` on Linux).
pub fn default_path() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "reso")
        .context("no home folder to keep the follow-ups in; use --followups FILE")?;
    Ok(dirs.data_dir().join("followups.json"))
}

/// The follow-ups file to use: `--followups FILE`, else `RESO_FOLLOWUPS`, else the default.
/// (clap already reads the variable into the flag; it is read here too for callers that
/// build the argument themselves.)
pub fn resolve_path(arg: &FollowupsFileArg) -> anyhow::Result<PathBuf> {
    if let Some(path) = &arg.path {
        return Ok(path.clone());
    }
    match std::env::var_os(ENV_VAR) {
        Some(path) if !path.is_empty() => Ok(PathBuf::from(path)),
        _ => default_path(),
    }
}

/// The name recorded as `by`: `$RESO_AUTHOR`, else the login name: `$USER`, `$LOGNAME`,
/// else the name of our uid in the user database, else `uid1234`.
pub fn login_name() -> String {
    name_from(|var| std::env::var(var).ok()).unwrap_or_else(uid_name)
}

/// The first of `$RESO_AUTHOR`, `$USER`, `$LOGNAME` that is set and not blank.
fn name_from(var: impl Fn(&str) -> Option<String>) -> Option<String> {
    [AUTHOR_VAR, "USER", "LOGNAME"]
        .into_iter()
        .find_map(|name| {
            let value = var(name)?;
            let value = value.trim();
            (!value.is_empty()).then(|| value.to_string())
        })
}

/// The name of our uid in the user database, else `uid1234`.
fn uid_name() -> String {
    // SAFETY: getuid has no preconditions and cannot fail.
    let uid = unsafe { libc::getuid() };
    user_name(uid).unwrap_or_else(|| format!("uid{uid}"))
}

/// The name of `uid` in the user database (`/etc/passwd`, LDAP, … as the system is set up),
/// if it has one.
pub fn user_name(uid: u32) -> Option<String> {
    let mut buffer = vec![0u8; 1024];
    loop {
        // SAFETY: `passwd` is plain data that getpwuid_r fills in; every pointer passed is
        // valid for the call, `buffer` for its stated length, and the strings the result
        // points to live in `buffer`, which outlives their use below.
        let mut passwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let code = unsafe {
            libc::getpwuid_r(
                uid,
                &mut passwd,
                buffer.as_mut_ptr().cast(),
                buffer.len(),
                &mut result,
            )
        };
        if code == libc::ERANGE && buffer.len() < 1 << 20 {
            buffer.resize(buffer.len() * 4, 0);
            continue;
        }
        if code != 0 || result.is_null() || passwd.pw_name.is_null() {
            return None;
        }
        // SAFETY: on success `pw_name` points to a NUL-terminated string inside `buffer`.
        let name = unsafe { std::ffi::CStr::from_ptr(passwd.pw_name) };
        let name = name.to_string_lossy().into_owned();
        return (!name.is_empty()).then_some(name);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_user_database_names_root_and_not_a_missing_uid() {
        assert_eq!(super::user_name(0).as_deref(), Some("root"));
        assert_eq!(super::user_name(4_000_000_123), None);
    }

    #[test]
    fn reso_author_names_the_person_behind_a_service_account() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let name = |vars| super::name_from(env(vars));
        assert_eq!(
            name(&[("USER", "service"), ("RESO_AUTHOR", "carol")]).as_deref(),
            Some("carol")
        );
        assert_eq!(
            name(&[("USER", "service"), ("RESO_AUTHOR", "  ")]).as_deref(),
            Some("service"),
            "a blank author is no author"
        );
        assert_eq!(name(&[("LOGNAME", "dora")]).as_deref(), Some("dora"));
        assert_eq!(name(&[]), None);
    }
}
