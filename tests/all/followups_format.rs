//! The bytes of the follow-ups file, held fixed: the example in `docs/followups-format.md`
//! and a file with every kind of value must come back from reso's writer byte for byte.

use std::path::Path;

use reso::followups::{FollowupsFile, parse_followups};

/// The ```json block under `heading` in the format document.
fn documented_example(heading: &str) -> String {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/followups-format.md"),
    )
    .unwrap();
    let section = doc
        .split(heading)
        .nth(1)
        .expect("the section is in the document");
    let block = section
        .split("```json\n")
        .nth(1)
        .expect("a json block follows the heading");
    block.split("```").next().unwrap().to_string()
}

fn round_trip(text: &str) -> String {
    let file: FollowupsFile = parse_followups("golden.json", text).unwrap();
    file.to_json()
}

#[test]
fn the_documented_example_is_written_byte_for_byte() {
    let example = documented_example("## A complete example");
    assert!(example.contains("\"ba-43-2024:1.4\""));
    assert_eq!(round_trip(&example), example);
}

/// Escapes as JSON requires and nothing more: control characters escaped, quotes and
/// backslashes escaped, every other character (accents, emoji) written as it is; `null` for
/// unset fields; an empty history as `[]` and no follow-ups as `{}`.
#[test]
fn every_kind_of_value_keeps_its_bytes() {
    const GOLDEN: &str = r#"{
  "format": "reso-followups",
  "version": 1,
  "followups": {
    "ba-43-2024:1.1": {
      "status": null,
      "note": null,
      "owner": null,
      "due": null,
      "text_sha256": null,
      "created": "2026-11-28T10:00:00Z",
      "updated": "2026-11-28T10:00:00Z",
      "history": []
    },
    "ba-43-2024:1.4": {
      "status": "in-progress",
      "note": "Two lines:\nsaid \"soon\", C:\\path, tab\there, bell\u0007, Désirée 📎",
      "owner": "défense-desk",
      "due": "0999-01-05",
      "text_sha256": "9f2b5c8e4d1a7b3c6e0f9a2d5b8c1e4f7a0d3b6c9e2f5a8b1d4c7e0f3a6b9c2d",
      "created": "2026-11-28T10:00:00Z",
      "updated": "2026-11-28T10:05:00Z",
      "history": [
        {
          "at": "2026-11-28T10:00:00Z",
          "by": "analyst1",
          "field": "status",
          "from": null,
          "to": "open"
        },
        {
          "at": "2026-11-28T10:05:00Z",
          "by": "analyst1",
          "field": "due",
          "from": null,
          "to": "0999-01-05"
        }
      ]
    }
  }
}
"#;
    assert_eq!(round_trip(GOLDEN), GOLDEN);
    let empty = "{\n  \"format\": \"reso-followups\",\n  \"version\": 1,\n  \"followups\": {}\n}\n";
    assert_eq!(FollowupsFile::default().to_json(), empty);
    assert_eq!(round_trip(empty), empty);
}

#[test]
fn times_with_an_offset_are_written_in_utc() {
    let example = documented_example("## A complete example");
    let shifted = example.replacen(
        "\"2026-11-28T10:00:00Z\"",
        "\"2026-11-28T12:00:00+02:00\"",
        1,
    );
    assert_ne!(shifted, example);
    assert_eq!(round_trip(&shifted), example);
}
