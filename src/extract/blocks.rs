//! The plain text every reader hands to the importer, built paragraph by paragraph: one
//! block per paragraph (a line break inside a paragraph stays a line break), a blank line
//! between blocks, white space tidied, and the document's notes at the end.

#[derive(Default)]
pub struct Blocks {
    out: String,
}

impl Blocks {
    /// Adds a paragraph. No-break spaces become spaces, soft hyphens (invisible unless a
    /// line breaks there) go, runs of spaces shrink to one (none after a tab, which
    /// separates table cells), each line is trimmed and empty lines dropped; a paragraph
    /// left empty adds nothing.
    pub fn push(&mut self, paragraph: &str) {
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
        if block.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.out.push_str(&block);
    }

    /// Adds the document's footnotes or endnotes, each as `LABEL text`, after the body, as
    /// they stand at the foot of a printed page.
    pub fn push_notes(&mut self, notes: &[(String, String)]) {
        for (label, text) in notes {
            self.push(&format!("{label} {text}"));
        }
    }

    pub fn finish(mut self) -> String {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::Blocks;

    #[test]
    fn tidies_paragraphs_and_separates_them() {
        let mut blocks = Blocks::default();
        blocks.push("  RESOLUTION \n\n of the  49th\u{a0}Session ");
        blocks.push(" \n ");
        blocks.push("synchro\u{ad}nisation\tof grids");
        blocks.push_notes(&[("1".into(), "A note.".into())]);
        assert_eq!(
            blocks.finish(),
            "RESOLUTION\nof the 49th Session\n\nsynchronisation\tof grids\n\n1 A note.\n"
        );
    }
}
