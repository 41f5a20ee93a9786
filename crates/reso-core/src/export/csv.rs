//! The agenda as CSV (RFC 4180): a header row, one row per follow-up in agenda order,
//! CRLF between records, fields quoted when they hold a comma, a quote or a line break
//! (quotes doubled). A UTF-8 byte-order mark comes first so that spreadsheets read accented
//! letters (`Suwałki`) as UTF-8 rather than as the local code page. No cell can run as a
//! formula: one that a spreadsheet would read as one gets a leading `'` ([`formula_safe`]).

use std::borrow::Cow;

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
        e.status.as_str().to_string(),
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

/// `field` as a spreadsheet may see it without running it: a cell that begins with `=`, `+`,
/// `-`, `@`, a tab or a carriage return is read as a formula by Excel, LibreOffice or Google
/// Sheets (a colleague's note `=HYPERLINK(…)` would run on the desk's machine), so it gets a
/// leading `'`, as OWASP advises against CSV injection. Plain numbers (`-3`, `+4.5`) stay as
/// they are: a spreadsheet reads them as the numbers they are, and nothing runs.
pub fn formula_safe(field: &str) -> Cow<'_, str> {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(field) {
        Cow::Owned(format!("'{field}"))
    } else {
        Cow::Borrowed(field)
    }
}

/// `-3`, `+4.5`, `-.5`: a sign, digits and at most one decimal point, nothing else.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty()) && all_digits(whole) && all_digits(fraction)
}

/// One record: every field made formula-safe, then quoted where RFC 4180 needs it.
fn record(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let field = formula_safe(&field);
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

    #[test]
    fn cells_that_would_run_as_formulas_get_a_quote_and_numbers_stay() {
        for (cell, written) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
            ("-to start", "'-to start"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-", "'-"),
            ("+", "'+"),
            ("-.", "'-."),
            ("-3e5", "'-3e5"),
            ("-3", "-3"),
            ("+4.5", "+4.5"),
            ("-.5", "-.5"),
            ("-10.", "-10."),
            ("a=b", "a=b"),
            ("2025-01-10", "2025-01-10"),
            ("", ""),
        ] {
            assert_eq!(formula_safe(cell), written, "{cell:?}");
        }
        // The quote comes first, the RFC 4180 quoting after it.
        let mut out = String::new();
        record(&mut out, ["=1,2", "\rline"].map(String::from));
        assert_eq!(out, "\"'=1,2\",\"'\rline\"\r\n");
    }
}
