//! `reso followups git-setup [REPO] [--file NAME]`: makes `git pull` merge the follow-ups
//! file with `reso followups merge`: the line `NAME merge=reso` in the work tree's
//! `.gitattributes` (committed, so every clone has it), the driver in the repository's own
//! config (`git config --local`: git never shares it, so each clone runs this once) and the
//! lock file in `.git/info/exclude`; and the clone's folder made private, since git checks
//! files out with the umask's mode (`0644` under `022`), readable by anyone who can reach
//! them. Idempotent; prints what it changed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::cli::GitSetupArgs;
use crate::platform::exit;
use crate::platform::quote;

/// The driver's description in `.git/config`.
const DRIVER_NAME: &str = "reso: follow-ups merged record by record";

pub fn run(args: &GitSetupArgs) -> anyhow::Result<u8> {
    if let Err(why) = check_pattern(&args.file) {
        quote::warn(format_args!("reso: --file {:?}: {why}", args.file));
        return Ok(exit::USAGE);
    }
    let top = git(&args.repo, &["rev-parse", "--show-toplevel"]).with_context(|| {
        format!(
            "{} is not in a git work tree, expected a clone of the team's repository",
            args.repo.display()
        )
    })?;
    let top = PathBuf::from(top);
    let mut report = String::new();

    let attributes = top.join(".gitattributes");
    let line = format!("{} merge=reso", args.file);
    if add_line(&attributes, &line, |l| sets_reso_merge(l, &args.file))? {
        report.push_str(&format!(
            "{}: added {line:?} (commit it so that every clone merges with reso)\n",
            attributes.display()
        ));
    }
    // The lock file reso keeps next to the follow-ups file is this clone's business only.
    let exclude = top.join(git(&top, &["rev-parse", "--git-path", "info/exclude"])?);
    let lock = format!("{}.lock", args.file);
    if add_line(&exclude, &lock, |l| l.trim() == lock)? {
        report.push_str(&format!(
            "{}: added {lock:?} (the lock file is never committed)\n",
            exclude.display()
        ));
    }

    let driver = format!("{} followups merge %O %A %B", reso_command()?);
    for (key, value) in [
        ("merge.reso.name", DRIVER_NAME),
        ("merge.reso.driver", driver.as_str()),
    ] {
        let current = git(&top, &["config", "--local", "--get", key]).ok();
        if current.as_deref() != Some(value) {
            git(&top, &["config", "--local", key, value])?;
            report.push_str(&format!("git config --local {key}: set to {value:?}\n"));
        }
    }
    if let Some(said) = make_private(&top)? {
        report.push_str(&said);
    }
    if report.is_empty() {
        report = format!("{}: already set up, nothing changed\n", top.display());
    }
    super::write_stdout(report.as_bytes())
}

/// Gives the clone's folder the mode that keeps the notes git checks out from others:
/// `0700`, or `0750` (keeping a set-group-ID bit) when the repository is shared with a group
/// (`core.sharedRepository` set, or a set-group-ID folder). What it said, when it changed
/// anything.
fn make_private(top: &Path) -> anyhow::Result<Option<String>> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(top)
        .with_context(|| format!("cannot read {}", top.display()))?
        .permissions()
        .mode()
        & 0o7777;
    let shared = git(top, &["config", "--get", "core.sharedRepository"])
        .ok()
        .is_some_and(|value| shared_with_group(&value));
    let setgid = mode & 0o2000;
    let (wanted, why) = if shared || setgid != 0 {
        (
            0o750 | setgid,
            "the group reads the follow-ups, others cannot",
        )
    } else {
        (0o700, "others cannot read the follow-ups git checks out")
    };
    if mode == wanted {
        return Ok(None);
    }
    std::fs::set_permissions(top, std::fs::Permissions::from_mode(wanted))
        .with_context(|| format!("cannot make {} private", top.display()))?;
    Ok(Some(format!(
        "{}: mode {mode:04o} -> {wanted:04o} ({why})\n",
        top.display()
    )))
}

/// Whether a `core.sharedRepository` value shares the repository with a group (`group`,
/// `true`, `all`, or a mode with group bits), as git reads it.
fn shared_with_group(value: &str) -> bool {
    match value.trim().to_ascii_lowercase().as_str() {
        "group" | "true" | "1" | "all" | "world" | "everybody" | "2" => true,
        "umask" | "false" | "0" | "" => false,
        octal => u32::from_str_radix(octal, 8).is_ok_and(|mode| mode & 0o060 != 0),
    }
}

