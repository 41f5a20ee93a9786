//! The resolutions compiled into the binary, so `reso` works from any directory, and the
//! default set reso opens: those and the user's library.

use crate::load::{LoadError, Loaded, Problem};
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
/// (`crate::library`), ordered by adoption date. A library file that does not load is left
/// out, with one warning line naming its first problem (`reso validate` and `reso library`
/// tell them all): one broken file must not stop the browser, `search` and `export`. A library
/// folder that cannot be read fails the set; without a home folder there is no library.
pub fn default_set() -> Result<Loaded, LoadError> {
    let mut all = resolutions();
    let Ok(folder) = crate::library::folder() else {
        return Ok(Loaded {
            library: Library::new(all),
            skipped: Vec::new(),
        });
    };
    let outcomes = crate::library::load(&folder).map_err(|e| {
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
