//! The agenda exports: golden files for the three formats on awkward follow-ups (commas,
//! quotes, line breaks, non-ASCII, Markdown characters, a recital, an orphan), order,
//! overdue marking, selection, that CSV and JSON read back to the same data, and that no CSV
//! cell can run as a formula.

use crate::common::Sandboxed;
use reso::export::{AgendaEntry, Format, Options, Selection, render, select};
use reso::followups::{Field, HistoryEntry, Status, Timestamp};
use reso::model::Library;
use serde_json::Value;
use time::macros::date;

const TODAY: time::Date = date!(2025 - 01 - 10);

/// "Closed since" from 2024-12-01; stale after 30 days.
const OPTIONS: Options = Options {
    since: date!(2024 - 12 - 01),
    stale_days: 30,
};

fn at(time: &str) -> Option<Timestamp> {
    Timestamp::parse(time)
}

/// Last changed at `time` by `by`, the change being to the status.
fn changed(time: &str, by: &str, status: &str) -> AgendaEntry {
    AgendaEntry {
        updated: at(time),
        updated_by: Some(by.into()),
        history: vec![HistoryEntry {
            at: at(time).unwrap(),
            by: by.into(),
            field: Field::Status,
            from: None,
            to: Some(status.into()),
        }],
        ..entry("", status)
    }
}

fn entry(reference: &str, status: &str) -> AgendaEntry {
    AgendaEntry {
        reference: reference.to_string(),
        status: Status::parse(status).unwrap(),
        ..AgendaEntry::default()
    }
}

/// Follow-ups in no particular order, with notes that break naive writers.
fn awkward() -> Vec<AgendaEntry> {
    vec![
        AgendaEntry {
            note: Some("Asked the ministry, again; reply \"soon\".\nSecond line: Suwałki – Pärnu ‘quoted’".into()),
            owner: Some("defence-desk".into()),
            due: Some("2025-01-09".into()),
            reference: "ba-43-2024:1.7".into(),
            ..changed("2025-01-03T23:30:00Z", "anna.kalnina", "open")
        },
        AgendaEntry {
            note: Some("- not a list\n# not a heading\n1. not numbered\n\n*stars* and <b>tags</b> & [links](x)".into()),
            due: Some("2025-01-10".into()),
            ..entry("ba-43-2024:1.4", "in-progress")
        },
        AgendaEntry {
            due: Some("2024-12-01".into()),
            owner: Some("Ōsaka, Łódź".into()),
            note: Some("Costs ~EUR 5 million, a * b; C:\\path\\\nR&D snake_case [1]".into()),
            reference: "ba-43-2024:8.1".into(),
            ..changed("2024-12-20T09:00:00Z", "peteris", "done")
        },
        AgendaEntry {
            note: Some("Recital follow-up".into()),
            ..entry("ba-43-2024:r3", "waiting")
        },
        AgendaEntry {
            note: Some("Its commitment is gone.".into()),
            due: Some("2024-01-01".into()),
            ..entry("ba-42-2023:2.1", "open")
        },
        AgendaEntry {
            due: Some("next week".into()),
            text_changed: true,
            reference: "ba-43-2024:15.4".into(),
            ..changed("2024-11-30T23:59:59Z", "peteris", "dropped")
        },
    ]
}

fn library() -> Library {
    reso::bundled::library()
}

fn agenda(format: Format) -> String {
    render(
        format,
        &library(),
        &awkward(),
        TODAY,
        &Selection::default(),
        &OPTIONS,
    )
}

#[test]
fn markdown_golden() {
    insta::assert_snapshot!(agenda(Format::Markdown));
}

#[test]
fn csv_golden() {
    insta::assert_snapshot!(agenda(Format::Csv));
}

#[test]
fn json_golden() {
    insta::assert_snapshot!(agenda(Format::Json));
}

/// A small RFC 4180 reader, independent of the writer: quoted fields may hold commas,
/// doubled quotes and line breaks; records end in CRLF.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => {
                assert!(
                    c != '"' && c != '\n' && c != '\r',
                    "stray {c:?} outside quotes"
                );
                field.push(c);
            }
        }
    }
    assert!(
        !quoted && field.is_empty() && record.is_empty(),
        "text ends inside a record"
    );
    records
}

