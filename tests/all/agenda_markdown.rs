//! The Markdown agenda read back by a CommonMark parser (pulldown-cmark, with GitHub's tables
//! and strikethrough): whatever a note holds, it reads back as written, line for line, so
//! the escaping is enough; the plain-text tests in `tests/all/export.rs` show it is no more.

use proptest::prelude::*;
use pulldown_cmark::{Event, Options as Md, Parser, Tag, TagEnd};
use reso::export::{AgendaEntry, Format, Options, Selection, render};
use time::macros::date;

/// The note as the agenda means it: lines trimmed, blank lines inside a paragraph dropped,
/// paragraphs apart by one blank line.
fn normalised(note: &str) -> String {
    let note = note.replace("\r\n", "\n").replace('\r', "\n");
    note.split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The text of the note as a CommonMark reader sees it: what follows `*Note:*` in the item,
/// hard breaks as line breaks, paragraphs apart by a blank line. Any markup (emphasis, a
/// link, a heading, a list, a table) fails.
fn read_back(markdown: &str) -> String {
    let mut options = Md::empty();
    options.insert(Md::ENABLE_TABLES);
    options.insert(Md::ENABLE_STRIKETHROUGH);
    let events: Vec<Event> = Parser::new_ext(markdown, options).collect();
    let start = events
        .iter()
        .position(|e| matches!(e, Event::Text(t) if t.as_ref() == "Note:"))
        .expect("a note");
    let mut out = String::new();
    for event in &events[start + 2..] {
        match event {
            Event::Text(t) => out.push_str(t),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Paragraph) => out.push_str("\n\n"),
            Event::End(TagEnd::Paragraph) => {}
            Event::End(TagEnd::Item) => break,
            other => panic!("markup {other:?} in the note:\n{markdown}"),
        }
    }
    // The space between the label and the note's first line.
    out.strip_prefix(' ').unwrap_or(&out).to_string()
}

fn agenda_with_note(note: &str) -> String {
    let entry = AgendaEntry {
        reference: "ba-43-2024:1.1".into(),
        status: reso::followups::Status::Open,
        note: Some(note.into()),
        ..AgendaEntry::default()
    };
    let today = date!(2025 - 01 - 10);
    render(
        Format::Markdown,
        &reso::bundled::library(),
        &[entry],
        today,
        &Selection::default(),
        &Options::defaults(today),
    )
}

#[test]
fn awkward_notes_read_back_as_written() {
    for note in [
        "- not a list\n# not a heading\n1. not numbered\n\n*stars* and <b>tags</b> & [links](x)",
        "~~struck~~ `code` and ``more`` &amp; &#38; <http://x.y> ![img](a.png)",
        "head | cells\n--- | ---\n> quote\n===\n[ref]: http://x.y\n+ plus\n2) two",
        "ends with a backslash \\\nC:\\path\\ and \\* literal\nsnake_case _under_ **bold**",
        "~EUR 5 million, a * b, R&D, 2 < 3 > 1, #hashtag, [1]",
    ] {
        assert_eq!(
            read_back(&agenda_with_note(note)),
            normalised(note),
            "{note:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Any note made of Markdown's special characters reads back as written.
    #[test]
    fn any_note_reads_back_as_written(
        note in "[a-c1 *_~`<>&#;!\\[\\]()|:=+.\\\\/-]{1,24}(\n[a-c1 *_~`<>&#;!\\[\\]()|:=+.\\\\/-]{0,24}){0,3}",
    ) {
        prop_assume!(!normalised(&note).is_empty());
        prop_assert_eq!(read_back(&agenda_with_note(&note)), normalised(&note));
    }
}
