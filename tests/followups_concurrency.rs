//! Concurrency and crash tests of the follow-ups save protocol. The writers are separate
//! processes (they must be killable mid-save): this test program itself, started again as
//! `hammer`, which saves each change with the browser's save code (`Store::save`). The
//! program has its own `main` (`harness = false` in Cargo.toml) so that the writer ships in
//! no binary of reso's; `cargo test --test followups_concurrency [NAME]` runs the tests.
//! Others run the real `reso` as a team would: several `reso note` commands at once, and the
//! browser in tmux beside them.

// The runner's helpers (tests/all/common), shared with this program.
#[path = "all/common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::Sandboxed;
use common::tmux::Tmux;
use reso::followups::{
    Change, Edit, Field, FollowupsFile, SaveError, Status, Store, read_followups,
};

/// The tests, by name.
const TESTS: &[(&str, fn())] = &[
    (
        "two_writers_a_thousand_changes_each_lose_nothing",
        two_writers_a_thousand_changes_each_lose_nothing,
    ),
    (
        "writer_killed_at_random_moments_loses_no_acknowledged_change",
        writer_killed_at_random_moments_loses_no_acknowledged_change,
    ),
    (
        "a_lock_held_by_another_process_is_named_and_given_up_on",
        a_lock_held_by_another_process_is_named_and_given_up_on,
    ),
    (
        "four_cli_writers_on_a_new_file_lose_nothing",
        four_cli_writers_on_a_new_file_lose_nothing,
    ),
    (
        "four_cli_writers_on_an_existing_file_lose_nothing",
        four_cli_writers_on_an_existing_file_lose_nothing,
    ),
    (
        "four_cli_writers_appending_to_one_follow_up_lose_no_line",
        four_cli_writers_appending_to_one_follow_up_lose_no_line,
    ),
    (
        "the_browser_beside_three_cli_writers_loses_nothing_it_showed_as_saved",
        the_browser_beside_three_cli_writers_loses_nothing_it_showed_as_saved,
    ),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [role, file, writer, count] = args.as_slice()
        && role == "hammer"
    {
        run_hammer(Path::new(file), writer, count.parse().expect("a count"));
        return;
    }
    if let [role, lock] = args.as_slice()
        && role == "hold-lock"
    {
        hold_lock(Path::new(lock));
        return;
    }
    // Options cargo passes (`--nocapture`, `-q`, …) mean nothing here; a plain word filters.
    let filter = args.iter().find(|a| !a.starts_with('-'));
    let chosen: Vec<_> = TESTS
        .iter()
        .filter(|(name, _)| filter.is_none_or(|f| name.contains(f.as_str())))
        .collect();
    println!("running {} tests", chosen.len());
    for (name, test) in chosen {
        println!("test {name} ...");
        test();
        println!("test {name} ... ok");
    }
}

