//! A file's bytes → what the importer reads. The kind of file (PDF, DOCX, ODT, HTML,
//! Markdown, plain text) is told by its content — magic bytes, the parts of a zip, the start
//! of the markup — the extension deciding only between kinds of text. A structured file
//! (DOCX, ODT, HTML) is read into blocks: paragraphs, headings, list items with the level
//! and counter the file gives, footnotes, table rows. The others are text, whose structure
//! the importer's plain-text front end infers: Markdown (its heading marks and escapes
//! removed), a PDF's text layer, plain text. Knows nothing of what the text means; the
//! importer (`crate::import`) reads it.

mod blocks;
mod docx;
mod html;
mod html_depth;
mod limits;
mod markdown;
mod odt;
mod package;
mod pdf;
mod pdf_limits;
mod xml;

use std::path::Path;

use crate::platform::textfile;
use crate::storage::load::Problem;

/// The kinds of file `reso import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Markdown,
    Html,
    Pdf,
    Docx,
    Odt,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Text => "plain text",
            Kind::Markdown => "Markdown",
            Kind::Html => "HTML",
            Kind::Pdf => "PDF",
            Kind::Docx => "DOCX",
            Kind::Odt => "ODT",
        }
    }
}

/// What every refusal says the file should have been.
const EXPECTED: &str = "expected a resolution as plain text, Markdown, HTML, PDF, DOCX or ODT";

/// A file's content and the kind it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub kind: Kind,
    pub content: Content,
}

/// What a reader hands to the importer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Text whose paragraphs and lists are inferred from its lines.
    Text(String),
    /// The blocks of a structured document.
    Blocks(Vec<crate::import::Block>),
}

impl Extracted {
    fn text(kind: Kind, text: String) -> Extracted {
        Extracted {
            kind,
            content: Content::Text(text),
        }
    }
}

/// Reads the file at `path` and extracts its text. Problems name the file:
/// `FILE:1:1: the PDF has no text layer …`.
pub fn read(path: &Path) -> Result<Extracted, Vec<Problem>> {
    let name = path.display().to_string();
    let whole = |message: String| vec![Problem::whole_file(&name, message)];
    // The checks of every file reso reads, on the descriptor read: a FIFO swapped in after a
    // check of the path could not block the import.
    let file = textfile::open(path).map_err(|e| whole(format!("cannot read: {e}, {EXPECTED}")))?;
    let expected = EXPECTED.strip_prefix("expected ").unwrap_or(EXPECTED);
    let (bytes, _) = textfile::read_bytes(file, &name, expected).map_err(|p| vec![p])?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    extract(&name, &bytes, extension.as_deref())
}

/// Extracts the text of a file's `bytes`; `name` is used in messages only, `extension`
/// (lower case, without the dot) only to tell Markdown and HTML from plain text.
pub fn extract(
    name: &str,
    bytes: &[u8],
    extension: Option<&str>,
) -> Result<Extracted, Vec<Problem>> {
    let whole = |message: String| vec![Problem::whole_file(name, message)];
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Ok(Extracted::text(Kind::Pdf, pdf::text(bytes).map_err(whole)?));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let mut package = package::Package::open(bytes).map_err(whole)?;
        let (kind, blocks) = match package.holds().map_err(whole)? {
            package::Holds::Docx => (Kind::Docx, docx::blocks(&mut package)),
            package::Holds::Odt => (Kind::Odt, odt::blocks(&mut package)),
        };
        return Ok(Extracted {
            kind,
            content: Content::Blocks(blocks.map_err(whole)?),
        });
    }
    if let Some(what) = refused_kind(bytes) {
        return Err(whole(format!("{what}, {EXPECTED}")));
    }
    let decoded = utf16(bytes);
    let is_html = match &decoded {
        Some(text) => looks_like_html(text.as_bytes()),
        None => looks_like_html(bytes),
    } || matches!(extension, Some("html" | "htm" | "xhtml"));
    if is_html {
        let source = match decoded {
            Some(text) => text,
            None => decode_html(bytes),
        };
        return Ok(Extracted {
            kind: Kind::Html,
            content: Content::Blocks(html::blocks(&source).map_err(whole)?),
        });
    }
    let text = match decoded {
        Some(text) => text,
        None => utf8(name, bytes)?,
    };
    if memchr::memchr(0, text.as_bytes()).is_some() {
        return Err(whole(format!("a binary file, {EXPECTED}")));
    }
    if matches!(extension, Some("md" | "markdown")) || markdown::looks_like(&text) {
        return Ok(Extracted::text(Kind::Markdown, markdown::text(&text)));
    }
    Ok(Extracted::text(Kind::Text, text))
}

/// Kinds people are sent that reso cannot read, by their magic bytes, with what to do.
fn refused_kind(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: &[(&[u8], &str)] = &[
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "a Word 97-2003 document (.doc) or another old Office file; save it as DOCX or PDF",
        ),
        (b"{\\rtf", "an RTF document; save it as DOCX, ODT or PDF"),
        (
            b"\x89PNG",
            "a PNG image; reso does not read text from images",
        ),
        (
            b"\xFF\xD8\xFF",
            "a JPEG image; reso does not read text from images",
        ),
        (b"GIF8", "a GIF image; reso does not read text from images"),
        (
            b"II*\0",
            "a TIFF image; reso does not read text from images",
        ),
        (
            b"MM\0*",
            "a TIFF image; reso does not read text from images",
        ),
        (b"\x1F\x8B", "a gzip archive; unpack it first"),
    ];
    KINDS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

