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
/// and to narrow the next search. From [`Index::search_or_closest`](super::Index) with no
/// item having every term, the closest matches instead: those with the most terms.
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
    /// The matches are the closest ones: none had every term.
    pub(super) closest: bool,
    /// With `closest`, for each match, the terms (bits by index in `query.terms`) it lacks.
    pub(super) missing: Vec<u64>,
    /// Positive terms (indices) that match no item at all, when the result is empty or
    /// closest (unknown otherwise).
    pub(super) unmatched: Vec<usize>,
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

    /// True when no item has every term and the matches are the closest ones.
    pub fn is_closest(&self) -> bool {
        self.closest
    }

    /// The terms `item` lacks (closest matches), as typed; empty for a full match.
    pub fn missing(&self, item: ItemId) -> Vec<&str> {
        match self.matches.binary_search_by_key(&item, |m| m.item) {
            Ok(i) if self.closest => self.term_texts(self.missing[i]),
            _ => Vec::new(),
        }
    }

    /// The terms that some closest match lacks, in query order.
    pub fn missing_terms(&self) -> Vec<&str> {
        self.term_texts(self.missing.iter().fold(0, |all, m| all | m))
    }

    /// The positive terms that match nothing at all (known for an empty or closest result).
    pub fn unmatched_terms(&self) -> Vec<&str> {
        self.unmatched
            .iter()
            .map(|&i| self.query.terms[i].text.as_str())
            .collect()
    }

    fn term_texts(&self, bits: u64) -> Vec<&str> {
        self.query
            .terms
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < 64 && bits & (1 << i) != 0)
            .map(|(_, t)| t.text.as_str())
            .collect()
    }

    /// The filter's line in the status bar: `N of TOTAL commitments`, what the closest
    /// matches lack (`none has every term · 4 closest · missing: grid`) or why nothing
    /// matches (`no match for "grid"`). `matched` counts the commitments among the matches;
    /// `what` names what is counted; `sep` separates the parts.
    pub fn summary(&self, matched: usize, total: usize, what: &str, sep: &str) -> String {
        let quoted = |terms: Vec<&str>| {
            terms
                .iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if self.closest {
            format!(
                "none has every term{sep}{matched} closest{sep}missing: {}",
                self.missing_terms().join(", ")
            )
        } else if self.is_empty() && !self.unmatched.is_empty() {
            format!("no match for {}", quoted(self.unmatched_terms()))
        } else if self.is_empty() {
            "no match: no item has every term and field".into()
        } else {
            format!("{matched} of {total} {what}")
        }
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
