//! Resolution types (format `reso-resolution`, versions 1 to 4) and the flat, document-ordered
//! view of a loaded set of resolutions. Loading and validation live in `load`; this module
//! knows nothing of files, terminals, follow-ups or filtering.

use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// The `format` tag every resolution file carries.
pub const FORMAT: &str = "reso-resolution";
/// The newest format version: `reso import` writes it when a resolution needs what version 1
/// cannot hold (an area without a heading, document-numbered ids, sub-items, actions, …).
pub const VERSION: u32 = 4;
/// Every format version this build reads, oldest first.
pub const VERSIONS: [u32; 4] = [1, 2, 3, 4];

/// Shown for an area without a heading until the browser lists its commitments directly
/// under the resolution.
pub const UNHEADED_AREA_TITLE: &str = "Operative paragraphs";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    pub format: String,
    pub version: u32,
    pub id: String,
    pub title: String,
    /// The document's own symbol (`A/RES/80/4`, `S/RES/242 (1967)`, `B4-0850/95`); version 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    pub body: String,
    pub session: Session,
    pub adopted: Adopted,
    pub preamble: Preamble,
    pub operative: Operative,
    pub areas: Vec<Area>,
}

impl Resolution {
    /// The order resolutions are opened and listed in: by adoption date, those whose date
    /// is not stated last; stable for equal dates.
    pub fn adoption_order(a: &Resolution, b: &Resolution) -> std::cmp::Ordering {
        let key = |r: &Resolution| (r.adopted.date.is_none(), r.adopted.date.clone());
        key(a).cmp(&key(b))
    }

