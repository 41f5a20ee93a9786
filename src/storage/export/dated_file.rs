//! The agenda the browser's `E` writes: Markdown of the follow-ups the filter shows (found
//! with the browser's own index, so with its synonyms), with the browser's `--since` and
//! `--stale-days`, to a new file named for the day in a folder (`agenda-2025-01-10.md`, then
//! `-2`, `-3`, …), never replacing one. The one part of `export` that writes a file.

use std::io;
use std::path::{Path, PathBuf};

use time::Date;

use crate::filter::{FollowupTable, Index, Query};
use crate::model::Library;
use crate::storage::followups::FollowupsFile;
use reso_core::export::{Format, Options, Selection, entries, file_name, render, select};

/// Writes the agenda of `file`'s follow-ups matching `query` (the filter as typed; `None`
/// for all) into `folder`, and says what was written where, or why nothing was.
pub fn write_dated(
    library: &Library,
    index: &Index,
    file: &FollowupsFile,
    query: Option<&str>,
    today: Date,
    options: &Options,
    folder: &Path,
) -> String {
    let selection = Selection {
        query: query.map(str::to_string),
        ..Selection::default()
    };
    let search =
        |query: &Query, table: &FollowupTable| index.search(library, query, table, today, None);
    let selected = match select(library, &entries(file, library), &selection, search) {
        Ok(selected) => selected,
        Err(e) => return format!("agenda not written: {e}"),
    };
    let agenda = render(
        Format::Markdown,
        library,
        &selected,
        today,
        &selection,
        options,
    );
    let name = file_name(Format::Markdown, today);
    let written = write_new(folder, &name, agenda.as_bytes());
    match written {
        // The file's name first: on a narrow terminal the folder is what gets cut.
        Ok(path) => format!(
            "wrote {} ({} follow-up{}) in {}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            selected.len(),
            if selected.len() == 1 { "" } else { "s" },
            folder.display()
        ),
        Err((path, e)) => format!("agenda not written to {}: {e}", path.display()),
    }
}

/// Writes `bytes` to a new file `name` in `folder`, or `STEM-2.md`, `STEM-3.md`, … when the
/// name is taken. Taken means anything is there, a symlink too (dangling or planted): an
/// earlier agenda of the day may have been edited by hand, and a link must not lead the
/// agenda elsewhere. A name taken between the look and the write is passed over as well.
fn write_new(folder: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, (PathBuf, io::Error)> {
    use crate::platform::atomic::{Existing, Folder, Permissions, WriteFailure};
    let opened = Folder::open(folder).map_err(|e| (folder.to_path_buf(), e))?;
    let stem = name.trim_end_matches(".md");
    let names = std::iter::once(name.to_string()).chain((2..).map(|n| format!("{stem}-{n}.md")));
    for candidate in names.take(MOST_AGENDAS_A_DAY) {
        let path = folder.join(&candidate);
        let taken = opened
            .metadata(candidate.as_ref())
            .map_err(|e| (path.clone(), e))?
            .is_some();
        if taken {
            continue;
        }
        match opened.write(
            candidate.as_ref(),
            bytes,
            Existing::Keep,
            Permissions::PRIVATE,
        ) {
            Ok(_) => return Ok(path),
            Err(WriteFailure::Rename { error, .. })
                if error.kind() == io::ErrorKind::AlreadyExists => {}
            Err(failure) => return Err((path, failure.into_error())),
        }
    }
    let error = io::Error::other(format!("{MOST_AGENDAS_A_DAY} agendas of the day are there"));
    Err((folder.join(name), error))
}

/// How many names `write_new` tries before giving up (a folder full of them is a mistake).
const MOST_AGENDAS_A_DAY: usize = 1000;
