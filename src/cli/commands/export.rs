//! `reso export`: loads the resolutions and the follow-ups file (read only, no lock: an
//! export never writes follow-ups), selects, renders with `export::render`, and writes to
//! standard output or `-o FILE` (a new file, or with `--force` one replaced atomically).
//! Exit 0 with follow-ups in the agenda, 1 when the selection is empty (the agenda is still
//! written), 2 on a usage or load error, or when FILE exists and `--force` is not given.

use anyhow::Context;

use crate::cli::{ExportArgs, ExportFormat, FollowupsFileArg};
use crate::platform::exit;
use crate::storage::export::{self, Format, Options, Selection};
use crate::storage::followups::{self, FollowupsFile};
use crate::storage::load;

pub fn run(args: &ExportArgs) -> anyhow::Result<u8> {
    // Refused before anything is read: the answer does not depend on it.
    if let Some(out) = args.output.as_ref().filter(|_| !args.force)
        && out.exists()
    {
        crate::platform::quote::warn(format_args!(
            "reso: {} exists; use --force to replace it, or -o another file",
            out.display()
        ));
        return Ok(exit::USAGE);
    }
    let library = super::load_library(&args.paths)?;
    let (today, as_of) = super::as_of_day(args.as_of);
    let entries = match read_followups_file(&args.followups)? {
        Some(file) => export::entries(&super::as_it_stood(file, as_of), &library),
        None => Vec::new(),
    };
    let selection = Selection {
        statuses: args.status.clone(),
        owner: args.owner.clone(),
        query: args.query.clone(),
    };
    // A query means here what it means in the browser: the same engine, synonyms included.
    let search = |query: &crate::filter::Query, table: &crate::filter::FollowupTable| {
        let (index, problems) = crate::storage::search_engine::index(&library, true);
        for problem in problems {
            crate::platform::quote::warn(problem);
        }
        index.search(&library, query, table, today, None)
    };
    let selected = match export::select(&library, &entries, &selection, search) {
        Ok(selected) => selected,
        Err(e) => {
            crate::platform::quote::warn(format_args!("reso: bad query: {e}"));
            return Ok(exit::USAGE);
        }
    };
    let format = match args.format {
        ExportFormat::Markdown => Format::Markdown,
        ExportFormat::Html => Format::Html,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Json => Format::Json,
    };
    let mut options = Options::defaults(today);
    if let Some(since) = args.since {
        options.since = since.resolve(today);
    }
    options.stale_days = args.stale_days;
    let agenda = export::render(format, &library, &selected, today, &selection, &options);
    match &args.output {
        // Without --force, a file created since the check above is still not replaced.
        Some(out) => crate::platform::atomic::write(out, agenda.as_bytes(), args.force)
            .with_context(|| format!("cannot write {}", out.display()))?,
        None => {
            super::write_stdout(agenda.as_bytes())?;
        }
    }
    Ok(if selected.is_empty() {
        exit::NOT_FOUND
    } else {
        exit::OK
    })
}

/// The follow-ups file in use, read without a lock. `None` when there is none (said on
/// standard error); a file that cannot be read is a load error naming FILE:LINE:COLUMN.
pub(super) fn read_followups_file(arg: &FollowupsFileArg) -> anyhow::Result<Option<FollowupsFile>> {
    let path = followups::resolve_path(arg.path.as_deref())?;
    let name = path.display().to_string();
    match followups::read_followups(&path, &name) {
        Ok(Some((file, _stamp))) => Ok(Some(file)),
        Ok(None) => {
            crate::platform::quote::warn(format_args!(
                "reso: no follow-ups file at {name}; nothing to show"
            ));
            Ok(None)
        }
        Err(problem) => Err(load::LoadError(vec![problem]).into()),
    }
}
