//! Browser state and key handling: the tree rows, selection, folds, mode, query and
//! follow-up edits. `handle_key` changes state and returns an [`Effect`] for the event loop
//! to carry out; this module never draws and never touches a file.

mod board;
mod confirm;
mod conflicts;
pub mod editor;
mod edits;
mod filtering;
mod followups;
pub mod keys;
mod marking;
mod marks;
mod navigate;
mod remember;
pub mod tree;
mod undo;
mod views;

use std::collections::HashSet;
use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use time::Date;

use crate::filter::{IndexBuild, SearchResult};
use crate::model::{ItemId, ItemKind, Library};
pub use board::BoardView;
pub use confirm::Confirm;
pub use conflicts::Conflict;
pub use editor::{EditOutcome, Editor};
pub use edits::{EditField, EditState};
pub use followups::{Followups, Outcome, Request, SaveStatus, Step};
use keys::Action;
use marks::{Marks, StoreLookup};
pub use tree::{NodeId, Row};
use undo::History;

/// Something only the event loop can do, requested by a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Stop the process (Ctrl-z); the loop restores the terminal first and redraws on resume.
    Suspend,
    /// Put this text on the clipboard (OSC 52, which works over SSH and inside tmux).
    Copy(String),
    /// Make these follow-up changes and save them now.
    Save(Request),
    /// Write the meeting agenda to a file.
    Export,
    /// Quit although follow-up changes could not be saved (the user said so).
    QuitDiscarding,
}

/// What the keyboard is talking to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Tree,
    /// Typing in the query line.
    Filter,
    /// The help overlay. The first line shown (the view clamps it to what there is).
    Help {
        scroll: usize,
    },
    /// Editing a follow-up field in the input line.
    Edit(EditState),
    /// Waiting for `y` (or anything else for no).
    Confirm(Confirm),
    /// A field another session changed while it was edited here: keep which?
    Conflict(Conflict),
    /// The selected commitment full-screen: every field and the whole history. The first
    /// line shown (the view clamps it to what there is).
    Reader {
        scroll: usize,
    },
    /// The progress board.
    Board(BoardView),
}

/// Where the detail pane goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailPane {
    Shown,
    Hidden,
}

/// Every field is private: the loop tells the app what happened through methods
/// ([`App::handle_key`], [`App::followups_replaced`], [`App::tell`], …) and the view reads
/// it through getters.
pub struct App {
    /// Shared with the thread that builds the index; never replaced after [`App::new`].
    /// Read through [`App::library`].
    library: Arc<Library>,
    /// The filter's pre-folded view of the library, built once, on another thread.
    index: IndexBuild,
    /// The date `overdue` and relative due dates are counted from.
    today: Date,
    /// The user's folds; kept while a filter shows its own view.
    folded: HashSet<NodeId>,
    /// Folds made while a filter is shown; forgotten when the query changes, so that every
    /// new match shows, and the user's own folds come back when the filter is cleared.
    filter_folded: HashSet<NodeId>,
    /// The query line; empty means no filter.
    query: Editor,
    /// The matches of the query; `None` when there is no filter.
    result: Option<SearchResult>,
    /// Why the current query text is not a valid query (the previous matches stay shown).
    query_error: Option<String>,
    commitment_total: usize,
    rows: Vec<Row>,
    cursor: usize,
    mode: Mode,
    detail: DetailPane,
    /// What the loop told of the last frame drawn.
    drawn: Drawn,
    /// A one-line message for the status bar, replaced by the next one.
    message: Option<String>,
    /// First line of the detail pane shown; back to 0 when the selection moves.
    detail_scroll: usize,
    /// The node the detail pane was scrolled on.
    detail_scrolled_on: Option<NodeId>,
    /// Days without a change after which a follow-up still to do is stale (the board).
    stale_days: u32,
    /// The board and the agenda count changes from this day (`--since`).
    since: crate::filter::DateSpec,
    /// The follow-ups as the store last loaded or saved them; the loop replaces them.
    followups: Followups,
    /// What the tree shows of the follow-ups, derived from them after each change.
    marks: Marks,
    /// Change groups that `u` takes back, and that `Ctrl-r` makes again.
    history: History,
    /// Show only commitments with a follow-up.
    followups_only: bool,
    /// What changed since the derived state was last computed; [`App::refresh`] catches up.
    stale: Stale,
    /// How often the costly derivations ran (tests hold the work a key does to a number).
    work: Work,
}

