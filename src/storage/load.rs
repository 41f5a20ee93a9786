//! What reso opens: the resolutions named by PATHs, or the default set (the bundled
//! resolutions and the user's library), as one [`Library`], with every problem of every file
//! as `FILE:LINE:COLUMN: what is wrong, what was expected`.

use std::fmt;
use std::path::PathBuf;

pub use reso_core::validate::{
    Problem, Seg, is_slug, line_column, locate, page_mark, parse_resolution, readable_versions,
};

use crate::model::Library;
pub use crate::platform::textfile::MAX_FILE_BYTES;
pub use crate::storage::resolution_files::{FileOutcome, load_files, read_text};

/// All the problems that kept a set of files from loading, one line each when displayed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError(pub Vec<Problem>);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

/// What a load gave: the library, and a warning for each file of the user's library left
/// out because it does not load (always none for named PATHs).
#[derive(Debug)]
pub struct Loaded {
    pub library: Library,
    /// One line per file left out: its first problem, `FILE:LINE:COLUMN: …`.
    pub skipped: Vec<Problem>,
}

/// Loads the resolutions named by `paths` (files, or folders of `*.json` files): any problem
/// in any file fails the whole load, since the user named each file. When `paths` is empty,
/// the bundled resolutions and the user's library ([`default_set`]), where one
/// broken library file is left out with a warning rather than stopping every command.
pub fn load_library(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    if paths.is_empty() {
        return default_set();
    }
    let mut problems = Vec::new();
    let mut loaded = Vec::new();
    for (_, result) in load_files(paths) {
        match result {
            Ok(resolution) => loaded.push(resolution),
            Err(mut file_problems) => problems.append(&mut file_problems),
        }
    }
    if problems.is_empty() {
        Ok(Loaded {
            library: Library::new(loaded),
            skipped: Vec::new(),
        })
    } else {
        Err(LoadError(problems))
    }
}

/// What reso opens when no PATH is given: the bundled resolutions and the user's library
/// (`crate::storage::library`), ordered by adoption date. A library file that does not load is left
/// out, with one warning line naming its first problem (`reso validate` and `reso library`
/// tell them all): one broken file must not stop the browser, `search` and `export`. A library
/// folder that cannot be read fails the set; without a home folder there is no library.
pub fn default_set() -> Result<Loaded, LoadError> {
    let mut all = crate::storage::bundled::resolutions();
    let Ok(folder) = crate::storage::library::folder() else {
        return Ok(Loaded {
            library: Library::new(all),
            skipped: Vec::new(),
        });
    };
    let outcomes = crate::storage::library::load(&folder).map_err(|e| {
        let name = folder.display().to_string();
        LoadError(vec![Problem::whole_file(&name, format!("{e:#}"))])
    })?;
    let mut skipped = Vec::new();
    for (_, outcome) in outcomes {
        match outcome {
            Ok(resolution) => all.push(resolution),
            Err(problems) => {
                let more = problems.len() - 1;
                if let Some(mut first) = problems.into_iter().next() {
                    let more = if more > 0 {
                        format!(" (and {more} more)")
                    } else {
                        String::new()
                    };
                    first.message = format!(
                        "{}{more}; file skipped, `reso library` lists its problems",
                        first.message
                    );
                    skipped.push(first);
                }
            }
        }
    }
    Ok(Loaded {
        library: Library::new(all),
        skipped,
    })
}
