//! `reso library` lists what reso opens by default, the bundled resolutions and the user's
//! library, by adoption date: id, date, title, counts, file. `reso library remove ID` takes
//! one out of the library. Files that do not load are listed on standard error (exit 2).

use std::fmt::Write as _;

use crate::cli::{LibraryArgs, LibraryCommand};
use crate::model::Resolution;
use crate::platform::exit;
use crate::platform::quote;
use crate::storage::library;

pub fn run(args: &LibraryArgs) -> anyhow::Result<u8> {
    let folder = library::folder()?;
    match &args.command {
        Some(LibraryCommand::Remove { id }) => remove(&folder, id),
        None => list(&folder),
    }
}

fn list(folder: &std::path::Path) -> anyhow::Result<u8> {
    let mut rows: Vec<(Resolution, String)> = crate::storage::bundled::resolutions()
        .into_iter()
        .map(|r| (r, "(bundled)".to_string()))
        .collect();
    let mut problems = Vec::new();
    for (name, outcome) in library::load(folder)? {
        match outcome {
            Ok(resolution) => rows.push((resolution, name)),
            Err(mut file_problems) => problems.append(&mut file_problems),
        }
    }
    // As the browser opens them: by adoption date, the order of loading for equal dates.
    rows.sort_by(|a, b| crate::model::Resolution::adoption_order(&a.0, &b.0));
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|(r, file)| {
            let commitments: usize = r.areas.iter().map(|a| a.commitments.len()).sum();
            [
                r.id.clone(),
                r.adopted.date_str().to_string(),
                r.title.clone(),
                format!(
                    "{} recitals, {} areas, {commitments} commitments",
                    r.preamble.recitals.len(),
                    r.areas.len()
                ),
                file.clone(),
            ]
        })
        .collect();
    let mut widths = [0usize; 5];
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(unicode_width::UnicodeWidthStr::width(cell.as_str()));
        }
    }
    let mut out = String::new();
    for row in &cells {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                let pad = widths[i] - unicode_width::UnicodeWidthStr::width(cell.as_str());
                let _ = write!(line, "{cell}{}  ", " ".repeat(pad));
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    super::write_stdout(out.as_bytes())?;
    for problem in &problems {
        crate::platform::quote::warn(problem);
    }
    Ok(if problems.is_empty() {
        exit::OK
    } else {
        exit::USAGE
    })
}

fn remove(folder: &std::path::Path, id: &str) -> anyhow::Result<u8> {
    if crate::storage::bundled::resolutions()
        .iter()
        .any(|r| r.id == id)
    {
        quote::warn(format_args!(
            "reso: {id} is bundled with reso and cannot be removed"
        ));
        return Ok(exit::USAGE);
    }
    match library::remove(folder, id)? {
        Some(file) => {
            quote::warn(format_args!(
                "removed {id} ({}); its follow-ups stay in the follow-ups file",
                file.display()
            ));
            Ok(exit::OK)
        }
        None => {
            // The id is the user's argument: escaped on a terminal like any echo.
            quote::warn(format_args!(
                "reso: your library ({}) has no resolution {id}; `reso library` lists them",
                folder.display()
            ));
            Ok(exit::NOT_FOUND)
        }
    }
}
