//! Character folding shared by the index and the query: accents and special letters to ASCII
//! (including the letters Unicode does not decompose: ł, ø, đ, ß, æ), typographic quotes and
//! dashes to their ASCII forms, and optional lower-casing. Folding is char by char, so a
//! match in folded text maps back to characters of the original.

/// How a term and a text are compared; chosen per term by smart case and its alphabet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Plain lower-case ASCII term: fold letters and ignore case (the common case, pre-built).
    FoldLower,
    /// ASCII term with a capital: fold letters, respect case.
    FoldCase,
    /// Non-ASCII lower-case term: the user typed the accent, so keep letters, ignore case.
    Lower,
    /// Non-ASCII term with a capital: keep letters and case.
    Exact,
}

impl Mode {
    /// The mode smart case picks for a term.
    pub fn for_term(term: &str) -> Mode {
        let upper = term.chars().any(char::is_uppercase);
        match (term.is_ascii(), upper) {
            (true, false) => Mode::FoldLower,
            (true, true) => Mode::FoldCase,
            (false, false) => Mode::Lower,
            (false, true) => Mode::Exact,
        }
    }

    fn folds_letters(self) -> bool {
        matches!(self, Mode::FoldLower | Mode::FoldCase)
    }

    fn lowers(self) -> bool {
        matches!(self, Mode::FoldLower | Mode::Lower)
    }

    /// True when every text matching a term in `stricter` mode also matches the (contained)
    /// term in `self`: used to decide whether a grown query may narrow the previous result.
    pub fn is_looser_or_equal(self, stricter: Mode) -> bool {
        self == stricter || self == Mode::FoldLower || stricter == Mode::Exact
    }
}

/// Base letters of U+0100..U+017F (Latin Extended-A), upper case; `*` marks the ligatures
/// (Ĳ, Œ) handled separately. Upper/lower case is taken from the original character.
const EXTENDED_A: &[u8; 128] = b"AAAAAACCCCCCCCDDDDEEEEEEEEEEGGGGGGGGHHHHIIIIIIIIII**JJKKKLLLLLLLLLLNNNNNNNNNOOOOOO**RRRRRRSSSSSSSSTTTTTTUUUUUUUUUUUUWWYYYZZZZZZS";

/// Base letters of U+00C0..U+00FF (Latin-1 Supplement), upper case; `*` marks the characters
/// handled separately (Æ, ×, Þ, ß, æ, ÷, þ).
const LATIN1: &[u8; 64] = b"AAAAAA*CEEEEIIIIDNOOOOO*OUUUUY**AAAAAA*CEEEEIIIIDNOOOOO*OUUUUY*Y";

/// The ASCII spelling of a letter that folds, in upper case, or `None`.
fn letter_base(c: char) -> Option<&'static str> {
    let cp = c as u32;
    let single = |b: u8| -> &'static str {
        // Every byte of the tables is an ASCII capital; index into a static alphabet.
        const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let i = (b - b'A') as usize;
        &ALPHABET[i..i + 1]
    };
    match cp {
        0xC0..=0xFF => match c {
            'Æ' | 'æ' => Some("AE"),
            'Þ' | 'þ' => Some("TH"),
            'ß' => Some("SS"),
            '×' | '÷' => None,
            _ => Some(single(LATIN1[(cp - 0xC0) as usize])),
        },
        0x100..=0x17F => match c {
            'Ĳ' | 'ĳ' => Some("IJ"),
            'Œ' | 'œ' => Some("OE"),
            _ => Some(single(EXTENDED_A[(cp - 0x100) as usize])),
        },
        // Romanian comma-below letters and schwa, seen in European names.
        0x218 | 0x219 => Some("S"),
        0x21A | 0x21B => Some("T"),
        0x259 | 0x18F => Some("E"),
        _ => None,
    }
}

/// Punctuation and spacing that users type in their ASCII form.
fn punctuation(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => Some('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Some('-'),
        c if c.is_whitespace() || c.is_control() => Some(' '),
        _ => None,
    }
}

