//! Text copied out of a PDF: the seed set as pages (lines wrapped anywhere, words hyphenated
//! at line ends, footers, running headers, form feeds, page breaks inside a paragraph and
//! just before a heading) must import to the bundled resolution exactly, with every removal
//! and join reported and counted, and no word lost.

use crate::common::Sandboxed;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

use reso::import::{Imported, Options, WarningKind, import, to_json};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(name: &str) -> String {
    fs::read_to_string(fixture(name)).unwrap()
}

/// How a PDF set the text: line width, lines per page, the footer (`{n}` is the page).
#[derive(Clone, Copy)]
struct Layout {
    width: usize,
    page_lines: usize,
    footer: &'static str,
    header: bool,
    form_feeds: bool,
}

/// What setting the text as pages put in: the text, and how many words were broken and how
/// many lines of furniture were added.
struct Paged {
    text: String,
    broken: usize,
    furniture: usize,
}

/// A compound the seed writes more than once may be broken at its own hyphen; a word of
/// ten letters or more may be broken between syllables. (A compound written once and broken
/// at its hyphen cannot be told from a broken word without a dictionary: see docs/import.md.)
fn break_word(word: &str, room: usize, seed: &str) -> Option<(String, String)> {
    if let Some(at) = word.find('-') {
        let compound = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let repeated = seed.matches(compound).count() > 1;
        return (repeated && at < room && at > 0)
            .then(|| (word[..=at].to_string(), word[at + 1..].to_string()));
    }
    let letters = word.chars().count();
    let plain = word.chars().all(|c| c.is_ascii_lowercase());
    if letters < 10 || !plain {
        return None;
    }
    let at = room.min(letters - 4);
    (at >= 4).then(|| (format!("{}-", &word[..at]), word[at..].to_string()))
}

/// Wraps one paragraph at `width`, breaking words at line ends where `break_word` allows.
fn wrap(paragraph: &str, width: usize, seed: &str, broken: &mut usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut words: Vec<String> = paragraph.split(' ').map(str::to_string).collect();
    words.reverse();
    while let Some(word) = words.pop() {
        let needed = if line.is_empty() {
            word.len()
        } else {
            line.len() + 1 + word.len()
        };
        if needed <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word);
            continue;
        }
        let room = width.saturating_sub(line.len() + 2);
        match break_word(&word, room, seed) {
            Some((head, tail)) if !line.is_empty() => {
                line.push(' ');
                line.push_str(&head);
                *broken += 1;
                words.push(tail);
            }
            _ if line.is_empty() => {
                line = word;
            }
            _ => words.push(word),
        }
        lines.push(std::mem::take(&mut line));
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The seed set as pages. Besides the regular page ends, a page ends in the middle of the
/// first recital and right before the third heading.
fn paged(seed: &str, layout: &Layout) -> Paged {
    let mut body: Vec<String> = Vec::new();
    let mut broken = 0;
    let mut forced: Vec<usize> = Vec::new();
    let mut headings = 0;
    for line in seed.lines() {
        if line.trim().is_empty() {
            body.push(String::new());
            continue;
        }
        if line.starts_with("regarding") {
            headings += 1;
            if headings == 3 {
                forced.push(body.len());
            }
        }
        let wrapped = wrap(line, layout.width, seed, &mut broken);
        if line.starts_with("having convened") && wrapped.len() > 1 {
            forced.push(body.len() + 1);
        }
        body.extend(wrapped);
    }
    let pages_total = body.len() / layout.page_lines + forced.len() + 1;
    let mut out: Vec<String> = Vec::new();
    let mut furniture = 0;
    let mut page = 1;
    let mut on_page = 0;
    for (i, line) in body.into_iter().enumerate() {
        let end_here = on_page >= layout.page_lines || forced.contains(&i);
        if end_here && i > 0 {
            out.push(String::new());
            out.push(
                layout
                    .footer
                    .replace("{n}", &page.to_string())
                    .replace("{m}", &pages_total.to_string()),
            );
            furniture += 1;
            page += 1;
            on_page = 0;
            let feed = if layout.form_feeds { "\u{c}" } else { "" };
            if layout.header {
                out.push(format!("{feed}Baltic Assembly – 43rd Session resolution"));
                furniture += 1;
            } else if layout.form_feeds {
                out.push(feed.to_string());
                furniture += 1;
            }
            out.push(String::new());
        }
        out.push(line);
        on_page += 1;
    }
    Paged {
        text: out.join("\n"),
        broken,
        furniture,
    }
}

/// The bundled resolution without the hand-written area titles (as the seed round trip).
fn bundled() -> Value {
    let mut value: Value =
        serde_json::from_str(&read("../../resolutions/ba-43-2024.json")).unwrap();
    for area in value["areas"].as_array_mut().unwrap() {
        area.as_object_mut().unwrap().remove("title");
    }
    value
}

fn imported_value(imported: &Imported) -> Value {
    let mut value: Value = serde_json::from_str(&to_json(&imported.resolution)).unwrap();
    for area in value["areas"].as_array_mut().unwrap() {
        area.as_object_mut().unwrap().remove("title");
    }
    value
}

const LAYOUTS: [Layout; 4] = [
    Layout {
        width: 72,
        page_lines: 40,
        footer: "Page {n} of {m}",
        header: true,
        form_feeds: true,
    },
    Layout {
        width: 60,
        page_lines: 33,
        footer: "- {n} -",
        header: true,
        form_feeds: false,
    },
    Layout {
        width: 95,
        page_lines: 27,
        footer: "{n}",
        header: false,
        form_feeds: true,
    },
    Layout {
        width: 48,
        page_lines: 52,
        footer: "Page {n} of {m}",
        header: false,
        form_feeds: false,
    },
];

