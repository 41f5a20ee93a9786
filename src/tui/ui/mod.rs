//! Drawing the browser from `&App`: layout, tree, detail pane, status bar, help overlay.
//! Reads state and never changes it; the only thing it keeps is view state (the scroll
//! offset and where the tree was drawn, for mouse clicks) in [`View`].

mod board;
mod detail;
mod help;
mod status;
pub mod text;
pub mod theme;
mod tree;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::tui::app::{App, DetailPane, Mode};
pub use theme::Theme;

/// Below this size reso shows a one-line notice instead of a cramped screen.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width on the detail pane sits to the right of the tree, else below it.
pub const SIDE_BY_SIDE_WIDTH: u16 = 120;

/// What the view remembers between frames.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// The first tree row shown.
    pub offset: usize,
    /// Where the tree rows were drawn in the last frame.
    pub tree_area: Rect,
    /// The last frame was only the "too small" notice.
    pub too_small: bool,
    /// The height of the detail pane below the tree, and the area it was worked out for.
    /// The pane grows to what a text needs and does not shrink as the selection moves:
    /// a pane that changes height at every `j` moves its border and the tree's last rows,
    /// which a slow link pays for at every key.
    pub detail_height: (Rect, u16),
    /// How far the detail pane and the reader could scroll in the last frame.
    pub detail_max: usize,
    pub reader_max: usize,
}

impl View {
    /// The tree row under a screen position, if any.
    pub fn row_at(&self, column: u16, row: u16) -> Option<usize> {
        let area = self.tree_area;
        let inside = column >= area.x
            && column < area.x + area.width
            && row >= area.y
            && row < area.y + area.height;
        inside.then(|| self.offset + usize::from(row - area.y))
    }
}

pub fn draw(frame: &mut Frame, app: &App, view: &mut View, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let notice = format!("terminal too small: need {MIN_WIDTH}x{MIN_HEIGHT}");
        frame.render_widget(Paragraph::new(notice).wrap(Wrap { trim: true }), area);
        view.tree_area = Rect::default();
        view.too_small = true;
        return;
    }
    view.too_small = false;
    let banner = status::banner(app);
    let input_height = status::input_height(app);
    let [banner_area, main, input_area, status_area] = Layout::vertical([
        Constraint::Length(banner_height(banner.as_deref(), area.width)),
        Constraint::Min(1),
        Constraint::Length(input_height),
        Constraint::Length(1),
    ])
    .areas(area);
    if let Some(banner) = banner {
        let paragraph = Paragraph::new(banner)
            .style(theme.banner())
            .wrap(Wrap { trim: true });
        frame.render_widget(paragraph, banner_area);
    }
    match *app.mode() {
        Mode::Reader { scroll } => {
            draw_reader(frame, app, view, main, scroll, theme);
            status::draw(frame, app, status_area, theme);
            finish(frame, theme);
            return;
        }
        Mode::Board(board) => {
            board::draw(frame, app, board, main, theme);
            status::draw(frame, app, status_area, theme);
            finish(frame, theme);
            return;
        }
        _ => {}
    }
    // The detail pane sits right of the tree on a wide terminal, below it otherwise.
    let split = match app.detail() {
        DetailPane::Hidden => None,
        DetailPane::Shown if main.width >= SIDE_BY_SIDE_WIDTH => {
            let [tree_area, detail_area] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                    .areas(main);
            let rows = detail::rows(app, theme, detail_area.width - 1, detail::Depth::Side);
            Some((tree_area, detail_area, Borders::LEFT, rows))
        }
        DetailPane::Shown => {
            // As tall as the text needs (and a border), up to half the screen.
            let rows = detail::rows(app, theme, main.width, detail::Depth::Below);
            let needed = u16::try_from(rows.len() + 1).unwrap_or(u16::MAX);
            // More when the tree has fewer rows than its half: no empty rows above a cut text.
            let tree_rows = u16::try_from(app.rows().len()).unwrap_or(u16::MAX).max(3);
            let room = (main.height / 2).max(main.height.saturating_sub(tree_rows));
            let kept = match view.detail_height {
                (was, height) if was == main => height,
                _ => 0,
            };
            let detail_height = needed.max(kept).clamp(4, room.max(4));
            view.detail_height = (main, detail_height);
            let [tree_area, detail_area] =
                Layout::vertical([Constraint::Min(3), Constraint::Length(detail_height)])
                    .areas(main);
            Some((tree_area, detail_area, Borders::TOP, rows))
        }
    };
    view.detail_max = 0;
    let tree_area = match split {
        None => main,
        Some((tree_area, detail_area, border, rows)) => {
            let block = Block::new()
                .borders(border)
                .border_set(theme.glyphs().border)
                .border_style(theme.muted());
            frame.render_widget(&block, detail_area);
            let (scroll, inner) = (app.detail_scroll(), block.inner(detail_area));
            let keys = "J/K scroll, Enter reads all";
            view.detail_max = detail::draw(frame, rows, scroll, inner, theme, keys);
            tree_area
        }
    };
    tree::draw(frame, app, view, tree_area, theme);
    status::draw(frame, app, status_area, theme);
    if input_height > 0 {
        status::draw_input(frame, app, input_area, theme);
    }
    if let Mode::Help { scroll } = *app.mode() {
        help::draw(frame, area, scroll, theme);
    }
    finish(frame, theme);
}

/// The last touch on every frame: nothing unsafe for the terminal, steady clusters, ASCII
/// where the terminal cannot show more.
fn finish(frame: &mut Frame, theme: &Theme) {
    text::hide_unsafe(frame.buffer_mut());
    text::steady_graphemes(frame.buffer_mut());
    if theme.ascii {
        text::asciify(frame.buffer_mut());
    }
}

/// The reader: the selected commitment full-screen, in a frame that says how to leave.
fn draw_reader(
    frame: &mut Frame,
    app: &App,
    view: &mut View,
    area: Rect,
    scroll: usize,
    theme: &Theme,
) {
    let block = Block::bordered()
        .border_set(theme.glyphs().border)
        .border_style(theme.muted())
        .title(" read ")
        .title_bottom(" j/k PgUp/PgDn scroll  Esc or q closes ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = detail::rows(app, theme, inner.width, detail::Depth::Reader);
    view.reader_max = detail::draw(frame, rows, scroll, inner, theme, "j/k scroll");
}

/// Lines the banner needs to be read whole (it names a file and a reason), at most 3.
fn banner_height(banner: Option<&str>, width: u16) -> u16 {
    banner.map_or(0, |text| {
        let lines = text::width(text).div_ceil(usize::from(width.max(1)));
        lines.clamp(1, 3) as u16
    })
}
