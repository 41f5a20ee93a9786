//! `reso followups check [FILE]`, the hidden `reso followups hammer` used by the concurrency
//! tests, and the hand-over to `merge` and `git_setup`. Everything goes through `followups`;
//! nothing here touches the file directly.

use std::io::Write;
use std::path::Path;

use crate::cli::{FollowupsCommand, FollowupsFileArg, HammerArgs};
use crate::exit;
use crate::followups::{self, Change, Edit, Field, Status, Store};
use crate::load::Problem;

pub fn run(args: &FollowupsCommand, file: &FollowupsFileArg) -> anyhow::Result<u8> {
    match args {
        FollowupsCommand::Check { file: given } => {
            let path = match given {
                Some(path) => path.clone(),
                None => followups::resolve_path(file)?,
            };
            check(&path)
        }
        FollowupsCommand::Merge(merge_args) => super::merge::run(merge_args),
        FollowupsCommand::GitSetup(setup_args) => super::git_setup::run(setup_args),
        FollowupsCommand::Hammer(hammer_args) => {
            hammer(&followups::resolve_path(file)?, hammer_args)
        }
    }
}

/// Exit 0 and `OK FILE (N follow-ups)` when the file is valid, else 1 and the problem.
fn check(path: &Path) -> anyhow::Result<u8> {
    let name = path.display().to_string();
    let outcome = followups::resolve_symlinks(path)
        .map_err(|e| Problem::whole_file(&name, format!("cannot read: {e}")))
        .and_then(|real| followups::read_followups(&real, &name));
    let (report, code) = match outcome {
        Ok(Some((file, _))) => (
            format!("OK {name} ({} follow-ups)\n", file.active().count()),
            exit::OK,
        ),
        Ok(None) => (
            format!(
                "{}\n",
                Problem::whole_file(&name, "no such file, expected a follow-ups file")
            ),
            exit::NOT_FOUND,
        ),
        Err(problem) => (format!("{problem}\n"), exit::NOT_FOUND),
    };
    super::write_stdout(report.as_bytes())?;
    Ok(code)
}

/// How many records of its own a hammer writer cycles through. Few, so that the file grows
/// by a history entry per change rather than by a whole record: the file is re-read and
/// rewritten on every save, and the tests should take seconds.
const OWN_RECORDS: usize = 20;

/// Makes `count` changes, each saved through the normal save path before `ack REF N` is
/// printed; change N sets the note of REF to `WRITER N` (marking REF first if needed). Nine
/// in ten go to records of this writer's own; every tenth to a record all writers share, so
/// the merge of one record changed by several sessions is exercised too.
fn hammer(path: &Path, args: &HammerArgs) -> anyhow::Result<u8> {
    let mut store = Store::open(path);
    if let Some(problem) = store.read_only() {
        anyhow::bail!("{problem}");
    }
    let mut stdout = std::io::stdout().lock();
    for n in 0..args.count {
        // No `reload_if_changed` here, unlike the browser: `save` re-reads under the lock
        // anyway, and a second parse per change would only slow the tests down.
        let reference = if n % 10 == 9 {
            "hammer:shared".to_string()
        } else {
            format!("hammer-{}:{}", args.writer, n % OWN_RECORDS)
        };
        let change = Change {
            reference: reference.clone(),
            edits: vec![
                edit(Field::Status, Status::Open.as_str()),
                edit(Field::Note, &format!("{} {n}", args.writer)),
            ],
        };
        store.apply(&change)?;
        store.save()?;
        writeln!(stdout, "ack {reference} {n}")?;
        stdout.flush()?;
    }
    Ok(exit::OK)
}

fn edit(field: Field, to: &str) -> Edit {
    Edit {
        field,
        from: None,
        to: Some(to.to_string()),
    }
}
