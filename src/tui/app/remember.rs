//! What the browser remembers between sessions: the state to save and how it comes back,
//! with nodes named by stable keys rather than row numbers.

use super::conflicts::Conflict;
use super::editor::Editor;
use super::edits::{EditField, EditState};
use super::tree::NodeId;
use super::{App, DetailPane, Effect, Mode, Request, Step};
use crate::storage::followups::Change;
use crate::storage::session::{Draft, SessionState, UnsavedEdit};

impl App {
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
            followups_only: self.followups_only,
            detail_hidden: self.detail == DetailPane::Hidden,
            draft: match &self.mode {
                // Typed and not saved, also while asking about another session's change.
                Mode::Edit(state) | Mode::Conflict(Conflict { edit: state, .. }) => Some(Draft {
                    reference: state.reference.clone(),
                    field: state.field.name().to_string(),
                    text: state.editor.text().to_string(),
                    base: state.base.clone(),
                }),
                _ => None,
            },
            unsaved: self
                .followups
                .unsaved
                .iter()
                .flat_map(|change| {
                    change.edits.iter().map(move |edit| UnsavedEdit {
                        reference: change.reference.clone(),
                        field: edit.field,
                        to: edit.to.clone(),
                    })
                })
                .collect(),
            unsaved_file: Some(self.followups.path.display().to_string())
                .filter(|_| !self.followups.unsaved.is_empty()),
        }
    }

    /// Asks to make again the changes the last session could not save. Called even with
    /// `--fresh`: starting clean forgets where you were, never what you changed.
    pub fn restore_unsaved(&mut self, state: &SessionState) -> Effect {
        // They belong to the file they were made for, not to whichever file is open now.
        if state.unsaved_file.as_deref() != Some(&*self.followups.path.display().to_string())
            || state.unsaved.is_empty()
        {
            return Effect::None;
        }
        let changes = state
            .unsaved
            .iter()
            .map(|edit| Change::set(&edit.reference, edit.field, edit.to.clone()))
            .collect();
        Effect::Save(Request {
            changes,
            step: Step::Restore,
        })
    }

    /// Says how many of the last session's unsaved changes came back.
    pub(super) fn restored(&mut self, made: usize) {
        if made > 0 {
            self.message = Some(format!(
                "{made} follow-up {} the last session could not save {} back, saving now",
                if made == 1 { "change" } else { "changes" },
                if made == 1 { "is" } else { "are" }
            ));
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
        self.followups_only = state.followups_only;
        self.query = Editor::new(&state.query, false);
        self.refilter();
        self.stale.rows = true;
        self.refresh();
        if let Some(node) = state
            .selected
            .as_deref()
            .and_then(|key| self.node_for_key(key))
        {
            self.select_node(node);
        }
        if let Some(draft) = &state.draft {
            self.restore_draft(draft);
        }
    }

    /// Reopens a field that was being typed when the last session ended.
    fn restore_draft(&mut self, draft: &Draft) {
        let Some(field) = EditField::from_name(&draft.field) else {
            return;
        };
        let Some(id) = self.library.find(&draft.reference) else {
            return;
        };
        if self.followups.read_only().is_some() {
            return;
        }
        self.select_node(NodeId::Item(id));
        self.mode = Mode::Edit(EditState {
            field,
            reference: draft.reference.clone(),
            editor: Editor::new(&draft.text, field == EditField::Note),
            base: draft.base.clone(),
        });
        self.message = Some(format!(
            "your unsaved {} of {} is back: Enter saves it, Esc drops it",
            field.name(),
            draft.reference
        ));
    }

    /// A stable name for a node: `ba-43-2024`, `ba-43-2024:preamble`, `ba-43-2024:area:3`,
    /// or an item's reference.
    pub(super) fn node_key(&self, node: NodeId) -> Option<String> {
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

    pub(super) fn node_for_key(&self, key: &str) -> Option<NodeId> {
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
}
