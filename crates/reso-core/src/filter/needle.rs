//! A literal needle (a term, or a vocabulary word standing for a mistyped term): where it
//! occurs in a folded text, how well (word start, whole word), whether the original text holds
//! it in the term's case and accents, and whether it names a reference.

use memchr::memmem::Finder;

use super::fold::{self, Mode, is_word_byte};
use super::forms::Forms;
use super::query::Term;
use super::spelling;
use super::typo::Alternative;

/// A literal needle: a term, or one typo alternative standing for it.
pub(crate) struct Needle {
    pub(super) finder: Finder<'static>,
    /// Folded lower-case bytes searched in the index (with `forms`, their shared root).
    pub(super) bytes: Vec<u8>,
    /// Other forms of the word that also count (word starts only).
    pub(super) forms: Option<Forms>,
    /// The term folded in its own mode (words in their one spelling), checked on the
    /// original text when mode is not [`Mode::FoldLower`].
    pub(super) exact: String,
    pub(super) mode: Mode,
    pub(super) at_start: bool,
    /// Only occurrences that start a word count: always for typo alternatives (they stand
    /// for words), for a term when it starts a word somewhere.
    pub(super) word_start: bool,
    /// Subtracted from the score (typos).
    pub(super) penalty: i64,
    /// Also matched against references (`1.4`, `ba-43-2024:1.4`).
    pub(super) reference: bool,
    /// Also matched against area headings and titles: not for exclusions, which test the
    /// item itself (text, reference, note).
    pub(super) areas: bool,
}

impl Needle {
    /// The term itself; `word_start` asks for occurrences that start a word (meaningless,
    /// so ignored, for a term that starts with punctuation or must start the text).
    pub(crate) fn literal(term: &Term, word_start: bool) -> Needle {
        let word_start =
            word_start && !term.at_start && term.folded.bytes().next().is_some_and(is_word_byte);
        // Other word forms for a plain word at word starts, in the pre-folded mode.
        let forms = (word_start && !term.quoted && term.mode == Mode::FoldLower)
            .then(|| Forms::of(&term.folded))
            .flatten();
        let bytes = forms.as_ref().map_or(term.folded.as_bytes(), Forms::root);
        Needle {
            finder: Finder::new(bytes).into_owned(),
            bytes: bytes.to_vec(),
            forms,
            exact: spelling::rewritten(&fold::fold(&term.text, term.mode)),
            mode: term.mode,
            at_start: term.at_start,
            word_start,
            penalty: 0,
            reference: term.text.bytes().any(|b| b.is_ascii_digit()),
            areas: !term.exclude,
        }
    }

    /// A member of the term's group of synonyms (folded), matched literally at word starts.
    pub(crate) fn synonym(member: &str, exclude: bool) -> Needle {
        Needle {
            finder: Finder::new(member.as_bytes()).into_owned(),
            bytes: member.as_bytes().to_vec(),
            forms: None,
            exact: member.to_string(),
            mode: Mode::FoldLower,
            at_start: false,
            word_start: member.bytes().next().is_some_and(is_word_byte),
            penalty: 0,
            reference: false,
            areas: !exclude,
        }
    }

    pub(crate) fn typo(alt: &Alternative) -> Needle {
        Needle {
            finder: Finder::new(alt.text.as_bytes()).into_owned(),
            bytes: alt.text.as_bytes().to_vec(),
            forms: None,
            exact: alt.text.clone(),
            mode: Mode::FoldLower,
            at_start: false,
            word_start: true,
            penalty: 40 + 30 * alt.typos as i64 - (alt.skim / 20).min(20),
            reference: false,
            areas: true,
        }
    }

    pub(crate) fn exact(&self) -> &str {
        &self.exact
    }
    pub(crate) fn mode(&self) -> Mode {
        self.mode
    }
    pub(crate) fn word_start(&self) -> bool {
        self.word_start
    }
    pub(crate) fn at_start(&self) -> bool {
        self.at_start
    }

    /// Quality of the occurrences of the needle in folded `text`: `None` when there is none
    /// that counts, else (best boundary quality 0..=3, occurrences up to 5, first offset).
    pub(super) fn occurrences(&self, text: &[u8], from: usize) -> Option<(i64, i64, usize)> {
        let n = self.bytes.len();
        if self.at_start {
            return text
                .starts_with(&self.bytes)
                .then(|| (2 + i64::from(ends_word(text, n)), 1, 0));
        }
        let mut best: Option<(i64, i64, usize)> = None;
        let mut pos = from;
        while let Some((at, len)) = self.next_match(text, &mut pos) {
            let starts = at == 0 || !is_word_byte(text[at - 1]);
            // Another form is a word start, not the whole word typed.
            let typed = self.forms.as_ref().is_none_or(|f| f.is_word_at(text, at));
            let whole = typed && ends_word(text, at + len);
            let q = 2 * i64::from(starts) + i64::from(whole);
            best = Some(match best {
                None => (q, 1, at),
                Some((bq, count, first)) => (bq.max(q), count + 1, first),
            });
            // Enough to score: more occurrences add nothing, and a one-letter term would
            // otherwise walk every letter of every text.
            if matches!(best, Some((q, c, _)) if c >= 5 && q >= 2 || c >= 12) {
                break;
            }
        }
        best
    }

