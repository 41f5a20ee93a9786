//! The status bar: where the cursor is, the last message, and hints for the useful keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Theme;
use super::text::{fit, width};
use ratatui::widgets::Paragraph;

use crate::board::Grouping;
use crate::tui::app::{App, Confirm, Conflict, EditField, EditState, Mode, SaveStatus};

const HINTS: &str = "j/k move  h/l fold  / filter  ? help  q quit";
/// From this width on the full hints show; below, just `? help`. A fixed threshold, so the
/// right side does not jump as the location text grows and shrinks.
const FULL_HINTS_WIDTH: usize = 110;

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let glyphs = theme.glyphs();
    // What the user must read now comes first, so a narrow terminal cuts the location
    // rather than the message.
    let mut parts: Vec<String> = app.message().into_iter().map(String::from).collect();
    match app.mode() {
        Mode::Edit(state) => parts.push(state.field.hints().into()),
        Mode::Board(view) => parts.push(
            match view.grouping {
                Grouping::Area => "board: j/k move, b by owner, Enter shows the area, Esc closes",
                Grouping::Owner => {
                    "board: j/k move, b by area, Enter filters to the owner, Esc closes"
                }
            }
            .into(),
        ),
        Mode::Reader { .. } => parts.push("j/k scroll, Esc or q closes".into()),
        _ => {}
    }
    // The board counts every follow-up: where the tree's cursor is, and its filter, do
    // not apply there.
    let on_board = matches!(app.mode(), Mode::Board(_));
    let mut location = if on_board { Vec::new() } else { app.location() };
    match &app.followups().save {
        SaveStatus::ReadOnly(_) => match app.followups().as_of {
            Some(day) => location.insert(0, format!("as of {day}, read-only")),
            None => location.insert(0, "read-only".into()),
        },
        SaveStatus::Saved { .. } => location.insert(0, "saved".into()),
        SaveStatus::NotSaved(_) => location.insert(0, "NOT SAVED".into()),
        SaveStatus::Waiting {
            holder: Some(holder),
        } => location.insert(
            0,
            format!("waiting for the lock held by {holder}{}", glyphs.ellipsis),
        ),
        // A wait too short to be worth a word.
        SaveStatus::Waiting { holder: None } | SaveStatus::Idle => {}
    }
    if app.followups_only() && !on_board {
        location.insert(0, "follow-ups only".into());
    }
    if let (Some((matched, total)), Some(result), false) =
        (app.filter_counts(), app.filter_result(), on_board)
    {
        let what = if app.followups_only() {
            "follow-ups"
        } else {
            "commitments"
        };
        location.insert(0, result.summary(matched, total, what, glyphs.separator));
    }
    parts.extend(location);
    let left = format!(" {}", parts.join(glyphs.separator));
    let total = usize::from(area.width);
    let hints = if total >= FULL_HINTS_WIDTH {
        HINTS
    } else {
        "? help"
    };
    let left = fit(
        &left,
        total.saturating_sub(width(hints) + 2),
        glyphs.ellipsis,
    );
    let gap = total.saturating_sub(width(&left) + width(hints) + 1);
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(gap)),
        Span::raw(hints),
        Span::raw(" "),
    ]);
    frame.render_widget(line.style(theme.status_bar()), area);
}

/// A line across the top when follow-ups cannot be saved: read-only file, or a save that
/// failed (the change is only in memory until a later save succeeds).
pub fn banner(app: &App) -> Option<String> {
    match &app.followups().save {
        SaveStatus::ReadOnly(_) if let Some(day) = app.followups().as_of => Some(format!(
            " AS OF {day}: the follow-ups as they stood at the end of that day; nothing can be changed."
        )),
        SaveStatus::ReadOnly(problem) => {
            Some(format!(" READ-ONLY: follow-ups are not saved. {problem}"))
        }
        SaveStatus::NotSaved(reason) => Some(format!(
            " NOT SAVED: {reason}. Kept in memory; the next change retries, and quitting asks first."
        )),
        SaveStatus::Idle | SaveStatus::Saved { .. } | SaveStatus::Waiting { .. } => None,
    }
}

/// Rows the input line needs: the query, a field being edited (a note may have several
/// lines), or a question.
pub fn input_height(app: &App) -> u16 {
    match app.mode() {
        Mode::Edit(state) => (state.editor.text().lines().count().max(1)
            + usize::from(state.editor.text().ends_with('\n')))
        .min(6) as u16,
        Mode::Conflict(_) => 4,
        Mode::Confirm(_) | Mode::Filter => 1,
        _ => u16::from(!app.query().text().is_empty()),
    }
}

