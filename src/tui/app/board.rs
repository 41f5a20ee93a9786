//! The progress board as browser state: which grouping is shown and which row is selected,
//! its keys, and `Enter` jumping to the selected area (or the owner's follow-ups) in the
//! tree. The counting itself is [`crate::board`]'s, fed from the follow-ups the app holds.

use super::editor::Editor;
use super::keys::BoardAction;
use super::tree::NodeId;
use super::{App, Mode};
use crate::board::{Board, BoardInput, Group, Grouping, Window};

/// The board as shown: its grouping and the selected row (the totals are not a row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardView {
    pub grouping: Grouping,
    pub selected: usize,
}

impl App {
    /// The board of the follow-ups held now, grouped as asked.
    pub fn board(&self, grouping: Grouping) -> Board {
        let inputs: Vec<BoardInput> = self
            .followups
            .all()
            .filter_map(|(reference, record)| {
                Some(BoardInput {
                    reference,
                    status: record.status?,
                    owner: record.owner.as_deref(),
                    due: record.due,
                    updated: Some(record.updated),
                })
            })
            .collect();
        crate::board::board(&self.library, &inputs, grouping, &self.window())
    }

    /// The dates the board and the agenda count against: today, `--stale-days`, `--since`.
    pub fn window(&self) -> Window {
        Window {
            today: self.today,
            stale_days: self.stale_days,
            since: self.since.resolve(self.today),
        }
    }

    /// `b`: the board by area, on the area of the selection.
    pub(super) fn open_board(&mut self) {
        let area = self.selected().and_then(|node| self.area_of(node));
        let board = self.board(Grouping::Area);
        let selected = board
            .rows
            .iter()
            .position(|row| Some(&row.group) == area.as_ref())
            .unwrap_or(0);
        self.mode = Mode::Board(BoardView {
            grouping: Grouping::Area,
            selected,
        });
    }

    /// The board row of an area, or of a commitment's area.
    fn area_of(&self, node: NodeId) -> Option<Group> {
        match node {
            NodeId::Area { resolution, area } => Some(Group::Area { resolution, area }),
            NodeId::Item(id) => match self.library.item(id).kind {
                crate::model::ItemKind::Commitment { area, .. }
                | crate::model::ItemKind::SubItem { area, .. } => Some(Group::Area {
                    resolution: self.library.item(id).resolution,
                    area,
                }),
                crate::model::ItemKind::Recital { .. } => None,
            },
            _ => None,
        }
    }

    pub(super) fn handle_board_key(&mut self, action: Option<BoardAction>) {
        let Mode::Board(mut view) = self.mode else {
            return;
        };
        let rows = self.board(view.grouping).rows.len();
        let last = rows.saturating_sub(1);
        match action {
            Some(BoardAction::Down) => view.selected = (view.selected + 1).min(last),
            Some(BoardAction::Up) => view.selected = view.selected.saturating_sub(1),
            Some(BoardAction::PageDown) => {
                view.selected = (view.selected + self.drawn.page_height).min(last)
            }
            Some(BoardAction::PageUp) => {
                view.selected = view.selected.saturating_sub(self.drawn.page_height)
            }
            Some(BoardAction::Top) => view.selected = 0,
            Some(BoardAction::Bottom) => view.selected = last,
            Some(BoardAction::Regroup) => {
                view.grouping = match view.grouping {
                    Grouping::Area => Grouping::Owner,
                    Grouping::Owner => Grouping::Area,
                };
                view.selected = 0;
            }
            Some(BoardAction::Go) => return self.jump_to_board_row(view),
            Some(BoardAction::Close) => {
                self.mode = Mode::Tree;
                return;
            }
            None => {}
        }
        self.mode = Mode::Board(view);
    }

    /// `Enter` on the board: an area row shows that area, unfolded and selected, in the
    /// tree; an owner row filters the tree to that owner's follow-ups.
    fn jump_to_board_row(&mut self, view: BoardView) {
        let board = self.board(view.grouping);
        match board.rows.get(view.selected).map(|row| row.group.clone()) {
            Some(Group::Area { resolution, area }) => self.show_area(resolution, area),
            Some(Group::Owner(owner)) => self.show_owner(owner.as_deref()),
            Some(Group::Total) | None => {}
        }
    }

    /// The area unfolded and selected in the tree. When the filter or the follow-ups-only
    /// view hides it, they are lifted, and the message says so.
    fn show_area(&mut self, resolution: usize, area: usize) {
        self.mode = Mode::Tree;
        let node = NodeId::Area { resolution, area };
        let unfold = [NodeId::Resolution(resolution), node];
        let shown = |app: &App| app.rows.iter().any(|row| row.node == node);
        for folds in [&mut self.folded, &mut self.filter_folded] {
            for n in &unfold {
                folds.remove(n);
            }
        }
        self.stale.rows = true;
        self.refresh();
        if !shown(self) {
            self.clear_filter();
            self.followups_only = false;
            self.stale.rows = true;
            self.refresh();
            self.message = Some("the filter and follow-ups only were lifted to show it".into());
        }
        self.select_node(node);
    }

    /// The tree filtered to `owner`'s follow-ups (those without an owner for `None`), as
    /// if the user had typed the query: it shows on the query line, `Esc` drops it.
    fn show_owner(&mut self, owner: Option<&str>) {
        let query = match owner {
            // A name with a quote in it cannot be quoted: its first word stands for it.
            Some(name) if name.contains(crate::filter::is_quote) => format!(
                "owner:{}",
                name.split(crate::filter::is_quote)
                    .next()
                    .unwrap_or(name)
                    .trim()
            ),
            Some(name) if name.contains(char::is_whitespace) => format!("owner:\"{name}\""),
            Some(name) => format!("owner:{name}"),
            None => "is:marked !has:owner".to_string(),
        };
        self.mode = Mode::Tree;
        self.query = Editor::new(&query, false);
        self.refilter();
    }
}
