//! The store as the browser uses it: marking and editing, undo through inverse changes,
//! two sessions on one file, symlinks, text-changed and orphaned records, locations.

use std::fs;
use std::path::Path;

use reso::cli::FollowupsFileArg;
use reso::date::iso;
use reso::followups::{
    ChangeError, Field, Status, Store, Timestamp, parse_due, resolve_path, text_sha256,
};

fn at(offset: i64) -> Timestamp {
    Timestamp::from_unix(1_800_000_000 + offset).unwrap()
}
fn early() -> Timestamp {
    at(0)
}
fn late() -> Timestamp {
    at(60)
}

fn open(path: &Path, by: &str) -> Store {
    Store::open(path).with_author(by)
}

#[test]
fn mark_edit_undo_redo_and_remove_keep_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("followups.json");
    let mut store = open(&path, "analyst1");
    let r = "ba-43-2024:1.4";
    assert!(store.get(r).is_none());

    let marked = store.mark(r, "the text").unwrap().unwrap();
    assert_eq!(store.get(r).unwrap().status, Some(Status::Open));
    assert_eq!(
        store.get(r).unwrap().text_sha256.as_deref(),
        Some(text_sha256("the text").as_str())
    );
    assert!(
        store.mark(r, "the text").unwrap().is_none(),
        "already marked"
    );

    let cycled = store.cycle_status(r, true).unwrap().unwrap();
    assert_eq!(store.get(r).unwrap().status, Some(Status::InProgress));
    store.cycle_status(r, false).unwrap();
    store.cycle_status(r, false).unwrap();
    assert_eq!(store.get(r).unwrap().status, Some(Status::Dropped));
    store.set_status(r, Status::InProgress).unwrap();
    assert!(store.set_status(r, Status::InProgress).unwrap().is_none());

    store.set_note(r, Some("line one\nline two")).unwrap();
    store.set_owner(r, Some(" defence-desk ")).unwrap();
    assert_eq!(store.get(r).unwrap().owner.as_deref(), Some("defence-desk"));
    assert!(matches!(
        store.set_due(r, Some("2025-02-30")),
        Err(ChangeError::BadDate(_))
    ));
    let due = store.set_due(r, Some("2025-01-15")).unwrap().unwrap();
    // Undo and redo of the due date.
    store.apply(&due.inverse()).unwrap();
    assert_eq!(store.get(r).unwrap().due, None);
    store.apply(&due).unwrap();
    assert_eq!(
        store.get(r).unwrap().due.map(iso).as_deref(),
        Some("2025-01-15")
    );
    assert_eq!(cycled.edits[0].from.as_deref(), Some("open"));

    // Remove: the record stays with its history, all fields unset; undo brings it back.
    let removed = store.unmark(r).unwrap().unwrap();
    assert!(store.get(r).is_none());
    let tomb = store.record(r).unwrap();
    assert_eq!((tomb.note.as_ref(), tomb.owner.as_ref()), (None, None));
    assert!(tomb.history.len() > 8);
    assert!(matches!(
        store.set_note(r, Some("x")),
        Err(ChangeError::NotMarked(_))
    ));
    store.apply(&removed.inverse()).unwrap();
    let back = store.get(r).unwrap();
    assert_eq!(back.note.as_deref(), Some("line one\nline two"));
    assert_eq!(back.due.map(iso).as_deref(), Some("2025-01-15"));
    // Undo of the very first mark.
    store.unmark(r).unwrap();
    store.apply(&marked.inverse()).unwrap();
    assert!(store.get(r).is_none());

    assert!(store.save().is_ok());
    let again = Store::open(&path);
    let history = &again.record(r).unwrap().history;
    assert!(history.iter().all(|e| e.by == "analyst1"));
    assert_eq!(history[0].field, Field::Status);
    assert_eq!(history[0].from, None);
    assert_eq!(history[0].to.as_deref(), Some("open"));
}

#[test]
fn two_sessions_keep_each_others_records_and_see_them_after_reload() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("followups.json");
    let mut a = open(&path, "a");
    let mut b = open(&path, "b");
    a.mark("r:1", "one").unwrap();
    b.mark("r:2", "two").unwrap();
    assert_eq!(a.save().unwrap().changes, 1);
    assert_eq!(b.save().unwrap().changes, 1);
    assert!(b.get("r:1").is_some(), "b merged a's record when saving");
    assert!(a.get("r:2").is_none());
    assert_eq!(a.reload_if_changed(), Ok(true));
    assert!(a.get("r:2").is_some());
    assert_eq!(a.reload_if_changed(), Ok(false), "nothing new");
    // Unsaved changes survive a reload.
    a.set_note("r:1", Some("pending")).unwrap();
    b.set_owner("r:2", Some("desk")).unwrap();
    b.save().unwrap();
    assert_eq!(a.reload_if_changed(), Ok(true));
    assert_eq!(a.get("r:1").unwrap().note.as_deref(), Some("pending"));
    assert_eq!(a.get("r:2").unwrap().owner.as_deref(), Some("desk"));
    a.save().unwrap();
    let file = Store::open(&path);
    assert_eq!(file.get("r:1").unwrap().note.as_deref(), Some("pending"));
    assert_eq!(file.get("r:2").unwrap().owner.as_deref(), Some("desk"));
}

