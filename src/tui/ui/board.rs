//! The progress board: per area (or owner) a bar of statuses, `done D/N`, overdue, stale,
//! changed since the window's date and the last change, totals on top. The bar draws each
//! status with its own glyph, so ASCII and `NO_COLOR` keep them apart; colour only adds to it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::text::{fit, width};
use crate::board::{Group, Grouping, Row};
use crate::storage::followups::Status;
use crate::tui::app::{App, BoardView};

/// Cells of a bar.
const BAR: usize = 20;
/// The number columns after `done D/N`: late, stale, changed since, last change.
const NUMBERS: usize = 5 + 6 + 6 + 11;

pub fn draw(frame: &mut Frame, app: &App, view: BoardView, area: Rect, theme: &Theme) {
    let board = app.board(view.grouping);
    let total_width = usize::from(area.width);
    let window = app.window();
    // `done D/N` is as wide as the totals' figures need.
    let done_width = done_text(&board.total).len().max("done".len());
    let names = board.rows.iter().map(|row| width(&name_of(app, row)));
    let longest = names.chain([width("Total")]).max().unwrap_or(0);
    // Names take what the figures leave, but no more than the longest: the bars stay near.
    let name_width = total_width
        .saturating_sub(BAR + done_width + NUMBERS + 3)
        .min(longest)
        .max(8);
    let by = match view.grouping {
        Grouping::Area => "area",
        Grouping::Owner => "owner",
    };
    let since = crate::date::iso(window.since);
    let row_of = |row: &Row, style: Style| row_line(app, row, name_width, done_width, theme, style);
    let mut head = vec![
        Line::styled(
            fit(
                &format!(" Progress by {by}; since = changed on {since} or later (--since)"),
                total_width,
                theme.glyphs().ellipsis,
            ),
            theme.area(),
        ),
        Line::styled(
            format!(
                " {:<name_width$} {:<BAR$} {:>done_width$} {:>4} {:>5} {:>5} {:>10}",
                "", "", "done", "late", "stale", "since", "changed"
            ),
            theme.muted(),
        ),
        row_of(&board.total, Style::new()),
        legend(theme),
    ];
    // The rows, with a resolution's title before its areas when several are open.
    let mut lines: Vec<(Option<usize>, Line)> = Vec::new();
    let several = app.library().resolutions.len() > 1;
    let mut last_resolution = None;
    for (i, row) in board.rows.iter().enumerate() {
        if let Group::Area { resolution, .. } = row.group
            && several
            && last_resolution != Some(resolution)
        {
            last_resolution = Some(resolution);
            let title = &app.library().resolutions[resolution].title;
            lines.push((None, Line::styled(format!(" {title}"), theme.resolution())));
        }
        let style = if i == view.selected {
            theme.selected()
        } else {
            Style::new()
        };
        lines.push((Some(i), row_of(row, style)));
    }
    if board.rows.is_empty() {
        lines.push((
            None,
            Line::from(" No follow-ups yet: Space marks a commitment."),
        ));
    }
    let room = usize::from(area.height).saturating_sub(head.len());
    let at = lines
        .iter()
        .position(|(i, _)| *i == Some(view.selected))
        .unwrap_or(0);
    // Keep the selected row in view, with its resolution's title when there is room.
    let first = (at + 1).saturating_sub(room);
    head.extend(
        lines
            .into_iter()
            .skip(first)
            .take(room)
            .map(|(_, line)| line),
    );
    frame.render_widget(Paragraph::new(head), area);
}

/// The row's name: the area's number and title, the owner, or "Total".
fn name_of(app: &App, row: &Row) -> String {
    match &row.group {
        Group::Total => "Total".to_string(),
        Group::Owner(Some(owner)) => owner.clone(),
        Group::Owner(None) => "(no owner)".to_string(),
        Group::Area { resolution, area } => {
            let res = &app.library().resolutions[*resolution];
            let area = &res.areas[*area];
            if area.heading.is_some() {
                format!("{} {}", area.id, area.display_title())
            } else {
                // No heading to name: the paragraphs are the resolution's own.
                res.id.clone()
            }
        }
    }
}

