//! A team across servers, with real git (issue 13): a bare repository and two clones set up
//! with `reso followups git-setup`; 50 follow-up changes in each clone made with `reso mark`
//! and `reso note` (some to the same records and fields), committed; clone B pulls (a merge)
//! and pushes; clone A pulls with `--rebase`. Both end with the same valid file, without
//! conflict markers, holding every change of both sides as a current value or in a history.

use crate::common::Sandboxed;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use reso::followups::{Field, FollowupsFile, parse_followups};

/// Records both clones change, field by field.
const SHARED: [&str; 3] = ["ba-43-2024:3.1", "ba-43-2024:3.2", "ba-43-2024:3.3"];

struct Team {
    dir: tempfile::TempDir,
}

/// One change made with reso, and how to find it in the merged file.
struct Made {
    reference: String,
    field: Field,
    /// The value set (for a note: the line appended).
    value: String,
    by: String,
}

impl Team {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `git ARGS` in `dir`, isolated from the user's and the system's git configuration.
    fn git(&self, dir: &Path, args: &[&str]) -> Output {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .env("HOME", self.path("home"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.path("home/.gitconfig"))
            .env("GIT_AUTHOR_NAME", "Team")
            .env("GIT_AUTHOR_EMAIL", "team@example.org")
            .env("GIT_COMMITTER_NAME", "Team")
            .env("GIT_COMMITTER_EMAIL", "team@example.org")
            .env("GIT_TERMINAL_PROMPT", "0")
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} in {}: {}{}",
            dir.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// `reso ARGS` with `RESO_FOLLOWUPS` pointing into `clone`, as a service account.
    fn reso(&self, clone: &str, args: &[&str]) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_reso"))
            .sandboxed()
            .args(args)
            .env("RESO_FOLLOWUPS", self.path(clone).join("followups.json"))
            .env("USER", "service")
            .env("HOME", self.path("home"))
            .env_remove("RESO_AUTHOR")
            .output()
            .expect("reso runs");
        assert!(
            out.status.success(),
            "reso {args:?} in {clone}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn commit(&self, clone: &str, message: &str) {
        let dir = self.path(clone);
        self.git(&dir, &["add", "-A"]);
        self.git(&dir, &["commit", "-q", "-m", message]);
    }

    fn file(&self, clone: &str) -> String {
        std::fs::read_to_string(self.path(clone).join("followups.json")).unwrap()
    }
}

/// Change `n` of `who` (`alice` in clone A, `bob` in B): every field kind, on their own
/// records and on the shared ones, with a note line appended every fifth change.
fn change(team: &Team, clone: &str, who: &str, n: usize, own: &[&str]) -> Made {
    let shared = SHARED[n % SHARED.len()];
    let mine = own[n % own.len()];
    let (reference, field, value) = match n % 5 {
        0 => (
            shared,
            Field::Status,
            ["in-progress", "waiting", "done"][n % 3].to_string(),
        ),
        1 => (shared, Field::Note, format!("{who} called, round {n}")),
        2 => (mine, Field::Owner, format!("{who}-desk-{n}")),
        3 => (
            mine,
            Field::Due,
            format!("2027-{:02}-{:02}", n % 12 + 1, n % 28 + 1),
        ),
        _ => (shared, Field::Owner, format!("{who}-{n}")),
    };
    let args: Vec<&str> = match field {
        Field::Note => vec!["note", reference, "--append", &value],
        Field::Status => vec!["mark", reference, "--status", &value],
        Field::Owner => vec!["mark", reference, "--owner", &value],
        _ => vec!["mark", reference, "--due", &value],
    };
    let mut args = args;
    args.extend(["--author", who]);
    let printed = team.reso(clone, &args);
    assert!(printed.starts_with(&format!("{reference}\n")), "{printed}");
    Made {
        reference: reference.to_string(),
        field,
        value,
        by: who.to_string(),
    }
}

fn present(file: &FollowupsFile, made: &Made) -> bool {
    let Some(record) = file.followups.get(&made.reference) else {
        return false;
    };
    let holds = |value: Option<&str>| match made.field {
        Field::Note => value.is_some_and(|v| v.lines().any(|l| l == made.value)),
        _ => value == Some(made.value.as_str()),
    };
    holds(record.value(made.field).as_deref())
        || record
            .history
            .iter()
            .any(|e| e.field == made.field && e.by == made.by && holds(e.to.as_deref()))
}

#[test]
fn two_clones_pull_without_conflicts_and_keep_every_change() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed (.ci/run installs it with apt-get)");
        return;
    }
    let team = Team {
        dir: tempfile::tempdir().unwrap(),
    };
    std::fs::create_dir_all(team.path("home")).unwrap();
    let root = team.path("");
    team.git(&root, &["init", "-q", "--bare", "origin.git"]);
    team.git(
        &team.path("origin.git"),
        &["symbolic-ref", "HEAD", "refs/heads/main"],
    );
    team.git(&root, &["clone", "-q", "origin.git", "a"]);
    let a = team.path("a");
    team.git(&a, &["symbolic-ref", "HEAD", "refs/heads/main"]);

    // Clone A sets up the repository and shares the attributes and a first follow-up.
    let setup = team.reso("a", &["followups", "git-setup", a.to_str().unwrap()]);
    assert!(setup.contains("followups.json merge=reso"), "{setup}");
    team.reso("a", &["mark", SHARED[0], "--author", "alice"]);
    team.commit("a", "follow-ups in git");
    team.git(&a, &["push", "-q", "origin", "main"]);
    team.git(&root, &["clone", "-q", "origin.git", "b"]);
    let b = team.path("b");
    let setup = team.reso("b", &["followups", "git-setup", b.to_str().unwrap()]);
    assert!(
        !setup.contains(".gitattributes"),
        "already committed: {setup}"
    );
    let attr = team.git(&b, &["check-attr", "merge", "followups.json"]);
    assert_eq!(
        String::from_utf8_lossy(&attr.stdout),
        "followups.json: merge: reso\n"
    );

    let mut made = Vec::new();
    let alice_own = ["ba-43-2024:1.1", "ba-43-2024:1.2", "ba-43-2024:1.3"];
    let bob_own = ["ba-43-2024:2.1", "ba-43-2024:2.2", "ba-43-2024:2.3"];
    // A: 25 changes pushed, 25 more committed but not pushed yet.
    for n in 0..25 {
        made.push(change(&team, "a", "alice", n, &alice_own));
    }
    team.commit("a", "alice, first half");
    team.git(&a, &["push", "-q", "origin", "main"]);
    for n in 25..50 {
        made.push(change(&team, "a", "alice", n, &alice_own));
    }
    team.commit("a", "alice, second half");
    // B: 50 changes in five commits, then a merging pull and a push.
    for n in 0..50 {
        made.push(change(&team, "b", "bob", n, &bob_own));
        if n % 10 == 9 {
            team.commit("b", &format!("bob, up to {n}"));
        }
    }
    team.git(
        &b,
        &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
    );
    let merges = team.git(&b, &["rev-list", "--merges", "--count", "HEAD"]);
    assert_eq!(String::from_utf8_lossy(&merges.stdout).trim(), "1");
    team.git(&b, &["push", "-q", "origin", "main"]);
    // A rebases its unpushed commit onto B's merge, pushes; B catches up.
    team.git(&a, &["pull", "-q", "--rebase", "origin", "main"]);
    team.git(&a, &["push", "-q", "origin", "main"]);
    team.git(&b, &["pull", "-q", "--no-rebase", "origin", "main"]);

    let text = team.file("a");
    assert_eq!(text, team.file("b"), "both clones end with the same file");
    for marker in ["<<<<<<<", "=======", ">>>>>>>"] {
        assert!(!text.contains(marker), "conflict marker {marker}");
    }
    for clone in ["a", "b"] {
        let status = team.git(&team.path(clone), &["status", "--porcelain"]);
        assert!(status.stdout.is_empty(), "{clone} is clean");
        let check = team.reso(clone, &["followups", "check"]);
        assert!(check.starts_with("OK "), "{check}");
    }
    let tracked = team.git(&a, &["ls-files"]);
    assert_eq!(
        String::from_utf8_lossy(&tracked.stdout),
        ".gitattributes\nfollowups.json\n",
        "the lock file stays out of the repository"
    );
    let file = parse_followups("followups.json", &text).unwrap();
    assert_eq!(file.to_json(), text, "the bytes a save writes");
    let lost: Vec<String> = made
        .iter()
        .filter(|m| !present(&file, m))
        .map(|m| format!("{} {} {} by {}", m.reference, m.field, m.value, m.by))
        .collect();
    assert!(lost.is_empty(), "changes lost:\n{}", lost.join("\n"));
    // Both sides reached the shared records.
    for reference in SHARED {
        let authors: Vec<&str> = file.followups[reference]
            .history
            .iter()
            .map(|e| e.by.as_str())
            .collect();
        assert!(
            authors.contains(&"alice") && authors.contains(&"bob"),
            "{reference}"
        );
    }
}