    /// The oldest format version that holds this resolution: 3 for a symbol or a session
    /// number or adoption date the text does not state, 2 when it uses anything else version
    /// 1 lacks, else 1 (so that files stay readable by older builds).
    pub fn needed_version(&self) -> u32 {
        fn noted(c: &Commitment) -> bool {
            !c.notes().is_empty() || c.items().iter().any(noted)
        }
        let notes = self.preamble.recitals.iter().any(|r| !r.notes.is_empty())
            || self.areas.iter().flat_map(|a| &a.commitments).any(noted);
        if notes {
            return 4;
        }
        if self.symbol.is_some() || self.session.number.is_none() || self.adopted.date.is_none() {
            return 3;
        }
        let recitals = self
            .preamble
            .recitals
            .iter()
            .any(|r| r.label.is_some() || r.kind.is_some());
        let areas = self.areas.iter().enumerate().any(|(a, area)| {
            area.heading.is_none()
                || !area.addressees.is_empty()
                || area.commitments.iter().enumerate().any(|(c, com)| {
                    com.action().is_some()
                        || com.addressee().is_some()
                        || !com.items().is_empty()
                        || com.id != format!("{}.{}", a + 1, c + 1)
                })
        });
        let v2 =
            recitals || areas || self.adopted.place.is_none() || self.operative.formula.is_none();
        if v2 { 2 } else { 1 }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Version 3 allows none, for texts that do not number their sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adopted {
    /// `YYYY-MM-DD`; resolutions are ordered by it. Version 3 allows none, for texts that
    /// do not state it (they come after the dated ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where it was adopted; version 2 allows none, for texts that do not say (UN, EP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

impl Adopted {
    /// The date for display; `date not stated` when the text did not state it.
    pub fn date_str(&self) -> &str {
        self.date.as_deref().unwrap_or("date not stated")
    }

    /// Place and date for display: `Vilnius, 2024-10-18`, `2024-10-18` without a place,
    /// `date not stated` when the text states neither.
    pub fn label(&self) -> String {
        match &self.place {
            Some(place) => format!("{place}, {}", self.date_str()),
            None => self.date_str().to_string(),
        }
    }

    /// The place for display; empty when the text did not state it.
    pub fn place_str(&self) -> &str {
        self.place.as_deref().unwrap_or("")
    }
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
    /// The document's own label (`A`, `B` in European Parliament texts); version 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Citation (`having regard to …`) or recital; version 2, set where the document has both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<RecitalKind>,
    /// The footnotes the recital refers to; version 4.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// A footnote of the document, kept with the paragraph that refers to it: its label as the
/// document numbers it (`1`, `iv`, `*`) and its text; version 4.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub label: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecitalKind {
    Citation,
    Recital,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operative {
    /// The formula before the operative part (`calls on …:`); version 2 allows none, for
    /// documents whose paragraphs each open with their own verb.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
    /// Whom the formula calls on, one body each.
    #[serde(default)]
    pub addressees: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Position of the area, `"1"`, `"2"`, …
    pub id: String,
    /// Verbatim heading without the closing colon; `None` (version 2) for the operative
    /// paragraphs of a document without headings, or those before its first heading.
    pub heading: Option<String>,
    /// Short display title; the heading stands in when absent.
    #[serde(default)]
    pub title: Option<String>,
    /// Text standing between the heading and its list, if any.
    #[serde(default)]
    pub intro: Option<String>,
    /// Whom the area's own formula (`calls on …:` in its intro) calls on; version 2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addressees: Vec<String>,
    pub commitments: Vec<Commitment>,
}

impl Area {
    /// The title to display: the short title, else the heading, else a fixed stand-in.
    pub fn display_title(&self) -> &str {
        self.title
            .as_deref()
            .or(self.heading.as_deref())
            .unwrap_or(UNHEADED_AREA_TITLE)
    }
}

/// A commitment, or (in another's `items`) a sub-item. Sub-items nest at most two deep
/// (`3.a`, `3.a.i`); `load` enforces it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "CommitmentFields")]
pub struct Commitment {
    /// Positional `"area.item"` (`"1.4"`), or the document's number (`"3"`); a sub-item's
    /// id is its parent's and its label (`"3.a"`, `"3.a.i"`).
    pub id: String,
    pub text: String,
    /// Version 2's action, addressee and sub-items, boxed and `None` when all are empty:
    /// most commitments have none, and a large library holds a million commitments.
    more: Option<Box<CommitmentMore>>,
}

/// The version 2 fields of a [`Commitment`].
#[derive(Debug, Clone, PartialEq, Default)]
struct CommitmentMore {
    action: Option<String>,
    addressee: Option<String>,
    items: Vec<Commitment>,
    notes: Vec<Note>,
}

impl Commitment {
    /// A commitment with neither action, addressee nor sub-items.
    pub fn new(id: String, text: String) -> Commitment {
        Commitment {
            id,
            text,
            more: None,
        }
    }

    /// The operative verb phrase that opens the text (`Calls upon`); version 2.
    pub fn action(&self) -> Option<&str> {
        self.more.as_ref()?.action.as_deref()
    }

    /// Whom the text asks to act (`the Secretary-General`), as written in it; version 2.
    pub fn addressee(&self) -> Option<&str> {
        self.more.as_ref()?.addressee.as_deref()
    }

    /// Sub-items `(a)`, `(b)`, …; version 2.
    pub fn items(&self) -> &[Commitment] {
        self.more.as_ref().map_or(&[], |more| &more.items)
    }

    /// Sets the action and the addressee.
    pub fn set_action(&mut self, action: Option<String>, addressee: Option<String>) {
        let more = self.more.take().map(|more| *more).unwrap_or_default();
        self.more = CommitmentMore {
            action,
            addressee,
            ..more
        }
        .boxed();
    }

    /// Sets the sub-items.
    pub fn set_items(&mut self, items: Vec<Commitment>) {
        let more = self.more.take().map(|more| *more).unwrap_or_default();
        self.more = CommitmentMore { items, ..more }.boxed();
    }

    /// The footnotes the text refers to; version 4.
    pub fn notes(&self) -> &[Note] {
        self.more.as_ref().map_or(&[], |more| &more.notes)
    }

    /// Sets the footnotes.
    pub fn set_notes(&mut self, notes: Vec<Note>) {
        let more = self.more.take().map(|more| *more).unwrap_or_default();
        self.more = CommitmentMore { notes, ..more }.boxed();
    }

    /// The commitment or sub-item with this id, here or among the sub-items.
    pub fn find_mut(&mut self, id: &str) -> Option<&mut Commitment> {
        if self.id == id {
            return Some(self);
        }
        let more = self.more.as_mut()?;
        more.items.iter_mut().find_map(|item| item.find_mut(id))
    }
}

impl CommitmentMore {
    fn boxed(self) -> Option<Box<CommitmentMore>> {
        let empty = self.action.is_none()
            && self.addressee.is_none()
            && self.items.is_empty()
            && self.notes.is_empty();
        (!empty).then(|| Box::new(self))
    }
}

/// A commitment as the file has it: every field at one level.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommitmentFields {
    id: String,
    text: String,
    #[serde(default)]
    action: Option<String>,
    #[serde(default)]
    addressee: Option<String>,
    #[serde(default)]
    items: Vec<Commitment>,
    #[serde(default)]
    notes: Vec<Note>,
}

impl From<CommitmentFields> for Commitment {
    fn from(fields: CommitmentFields) -> Commitment {
        Commitment {
            id: fields.id,
            text: fields.text,
            more: CommitmentMore {
                action: fields.action,
                addressee: fields.addressee,
                items: fields.items,
                notes: fields.notes,
            }
            .boxed(),
        }
    }
}

impl Serialize for Commitment {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// The fields in the file's order, the version 2 ones only when set.
        #[derive(Serialize)]
        struct Fields<'a> {
            id: &'a str,
            text: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            action: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            addressee: Option<&'a str>,
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            items: &'a [Commitment],
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            notes: &'a [Note],
        }
        Fields {
            id: &self.id,
            text: &self.text,
            action: self.action(),
            addressee: self.addressee(),
            items: self.items(),
            notes: self.notes(),
        }
        .serialize(serializer)
    }
}

/// Index of an item (recital, commitment or sub-item) in [`Library::items`], from 0 to
/// [`Library::item_count`].
pub type ItemId = usize;

/// What an item is, by position in its resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Recital {
        recital: usize,
    },
    Commitment {
        area: usize,
        commitment: usize,
    },
    /// A sub-item of a commitment: `item` indexes the commitment's `items`; `sub`, when set,
    /// indexes that sub-item's own `items` (`3.a.i`).
    SubItem {
        area: usize,
        commitment: usize,
        item: usize,
        sub: Option<usize>,
    },
}

