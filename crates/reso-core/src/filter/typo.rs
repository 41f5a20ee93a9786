//! The typo tier: the vocabulary of folded words and a bounded, prefix-aware restricted
//! Damerau-Levenshtein distance (missing, extra or wrong letter, two letters swapped). Only
//! consulted for a term that occurs nowhere literally.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::is_word_byte;

/// Typos allowed in a term of `len` letters (the limits search engines such as Meilisearch use).
pub fn allowed_typos(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// The vocabulary is built from millions of short words, where SipHash would dominate.
type WordSet<'a> = rustc_hash::FxHashSet<&'a [u8]>;

/// The distinct words of some folded buffers. Words shorter than three letters are no use
/// to the typo tier: it starts at five-letter terms and allows two typos at most.
fn words_of<'a>(buffers: &[&'a [u8]]) -> WordSet<'a> {
    let mut set = WordSet::default();
    for buf in buffers {
        for word in buf.split(|b| !is_word_byte(*b)) {
            if word.len() >= 3 {
                set.insert(word);
            }
        }
    }
    set
}

/// The distinct words (runs of word bytes) of the folded texts and area headings.
#[derive(Debug, Default)]
pub struct Vocab {
    /// Sorted, so that results do not depend on hashing order.
    words: Vec<Box<str>>,
}

/// A vocabulary word that a mistyped term may have meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    /// One word, or two separated by a space when the term lacked a space.
    pub text: String,
    pub typos: usize,
    /// fuzzy-matcher's score of the term in the word (0 when the term is no subsequence).
    pub skim: i64,
}

/// At most this many alternatives per term, best first: a typo seldom means more.
const MAX_ALTERNATIVES: usize = 12;

impl Vocab {
    /// Collects the words of the given folded buffers, the larger ones in two halves on two
    /// threads (hashing millions of words is most of the cost).
    pub fn build(buffers: &[&[u8]]) -> Vocab {
        let mut parts: Vec<&[u8]> = Vec::new();
        for buf in buffers {
            // Split at a separator so that no word is cut in two.
            match buf[buf.len() / 2..].iter().position(|b| !is_word_byte(*b)) {
                Some(i) if buf.len() > 1 << 20 => {
                    let (a, b) = buf.split_at(buf.len() / 2 + i);
                    parts.extend([a, b]);
                }
                _ => parts.push(buf),
            }
        }
        let (mut set, other) = std::thread::scope(|scope| {
            let (first, second) = parts.split_at(parts.len() / 2);
            let helper = scope.spawn(|| words_of(second));
            let mine = words_of(first);
            // A helper that cannot run leaves its half to this thread.
            let theirs = helper.join().unwrap_or_else(|_| words_of(second));
            (mine, theirs)
        });
        set.extend(other);
        let mut words: Vec<Box<str>> = set
            .into_iter()
            .map(|w| String::from_utf8_lossy(w).into())
            .collect();
        words.sort_unstable();
        Vocab { words }
    }

    fn contains(&self, word: &str) -> bool {
        self.words.binary_search_by(|w| (**w).cmp(word)).is_ok()
    }

    /// Words within the allowed typos of `term` (folded, lower case), best first. When no
    /// single word is close, tries the term as two words run together (`railbaltica`).
    pub fn alternatives(&self, term: &str) -> Vec<Alternative> {
        let matcher = SkimMatcherV2::default();
        let k = allowed_typos(term.chars().count());
        let mut found = self.similar(&matcher, term, k);
        if found.is_empty() {
            found = self.split(&matcher, term, k);
        }
        // A filter shows a set, not a ranking: when some words are one typo away, words two
        // typos away are noise (`innovaton` means innovation, not innovative).
        let fewest = found.iter().map(|a| a.typos).min().unwrap_or(0);
        found.retain(|a| a.typos == fewest);
        found.sort_by(|a, b| {
            (a.typos, -a.skim, a.text.len(), &a.text).cmp(&(
                b.typos,
                -b.skim,
                b.text.len(),
                &b.text,
            ))
        });
        // Alternatives match at the start of a word and may run on (`environment` also finds
        // `environmental`), so a word that starts with another alternative adds nothing.
        let mut kept: Vec<Alternative> = Vec::new();
        for alt in found {
            if !kept.iter().any(|k| alt.text.starts_with(&k.text)) {
                kept.retain(|k| !k.text.starts_with(&alt.text));
                kept.push(alt);
            }
        }
        kept.truncate(MAX_ALTERNATIVES);
        kept
    }