#[test]
fn csv_reads_back_to_the_same_notes_in_document_order() {
    let csv = agenda(Format::Csv);
    let csv = csv
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for spreadsheets");
    let records = read_csv(csv);
    assert_eq!(
        records[0][..4],
        ["resolution", "area", "area_title", "reference"]
    );
    assert!(records.iter().all(|r| r.len() == records[0].len()));
    let column = |name: &str| records[0].iter().position(|h| h == name).unwrap();
    let refs: Vec<&str> = records[1..]
        .iter()
        .map(|r| r[column("reference")].as_str())
        .collect();
    assert_eq!(
        refs,
        [
            "ba-43-2024:r3",
            "ba-43-2024:1.4",
            "ba-43-2024:1.7",
            "ba-43-2024:8.1",
            "ba-43-2024:15.4",
            "ba-42-2023:2.1"
        ]
    );
    let by_ref = |r: &str| {
        records
            .iter()
            .find(|rec| rec[column("reference")] == r)
            .unwrap()
    };
    for e in awkward() {
        assert_eq!(
            by_ref(&e.reference)[column("note")],
            as_spreadsheet_sees(&e.note.unwrap_or_default())
        );
    }
    let lib = library();
    let row = by_ref("ba-43-2024:1.7");
    assert_eq!(
        row[column("text")],
        lib.text(lib.find("ba-43-2024:1.7").unwrap())
    );
    assert_eq!(row[column("area")], "1");
    assert_eq!(row[column("overdue")], "yes");
    assert_eq!(
        by_ref("ba-43-2024:1.4")[column("overdue")],
        "no",
        "due today is not overdue"
    );
    assert_eq!(
        by_ref("ba-43-2024:8.1")[column("overdue")],
        "no",
        "done is never overdue"
    );
    assert_eq!(by_ref("ba-42-2023:2.1")[column("overdue")], "yes");
    assert_eq!(by_ref("ba-43-2024:r3")[column("area")], "preamble");
}

#[test]
fn json_joins_records_with_text_and_area() {
    let doc: Value = serde_json::from_str(&agenda(Format::Json)).unwrap();
    assert_eq!(doc["date"], "2025-01-10");
    assert_eq!(doc["counts"]["total"], 6);
    assert_eq!(doc["counts"]["overdue"], 2);
    assert_eq!(doc["counts"]["by_status"]["open"], 2);
    let lib = library();
    let followups = doc["followups"].as_array().unwrap();
    for f in followups {
        let reference = f["ref"].as_str().unwrap();
        match lib.find(reference) {
            Some(item) => {
                assert_eq!(f["text"], lib.text(item));
                assert_eq!(f["orphaned"], false);
                match lib.area_of(item) {
                    Some(area) => {
                        assert_eq!(f["area"]["heading"], area.heading.as_deref().unwrap())
                    }
                    None => assert!(f["area"].is_null()),
                }
            }
            None => {
                assert_eq!(f["orphaned"], true);
                assert!(f["text"].is_null());
            }
        }
    }
    let first_note = followups
        .iter()
        .find(|f| f["ref"] == "ba-43-2024:1.7")
        .unwrap()["note"]
        .clone();
    assert_eq!(first_note, awkward()[0].note.clone().unwrap().as_str());
}

/// The byte offset of each needle in `text`, failing on one that is missing.
fn offsets(text: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| {
            text.find(n)
                .unwrap_or_else(|| panic!("{n:?} missing in:\n{text}"))
        })
        .collect()
}

#[test]
fn markdown_raises_overdue_first_then_by_due_date_then_undated() {
    let md = agenda(Format::Markdown);
    let order = offsets(
        &md,
        &[
            "## To raise (4)",
            "- **ba-42-2023:2.1** · open · due: 2024-01-01 **(overdue)**",
            "- **ba-43-2024:1.7** · open · owner: defence-desk · due: 2025-01-09 **(overdue)**",
            "- **ba-43-2024:1.4** · in-progress · due: 2025-01-10\n",
            "- **ba-43-2024:r3** · waiting",
            "## Closed since 2024-12-01 (1)",
            "- **ba-43-2024:8.1** · done",
            "1 follow-up closed before 2024-12-01 is not listed.",
            "## Progress",
        ],
    );
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{md}");
    assert!(
        !md.contains("**ba-43-2024:15.4**"),
        "dropped before the date"
    );
    assert!(md.contains("open 2 · in-progress 1 · waiting 1 · done 1 · dropped 1"));
    // Each entry says where it sits and who changed it last.
    assert!(md.contains(
        "  Area: 1. Defence cooperation of the Baltic States · last change: 2025-01-03 23:30Z by anna.kalnina\n"
    ));
    assert!(md.contains("  Area: Preamble\n"));
    assert!(md.contains("  Area: not in the loaded resolutions"));
}

