//! Key-sequence tests on the app state, on the bundled resolution.

use std::ops::{Deref, DerefMut};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::storage::followups::Store;
use crate::storage::session::SessionState;
use crate::tui::browse::carry;

/// The app with the store the event loop would own; keys ask for saves, and the session
/// carries them out as the loop does.
struct Session {
    app: App,
    store: Store,
    /// The folder of the follow-ups file, when the session made one; removed with it.
    _folder: Option<tempfile::TempDir>,
}

impl Session {
    fn new(library: Library, today: Date, store: Store) -> Session {
        let app = App::new(library, today, carry::opened(&store));
        Session {
            app,
            store,
            _folder: None,
        }
    }

    /// Hands one key to the app and carries out the save it asks for, as the loop does.
    fn key(&mut self, key: KeyEvent) -> Effect {
        let effect = self.app.handle_key(key);
        if let Effect::Save(request) = &effect {
            carry::request(
                &mut self.app,
                &mut self.store,
                &mut carry::Saving::default(),
                request.clone(),
            );
        }
        self.app.refresh();
        effect
    }

    /// The loop noticed that the file changed.
    fn refresh_followups(&mut self) {
        carry::refresh(&mut self.app, &mut self.store);
        self.app.refresh();
    }

    /// At the start: the last session's unsaved changes, made again and saved.
    fn restore_unsaved(&mut self, state: &SessionState) {
        if let Effect::Save(request) = self.app.restore_unsaved(state) {
            carry::request(
                &mut self.app,
                &mut self.store,
                &mut carry::Saving::default(),
                request,
            );
        }
        self.app.refresh();
    }
}

