//! The same text typed into any kind of file is the same resolution: each layout's test
//! text, typed paragraph by paragraph (a line break where the text breaks a line, no list
//! or heading markup) into an HTML page, a DOCX and an ODT made here, reads to the JSON the
//! text reads to. The structured readers hand over blocks; the typed numbers, bullets and
//! headings in them are found by the same plain-text rules as in the text.

use std::io::Write;

use reso::extract::{Content, extract};
use reso::import::{Options, import, import_blocks, to_json};

use super::import_layouts::fixture;

/// The layouts of the earlier import issues and of round three whose text has no page
/// furniture (which only a PDF's text has).
const LAYOUTS: [&str; 17] = [
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

/// The text's paragraphs (parted by blank lines), each a list of its lines.
fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.lines() {
        let line = line.trim();
        match (line.is_empty(), out.last().is_some_and(Vec::is_empty)) {
            (true, true) => {}
            (true, false) => out.push(Vec::new()),
            (false, _) => out.last_mut().unwrap().push(line.to_string()),
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn html(paras: &[Vec<String>]) -> Vec<u8> {
    let body: Vec<String> = paras
        .iter()
        .map(|p| {
            let lines: Vec<String> = p.iter().map(|l| escape(l)).collect();
            format!("<p>{}</p>", lines.join("<br>\n"))
        })
        .collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset=utf-8><title>t</title></head><body><nav>Home</nav><main>\n{}\n</main></body></html>\n",
        body.join("\n")
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

fn docx(paras: &[Vec<String>]) -> Vec<u8> {
    let body: String = paras
        .iter()
        .map(|p| {
            let runs: Vec<String> = p
                .iter()
                .map(|l| format!("<w:t xml:space=\"preserve\">{}</w:t>", escape(l)))
                .collect();
            format!("<w:p><w:r>{}</w:r></w:p>", runs.join("<w:br/>"))
        })
        .collect();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    zip(&[
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".into()),
        ("word/document.xml", document),
    ])
}

fn odt(paras: &[Vec<String>]) -> Vec<u8> {
    let body: String = paras
        .iter()
        .map(|p| {
            let lines: Vec<String> = p.iter().map(|l| escape(l)).collect();
            format!("<text:p>{}</text:p>", lines.join("<text:line-break/>"))
        })
        .collect();
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>{body}</office:text></office:body></office:document-content>"
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
        let paras = paragraphs(&text);
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
