//! The HTML agenda in a real browser: `reso export --format html` writes a page that headless
//! Chromium prints to an A4 PDF, whose text (`pdftotext`) and page count (`pdfinfo`) are
//! checked. Needs `chromium` and `poppler-utils` (`.ci/run` installs them).

use crate::common::Sandboxed;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export/followups.json")
}

/// Writes the HTML agenda of `followups` to `dir/agenda.html` and returns its text.
fn export_html(dir: &Path, followups: &Path, extra: &[&str]) -> String {
    let out = dir.join("agenda.html");
    let status = assert_cmd::Command::cargo_bin("reso")
        .unwrap()
        .sandboxed()
        .args(["export", "--format", "html", "--followups"])
        .arg(followups)
        .args(extra)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        status.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    std::fs::read_to_string(&out).unwrap()
}

/// Prints `dir/agenda.html` with headless Chromium; returns the PDF's text and page count.
fn print(dir: &Path) -> (String, usize, String) {
    let pdf = dir.join("agenda.pdf");
    let profile = dir.join("chromium-profile");
    let url = format!("file://{}", dir.join("agenda.html").display());
    let run = Command::new("timeout")
        .arg("180")
        .arg("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&url)
        .env("HOME", dir)
        .output()
        .expect("chromium is not installed; .ci/run installs chromium and poppler-utils");
    assert!(
        pdf.exists(),
        "chromium printed no PDF ({:?}): {}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext is not installed; .ci/run installs poppler-utils");
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo's output:\n{info}"));
    (String::from_utf8(text.stdout).unwrap(), pages, info)
}

/// Runs of white space (pdftotext breaks lines where the page does) become one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_agenda_prints_on_a4_with_every_section() {
    let dir = tempfile::tempdir().unwrap();
    let html = export_html(dir.path(), &fixture(), &["--since", "2026-11-01"]);
    // Self-contained: nothing is fetched and nothing runs.
    for outside in [
        "<script", "src=", "href=", "url(", "@import", "<link", "<img",
    ] {
        assert!(!html.contains(outside), "{outside} in the page");
    }
    assert!(html.contains("@page { size: A4;"));
    assert!(
        html.contains("&lt;b&gt;tags&lt;/b&gt;"),
        "a note's markup is text"
    );

    let (text, pages, info) = print(dir.path());
    assert!(info.contains("(A4)"), "{info}");
    // Two short sections and a table of 15 areas: two pages, allowing for font metrics.
    assert!((1..=3).contains(&pages), "{pages} pages");
    let text = squeeze(&text);
    // Each in turn, after the one before.
    let mut from = 0;
    for needle in [
        "Follow-up agenda, ",
        "To raise (4)",
        "ba-43-2024:1.7 · open · owner: defence-desk · due: 2000-01-31 (overdue)",
        "Area: 1. Defence cooperation of the Baltic States · last change: 2026-11-28 10:00Z by analyst1",
        "military mobility challenges in the Suwałki Gap;",
        "Note: Asked the ministry, again; reply \"soon\". Second line: Suwałki – Pärnu ‘quoted’",
        "ba-43-2024:15.4 · waiting · owner: media-desk · text changed since marked",
        "Closed since 2026-11-01 (1)",
        "ba-43-2024:8.1 · done · owner: Ōsaka, Łódź",
        "Progress Commitments per policy area",
        "15. Information area and media cooperation",
        "All areas",
    ] {
        let at = text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not after {from} in the printed text:\n{text}"));
        from += at + needle.len();
    }
    assert!(text.contains("*stars* & <b>tags</b>"));
    assert!(text.contains("1/106"), "done of all commitments");
    assert!(
        !text.contains("ba-43-2024:3.1"),
        "removed follow-ups are left out"
    );
}

#[test]
fn a_long_agenda_runs_over_pages_and_keeps_every_commitment() {
    let dir = tempfile::tempdir().unwrap();
    let library = reso::bundled::library();
    // Every commitment marked, each with a note of three lines.
    let records: serde_json::Map<String, serde_json::Value> = library
        .items()
        .enumerate()
        .filter(|(id, _)| library.is_commitment(*id))
        .map(|(id, _)| {
            let status = ["open", "in-progress", "waiting", "done", "dropped"][id % 5];
            let record = serde_json::json!({
                "status": status,
                "note": format!("Line one of {id}.\nLine two.\nLine three."),
                "owner": "desk",
                "due": "2030-06-30",
                "created": "2026-11-28T10:00:00Z",
                "updated": "2026-11-28T10:00:00Z",
                "history": [],
            });
            (library.reference(id), record)
        })
        .collect();
    let file = serde_json::json!({"format": "reso-followups", "version": 1, "followups": records});
    let followups = dir.path().join("followups.json");
    std::fs::write(&followups, file.to_string()).unwrap();
    export_html(dir.path(), &followups, &["--since", "2026-11-01"]);

    let (text, pages, _) = print(dir.path());
    let text = squeeze(&text);
    // 106 entries of four to six lines each cannot fit on a few pages.
    assert!(pages > 10, "{pages} pages");
    for id in (0..library.item_count()).filter(|id| library.is_commitment(*id)) {
        let reference = library.reference(id);
        assert!(
            text.contains(&format!("{reference} · ")),
            "{reference} missing"
        );
    }
    assert!(text.contains("All areas"));
}
