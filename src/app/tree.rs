//! The rows of the tree: which nodes are shown, in what order, at what depth. Derived from
//! the library, the folds and the restriction (filter matches, follow-ups only); never stored
//! apart from what it is derived from, so it is rebuilt whenever one of those changes.

use std::collections::HashSet;

use crate::model::{ItemId, ItemKind, Library};

/// A node of the tree. Items are identified by their library index, so ids stay valid for
/// the whole session (the library never changes while reso runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeId {
    Resolution(usize),
    Preamble(usize),
    Area {
        resolution: usize,
        area: usize,
    },
    Item(ItemId),
    /// The root that lists follow-ups whose commitment is not in the loaded resolutions.
    Orphans,
    /// One orphaned follow-up, by its position in the orphan list.
    Orphan(usize),
}

impl NodeId {
    pub fn is_foldable(self) -> bool {
        !matches!(self, NodeId::Item(_) | NodeId::Orphan(_))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub node: NodeId,
    pub depth: u16,
    /// Shown only as the ancestor of a match (dimmed while filtering).
    pub context: bool,
}

/// Builds the visible rows. With a restriction, only kept items appear, with their
/// ancestors as context rows, and empty branches disappear.
///
/// `rows` is refilled in place: its allocation is reused, so that a large tree is not held
/// twice (old and new) on every keystroke. `keep` is asked about items in increasing order
/// (some skipped), so it may walk a sorted list instead of searching it.
pub fn build_rows(
    rows: &mut Vec<Row>,
    library: &Library,
    folded: &HashSet<NodeId>,
    keep: Option<&mut dyn FnMut(ItemId) -> bool>,
    orphan_count: usize,
) {
    let restricted = keep.is_some();
    let mut everything = |_: ItemId| true;
    let keep: &mut dyn FnMut(ItemId) -> bool = match keep {
        Some(keep) => keep,
        None => &mut everything,
    };
    let items = library.items();
    rows.clear();
    // At most every item, every group and every root: reserving it once avoids the doubling
    // growth that would leave up to twice that allocated.
    let groups: usize = library.resolutions.iter().map(|r| 2 + r.areas.len()).sum();
    rows.reserve_exact(items.len() + groups + orphan_count + 1);
    let mut next_item = 0;
    for (r, res) in library.resolutions.iter().enumerate() {
        let resolution_row = rows.len();
        rows.push(Row {
            node: NodeId::Resolution(r),
            depth: 0,
            context: restricted,
        });
        let open_res = !folded.contains(&NodeId::Resolution(r));

        // Recitals come first in the item list, then commitments area by area.
        let recitals = next_item..next_item + res.preamble.recitals.len();
        next_item = recitals.end;
        push_group(
            rows,
            NodeId::Preamble(r),
            recitals,
            open_res && !folded.contains(&NodeId::Preamble(r)),
            (keep, restricted),
            open_res,
        );
        for a in 0..res.areas.len() {
            let commitments = library.area_items(r, a);
            next_item = commitments.end;
            let node = NodeId::Area {
                resolution: r,
                area: a,
            };
            push_group(
                rows,
                node,
                commitments,
                open_res && !folded.contains(&node),
                (keep, restricted),
                open_res,
            );
        }
        if restricted && rows.len() == resolution_row + 1 {
            rows.pop();
        }
    }
    debug_assert_eq!(next_item, items.len());
    if orphan_count > 0 {
        rows.push(Row {
            node: NodeId::Orphans,
            depth: 0,
            context: false,
        });
        if !folded.contains(&NodeId::Orphans) {
            rows.extend((0..orphan_count).map(|i| Row {
                node: NodeId::Orphan(i),
                depth: 1,
                context: false,
            }));
        }
    }
}

/// Pushes a group row (preamble or area) and, when open, its items. Under a restriction the
/// group appears only if it keeps at least one item.
fn push_group(
    rows: &mut Vec<Row>,
    node: NodeId,
    items: std::ops::Range<ItemId>,
    open: bool,
    (keep, restricted): (&mut dyn FnMut(ItemId) -> bool, bool),
    parent_open: bool,
) {
    if !parent_open {
        return;
    }
    let mut kept = items.filter(|&id| keep(id)).peekable();
    if restricted && kept.peek().is_none() {
        return;
    }
    rows.push(Row {
        node,
        depth: 1,
        context: restricted,
    });
    if open {
        rows.extend(kept.map(|id| Row {
            node: NodeId::Item(id),
            depth: 2,
            context: false,
        }));
    }
}

/// The parent of a node, if it has one.
pub fn parent(library: &Library, node: NodeId) -> Option<NodeId> {
    match node {
        NodeId::Resolution(_) | NodeId::Orphans => None,
        NodeId::Preamble(r) | NodeId::Area { resolution: r, .. } => Some(NodeId::Resolution(r)),
        NodeId::Item(id) => {
            let item = library.item(id);
            Some(match item.kind {
                ItemKind::Recital { .. } => NodeId::Preamble(item.resolution),
                ItemKind::Commitment { area, .. } | ItemKind::SubItem { area, .. } => {
                    NodeId::Area {
                        resolution: item.resolution,
                        area,
                    }
                }
            })
        }
        NodeId::Orphan(_) => Some(NodeId::Orphans),
    }
}

/// Every foldable node below the roots: preambles and areas.
pub fn groups(library: &Library) -> impl Iterator<Item = NodeId> + '_ {
    library.resolutions.iter().enumerate().flat_map(|(r, res)| {
        std::iter::once(NodeId::Preamble(r)).chain((0..res.areas.len()).map(move |area| {
            NodeId::Area {
                resolution: r,
                area,
            }
        }))
    })
}
