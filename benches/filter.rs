//! Per-keystroke filter benchmark: types queries character by character on synthetic corpora
//! of 1k to 1M commitments and prints median and p95 per keystroke, plus index build time.
//! What a keystroke costs here: `Index::search` (narrowing from the previous result), the best
//! match, and highlight positions for 50 visible rows.
//!
//! Corpora come from the generator (see `scripts/bench.sh`):
//! `cargo run --release --example corpus -- --commitments N -o target/corpus/cN.json`
//! (for 1M: `-o target/corpus/c1000000`, a folder). Sizes whose corpus is missing are skipped.
//! `RESO_CORPUS_DIR` overrides the folder, `RESO_BENCH_SIZES=1000,10000` the sizes.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use reso::filter::{Index, NoFollowups, Query, SearchResult};

/// Queries as staff type them: plain words, two-word phrases, typos, an exclusion, accents.
const QUERIES: &[&str] = &[
    "rail baltica",
    "energy security",
    "hydrogen strategy",
    "defnce industry",
    "enviroment protecton",
    "cyber !centre",
    "nato",
    "parnu",
    "cooperaton",
    "military mobility",
];

/// Rows a 200x50 terminal shows: positions are computed for these only.
const VISIBLE: usize = 50;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let dir = PathBuf::from(std::env::var("RESO_CORPUS_DIR").unwrap_or("target/corpus".into()));
    let sizes: Vec<usize> = std::env::var("RESO_BENCH_SIZES")
        .unwrap_or("1000,10000,100000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let today = reso::filter::parse_date("2025-01-10").expect("a date");
    println!(
        "| commitments | index build ms | keystrokes | median ms | p95 ms | max ms | slowest keystroke |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for n in sizes {
        let file = dir.join(format!("c{n}.json"));
        let folder = dir.join(format!("c{n}"));
        let path = if file.exists() { file } else { folder };
        if !path.exists() {
            eprintln!("skipping {n}: no corpus at {}", path.display());
            continue;
        }
        let library = reso::load::load_library(&[path]).expect("the corpus loads");
        let t = Instant::now();
        let index = Index::new(&library);
        let build = t.elapsed();
        // Warm-up pass (page faults, typo vocabulary); not measured.
        type_all(&index, &library, today, &mut |_, _| {});
        let mut times = Vec::new();
        let mut slowest = (Duration::ZERO, String::new());
        type_all(&index, &library, today, &mut |typed, d| {
            times.push(d);
            if d > slowest.0 {
                slowest = (d, typed.to_string());
            }
        });
        times.sort();
        println!(
            "| {n} | {} | {} | {} | {} | {} | `{}` |",
            ms(build),
            times.len(),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95)),
            ms(*times.last().expect("keystrokes")),
            slowest.1
        );
    }
}

/// Types every query a character at a time; `record` gets the text typed and the time taken.
fn type_all(
    index: &Index,
    library: &reso::model::Library,
    today: time::Date,
    record: &mut dyn FnMut(&str, Duration),
) {
    for line in QUERIES {
        let mut previous: Option<SearchResult> = None;
        for end in line.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let typed = &line[..end];
            let t = Instant::now();
            let query = Query::parse(typed).expect("valid queries");
            let result = index.search(library, &query, &NoFollowups, today, previous.as_ref());
            let best = result.best();
            let visible: usize = result
                .matches()
                .iter()
                .take(VISIBLE)
                .map(|m| index.positions(library, &result, m.item).len())
                .sum();
            std::hint::black_box((best, visible));
            record(typed, t.elapsed());
            previous = Some(result);
        }
    }
}
