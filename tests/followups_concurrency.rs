//! Concurrency and crash tests of the follow-ups save protocol, through the real binary's
//! hidden `reso followups hammer`, which saves each change with the browser's save code.

use std::collections::BTreeMap;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use reso::followups::{FollowupsFile, read_followups};

fn hammer(file: &Path, writer: &str, count: usize) -> Child {
    Command::new(env!("CARGO_BIN_EXE_reso"))
        .args(["followups", "hammer", "--writer", writer, "--count"])
        .arg(count.to_string())
        .env("RESO_FOLLOWUPS", file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start reso")
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

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
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

#[test]
fn writer_killed_at_random_moments_loses_no_acknowledged_change() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let mut random = Random::new();
    println!("kill test seed {:#x}", random.0);
    let mut acked = Vec::new();
    let mut kills_before_first_ack = 0;
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
        // After every kill: the file parses and holds everything acknowledged so far.
        assert_all_present(&read(&file), &acked);
    }
    // No stale lock: a new writer gets through, and sweeps the killed writers' temp files.
    let last = hammer(&file, "final", 3).wait_with_output().unwrap();
    assert!(last.status.success());
    acked.extend(acks("final", &String::from_utf8(last.stdout).unwrap()));
    assert_all_present(&read(&file), &acked);
    assert!(temp_files(dir.path()).is_empty(), "stale temp files left");
    println!(
        "30 SIGKILL rounds: {} changes acknowledged and all present ({} kills before any ack)",
        acked.len() - 3,
        kills_before_first_ack
    );
}
