//! The one place the query engine is put together: the library's index with the user's
//! synonyms (`synonyms.txt`, see `synonyms_file`). `reso search`, `reso export`, the
//! browser's filter, its board and its `E` all search through an index made here, so a
//! query keeps the same follow-ups in each (the agenda once dropped what the filter showed,
//! because export built an index of its own without the synonyms).

use crate::filter::{Index, Synonyms};
use crate::model::Library;

/// The user's synonyms, or none when `use_them` is false (`reso search --no-synonyms`),
/// with the problems of their file (one line each, never fatal). The browser gives them to
/// the index it builds on a thread (`App::set_synonyms`).
pub fn synonyms(use_them: bool) -> (Synonyms, Vec<String>) {
    if use_them {
        crate::storage::synonyms_file::load_user()
    } else {
        (Synonyms::default(), Vec::new())
    }
}

/// The index of `library` with the user's synonyms (when `use_synonyms`), and the problems
/// of the synonyms file: for the commands, which search once.
pub fn index(library: &Library, use_synonyms: bool) -> (Index, Vec<String>) {
    let mut index = Index::new(library);
    let (synonyms, problems) = synonyms(use_synonyms);
    index.set_synonyms(synonyms);
    (index, problems)
}
