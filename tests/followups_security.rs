//! The follow-ups file on a shared server (issue 12): private modes whatever the umask, a
//! replaced file never more open than it was, no symlink followed where reso creates files,
//! a lock file swapped under a save locked anew, team files in a set-group-ID folder.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::sync::Mutex;

use reso::followups::{SaveError, Store};

/// The umask is one per process: tests that set it take turns.
static UMASK: Mutex<()> = Mutex::new(());

fn with_umask<T>(mask: u32, run: impl FnOnce() -> T) -> T {
    let _turn = UMASK.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: umask only swaps the process's mask; it is put back below.
    let old = unsafe { libc::umask(mask as libc::mode_t) };
    let out = run();
    unsafe { libc::umask(old) };
    out
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
}

fn mark_and_save(path: &Path, reference: &str) -> Result<(), SaveError> {
    let mut store = Store::open(path).with_author("me");
    assert!(store.read_only().is_none(), "{:?}", store.read_only());
    store.mark(reference, "text").unwrap();
    store.save().map(|_| ())
}

#[test]
fn new_folders_and_files_are_private_whatever_the_umask() {
    for mask in [0o000, 0o022, 0o077] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data/reso/followups.json");
        with_umask(mask, || mark_and_save(&file, "ba-43-2024:1.1")).unwrap();
        assert_eq!(mode(&dir.path().join("data")), 0o700, "umask {mask:o}");
        assert_eq!(mode(&dir.path().join("data/reso")), 0o700, "umask {mask:o}");
        assert_eq!(mode(&file), 0o600, "umask {mask:o}");
        assert_eq!(
            mode(&dir.path().join("data/reso/followups.json.lock")),
            0o600,
            "umask {mask:o}"
        );
        // Any file reso writes: session state, agendas, outputs.
        let other = dir.path().join("agenda.md");
        with_umask(mask, || reso::atomic::write(&other, b"# agenda\n", false)).unwrap();
        assert_eq!(mode(&other), 0o600, "umask {mask:o}");
    }
}

#[test]
fn a_replaced_file_keeps_its_mode_but_never_more_open() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    mark_and_save(&file, "ba-43-2024:1.1").unwrap();
    for (set, kept) in [
        (0o660, 0o660),
        (0o640, 0o640),
        (0o644, 0o644),
        // World-write, setuid and setgid are not carried over.
        (0o666, 0o664),
        (0o6760, 0o760),
    ] {
        fs::set_permissions(&file, fs::Permissions::from_mode(set)).unwrap();
        // Under umask 077 a new temp file would be 0600: the final mode is set exactly.
        with_umask(0o077, || {
            mark_and_save(&file, &format!("ba-43-2024:{set:o}"))
        })
        .unwrap();
        assert_eq!(mode(&file), kept, "from {set:o}");
    }
}

#[test]
fn no_symlink_is_followed_where_reso_creates_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let victim = dir.path().join("victim");
    // A link planted as the lock file: opening it fails (O_NOFOLLOW), the target is not
    // created, the change is kept.
    std::os::unix::fs::symlink(&victim, dir.path().join("followups.json.lock")).unwrap();
    let mut store = Store::open(&file).with_author("me");
    store.mark("ba-43-2024:1.1", "text").unwrap();
    let error = store.save().unwrap_err();
    assert!(error.to_string().ends_with("not saved"), "{error}");
    assert_eq!(store.unsaved(), 1);
    assert!(!victim.exists(), "nothing created through the link");
    assert!(!file.exists());

    // A dangling link as the follow-ups file: refused when read, never followed to create
    // the file (and its folder) where it points.
    let elsewhere = dir.path().join("elsewhere/followups.json");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
    let store = Store::open(&link);
    let problem = store.read_only().expect("refused").to_string();
    assert!(problem.contains("symbolic link"), "{problem}");
    assert!(!dir.path().join("elsewhere").exists());
}

#[test]
fn a_symlink_of_ones_own_leads_to_the_real_file() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("followups.json");
    mark_and_save(&real, "ba-43-2024:1.1").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    mark_and_save(&link, "ba-43-2024:1.2").unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(real_dir.join("followups.json.lock").exists());
    let text = fs::read_to_string(&real).unwrap();
    assert!(text.contains("ba-43-2024:1.1") && text.contains("ba-43-2024:1.2"));
}

/// A team file: `0660` in the team's group, in a set-group-ID folder, stays so after any
/// member's save; the lock file gets the same mode and group. Needs a group other than
/// ours to give the folder: root can use any.
#[test]
fn a_team_file_keeps_its_group_and_mode() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: needs root to give a folder another group");
        return;
    }
    let team = 4242;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("team");
    fs::create_dir(&folder).unwrap();
    std::os::unix::fs::chown(&folder, None, Some(team)).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o2770)).unwrap();
    let file = folder.join("followups.json");
    mark_and_save(&file, "ba-43-2024:1.1").unwrap();
    assert_eq!(
        fs::metadata(&file).unwrap().gid(),
        team,
        "the folder's group"
    );
    fs::set_permissions(&file, fs::Permissions::from_mode(0o660)).unwrap();
    with_umask(0o077, || mark_and_save(&file, "ba-43-2024:1.2")).unwrap();
    let meta = fs::metadata(&file).unwrap();
    assert_eq!((meta.mode() & 0o7777, meta.gid()), (0o660, team));
    let lock = fs::metadata(folder.join("followups.json.lock")).unwrap();
    assert_eq!((lock.mode() & 0o7777, lock.gid()), (0o660, team));

    // Outside a set-group-ID folder too, the group is given back to the replaced file.
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o770)).unwrap();
    std::os::unix::fs::chown(&file, None, Some(team + 1)).unwrap();
    mark_and_save(&file, "ba-43-2024:1.3").unwrap();
    let meta = fs::metadata(&file).unwrap();
    assert_eq!((meta.mode() & 0o7777, meta.gid()), (0o660, team + 1));
}
