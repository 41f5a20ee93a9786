//! Cutting lines into units: paragraphs and list items, each with its list marker (kind and
//! label) and its wrapped lines joined.

use super::text::{self, Line, MarkerKind};
use super::{Warning, WarningKind};

/// A list marker's kind and label (`Number`, `"3"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub kind: MarkerKind,
    pub text: String,
}

/// A paragraph or list item: source lines read as one piece of text.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    pub first: usize,
    pub lines: Vec<Line<'a>>,
    /// The list marker it started with (not part of `text`).
    pub label: Option<Label>,
    /// The list level the file gives (0 outermost); `None` when only the text shows it.
    pub level: Option<u8>,
    pub text: String,
}

impl Unit<'_> {
    pub fn marked(&self) -> bool {
        self.label.is_some()
    }

    /// Whether it carries a paragraph number (`3.`, `3)`, `(3)`).
    pub fn numbered(&self) -> bool {
        self.label
            .as_ref()
            .is_some_and(|l| l.kind == MarkerKind::Number)
    }

    pub fn last(&self) -> usize {
        self.lines.last().map_or(self.first, |l| l.no)
    }

    pub fn warn(&self, kind: WarningKind, message: impl Into<String>) -> Warning {
        Warning {
            line: self.first,
            last_line: self.last(),
            kind,
            message: message.into(),
        }
    }
}

/// A table's cells run together with spaces: the lines keep their tabs (which tell a table),
/// the text read from them never does.
pub fn untabbed(text: &str) -> String {
    text.replace('\t', " ")
}

/// Words that open a recital (`having`, `recalling`, `aware`, …): where a line after one
/// ending in a comma starts with one, a new recital starts even without a blank line.
pub fn opens_recital(line: &str) -> bool {
    let word = text::first_word(&text::strip_italics(line));
    // `-ing` words that go on a sentence rather than open a recital.
    const GO_ON: [&str; 16] = [
        "including",
        "concerning",
        "regarding",
        "according",
        "during",
        "following",
        "being",
        "notwithstanding",
        "excluding",
        "pending",
        "bring",
        "thing",
        "nothing",
        "something",
        "everything",
        "anything",
    ];
    (word.ends_with("ing") && !GO_ON.contains(&word.as_str()))
        || matches!(
            word.as_str(),
            "aware"
                | "convinced"
                | "mindful"
                | "concerned"
                | "deeply"
                | "alarmed"
                | "determined"
                | "guided"
                | "further"
                | "calls"
                | "call"
                | "urges"
                | "invites"
                | "requests"
                | "whereas"
        )
}

/// A heading line as conference texts set it, complete on one line: `Regarding X:` or
/// `Regarding X, to`.
pub fn is_heading_line(line: &str) -> bool {
    text::opens_heading(line) && (line.ends_with(':') || ends_with_to(line))
}

/// `Regarding X, to`: a heading whose items go on its sentence.
pub fn ends_with_to(line: &str) -> bool {
    line.strip_suffix("to")
        .is_some_and(|l| l.trim_end().ends_with(','))
}