/// Starts a writer process making `count` changes to `file`.
fn hammer(file: &Path, writer: &str, count: usize) -> Child {
    Command::new(std::env::current_exe().expect("this test program"))
        .args(["hammer".as_ref(), file.as_os_str(), writer.as_ref()])
        .arg(count.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start a writer")
}

/// How many records of its own a writer cycles through. Few, so that the file grows by a
/// history entry per change rather than by a whole record: the file is re-read and
/// rewritten on every save, and the tests should take seconds.
const OWN_RECORDS: usize = 20;

/// The writer: makes `count` changes, each saved through the normal save path before
/// `ack REF N` is printed; change N sets the note of REF to `WRITER N` (marking REF first if
/// needed). Nine in ten go to records of this writer's own; every tenth to a record all
/// writers share, so the merge of one record changed by several sessions is exercised too.
fn run_hammer(path: &Path, writer: &str, count: usize) {
    let mut store = Store::open(path);
    if let Some(problem) = store.read_only() {
        panic!("{problem}");
    }
    let mut stdout = std::io::stdout().lock();
    for n in 0..count {
        // No `reload_if_changed` here, unlike the browser: `save` re-reads under the lock
        // anyway, and a second parse per change would only slow the tests down.
        let reference = if n % 10 == 9 {
            "hammer:shared".to_string()
        } else {
            format!("hammer-{writer}:{}", n % OWN_RECORDS)
        };
        let change = Change {
            reference: reference.clone(),
            edits: vec![
                edit(Field::Status, Status::Open.as_str()),
                edit(Field::Note, &format!("{writer} {n}")),
            ],
        };
        store.apply(&change).expect("a valid change");
        store.save().expect("saved");
        writeln!(stdout, "ack {reference} {n}").unwrap();
        stdout.flush().unwrap();
    }
}

/// The lock holder: takes the lock on `lock` as any program could (`flock`), says `locked`,
/// and holds it until its standard input closes.
fn hold_lock(lock: &Path) {
    let file = std::fs::File::create(lock).expect("the lock file");
    fs4::fs_std::FileExt::lock_exclusive(&file).expect("the lock");
    println!("locked");
    std::io::stdout().flush().unwrap();
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}

fn edit(field: Field, to: &str) -> Edit {
    Edit {
        field,
        from: None,
        to: Some(to.to_string()),
    }
}

/// `(reference, note)` for every `ack REF N` line of `writer`'s output.
fn acks(writer: &str, output: &str) -> Vec<(String, String)> {
    output
        .lines()
        .filter_map(|line| {
            let mut parts = line.strip_prefix("ack ")?.split(' ');
            let reference = parts.next()?.to_string();
            let n = parts.next()?;
            Some((reference, format!("{writer} {n}")))
        })
        .collect()
}

fn read(file: &Path) -> FollowupsFile {
    match read_followups(file, "followups.json") {
        Ok(Some((parsed, _))) => parsed,
        Ok(None) => FollowupsFile::default(),
        Err(problem) => panic!("the file does not parse: {problem}"),
    }
}

/// Every acknowledged change is in the file: an entry setting the note to `WRITER N`.
fn assert_all_present(file: &FollowupsFile, acked: &[(String, String)]) {
    for (reference, note) in acked {
        let record = file
            .followups
            .get(reference)
            .unwrap_or_else(|| panic!("record {reference} lost"));
        assert!(
            record
                .history
                .iter()
                .any(|e| e.field.as_str() == "note" && e.to.as_deref() == Some(note)),
            "acknowledged change {note:?} to {reference} lost"
        );
    }
}

fn assert_lock_free(lock: &Path) {
    if let Ok(file) = std::fs::File::open(lock) {
        let taken = fs4::fs_std::FileExt::try_lock_exclusive(&file).expect("try the lock");
        assert!(taken, "a killed writer left the lock held");
    }
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

fn two_writers_a_thousand_changes_each_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let started = Instant::now();
    let writers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|w| {
            let child = hammer(&file, w, 1000);
            thread::spawn(move || {
                let out = child.wait_with_output().unwrap();
                let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
                assert!(out.status.success(), "writer {w} failed: {stderr}");
                (w, String::from_utf8(out.stdout).unwrap())
            })
        })
        .collect();
    let mut acked = Vec::new();
    for handle in writers {
        let (writer, stdout) = handle.join().unwrap();
        let mine = acks(writer, &stdout);
        assert_eq!(mine.len(), 1000, "writer {writer} acknowledged");
        acked.extend(mine);
    }
    let elapsed = started.elapsed();

    let parsed = read(&file);
    assert_all_present(&parsed, &acked);
    // Each writer's own records end with that writer's last change to them: no save put
    // back an older value.
    let mut last: BTreeMap<&str, &str> = BTreeMap::new();
    for (reference, note) in &acked {
        if reference != "hammer:shared" {
            last.insert(reference, note);
        }
    }
    for (reference, note) in last {
        assert_eq!(parsed.followups[reference].note.as_deref(), Some(note));
    }
    let shared_notes = parsed.followups["hammer:shared"]
        .history
        .iter()
        .filter(|e| e.field.as_str() == "note")
        .count();
    assert_eq!(shared_notes, 200, "100 shared-record changes per writer");
    assert!(temp_files(dir.path()).is_empty());
    println!(
        "2 writers x 1000 changes: {:.1} s, {} changes in the file, {} bytes",
        elapsed.as_secs_f64(),
        acked.len(),
        std::fs::metadata(&file).unwrap().len()
    );
}

/// A small random source without a dependency: std's hasher keys are random per process.
struct Random(u64);

