//! Follow-ups files that must not be written: refused at open (bytes unchanged), and saves
//! that fail (read-only file, read-only folder, full disk) keeping the change in memory.

use crate::common::Sandboxed;
use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::Command as Cmd;
use reso::followups::{ChangeError, SaveError, Status, Store};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/followups");

fn fixture(name: &str) -> Vec<u8> {
    fs::read(Path::new(FIXTURES).join(name)).unwrap()
}

/// Opens a copy of fixture `name`, tries to change and save it, and checks that it was refused
/// with `expected` (after the file name) and left byte for byte as it was.
fn assert_refused(name: &str, expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let bytes = fixture(name);
    fs::write(&path, &bytes).unwrap();

    let mut store = Store::open(&path);
    let problem = store.read_only().expect("refused").to_string();
    assert_eq!(problem, format!("{}:{expected}", path.display()));
    assert!(matches!(
        store.mark("ba-43-2024:1.1", "text"),
        Err(ChangeError::ReadOnly(_))
    ));
    assert!(matches!(store.save(), Err(SaveError::Refused(_))));
    assert!(store.reload_if_changed().is_err());
    assert_eq!(fs::read(&path).unwrap(), bytes, "{name} was modified");

    Cmd::new(env!("CARGO_BIN_EXE_reso"))
        .sandboxed()
        .args(["followups", "check"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(format!("{problem}\n"));
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn corrupt_truncated_empty_newer_and_trailing_garbage_are_refused_untouched() {
    assert_refused("corrupt.json", "9:7: malformed JSON: expected `,` or `}`");
    assert_refused(
        "truncated.json",
        "41:1: malformed JSON: EOF while parsing an object, expected the rest of the document",
    );
    assert_refused(
        "empty.json",
        "1:1: malformed JSON: EOF while parsing a value, expected the rest of the document",
    );
    assert_refused(
        "newer-version.json",
        "3:14: version 2 was written by a newer reso, this build reads reso-followups version 1; the file is left untouched",
    );
    assert_refused(
        "trailing-garbage.json",
        "92:1: trailing data after the JSON document, expected the end of the file",
    );
    assert_refused(
        "bad-due.json",
        "9:25: due date \"15/01/2025\" is not a calendar date, expected YYYY-MM-DD at followups.ba-43-2024:1.4.due",
    );
    assert_refused(
        "duplicate.json",
        "58:20: duplicate follow-up \"ba-43-2024:1.4\", expected each reference once at followups",
    );
    // Issue 12: a field given twice in one record (the next save would drop one of them).
    assert_refused(
        "duplicate-field.json",
        "9:12: duplicate field `note`, expected each field once in a record at followups.ba-43-2024:1.4",
    );
    assert_refused(
        "other-format.json",
        "2:13: unknown format \"reso-resolution\", expected \"reso-followups\"",
    );
}

#[test]
fn check_accepts_a_valid_file() {
    let path = Path::new(FIXTURES).join("valid.json");
    Cmd::new(env!("CARGO_BIN_EXE_reso"))
        .sandboxed()
        .args(["followups", "check"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout(format!("OK {} (1 follow-ups)\n", path.display()));
    // Without FILE: the file in use, here named by the environment.
    Cmd::new(env!("CARGO_BIN_EXE_reso"))
        .sandboxed()
        .args(["followups", "check"])
        .env("RESO_FOLLOWUPS", &path)
        .assert()
        .code(0);
}

#[test]
fn a_folder_or_a_fifo_is_not_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("followups.json");
    fs::create_dir(&folder).unwrap();
    let store = Store::open(&folder);
    assert!(
        store
            .read_only()
            .unwrap()
            .to_string()
            // One reader for both file kinds: a folder is named as such, as for resolutions.
            .ends_with(":1:1: is a folder, expected a follow-ups file")
    );

    let fifo = dir.path().join("fifo.json");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        // Must not block on open.
        let mut store = Store::open(&fifo);
        assert!(store.read_only().is_some());
        assert!(matches!(store.save(), Err(SaveError::Refused(_))));
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    } else {
        println!("note: mkfifo not available, FIFO case skipped");
    }
}

/// A file that becomes invalid after we opened it is not overwritten either.
#[test]
fn a_file_broken_by_someone_else_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("followups.json");
    let mut store = Store::open(&path);
    store.mark("ba-43-2024:1.1", "text").unwrap();
    store.save().unwrap();
    fs::write(&path, b"{ oops").unwrap();
    store.mark("ba-43-2024:3.1", "text").unwrap();
    assert!(matches!(store.save(), Err(SaveError::Refused(_))));
    assert_eq!(fs::read(&path).unwrap(), b"{ oops");
    assert!(store.read_only().is_some());
    // Repaired (here: replaced by another file): read-only is lifted and the change made
    // before is still there to save, merged into what is now on disk.
    fs::write(&path, fixture("valid.json")).unwrap();
    assert!(store.reload_if_changed().is_ok());
    assert!(store.read_only().is_none());
    assert_eq!(store.unsaved(), 1);
    store.save().unwrap();
    let again = Store::open(&path);
    assert!(again.get("ba-43-2024:3.1").is_some());
    assert_eq!(
        again.get("ba-43-2024:1.4").unwrap().status,
        Some(Status::InProgress)
    );
}

#[test]
fn a_read_only_file_is_not_replaced_and_the_change_waits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("followups.json");
    fs::write(&path, fixture("valid.json")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let mut store = Store::open(&path);
    assert!(store.read_only().is_none(), "readable, so not refused");
    store.set_note("ba-43-2024:1.4", Some("new")).unwrap();
    let error = store.save().unwrap_err();
    assert!(matches!(error, SaveError::ReadOnlyFile { .. }), "{error}");
    assert_eq!(
        error.to_string(),
        format!("{} is read-only: not saved", path.display())
    );
    assert_eq!(fs::read(&path).unwrap(), fixture("valid.json"));
    assert_eq!(store.unsaved(), 1);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(store.save().unwrap().changes, 1);
}

fn is_root() -> bool {
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// A tmpfs mounted on a temp folder, unmounted when dropped (also when a test fails).
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(options: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?;
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then_some(Tmpfs { dir })
    }
    fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }
    fn remount(&self, options: &str) -> bool {
        Command::new("mount")
            .args(["-o", options])
            .arg(self.dir.path())
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn a_full_disk_keeps_the_old_file_and_the_change() {
    if !is_root() {
        println!("note: not root, cannot mount a tiny tmpfs; disk-full test skipped");
        return;
    }
    let Some(tmpfs) = Tmpfs::mount("size=64k") else {
        println!("note: mount -t tmpfs failed (no CAP_SYS_ADMIN?); disk-full test skipped");
        return;
    };
    let path = tmpfs.path().join("followups.json");
    let mut store = Store::open(&path);
    store.mark("ba-43-2024:1.1", "text").unwrap();
    store.save().unwrap();
    let before = fs::read(&path).unwrap();

    // Fill the file system to the last block.
    let filler = tmpfs.path().join("filler");
    let mut written = Vec::new();
    loop {
        written.extend_from_slice(&[b'x'; 4096]);
        if fs::write(&filler, &written).is_err() {
            break;
        }
    }
    store
        .set_note("ba-43-2024:1.1", Some(&"a long note ".repeat(200)))
        .unwrap();
    let error = store.save().unwrap_err();
    assert!(matches!(error, SaveError::DiskFull { .. }), "{error}");
    assert_eq!(
        error.to_string(),
        format!("disk full writing {}: not saved", path.display())
    );
    assert_eq!(fs::read(&path).unwrap(), before, "old file intact");
    assert_eq!(store.unsaved(), 1, "the change stays in memory");
    let leftovers: Vec<_> = fs::read_dir(tmpfs.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temp file left behind");

    // Space again: the next save goes through with the change.
    fs::remove_file(&filler).unwrap();
    assert_eq!(store.save().unwrap().changes, 1);
    assert!(
        Store::open(&path)
            .get("ba-43-2024:1.1")
            .unwrap()
            .note
            .is_some()
    );
}

/// Makes `dir` unwritable: a read-only remount as root (root ignores permission bits),
/// else mode 0o555. `writable` undoes it.
fn set_writable(dir: &Path, tmpfs: Option<&Tmpfs>, writable: bool) -> bool {
    match tmpfs {
        Some(t) => t.remount(if writable { "remount,rw" } else { "remount,ro" }),
        None => {
            let mode = if writable { 0o755 } else { 0o555 };
            fs::set_permissions(dir, fs::Permissions::from_mode(mode)).is_ok()
        }
    }
}

#[test]
fn a_read_only_folder_keeps_the_old_file_and_the_change() {
    let plain = tempfile::tempdir().unwrap();
    let tmpfs = if is_root() {
        let Some(mounted) = Tmpfs::mount("size=1m") else {
            println!("note: mount -t tmpfs failed; read-only folder test skipped");
            return;
        };
        Some(mounted)
    } else {
        None
    };
    let dir = tmpfs
        .as_ref()
        .map_or(plain.path().to_path_buf(), Tmpfs::path);
    // Two cases: the lock file already exists (the folder was saved to before) or not.
    let mut stores = Vec::new();
    for with_lock_file in [true, false] {
        let path = dir.join(format!("followups-{with_lock_file}.json"));
        fs::write(&path, fixture("valid.json")).unwrap();
        if with_lock_file {
            fs::write(
                dir.join(format!("followups-{with_lock_file}.json.lock")),
                b"",
            )
            .unwrap();
        }
        stores.push((path.clone(), Store::open(&path)));
    }
    assert!(set_writable(&dir, tmpfs.as_ref(), false));
    for (path, store) in &mut stores {
        store.set_note("ba-43-2024:1.4", Some("new")).unwrap();
        let error = store.save().unwrap_err();
        assert!(
            matches!(error, SaveError::FolderNotWritable { .. }),
            "{}: {error}",
            path.display()
        );
        assert!(error.to_string().starts_with("cannot write in "), "{error}");
        assert_eq!(fs::read(&*path).unwrap(), fixture("valid.json"));
        assert_eq!(store.unsaved(), 1);
    }
    assert!(set_writable(&dir, tmpfs.as_ref(), true));
    for (_, store) in &mut stores {
        assert_eq!(store.save().unwrap().changes, 1, "retried once writable");
    }
}
