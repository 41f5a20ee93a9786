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
    ("", "View"),
    ("Tab  z", "show / hide the detail pane"),
    ("? F1", "this help (any key closes it)"),
    ("q  Ctrl-c", "quit"),
    ("Ctrl-z", "suspend (fg resumes)"),
    ("", "Mouse"),
    ("click", "select; click a selected area to fold it"),
    ("wheel", "scroll"),
];

pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme) {
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
    let width = 64.min(area.width);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(popup);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(" reso keys ")
        .title_bottom(" any key closes ");
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
