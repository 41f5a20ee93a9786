//! The agenda as one self-contained HTML page to print on A4 or mail: the same sections as
//! the Markdown (*To raise*, *Closed since*, *Progress*), styles inline, the progress bars
//! drawn in inline SVG. No scripts, no fonts, images or styles from elsewhere.

use super::agenda::{Agenda, Row, facts};
use crate::board::Group;
use crate::date::iso;
use crate::followups::Status;

/// Print on A4 with margins; entries and table rows are not split across pages; bars keep
/// their colours when printed (`print-color-adjust`).
const STYLE: &str = "\
@page { size: A4; margin: 15mm 14mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.4 \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; color: #111;
  max-width: 182mm; margin: 0 auto; padding: 4mm 0;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 0.4mm solid #555; break-after: avoid; }
ul.facts { margin: 0 0 2mm; padding-left: 5mm; }
.entry { break-inside: avoid; margin: 0 0 3mm; padding: 1mm 0 1mm 3mm; border-left: 1mm solid #999; }
.entry.overdue { border-left-color: #b3261e; }
.head { font-weight: bold; margin: 0; }
.head .mark { color: #b3261e; }
.meta { color: #444; font-size: 9pt; margin: 0.5mm 0; }
.text { margin: 1mm 0; }
.note { margin: 1mm 0; white-space: pre-wrap; }
.note b { font-style: italic; }
p.empty { color: #444; font-style: italic; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 8pt; }
col.area { width: 44mm; } col.bar { width: 22mm; } col.n { width: 10.5mm; } col.date { width: 19mm; }
th, td { padding: 0.8mm 0.8mm; border-bottom: 0.2mm solid #bbb; text-align: right; vertical-align: top; }
th { border-bottom: 0.4mm solid #555; font-weight: bold; font-size: 7pt; padding-left: 1.5mm; }
th:first-child, td:first-child { text-align: left; }
td.date { white-space: nowrap; }
td.bar { vertical-align: middle; }
td.bar svg { display: block; width: 100%; height: 3mm; }
tr { break-inside: avoid; }
tr.total td { font-weight: bold; border-top: 0.4mm solid #555; }
.legend { font-size: 8.5pt; margin: 1mm 0 2mm; }
.legend svg { width: 3mm; height: 3mm; vertical-align: -0.4mm; }
";

/// The statuses of a bar, in order, with their colour; "not marked" first.
const SEGMENTS: [(&str, &str); 6] = [
    ("not marked", "#d9d9d9"),
    ("open", "#4f81bd"),
    ("in-progress", "#f0a030"),
    ("waiting", "#9b72b0"),
    ("done", "#3a9a4a"),
    ("dropped", "#7a7a7a"),
];

pub(super) fn render(agenda: &Agenda) -> String {
    let title = format!("Follow-up agenda, {}", iso(agenda.today));
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!("<title>{}</title>\n", esc(&title)));
    out.push_str(&format!("<style>\n{STYLE}</style>\n</head>\n<body>\n"));
    out.push_str(&format!("<h1>{}</h1>\n<ul class=\"facts\">\n", esc(&title)));
    out.push_str(&format!(
        "<li><b>Follow-ups:</b> {} ({}), {} overdue</li>\n",
        agenda.total(),
        esc(&agenda.counts_line()),
        agenda.overdue
    ));
    if let Some(selection) = &agenda.selection {
        out.push_str(&format!("<li><b>Selection:</b> {}</li>\n", esc(selection)));
    }
    for (res, n) in agenda.per_resolution() {
        out.push_str(&format!(
            "<li><b>Resolution:</b> {} ({}, adopted {} in {}): {n} follow-up{}</li>\n",
            esc(&res.title),
            esc(&res.id),
            esc(res.adopted.date_str()),
            esc(res.adopted.place_str()),
            if n == 1 { "" } else { "s" }
        ));
    }
    out.push_str("</ul>\n");

    let to_raise = agenda.to_raise();
    out.push_str(&format!(
        "<section>\n<h2>To raise ({})</h2>\n",
        to_raise.len()
    ));
    if to_raise.is_empty() {
        out.push_str("<p class=\"empty\">Nothing open, in progress or waiting.</p>\n");
    }
    for row in to_raise {
        entry(&mut out, agenda, row);
    }
    out.push_str("</section>\n");

    let closed = agenda.closed_since();
    let since = iso(agenda.since);
    out.push_str(&format!(
        "<section>\n<h2>Closed since {since} ({})</h2>\n",
        closed.len()
    ));
    if closed.is_empty() {
        out.push_str(&format!(
            "<p class=\"empty\">{}</p>\n",
            agenda.nothing_closed_note()
        ));
    }
    for row in closed {
        entry(&mut out, agenda, row);
    }
    if let Some(note) = agenda.closed_before_note() {
        out.push_str(&format!("<p class=\"empty\">{note}</p>\n"));
    }
    out.push_str("</section>\n");

    progress(&mut out, agenda);
    out.push_str("</body>\n</html>\n");
    out
}

fn entry(out: &mut String, agenda: &Agenda, row: &Row) {
    let e = row.entry;
    let class = if row.overdue {
        "entry overdue"
    } else {
        "entry"
    };
    let mut head = vec![esc(&e.reference), esc(e.status.as_str())];
    if let Some(owner) = e.owner.as_deref().filter(|o| !o.trim().is_empty()) {
        head.push(format!("owner: {}", esc(owner)));
    }
    if let Some(due) = e.due.as_deref().filter(|d| !d.trim().is_empty()) {
        let mark = if row.overdue {
            " <span class=\"mark\">(overdue)</span>"
        } else {
            ""
        };
        head.push(format!("due: {}{mark}", esc(due)));
    }
    if e.text_changed {
        head.push("<span class=\"mark\">text changed since marked</span>".to_string());
    }
    out.push_str(&format!(
        "<article class=\"{class}\">\n<p class=\"head\">{}</p>\n",
        head.join(" · ")
    ));
    let meta = facts(agenda.place(row).as_deref(), e, |t| esc(t).to_string());
    if !meta.is_empty() {
        out.push_str(&format!("<p class=\"meta\">{}</p>\n", meta.join(" · ")));
    }
    match agenda.text(row) {
        Some(text) => out.push_str(&format!("<p class=\"text\">{}</p>\n", esc(text))),
        None => out.push_str("<p class=\"text\"><i>Not found in the loaded resolutions.</i></p>\n"),
    }
    if let Some(note) = e.note.as_deref().filter(|n| !n.trim().is_empty()) {
        out.push_str(&format!(
            "<p class=\"note\"><b>Note:</b> {}</p>\n",
            esc(note.trim())
        ));
    }
    out.push_str("</article>\n");
}

fn progress(out: &mut String, agenda: &Agenda) {
    out.push_str("<section>\n<h2>Progress</h2>\n");
    out.push_str(&format!("<p>{}</p>\n", esc(&agenda.board_note())));
    out.push_str("<p class=\"legend\">");
    let legend: Vec<String> = SEGMENTS
        .iter()
        .map(|(name, colour)| {
            format!(
                "<svg viewBox=\"0 0 1 1\" aria-hidden=\"true\"><rect width=\"1\" height=\"1\" \
                 fill=\"{colour}\"/></svg> {name}"
            )
        })
        .collect();
    out.push_str(&legend.join(" &nbsp; "));
    out.push_str("</p>\n<table>\n<colgroup><col class=\"area\"><col class=\"bar\">");
    out.push_str(&"<col class=\"n\">".repeat(10));
    out.push_str("<col class=\"date\"></colgroup>\n<thead><tr><th>Area</th><th>Progress</th><th>Not marked</th>\
        <th>Open</th><th>In progress</th><th>Waiting</th><th>Done</th><th>Dropped</th>\
        <th>Done of all</th><th>Overdue</th><th>Stale</th><th>Changed since</th><th>Last change</th></tr></thead>\n<tbody>\n");
    let board = &agenda.board;
    for row in board.rows.iter().chain([&board.total]) {
        let c = &row.counts;
        let values = [
            c.not_marked,
            c.status(Status::Open),
            c.status(Status::InProgress),
            c.status(Status::Waiting),
            c.status(Status::Done),
            c.status(Status::Dropped),
        ];
        let class = if row.group == Group::Total {
            " class=\"total\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<tr{class}><td>{}</td><td class=\"bar\">{}</td>",
            esc(&agenda.board_label(&row.group)),
            bar(&values)
        ));
        for v in values {
            out.push_str(&format!("<td>{v}</td>"));
        }
        out.push_str(&format!(
            "<td>{}/{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"date\">{}</td></tr>\n",
            row.done(),
            c.total(),
            row.overdue,
            row.stale,
            row.changed_since,
            row.last_change
                .map(|t| iso(t.as_datetime().date()))
                .unwrap_or_else(|| "–".to_string()),
        ));
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// A stacked bar: one rectangle per status, as wide as its count, each with a tooltip.
fn bar(values: &[usize; 6]) -> String {
    let total: usize = values.iter().sum();
    let mut svg = format!(
        "<svg viewBox=\"0 0 {} 1\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{}\">",
        total.max(1),
        values
            .iter()
            .zip(SEGMENTS)
            .map(|(v, (name, _))| format!("{name} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut x = 0;
    for (v, (name, colour)) in values.iter().zip(SEGMENTS) {
        if *v > 0 {
            svg.push_str(&format!(
                "<rect x=\"{x}\" width=\"{v}\" height=\"1\" fill=\"{colour}\"><title>{name} {v}</title></rect>"
            ));
        }
        x += v;
    }
    svg.push_str("</svg>");
    svg
}

/// Text as HTML: the five characters that could be read as markup.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_bars_add_up() {
        assert_eq!(
            esc("<b>\"R&D\"</b>'"),
            "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;&#39;"
        );
        let svg = bar(&[3, 1, 0, 0, 2, 0]);
        assert!(svg.starts_with("<svg viewBox=\"0 0 6 1\""), "{svg}");
        assert!(svg.contains("<rect x=\"4\" width=\"2\" height=\"1\" fill=\"#3a9a4a\">"));
        assert_eq!(svg.matches("<rect").count(), 3, "no empty segments");
    }
}
