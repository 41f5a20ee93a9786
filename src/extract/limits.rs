//! The limits on what a document may make the readers do, in one place. A file within the
//! size limit (`MAX_FILE_BYTES`) can still ask for far more work or memory than its size:
//! a PDF stream that inflates a thousandfold, a form that draws itself, HTML nested so deep
//! that the parser's work grows with the square of the depth. Each limit is far above what
//! a resolution needs and low enough that refusing costs well under a second and that
//! reading what passes stays within a few hundred MiB. A document over a limit is refused
//! with a message that names the limit.

/// The PDF's streams decompressed, all together (images excepted: the reader does not
/// decode them unless a page draws them as a form, which `MAX_PDF_DRAWN_BYTES` counts). A
/// resolution's text, fonts and forms come to a few MiB; a "zlib bomb" inflates a small
/// file to gigabytes.
pub const MAX_PDF_DECODED_BYTES: u64 = 64 * 1024 * 1024;

/// Pages in a PDF. The longest resolutions run to a few hundred pages; the PDF reader
/// looks each page up in the whole page tree, so its work grows with the square of this.
pub const MAX_PDF_PAGES: usize = 2000;

/// How deep forms (Form XObjects) may draw forms. Real documents nest a handful; the PDF
/// reader follows each `Do` by recursion, so a form that draws itself overflows the stack.
pub const MAX_PDF_FORM_DEPTH: usize = 32;

/// The content (drawing instructions) one page has the PDF reader interpret, counting a
/// form again each time it is drawn. The reader holds a stream's instructions parsed, about
/// a hundred times their size, so this bounds the memory: a page of text is tens of KiB.
pub const MAX_PDF_PAGE_DRAWN_BYTES: u64 = 2 * 1024 * 1024;

/// The content all pages have the PDF reader interpret, counting a form each time it is
/// drawn (forms that each draw the next twice draw the last one 2^depth times). The reader
/// interprets about 7 MiB a second.
pub const MAX_PDF_DRAWN_BYTES: u64 = 16 * 1024 * 1024;

/// How deep an HTML page may nest elements. The HTML parser looks through the open elements
/// at each tag, so its work grows with the depth times the number of tags; browsers stop
/// nesting at 512 too (deeper elements become siblings).
pub const MAX_HTML_DEPTH: usize = 512;

/// How many `/Parent` links a page may have above it: as deep as the PDF library follows a
/// page tree down. The PDF reader follows them up by recursion, to find a page's resources
/// and size, so a loop there never ends.
pub const MAX_PDF_TREE_DEPTH: usize = 256;
