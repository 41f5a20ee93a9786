//! Word conservation: every word of the text read must be in the resolution's texts, unless
//! a warning reports its line as removed. Words are runs of letters and digits holding a
//! letter, compared without case; numbers alone are paragraph numbers, page numbers and
//! dates, which the format keeps elsewhere.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::text::{self, Line};
use crate::model::{Commitment, Resolution};

/// A word of the text that the resolution does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unaccounted {
    pub line: usize,
    pub word: String,
}

impl fmt::Display for Unaccounted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}: the word {:?} is not in the resolution, and no warning reports its line as removed",
            self.line, self.word
        )
    }
}

/// A text as both sides are compared: letters set apart for emphasis (`R E S O L U T I O N`)
/// are the word, and `**` markup inside a word (`ą**ł`) does not cut it in two, whether the
/// reader removed the markup (commitments) or kept an unpaired one.
fn comparable(text: &str) -> String {
    super::words::unspaced(&text.replace("**", "")).join(" ")
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(str::to_lowercase)
}

/// The words of `lines` (list markers aside) that `res` does not hold, line by line; lines
/// in `excluded` are reported as removed or read into the metadata.
pub fn unaccounted(
    lines: &[Line],
    excluded: &HashSet<usize>,
    res: &Resolution,
) -> Vec<Unaccounted> {
    let mut held: HashMap<String, usize> = HashMap::new();
    for text in verbatim(res) {
        for word in words(&comparable(text)) {
            *held.entry(word).or_insert(0) += 1;
        }
    }
    let mut missing = Vec::new();
    for line in lines.iter().filter(|l| !excluded.contains(&l.no)) {
        let body = match text::bare_marker(line.text) {
            Some(_) => "",
            None => text::marker(line.text).map_or(line.text, |m| m.rest),
        };
        for word in words(&comparable(body)) {
            match held.get_mut(&word) {
                Some(n) if *n > 0 => *n -= 1,
                _ => missing.push(Unaccounted {
                    line: line.no,
                    word,
                }),
            }
        }
    }
    missing
}

/// The resolution's texts that hold words of the source as written (not the derived ones:
/// body, addressees, actions, places).
fn verbatim(res: &Resolution) -> Vec<&str> {
    let mut out = vec![res.title.as_str(), res.preamble.formula.as_str()];
    out.extend(res.preamble.recitals.iter().map(|r| r.text.as_str()));
    out.extend(res.operative.formula.as_deref());
    for area in &res.areas {
        out.extend(area.heading.as_deref());
        out.extend(area.intro.as_deref());
        for commitment in &area.commitments {
            texts_of(commitment, &mut out);
        }
    }
    out
}

fn texts_of<'a>(commitment: &'a Commitment, out: &mut Vec<&'a str>) {
    out.push(&commitment.text);
    for item in commitment.items() {
        texts_of(item, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_missing_from_the_resolution_is_named_with_its_line() {
        let source = "RESOLUTION\nof the 45th Session of the Baltic Assembly\n\nThe Baltic Assembly,\n\nhaving convened for its 45th Session on 1–2 March 2031 in Riga,\n\ncalls on the Baltic Council of Ministers:\n\nregarding transport:\n\n- to build the interconnector;\n\nRiga, 2 March 2031\n";
        let imported = crate::import::import(source, &crate::import::Options::default()).unwrap();
        assert_eq!(imported.unaccounted, []);
        let cleaned = crate::import::pages::clean(source);
        let lines = cleaned.lines();
        let closing: HashSet<usize> = [14].into();
        let mut res = imported.resolution;
        assert!(unaccounted(&lines, &closing, &res).is_empty());
        res.areas[0].commitments[0].text = "to build the;".into();
        assert_eq!(
            unaccounted(&lines, &closing, &res),
            [Unaccounted {
                line: 12,
                word: "interconnector".into()
            }]
        );
        // Removed lines need not be held: the closing line is excluded above; without it,
        // its month is missing.
        let missing = unaccounted(&lines, &HashSet::new(), &res);
        assert!(missing.iter().any(|u| u.line == 14 && u.word == "march"));
    }
}
