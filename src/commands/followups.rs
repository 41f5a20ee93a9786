//! `reso followups check [FILE]` and the hidden `reso followups hammer` used by the
//! concurrency tests. Both go through `followups`; nothing here touches the file directly.

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

/// Makes `count` changes, each saved through the normal save path before `ack REF N` is
/// printed. Nine in ten mark a record of this writer's own; every tenth rewrites the note of
/// a record all writers share, so the merge of one record is exercised too.
fn hammer(path: &Path, args: &HammerArgs) -> anyhow::Result<u8> {
    let mut store = Store::open(path);
    if let Some(problem) = store.read_only() {
        anyhow::bail!("{problem}");
    }
    let mut stdout = std::io::stdout().lock();
    for n in 0..args.count {
        // As the browser does before each save: pick up other sessions' work.
        let _ = store.reload_if_changed();
        let reference = if n % 10 == 9 {
            "hammer:shared".to_string()
        } else {
            format!("hammer-{}:{n}", args.writer)
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
