//! ODT (OpenDocument text) → text: the body's headings, paragraphs, lists and tables in
//! order, list items labelled as the list style draws them (`1.`, `a)`, `(iv)`, bullets),
//! and notes at the end. Comments, tracked deletions and generated indexes are left out.

use std::collections::HashMap;

use super::blocks::Blocks;
use super::labels::Style;
use super::package::Package;
use super::xml::{Node, walk};

const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

pub fn text(package: &mut Package<'_>) -> Result<String, String> {
    let content = package
        .part("content.xml")?
        .ok_or("the ODT has no content.xml, expected an OpenDocument text")?;
    // List styles may be named in either part: automatic ones in content.xml, the
    // document's own in styles.xml.
    let mut styles = ListStyles::new();
    if let Some(xml) = package.part("styles.xml")? {
        read_list_styles("styles.xml", &xml, &mut styles)?;
    }
    read_list_styles("content.xml", &content, &mut styles)?;
    let mut body = Body::new(&styles);
    walk("content.xml", &content, |node| body.node(node))?;
    let mut blocks = body.blocks;
    blocks.push_notes(&body.notes);
    Ok(blocks.finish())
}

/// How one level of a list style draws its label.
#[derive(Debug, Clone)]
struct Level {
    style: Style,
    /// A bullet character, for a bullet level.
    bullet: Option<String>,
    prefix: String,
    suffix: String,
    start: i64,
    /// How many levels' numbers the label shows (`1.2.` shows two).
    display_levels: usize,
}

/// List style name → its levels (1-based).
type ListStyles = HashMap<String, HashMap<usize, Level>>;

fn read_list_styles(part: &str, xml: &str, styles: &mut ListStyles) -> Result<(), String> {
    let mut current: Option<String> = None;
    walk(part, xml, |node| match node {
        Node::Open(e) if e.is(TEXT, "list-style") => {
            current = e.attr(STYLE, "name").map(String::from);
        }
        Node::Open(e)
            if e.ns == TEXT
                && matches!(
                    e.name,
                    "list-level-style-number"
                        | "list-level-style-bullet"
                        | "list-level-style-image"
                ) =>
        {
            let Some(name) = &current else { return };
            let level_no = e
                .attr(TEXT, "level")
                .and_then(|l| l.parse().ok())
                .unwrap_or(1);
            let bullet = match e.name {
                "list-level-style-number" => None,
                // A bullet from a symbol font's private area draws as a plain bullet.
                _ => Some(
                    e.attr(TEXT, "bullet-char")
                        .filter(|c| !c.chars().any(|c| ('\u{e000}'..='\u{f8ff}').contains(&c)))
                        .unwrap_or("•")
                        .to_string(),
                ),
            };
            let level = Level {
                style: Style::from_code(e.attr(STYLE, "num-format").unwrap_or("")),
                bullet,
                prefix: e.attr(STYLE, "num-prefix").unwrap_or("").to_string(),
                suffix: e.attr(STYLE, "num-suffix").unwrap_or("").to_string(),
                start: e
                    .attr(TEXT, "start-value")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1),
                display_levels: e
                    .attr(TEXT, "display-levels")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1),
            };
            styles
                .entry(name.clone())
                .or_default()
                .insert(level_no, level);
        }
        Node::Close { ns, name } if ns == TEXT && name == "list-style" => current = None,
        _ => {}
    })
}

/// A list open now, with the list style that draws its labels.
struct List {
    style: Option<String>,
}

#[derive(Default)]
struct Row {
    cells: Vec<String>,
    cell: String,
}

/// A note being read: its citation (the number in the text) and its body.
#[derive(Default)]
struct Note {
    citation: String,
    body: String,
    in_citation: bool,
    in_body: bool,
}

struct Body<'a> {
    styles: &'a ListStyles,
    blocks: Blocks,
    notes: Vec<(String, String)>,
    /// Paragraphs open now: more than one inside a frame's text box or a note.
    paragraphs: Vec<String>,
    lists: Vec<List>,
    /// The numbers of the current list chain, per level (1-based; index 0 unused). A new
    /// top-level list starts a new chain unless it continues the last one.
    counters: Vec<Option<i64>>,
    /// The label waiting for the first paragraph of the list item just opened.
    label: Option<String>,
    rows: Vec<Row>,
    note: Option<Note>,
    skip: usize,
}

impl<'a> Body<'a> {
    fn new(styles: &'a ListStyles) -> Self {
        Body {
            styles,
            blocks: Blocks::default(),
            notes: Vec::new(),
            paragraphs: Vec::new(),
            lists: Vec::new(),
            counters: Vec::new(),
            label: None,
            rows: Vec::new(),
            note: None,
            skip: 0,
        }
    }

    fn skipped(ns: &str, name: &str) -> bool {
        (ns == OFFICE && name == "annotation")
            || (ns == TEXT
                && matches!(
                    name,
                    "tracked-changes"
                        | "table-of-content"
                        | "alphabetical-index"
                        | "illustration-index"
                        | "table-index"
                        | "object-index"
                        | "user-index"
                        | "bibliography"
                        | "sequence-decls"
                        | "variable-decls"
                        | "user-field-decls"
                ))
    }