/// A recital, commitment or sub-item, located in the library. Items are stored in document
/// order: per resolution, its recitals first, then its commitments area by area, each
/// commitment followed by its sub-items (each sub-item by its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Item {
    pub resolution: usize,
    pub kind: ItemKind,
}

/// An [`Item`] as the library stores it: a large library holds a million, so positions are
/// kept in 32 bits (24 bytes instead of 48). [`NONE`] stands for an absent `sub`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StoredItem {
    resolution: u32,
    /// 0 recital, 1 commitment, 2 sub-item.
    kind: u8,
    /// The recital's index, or the area's.
    first: u32,
    commitment: u32,
    item: u32,
    sub: u32,
}

const NONE: u32 = u32::MAX;

impl StoredItem {
    fn new(resolution: usize, kind: ItemKind) -> StoredItem {
        let narrow = |n: usize| u32::try_from(n).expect("fewer than 4 billion of each");
        let (tag, first, commitment, item, sub) = match kind {
            ItemKind::Recital { recital } => (0, recital, 0, 0, None),
            ItemKind::Commitment { area, commitment } => (1, area, commitment, 0, None),
            ItemKind::SubItem {
                area,
                commitment,
                item,
                sub,
            } => (2, area, commitment, item, sub),
        };
        StoredItem {
            resolution: narrow(resolution),
            kind: tag,
            first: narrow(first),
            commitment: narrow(commitment),
            item: narrow(item),
            sub: sub.map_or(NONE, narrow),
        }
    }

    /// 0 for recitals and commitments, 1 for sub-items, 2 for their sub-items.
    fn depth(self) -> usize {
        match (self.kind, self.sub) {
            (0 | 1, _) => 0,
            (_, NONE) => 1,
            _ => 2,
        }
    }

    fn unpack(self) -> Item {
        let wide = |n: u32| n as usize;
        let kind = match self.kind {
            0 => ItemKind::Recital {
                recital: wide(self.first),
            },
            1 => ItemKind::Commitment {
                area: wide(self.first),
                commitment: wide(self.commitment),
            },
            _ => ItemKind::SubItem {
                area: wide(self.first),
                commitment: wide(self.commitment),
                item: wide(self.item),
                sub: (self.sub != NONE).then(|| wide(self.sub)),
            },
        };
        Item {
            resolution: wide(self.resolution),
            kind,
        }
    }
}

