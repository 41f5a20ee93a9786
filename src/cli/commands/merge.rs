//! `reso followups merge BASE OURS THEIRS [-o OUT]`: git's merge driver for the follow-ups
//! file. Reads the three versions, merges them with `followups::merge_three_way` and
//! replaces OURS (or writes OUT) with exactly the bytes a save writes. An input that is not a
//! valid follow-ups file leaves everything untouched and exits 1, so git reports a conflict
//! instead of committing a broken file.

use std::path::Path;

use anyhow::Context;

use crate::cli::MergeArgs;
use crate::platform::exit;
use crate::platform::quote;
use crate::storage::followups::{self, FollowupsFile};
use crate::storage::load::Problem;

pub fn run(args: &MergeArgs) -> anyhow::Result<u8> {
    let (base, ours, theirs) = match (
        read(&args.base, true),
        read(&args.ours, false),
        read(&args.theirs, false),
    ) {
        (Ok(base), Ok(ours), Ok(theirs)) => (base, ours, theirs),
        (base, ours, theirs) => {
            for problem in [base.err(), ours.err(), theirs.err()].into_iter().flatten() {
                quote::warn(problem);
            }
            return Ok(exit::NOT_FOUND);
        }
    };
    let by = match args.author.name.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => followups::login_name(),
    };
    let merged = followups::merge_three_way(&base, &ours, &theirs, &by);
    let out = args.output.as_deref().unwrap_or(&args.ours);
    // A merge reso could not read back is no merge: git reports a conflict instead.
    let json = merged.to_json();
    let limit = crate::platform::textfile::MAX_FILE_BYTES;
    if json.len() as u64 > limit {
        crate::platform::quote::warn(format_args!(
            "reso: the merge would be {} MiB, more than the {} MiB reso reads; nothing written",
            json.len() as u64 / 1024 / 1024,
            limit / 1024 / 1024
        ));
        return Ok(exit::NOT_FOUND);
    }
    // The one atomic write: a failed write (a full disk) leaves OURS as it was, and git
    // sees the exit status.
    crate::platform::atomic::write(out, json.as_bytes(), true)
        .with_context(|| format!("cannot write the merge to {}", out.display()))?;
    // The process ends here: freeing four files' records one by one would take a fifth of
    // the run time; the OS takes the memory back.
    std::mem::forget((base, ours, theirs, merged));
    Ok(exit::OK)
}

/// One version of the file. git passes an empty file as BASE when the two sides have no
/// common ancestor (both added the file): that is an empty set of follow-ups.
fn read(path: &Path, empty_is_none: bool) -> Result<FollowupsFile, Problem> {
    let name = path.display().to_string();
    if empty_is_none && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
        return Ok(FollowupsFile::default());
    }
    match followups::read_followups(path, &name)? {
        Some((file, _stamp)) => Ok(file),
        None => Err(Problem::whole_file(
            &name,
            "no such file, expected a follow-ups file",
        )),
    }
}
