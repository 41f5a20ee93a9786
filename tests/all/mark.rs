//! `reso mark`, `unmark`, `note`, `followups merge` and `followups git-setup` through the real
//! binary, without a terminal: exit statuses, the record printed, the history's author, and
//! the merge driver's contract (OURS replaced by the save's bytes, or left alone on bad input).

use crate::common::Sandboxed;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use reso::followups::{Status, parse_followups};

struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Folder {
        Folder {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `reso ARGS` on `followups.json` in this folder, as user `tester` unless overridden.
    fn reso(&self, args: &[&str]) -> Output {
        self.reso_on("followups.json", args)
    }

    fn reso_on(&self, file: &str, args: &[&str]) -> Output {
        Command::cargo_bin("reso")
            .unwrap()
            .sandboxed()
            .args(args)
            .env("RESO_FOLLOWUPS", self.path(file))
            .env("USER", "tester")
            .env_remove("RESO_AUTHOR")
            .env_remove("LOGNAME")
            .output()
            .unwrap()
    }

    fn read(&self, file: &str) -> reso::followups::FollowupsFile {
        let text = std::fs::read_to_string(self.path(file)).unwrap();
        parse_followups(file, &text).unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

#[test]
fn mark_sets_every_field_and_prints_the_record() {
    let f = Folder::new();
    let out = f.reso(&[
        "mark",
        "ba-43-2024:1.4",
        "--status",
        "waiting",
        "--note",
        "Ask the ministry.",
        "--owner",
        "defence-desk",
        "--due",
        "2025-01-15",
    ]);
    assert_eq!(
        ok(&out).lines().take(5).collect::<Vec<_>>(),
        [
            "ba-43-2024:1.4",
            "  status:  waiting",
            "  owner:   defence-desk",
            "  due:     2025-01-15",
            "  note:    Ask the ministry.",
        ]
    );
    assert!(text(&out.stdout).contains(" by tester\n"));
    let file = f.read("followups.json");
    let record = &file.followups["ba-43-2024:1.4"];
    assert_eq!(record.status, Some(Status::Waiting));
    assert!(
        record.text_sha256.is_some(),
        "marking records the text hash"
    );
    assert!(record.history.iter().all(|e| e.by == "tester"));
    // Already marked: only the given field changes, and empty clears.
    ok(&f.reso(&["mark", "ba-43-2024:1.4", "--owner", ""]));
    let record = &f.read("followups.json").followups["ba-43-2024:1.4"];
    assert_eq!(record.owner, None);
    assert_eq!(record.status, Some(Status::Waiting));
    // The file is exactly what a save writes.
    let bytes = std::fs::read_to_string(f.path("followups.json")).unwrap();
    assert_eq!(f.read("followups.json").to_json(), bytes);
}

#[test]
fn author_flag_and_variable_name_who_made_the_change() {
    let f = Folder::new();
    let run = |args: &[&str], env: Option<&str>| {
        let mut cmd = Command::cargo_bin("reso").unwrap();
        cmd.sandboxed()
            .args(args)
            .env("RESO_FOLLOWUPS", f.path("followups.json"))
            .env("USER", "service");
        match env {
            Some(name) => cmd.env("RESO_AUTHOR", name),
            None => cmd.env_remove("RESO_AUTHOR"),
        };
        ok(&cmd.output().unwrap());
    };
    run(&["mark", "ba-43-2024:1.1"], None);
    run(&["mark", "ba-43-2024:1.2"], Some("alice"));
    run(
        &["mark", "ba-43-2024:1.3", "--author", "bob"],
        Some("alice"),
    );
    // Set but empty: as if unset.
    run(&["mark", "ba-43-2024:1.4"], Some(""));
    let file = f.read("followups.json");
    let by = |id: &str| {
        file.followups[&format!("ba-43-2024:{id}")].history[0]
            .by
            .clone()
    };
    assert_eq!(
        ["1.1", "1.2", "1.3", "1.4"].map(by),
        ["service", "alice", "bob", "service"]
    );
}

#[test]
fn note_appends_lines_and_unmark_keeps_the_history() {
    let f = Folder::new();
    // A local id that one loaded resolution has is enough.
    let out = ok(&f.reso(&["note", "2.1", "--append", "first call made"]));
    assert!(
        out.starts_with("ba-43-2024:2.1\n  status:  open\n"),
        "{out}"
    );
    let out = ok(&f.reso(&["note", "ba-43-2024:2.1", "--append", "second call"]));
    assert!(
        out.contains("  note:    first call made\n           second call\n"),
        "{out}"
    );
    let out = ok(&f.reso(&["unmark", "ba-43-2024:2.1"]));
    assert!(out.contains("status:  - (not marked)"), "{out}");
    let record = &f.read("followups.json").followups["ba-43-2024:2.1"];
    assert_eq!((record.status, record.note.as_deref()), (None, None));
    assert!(
        record
            .history
            .iter()
            .any(|e| e.to.as_deref() == Some("first call made\nsecond call"))
    );
    // Unmarking what is not marked changes nothing and says so.
    let before = std::fs::read(f.path("followups.json")).unwrap();
    assert!(ok(&f.reso(&["unmark", "ba-43-2024:2.1"])).contains("(not marked)"));
    assert_eq!(std::fs::read(f.path("followups.json")).unwrap(), before);
}

#[test]
fn exit_one_for_no_such_commitment_and_two_for_bad_input() {
    let f = Folder::new();
    for reference in ["ba-43-2024:99.1", "ba-43-2024:r1", "nope:1.1", "1"] {
        let out = f.reso(&["mark", reference]);
        assert_eq!(out.status.code(), Some(1), "{reference}");
        assert!(
            text(&out.stderr).contains("is no commitment of the loaded resolutions"),
            "{}",
            text(&out.stderr)
        );
    }
    let out = f.reso(&["mark", "ba-43-2024:1.1", "--status", "closed"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("expected one of open, in-progress, waiting, done, dropped"),
        "{}",
        text(&out.stderr)
    );
    let out = f.reso(&["mark", "ba-43-2024:1.1", "--due", "2025-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("expected YYYY-MM-DD, +3d or +2w"));
    let out = f.reso(&["note", "ba-43-2024:1.1", "--append", " "]);
    assert_eq!(out.status.code(), Some(2));
    let out = f.reso(&["mark", "ba-43-2024:1.1", "--author", "two\nlines"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!f.path("followups.json").exists(), "nothing was written");
    // A broken follow-ups file is named with line and column, and left as it is.
    std::fs::write(f.path("followups.json"), "{\n  \"format\": 3\n}\n").unwrap();
    let out = f.reso(&["mark", "ba-43-2024:1.1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("followups.json:2:"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(f.path("followups.json")).unwrap(),
        "{\n  \"format\": 3\n}\n"
    );
}

/// Issue 18, point 7: a local id two loaded resolutions share names neither; reso says which
/// references it could be and changes nothing.
#[test]
fn a_local_id_two_resolutions_share_exits_two_naming_both() {
    let f = Folder::new();
    let bundled = std::fs::read_to_string("resolutions/ba-43-2024.json").unwrap();
    std::fs::write(f.path("a.json"), &bundled).unwrap();
    let next_year = bundled.replacen("\"id\": \"ba-43-2024\"", "\"id\": \"ba-44-2025\"", 1);
    assert_ne!(next_year, bundled);
    std::fs::write(f.path("b.json"), next_year).unwrap();
    let (a, b) = (f.path("a.json"), f.path("b.json"));
    let out = f.reso(&["mark", "1.4", "--status", "open", s(&a), s(&b)]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        "reso: 1.4 is in 2 loaded resolutions, expected one of ba-43-2024:1.4, ba-44-2025:1.4\n"
    );
    assert!(!f.path("followups.json").exists(), "nothing was written");
    // Either full reference works, and so does the local id with one resolution loaded.
    ok(&f.reso(&["mark", "ba-44-2025:1.4", "--status", "open", s(&a), s(&b)]));
    ok(&f.reso(&["note", "1.4", "--append", "asked", s(&a)]));
    let file = f.read("followups.json");
    assert!(file.followups.contains_key("ba-44-2025:1.4"));
    assert!(file.followups.contains_key("ba-43-2024:1.4"));
}

/// BASE with two follow-ups; OURS and THEIRS each change it, one field on both sides.
fn three_versions(f: &Folder) {
    ok(&f.reso_on("base.json", &["mark", "ba-43-2024:1.1"]));
    ok(&f.reso_on("base.json", &["mark", "ba-43-2024:1.2"]));
    std::fs::copy(f.path("base.json"), f.path("ours.json")).unwrap();
    std::fs::copy(f.path("base.json"), f.path("theirs.json")).unwrap();
    let mine = ["mark", "ba-43-2024:1.1", "--owner", "ours", "--author", "a"];
    ok(&f.reso_on("ours.json", &mine));
    ok(&f.reso_on("ours.json", &["mark", "ba-43-2024:3.1", "--author", "a"]));
    let yours = [
        "mark",
        "ba-43-2024:1.1",
        "--owner",
        "theirs",
        "--author",
        "b",
    ];
    ok(&f.reso_on("theirs.json", &yours));
    ok(&f.reso_on(
        "theirs.json",
        &["note", "1.2", "--append", "x", "--author", "b"],
    ));
}

#[test]
fn merge_writes_ours_with_the_bytes_of_a_save() {
    let f = Folder::new();
    three_versions(&f);
    let [base, ours, theirs] = ["base.json", "ours.json", "theirs.json"].map(|n| f.path(n));
    let out = f.reso(&["followups", "merge", s(&base), s(&ours), s(&theirs)]);
    assert_eq!(ok(&out), "");
    let merged = f.read("ours.json");
    let bytes = std::fs::read_to_string(&ours).unwrap();
    assert_eq!(
        merged.to_json(),
        bytes,
        "sorted, stable: what a save writes"
    );
    assert_eq!(merged.followups.len(), 3);
    assert_eq!(
        merged.followups["ba-43-2024:1.2"].note.as_deref(),
        Some("x")
    );
    let owners: Vec<_> = merged.followups["ba-43-2024:1.1"]
        .history
        .iter()
        .filter_map(|e| e.to.as_deref())
        .filter(|to| ["ours", "theirs"].contains(to))
        .collect();
    assert_eq!(owners.len(), 2, "both owners are in the history");
    let check = f.reso(&["followups", "check", s(&ours)]);
    assert!(ok(&check).starts_with("OK "));
    // Merging again changes nothing: the result is stable.
    std::fs::copy(&ours, f.path("again.json")).unwrap();
    let again = f.path("again.json");
    ok(&f.reso(&["followups", "merge", s(&base), s(&again), s(&theirs)]));
    assert_eq!(std::fs::read_to_string(&again).unwrap(), bytes);
}

#[test]
fn merge_leaves_ours_alone_on_bad_input_and_honours_o() {
    let f = Folder::new();
    three_versions(&f);
    let [base, ours, theirs] = ["base.json", "ours.json", "theirs.json"].map(|n| f.path(n));
    let before = std::fs::read(&ours).unwrap();
    std::fs::write(
        &theirs,
        "{\n  \"format\": \"reso-followups\",\n  <<<<<<< HEAD\n",
    )
    .unwrap();
    let out = f.reso(&["followups", "merge", s(&base), s(&ours), s(&theirs)]);
    assert_eq!(out.status.code(), Some(1));
    let message = text(&out.stderr);
    assert!(
        message.contains(&format!("{}:3:3: ", theirs.display())),
        "{message}"
    );
    assert_eq!(std::fs::read(&ours).unwrap(), before, "OURS untouched");

    // -o writes elsewhere; an empty BASE (no common ancestor) is no follow-ups at all.
    std::fs::write(&base, "").unwrap();
    let out_path = f.path("out.json");
    let args = [
        "followups",
        "merge",
        s(&base),
        s(&ours),
        s(&ours),
        "-o",
        s(&out_path),
    ];
    ok(&f.reso(&args));
    assert_eq!(std::fs::read(&ours).unwrap(), before);
    assert_eq!(std::fs::read(&out_path).unwrap(), before);
}

#[test]
fn git_setup_is_idempotent() {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: git is not installed (.ci/run installs it)");
        return;
    }
    let f = Folder::new();
    let repo = f.path("repo");
    let init = std::process::Command::new("git")
        .args(["init", "-q"])
        .arg(&repo)
        .output()
        .unwrap();
    assert!(init.status.success());
    std::fs::write(repo.join(".gitattributes"), "*.md text").unwrap();
    let setup = |extra: &[&str]| {
        let mut args = vec!["followups", "git-setup", s(&repo)];
        args.extend_from_slice(extra);
        ok(&f.reso(&args))
    };
    let first = setup(&[]);
    assert!(
        first.contains("added \"followups.json merge=reso\""),
        "{first}"
    );
    assert!(first.contains("merge.reso.driver"), "{first}");
    assert!(setup(&[]).ends_with("already set up, nothing changed\n"));
    assert_eq!(
        std::fs::read_to_string(repo.join(".gitattributes")).unwrap(),
        "*.md text\nfollowups.json merge=reso\n"
    );
    let driver = git_config(&repo, "merge.reso.driver");
    assert!(driver.ends_with(" followups merge %O %A %B"), "{driver}");
    let reso = driver.trim_end_matches(" followups merge %O %A %B");
    assert!(Path::new(reso.trim_matches('\'')).is_absolute(), "{driver}");
    // Another file name adds its own line.
    let other = setup(&["--file", "team/followups.json"]);
    assert!(other.contains("team/followups.json merge=reso"), "{other}");
    let bad = f.reso(&["followups", "git-setup", s(&repo), "--file", "a b"]);
    assert_eq!(bad.status.code(), Some(2));
    let not_a_repo = f.reso(&["followups", "git-setup", s(&f.path("nowhere"))]);
    assert_eq!(not_a_repo.status.code(), Some(2));
    // Issue 18, point 7: a `.gitattributes` that is a device is refused, not appended to.
    let attributes = repo.join(".gitattributes");
    std::fs::remove_file(&attributes).unwrap();
    std::os::unix::fs::symlink("/dev/null", &attributes).unwrap();
    let device = f.reso(&["followups", "git-setup", s(&repo), "--file", "device.json"]);
    assert_eq!(device.status.code(), Some(2), "{device:?}");
    let said = text(&device.stderr);
    assert!(
        said.contains(&format!(
            "{}:1:1: not a regular file, expected a text file",
            attributes.display()
        )),
        "{said}"
    );
}

fn git_config(repo: &Path, key: &str) -> String {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["config", "--get", key])
        .output()
        .unwrap();
    text(&out.stdout).trim_end().to_string()
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Two sides that each fit in what reso reads but together do not: the merge writes nothing
/// and exits 1, so that git reports a conflict rather than commit a file reso refuses.
#[test]
fn a_merge_larger_than_reso_reads_writes_nothing() {
    let f = Folder::new();
    let [base, ours, theirs] = ["base.json", "ours.json", "theirs.json"].map(|n| f.path(n));
    std::fs::write(&base, "").unwrap();
    // A note is in the record and in its history: 17 MiB of note is about 34 MiB of file.
    let note = "y".repeat(17 * 1024 * 1024);
    for (path, r) in [(&ours, "ba-43-2024:1.1"), (&theirs, "ba-43-2024:1.2")] {
        let mut store = reso::followups::Store::open(path).with_author("a");
        store.mark(r, "text").unwrap();
        store.set_note(r, Some(&note)).unwrap();
        store.save().unwrap();
    }
    let before = std::fs::read(&ours).unwrap();
    let out = f.reso(&["followups", "merge", s(&base), s(&ours), s(&theirs)]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("more than the 64 MiB reso reads; nothing written"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&ours).unwrap(), before, "OURS untouched");
}
