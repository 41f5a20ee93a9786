//! The command line as scripts see it: help, version, completions, man page, pipes.

use crate::common::Sandboxed;
use assert_cmd::Command;

fn reso() -> Command {
    let mut cmd = Command::cargo_bin("reso").unwrap();
    cmd.sandboxed();
    cmd
}

fn stdout(args: &[&str]) -> String {
    let out = reso().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "reso {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn help_and_version_read_well() {
    let help = stdout(&["--help"]);
    for command in [
        "validate",
        "search",
        "import",
        "export",
        "followups",
        "completions",
        "man",
    ] {
        assert!(help.contains(command), "--help lists {command}:\n{help}");
    }
    assert!(help.contains("--followups <FILE>") && help.contains("RESO_FOLLOWUPS"));
    assert!(
        help.contains("--since <DATE>"),
        "the browser's board counts from a date"
    );
    let bad = reso().args(["--since", "yesterday"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2), "a bad date is a usage error");
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("expected YYYY-MM-DD, -14d or -2w"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    for sub in ["validate", "search", "import", "export", "completions"] {
        assert!(
            stdout(&[sub, "--help"]).starts_with(char::is_uppercase),
            "{sub} --help has a summary"
        );
    }
    assert_eq!(
        stdout(&["--version"]),
        format!("reso {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn completions_for_each_shell_and_a_man_page() {
    assert!(stdout(&["completions", "bash"]).contains("_reso()"));
    assert!(stdout(&["completions", "zsh"]).starts_with("#compdef reso"));
    assert!(stdout(&["completions", "fish"]).contains("complete -c reso"));
    let man = stdout(&["man"]);
    assert!(man.contains(".TH reso 1"), "roff man page");
    assert!(
        !stdout(&["search", "nato"]).contains('\x1b'),
        "no escape codes into a pipe"
    );
    reso().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    // A resolution big enough that its matches overflow the pipe's buffer, so reso is still
    // writing when `head` has closed the pipe.
    let mut resolution: serde_json::Value =
        serde_json::from_str(include_str!("../../resolutions/ba-43-2024.json")).unwrap();
    let area = resolution["areas"][0].clone();
    let areas: Vec<serde_json::Value> = (1..=200)
        .map(|a| {
            let mut area = area.clone();
            area["id"] = a.to_string().into();
            for (c, commitment) in area["commitments"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .enumerate()
            {
                commitment["id"] = format!("{a}.{}", c + 1).into();
            }
            area
        })
        .collect();
    resolution["areas"] = areas.into();
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    std::fs::write(&big, resolution.to_string()).unwrap();
    let script = format!(
        "{} search the {} | head -c 1 >/dev/null; echo ${{PIPESTATUS[0]}}",
        env!("CARGO_BIN_EXE_reso"),
        big.display()
    );
    let out = std::process::Command::new("bash")
        .sandboxed()
        .arg("-c")
        .arg(script)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "0",
        "exit status of reso"
    );
    assert!(
        out.stderr.is_empty(),
        "nothing on stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A failure of the system (here a full disk, `/dev/full`) ends with its own status, 4, and
/// says what could not be written; bad input stays 2.
#[test]
fn a_full_disk_is_exit_4_and_bad_input_exit_2() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_reso"))
        .sandboxed()
        .args(["search", "defence"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot write to standard output: No space left on device"),
        "{stderr}"
    );
    let out = reso().args(["search", "is:bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "a bad query is input");
}

#[test]
fn the_browser_without_a_terminal_points_elsewhere() {
    let out = reso().env("TERM", "dumb").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1);
    assert!(stderr.contains("reso search") && stderr.contains("reso export"));
}

#[test]
fn the_sandbox_hides_the_developers_library() {
    // A developer's data folder holding one imported resolution besides the bundled one.
    let developer = tempfile::tempdir().unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/files/ba-49-2030.txt");
    let library = |cmd: &mut Command| -> Vec<String> {
        let out = cmd.arg("library").output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let listing = String::from_utf8(out.stdout).unwrap();
        listing.lines().map(str::to_string).collect()
    };
    reso()
        .env("XDG_DATA_HOME", developer.path())
        .args(["import", "--add"])
        .arg(&fixture)
        .assert()
        .code(0);
    let mut seen = Command::cargo_bin("reso").unwrap();
    seen.sandboxed().env("XDG_DATA_HOME", developer.path());
    assert_eq!(
        library(&mut seen).len(),
        2,
        "the developer's library is there"
    );
    // Set by the parent before the sandbox, as a developer's environment would be.
    let mut hidden = Command::cargo_bin("reso").unwrap();
    hidden
        .env("XDG_DATA_HOME", developer.path())
        .env("RESO_FOLLOWUPS", developer.path().join("followups.json"))
        .sandboxed();
    let lines = library(&mut hidden);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("ba-43-2024  ") && lines[0].ends_with("(bundled)"));
}
