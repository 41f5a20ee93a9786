//! Nothing raw reaches a terminal (issue 12, point 4): a colleague's note or owner holding
//! `ESC ] 52 ;…` (set the clipboard), a bell, a C1 CSI and a bidi override are shown escaped by
//! every command that prints to a pseudo-terminal, while pipes and `-o` files keep the exact
//! bytes; a resolution whose text holds them is refused, and the refusal prints none of them.
//! Linux only: the pseudo-terminal is opened with glibc's `ptsname_r`.
#![cfg(target_os = "linux")]

use crate::common::Sandboxed;
use std::ffi::CStr;
use std::fs::{File, OpenOptions};
use std::io::Read;
use std::os::fd::FromRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The payload: OSC 52 with a bell, a C1 CSI, a right-to-left override.
const RAW: &str = "\u{1b}]52;c;cHduZWQ=\u{7}\u{9b}2J\u{202e}";
/// How it must look on a terminal.
const SHOWN: &str = "\\x1b]52;c;cHduZWQ=\\x07\\u{9b}2J\\u{202e}";

struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    /// A copy of the bundled resolution (`evil.json`: its follow-ups will hold the payload),
    /// one whose commitment 1.1 ends with the payload (`evil-text.json`), and an empty
    /// follow-ups file location.
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let bundled = include_str!("../../resolutions/ba-43-2024.json");
        std::fs::write(dir.path().join("evil.json"), bundled).unwrap();
        let needle = "successful defence industry of the Baltic States;";
        assert!(bundled.contains(needle));
        let escaped = serde_json::to_string(RAW).unwrap();
        let evil = bundled.replacen(
            needle,
            &format!("{needle} {}", escaped.trim_matches('"')),
            1,
        );
        std::fs::write(dir.path().join("evil-text.json"), evil).unwrap();
        Setup { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_reso"));
        cmd.sandboxed()
            .args(args)
            .current_dir(self.dir.path())
            .env("RESO_FOLLOWUPS", self.path("followups.json"))
            .env("USER", "tester")
            .env_remove("RESO_AUTHOR");
        cmd
    }

    /// What `reso ARGS` prints, standard output and error together, on a pseudo-terminal.
    fn on_terminal(&self, args: &[&str]) -> String {
        let out = run_in_pty(self.command(args));
        // The terminal turns "\n" into "\r\n".
        out.replace("\r\n", "\n")
    }

    /// Standard output through a pipe.
    fn piped(&self, args: &[&str]) -> String {
        let out = self.command(args).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    }
}

/// No control character, and each shown as its escape (Markdown adds its own `\]`).
fn assert_escaped(shown: &str, what: &str) {
    assert_no_controls(shown, what);
    for escape in ["\\x1b", "\\x07", "\\u{9b}", "\\u{202e}"] {
        assert!(shown.contains(escape), "{what} shows {escape}:\n{shown}");
    }
}

fn assert_no_controls(shown: &str, what: &str) {
    assert!(
        !shown.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
        "{what} lets a control character through:\n{shown:?}"
    );
}

#[test]
fn search_escapes_on_a_terminal_and_keeps_bytes_in_a_pipe() {
    let s = Setup::new();
    let owner = format!("desk {RAW}");
    let mark = s
        .command(&["mark", "ba-43-2024:1.1", "--owner", &owner, "evil.json"])
        .output()
        .unwrap();
    assert!(mark.status.success(), "{mark:?}");
    // A query on follow-up fields prints the owner column.
    let args = ["search", "is:marked", "evil.json"];
    let shown = s.on_terminal(&args);
    assert_escaped(&shown, "search");
    assert!(shown.contains(SHOWN), "{shown}");
    assert!(s.piped(&args).contains(RAW), "a pipe gets the exact text");
    let json = ["search", "is:marked", "evil.json", "--json"];
    assert_no_controls(&s.on_terminal(&json), "search --json");
    // A resolution text holding the payload is refused, and the refusal shows none of it.
    let refused = s.on_terminal(&["search", "trilateral", "evil-text.json"]);
    assert_no_controls(&refused, "search on a bad text");
    assert!(refused.contains("control character"), "{refused}");
}