/// Issue 18: under umask 022 git checks `followups.json` out `0644` in a `0755` clone, for
/// anyone on the server to read. `git-setup` makes the clone `0700` (`0750` when the
/// repository is shared with a group) and says so; a user outside then reads nothing.
#[test]
fn git_setup_makes_the_clone_private_under_umask_022() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    // The umask is the process's: held at 022 for the whole test, and no other test's meanwhile.
    let _mask = crate::common::umask(0o022);
    let team = Team {
        dir: tempfile::tempdir().unwrap(),
    };
    // Reachable by others, as a home folder usually is.
    std::fs::set_permissions(team.path(""), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::create_dir_all(team.path("home")).unwrap();
    let root = team.path("");
    team.git(
        &root,
        &["init", "-q", "--bare", "--shared=0660", "origin.git"],
    );
    team.git(&root, &["clone", "-q", "origin.git", "a"]);
    let a = team.path("a");
    team.reso("a", &["mark", SHARED[0], "--author", "alice"]);
    team.commit("a", "follow-ups in git");
    team.git(&a, &["push", "-q", "origin", "HEAD"]);
    team.git(&root, &["clone", "-q", "origin.git", "b"]);
    let b = team.path("b");
    let file = b.join("followups.json");
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o7777;
    assert_eq!((mode(&b), mode(&file)), (0o755, 0o644), "git's checkout");
    let outsider_reads = |path: &Path| {
        // A child run as another user (root may give a child any ids).
        Command::new("cat")
            .arg(path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .uid(5301)
            .gid(5301)
            .status()
            .unwrap()
            .success()
    };
    // SAFETY: geteuid has no preconditions.
    let root_user = unsafe { libc::geteuid() } == 0;
    if root_user {
        assert!(outsider_reads(&file), "readable before git-setup");
    }

    let said = team.reso("b", &["followups", "git-setup", b.to_str().unwrap()]);
    assert!(said.contains("mode 0755 -> 0700"), "{said}");
    assert_eq!(mode(&b), 0o700);
    if root_user {
        assert!(
            !outsider_reads(&file),
            "others read the follow-ups after git-setup"
        );
    }
    let again = team.reso("b", &["followups", "git-setup", b.to_str().unwrap()]);
    assert!(again.contains("already set up"), "{again}");

    // A clone shared with a group keeps the group's read access.
    team.git(&a, &["config", "core.sharedRepository", "group"]);
    let said = team.reso("a", &["followups", "git-setup", a.to_str().unwrap()]);
    assert!(said.contains("mode 0755 -> 0750"), "{said}");
    assert_eq!(mode(&a), 0o750);
}
