//! PDF → text with the `pdf-extract` crate: characters placed by their position on the
//! page, so words set one by one get their spaces, a wider gap between lines gives a blank
//! line (a paragraph break), and pages are separated by a form feed, as `pdftotext` does.
//! The text is what copying out of the PDF gives: hyphenated line ends, page numbers and
//! running headers are left for the importer, which joins, removes and reports them.
//! A PDF without a text layer (a scan) is refused with a message that says so, and one over
//! the limits of `limits` (checked by `pdf_limits` first) with one that names the limit.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::{PlainTextOutput, output_doc_page};

use super::pdf_limits;

pub fn text(bytes: &[u8]) -> Result<String, String> {
    let pages = quietly(|| pages(bytes))
        .unwrap_or_else(|| Err("the PDF could not be read (its structure is damaged or uses a feature the PDF reader does not know), expected a PDF with a text layer".to_string()))?;
    if !pages
        .iter()
        .any(|page| page.chars().any(char::is_alphanumeric))
    {
        let n = pages.len();
        return Err(format!(
            "the PDF has no text layer ({n} page{} of images only, as a scanner makes them); reso does not read text from images, expected a PDF with selectable text (run it through OCR first, or import the document's text)",
            if n == 1 { "" } else { "s" }
        ));
    }
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\u{c}\n");
        }
        out.push_str(&tidy(page));
    }
    out.push('\n');
    Ok(out)
}

/// The text of each page.
fn pages(bytes: &[u8]) -> Result<Vec<String>, String> {
    let mut doc = pdf_limits::load(bytes)?;
    if doc.is_encrypted() {
        // Many PDFs are encrypted only against editing, with an empty password to open them.
        doc.decrypt("").map_err(|_| {
            "the PDF is protected by a password, expected a PDF that opens without one".to_string()
        })?;
    }
    pdf_limits::check(&doc)?;
    let mut pages = Vec::new();
    for number in doc.get_pages().keys() {
        let mut text = String::new();
        output_doc_page(&doc, &mut PlainTextOutput::new(&mut text), *number)
            .map_err(|e| format!("cannot read the text of page {number} ({e})"))?;
        pages.push(text);
    }
    Ok(pages)
}

/// Runs `f`, turning a panic in the PDF reader (it has some on damaged files) into `None`
/// without the panic message on the terminal.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    result.ok()
}

/// One page's text, tidied: typographic ligatures (`ﬁ`) spelled out, trailing spaces and
/// the blank lines around the page dropped. A soft hyphen where a line breaks is where the
/// typesetter hyphenated a word: it becomes `-`, for the importer to join and report.
fn tidy(page: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in page.lines() {
        let mut clean = String::with_capacity(line.len());
        for c in line.trim_end().chars() {
            match c {
                '\u{fb00}' => clean.push_str("ff"),
                '\u{fb01}' => clean.push_str("fi"),
                '\u{fb02}' => clean.push_str("fl"),
                '\u{fb03}' => clean.push_str("ffi"),
                '\u{fb04}' => clean.push_str("ffl"),
                '\u{fb05}' | '\u{fb06}' => clean.push_str("st"),
                c => clean.push(c),
            }
        }
        let clean = match clean.strip_suffix('\u{ad}') {
            Some(stem) => format!("{stem}-"),
            None => clean.replace('\u{ad}', ""),
        };
        lines.push(clean);
    }
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].join("\n"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn tidies_a_page() {
        assert_eq!(
            tidy("\n\n  The ﬁrst line   \nsynchro\u{ad}\nnisation of grids\n\n"),
            "  The first line\nsynchro-\nnisation of grids"
        );
    }
}
