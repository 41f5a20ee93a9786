//! The resolutions compiled into the binary, so `reso` works from any directory, and the
//! default set reso opens: those and the user's library.

use crate::load::{LoadError, Problem};
use crate::model::{Library, Resolution};

/// `(file name, JSON text)` of every bundled resolution.
pub const FILES: &[(&str, &str)] = &[(
    "resolutions/ba-43-2024.json",
    include_str!("../resolutions/ba-43-2024.json"),
)];

/// The bundled resolutions, parsed. They are checked by the test suite, so a failure here
/// is a build defect, not user input.
pub fn resolutions() -> Vec<Resolution> {
    FILES
        .iter()
        .map(|(name, text)| {
            crate::load::parse_resolution(name, text)
                .unwrap_or_else(|errors| panic!("bundled {name} is invalid: {errors:?}"))
        })
        .collect()
}

pub fn library() -> Library {
    Library::new(resolutions())
}

/// What reso opens when no PATH is given: the bundled resolutions and the user's library
/// (`crate::library`), ordered by adoption date. A library file that does not load fails
/// the whole set, as a named file would; without a home folder there is no library.
pub fn default_set() -> Result<Library, LoadError> {
    let mut all = resolutions();
    let Ok(folder) = crate::library::folder() else {
        return Ok(Library::new(all));
    };
    let outcomes = crate::library::load(&folder).map_err(|e| {
        let name = folder.display().to_string();
        LoadError(vec![Problem::whole_file(&name, format!("{e:#}"))])
    })?;
    let mut problems = Vec::new();
    for (_, outcome) in outcomes {
        match outcome {
            Ok(resolution) => all.push(resolution),
            Err(mut file_problems) => problems.append(&mut file_problems),
        }
    }
    if problems.is_empty() {
        Ok(Library::new(all))
    } else {
        Err(LoadError(problems))
    }
}
