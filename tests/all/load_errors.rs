//! Every kind of bad resolution input gets one precise line, `FILE:LINE:COLUMN: message`,
//! through the real binary: `reso validate` exits 1, `reso PATH` exits 2 before touching
//! the terminal. The messages are snapshotted.

use crate::common::Sandboxed;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};

fn bundled() -> Value {
    serde_json::from_str(include_str!("../../resolutions/ba-43-2024.json")).unwrap()
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap() + "\n"
}

/// Writes each case into its own file and returns the paths in order.
fn write_cases(dir: &Path) -> Vec<PathBuf> {
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = bundled();
        f(&mut v);
        pretty(&v).into_bytes()
    };
    cases.push(("invalid-utf8.json", {
        let mut bytes = pretty(&bundled()).into_bytes();
        let at = bytes
            .windows(8)
            .position(|w| w == b"Suwa\xc5\x82ki")
            .unwrap()
            + 4;
        bytes[at] = 0xff;
        bytes
    }));
    cases.push((
        "malformed.json",
        pretty(&bundled())
            .replacen("\"body\":", "\"body\"", 1)
            .into_bytes(),
    ));
    cases.push(("trailing.json", (pretty(&bundled()) + "{}\n").into_bytes()));
    cases.push((
        "truncated.json",
        pretty(&bundled()).as_bytes()[..500].to_vec(),
    ));
    cases.push((
        "wrong-format.json",
        edit(&|v| v["format"] = json!("reso-followups")),
    ));
    cases.push((
        "no-format.json",
        edit(&|v| {
            v.as_object_mut().unwrap().remove("format");
        }),
    ));
    // Versions 2 to 4 are read (issues 9 and 25); 5 is the newer one now.
    cases.push(("newer-version.json", edit(&|v| v["version"] = json!(5))));
    cases.push(("version-0.json", edit(&|v| v["version"] = json!(0))));
    cases.push((
        "v2-field-in-v1.json",
        edit(&|v| v["areas"][0]["commitments"][1]["action"] = json!("to join")),
    ));
    cases.push((
        "null-heading-in-v1.json",
        edit(&|v| v["areas"][0]["heading"] = Value::Null),
    ));
    cases.push((
        "null-heading-after-first.json",
        edit(&|v| {
            v["version"] = json!(2);
            v["areas"][2]["heading"] = Value::Null;
        }),
    ));
    cases.push((
        "page-mark-in-text.json",
        edit(&|v| {
            v["areas"][1]["commitments"][0]["text"] =
                json!("to build the line Page 3 of 11 to Tallinn;")
        }),
    ));
    cases.push((
        "form-feed-in-text.json",
        edit(&|v| v["preamble"]["recitals"][0]["text"] = json!("having convened\u{c} in Vilnius,")),
    ));
    cases.push((
        "swallowed-heading.json",
        edit(&|v| {
            v["areas"][4]["commitments"][0]["text"] =
                json!("to act, regarding energy: - to build the grid;")
        }),
    ));
    cases.push((
        "bad-sub-item-id.json",
        edit(&|v| {
            v["version"] = json!(2);
            v["areas"][0]["commitments"][0]["items"] = json!([{"id": "2.a", "text": "to plan;"}]);
        }),
    ));
    cases.push((
        "action-not-opening.json",
        edit(&|v| {
            v["version"] = json!(2);
            v["areas"][0]["commitments"][0]["action"] = json!("Requests");
        }),
    ));
    cases.push((
        "addressee-not-in-text.json",
        edit(&|v| {
            v["version"] = json!(2);
            v["areas"][0]["commitments"][0]["addressee"] = json!("the Secretary-General");
        }),
    ));
    cases.push((
        "mixed-id-schemes.json",
        edit(&|v| {
            v["version"] = json!(2);
            v["areas"][0]["commitments"][0]["id"] = json!("1");
        }),
    ));
    cases.push((
        "unknown-field.json",
        edit(&|v| v["areas"][3]["commitments"][2]["txt"] = json!("x")),
    ));
    cases.push((
        "missing-field.json",
        edit(&|v| {
            v["areas"][3]["commitments"][2]
                .as_object_mut()
                .unwrap()
                .remove("text");
        }),
    ));
    cases.push((
        "empty-text.json",
        edit(&|v| v["areas"][3]["commitments"][2]["text"] = json!("  ")),
    ));
    cases.push((
        "duplicate-id.json",
        edit(&|v| v["areas"][0]["commitments"][3]["id"] = json!("1.3")),
    ));
    cases.push((
        "bad-area-id.json",
        edit(&|v| v["areas"][1]["id"] = json!("B")),
    ));
    cases.push((
        "bad-commitment-id.json",
        edit(&|v| v["areas"][1]["commitments"][0]["id"] = json!("2-1")),
    ));
    cases.push((
        "bad-recital-id.json",
        edit(&|v| v["preamble"]["recitals"][4]["id"] = json!("r99")),
    ));
    cases.push(("bad-slug.json", edit(&|v| v["id"] = json!("BA 43"))));
    cases.push((
        "bad-date.json",
        edit(&|v| v["adopted"]["date"] = json!("18 October 2024")),
    ));
    cases.push((
        "wrong-type.json",
        edit(&|v| v["session"]["number"] = json!("43")),
    ));
    cases.push(("not-an-object.json", b"[1, 2]\n".to_vec()));
    cases
        .into_iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            fs::write(&path, bytes).unwrap();
            path
        })
        .collect()
}

