//! Screen snapshots drawn to ratatui's TestBackend at 80x24 and 200x50, and style checks
//! on buffer cells (insta snapshots hold text only).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;

use reso::app::App;
use reso::ui::{self, Theme, View};

fn draw(app: &App, width: u16, height: u16, theme: Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut view = View::default();
    terminal
        .draw(|frame| ui::draw(frame, app, &mut view, &theme))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let width = buffer.area.width as usize;
    buffer
        .content
        .chunks(width)
        .map(|row| {
            row.iter()
                .map(|c| c.symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const COLOR: Theme = Theme {
    color: true,
    ascii: false,
};
const PLAIN_ASCII: Theme = Theme {
    color: false,
    ascii: true,
};

/// The app with an empty follow-ups store whose file is never written (drawing never saves).
fn app() -> App {
    let store =
        reso::followups::Store::open(std::path::Path::new("/nonexistent/reso/followups.json"));
    App::new(
        reso::bundled::library(),
        time::macros::date!(2025 - 01 - 10),
        reso::browse::carry::opened(&store),
    )
}

fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

#[test]
fn start_screen_80x24() {
    insta::assert_snapshot!(text(&draw(&app(), 80, 24, COLOR)));
}

#[test]
fn start_screen_200x50_has_detail_on_the_right() {
    insta::assert_snapshot!(text(&draw(&app(), 200, 50, COLOR)));
}

#[test]
fn ascii_no_color_after_folding() {
    let mut app = app();
    keys(&mut app, "hh");
    let buffer = draw(&app, 80, 24, PLAIN_ASCII);
    insta::assert_snapshot!(text(&buffer));
    for cell in buffer.content.iter() {
        assert_eq!(
            cell.fg,
            ratatui::style::Color::Reset,
            "NO_COLOR draws no colour"
        );
        assert!(
            cell.symbol().is_ascii(),
            "ASCII mode draws ASCII only: {:?}",
            cell.symbol()
        );
    }
}

#[test]
fn help_overlay_lists_keys() {
    let mut app = app();
    keys(&mut app, "?");
    insta::assert_snapshot!(text(&draw(&app, 80, 24, COLOR)));
}

#[test]
fn too_small_terminal_gets_a_notice() {
    let buffer = draw(&app(), 39, 9, COLOR);
    assert_eq!(
        text(&buffer).lines().next().unwrap(),
        "terminal too small: need 40x10"
    );
}

#[test]
fn selected_row_is_reverse_video_across_the_width() {
    for theme in [COLOR, PLAIN_ASCII] {
        let buffer = draw(&app(), 80, 24, theme);
        // Row 3 holds 1.1, the selected commitment; row 4 holds 1.2.
        for x in 0..80 {
            assert!(
                buffer[(x, 3)].modifier.contains(Modifier::REVERSED),
                "cell {x} of the selected row"
            );
            assert!(
                !buffer[(x, 4)].modifier.contains(Modifier::REVERSED),
                "cell {x} of the next row"
            );
        }
    }
}

#[test]
fn filter_highlights_matched_characters_by_style_not_colour_alone() {
    let mut app = app();
    keys(&mut app, "/suwalki");
    for theme in [COLOR, PLAIN_ASCII] {
        let buffer = draw(&app, 100, 30, theme);
        let screen = text(&buffer);
        // The row is cut before the end of 1.7; the detail pane shows the whole text, in
        // ASCII mode spelled in ASCII.
        let word = if theme.ascii { "Suwalki" } else { "Suwałki" };
        let (y, line) = screen
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(word))
            .expect("shown");
        let x = line[..line.find(word).unwrap()].chars().count() as u16;
        for dx in 0..7 {
            let cell = &buffer[(x + dx, y as u16)];
            assert!(
                cell.modifier
                    .contains(Modifier::UNDERLINED | Modifier::BOLD),
                "{:?} of Suwałki is underlined and bold",
                cell.symbol()
            );
        }
        let before = &buffer[(x - 2, y as u16)];
        assert!(
            !before.modifier.contains(Modifier::UNDERLINED),
            "only the match is underlined"
        );
    }
    insta::assert_snapshot!(text(&draw(&app, 80, 24, COLOR)));
}

#[test]
fn a_failed_save_shows_a_banner_and_keeps_the_change() {
    // No folder can be made in /proc, not even by root: the file reads as missing (an empty
    // store), and every save fails.
    let mut store =
        reso::followups::Store::open(std::path::Path::new("/proc/reso-test/followups.json"));
    let mut app = App::new(
        reso::bundled::library(),
        time::macros::date!(2025 - 01 - 10),
        reso::browse::carry::opened(&store),
    );
    let effect = app.handle_key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE));
    let reso::app::Effect::Save(request) = effect else {
        panic!("Space asks for a save, not {effect:?}")
    };
    // What the event loop does with it: make the change, save, tell the app.
    reso::browse::carry::request(
        &mut app,
        &mut store,
        &mut reso::browse::carry::Saving::default(),
        request,
    );
    let screen = text(&draw(&app, 100, 30, COLOR));
    let first = screen.lines().next().unwrap();
    assert!(
        first.contains("NOT SAVED") && first.contains("/proc/reso-test"),
        "banner: {first}"
    );
    assert!(
        screen.lines().last().unwrap().contains("NOT SAVED"),
        "status bar says so too"
    );
    assert_eq!(
        store.unsaved(),
        1,
        "the change stays in memory for the next try"
    );
    assert!(app.followups().get("ba-43-2024:1.1").is_some());
}

#[test]
fn a_broken_followups_file_opens_read_only_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.json");
    std::fs::write(
        &path,
        "{\n  \"format\": \"reso-followups\",\n  \"version\": 1,\n  \"followups\": {,}\n}\n",
    )
    .unwrap();
    let store = reso::followups::Store::open(&path);
    let app = App::new(
        reso::bundled::library(),
        time::macros::date!(2025 - 01 - 10),
        reso::browse::carry::opened(&store),
    );
    let screen = text(&draw(&app, 120, 30, PLAIN_ASCII));
    let first = screen.lines().next().unwrap();
    assert!(
        first.contains("READ-ONLY") && first.contains("f.json:4:"),
        "banner: {first}"
    );
}

