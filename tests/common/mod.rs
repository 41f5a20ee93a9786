//! Helpers shared by the integration tests. Each test binary uses only some of them.

#![allow(dead_code)]

pub mod tmux;

use std::path::PathBuf;
use std::sync::LazyLock;

/// One home for the whole test binary, removed when the binary ends.
static HOME: LazyLock<tempfile::TempDir> =
    LazyLock::new(|| tempfile::tempdir().expect("a temporary home for the tests"));

/// The variables that name a file of the user's; the sandbox removes them.
pub const REMOVED: [&str; 2] = ["RESO_FOLLOWUPS", "RESO_CONFIG_DIR"];

/// `HOME` and the XDG folders, all inside the binary's temporary home.
pub fn sandbox_vars() -> [(&'static str, PathBuf); 5] {
    let home = HOME.path();
    [
        ("HOME", home.to_path_buf()),
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_STATE_HOME", home.join("state")),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_CACHE_HOME", home.join("cache")),
    ]
}

/// Keeps reso away from the developer's library, follow-ups, session state and synonyms:
/// `HOME` and `XDG_*_HOME` point into a temporary folder shared by the test binary, and
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
