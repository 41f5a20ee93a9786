//! ODT (OpenDocument text) → blocks: the body's headings, paragraphs, lists and tables in
//! order, list items with their level and the counter their list style gives them (number,
//! letter, roman, bullet), and notes at the end (their citations are left out of the text). Comments, tracked deletions and generated indexes are left out.

use std::collections::HashMap;

use super::blocks::Blocks;
use super::package::Package;
use super::xml::{Node, walk};
use crate::import::{Block, Counter, CounterStyle as Style};

const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

pub fn blocks(package: &mut Package<'_>) -> Result<Vec<Block>, String> {
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
    /// A bullet, image or other level that counts nothing.
    bullet: bool,
    start: i64,
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
            let level = Level {
                style: Style::from_code(e.attr(STYLE, "num-format").unwrap_or("")),
                bullet: e.name != "list-level-style-number",
                start: e
                    .attr(TEXT, "start-value")
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
    paragraphs: Vec<Open>,
    lists: Vec<List>,
    /// The numbers of the current list chain, per level (1-based; index 0 unused). A new
    /// top-level list starts a new chain unless it continues the last one.
    counters: Vec<Option<i64>>,
    /// The level and counter waiting for the first paragraph of the list item just opened.
    item: Option<(u8, Counter)>,
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
            item: None,
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
            return;
        }
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.push_str(text);
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
                        let heading = (e.name == "h").then(|| {
                            e.attr(TEXT, "outline-level")
                                .and_then(|l| l.parse().ok())
                                .unwrap_or(1)
                        });
                        self.paragraphs.push(Open {
                            item: self.item.take(),
                            heading,
                            text: String::new(),
                        });
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
                        self.item = self.count_item(start);
                    }
                    (TEXT, "list-header") => self.item = None,
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
                    (TEXT, "list-item") => self.item = None,
                    (TEXT, "note-citation") => {
                        if let Some(note) = &mut self.note {
                            note.in_citation = false;
                        }
                    }
                    (TEXT, "note") => {
                        if let Some(note) = self.note.take() {
                            let label = note.citation.trim().to_string();
                            self.blocks.refer(label.clone());
                            self.notes.push((label, note.body));
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
                            self.blocks.push_row(row.cells);
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

    /// Counts a new item of the innermost list and gives its level and counter; `None` for
    /// a level that draws no label.
    fn count_item(&mut self, start_value: Option<i64>) -> Option<(u8, Counter)> {
        let depth = self.lists.len();
        let list = self.lists.last()?;
        let levels = list.style.as_deref().and_then(|s| self.styles.get(s));
        let level_of = |l: usize| levels.and_then(|levels| levels.get(&l.min(10)));
        if self.counters.len() <= depth {
            self.counters.resize(depth + 1, None);
        }
        let start = level_of(depth).map_or(1, |l| l.start);
        let value = match start_value {
            Some(n) => n,
            None => self.counters[depth].map_or(start, |n| n + 1),
        };
        self.counters[depth] = Some(value);
        self.counters.truncate(depth + 1);
        let level = level_of(depth)?;
        let nesting = (depth - 1).min(8) as u8;
        match (level.bullet, level.style) {
            (true, _) => Some((nesting, Counter::bullet())),
            (false, Style::Hidden) => None,
            (false, style) => Some((nesting, Counter { style, value })),
        }
    }

    fn end_paragraph(&mut self) {
        let Some(Open {
            item,
            heading,
            text,
        }) = self.paragraphs.pop()
        else {
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
            None => match (item, heading) {
                (Some((level, counter)), _) => self.blocks.push_item(level, counter, &text),
                (None, Some(level)) => self.blocks.push_heading(level, &text),
                (None, None) => self.blocks.push(&text),
            },
        }
    }
}

/// A paragraph or heading being read, with the list item it opens.
struct Open {
    item: Option<(u8, Counter)>,
    heading: Option<u8>,
    text: String,
}
