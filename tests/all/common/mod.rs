//! Helpers shared by the integration tests: the `all` runner and `followups_concurrency`, each
//! of which uses only some of them.

#![allow(dead_code)]

pub mod tmux;

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

thread_local! {
    /// One home for each test (the test harness runs each test on a thread of its own),
    /// removed when the test's thread ends: tests never see what another left in its home.
    static HOME: tempfile::TempDir =
        tempfile::tempdir().expect("a temporary home for the tests");
}

/// The variables that name a file of the user's; the sandbox removes them.
pub const REMOVED: [&str; 2] = ["RESO_FOLLOWUPS", "RESO_CONFIG_DIR"];

/// `HOME` and the XDG folders, all inside the test's temporary home.
pub fn sandbox_vars() -> [(&'static str, PathBuf); 5] {
    let home = HOME.with(|home| home.path().to_path_buf());
    [
        ("HOME", home.clone()),
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_STATE_HOME", home.join("state")),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_CACHE_HOME", home.join("cache")),
    ]
}

/// Keeps reso away from the developer's library, follow-ups, session state and synonyms:
/// `HOME` and `XDG_*_HOME` point into a temporary folder of the test's own, and
/// `RESO_FOLLOWUPS` and `RESO_CONFIG_DIR` are removed. Call it before the test's own
/// `.env(...)`, which then wins.
pub trait Sandboxed {
    fn sandboxed(&mut self) -> &mut Self;
}

impl Sandboxed for std::process::Command {
    fn sandboxed(&mut self) -> &mut Self {
        self.envs(sandbox_vars());
        for name in REMOVED {
            self.env_remove(name);
        }
        self
    }
}

impl Sandboxed for assert_cmd::Command {
    fn sandboxed(&mut self) -> &mut Self {
        self.envs(sandbox_vars());
        for name in REMOVED {
            self.env_remove(name);
        }
        self
    }
}

/// The umask is one per process, shared by every test running in it: a test that needs a
/// mask of its own holds it through this guard, and tests that set one take turns. Dropping
/// the guard puts the old mask back.
pub struct Umask {
    old: libc::mode_t,
    _turn: MutexGuard<'static, ()>,
}

static UMASK: Mutex<()> = Mutex::new(());

/// Sets the process's umask to `mask` until the guard is dropped.
pub fn umask(mask: u32) -> Umask {
    let turn = UMASK.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: umask only swaps the process's mask; the guard puts the old one back.
    let old = unsafe { libc::umask(mask as libc::mode_t) };
    Umask { old, _turn: turn }
}

impl Drop for Umask {
    fn drop(&mut self) {
        // SAFETY: as above.
        unsafe { libc::umask(self.old) };
    }
}
