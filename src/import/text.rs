//! Line-level reading of a resolution text: line endings, byte-order mark, list markers,
//! `**emphasis**`, joining wrapped lines. Knows nothing of what a line means.

/// A non-blank source line, trimmed, with its 1-based number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub no: usize,
    pub text: &'a str,
    /// A blank line (or the start of the text) comes right before this one.
    pub blank_before: bool,
}

/// The non-blank lines of `source`. A UTF-8 byte-order mark is dropped and CRLF endings are
/// read as LF (`str::lines` does both ends of that); line numbers count every line.
pub fn lines(source: &str) -> Vec<Line<'_>> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut out = Vec::new();
    let mut blank_before = true;
    for (i, raw) in source.lines().enumerate() {
        let text = raw.trim();
        if text.is_empty() {
            blank_before = true;
            continue;
        }
        out.push(Line {
            no: i + 1,
            text,
            blank_before,
        });
        blank_before = false;
    }
    out
}

/// The rest of `line` after a list marker (`-`, `–`, `—`, `•`, `*`, `1.`, `1)`, `(1)`,
/// `a)`, `(a)`, `a.`, `iv)`), or `None` when the line does not start with one.
pub fn strip_marker(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    let after = match first {
        // `•` is often set tight against the text; it is never the start of a word.
        '•' | '▪' | '◦' => {
            return Some(line[first.len_utf8()..].trim_start()).filter(|r| !r.is_empty());
        }
        '-' | '–' | '—' | '*' => &line[first.len_utf8()..],
        _ => number(line)?,
    };
    // The other markers must be followed by white space and then words: `**bold**` at the
    // start of a line, `-5%` and `2024.` are not markers.
    let rest = after.trim_start();
    (rest.len() < after.len() && !rest.is_empty()).then_some(rest)
}

fn number(line: &str) -> Option<&str> {
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
    let ok = match close {
        ')' => {
            numeric
                || letter
                || roman
                || (label.len() == 1 && label.bytes().all(|b| b.is_ascii_uppercase()))
        }
        '.' if !open => numeric || letter || roman,
        _ => false,
    };
    ok.then(|| &body[label_len + 1..])
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
    starts_with_word(rest, "regarding").then_some(rest)
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

/// The first word of `text`, lower-cased, without trailing punctuation.
pub fn first_word(text: &str) -> String {
    text.split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Whether `text` starts with `word` as a whole word, ignoring case.
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
            ("e.g. this", None),
        ] {
            assert_eq!(strip_marker(line), rest, "{line}");
        }
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

    #[test]
    fn crlf_bom_and_blank_lines() {
        let got = lines("\u{feff}\r\nA\r\n\r\n b \r\nc");
        let got: Vec<_> = got.iter().map(|l| (l.no, l.text, l.blank_before)).collect();
        assert_eq!(got, [(2, "A", true), (4, "b", true), (5, "c", false)]);
    }
}