impl Random {
    fn new() -> Random {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(0x5eed);
        Random(hasher.finish() | 1)
    }
    fn below(&mut self, n: u64) -> u64 {
        // xorshift64
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn writer_killed_at_random_moments_loses_no_acknowledged_change() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let mut random = Random::new();
    println!("kill test seed {:#x}", random.0);
    let mut acked = Vec::new();
    let mut kills_before_first_ack = 0;
    // Rounds whose kill left a temp file behind: killed between writing and renaming.
    let mut kills_mid_write = 0;
    for round in 0..30 {
        let writer = format!("k{round}");
        let mut child = hammer(&file, &writer, 1_000_000);
        // The binary takes a few milliseconds to start; kill anywhere from before its first
        // save to deep into a run of saves.
        thread::sleep(Duration::from_millis(random.below(400)));
        child.kill().expect("SIGKILL the writer");
        child.wait().unwrap();
        let mut stdout = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut stdout)
            .unwrap();
        let mine = acks(&writer, &stdout);
        if mine.is_empty() {
            kills_before_first_ack += 1;
        }
        acked.extend(mine);
        // After every kill: the file parses and holds everything acknowledged so far, and
        // the dead writer's lock is gone (taken at once, without waiting).
        assert_all_present(&read(&file), &acked);
        assert_lock_free(&dir.path().join("followups.json.lock"));
        if !temp_files(dir.path()).is_empty() {
            kills_mid_write += 1;
        }
    }
    // No stale lock: a new writer gets through, and sweeps the killed writers' temp files.
    let last = hammer(&file, "final", 3).wait_with_output().unwrap();
    assert!(last.status.success());
    acked.extend(acks("final", &String::from_utf8(last.stdout).unwrap()));
    assert_all_present(&read(&file), &acked);
    assert!(temp_files(dir.path()).is_empty(), "stale temp files left");
    // The lock file is as private as the file it locks (issue 12: it used to be 0666).
    let mode = std::fs::metadata(dir.path().join("followups.json.lock"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    println!(
        "30 SIGKILL rounds: {} changes acknowledged and all present; {} kills before any ack, {} mid-write (temp file left, swept later)",
        acked.len() - 3,
        kills_before_first_ack,
        kills_mid_write
    );
}

/// A save that finds the lock held does not wait for ever: `try_save` names the holder at
/// once, a bounded save gives up with the change still pending and the file untouched, and
/// the next save after the holder lets go goes through.
fn a_lock_held_by_another_process_is_named_and_given_up_on() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let mut holder = Command::new(std::env::current_exe().unwrap())
        .arg("hold-lock")
        .arg(dir.path().join("followups.json.lock"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the lock holder");
    let mut said = [0u8; 7];
    holder.stdout.take().unwrap().read_exact(&mut said).unwrap();
    assert_eq!(&said, b"locked\n");

    let mut store = Store::open(&file).with_author("me");
    store.mark("ba-43-2024:1.1", "text").unwrap();
    let Err(SaveError::Locked { holder: who, .. }) = store.try_save() else {
        panic!("the lock is held by the other process");
    };
    assert_eq!(who.pid, Some(holder.id()));
    // The holder runs as us: its user is ours, from the user database.
    let me = reso::followups::user_name(unsafe { libc::getuid() });
    assert_eq!(who.user, me);
    assert!(
        who.to_string().contains(&format!("pid {}", holder.id())),
        "{who}"
    );
    let error = store.save_within(Duration::from_millis(300)).unwrap_err();
    assert!(matches!(error, SaveError::Locked { .. }));
    assert!(error.to_string().ends_with("not saved"), "{error}");
    assert_eq!(store.unsaved(), 1, "the change is kept");
    assert!(!file.exists(), "nothing written");

    drop(holder.stdin.take());
    holder.wait().unwrap();
    assert_eq!(store.save().unwrap().changes, 1);
    assert_eq!(store.unsaved(), 0);
    assert!(read(&file).followups.contains_key("ba-43-2024:1.1"));
    println!("lock holder named as {who}");
}

/// `reso note REF --append LINE` as a teammate or a cron job runs it, in the test's sandbox.
fn reso_note(file: &Path, reference: &str, line: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_reso"))
        .sandboxed()
        .args(["note", reference, "--append", line, "--followups"])
        .arg(file)
        .output()
        .expect("run reso")
}

/// `writers` CLI writers at once, each appending `count` lines `wI-J` to the note of
/// `reference(I)`. The lines whose command exited 0, and the failures' messages.
fn cli_writers(
    file: &Path,
    writers: usize,
    count: usize,
    reference: fn(usize) -> String,
) -> (Vec<(String, String)>, Vec<String>) {
    let handles: Vec<_> = (1..=writers)
        .map(|i| {
            let file = file.to_path_buf();
            thread::spawn(move || {
                let mut acked = Vec::new();
                let mut failed = Vec::new();
                for j in 1..=count {
                    let line = format!("w{i}-{j}");
                    let out = reso_note(&file, &reference(i), &line);
                    if out.status.success() {
                        acked.push((reference(i), line));
                    } else {
                        failed.push(String::from_utf8_lossy(&out.stderr).into_owned());
                    }
                }
                (acked, failed)
            })
        })
        .collect();
    let mut acked = Vec::new();
    let mut failed = Vec::new();
    for handle in handles {
        let (a, f) = handle.join().unwrap();
        acked.extend(a);
        failed.extend(f);
    }
    (acked, failed)
}

/// The acknowledged lines missing from the notes as the file holds them now.
fn missing_lines<'a>(file: &FollowupsFile, acked: &'a [(String, String)]) -> Vec<&'a str> {
    acked
        .iter()
        .filter(|(reference, line)| {
            let note = file
                .followups
                .get(reference)
                .and_then(|r| r.note.as_deref())
                .unwrap_or("");
            !note.lines().any(|l| l == line)
        })
        .map(|(_, line)| line.as_str())
        .collect()
}

/// Every name in the folder besides the file and its lock: a save that went elsewhere
/// (`followups.json (deleted)`, issue 18) or a temp file left behind.
fn strays(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "followups.json" && n != "followups.json.lock")
        .collect()
}

