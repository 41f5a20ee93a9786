//! The blocks a structured file's reader hands to the importer, built one by one: white
//! space tidied in each (a line break inside a paragraph stays a line break), empty ones
//! dropped, the document's notes at the end.

use crate::import::{Block, Counter};

#[derive(Default)]
pub struct Blocks {
    out: Vec<Block>,
    /// Footnotes referred to in the block being read, placed after it once it is pushed.
    pending: Vec<String>,
}

/// No-break spaces become spaces, soft hyphens (invisible unless a line breaks there) go,
/// runs of spaces shrink to one (none after a tab, which separates table cells), each line
/// is trimmed and empty lines dropped; `None` when nothing is left.
pub fn tidy(paragraph: &str) -> Option<String> {
    let mut block = String::new();
    for line in paragraph.split('\n') {
        let mut clean = String::with_capacity(line.len());
        for c in line.chars() {
            match c {
                '\u{ad}' => {}
                ' ' | '\u{a0}' | '\u{2007}' | '\u{202f}' | '\r' => {
                    if !clean.ends_with([' ', '\t']) {
                        clean.push(' ');
                    }
                }
                c => clean.push(c),
            }
        }
        let clean = clean.trim();
        if !clean.is_empty() {
            if !block.is_empty() {
                block.push('\n');
            }
            block.push_str(clean);
        }
    }
    (!block.is_empty()).then_some(block)
}

impl Blocks {
    /// The block being read refers to footnote `label`.
    pub fn refer(&mut self, label: String) {
        self.pending.push(label);
    }

    fn add(&mut self, block: Block) {
        self.out.push(block);
        let refs = std::mem::take(&mut self.pending);
        self.out.extend(refs.into_iter().map(Block::NoteRef));
    }

    /// Adds a paragraph.
    pub fn push(&mut self, paragraph: &str) {
        if let Some(text) = tidy(paragraph) {
            self.add(Block::Paragraph(text));
        }
    }

    /// Adds a list item at `level` (0 outermost) with the counter the file gives it.
    pub fn push_item(&mut self, level: u8, counter: Counter, text: &str) {
        if let Some(text) = tidy(text) {
            self.add(Block::Item {
                level,
                counter,
                text,
            });
        }
    }

    /// Adds a heading (`level` 1 the top).
    pub fn push_heading(&mut self, level: u8, text: &str) {
        if let Some(text) = tidy(text) {
            self.add(Block::Heading { level, text });
        }
    }

    /// Adds a table row; a row with no text adds nothing.
    pub fn push_row(&mut self, cells: Vec<String>) {
        let cells: Vec<String> = cells.iter().map(|c| tidy(c).unwrap_or_default()).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            self.add(Block::TableRow(cells));
        }
    }

    /// Adds the document's footnotes or endnotes, each with its label, after the body, as
    /// they stand at the foot of a printed page.
    pub fn push_notes(&mut self, notes: &[(String, String)]) {
        for (label, text) in notes {
            if let Some(text) = tidy(text) {
                self.out.push(Block::Footnote {
                    label: label.clone(),
                    text,
                });
            }
        }
    }

    pub fn finish(self) -> Vec<Block> {
        self.out
    }
}

/// The blocks as a test reads them: one a paragraph, list items indented by level with
/// their counters (`  b. text`, `• text`), footnotes as `[label] text`.
#[cfg(test)]
pub fn shown(blocks: &[Block]) -> String {
    use crate::import::CounterStyle;
    let shown: Vec<String> = blocks
        .iter()
        .map(|block| match block {
            Block::Item {
                level,
                counter,
                text,
            } => {
                let label = match counter.style {
                    CounterStyle::Hidden => "•".to_string(),
                    style => format!("{}.", style.format(counter.value)),
                };
                format!("{}{label} {text}", "  ".repeat(usize::from(*level)))
            }
            Block::Footnote { label, text } => format!("[{label}] {text}"),
            Block::NoteRef(label) => format!("(refers to [{label}])"),
            Block::TableRow(cells) => cells.join("\t"),
            Block::Heading { text, .. }
            | Block::Paragraph(text)
            | Block::Masthead(text)
            | Block::Furniture(text) => text.clone(),
        })
        .collect();
    shown.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::{Block, Blocks};

    #[test]
    fn tidies_each_block_and_drops_empty_ones() {
        let mut blocks = Blocks::default();
        blocks.push("  RESOLUTION \n\n of the  49th\u{a0}Session ");
        blocks.push(" \n ");
        blocks.push("synchro\u{ad}nisation\tof grids");
        blocks.push_notes(&[("1".into(), "A  note.".into())]);
        assert_eq!(
            blocks.finish(),
            [
                Block::Paragraph("RESOLUTION\nof the 49th Session".into()),
                Block::Paragraph("synchronisation\tof grids".into()),
                Block::Footnote {
                    label: "1".into(),
                    text: "A note.".into()
                },
            ]
        );
    }
}
