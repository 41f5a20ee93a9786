//! What changed since: `reso changes` through the real binary (time order, `--since`, `--by`,
//! `--json`, exit statuses), and the query terms `changed…` and `by:` through `reso search`
//! and `reso export --query`, on a follow-ups file written here.

use crate::common::Sandboxed;
use serde_json::{Value, json};

/// Three follow-ups changed by two people over a month; one of them later removed.
fn followups() -> Value {
    let change = |at: &str, by: &str, field: &str, from: Value, to: Value| json!({"at": at, "by": by, "field": field, "from": from, "to": to});
    json!({
        "format": "reso-followups",
        "version": 1,
        "followups": {
            "ba-43-2024:1.4": {
                "status": "in-progress",
                "note": "Ask the ministry.\nAgain in March.",
                "created": "2026-11-01T09:00:00Z",
                "updated": "2026-11-20T16:45:00Z",
                "history": [
                    change("2026-11-01T09:00:00Z", "anna.kalnina", "status", Value::Null, json!("open")),
                    change("2026-11-20T16:45:00Z", "peteris", "status", json!("open"), json!("in-progress")),
                    change("2026-11-20T16:45:00Z", "peteris", "note", Value::Null, json!("Ask the ministry.\nAgain in March.")),
                ]
            },
            "ba-43-2024:8.1": {
                "status": "done",
                "owner": "Rail desk",
                "created": "2026-11-05T08:00:00Z",
                "updated": "2026-11-28T07:30:00Z",
                "history": [
                    change("2026-11-05T08:00:00Z", "peteris", "status", Value::Null, json!("open")),
                    change("2026-11-10T12:00:00Z", "anna.kalnina", "owner", Value::Null, json!("Rail desk")),
                    change("2026-11-28T07:30:00Z", "anna.kalnina", "status", json!("open"), json!("done")),
                ]
            },
            "ba-43-2024:3.1": {
                "status": null,
                "created": "2026-11-02T10:00:00Z",
                "updated": "2026-11-03T10:00:00Z",
                "history": [
                    change("2026-11-02T10:00:00Z", "peteris", "status", Value::Null, json!("open")),
                    change("2026-11-03T10:00:00Z", "peteris", "status", json!("open"), Value::Null),
                ]
            }
        }
    })
}

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("followups.json");
    std::fs::write(&path, serde_json::to_string_pretty(&followups()).unwrap()).unwrap();
    Fixture { _dir: dir, path }
}

