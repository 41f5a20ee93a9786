//! `reso changes [--since DATE] [--by NAME] [--json]`: every recorded change of the
//! follow-ups file (removed follow-ups included) in time order, as aligned text lines or one
//! JSON object a line. Reads the file without a lock and never writes it.

use serde::Serialize;

use crate::cli::ChangesArgs;
use crate::filter::{fold_text, name_matches};
use crate::platform::exit;
use crate::storage::followups::{Field, FollowupsFile, HistoryEntry};

pub fn run(args: &ChangesArgs) -> anyhow::Result<u8> {
    let today = crate::platform::clock::local_today();
    let Some(file) = super::export::read_followups_file(&args.followups)? else {
        return Ok(exit::NOT_FOUND);
    };
    // Until a day: the history of the file as it stood then, from the one replay.
    let until = args.until.map(|u| u.resolve(today));
    let file = super::as_it_stood(file, until);
    let since = args.since.map(|s| s.resolve(today));
    let by = args
        .by
        .as_deref()
        .map(|b| fold_text(b, crate::filter::Mode::FoldLower));
    let changes: Vec<Line> = lines(&file)
        .into_iter()
        .filter(|l| since.is_none_or(|since| l.entry.at.as_datetime().date() >= since))
        .filter(|l| by.as_deref().is_none_or(|by| name_matches(&l.entry.by, by)))
        .collect();
    let out = if args.json {
        changes.iter().map(json_line).collect::<String>()
    } else {
        text(&changes)
    };
    super::write_stdout(out.as_bytes())?;
    Ok(if changes.is_empty() {
        exit::NOT_FOUND
    } else {
        exit::OK
    })
}

/// One change with the reference it was made to.
struct Line<'a> {
    reference: &'a str,
    entry: &'a HistoryEntry,
}

/// Every history entry of every record, oldest first; equal times keep the file's order
/// (by reference, then as recorded), so the output is the same on every run.
fn lines(file: &FollowupsFile) -> Vec<Line<'_>> {
    let mut lines: Vec<Line> = file
        .followups
        .iter()
        .flat_map(|(reference, record)| {
            record.history.iter().map(move |entry| Line {
                reference: reference.as_str(),
                entry,
            })
        })
        .collect();
    lines.sort_by_key(|l| l.entry.at);
    lines
}

/// `2026-11-28 10:05Z  analyst2  ba-43-2024:1.4  status: open → in-progress`, the columns
/// padded to the widest login and reference.
fn text(lines: &[Line]) -> String {
    let who = lines.iter().map(|l| l.entry.by.chars().count()).max();
    let reference = lines.iter().map(|l| l.reference.chars().count()).max();
    let (who, reference) = (who.unwrap_or(0), reference.unwrap_or(0));
    let mut out = String::new();
    for l in lines {
        let e = l.entry;
        let at = e.at.as_datetime();
        out.push_str(&format!(
            "{:04}-{:02}-{:02} {:02}:{:02}Z  {:who$}  {:reference$}  {}: {} → {}\n",
            at.year(),
            u8::from(at.month()),
            at.day(),
            at.hour(),
            at.minute(),
            e.by,
            l.reference,
            e.field,
            value(e.field, e.from.as_deref()),
            value(e.field, e.to.as_deref()),
        ));
    }
    out
}

/// A value on one line: `(none)` when unset, line breaks shown as `⏎`, a text hash cut to
/// its first 12 digits (enough to tell two apart).
fn value(field: Field, value: Option<&str>) -> String {
    match value {
        None => "(none)".to_string(),
        Some(hash) if field == Field::TextSha256 => {
            format!("{}…", hash.get(..12).unwrap_or(hash))
        }
        Some(text) => text.replace("\r\n", "\n").replace(['\n', '\r'], " ⏎ "),
    }
}

#[derive(Serialize)]
struct JsonLine<'a> {
    at: String,
    by: &'a str,
    #[serde(rename = "ref")]
    reference: &'a str,
    field: Field,
    from: Option<&'a str>,
    to: Option<&'a str>,
}

fn json_line(l: &Line) -> String {
    let e = l.entry;
    let line = JsonLine {
        at: e.at.to_string(),
        by: &e.by,
        reference: l.reference,
        field: e.field,
        from: e.from.as_deref(),
        to: e.to.as_deref(),
    };
    let mut text = serde_json::to_string(&line).expect("a change serialises");
    text.push('\n');
    text
}
