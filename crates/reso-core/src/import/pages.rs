//! What page layout leaves in text copied out of a PDF, undone before the text is read:
//! form feeds, page numbers and footers (`Page 3 of 11`, `- 3 -`, `3`), running headers and
//! footers repeated on many pages, footnote markers and texts, words hyphenated at a line
//! end, and paragraphs cut by a page break. Every removal and join is reported.

use std::collections::{HashMap, HashSet};

use super::text::{self, Line};
use super::{Warning, WarningKind, dates};

/// A line repeated at least this often (numbers aside) is a running header or footer.
const RUNNING_MIN: usize = 3;
/// A document symbol among this many first lines heads the masthead, not a page.
const MASTHEAD_SYMBOL_LINES: usize = 3;
/// Running headers are short; a repeated long line is more likely a repeated sentence.
const RUNNING_MAX_WORDS: usize = 12;

/// The text to read: the kept lines (trimmed, with their source line numbers) and what was
/// done to get them.
#[derive(Debug, Default)]
pub struct Cleaned {
    kept: Vec<(usize, String, bool)>,
    pub warnings: Vec<Warning>,
    /// Words hyphenated at a line end and joined.
    pub joined: usize,
    /// Lines of page furniture removed.
    pub removed: usize,
    /// Document symbols removed as page furniture (`A/RES/80/4`), in order: the first names
    /// the resolution.
    pub symbols: Vec<String>,
    /// The footnotes removed, each with the line of the marker that referred to it.
    pub notes: Vec<FoundNote>,
}

/// A footnote and where the text referred to it: kept as that paragraph's note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundNote {
    /// The line of the marker (`Tartu,1`, `Forum[^2]`, `1957,[1]`).
    pub line: usize,
    pub label: String,
    pub text: String,
}

impl Cleaned {
    /// The kept non-blank lines, in order.
    pub fn lines(&self) -> Vec<Line<'_>> {
        self.kept
            .iter()
            .map(|(no, text, blank_before)| Line {
                no: *no,
                text,
                blank_before: *blank_before,
            })
            .collect()
    }
}

/// A source line on its way through: its text (`None` once blank or removed).
struct Raw {
    text: Option<String>,
    /// Page furniture was removed here (the line itself, or a form feed in it).
    page_break: bool,
}

/// Cleans `source` (a UTF-8 byte-order mark dropped, CRLF read as LF).
pub fn clean(source: &str) -> Cleaned {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut out = Cleaned::default();
    let mut raw: Vec<Raw> = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let page_break = line.contains('\u{c}');
        let text = match page_break {
            true => std::borrow::Cow::Owned(line.replace('\u{c}', "")),
            false => std::borrow::Cow::Borrowed(line),
        };
        let text = text.trim();
        if page_break {
            // A line that held nothing but the form feed counts as a removed page line.
            out.removed += usize::from(text.is_empty());
            out.warnings.push(warn(
                i + 1,
                WarningKind::PageLine,
                "removed form feed (page break)".into(),
            ));
        }
        raw.push(Raw {
            text: (!text.is_empty()).then(|| text.to_string()),
            page_break,
        });
    }
    // A congressional resolution repeats its title and dates and parts its header with
    // rules by design; it has neither page furniture nor footnotes.
    if !super::congress::is_congressional(&raw_texts(&raw)) {
        remove_furniture(&mut raw, &mut out);
        remove_footnotes(&mut raw, &mut out);
    }
    join_hyphenated(&mut raw, &mut out);
    join_spaced_hyphens(&mut raw, &mut out);
    out.kept = keep(&raw, &mut out.warnings);
    split_run_on_preamble(&mut out.kept, &mut out.warnings);
    split_reflowed_bullets(&mut out.kept, &mut out.warnings);
    out.warnings.sort_by_key(|w| w.line);
    out
}

fn raw_texts(raw: &[Raw]) -> Vec<&str> {
    raw.iter().filter_map(|r| r.text.as_deref()).collect()
}

fn warn(line: usize, kind: WarningKind, message: String) -> Warning {
    Warning {
        line,
        last_line: line,
        kind,
        message,
    }
}

/// What a line of page furniture is, if it is one.
fn furniture(line: &str) -> Option<&'static str> {
    let number = |w: &str| !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit());
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        [n] if number(n) => Some("page number"),
        [d1, n, d2] if is_dash(d1) && number(n) && is_dash(d2) => Some("page number"),
        [p, n] if p.eq_ignore_ascii_case("page") && number(n) => Some("page footer"),
        [c] if page_counter(c) => Some("page counter"),
        [j] | [j, _] if job_number(j) && (words.len() == 1 || words[1].starts_with('(')) => {
            Some("document job number")
        }
        [s] if un_symbol(s) => Some("document symbol"),
        // A UN page's foot: `A/RES/80/6 3/5 25-18301`, in either order.
        [a, b, c] if un_symbol(a) && page_counter(b) && job_number(c) => Some("page footer"),
        [a, b, c] if job_number(a) && page_counter(b) && un_symbol(c) => Some("page footer"),
        [p, n, of, m]
            if p.eq_ignore_ascii_case("page")
                && number(n)
                && of.eq_ignore_ascii_case("of")
                && number(m) =>
        {
            Some("page footer")
        }
        _ if print_stamp(line) => Some("browser's print header"),
        _ => None,
    }
}