#[test]
fn export_escapes_on_a_terminal_and_writes_exact_bytes_with_o() {
    let s = Setup::new();
    let note = format!("call back {RAW}");
    let mark = s
        .command(&["mark", "ba-43-2024:1.1", "--note", &note, "evil.json"])
        .output()
        .unwrap();
    assert!(mark.status.success(), "{mark:?}");
    // `mark` prints the record: escaped on a terminal too.
    let owner = format!("desk {RAW}");
    let shown = s.on_terminal(&["mark", "ba-43-2024:1.1", "--owner", &owner, "evil.json"]);
    assert_escaped(&shown, "mark");
    for format in ["markdown", "csv", "json"] {
        let args = ["export", "--format", format, "evil.json"];
        let shown = s.on_terminal(&args);
        if format == "json" {
            assert_no_controls(&shown, format);
        } else {
            assert_escaped(&shown, format);
        }
        let file = format!("agenda.{format}");
        let out = s
            .command(&["export", "--format", format, "-o", &file, "evil.json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let bytes = std::fs::read_to_string(s.path(&file)).unwrap();
        if format == "json" {
            // JSON escapes C0 controls itself; the rest stays as it is.
            assert!(bytes.contains("\\u001b]52") && bytes.contains('\u{202e}'));
        } else {
            // The exporter's own bytes (Markdown escapes the `]`), controls and all.
            assert!(
                ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']
                    .iter()
                    .all(|c| bytes.contains(*c))
                    && !bytes.contains("\\x1b"),
                "{format} -o keeps the bytes:\n{bytes}"
            );
        }
    }
}

#[test]
fn validate_check_and_errors_escape_names_and_values() {
    let s = Setup::new();
    let raw_json = serde_json::to_string(RAW).unwrap();
    // An unknown field name and a file name holding the payload.
    let bundled = include_str!("../../resolutions/ba-43-2024.json");
    let bad = bundled.replacen("\"body\":", &format!("{raw_json}: 1,\n  \"body\":"), 1);
    std::fs::write(s.path("bad.json"), bad).unwrap();
    let odd_name = format!("odd{RAW}.json");
    std::fs::copy(s.path("evil.json"), s.path(&odd_name)).unwrap();
    let shown = s.on_terminal(&["validate", "bad.json", &odd_name, "evil-text.json"]);
    assert_escaped(&shown, "validate");
    assert!(shown.contains("evil-text.json:"), "{shown}");
    assert!(
        shown.contains("bad.json:") && shown.contains("OK odd"),
        "{shown}"
    );

    // A follow-ups file with a status from a colleague's tool.
    let followups = format!(
        "{{\"format\": \"reso-followups\", \"version\": 1, \"followups\": {{\"a:1\": \
         {{\"status\": {raw_json}, \"created\": \"2026-11-28T10:00:00Z\", \
         \"updated\": \"2026-11-28T10:00:00Z\"}}}}}}\n"
    );
    std::fs::write(s.path("followups.json"), followups).unwrap();
    assert_escaped(&s.on_terminal(&["followups", "check"]), "followups check");
    // Error messages: a reference that names nothing, a bad status for mark.
    let reference = format!("ba-43-2024:{RAW}");
    assert_escaped(&s.on_terminal(&["unmark", &reference]), "an error");
    // (This message quotes the value with `{:?}`, which escapes it on its own.)
    assert_no_controls(
        &s.on_terminal(&["mark", "ba-43-2024:1.1", "--status", RAW]),
        "a bad status",
    );
}

/// Runs `cmd` with standard output and error on a new pseudo-terminal; returns all it wrote.
fn run_in_pty(mut cmd: Command) -> String {
    let (master, slave) = open_pty();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave)
        .spawn()
        .unwrap();
    // Our copies of the terminal's slave side go with `cmd`: reading the master then ends
    // (EIO) when the child has exited.
    drop(cmd);
    let mut master = master;
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match master.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    child.wait().unwrap();
    String::from_utf8(out).expect("UTF-8 on the terminal")
}

fn open_pty() -> (File, File) {
    // SAFETY: plain libc calls on a descriptor we own; ptsname_r writes into our buffer.
    unsafe {
        // Close-on-exec, like the slave side below: no child of another test inherits it.
        let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
        assert!(master >= 0, "posix_openpt");
        assert_eq!(libc::grantpt(master), 0, "grantpt");
        assert_eq!(libc::unlockpt(master), 0, "unlockpt");
        let mut name = [0 as libc::c_char; 128];
        assert_eq!(libc::ptsname_r(master, name.as_mut_ptr(), name.len()), 0);
        let path = CStr::from_ptr(name.as_ptr()).to_str().unwrap().to_string();
        let slave = OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_NOCTTY)
            .open(Path::new(&path))
            .unwrap();
        (File::from_raw_fd(master), slave)
    }
}

#[test]
fn usage_errors_escape_the_argument_they_echo() {
    let s = Setup::new();
    let shown = s.on_terminal(&["export", "--format", RAW]);
    // clap's plain rendering drops the escape sequence itself; the rest shows escaped.
    assert_no_controls(&shown, "a usage error");
    assert!(
        shown.contains("invalid value") && shown.contains("\\u{9b}2J\\u{202e}"),
        "{shown}"
    );
    let help = s.on_terminal(&["--help"]);
    assert!(help.contains("Usage"), "{help}");
}

/// Issue 18, point 7: the line and paragraph separators and the direction marks U+200E,
/// U+200F and U+061C are escaped like the other direction marks.
#[test]
fn separators_and_direction_marks_are_escaped_on_a_terminal() {
    let s = Setup::new();
    let odd = "desk\u{2028}a\u{2029}b\u{200e}c\u{200f}d\u{61c}e";
    let mark = s
        .command(&["mark", "ba-43-2024:1.1", "--owner", odd, "evil.json"])
        .output()
        .unwrap();
    assert!(mark.status.success(), "{mark:?}");
    let shown = s.on_terminal(&["search", "is:marked", "evil.json"]);
    assert!(
        shown.contains("desk\\u{2028}a\\u{2029}b\\u{200e}c\\u{200f}d\\u{61c}e"),
        "{shown:?}"
    );
    assert!(
        s.piped(&["search", "is:marked", "evil.json"]).contains(odd),
        "a pipe gets the exact text"
    );
}

/// Issue 18, point 7: what `reso search` says of missing terms (and `--partial` prints), and
/// the id `reso library remove` echoes, are escaped on a terminal.
#[test]
fn missing_terms_and_a_removed_id_are_escaped_when_echoed() {
    let s = Setup::new();
    let query = format!("energy zzq{RAW}");
    let hint = s.on_terminal(&["search", &query, "evil.json"]);
    assert!(hint.contains("missing: zzq"), "{hint}");
    assert_escaped(&hint, "search's missing terms");
    let partial = s.on_terminal(&["search", &query, "evil.json", "--partial", "--json"]);
    assert!(partial.contains("\"missing\""), "{partial}");
    assert_no_controls(&partial, "search --partial --json");
    let id = format!("nothing{RAW}");
    let removed = s.on_terminal(&["library", "remove", &id]);
    assert!(removed.contains("has no resolution nothing"), "{removed}");
    assert_escaped(&removed, "library remove");
}
