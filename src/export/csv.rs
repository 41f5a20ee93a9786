//! The agenda as CSV (RFC 4180): a header row, one row per follow-up in agenda order,
//! CRLF between records, fields quoted when they hold a comma, a quote or a line break
//! (quotes doubled). A UTF-8 byte-order mark comes first so that spreadsheets read accented
//! letters (`Suwałki`) as UTF-8 rather than as the local code page.

use super::agenda::{Agenda, Row};

const HEADER: [&str; 13] = [
    "resolution",
    "area",
    "area_title",
    "reference",
    "status",
    "owner",
    "due",
    "overdue",
    "note",
    "text",
    "text_changed",
    "updated",
    "updated_by",
];

pub(super) fn render(agenda: &Agenda) -> String {
    let mut out = String::from("\u{feff}");
    record(&mut out, HEADER.iter().map(|h| h.to_string()));
    for row in agenda.all() {
        record(&mut out, fields(agenda, row));
    }
    out
}

fn fields(agenda: &Agenda, row: &Row) -> [String; 13] {
    let e = row.entry;
    let area = agenda.area(row);
    let resolution = match agenda.resolution(row) {
        Some(res) => res.id.clone(),
        // Not in the library: the reference still names it.
        None => e.reference.split(':').next().unwrap_or("").to_string(),
    };
    let area_id = match (area, agenda.is_recital(row)) {
        (Some(a), _) => a.id.clone(),
        (None, true) => "preamble".to_string(),
        (None, false) => String::new(),
    };
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    [
        resolution,
        area_id,
        area.map(|a| a.display_title().to_string())
            .unwrap_or_default(),
        e.reference.clone(),
        e.status.clone(),
        e.owner.clone().unwrap_or_default(),
        e.due.clone().unwrap_or_default(),
        yes_no(row.overdue),
        e.note.clone().unwrap_or_default(),
        agenda.text(row).unwrap_or_default().to_string(),
        yes_no(e.text_changed),
        e.updated.map(|t| t.to_string()).unwrap_or_default(),
        e.updated_by.clone().unwrap_or_default(),
    ]
}

fn record(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let mut out = String::new();
        record(
            &mut out,
            ["plain", "a,b", "say \"hi\"", "two\nlines", "Suwałki"].map(String::from),
        );
        assert_eq!(
            out,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",Suwałki\r\n"
        );
    }
}
