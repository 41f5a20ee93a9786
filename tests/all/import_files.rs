//! `reso import` on the files people are sent: a PDF, DOCX, ODT and HTML page made from one
//! text (by `scripts/make-import-fixtures.py`) import to the same JSON as the text; a
//! scanned PDF is refused with a message that says why. Through the real binary.

use crate::common::Sandboxed;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/files")
        .join(name)
}

fn reso() -> Command {
    let mut cmd = Command::cargo_bin("reso").unwrap();
    cmd.sandboxed();
    // No user library can leak in.
    cmd.env("XDG_DATA_HOME", "/nonexistent/reso-test");
    cmd
}

/// The JSON `reso import FILE` prints, and its exit status.
pub(crate) fn import(path: &Path) -> (Value, i32) {
    let out = reso().arg("import").arg(path).output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: no JSON ({e}); stderr:\n{}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (json, out.status.code().unwrap())
}

#[test]
fn the_text_imports_as_written() {
    let (json, code) = import(&fixture("ba-49-2030.txt"));
    assert_eq!(code, 0);
    assert_eq!(json["id"], "ba-49-2030");
    assert_eq!(json["adopted"]["place"], "Pärnu");
    assert_eq!(json["preamble"]["recitals"].as_array().unwrap().len(), 5);
    let areas = json["areas"].as_array().unwrap();
    let counts: Vec<usize> = areas
        .iter()
        .map(|a| a["commitments"].as_array().unwrap().len())
        .collect();
    assert_eq!(counts, [3, 2, 3]);
    assert_eq!(
        areas[1]["commitments"][1]["text"],
        "to study the building of hydrogen filling stations in the ports of Tallinn, Riga and Klaipėda;"
    );
}

#[test]
fn pdf_docx_odt_and_html_of_one_text_import_to_the_same_json() {
    let (expected, _) = import(&fixture("ba-49-2030.txt"));
    for name in [
        "ba-49-2030.pdf",
        "ba-49-2030.docx",
        "ba-49-2030.odt",
        "ba-49-2030.html",
    ] {
        let (got, code) = import(&fixture(name));
        assert_eq!(got, expected, "{name}");
        // The PDF's two pages meet at a form feed, which the importer removes and reports
        // (exit 3, as for any page furniture); nothing else may be removed or guessed.
        let warned = if name.ends_with(".pdf") { 3 } else { 0 };
        assert_eq!(code, warned, "{name}: imported with other warnings");
        if warned != 0 {
            let out = reso().arg("import").arg(fixture(name)).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning")).collect();
            assert_eq!(warnings.len(), 1, "{stderr}");
            assert!(warnings[0].contains("form feed"), "{stderr}");
        }
    }
}

/// The UN layout — a masthead, numbered paragraphs that open with their verbs, sub-items two
/// levels deep, footnotes — read from a text, and the same text as Markdown (`[^n]` notes),
/// HTML (nested `<ol type>`, `role="doc-endnotes"`), DOCX (one Word numbering of three
/// levels, footnotes.xml), ODT (list levels, `text:note`) and a PDF (notes at the foot of
/// the first page, a running head on the second).
#[test]
fn the_un_layout_reads_alike_from_every_reader() {
    let (expected, code) = import(&fixture("un-91-9-2036.txt"));
    assert_eq!(
        code, 3,
        "the masthead, footnotes and meeting line are reported"
    );
    assert_eq!(expected["id"], "ga-91-9-2036");
    assert_eq!(expected["symbol"], "A/RES/91/9");
    assert_eq!(expected["adopted"]["date"], "2036-06-12");
    assert_eq!(
        expected["preamble"]["recitals"].as_array().unwrap().len(),
        3
    );
    assert_eq!(
        expected["preamble"]["recitals"][0]["text"],
        "Recalling its resolution 89/31 of 7 December 2034 on safety at sea,",
        "the footnote digit is not part of the recital"
    );
    let paragraphs = &expected["areas"][0]["commitments"];
    let ids: Vec<&str> = paragraphs
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["1", "2", "3", "4"]);
    let subs = &paragraphs[1]["items"];
    assert_eq!(subs[1]["id"], "2.b");
    assert_eq!(subs[1]["items"][1]["id"], "2.b.ii");
    assert_eq!(subs[2]["id"], "2.c", "(c) after (ii) is back one level");
    for ext in ["md", "html", "docx", "odt", "pdf"] {
        let name = format!("un-91-9-2036.{ext}");
        let (got, code) = import(&fixture(&name));
        assert_eq!(got, expected, "{name}");
        assert_eq!(code, 3, "{name}");
    }
}

/// In the DOCX and ODT no number is typed: the ids and the nesting come from the files'
/// numbering alone.
#[test]
fn word_and_odf_numbering_is_read_not_typed() {
    for (name, part) in [
        ("un-91-9-2036.docx", "word/document.xml"),
        ("un-91-9-2036.odt", "content.xml"),
    ] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let xml = unzip_part(&bytes, part);
        assert!(xml.contains("Requests the Secretary-General:"), "{name}");
        for typed in ["(a)", "(ii)", ">2.", ">1 ", "sea,1"] {
            assert!(!xml.contains(typed), "{name} types {typed:?}");
        }
    }
}

/// One part of a zip, as text.
fn unzip_part(bytes: &[u8], part: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(part)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_kind_is_told_by_content_not_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let (expected, _) = import(&fixture("ba-49-2030.txt"));
    for (from, to) in [
        ("ba-49-2030.pdf", "resolution.txt"),
        ("ba-49-2030.docx", "resolution"),
        ("ba-49-2030.odt", "resolution.docx"),
        ("ba-49-2030.html", "resolution.md"),
    ] {
        let path = dir.path().join(to);
        std::fs::copy(fixture(from), &path).unwrap();
        assert_eq!(import(&path).0, expected, "{from} saved as {to}");
    }
}

#[test]
fn a_scanned_pdf_is_refused_saying_it_has_no_text_layer() {
    let path = fixture("scanned.pdf");
    reso()
        .arg("import")
        .arg(&path)
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(format!(
            "{}:1:1: the PDF has no text layer (1 page of images only",
            path.display()
        )))
        .stderr(contains("reso does not read text from images"));
}

#[test]
fn a_damaged_pdf_is_refused_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.pdf");
    let bytes = std::fs::read(fixture("ba-49-2030.pdf")).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
    let out = reso().arg("import").arg(&path).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(&format!("{}:", path.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
