//! Writes three versions of a follow-ups file for the merge driver's benchmark, deterministically:
//! `cargo run --release --example followups_versions -- DIR [RECORDS] [CHANGES]` writes
//! `DIR/base.json` (RECORDS follow-ups, default 1,000, each with a few history entries) and
//! `DIR/ours.json`, `DIR/theirs.json` (CHANGES changes each on top of it, default 100, a fifth
//! of them to the same records and fields on both sides). `scripts/bench-merge.sh` times
//! `reso followups merge` on them.

use std::path::PathBuf;

use reso::followups::{Edit, Field, FollowupsFile, Pending, Timestamp, merge};

/// SplitMix64: small and the same on every platform.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_unix(1_790_000_000 + seconds).expect("a time in range")
}

fn set(field: Field, to: &str) -> Edit {
    Edit {
        field,
        from: None,
        to: Some(to.to_string()),
    }
}

fn reference(n: usize) -> String {
    format!("bench-2026:{}.{}", n / 10 + 1, n % 10 + 1)
}

/// One change of `by` to a record: a status, an owner, a due date or a note.
fn change(rng: &mut Rng, records: usize, n: usize, t: i64, by: &str, shared: bool) -> Pending {
    // Shared changes hit the same few records and fields on both sides.
    let (record, kind) = if shared {
        (n * 7 % records, 1)
    } else {
        (rng.below(records), rng.below(4))
    };
    let statuses = ["open", "in-progress", "waiting", "done"];
    let edit = match kind {
        0 => set(Field::Status, statuses[rng.below(4)]),
        1 => set(Field::Owner, &format!("{by}-desk-{n}")),
        2 => set(
            Field::Due,
            &format!("2027-{:02}-{:02}", rng.below(12) + 1, rng.below(28) + 1),
        ),
        _ => set(
            Field::Note,
            &format!("{by} called the ministry, round {n}.\nFollow up."),
        ),
    };
    Pending {
        reference: reference(record),
        at: at(t),
        by: by.to_string(),
        edits: vec![edit],
    }
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .ok_or_else(|| anyhow::anyhow!("usage: DIR [RECORDS] [CHANGES]"))?,
    );
    let records: usize = args.next().map_or(Ok(1000), |a| a.parse())?;
    let changes: usize = args.next().map_or(Ok(100), |a| a.parse())?;
    let mut rng = Rng(2026);
    let hash = "5e".repeat(32);
    let mut history = Vec::new();
    for n in 0..records {
        let t = n as i64 * 10;
        history.push(Pending {
            reference: reference(n),
            at: at(t),
            by: "analyst1".into(),
            edits: vec![set(Field::Status, "open"), set(Field::TextSha256, &hash)],
        });
        history.push(change(&mut rng, records, n, t + 5, "analyst2", false));
    }
    let base = merge(&FollowupsFile::default(), &history);
    let start = records as i64 * 10;
    let side = |rng: &mut Rng, by: &str, offset: i64| {
        let list: Vec<Pending> = (0..changes)
            .map(|n| {
                change(
                    rng,
                    records,
                    n,
                    start + n as i64 * 4 + offset,
                    by,
                    n % 5 == 0,
                )
            })
            .collect();
        merge(&base, &list)
    };
    let ours = side(&mut rng, "alice", 1);
    let theirs = side(&mut rng, "bob", 2);
    std::fs::create_dir_all(&dir)?;
    for (name, file) in [("base", &base), ("ours", &ours), ("theirs", &theirs)] {
        std::fs::write(dir.join(format!("{name}.json")), file.to_json())?;
    }
    Ok(())
}
