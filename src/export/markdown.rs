//! The agenda as Markdown (CommonMark): a header list, a `##` heading per resolution, a
//! `###` heading per policy area, one list item per follow-up. User text is escaped, so a
//! note that starts with `#` or `-`, or holds `*`, `<` or `[`, reads as written.

use super::{Agenda, Row, iso};

pub(super) fn render(agenda: &Agenda) -> String {
    let mut out = String::new();
    out.push_str(&format!("# Follow-up agenda, {}\n\n", iso(agenda.today)));
    out.push_str(&format!(
        "- **Follow-ups:** {} ({}), {} overdue\n",
        agenda.total(),
        agenda.counts_line(),
        agenda.overdue
    ));
    if let Some(selection) = &agenda.selection {
        out.push_str(&format!("- **Selection:** {}\n", inline(selection)));
    }
    for (res, n) in agenda.per_resolution() {
        out.push_str(&format!(
            "- **Resolution:** {} ({}, adopted {} in {}): {n} follow-up{}\n",
            inline(&res.title),
            inline(&res.id),
            inline(&res.adopted.date),
            inline(res.adopted.place_str()),
            if n == 1 { "" } else { "s" }
        ));
    }
    if agenda.total() == 0 {
        out.push_str("\nNo follow-ups.\n");
    }

    let mut last_resolution = None;
    let mut last_group = None;
    for row in &agenda.rows {
        let res = agenda.resolution(row).expect("rows are in the library");
        if last_resolution != Some(&res.id) {
            out.push_str(&format!(
                "\n## {} ({})\n",
                inline(&res.title),
                inline(&res.id)
            ));
            last_resolution = Some(&res.id);
            last_group = None;
        }
        let group = match agenda.area(row) {
            Some(area) => format!("{}. {}", area.id, inline(area.display_title())),
            None => "Preamble".to_string(),
        };
        if last_group.as_ref() != Some(&group) {
            out.push_str(&format!("\n### {group}\n"));
            last_group = Some(group);
        }
        item(&mut out, agenda, row);
    }
    if !agenda.orphans.is_empty() {
        out.push_str("\n## Follow-ups not in the loaded resolutions\n");
        for row in &agenda.orphans {
            item(&mut out, agenda, row);
        }
    }
    out
}

/// `- **ref** · status · owner · due (overdue)`, then the text and the note as paragraphs
/// of the same list item (indented two spaces).
fn item(out: &mut String, agenda: &Agenda, row: &Row) {
    let e = row.entry;
    let mut head = vec![format!("**{}**", inline(&e.reference)), inline(&e.status)];
    if let Some(owner) = e.owner.as_deref().filter(|o| !o.trim().is_empty()) {
        head.push(format!("owner: {}", inline(owner)));
    }
    if let Some(due) = e.due.as_deref().filter(|d| !d.trim().is_empty()) {
        let mark = if row.overdue { " **(overdue)**" } else { "" };
        head.push(format!("due: {}{mark}", inline(due)));
    }
    if e.text_changed {
        head.push("**text changed since marked**".to_string());
    }
    out.push_str(&format!("\n- {}\n", head.join(" · ")));
    match agenda.text(row) {
        Some(text) => out.push_str(&format!("\n  {}\n", block(text))),
        None => out.push_str("\n  *Not found in the loaded resolutions.*\n"),
    }
    if let Some(note) = e.note.as_deref().filter(|n| !n.trim().is_empty()) {
        out.push_str(&format!("\n  *Note:* {}\n", block(note)));
    }
}

/// Escapes the characters that would turn into markup anywhere in a line.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '&' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Multi-line text inside a list item: each line escaped (with what would start a list,
/// heading or quote at the start of a line), lines kept apart by hard breaks (`\` at the
/// end), paragraphs by a blank line, all indented to stay inside the item.
fn block(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(line_start_safe)
                .collect::<Vec<_>>()
                .join("\\\n  ")
        })
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("\n\n  ")
}

fn line_start_safe(line: &str) -> String {
    let escaped = inline(line);
    // `-`, `+` and `=` start lists or underline headings; `12.` or `12)` starts a list.
    if escaped.starts_with(['-', '+', '=']) {
        return format!("\\{escaped}");
    }
    let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && escaped[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_user_text_is_escaped() {
        assert_eq!(inline("a *b* [c](d) <e> #1"), r"a \*b\* \[c\](d) \<e\> \#1");
        assert_eq!(
            block("- one\n2. two\n\n+three"),
            "\\- one\\\n  2\\. two\n\n  \\+three"
        );
    }
}
