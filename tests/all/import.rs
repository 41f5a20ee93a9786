//! `reso import`: the seed round trip, the other layouts, "nothing dropped silently", and the
//! command's exit statuses and file handling through the real binary.

use crate::common::Sandboxed;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;
use serde_json::Value;

use reso::import::{Imported, Options, import, to_json};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(name: &str) -> String {
    fs::read_to_string(fixture(name)).unwrap()
}

fn import_fixture(name: &str) -> Imported {
    import(&read(name), &Options::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn reso() -> Command {
    let mut cmd = Command::cargo_bin("reso").unwrap();
    cmd.sandboxed();
    cmd
}

/// Removes the short display `title` of every area: the importer cannot know it (the text
/// has only the `regarding …` heading), so the bundled file's hand-written titles are left
/// out of the comparison. Nothing else is.
fn without_area_titles(mut value: Value) -> Value {
    for area in value["areas"].as_array_mut().unwrap() {
        area.as_object_mut().unwrap().remove("title");
    }
    value
}

#[test]
fn seed_text_imports_to_the_bundled_resolution_apart_from_area_titles() {
    let imported = import_fixture("ba-43-2024.txt");
    assert_eq!(imported.warnings, []);
    let got: Value = serde_json::from_str(&to_json(&imported.resolution)).unwrap();
    let bundled: Value = serde_json::from_str(&read("../../resolutions/ba-43-2024.json")).unwrap();
    assert_eq!(without_area_titles(got), without_area_titles(bundled));
}

#[test]
fn seed_text_through_the_binary_exits_0_and_passes_validate() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ba.json");
    reso()
        .arg("import")
        .arg(fixture("ba-43-2024.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stdout("")
        // The summary is the only output: nothing removed, joined or guessed.
        .stderr(
            "12 recitals, 15 areas, 106 commitments (0 with sub-items); joined 0 hyphenated words; removed 0 page lines; 0 words unaccounted\n",
        );
    reso()
        .arg("validate")
        .arg(&out)
        .assert()
        .code(0)
        .stdout(contains("(15 areas, 106 commitments)"));
}

/// Each layout fixture, imported: the JSON and the warnings as the user sees them.
fn snapshot_of(name: &str) -> String {
    let imported = import_fixture(&format!("import/{name}"));
    let mut out = to_json(&imported.resolution);
    for warning in &imported.warnings {
        out.push_str(&format!("warning: {warning}\n"));
    }
    out
}

#[test]
fn numbered_items_crlf_bom_capital_headings_and_no_blank_lines() {
    let imported = import_fixture("import/numbered-crlf.txt");
    let res = &imported.resolution;
    assert_eq!(imported.warnings, []);
    assert_eq!(res.id, "ba-41-2022");
    assert_eq!(
        res.title,
        "Resolution of the 41st Session of the Baltic Assembly"
    );
    assert_eq!(
        res.preamble.recitals.len(),
        3,
        "recitals split without blank lines"
    );
    assert_eq!(res.preamble.recitals[1].emphasis, ["decisions"]);
    assert_eq!(
        res.areas[1].heading.as_deref(),
        Some("REGARDING TRANSPORT AND MOBILITY")
    );
    assert_eq!(
        res.areas[1].commitments[1].text,
        "to establish a joint ticketing system for cross-border travel between the capitals;"
    );
    assert_eq!(
        (res.adopted.place_str(), res.adopted.date_str()),
        ("Riga", "2022-12-02")
    );
    insta::assert_snapshot!(snapshot_of("numbered-crlf.txt"));
}

#[test]
fn intros_area_specific_calls_and_every_bullet_glyph() {
    let imported = import_fixture("import/intros-and-bullets.txt");
    let res = &imported.resolution;
    assert_eq!(imported.warnings, []);
    assert_eq!(
        res.session.start.as_deref().zip(res.session.end.as_deref()),
        Some(("2023-11-30", "2023-12-01"))
    );
    assert_eq!(
        res.preamble.recitals[1].emphasis,
        ["stressing", "sustained military aid"]
    );
    assert_eq!(
        res.areas[1].intro.as_deref(),
        Some(
            "The Assembly notes the shortage of medical staff in rural areas.\ncalls on the ministries of health of the Baltic States:"
        )
    );
    let counts: Vec<usize> = res.areas.iter().map(|a| a.commitments.len()).collect();
    assert_eq!(counts, [2, 3, 1]);
    assert_eq!(
        res.areas[2].heading.as_deref(),
        Some("regarding cooperation in education, science and research")
    );
    insta::assert_snapshot!(snapshot_of("intros-and-bullets.txt"));
}

#[test]
fn paragraphs_without_markers_are_items_after_an_intro() {
    let imported = import_fixture("import/plain-paragraphs.txt");
    let res = &imported.resolution;
    assert_eq!(imported.warnings, []);
    assert_eq!(res.areas[0].intro, None);
    assert_eq!(res.areas[0].commitments.len(), 2);
    assert_eq!(
        res.areas[1].intro.as_deref(),
        Some("calls on the ministries of the environment:")
    );
    assert_eq!(res.operative.addressees, ["Baltic Council of Ministers"]);
    insta::assert_snapshot!(snapshot_of("plain-paragraphs.txt"));
}

#[test]
fn stray_lines_are_warned_about_with_their_line_numbers() {
    let imported = import_fixture("import/stray-lines.txt");
    let lines: Vec<usize> = imported.warnings.iter().map(|w| w.line).collect();
    // 10: between formula and first heading; 16: page number; 18: emphasis in a commitment;
    // 20: heading without a list; 25: paragraph among list items, and no closing line.
    assert_eq!(lines, [10, 16, 18, 20, 25, 25]);
    insta::assert_snapshot!(snapshot_of("stray-lines.txt"));
}

#[test]
fn numbered_headings_and_wrapped_lines_at_commas() {
    let imported = import_fixture("import/numbered-headings.txt");
    let res = &imported.resolution;
    assert_eq!(imported.warnings, []);
    let recitals: Vec<&str> = res
        .preamble
        .recitals
        .iter()
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(
        recitals,
        [
            "having convened for its 42nd Session on 23–24 November 2023 in Riga,",
            "noting the growing threats in the region, including hybrid attacks on critical infrastructure,",
            "recognising the work of the Baltic Council of Ministers,",
        ]
    );
    let headings: Vec<&str> = res
        .areas
        .iter()
        .map(|a| a.heading.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(headings, ["Regarding security", "Regarding energy"]);
    assert_eq!(
        res.areas[1].commitments[0].text,
        "to finish the synchronisation with the continental grid, strengthening the resilience of the Baltic States;"
    );
    assert_eq!(res.operative.addressees.len(), 3);
    insta::assert_snapshot!(snapshot_of("numbered-headings.txt"));
}

#[test]
fn page_breaks_inside_a_recital_and_an_item_are_joined_and_reported() {
    let imported = import_fixture("import/page-breaks.txt");
    let res = &imported.resolution;
    assert_eq!(
        res.preamble.recitals[0].text,
        "having convened for its 37th Session on 26–27 November 2020 in Tallinn, the Republic of Estonia,"
    );
    assert_eq!(res.preamble.recitals.len(), 2);
    assert_eq!(
        res.areas[0].commitments[0].text,
        "to develop offshore wind farms in the Baltic Sea;"
    );
    let lines: Vec<usize> = imported.warnings.iter().map(|w| w.line).collect();
    // 8 and 20: page marks; 10 and 22: the pieces joined across them.
    assert_eq!(lines, [8, 10, 20, 22]);
    insta::assert_snapshot!(snapshot_of("page-breaks.txt"));
}

/// Every non-blank source line is either in the JSON (its words, with list marker and `**`
/// removed) or named by a warning.
#[test]
fn nothing_is_dropped_silently() {
    for name in [
        "ba-43-2024.txt",
        "import/numbered-crlf.txt",
        "import/intros-and-bullets.txt",
        "import/plain-paragraphs.txt",
        "import/stray-lines.txt",
        "import/numbered-headings.txt",
        "import/page-breaks.txt",
    ] {
        let source = read(name);
        let imported = import_fixture(name);
        let json = to_json(&imported.resolution);
        let strings: Vec<String> = strings_of(&serde_json::from_str(&json).unwrap());
        let haystack = strings.join("\n").to_lowercase();
        let source = source.trim_start_matches('\u{feff}');
        for (i, line) in source.lines().enumerate() {
            let no = i + 1;
            // Headings are kept without their closing colon.
            let words = without_marker(line.trim())
                .replace("**", "")
                .trim_end_matches(':')
                .to_lowercase();
            if words.is_empty() {
                continue;
            }
            // The closing line is placed as `adopted`: its place and date, read.
            let adopted = &imported.resolution.adopted;
            let date = adopted.date_str();
            let (year, day) = (&date[..4], date[8..].trim_start_matches('0'));
            let closing = line.contains(adopted.place_str())
                && line.contains(year)
                && line.split(|c: char| !c.is_ascii_digit()).any(|n| n == day);
            let warned = closing
                || imported
                    .warnings
                    .iter()
                    .any(|w| (w.line..=w.last_line).contains(&no));
            assert!(
                warned || haystack.contains(&words),
                "{name}:{no}: {line:?} is neither in the JSON nor in a warning"
            );
        }
    }
}

/// The line without a list marker: a bullet glyph, or a short label and `.`/`)`.
fn without_marker(line: &str) -> &str {
    let unbulleted = line.trim_start_matches(['-', '–', '—', '•', '*']);
    if unbulleted.len() < line.len() && !line.starts_with("**") {
        return unbulleted.trim_start();
    }
    match line.find(['.', ')']) {
        Some(end) if end <= 4 && line[end + 1..].starts_with(' ') => line[end + 1..].trim_start(),
        _ => line,
    }
}

fn strings_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(strings_of).collect(),
        Value::Object(map) => map.values().flat_map(strings_of).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn text_that_is_not_a_resolution_exits_2_with_a_reason() {
    reso()
        .arg("import")
        .arg(fixture("import/not-a-resolution.txt"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("not a resolution: no operative formula"));
    reso()
        .arg("import")
        .arg(fixture("../../resolutions/ba-43-2024.json"))
        .assert()
        .code(2)
        .stderr(contains("not a resolution"));
}

#[test]
fn warnings_exit_3_go_to_stderr_with_file_and_line_and_json_still_written() {
    let input = fixture("import/stray-lines.txt");
    let assert = reso().arg("import").arg(&input).assert().code(3);
    let output = assert.get_output();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["id"], "ba-38-2021");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "{}: warning: line 16: removed page number \"2\"",
            input.display()
        )),
        "{stderr}"
    );
    // Six warnings, then the summary.
    assert_eq!(stderr.lines().count(), 7, "{stderr}");
    assert!(
        stderr.ends_with("removed 1 page lines; 0 words unaccounted\n"),
        "{stderr}"
    );
}

#[test]
fn an_existing_output_file_is_kept_without_force_and_replaced_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    fs::write(&out, "precious").unwrap();
    let input = fixture("import/numbered-crlf.txt");
    reso()
        .arg("import")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("exists; not overwritten (use --force"));
    assert_eq!(fs::read_to_string(&out).unwrap(), "precious");
    reso()
        .arg("import")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .assert()
        .code(0);
    let json: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["id"], "ba-41-2022");
}

