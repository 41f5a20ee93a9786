//! The agenda as Markdown (CommonMark, with a GitHub-style table) that reads as plain text
//! too: a header list, then *To raise*, *Closed since DATE* and *Progress*. User text is
//! escaped only where Markdown would otherwise read markup into it (`*stars*`, `<b>`,
//! `[x](y)`, a line starting `- ` or `1. `), so `~EUR 5 million` or `a * b` stay as written;
//! lines of a note are kept apart by hard breaks of two trailing spaces, never by `\`.

use super::agenda::{Agenda, Row, facts};
use crate::date::iso;
use crate::followups::Status;

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
        let esc = Escaper::of(&[selection]);
        out.push_str(&format!("- **Selection:** {}\n", esc.inline(selection)));
    }
    for (res, n) in agenda.per_resolution() {
        let esc = Escaper::of(&[
            &res.title,
            &res.id,
            res.adopted.date_str(),
            res.adopted.place_str(),
        ]);
        let inline = |text: &str| esc.inline(text);
        out.push_str(&format!(
            "- **Resolution:** {} ({}, adopted {} in {}): {n} follow-up{}\n",
            inline(&res.title),
            inline(&res.id),
            inline(res.adopted.date_str()),
            inline(res.adopted.place_str()),
            if n == 1 { "" } else { "s" }
        ));
    }
    if agenda.total() == 0 {
        out.push_str("\nNo follow-ups.\n");
    }

    let to_raise = agenda.to_raise();
    out.push_str(&format!("\n## To raise ({})\n", to_raise.len()));
    if to_raise.is_empty() {
        out.push_str("\nNothing open, in progress or waiting.\n");
    }
    for row in to_raise {
        item(&mut out, agenda, row);
    }

    let closed = agenda.closed_since();
    out.push_str(&format!(
        "\n## Closed since {} ({})\n",
        iso(agenda.since),
        closed.len()
    ));
    if closed.is_empty() {
        out.push_str(&format!("\n{}\n", agenda.nothing_closed_note()));
    }
    for row in closed {
        item(&mut out, agenda, row);
    }
    if let Some(note) = agenda.closed_before_note() {
        out.push_str(&format!("\n{note}\n"));
    }

    progress(&mut out, agenda);
    out
}

/// `- **ref** · status · owner · due (overdue)`, then where it sits and the last change,
/// the text and the note, as paragraphs of the same list item (indented two spaces).
fn item(out: &mut String, agenda: &Agenda, row: &Row) {
    let e = row.entry;
    let place = agenda.place(row);
    let text = agenda.text(row);
    let esc = Escaper::of(&[
        &e.reference,
        e.status.as_str(),
        e.owner.as_deref().unwrap_or(""),
        e.due.as_deref().unwrap_or(""),
        place.as_deref().unwrap_or(""),
        e.updated_by.as_deref().unwrap_or(""),
        text.unwrap_or(""),
        e.note.as_deref().unwrap_or(""),
    ]);
    let inline = |text: &str| esc.inline(text);
    let mut head = vec![
        format!("**{}**", inline(&e.reference)),
        inline(e.status.as_str()),
    ];
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
    let facts = facts(place.as_deref(), e, |t| inline(t).to_string());
    if !facts.is_empty() {
        out.push_str(&format!("\n  {}\n", facts.join(" · ")));
    }
    match text {
        Some(text) => out.push_str(&format!("\n  {}\n", esc.block(text, true))),
        None => out.push_str("\n  *Not found in the loaded resolutions.*\n"),
    }
    if let Some(note) = e.note.as_deref().filter(|n| !n.trim().is_empty()) {
        out.push_str(&format!("\n  *Note:* {}\n", esc.block(note, false)));
    }
}