/// Text saved as UTF-16 (Windows' "Unicode"), which starts with a byte-order mark.
fn utf16(bytes: &[u8]) -> Option<String> {
    let (big_endian, body) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (false, rest),
        [0xFE, 0xFF, rest @ ..] => (true, rest),
        _ => return None,
    };
    let units = body.chunks_exact(2).map(|pair| match big_endian {
        true => u16::from_be_bytes([pair[0], pair[1]]),
        false => u16::from_le_bytes([pair[0], pair[1]]),
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// `bytes` as UTF-8, or a problem at the first invalid byte.
fn utf8(name: &str, bytes: &[u8]) -> Result<String, Vec<Problem>> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&bytes[..valid]);
        vec![Problem::at(
            name,
            &prefix,
            valid,
            format!("invalid UTF-8 at byte {valid}, expected UTF-8 text (or HTML, PDF, DOCX, ODT)"),
        )]
    })
}

/// Whether text starts as an HTML page does (after a byte-order mark, white space and
/// comments): a doctype, or one of the tags a page opens with.
fn looks_like_html(bytes: &[u8]) -> bool {
    let mut rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    loop {
        rest = rest.trim_ascii_start();
        if let Some(after) = rest.strip_prefix(b"<!--") {
            match memchr::memmem::find(after, b"-->") {
                Some(end) => rest = &after[end + 3..],
                None => return false,
            }
        } else if rest.starts_with(b"<?xml") {
            // XHTML: an XML declaration, then the page.
            match memchr::memchr(b'>', rest) {
                Some(end) => rest = &rest[end + 1..],
                None => return false,
            }
        } else {
            break;
        }
    }
    let lower: Vec<u8> = rest.iter().take(16).map(u8::to_ascii_lowercase).collect();
    let opens = |tag: &[u8]| {
        lower.starts_with(tag)
            && matches!(
                lower.get(tag.len()),
                Some(b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'/')
            )
    };
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<title",
        b"<meta",
        b"<p",
        b"<div",
        b"<h1",
        b"<table",
        b"<article",
        b"<main",
    ]
    .iter()
    .any(|tag| opens(tag))
}

/// An HTML page's bytes as text: UTF-8 when they are, else in the charset the page
/// declares (`<meta charset=windows-1257>`), else windows-1252, as browsers do.
fn decode_html(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let head: Vec<u8> = bytes
        .iter()
        .take(4096)
        .map(u8::to_ascii_lowercase)
        .collect();
    let declared = memchr::memmem::find(&head, b"charset=").and_then(|at| {
        let value = &head[at + 8..];
        let value = value.strip_prefix(b"\"").unwrap_or(value);
        let value = value.strip_prefix(b"'").unwrap_or(value);
        let end = value
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(b)))
            .unwrap_or(value.len());
        encoding_rs::Encoding::for_label(&value[..end])
    });
    let encoding = declared.unwrap_or(encoding_rs::WINDOWS_1252);
    encoding.decode(bytes).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::{Content, Kind, extract, looks_like_html};

    fn kind(bytes: &[u8], extension: Option<&str>) -> Result<Kind, String> {
        extract("f", bytes, extension)
            .map(|e| e.kind)
            .map_err(|p| p[0].to_string())
    }

    #[test]
    fn kinds_are_told_by_content() {
        assert_eq!(kind(b"RESOLUTION\n", Some("pdf")), Ok(Kind::Text));
        assert_eq!(kind(b"<!DOCTYPE html><p>x", Some("txt")), Ok(Kind::Html));
        assert_eq!(
            kind(b"\xEF\xBB\xBF <!-- c -->\n<HTML lang=en>", None),
            Ok(Kind::Html)
        );
        assert_eq!(kind(b"<p>x</p>", Some("html")), Ok(Kind::Html));
        assert_eq!(kind(b"# Title\n", None), Ok(Kind::Markdown));
        assert_eq!(kind(b"Title\n", Some("md")), Ok(Kind::Markdown));
        assert!(!looks_like_html(b"<pre-amble> is not a tag"));
    }

    #[test]
    fn kinds_reso_cannot_read_say_what_they_are() {
        let doc = kind(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", Some("docx")).unwrap_err();
        assert!(doc.starts_with("f:1:1: a Word 97-2003 document"), "{doc}");
        let png = kind(b"\x89PNG\r\n", None).unwrap_err();
        assert!(png.contains("does not read text from images"), "{png}");
        let zip = kind(b"PK\x03\x04 not really", None).unwrap_err();
        assert!(zip.contains("zip archive"), "{zip}");
        let bad = kind(b"ok\n\xFFbad", None).unwrap_err();
        assert_eq!(
            bad,
            "f:2:1: invalid UTF-8 at byte 3, expected UTF-8 text (or HTML, PDF, DOCX, ODT)"
        );
    }

    #[test]
    fn utf16_and_declared_charsets_are_decoded() {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Pärnu\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let content = |bytes: &[u8]| extract("f", bytes, None).unwrap().content;
        assert_eq!(content(&utf16), Content::Text("Pärnu\n".into()));
        let baltic = b"<html><meta charset=\"windows-1257\"><p>Klaip\xEBda</p></html>";
        assert_eq!(
            content(baltic),
            Content::Blocks(vec![crate::import::Block::Paragraph("Klaipėda".into())])
        );
    }
}