    fn push_text(&mut self, text: &str) {
        if let Some(note) = &mut self.note
            && note.in_citation
        {
            note.citation.push_str(text);
        }
        if let Some(p) = self.paragraphs.last_mut() {
            p.push_str(text);
        }
    }

    fn node(&mut self, node: Node<'_>) {
        match node {
            Node::Open(e) => {
                if self.skip > 0 || Self::skipped(e.ns, e.name) {
                    self.skip += 1;
                    return;
                }
                match (e.ns, e.name) {
                    (TEXT, "p" | "h") => {
                        let label = self.label.take();
                        self.paragraphs
                            .push(label.map(|l| l + " ").unwrap_or_default());
                    }
                    (TEXT, "s") => {
                        let n = e.attr(TEXT, "c").and_then(|c| c.parse().ok()).unwrap_or(1);
                        self.push_text(&" ".repeat(n.min(100)));
                    }
                    (TEXT, "tab") => self.push_text(" "),
                    (TEXT, "line-break") => self.push_text("\n"),
                    (TEXT, "list") => self.open_list(
                        e.attr(TEXT, "style-name").map(String::from),
                        e.attr(TEXT, "continue-numbering") == Some("true")
                            || e.attr(TEXT, "continue-list").is_some(),
                    ),
                    (TEXT, "list-item") => {
                        let start = e.attr(TEXT, "start-value").and_then(|v| v.parse().ok());
                        self.label = self.count_item(start);
                    }
                    (TEXT, "list-header") => self.label = None,
                    (TEXT, "note") => self.note = Some(Note::default()),
                    (TEXT, "note-citation") => {
                        if let Some(note) = &mut self.note {
                            note.in_citation = true;
                        }
                    }
                    (TEXT, "note-body") => {
                        if let Some(note) = &mut self.note {
                            note.in_body = true;
                        }
                    }
                    (TABLE, "table-row") => self.rows.push(Row::default()),
                    _ => {}
                }
            }
            Node::Close { ns, name } => {
                if self.skip > 0 {
                    self.skip -= 1;
                    return;
                }
                match (ns, name) {
                    (TEXT, "p" | "h") => self.end_paragraph(),
                    (TEXT, "list") => {
                        self.lists.pop();
                    }
                    (TEXT, "list-item") => self.label = None,
                    (TEXT, "note-citation") => {
                        if let Some(note) = &mut self.note {
                            note.in_citation = false;
                        }
                    }
                    (TEXT, "note") => {
                        if let Some(note) = self.note.take() {
                            self.notes
                                .push((note.citation.trim().to_string(), note.body));
                        }
                    }
                    (TABLE, "table-cell") => {
                        if let Some(row) = self.rows.last_mut() {
                            let cell = std::mem::take(&mut row.cell);
                            row.cells.push(cell.trim().to_string());
                        }
                    }
                    (TABLE, "table-row") => {
                        if let Some(row) = self.rows.pop() {
                            let line = row.cells.join("\t");
                            self.blocks.push(line.trim());
                        }
                    }
                    _ => {}
                }
            }
            Node::Text(text) => {
                if self.skip == 0 {
                    self.push_text(&text);
                }
            }
        }
    }

    fn open_list(&mut self, style: Option<String>, continues: bool) {
        // A nested list without a style of its own takes its parent's.
        let style = style.or_else(|| self.lists.last().and_then(|l| l.style.clone()));
        if self.lists.is_empty() && !continues {
            self.counters.clear();
        }
        self.lists.push(List { style });
    }

    /// Counts a new item of the innermost list and gives its label.
    fn count_item(&mut self, start_value: Option<i64>) -> Option<String> {
        let depth = self.lists.len();
        let list = self.lists.last()?;
        let levels = list.style.as_deref().and_then(|s| self.styles.get(s));
        let level_of = |l: usize| levels.and_then(|levels| levels.get(&l.min(10)));
        if self.counters.len() <= depth {
            self.counters.resize(depth + 1, None);
        }
        let start = level_of(depth).map_or(1, |l| l.start);
        self.counters[depth] = Some(match start_value {
            Some(n) => n,
            None => self.counters[depth].map_or(start, |n| n + 1),
        });
        self.counters.truncate(depth + 1);
        let level = level_of(depth)?;
        if let Some(bullet) = &level.bullet {
            return Some(bullet.clone());
        }
        if level.style == Style::Hidden {
            return None;
        }
        let first = depth.saturating_sub(level.display_levels.max(1) - 1).max(1);
        let numbers: Vec<String> = (first..=depth)
            .map(|l| {
                let n = self.counters.get(l).copied().flatten().unwrap_or(1);
                level_of(l)
                    .map_or(Style::Decimal, |lvl| lvl.style)
                    .format(n)
            })
            .collect();
        Some(format!(
            "{}{}{}",
            level.prefix,
            numbers.join("."),
            level.suffix
        ))
    }

    fn end_paragraph(&mut self) {
        let Some(text) = self.paragraphs.pop() else {
            return;
        };
        if let Some(note) = &mut self.note
            && note.in_body
        {
            if !note.body.is_empty() {
                note.body.push(' ');
            }
            note.body.push_str(text.trim());
            return;
        }
        match self.rows.last_mut() {
            Some(row) => {
                if !row.cell.is_empty() {
                    row.cell.push(' ');
                }
                row.cell.push_str(text.trim());
            }
            None => self.blocks.push(&text),
        }
    }
}
