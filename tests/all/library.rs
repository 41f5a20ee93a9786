//! The personal library through the real binary, in a temporary data folder
//! (`XDG_DATA_HOME`): `reso import FILE --add`, `reso library`, `reso library remove`, and
//! the default set that `reso search` and `reso export` see.

use crate::common::Sandboxed;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;
use serde_json::Value;

fn text() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/files/ba-49-2030.txt")
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ba-43-2024.txt")
}

/// A data folder of its own, with nothing else of the user's in reach.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn reso(&self) -> Command {
        let mut cmd = Command::cargo_bin("reso").unwrap();
        cmd.sandboxed()
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env("HOME", self.dir.path())
            .env("RESO_FOLLOWUPS", self.dir.path().join("followups.json"));
        cmd
    }

    fn library(&self) -> PathBuf {
        self.dir.path().join("data/reso/resolutions")
    }

    fn add(&self) -> assert_cmd::assert::Assert {
        self.reso().arg("import").arg(text()).arg("--add").assert()
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn import_add_writes_into_the_library_for_the_user_alone() {
    let home = Home::new();
    let file = home.library().join("ba-49-2030.json");
    // The importer's summary line, then where it went.
    home.add()
        .code(0)
        .stdout("")
        .stderr(predicates::str::ends_with(format!(
            "words unaccounted\nadded ba-49-2030 to your library: {}\n",
            file.display()
        )));
    assert_eq!(mode(&home.library()), 0o700);
    assert_eq!(mode(&file), 0o600);
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(json["id"], "ba-49-2030");
    home.reso().arg("validate").arg(&file).assert().code(0);
}

#[test]
fn an_id_in_the_library_is_replaced_only_with_force() {
    let home = Home::new();
    home.add().code(0);
    let file = home.library().join("ba-49-2030.json");
    std::fs::write(&file, "{}").unwrap();
    home.add()
        .code(2)
        .stderr(contains("your library already has ba-49-2030"))
        .stderr(contains("use --force"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "{}");
    home.reso()
        .arg("import")
        .arg(text())
        .args(["--add", "--force"])
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("\"ba-49-2030\"")
    );
}

#[test]
fn a_bundled_id_is_never_taken() {
    let home = Home::new();
    home.reso()
        .arg("import")
        .arg(seed())
        .args(["--add", "--force"])
        .assert()
        .code(2)
        .stderr(contains("ba-43-2024 is a resolution bundled with reso"));
    assert!(!home.library().exists());
    home.reso()
        .arg("import")
        .arg(seed())
        .args(["--add", "--id", "ba-43-2024-copy"])
        .assert()
        .code(0);
}

#[test]
fn library_lists_bundled_and_own_by_adoption_date_and_removes() {
    let home = Home::new();
    home.add().code(0);
    let out = home.reso().arg("library").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let listing = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 2, "{listing}");
    assert!(
        lines[0].starts_with("ba-43-2024  2024-10-18  "),
        "{listing}"
    );
    assert!(lines[0].ends_with("12 recitals, 15 areas, 106 commitments  (bundled)"));
    assert!(
        lines[1].starts_with("ba-49-2030  2030-11-15  "),
        "{listing}"
    );
    assert!(
        lines[1].contains("5 recitals, 3 areas, 8 commitments"),
        "{listing}"
    );
    let file = home.library().join("ba-49-2030.json");
    assert!(lines[1].ends_with(&file.display().to_string()), "{listing}");

    home.reso()
        .args(["library", "remove", "ba-49-2030"])
        .assert()
        .code(0)
        .stderr(contains("removed ba-49-2030"));
    assert!(!file.exists());
    home.reso()
        .args(["library", "remove", "ba-49-2030"])
        .assert()
        .code(1)
        .stderr(contains("has no resolution ba-49-2030"));
    home.reso()
        .args(["library", "remove", "ba-43-2024"])
        .assert()
        .code(2)
        .stderr(contains("bundled with reso and cannot be removed"));
    let out = home.reso().arg("library").output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn search_sees_the_library_without_paths_and_only_the_paths_with_them() {
    let home = Home::new();
    home.reso()
        .args(["search", "hydrogen filling"])
        .assert()
        .code(1);
    home.add().code(0);
    home.reso()
        .args(["search", "hydrogen filling"])
        .assert()
        .code(0)
        .stdout(contains("ba-49-2030:2.2\t"));
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("resolutions/ba-43-2024.json");
    home.reso()
        .args(["search", "hydrogen filling"])
        .arg(&bundled)
        .assert()
        .code(1);
}

#[test]
fn export_sees_the_library() {
    let home = Home::new();
    home.add().code(0);
    let followups = r#"{
  "format": "reso-followups",
  "version": 1,
  "followups": {
    "ba-49-2030:2.2": {
      "created": "2030-11-20T10:00:00Z",
      "due": null,
      "history": [],
      "note": "Ask the ports.",
      "owner": "Kadri",
      "status": "open",
      "text_sha256": null,
      "updated": "2030-11-20T10:00:00Z"
    }
  }
}"#;
    std::fs::write(home.dir.path().join("followups.json"), followups).unwrap();
    let out = home
        .reso()
        .args(["export", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(csv.contains("ba-49-2030:2.2"), "{csv}");
    assert!(csv.contains("hydrogen filling stations"), "{csv}");
}

/// Issue 18, point 7: one broken file in the library no longer stops every command: `search`,
/// `export` (and `mark`) leave it out with one warning line `FILE:LINE:COLUMN: …` and exit 0
/// on the rest; `reso library` and `reso validate` still report it as an error.
#[test]
fn a_broken_library_file_is_skipped_with_one_warning_and_reported_by_library() {
    let home = Home::new();
    home.add().code(0);
    let bad = home.library().join("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"format\": \"reso-resolution\",\n  \"version\": 1,\n",
    )
    .unwrap();
    let warning = |out: &std::process::Output| {
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let lines: Vec<&str> = stderr.lines().filter(|l| l.contains("bad.json")).collect();
        assert_eq!(lines.len(), 1, "one warning line:\n{stderr}");
        assert!(
            lines[0].starts_with(&format!("{}:4:", bad.display()))
                && lines[0].contains("file skipped"),
            "{stderr}"
        );
    };
    let search = home.reso().args(["search", "hydrogen"]).output().unwrap();
    assert_eq!(search.status.code(), Some(0), "{search:?}");
    warning(&search);
    assert!(
        String::from_utf8_lossy(&search.stdout).contains("ba-49-2030:"),
        "the rest of the library is searched"
    );
    let mark = home
        .reso()
        .args(["mark", "ba-49-2030:2.2", "--owner", "Kadri"])
        .output()
        .unwrap();
    assert_eq!(mark.status.code(), Some(0), "{mark:?}");
    warning(&mark);
    let export = home
        .reso()
        .args(["export", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(export.status.code(), Some(0), "{export:?}");
    warning(&export);
    assert!(String::from_utf8_lossy(&export.stdout).contains("ba-49-2030:2.2"));
    // Where the library itself is the subject, the file is an error.
    home.reso()
        .arg("library")
        .assert()
        .code(2)
        .stdout(contains("ba-49-2030"))
        .stderr(contains(format!("{}:4:", bad.display())));
    home.reso()
        .arg("validate")
        .arg(&bad)
        .assert()
        .code(1)
        .stdout(contains(format!("{}:4:", bad.display())));
}
