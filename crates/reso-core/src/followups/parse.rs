//! Turning the text of a follow-ups file into a [`FollowupsFile`], or into one precise
//! `FILE:LINE:COLUMN: message` problem. Pure: no file access, no merging.

use serde_json::Value;

use super::record::{FORMAT, FollowupsFile, VERSION};
use crate::jsontext::{Problem, check_format, json_problem, without_bom};

/// Parses and validates a whole follow-ups file. `name` is used in the message only.
///
/// One typed pass over the text: serde refuses duplicate fields of a record and unknown
/// fields where they stand, and the `followups` map refuses duplicate references, so every
/// message gets the line and column of the offending key.
pub fn parse_followups(name: &str, text: &str) -> Result<FollowupsFile, Problem> {
    // A byte-order mark left by an editor is accepted; it is not written back.
    let text = &*without_bom(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let typed = serde_path_to_error::deserialize::<_, FollowupsFile>(&mut de)
        .map_err(|e| {
            let path = e.path().to_string();
            with_expectation(json_problem(name, e.inner(), Some(&path)))
        })
        .and_then(|file| {
            de.end()
                .map(|()| file)
                .map_err(|e| json_problem(name, &e, None))
        });
    match typed {
        Ok(file) if file.format == FORMAT && file.version == VERSION => Ok(file),
        // A file of another kind, or of a newer reso, is named as such rather than by its
        // first field this build does not know: `format` and `version` are checked first.
        other => {
            let value: Value = text.parse().map_err(|e| json_problem(name, &e, None))?;
            check_format(name, text, &value, FORMAT, VERSION)?;
            other
        }
    }
}

/// serde names a field given twice but not what it expected: say it, like every message.
fn with_expectation(mut problem: Problem) -> Problem {
    const DUPLICATE: &str = "duplicate field `";
    if problem.message.starts_with(DUPLICATE)
        && let Some(end) = problem.message[DUPLICATE.len()..].find('`')
    {
        let at = DUPLICATE.len() + end + 1;
        problem
            .message
            .insert_str(at, ", expected each field once in a record");
    }
    problem
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
        let twice = GOOD.replace("\"history\": [", "\"history\": [],\n      \"history\": [");
        assert_eq!(
            problem(&twice),
            "f.json:14:15: duplicate field `history`, expected each field once in a record at followups.ba-43-2024:1.4"
        );
        let unknown = GOOD.replace("\"owner\"", "\"owners\"");
        assert!(problem(&unknown).contains("unknown field `owners`"));
        let no_status = GOOD.replace("\"status\": \"open\",", "");
        assert!(problem(&no_status).contains("missing field `status`"));
    }
}
