//! The zip packages that DOCX and ODT files are: telling which one a zip holds, and reading
//! a part as UTF-8 text with a cap on its unpacked size (a small zip can unpack to
//! gigabytes). Knows nothing of what the parts mean.

use std::io::{Cursor, Read};

use zip::ZipArchive;

/// A part larger than this when unpacked is refused: a resolution's `document.xml` is a few
/// hundred kilobytes.
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// What a zip package holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    Docx,
    Odt,
}

pub struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, String> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            format!("cannot read the zip archive ({e}), expected a DOCX or ODT document")
        })?;
        Ok(Package { archive })
    }

    /// DOCX or ODT, or why the zip is neither. ODF names its kind in a `mimetype` part;
    /// a Word document has `word/document.xml` (Word always writes it there).
    pub fn holds(&mut self) -> Result<Holds, String> {
        if let Some(mimetype) = self.part("mimetype")? {
            let mimetype = mimetype.trim();
            return match mimetype.strip_prefix("application/vnd.oasis.opendocument.") {
                Some("text" | "text-template" | "text-master") => Ok(Holds::Odt),
                Some(other) => Err(format!(
                    "an OpenDocument {other} file, expected a text document (.odt)"
                )),
                None => Err(format!(
                    "a zip archive of type {mimetype:?}, expected a DOCX or ODT document"
                )),
            };
        }
        if self.archive.index_for_name("word/document.xml").is_some() {
            return Ok(Holds::Docx);
        }
        if self.archive.index_for_name("xl/workbook.xml").is_some() {
            return Err("an Excel workbook, expected a text document (.docx)".into());
        }
        if self
            .archive
            .index_for_name("ppt/presentation.xml")
            .is_some()
        {
            return Err("a PowerPoint presentation, expected a text document (.docx)".into());
        }
        Err("a zip archive that is neither a DOCX nor an ODT document, expected one of them".into())
    }

    /// The part `name` as text, or `None` when the package has no such part.
    pub fn part(&mut self, name: &str) -> Result<Option<String>, String> {
        let file = match self.archive.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("cannot read {name} in the zip archive: {e}")),
        };
        let mut bytes = Vec::new();
        file.take(MAX_PART_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot unpack {name}: {e}"))?;
        if bytes.len() as u64 > MAX_PART_BYTES {
            return Err(format!(
                "{name} unpacks to more than {} MiB, expected a document's text",
                MAX_PART_BYTES / 1024 / 1024
            ));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            format!(
                "{name} is not UTF-8 (invalid at byte {}), expected XML in UTF-8",
                e.utf8_error().valid_up_to()
            )
        })?;
        Ok(Some(text))
    }
}
