//! The follow-ups file on a shared server (issue 12): private modes whatever the umask, a
//! replaced file never more open than it was, no symlink followed where reso creates files,
//! a lock file swapped under a save locked anew, team files in a set-group-ID folder.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use reso::followups::{SaveError, Store};

/// The umask is one per process: tests that set it take turns (`common::umask`).
fn with_umask<T>(mask: u32, run: impl FnOnce() -> T) -> T {
    let _mask = crate::common::umask(mask);
    run()
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
        // Nothing for others is carried over (issue 18: notes never world-readable after
        // a save), nor setuid, setgid or sticky.
        (0o644, 0o640),
        (0o666, 0o660),
        (0o604, 0o600),
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

/// `reso mark REF` run as the user `uid` in group `gid` (root gives a child any ids), with a
/// home of its own in `home`.
fn mark_as(uid: u32, gid: u32, home: &Path, file: &Path, reference: &str) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let home = home.join(format!("home-{uid}"));
    fs::create_dir_all(&home).unwrap();
    std::os::unix::fs::chown(&home, Some(uid), Some(gid)).unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_reso"))
        .env_clear()
        .env("HOME", &home)
        .env("PATH", "/usr/bin:/bin")
        .args(["mark", reference, "--followups"])
        .arg(file)
        .uid(uid)
        .gid(gid)
        .output()
        .unwrap()
}

/// Whether the user `uid` in group `gid` can read `path` (its own view, not root's).
fn readable_by(uid: u32, gid: u32, path: &Path) -> bool {
    use std::os::unix::process::CommandExt;
    std::process::Command::new("cat")
        .arg(path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .uid(uid)
        .gid(gid)
        .status()
        .unwrap()
        .success()
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Issue 18: alice's first save makes the file and its lock `0600`; she opens the file to
/// the team (`chmod 660`); bob's next save must not be blocked by her private lock file: the
/// lock follows the file (`0660` in the team's group), both users' marks are in the file,
/// and a user outside the group reads neither.
#[test]
fn a_teammates_private_lock_follows_the_file_opened_to_the_group() {
    if !is_root() {
        eprintln!("skipped: needs root to run reso as two other users");
        return;
    }
    let (alice, bob, outsider, team) = (5101, 5102, 5103, 4343);
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o711)).unwrap();
    let folder = dir.path().join("desk");
    fs::create_dir(&folder).unwrap();
    std::os::unix::fs::chown(&folder, None, Some(team)).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o2770)).unwrap();
    let file = folder.join("followups.json");
    let lock = folder.join("followups.json.lock");

    let first = mark_as(alice, team, dir.path(), &file, "1.1");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!((mode(&file), mode(&lock)), (0o600, 0o600));
    fs::set_permissions(&file, fs::Permissions::from_mode(0o660)).unwrap();

    let second = mark_as(bob, team, dir.path(), &file, "1.2");
    assert!(
        second.status.success(),
        "bob blocked by alice's lock: {}",
        String::from_utf8_lossy(&second.stderr)
    );
    for path in [&file, &lock] {
        let meta = fs::metadata(path).unwrap();
        assert_eq!(
            (meta.mode() & 0o7777, meta.gid()),
            (0o660, team),
            "{path:?}"
        );
    }
    let third = mark_as(alice, team, dir.path(), &file, "1.3");
    assert!(
        third.status.success(),
        "{}",
        String::from_utf8_lossy(&third.stderr)
    );
    let text = fs::read_to_string(&file).unwrap();
    for reference in ["1.1", "1.2", "1.3"] {
        assert!(
            text.contains(&format!("\"ba-43-2024:{reference}\"")),
            "{reference} lost"
        );
    }
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 2, "no stray file");
    assert!(readable_by(bob, team, &file));
    assert!(
        !readable_by(outsider, outsider, &file),
        "others read the notes"
    );
    assert!(!readable_by(outsider, outsider, &lock));
}

/// A lock file that cannot be used (another user's, in a sticky folder where it cannot be
/// taken over) is named in the error, not the folder, and nothing is written.
#[test]
fn a_lock_file_that_cannot_be_used_is_named() {
    if !is_root() {
        eprintln!("skipped: needs root to run reso as two other users");
        return;
    }
    let (alice, bob, team) = (5111, 5112, 4353);
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o711)).unwrap();
    let folder = dir.path().join("sticky");
    fs::create_dir(&folder).unwrap();
    std::os::unix::fs::chown(&folder, None, Some(team)).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o3770)).unwrap();
    let file = folder.join("followups.json");
    assert!(
        mark_as(alice, team, dir.path(), &file, "1.1")
            .status
            .success()
    );
    fs::set_permissions(&file, fs::Permissions::from_mode(0o660)).unwrap();
    let before = fs::read(&file).unwrap();
    let out = mark_as(bob, team, dir.path(), &file, "1.2");
    // A lock that cannot be used is the system's failure, not bad input (issue 19: exit 4).
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "the lock file {}",
            folder.join("followups.json.lock").display()
        )),
        "{stderr}"
    );
    assert_eq!(fs::read(&file).unwrap(), before, "nothing written");
}
