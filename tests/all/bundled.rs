//! The bundled resolution is the seed text, verbatim: every area heading, recital and
//! commitment of `resolutions/ba-43-2024.json` is in `tests/fixtures/ba-43-2024.txt`, in the
//! same order, and nothing else is in either.
//!
//! The text is read here on its own terms, independently of `reso import`: the seed puts each
//! recital, heading and list item on one line, so a line's first characters say what it is.

use std::path::Path;

use serde_json::Value;

struct Seed {
    title: Vec<String>,
    formula: String,
    recitals: Vec<String>,
    operative: String,
    /// (heading without its colon, commitments in order)
    areas: Vec<(String, Vec<String>)>,
    closing: String,
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap()
}

/// Sorts each non-blank line of the seed into its part; panics on a line that fits nowhere,
/// so that a line this reading does not understand cannot go unnoticed.
fn read_seed() -> Seed {
    let text = read("tests/fixtures/ba-43-2024.txt");
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let formula_at = lines
        .iter()
        .position(|l| *l == "The Baltic Assembly,")
        .unwrap();
    let operative_at = lines
        .iter()
        .position(|l| l.starts_with("calls on "))
        .unwrap();
    let mut seed = Seed {
        title: lines[..formula_at].iter().map(|l| l.to_string()).collect(),
        formula: lines[formula_at].to_string(),
        recitals: lines[formula_at + 1..operative_at]
            .iter()
            .map(|l| l.to_string())
            .collect(),
        operative: lines[operative_at].to_string(),
        areas: Vec::new(),
        closing: String::new(),
    };
    for (i, line) in lines.iter().enumerate().skip(operative_at + 1) {
        if let Some(heading) = line.strip_prefix("regarding ") {
            let heading = heading
                .strip_suffix(':')
                .expect("a heading ends in a colon");
            seed.areas
                .push((format!("regarding {heading}"), Vec::new()));
        } else if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("– ")) {
            let area = seed.areas.last_mut().expect("a list item under a heading");
            area.1.push(item.to_string());
        } else if i == lines.len() - 1 {
            seed.closing = line.to_string();
        } else {
            panic!("seed line {line:?} is neither a heading, a list item nor the closing line");
        }
    }
    seed
}

fn bundled() -> Value {
    serde_json::from_str(&read("resolutions/ba-43-2024.json")).unwrap()
}

fn strs(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn recitals_are_verbatim_in_order_with_their_emphasis() {
    let seed = read_seed();
    let json = bundled();
    let recitals = json["preamble"]["recitals"].as_array().unwrap();
    assert_eq!(seed.recitals.len(), 12);
    assert_eq!(
        recitals.len(),
        seed.recitals.len(),
        "same number of recitals"
    );
    for (i, (line, recital)) in seed.recitals.iter().zip(recitals).enumerate() {
        assert_eq!(recital["id"], format!("r{}", i + 1));
        assert_eq!(
            recital["text"].as_str().unwrap(),
            line.replace("**", ""),
            "recital {}",
            i + 1
        );
        // The emphasised phrases are the odd pieces between `**` markers.
        let marked: Vec<String> = line
            .split("**")
            .skip(1)
            .step_by(2)
            .map(String::from)
            .collect();
        assert_eq!(
            strs(&recital["emphasis"]),
            marked,
            "emphasis of recital {}",
            i + 1
        );
    }
}

#[test]
fn headings_and_commitments_are_verbatim_in_order_and_nothing_else() {
    let seed = read_seed();
    let json = bundled();
    let areas = json["areas"].as_array().unwrap();
    assert_eq!(seed.areas.len(), 15);
    assert_eq!(areas.len(), seed.areas.len(), "same number of areas");
    let mut total = 0;
    for (a, ((heading, items), area)) in seed.areas.iter().zip(areas).enumerate() {
        assert_eq!(area["id"], (a + 1).to_string());
        assert_eq!(
            area["heading"].as_str().unwrap(),
            heading,
            "heading of area {}",
            a + 1
        );
        assert!(
            area["intro"].is_null(),
            "the seed has no area introductions"
        );
        let texts: Vec<String> = area["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(c, commitment)| {
                assert_eq!(commitment["id"], format!("{}.{}", a + 1, c + 1));
                commitment["text"].as_str().unwrap().to_string()
            })
            .collect();
        assert_eq!(&texts, items, "commitments of area {}", a + 1);
        total += texts.len();
    }
    assert_eq!(total, 106);
}

#[test]
fn title_formulas_addressees_and_adoption_match_the_text() {
    let seed = read_seed();
    let json = bundled();
    assert_eq!(
        seed.title,
        ["RESOLUTION", "of the 43rd Session of the Baltic Assembly"]
    );
    assert_eq!(
        json["title"],
        "Resolution of the 43rd Session of the Baltic Assembly"
    );
    assert_eq!(json["preamble"]["formula"], seed.formula);
    assert_eq!(json["operative"]["formula"], seed.operative);
    let addressees = strs(&json["operative"]["addressees"]);
    assert_eq!(addressees.len(), 7);
    // Each addressee is named by the formula: the Council whole, the others as a role of
    // one of the three republics.
    for addressee in &addressees {
        let named = match addressee.split_once(" of ") {
            Some(("Parliament" | "Government", state)) => seed.operative.contains(state),
            _ => seed.operative.contains(addressee.as_str()),
        };
        assert!(named, "{addressee} is not named by the operative formula");
    }
    assert_eq!(seed.closing, "Vilnius, 18 October 2024");
    assert_eq!(json["adopted"]["place"], "Vilnius");
    assert_eq!(json["adopted"]["date"], "2024-10-18");
    assert_eq!(json["session"]["number"], 43);
    assert!(seed.recitals[0].contains("43rd Session on 17–18 October 2024 in Vilnius"));
    assert_eq!(json["session"]["start"], "2024-10-17");
    assert_eq!(json["session"]["end"], "2024-10-18");
}
