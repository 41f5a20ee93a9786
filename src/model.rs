//! Resolution types (format `reso-resolution`, version 1) and the flat, document-ordered
//! view of a loaded set of resolutions. Loading and validation live in `load`; this module
//! knows nothing of files, terminals, follow-ups or filtering.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// The `format` tag every resolution file carries.
pub const FORMAT: &str = "reso-resolution";
/// The only format version this build reads.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    pub format: String,
    pub version: u32,
    pub id: String,
    pub title: String,
    pub body: String,
    pub session: Session,
    pub adopted: Adopted,
    pub preamble: Preamble,
    pub operative: Operative,
    pub areas: Vec<Area>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub number: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adopted {
    /// `YYYY-MM-DD`; resolutions are ordered by it.
    pub date: String,
    pub place: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preamble {
    pub formula: String,
    pub recitals: Vec<Recital>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recital {
    /// `r1`, `r2`, … in order.
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub emphasis: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operative {
    pub formula: String,
    pub addressees: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Position of the area, `"1"`, `"2"`, …
    pub id: String,
    /// Verbatim heading without the closing colon.
    pub heading: String,
    /// Short display title; the heading stands in when absent.
    #[serde(default)]
    pub title: Option<String>,
    /// Text standing between the heading and its list, if any.
    #[serde(default)]
    pub intro: Option<String>,
    pub commitments: Vec<Commitment>,
}

impl Area {
    /// The title to display: the short title, or the heading when there is none.
    pub fn display_title(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.heading)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// `"area.item"`, e.g. `"1.4"`.
    pub id: String,
    pub text: String,
}

/// Index of an item (recital or commitment) in [`Library::items`].
pub type ItemId = usize;

/// What an item is, by position in its resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Recital { recital: usize },
    Commitment { area: usize, commitment: usize },
}

/// A recital or commitment, located in the library. Items are stored in document order:
/// per resolution, its recitals first, then its commitments area by area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Item {
    pub resolution: usize,
    pub kind: ItemKind,
}

/// The loaded resolutions, ordered by adoption date, with a flat index of their items.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub resolutions: Vec<Resolution>,
    items: Vec<Item>,
    /// Resolution index by resolution id.
    by_id: HashMap<String, usize>,
    /// Per resolution: the item id of its first recital, then of each area's first
    /// commitment. Ids are positional, so a reference resolves by arithmetic, with no map
    /// of every reference (which cost 15% of a large load and 7 MB at 100,000 items).
    group_starts: Vec<Vec<ItemId>>,
}

impl Library {
    /// Builds the library; resolutions are sorted by adoption date (stable for equal dates).
    pub fn new(mut resolutions: Vec<Resolution>) -> Self {
        resolutions.sort_by(|a, b| a.adopted.date.cmp(&b.adopted.date));
        let mut items = Vec::new();
        let mut group_starts = Vec::with_capacity(resolutions.len());
        for (r, res) in resolutions.iter().enumerate() {
            let mut starts = vec![items.len()];
            for recital in 0..res.preamble.recitals.len() {
                items.push(Item {
                    resolution: r,
                    kind: ItemKind::Recital { recital },
                });
            }
            for (a, area) in res.areas.iter().enumerate() {
                starts.push(items.len());
                for commitment in 0..area.commitments.len() {
                    items.push(Item {
                        resolution: r,
                        kind: ItemKind::Commitment {
                            area: a,
                            commitment,
                        },
                    });
                }
            }
            group_starts.push(starts);
        }
        let by_id = resolutions
            .iter()
            .enumerate()
            .map(|(r, res)| (res.id.clone(), r))
            .collect();
        Library {
            resolutions,
            items,
            by_id,
            group_starts,
        }
    }

