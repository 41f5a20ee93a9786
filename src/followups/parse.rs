//! Turning the text of a follow-ups file into a [`FollowupsFile`], or into one precise
//! `FILE:LINE:COLUMN: message` problem. Pure: no file access, no merging.

use serde_json::Value;

use super::record::{FORMAT, FollowupsFile, VERSION};
use crate::jsontext::{Problem, Seg, check_format, json_problem, locate, without_bom};

/// Parses and validates a whole follow-ups file. `name` is used in the message only.
pub fn parse_followups(name: &str, text: &str) -> Result<FollowupsFile, Problem> {
    // A byte-order mark left by an editor is accepted; it is not written back.
    let text = &*without_bom(text);
    // Fast path: `str::parse::<Value>` runs serde_json's own (optimised) instantiation, and
    // `from_value` is cheap; the file is re-read before every save, so this matters.
    let value: Value = text.parse().map_err(|e| json_problem(name, &e, None))?;
    check_format(name, text, &value, FORMAT, VERSION)?;
    let keys = count_record_keys(text);
    if let Ok(file) = serde_json::from_value::<FollowupsFile>(value) {
        // A `Value` keeps the last of duplicate keys; the slow path names the duplicate.
        if Some(file.followups.len()) == keys {
            return Ok(file);
        }
    }
    // Slow path, for the message only: parsing the text itself gives line and column.
    let mut de = serde_json::Deserializer::from_str(text);
    let file: FollowupsFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        json_problem(name, e.inner(), Some(&path))
    })?;
    de.end().map_err(|e| json_problem(name, &e, None))?;
    Ok(file)
}

/// How many keys the `followups` object of a valid JSON `text` has, duplicates included.
fn count_record_keys(text: &str) -> Option<usize> {
    let start = locate(text, &[Seg::Key("followups")])?;
    let bytes = text.as_bytes();
    if bytes.get(start) != Some(&b'{') {
        return None;
    }
    let (mut depth, mut count, mut i) = (0usize, 0usize, start);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // Records are objects, so the only strings directly inside are keys.
                if depth == 1 {
                    count += 1;
                }
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(count);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> String {
        parse_followups("f.json", text).unwrap_err().to_string()
    }

    const GOOD: &str = r#"{
  "format": "reso-followups",
  "version": 1,
  "followups": {
    "ba-43-2024:1.4": {
      "status": "open",
      "note": "Ask the ministry for the 2025 timetable.",
      "owner": "defence-desk",
      "due": "2025-01-15",
      "text_sha256": null,
      "created": "2026-11-28T10:00:00Z",
      "updated": "2026-11-28T10:05:00Z",
      "history": [
        {
          "at": "2026-11-28T10:00:00Z",
          "by": "analyst1",
          "field": "status",
          "from": null,
          "to": "open"
        }
      ]
    }
  }
}
"#;

    #[test]
    fn a_good_file_round_trips_byte_for_byte() {
        let file = parse_followups("f.json", GOOD).unwrap();
        assert_eq!(file.followups.len(), 1);
        assert_eq!(file.to_json(), GOOD);
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let file = parse_followups("f.json", &format!("\u{feff}{GOOD}")).unwrap();
        assert_eq!(file.to_json(), GOOD);
    }

    #[test]
    fn problems_name_line_and_column() {
        assert_eq!(
            problem(""),
            "f.json:1:1: malformed JSON: EOF while parsing a value, expected the rest of the document"
        );
        assert_eq!(
            problem(&format!("{GOOD}x")),
            "f.json:25:1: trailing data after the JSON document, expected the end of the file"
        );
        let newer = GOOD.replace("\"version\": 1", "\"version\": 2");
        assert!(problem(&newer).starts_with("f.json:3:14: version 2 was written by a newer reso"));
        let bad_due = GOOD.replace("2025-01-15", "2025-02-30");
        assert!(
            problem(&bad_due)
                .starts_with("f.json:9:25: due date \"2025-02-30\" is not a calendar date"),
            "{}",
            problem(&bad_due)
        );
        let dup = GOOD.replace(
            "  }\n}\n",
            "  ,\"ba-43-2024:1.4\": {\"status\": null, \"created\": \"2026-11-28T10:00:00Z\", \"updated\": \"2026-11-28T10:00:00Z\"}}\n}\n",
        );
        assert!(problem(&dup).contains("duplicate follow-up \"ba-43-2024:1.4\""));
        let unknown = GOOD.replace("\"owner\"", "\"owners\"");
        assert!(problem(&unknown).contains("unknown field `owners`"));
        let no_status = GOOD.replace("\"status\": \"open\",", "");
        assert!(problem(&no_status).contains("missing field `status`"));
    }
}
