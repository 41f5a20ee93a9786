//! Line-level reading of a resolution text: list markers, `**emphasis**`, italic markers,
//! joining wrapped lines. Knows nothing of what a line means.

/// A non-blank source line, trimmed, with its 1-based number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub no: usize,
    pub text: &'a str,
    /// A blank line (or the start of the text) comes right before this one.
    pub blank_before: bool,
}

/// What kind of list marker opens a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// `-`, `–`, `—`, `•`, `*`: no label.
    Bullet,
    /// `1.`, `12)`, `(3)`
    Number,
    /// `a)`, `(b)`, `c.`; also `i`, `v`, `x`, which the reader may take as roman.
    Letter,
    /// `ii)`, `(iv)`: more than one roman digit.
    Roman,
    /// `A.`, `B)`: European Parliament recitals.
    Capital,
}

/// A list marker at the start of a line: its kind, its label (`3`, `a`, `iv`, `A`; empty for
/// bullets) and the text after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker<'a> {
    pub kind: MarkerKind,
    pub label: &'a str,
    pub rest: &'a str,
}

/// The list marker opening `line`, followed by white space and words; `None` when there is
/// none (`**bold**` at the start of a line, `-5%`, `2024.` and `A. Smith` are not markers).
pub fn marker(line: &str) -> Option<Marker<'_>> {
    let first = line.chars().next()?;
    let (kind, label, after) = match first {
        // `•` is often set tight against the text; it is never the start of a word.
        '•' | '▪' | '◦' => {
            let rest = line[first.len_utf8()..].trim_start();
            return (!rest.is_empty()).then_some(Marker {
                kind: MarkerKind::Bullet,
                label: "",
                rest,
            });
        }
        '-' | '–' | '—' | '*' => (MarkerKind::Bullet, "", &line[first.len_utf8()..]),
        // A dash that a 1990s copy lost to its encoding, read as `"`: a bullet when the line
        // quotes nothing (no closing `"`) and a word follows at once.
        '"' if !line[1..].contains('"') && line[1..].starts_with(char::is_alphabetic) => {
            return Some(Marker {
                kind: MarkerKind::Bullet,
                label: "",
                rest: &line[1..],
            });
        }
        _ => {
            let (kind, label, after) = label(line)?;
            (kind, label, after)
        }
    };
    let rest = after.trim_start();
    let spaced = rest.len() < after.len() && !rest.is_empty();
    // `-having regard to …`: a dash set tight against a recital's opening word (copies of
    // European Parliament texts).
    let tight_dash = matches!(first, '-' | '–' | '—')
        && rest.chars().take_while(|c| c.is_alphabetic()).count() >= 3
        && rest.starts_with(char::is_lowercase);
    if tight_dash {
        return Some(Marker { kind, label, rest });
    }
    // `A. whereas …` is a recital label, `A. Smith` a name; `B)` is a label either way.
    let capital_ok = kind != MarkerKind::Capital
        || line.trim_start_matches('(').get(1..2) == Some(")")
        || rest.starts_with(char::is_lowercase);
    (capital_ok && (spaced || glued(kind, line, rest))).then_some(Marker { kind, label, rest })
}

/// A number or capital set tight against its paragraph's first word, as copies of older
/// documents do: `1.Expresses its …`, `A.having regard …`. Only a whole word follows the
/// point (`1.5 million`, `U.S. policy` and `e.g.` are not markers).
fn glued(kind: MarkerKind, line: &str, rest: &str) -> bool {
    let dotted = line.len() > rest.len() && line[..line.len() - rest.len()].ends_with('.');
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    let word_len = word.chars().count();
    let lower_after_first = word.chars().skip(1).all(char::is_lowercase);
    // A number may stand before a short verb (`4.Is shocked`); a capital only before a
    // longer word, since `U.S.` and `e.g.` are no markers.
    dotted
        && lower_after_first
        && match kind {
            MarkerKind::Number => word_len >= 2 && word.starts_with(char::is_uppercase),
            MarkerKind::Capital => word_len >= 3 && word.starts_with(char::is_lowercase),
            _ => false,
        }
}