    /// Every recital and commitment, in document order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn item(&self, id: ItemId) -> Item {
        self.items[id]
    }

    pub fn resolution_of(&self, id: ItemId) -> &Resolution {
        &self.resolutions[self.items[id].resolution]
    }

    /// The item's verbatim text.
    pub fn text(&self, id: ItemId) -> &str {
        let item = self.items[id];
        let res = &self.resolutions[item.resolution];
        match item.kind {
            ItemKind::Recital { recital } => &res.preamble.recitals[recital].text,
            ItemKind::Commitment { area, commitment } => {
                &res.areas[area].commitments[commitment].text
            }
        }
    }

    /// The item's id within its resolution: `1.4` or `r3`.
    pub fn local_id(&self, id: ItemId) -> &str {
        let item = self.items[id];
        let res = &self.resolutions[item.resolution];
        match item.kind {
            ItemKind::Recital { recital } => &res.preamble.recitals[recital].id,
            ItemKind::Commitment { area, commitment } => {
                &res.areas[area].commitments[commitment].id
            }
        }
    }

    /// The global reference `RESOLUTION_ID:LOCAL_ID`, e.g. `ba-43-2024:1.4`.
    pub fn reference(&self, id: ItemId) -> String {
        format!("{}:{}", self.resolution_of(id).id, self.local_id(id))
    }

    /// The area a commitment belongs to; `None` for recitals.
    pub fn area_of(&self, id: ItemId) -> Option<&Area> {
        let item = self.items[id];
        match item.kind {
            ItemKind::Recital { .. } => None,
            ItemKind::Commitment { area, .. } => {
                Some(&self.resolutions[item.resolution].areas[area])
            }
        }
    }

    pub fn is_commitment(&self, id: ItemId) -> bool {
        matches!(self.items[id].kind, ItemKind::Commitment { .. })
    }

    /// Finds an item by its global reference (`ba-43-2024:1.4`, `ba-43-2024:r3`).
    pub fn find(&self, reference: &str) -> Option<ItemId> {
        let (res_id, local) = reference.split_once(':')?;
        let r = *self.by_id.get(res_id)?;
        let res = &self.resolutions[r];
        let starts = &self.group_starts[r];
        let id = if let Some(n) = local.strip_prefix('r') {
            let n: usize = n.parse().ok()?;
            (1..=res.preamble.recitals.len())
                .contains(&n)
                .then(|| starts[0] + n - 1)?
        } else {
            let (area, commitment) = local.split_once('.')?;
            let (a, c): (usize, usize) = (area.parse().ok()?, commitment.parse().ok()?);
            let count = res.areas.get(a.checked_sub(1)?)?.commitments.len();
            (1..=count).contains(&c).then(|| starts[a] + c - 1)?
        };
        // Numbers parse leniently (`01.1`); the id must be the one written.
        (self.local_id(id) == local).then_some(id)
    }

    pub fn commitment_count(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Commitment { .. }))
            .count()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn bundled_library_indexes_items_in_document_order() {
        let lib = crate::bundled::library();
        assert_eq!(lib.commitment_count(), 106);
        assert_eq!(lib.items().len(), 106 + 12);
        assert_eq!(lib.reference(0), "ba-43-2024:r1");
        assert_eq!(lib.reference(12), "ba-43-2024:1.1");
        assert_eq!(lib.reference(lib.items().len() - 1), "ba-43-2024:15.4");
        assert_eq!(lib.find("ba-43-2024:1.4"), Some(15));
        assert_eq!(lib.area_of(15).unwrap().id, "1");
        for id in 0..lib.items().len() {
            assert_eq!(
                lib.find(&lib.reference(id)),
                Some(id),
                "every reference resolves"
            );
        }
        for missing in [
            "ba-43-2024:99.1",
            "ba-43-2024:1.9",
            "ba-43-2024:0.1",
            "ba-43-2024:r13",
            "ba-43-2024:r0",
            "ba-43-2024:01.1",
            "ba-43-2024:1",
            "other:1.1",
            "ba-43-2024",
            "ba-43-2024:x.y",
        ] {
            assert!(lib.find(missing).is_none(), "{missing}");
        }
    }
}
