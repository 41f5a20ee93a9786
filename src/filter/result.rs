//! What a search returns: the matching items with their scores, how each term was decided,
//! and the orders the browser and `reso search` need (document order, best first).

use super::query::Query;
use super::typo::Alternative;
use crate::model::ItemId;

/// One matching item and its relevance (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub item: ItemId,
    pub score: i64,
}

/// How a positive text term was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// The term occurs literally somewhere, so only literal occurrences count: those that
    /// start a word when it starts a word anywhere (`port` finds ports, not support), else
    /// any (`strasse` in Hafenstraße).
    Literal { word_start: bool },
    /// The term occurs nowhere literally; these vocabulary words stand for it.
    Typo(Vec<Alternative>),
}

/// The items matching a query, in document order, with what is needed to highlight them
/// and to narrow the next search.
#[derive(Debug, Clone)]
pub struct SearchResult {
    pub(super) matches: Vec<Match>,
    pub(crate) query: Query,
    /// One per term of `query` (exclusions are always literal).
    pub(crate) resolutions: Vec<Resolution>,
    /// Whether each term was decided; a search that ends early (nothing left to match)
    /// leaves the rest undecided, and those must not be lent to the next search.
    pub(super) decided: Vec<bool>,
    /// Items in the index searched, so that a result is not lent to another index.
    pub(super) items: usize,
}

impl SearchResult {
    /// Matching items in document order.
    pub fn matches(&self) -> &[Match] {
        &self.matches
    }

    pub fn len(&self) -> usize {
        self.matches.len()
    }

    pub fn is_empty(&self) -> bool {
        self.matches.is_empty()
    }

    /// The query this result answers.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// How each text term of the query was decided (literal or by typo alternatives).
    pub fn resolutions(&self) -> &[Resolution] {
        &self.resolutions
    }

    /// The score of `item`, or `None` when it does not match.
    pub fn score(&self, item: ItemId) -> Option<i64> {
        self.matches
            .binary_search_by_key(&item, |m| m.item)
            .ok()
            .map(|i| self.matches[i].score)
    }

    pub fn contains(&self, item: ItemId) -> bool {
        self.score(item).is_some()
    }

    /// The best match (the first in document order among equals).
    pub fn best(&self) -> Option<Match> {
        self.matches
            .iter()
            .copied()
            .reduce(|best, m| if m.score > best.score { m } else { best })
    }

    /// All matches, best first (document order among equal scores).
    pub fn best_first(&self) -> Vec<Match> {
        self.top(self.matches.len())
    }

    /// The `n` best matches, best first; cheaper than sorting all when `n` is small.
    pub fn top(&self, n: usize) -> Vec<Match> {
        let key = |m: &Match| (std::cmp::Reverse(m.score), m.item);
        let mut all = self.matches.clone();
        if n < all.len() {
            all.select_nth_unstable_by_key(n, key);
            all.truncate(n);
        }
        all.sort_unstable_by_key(key);
        all
    }
}