/// The date and time a browser prints at the head of each page (`12/7/26, 12:59 PM`), as a
/// PDF's text gives it with its characters set apart (`1 2 /7 /2 6 , 1 2 :5 9 PM`).
fn print_stamp(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = compact
        .strip_suffix("PM")
        .or_else(|| compact.strip_suffix("AM"))
        .unwrap_or(&compact);
    let Some((day, time)) = compact.split_once(',') else {
        return false;
    };
    let numbers = |s: &str, sep: char, n: usize| {
        let parts: Vec<&str> = s.split(sep).collect();
        parts.len() == n
            && parts
                .iter()
                .all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    };
    numbers(day, '/', 3) && numbers(time, ':', 2)
}

/// `2/5`: page 2 of 5.
fn page_counter(word: &str) -> bool {
    let Some((n, m)) = word.split_once('/') else {
        return false;
    };
    match (n.parse::<u16>(), m.parse::<u16>()) {
        (Ok(n), Ok(m)) => n >= 1 && n <= m && m <= 999 && !n.to_string().starts_with('0'),
        _ => false,
    }
}

/// `25-18301`: the UN's job number, which every page repeats.
fn job_number(word: &str) -> bool {
    let Some((year, number)) = word.split_once('-') else {
        return false;
    };
    year.len() == 2
        && (5..=6).contains(&number.len())
        && year
            .bytes()
            .chain(number.bytes())
            .all(|b| b.is_ascii_digit())
}

/// `A/RES/80/6`: the symbol that heads or foots every page of a UN resolution.
fn un_symbol(word: &str) -> bool {
    ["A/RES/", "S/RES/"].iter().any(|organ| {
        word.strip_prefix(organ).is_some_and(|rest| {
            !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit() || b == b'/')
        })
    })
}

fn is_dash(word: &str) -> bool {
    matches!(word, "-" | "–" | "—")
}

/// A line with its numbers masked, to recognise running headers that carry a page number.
fn running_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    for c in line.chars() {
        if c.is_ascii_digit() {
            if !key.ends_with('#') {
                key.push('#');
            }
        } else {
            key.extend(c.to_lowercase());
        }
    }
    key
}

