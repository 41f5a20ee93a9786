//! Highlight positions: which characters of an item's original text the query matched,
//! computed for one item at a time (the visible rows), never during the search itself.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::{self, Mode, is_word_byte};
use super::index::Index;
use super::needle::Needle;
use super::result::{Resolution, SearchResult};
use super::spelling;
use crate::model::{ItemId, Library};

impl Index {
    /// Character indices into `library.text(item)` that the query of `result` matched, sorted
    /// and without repeats. Matches in the reference, area heading or note are not in the
    /// text and give no positions; exclusions give none.
    pub fn positions(&self, library: &Library, result: &SearchResult, item: ItemId) -> Vec<usize> {
        let text = library.text(item);
        let mut folded: Vec<(Mode, String, Vec<u32>)> = Vec::new();
        let mut out = Vec::new();
        for (term, resolution) in result.query.terms.iter().zip(&result.resolutions) {
            if term.exclude {
                continue;
            }
            // The other members of the term's group of synonyms, in folded text.
            for needle in self.needles_for(term, resolution).iter().skip(1) {
                if matches!(resolution, Resolution::Literal { .. }) {
                    let (hay, map) = folded_in(&mut folded, text, Mode::FoldLower);
                    for (at, len) in needle.spans(hay.as_bytes()) {
                        out.extend(map[at..at + len].iter().map(|&c| c as usize));
                    }
                }
            }
            match resolution {
                Resolution::Literal { word_start } => {
                    let needle = Needle::literal(term, *word_start);
                    let (hay, map) = folded_in(&mut folded, text, needle.mode());
                    let spans = if needle.mode() == Mode::FoldLower {
                        // Other word forms are found as the search finds them.
                        needle.spans(hay.as_bytes())
                    } else {
                        let (at_start, word_start) = (needle.at_start(), needle.word_start());
                        occurrences(hay, needle.exact(), at_start, word_start)
                    };
                    for (at, len) in spans {
                        out.extend(map[at..at + len].iter().map(|&c| c as usize));
                    }
                }
                Resolution::Typo(alternatives) => {
                    let matcher = SkimMatcherV2::default();
                    let (hay, map) = folded_in(&mut folded, text, Mode::FoldLower);
                    for alt in alternatives {
                        let needle = Needle::typo(alt);
                        for (at, len) in
                            occurrences(hay, needle.exact(), false, needle.word_start())
                        {
                            let word = &hay[at..at + len];
                            // fuzzy-matcher places the typed letters inside the word when they
                            // are a subsequence of it (a missing letter, a half-typed word);
                            // otherwise the whole word is the match.
                            match matcher.fuzzy_indices(word, &term.folded) {
                                Some((_, chars)) => {
                                    let offsets: Vec<usize> =
                                        word.char_indices().map(|(b, _)| b).collect();
                                    out.extend(
                                        chars.iter().map(|&c| map[at + offsets[c]] as usize),
                                    );
                                }
                                None => out.extend(map[at..at + len].iter().map(|&c| c as usize)),
                            }
                        }
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// `text` folded in `mode`, its words in their one spelling, with its byte-to-character
/// map, computed once per mode.
fn folded_in<'a>(
    cache: &'a mut Vec<(Mode, String, Vec<u32>)>,
    text: &str,
    mode: Mode,
) -> (&'a str, &'a [u32]) {
    let i = match cache.iter().position(|(m, _, _)| *m == mode) {
        Some(i) => i,
        None => {
            let (s, map) = fold::fold_with_map(text, mode);
            let (s, map) = spelling::rewritten_with_map(&s, &map);
            cache.push((mode, s, map));
            cache.len() - 1
        }
    };
    let (_, s, map) = &cache[i];
    (s, map)
}

/// Byte ranges (start, length) of the non-overlapping occurrences of `needle` in `hay`.
fn occurrences(hay: &str, needle: &str, at_start: bool, word_start: bool) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    if at_start {
        return if hay.starts_with(needle) {
            vec![(0, needle.len())]
        } else {
            Vec::new()
        };
    }
    let bytes = hay.as_bytes();
    hay.match_indices(needle)
        .map(|(at, _)| at)
        .filter(|&at| !word_start || at == 0 || !is_word_byte(bytes[at - 1]))
        .map(|at| (at, needle.len()))
        .collect()
}
