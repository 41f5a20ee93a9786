//! The document model: the typed stream of blocks a reader of a structured file (DOCX, ODT,
//! HTML) produces, and the one place that lays blocks out as numbered lines so that the layout
//! reader, its warnings and word conservation see every reader's text the same way.
//!
//! A block says what the file says, and no more: a list item carries its level and the
//! counter the file gives it (Word's and ODF's automatic numbering, `<ol start type>`), read,
//! never printed and re-parsed; a paragraph is text whose structure, if any, was typed
//! (`3. Requests …` typed in a `<p>`), which only the plain-text front end guesses at.

use super::counter::Style;
use super::text::Line;
use super::units::{self, Label, Unit};
use super::{Warning, WarningKind};

/// One piece of a document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Lines of a document's head the file marks as such (an HTML `<header>` inside the
    /// article): read with the title.
    Masthead(String),
    /// A heading (`<h2>`, an ODF `text:h`); `level` 1 is the top.
    Heading { level: u8, text: String },
    /// A paragraph; a line break inside it stays a line break.
    Paragraph(String),
    /// A list item: its nesting `level` (0 for the outermost list) and its counter.
    Item {
        level: u8,
        counter: Counter,
        text: String,
    },
    /// A footnote or endnote with the label the document numbers it by.
    Footnote { label: String, text: String },
    /// The block before refers to the footnote `label` (a `w:footnoteReference`, an ODF
    /// citation, an HTML `doc-noteref`), as pulldown-cmark's `FootnoteReference` event does
    /// inside a paragraph. Takes no lines of its own.
    NoteRef(String),
    /// Page furniture the file marks (a running head or foot): never the resolution's text.
    Furniture(String),
    /// A table row's cells.
    TableRow(Vec<String>),
}

/// A list item's counter: the style its level counts in and the value the file gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    pub style: Style,
    pub value: i64,
}

impl Counter {
    pub fn bullet() -> Counter {
        Counter {
            style: Style::Hidden,
            value: 0,
        }
    }

    /// The marker the layout reader reads (`Number`, `"3"`), from the counter alone.
    fn label(self) -> Label {
        Label {
            kind: self.style.marker_kind(),
            text: self.style.format(self.value),
        }
    }
}

/// The blocks laid out as the lines of a text: each block's lines, a blank line between
/// blocks, list items without their counters (which stay typed in the block).
pub struct Layout {
    /// The text whose 1-based line numbers warnings and conservation refer to.
    pub text: String,
    /// Each block's first and last line.
    spans: Vec<(usize, usize)>,
}

impl Layout {
    pub fn new(blocks: &[Block]) -> Layout {
        let mut text = String::new();
        let mut spans = Vec::with_capacity(blocks.len());
        let mut next = 1;
        for block in blocks {
            if let Block::NoteRef(_) = block {
                // Its lines are the block's it follows.
                let last = spans.last().copied().unwrap_or((1, 0));
                spans.push(last);
                continue;
            }
            let body = match block {
                Block::Masthead(t) | Block::Paragraph(t) | Block::Furniture(t) => t.clone(),
                Block::Heading { text, .. } | Block::Item { text, .. } => text.clone(),
                Block::Footnote { label, text } => format!("{label} {text}"),
                Block::TableRow(cells) => cells.join("\t"),
                Block::NoteRef(_) => unreachable!("skipped above"),
            };
            // Lines trimmed and never empty, so that one block is one run of lines.
            let lines: Vec<&str> = body
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let lines = if lines.is_empty() { vec!["-"] } else { lines };
            if !text.is_empty() {
                text.push('\n');
                next += 1;
            }
            spans.push((next, next + lines.len() - 1));
            for line in &lines {
                text.push_str(line);
                text.push('\n');
            }
            next += lines.len();
        }
        Layout { text, spans }
    }

    /// The block that line `no` belongs to (never a reference, which has no lines).
    fn block_at(&self, no: usize) -> Option<usize> {
        let i = self.spans.partition_point(|&(_, last)| last < no);
        (i < self.spans.len() && self.spans[i].0 <= no).then_some(i)
    }

