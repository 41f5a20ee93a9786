//! `reso export`: loads the resolutions and the follow-ups file (read only, no lock: an
//! export never writes follow-ups), selects, renders with `export::render`, and writes to
//! standard output or `-o FILE` (replaced atomically). Exit 0 with follow-ups in the agenda,
//! 1 when the selection is empty (the agenda is still written), 2 on a usage or load error.

use anyhow::Context;

use crate::cli::{ExportArgs, ExportFormat};
use crate::exit;
use crate::export::{self, Format, Selection};
use crate::filter::STATUSES;
use crate::followups;
use crate::load;

pub fn run(args: &ExportArgs) -> anyhow::Result<u8> {
    if let Some(bad) = args.status.iter().find(|s| !STATUSES.contains(&s.as_str())) {
        eprintln!(
            "reso: unknown status {bad:?}, expected one of {}",
            STATUSES.join(", ")
        );
        return Ok(exit::USAGE);
    }
    let library = load::load_library(&args.paths)?;
    let path = followups::resolve_path(&args.followups)?;
    let name = path.display().to_string();
    let entries = match followups::read_followups(&path, &name) {
        Ok(Some((file, _stamp))) => export::entries(&file, &library),
        Ok(None) => {
            eprintln!("reso: no follow-ups file at {name}; the agenda is empty");
            Vec::new()
        }
        Err(problem) => {
            eprintln!("{problem}");
            return Ok(exit::USAGE);
        }
    };
    let selection = Selection {
        statuses: args.status.clone(),
        owner: args.owner.clone(),
        query: args.query.clone(),
    };
    let today = crate::clock::local_today();
    let selected = match export::select(&library, &entries, &selection, today) {
        Ok(selected) => selected,
        Err(e) => {
            eprintln!("reso: bad query: {e}");
            return Ok(exit::USAGE);
        }
    };
    let format = match args.format {
        ExportFormat::Markdown => Format::Markdown,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Json => Format::Json,
    };
    let agenda = export::render(format, &library, &selected, today, &selection);
    match &args.output {
        Some(out) => crate::atomic::write(out, agenda.as_bytes(), true)
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