#[test]
fn markdown_escapes_only_what_would_be_markup() {
    let md = agenda(Format::Markdown);
    // No line of a note starts a list, heading or quote of its own; the first line follows
    // the label, where `-` means nothing.
    assert!(
        md.contains("  *Note:* - not a list  \n  \\# not a heading  \n  1\\. not numbered\n\n  \\*stars\\* and \\<b>tags\\</b> & [links\\](x)\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "  *Note:* Costs ~EUR 5 million, a * b; C:\\path\\\\  \n  R&D snake_case [1]\n"
        )
    );
    assert!(!md.contains("\\~"), "a tilde is not escaped");
    for line in md.lines() {
        assert!(
            !line.ends_with('\\') || line.ends_with("\\\\"),
            "a line-final backslash is a hard break: {line:?}"
        );
    }
}

#[test]
fn markdown_progress_table_counts_per_area() {
    let md = agenda(Format::Markdown);
    assert!(md.contains(
        "| Area | Not marked | Open | In progress | Waiting | Done | Dropped | Done of all | Overdue | Stale | Changed since | Last change |"
    ));
    // 1.4 (no change recorded) and 1.7 (open, overdue, changed a week ago) of 8 commitments.
    assert!(
        md.contains("| 1. Defence cooperation of the Baltic States | 6 | 1 | 1 | 0 | 0 | 0 | 0/8 | 1 | 0 | 1 | 2025-01-03 |"),
        "{md}"
    );
    assert!(
        md.contains("| 8. Rail Baltica | 2 | 0 | 0 | 0 | 1 | 0 | 1/3 | 0 | 0 | 1 | 2024-12-20 |")
    );
    assert!(md.contains("| 2. Civil defence, disaster prevention and crisis management | 13 | 0 | 0 | 0 | 0 | 0 | 0/13 | 0 | 0 | 0 | – |"));
    // Recitals and follow-ups not in the loaded resolutions are not on the board.
    assert!(
        md.contains("| **All areas** | 102 | 1 | 1 | 0 | 1 | 1 | 1/106 | 1 | 0 | 2 | 2025-01-03 |"),
        "{md}"
    );
}

#[test]
fn stale_counts_what_is_still_to_do_and_unchanged_for_long() {
    let entries = [
        AgendaEntry {
            reference: "ba-43-2024:2.1".into(),
            ..changed("2024-12-11T12:00:00Z", "anna", "waiting")
        },
        AgendaEntry {
            reference: "ba-43-2024:2.2".into(),
            ..changed("2024-12-12T12:00:00Z", "anna", "open")
        },
        AgendaEntry {
            reference: "ba-43-2024:2.3".into(),
            ..changed("2024-01-01T12:00:00Z", "anna", "done")
        },
    ];
    let md = render(
        Format::Markdown,
        &library(),
        &entries,
        TODAY,
        &Selection::default(),
        &OPTIONS,
    );
    // Today is 2025-01-10; 30 days before is 2024-12-11.
    assert!(
        md.contains("| 2. Civil defence, disaster prevention and crisis management | 10 | 1 | 0 | 1 | 1 | 0 | 1/13 | 0 | 1 | 2 | 2024-12-12 |"),
        "{md}"
    );
}

#[test]
fn an_empty_agenda_says_so() {
    let md = render(
        Format::Markdown,
        &library(),
        &[],
        TODAY,
        &Selection::default(),
        &OPTIONS,
    );
    assert!(md.contains("No follow-ups."), "{md}");
    let csv = render(
        Format::Csv,
        &library(),
        &[],
        TODAY,
        &Selection::default(),
        &OPTIONS,
    );
    assert_eq!(
        read_csv(csv.trim_start_matches('\u{feff}')).len(),
        1,
        "header only"
    );
}

