//! Generates a large synthetic corpus in the resolution format, deterministically, for the
//! benchmarks: `cargo run --release --example corpus -- --commitments 100000 -o c100k.json`.
//! Sentences follow the shape of real commitments ("to VERB the ADJ NOUN of ... in PLACE;"),
//! drawn from the words of the bundled resolution plus derived words (a vocabulary of tens of
//! thousands), with accented place names. Above `--per-file` commitments (default 100,000,
//! which keeps files under the loader's 64 MiB limit) `-o` names a folder of files.

use std::path::{Path, PathBuf};

use reso::model::{Adopted, Area, Commitment, Operative, Preamble, Recital, Resolution, Session};

/// SplitMix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// An index skewed towards the start, like word frequencies (roughly Zipf).
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (((n as f64 + 1.0).powf(u) - 1.0) as usize).min(n - 1)
    }
    /// A word: seven times in ten one of the first `REAL` (the real words), else any.
    fn pick<'a>(&mut self, words: &'a [String]) -> &'a str {
        if self.below(10) < 7 {
            &words[self.skewed(words.len().min(REAL))]
        } else {
            &words[self.skewed(words.len())]
        }
    }
}

/// About as many distinct words as the bundled resolution has content words.
const REAL: usize = 900;

const VERBS: &[&str] = &[
    "strengthen",
    "support",
    "develop",
    "establish",
    "coordinate",
    "continue",
    "promote",
    "facilitate",
    "agree on",
    "explore",
    "improve",
    "harmonise",
    "create",
    "implement",
    "assess",
    "ensure",
    "encourage",
    "introduce",
    "review",
    "prepare",
    "intensify",
    "expand",
    "secure",
    "monitor",
    "align",
    "launch",
    "finance",
    "protect",
    "modernise",
    "evaluate",
];
const PLACES: &[&str] = &[
    "Pärnu",
    "Šiauliai",
    "Jūrmala",
    "Liepāja",
    "Klaipėda",
    "Daugavpils",
    "Tartu",
    "Kaunas",
    "Vilnius",
    "Rīga",
    "Tallinn",
    "Suwałki",
    "Gdańsk",
    "Łódź",
    "Tromsø",
    "Malmö",
    "Århus",
    "Ærø",
    "Panevėžys",
    "Võru",
    "Ventspils",
    "Narva",
    "Kuressaare",
    "Alytus",
    "Valmiera",
];
const PREFIXES: &[&str] = &[
    "", "", "", "inter", "re", "co", "trans", "cross", "sub", "over", "pre", "multi", "post",
];
const SUFFIXES: &[&str] = &[
    "", "s", "ation", "ations", "ment", "ments", "ity", "al", "ing", "ed", "ive", "ness", "ship",
    "ism", "ist", "able",
];
const TAILS: &[&str] = &[
    "in the Baltic States",
    "in the region",
    "with the Nordic countries",
    "at the European level",
    "by 2030",
    "in cross-border areas",
    "for the next decade",
    "with partners in the Benelux",
    "in close cooperation with the municipalities",
];