/// The input line: the query (`/`), the field being edited, or a question to answer.
pub fn draw_input(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    match app.mode() {
        Mode::Edit(state) => draw_editor(frame, state, area, theme),
        Mode::Confirm(confirm) => {
            let question = match confirm {
                Confirm::MarkShown { references, shown } if references.len() == *shown => {
                    format!("Mark the {shown} commitments shown? y marks, other keys cancel")
                }
                Confirm::MarkShown { references, shown } => format!(
                    "Mark {} unmarked of the {shown} shown? y marks, other keys cancel",
                    references.len()
                ),
                Confirm::Remove { reference, what } => format!(
                    // The keys first: on 80 columns a long list of what it holds is cut.
                    "y removes the follow-up of {reference}, other keys keep it ({what}); u brings it back"
                ),
                Confirm::QuitUnsaved => format!(
                    "{} change(s) NOT saved. Quit? They come back next start. y quits, other keys stay",
                    app.followups().unsaved.len()
                ),
            };
            frame.render_widget(Line::styled(question, theme.warning()), area);
        }
        Mode::Conflict(conflict) => draw_conflict(frame, conflict, area, theme),
        _ => draw_query(frame, app, area, theme),
    }
}

/// Both values of a field that another session changed meanwhile, and the choice.
fn draw_conflict(frame: &mut Frame, conflict: &Conflict, area: Rect, theme: &Theme) {
    let field = conflict.edit.field.name();
    let value = |v: &Option<String>| match v {
        Some(v) => v.replace('\n', " / "),
        None => "(empty)".to_string(),
    };
    let both = match conflict.edit.field {
        EditField::Due => "",
        EditField::Note => ", b both (theirs first)",
        EditField::Owner => ", b both",
    };
    let lines = vec![
        Line::styled(
            format!(
                "Another session changed the {field} of {} while you edited it:",
                conflict.edit.reference
            ),
            theme.warning(),
        ),
        Line::from(vec![
            Span::styled("theirs: ", theme.label()),
            Span::raw(value(&conflict.theirs)),
        ]),
        Line::from(vec![
            Span::styled("yours:  ", theme.label()),
            Span::raw(value(&conflict.yours)),
        ]),
        Line::styled(
            format!("y keeps yours, t theirs{both}, Esc edits again; nothing is saved until then"),
            theme.label(),
        ),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_query(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let typing = *app.mode() == Mode::Filter;
    let mut spans = vec![
        Span::styled("/", theme.label()),
        Span::raw(app.query().text().to_string()),
    ];
    if let Some(error) = app.query_error() {
        spans.push(Span::styled(format!("  {error}"), theme.warning()));
    } else if !typing {
        spans.push(Span::styled(
            "  (n/N next/previous match, Esc clears, / edits)",
            theme.muted(),
        ));
    } else {
        spans.push(Span::styled("  (Enter keeps, Esc clears)", theme.muted()));
    }
    frame.render_widget(Line::from(spans), area);
    if typing {
        let before: String = app
            .query()
            .text()
            .chars()
            .take(app.query().cursor())
            .collect();
        let x = area.x + 1 + width(&before) as u16;
        frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
    }
}

/// `note: …` with the text being typed and the cursor in it; the last lines of a long note.
fn draw_editor(frame: &mut Frame, state: &EditState, area: Rect, theme: &Theme) {
    let label = format!("{}: ", state.field.name());
    let indent = " ".repeat(width(&label));
    let text = state.editor.text();
    let before: String = text.chars().take(state.editor.cursor()).collect();
    let cursor_line = before.matches('\n').count();
    let cursor_column = width(before.rsplit('\n').next().unwrap_or(""));
    let lines: Vec<&str> = text.split('\n').collect();
    let first = (cursor_line + 1).saturating_sub(usize::from(area.height));
    let shown: Vec<Line> = lines
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(area.height))
        .map(|(i, line)| {
            let lead = if i == 0 {
                Span::styled(label.clone(), theme.label())
            } else {
                Span::raw(indent.clone())
            };
            // The old value, selected: typing replaces it.
            let style = if state.editor.is_selected() {
                theme.selected()
            } else {
                ratatui::style::Style::new()
            };
            Line::from(vec![lead, Span::styled(line.to_string(), style)])
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
    let x = area.x + (width(&label) + cursor_column) as u16;
    let y = area.y + (cursor_line - first) as u16;
    frame.set_cursor_position((x.min(area.right().saturating_sub(1)), y));
}