/// The loaded resolutions, ordered by adoption date, with a flat index of their items.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub resolutions: Vec<Resolution>,
    items: Vec<StoredItem>,
    /// Resolution index by resolution id.
    by_id: HashMap<String, usize>,
    /// Per resolution: the item id of its first recital, then of each area's first item,
    /// then one past its last item. Positional ids resolve by arithmetic on these, with no
    /// map of every reference (which cost 15% of a large load and 7 MB at 100,000 items).
    group_starts: Vec<Vec<ItemId>>,
    /// Per resolution whose commitment ids are not positional (document numbers, sub-items):
    /// every local id and its item.
    local_ids: Vec<Option<HashMap<String, ItemId>>>,
}

impl Library {
    /// Builds the library; resolutions are sorted by adoption date (stable for equal dates).
    pub fn new(mut resolutions: Vec<Resolution>) -> Self {
        resolutions.sort_by(Resolution::adoption_order);
        // serde grows each list by doubling: a large library would keep a quarter more than
        // it holds, on average, for as long as it is open.
        for res in &mut resolutions {
            res.preamble.recitals.shrink_to_fit();
            res.areas.shrink_to_fit();
            for area in &mut res.areas {
                area.commitments.shrink_to_fit();
            }
        }
        let count = |res: &Resolution| {
            let areas = res.areas.iter().flat_map(|a| &a.commitments);
            let subs =
                |c: &Commitment| c.items().iter().map(|s| 1 + s.items().len()).sum::<usize>();
            res.preamble.recitals.len() + areas.map(|c| 1 + subs(c)).sum::<usize>()
        };
        // Exactly as many as there are: doubling growth would leave up to twice that.
        let mut items = Vec::with_capacity(resolutions.iter().map(count).sum());
        let mut group_starts = Vec::with_capacity(resolutions.len());
        let mut local_ids = Vec::with_capacity(resolutions.len());
        for (r, res) in resolutions.iter().enumerate() {
            let first = items.len();
            let mut starts = vec![first];
            let push = |items: &mut Vec<StoredItem>, kind| items.push(StoredItem::new(r, kind));
            for recital in 0..res.preamble.recitals.len() {
                push(&mut items, ItemKind::Recital { recital });
            }
            for (area, a) in res.areas.iter().enumerate() {
                starts.push(items.len());
                for (commitment, c) in a.commitments.iter().enumerate() {
                    push(&mut items, ItemKind::Commitment { area, commitment });
                    for (item, sub_item) in c.items().iter().enumerate() {
                        let sub_kind = |sub| ItemKind::SubItem {
                            area,
                            commitment,
                            item,
                            sub,
                        };
                        push(&mut items, sub_kind(None));
                        for sub in 0..sub_item.items().len() {
                            push(&mut items, sub_kind(Some(sub)));
                        }
                    }
                }
            }
            starts.push(items.len());
            group_starts.push(starts);
            local_ids.push((!is_positional(res)).then(HashMap::new));
            if let Some(Some(map)) = local_ids.last_mut() {
                // `items` is not yet in a library, so the ids are read straight from `res`.
                for (i, item) in items[first..].iter().enumerate() {
                    map.insert(local_id_in(res, item.unpack().kind).to_string(), first + i);
                }
            }
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
            local_ids,
        }
    }

