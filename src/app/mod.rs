//! Browser state and key handling: the tree rows, selection, folds, mode, query and
//! follow-up edits. `handle_key` changes state and returns an [`Effect`] for the event loop
//! to carry out; this module never draws and never touches a file.

pub mod editor;
pub mod tree;

use std::collections::HashSet;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use time::Date;

use crate::filter::{FollowupLookup, Index, NoFollowups, Query, SearchResult};
use crate::model::{ItemId, ItemKind, Library};
use crate::session::SessionState;
pub use editor::{EditOutcome, Editor};
pub use tree::{NodeId, Row};

/// Something only the event loop can do, requested by a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Stop the process (Ctrl-z); the loop restores the terminal first and redraws on resume.
    Suspend,
    /// Put this text on the clipboard (OSC 52, which works over SSH and inside tmux).
    Copy(String),
}

/// What the keyboard is talking to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Tree,
    /// Typing in the query line.
    Filter,
    Help,
}

/// Where the detail pane goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailPane {
    Shown,
    Hidden,
}

pub struct App {
    pub library: Library,
    /// The filter's pre-folded view of the library, built once.
    index: Index,
    /// The date `overdue` and relative due dates are counted from.
    pub today: Date,
    /// The user's folds; kept while a filter shows its own view.
    folded: HashSet<NodeId>,
    /// Folds made while a filter is shown; forgotten when the query changes, so that every
    /// new match shows, and the user's own folds come back when the filter is cleared.
    filter_folded: HashSet<NodeId>,
    /// The query line; empty means no filter.
    pub query: Editor,
    /// The matches of the query; `None` when there is no filter.
    result: Option<SearchResult>,
    /// Why the current query text is not a valid query (the previous matches stay shown).
    pub query_error: Option<String>,
    commitment_total: usize,
    rows: Vec<Row>,
    cursor: usize,
    pub mode: Mode,
    pub detail: DetailPane,
    /// Rows that fit in the tree's viewport, told by the loop after each draw (paging).
    page_height: usize,
    /// A one-line message for the status bar, replaced by the next one.
    pub message: Option<String>,
    /// First line of the help overlay shown (the view clamps it to what there is).
    pub help_scroll: usize,
}

