//! Word forms: a query word also matches the other inflections of the same word
//! (`harmonise` → `harmonising`, `policy` → `policies`, `procurements` → `procurement`), on
//! top of prefix matching. A word is another form when it starts with the query word less
//! its inflection, ends in an inflection, and has the same Snowball English stem: the stem
//! keeps `police` from `policy`, the inflections keep `industrial` from `industry`.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::fold::is_word_byte;

/// Inflections taken off a query word, longest first.
const TRIMS: &[&str] = &["ing", "ies", "ied", "es", "ed", "s", "e", "y"];

/// Inflections a form may end in after the shared root.
const ENDINGS: &[&str] = &["", "e", "s", "es", "ed", "d", "ing", "ies", "ied", "y"];

/// Shorter query words are left to prefix matching: their roots are too short to tell.
const SHORTEST: usize = 4;

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The root of a folded query word that other forms share (`harmonis` of `harmonise`), or
/// `None` when the word has no inflection to take off or is no plain lower-case word.
pub(crate) fn root(word: &str) -> Option<&str> {
    if word.len() < SHORTEST || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let trim = TRIMS.iter().find(|t| word.ends_with(*t))?;
    let root = &word[..word.len() - trim.len()];
    (root.len() >= 3).then_some(root)
}

/// The other forms of one query word, found from its root.
#[derive(Debug, Clone)]
pub(crate) struct Forms {
    /// The query word (folded).
    word: Vec<u8>,
    root_len: usize,
    stem: String,
}

impl Forms {
    /// The forms of `word` (folded), when it has a root.
    pub(crate) fn of(word: &str) -> Option<Forms> {
        let root = root(word)?;
        Some(Forms {
            word: word.as_bytes().to_vec(),
            root_len: root.len(),
            stem: stemmer().stem(word).into_owned(),
        })
    }

    /// Whether the query word itself starts at `at` of `text`.
    pub(crate) fn is_word_at(&self, text: &[u8], at: usize) -> bool {
        text[at..].starts_with(&self.word)
    }

    /// The root: what is searched for, since every form starts with it.
    pub(crate) fn root(&self) -> &[u8] {
        &self.word[..self.root_len]
    }

    /// The length matched at `at` of folded `text`, where the root occurs at a word start:
    /// the query word itself (any word it starts), or a whole word that is another form.
    pub(crate) fn matched_len(&self, text: &[u8], at: usize) -> Option<usize> {
        if self.is_word_at(text, at) {
            return Some(self.word.len());
        }
        let len = text[at..]
            .iter()
            .position(|&b| !is_word_byte(b))
            .unwrap_or(text.len() - at);
        let form = &text[at..at + len];
        let ending = &form[self.root_len..];
        let last = self.word[self.root_len - 1];
        // A doubled last letter before -ed, -ing (`plan` → `planned`).
        let doubled =
            ending.len() > 1 && ending[0] == last && matches!(&ending[1..], b"ed" | b"ing");
        let inflected = ENDINGS.iter().any(|e| e.as_bytes() == ending) || doubled;
        let form = std::str::from_utf8(form).ok()?;
        (inflected && stemmer().stem(form) == self.stem).then_some(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(query: &str, word: &str) -> bool {
        let forms = Forms::of(query).expect("a root");
        let text = format!("{word} x");
        text.as_bytes().starts_with(forms.root()) && forms.matched_len(text.as_bytes(), 0).is_some()
    }

    #[test]
    fn inflections_of_the_same_word_match() {
        assert!(matches("harmonise", "harmonising"));
        assert!(matches("harmonised", "harmonise"));
        assert!(matches("policy", "policies"));
        assert!(matches("procurements", "procurement"));
        assert!(matches("medicines", "medicine"));
    }

    #[test]
    fn other_words_do_not() {
        assert!(!matches("policy", "police"));
        assert!(!matches("industry", "industrial"));
        assert!(!matches("harmonise", "harmonic"));
        assert!(!matches("suwalky", "suwalki"));
    }

    #[test]
    fn short_or_uninflected_words_have_no_root() {
        assert!(root("nato").is_none());
        assert!(root("procurement").is_none());
        assert!(root("Energy").is_none());
        assert_eq!(root("harmonise"), Some("harmonis"));
    }
}