fn remove_furniture(raw: &mut [Raw], out: &mut Cleaned) {
    // Page numbers and footers first: they tell where the page ends are. The symbol in the
    // document's own head (its first lines) stands in the masthead, which is read, not
    // removed as furniture.
    let head = raw
        .iter()
        .enumerate()
        .filter(|(_, r)| r.text.is_some())
        .nth(MASTHEAD_SYMBOL_LINES)
        .map_or(raw.len(), |(i, _)| i);
    let mut symbol_lines = Vec::new();
    for (i, line) in raw.iter_mut().enumerate() {
        let Some(what) = line.text.as_deref().and_then(furniture) else {
            continue;
        };
        if what == "document symbol" && i < head {
            continue;
        }
        if what == "document symbol" {
            symbol_lines.push(i);
            out.symbols
                .extend(line.text.as_deref().map(|t| t.trim().to_string()));
        }
        remove_page_line(line, i, out, |text| format!("removed {what} {text:?}"));
    }
    // A UN page head is the symbol, then the title to the next blank line.
    for symbol in symbol_lines {
        let mut i = symbol + 1;
        while let Some(text) = raw.get(i).and_then(|r| r.text.as_deref()) {
            if text.split_whitespace().count() > RUNNING_MAX_WORDS {
                break;
            }
            remove_page_line(&mut raw[i], i, out, |text| {
                format!("removed running title {text:?} under the document symbol")
            });
            i += 1;
        }
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for text in raw.iter().filter_map(|r| r.text.as_deref()) {
        if repeatable(text) {
            *counts.entry(running_key(text)).or_insert(0) += 1;
        }
    }
    // A running header stands at page ends (next to a page number or a form feed) each time;
    // a piece of a wrapped sentence (`States;`) that repeats does so anywhere. Without any
    // page ends to go by, a repeated line that reads like a title is taken as one.
    let has_page_ends = raw.iter().any(|r| r.page_break);
    let by_page_end = at_page_ends(raw);
    let mut at_page_end: HashMap<String, usize> = HashMap::new();
    for (i, line) in raw.iter().enumerate() {
        if let Some(text) = line.text.as_deref().filter(|t| repeatable(t))
            && by_page_end[i]
        {
            *at_page_end.entry(running_key(text)).or_insert(0) += 1;
        }
    }
    let running: Vec<usize> = (0..raw.len())
        .filter(|&i| {
            let Some(text) = raw[i].text.as_deref().filter(|t| repeatable(t)) else {
                return false;
            };
            let key = running_key(text);
            let count = counts[&key];
            let titled = text.split_whitespace().count() >= 3
                && text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                && !text.ends_with([',', ';', ':']);
            let by_pages = 3 * at_page_end.get(&key).copied().unwrap_or(0) >= 2 * count;
            count >= RUNNING_MIN && (by_pages || (!has_page_ends && titled))
        })
        .collect();
    for i in running {
        remove_page_line(&mut raw[i], i, out, |text| {
            format!("removed running header or footer {text:?}")
        });
    }
}

/// Removes line `i` as page furniture: reported (`describe` words it from the line's text),
/// counted, and marked as a page end.
fn remove_page_line(
    line: &mut Raw,
    i: usize,
    out: &mut Cleaned,
    describe: impl FnOnce(&str) -> String,
) {
    let text = line.text.take().unwrap_or_default();
    out.warnings
        .push(warn(i + 1, WarningKind::PageLine, describe(&text)));
    out.removed += 1;
    line.page_break = true;
}

/// A line that may be a running header or footer: short, with words, not a bare number.
fn repeatable(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
        && text.split_whitespace().count() <= RUNNING_MAX_WORDS
        && text::bare_marker(text).is_none()
}

/// Per line: whether a page end (a removed line of furniture, a form feed) is on it or
/// between it and the kept line before or after it.
fn at_page_ends(raw: &[Raw]) -> Vec<bool> {
    let mut near = vec![false; raw.len()];
    let mut pending = false;
    for (i, line) in raw.iter().enumerate() {
        pending |= line.page_break;
        near[i] = pending;
        if line.text.is_some() {
            pending = false;
        }
    }
    pending = false;
    for (i, line) in raw.iter().enumerate().rev() {
        pending |= line.page_break;
        near[i] |= pending;
        if line.text.is_some() {
            pending = false;
        }
    }
    near
}

/// Footnote texts (`1 See the report …`, a line starting with a number that a marker such
/// as `Tartu,1` points to) are removed, and so are the markers.
fn remove_footnotes(raw: &mut [Raw], out: &mut Cleaned) {
    // Markers first: a number of one or two digits glued to a word's closing punctuation.
    let mut markers: Vec<(usize, String)> = Vec::new();
    for (i, line) in raw.iter().enumerate() {
        if let Some(text) = &line.text {
            markers.extend(footnote_markers(text).into_iter().map(|(_, n)| (i, n)));
        }
    }
    let mut confirmed: HashSet<(usize, String)> = HashSet::new();
    // The notes of a block under a rule confirm the markers above that point to them.
    let block_notes = remove_footnote_blocks(raw, out);
    let mut texts: HashMap<String, String> = HashMap::new();
    for (at, number, text) in &block_notes {
        let marker = markers.iter().rev().find(|(i, n)| i < at && n == number);
        confirmed.extend(marker.cloned());
        texts.entry(number.clone()).or_insert_with(|| text.clone());
    }
    // Markdown's references (`Weapons[^9]`) to notes that were removed go with them.
    let labels: HashSet<&str> = block_notes.iter().map(|(_, l, _)| l.as_str()).collect();
    for (i, line) in raw.iter_mut().enumerate() {
        let Some(text) = line.text.as_mut() else {
            continue;
        };
        while let Some(at) = text.find("[^") {
            let Some(len) = text[at..].find(']').map(|end| end + 1) else {
                break;
            };
            let label = &text[at + 2..at + len - 1];
            if !labels.contains(label) {
                break;
            }
            out.warnings.push(warn(
                i + 1,
                WarningKind::Note,
                format!("removed footnote reference [^{label}]"),
            ));
            if let Some(note) = texts.get(label) {
                out.notes.push(FoundNote {
                    line: i + 1,
                    label: label.to_string(),
                    text: note.clone(),
                });
            }
            text.replace_range(at..at + len, "");
        }
    }
    remove_bracketed_notes(raw, out);
    for (i, line) in raw.iter_mut().enumerate() {
        let Some(text) = line.text.clone() else {
            continue;
        };
        // `2 May 2036` closes a resolution; it is no note.
        if dates::parse_exact(&text).is_some() {
            continue;
        }
        let Some((number, rest)) = text.split_once(' ') else {
            continue;
        };
        let pointed = markers.iter().find(|(at, n)| *at < i && n == number);
        if let Some(marker) = pointed.filter(|_| rest.starts_with(char::is_uppercase)) {
            confirmed.insert(marker.clone());
            texts.insert(number.to_string(), rest.to_string());
            out.warnings.push(warn(
                i + 1,
                WarningKind::Removed,
                format!("removed footnote {number}: {rest:?}"),
            ));
            line.text = None;
        }
    }
    for (i, number) in confirmed {
        let Some(text) = raw[i].text.as_mut() else {
            continue;
        };
        if let Some((at, _)) = footnote_markers(text)
            .into_iter()
            .find(|(_, n)| *n == number)
        {
            text.replace_range(at..at + number.len(), "");
            out.warnings.push(warn(
                i + 1,
                WarningKind::Note,
                format!("removed footnote marker {number}"),
            ));
            if let Some(note) = texts.get(&number) {
                out.notes.push(FoundNote {
                    line: i + 1,
                    label: number.clone(),
                    text: note.clone(),
                });
            }
        }
    }
}

/// A footnote block at a page's foot: a rule of underscores, then the notes (`3 Articles 10
/// and 13 …`), up to the page's end (removed furniture) or a paragraph after a blank line
/// that is not a note. Removed whole, with one warning. Gives each note's line and number.
fn remove_footnote_blocks(raw: &mut [Raw], out: &mut Cleaned) -> Vec<(usize, String, String)> {
    let mut notes = Vec::new();
    // `____` in text copied from a PDF; `---` (a thematic break) before Markdown's notes.
    let is_rule = |t: &str| {
        let t = t.trim();
        (t.len() >= 5 && t.chars().all(|c| c == '_'))
            || (t.len() >= 3 && t.chars().all(|c| c == '-'))
    };
    let is_note = |t: &str| {
        markdown_note(t).is_some()
            || t.split_once(' ').is_some_and(|(n, _)| {
                (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit())
            })
    };
    let mut i = 0;
    while i < raw.len() {
        if !raw[i].text.as_deref().is_some_and(is_rule) {
            i += 1;
            continue;
        }
        // A `---` is a rule over notes only when notes follow it.
        let next_text = raw[i + 1..].iter().find_map(|r| r.text.as_deref());
        if raw[i]
            .text
            .as_deref()
            .is_some_and(|t| t.trim().starts_with('-'))
            && !next_text.is_some_and(is_note)
        {
            i += 1;
            continue;
        }
        let start = i;
        let mut last = i;
        raw[i].text = None;
        raw[i].page_break = true;
        i += 1;
        let mut after_blank = false;
        while i < raw.len() && !(raw[i].text.is_none() && raw[i].page_break) {
            match raw[i].text.as_deref() {
                None => after_blank = true,
                Some(text) if after_blank && !is_note(text) => break,
                Some(text) => {
                    if let Some(label) = markdown_note(text) {
                        let body = text.split_once("]:").map_or("", |(_, b)| b.trim());
                        notes.push((i, label.to_string(), body.to_string()));
                    } else if is_note(text) {
                        let (number, body) = text.split_once(' ').unwrap_or((text, ""));
                        notes.push((i, number.to_string(), body.trim().to_string()));
                    } else if let Some((_, _, last)) = notes.last_mut() {
                        // A note's text wrapped onto the next line.
                        *last = text::join([last.as_str(), text]);
                    }
                    raw[i].text = None;
                    raw[i].page_break = true;
                    after_blank = false;
                    last = i;
                }
            }
            i += 1;
        }
        out.warnings.push(Warning {
            line: start + 1,
            last_line: last + 1,
            kind: WarningKind::Removed,
            message: "removed footnotes (the notes under a rule, `____` or `---`)".into(),
        });
    }
    notes
}

/// Notes as web copies set them: `[1] Ibid., …` on a line of its own below the text, and
/// `[1]` where the text refers to it (`…1957,[1]`). A note is removed only when a line
/// above refers to it; the reference goes with it.
fn remove_bracketed_notes(raw: &mut [Raw], out: &mut Cleaned) {
    let label_of = |text: &str| {
        let rest = text.strip_prefix('[')?;
        let (label, after) = rest.split_once(']')?;
        let numbered = (1..=3).contains(&label.len()) && label.bytes().all(|b| b.is_ascii_digit());
        (numbered && after.starts_with(' ')).then(|| label.to_string())
    };
    for at in 0..raw.len() {
        let Some(label) = raw[at].text.as_deref().and_then(label_of) else {
            continue;
        };
        let reference = format!("[{label}]");
        let Some(from) = (0..at).rev().find(|&i| {
            raw[i]
                .text
                .as_deref()
                .is_some_and(|t| t.find(&reference).is_some_and(|p| p > 0))
        }) else {
            continue;
        };
        let note = raw[at].text.take().unwrap_or_default();
        out.warnings.push(warn(
            at + 1,
            WarningKind::Removed,
            format!(
                "removed footnote {label}: {:?}",
                note[reference.len()..].trim()
            ),
        ));
        if let Some(text) = raw[from].text.as_mut()
            && let Some(p) = text.find(&reference)
        {
            text.replace_range(p..p + reference.len(), "");
            out.notes.push(FoundNote {
                line: from + 1,
                label: label.clone(),
                text: note[reference.len()..].trim().to_string(),
            });
            out.warnings.push(warn(
                from + 1,
                WarningKind::Note,
                format!("removed footnote reference {reference}"),
            ));
        }
    }
}

/// A Markdown footnote's definition, `[^2]: See resolution 38/75.`: its label.
fn markdown_note(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix("[^")?;
    let (label, after) = rest.split_once(']')?;
    (after.starts_with(':') && !label.is_empty() && !label.contains(char::is_whitespace))
        .then_some(label)
}

/// Footnote markers in a line: byte offset and number, for digits right after a letter's
/// `,` `.` `;` `:` or `)` and followed by a space or the line end (`Tartu,1 and`).
fn footnote_markers(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for (i, c) in text.char_indices() {
        if !matches!(c, ',' | '.' | ';' | ':' | ')') || i == 0 {
            continue;
        }
        // After a word, a closing quote or bracket (`…Court,2`, `…Treaty”,4`), or a
        // reference's number before a semicolon (`resolution 79/7;1`).
        let before = text[..i].chars().next_back();
        let after_word = before.is_some_and(|b| {
            b.is_alphabetic()
                || matches!(b, '”' | '’' | '"' | '\'' | ')' | ']')
                || (c == ';' && b.is_ascii_digit())
        });
        if !after_word {
            continue;
        }
        let start = i + 1;
        let digits = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let end = start + digits;
        if (1..=2).contains(&digits) && (end == bytes.len() || bytes[end] == b' ') {
            found.push((start, text[start..end].to_string()));
        }
    }
    found
}

/// First parts that make compounds (`cross-border`, `long-term`): a word broken after one
/// of them keeps its hyphen even when the document does not write the compound elsewhere.
const COMPOUND_FIRST: [&str; 26] = [
    "cross", "non", "self", "well", "long", "short", "medium", "large", "small", "high", "low",
    "full", "part", "half", "mid", "multi", "anti", "vice", "decision", "policy", "all", "far",
    "wide", "ex", "post", "pre",
];

/// A word broken at a line end (`synchro-` / `nisation`) is joined; the hyphen is kept when
/// the document writes the compound with a hyphen elsewhere, or the first part is a common
/// compound opener or an acronym, and dropped when the document writes it whole elsewhere or
/// nothing says otherwise (a syllable break). Each join is reported.
fn join_hyphenated(raw: &mut [Raw], out: &mut Cleaned) {
    let vocabulary = Vocabulary::of(raw);
    let mut i = 0;
    while i < raw.len() {
        let Some(next) = (i + 1..raw.len()).find(|&j| raw[j].text.is_some()) else {
            break;
        };
        let (Some(head), Some(tail)) = (raw[i].text.clone(), raw[next].text.clone()) else {
            i = next;
            continue;
        };
        let (head, tail) = (head.as_str(), tail.as_str());
        let Some(first) = broken_word(head) else {
            i = next;
            continue;
        };
        let (second_word, remainder) = match tail.split_once(' ') {
            Some((w, r)) => (w, r.trim_start()),
            None => (tail, ""),
        };
        let second_core = second_word.trim_end_matches(|c: char| !c.is_alphanumeric());
        let joinable = second_core.starts_with(char::is_alphanumeric)
            && second_core.chars().all(|c| c.is_alphanumeric() || c == '-')
            && text::marker(tail).is_none();
        let case_breaks =
            second_word.starts_with(char::is_uppercase) && !first.starts_with(char::is_uppercase);
        if !joinable || case_breaks {
            i = next;
            continue;
        }
        let (keep_hyphen, why) = vocabulary.keeps_hyphen(first, second_core);
        let joined_word = match keep_hyphen {
            true => format!("{first}-{second_word}"),
            false => format!("{first}{second_word}"),
        };
        let shown = joined_word.trim_end_matches(|c: char| !c.is_alphanumeric());
        out.warnings.push(warn(
            i + 1,
            WarningKind::Hyphen,
            format!("joined \"{first}-\" and {second_core:?} across the line break into {shown:?} ({why})"),
        ));
        out.joined += 1;
        let head_start = head.len() - first.len() - 1;
        let new_head = format!("{}{joined_word}", &head[..head_start]);
        raw[i].text = Some(new_head);
        raw[next].text = (!remainder.is_empty()).then(|| remainder.to_string());
        i = next;
    }
}

/// A line break's hyphen that a copy turned into `- ` inside a line (`post- conflict`): the
/// two parts are joined as a line-end break is, by the text's own vocabulary. A hyphen that
/// hangs before `and`/`or` (`pre- and post-war`) is the writer's own.
fn join_spaced_hyphens(raw: &mut [Raw], out: &mut Cleaned) {
    let vocabulary = Vocabulary::of(raw);
    for (i, line) in raw.iter_mut().enumerate() {
        let Some(text) = line.text.as_mut() else {
            continue;
        };
        let mut from = 0;
        while let Some(at) = text[from..].find("- ").map(|p| p + from) {
            from = at + 2;
            let first_start = text[..at]
                .rfind(|c: char| !c.is_alphabetic())
                .map_or(0, |p| {
                    p + text[p..].chars().next().map_or(1, char::len_utf8)
                });
            let first = &text[first_start..at];
            let second: String = text[at + 2..]
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect();
            let hangs = ["and", "or", "nor", "to"].contains(&second.as_str());
            let lower = second.starts_with(char::is_lowercase);
            if first.chars().count() < 2 || second.is_empty() || hangs || !lower {
                continue;
            }
            let (keep, why) = vocabulary.keeps_hyphen(first, &second);
            let joined = match keep {
                true => format!("{first}-{second}"),
                false => format!("{first}{second}"),
            };
            out.warnings.push(warn(
                i + 1,
                WarningKind::Hyphen,
                format!("joined \"{first}- {second}\" into {joined:?}, a line break's hyphen copied with a space ({why})"),
            ));
            out.joined += 1;
            let end = at + 2 + second.len();
            text.replace_range(first_start..end, &joined);
            from = first_start + joined.len();
        }
    }
}

/// The word broken by a hyphen at the end of `line` (`synchro` for `… synchro-`): letters
/// right before a final `-`.
fn broken_word(line: &str) -> Option<&str> {
    let body = line.strip_suffix('-')?;
    let start = body
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map_or(0, |i| {
            i + body[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &body[start..];
    let last_is_letter = word.chars().next_back().is_some_and(char::is_alphabetic);
    (last_is_letter && word.chars().any(char::is_alphabetic)).then_some(word)
}

/// The words a document uses, to decide a hyphen at a line end.
struct Vocabulary {
    /// Every word, lower-cased, hyphenated ones whole (`cross-border`) and in parts.
    words: HashSet<String>,
    /// The parts of hyphenated words (`cross`, `border`).
    parts: HashSet<String>,
}

impl Vocabulary {
    fn of(raw: &[Raw]) -> Self {
        let mut vocabulary = Vocabulary {
            words: HashSet::new(),
            parts: HashSet::new(),
        };
        let mut after_break = false;
        for text in raw.iter().filter_map(|r| r.text.as_deref()) {
            let broken = broken_word(text).is_some();
            let mut words = text.split_whitespace().enumerate().peekable();
            while let Some((n, word)) = words.next() {
                // The two halves of a broken word are what is to be decided, not evidence.
                let last = words.peek().is_none();
                if (last && broken) || (n == 0 && after_break) {
                    continue;
                }
                let core = word.trim_matches(|c: char| !c.is_alphanumeric());
                if !core.chars().any(char::is_alphabetic) {
                    continue;
                }
                let core = core.to_lowercase();
                if core.contains('-') {
                    vocabulary.parts.extend(
                        core.split('-')
                            .filter(|p| !p.is_empty())
                            .map(str::to_string),
                    );
                }
                vocabulary.words.insert(core);
            }
            after_break = broken;
        }
        vocabulary
    }

    fn knows(&self, word: &str) -> bool {
        self.words.contains(word) || self.parts.contains(word)
    }

    /// Whether `first-` / `second` keeps its hyphen, and why, for the report.
    fn keeps_hyphen(&self, first: &str, second: &str) -> (bool, &'static str) {
        let (a, b) = (first.to_lowercase(), second.to_lowercase());
        if self.words.contains(&format!("{a}-{b}")) {
            (true, "hyphen kept: the text writes it so elsewhere")
        } else if self.words.contains(&format!("{a}{b}")) {
            (false, "the text writes it whole elsewhere")
        } else if (self.parts.contains(&a) && self.knows(&b))
            || (self.parts.contains(&b) && self.knows(&a))
        {
            (true, "hyphen kept: the text makes compounds of its parts")
        } else if first.contains('-') {
            (true, "hyphen kept: the first part is a compound")
        } else if COMPOUND_FIRST.contains(&a.as_str()) {
            (true, "hyphen kept: a compound")
        } else if first
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        {
            (true, "hyphen kept: after an acronym")
        } else if second.starts_with(|c: char| c.is_ascii_digit()) {
            (true, "hyphen kept: before a number")
        } else {
            (false, "a word broken at the line end")
        }
    }
}

/// Words that open a recital in capitals (`Noting`, `Recalling further`): where a copy has
/// lost the preamble's line breaks, they say where each recital starts.
const RECITAL_OPENERS: [&str; 40] = [
    "Acknowledging",
    "Affirming",
    "Alarmed",
    "Appreciating",
    "Aware",
    "Bearing",
    "Believing",
    "Commending",
    "Concerned",
    "Condemning",
    "Conscious",
    "Considering",
    "Convinced",
    "Deeply",
    "Deploring",
    "Desiring",
    "Determined",
    "Emphasizing",
    "Emphasising",
    "Encouraged",
    "Expressing",
    "Guided",
    "Having",
    "Mindful",
    "Noting",
    "Observing",
    "Reaffirming",
    "Recalling",
    "Recognizing",
    "Recognising",
    "Regretting",
    "Reiterating",
    "Seeking",
    "Stressing",
    "Taking",
    "Underlining",
    "Underscoring",
    "Welcoming",
    "Wishing",
    "Whereas",
];

/// A copy that lost the preamble's line breaks sets the formula and its recitals on one
/// line (`The General Assembly, Noting that …, Recalling …,`): the line is cut before each
/// recital opener that follows a comma, and the cut reported. Only the formula's line and
/// the lines after it up to the first numbered paragraph are looked at.
fn split_run_on_preamble(kept: &mut Vec<(usize, String, bool)>, warnings: &mut Vec<Warning>) {
    let Some(at) = kept.iter().take(80).position(|(_, text, _)| {
        text.starts_with("The ") && cut_points(text).first().is_some_and(|&c| c < 80)
    }) else {
        return;
    };
    let mut i = at;
    while i < kept.len() {
        let (no, text, _) = kept[i].clone();
        if i > at && text::marker(&text).is_some() {
            break;
        }
        let cuts = cut_points(&text);
        if cuts.is_empty() {
            i += 1;
            continue;
        }
        let mut pieces = Vec::new();
        let mut from = 0;
        for cut in cuts.into_iter().chain([text.len()]) {
            pieces.push((no, text[from..cut].trim().to_string(), true));
            from = cut;
        }
        warnings.push(warn(
            no,
            WarningKind::Note,
            format!(
                "the preamble runs on in one line: cut into {} paragraphs before each recital opener (`Noting`, `Recalling`, …)",
                pieces.len()
            ),
        ));
        pieces[0].2 = kept[i].2;
        let n = pieces.len();
        kept.splice(i..=i, pieces);
        i += n;
    }
}

/// A list whose items a copy reflowed onto one line (`- to build the grid; - to join
/// forces …;`): the line is cut before each bullet that follows a `;`, as many items as it
/// holds, and the cut reported.
fn split_reflowed_bullets(kept: &mut Vec<(usize, String, bool)>, warnings: &mut Vec<Warning>) {
    let mut i = 0;
    while i < kept.len() {
        let (no, text, blank_before) = kept[i].clone();
        let Some(bullet) = ["- ", "– ", "— ", "• "]
            .into_iter()
            .find(|b| text.starts_with(b))
        else {
            i += 1;
            continue;
        };
        let separator = format!("; {bullet}");
        if !text.contains(&separator) {
            i += 1;
            continue;
        }
        // Each piece but the last gets back the `;` the cut took; the last ends as the line.
        let parts: Vec<&str> = text.split(&separator).collect();
        let last = parts.len() - 1;
        let pieces: Vec<(usize, String, bool)> = parts
            .iter()
            .enumerate()
            .map(|(n, piece)| {
                let lead = if n == 0 { "" } else { bullet };
                let end = if n == last { "" } else { ";" };
                (no, format!("{lead}{piece}{end}"), n == 0 && blank_before)
            })
            .collect();
        warnings.push(warn(
            no,
            WarningKind::Note,
            format!(
                "the list's items run on in one line: cut into {} items before each `{}`",
                pieces.len(),
                bullet.trim()
            ),
        ));
        let n = pieces.len();
        kept.splice(i..=i, pieces);
        i += n;
    }
}

/// Where a line is cut before a recital opener: after `, ` (or `; `) and before the word.
fn cut_points(text: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    for (i, _) in text.match_indices(", ").chain(text.match_indices("; ")) {
        let after = &text[i + 2..];
        let word = after.split([' ', ',']).next().unwrap_or("");
        if RECITAL_OPENERS.contains(&word) {
            cuts.push(i + 2);
        }
    }
    cuts.sort_unstable();
    cuts
}

/// A typewriter's table (`Chairman of      Deputy Chairman`): a run of three spaces or
/// more between words parts two cells, written as a tab, as the structured readers write a
/// table row's cells.
fn cells(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut spaces = 0;
    for c in text.chars() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        match spaces {
            0 => {}
            1 | 2 => out.push_str(&" ".repeat(spaces)),
            _ => out.push('\t'),
        }
        spaces = 0;
        out.push(c);
    }
    out
}

/// Runs of spaces shrunk to one: a typewriter's justified line (`noting the  decline`) says
/// what a word processor's says. Tabs, which part a table's cells, stay.
fn shrink_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !(c == ' ' && out.ends_with([' ', '\t'])) {
            out.push(c);
        }
    }
    out
}

/// The kept lines with their `blank_before`. A page break (removed furniture) inside a
/// paragraph leaves blank lines around it; when the line before the break stops
/// mid-sentence, the paragraph goes on after it, and the join is reported.
fn keep(raw: &[Raw], warnings: &mut Vec<Warning>) -> Vec<(usize, String, bool)> {
    let mut kept: Vec<(usize, String, bool)> = Vec::new();
    let mut blank = true;
    let mut page_break = false;
    // A table is rows: a line set in columns next to another one. A run of spaces in a
    // line of prose alone is only a typist's slip, shrunk like any other.
    let columned: Vec<bool> = raw
        .iter()
        .map(|r| r.text.as_deref().is_some_and(|t| cells(t).contains('\t')))
        .collect();
    let in_table = |i: usize| {
        columned[i] && ((i > 0 && columned[i - 1]) || columned.get(i + 1).copied().unwrap_or(false))
    };
    for (i, line) in raw.iter().enumerate() {
        page_break |= line.page_break;
        let Some(text) = &line.text else {
            blank = true;
            continue;
        };
        let mut blank_before = blank;
        if let Some((prev_no, prev, _)) = kept.last()
            && page_break
            && blank
            && goes_on(prev, text)
        {
            blank_before = false;
            warnings.push(warn(
                i + 1,
                WarningKind::Note,
                format!("joined to line {prev_no} across a page break: the paragraph goes on"),
            ));
        }
        let text = if in_table(i) {
            cells(text)
        } else {
            text.clone()
        };
        kept.push((i + 1, shrink_spaces(&text), blank_before));
        blank = false;
        page_break = false;
    }
    kept
}

/// Whether `next` continues the paragraph that `prev` leaves off: `prev` stops mid-sentence,
/// or at a comma with `next` not opening a new recital; never into a list item or heading.
fn goes_on(prev: &str, next: &str) -> bool {
    let new_piece = text::marker(next).is_some()
        || text::bare_marker(next).is_some()
        || super::units::is_heading_line(next);
    if new_piece {
        return false;
    }
    if !prev.ends_with(['.', ';', ':', '!', '?', ',']) {
        return true;
    }
    prev.ends_with(',') && !super::units::opens_recital(next) && !text::opens_heading(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(source: &str) -> Vec<String> {
        clean(source).kept.into_iter().map(|(_, t, _)| t).collect()
    }

    #[test]
    fn crlf_bom_and_blank_lines() {
        let got = clean("\u{feff}\r\nA\r\n\r\n b \r\nc").kept;
        let got: Vec<_> = got.iter().map(|(n, t, b)| (*n, t.as_str(), *b)).collect();
        assert_eq!(got, [(2, "A", true), (4, "b", true), (5, "c", false)]);
    }

    #[test]
    fn furniture_is_recognised_and_words_are_not() {
        for line in ["2", "- 2 -", "– 12 –", "Page 2 of 5", "page 3"] {
            assert!(furniture(line).is_some(), "{line}");
        }
        for line in ["2024 was a year", "Page", "- to start", "3."] {
            assert!(furniture(line).is_none(), "{line}");
        }
    }

    #[test]
    fn hyphenated_breaks_join_and_compounds_keep_their_hyphen() {
        let got = kept(
            "the synchro-\nnisation of grids\ncross-border trade, cross-\nborder rail\nmedium-\nrange defence",
        );
        assert_eq!(
            got,
            [
                "the synchronisation",
                "of grids",
                "cross-border trade, cross-border",
                "rail",
                "medium-range",
                "defence"
            ]
        );
        let cleaned = clean("a synchro-\nnisation");
        assert_eq!(cleaned.joined, 1);
        assert_eq!(cleaned.warnings[0].line, 1);
    }

    #[test]
    fn running_headers_page_marks_and_form_feeds_go_and_are_counted() {
        let source =
            "Head 1\ntext one\n- 1 -\n\u{c}Head 2\ntext two\nPage 2 of 3\n\u{c}\nHead 3\nend";
        let cleaned = clean(source);
        let texts: Vec<&str> = cleaned.kept.iter().map(|(_, t, _)| t.as_str()).collect();
        assert_eq!(texts, ["text one", "text two", "end"]);
        assert_eq!(cleaned.removed, 6);
    }

    #[test]
    fn a_paragraph_cut_by_a_page_break_goes_on() {
        let cleaned = clean(
            "to develop wind farms in\n\nPage 3 of 4\n\nthe Baltic Sea;\n\nPage 4 of 4\n\nregarding energy:",
        );
        let blanks: Vec<bool> = cleaned.kept.iter().map(|(_, _, b)| *b).collect();
        assert_eq!(blanks, [true, false, true]);
    }

    #[test]
    fn footnotes_and_their_markers_are_removed() {
        let got =
            kept("meeting in Tartu,1 the Assembly\nmore text\n1 See the report of the meeting.");
        assert_eq!(got, ["meeting in Tartu, the Assembly", "more text"]);
    }
}
