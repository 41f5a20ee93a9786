//! The search index: every item's text folded once into one contiguous buffer (so a term is
//! found for all items by one memmem pass), the area headings folded likewise, and the
//! vocabulary for the typo tier, built on first need. Holds no reference to the library.

use std::sync::{Arc, OnceLock};

use super::fold::push_fold_lower;
use super::spelling;
use super::synonyms::Synonyms;
use super::typo::Vocab;
use crate::model::{ItemId, ItemKind, Library};

/// Separates items in the buffers; folding turns every control character and whitespace
/// into a space, so it never occurs in folded text or in a term.
pub(crate) const SEP: u8 = b'\n';

/// Marks an item without an area (a recital).
pub(crate) const NO_AREA: u32 = u32::MAX;

/// Pre-folded text of a library, built once with [`Index::new`] and then searched with
/// [`Index::search`]. Build a new index when the library changes.
#[derive(Debug)]
pub struct Index {
    /// Item texts folded to lower-case ASCII, each followed by [`SEP`].
    pub(crate) hay: Arc<Vec<u8>>,
    /// `hay[starts[i]..starts[i + 1] - 1]` is the folded text of item `i`.
    pub(crate) starts: Vec<u32>,
    /// Area slot of each item, or [`NO_AREA`].
    pub(crate) area_of: Vec<u32>,
    /// Area headings and titles, folded, each area followed by [`SEP`].
    pub(crate) area_hay: Arc<Vec<u8>>,
    pub(crate) area_starts: Vec<u32>,
    /// First item and item count of each area slot (an area's commitments are contiguous).
    pub(crate) area_items: Vec<(u32, u32)>,
    /// (resolution, area) of each slot, to reach the unfolded heading when case matters.
    pub(crate) area_keys: Vec<(u32, u32)>,
    /// Shared with the thread of [`Index::prepare_typos_in_background`].
    vocab: Arc<OnceLock<Vocab>>,
    /// The user's synonyms (see [`Index::set_synonyms`]).
    pub(crate) synonyms: Synonyms,
}

impl Index {
    /// Folds every item of `library`. Linear in the size of the texts.
    pub fn new(library: &Library) -> Index {
        let n = library.item_count();
        let total: usize = (0..n).map(|id| library.text(id).len() + 1).sum();
        assert!(
            total < u32::MAX as usize,
            "texts larger than 4 GiB are not supported"
        );
        let mut hay = Vec::with_capacity(total + total / 64);
        let mut starts = Vec::with_capacity(n + 1);
        let mut area_of = Vec::with_capacity(n);
        let mut area_hay = Vec::new();
        let mut area_starts = vec![0];
        let mut area_items: Vec<(u32, u32)> = Vec::new();
        let mut area_keys = Vec::new();
        // Each text is folded, then its words put in their one spelling (see `spelling`).
        let mut folded = Vec::new();
        let mut push = |text: &str, out: &mut Vec<u8>| {
            folded.clear();
            push_fold_lower(text, &mut folded);
            spelling::rewrite(&folded, out, None);
        };
        for (id, item) in library.items().enumerate() {
            starts.push(hay.len() as u32);
            push(library.text(id), &mut hay);
            hay.push(SEP);
            match item.kind {
                ItemKind::Recital { .. } => area_of.push(NO_AREA),
                ItemKind::Commitment { area, .. } | ItemKind::SubItem { area, .. } => {
                    let key = (item.resolution as u32, area as u32);
                    if area_keys.last() != Some(&key) {
                        let a = &library.resolutions[item.resolution].areas[area];
                        push(a.heading.as_deref().unwrap_or(""), &mut area_hay);
                        if let Some(title) = &a.title {
                            area_hay.push(b' ');
                            area_hay.push(b'|');
                            area_hay.push(b' ');
                            push(title, &mut area_hay);
                        }
                        area_hay.push(SEP);
                        area_starts.push(area_hay.len() as u32);
                        area_keys.push(key);
                        area_items.push((id as u32, 0));
                    }
                    let slot = area_keys.len() - 1;
                    area_items[slot].1 += 1;
                    area_of.push(slot as u32);
                }
            }
        }
        starts.push(hay.len() as u32);
        Index {
            hay: Arc::new(hay),
            starts,
            area_of,
            area_hay: Arc::new(area_hay),
            area_starts,
            area_items,
            area_keys,
            vocab: Arc::new(OnceLock::new()),
            synonyms: Synonyms::default(),
        }
    }

