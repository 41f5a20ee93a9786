//! Per-keystroke benchmark: types queries character by character on synthetic corpora of 1k
//! to 1M commitments and prints median and p95 per keystroke, two ways:
//! - filter alone: `Index::search` (narrowing from the previous result), the best match, and
//!   highlight positions for 50 visible rows;
//! - browser: `App::handle_key` (filter + rebuild of the visible tree) and one 200x50 frame
//!   drawn with `ui::draw` to ratatui's `TestBackend`.
//!
//! Also the load itself; the index build alone (`Index::new`, which the browser runs on
//! another thread); the time from a loaded library to the first frame (`App::new` + one
//! draw); and the first keystroke right after it (`/` then `n`, drawn), which waits for what
//! is left of the index build.
//!
//! Corpora come from the generator (see `scripts/bench.sh`):
//! `cargo run --release --example corpus -- --commitments N -o target/corpus/cN.json`
//! (for 1M: `-o target/corpus/c1000000`, a folder). Sizes whose corpus is missing are skipped.
//! `RESO_CORPUS_DIR` overrides the folder, `RESO_BENCH_SIZES=0,1000,10000` the sizes (0 is
//! the bundled resolution), `RESO_BENCH_SYNONYMS=FILE` gives both ways a synonyms file.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use reso::app::App;
use reso::filter::{Index, NoFollowups, Query, SearchResult};
use reso::ui::{self, Theme, View};

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
        .unwrap_or("0,1000,10000,100000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let today = reso::filter::parse_date("2025-01-10").expect("a date");
    println!(
        "| commitments | load ms | index ms | first frame ms | first key ms | typo vocabulary ms | \
         keystrokes | filter median ms | filter p95 ms | browser median ms | browser p95 ms | \
         browser max ms | slowest keystroke |"
    );
    println!(
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
    );
    for n in sizes {
        let (label, path) = if n == 0 {
            ("bundled".to_string(), None)
        } else {
            let file = dir.join(format!("c{n}.json"));
            let folder = dir.join(format!("c{n}"));
            let path = if file.exists() { file } else { folder };
            if !path.exists() {
                eprintln!("skipping {n}: no corpus at {}", path.display());
                continue;
            }
            (n.to_string(), Some(path))
        };
        let t = Instant::now();
        let library = reso::load::load_library(&path.into_iter().collect::<Vec<_>>())
            .expect("the corpus loads")
            .library;
        let load = t.elapsed();

        let synonyms = std::env::var_os("RESO_BENCH_SYNONYMS")
            .map(|file| reso::synonyms_file::load(Path::new(&file)).0)
            .unwrap_or_default();
        let (filter, vocab, index_build) = {
            let t = Instant::now();
            let mut index = Index::new(&library);
            let index_build = t.elapsed();
            index.set_synonyms(synonyms.clone());
            // One-time cost of the first mistyped term (the warm-up below hides it).
            let t = Instant::now();
            index.prepare_typos();
            let vocab = t.elapsed();
            // Warm-up pass (page faults, typo vocabulary); not measured.
            type_all(&index, &library, today, &mut |_, _| {});
            let mut times = Vec::new();
            type_all(&index, &library, today, &mut |_, d| times.push(d));
            times.sort();
            (times, vocab, index_build)
        };

        let t = Instant::now();
        let store = reso::followups::Store::open(Path::new("/nonexistent/reso/followups.json"));
        let mut app = App::new(library, today, reso::browse::carry::opened(&store));
        app.set_synonyms(synonyms);
        let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("a test terminal");
        let mut view = View::default();
        let theme = Theme {
            color: true,
            ascii: false,
        };
        terminal
            .draw(|frame| ui::draw(frame, &app, &mut view, &theme))
            .expect("a frame");
        let first_frame = t.elapsed();
        // The first keystroke, at once: it waits for the index thread to finish.
        let t = Instant::now();
        press(&mut app, KeyCode::Char('/'));
        press(&mut app, KeyCode::Char('n'));
        terminal
            .draw(|frame| ui::draw(frame, &app, &mut view, &theme))
            .expect("a frame");
        let first_key = t.elapsed();
        press(&mut app, KeyCode::Esc);
        let mut browser = Vec::new();
        let mut slowest = (Duration::ZERO, String::new());
        // The first pass warms up, as for the filter alone.
        for pass in 0..2 {
            for line in QUERIES {
                press(&mut app, KeyCode::Char('/'));
                for (i, c) in line.char_indices() {
                    let t = Instant::now();
                    press(&mut app, KeyCode::Char(c));
                    terminal
                        .draw(|frame| ui::draw(frame, &app, &mut view, &theme))
                        .expect("a frame");
                    let d = t.elapsed();
                    if pass == 1 {
                        browser.push(d);
                        if d > slowest.0 {
                            slowest = (d, line[..i + c.len_utf8()].to_string());
                        }
                    }
                }
                press(&mut app, KeyCode::Esc);
            }
        }
        browser.sort();
        println!(
            "| {label} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | `{}` |",
            ms(load),
            ms(index_build),
            ms(first_frame),
            ms(first_key),
            ms(vocab),
            browser.len(),
            ms(percentile(&filter, 0.5)),
            ms(percentile(&filter, 0.95)),
            ms(percentile(&browser, 0.5)),
            ms(percentile(&browser, 0.95)),
            ms(*browser.last().expect("keystrokes")),
            slowest.1
        );
    }
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
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
