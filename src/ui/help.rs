//! The help overlay: every key, grouped.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Theme;
use crate::followups::Status;

/// `(keys, what they do)`; a key of "" starts a new group titled by the description.
pub const KEYS: &[(&str, &str)] = &[
    ("", "Move"),
    ("j k  Down Up", "next / previous row"),
    ("h  Left", "fold, or go to parent"),
    ("l  Right", "unfold, or go to first child"),
    ("Enter", "toggle fold"),
    ("-  =", "fold all / unfold all"),
    ("[  ]", "previous / next area"),
    ("g G  Home End", "top / bottom"),
    ("PgUp PgDn", "page up / down"),
    ("Ctrl-u Ctrl-d", "half page up / down"),
    ("", "Filter"),
    ("/", "filter as you type (terms AND, !not, 'exact, ^start)"),
    ("n N", "next / previous match"),
    ("Esc", "clear the filter"),
    ("Down Up C-n C-p", "while typing: move the selection"),
    ("Enter", "while typing: keep the filter, back to the tree"),
    ("", "Follow-ups (saved at once)"),
    ("Space", "mark / unmark, then next row"),
    ("s S", "next / previous status (see Markers below)"),
    ("a", "note: Enter saves, Ctrl-j new line, Esc cancels"),
    ("o", "owner"),
    ("d", "due date: YYYY-MM-DD, +3d, +2w (empty clears)"),
    ("x", "remove the follow-up (its history stays)"),
    ("V", "mark every commitment shown (asks first)"),
    ("u Ctrl-r", "undo / redo"),
    ("F", "follow-ups only"),
    ("!", "next overdue (shown as !DATE)"),
    ("c", "confirm a commitment text that changed since marking"),
    ("E", "write the agenda (Markdown) to agenda-DATE.md"),
    ("", "View"),
    ("Tab  z", "show / hide the detail pane"),
    ("y", "copy reference and text to the clipboard"),
    ("? F1", "this help (j/k scroll, any other key closes it)"),
    ("q  Ctrl-c", "quit"),
    ("Ctrl-z", "suspend (fg resumes)"),
    ("", "Mouse"),
    ("click", "select; click a selected area to fold it"),
    ("wheel", "scroll"),
];

pub fn draw(frame: &mut Frame, area: Rect, scroll: usize, theme: &Theme) {
    let mut lines: Vec<Line> = KEYS
        .iter()
        .map(|(keys, what)| {
            if keys.is_empty() {
                Line::styled(*what, theme.area())
            } else {
                Line::from(vec![
                    Span::styled(format!("  {keys:<16}"), theme.label()),
                    Span::raw(*what),
                ])
            }
        })
        .collect();
    lines.extend(query_language(theme));
    lines.extend(legend(theme));
    let height = (lines.len() as u16 + 2).min(area.height);
    // As wide as the longest line, so nothing is cut where the terminal has room.
    let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    let width = (widest + 2).min(area.width);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(popup);
    let visible = usize::from(height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    let more_below = scroll + visible < lines.len();
    let hint = match (scroll > 0, more_below) {
        (_, true) => " j/k scroll, more below; any other key closes ",
        (true, false) => " j/k scroll; any other key closes ",
        (false, false) => " any key closes ",
    };
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_set(theme.glyphs().border)
        .title(" reso keys ")
        .title_bottom(hint);
    let paragraph = Paragraph::new(lines)
        .block(block)
        .scroll((scroll as u16, 0));
    frame.render_widget(paragraph, popup);
}

/// The query language of `/`, from the filter's own table.
fn query_language(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("Query language (/)", theme.area())];
    for (example, meaning) in crate::filter::LANGUAGE {
        lines.push(Line::from(vec![
            Span::styled(format!("  {example:<16}"), theme.label()),
            Span::raw(*meaning),
        ]));
    }
    lines.extend(
        crate::filter::LANGUAGE_NOTES
            .iter()
            .map(|note| Line::from(format!("  {note}"))),
    );
    lines
}

/// What the row markers mean, drawn with the glyphs and styles in use.
fn legend(theme: &Theme) -> Vec<Line<'static>> {
    let glyphs = theme.glyphs();
    let mut lines = vec![Line::styled("Markers", theme.area())];
    let mut statuses = vec![Span::raw("  ")];
    for status in Status::ALL {
        let (glyph, style) = theme.status(status);
        statuses.push(Span::styled(glyph, style));
        statuses.push(Span::raw(format!(" {}  ", status.as_str())));
    }
    lines.push(Line::from(statuses));
    lines.push(Line::from(format!(
        "  {} has a note   !DATE overdue   {} text changed since marking",
        glyphs.note, glyphs.text_changed
    )));
    lines
}
