//! The help overlay: every key, grouped, drawn from the app's one table of keys.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Theme;
use crate::storage::followups::Status;
use crate::tui::app::keys::KEYS;

pub fn draw(frame: &mut Frame, area: Rect, scroll: usize, theme: &Theme) {
    let lines = help_lines(theme);
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
        (_, true) => " j/k scroll, more below; ?, Esc or q closes ",
        (true, false) => " j/k scroll; ?, Esc or q closes ",
        (false, false) => " ?, Esc or q closes ",
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

/// Every line of the help: keys, query language, markers.
fn help_lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = KEYS
        .iter()
        .map(|line| match line.keys {
            "" => Line::styled(line.does, theme.area()),
            keys => entry(keys, line.does, theme),
        })
        .collect();
    lines.extend(query_language(theme));
    lines.extend(legend(theme));
    lines
}

/// `  KEYS            what they do`: one column for keys and examples, a space after it even
/// when the key or example fills it.
fn entry(what: &str, does: &'static str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("  {what:<15} "), theme.label()),
        Span::raw(does),
    ])
}

/// The query language of `/`, from the filter's own table.
fn query_language(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("Query language (/)", theme.area())];
    for (example, meaning) in crate::filter::LANGUAGE {
        lines.push(entry(example, meaning, theme));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_help_line_fits_an_80_column_terminal() {
        let theme = Theme {
            color: false,
            ascii: true,
        };
        for line in help_lines(&theme) {
            // 80 columns less the two borders.
            assert!(line.width() <= 78, "{} columns: {line:?}", line.width());
        }
    }
}