impl Deref for Session {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl DerefMut for Session {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

/// The app on the bundled resolution, on 2025-01-10, with an empty follow-ups file of its
/// own (changes are saved, as the loop saves them).
fn app() -> Session {
    let folder = tempfile::tempdir().unwrap();
    let store = Store::open(&folder.path().join("followups.json")).with_author("tester");
    let mut session = Session::new(
        crate::storage::bundled::library(),
        time::macros::date!(2025 - 01 - 10),
        store,
    );
    session._folder = Some(folder);
    session
}

fn press(app: &mut Session, keys: &str) -> Effect {
    let mut effect = Effect::None;
    for c in keys.chars() {
        effect = app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    effect
}

fn code(app: &mut Session, code: KeyCode) -> Effect {
    app.key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The effect asks for a save.
fn saves(effect: Effect) -> bool {
    matches!(effect, Effect::Save(_))
}

fn selected_ref(app: &App) -> String {
    match app.selected() {
        Some(NodeId::Item(id)) => app.library.reference(id),
        other => format!("{other:?}"),
    }
}

#[test]
fn starts_on_first_commitment_with_preamble_folded_and_areas_open() {
    let app = app();
    assert_eq!(selected_ref(&app), "ba-43-2024:1.1");
    assert!(app.is_folded(NodeId::Preamble(0)));
    // 1 resolution + preamble + 15 areas + 106 commitments.
    assert_eq!(app.rows().len(), 1 + 1 + 15 + 106);
    assert_eq!(
        app.location().join(" · "),
        "area 1/15 · commitment 1/8 · ba-43-2024:1.1"
    );
}

#[test]
fn moves_and_jumps() {
    let mut app = app();
    press(&mut app, "jj");
    assert_eq!(selected_ref(&app), "ba-43-2024:1.3");
    press(&mut app, "k");
    assert_eq!(selected_ref(&app), "ba-43-2024:1.2");
    press(&mut app, "]");
    assert_eq!(
        app.selected(),
        Some(NodeId::Area {
            resolution: 0,
            area: 1
        })
    );
    press(&mut app, "]]");
    assert_eq!(
        app.location().join(" · "),
        "area 4/15 · 12 commitments · ba-43-2024:4"
    );
    press(&mut app, "[");
    assert_eq!(
        app.selected(),
        Some(NodeId::Area {
            resolution: 0,
            area: 2
        })
    );
    press(&mut app, "G");
    assert_eq!(selected_ref(&app), "ba-43-2024:15.4");
    press(&mut app, "g");
    assert_eq!(app.selected(), Some(NodeId::Resolution(0)));
    app.set_page_height(10);
    code(&mut app, KeyCode::End);
    code(&mut app, KeyCode::PageUp);
    assert_eq!(app.cursor(), app.rows().len() - 1 - 10);
    code(&mut app, KeyCode::PageDown);
    code(&mut app, KeyCode::PageDown);
    assert_eq!(
        app.cursor(),
        app.rows().len() - 1,
        "PageDown stops at the last row"
    );
    app.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    assert_eq!(app.cursor(), app.rows().len() - 1 - 5);
}

#[test]
fn folds_unfolds_and_goes_to_parent_and_child() {
    let mut app = app();
    press(&mut app, "h");
    assert_eq!(
        app.selected(),
        Some(NodeId::Area {
            resolution: 0,
            area: 0
        }),
        "h on a commitment goes to its area"
    );
    press(&mut app, "h");
    assert!(app.is_folded(NodeId::Area {
        resolution: 0,
        area: 0
    }));
    assert_eq!(app.rows().len(), 123 - 8);
    press(&mut app, "l");
    assert!(!app.is_folded(NodeId::Area {
        resolution: 0,
        area: 0
    }));
    press(&mut app, "l");
    assert_eq!(
        selected_ref(&app),
        "ba-43-2024:1.1",
        "l on an open area goes to its first commitment"
    );
    press(&mut app, "-");
    assert_eq!(
        app.rows().len(),
        1 + 1 + 15,
        "fold all leaves resolution, preamble and areas"
    );
    assert_eq!(
        app.selected(),
        Some(NodeId::Area {
            resolution: 0,
            area: 0
        }),
        "selection moves to the folded parent"
    );
    press(&mut app, "=");
    assert_eq!(app.rows().len(), 1 + 1 + 12 + 15 + 106);
    code(&mut app, KeyCode::Enter);
    assert!(app.is_folded(NodeId::Area {
        resolution: 0,
        area: 0
    }));
}

#[test]
fn mouse_click_selects_then_toggles() {
    let mut app = app();
    app.click_row(2);
    assert_eq!(
        app.selected(),
        Some(NodeId::Area {
            resolution: 0,
            area: 0
        })
    );
    app.click_row(2);
    assert!(app.is_folded(NodeId::Area {
        resolution: 0,
        area: 0
    }));
    app.click_row(9999);
    assert_eq!(app.cursor(), 2);
}

#[test]
fn help_quit_and_detail_toggle() {
    let mut app = app();
    press(&mut app, "?");
    assert!(matches!(app.mode, Mode::Help { .. }));
    press(&mut app, "jj");
    assert_eq!(app.mode, Mode::Help { scroll: 2 }, "j scrolls the help");
    // Issue 11: only `?`, `Esc` and `q` close the help (q no longer quits from it).
    press(&mut app, "lx ");
    assert!(
        matches!(app.mode, Mode::Help { .. }),
        "other keys neither close it nor act"
    );
    assert!(marked_refs(&app).is_empty());
    press(&mut app, "q");
    assert_eq!(app.mode, Mode::Tree);
    assert_eq!(
        selected_ref(&app),
        "ba-43-2024:1.1",
        "the key that closes help does nothing else"
    );
    for close in [KeyCode::Esc, KeyCode::Char('?')] {
        press(&mut app, "?");
        code(&mut app, close);
        assert_eq!(app.mode, Mode::Tree);
    }
    press(&mut app, "z");
    assert_eq!(app.detail, DetailPane::Hidden);
    code(&mut app, KeyCode::Tab);
    assert_eq!(app.detail, DetailPane::Shown);
    assert_eq!(press(&mut app, "q"), Effect::Quit);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(app.handle_key(ctrl_c), Effect::Quit);
}

#[test]
fn key_releases_are_ignored() {
    let mut app = app();
    let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    app.handle_key(release);
    assert_eq!(selected_ref(&app), "ba-43-2024:1.1");
}

#[test]
fn session_state_round_trips_through_node_keys() {
    let mut app = app();
    press(&mut app, "]]hjz");
    let state = app.session_state();
    assert!(!state.followups_only);
    assert_eq!(state.selected.as_deref(), Some("ba-43-2024:area:4"));
    assert_eq!(
        state.folded,
        vec!["ba-43-2024:area:3", "ba-43-2024:preamble"]
    );
    assert!(state.detail_hidden);
    let mut restored = self::app();
    restored.restore_session(&state);
    assert_eq!(restored.selected(), app.selected());
    assert_eq!(restored.rows(), app.rows());
    assert_eq!(restored.detail, DetailPane::Hidden);
}

#[test]
fn copy_gives_reference_and_text() {
    let mut app = app();
    let Effect::Copy(text) = press(&mut app, "y") else {
        panic!("y copies")
    };
    assert!(text.starts_with("ba-43-2024:1.1 to start trilateral discussions"));
    assert_eq!(
        app.message.as_deref(),
        Some("copied ba-43-2024:1.1 to the clipboard")
    );
}

fn shown_refs(app: &App) -> Vec<String> {
    app.rows()
        .iter()
        .filter_map(|row| match row.node {
            NodeId::Item(id) => Some(app.library.local_id(id).to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn filter_keeps_matches_with_their_ancestors_and_selects_the_best() {
    let mut app = app();
    press(&mut app, "/nato");
    assert_eq!(app.mode, Mode::Filter);
    assert_eq!(shown_refs(&app), ["r9", "1.3", "1.4", "1.5"]);
    assert_eq!(app.filter_counts(), Some((3, 106)));
    assert!(matches!(app.selected(), Some(NodeId::Item(_))));
    let area = NodeId::Area {
        resolution: 0,
        area: 0,
    };
    assert_eq!(app.group_match_count(area), Some(3));
    assert!(
        app.rows().iter().find(|r| r.node == area).unwrap().context,
        "ancestors are context"
    );
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Tree);
    assert_eq!(app.query.text(), "nato", "Enter keeps the query");
}

#[test]
fn n_and_shift_n_jump_between_matches_skipping_context_rows() {
    let mut app = app();
    press(&mut app, "/rail baltica");
    code(&mut app, KeyCode::Enter);
    assert_eq!(shown_refs(&app), ["r12", "4.11", "8.1", "8.2", "8.3"]);
    press(&mut app, "gn");
    assert_eq!(selected_ref(&app), "ba-43-2024:r12");
    press(&mut app, "n");
    assert_eq!(
        selected_ref(&app),
        "ba-43-2024:4.11",
        "skips the area row between"
    );
    press(&mut app, "nnnn");
    assert_eq!(selected_ref(&app), "ba-43-2024:r12", "wraps around");
    press(&mut app, "N");
    assert_eq!(selected_ref(&app), "ba-43-2024:8.3");
}

#[test]
fn esc_clears_the_filter_and_brings_back_the_users_folds() {
    let mut app = app();
    press(&mut app, "]h"); // fold area 2
    let before = app.rows().to_vec();
    press(&mut app, "/critical");
    assert!(
        shown_refs(&app).contains(&"2.1".to_string()),
        "folds open on the way to a match"
    );
    press(&mut app, "h"); // typed into the query, not a fold
    assert_eq!(app.query.text(), "criticalh");
    code(&mut app, KeyCode::Backspace);
    code(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Tree);
    assert!(app.filter_result().is_none());
    assert_eq!(app.rows(), &before[..]);
}

#[test]
fn typing_moves_and_edits_and_a_bad_query_keeps_the_last_matches() {
    let mut app = app();
    press(&mut app, "/cern");
    assert_eq!(shown_refs(&app), ["12.5", "12.6", "13.9"]);
    code(&mut app, KeyCode::Down);
    app.handle_key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL));
    press(&mut app, " is");
    let before_error = app.rows().to_vec();
    press(&mut app, ":");
    assert!(
        app.query_error
            .as_deref()
            .unwrap()
            .contains("expected is:marked"),
        "{:?}",
        app.query_error
    );
    assert_eq!(app.rows(), &before_error[..], "the last good matches stay");
    app.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    assert!(
        app.filter_result().is_none(),
        "an empty query shows everything"
    );
    assert_eq!(app.rows().len(), 123);
}

fn marked_refs(app: &Session) -> Vec<String> {
    app.store
        .all()
        .map(|(reference, _)| reference.to_string())
        .collect()
}

fn ctrl(app: &mut Session, c: char) -> Effect {
    app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

#[test]
fn space_marks_and_moves_down_and_every_change_asks_for_a_save() {
    let mut app = app();
    assert!(saves(press(&mut app, " ")));
    assert_eq!(selected_ref(&app), "ba-43-2024:1.2", "Space moves down");
    press(&mut app, "k");
    assert_eq!(marked_refs(&app), ["ba-43-2024:1.1"]);
    let status = |app: &Session| {
        app.store
            .get("ba-43-2024:1.1")
            .unwrap()
            .status
            .unwrap()
            .as_str()
    };
    assert_eq!(status(&app), "open");
    assert!(saves(press(&mut app, "s")));
    assert_eq!(status(&app), "in-progress");
    press(&mut app, "sss");
    assert_eq!(status(&app), "dropped");
    press(&mut app, "s");
    assert_eq!(status(&app), "open", "the cycle wraps");
    press(&mut app, "S");
    assert_eq!(status(&app), "dropped", "S cycles backwards");
    // Issue 11: a status other than open is work; `x` asks first and `y` removes.
    press(&mut app, "xy");
    assert!(marked_refs(&app).is_empty(), "x removes the follow-up");
    assert!(
        app.record("ba-43-2024:1.1")
            .is_some_and(|r| !r.history.is_empty()),
        "history kept"
    );
}

#[test]
fn note_owner_and_due_are_edited_in_the_input_line() {
    let mut app = app();
    press(&mut app, "a");
    assert!(matches!(app.mode, Mode::Edit(_)));
    press(&mut app, "Ask the ministry");
    ctrl(&mut app, 'j');
    press(&mut app, "for 2025");
    assert!(saves(code(&mut app, KeyCode::Enter)));
    let record = app
        .store
        .get("ba-43-2024:1.1")
        .expect("editing a note marks the commitment");
    assert_eq!(record.note.as_deref(), Some("Ask the ministry\nfor 2025"));
    press(&mut app, "odefence-desk");
    code(&mut app, KeyCode::Enter);
    press(&mut app, "d+2w");
    code(&mut app, KeyCode::Enter);
    let record = app.store.get("ba-43-2024:1.1").unwrap();
    assert_eq!(record.owner.as_deref(), Some("defence-desk"));
    assert_eq!(
        record.due.map(crate::date::iso),
        Some("2025-01-24".to_string()),
        "+2w from 2025-01-10"
    );

    press(&mut app, "d2025-02-30");
    assert_eq!(
        code(&mut app, KeyCode::Enter),
        Effect::None,
        "an invalid date changes nothing"
    );
    assert!(
        matches!(app.mode, Mode::Edit(_)),
        "the input stays open to fix it"
    );
    assert!(app.message.as_deref().unwrap().contains("invalid date"));
    code(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Tree);
    assert_eq!(
        app.store
            .get("ba-43-2024:1.1")
            .unwrap()
            .due
            .map(crate::date::iso),
        Some("2025-01-24".to_string())
    );
}

#[test]
fn undo_and_redo_step_through_changes_and_v_is_one_step() {
    let mut app = app();
    press(&mut app, "/rail baltica");
    code(&mut app, KeyCode::Enter);
    press(&mut app, "V");
    assert!(
        matches!(&app.mode, Mode::Confirm(Confirm::MarkShown { references, shown: 4 }) if references.len() == 4)
    );
    press(&mut app, "n");
    assert!(marked_refs(&app).is_empty(), "anything but y cancels");
    press(&mut app, "V");
    assert!(saves(press(&mut app, "y")));
    assert_eq!(marked_refs(&app).len(), 4);
    press(&mut app, "s");
    assert!(saves(press(&mut app, "u")));
    assert!(
        app.store
            .all()
            .all(|(_, f)| f.status.unwrap().as_str() == "open"),
        "u undid s"
    );
    press(&mut app, "u");
    assert!(marked_refs(&app).is_empty(), "one u takes back the whole V");
    ctrl(&mut app, 'r');
    assert_eq!(marked_refs(&app).len(), 4, "Ctrl-r redoes it");
    press(&mut app, "uuu");
    assert_eq!(app.message.as_deref(), Some("nothing to undo"));
}

#[test]
fn followups_only_view_overdue_jump_and_query_fields() {
    let mut app = app();
    press(&mut app, "jjd2025-01-01");
    code(&mut app, KeyCode::Enter);
    press(&mut app, "G ");
    press(&mut app, "F");
    assert_eq!(shown_refs(&app), ["1.3", "15.4"]);
    let area = NodeId::Area {
        resolution: 0,
        area: 0,
    };
    assert_eq!(app.group_marks(area), (1, 1), "1 marked, 1 overdue");
    press(&mut app, "g!");
    assert_eq!(selected_ref(&app), "ba-43-2024:1.3");
    press(&mut app, "F/overdue");
    assert_eq!(shown_refs(&app), ["1.3"]);
    ctrl(&mut app, 'u');
    press(&mut app, "is:open !nato");
    assert_eq!(shown_refs(&app), ["15.4"]);
}

#[test]
fn changes_show_in_a_running_filter_and_read_only_store_refuses() {
    let mut app = app();
    press(&mut app, "/is:marked");
    code(&mut app, KeyCode::Enter);
    assert!(shown_refs(&app).is_empty());
    press(&mut app, "g");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.json");
    std::fs::write(&path, "{ not json").unwrap();
    let store = crate::storage::followups::Store::open(&path);
    let mut read_only = Session::new(
        crate::storage::bundled::library(),
        time::macros::date!(2025 - 01 - 10),
        store,
    );
    assert_eq!(press(&mut read_only, " "), Effect::None);
    assert!(
        read_only.message.as_deref().unwrap().contains("read-only"),
        "{:?}",
        read_only.message
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
}

#[test]
fn orphaned_and_changed_records_are_kept_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.json");
    // Mark two commitments in one store and save; then doctor the file as if the
    // resolution had changed: one reference vanished, one text changed.
    let mut store = crate::storage::followups::Store::open(&path);
    store
        .mark("ba-43-2024:1.1", "an older wording of 1.1")
        .unwrap();
    store
        .mark(
            "ba-43-2024:1.2",
            crate::storage::bundled::library().text(13),
        )
        .unwrap();
    store.save().unwrap();
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("ba-43-2024:1.2", "ba-43-2024:99.1");
    std::fs::write(&path, text).unwrap();

    let store = crate::storage::followups::Store::open(&path);
    let mut app = Session::new(
        crate::storage::bundled::library(),
        time::macros::date!(2025 - 01 - 10),
        store,
    );
    assert_eq!(app.orphans(), ["ba-43-2024:99.1"]);
    assert_eq!(app.rows().last().map(|r| r.node), Some(NodeId::Orphan(0)));
    assert!(app.rows().iter().any(|r| r.node == NodeId::Orphans));
    let first = app.library.find("ba-43-2024:1.1").unwrap();
    assert!(app.text_changed(first), "hash of another text");
    assert!(saves(press(&mut app, "c")));
    assert!(!app.text_changed(first), "c confirms the new text");
    press(&mut app, "G");
    assert_eq!(app.selected(), Some(NodeId::Orphan(0)));
    assert!(saves(press(&mut app, "x")), "an orphan can be removed");
    assert!(app.orphans().is_empty());
}

#[test]
fn session_state_keeps_the_filter_and_the_follow_ups_only_view() {
    let mut app = app();
    press(&mut app, " F/rail");
    code(&mut app, KeyCode::Enter);
    let state = app.session_state();
    assert!(state.followups_only);
    assert_eq!(state.query, "rail");
    let mut again = self::app();
    again.restore_session(&state);
    assert!(again.followups_only());
    assert_eq!(again.query.text(), "rail");
    assert!(again.filter_result().is_some(), "the filter runs again");
}

#[test]
fn ctrl_c_while_typing_cancels_the_edit_and_a_draft_survives_the_session() {
    let mut app = app();
    press(&mut app, "ahalf a thought");
    let state = app.session_state();
    let draft = state.draft.clone().expect("the field being typed is kept");
    assert_eq!(
        (draft.reference.as_str(), draft.field.as_str()),
        ("ba-43-2024:1.1", "note")
    );
    assert_eq!(
        ctrl(&mut app, 'c'),
        Effect::None,
        "Ctrl-c cancels the edit, not reso"
    );
    assert_eq!(app.mode, Mode::Tree);
    assert_eq!(ctrl(&mut app, 'c'), Effect::Quit);

    let mut again = self::app();
    again.restore_session(&state);
    let Mode::Edit(edit) = &again.mode else {
        panic!("the draft reopens the input")
    };
    assert_eq!(edit.editor.text(), "half a thought");
    assert!(
        marked_refs(&again).is_empty(),
        "a draft is never saved by itself"
    );
    code(&mut again, KeyCode::Enter);
    assert_eq!(
        again.store.get("ba-43-2024:1.1").unwrap().note.as_deref(),
        Some("half a thought")
    );
}

#[test]
fn clearing_a_field_of_an_unmarked_commitment_changes_nothing() {
    let mut app = app();
    press(&mut app, "a");
    assert_eq!(code(&mut app, KeyCode::Enter), Effect::None);
    assert!(marked_refs(&app).is_empty());
    assert_eq!(app.message.as_deref(), Some("nothing changed"));
}

#[test]
fn undo_keeps_a_newer_change_made_by_another_session() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.json");
    let open = |by: &str| crate::storage::followups::Store::open(&path).with_author(by);
    let mut mine = Session::new(
        crate::storage::bundled::library(),
        time::macros::date!(2025 - 01 - 10),
        open("me"),
    );
    press(&mut mine, "oAlice");
    code(&mut mine, KeyCode::Enter);
    assert!(mine.store.unsaved() == 0, "saved at once");
    // Another session changes the owner after us.
    let mut theirs = open("them");
    theirs.set_owner("ba-43-2024:1.1", Some("Carol")).unwrap();
    theirs.save().unwrap();
    mine.refresh_followups();

    assert_eq!(
        press(&mut mine, "u"),
        Effect::None,
        "nothing of ours left to undo"
    );
    let record = mine.store.get("ba-43-2024:1.1").expect("still marked");
    assert_eq!(
        record.owner.as_deref(),
        Some("Carol"),
        "their newer owner stays"
    );
    let message = mine.message.as_deref().unwrap();
    assert_eq!(
        message,
        "not undone, changed since by another session: ba-43-2024:1.1"
    );
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut app = app();
    app.ask_quit_unsaved();
    assert_eq!(press(&mut app, "n"), Effect::None, "any other key stays");
    assert_eq!(app.mode, Mode::Tree);
    app.ask_quit_unsaved();
    assert_eq!(press(&mut app, "y"), Effect::QuitDiscarding);
}

#[test]
fn changes_that_could_not_be_saved_come_back_for_the_same_file_only() {
    // No folder can be made in /proc: the store opens empty and every save fails.
    let unwritable = std::path::Path::new("/proc/reso-test/followups.json");
    let open = |path: &std::path::Path| {
        let store = crate::storage::followups::Store::open(path);
        Session::new(
            crate::storage::bundled::library(),
            time::macros::date!(2025 - 01 - 10),
            store,
        )
    };
    let mut first = open(unwritable);
    press(&mut first, " ");
    let saved = first.store.save();
    assert!(saved.is_err());
    let state = first.session_state();
    assert_eq!(state.unsaved.len(), 2, "status and text hash of the mark");

    let mut again = open(unwritable);
    again.restore_unsaved(&state);
    assert_eq!(
        marked_refs(&again),
        ["ba-43-2024:1.1"],
        "made again in memory"
    );
    assert!(again.message.as_deref().unwrap().contains("could not save"));

    let mut elsewhere = app();
    elsewhere.restore_unsaved(&state);
    assert!(
        marked_refs(&elsewhere).is_empty(),
        "never into another follow-ups file"
    );
}

#[test]
fn space_derives_everything_once_and_hashes_only_the_text_it_marks() {
    let mut app = app();
    press(&mut app, "   ");
    assert_eq!(marked_refs(&app).len(), 3);
    let before = app.work();
    press(&mut app, " ");
    let after = app.work();
    assert_eq!(selected_ref(&app), "ba-43-2024:1.5");
    assert_eq!(after.searches, before.searches, "no filter, no search");
    assert_eq!(after.row_builds - before.row_builds, 1, "one rows rebuild");
    assert_eq!(
        after.text_hashes - before.text_hashes,
        1,
        "the three marked before are not hashed again"
    );
    // Unmarking hashes nothing.
    press(&mut app, "k");
    let before = app.work();
    press(&mut app, " ");
    assert_eq!(marked_refs(&app).len(), 3);
    assert_eq!(app.work().text_hashes, before.text_hashes);

    // With a filter shown, the follow-ups a query reads changed: one search, no more.
    press(&mut app, "/rail baltica");
    code(&mut app, KeyCode::Enter);
    let before = app.work();
    assert!(saves(press(&mut app, " ")));
    let after = app.work();
    assert_eq!(after.searches - before.searches, 1, "one search");
    assert_eq!(after.row_builds - before.row_builds, 1, "one rows rebuild");
    assert_eq!(after.text_hashes - before.text_hashes, 1);
}

#[test]
fn a_fold_rebuilds_the_rows_once_and_searches_nothing() {
    let mut app = app();
    press(&mut app, "k");
    let (before, rows) = (app.work(), app.rows().len());
    press(&mut app, "h");
    let after = app.work();
    assert_eq!(app.rows().len(), rows - 8, "area 1 folded");
    assert_eq!(after.row_builds - before.row_builds, 1);
    assert_eq!(after.searches, before.searches);
}

/// Presses `binding`'s key.
fn press_binding(app: &mut Session, binding: &keys::Binding) -> Effect {
    let modifiers = if binding.ctrl {
        KeyModifiers::CONTROL
    } else {
        KeyModifiers::NONE
    };
    app.key(KeyEvent::new(binding.code, modifiers))
}

/// Whether the app shows that a key did its action, given the cursor before and the effect.
type Shows = fn(&Session, usize, &Effect) -> bool;

/// What to press first for `action` to show, and whether the app then shows it.
fn setup_and_check(action: keys::Action) -> (&'static str, Shows) {
    use keys::Action::*;
    match action {
        Down => ("", |app, _, _| selected_ref(app) == "ba-43-2024:1.2"),
        Up => ("j", |app, _, _| selected_ref(app) == "ba-43-2024:1.1"),
        HalfPageDown => ("", |app, before, _| app.cursor() == before + 10),
        HalfPageUp => ("G", |app, before, _| app.cursor() + 10 == before),
        PageDown => ("", |app, before, _| app.cursor() == before + 20),
        PageUp => ("G", |app, before, _| app.cursor() + 20 == before),
        Top => ("j", |app, _, _| app.cursor() == 0),
        Bottom => ("", |app, _, _| app.cursor() + 1 == app.rows().len()),
        FoldOrParent => ("", |app, _, _| {
            app.selected()
                == Some(NodeId::Area {
                    resolution: 0,
                    area: 0,
                })
        }),
        UnfoldOrChild => ("k", |app, _, _| selected_ref(app) == "ba-43-2024:1.1"),
        OpenOrFold => ("k", |app, _, _| app.rows().len() == 123 - 8),
        Board => ("", |app, _, _| matches!(app.mode, Mode::Board(_))),
        DetailDown => ("", |app, _, _| app.detail_scroll() == 1),
        DetailUp => ("JJ", |app, _, _| app.detail_scroll() == 1),
        FoldAll => ("", |app, _, _| app.rows().len() == 1 + 1 + 15),
        UnfoldAll => ("", |app, _, _| app.rows().len() > 123),
        PreviousArea => ("]j", |app, _, _| {
            app.selected()
                == Some(NodeId::Area {
                    resolution: 0,
                    area: 1,
                })
        }),
        NextArea => ("", |app, _, _| {
            app.selected()
                == Some(NodeId::Area {
                    resolution: 0,
                    area: 1,
                })
        }),
        Filter => ("", |app, _, _| app.mode == Mode::Filter),
        NextMatch | PreviousMatch => ("/rail baltica\n", |app, before, _| {
            let matched = match app.selected() {
                Some(NodeId::Item(id)) => app.filter_result().unwrap().contains(id),
                _ => false,
            };
            matched && app.cursor() != before
        }),
        ClearFilter => ("/rail\n", |app, _, _| app.filter_result().is_none()),
        Mark => ("", |app, _, effect| {
            saves(effect.clone()) && marked_refs(app) == ["ba-43-2024:1.1"]
        }),
        NextStatus => (" k", |app, _, _| status_of(app) == Some("in-progress")),
        PreviousStatus => (" k", |app, _, _| status_of(app) == Some("dropped")),
        Note => ("", |app, _, _| edits(app, EditField::Note)),
        Owner => ("", |app, _, _| edits(app, EditField::Owner)),
        Due => ("", |app, _, _| edits(app, EditField::Due)),
        Remove => (" k", |app, _, _| marked_refs(app).is_empty()),
        MarkShown => ("", |app, _, _| {
            matches!(app.mode, Mode::Confirm(Confirm::MarkShown { .. }))
        }),
        Undo => (" k", |app, _, _| marked_refs(app).is_empty()),
        Redo => (" u", |app, _, _| marked_refs(app) == ["ba-43-2024:1.1"]),
        FollowupsOnly => ("", |app, _, _| app.followups_only()),
        NextOverdue => ("d2025-01-01\ng", |app, _, _| {
            selected_ref(app) == "ba-43-2024:1.1"
        }),
        ConfirmText => ("", |app, _, _| {
            app.message
                .as_deref()
                .is_some_and(|m| m.starts_with("nothing to confirm"))
        }),
        Export => ("", |_, _, effect| *effect == Effect::Export),
        ToggleDetail => ("", |app, _, _| app.detail == DetailPane::Hidden),
        Copy => ("", |_, _, effect| matches!(effect, Effect::Copy(_))),
        Help => ("", |app, _, _| matches!(app.mode, Mode::Help { .. })),
        Quit => ("", |_, _, effect| *effect == Effect::Quit),
        Suspend => ("", |_, _, effect| *effect == Effect::Suspend),
    }
}

fn status_of(app: &Session) -> Option<&'static str> {
    let followup = app.store.get("ba-43-2024:1.1")?;
    Some(followup.status?.as_str())
}

fn edits(app: &Session, field: EditField) -> bool {
    matches!(&app.mode, Mode::Edit(state) if state.field == field)
}

#[test]
fn every_key_in_the_table_does_what_the_table_says() {
    for binding in keys::bindings() {
        let (setup, shows) = setup_and_check(binding.action);
        let mut app = app();
        // As a drawn frame would tell: the detail pane has lines to scroll.
        app.set_scroll_limits(100, 100);
        // `\n` is Enter.
        for c in setup.chars() {
            match c {
                '\n' => code(&mut app, KeyCode::Enter),
                c => press(&mut app, &c.to_string()),
            };
        }
        let before = app.cursor();
        let effect = press_binding(&mut app, binding);
        assert!(
            shows(&app, before, &effect),
            "{} should do {:?}: {effect:?}, {:?}",
            keys::name(binding),
            binding.action,
            app.message
        );
    }
}

#[test]
fn every_action_has_a_key_and_no_key_has_two_actions() {
    let mut seen = std::collections::HashMap::new();
    for binding in keys::bindings() {
        let before = seen.insert((binding.code, binding.ctrl), binding.action);
        assert!(before.is_none(), "{} is bound twice", keys::name(binding));
    }
    // A key the table does not list with Ctrl acts as the key without it.
    assert_eq!(
        keys::action(KeyCode::Char('j'), true),
        Some(keys::Action::Down)
    );
    assert_eq!(keys::action(KeyCode::Char('r'), false), None);
}

#[test]
fn the_readme_key_table_lists_the_keys_of_the_table() {
    let readme = include_str!("../../../README.md");
    let table = readme
        .split("## Keys")
        .nth(1)
        .expect("a Keys section")
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2);
    let mut in_readme: Vec<String> = table
        .flat_map(|row| {
            let keys = row.split('|').nth(1).unwrap_or("");
            keys.split('`')
                .skip(1)
                .step_by(2)
                .map(|key| match key {
                    "↓" => "Down".to_string(),
                    "↑" => "Up".to_string(),
                    "←" => "Left".to_string(),
                    "→" => "Right".to_string(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut in_table: Vec<String> = keys::bindings().map(keys::name).collect();
    in_readme.sort();
    in_readme.dedup();
    in_table.sort();
    in_table.dedup();
    assert_eq!(in_readme, in_table);
}

#[test]
fn a_prompt_opens_on_the_old_value_selected_with_its_own_hints() {
    let mut app = app();
    press(&mut app, "d2026-12-15");
    code(&mut app, KeyCode::Enter);
    press(&mut app, "d");
    let Mode::Edit(state) = &app.mode else {
        panic!("the due prompt is open")
    };
    assert!(state.editor.is_selected());
    assert_eq!(state.field.hints(), EditField::Due.hints());
    assert!(!EditField::Due.hints().contains("Ctrl-j"), "no note hints");
    assert!(!EditField::Owner.hints().contains("YYYY"), "no date hints");
    press(&mut app, "2026-12-31");
    code(&mut app, KeyCode::Enter);
    let due = app
        .store
        .get("ba-43-2024:1.1")
        .unwrap()
        .due
        .map(crate::date::iso);
    assert_eq!(due.as_deref(), Some("2026-12-31"), "typing replaced it");
    press(&mut app, "d");
    code(&mut app, KeyCode::Left);
    code(&mut app, KeyCode::Backspace);
    press(&mut app, "0");
    code(&mut app, KeyCode::Enter);
    let due = app
        .store
        .get("ba-43-2024:1.1")
        .unwrap()
        .due
        .map(crate::date::iso);
    assert_eq!(
        due.as_deref(),
        Some("2026-12-01"),
        "an arrow kept it to edit"
    );
}

#[test]
fn removing_work_asks_first_and_says_u_brings_it_back() {
    let mut app = app();
    press(&mut app, " k");
    assert!(saves(press(&mut app, "x")), "a bare mark goes at once");
    assert!(app.message.as_deref().unwrap().contains("u brings it back"));
    press(&mut app, "oSaeima");
    code(&mut app, KeyCode::Enter);
    for key in [" ", "x"] {
        assert_eq!(press(&mut app, key), Effect::None, "{key} asks first");
        assert!(matches!(app.mode, Mode::Confirm(Confirm::Remove { .. })));
        code(&mut app, KeyCode::Enter);
        assert_eq!(marked_refs(&app), ["ba-43-2024:1.1"], "only y removes");
    }
    press(&mut app, "x");
    assert!(saves(press(&mut app, "y")));
    assert!(marked_refs(&app).is_empty());
    assert!(app.message.as_deref().unwrap().contains("u brings it back"));
    press(&mut app, "u");
    let record = app.store.get("ba-43-2024:1.1").expect("back");
    assert_eq!(record.owner.as_deref(), Some("Saeima"));
}

/// Two sessions on one file; the second changes the note while the first edits it.
fn conflict(answer: char) -> Session {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.json");
    let open = |by: &str| Store::open(&path).with_author(by);
    let mut mine = Session::new(
        crate::storage::bundled::library(),
        time::macros::date!(2025 - 01 - 10),
        open("me"),
    );
    mine._folder = Some(dir);
    press(&mut mine, "aold");
    code(&mut mine, KeyCode::Enter);
    press(&mut mine, "a");
    code(&mut mine, KeyCode::End);
    press(&mut mine, " mine");
    let mut theirs = open("them");
    theirs.set_note("ba-43-2024:1.1", Some("theirs")).unwrap();
    theirs.save().unwrap();
    mine.refresh_followups();
    assert_eq!(code(&mut mine, KeyCode::Enter), Effect::None);
    let Mode::Conflict(asked) = &mine.mode else {
        panic!("asks: {:?}", mine.mode)
    };
    assert_eq!(
        (asked.yours.as_deref(), asked.theirs.as_deref()),
        (Some("old mine"), Some("theirs"))
    );
    press(&mut mine, "jq");
    assert!(
        matches!(mine.mode, Mode::Conflict(_)),
        "nothing until answered"
    );
    press(&mut mine, &answer.to_string());
    mine
}

#[test]
fn a_field_changed_by_another_session_meanwhile_asks_which_to_keep() {
    let note = |s: &Session| s.store.get("ba-43-2024:1.1").unwrap().note.clone();
    assert_eq!(note(&conflict('y')).as_deref(), Some("old mine"));
    assert_eq!(note(&conflict('t')).as_deref(), Some("theirs"));
    assert_eq!(note(&conflict('b')).as_deref(), Some("theirs\nold mine"));
}

#[test]
fn followups_only_counts_the_follow_ups_that_match() {
    let mut app = app();
    press(&mut app, "jjj ");
    press(&mut app, "F/rail");
    code(&mut app, KeyCode::Enter);
    let (matched, total) = app.filter_counts().unwrap();
    let reachable = app
        .rows()
        .iter()
        .filter(|row| matches!(row.node, NodeId::Item(id) if app.library.is_commitment(id)))
        .count();
    assert_eq!((matched, total), (reachable, 1));
}

#[test]
fn enter_reads_a_commitment_and_folds_a_group() {
    let mut app = app();
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Reader { scroll: 0 });
    app.set_scroll_limits(0, 5);
    press(&mut app, "jjG");
    assert_eq!(app.mode, Mode::Reader { scroll: 5 }, "stops at the end");
    code(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Tree);
    press(&mut app, "k");
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Tree);
    assert!(app.is_folded(NodeId::Area {
        resolution: 0,
        area: 0
    }));
}

#[test]
fn the_board_counts_switches_grouping_and_enter_goes_to_the_area() {
    let mut app = app();
    press(&mut app, "]");
    press(&mut app, "j  ks");
    press(&mut app, "b");
    let Mode::Board(view) = app.mode else {
        panic!("the board")
    };
    assert_eq!(view.selected, 1, "on the area of the selection");
    let board = app.board(view.grouping);
    assert_eq!(board.rows[1].counts.marked(), 2);
    assert_eq!(
        board.rows[1]
            .counts
            .status(crate::storage::followups::Status::InProgress),
        1
    );
    press(&mut app, "jb");
    assert!(matches!(
        app.mode,
        Mode::Board(BoardView {
            grouping: crate::board::Grouping::Owner,
            selected: 0
        })
    ));
    code(&mut app, KeyCode::Tab);
    press(&mut app, "jj");
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Tree);
    assert_eq!(
        app.selected(),
        Some(NodeId::Area {
            resolution: 0,
            area: 2
        })
    );
}

#[test]
fn enter_on_an_owner_row_filters_the_tree_to_their_follow_ups() {
    let mut app = app();
    // 1.1 and 1.3 to "Foreign Affairs", 1.2 marked without an owner.
    press(&mut app, "oForeign Affairs");
    code(&mut app, KeyCode::Enter);
    press(&mut app, "j ");
    press(&mut app, "joForeign Affairs");
    code(&mut app, KeyCode::Enter);
    press(&mut app, "bb");
    let Mode::Board(view) = app.mode else {
        panic!("the board")
    };
    let board = app.board(view.grouping);
    assert_eq!(
        board
            .rows
            .iter()
            .map(|r| r.group.clone())
            .collect::<Vec<_>>(),
        [
            crate::board::Group::Owner(Some("Foreign Affairs".into())),
            crate::board::Group::Owner(None)
        ]
    );
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Tree);
    assert_eq!(app.query.text(), "owner:\"Foreign Affairs\"");
    assert_eq!(app.filter_counts(), Some((2, 106)));
    press(&mut app, "bbj");
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.query.text(), "is:marked !has:owner");
    assert_eq!(app.filter_counts(), Some((1, 106)));
    assert_eq!(
        app.selected(),
        Some(NodeId::Item(app.library.find("ba-43-2024:1.2").unwrap()))
    );
}

#[test]
fn the_board_counts_changes_since_its_date() {
    let mut app = app();
    press(&mut app, " j ");
    let board = |app: &Session| app.board(crate::board::Grouping::Area).total;
    // The store stamps changes with the clock, not with the app's `today`.
    let day = app
        .store
        .get("ba-43-2024:1.1")
        .unwrap()
        .updated
        .as_datetime()
        .date();
    app.since = crate::filter::DateSpec::On(day);
    assert_eq!(board(&app).changed_since, 2, "the day itself counts");
    app.since = crate::filter::DateSpec::On(day.next_day().unwrap());
    assert_eq!(board(&app).changed_since, 0, "nothing changed after it");
}

#[test]
fn area_jumps_say_why_they_do_not_move() {
    let mut app = app();
    press(&mut app, "[[");
    assert_eq!(app.message.as_deref(), Some("this is the first area"));
    press(&mut app, "G]");
    assert_eq!(app.message.as_deref(), Some("this is the last area"));
    let mut un = un_app();
    let before = un.selected();
    press(&mut un, "]");
    assert_eq!(un.selected(), before);
    assert_eq!(
        un.message.as_deref(),
        Some("no policy area headings here: j/k move")
    );
}

#[test]
fn a_folder_that_could_not_be_synced_is_told_after_a_waited_save_too() {
    let mut app = app();
    let mut followups = app.followups().clone();
    let warning = "saved, but the folder could not be synced: Input/output error";
    followups.save = SaveStatus::Saved {
        warning: Some(warning.into()),
    };
    // What the loop passes after a save that waited for the lock.
    app.followups_replaced(followups, crate::tui::app::Outcome::Reloaded);
    assert_eq!(app.message.as_deref(), Some(warning));
}

/// The app on the UN fixture (format version 2: one area without a heading, sub-items
/// `3.a`, `3.b.i`, actions and addressees).
fn un_app() -> Session {
    let text = include_str!("../../../tests/fixtures/import/unga.txt");
    let imported = crate::import::import(text, &crate::import::Options::default()).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let store = Store::open(&folder.path().join("followups.json")).with_author("tester");
    let mut session = Session::new(
        Library::new(vec![imported.resolution]),
        time::macros::date!(2031 - 12 - 20),
        store,
    );
    session._folder = Some(folder);
    session
}

/// The shown rows as `depth id` (`1 3`, `2 3.a`), groups by their kind.
fn row_names(app: &App) -> Vec<String> {
    app.rows()
        .iter()
        .map(|row| match row.node {
            NodeId::Item(id) => {
                let context = if row.context { " (context)" } else { "" };
                format!("{} {}{context}", row.depth, app.library.local_id(id))
            }
            node => format!("{} {node:?}", row.depth),
        })
        .collect()
}

fn select(app: &mut Session, local_id: &str) {
    let reference = format!("{}:{local_id}", app.library.resolutions[0].id);
    let id = app.library.find(&reference).expect("the item exists");
    let i = app
        .rows()
        .iter()
        .position(|row| row.node == NodeId::Item(id))
        .expect("the item is shown");
    app.cursor = i;
}

#[test]
fn an_area_without_heading_has_no_row_and_sub_items_are_children() {
    let app = un_app();
    let res = &app.library.resolutions[0];
    assert_eq!(res.areas.len(), 1);
    assert!(res.areas[0].heading.is_none());
    let rows = row_names(&app);
    assert!(
        !app.rows()
            .iter()
            .any(|row| matches!(row.node, NodeId::Area { .. })),
        "no fold row for an area without heading: {rows:?}"
    );
    assert_eq!(rows[0], "0 Resolution(0)");
    assert_eq!(rows[1], "1 Preamble(0)");
    let at = |id: &str| rows.iter().position(|r| r.split(' ').nth(1) == Some(id));
    let three = at("3").expect("3 shown");
    assert_eq!(rows[three], "1 3");
    assert_eq!(rows[three + 1], "2 3.a");
    assert_eq!(rows[three + 2], "2 3.b");
    assert_eq!(rows[three + 3], "3 3.b.i");
    assert_eq!(rows[three + 4], "3 3.b.ii");
    assert_eq!(rows[three + 5], "2 3.c");
    assert_eq!(rows[three + 6], "1 4");
    // The tree's parents agree with the rows'.
    let id = |local: &str| {
        app.library
            .find(&format!("{}:{local}", res.id))
            .expect("exists")
    };
    assert_eq!(
        tree::parent(&app.library, NodeId::Item(id("3.b.i"))),
        Some(NodeId::Item(id("3.b")))
    );
    assert_eq!(
        tree::parent(&app.library, NodeId::Item(id("3"))),
        Some(NodeId::Resolution(0))
    );
    assert!(!app.location().is_empty());
}

#[test]
fn a_commitment_with_sub_items_folds_with_h_and_l() {
    let mut app = un_app();
    let before = app.rows().len();
    select(&mut app, "3");
    press(&mut app, "h");
    assert_eq!(
        app.rows().len(),
        before - 5,
        "3.a, 3.b, 3.b.i, 3.b.ii, 3.c hidden"
    );
    assert_eq!(selected_ref(&app), "ga-99-12-2031:3");
    // Folded, `h` goes to the parent: the resolution.
    press(&mut app, "h");
    assert_eq!(app.selected(), Some(NodeId::Resolution(0)));
    select(&mut app, "3");
    press(&mut app, "l");
    assert_eq!(app.rows().len(), before);
    assert_eq!(selected_ref(&app), "ga-99-12-2031:3");
    press(&mut app, "l");
    assert_eq!(
        selected_ref(&app),
        "ga-99-12-2031:3.a",
        "open: l goes to the child"
    );
    press(&mut app, "h");
    assert_eq!(selected_ref(&app), "ga-99-12-2031:3", "a sub-item's parent");
    // Enter still reads the commitment.
    code(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Reader { .. }));
    code(&mut app, KeyCode::Esc);
    // `-` folds commitments with sub-items too, `=` unfolds them.
    press(&mut app, "-");
    assert!(app.is_folded(NodeId::Item(app.library.find("ga-99-12-2031:3").unwrap())));
    assert!(!row_names(&app).iter().any(|r| r.ends_with(" 3.a")));
    press(&mut app, "=");
    let recitals = app.library.resolutions[0].preamble.recitals.len();
    assert_eq!(
        app.rows().len(),
        before + recitals,
        "the preamble opens too"
    );
}

#[test]
fn filtering_a_sub_item_shows_its_commitment_as_context() {
    let mut app = un_app();
    press(&mut app, "/");
    press(&mut app, "centres");
    code(&mut app, KeyCode::Enter);
    let rows = row_names(&app);
    let sub = rows
        .iter()
        .position(|r| r.starts_with("3 3.b.i"))
        .unwrap_or_else(|| panic!("the match is shown: {rows:?}"));
    assert_eq!(rows[sub - 1], "2 3.b (context)", "{rows:?}");
    assert_eq!(rows[sub - 2], "1 3 (context)", "{rows:?}");
    assert!(!rows.iter().any(|r| r.contains("Area")), "{rows:?}");
    // Marking a sub-item: follow-ups only shows it under its commitment.
    code(&mut app, KeyCode::Esc);
    select(&mut app, "3.a");
    press(&mut app, " ");
    press(&mut app, "F");
    let rows = row_names(&app);
    assert_eq!(rows[1..], ["1 3 (context)", "2 3.a"], "{rows:?}");
}

/// The commitments (not sub-items) a query shows, by local id.
fn shown_commitments(app: &mut Session, query: &str) -> Vec<String> {
    press(app, "/");
    press(app, query);
    code(app, KeyCode::Enter);
    assert_eq!(app.query_error, None, "{query}");
    let shown = app
        .rows()
        .iter()
        .filter_map(|row| match row.node {
            NodeId::Item(id) if !row.context && app.library.depth(id) == 0 => {
                Some(app.library.local_id(id).to_string())
            }
            _ => None,
        })
        .collect();
    code(app, KeyCode::Esc);
    shown
}

#[test]
fn action_and_addressee_fields_filter_by_the_commitment() {
    let mut app = un_app();
    assert_eq!(
        shown_commitments(&mut app, "action:urges"),
        Vec::<String>::new()
    );
    assert_eq!(shown_commitments(&mut app, "action:requests"), ["3"]);
    assert_eq!(shown_commitments(&mut app, "action:REQUESTS"), ["3"]);
    assert_eq!(shown_commitments(&mut app, "action:calls"), ["2"]);
    assert_eq!(shown_commitments(&mut app, "addressee:secretary"), ["3"]);
    assert_eq!(shown_commitments(&mut app, "addressee:member"), ["2", "4"]);
    assert_eq!(
        shown_commitments(&mut app, "!addressee:member action:decides"),
        ["5"]
    );
    // Sub-items take their commitment's action: 3.b.i is found with it.
    press(&mut app, "/");
    press(&mut app, "action:requests centres");
    code(&mut app, KeyCode::Enter);
    let rows = row_names(&app);
    assert!(rows.iter().any(|r| r == "3 3.b.i"), "{rows:?}");
    // The bundled resolution (version 1) has no actions.
    let mut bundled = self::app();
    assert_eq!(
        shown_commitments(&mut bundled, "action:urges"),
        Vec::<String>::new()
    );
}

#[test]
fn no_key_has_two_actions_in_any_mode() {
    use keys::Bindings;
    fn keys<A>(bindings: &[keys::Binding<A>]) -> Vec<(KeyCode, bool, String)> {
        bindings
            .iter()
            .map(|b| (b.code, b.ctrl, keys::name(b)))
            .collect()
    }
    let mut seen = std::collections::HashSet::new();
    for line in keys::KEYS {
        let (mode, bound) = match line.bindings {
            Bindings::None => continue,
            Bindings::Tree(b) => ("tree", keys(b)),
            Bindings::Filter(b) => ("query line", keys(b)),
            Bindings::Reader(b) => ("reader", keys(b)),
            Bindings::Help(b) => ("help", keys(b)),
            Bindings::Board(b) => ("board", keys(b)),
            Bindings::Question(b) => ("question", keys(b)),
            Bindings::Conflict(b) => ("conflict", keys(b)),
        };
        for (code, ctrl, name) in bound {
            assert!(
                seen.insert((mode, code, ctrl)),
                "{name} is bound twice in the {mode}"
            );
        }
    }
}