    /// Every recital, commitment and sub-item, in document order.
    pub fn items(&self) -> impl ExactSizeIterator<Item = Item> + Clone + '_ {
        self.items.iter().map(|item| item.unpack())
    }

    /// How many items there are: [`ItemId`]s run from 0 to this.
    pub fn item_count(&self) -> usize {
        self.items.len()
    }

    pub fn item(&self, id: ItemId) -> Item {
        self.items[id].unpack()
    }

    /// The first item for which `before` is false, all before it being true (as
    /// `slice::partition_point`, over the items in document order).
    pub fn partition_point(&self, mut before: impl FnMut(Item) -> bool) -> ItemId {
        self.items.partition_point(|item| before(item.unpack()))
    }

    pub fn resolution_of(&self, id: ItemId) -> &Resolution {
        &self.resolutions[self.item(id).resolution]
    }

    /// The commitment or sub-item `id` is; `None` for recitals.
    pub fn commitment(&self, id: ItemId) -> Option<&Commitment> {
        let item = self.item(id);
        commitment_in(&self.resolutions[item.resolution], item.kind)
    }

    /// The item's verbatim text.
    pub fn text(&self, id: ItemId) -> &str {
        let item = self.item(id);
        let res = &self.resolutions[item.resolution];
        match item.kind {
            ItemKind::Recital { recital } => &res.preamble.recitals[recital].text,
            kind => commitment_in(res, kind).map_or("", |c| &c.text),
        }
    }

    /// The document's footnotes the item refers to (format version 4).
    pub fn notes_of(&self, id: ItemId) -> &[Note] {
        let item = self.item(id);
        let res = &self.resolutions[item.resolution];
        match item.kind {
            ItemKind::Recital { recital } => &res.preamble.recitals[recital].notes,
            kind => commitment_in(res, kind).map_or(&[], |c| c.notes()),
        }
    }

    /// The item's id within its resolution: `1.4`, `3.a` or `r3`.
    pub fn local_id(&self, id: ItemId) -> &str {
        let item = self.item(id);
        local_id_in(&self.resolutions[item.resolution], item.kind)
    }

    /// The global reference `RESOLUTION_ID:LOCAL_ID`, e.g. `ba-43-2024:1.4`.
    pub fn reference(&self, id: ItemId) -> String {
        format!("{}:{}", self.resolution_of(id).id, self.local_id(id))
    }

    /// The area a commitment or sub-item belongs to; `None` for recitals.
    pub fn area_of(&self, id: ItemId) -> Option<&Area> {
        let item = self.item(id);
        match item.kind {
            ItemKind::Recital { .. } => None,
            ItemKind::Commitment { area, .. } | ItemKind::SubItem { area, .. } => {
                Some(&self.resolutions[item.resolution].areas[area])
            }
        }
    }

    /// The items of an area: its commitments, each followed by its sub-items.
    pub fn area_items(&self, resolution: usize, area: usize) -> Range<ItemId> {
        let starts = &self.group_starts[resolution];
        starts[area + 1]..starts[area + 2]
    }

    /// 0 for recitals and commitments, 1 for a sub-item (`3.a`), 2 for its own (`3.a.i`).
    pub fn depth(&self, id: ItemId) -> usize {
        self.items[id].depth()
    }

    /// The commitment or sub-item a sub-item belongs to; `None` for the others.
    pub fn parent(&self, id: ItemId) -> Option<ItemId> {
        let depth = self.depth(id);
        // A parent stands before its children, with only shallower-or-equal items between.
        (depth > 0).then(|| (0..id).rev().find(|&p| self.depth(p) < depth))?
    }

    /// The sub-items under an item (children and theirs), contiguous after it.
    pub fn descendants(&self, id: ItemId) -> Range<ItemId> {
        // The tree asks this of every row it builds: read the stored items, unpacked.
        let this = self.items[id];
        let end = self.items[id + 1..]
            .iter()
            .position(|i| i.resolution != this.resolution || i.depth() <= this.depth())
            .map_or(self.items.len(), |n| id + 1 + n);
        id + 1..end
    }

    /// The operative verb phrase of a commitment (`Calls upon`); a sub-item has its
    /// commitment's unless it states its own.
    pub fn action_of(&self, id: ItemId) -> Option<&str> {
        let own = self.commitment(id)?.action();
        own.or_else(|| self.top_commitment(id)?.action())
    }

    /// Whom a commitment asks to act: the one its paragraph names (a sub-item takes its
    /// commitment's), else its area's formula's, else the resolution's operative formula's.
    /// Empty for recitals.
    pub fn addressees_of(&self, id: ItemId) -> Vec<&str> {
        let Some(top) = self.top_commitment(id) else {
            return Vec::new();
        };
        let own = self.commitment(id).and_then(Commitment::addressee);
        if let Some(addressee) = own.or(top.addressee()) {
            return vec![addressee];
        }
        let area = self.area_of(id).map_or(&[][..], |a| &a.addressees[..]);
        let list = if area.is_empty() {
            &self.resolution_of(id).operative.addressees[..]
        } else {
            area
        };
        list.iter().map(String::as_str).collect()
    }

    fn top_commitment(&self, id: ItemId) -> Option<&Commitment> {
        let item = self.item(id);
        match item.kind {
            ItemKind::Recital { .. } => None,
            ItemKind::Commitment { area, commitment }
            | ItemKind::SubItem {
                area, commitment, ..
            } => Some(&self.resolutions[item.resolution].areas[area].commitments[commitment]),
        }
    }

    /// Whether the item can be followed up: a commitment or a sub-item.
    pub fn is_commitment(&self, id: ItemId) -> bool {
        !matches!(self.item(id).kind, ItemKind::Recital { .. })
    }

    /// Finds an item by its global reference (`ba-43-2024:1.4`, `ba-43-2024:r3`,
    /// `unga-99-12:3.b`).
    pub fn find(&self, reference: &str) -> Option<ItemId> {
        let (res_id, local) = reference.split_once(':')?;
        let r = *self.by_id.get(res_id)?;
        if let Some(map) = &self.local_ids[r] {
            return map.get(local).copied();
        }
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

    /// Commitments, not counting sub-items.
    pub fn commitment_count(&self) -> usize {
        self.items()
            .filter(|i| matches!(i.kind, ItemKind::Commitment { .. }))
            .count()
    }

    pub fn sub_item_count(&self) -> usize {
        self.items()
            .filter(|i| matches!(i.kind, ItemKind::SubItem { .. }))
            .count()
    }
}