    /// The next match in folded `text` from `*pos` on, as (offset, length), moving `*pos`
    /// past it: an occurrence (at a word start when asked), or with forms, the query word
    /// or another form of it.
    fn next_match(&self, text: &[u8], pos: &mut usize) -> Option<(usize, usize)> {
        while let Some(off) = self.finder.find(&text[*pos..]) {
            let at = *pos + off;
            *pos = at + 1;
            let starts = at == 0 || !is_word_byte(text[at - 1]);
            if self.word_start && !starts {
                continue;
            }
            let len = match &self.forms {
                None => Some(self.bytes.len()),
                Some(forms) => forms.matched_len(text, at),
            };
            if let Some(len) = len {
                return Some((at, len));
            }
        }
        None
    }

    /// Every match in folded `text` (for highlights), as (offset, length), not overlapping.
    pub(crate) fn spans(&self, text: &[u8]) -> Vec<(usize, usize)> {
        if self.at_start {
            return if text.starts_with(&self.bytes) {
                vec![(0, self.bytes.len())]
            } else {
                Vec::new()
            };
        }
        let mut out: Vec<(usize, usize)> = Vec::new();
        let mut pos = 0;
        while let Some((at, len)) = self.next_match(text, &mut pos) {
            if out.last().is_none_or(|&(a, l)| at >= a + l) {
                out.push((at, len));
            }
        }
        out
    }

    /// Whether the original `text` holds the term in its own mode (case, accents).
    pub(super) fn verify(&self, text: &str) -> bool {
        if self.mode == Mode::FoldLower {
            return true;
        }
        let folded = spelling::rewritten(&fold::fold(text, self.mode));
        if self.at_start {
            folded.starts_with(&self.exact)
        } else {
            folded.contains(&self.exact)
        }
    }
}

fn ends_word(text: &[u8], end: usize) -> bool {
    end >= text.len() || !is_word_byte(text[end])
}

/// Score of a needle found in an item's own text.
pub(super) fn text_score((quality, count, first): (i64, i64, usize), len: usize) -> i64 {
    // Whole words beat word starts beat inner substrings; repeats and an early first
    // occurrence help a little; long texts are slightly less focused.
    100 + 25 * quality + 5 * (count - 1).min(4)
        - (first as i64 / 40).min(10)
        - (len as i64 / 40).min(10)
}

/// Whether `needle` (folded lower case) names the reference `res:local`: it is the start of
/// the full reference or of the local id, ending where a part ends (`1.4`, `2`, `ba-43`).
pub(crate) fn reference_matches(needle: &[u8], res: &str, local: &str) -> bool {
    let part_end = |rest: &[u8], n: usize| -> bool {
        n == rest.len()
            || matches!(rest[n], b'.' | b':' | b'-')
            || matches!(needle.last(), Some(b'.' | b':' | b'-'))
    };
    let starts =
        |hay: &[u8], n: &[u8]| hay.len() >= n.len() && hay[..n.len()].eq_ignore_ascii_case(n);
    let local = local.as_bytes();
    if starts(local, needle) && part_end(local, needle.len()) {
        return true;
    }
    let res = res.as_bytes();
    if needle.len() <= res.len() {
        return starts(res, needle) && (needle.len() == res.len() || part_end(res, needle.len()));
    }
    starts(needle, res)
        && needle[res.len()] == b':'
        && starts(local, &needle[res.len() + 1..])
        && part_end(local, needle.len() - res.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_match_whole_parts() {
        let r = |n: &str| reference_matches(n.as_bytes(), "ba-43-2024", "1.4");
        assert!(
            r("1.4") && r("1") && r("1.") && r("ba-43-2024:1.4") && r("ba-43") && r("ba-43-2024")
        );
        assert!(r("ba-43-2024:1") && r("BA-43-2024:1.4"));
        assert!(!r("1.") || r("1."));
        assert!(!r("1.41") && !r("14") && !r("ba-4") && !r("ba-43-2024:1.40") && !r("4"));
        assert!(!reference_matches(b"1.1", "ba-43-2024", "1.10"));
        assert!(reference_matches(b"r3", "ba-43-2024", "r3"));
    }
}
