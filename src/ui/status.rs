//! The status bar: where the cursor is, the last message, and hints for the useful keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Theme;
use super::text::{fit, width};
use crate::app::App;

const HINTS: &str = "j/k move  h/l fold  / filter  ? help  q quit";

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let glyphs = theme.glyphs();
    let mut parts = app.location();
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