/// A recital's footnotes, kept by the importer, stand under its text in the detail pane as
/// the printed page sets them.
#[test]
fn the_detail_pane_shows_a_recitals_footnotes() {
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/files/un-91-9-2036.txt"),
    )
    .unwrap();
    let imported = reso::import::import(&source, &reso::import::Options::default()).unwrap();
    let store =
        reso::followups::Store::open(std::path::Path::new("/nonexistent/reso/followups.json"));
    let mut app = App::new(
        reso::model::Library::new(vec![imported.resolution]),
        time::macros::date!(2036 - 06 - 20),
        reso::browse::carry::opened(&store),
    );
    keys(&mut app, "ggjlj");
    let screen = text(&draw(&app, 100, 30, PLAIN_ASCII));
    assert!(screen.contains("ga-91-9-2036:r1"), "{screen}");
    assert!(screen.contains("[1] See A/89/312."), "{screen}");
}

/// `reso --as-of DATE`: the browser shows the follow-ups as they stood at the end of that
/// day, says so, and refuses every change, leaving the file as it is.
#[test]
fn as_of_a_day_the_browser_shows_that_day_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("followups.json");
    let entry = |at: &str, field: &str, to: &str| serde_json::json!({"at": at, "by": "anna", "field": field, "from": null, "to": to});
    let file = serde_json::json!({
        "format": "reso-followups",
        "version": 1,
        "followups": {
            "ba-43-2024:1.1": {
                "status": "done",
                "note": "Done in May.",
                "created": "2025-01-10T09:00:00Z",
                "updated": "2025-05-02T09:00:00Z",
                "history": [
                    entry("2025-01-10T09:00:00Z", "status", "open"),
                    entry("2025-05-02T09:00:00Z", "status", "done"),
                    entry("2025-05-02T09:00:00Z", "note", "Done in May."),
                ]
            }
        }
    });
    std::fs::write(&path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let store = reso::followups::Store::open(&path).as_of(time::macros::date!(2025 - 03 - 31));
    let mut app = App::new(
        reso::bundled::library(),
        time::macros::date!(2025 - 03 - 31),
        reso::browse::carry::opened(&store),
    );
    let screen = text(&draw(&app, 100, 30, PLAIN_ASCII));
    assert!(
        screen.contains("AS OF 2025-03-31: the follow-ups as they stood at the end of that day"),
        "{screen}"
    );
    assert!(screen.contains("as of 2025-03-31, read-only"), "{screen}");
    let record = app.followups().get("ba-43-2024:1.1").unwrap();
    assert_eq!(
        (record.status, record.note.as_deref()),
        (Some(reso::followups::Status::Open), None),
        "open then, and no note yet"
    );
    keys(&mut app, " ");
    assert!(
        app.message().unwrap_or_default().contains("read-only"),
        "{:?}",
        app.message()
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is untouched"
    );
}
