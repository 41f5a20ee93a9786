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
    /// Groups and roots fold; so does an item with sub-items (see [`is_foldable`]).
    pub fn is_foldable(self) -> bool {
        !matches!(self, NodeId::Item(_) | NodeId::Orphan(_))
    }
}

/// Whether the node folds: a group, a root, or a commitment (or sub-item) with sub-items.
pub fn is_foldable(library: &Library, node: NodeId) -> bool {
    match node {
        NodeId::Item(id) => !library.descendants(id).is_empty(),
        node => node.is_foldable(),
    }
}

/// Whether an area has a fold row: one without a heading lists its commitments directly
/// under the resolution.
pub fn has_area_row(library: &Library, resolution: usize, area: usize) -> bool {
    library.resolutions[resolution].areas[area]
        .heading
        .is_some()
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
    let items = library.item_count();
    let mut kept = Vec::new();
    rows.clear();
    // At most every item, every group and every root: reserving it once avoids the doubling
    // growth that would leave up to twice that allocated.
    let groups: usize = library.resolutions.iter().map(|r| 2 + r.areas.len()).sum();
    rows.reserve_exact(items + groups + orphan_count + 1);
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
            if !has_area_row(library, r, a) {
                if open_res {
                    push_items(
                        rows,
                        library,
                        folded,
                        commitments,
                        1,
                        (keep, restricted),
                        &mut kept,
                    );
                }
                continue;
            }
            let node = NodeId::Area {
                resolution: r,
                area: a,
            };
            if !open_res {
                continue;
            }
            let group_row = rows.len();
            rows.push(Row {
                node,
                depth: 1,
                context: restricted,
            });
            let open = !folded.contains(&node);
            let shown = push_items(
                rows,
                library,
                folded,
                commitments,
                2,
                (keep, restricted),
                &mut kept,
            );
            if restricted && !shown {
                rows.truncate(group_row);
            } else if !open {
                rows.truncate(group_row + 1);
            }
        }
        if restricted && rows.len() == resolution_row + 1 {
            rows.pop();
        }
    }
    debug_assert_eq!(next_item, items);
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

/// Pushes the commitments of an area and their sub-items (one level deeper each), the
/// commitments at `depth`; the sub-items of a folded item are left out. Under a restriction
/// an item shows when kept, or as context when one of its sub-items is kept. Whether any
/// item was kept.
fn push_items(
    rows: &mut Vec<Row>,
    library: &Library,
    folded: &HashSet<NodeId>,
    items: std::ops::Range<ItemId>,
    depth: u16,
    (keep, restricted): (&mut dyn FnMut(ItemId) -> bool, bool),
    kept: &mut Vec<bool>,
) -> bool {
    let start = items.start;
    // `keep` is asked in increasing order, once each. `kept` is the caller's, reused: not
    // allocated for each of thousands of areas on every keystroke.
    kept.clear();
    kept.extend(items.clone().map(&mut *keep));
    let any = kept.iter().any(|&k| k);
    let mut hidden_until = start;
    for id in items {
        if id < hidden_until {
            continue;
        }
        let below = library.descendants(id);
        let own = kept[id - start];
        let context = !own && restricted;
        if context && !below.clone().any(|d| kept[d - start]) {
            continue;
        }
        rows.push(Row {
            node: NodeId::Item(id),
            depth: depth + library.depth(id) as u16,
            context,
        });
        // Only an item with sub-items folds (a lookup saved for each of the others).
        if !below.is_empty() && folded.contains(&NodeId::Item(id)) {
            hidden_until = below.end;
        }
    }
    any
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
                ItemKind::SubItem { .. } => NodeId::Item(library.parent(id)?),
                ItemKind::Commitment { area, .. } => {
                    if has_area_row(library, item.resolution, area) {
                        NodeId::Area {
                            resolution: item.resolution,
                            area,
                        }
                    } else {
                        NodeId::Resolution(item.resolution)
                    }
                }
            })
        }
        NodeId::Orphan(_) => Some(NodeId::Orphans),
    }
}

/// Every foldable node below the roots: preambles, areas with a heading and items with
/// sub-items.
pub fn groups(library: &Library) -> impl Iterator<Item = NodeId> + '_ {
    let groups = library.resolutions.iter().enumerate().flat_map(|(r, res)| {
        std::iter::once(NodeId::Preamble(r)).chain(
            (0..res.areas.len())
                .filter(move |&area| res.areas[area].heading.is_some())
                .map(move |area| NodeId::Area {
                    resolution: r,
                    area,
                }),
        )
    });
    let items = (0..library.item_count())
        .filter(|&id| library.depth(id) < 2 && library.is_commitment(id))
        .filter(|&id| !library.descendants(id).is_empty())
        .map(NodeId::Item);
    groups.chain(items)
}