/// Whether every commitment id is positional (`area.item`) with no sub-items, so that a
/// reference resolves by arithmetic. (`load` refuses mixed schemes; `find` checks the id
/// it lands on anyway.)
fn is_positional(res: &Resolution) -> bool {
    let commitments = || res.areas.iter().flat_map(|a| &a.commitments);
    commitments().all(|c| c.items().is_empty())
        && commitments().next().is_none_or(|c| c.id.contains('.'))
}

fn commitment_in(res: &Resolution, kind: ItemKind) -> Option<&Commitment> {
    match kind {
        ItemKind::Recital { .. } => None,
        ItemKind::Commitment { area, commitment } => Some(&res.areas[area].commitments[commitment]),
        ItemKind::SubItem {
            area,
            commitment,
            item,
            sub,
        } => {
            let item = &res.areas[area].commitments[commitment].items()[item];
            Some(sub.map_or(item, |s| &item.items()[s]))
        }
    }
}

fn local_id_in(res: &Resolution, kind: ItemKind) -> &str {
    match kind {
        ItemKind::Recital { recital } => &res.preamble.recitals[recital].id,
        kind => commitment_in(res, kind).map_or("", |c| &c.id),
    }
}

#[cfg(test)]
mod tests {
    use super::Adopted;

    #[test]
    fn an_adoption_reads_as_place_and_date_or_says_what_is_not_stated() {
        let adopted = |date: Option<&str>, place: Option<&str>| Adopted {
            date: date.map(str::to_string),
            place: place.map(str::to_string),
        };
        assert_eq!(
            adopted(Some("2024-10-18"), Some("Vilnius")).label(),
            "Vilnius, 2024-10-18"
        );
        assert_eq!(adopted(Some("2025-10-29"), None).label(), "2025-10-29");
        assert_eq!(adopted(None, None).label(), "date not stated");
    }

    #[test]
    fn bundled_library_indexes_items_in_document_order() {
        let lib = crate::seed::library();
        assert_eq!(lib.commitment_count(), 106);
        assert_eq!(lib.item_count(), 106 + 12);
        assert_eq!(lib.reference(0), "ba-43-2024:r1");
        assert_eq!(lib.reference(12), "ba-43-2024:1.1");
        assert_eq!(lib.reference(lib.item_count() - 1), "ba-43-2024:15.4");
        assert_eq!(lib.find("ba-43-2024:1.4"), Some(15));
        assert_eq!(lib.area_of(15).unwrap().id, "1");
        for id in 0..lib.item_count() {
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