    /// Lets a term that names a member of a group of `synonyms` match the other members
    /// too. Searches after this call use them; pass no previous result to the first.
    pub fn set_synonyms(&mut self, synonyms: Synonyms) {
        self.synonyms = synonyms;
    }

    /// Number of items indexed (recitals and commitments).
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes held by the index, for memory reports.
    pub fn heap_bytes(&self) -> usize {
        self.hay.capacity()
            + self.starts.capacity() * 4
            + self.area_of.capacity() * 4
            + self.area_hay.capacity()
            + self.area_starts.capacity() * 4
            + self.area_items.capacity() * 8
            + self.area_keys.capacity() * 8
    }

    /// Builds the typo vocabulary now rather than at the first mistyped term.
    pub fn prepare_typos(&self) {
        self.vocab();
    }

    /// Starts building the typo vocabulary on another thread and returns at once, so that
    /// the first mistyped term does not wait for it (about 80 ms at 100,000 commitments,
    /// 0.9 s at 1,000,000). A search that needs it before it is ready waits for it.
    pub fn prepare_typos_in_background(&self) {
        let (hay, area_hay) = (Arc::clone(&self.hay), Arc::clone(&self.area_hay));
        let vocab = Arc::clone(&self.vocab);
        // Without a thread the vocabulary is simply built at first need.
        let _ = std::thread::Builder::new()
            .name("typo-vocabulary".into())
            .spawn(move || {
                vocab.get_or_init(|| Vocab::build(&[&hay, &area_hay]));
            });
    }

    pub(crate) fn vocab(&self) -> &Vocab {
        self.vocab
            .get_or_init(|| Vocab::build(&[&self.hay, &self.area_hay]))
    }

    /// The folded text of an item.
    #[inline]
    pub(crate) fn text(&self, id: ItemId) -> &[u8] {
        &self.hay[self.starts[id] as usize..self.starts[id + 1] as usize - 1]
    }

    /// The folded heading (and title) of an area slot.
    #[inline]
    pub(crate) fn area_text(&self, slot: u32) -> &[u8] {
        let s = slot as usize;
        &self.area_hay[self.area_starts[s] as usize..self.area_starts[s + 1] as usize - 1]
    }

    /// The item whose text holds byte `pos` of `hay`, searching forward from `from`.
    #[inline]
    pub(crate) fn item_at(&self, pos: usize, from: ItemId) -> ItemId {
        let pos = pos as u32;
        let mut id = from;
        // Hits are usually close together: step a few items before bisecting the rest.
        for _ in 0..8 {
            if self.starts[id + 1] > pos {
                return id;
            }
            id += 1;
        }
        id + self.starts[id + 1..].partition_point(|&s| s <= pos)
    }

    /// The area slot holding byte `pos` of `area_hay`.
    #[inline]
    pub(crate) fn area_at(&self, pos: usize) -> u32 {
        (self.area_starts.partition_point(|&s| s as usize <= pos) - 1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_every_item_and_area_of_the_bundled_resolution() {
        let lib = crate::seed::library();
        let index = Index::new(&lib);
        assert_eq!(index.len(), lib.item_count());
        let id = lib.find("ba-43-2024:1.7").unwrap();
        assert!(String::from_utf8_lossy(index.text(id)).contains("suwalki gap"));
        assert_eq!(index.area_items.len(), 15);
        let slot = index.area_of[id];
        assert!(String::from_utf8_lossy(index.area_text(slot)).contains("defence cooperation"));
        assert_eq!(index.area_of[0], NO_AREA);
        let start = index.starts[id] as usize;
        assert_eq!(index.item_at(start + 3, 0), id);
        assert_eq!(index.item_at(start, id), id);
    }
}