/// What the loop told of the last frame drawn ([`App::set_page_height`],
/// [`App::set_scroll_limits`]).
#[derive(Debug, Clone, Copy)]
struct Drawn {
    /// Rows that fit in the tree's viewport (paging).
    page_height: usize,
    /// How far the detail pane and the reader scroll: their lines less the lines shown.
    detail_max: usize,
    reader_max: usize,
}

/// Derived state that no longer matches what it is derived from.
#[derive(Debug, Clone, Copy, Default)]
struct Stale {
    /// The follow-ups changed: the marked items, orphans and changed texts, the filter's
    /// matches (a query reads statuses, owners and notes) and the rows.
    marks: bool,
    /// The tree's rows (folds, matches or the follow-ups-only view changed).
    rows: bool,
}

/// Counts of the costly derivations since the app started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    pub searches: usize,
    pub row_builds: usize,
    pub text_hashes: usize,
}

impl App {
    pub fn new(library: Library, today: Date, followups: Followups) -> Self {
        let folded = (0..library.resolutions.len())
            .map(NodeId::Preamble)
            .collect();
        let library = Arc::new(library);
        let mut app = App {
            index: IndexBuild::start(&library),
            today,
            commitment_total: library.commitment_count(),
            library,
            folded,
            filter_folded: HashSet::new(),
            query: Editor::new("", false),
            result: None,
            query_error: None,
            rows: Vec::new(),
            cursor: 0,
            mode: Mode::Tree,
            detail: DetailPane::Shown,
            drawn: Drawn {
                page_height: 20,
                detail_max: 0,
                reader_max: 0,
            },
            message: None,
            detail_scroll: 0,
            detail_scrolled_on: None,
            stale_days: crate::board::DEFAULT_STALE_DAYS,
            since: crate::filter::DateSpec::DaysAgo(crate::board::DEFAULT_SINCE_DAYS),
            followups,
            marks: Marks::default(),
            history: History::default(),
            followups_only: false,
            stale: Stale {
                marks: true,
                rows: true,
            },
            work: Work::default(),
        };
        app.refresh();
        // Start on the first commitment: that is what staff came for.
        if let Some(first) = app.rows.iter().position(|row| app.is_commitment_row(row)) {
            app.cursor = first;
        }
        app
    }

    /// The loaded resolutions.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The date `overdue` and relative due dates are counted from.
    pub fn today(&self) -> Date {
        self.today
    }