    fn similar(&self, matcher: &SkimMatcherV2, term: &str, k: usize) -> Vec<Alternative> {
        if k == 0 {
            return Vec::new();
        }
        let t = term.as_bytes();
        self.words
            .iter()
            .filter_map(|w| {
                let typos = prefix_distance(t, w.as_bytes(), k)?;
                Some(Alternative {
                    text: w.to_string(),
                    typos,
                    skim: matcher.fuzzy_match(w, term).unwrap_or(0),
                })
            })
            .collect()
    }

    /// `left right` where `left` is a word as typed and `right` a word within the typos the
    /// whole term allows (a prefix of it counts, as for single words).
    fn split(&self, matcher: &SkimMatcherV2, term: &str, k: usize) -> Vec<Alternative> {
        let mut out = Vec::new();
        if !term.is_ascii() || term.len() < 5 {
            return out;
        }
        for i in 2..=term.len() - 3 {
            let (left, right) = term.split_at(i);
            if !self.contains(left) {
                continue;
            }
            for w in &self.words {
                if let Some(typos) = prefix_distance(right.as_bytes(), w.as_bytes(), k) {
                    let text = format!("{left} {w}");
                    let skim = matcher.fuzzy_match(&text, term).unwrap_or(0);
                    out.push(Alternative { text, typos, skim });
                }
            }
        }
        out
    }
}

/// The smallest restricted Damerau-Levenshtein distance between `term` and `word` or a
/// prefix of it (so a half-typed word is not a typo), if it is at most `k`.
pub fn prefix_distance(term: &[u8], word: &[u8], k: usize) -> Option<usize> {
    let m = term.len();
    if word.len() + k < m {
        return None;
    }
    // Rows over the word, columns over the term; three rows for the transposition step.
    let mut two_back = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    let mut best = prev[m];
    for j in 1..=word.len() {
        cur[0] = j;
        let mut row_min = cur[0];
        for i in 1..=m {
            let cost = usize::from(term[i - 1] != word[j - 1]);
            let mut d = (prev[i - 1] + cost).min(prev[i] + 1).min(cur[i - 1] + 1);
            if i > 1 && j > 1 && term[i - 1] == word[j - 2] && term[i - 2] == word[j - 1] {
                d = d.min(two_back[i - 2] + 1);
            }
            cur[i] = d;
            row_min = row_min.min(d);
        }
        best = best.min(cur[m]);
        if row_min > k {
            break;
        }
        std::mem::swap(&mut two_back, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    (best <= k).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(term: &str, word: &str) -> Option<usize> {
        prefix_distance(term.as_bytes(), word.as_bytes(), 2)
    }

    #[test]
    fn counts_each_kind_of_typo_once() {
        assert_eq!(d("hydrgen", "hydrogen"), Some(1)); // missing
        assert_eq!(d("hydroogen", "hydrogen"), Some(1)); // extra
        assert_eq!(d("hydrigen", "hydrogen"), Some(1)); // wrong
        assert_eq!(d("hydorgen", "hydrogen"), Some(1)); // swapped
        assert_eq!(d("suwalky", "suwalki"), Some(1));
        assert_eq!(d("hydrogen", "hydrogen"), Some(0));
    }

    #[test]
    fn a_prefix_of_the_word_counts() {
        assert_eq!(d("hydrg", "hydrogen"), Some(1));
        assert_eq!(d("baltca", "baltica"), Some(1));
        assert_eq!(prefix_distance(b"baltca", b"baltic", 1), None);
        assert_eq!(d("cyber", "nato"), None);
    }

    #[test]
    fn typo_budget_grows_with_length() {
        assert_eq!(allowed_typos(4), 0);
        assert_eq!(allowed_typos(5), 1);
        assert_eq!(allowed_typos(8), 1);
        assert_eq!(allowed_typos(9), 2);
    }

    #[test]
    fn finds_the_meant_words_and_split_words() {
        let vocab = Vocab::build(&[b"rail baltica project; hydrogen strategy\nsuwalki gap"]);
        let texts = |t: &str| -> Vec<String> {
            vocab.alternatives(t).into_iter().map(|a| a.text).collect()
        };
        assert_eq!(texts("hydorgen"), ["hydrogen"]);
        assert_eq!(texts("baltca"), ["baltica"]);
        assert_eq!(texts("railbaltica"), ["rail baltica"]);
        assert!(texts("nato").is_empty());
    }
}