#[test]
fn selection_by_status_owner_and_query() {
    let lib = library();
    let index = reso::filter::Index::new(&lib);
    let search = |query: &reso::filter::Query, table: &reso::filter::FollowupTable| {
        index.search(&lib, query, table, TODAY, None)
    };
    let refs = |selection: Selection| -> Vec<String> {
        select(&lib, &awkward(), &selection, search)
            .unwrap()
            .into_iter()
            .map(|e| e.reference)
            .collect()
    };
    assert_eq!(
        refs(Selection {
            statuses: vec![Status::Open],
            ..Selection::default()
        }),
        ["ba-43-2024:1.7", "ba-42-2023:2.1"]
    );
    assert_eq!(
        refs(Selection {
            owner: Some("DEFENCE-DESK".into()),
            ..Selection::default()
        }),
        ["ba-43-2024:1.7"]
    );
    // The filter's language: `nato` is in 1.4 (not 1.7), `suwalki` folds to Suwałki (1.7).
    assert_eq!(
        refs(Selection {
            query: Some("nato".into()),
            ..Selection::default()
        }),
        ["ba-43-2024:1.4"]
    );
    assert_eq!(
        refs(Selection {
            query: Some("suwalki".into()),
            ..Selection::default()
        }),
        ["ba-43-2024:1.7"]
    );
    assert_eq!(
        refs(Selection {
            query: Some("overdue".into()),
            ..Selection::default()
        }),
        ["ba-43-2024:1.7"],
        "the orphan is overdue but cannot match a query"
    );
    assert!(
        select(
            &lib,
            &awkward(),
            &Selection {
                query: Some("is:bogus".into()),
                ..Selection::default()
            },
            search
        )
        .is_err()
    );
    let header = render(
        Format::Markdown,
        &lib,
        &[],
        TODAY,
        &Selection {
            statuses: vec![Status::Open, Status::Waiting],
            owner: Some("desk".into()),
            query: Some("nato".into()),
        },
        &OPTIONS,
    );
    assert!(header.contains("- **Selection:** status open, waiting · owner desk · query \"nato\""));
}

// The command, through the real binary, on a follow-ups file in the store's format.

fn export_cmd() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("reso").unwrap();
    cmd.sandboxed().arg("export");
    cmd
}

fn followups_fixture() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export/followups.json")
}

fn stdout_of(args: &[&str]) -> (i32, String) {
    let out = export_cmd()
        .arg("--followups")
        .arg(followups_fixture())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn command_writes_the_markdown_agenda_of_the_followups_file() {
    // The fixture's changes are of 2026-11-28.
    let (code, md) = stdout_of(&["--since", "2026-11-01"]);
    assert_eq!(code, 0);
    assert!(md.contains(
        "- **Follow-ups:** 5 (open 2 · in-progress 1 · waiting 1 · done 1 · dropped 0), 1 overdue"
    ));
    assert!(
        md.contains("due: 2000-01-31 **(overdue)**"),
        "past due and open"
    );
    assert!(
        md.contains("due: 2999-12-31\n"),
        "future due is not overdue"
    );
    assert!(md.contains("due: 2000-01-01\n"), "done is never overdue");
    assert!(md.contains(
        "**ba-43-2024:15.4** · waiting · owner: media-desk · **text changed since marked**"
    ));
    assert!(
        !md.contains("3.1"),
        "a removed follow-up is not on the agenda"
    );
    assert!(md.contains("  Area: not in the loaded resolutions"));
    assert!(md.contains("## Closed since 2026-11-01 (1)"));
    assert!(md.contains("last change: 2026-11-28 10:00Z by analyst1"));
    let (_, md) = stdout_of(&["--since", "-520w", "--stale-days", "1"]);
    assert!(
        md.contains("**ba-43-2024:8.1**"),
        "ten years back reaches it"
    );
    assert!(
        md.contains("Stale: still to be done and unchanged for 1 day or more."),
        "{md}"
    );
    let (_, md) = stdout_of(&["--since", "2026-11-29"]);
    assert!(
        md.contains("## Closed since 2026-11-29 (0)") && !md.contains("**ba-43-2024:8.1**"),
        "done before the date: not listed"
    );
}

#[test]
fn command_csv_to_a_file_replaces_it_only_with_force_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("agenda.csv");
    std::fs::write(&out, "old agenda").unwrap();
    export_cmd()
        .arg("--followups")
        .arg(followups_fixture())
        .args(["--format", "csv", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "reso: {} exists; use --force to replace it, or -o another file\n",
            out.display()
        ));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old agenda");
    export_cmd()
        .arg("--followups")
        .arg(followups_fixture())
        .args(["--format", "csv", "--force", "-o"])
        .arg(&out)
        .assert()
        .code(0)
        .stdout("");
    let csv = std::fs::read_to_string(&out).unwrap();
    let records = read_csv(csv.trim_start_matches('\u{feff}'));
    assert_eq!(records.len(), 6, "header and five follow-ups");
    let note = records.iter().find(|r| r[3] == "ba-43-2024:1.7").unwrap()[8].clone();
    assert_eq!(
        note,
        "Asked the ministry, again; reply \"soon\".\nSecond line: Suwałki – Pärnu ‘quoted’"
    );
    assert_eq!(records[0][11..], ["updated", "updated_by"]);
    assert!(
        records[1..]
            .iter()
            .all(|r| r[11] == "2026-11-28T10:00:00Z" && r[12] == "analyst1")
    );
    // A new file needs no --force.
    let fresh = dir.path().join("fresh.md");
    export_cmd()
        .arg("--followups")
        .arg(followups_fixture())
        .arg("-o")
        .arg(&fresh)
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(&fresh)
            .unwrap()
            .starts_with("# Follow-up agenda, ")
    );
}