/// Cuts the lines into paragraphs and list items. A piece starts at a blank line, at a list
/// marker, after a line ending in `:` or `;`, at a closing line, at a `regarding` line after
/// a finished sentence or set as a whole heading, and at a recital opener after a line
/// ending in a comma. Other lines continue the piece before them (wrapped text). A number
/// set alone on its line (`3.`) labels the text after it.
pub fn units<'a>(lines: &[Line<'a>]) -> Vec<Unit<'a>> {
    // Where blank lines part the paragraphs, a wrapped line that opens with `…ing` after a
    // comma goes on its sentence; where none do, a recital opener starts a recital unless
    // the line before runs the full width (a wrapped line, not the end of a paragraph).
    let spaced = 8 * lines.iter().filter(|l| l.blank_before).count() >= lines.len();
    let width = lines
        .iter()
        .map(|l| l.text.chars().count())
        .max()
        .unwrap_or(0);
    let short = |p: &str| 100 * p.chars().count() < 85 * width;
    let mut out: Vec<Unit<'a>> = Vec::new();
    let mut prev: Option<&str> = None;
    let mut pending: Option<(Label, Line<'a>)> = None;
    for (i, line) in lines.iter().enumerate() {
        // `With regard to X` alone on its line before a numbered paragraph is a heading even
        // after a recital's comma (European Parliament texts set no colon).
        let next_is_marked = lines
            .get(i + 1)
            .is_some_and(|n| text::marker(n.text).is_some());
        if let Some(bare) = text::bare_marker(line.text) {
            pending = Some((
                Label {
                    kind: bare.kind,
                    text: bare.label.to_string(),
                },
                *line,
            ));
            prev = None;
            continue;
        }
        // `1. Regarding …:` is a numbered heading, not a list item.
        let heading_rest = text::numbered_heading(line.text);
        let marker = match heading_rest {
            Some(_) => None,
            None => text::marker(line.text),
        };
        let starts = match prev {
            None => true,
            Some(p) => {
                line.blank_before
                    || marker.is_some()
                    || heading_rest.is_some()
                    || p.ends_with([':', ';'])
                    || super::words::closing_line(line.text).is_some()
                    || super::words::is_meeting_line(line.text)
                    || super::words::is_meeting_line(p)
                    || super::congress::is_enacting_clause(line.text)
                    || line.text.starts_with("Whereas ")
                    || text::ends_clause(p)
                    || line.text.contains('\t') != p.contains('\t')
                    || (text::opens_heading(line.text) && p.ends_with('.'))
                    || (p.ends_with(',') && is_heading_line(line.text))
                    || (p.ends_with(',') && text::opens_heading(line.text) && next_is_marked)
                    || (!spaced && p.ends_with(',') && short(p) && opens_recital(line.text))
            }
        };
        prev = Some(line.text);
        match out.last_mut() {
            Some(unit) if !starts && pending.is_none() => {
                unit.lines.push(*line);
                unit.text = text::join([unit.text.as_str(), untabbed(line.text).as_str()]);
            }
            _ => {
                let (label, first_lines) = match pending.take() {
                    Some((label, bare_line)) => (Some(label), vec![bare_line, *line]),
                    None => (
                        marker.map(|m| Label {
                            kind: m.kind,
                            text: m.label.to_string(),
                        }),
                        vec![*line],
                    ),
                };
                let body = heading_rest.or(marker.map(|m| m.rest)).unwrap_or(line.text);
                out.push(Unit {
                    first: first_lines[0].no,
                    lines: first_lines,
                    label,
                    level: None,
                    text: text::strip_italics(&untabbed(body)),
                })
            }
        }
    }
    if let Some((_, bare_line)) = pending {
        // A number with nothing after it: kept as text, so that it is reported, not lost.
        out.push(Unit {
            first: bare_line.no,
            lines: vec![bare_line],
            label: None,
            level: None,
            text: bare_line.text.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(no: usize, text: &str, blank_before: bool) -> Line<'_> {
        Line {
            no,
            text,
            blank_before,
        }
    }

    #[test]
    fn a_number_alone_on_its_line_labels_the_text_after_it() {
        let lines = [
            line(1, "3.", true),
            line(3, "_Requests_ the Secretary-General to:", true),
            line(4, "(a) report;", false),
        ];
        let got = units(&lines);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].label.as_ref().unwrap().text, "3");
        assert_eq!(got[0].text, "Requests the Secretary-General to:");
        assert_eq!((got[0].first, got[0].last()), (1, 3));
        assert_eq!(got[1].label.as_ref().unwrap().kind, MarkerKind::Letter);
    }

    #[test]
    fn a_conference_heading_after_an_item_ending_in_a_comma_starts_anew() {
        let lines = [
            line(1, "3. improve the ports,", true),
            line(2, "Regarding energy, to", false),
            line(3, "4. build the grid;", false),
        ];
        let got: Vec<String> = units(&lines).into_iter().map(|u| u.text).collect();
        assert_eq!(
            got,
            [
                "improve the ports,",
                "Regarding energy, to",
                "build the grid;"
            ]
        );
    }
}