fn reso(f: &Fixture, args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("reso")
        .unwrap()
        .sandboxed()
        .args(args)
        .arg("--followups")
        .arg(&f.path)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn changes_are_listed_in_time_order_with_who_what_and_from_to() {
    let f = fixture();
    let (code, out, _) = reso(&f, &["changes"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "\
2026-11-01 09:00Z  anna.kalnina  ba-43-2024:1.4  status: (none) → open
2026-11-02 10:00Z  peteris       ba-43-2024:3.1  status: (none) → open
2026-11-03 10:00Z  peteris       ba-43-2024:3.1  status: open → (none)
2026-11-05 08:00Z  peteris       ba-43-2024:8.1  status: (none) → open
2026-11-10 12:00Z  anna.kalnina  ba-43-2024:8.1  owner: (none) → Rail desk
2026-11-20 16:45Z  peteris       ba-43-2024:1.4  status: open → in-progress
2026-11-20 16:45Z  peteris       ba-43-2024:1.4  note: (none) → Ask the ministry. ⏎ Again in March.
2026-11-28 07:30Z  anna.kalnina  ba-43-2024:8.1  status: open → done
"
    );
}

#[test]
fn since_and_by_narrow_the_list() {
    let f = fixture();
    let (code, out, _) = reso(&f, &["changes", "--since", "2026-11-20", "--by", "ANNA"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "2026-11-28 07:30Z  anna.kalnina  ba-43-2024:8.1  status: open → done\n"
    );
    // A word of the login counts, as for `owner:`; the inside of a word does not.
    let (_, out, _) = reso(&f, &["changes", "--by", "kalnina"]);
    assert_eq!(out.lines().count(), 3);
    let (code, out, _) = reso(&f, &["changes", "--by", "alnina"]);
    assert_eq!((code, out.as_str()), (1, ""), "nothing found is exit 1");
    // Far back in days reaches everything; a future date nothing.
    let (_, out, _) = reso(&f, &["changes", "--since", "-3650d"]);
    assert_eq!(out.lines().count(), 8);
    let (code, _, _) = reso(&f, &["changes", "--since", "2999-01-01"]);
    assert_eq!(code, 1);
}

#[test]
fn json_is_one_object_a_line() {
    let f = fixture();
    let (code, out, _) = reso(&f, &["changes", "--json", "--since", "2026-11-20"]);
    assert_eq!(code, 0);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[1],
        json!({
            "at": "2026-11-20T16:45:00Z",
            "by": "peteris",
            "ref": "ba-43-2024:1.4",
            "field": "note",
            "from": null,
            "to": "Ask the ministry.\nAgain in March."
        })
    );
}

#[test]
fn bad_dates_and_bad_files_are_usage_errors() {
    let f = fixture();
    let (code, _, err) = reso(&f, &["changes", "--since", "yesterday"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("\"yesterday\" is not a date, expected YYYY-MM-DD, -14d or -2w"),
        "{err}"
    );
    std::fs::write(
        &f.path,
        "{\"format\": \"reso-followups\",\n  \"version\": 1,\n  x",
    )
    .unwrap();
    let (code, _, err) = reso(&f, &["changes"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(&format!("{}:3:", f.path.display())),
        "FILE:LINE:COLUMN: {err}"
    );
    let missing = Fixture {
        path: f.path.with_file_name("none.json"),
        _dir: tempfile::tempdir().unwrap(),
    };
    let (code, out, err) = reso(&missing, &["changes"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("no follow-ups file"), "{err}");
}

#[test]
fn query_terms_find_what_changed_since_and_by_whom() {
    let f = fixture();
    let refs = |query: &str| -> Vec<String> {
        let (_, out, err) = reso(&f, &["search", query]);
        assert!(err.is_empty(), "{query}: {err}");
        let mut refs: Vec<String> = out
            .lines()
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect();
        refs.sort();
        refs
    };
    assert_eq!(
        refs("changed>=2026-11-20"),
        ["ba-43-2024:1.4", "ba-43-2024:8.1"]
    );
    assert_eq!(refs("changed>2026-11-20"), ["ba-43-2024:8.1"]);
    assert_eq!(refs("changed:2026-11-10"), ["ba-43-2024:8.1"]);
    assert_eq!(refs("changed<2026-11-21"), ["ba-43-2024:1.4"]);
    assert_eq!(refs("by:peteris !by:anna"), Vec::<String>::new());
    assert_eq!(
        refs("by:pet changed>=2026-11-01"),
        ["ba-43-2024:1.4", "ba-43-2024:8.1"]
    );
    // Relative dates count back from today: years back reaches every marked one.
    assert_eq!(refs("changed>-3650d"), ["ba-43-2024:1.4", "ba-43-2024:8.1"]);
    let (code, _, err) = reso(&f, &["search", "changed>lastweek"]);
    assert_eq!(code, 2);
    assert!(err.contains("changed>lastweek: expected a date"), "{err}");

    // The same language selects the agenda.
    let (_, json, _) = reso(
        &f,
        &[
            "export",
            "--format",
            "json",
            "--query",
            "changed:2026-11-28 by:kalnina",
        ],
    );
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["followups"].as_array().unwrap().len(), 1);
    assert_eq!(doc["followups"][0]["ref"], "ba-43-2024:8.1");
    assert_eq!(doc["followups"][0]["updated_by"], "anna.kalnina");
}

/// `--as-of` shows the follow-ups as they stood at the end of a day, rebuilt from their
/// history, in `reso search`, `reso export` and `reso changes --until` alike.
#[test]
fn as_of_a_day_every_command_sees_the_follow_ups_as_they_stood() {
    let f = fixture();
    // On 15 November 1.4 was open with no note, 8.1 open with its owner, 3.1 removed.
    let (code, out, _) = reso(
        &f,
        &["search", "--json", "--as-of", "2026-11-15", "is:open"],
    );
    assert_eq!(code, 0, "{out}");
    let refs: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["ref"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(refs, ["ba-43-2024:1.4", "ba-43-2024:8.1"]);
    let (_, now, _) = reso(&f, &["search", "--json", "is:open"]);
    assert_eq!(now, "", "today neither is open");

    let (code, agenda, _) = reso(&f, &["export", "--format", "csv", "--as-of", "2026-11-15"]);
    assert_eq!(code, 0);
    assert!(agenda.contains("ba-43-2024:8.1"), "{agenda}");
    assert!(
        !agenda.contains("Ask the ministry"),
        "the note came on 20 November: {agenda}"
    );
    assert!(!agenda.contains("in-progress"), "{agenda}");
    let (_, today, _) = reso(&f, &["export", "--format", "csv"]);
    assert!(today.contains("Ask the ministry"), "{today}");

    let (code, out, _) = reso(&f, &["changes", "--until", "2026-11-05"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 4, "up to the end of 5 November: {out}");
    let (_, out, _) = reso(
        &f,
        &["changes", "--since", "2026-11-20", "--until", "2026-11-20"],
    );
    assert_eq!(out.lines().count(), 2, "{out}");
}