    /// What the keyboard is talking to, and the state of that mode.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn detail(&self) -> DetailPane {
        self.detail
    }

    /// The query line; empty means no filter.
    pub fn query(&self) -> &Editor {
        &self.query
    }

    /// Why the query line's text is not a valid query (the previous matches stay shown).
    pub fn query_error(&self) -> Option<&str> {
        self.query_error.as_deref()
    }

    /// The status bar's one-line message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Something for the status bar that the loop learned (a file that did not load, a
    /// session file that could not be read); it replaces the message shown.
    pub fn tell(&mut self, message: String) {
        self.message = Some(message);
    }

    /// How the board and the agenda count, as the command line asks: a follow-up still to
    /// do is stale after `stale_days` without a change; changes count from `since` (by
    /// default 14 days before today).
    pub fn set_window(&mut self, stale_days: u32, since: Option<crate::filter::DateSpec>) {
        self.stale_days = stale_days;
        if let Some(since) = since {
            self.since = since;
        }
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn selected(&self) -> Option<NodeId> {
        self.rows.get(self.cursor).map(|row| row.node)
    }

    pub fn is_folded(&self, node: NodeId) -> bool {
        self.folds().contains(&node)
    }

    /// How often the costly derivations ran so far.
    pub fn work(&self) -> Work {
        self.work
    }

    pub fn set_page_height(&mut self, rows: usize) {
        self.drawn.page_height = rows.max(1);
    }

    fn is_commitment_row(&self, row: &Row) -> bool {
        matches!(row.node, NodeId::Item(id) if self.library.is_commitment(id))
    }

    /// Brings the derived state up to date with what changed, each part at most once: the
    /// marks, then the filter's matches (they read the marks), then the rows. The loop calls
    /// it once per burst of events, before drawing; a step that needs the rows at once
    /// calls it too.
    pub fn refresh(&mut self) {
        let stale = std::mem::take(&mut self.stale);
        if stale.marks {
            self.refresh_marks();
        }
        if stale.marks && self.result.is_some() {
            self.rerun_filter();
        }
        if stale.rows || stale.marks {
            self.rebuild_rows();
        }
    }

    /// Rebuilds the rows and keeps the selection on the same node, or on its nearest shown
    /// ancestor when the node disappeared.
    fn rebuild_rows(&mut self) {
        self.work.row_builds += 1;
        let selected = self.selected();
        let result = self.result.as_ref();
        let (marked, only) = (&self.marks.marked, self.followups_only);
        // Items come in increasing order and matches are sorted by item: walk them side by
        // side rather than search the matches for every item (all of them, at the first
        // letter of a query).
        let matches = result.map(|r| r.matches());
        let mut next = 0;
        let mut keep = |id: ItemId| {
            let matched = matches.is_none_or(|m| {
                while m.get(next).is_some_and(|m| m.item < id) {
                    next += 1;
                }
                m.get(next).is_some_and(|m| m.item == id)
            });
            matched && (!only || marked.contains(&id))
        };
        let restricted = self.is_restricted();
        let keep_ref: Option<&mut dyn FnMut(ItemId) -> bool> = restricted.then_some(&mut keep);
        // Orphaned follow-ups have no text to match, so a filter hides them.
        let orphans = if result.is_some() {
            0
        } else {
            self.marks.orphans.len()
        };
        let mut rows = std::mem::take(&mut self.rows);
        tree::build_rows(&mut rows, &self.library, self.folds(), keep_ref, orphans);
        self.rows = rows;
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        if let Some(node) = selected {
            self.select_node(node);
        }
    }

    /// Handles one key press. Releases and repeats are ignored by the caller's filter on
    /// `KeyEventKind::Press`, checked again here so tests can feed raw events. What the key
    /// changed is derived again once, at the end.
    pub fn handle_key(&mut self, key: KeyEvent) -> Effect {
        let effect = self.dispatch_key(key);
        self.refresh();
        effect
    }

    fn dispatch_key(&mut self, key: KeyEvent) -> Effect {
        if key.kind != KeyEventKind::Press {
            return Effect::None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && key.code == KeyCode::Char('c') {
            // While typing a note, Ctrl-c is the shell's "cancel this line", not "quit".
            if let Mode::Edit(_) = self.mode {
                self.mode = Mode::Tree;
                self.message = Some("edit cancelled, nothing changed; Ctrl-c again quits".into());
                return Effect::None;
            }
            return Effect::Quit;
        }
        if ctrl && key.code == KeyCode::Char('z') {
            return Effect::Suspend;
        }
        // Every mode's keys are looked up in the one table of keys, but for the input
        // line's editing keys.
        let code = key.code;
        match self.mode {
            Mode::Help { .. } => {
                self.handle_help_key(keys::help_action(code, ctrl));
                Effect::None
            }
            Mode::Reader { .. } => {
                self.handle_reader_key(keys::reader_action(code, ctrl));
                Effect::None
            }
            Mode::Board(_) => {
                self.handle_board_key(keys::board_action(code, ctrl));
                Effect::None
            }
            Mode::Conflict(_) => self.answer_conflict(keys::choice(code, ctrl)),
            Mode::Tree => self.handle_tree_key(code, ctrl),
            Mode::Filter => self.handle_filter_key(key, ctrl),
            Mode::Edit(_) => self.handle_edit_key(key),
            Mode::Confirm(_) => self.answer_question(keys::answer(code, ctrl)),
        }
    }

    fn handle_tree_key(&mut self, code: KeyCode, ctrl: bool) -> Effect {
        self.message = None;
        match keys::action(code, ctrl) {
            Some(action) => self.perform(action),
            None => Effect::None,
        }
    }

    /// Does what a key of the table of keys ([`keys::KEYS`]) does in the tree.
    fn perform(&mut self, action: Action) -> Effect {
        match action {
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::HalfPageDown => self.move_by(self.half_page()),
            Action::HalfPageUp => self.move_by(-self.half_page()),
            Action::PageDown => self.move_by(self.drawn.page_height as isize),
            Action::PageUp => self.move_by(-(self.drawn.page_height as isize)),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = self.rows.len().saturating_sub(1),
            Action::FoldOrParent => self.fold_or_parent(),
            Action::UnfoldOrChild => self.unfold_or_child(),
            Action::OpenOrFold => self.open_or_fold(),
            Action::Board => self.open_board(),
            Action::DetailDown => self.scroll_detail(1),
            Action::DetailUp => self.scroll_detail(-1),
            Action::FoldAll => self.fold_all(),
            Action::UnfoldAll => self.unfold_all(),
            Action::PreviousArea => self.jump_area(-1),
            Action::NextArea => self.jump_area(1),
            Action::Copy => return self.copy_selected(),
            Action::Mark => return self.toggle_mark(),
            Action::NextStatus => return self.cycle_status(true),
            Action::PreviousStatus => return self.cycle_status(false),
            Action::Note => return self.start_edit(EditField::Note),
            Action::Owner => return self.start_edit(EditField::Owner),
            Action::Due => return self.start_edit(EditField::Due),
            Action::Remove => return self.remove_followup(),
            Action::ConfirmText => return self.confirm_text(),
            Action::MarkShown => return self.ask_mark_shown(),
            Action::Undo => return self.undo(),
            Action::Redo => return self.redo(),
            Action::FollowupsOnly => self.toggle_followups_only(),
            Action::NextOverdue => self.jump_overdue(),
            Action::Export => return Effect::Export,
            Action::Filter => self.mode = Mode::Filter,
            Action::NextMatch => self.jump_match(true),
            Action::PreviousMatch => self.jump_match(false),
            Action::ClearFilter => self.clear_filter(),
            Action::ToggleDetail => {
                self.detail = match self.detail {
                    DetailPane::Shown => DetailPane::Hidden,
                    DetailPane::Hidden => DetailPane::Shown,
                }
            }
        }
        Effect::None
    }

    /// The loop wrote the agenda (`E`), or could not: what it says about it.
    pub fn agenda_written(&mut self, said: String) {
        self.message = Some(said);
    }

    /// The selected item's reference and text, for the clipboard.
    fn copy_selected(&mut self) -> Effect {
        let Some(NodeId::Item(id)) = self.selected() else {
            self.message = Some("select a commitment or recital to copy it".into());
            return Effect::None;
        };
        let reference = self.library.reference(id);
        self.message = Some(format!("copied {reference} to the clipboard"));
        Effect::Copy(format!("{reference} {}", self.library.text(id)))
    }

    /// Where the cursor is, as parts the status bar joins: `area 3/15`, `commitment 2/5`,
    /// `ba-43-2024:3.2`.
    pub fn location(&self) -> Vec<String> {
        let Some(node) = self.selected() else {
            let hidden = self.matches_hidden_by_followups_only();
            if hidden > 0 {
                // Short: it follows the count on an 80-column status bar.
                return vec![format!("F shows {hidden} more")];
            }
            return vec!["nothing to show".into()];
        };
        let lib = &self.library;
        match node {
            NodeId::Resolution(r) => vec![
                format!("resolution {}/{}", r + 1, lib.resolutions.len()),
                lib.resolutions[r].id.clone(),
            ],
            NodeId::Preamble(r) => vec![
                "preamble".into(),
                format!("{} recitals", lib.resolutions[r].preamble.recitals.len()),
                lib.resolutions[r].id.clone(),
            ],
            NodeId::Area { resolution, area } => {
                let res = &lib.resolutions[resolution];
                vec![
                    format!("area {}/{}", area + 1, res.areas.len()),
                    format!("{} commitments", res.areas[area].commitments.len()),
                    format!("{}:{}", res.id, res.areas[area].id),
                ]
            }
            NodeId::Item(id) => {
                let item = lib.item(id);
                let res = &lib.resolutions[item.resolution];
                match item.kind {
                    ItemKind::Recital { recital } => vec![
                        format!("recital {}/{}", recital + 1, res.preamble.recitals.len()),
                        lib.reference(id),
                    ],
                    ItemKind::Commitment { area, commitment }
                    | ItemKind::SubItem {
                        area, commitment, ..
                    } => vec![
                        format!("area {}/{}", area + 1, res.areas.len()),
                        format!(
                            "commitment {}/{}",
                            commitment + 1,
                            res.areas[area].commitments.len()
                        ),
                        lib.reference(id),
                    ],
                }
            }
            NodeId::Orphans | NodeId::Orphan(_) => vec!["orphaned follow-ups".into()],
        }
    }
}

#[cfg(test)]
mod tests;