impl App {
    pub fn new(library: Library, today: Date) -> Self {
        let folded = (0..library.resolutions.len())
            .map(NodeId::Preamble)
            .collect();
        let mut app = App {
            index: Index::new(&library),
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
            page_height: 20,
            message: None,
            help_scroll: 0,
        };
        app.rebuild_rows();
        // Start on the first commitment: that is what staff came for.
        if let Some(first) = app.rows.iter().position(|row| app.is_commitment_row(row)) {
            app.cursor = first;
        }
        app
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

    /// The folds in force: the user's, or the filter's while a filter is shown.
    fn folds(&self) -> &HashSet<NodeId> {
        if self.result.is_some() {
            &self.filter_folded
        } else {
            &self.folded
        }
    }

    fn folds_mut(&mut self) -> &mut HashSet<NodeId> {
        if self.result.is_some() {
            &mut self.filter_folded
        } else {
            &mut self.folded
        }
    }

    /// The matches of the filter, when one is shown.
    pub fn filter_result(&self) -> Option<&SearchResult> {
        self.result.as_ref()
    }

    /// Character positions of `item`'s text that the filter matched (empty without filter).
    pub fn match_positions(&self, item: ItemId) -> Vec<usize> {
        match &self.result {
            Some(result) if result.contains(item) => {
                self.index.positions(&self.library, result, item)
            }
            _ => Vec::new(),
        }
    }

    /// `(matching commitments, all commitments)` while a filter is shown.
    pub fn filter_counts(&self) -> Option<(usize, usize)> {
        let result = self.result.as_ref()?;
        let matched = result
            .matches()
            .iter()
            .filter(|m| self.library.is_commitment(m.item))
            .count();
        Some((matched, self.commitment_total))
    }

    /// Matching items of a preamble or area, while a filter is shown.
    pub fn group_match_count(&self, group: NodeId) -> Option<usize> {
        let result = self.result.as_ref()?;
        Some(
            self.group_items(group)
                .filter(|&id| result.contains(id))
                .count(),
        )
    }

    /// The item ids of a preamble's recitals or an area's commitments: contiguous, since
    /// the library stores items in document order.
    fn group_items(&self, group: NodeId) -> std::ops::Range<ItemId> {
        let lib = &self.library;
        let (resolution, key, len) = match group {
            NodeId::Preamble(r) => (r, (0, 0), lib.resolutions[r].preamble.recitals.len()),
            NodeId::Area { resolution, area } => (
                resolution,
                (1, area),
                lib.resolutions[resolution].areas[area].commitments.len(),
            ),
            _ => return 0..0,
        };
        let first = lib
            .items()
            .partition_point(|item| (item.resolution, area_key(item.kind)) < (resolution, key));
        first..first + len
    }

    fn followups(&self) -> &dyn FollowupLookup {
        &NoFollowups
    }

    pub fn set_page_height(&mut self, rows: usize) {
        self.page_height = rows.max(1);
    }

    fn is_commitment_row(&self, row: &Row) -> bool {
        matches!(row.node, NodeId::Item(id) if self.library.is_commitment(id))
    }

    /// Rebuilds the rows and keeps the selection on the same node, or on its nearest shown
    /// ancestor when the node disappeared.
    fn rebuild_rows(&mut self) {
        let selected = self.selected();
        let result = self.result.as_ref();
        let keep = result.map(|r| move |id: ItemId| r.contains(id));
        let keep_ref = keep.as_ref().map(|k| k as &dyn Fn(ItemId) -> bool);
        self.rows = tree::build_rows(&self.library, self.folds(), keep_ref, 0);
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        if let Some(node) = selected {
            self.select_node(node);
        }
    }

    /// Handles one key press. Releases and repeats are ignored by the caller's filter on
    /// `KeyEventKind::Press`, checked again here so tests can feed raw events.
    pub fn handle_key(&mut self, key: KeyEvent) -> Effect {
        if key.kind != KeyEventKind::Press {
            return Effect::None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && key.code == KeyCode::Char('c') {
            return Effect::Quit;
        }
        if ctrl && key.code == KeyCode::Char('z') {
            return Effect::Suspend;
        }
        match self.mode {
            Mode::Help => {
                match key.code {
                    KeyCode::Char('j') | KeyCode::Down => self.help_scroll += 1,
                    KeyCode::Char('k') | KeyCode::Up => {
                        self.help_scroll = self.help_scroll.saturating_sub(1)
                    }
                    KeyCode::PageDown | KeyCode::Char(' ') => self.help_scroll += self.page_height,
                    KeyCode::PageUp => {
                        self.help_scroll = self.help_scroll.saturating_sub(self.page_height)
                    }
                    // Any other key closes help; q still quits so a user who is lost can leave.
                    KeyCode::Char('q') => return Effect::Quit,
                    _ => self.mode = Mode::Tree,
                }
                Effect::None
            }
            Mode::Tree => self.handle_tree_key(key, ctrl),
            Mode::Filter => self.handle_filter_key(key, ctrl),
        }
    }

    fn handle_filter_key(&mut self, key: KeyEvent, ctrl: bool) -> Effect {
        match key.code {
            KeyCode::Down => self.move_by(1),
            KeyCode::Up => self.move_by(-1),
            KeyCode::Char('n') if ctrl => self.move_by(1),
            KeyCode::Char('p') if ctrl => self.move_by(-1),
            _ => match self.query.handle_key(key) {
                EditOutcome::Changed => self.refilter(),
                EditOutcome::Submit => self.mode = Mode::Tree,
                EditOutcome::Cancel => self.clear_filter(),
                EditOutcome::Moved | EditOutcome::Ignored => {}
            },
        }
        Effect::None
    }

    /// Runs the query line's query and shows its matches, the best one selected.
    fn refilter(&mut self) {
        if self.query.text().trim().is_empty() {
            self.query_error = None;
            if self.result.take().is_some() {
                self.rebuild_rows();
            }
            return;
        }
        let query = match Query::parse(self.query.text()) {
            Ok(query) => query,
            Err(error) => {
                // Keep showing the last good matches while the user finishes typing.
                self.query_error = Some(error.message);
                return;
            }
        };
        self.query_error = None;
        let result = self.index.search(
            &self.library,
            &query,
            self.followups(),
            self.today,
            self.result.as_ref(),
        );
        let best = result.best();
        self.result = Some(result);
        self.filter_folded.clear();
        self.rebuild_rows();
        match best {
            Some(best) => self.select_node(NodeId::Item(best.item)),
            None => self.cursor = 0,
        }
    }

    /// Drops the filter; the user's folds come back and the selection stays where it was.
    fn clear_filter(&mut self) {
        self.mode = Mode::Tree;
        self.query = Editor::new("", false);
        self.query_error = None;
        if self.result.take().is_some() {
            self.rebuild_rows();
        }
    }

    /// Moves to the next (or previous) matching row, skipping context rows; wraps around.
    fn jump_match(&mut self, forward: bool) {
        let Some(result) = &self.result else {
            self.message = Some("no filter: / starts one".into());
            return;
        };
        let is_match = |row: &Row| matches!(row.node, NodeId::Item(id) if result.contains(id));
        let n = self.rows.len();
        let found = (1..=n)
            .map(|step| {
                if forward {
                    (self.cursor + step) % n
                } else {
                    (self.cursor + n - step) % n
                }
            })
            .find(|&i| is_match(&self.rows[i]));
        if let Some(i) = found {
            self.cursor = i;
        }
    }

    fn handle_tree_key(&mut self, key: KeyEvent, ctrl: bool) -> Effect {
        self.message = None;
        match key.code {
            KeyCode::Char('q') => return Effect::Quit,
            KeyCode::Char('?') | KeyCode::F(1) => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            KeyCode::Char('j') | KeyCode::Down => self.move_by(1),
            KeyCode::Char('k') | KeyCode::Up => self.move_by(-1),
            KeyCode::Char('d') if ctrl => self.move_by(self.half_page()),
            KeyCode::Char('u') if ctrl => self.move_by(-self.half_page()),
            KeyCode::PageDown => self.move_by(self.page_height as isize),
            KeyCode::PageUp => self.move_by(-(self.page_height as isize)),
            KeyCode::Char('g') | KeyCode::Home => self.cursor = 0,
            KeyCode::Char('G') | KeyCode::End => self.cursor = self.rows.len().saturating_sub(1),
            KeyCode::Char('h') | KeyCode::Left => self.fold_or_parent(),
            KeyCode::Char('l') | KeyCode::Right => self.unfold_or_child(),
            KeyCode::Enter => self.toggle_fold(),
            KeyCode::Char('-') => self.fold_all(),
            KeyCode::Char('=') => self.unfold_all(),
            KeyCode::Char('[') => self.jump_area(-1),
            KeyCode::Char(']') => self.jump_area(1),
            KeyCode::Char('y') => return self.copy_selected(),
            KeyCode::Char('/') => self.mode = Mode::Filter,
            KeyCode::Char('n') => self.jump_match(true),
            KeyCode::Char('N') => self.jump_match(false),
            KeyCode::Esc => self.clear_filter(),
            KeyCode::Tab | KeyCode::Char('z') => {
                self.detail = match self.detail {
                    DetailPane::Shown => DetailPane::Hidden,
                    DetailPane::Hidden => DetailPane::Shown,
                }
            }
            _ => {}
        }
        Effect::None
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

    /// The state worth restoring next time.
    pub fn session_state(&self) -> SessionState {
        let mut folded: Vec<String> = self
            .folded
            .iter()
            .filter_map(|&n| self.node_key(n))
            .collect();
        folded.sort();
        SessionState {
            selected: self.selected().and_then(|n| self.node_key(n)),
            folded,
            query: self.query.text().to_string(),
            followups_only: false,
            detail_hidden: self.detail == DetailPane::Hidden,
        }
    }

    /// Puts back a remembered state; keys that no longer name a node are skipped.
    pub fn restore_session(&mut self, state: &SessionState) {
        self.folded = state
            .folded
            .iter()
            .filter_map(|key| self.node_for_key(key))
            .collect();
        self.detail = if state.detail_hidden {
            DetailPane::Hidden
        } else {
            DetailPane::Shown
        };
        self.query = Editor::new(&state.query, false);
        self.refilter();
        self.rebuild_rows();
        if let Some(node) = state
            .selected
            .as_deref()
            .and_then(|key| self.node_for_key(key))
        {
            self.select_node(node);
        }
    }

    /// Selects `node`, or its nearest shown ancestor.
    fn select_node(&mut self, node: NodeId) {
        let mut target = Some(node);
        while let Some(node) = target {
            if let Some(i) = self.rows.iter().position(|row| row.node == node) {
                self.cursor = i;
                return;
            }
            target = tree::parent(&self.library, node);
        }
    }

    /// A stable name for a node: `ba-43-2024`, `ba-43-2024:preamble`, `ba-43-2024:area:3`,
    /// or an item's reference.
    fn node_key(&self, node: NodeId) -> Option<String> {
        let lib = &self.library;
        match node {
            NodeId::Resolution(r) => Some(lib.resolutions[r].id.clone()),
            NodeId::Preamble(r) => Some(format!("{}:preamble", lib.resolutions[r].id)),
            NodeId::Area { resolution, area } => Some(format!(
                "{}:area:{}",
                lib.resolutions[resolution].id, lib.resolutions[resolution].areas[area].id
            )),
            NodeId::Item(id) => Some(lib.reference(id)),
            NodeId::Orphans => Some("orphans".into()),
            NodeId::Orphan(_) => None,
        }
    }

    fn node_for_key(&self, key: &str) -> Option<NodeId> {
        if key == "orphans" {
            return Some(NodeId::Orphans);
        }
        if let Some(id) = self.library.find(key) {
            return Some(NodeId::Item(id));
        }
        let (res_id, rest) = key.split_once(':').unwrap_or((key, ""));
        let r = self
            .library
            .resolutions
            .iter()
            .position(|res| res.id == res_id)?;
        match rest.split_once(':') {
            None if rest.is_empty() => Some(NodeId::Resolution(r)),
            None if rest == "preamble" => Some(NodeId::Preamble(r)),
            Some(("area", area_id)) => {
                let area = self.library.resolutions[r]
                    .areas
                    .iter()
                    .position(|a| a.id == area_id)?;
                Some(NodeId::Area {
                    resolution: r,
                    area,
                })
            }
            _ => None,
        }
    }

    fn half_page(&self) -> isize {
        (self.page_height / 2).max(1) as isize
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, last) as usize;
    }

    /// Selects a row by index (a mouse click); clicking the selected group toggles it.
    pub fn click_row(&mut self, index: usize) {
        if index >= self.rows.len() {
            return;
        }
        if index == self.cursor {
            self.toggle_fold();
        } else {
            self.cursor = index;
        }
    }

    /// Scrolls the selection by `delta` rows (the mouse wheel).
    pub fn scroll(&mut self, delta: isize) {
        self.move_by(delta);
    }

    fn fold_or_parent(&mut self) {
        let Some(node) = self.selected() else { return };
        if node.is_foldable() && !self.folds().contains(&node) {
            self.folds_mut().insert(node);
            self.rebuild_rows();
        } else if let Some(parent) = tree::parent(&self.library, node) {
            if let Some(i) = self.rows.iter().position(|row| row.node == parent) {
                self.cursor = i;
            }
        }
    }

    fn unfold_or_child(&mut self) {
        let Some(node) = self.selected() else { return };
        if node.is_foldable() && self.folds_mut().remove(&node) {
            self.rebuild_rows();
        } else if self
            .rows
            .get(self.cursor + 1)
            .is_some_and(|next| tree::parent(&self.library, next.node) == Some(node))
        {
            self.cursor += 1;
        }
    }

    fn toggle_fold(&mut self) {
        let Some(node) = self.selected() else { return };
        if !node.is_foldable() {
            return;
        }
        if !self.folds_mut().remove(&node) {
            self.folds_mut().insert(node);
        }
        self.rebuild_rows();
    }

    fn fold_all(&mut self) {
        let groups: Vec<NodeId> = tree::groups(&self.library).collect();
        self.folds_mut().extend(groups);
        self.rebuild_rows();
    }

    fn unfold_all(&mut self) {
        self.folds_mut().clear();
        self.rebuild_rows();
    }

    /// Moves to the previous or next area row.
    fn jump_area(&mut self, direction: isize) {
        let is_area = |row: &Row| matches!(row.node, NodeId::Area { .. });
        let found = if direction > 0 {
            self.rows
                .iter()
                .skip(self.cursor + 1)
                .position(is_area)
                .map(|i| self.cursor + 1 + i)
        } else {
            self.rows[..self.cursor].iter().rposition(is_area)
        };
        if let Some(i) = found {
            self.cursor = i;
        }
    }

    /// Where the cursor is, as parts the status bar joins: `area 3/15`, `commitment 2/5`,
    /// `ba-43-2024:3.2`.
    pub fn location(&self) -> Vec<String> {
        let Some(node) = self.selected() else {
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
                    ItemKind::Commitment { area, commitment } => vec![
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

/// Orders item kinds as the library stores them: recitals, then commitments by area.
fn area_key(kind: ItemKind) -> (u8, usize) {
    match kind {
        ItemKind::Recital { .. } => (0, 0),
        ItemKind::Commitment { area, .. } => (1, area),
    }
}

#[cfg(test)]
mod tests;
