//! The tree rows: indentation, fold glyphs, ids and as much text as fits.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::{fit, width};
use super::{Theme, View};
use crate::app::{App, NodeId, Row};

pub fn draw(frame: &mut Frame, app: &App, view: &mut View, area: Rect, theme: &Theme) {
    let height = usize::from(area.height);
    let rows = app.rows();
    // Keep the cursor in view, moving the window as little as possible.
    let cursor = app.cursor();
    if cursor < view.offset {
        view.offset = cursor;
    } else if cursor >= view.offset + height {
        view.offset = cursor + 1 - height;
    }
    view.offset = view.offset.min(rows.len().saturating_sub(height));
    view.tree_area = area;

    let buf = frame.buffer_mut();
    for (screen_row, (index, row)) in rows
        .iter()
        .enumerate()
        .skip(view.offset)
        .take(height)
        .enumerate()
    {
        let line_area = Rect::new(area.x, area.y + screen_row as u16, area.width, 1);
        let mut line = row_line(app, row, usize::from(area.width), theme);
        if index == cursor {
            line = line.patch_style(theme.selected());
            // Fill the whole width so the selection reads as a bar, also without colour.
            buf.set_style(line_area, theme.selected());
        }
        buf.set_line(line_area.x, line_area.y, &line, line_area.width);
    }
}

fn row_line<'a>(app: &'a App, row: &Row, width_max: usize, theme: &Theme) -> Line<'a> {
    let glyphs = theme.glyphs();
    let lib = &app.library;
    let indent = "  ".repeat(usize::from(row.depth));
    let fold = |node: NodeId| {
        if app.is_folded(node) {
            glyphs.closed
        } else {
            glyphs.open
        }
    };
    let base = if row.context {
        theme.context()
    } else {
        Style::new()
    };
    let mut spans: Vec<Span> = vec![Span::raw(indent)];
    match row.node {
        NodeId::Resolution(r) => {
            let res = &lib.resolutions[r];
            spans.push(Span::raw(format!("{} ", fold(row.node))));
            spans.push(Span::styled(
                res.title.clone(),
                theme.resolution().patch(base),
            ));
            spans.push(Span::styled(
                format!(
                    "{}{} {}",
                    glyphs.separator, res.adopted.place, res.adopted.date
                ),
                theme.muted().patch(base),
            ));
        }
        NodeId::Preamble(r) => {
            let count = lib.resolutions[r].preamble.recitals.len();
            spans.push(Span::raw(format!("{} ", fold(row.node))));
            spans.push(Span::styled("Preamble", theme.area().patch(base)));
            let count = match app.group_match_count(row.node) {
                Some(matched) => format!(" ({matched}/{count} recitals)"),
                None => format!(" ({count} recitals)"),
            };
            spans.push(Span::styled(count, theme.muted().patch(base)));
        }
        NodeId::Area { resolution, area } => {
            let a = &lib.resolutions[resolution].areas[area];
            spans.push(Span::raw(format!("{} ", fold(row.node))));
            spans.push(Span::styled(format!("{} ", a.id), theme.id().patch(base)));
            spans.push(Span::styled(
                a.display_title().to_string(),
                theme.area().patch(base),
            ));
            let count = match app.group_match_count(row.node) {
                Some(matched) => format!(" ({matched}/{})", a.commitments.len()),
                None => format!(" ({})", a.commitments.len()),
            };
            spans.push(Span::styled(count, theme.muted().patch(base)));
        }
        NodeId::Item(id) => {
            spans.push(Span::styled(
                format!("{:<5} ", lib.local_id(id)),
                theme.id(),
            ));
            let used: usize = spans.iter().map(|s| width(&s.content)).sum();
            let text = fit(
                lib.text(id),
                width_max.saturating_sub(used),
                glyphs.ellipsis,
            );
            spans.extend(highlighted(
                text,
                &app.match_positions(id),
                Style::new(),
                theme.matched(),
            ));
        }
        NodeId::Orphans => {
            spans.push(Span::raw(format!("{} ", fold(row.node))));
            spans.push(Span::styled("Orphaned follow-ups", theme.warning()));
        }
        NodeId::Orphan(i) => spans.push(Span::raw(format!("orphan {i}"))),
    }
    Line::from(spans)
}

/// `text` as spans, the characters at `positions` (character indices) in `matched` style.
/// Positions beyond the text (cut off by the row's width) are ignored.
pub fn highlighted(
    text: String,
    positions: &[usize],
    base: Style,
    matched: Style,
) -> Vec<Span<'static>> {
    if positions.is_empty() {
        return vec![Span::styled(text, base)];
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    let mut next = positions.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        while next.peek().is_some_and(|&&p| p < i) {
            next.next();
        }
        let is_match = next.peek().is_some_and(|&&p| p == i);
        if is_match != run_matched && !run.is_empty() {
            let style = if run_matched { matched } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_matched = is_match;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_matched { matched } else { base }));
    }
    spans
}
