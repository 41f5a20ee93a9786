//! `reso followups check [FILE]` and the hand-over to `merge` and `git_setup`. Everything
//! goes through `followups`; nothing here touches the file directly.

use std::path::Path;

use crate::cli::{FollowupsCommand, FollowupsFileArg};
use crate::platform::exit;
use crate::storage::followups;
use crate::storage::load::Problem;

pub fn run(args: &FollowupsCommand, file: &FollowupsFileArg) -> anyhow::Result<u8> {
    match args {
        FollowupsCommand::Check { file: given } => {
            let path = match given {
                Some(path) => path.clone(),
                None => followups::resolve_path(file.path.as_deref())?,
            };
            check(&path)
        }
        FollowupsCommand::Merge(merge_args) => super::merge::run(merge_args),
        FollowupsCommand::GitSetup(setup_args) => super::git_setup::run(setup_args),
    }
}

/// Exit 0 and `OK FILE (N follow-ups)` when the file is valid, else 1 and the problem.
fn check(path: &Path) -> anyhow::Result<u8> {
    let name = path.display().to_string();
    let outcome = followups::read_followups(path, &name);
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