    /// Each reference's footnote, with the first line of the block that refers to it.
    pub fn notes(&self, blocks: &[Block]) -> Vec<super::pages::FoundNote> {
        blocks
            .iter()
            .enumerate()
            .filter_map(|(i, block)| match block {
                Block::NoteRef(label) => Some((i, label)),
                _ => None,
            })
            .filter_map(|(i, label)| {
                let text = blocks.iter().find_map(|b| match b {
                    Block::Footnote { label: l, text } if l == label => Some(text.clone()),
                    _ => None,
                })?;
                Some(super::pages::FoundNote {
                    line: self.spans[i].0,
                    label: label.clone(),
                    text,
                })
            })
            .collect()
    }

    /// The warnings for the blocks whose words never belong in the resolution — footnotes
    /// and furniture the file marked — for those of their lines still kept.
    pub fn removals(&self, blocks: &[Block], kept: &[Line]) -> Vec<Warning> {
        let mut out = Vec::new();
        for (i, block) in blocks.iter().enumerate() {
            let (first, last) = self.spans[i];
            if !kept.iter().any(|l| (first..=last).contains(&l.no)) {
                continue;
            }
            let (kind, message) = match block {
                Block::Footnote { label, text } => (
                    WarningKind::Removed,
                    format!("removed footnote {label}: {:?}", shorten(text)),
                ),
                Block::Furniture(text) => (
                    WarningKind::PageLine,
                    format!("removed running head or foot {:?}", shorten(text)),
                ),
                _ => continue,
            };
            out.push(Warning {
                line: first,
                last_line: last,
                kind,
                message,
            });
        }
        out
    }

    /// The lines read as units: a list item is one unit with its typed counter and level;
    /// the other blocks, run by run, are cut as the plain-text front end cuts lines.
    pub fn units<'a>(&self, blocks: &[Block], lines: &[Line<'a>]) -> Vec<Unit<'a>> {
        let mut out = Vec::new();
        let mut run: Vec<Line<'a>> = Vec::new();
        let mut at = 0;
        while at < lines.len() {
            let block = self.block_at(lines[at].no);
            let end = lines[at..]
                .iter()
                .position(|l| self.block_at(l.no) != block)
                .map_or(lines.len(), |n| at + n);
            let part = &lines[at..end];
            match block.map(|b| &blocks[b]) {
                Some(Block::Item { level, counter, .. }) => {
                    out.extend(units::units(&run));
                    run.clear();
                    let text = super::text::join(part.iter().map(|l| l.text));
                    let label = counter.label();
                    out.push(Unit {
                        first: part[0].no,
                        lines: part.to_vec(),
                        label: Some(label),
                        level: Some(*level),
                        text: super::text::strip_italics(&units::untabbed(&text)),
                    });
                }
                Some(Block::Footnote { .. } | Block::Furniture(_)) => {}
                _ => run.extend_from_slice(part),
            }
            at = end;
        }
        out.extend(units::units(&run));
        out
    }
}

/// The first words of a long text, for a warning.
fn shorten(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.len() {
        0..=12 => words.join(" "),
        _ => format!("{} …", words[..12].join(" ")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::MarkerKind;
    use super::*;

    fn item(level: u8, style: Style, value: i64, text: &str) -> Block {
        Block::Item {
            level,
            counter: Counter { style, value },
            text: text.into(),
        }
    }

    #[test]
    fn items_keep_their_counters_and_levels_typed() {
        let blocks = [
            Block::Paragraph("Decides:".into()),
            item(0, Style::Decimal, 7, "to act:"),
            item(1, Style::LowerLetter, 9, "in ports;"),
            Block::Footnote {
                label: "1".into(),
                text: "A/80/1.".into(),
            },
        ];
        let layout = Layout::new(&blocks);
        assert_eq!(
            layout.text,
            "Decides:\n\nto act:\n\nin ports;\n\n1 A/80/1.\n"
        );
        let cleaned = super::super::pages::clean(&layout.text);
        let lines = cleaned.lines();
        let units = layout.units(&blocks, &lines);
        let got: Vec<_> = units
            .iter()
            .map(|u| {
                (
                    u.label.clone().map(|l| (l.kind, l.text)),
                    u.level,
                    u.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (None, None, "Decides:"),
                (Some((MarkerKind::Number, "7".into())), Some(0), "to act:"),
                // `i` is the ninth letter here, not a roman one: the list says so.
                (Some((MarkerKind::Letter, "i".into())), Some(1), "in ports;"),
            ]
        );
        let removed = layout.removals(&blocks, &lines);
        assert_eq!(removed.len(), 1);
        assert_eq!(
            (removed[0].line, removed[0].kind),
            (7, WarningKind::Removed)
        );
    }
}
