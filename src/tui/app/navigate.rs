//! Moving the selection and folding: rows, areas, pages, parents and children.

use std::collections::HashSet;

use super::App;
use super::tree::{self, NodeId, Row};

impl App {
    /// A filter or the follow-ups-only view decides which items show.
    pub(super) fn is_restricted(&self) -> bool {
        self.result.is_some() || self.followups_only
    }

    /// The folds in force: the user's, or the filter's while a filter is shown.
    pub(super) fn folds(&self) -> &HashSet<NodeId> {
        if self.is_restricted() {
            &self.filter_folded
        } else {
            &self.folded
        }
    }

    pub(super) fn folds_mut(&mut self) -> &mut HashSet<NodeId> {
        if self.is_restricted() {
            &mut self.filter_folded
        } else {
            &mut self.folded
        }
    }

    pub(super) fn half_page(&self) -> isize {
        (self.drawn.page_height / 2).max(1) as isize
    }

    pub(super) fn move_by(&mut self, delta: isize) {
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

    pub(super) fn fold_or_parent(&mut self) {
        let Some(node) = self.selected() else { return };
        if tree::is_foldable(&self.library, node) && !self.folds().contains(&node) {
            self.folds_mut().insert(node);
            self.stale.rows = true;
        } else if let Some(parent) = tree::parent(&self.library, node)
            && let Some(i) = self.rows.iter().position(|row| row.node == parent)
        {
            self.cursor = i;
        }
    }

    pub(super) fn unfold_or_child(&mut self) {
        let Some(node) = self.selected() else { return };
        if tree::is_foldable(&self.library, node) && self.folds_mut().remove(&node) {
            self.stale.rows = true;
        } else if self
            .rows
            .get(self.cursor + 1)
            .is_some_and(|next| tree::parent(&self.library, next.node) == Some(node))
        {
            self.cursor += 1;
        }
    }

    pub(super) fn toggle_fold(&mut self) {
        let Some(node) = self.selected() else { return };
        if !tree::is_foldable(&self.library, node) {
            return;
        }
        if !self.folds_mut().remove(&node) {
            self.folds_mut().insert(node);
        }
        self.stale.rows = true;
    }

    pub(super) fn fold_all(&mut self) {
        let groups: Vec<NodeId> = tree::groups(&self.library).collect();
        self.folds_mut().extend(groups);
        self.stale.rows = true;
    }

    pub(super) fn unfold_all(&mut self) {
        self.folds_mut().clear();
        self.stale.rows = true;
    }

    /// Moves to the previous or next area row.
    pub(super) fn jump_area(&mut self, direction: isize) {
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
        match found {
            Some(i) => self.cursor = i,
            // Say why nothing moved rather than ignore the key.
            None if !self.rows.iter().any(is_area) => {
                self.message = Some("no policy area headings here: j/k move".into())
            }
            None if direction > 0 => self.message = Some("this is the last area".into()),
            None => self.message = Some("this is the first area".into()),
        }
    }

    /// Selects `node`, or its nearest shown ancestor.
    pub(super) fn select_node(&mut self, node: NodeId) {
        let mut target = Some(node);
        while let Some(node) = target {
            if let Some(i) = self.rows.iter().position(|row| row.node == node) {
                self.cursor = i;
                return;
            }
            target = tree::parent(&self.library, node);
        }
    }

    /// `!`: the next commitment whose follow-up is overdue (wrapping around).
    pub(super) fn jump_overdue(&mut self) {
        let n = self.rows.len();
        let found =
            (1..=n)
                .map(|step| (self.cursor + step) % n)
                .find(|&i| match self.rows[i].node {
                    NodeId::Item(id) => self.followup(id).is_some_and(|f| self.is_overdue(f)),
                    _ => false,
                });
        match found {
            Some(i) => self.cursor = i,
            None => self.message = Some("nothing overdue in view".into()),
        }
    }
}