/// A line that is a numbered or lettered marker and nothing else (`3.`, `(a)`): documents
/// that set the number on its own line, the text after it.
pub fn bare_marker(line: &str) -> Option<Marker<'_>> {
    let (kind, label, after) = label(line)?;
    (after.trim().is_empty() && kind != MarkerKind::Capital).then_some(Marker {
        kind,
        label,
        rest: "",
    })
}

/// A label marker at the start of `line`: kind, label, and the text after its `.` or `)`.
fn label(line: &str) -> Option<(MarkerKind, &str, &str)> {
    let (open, body) = match line.strip_prefix('(') {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let label_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let label = &body[..label_len];
    let close = body[label_len..].chars().next()?;
    let numeric =
        !label.is_empty() && label.len() <= 3 && label.bytes().all(|b| b.is_ascii_digit());
    let letter = label.len() == 1 && label.bytes().all(|b| b.is_ascii_lowercase());
    let roman = !label.is_empty() && label.len() <= 5 && label.bytes().all(|b| b"ivx".contains(&b));
    let capital = label.len() == 1 && label.bytes().all(|b| b.is_ascii_uppercase());
    let kind = if numeric {
        MarkerKind::Number
    } else if letter {
        MarkerKind::Letter
    } else if roman {
        MarkerKind::Roman
    } else if capital {
        MarkerKind::Capital
    } else {
        return None;
    };
    let ok = match close {
        ')' => true,
        '.' => !open,
        _ => false,
    };
    ok.then(|| (kind, label, &body[label_len + 1..]))
}

/// Text without the italic markers that converted documents leave around an opening word
/// (`*Recalling* its …`, `_Calls upon_ …`); `**bold**` is left alone.
pub fn strip_italics(text: &str) -> String {
    let Some(mark) = text.chars().next().filter(|c| matches!(c, '*' | '_')) else {
        return text.to_string();
    };
    let inner = &text[1..];
    if inner.starts_with(mark) || !inner.starts_with(char::is_alphabetic) {
        return text.to_string();
    }
    match inner.find(mark) {
        // The closing mark ends a word: `*Recalling*` or `_Calls upon_`.
        Some(end) if !inner[end + 1..].starts_with(char::is_alphanumeric) => {
            format!("{}{}", &inner[..end], &inner[end + 1..])
        }
        _ => text.to_string(),
    }
}

/// The heading after its number when `line` is a numbered `regarding` heading (`1. Regarding
/// …`, `IV) regarding …`, `B. Regarding …`), else `None`.
pub fn numbered_heading(line: &str) -> Option<&str> {
    let label_len = line
        .find(|c: char| !c.is_ascii_alphanumeric())
        .filter(|n| (1..=6).contains(n))?;
    let label = &line[..label_len];
    let numeric = label.len() <= 3 && label.bytes().all(|b| b.is_ascii_digit());
    let roman = label.bytes().all(|b| b"IVXLC".contains(&b));
    let letter = label.len() == 1;
    if !(numeric || roman || letter) || !line[label_len..].starts_with(['.', ')']) {
        return None;
    }
    let rest = line[label_len + 1..].trim_start();
    opens_heading(rest).then_some(rest)
}

/// Text with `**…**` markup removed, and the emphasised phrases in order. `None` when the
/// markers do not pair up, so the caller can keep the text as it is and say so.
pub fn strip_emphasis(text: &str) -> Option<(String, Vec<String>)> {
    let parts: Vec<&str> = text.split("**").collect();
    if parts.len().is_multiple_of(2) {
        return None;
    }
    let mut plain = String::with_capacity(text.len());
    let mut emphasis = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            let phrase = part.trim();
            if phrase.is_empty() {
                return None;
            }
            emphasis.push(phrase.to_string());
        }
        plain.push_str(part);
    }
    // `** bold** rest` must not leave the text starting with a space.
    Some((plain.trim().to_string(), emphasis))
}

