//! The real binary in a real terminal (tmux): it draws, answers keys, and gives the
//! terminal back exactly as it found it when it quits.

use crate::common::tmux::Tmux;

fn reso() -> &'static str {
    env!("CARGO_BIN_EXE_reso")
}

#[test]
fn browses_and_restores_the_terminal_on_quit() {
    let tmux = Tmux::start("browse", 100, 30, &format!("LANG=C.UTF-8 {}", reso()));
    let screen = tmux.wait_for("area 1/15 · commitment 1/8 · ba-43-2024:1.1");
    assert!(screen.contains("1 Defence cooperation of the Baltic States (8)"));
    assert_eq!(tmux.format("#{alternate_on}"), "1", "full alternate screen");
    assert_eq!(
        tmux.format("#{mouse_standard_flag}"),
        "1",
        "clicks are reported"
    );
    assert_eq!(
        tmux.format("#{mouse_all_flag}"),
        "0",
        "mouse moves are not reported"
    );
    assert_eq!(
        tmux.format("#{mouse_button_flag}"),
        "0",
        "mouse drags are not reported"
    );

    tmux.keys(&["j", "j", "]"]);
    tmux.wait_for("area 2/15 · 13 commitments · ba-43-2024:2");
    tmux.keys(&["G"]);
    tmux.wait_for("ba-43-2024:15.4");

    tmux.keys(&["q"]);
    let screen = tmux.wait_for("EXITED 0");
    assert!(
        !screen.contains("Defence cooperation"),
        "the tree is gone after quit:\n{screen}"
    );
    assert_eq!(tmux.format("#{alternate_on}"), "0", "alternate screen left");
    assert_eq!(tmux.format("#{cursor_flag}"), "1", "cursor shown again");
    assert_eq!(tmux.format("#{mouse_any_flag}"), "0", "mouse reporting off");
}

#[test]
fn ascii_without_utf8_locale_and_resize() {
    let tmux = Tmux::start(
        "ascii",
        80,
        24,
        &format!("LANG=C LC_ALL=C NO_COLOR=1 {}", reso()),
    );
    let screen = tmux.wait_for("area 1/15 | commitment 1/8 | ba-43-2024:1.1");
    assert!(
        screen.contains("+ Preamble (12 recitals)"),
        "ASCII fold glyphs:\n{screen}"
    );
    assert!(screen.is_ascii(), "nothing but ASCII on the screen");
    // NO_COLOR: attributes (bold, reverse) only; every colour parameter is a default (39, 49).
    let styled = tmux.screen_with_escapes();
    for sgr in styled
        .split('\x1b')
        .filter_map(|s| s.strip_prefix('['))
        .filter_map(|s| s.split_once('m'))
    {
        for code in sgr.0.split(';').filter(|c| !c.is_empty()) {
            let code: u32 = code.parse().unwrap();
            assert!(
                !(30..=38).contains(&code)
                    && !(40..=48).contains(&code)
                    && !(90..=107).contains(&code),
                "a colour ({code}) under NO_COLOR"
            );
        }
    }
    tmux.resize(30, 8);
    tmux.wait_for("terminal too small");
    tmux.resize(120, 40);
    tmux.wait_for("Area: 1 regarding the defence cooperation");
    tmux.keys(&["C-c"]);
    tmux.wait_for("EXITED 0");
}

#[test]
fn refuses_to_draw_without_a_terminal() {
    let out = std::process::Command::new(reso()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("needs a terminal") && stderr.contains("reso search"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

/// Issue 18, point 7: line and paragraph separators and direction marks in a commitment's
/// text are drawn as a visible placeholder, one column each, in the tree and in the detail
/// pane; nothing after them moves (the divider stays in its column) and the terminal never
/// gets them raw.
#[test]
fn separators_and_direction_marks_are_placeholders_and_move_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = include_str!("../../resolutions/ba-43-2024.json");
    let needle = "financially successful defence industry of the Baltic States;";
    assert!(bundled.contains(needle));
    let odd = "financially\\u2028successful\\u2029defence\\u200eindustry\\u200fof\\u061cthe\\u202eBaltic States;";
    let file = dir.path().join("odd.json");
    std::fs::write(&file, bundled.replacen(needle, odd, 1)).unwrap();
    let command = format!("LANG=C.UTF-8 {} --fresh {}", reso(), file.display());
    // Wide enough for the detail pane beside the tree, behind a divider.
    let tmux = Tmux::start("odd-marks", 200, 30, &command);
    let screen = tmux.wait_for("ba-43-2024:1.1");
    let shown = "financially\u{fffd}successful\u{fffd}defence\u{fffd}industry\u{fffd}of\u{fffd}the\u{fffd}Baltic";
    assert!(
        screen.contains(shown),
        "placeholders in the detail pane:\n{screen}"
    );
    let divider = |screen: &str| -> Vec<usize> {
        screen
            .lines()
            .filter_map(|line| line.chars().position(|c| c == '│'))
            .collect()
    };
    let columns = divider(&screen);
    assert!(columns.len() > 10, "a divider on most rows:\n{screen}");
    assert!(
        columns.iter().all(|&c| c == columns[0]),
        "the divider moved: {columns:?}\n{screen}"
    );
    let raw = [
        '\u{2028}', '\u{2029}', '\u{200e}', '\u{200f}', '\u{61c}', '\u{202e}',
    ];
    assert!(
        !tmux.screen_with_escapes().contains(raw),
        "a mark reached the terminal raw"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
}