fn run(args: &[&Path]) -> (i32, String, String) {
    let out = Command::cargo_bin("reso")
        .unwrap()
        .sandboxed()
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_bad_input_gets_one_precise_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut report = String::new();
    for path in write_cases(dir.path()) {
        let (code, stdout, stderr) = run(&[Path::new("validate"), &path]);
        assert_eq!(code, 1, "validate exits 1 on {}", path.display());
        assert!(stderr.is_empty(), "validate reports on stdout: {stderr}");
        assert_eq!(
            stdout.lines().count(),
            1,
            "one line for {}: {stdout}",
            path.display()
        );
        let (code, stdout, stderr) = run(&[&path]);
        assert_eq!(code, 2, "the browser exits 2 on {}", path.display());
        assert!(stdout.is_empty(), "nothing drawn on bad input");
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        report.push_str(&stderr.replace(&format!("{}/", dir.path().display()), ""));
    }
    insta::assert_snapshot!(report);
}

#[test]
fn files_that_are_not_resolutions_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    fs::File::create(&big)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    let empty_folder = dir.path().join("empty");
    fs::create_dir(&empty_folder).unwrap();
    let missing = dir.path().join("missing.json");
    let mut report = String::new();
    for path in [
        big.as_path(),
        Path::new("/dev/null"),
        &empty_folder,
        &missing,
    ] {
        let (code, _, stderr) = run(&[path]);
        assert_eq!(code, 2);
        report.push_str(&stderr.replace(&format!("{}/", dir.path().display()), ""));
    }
    insta::assert_snapshot!(report);
}

#[test]
fn two_files_with_one_resolution_id() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    fs::write(&a, pretty(&bundled())).unwrap();
    fs::write(&b, pretty(&bundled())).unwrap();
    let (code, stdout, _) = run(&[Path::new("validate"), dir.path()]);
    assert_eq!(code, 1);
    let stdout = stdout.replace(&format!("{}/", dir.path().display()), "");
    insta::assert_snapshot!(stdout, @r#"
    OK a.json (15 areas, 106 commitments)
    b.json:554:9: resolution id "ba-43-2024" is already used by a.json, expected each file to hold a different resolution
    "#);
}

#[test]
fn valid_files_and_folders_pass() {
    let (code, stdout, _) = run(&[Path::new("validate"), Path::new("resolutions")]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "OK resolutions/ba-43-2024.json (15 areas, 106 commitments)\n"
    );
}

/// The examples in docs/resolution-format.md load: the version 1 one and the version 2 one.
#[test]
fn the_documented_examples_are_valid() {
    let doc = include_str!("../../docs/resolution-format.md");
    let blocks: Vec<&str> = doc
        .split("```json\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap())
        .collect();
    assert_eq!(blocks.len(), 2);
    for (block, version) in blocks.iter().zip([1, 2]) {
        let res =
            reso::load::parse_resolution("example", block).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(res.version, version);
        assert_eq!(res.needed_version(), version);
    }
}