/// What a spreadsheet must see for a cell reso wrote as `cell`: a leading `'` where the cell
/// would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage return and
/// is not a plain number), the cell itself otherwise (issue 18, point 6).
fn as_spreadsheet_sees(cell: &str) -> String {
    let number = |s: &str| {
        let s = s.strip_prefix(['+', '-']).unwrap_or(s);
        s.chars().any(|c| c.is_ascii_digit())
            && s.chars().all(|c| c.is_ascii_digit() || c == '.')
            && s.matches('.').count() <= 1
    };
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !number(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[test]
fn command_csv_cells_cannot_run_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let followups = dir.path().join("followups.json");
    let reso = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("reso")
            .unwrap()
            .sandboxed()
            .env("RESO_FOLLOWUPS", &followups)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    // Notes and owners as a colleague could type them; due dates are checked, so not here.
    let cells = [
        ("1.1", "=HYPERLINK(\"http://x\",\"y\")", "-to start"),
        ("1.2", "+1+cmd|' /C calc'!A0", "@desk"),
        ("1.3", "\tindented", "-3"),
        ("1.4", "\rcarriage", "+4.5"),
        ("1.5", "-2.5", "plain"),
    ];
    for (id, note, owner) in cells {
        reso(&[
            "mark",
            id,
            &format!("--note={note}"),
            &format!("--owner={owner}"),
        ]);
    }
    let csv = reso(&["export", "--format", "csv"]);
    let records = read_csv(csv.trim_start_matches('\u{feff}'));
    let row = |id: &str| {
        let reference = format!("ba-43-2024:{id}");
        records.iter().find(|r| r[3] == reference).unwrap().clone()
    };
    assert_eq!(row("1.1")[8], "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(row("1.1")[5], "'-to start");
    assert_eq!(row("1.2")[8], "'+1+cmd|' /C calc'!A0");
    assert_eq!(row("1.2")[5], "'@desk");
    assert_eq!(row("1.3")[8], "'\tindented");
    assert_eq!(row("1.3")[5], "-3", "a plain number stays as it is");
    assert_eq!(row("1.4")[8], "'\rcarriage");
    assert_eq!(row("1.4")[5], "+4.5");
    assert_eq!(row("1.5")[8], "-2.5");
    assert_eq!(row("1.5")[5], "plain");
    // No cell of any row, header included, begins with a formula character.
    for cell in records.iter().flatten() {
        assert_eq!(&as_spreadsheet_sees(cell.trim_start_matches('\'')), cell);
    }
}

#[test]
fn command_json_with_status_owner_and_query_filters() {
    let (code, json) = stdout_of(&[
        "--format", "json", "--status", "open", "--status", "done", "--query", "suwalki",
    ]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&json).unwrap();
    let refs: Vec<&str> = doc["followups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["ref"].as_str().unwrap())
        .collect();
    assert_eq!(refs, ["ba-43-2024:1.7"]);
    assert_eq!(doc["selection"], "status open, done · query \"suwalki\"");
    let (_, json) = stdout_of(&["--format", "json", "--owner", "Media-Desk"]);
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["followups"][0]["ref"], "ba-43-2024:15.4");
    assert_eq!(doc["followups"][0]["text_changed"], true);
    assert_eq!(doc["followups"][0]["updated"], "2026-11-28T10:00:00Z");
    assert_eq!(doc["followups"][0]["updated_by"], "analyst1");
}

#[test]
fn command_owner_matches_like_the_owner_query_term() {
    let refs = |owner: &str| -> Vec<String> {
        let (_, json) = stdout_of(&["--format", "json", "--owner", owner]);
        let doc: Value = serde_json::from_str(&json).unwrap();
        doc["followups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["ref"].as_str().unwrap().to_string())
            .collect()
    };
    // The start of the name or of any word of it, case and accents ignored.
    assert_eq!(refs("MEDIA"), ["ba-43-2024:15.4"]);
    assert_eq!(refs("desk"), ["ba-43-2024:1.7", "ba-43-2024:15.4"]);
    assert_eq!(refs("lodz"), ["ba-43-2024:8.1"]);
    assert!(refs("esk").is_empty(), "inside a word is no match");
    let (_, by_query) = stdout_of(&["--format", "json", "--query", "owner:desk"]);
    let (_, by_owner) = stdout_of(&["--format", "json", "--owner", "desk"]);
    let refs_of = |json: &str| {
        let doc: Value = serde_json::from_str(json).unwrap();
        doc["followups"].clone()
    };
    assert_eq!(refs_of(&by_query), refs_of(&by_owner));
}

#[test]
fn command_exit_statuses() {
    let (code, md) = stdout_of(&["--owner", "nobody"]);
    assert_eq!(code, 1, "an empty selection is 'nothing found'");
    assert!(md.contains("No follow-ups."));
    export_cmd()
        .arg("--followups")
        .arg(followups_fixture())
        .args(["--status", "finished"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "unknown status \"finished\", expected one of open, in-progress",
        ));
    export_cmd()
        .arg("--followups")
        .arg(followups_fixture())
        .args(["--query", "is:bogus"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad query"));
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("followups.json");
    std::fs::write(&broken, "{\"format\": \"reso-followups\",").unwrap();
    export_cmd()
        .arg("--followups")
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{}:1:",
            broken.display()
        )));
    export_cmd()
        .arg("--followups")
        .arg(followups_fixture())
        .arg("/nonexistent/resolutions")
        .assert()
        .code(2);
}

#[test]
fn command_reads_the_followups_file_named_by_the_environment() {
    let out = assert_cmd::Command::cargo_bin("reso")
        .unwrap()
        .sandboxed()
        .env("RESO_FOLLOWUPS", followups_fixture())
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["counts"]["total"], 5);
}

mod csv_round_trip {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any note and owner, however awkward, reads back from the CSV exactly (with the
        /// leading `'` of a cell that would run as a formula).
        #[test]
        fn any_note_and_owner_read_back(
            note in "[ -~\r\n\t\",;ąłž–‘’]{0,60}",
            owner in "[ -~\",ł]{0,20}",
        ) {
            let entries = [AgendaEntry {
                note: Some(note.clone()),
                owner: Some(owner.clone()),
                ..entry("ba-43-2024:1.1", "open")
            }];
            let csv = render(Format::Csv, &library(), &entries, TODAY, &Selection::default(), &OPTIONS);
            let records = read_csv(csv.trim_start_matches('\u{feff}'));
            prop_assert_eq!(records.len(), 2);
            prop_assert_eq!(&records[1][5], &as_spreadsheet_sees(&owner));
            prop_assert_eq!(&records[1][8], &as_spreadsheet_sees(&note));
        }
    }
}

#[test]
fn file_names_carry_the_date_and_extension() {
    assert_eq!(
        reso::export::file_name(Format::Markdown, TODAY),
        "agenda-2025-01-10.md"
    );
    assert_eq!(
        reso::export::file_name(Format::Csv, TODAY),
        "agenda-2025-01-10.csv"
    );
    assert_eq!(
        reso::export::file_name(Format::Json, TODAY),
        "agenda-2025-01-10.json"
    );
}

/// The browser's `E`: the agenda of the follow-ups the filter shows, to a new file per call.
#[test]
fn the_browser_agenda_goes_to_a_new_dated_file_each_time() {
    let text = std::fs::read_to_string(followups_fixture()).unwrap();
    let file: reso::followups::FollowupsFile = serde_json::from_str(&text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let lib = library();
    let index = reso::filter::Index::new(&lib);
    let write =
        |query| reso::export::write_dated(&lib, &index, &file, query, TODAY, &OPTIONS, dir.path());
    let message = write(None);
    assert!(
        message.starts_with("wrote agenda-2025-01-10.md (5 follow-ups) in "),
        "{message}"
    );
    let message = write(Some("suwalki"));
    assert!(
        message.starts_with("wrote agenda-2025-01-10-2.md (1 follow-up) in "),
        "{message}"
    );
    let first = std::fs::read_to_string(dir.path().join("agenda-2025-01-10.md")).unwrap();
    assert!(first.contains("## To raise (4)") && first.contains("## Progress"));
    let second = std::fs::read_to_string(dir.path().join("agenda-2025-01-10-2.md")).unwrap();
    assert!(second.contains("- **Selection:** query \"suwalki\""));
    assert!(second.contains("## To raise (1)\n\n- **ba-43-2024:1.7**"));
    assert!(write(Some("is:bogus")).starts_with("agenda not written: is:bogus"));
}

/// Issue 18, point 7: a symlink planted at the day's agenda name, dangling or not, is a taken
/// name: `E` writes the next free one and leaves the link and what it points at alone.
#[test]
fn the_browser_agenda_passes_over_a_planted_symlink() {
    let text = std::fs::read_to_string(followups_fixture()).unwrap();
    let file: reso::followups::FollowupsFile = serde_json::from_str(&text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let dangling = elsewhere.path().join("not-yet-there.md");
    let existing = elsewhere.path().join("someone-elses.md");
    std::fs::write(&existing, "theirs\n").unwrap();
    std::os::unix::fs::symlink(&dangling, dir.path().join("agenda-2025-01-10.md")).unwrap();
    std::os::unix::fs::symlink(&existing, dir.path().join("agenda-2025-01-10-2.md")).unwrap();
    let lib = library();
    let index = reso::filter::Index::new(&lib);
    let message = reso::export::write_dated(&lib, &index, &file, None, TODAY, &OPTIONS, dir.path());
    assert!(
        message.starts_with("wrote agenda-2025-01-10-3.md (5 follow-ups) in "),
        "{message}"
    );
    assert!(
        std::fs::read_to_string(dir.path().join("agenda-2025-01-10-3.md"))
            .unwrap()
            .contains("## To raise (4)")
    );
    assert!(!dangling.exists(), "nothing was written through the link");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "theirs\n");
    assert!(
        std::fs::symlink_metadata(dir.path().join("agenda-2025-01-10.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// Issue 19, point 3: `--query` is decided by the engine `reso search` and the browser use,
/// the user's synonyms included (export once built an index of its own without them, and
/// the agenda dropped follow-ups the filter showed).
#[test]
fn the_agenda_query_finds_what_search_finds_through_synonyms() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    std::fs::write(
        config.join("synonyms.txt"),
        "NordGen, Nordic Genetic Resource Centre\n",
    )
    .unwrap();
    let followups = dir.path().join("followups.json");
    let reso = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("reso")
            .unwrap()
            .sandboxed()
            .env("RESO_CONFIG_DIR", &config)
            .env("RESO_FOLLOWUPS", &followups)
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    for reference in ["ba-43-2024:10.3", "ba-43-2024:1.4"] {
        assert_eq!(reso(&["mark", reference, "--owner", "desk"]).0, Some(0));
    }
    let (code, found) = reso(&["search", "nordgen"]);
    assert_eq!(code, Some(0));
    assert!(found.contains("ba-43-2024:10.3"), "{found}");
    let (code, csv) = reso(&["export", "--format", "csv", "--query", "nordgen"]);
    assert_eq!(code, Some(0), "{csv}");
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{csv}");
    assert!(rows[0].contains(",ba-43-2024:10.3,"), "{csv}");
}
