//! The agenda the browser's `E` writes: Markdown of the follow-ups the filter shows, with
//! the browser's `--since` and `--stale-days`, to a new file named for the day in a folder
//! (`agenda-2025-01-10.md`, then `-2`, `-3`, …), never replacing one. The one part of
//! `export` that writes a file.

use std::path::Path;

use time::Date;

use super::{Format, Options, Selection, entries, file_name, render, select};
use crate::followups::FollowupsFile;
use crate::model::Library;

/// Writes the agenda of `file`'s follow-ups matching `query` (the filter as typed; `None`
/// for all) into `folder`, and says what was written where, or why nothing was.
pub fn write_dated(
    library: &Library,
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
    let selected = match select(library, &entries(file, library), &selection, today) {
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
    // An earlier agenda of the same day may have been edited by hand: never replace it.
    let stem = name.trim_end_matches(".md");
    let path = std::iter::once(folder.join(&name))
        .chain((2..).map(|n| folder.join(format!("{stem}-{n}.md"))))
        .find(|p| !p.exists())
        .expect("an unused name");
    match crate::atomic::write(&path, agenda.as_bytes(), false) {
        // The file's name first: on a narrow terminal the folder is what gets cut.
        Ok(()) => format!(
            "wrote {} ({} follow-up{}) in {}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            selected.len(),
            if selected.len() == 1 { "" } else { "s" },
            folder.display()
        ),
        Err(e) => format!("agenda not written to {}: {e:#}", path.display()),
    }
}
