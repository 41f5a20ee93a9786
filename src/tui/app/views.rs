//! What is read rather than browsed: the detail pane's scroll (`J`/`K`), the full-screen
//! reader that `Enter` opens on a commitment (`Enter` on a group row still folds it), and
//! the help overlay's scroll.

use super::keys::{HelpAction, ReaderAction};
use super::tree::NodeId;
use super::{App, Mode};

impl App {
    /// `Enter`: the reader on a commitment or an orphaned follow-up, a fold elsewhere.
    pub(super) fn open_or_fold(&mut self) {
        match self.selected() {
            Some(NodeId::Item(id)) if self.library.is_commitment(id) => {
                self.mode = Mode::Reader { scroll: 0 }
            }
            Some(NodeId::Orphan(_)) => self.mode = Mode::Reader { scroll: 0 },
            _ => self.toggle_fold(),
        }
    }

    pub(super) fn handle_reader_key(&mut self, action: Option<ReaderAction>) {
        let Mode::Reader { scroll } = self.mode else {
            return;
        };
        let page = self.drawn.page_height.max(2) - 1;
        let scroll = match action {
            Some(ReaderAction::Down) => scroll + 1,
            Some(ReaderAction::Up) => scroll.saturating_sub(1),
            Some(ReaderAction::PageDown) => scroll + page,
            Some(ReaderAction::PageUp) => scroll.saturating_sub(page),
            Some(ReaderAction::Top) => 0,
            // The view clamps it to the last screenful.
            Some(ReaderAction::Bottom) => self.drawn.reader_max,
            Some(ReaderAction::Close) => {
                self.mode = Mode::Tree;
                return;
            }
            None => scroll,
        };
        self.mode = Mode::Reader {
            scroll: scroll.min(self.drawn.reader_max),
        };
    }

    pub(super) fn handle_help_key(&mut self, action: Option<HelpAction>) {
        let Mode::Help { scroll } = self.mode else {
            return;
        };
        // Not clamped here: the view clamps it to what there is.
        let scroll = match action {
            Some(HelpAction::Down) => scroll + 1,
            Some(HelpAction::Up) => scroll.saturating_sub(1),
            Some(HelpAction::PageDown) => scroll + self.drawn.page_height,
            Some(HelpAction::PageUp) => scroll.saturating_sub(self.drawn.page_height),
            // Only these close it: a stray key neither closes it nor acts unseen.
            Some(HelpAction::Close) => {
                self.mode = Mode::Tree;
                return;
            }
            None => scroll,
        };
        self.mode = Mode::Help { scroll };
    }

    /// The view tells how far the detail pane and the reader can scroll (their lines less
    /// the lines shown), after each draw: scrolling stops at the last line.
    pub fn set_scroll_limits(&mut self, detail: usize, reader: usize) {
        self.drawn.detail_max = detail;
        self.drawn.reader_max = reader;
    }

    /// `J` / `K`: scrolls the detail pane; it starts at the top for every new selection.
    pub(super) fn scroll_detail(&mut self, delta: isize) {
        let current = self.detail_scroll();
        self.detail_scrolled_on = self.selected();
        self.detail_scroll = current
            .saturating_add_signed(delta)
            .min(self.drawn.detail_max);
    }

    /// The first line of the detail pane shown for the selection.
    pub fn detail_scroll(&self) -> usize {
        if self.detail_scrolled_on == self.selected() {
            self.detail_scroll
        } else {
            0
        }
    }
}