/// Real words of the bundled resolution, split by length into rough parts of speech.
fn base_words() -> (Vec<String>, Vec<String>) {
    let library = reso::bundled::library();
    let mut words: Vec<String> = (0..library.item_count())
        .flat_map(|id| {
            library
                .text(id)
                .split(|c: char| !c.is_alphabetic())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 3)
        .collect();
    words.sort();
    words.dedup();
    let small: Vec<String> = words.iter().filter(|w| w.len() <= 4).cloned().collect();
    let content: Vec<String> = words.into_iter().filter(|w| w.len() > 4).collect();
    (small, content)
}

/// Content words: the real ones first, shuffled so that frequency does not follow the
/// alphabet, then derived ones (rarer, as the tail of a real vocabulary is).
fn vocabulary(rng: &mut Rng, content: &[String]) -> Vec<String> {
    let mut vocab: Vec<String> = content.to_vec();
    for i in (1..vocab.len()).rev() {
        let j = rng.below(i + 1);
        vocab.swap(i, j);
    }
    let roots: Vec<&str> = content
        .iter()
        .map(|w| w.trim_end_matches(['s', 'e', 'y']))
        .filter(|r| r.len() >= 4)
        .collect();
    let mut seen: std::collections::HashSet<String> = vocab.iter().cloned().collect();
    for _ in 0..60_000 {
        let w = format!(
            "{}{}{}",
            PREFIXES[rng.below(PREFIXES.len())],
            roots[rng.below(roots.len())],
            SUFFIXES[rng.below(SUFFIXES.len())]
        );
        if seen.insert(w.clone()) {
            vocab.push(w);
        }
    }
    vocab
}

fn sentence(rng: &mut Rng, vocab: &[String], small: &[String]) -> String {
    let mut s = format!("to {} the", VERBS[rng.skewed(VERBS.len())]);
    let phrases = 2 + rng.below(4);
    for p in 0..phrases {
        for _ in 0..1 + rng.below(3) {
            s.push(' ');
            s.push_str(rng.pick(vocab));
        }
        if p + 1 < phrases {
            s.push(' ');
            s.push_str(match rng.below(6) {
                0 => "of the",
                1 => "and",
                2 => "for",
                3 => "in the",
                4 => rng.pick(small),
                _ => "with",
            });
        }
    }
    if rng.below(4) == 0 {
        s.push_str(" in ");
        s.push_str(PLACES[rng.below(PLACES.len())]);
    }
    if rng.below(3) == 0 {
        s.push(' ');
        s.push_str(TAILS[rng.below(TAILS.len())]);
    }
    s.push(';');
    s
}

fn resolution(
    n: usize,
    commitments: usize,
    rng: &mut Rng,
    vocab: &[String],
    small: &[String],
) -> Resolution {
    let mut areas = Vec::new();
    let mut left = commitments;
    while left > 0 {
        let k = (4 + rng.below(10)).min(left);
        left -= k;
        let a = areas.len() + 1;
        let title = format!("{} {}", rng.pick(vocab), rng.pick(vocab));
        let mut title = title.chars();
        let title: String = title
            .next()
            .map(|c| c.to_uppercase().collect::<String>())
            .unwrap_or_default()
            + title.as_str();
        areas.push(Area {
            id: a.to_string(),
            heading: Some(format!("regarding {}", title.to_lowercase())),
            title: Some(title),
            intro: None,
            addressees: Vec::new(),
            commitments: (1..=k)
                .map(|c| Commitment::new(format!("{a}.{c}"), sentence(rng, vocab, small)))
                .collect(),
        });
    }
    let recitals = (1..=(commitments / 10).max(1))
        .map(|r| Recital {
            id: format!("r{r}"),
            text: format!(
                "having regard to {}",
                sentence(rng, vocab, small).trim_start_matches("to ")
            ),
            emphasis: Vec::new(),
            label: None,
            kind: None,
            notes: Vec::new(),
        })
        .collect();
    Resolution {
        format: reso::model::FORMAT.into(),
        version: 1,
        id: format!("syn-{n}-2030"),
        title: format!("Synthetic resolution {n}"),
        symbol: None,
        body: "Synthetic Assembly".into(),
        session: Session {
            number: Some(n as u32),
            start: None,
            end: None,
        },
        adopted: Adopted {
            date: Some(format!("2030-{:02}-{:02}", 1 + n % 12, 1 + n % 28)),
            place: Some(PLACES[n % PLACES.len()].into()),
        },
        preamble: Preamble {
            formula: "The Synthetic Assembly,".into(),
            recitals,
        },
        operative: Operative {
            formula: Some("calls on the governments:".into()),
            addressees: vec!["Governments".into()],
        },
        areas,
    }
}

fn write(path: &Path, res: &Resolution) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(res).expect("a resolution serialises");
    std::fs::write(path, text + "\n")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut commitments = 100_000usize;
    let mut per_file = 100_000usize;
    let mut out: Option<PathBuf> = None;
    let mut seed = 43u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--commitments" => commitments = value()?.parse()?,
            "--per-file" => per_file = value()?.parse()?,
            "--seed" => seed = value()?.parse()?,
            "-o" | "--output" => out = Some(value()?.into()),
            _ => return Err(format!("unknown argument {arg}; usage: corpus --commitments N -o FILE.json|DIR [--per-file N] [--seed S]").into()),
        }
    }
    let out = out.ok_or("-o FILE.json (or DIR) is required")?;
    let mut rng = Rng(seed);
    let (small, content) = base_words();
    let vocab = vocabulary(&mut rng, &content);
    if commitments <= per_file {
        write(&out, &resolution(1, commitments, &mut rng, &vocab, &small))?;
    } else {
        std::fs::create_dir_all(&out)?;
        let mut left = commitments;
        let mut n = 1;
        while left > 0 {
            let k = left.min(per_file);
            write(
                &out.join(format!("part-{n:03}.json")),
                &resolution(n, k, &mut rng, &vocab, &small),
            )?;
            left -= k;
            n += 1;
        }
    }
    eprintln!(
        "wrote {commitments} commitments to {} ({} vocabulary words)",
        out.display(),
        vocab.len()
    );
    Ok(())
}
