//! `reso search` and the browser's `/` are one engine: for the same query they find the same
//! items. The browser is driven by keys; the command line through the real binary.

use crate::common::Sandboxed;
use std::collections::BTreeSet;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use reso::app::{App, NodeId};

const QUERIES: &[&str] = &[
    "nato",
    "cern",
    "suwalki",
    "cyber !centre",
    "rail baltica",
    "defnce industry",
    "hydrgen",
    "'energy ^to",
    "health",
    "1.4",
    "r3",
];

fn browser(query: &str) -> BTreeSet<String> {
    let store =
        reso::followups::Store::open(std::path::Path::new("/nonexistent/reso/followups.json"));
    let mut app = App::new(
        reso::bundled::library(),
        time::macros::date!(2025 - 01 - 10),
        reso::browse::carry::opened(&store),
    );
    for c in format!("/{query}").chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    // What the tree shows as matches: item rows that are not context.
    app.rows()
        .iter()
        .filter_map(|row| match row.node {
            NodeId::Item(id) if !row.context => Some(app.library().reference(id)),
            _ => None,
        })
        .collect()
}

fn command_line(query: &str) -> BTreeSet<String> {
    let out = assert_cmd::Command::cargo_bin("reso")
        .unwrap()
        .sandboxed()
        .args([
            "search",
            query,
            "--followups",
            "/nonexistent/reso/followups.json",
        ])
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| line.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn search_finds_what_the_browser_shows() {
    for query in QUERIES {
        let shown = browser(query);
        assert!(!shown.is_empty(), "{query} finds something");
        assert_eq!(command_line(query), shown, "same matches for {query:?}");
    }
}