/// Appends the folded form of `c` in `mode` to `out`; returns how many bytes were appended.
#[inline]
pub fn push_char(c: char, mode: Mode, out: &mut String) -> usize {
    let before = out.len();
    if c.is_ascii() {
        let c = if c.is_ascii_control() { ' ' } else { c };
        out.push(if mode.lowers() {
            c.to_ascii_lowercase()
        } else {
            c
        });
    } else if let Some(p) = punctuation(c) {
        out.push(p);
    } else if let Some(base) = letter_base(c).filter(|_| mode.folds_letters()) {
        let lower = mode.lowers() || c.is_lowercase();
        for b in base.chars() {
            out.push(if lower { b.to_ascii_lowercase() } else { b });
        }
    } else if mode.lowers() {
        out.extend(c.to_lowercase());
    } else {
        out.push(c);
    }
    out.len() - before
}

/// `text` folded in `mode`.
pub fn fold(text: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_char(c, mode, &mut out);
    }
    out
}

/// `text` folded in `mode`, with, for every byte of the result, the index of the character
/// of `text` it came from (so highlights can be given in characters of the original).
pub fn fold_with_map(text: &str, mode: Mode) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let n = push_char(c, mode, &mut out);
        map.extend(std::iter::repeat_n(i as u32, n));
    }
    (out, map)
}

/// Appends `text` folded in [`Mode::FoldLower`] to a byte buffer; ASCII stays on a fast path
/// because almost all of a resolution is ASCII.
pub fn push_fold_lower(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    let mut scratch = String::new();
    let mut i = 0;
    while i < bytes.len() {
        // Runs of printable ASCII are lower-cased in bulk.
        let run = bytes[i..]
            .iter()
            .position(|&b| !(0x20..0x7f).contains(&b))
            .unwrap_or(bytes.len() - i);
        out.extend(bytes[i..i + run].iter().map(u8::to_ascii_lowercase));
        i += run;
        if let Some(c) = text[i..].chars().next() {
            scratch.clear();
            push_char(c, Mode::FoldLower, &mut scratch);
            out.extend_from_slice(scratch.as_bytes());
            i += c.len_utf8();
        }
    }
}

/// A byte that belongs to a word in folded text: ASCII letters and digits, and any byte of a
/// non-ASCII character (letters of other alphabets).
#[inline]
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_special_letters() {
        assert_eq!(
            fold(
                "Suwałki Pärnu Øresund Đakovo Straße Æsir œuvre",
                Mode::FoldLower
            ),
            "suwalki parnu oresund dakovo strasse aesir oeuvre"
        );
        assert_eq!(fold("Šiauliai Ķekava", Mode::FoldCase), "Siauliai Kekava");
        assert_eq!(fold("ĀāČčĻļŅņŽž", Mode::FoldLower), "aaccllnnzz");
    }

    #[test]
    fn keeps_letters_when_the_term_has_them() {
        assert_eq!(fold("Suwałki", Mode::Lower), "suwałki");
        assert_eq!(fold("Suwałki", Mode::Exact), "Suwałki");
    }

    #[test]
    fn typographic_punctuation_becomes_ascii() {
        assert_eq!(
            fold("‘Song of the Border’ 17–18\u{a0}x", Mode::FoldLower),
            "'song of the border' 17-18 x"
        );
    }

    #[test]
    fn map_points_every_folded_byte_at_its_character() {
        let (folded, map) = fold_with_map("aßł–b", Mode::FoldLower);
        assert_eq!(folded, "assl-b");
        assert_eq!(map, vec![0, 1, 1, 2, 3, 4]);
    }

    #[test]
    fn byte_buffer_fold_equals_string_fold() {
        let text = "Pärnu\tNATO ‘x’ Łódź ß";
        let mut buf = Vec::new();
        push_fold_lower(text, &mut buf);
        assert_eq!(String::from_utf8(buf).unwrap(), fold(text, Mode::FoldLower));
    }

    #[test]
    fn smart_case_picks_the_mode() {
        assert_eq!(Mode::for_term("nato"), Mode::FoldLower);
        assert_eq!(Mode::for_term("NATO"), Mode::FoldCase);
        assert_eq!(Mode::for_term("pärnu"), Mode::Lower);
        assert_eq!(Mode::for_term("Pärnu"), Mode::Exact);
    }
}
