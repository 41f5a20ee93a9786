//! Follow-ups in a real terminal (tmux): what is marked and noted is in the file and back
//! after a restart; a hang-up (SIGHUP) loses nothing and leaves no reso process behind.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::tmux::Tmux;

fn reso() -> &'static str {
    env!("CARGO_BIN_EXE_reso")
}

fn followups(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("the follow-ups file exists");
    serde_json::from_str(&text).expect("the follow-ups file parses")
}

#[test]
fn marks_notes_and_the_cursor_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let command = format!("LANG=C.UTF-8 {} --followups {}", reso(), file.display());
    let tmux = Tmux::start("restart", 100, 30, &command);
    tmux.wait_for("ba-43-2024:1.1");
    tmux.keys(&["Space"]);
    tmux.wait_for("saved");
    tmux.keys(&["k", "a"]);
    tmux.type_text("Ask the ministry, “now”");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Ask the ministry, “now”");
    tmux.keys(&["j", "j"]);
    tmux.wait_for("ba-43-2024:1.3");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
    let record = &followups(&file)["followups"]["ba-43-2024:1.1"];
    assert_eq!(record["status"], "open");
    assert_eq!(record["note"], "Ask the ministry, “now”");

    // Start again in the same home: the cursor, the mark and the note are back.
    let second = Tmux::start_at("restart2", 100, 30, &command, &tmux.home);
    second.wait_for("commitment 3/8 · ba-43-2024:1.3");
    second.keys(&["k", "k"]);
    let screen = second.wait_for("ba-43-2024:1.1");
    assert!(
        screen.contains("○ 1.1"),
        "marker shown on the row:\n{screen}"
    );
    second.wait_for("Ask the ministry, “now”");
}

#[test]
fn a_hang_up_keeps_the_last_change_and_leaves_no_process() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let tmux = Tmux::start(
        "hangup",
        100,
        30,
        &format!("exec {} --followups {}", reso(), file.display()),
    );
    tmux.wait_for("ba-43-2024:1.1");
    tmux.keys(&["o"]);
    tmux.type_text("defence-desk");
    tmux.keys(&["Enter"]);
    tmux.wait_for("saved");
    let pid = tmux.pane_pid();
    let status = std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    while Path::new(&format!("/proc/{pid}")).exists() {
        assert!(
            Instant::now() < deadline,
            "reso {pid} still running 10 s after SIGHUP"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        followups(&file)["followups"]["ba-43-2024:1.1"]["owner"],
        "defence-desk"
    );
}

#[test]
fn another_sessions_save_shows_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let command = format!("LANG=C.UTF-8 {} --followups {}", reso(), file.display());
    let first = Tmux::start("live1", 100, 30, &command);
    let second = Tmux::start("live2", 100, 30, &command);
    first.wait_for("ba-43-2024:1.1");
    second.wait_for("ba-43-2024:1.1");
    first.keys(&["Space"]);
    first.wait_for("saved");
    // No key is sent to the second session: the file watcher wakes it.
    second.wait_for("(8) · 1 marked");
    second.keys(&["j", "j", "Space"]);
    first.wait_for("(8) · 2 marked");
    let saved = followups(&file);
    let marked: Vec<&String> = saved["followups"].as_object().unwrap().keys().collect();
    assert_eq!(marked, ["ba-43-2024:1.1", "ba-43-2024:1.3"]);
}

#[test]
fn a_change_that_could_not_be_saved_survives_a_hang_up() {
    // No folder can be made in /proc, not even by root: every save fails.
    let command = format!("exec {} --followups /proc/reso-test/followups.json", reso());
    let tmux = Tmux::start("unsaved", 100, 30, &command);
    tmux.wait_for("ba-43-2024:1.1");
    tmux.keys(&["Space"]);
    tmux.wait_for("NOT SAVED");
    let pid = tmux.pane_pid();
    std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Path::new(&format!("/proc/{pid}")).exists() {
        assert!(Instant::now() < deadline, "reso still running after SIGHUP");
        std::thread::sleep(Duration::from_millis(20));
    }
    let again = Tmux::start_at("unsaved2", 100, 30, &command, &tmux.home);
    let screen = again.wait_for("could not save");
    assert!(screen.contains("○ 1.1"), "the mark is back:\n{screen}");
}
