//! The status bar: where the cursor is, the last message, and hints for the useful keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Theme;
use super::text::{fit, width};
use crate::app::{App, Mode};

const HINTS: &str = "j/k move  h/l fold  / filter  ? help  q quit";

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let glyphs = theme.glyphs();
    let mut parts = app.location();
    if let Some((matched, total)) = app.filter_counts() {
        parts.insert(0, format!("{matched} of {total} commitments"));
    }
    parts.extend(app.message.clone());
    let left = format!(" {}", parts.join(glyphs.separator));
    let total = usize::from(area.width);
    let hints = if width(&left) + width(HINTS) + 2 <= total {
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

/// The query line: `/` and the query; while typing, the cursor sits in it.
pub fn draw_query(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let typing = app.mode == Mode::Filter;
    let mut spans = vec![
        Span::styled("/", theme.label()),
        Span::raw(app.query.text().replace('\n', " ")),
    ];
    if let Some(error) = &app.query_error {
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
        let before: String = app.query.text().chars().take(app.query.cursor()).collect();
        let x = area.x + 1 + width(&before) as u16;
        frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
    }
}
