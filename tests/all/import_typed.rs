//! The same text typed into any kind of file is the same resolution: each layout's test
//! text, typed paragraph by paragraph (a line break where the text breaks a line, no list
//! or heading markup, a table where it sets columns apart) into an HTML page, a DOCX and an
//! ODT made here, reads to the JSON the text reads to. The structured readers hand over blocks; the typed numbers, bullets and
//! headings in them are found by the same plain-text rules as in the text.

use std::io::Write;

use reso::extract::{Content, extract};
use reso::import::{Options, import, import_blocks, to_json};

use super::import_layouts::fixture;

/// The layouts of the earlier import issues and of round three whose text has no page
/// furniture (which only a PDF's text has).
const LAYOUTS: [&str; 22] = [
    "ba-pdf-copy.txt",
    "un-actions.txt",
    "sc-typed.txt",
    "bspc-2000s.txt",
    "first-person.txt",
    "us-senate.txt",
    "ga-run-on.txt",
    "sc-web.txt",
    "bspc.txt",
    "ep.txt",
    "unga.txt",
    "osce.txt",
    "older-ba.txt",
    "ba-1990s.txt",
    "intros-and-bullets.txt",
    "numbered-headings.txt",
    "plain-paragraphs.txt",
    "ep-glued.txt",
    "bspc-verbs.txt",
    "ba-quotes.txt",
    "un-masthead.txt",
    "numbered-crlf.txt",
];

/// A piece of the text as someone typing it into a word processor makes it: a paragraph
/// (its lines), or a table where the text sets columns apart with runs of spaces.
enum Part {
    Lines(Vec<String>),
    Table(Vec<Vec<String>>),
}

/// The cells of a line set in columns (three spaces or more between them), if it is.
fn cells(line: &str) -> Option<Vec<String>> {
    let cells: Vec<String> = line
        .split("   ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from)
        .collect();
    (cells.len() > 1).then_some(cells)
}

/// The text's parts: paragraphs parted by blank lines, and runs of column lines as tables.
fn parts(text: &str) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    let mut blank = true;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blank = true;
            continue;
        }
        match (cells(trimmed), out.last_mut()) {
            (Some(row), Some(Part::Table(rows))) => rows.push(row),
            (Some(row), _) => out.push(Part::Table(vec![row])),
            (None, Some(Part::Lines(lines))) if !blank => lines.push(trimmed.to_string()),
            (None, _) => out.push(Part::Lines(vec![trimmed.to_string()])),
        }
        blank = false;
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The parts in a markup: `paragraph(lines)`, and a table as `table(rows of cells)`.
fn marked_up(
    parts: &[Part],
    paragraph: impl Fn(&[String]) -> String,
    table: impl Fn(&[Vec<String>]) -> String,
) -> String {
    parts
        .iter()
        .map(|part| match part {
            Part::Lines(lines) => {
                let lines: Vec<String> = lines.iter().map(|l| escape(l)).collect();
                paragraph(&lines)
            }
            Part::Table(rows) => {
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| r.iter().map(|c| escape(c)).collect())
                    .collect();
                table(&rows)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Rows of cells, each cell wrapped in `cell` and each row in `row`.
fn rows(rows: &[Vec<String>], row: (&str, &str), cell: (&str, &str)) -> String {
    rows.iter()
        .map(|r| {
            let cells: String = r
                .iter()
                .map(|c| format!("{}{c}{}", cell.0, cell.1))
                .collect();
            format!("{}{cells}{}", row.0, row.1)
        })
        .collect()
}

fn html(parts: &[Part]) -> Vec<u8> {
    let body = marked_up(
        parts,
        |lines| format!("<p>{}</p>", lines.join("<br>\n")),
        |r| {
            format!(
                "<table>{}</table>",
                rows(r, ("<tr>", "</tr>"), ("<td>", "</td>"))
            )
        },
    );
    format!(
        "<!DOCTYPE html><html><head><meta charset=utf-8><title>t</title></head><body><nav>Home</nav><main>\n{body}\n</main></body></html>\n"
    )
    .into_bytes()
}

fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        out.start_file(*name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn docx(parts: &[Part]) -> Vec<u8> {
    let run = |text: &str| format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>");
    let body = marked_up(
        parts,
        |lines| {
            let runs: Vec<String> = lines.iter().map(|l| run(l)).collect();
            format!("<w:p>{}</w:p>", runs.join("<w:r><w:br/></w:r>"))
        },
        |r| {
            let cell_open = "<w:tc><w:p><w:r><w:t xml:space=\"preserve\">";
            let cell_close = "</w:t></w:r></w:p></w:tc>";
            format!(
                "<w:tbl>{}</w:tbl>",
                rows(r, ("<w:tr>", "</w:tr>"), (cell_open, cell_close))
            )
        },
    );
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    zip(&[
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".into()),
        ("word/document.xml", document),
    ])
}

fn odt(parts: &[Part]) -> Vec<u8> {
    let body = marked_up(
        parts,
        |lines| format!("<text:p>{}</text:p>", lines.join("<text:line-break/>")),
        |r| {
            let cell = ("<table:table-cell><text:p>", "</text:p></table:table-cell>");
            format!(
                "<table:table>{}</table:table>",
                rows(r, ("<table:table-row>", "</table:table-row>"), cell)
            )
        },
    );
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"><office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text".into()),
        ("content.xml", content),
    ])
}

/// The resolution's JSON, or the refusal.
fn read(name: &str, bytes: &[u8], extension: &str) -> Result<String, String> {
    let extracted = extract(name, bytes, Some(extension)).map_err(|p| format!("{p:?}"))?;
    let options = Options::default();
    let imported = match &extracted.content {
        Content::Text(text) => import(text, &options),
        Content::Blocks(blocks) => import_blocks(blocks, &options),
    }
    .map_err(|e| e.to_string())?;
    assert!(
        imported.unaccounted.is_empty(),
        "{name}.{extension}: {:?}",
        imported.unaccounted
    );
    Ok(to_json(&imported.resolution))
}

#[test]
fn every_layout_typed_into_html_docx_and_odt_reads_as_its_text() {
    for name in LAYOUTS {
        let text = std::fs::read_to_string(fixture(name)).unwrap();
        let expected = read(name, text.as_bytes(), "txt");
        assert!(expected.is_ok(), "{name}: {expected:?}");
        let paras = parts(&text);
        for (extension, bytes) in [
            ("html", html(&paras)),
            ("docx", docx(&paras)),
            ("odt", odt(&paras)),
            ("md", text.clone().into_bytes()),
        ] {
            let got = read(name, &bytes, extension);
            assert_eq!(got, expected, "{name} typed into {extension}");
        }
    }
}
