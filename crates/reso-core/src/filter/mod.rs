//! The filter engine: query language, matching, ranking and highlight positions for
//! commitments and recitals. Pure: no terminal, no I/O, no clock.
//!
//! ```no_run
//! use reso_core::filter::{Index, NoFollowups, Query};
//! use reso_core::{model::Library, validate::parse_resolution};
//! let text = std::fs::read_to_string("resolutions/ba-43-2024.json").expect("the seed");
//! let library = Library::new(vec![parse_resolution("ba-43-2024", &text).expect("valid")]);
//! let index = Index::new(&library); // once, at start
//! let today = time::macros::date!(2025 - 01 - 10);
//! let query = Query::parse("rail baltca").expect("a valid query");
//! let result = index.search(&library, &query, &NoFollowups, today, None);
//! for m in result.top(10) {
//!     let highlight = index.positions(&library, &result, m.item);
//!     println!("{} {} {:?}", library.reference(m.item), m.score, highlight);
//! }
//! // The next keystroke narrows from this result when the query only grew:
//! let query = Query::parse("rail baltca p").expect("a valid query");
//! let next = index.search(&library, &query, &NoFollowups, today, Some(&result));
//! # let _ = next;
//! ```
//!
//! Relevance: a term that occurs literally (after folding, with British and American
//! spellings made one, and other forms of the word counted) somewhere matches exactly the
//! items where it occurs, in their text, reference (`ba-43-2024:1.4`, `1.4`), area
//! heading/title or follow-up note; where it starts a word anywhere, only occurrences that
//! start a word count (`port` finds ports, not support). The user's synonyms match too. Only
//! a term that occurs nowhere literally is taken as mistyped and stands for the vocabulary
//! words within one typo (5+ letters) or two (9+), those with the fewest typos. Exclusions
//! test the item itself (text, reference, note). Scores rank consecutive terms standing side
//! by side first, then whole words over word starts over inner matches, text over area
//! heading, shorter texts first. With no item having every term,
//! [`Index::search_or_closest`] gives those with the most.

mod building;
mod fold;
mod followup;
mod forms;
mod index;
mod needle;
mod positions;
mod query;
mod result;
mod search;
mod sets;
mod spelling;
mod synonyms;
mod typo;
mod when;

pub use building::IndexBuild;
pub use fold::Mode;
pub use followup::{
    FollowupFacts, FollowupLookup, FollowupTable, NoFollowups, OwnedFacts, is_overdue, name_matches,
};
pub use index::Index;
pub use query::{
    DueOp, Field, FieldTerm, LANGUAGE, LANGUAGE_NOTES, Query, QueryError, Term, is_quote,
    language_help, parse_date,
};
pub use result::{Match, Resolution, SearchResult};
pub use synonyms::Synonyms;
pub use typo::{Alternative, allowed_typos};
pub use when::DateSpec;

/// Folds text the way the index does (accents, special letters, typographic punctuation) in
/// the given mode; exposed for callers that need to compare as the filter does.
pub fn fold_text(text: &str, mode: Mode) -> String {
    fold::fold(text, mode)
}
