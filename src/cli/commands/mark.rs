//! `reso mark`, `reso unmark` and `reso note`: follow-up changes from scripts and hooks,
//! without a terminal. Each goes through the browser's path (the `Store`: lock, re-read,
//! merge, atomic save, history with the author's name) and prints the record afterwards.
//! Exit 0; 1 when REF names no commitment of the loaded resolutions; 2 on bad input.

use std::fmt::Write as _;

use crate::cli::{AuthorArg, FollowupsFileArg, MarkArgs, NoteArgs, Target, UnmarkArgs};
use crate::model::Library;
use crate::platform::exit;
use crate::platform::quote;
use crate::storage::followups::{self, Field, Followup, Store};

pub fn mark(args: &MarkArgs, file: &FollowupsFileArg) -> anyhow::Result<u8> {
    // Bad values are refused before anything is loaded or locked.
    let status = args.status;
    let due = match args.due.as_deref() {
        None => None,
        Some(text) => match followups::parse_due(text, crate::platform::clock::local_today()) {
            Ok(due) => Some(due),
            Err(e) => {
                quote::warn(format_args!("reso: --due: {e}"));
                return Ok(exit::USAGE);
            }
        },
    };
    change(&args.target, file, |store, reference, text| {
        if store.get(reference).is_none() {
            store.mark(reference, text)?;
        }
        if let Some(status) = status {
            store.set_status(reference, status)?;
        }
        if let Some(note) = &args.note {
            store.set_note(reference, Some(note))?;
        }
        if let Some(owner) = &args.owner {
            store.set_owner(reference, Some(owner))?;
        }
        if let Some(due) = &due {
            store.set_due(reference, due.as_deref())?;
        }
        Ok(())
    })
}

pub fn unmark(args: &UnmarkArgs, file: &FollowupsFileArg) -> anyhow::Result<u8> {
    change(&args.target, file, |store, reference, _text| {
        store.unmark(reference)?;
        Ok(())
    })
}

pub fn note(args: &NoteArgs, file: &FollowupsFileArg) -> anyhow::Result<u8> {
    if args.append.trim().is_empty() {
        quote::warn("reso: --append: nothing to add, expected some text");
        return Ok(exit::USAGE);
    }
    change(&args.target, file, |store, reference, text| {
        if store.get(reference).is_none() {
            store.mark(reference, text)?;
        }
        let note = match store.get(reference).and_then(|f| f.value(Field::Note)) {
            Some(old) => format!("{}\n{}", old.trim_end_matches('\n'), args.append),
            None => args.append.clone(),
        };
        store.set_note(reference, Some(&note))?;
        Ok(())
    })
}

/// Loads the resolutions, finds the commitment, opens the follow-ups file, makes the change
/// with `edit(store, reference, commitment text)`, saves and prints the record.
fn change(
    target: &Target,
    file: &FollowupsFileArg,
    edit: impl FnOnce(&mut Store, &str, &str) -> Result<(), followups::ChangeError>,
) -> anyhow::Result<u8> {
    let Some(author) = author(&target.author) else {
        return Ok(exit::USAGE);
    };
    let library = super::load_library(&target.paths)?;
    let (reference, item) = match find_commitment(&library, &target.reference) {
        Ok(found) => found,
        Err(NotOne::None) => {
            quote::warn(format_args!(
                "reso: {} is no commitment of the loaded resolutions, expected e.g. {}",
                target.reference,
                example(&library)
            ));
            return Ok(exit::NOT_FOUND);
        }
        Err(NotOne::Several(references)) => {
            quote::warn(format_args!(
                "reso: {} is in {} loaded resolutions, expected one of {}",
                target.reference,
                references.len(),
                references.join(", ")
            ));
            return Ok(exit::USAGE);
        }
    };
    let path = followups::resolve_path(file.path.as_deref())?;
    let mut store = Store::open(&path);
    if let Some(name) = author {
        store = store.with_author(&name);
    }
    if let Some(problem) = store.read_only() {
        quote::warn(problem);
        return Ok(exit::USAGE);
    }
    // The change is made under the lock, on the file as it is then: an append made by
    // another writer since the store opened is kept.
    let saved = match store.save_with(|store| edit(store, &reference, library.text(item))) {
        Ok(saved) => saved,
        Err(followups::SaveError::Change(e)) => {
            quote::warn(format_args!("reso: {e}"));
            return Ok(exit::USAGE);
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(warning) = saved.warning {
        quote::warn(format_args!("reso: {warning}"));
    }
    super::write_stdout(describe(&reference, store.record(&reference)).as_bytes())
}

/// `--author NAME`: `None` (and a message) when the name is unusable; `Some(None)` for the
/// default, the login name (`RESO_AUTHOR` is read by clap into the flag; set but empty, it
/// counts as unset, like the other variables reso reads).
fn author(arg: &AuthorArg) -> Option<Option<String>> {
    match arg.name.as_deref().map(str::trim) {
        None | Some("") => Some(None),
        Some(name) if name.chars().any(char::is_control) => {
            quote::warn(format_args!(
                "reso: --author {name:?} is not a name, expected e.g. \"analyst1\""
            ));
            None
        }
        Some(name) => Some(Some(name.to_string())),
    }
}

/// Why `given` names no single commitment.
enum NotOne {
    /// No loaded resolution has it.
    None,
    /// A local id that several loaded resolutions have: their full references.
    Several(Vec<String>),
}

/// The commitment `given` names: a full reference, or a local id (`1.4`) that exactly one
/// loaded resolution has. Recitals are not commitments.
fn find_commitment(
    library: &Library,
    given: &str,
) -> Result<(String, crate::model::ItemId), NotOne> {
    let candidates: Vec<String> = if given.contains(':') {
        vec![given.to_string()]
    } else {
        library
            .resolutions
            .iter()
            .map(|r| format!("{}:{given}", r.id))
            .collect()
    };
    let mut found: Vec<_> = candidates
        .into_iter()
        .filter_map(|reference| {
            let item = library.find(&reference)?;
            library.is_commitment(item).then_some((reference, item))
        })
        .collect();
    match found.len() {
        0 => Err(NotOne::None),
        1 => Ok(found.remove(0)),
        _ => Err(NotOne::Several(
            found.into_iter().map(|(reference, _)| reference).collect(),
        )),
    }
}

/// A reference that exists, for the message of one that does not.
fn example(library: &Library) -> String {
    (0..library.item_count())
        .find(|&id| library.is_commitment(id))
        .map(|id| library.reference(id))
        .unwrap_or_else(|| "ba-43-2024:1.4".to_string())
}

/// The record as printed after a change: the reference, then one `field: value` line each
/// (`-` when unset; further lines of a note indented under the first).
fn describe(reference: &str, record: Option<&Followup>) -> String {
    let mut out = format!("{reference}\n");
    let Some(record) = record else {
        out.push_str("  status:  - (not marked)\n");
        return out;
    };
    let shown = |field: Field| record.value(field).unwrap_or_else(|| "-".to_string());
    let status = match record.status {
        Some(status) => status.as_str().to_string(),
        None => "- (not marked)".to_string(),
    };
    let _ = writeln!(out, "  status:  {status}");
    let _ = writeln!(out, "  owner:   {}", shown(Field::Owner));
    let _ = writeln!(out, "  due:     {}", shown(Field::Due));
    let note = shown(Field::Note);
    let _ = writeln!(out, "  note:    {}", note.replace('\n', "\n           "));
    let by = record.history.last().map(|e| e.by.as_str()).unwrap_or("-");
    let _ = writeln!(out, "  updated: {} by {by}", record.updated);
    out
}
