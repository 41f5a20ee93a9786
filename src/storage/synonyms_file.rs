//! The user's `synonyms.txt` (where: [`crate::platform::paths::synonyms`]), read into the core's
//! [`Synonyms`]. A bad line is reported (`FILE:LINE:COLUMN: …`) and left out, never fatal.

use std::path::Path;

use crate::filter::Synonyms;

/// Reads `path`; a missing file is no synonyms and no problem. One that cannot be read (a
/// FIFO or a device is refused rather than waited on, see `textfile`) is one problem.
pub fn load(path: &Path) -> (Synonyms, Vec<String>) {
    let name = path.display().to_string();
    match crate::platform::textfile::read_if_exists(path, &name, "a synonyms file") {
        Ok(Some(text)) => Synonyms::parse(text.strip_prefix('\u{feff}').unwrap_or(&text), &name),
        Ok(None) => (Synonyms::default(), vec![]),
        Err(problem) => (
            Synonyms::default(),
            vec![format!("{problem}; synonyms not used")],
        ),
    }
}

/// The user's synonyms and the problems of their file (none when there is no file).
pub fn load_user() -> (Synonyms, Vec<String>) {
    match crate::platform::paths::synonyms() {
        Some(path) => load(&path),
        None => (Synonyms::default(), Vec::new()),
    }
}