/// `D/N` of `done D/N`.
fn done_text(row: &Row) -> String {
    format!("{}/{}", row.done(), row.counts.total())
}

fn row_line(
    app: &App,
    row: &Row,
    name_width: usize,
    done_width: usize,
    theme: &Theme,
    style: Style,
) -> Line<'static> {
    let name = fit(&name_of(app, row), name_width, theme.glyphs().ellipsis);
    let pad = name_width.saturating_sub(width(&name));
    let mut spans = vec![Span::raw(format!(" {name}{} ", " ".repeat(pad)))];
    let bar = bar(row, theme);
    let bar_width: usize = bar.iter().map(|span| width(&span.content)).sum();
    spans.extend(bar);
    // An empty bar (no commitments) keeps the columns in place.
    spans.push(Span::raw(" ".repeat(BAR - bar_width.min(BAR))));
    let last = row
        .last_change
        .map(|t| t.as_datetime().date().to_string())
        .unwrap_or_else(|| "-".into());
    spans.push(Span::raw(format!(
        " {:>done_width$} {:>4} {:>5} {:>5} {last:>10}",
        done_text(row),
        row.overdue,
        row.stale,
        row.changed_since
    )));
    Line::from(spans).patch_style(style)
}

/// The glyphs of the bar and what they stand for.
fn legend(theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(format!(
        " {} not marked  ",
        theme.glyphs().not_marked
    ))];
    for status in Status::ALL {
        let (glyph, style) = theme.status(status);
        spans.push(Span::styled(glyph, style));
        spans.push(Span::raw(format!(" {}  ", status.as_str())));
    }
    Line::from(spans)
}

/// The stacked bar: cells per status in proportion, every status present gets a cell.
fn bar(row: &Row, theme: &Theme) -> Vec<Span<'static>> {
    let counts: Vec<usize> = std::iter::once(row.counts.not_marked)
        .chain(Status::ALL.iter().map(|s| row.counts.status(*s)))
        .collect();
    let cells = shares(&counts, BAR);
    let mut spans = Vec::new();
    for (i, n) in cells.into_iter().enumerate() {
        if n == 0 {
            continue;
        }
        let (glyph, style) = match i {
            0 => (theme.glyphs().not_marked, theme.muted()),
            i => theme.status(Status::ALL[i - 1]),
        };
        spans.push(Span::styled(glyph.repeat(n), style));
    }
    spans
}

/// Splits `cells` in proportion to `counts` (largest remainder), giving every non-zero
/// count at least one cell when there are enough; all zero gives blanks.
fn shares(counts: &[usize], cells: usize) -> Vec<usize> {
    let total: usize = counts.iter().sum();
    if total == 0 {
        return vec![0; counts.len()];
    }
    let mut out: Vec<usize> = counts
        .iter()
        .map(|&c| {
            if c == 0 {
                0
            } else {
                (c * cells / total).max(1)
            }
        })
        .collect();
    let remainder = |i: usize| (counts[i] * cells) % total;
    while out.iter().sum::<usize>() < cells {
        let i = (0..counts.len())
            .filter(|&i| counts[i] > 0)
            .max_by_key(|&i| (remainder(i), counts[i]))
            .expect("a non-zero count");
        out[i] += 1;
    }
    while out.iter().sum::<usize>() > cells {
        let i = (0..counts.len())
            .filter(|&i| out[i] > 1)
            .max_by_key(|&i| out[i])
            .expect("more cells than counts");
        out[i] -= 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shares;

    #[test]
    fn bar_cells_are_in_proportion_and_every_status_shows() {
        assert_eq!(shares(&[8, 0, 0, 0, 0, 0], 20), [20, 0, 0, 0, 0, 0]);
        assert_eq!(shares(&[100, 1, 0, 0, 0, 0], 20), [19, 1, 0, 0, 0, 0]);
        assert_eq!(shares(&[2, 2, 0, 0, 0, 0], 20), [10, 10, 0, 0, 0, 0]);
        assert_eq!(shares(&[0; 6], 20), [0; 6]);
        for counts in [[5, 3, 1, 1, 2, 7], [1, 1, 1, 1, 1, 100]] {
            assert_eq!(shares(&counts, 20).iter().sum::<usize>(), 20);
        }
    }
}