/// The board as a table: one row per area with its counts, then the totals.
fn progress(out: &mut String, agenda: &Agenda) {
    out.push_str("\n## Progress\n\n");
    out.push_str(&format!("{}\n\n", agenda.board_note()));
    out.push_str(
        "| Area | Not marked | Open | In progress | Waiting | Done | Dropped | Done of all \
         | Overdue | Stale | Changed since | Last change |\n",
    );
    out.push_str(
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n",
    );
    let board = &agenda.board;
    for row in board.rows.iter().chain([&board.total]) {
        let label = table_cell(&agenda.board_label(&row.group));
        let label = if row.group == crate::board::Group::Total {
            format!("**{label}**")
        } else {
            label
        };
        let c = &row.counts;
        out.push_str(&format!(
            "| {label} | {} | {} | {} | {} | {} | {} | {}/{} | {} | {} | {} | {} |\n",
            c.not_marked,
            c.status(Status::Open),
            c.status(Status::InProgress),
            c.status(Status::Waiting),
            c.status(Status::Done),
            c.status(Status::Dropped),
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
}

/// Text inside a table cell: also `|`, which would end the cell.
fn table_cell(text: &str) -> String {
    Escaper::of(&[text]).inline(text).replace('|', "\\|")
}

/// Escapes user text for one stretch of the agenda (the header line, an entry, a cell):
/// backticks and tildes pair up across the lines and fields of a stretch, so whether they
/// need escaping is decided over all of its text at once.
struct Escaper {
    /// Two or more backticks could make a code span.
    backticks: bool,
    /// Two or more tildes could strike through.
    tildes: bool,
}

impl Escaper {
    fn of(texts: &[&str]) -> Escaper {
        let count = |c: char| texts.iter().map(|t| t.matches(c).count()).sum::<usize>();
        Escaper {
            backticks: count('`') >= 2,
            tildes: count('~') >= 2,
        }
    }

    /// Escapes, within one line, the characters that would start markup where they stand:
    /// emphasis (`*`, `_` next to a word), code and strikethrough (see [`Escaper`]), links
    /// (`](`, `][`), HTML and autolinks (`<` before a letter, `/`, `!`, `?`), entities
    /// (`&amp;`) and backslash escapes (`\` before punctuation or at the end).
    fn inline(&self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1).copied();
            let blank = |c: Option<char>| c.is_none_or(char::is_whitespace);
            let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            let escape = match c {
                '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
                '`' => self.backticks,
                '~' => self.tildes,
                '*' => !(blank(prev) && blank(next)),
                // `snake_case` never emphasises; `_word_` does.
                '_' => !((blank(prev) && blank(next)) || (word(prev) && word(next))),
                ']' => matches!(next, Some('(' | '[')),
                '<' => {
                    next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
                }
                '&' => is_entity(&chars[i + 1..]),
                _ => false,
            };
            if escape {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    /// Multi-line text inside a list item: each line escaped (with what would start a list,
    /// heading, quote, rule or table at the start of a line), lines kept apart by hard breaks
    /// (two spaces at the end), paragraphs by a blank line, all indented to stay inside the
    /// item. `at_line_start` is false when the text follows a label (`*Note:* `).
    fn block(&self, text: &str, at_line_start: bool) -> String {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let mut first = !at_line_start;
        let paragraphs: Vec<String> = text
            .split("\n\n")
            .map(|p| {
                p.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(|l| {
                        if std::mem::take(&mut first) {
                            self.inline(l)
                        } else {
                            self.line_start_safe(l)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("  \n  ")
            })
            .filter(|p| !p.is_empty())
            .collect();
        paragraphs.join("\n\n  ")
    }

    /// One trimmed line, escaped, with its first character escaped too when the line would
    /// otherwise be a heading, quote, list item, rule, setext underline or link definition,
    /// and its pipes when it could be the delimiter row of a table.
    fn line_start_safe(&self, line: &str) -> String {
        let escaped = self.inline(line);
        if line.contains('|')
            && line
                .chars()
                .all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t'))
        {
            return escaped.replace('|', "\\|");
        }
        let first = escaped.chars().next().unwrap_or(' ');
        let after = |n: usize| escaped[n..].chars().next();
        let blank_after = |n: usize| after(n).is_none_or(char::is_whitespace);
        let hashes = escaped.bytes().take_while(|b| *b == b'#').count();
        let rule = {
            let marks: Vec<char> = escaped.chars().filter(|c| !c.is_whitespace()).collect();
            matches!(first, '-' | '=' | '_' | '*') && marks.iter().all(|c| *c == first)
        };
        let starts_block = match first {
            '#' => (1..=6).contains(&hashes) && blank_after(hashes),
            '>' => true,
            '-' | '+' | '*' => blank_after(1) || rule,
            '=' => rule,
            // A link definition's label may close on a later line (`[` / `(]: x`).
            '[' => true,
            _ => false,
        };
        if starts_block {
            return format!("\\{escaped}");
        }
        // `12.` or `12)` followed by a space starts an ordered list.
        let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=9).contains(&digits)
            && escaped[digits..].starts_with(['.', ')'])
            && blank_after(digits + 1)
        {
            return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
        }
        escaped
    }
}

/// `amp;`, `#38;`, `#x26;`: what follows a `&` in an entity reference.
fn is_entity(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(text: &str) -> String {
        Escaper::of(&[text]).inline(text)
    }

    fn block(text: &str, at_line_start: bool) -> String {
        Escaper::of(&[text]).block(text, at_line_start)
    }

    #[test]
    fn markup_in_user_text_is_escaped() {
        assert_eq!(
            inline("a *b* [c](d) <e> #1 snake_case _x_"),
            r"a \*b\* [c\](d) \<e> #1 snake_case \_x\_"
        );
        assert_eq!(inline("&amp; &#38; `x` \\*"), r"\&amp; \&#38; \`x\` \\\*");
        assert_eq!(
            block("- one\n2. two\n\n+three\n# four\n---\n> five", true),
            "\\- one  \n  2\\. two\n\n  +three  \n  \\# four  \n  \\---  \n  \\> five"
        );
        assert_eq!(
            block("- after a label\n- at a line start", false),
            "- after a label  \n  \\- at a line start"
        );
    }

    #[test]
    fn plain_text_stays_plain() {
        for text in [
            "~EUR 5 million",
            "a * b and a - b",
            "R&D, 2 < 3 > 1",
            "see [1] and item 2.",
            "#hashtag",
            "C:\\path",
            "+3 percent",
            "In 2025. A year",
        ] {
            assert_eq!(block(text, true), text, "{text:?}");
        }
        assert_eq!(
            block("ends with a backslash \\", true),
            "ends with a backslash \\\\"
        );
    }
}
