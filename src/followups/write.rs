//! Writing a [`FollowupsFile`] as the exact bytes serde_json's pretty printer would produce.
//! Written by hand because the file is rewritten on every save: serde's generic printer,
//! instantiated in this crate, is several times slower in debug builds (and the tests run
//! those). A property test checks the output against serde_json's.

use super::record::{Followup, FollowupsFile, HistoryEntry, Timestamp};

/// Pretty-printed JSON with a trailing newline.
pub fn to_json(file: &FollowupsFile) -> String {
    let mut out = String::with_capacity(256 + file.followups.len() * 512);
    out.push_str("{\n  \"format\": ");
    string(&mut out, &file.format);
    out.push_str(",\n  \"version\": ");
    out.push_str(&file.version.to_string());
    out.push_str(",\n  \"followups\": ");
    if file.followups.is_empty() {
        out.push_str("{}");
    } else {
        out.push('{');
        for (i, (reference, record)) in file.followups.iter().enumerate() {
            out.push_str(if i == 0 { "\n    " } else { ",\n    " });
            string(&mut out, reference);
            out.push_str(": ");
            followup(&mut out, record);
        }
        out.push_str("\n  }");
    }
    out.push_str("\n}\n");
    out
}

fn followup(out: &mut String, f: &Followup) {
    const IN: &str = "\n      ";
    out.push('{');
    out.push_str(IN);
    out.push_str("\"status\": ");
    match f.status {
        Some(status) => plain(out, status.as_str()),
        None => out.push_str("null"),
    }
    for (key, value) in [
        ("note", &f.note),
        ("owner", &f.owner),
        ("due", &f.due),
        ("text_sha256", &f.text_sha256),
    ] {
        out.push(',');
        out.push_str(IN);
        string(out, key);
        out.push_str(": ");
        optional(out, value.as_deref());
    }
    for (key, value) in [("created", &f.created), ("updated", &f.updated)] {
        out.push(',');
        out.push_str(IN);
        string(out, key);
        out.push_str(": ");
        timestamp(out, value);
    }
    out.push(',');
    out.push_str(IN);
    out.push_str("\"history\": ");
    if f.history.is_empty() {
        out.push_str("[]");
    } else {
        out.push('[');
        for (i, entry) in f.history.iter().enumerate() {
            out.push_str(if i == 0 { "\n        " } else { ",\n        " });
            history_entry(out, entry);
        }
        out.push_str("\n      ]");
    }
    out.push_str("\n    }");
}

fn history_entry(out: &mut String, e: &HistoryEntry) {
    const IN: &str = "\n          ";
    out.push('{');
    out.push_str(IN);
    out.push_str("\"at\": ");
    timestamp(out, &e.at);
    out.push(',');
    out.push_str(IN);
    out.push_str("\"by\": ");
    string(out, &e.by);
    out.push(',');
    out.push_str(IN);
    out.push_str("\"field\": ");
    plain(out, e.field.as_str());
    out.push(',');
    out.push_str(IN);
    out.push_str("\"from\": ");
    optional(out, e.from.as_deref());
    out.push(',');
    out.push_str(IN);
    out.push_str("\"to\": ");
    optional(out, e.to.as_deref());
    out.push_str("\n        }");
}

fn optional(out: &mut String, value: Option<&str>) {
    match value {
        Some(s) => string(out, s),
        None => out.push_str("null"),
    }
}

/// A string known to need no escaping (field and status names).
fn plain(out: &mut String, s: &str) {
    out.push('"');
    out.push_str(s);
    out.push('"');
}

/// `"2026-11-28T10:00:00Z"`, formatted by hand: thousands of these are written per save.
/// Times with a fraction of a second (hand-edited files) go through `time`'s formatter.
fn timestamp(out: &mut String, t: &Timestamp) {
    let utc = t.as_datetime().to_offset(time::UtcOffset::UTC);
    let year = utc.year();
    if utc.nanosecond() != 0 || !(0..=9999).contains(&year) {
        string(out, &t.to_string());
        return;
    }
    let two = |n: u8| [b'0' + n / 10, b'0' + n % 10];
    let y = year as u16;
    let mut buf = [0u8; 22];
    buf[0] = b'"';
    buf[1..5].copy_from_slice(&[
        b'0' + (y / 1000) as u8,
        b'0' + (y / 100 % 10) as u8,
        b'0' + (y / 10 % 10) as u8,
        b'0' + (y % 10) as u8,
    ]);
    buf[5] = b'-';
    buf[6..8].copy_from_slice(&two(u8::from(utc.month())));
    buf[8] = b'-';
    buf[9..11].copy_from_slice(&two(utc.day()));
    buf[11] = b'T';
    buf[12..14].copy_from_slice(&two(utc.hour()));
    buf[14] = b':';
    buf[15..17].copy_from_slice(&two(utc.minute()));
    buf[17] = b':';
    buf[18..20].copy_from_slice(&two(utc.second()));
    buf[20] = b'Z';
    buf[21] = b'"';
    // Only ASCII digits and punctuation were written.
    out.push_str(std::str::from_utf8(&buf).unwrap_or("\"\""));
}

/// A JSON string, escaped as serde_json does: `"` `\` and control characters only.
fn string(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}