#[test]
fn same_record_in_two_sessions_later_change_wins_and_the_other_is_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("followups.json");
    let mut setup = open(&path, "setup").with_clock(early);
    setup.mark("r:1", "text").unwrap();
    setup.save().unwrap();

    let mut later = open(&path, "later").with_clock(late);
    let mut earlier = open(&path, "earlier").with_clock(early);
    later.set_note("r:1", Some("later note")).unwrap();
    earlier.set_note("r:1", Some("earlier note")).unwrap();
    earlier.set_owner("r:1", Some("earlier owner")).unwrap();
    // The later change is saved first; the earlier one, saved after, does not override it.
    later.save().unwrap();
    earlier.save().unwrap();
    let record = Store::open(&path).get("r:1").unwrap().clone();
    assert_eq!(record.note.as_deref(), Some("later note"));
    assert_eq!(
        record.owner.as_deref(),
        Some("earlier owner"),
        "field by field"
    );
    let notes: Vec<_> = record
        .history
        .iter()
        .filter(|e| e.field == Field::Note)
        .map(|e| (e.by.as_str(), e.to.as_deref()))
        .collect();
    assert_eq!(
        notes,
        [
            ("earlier", Some("earlier note")),
            ("later", Some("later note"))
        ]
    );
}

#[test]
fn a_change_made_after_seeing_another_is_later_even_with_a_slow_clock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("followups.json");
    let mut fast = open(&path, "fast").with_clock(late);
    fast.mark("r:1", "text").unwrap();
    fast.save().unwrap();
    let mut slow = open(&path, "slow").with_clock(early);
    slow.set_note("r:1", Some("seen and changed")).unwrap();
    slow.save().unwrap();
    assert_eq!(
        Store::open(&path).get("r:1").unwrap().note.as_deref(),
        Some("seen and changed")
    );
}

#[test]
fn symlinks_lead_to_the_real_file_and_stay_links() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("team");
    fs::create_dir(&shared).unwrap();
    let real = shared.join("followups.json");
    // The file exists: a dangling link is refused, not followed to create it (issue 12).
    let mut first = Store::open(&real);
    first.mark("r:0", "text").unwrap();
    first.save().unwrap();
    let link = dir.path().join("mine.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let mut store = Store::open(&link);
    assert_eq!(store.real_path(), real);
    store.mark("r:1", "text").unwrap();
    store.save().unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(real.is_file());
    assert!(shared.join("followups.json.lock").exists());
    assert!(Store::open(&real).get("r:1").is_some());

    // The link re-pointed to another file while the session runs: that file is followed.
    let other = shared.join("other.json");
    let mut elsewhere = Store::open(&other);
    elsewhere.mark("r:2", "text").unwrap();
    elsewhere.save().unwrap();
    fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&other, &link).unwrap();
    assert_eq!(store.reload_if_changed(), Ok(true));
    assert_eq!(store.real_path(), other);
    assert!(store.get("r:2").is_some() && store.get("r:1").is_none());
}

#[test]
fn file_is_sorted_stable_and_ends_with_a_newline() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/folder/followups.json");
    let mut store = open(&path, "me").with_clock(early);
    for r in ["z:9", "a:1", "m:5"] {
        store.mark(r, r).unwrap();
    }
    store.save().unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.ends_with("}\n"));
    let a = text.find("\"a:1\"").unwrap();
    let m = text.find("\"m:5\"").unwrap();
    let z = text.find("\"z:9\"").unwrap();
    assert!(a < m && m < z);
    assert_eq!(store.save().unwrap().changes, 0, "nothing pending");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    let expected = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/followups/three-marks.json"
    );
    assert_eq!(text, fs::read_to_string(expected).unwrap());
}

#[test]
fn orphaned_and_changed_texts_are_reported_until_confirmed() {
    let library = reso::bundled::library();
    let kept = library.find("ba-43-2024:1.4").unwrap();
    let reworded = library.find("ba-43-2024:1.1").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("f.json"));
    store.mark("ba-43-2024:1.4", library.text(kept)).unwrap();
    store.mark("ba-43-2024:1.1", "an older wording").unwrap();
    store.mark("ba-41-2022:3.3", "gone").unwrap();
    let report = store.text_report(&library);
    assert_eq!(report.orphaned, ["ba-41-2022:3.3"]);
    assert_eq!(report.text_changed, ["ba-43-2024:1.1"]);
    store
        .confirm_text("ba-43-2024:1.1", library.text(reworded))
        .unwrap();
    assert!(store.text_report(&library).text_changed.is_empty());
}

#[test]
fn location_flag_then_environment_then_data_folder() {
    let flag = FollowupsFileArg {
        path: Some("/x/f.json".into()),
    };
    assert_eq!(
        resolve_path(flag.path.as_deref()).unwrap(),
        Path::new("/x/f.json")
    );
    let default = reso::paths::default_followups().unwrap();
    assert!(default.ends_with("reso/followups.json"), "{default:?}");
}

#[test]
fn due_dates_typed_relative() {
    let today = time::macros::date!(2026 - 11 - 28);
    assert_eq!(
        parse_due("+2w", today).unwrap().as_deref(),
        Some("2026-12-12")
    );
}

/// A save that would write more than reso reads back (64 MiB) is refused: the file stays as
/// it was, and the change stays pending, never shown as saved.
#[test]
fn a_save_larger_than_reso_reads_is_refused_and_the_file_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("followups.json");
    let mut store = open(&path, "analyst1");
    let r = "ba-43-2024:1.4";
    store.mark(r, "the text").unwrap();
    store.save().unwrap();
    let before = fs::read(&path).unwrap();
    let huge = "x".repeat(65 * 1024 * 1024);
    store.set_note(r, Some(&huge)).unwrap();
    let refused = store.save().unwrap_err();
    assert!(
        matches!(refused, reso::followups::SaveError::TooLarge { .. }),
        "{refused}"
    );
    assert!(
        refused
            .to_string()
            .contains("more than the 64 MiB reso reads"),
        "{refused}"
    );
    assert_eq!(fs::read(&path).unwrap(), before, "the file is untouched");
    assert!(Store::open(&path).read_only().is_none(), "and still reads");
}