/// Four writers, 150 appends each, to four follow-ups of one file: every command that
/// exited 0 has its line in the file, and nothing was written anywhere else.
fn four_cli_writers(existing: bool) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    if existing {
        assert!(reso_note(&file, "2.1", "first").status.success());
    }
    let started = Instant::now();
    let (acked, failed) = cli_writers(&file, 4, 150, |i| format!("ba-43-2024:1.{i}"));
    let elapsed = started.elapsed();
    assert!(
        failed.is_empty(),
        "{} commands failed: {failed:?}",
        failed.len()
    );
    let parsed = read(&file);
    let missing = missing_lines(&parsed, &acked);
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged lines lost: {missing:?}",
        missing.len(),
        acked.len()
    );
    assert_eq!(strays(dir.path()), Vec::<String>::new(), "stray files");
    if existing {
        assert!(parsed.followups.contains_key("ba-43-2024:2.1"));
    }
    println!(
        "4 CLI writers x 150 appends ({} file): 0 of 600 lost, {:.1} s",
        if existing { "existing" } else { "new" },
        elapsed.as_secs_f64()
    );
}

fn four_cli_writers_on_a_new_file_lose_nothing() {
    four_cli_writers(false);
}

fn four_cli_writers_on_an_existing_file_lose_nothing() {
    four_cli_writers(true);
}

/// A cron job and three colleagues appending to one follow-up: each append is made on the
/// note as the file holds it under the lock, so no line replaces another's.
fn four_cli_writers_appending_to_one_follow_up_lose_no_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let (acked, failed) = cli_writers(&file, 4, 50, |_| "ba-43-2024:1.1".to_string());
    assert!(failed.is_empty(), "{failed:?}");
    let missing = missing_lines(&read(&file), &acked);
    assert!(
        missing.is_empty(),
        "{} of {} lines lost from the note: {missing:?}",
        missing.len(),
        acked.len()
    );
    assert_eq!(strays(dir.path()), Vec::<String>::new());
}

/// The browser sets an owner again and again while three CLI writers append to other
/// follow-ups of the same file: every owner the browser showed as `saved` is in the file's
/// history, the last one is the owner, and every acknowledged CLI line is there.
fn the_browser_beside_three_cli_writers_loses_nothing_it_showed_as_saved() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let command = format!(
        "LANG=C.UTF-8 {} --followups {}",
        env!("CARGO_BIN_EXE_reso"),
        file.display()
    );
    let browser = Tmux::start("concurrent", 120, 30, &command);
    browser.wait_for("ba-43-2024:1.1");
    let writers = {
        let file = file.clone();
        thread::spawn(move || cli_writers(&file, 3, 60, |i| format!("ba-43-2024:1.{}", i + 1)))
    };
    let mut shown = Vec::new();
    for n in 0..25 {
        let owner = format!("desk-{n}");
        browser.keys(&["o", "C-u"]);
        browser.type_text(&owner);
        browser.keys(&["Enter"]);
        // `saved` next to the new owner: this save completed (a save still waiting for the
        // lock shows no `saved`, a failed one `NOT SAVED`).
        wait_for_all(&browser, &[&owner, "saved"]);
        shown.push(owner);
    }
    let (acked, failed) = writers.join().unwrap();
    assert!(failed.is_empty(), "{failed:?}");
    browser.keys(&["q"]);
    browser.wait_for("EXITED 0");

    let parsed = read(&file);
    let record = &parsed.followups["ba-43-2024:1.1"];
    for owner in &shown {
        assert!(
            record
                .history
                .iter()
                .any(|e| e.field.as_str() == "owner" && e.to.as_deref() == Some(owner)),
            "the browser showed {owner:?} as saved; it is not in the file"
        );
    }
    assert_eq!(record.owner.as_deref(), shown.last().map(String::as_str));
    let missing = missing_lines(&parsed, &acked);
    assert!(missing.is_empty(), "CLI lines lost: {missing:?}");
    assert_eq!(strays(dir.path()), Vec::<String>::new());
    println!(
        "browser: {} owners shown as saved, all in the file; 3 CLI writers: {} lines, 0 lost",
        shown.len(),
        acked.len()
    );
}

/// Waits until the screen shows every one of `texts` at once.
fn wait_for_all(tmux: &Tmux, texts: &[&str]) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let screen = tmux.screen();
        if texts.iter().all(|t| screen.contains(t)) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {texts:?}; screen:\n{screen}"
        );
        thread::sleep(Duration::from_millis(20));
    }
}
