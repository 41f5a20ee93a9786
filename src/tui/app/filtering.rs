//! The filter in the browser: the query line, the search it runs on every change, the
//! matches shown with their ancestors, and jumping between them.

use ratatui::crossterm::event::KeyEvent;

use super::StoreLookup;
use super::editor::{EditOutcome, Editor};
use super::keys::{self, FilterAction};
use super::tree::{NodeId, Row};
use super::{App, Effect, Mode};
use crate::filter::{Query, SearchResult, Synonyms};
use crate::model::{ItemId, ItemKind};

impl App {
    /// The matches of the filter, when one is shown.
    pub fn filter_result(&self) -> Option<&SearchResult> {
        self.result.as_ref()
    }

    /// Character positions of `item`'s text that the filter matched (empty without filter).
    pub fn match_positions(&self, item: ItemId) -> Vec<usize> {
        match &self.result {
            Some(result) if result.contains(item) => {
                self.index.get().positions(&self.library, result, item)
            }
            _ => Vec::new(),
        }
    }

    /// `(matching commitments, all commitments)` while a filter is shown.
    pub fn filter_counts(&self) -> Option<(usize, usize)> {
        let result = self.result.as_ref()?;
        // Inside follow-ups only, the matches the user can reach are the marked ones, out
        // of the marked ones: the count never names rows that are not there.
        let shown = |id: ItemId| !self.followups_only || self.marks.marked.contains(&id);
        let matched = result
            .matches()
            .iter()
            .filter(|m| self.library.is_commitment(m.item) && shown(m.item))
            .count();
        let total = if self.followups_only {
            self.marks
                .marked
                .iter()
                .filter(|&&id| self.library.is_commitment(id))
                .count()
        } else {
            self.commitment_total
        };
        Some((matched, total))
    }

    /// Commitments the filter matches that follow-ups only hides (to say so when none of
    /// the follow-ups match).
    pub fn matches_hidden_by_followups_only(&self) -> usize {
        match &self.result {
            Some(result) if self.followups_only => result
                .matches()
                .iter()
                .filter(|m| {
                    self.library.is_commitment(m.item) && !self.marks.marked.contains(&m.item)
                })
                .count(),
            _ => 0,
        }
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
    pub(super) fn group_items(&self, group: NodeId) -> std::ops::Range<ItemId> {
        let lib = &self.library;
        let (resolution, key, len) = match group {
            NodeId::Preamble(r) => (r, (0, 0), lib.resolutions[r].preamble.recitals.len()),
            NodeId::Area { resolution, area } => (
                resolution,
                (1, area),
                lib.area_items(resolution, area).len(),
            ),
            _ => return 0..0,
        };
        let first =
            lib.partition_point(|item| (item.resolution, area_key(item.kind)) < (resolution, key));
        first..first + len
    }

    /// The filter's engine, for what must find what the filter finds (the agenda of `E`).
    pub fn index(&self) -> &crate::filter::Index {
        self.index.get()
    }

    /// Lets query terms match the other members of their group of `synonyms`.
    pub fn set_synonyms(&mut self, synonyms: Synonyms) {
        self.index.set_synonyms(synonyms);
        if self.result.is_some() {
            self.rerun_filter();
        }
    }

    /// Runs `query` with the follow-ups as they are now. `previous` narrows the work when
    /// the query only grew since it was run (and nothing else changed).
    fn search(&mut self, query: &Query, previous: Option<&SearchResult>) -> SearchResult {
        self.work.searches += 1;
        let followups = StoreLookup {
            followups: &self.followups,
            library: &self.library,
            marked: &self.marks.marked,
        };
        // With no item having every term, the closest matches are shown (and said so).
        self.index
            .get()
            .search_or_closest(&self.library, query, &followups, self.today, previous)
    }

    /// Runs the query again after the follow-ups changed (statuses, notes and owners are
    /// searchable), keeping the selection where it is.
    pub(super) fn rerun_filter(&mut self) {
        if let Ok(query) = Query::parse(self.query.text()) {
            self.result = Some(self.search(&query, None));
        }
    }

    pub(super) fn handle_filter_key(&mut self, key: KeyEvent, ctrl: bool) -> Effect {
        match keys::filter_action(key.code, ctrl) {
            Some(FilterAction::Down) => self.move_by(1),
            Some(FilterAction::Up) => self.move_by(-1),
            None => match self.query.handle_key(key) {
                EditOutcome::Changed => self.refilter(),
                EditOutcome::Submit => self.mode = Mode::Tree,
                EditOutcome::Cancel => self.clear_filter(),
                EditOutcome::Moved | EditOutcome::Ignored => {}
            },
        }
        Effect::None
    }

    /// Runs the query line's query and shows its matches, the best one selected.
    pub(super) fn refilter(&mut self) {
        if self.query.text().trim().is_empty() {
            self.query_error = None;
            if self.result.take().is_some() {
                self.stale.rows = true;
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
        let previous = self.result.take();
        let result = self.search(&query, previous.as_ref());
        let best = result.best();
        self.result = Some(result);
        self.filter_folded.clear();
        // The best match is selected among the rows it brings.
        self.stale.rows = true;
        self.refresh();
        match best {
            Some(best) => self.select_node(NodeId::Item(best.item)),
            None => self.cursor = 0,
        }
    }

    /// Drops the filter; the user's folds come back and the selection stays where it was.
    pub(super) fn clear_filter(&mut self) {
        self.mode = Mode::Tree;
        self.query = Editor::new("", false);
        self.query_error = None;
        if self.result.take().is_some() {
            self.stale.rows = true;
        }
    }

    /// Moves to the next (or previous) matching row, skipping context rows; wraps around.
    pub(super) fn jump_match(&mut self, forward: bool) {
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
}

/// Orders item kinds as the library stores them: recitals, then commitments by area.
fn area_key(kind: ItemKind) -> (u8, usize) {
    match kind {
        ItemKind::Recital { .. } => (0, 0),
        ItemKind::Commitment { area, .. } | ItemKind::SubItem { area, .. } => (1, area),
    }
}