/// Joins wrapped lines with one space. A line that ends in a hyphen glued to a letter
/// (`long-` / `range`) is joined without the space, keeping the hyphen.
pub fn join<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        let glued = out.ends_with('-')
            && out[..out.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            && part.starts_with(char::is_alphabetic);
        if !out.is_empty() && !glued {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// `…;`, or `…; and` before the last, as congressional texts end their paragraphs.
pub fn ends_clause(text: &str) -> bool {
    text.ends_with(';') || text.ends_with("; and") || text.ends_with("; or")
}

/// The first word of `text`, lower-cased, without trailing punctuation.
pub fn first_word(text: &str) -> String {
    text.split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Whether `text` starts with `word` as a whole word, ignoring case.
/// Whether `text` opens the way a policy area's heading does: `Regarding …`, `With regard to
/// …`, `As regards …`. The one test, for the lines, the units, the preamble and the areas.
pub fn opens_heading(text: &str) -> bool {
    ["regarding", "with regard to", "as regards"]
        .iter()
        .any(|opener| starts_with_word(text, opener))
}

pub fn starts_with_word(text: &str, word: &str) -> bool {
    text.get(..word.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(word))
        && text[word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_stripped_and_non_markers_kept() {
        for (line, rest) in [
            ("- to start", Some("to start")),
            ("– to start", Some("to start")),
            ("— to start", Some("to start")),
            ("• to start", Some("to start")),
            ("•to start", Some("to start")),
            ("* to start", Some("to start")),
            ("1. to start", Some("to start")),
            ("12) to start", Some("to start")),
            ("(3) to start", Some("to start")),
            ("a) to start", Some("to start")),
            ("(b) to start", Some("to start")),
            ("iv) to start", Some("to start")),
            ("**bold** start", None),
            ("-5% growth", None),
            ("2024 was", None),
            ("to start", None),
            ("A. Smith", None),
            ("A. whereas the sea", Some("whereas the sea")),
            ("B) the sea", Some("the sea")),
            ("e.g. this", None),
            ("1.Expresses its concern", Some("Expresses its concern")),
            ("A.having regard to", Some("having regard to")),
            ("1.5 million", None),
            ("2.EU policy", None),
            ("U.S. policy", None),
            ("A.B. Smith", None),
            (
                "\"liaison and co-ordination",
                Some("liaison and co-ordination"),
            ),
            ("\"Quoted\" words", None),
        ] {
            assert_eq!(marker(line).map(|m| m.rest), rest, "{line}");
        }
    }

    #[test]
    fn markers_have_kinds_and_labels_and_may_stand_alone() {
        let m = marker("(iv) to act;").unwrap();
        assert_eq!(
            (m.kind, m.label, m.rest),
            (MarkerKind::Roman, "iv", "to act;")
        );
        let m = marker("12. Calls upon").unwrap();
        assert_eq!((m.kind, m.label), (MarkerKind::Number, "12"));
        assert_eq!(marker("(i) x").map(|m| m.kind), Some(MarkerKind::Letter));
        assert_eq!(bare_marker("3.").map(|m| m.label), Some("3"));
        assert_eq!(bare_marker("(b)").map(|m| m.label), Some("b"));
        assert_eq!(bare_marker("3. Text"), None);
        assert_eq!(bare_marker("A."), None);
    }

    #[test]
    fn italic_openers_lose_their_markers() {
        assert_eq!(
            strip_italics("*Recalling* its work,"),
            "Recalling its work,"
        );
        assert_eq!(
            strip_italics("_Calls upon_ the States"),
            "Calls upon the States"
        );
        assert_eq!(strip_italics("**bold** text"), "**bold** text");
        assert_eq!(strip_italics("*half open"), "*half open");
    }

    #[test]
    fn numbered_headings_lose_their_number() {
        assert_eq!(
            numbered_heading("1. Regarding defence:"),
            Some("Regarding defence:")
        );
        assert_eq!(
            numbered_heading("IV) regarding trade:"),
            Some("regarding trade:")
        );
        assert_eq!(numbered_heading("1. to start regarding X:"), None);
        assert_eq!(numbered_heading("regarding defence:"), None);
    }

    #[test]
    fn emphasis_is_removed_and_listed() {
        assert_eq!(
            strip_emphasis("and **highly valuing** the **minimum**,"),
            Some((
                "and highly valuing the minimum,".to_string(),
                vec!["highly valuing".to_string(), "minimum".to_string()]
            ))
        );
        assert_eq!(strip_emphasis("one ** unpaired"), None);
    }

    #[test]
    fn wrapped_lines_join_with_one_space_and_hyphens_glue() {
        assert_eq!(
            join(["medium-", "range air", "defence;"]),
            "medium-range air defence;"
        );
        assert_eq!(join(["in 2025 -", "and"]), "in 2025 - and");
    }
}