#[test]
fn the_seed_copied_from_a_pdf_imports_to_the_bundled_resolution() {
    let seed = read("ba-43-2024.txt");
    let expected = bundled();
    for (n, layout) in LAYOUTS.iter().enumerate() {
        let paged = paged(&seed, layout);
        assert!(paged.broken > 0, "layout {n} breaks words");
        let imported = import(&paged.text, &Options::default())
            .unwrap_or_else(|e| panic!("layout {n}: {e}\n{}", paged.text));
        assert_eq!(imported.unaccounted, [], "layout {n}");
        assert!(
            imported_value(&imported) == expected,
            "layout {n}: differs from the bundled resolution\n{}\n{}",
            imported
                .warnings
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
            paged.text
        );
        let summary = imported.summary;
        assert_eq!(
            summary.joined, paged.broken,
            "layout {n}: every broken word joined"
        );
        assert_eq!(
            summary.removed, paged.furniture,
            "layout {n}: every page line removed"
        );
        let hyphen_warnings = imported
            .warnings
            .iter()
            .filter(|w| w.kind == WarningKind::Hyphen)
            .count();
        assert_eq!(
            hyphen_warnings, paged.broken,
            "layout {n}: each join reported"
        );
        // Each line of furniture is reported (a form feed on a header line twice).
        let page_lines: std::collections::HashSet<usize> = imported
            .warnings
            .iter()
            .filter(|w| w.kind == WarningKind::PageLine)
            .map(|w| w.line)
            .collect();
        assert_eq!(
            page_lines.len(),
            paged.furniture,
            "layout {n}: each removal reported"
        );
    }
}

#[test]
fn a_page_break_inside_a_paragraph_is_joined_and_reported() {
    let seed = read("ba-43-2024.txt");
    let paged = paged(&seed, &LAYOUTS[0]);
    let imported = import(&paged.text, &Options::default()).unwrap();
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.message.contains("across a page break")),
        "the first recital goes on after its page break"
    );
    assert_eq!(
        imported.resolution.preamble.recitals[0].text,
        "having convened for its 43rd Session on 17–18 October 2024 in Vilnius, the Republic of Lithuania,"
    );
}

#[test]
fn the_command_reports_each_removal_and_join_and_exits_3() {
    let seed = read("ba-43-2024.txt");
    let paged = paged(&seed, &LAYOUTS[0]);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("copied.txt");
    fs::write(&input, &paged.text).unwrap();
    let assert = Command::cargo_bin("reso")
        .unwrap()
        .sandboxed()
        .arg("import")
        .arg(&input)
        .assert()
        .code(3);
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["areas"].as_array().unwrap().len(), 15);
    let name = input.display().to_string();
    assert!(
        stderr.contains(&format!("{name}: warning: line "))
            && stderr.contains(": removed page footer \"Page 1 of "),
        "{stderr}"
    );
    let summary = stderr.lines().last().unwrap();
    assert_eq!(
        summary,
        format!(
            "12 recitals, 15 areas, 106 commitments (0 with sub-items); joined {} hyphenated words; removed {} page lines; 0 words unaccounted",
            paged.broken, paged.furniture
        )
    );
}

#[test]
fn a_compound_broken_at_its_hyphen_keeps_it_when_the_text_says_so() {
    let text = "RESOLUTION\nof the 45th Session of the Baltic Assembly\n\nThe Baltic Assembly,\n\nhaving convened for its 45th Session on 1–2 March 2031 in Riga,\n\ncalls on the Baltic Council of Ministers:\n\nregarding transport:\n\n- to improve cross-border rail and cross-\nborder roads, the synchro-\nnisation of timetables and the civil-\nmilitary use of airports;\n\nRiga, 2 March 2031\n";
    let imported = import(text, &Options::default()).unwrap();
    assert_eq!(
        imported.resolution.areas[0].commitments[0].text,
        "to improve cross-border rail and cross-border roads, the synchronisation of timetables and the civilmilitary use of airports;",
        "a compound written once cannot be told from a broken word: joined, and reported"
    );
    let reported: Vec<&str> = imported
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(reported.len(), 3, "{reported:?}");
    assert!(reported[2].contains("\"civilmilitary\""), "{reported:?}");
    assert_eq!(imported.summary.joined, 3);
}

/// Not only the seed: numbered paragraphs with sub-items, a number alone on its line and a
/// footnote, set as pages, import as the text does.
#[test]
fn numbered_paragraphs_copied_from_a_pdf_import_as_the_text_does() {
    let text = fs::read_to_string(fixture("import/unga.txt")).unwrap();
    let plain = import(&text, &Options::default()).unwrap();
    let mut broken = 0;
    for layout in [&LAYOUTS[0], &LAYOUTS[2]] {
        let layout = Layout {
            page_lines: 9,
            ..*layout
        };
        let paged = paged(&text, &layout);
        assert!(paged.furniture > 3, "{}", paged.text);
        broken += paged.broken;
        let imported = import(&paged.text, &Options::default())
            .unwrap_or_else(|e| panic!("{e}\n{}", paged.text));
        assert_eq!(imported.unaccounted, []);
        assert_eq!(imported.resolution, plain.resolution, "{}", paged.text);
        assert_eq!(imported.summary.removed, paged.furniture);
        assert_eq!(imported.summary.joined, paged.broken);
    }
    assert!(broken > 0, "words were broken at line ends");
}
