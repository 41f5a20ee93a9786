//! The hour before the meeting in a real 80x24 terminal (tmux): reading a commitment whole,
//! the progress board after marking, a conflict between two sessions on one file, filtering
//! inside follow-ups only, and a date prompt replaced by typing.

use std::path::Path;

use crate::common::tmux::Tmux;

fn reso() -> &'static str {
    env!("CARGO_BIN_EXE_reso")
}

fn record(path: &Path, reference: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("the follow-ups file exists");
    let json: serde_json::Value = serde_json::from_str(&text).expect("it parses");
    json["followups"][reference].clone()
}

/// The record once `done` says it is as expected (a save reaches the file a moment after the
/// key; the status bar may still say `saved` from an earlier change), or as it is after 10 s.
fn record_when(
    path: &Path,
    reference: &str,
    done: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let record = record(path, reference);
        if done(&record) || std::time::Instant::now() > deadline {
            return record;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn command(file: &Path) -> String {
    format!("LANG=C.UTF-8 {} --followups {}", reso(), file.display())
}

#[test]
fn the_detail_pane_and_the_reader_show_the_whole_text_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let tmux = Tmux::start("reader", 80, 24, &command(&file));
    tmux.wait_for("ba-43-2024:1.1");
    // 8.1, with a three-line note: its text still shows whole in the pane.
    tmux.keys(&["/", "8.1", "Enter"]);
    tmux.wait_for("ba-43-2024:8.1");
    tmux.keys(&["a"]);
    tmux.type_text("one");
    tmux.keys(&["C-j"]);
    tmux.type_text("two");
    tmux.keys(&["C-j"]);
    tmux.type_text("three");
    tmux.keys(&["Enter"]);
    tmux.wait_for("saved");
    let screen = tmux.wait_for("financing to fill the funding gaps;");
    assert!(
        screen.contains("  three"),
        "the tree's empty rows go to the pane:\n{screen}"
    );
    assert!(screen.contains("Follow-up: "), "{screen}");

    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Esc or q closes");
    for part in [
        "ba-43-2024:8.1",
        "Area: 8",
        "Addressees: Parliament of the Republic of Estonia",
        "the funding gaps;",
        "  three",
    ] {
        assert!(screen.contains(part), "{part:?} in the reader:\n{screen}");
    }
    tmux.keys(&["G"]);
    let screen = tmux.wait_for("History (newest first):");
    assert!(screen.contains("note: - → one / two / three"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("commitment 1/");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
}

#[test]
fn the_board_after_marking_and_follow_ups_only_with_a_filter() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let tmux = Tmux::start(
        "board",
        80,
        24,
        &format!(
            "LANG=C NO_COLOR=1 {} --followups {}",
            reso(),
            file.display()
        ),
    );
    tmux.wait_for("ba-43-2024:1.1");
    // Two marks in area 1, the second done and owned.
    tmux.keys(&["Space", "Space", "k", "s", "s", "s", "o"]);
    tmux.type_text("Saeima");
    tmux.keys(&["Enter"]);
    tmux.wait_for("saved");
    tmux.keys(&["b"]);
    let screen = tmux.wait_for("Progress by area");
    assert!(screen.is_ascii(), "{screen}");
    let total = screen
        .lines()
        .find(|l| l.trim_start().starts_with("Total"))
        .expect("totals on top");
    assert!(total.contains("1/106"), "{total}");
    // done, late, stale, changed since (14 days back by default), last change.
    let figures: Vec<&str> = total.split_whitespace().rev().take(5).collect();
    assert_eq!(figures[1], "2", "both marks changed since: {total}");
    assert!(screen.contains("since = changed on"), "{screen}");
    let area = screen
        .lines()
        .find(|l| l.trim_start().starts_with("1 "))
        .expect("area 1");
    // 6 of 8 not marked, 1 open, 1 done: told apart by letter, not colour.
    assert!(
        area.contains("...............oovvv") && area.contains("1/8"),
        "{area}"
    );
    tmux.keys(&["Tab"]);
    let screen = tmux.wait_for("Progress by owner");
    assert!(screen.contains(" Saeima"), "{screen}");
    // Enter on an owner: the tree filtered to their follow-ups.
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("1 of 106 commitments");
    assert!(screen.contains("/owner:Saeima"), "{screen}");
    // Enter on area 2, which the owner's filter hides: the filter is lifted, and it says so.
    tmux.keys(&["b", "j", "Enter"]);
    tmux.wait_for("the filter and follow-ups only were lifted");
    let screen = tmux.wait_for("Commitments: 13");
    assert!(screen.contains("Reference: ba-43-2024:2\n"), "{screen}");

    // Follow-ups only and a filter: the count is what can be reached.
    tmux.keys(&["F", "/"]);
    tmux.type_text("defence");
    tmux.keys(&["Enter"]);
    tmux.wait_for("2 of 2 follow-ups");
    tmux.keys(&["C-u"]);
    tmux.keys(&["/", "C-u"]);
    tmux.type_text("suwalki");
    let screen = tmux.wait_for("0 of 2 follow-ups");
    assert!(screen.contains("F shows 1 more"), "{screen}");
    tmux.keys(&["Enter"]);
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
}

#[test]
fn a_date_prompt_is_replaced_by_typing_and_a_concurrent_note_asks() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let mine = Tmux::start("conflict-a", 80, 24, &command(&file));
    mine.wait_for("ba-43-2024:1.1");
    mine.keys(&["d"]);
    mine.type_text("2099-12-15");
    mine.keys(&["Enter"]);
    mine.wait_for("saved");
    mine.keys(&["d"]);
    let screen = mine.wait_for("due: 2099-12-15");
    assert!(
        screen.contains("Enter saves, empty clears") && !screen.contains("Ctrl-j"),
        "the due prompt's own hints:\n{screen}"
    );
    mine.type_text("2099-12-31");
    mine.keys(&["Enter"]);
    mine.wait_for("due 2099-12-31");
    assert_eq!(record(&file, "ba-43-2024:1.1")["due"], "2099-12-31");

    // Both sessions on one file: the other one saves a note while this one types it.
    mine.keys(&["a"]);
    mine.type_text("ours");
    let theirs = Tmux::start_at("conflict-b", 80, 24, &command(&file), &mine.home);
    theirs.wait_for("ba-43-2024:1.1");
    theirs.keys(&["a"]);
    theirs.type_text("theirs");
    theirs.keys(&["Enter"]);
    theirs.wait_for("saved");
    mine.keys(&["Enter"]);
    let screen = mine.wait_for("Another session changed the note");
    assert!(
        screen.contains("theirs: theirs") && screen.contains("yours:  ours"),
        "{screen}"
    );
    assert_eq!(record(&file, "ba-43-2024:1.1")["note"], "theirs");
    mine.keys(&["b"]);
    let both = record_when(&file, "ba-43-2024:1.1", |r| r["note"] != "theirs");
    assert_eq!(both["note"], "theirs\nours");
    mine.wait_for("saved");
    mine.keys(&["q"]);
    mine.wait_for("EXITED 0");
}