/// Appends `line` to the text file at `path` (created with its folder if missing) unless a
/// line already satisfies `present`. `Ok(true)` when the file was changed. Appended in place,
/// not replaced: the file keeps its mode, and a line is all there is to lose.
fn add_line(path: &Path, line: &str, present: impl Fn(&str) -> bool) -> anyhow::Result<bool> {
    // Through `textfile`: a FIFO or a device at the path is refused, not waited on.
    let name = path.display().to_string();
    let text = crate::platform::textfile::read_if_exists(path, &name, "a text file")
        .map_err(|problem| anyhow::anyhow!("{problem}"))?
        .unwrap_or_default();
    if text.lines().any(present) {
        return Ok(false);
    }
    let mut added = String::new();
    if !text.is_empty() && !text.ends_with('\n') {
        added.push('\n');
    }
    added.push_str(line);
    added.push('\n');
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create {}", folder.display()))?;
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut file| file.write_all(added.as_bytes()))
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(true)
}

/// A `.gitattributes` pattern we can write and match: one word, not a comment or a negation.
fn check_pattern(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        Err("empty, expected the follow-ups file's name in the repository, e.g. followups.json")
    } else if name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Err("has spaces or control characters, expected a name without, e.g. followups.json")
    } else if name.starts_with(['#', '!', '"']) {
        Err("starts with #, ! or \", expected a file name, e.g. followups.json")
    } else {
        Ok(())
    }
}

/// Whether a `.gitattributes` line already gives `name` the reso merge driver.
fn sets_reso_merge(line: &str, name: &str) -> bool {
    let mut words = line.split_whitespace();
    words.next() == Some(name) && words.any(|w| w == "merge=reso")
}

/// How git should run reso: plain `reso` when the `reso` on `PATH` is this very program
/// (so an upgrade in place is picked up), else the absolute path of the running binary, so
/// that the driver works for git run from cron or an editor whose `PATH` lacks reso.
fn reso_command() -> anyhow::Result<String> {
    let exe = std::env::current_exe().context("cannot tell where the reso binary is")?;
    let exe = exe.canonicalize().unwrap_or(exe);
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("reso"))
            .find(|candidate| candidate.is_file())
    });
    if on_path.and_then(|p| p.canonicalize().ok()).as_deref() == Some(exe.as_path()) {
        return Ok("reso".to_string());
    }
    let Some(text) = exe.to_str() else {
        bail!(
            "the path of the reso binary is not UTF-8: {}",
            exe.display()
        );
    };
    Ok(shell_quote(text))
}

/// `text` as one word for `sh` (git runs the driver through the shell).
fn shell_quote(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+,:@%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// Runs `git -C dir ARGS`, returning its output without the final newline.
fn git(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .context("cannot run git; is it installed?")?;
    if !output.status.success() {
        bail!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let text = String::from_utf8(output.stdout).context("git printed something not UTF-8")?;
    Ok(text.strip_suffix('\n').unwrap_or(&text).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_lines_and_quoting() {
        assert!(check_pattern("data/followups.json").is_ok());
        for bad in ["", "my file.json", "#x", "!x", "a\x1bb"] {
            assert!(check_pattern(bad).is_err(), "{bad:?}");
        }
        assert!(sets_reso_merge(
            "followups.json  text merge=reso",
            "followups.json"
        ));
        assert!(!sets_reso_merge(
            "followups.json merge=union",
            "followups.json"
        ));
        assert!(!sets_reso_merge(
            "# followups.json merge=reso",
            "followups.json"
        ));
        assert_eq!(shell_quote("/usr/local/bin/reso"), "/usr/local/bin/reso");
        for (value, shared) in [
            ("group", true),
            ("true", true),
            ("0660", true),
            ("0640", true),
            ("0600", false),
            ("umask", false),
            ("false", false),
        ] {
            assert_eq!(shared_with_group(value), shared, "{value}");
        }
        assert_eq!(
            shell_quote("/home/o'k/my bin/reso"),
            r"'/home/o'\''k/my bin/reso'"
        );
    }
}
