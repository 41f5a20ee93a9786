//! The help overlay: every key, grouped.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Theme;

/// `(keys, what they do)`; a key of "" starts a new group titled by the description.
pub const KEYS: &[(&str, &str)] = &[
    ("", "Move"),
    ("j k  ↓ ↑", "next / previous row"),
    ("h  ←", "fold, or go to parent"),
    ("l  →", "unfold, or go to first child"),
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
    ("↓ ↑ C-n C-p", "while typing: move the selection"),
    ("Enter", "while typing: keep the filter, back to the tree"),
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
    let lines: Vec<Line> = KEYS
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
    let height = (lines.len() as u16 + 2).min(area.height);
    let width = 76.min(area.width);
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
