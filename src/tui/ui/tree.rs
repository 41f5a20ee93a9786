//! The tree rows: indentation, fold glyphs, ids and as much text as fits.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::{fit, width};
use super::{Theme, View};
use crate::model::ItemId;
use crate::storage::followups::Followup;
use crate::tui::app::{App, NodeId, Row};

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
    let lib = app.library();
    // Rows that carry a follow-up marker give it one level of their indent, so the marker
    // sits under their parent's fold glyph.
    let marked_row = matches!(row.node, NodeId::Item(_) | NodeId::Orphan(_));
    let indent = "  ".repeat(usize::from(row.depth) - usize::from(marked_row && row.depth > 0));
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
                match &res.adopted.place {
                    Some(place) => {
                        format!("{}{place} {}", glyphs.separator, res.adopted.date_str())
                    }
                    None => format!("{}{}", glyphs.separator, res.adopted.date_str()),
                },
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
            spans.extend(group_marks(app, row.node, theme));
        }
        NodeId::Item(id) => {
            let followup = app.followup(id);
            spans.push(marker(followup, theme));
            spans.push(Span::styled(
                format!("{:<5} ", lib.local_id(id)),
                theme.id(),
            ));
            // A commitment with sub-items folds: its glyph after its id, so that ids stay
            // in one column.
            if crate::tui::app::tree::is_foldable(lib, row.node) {
                spans.push(Span::raw(format!("{} ", fold(row.node))));
            }
            let meta = followup_meta(app, id, followup, theme);
            let used: usize = spans.iter().chain(&meta).map(|s| width(&s.content)).sum();
            let text = fit(
                lib.text(id),
                width_max.saturating_sub(used),
                glyphs.ellipsis,
            );
            let text_width = width(&text);
            spans.extend(highlighted(
                text,
                &app.match_positions(id),
                Style::new(),
                theme.matched(),
            ));
            // The follow-up's facts sit at the right edge, where the eye finds them in a column.
            let gap = width_max.saturating_sub(used + text_width);
            spans.push(Span::raw(" ".repeat(gap)));
            spans.extend(meta);
        }
        NodeId::Orphans => {
            spans.push(Span::raw(format!("{} ", fold(row.node))));
            spans.push(Span::styled("Orphaned follow-ups", theme.warning()));
            spans.push(Span::styled(
                format!(
                    " ({}, commitment not in the loaded resolutions)",
                    app.orphans().len()
                ),
                theme.muted(),
            ));
        }
        NodeId::Orphan(i) => {
            let reference = app.orphans().get(i).map_or("", String::as_str);
            let record = app.record(reference);
            spans.push(marker(record.filter(|r| r.is_active()), theme));
            spans.push(Span::styled(reference.to_string(), theme.id()));
            if let Some(note) = record.and_then(|r| r.note.as_deref()) {
                let used: usize = spans.iter().map(|s| width(&s.content)).sum();
                spans.push(Span::raw(format!(
                    " {}",
                    fit(note, width_max.saturating_sub(used + 1), glyphs.ellipsis)
                )));
            }
        }
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

/// The status marker of a row and a space; blank when the item has no follow-up.
fn marker(followup: Option<&Followup>, theme: &Theme) -> Span<'static> {
    match followup.and_then(|f| f.status) {
        Some(status) => {
            let (glyph, style) = theme.status(status);
            Span::styled(format!("{glyph} "), style)
        }
        None => Span::raw("  "),
    }
}

/// ` @owner  2025-01-15 ✎` at the end of a commitment row: owner, due date (a leading `!`
/// when overdue), a note marker, and a flag when the commitment text changed since marking.
fn followup_meta(
    app: &App,
    id: ItemId,
    followup: Option<&Followup>,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let glyphs = theme.glyphs();
    let mut meta = Vec::new();
    let Some(followup) = followup else {
        return meta;
    };
    if let Some(owner) = &followup.owner {
        meta.push(Span::styled(
            format!(" @{}", fit(owner, 16, glyphs.ellipsis)),
            theme.label(),
        ));
    }
    if let Some(due) = &followup.due {
        if app.is_overdue(followup) {
            meta.push(Span::styled(format!(" !{due}"), theme.overdue()));
        } else {
            meta.push(Span::styled(format!(" {due}"), theme.muted()));
        }
    }
    if followup.note.is_some() {
        meta.push(Span::raw(format!(" {}", glyphs.note)));
    }
    if app.text_changed(id) {
        meta.push(Span::styled(
            format!(" {}", glyphs.text_changed),
            theme.warning(),
        ));
    }
    meta
}

/// ` · 4 marked · 1 overdue` after a group's title.
fn group_marks(app: &App, group: NodeId, theme: &Theme) -> Vec<Span<'static>> {
    let (marked, overdue) = app.group_marks(group);
    let separator = theme.glyphs().separator;
    let mut spans = Vec::new();
    if marked > 0 {
        spans.push(Span::styled(
            format!("{separator}{marked} marked"),
            theme.muted(),
        ));
    }
    if overdue > 0 {
        spans.push(Span::styled(
            format!("{separator}{overdue} overdue"),
            theme.overdue(),
        ));
    }
    spans
}
