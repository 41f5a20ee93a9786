//! A real terminal for tests: reso runs in a detached tmux session on a private socket;
//! tests type with `send-keys` and read the screen with `capture-pane`.

#![allow(dead_code)]

use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Numbers the sessions of this process, so that no two tests share a tmux server even if
/// they pick the same name.
static SESSIONS: AtomicUsize = AtomicUsize::new(0);

pub struct Tmux {
    socket: String,
    /// A home of its own, so remembered sessions and follow-ups of the user (or of other
    /// tests) never leak in.
    pub home: std::path::PathBuf,
    _home_dir: Option<tempfile::TempDir>,
}

impl Tmux {
    /// Starts `command` (run by `sh -c`) in a `width`x`height` terminal. The shell prints
    /// `EXITED <status>` when reso ends, and the pane stays open so the screen can be read.
    pub fn start(name: &str, width: u16, height: u16, command: &str) -> Tmux {
        let home = tempfile::tempdir().expect("a temporary home");
        let mut tmux = Tmux::start_at(name, width, height, command, home.path());
        tmux._home_dir = Some(home);
        tmux
    }

    /// Like `start`, in a home that another session used before (to see what it left).
    pub fn start_at(
        name: &str,
        width: u16,
        height: u16,
        command: &str,
        home: &std::path::Path,
    ) -> Tmux {
        let socket = format!(
            "reso-test-{name}-{}-{}",
            std::process::id(),
            SESSIONS.fetch_add(1, Ordering::Relaxed)
        );
        let script = format!(
            "export HOME='{0}' XDG_DATA_HOME='{0}/data' XDG_STATE_HOME='{0}/state' XDG_CACHE_HOME='{0}/cache' \
             XDG_CONFIG_HOME='{0}/config'; unset RESO_FOLLOWUPS RESO_CONFIG_DIR; \
             {command}; echo EXITED $?; sleep 600",
            home.display()
        );
        let tmux = Tmux {
            socket,
            home: home.to_path_buf(),
            _home_dir: None,
        };
        let out = tmux.run(&[
            "new-session",
            "-d",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "sh",
            "-c",
            &script,
        ]);
        assert!(
            out.status.success(),
            "tmux failed to start (is tmux installed? .ci/run installs it): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux is not installed; .ci/run installs it")
    }

    /// Sends keys in tmux's notation (`j`, `Enter`, `C-c`, `Space`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Types literal text.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "0", "-l", text]);
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    /// The screen with its attributes as SGR escape sequences (`capture-pane -e`).
    pub fn screen_with_escapes(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-e", "-t", "0"]).stdout)
            .into_owned()
    }

    /// A tmux format value for the pane, e.g. `#{alternate_on}`.
    pub fn format(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", "0", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Waits until the screen shows `text`; panics with the screen after 10 s. A deadline
    /// for a slow machine, not a measurement. The screen returned is a whole frame: tmux can
    /// be read while reso's frame is half written (the top rows new, the rest still blank).
    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return self.settled(screen, text, deadline);
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// `screen` again until two reads 50 ms apart agree. Should `text` go meanwhile (a
    /// message that only flashes), or the deadline pass, the last screen that showed it.
    fn settled(&self, mut screen: String, text: &str, deadline: Instant) -> String {
        loop {
            std::thread::sleep(Duration::from_millis(50));
            let again = self.screen();
            if again == screen || !again.contains(text) || Instant::now() >= deadline {
                return screen;
            }
            screen = again;
        }
    }

    pub fn resize(&self, width: u16, height: u16) {
        self.run(&[
            "resize-window",
            "-t",
            "0",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }

    /// Closes the pane as a user closing the window would: its terminal hangs up.
    pub fn kill_pane(&self) {
        self.run(&["kill-pane", "-t", "0"]);
    }

    pub fn pane_pid(&self) -> u32 {
        self.format("#{pane_pid}").parse().expect("pane pid")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}