#[test]
fn id_option_is_used_and_must_be_a_slug() {
    let input = fixture("import/plain-paragraphs.txt");
    let assert = reso()
        .args(["import", "--id", "culture-2022"])
        .arg(&input)
        .assert()
        .code(0);
    let json: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(json["id"], "culture-2022");
    reso()
        .args(["import", "--id", "Not A Slug"])
        .arg(&input)
        .assert()
        .code(2)
        .stderr(contains("not a lower-case slug"));
}

#[test]
fn a_missing_input_file_exits_2() {
    reso()
        .args(["import", "/nonexistent/resolution.txt"])
        .assert()
        .code(2)
        .stderr(contains("/nonexistent/resolution.txt:1:1: cannot read"));
}

mod robustness {
    use proptest::prelude::*;

    /// Lines that real texts hold, and some that break naive readers.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("RESOLUTION".to_string()),
            Just("of the 43rd Session of the Baltic Assembly".to_string()),
            Just("The Baltic Assembly,".to_string()),
            Just(
                "having convened for its 43rd Session on 17–18 October 2024 in Vilnius,"
                    .to_string()
            ),
            Just("reiterating its **support** for Ukraine,".to_string()),
            Just("calls on the parliaments and governments of the Baltic States:".to_string()),
            Just("regarding defence:".to_string()),
            Just("Regarding the economy".to_string()),
            Just("- to start discussions;".to_string()),
            Just("• to continue,".to_string()),
            Just("1. to agree;".to_string()),
            Just("a) including **this**".to_string()),
            Just("**".to_string()),
            Just("-".to_string()),
            Just("2".to_string()),
            Just("Vilnius, 18 October 2024".to_string()),
            Just("Riga, 31 February 2024".to_string()),
            // Numbered paragraphs, sub-items and what converted documents leave.
            Just("The General Assembly,".to_string()),
            Just("_Recalling_ its resolution 98/5,1".to_string()),
            Just("1 See the report.".to_string()),
            Just("3. Requests the Secretary-General to:".to_string()),
            Just("(a) prepare a study;".to_string()),
            Just("(i) national centres;".to_string()),
            Just("4.".to_string()),
            Just("Regarding energy, to".to_string()),
            Just("38th plenary meeting".to_string()),
            Just("12 December 2031".to_string()),
            // Page furniture and broken words.
            Just("Page 3 of 11".to_string()),
            Just("- 3 -".to_string()),
            Just("\u{c}".to_string()),
            Just("Baltic Assembly – 43rd Session".to_string()),
            Just("to finish the synchro-".to_string()),
            Just("nisation of the grids;".to_string()),
            Just("cross-".to_string()),
            Just("border trade,".to_string()),
            "[ -~ąłž–—•*:;,.]{0,40}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Whatever the text, the importer answers (never panics), what it writes passes the
        /// loader's checks, so `reso import` can never produce an invalid file, and no word of
        /// the text is lost without a warning.
        #[test]
        fn any_text_imports_to_a_valid_file_or_is_refused(
            lines in prop::collection::vec(line(), 0..40),
            crlf in any::<bool>(),
        ) {
            let text = lines.join(if crlf { "\r\n" } else { "\n" });
            if let Ok(imported) = reso::import::import(&text, &reso::import::Options::default()) {
                let json = reso::import::to_json(&imported.resolution);
                let checked = reso::load::parse_resolution("imported", &json);
                prop_assert!(checked.is_ok(), "{:?}\n{}", checked.err(), text);
                prop_assert!(imported.unaccounted.is_empty(), "{:?}\n{}", imported.unaccounted, text);
            }
        }
    }
}
