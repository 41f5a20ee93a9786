//! Hostile or broken documents, generated here: a PDF whose stream inflates past the limit,
//! one with too many pages, forms that draw themselves, nest too deep or draw each other
//! over and over, a page tree that loops, HTML nested 100,000 deep. Each is refused with
//! exit 2 and one line naming the limit, not a panic, an abort or a hang.

use std::io::Write;
use std::path::Path;

use crate::common::Sandboxed;
use assert_cmd::Command;

/// A PDF of these objects (object `n` is `objects[n - 1]`, the catalog first), with its
/// cross-reference table.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn object(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
const TEXT: &str = "BT /F1 12 Tf 72 720 Td (RESOLUTION of the Assembly) Tj ET";

/// A one-page PDF: objects 1–3 are the catalog, the page tree and the page, whose resources
/// are the font (object 5) and `xobjects`; 4 is its content; `more` follow from 6.
fn one_page(content: Vec<u8>, xobjects: &str, more: Vec<Vec<u8>>) -> Vec<u8> {
    let mut objects = vec![
        object("<< /Type /Catalog /Pages 2 0 R >>"),
        object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        object(&format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> {xobjects} >> /Contents 4 0 R >>"
        )),
        content,
        object(FONT),
    ];
    objects.extend(more);
    pdf(&objects)
}

/// Forms 6, 7, … each drawing the next `draws` times, `count` of them; the last draws text.
fn forms(count: usize, draws: usize) -> Vec<Vec<u8>> {
    (0..count)
        .map(|i| {
            let me = 6 + i;
            let (resources, content) = if i + 1 < count {
                (
                    format!(
                        "/Resources << /Font << /F1 5 0 R >> /XObject << /X {} 0 R >> >>",
                        me + 1
                    ),
                    "/X Do ".repeat(draws),
                )
            } else {
                (
                    "/Resources << /Font << /F1 5 0 R >> >>".to_string(),
                    TEXT.to_string(),
                )
            };
            stream(
                &format!("/Type /XObject /Subtype /Form /BBox [0 0 612 792] {resources}"),
                content.as_bytes(),
            )
        })
        .collect()
}

/// `reso import` of `bytes` saved as `name`: it must exit 2 with nothing on standard
/// output and exactly `FILE:1:1: refused: {message}` on standard error.
fn refused(name: &str, bytes: &[u8], message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = Command::cargo_bin("reso")
        .unwrap()
        .sandboxed()
        .arg("import")
        .arg(&path)
        .arg("-o")
        .arg(dir.path().join("out.json"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        format!("{}:1:1: refused: {message}\n", path.display())
    );
    assert!(out.stdout.is_empty());
    assert!(!Path::new(&dir.path().join("out.json")).exists());
}

#[test]
fn a_stream_that_inflates_past_the_limit_is_refused() {
    // 80 MiB of spaces, deflated to about 80 KiB.
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let spaces = vec![b' '; 1024 * 1024];
    for _ in 0..80 {
        encoder.write_all(&spaces).unwrap();
    }
    let bomb = encoder.finish().unwrap();
    let bytes = one_page(stream("/Filter /FlateDecode", &bomb), "", vec![]);
    refused(
        "bomb.pdf",
        &bytes,
        "the PDF's streams decompress to more than 64 MiB, the most reso reads",
    );
}

#[test]
fn a_pdf_of_more_pages_than_the_limit_is_refused() {
    let pages = 2001;
    let mut objects = vec![
        object("<< /Type /Catalog /Pages 2 0 R >>"),
        Vec::new(),
        stream("", TEXT.as_bytes()),
        object(FONT),
    ];
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 5 + i)).collect();
    objects[1] = object(&format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} >>",
        kids.join(" ")
    ));
    for _ in 0..pages {
        objects.push(object(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>",
        ));
    }
    refused(
        "pages.pdf",
        &pdf(&objects),
        "the PDF has 2001 pages, more than the 2000 reso reads",
    );
}

#[test]
fn a_form_that_draws_itself_is_refused() {
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X 6 0 R >> >>",
        b"/X Do",
    );
    let bytes = one_page(
        stream("", format!("{TEXT} /X Do").as_bytes()),
        "/XObject << /X 6 0 R >>",
        vec![form],
    );
    refused(
        "cycle.pdf",
        &bytes,
        "a form in the PDF (object 6 0) draws itself, which reso does not follow",
    );
}

#[test]
fn forms_nested_deeper_than_the_limit_are_refused() {
    let bytes = one_page(
        stream("", format!("{TEXT} /X Do").as_bytes()),
        "/XObject << /X 6 0 R >>",
        forms(40, 1),
    );
    refused(
        "deep.pdf",
        &bytes,
        "the PDF's forms draw forms more than 32 deep, deeper than reso follows",
    );
}

#[test]
fn forms_that_draw_each_other_over_and_over_are_refused() {
    // 17 forms each drawing the next twice: the text is drawn 2^16 times (about 4 MiB).
    let bytes = one_page(
        stream("", format!("{TEXT} /X Do").as_bytes()),
        "/XObject << /X 6 0 R >>",
        forms(17, 2),
    );
    refused(
        "laughs.pdf",
        &bytes,
        "page 1 of the PDF draws more than 2 MiB of content (a form counts each time it is drawn), the most reso reads on a page",
    );
}

#[test]
fn a_page_tree_that_loops_is_refused() {
    let bytes = pdf(&[
        object("<< /Type /Catalog /Pages 2 0 R >>"),
        object("<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 2 0 R >>"),
        object("<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>"),
        stream("", TEXT.as_bytes()),
    ]);
    refused(
        "loop.pdf",
        &bytes,
        "the PDF's page tree loops (a /Parent leads back to itself), which reso does not follow",
    );
}

#[test]
fn html_nested_100000_deep_is_refused() {
    let depth = 100_000;
    let page = format!(
        "<!DOCTYPE html><html><body>{}The Baltic Assembly,{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    refused(
        "deep.html",
        page.as_bytes(),
        "the HTML nests elements more than 512 deep, deeper than reso reads",
    );
}
