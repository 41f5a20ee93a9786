//! DOCX (Office Open XML) → blocks: the body's paragraphs and tables in order, list items
//! with the level and counter Word's automatic numbering gives them (`numbering.xml`,
//! through a paragraph's own `numPr` or its style's), and the footnotes and endnotes at the
//! end (their references are left out of the text: the notes carry the numbers). Page headers and
//! footers live in other parts and are left out, as is deleted text of tracked changes.

use std::collections::HashMap;

use super::blocks::Blocks;
use super::package::Package;
use super::xml::{Node, walk};
use crate::import::{Block, Counter, CounterStyle as Style};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The namespace of "strict" Office Open XML, which Word can also save.
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

pub fn blocks(package: &mut Package<'_>) -> Result<Vec<Block>, String> {
    let document = package
        .part("word/document.xml")?
        .ok_or("the DOCX has no word/document.xml, expected a Word document")?;
    let numbering = match package.part("word/numbering.xml")? {
        Some(xml) => Numbering::read(&xml)?,
        None => Numbering::default(),
    };
    let styles = match package.part("word/styles.xml")? {
        Some(xml) => read_styles(&xml)?,
        None => HashMap::new(),
    };
    let mut notes = Vec::new();
    for (part, kind, label) in [
        ("word/footnotes.xml", "footnote", Style::Decimal),
        ("word/endnotes.xml", "endnote", Style::LowerRoman),
    ] {
        if let Some(xml) = package.part(part)? {
            notes.push((kind, label, read_notes(part, &xml, kind)?));
        }
    }
    let mut reader = Body::new(&numbering, &styles);
    walk("word/document.xml", &document, |node| reader.node(node))?;
    let mut blocks = reader.blocks;
    // Notes follow the body in the order they are referred to, numbered as Word numbers them.
    for (kind, label, bodies) in &notes {
        let mut listed = Vec::new();
        for (n, id) in reader
            .references
            .iter()
            .filter(|(k, _)| k == kind)
            .enumerate()
        {
            if let Some(body) = bodies.get(&id.1) {
                listed.push((label.format(n as i64 + 1), body.clone()));
            }
        }
        blocks.push_notes(&listed);
    }
    Ok(blocks.finish())
}

fn is_w(ns: &str) -> bool {
    ns == W || ns == W_STRICT
}

/// `w:val` of an element.
fn val<'a>(e: &'a super::xml::Element<'_>) -> Option<&'a str> {
    e.attr(W, "val").or_else(|| e.attr(W_STRICT, "val"))
}

/// A paragraph's list membership: which numbering instance, at which level.
#[derive(Debug, Clone, Default, PartialEq)]
struct NumPr {
    num_id: Option<String>,
    level: Option<usize>,
}

/// How a list level is drawn.
#[derive(Debug, Clone)]
struct Level {
    start: i64,
    style: Style,
    bullet: bool,
    /// `%1.`, `(%2)`, `%1.%2.`: `%N` stands for level N's number.
    text: String,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            style: Style::Decimal,
            bullet: false,
            text: String::new(),
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    /// `startOverride` per level: the instance restarts its list there.
    restarts: HashMap<usize, i64>,
}

/// `numbering.xml`: abstract list definitions and the numbering instances that use them.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<usize, Level>>,
    nums: HashMap<String, Num>,
}

impl Numbering {
    fn read(xml: &str) -> Result<Numbering, String> {
        let mut numbering = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut num: Option<(String, Num)> = None;
        let mut override_level: Option<usize> = None;
        walk("word/numbering.xml", xml, |node| match node {
            Node::Open(e) if is_w(e.ns) => match e.name {
                "abstractNum" => {
                    abstract_id = e
                        .attr(W, "abstractNumId")
                        .or(e.attr(W_STRICT, "abstractNumId"))
                        .map(String::from)
                }
                "lvl" if abstract_id.is_some() => {
                    let ilvl = e.attr(W, "ilvl").or(e.attr(W_STRICT, "ilvl"));
                    let ilvl = ilvl.and_then(|v| v.parse().ok()).unwrap_or(0);
                    level = Some((ilvl, Level::default()));
                }
                "start" => {
                    if let (Some((_, lvl)), Some(v)) = (&mut level, val(&e)) {
                        lvl.start = v.parse().unwrap_or(1);
                    }
                }
                "numFmt" => {
                    if let (Some((_, lvl)), Some(v)) = (&mut level, val(&e)) {
                        lvl.bullet = v == "bullet";
                        lvl.style = match v {
                            "lowerLetter" => Style::LowerLetter,
                            "upperLetter" => Style::UpperLetter,
                            "lowerRoman" => Style::LowerRoman,
                            "upperRoman" => Style::UpperRoman,
                            "bullet" | "none" => Style::Hidden,
                            _ => Style::Decimal,
                        };
                    }
                }
                "lvlText" => {
                    if let (Some((_, lvl)), Some(v)) = (&mut level, val(&e)) {
                        lvl.text = v.to_string();
                    }
                }
                "num" => {
                    let id = e.attr(W, "numId").or(e.attr(W_STRICT, "numId"));
                    num = id.map(|id| (id.to_string(), Num::default()));
                }
                "abstractNumId" => {
                    if let (Some((_, n)), Some(v)) = (&mut num, val(&e)) {
                        n.abstract_id = v.to_string();
                    }
                }
                "lvlOverride" => {
                    let ilvl = e.attr(W, "ilvl").or(e.attr(W_STRICT, "ilvl"));
                    override_level = ilvl.and_then(|v| v.parse().ok());
                }
                "startOverride" => {
                    if let (Some((_, n)), Some(l), Some(v)) = (&mut num, override_level, val(&e)) {
                        n.restarts.insert(l, v.parse().unwrap_or(1));
                    }
                }
                _ => {}
            },
            Node::Close { ns, name } if is_w(ns) => match name {
                "lvl" => {
                    if let (Some(id), Some((ilvl, lvl))) = (&abstract_id, level.take()) {
                        numbering
                            .abstracts
                            .entry(id.clone())
                            .or_default()
                            .insert(ilvl, lvl);
                    }
                }
                "abstractNum" => abstract_id = None,
                "num" => {
                    if let Some((id, n)) = num.take() {
                        numbering.nums.insert(id, n);
                    }
                }
                "lvlOverride" => override_level = None,
                _ => {}
            },
            _ => {}
        })?;
        Ok(numbering)
    }
}

/// Per paragraph style: its `numPr` and the style it is based on.
type Styles = HashMap<String, (NumPr, Option<String>)>;

fn read_styles(xml: &str) -> Result<Styles, String> {
    let mut styles = Styles::new();
    let mut current: Option<(String, NumPr, Option<String>)> = None;
    let mut depth_in_ppr = 0usize;
    walk("word/styles.xml", xml, |node| match node {
        Node::Open(e) if is_w(e.ns) => match e.name {
            "style" => {
                let id = e.attr(W, "styleId").or(e.attr(W_STRICT, "styleId"));
                current = id.map(|id| (id.to_string(), NumPr::default(), None));
            }
            "basedOn" => {
                if let (Some(style), Some(v)) = (&mut current, val(&e)) {
                    style.2 = Some(v.to_string());
                }
            }
            "pPr" => depth_in_ppr += 1,
            "numId" if depth_in_ppr > 0 => {
                if let (Some(style), Some(v)) = (&mut current, val(&e)) {
                    style.1.num_id = Some(v.to_string());
                }
            }
            "ilvl" if depth_in_ppr > 0 => {
                if let (Some(style), Some(v)) = (&mut current, val(&e)) {
                    style.1.level = v.parse().ok();
                }
            }
            _ => {}
        },
        Node::Close { ns, name } if is_w(ns) => match name {
            "pPr" => depth_in_ppr = depth_in_ppr.saturating_sub(1),
            "style" => {
                if let Some((id, num_pr, based_on)) = current.take() {
                    styles.insert(id, (num_pr, based_on));
                }
            }
            _ => {}
        },
        _ => {}
    })?;
    Ok(styles)
}

/// The text of each footnote or endnote by id; Word's separator notes are left out.
fn read_notes(part: &str, xml: &str, kind: &str) -> Result<HashMap<String, String>, String> {
    let mut notes = HashMap::new();
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    walk(part, xml, |node| match node {
        Node::Open(e) if is_w(e.ns) => {
            if e.name == kind {
                let separator = e.attr(W, "type").is_some_and(|t| t != "normal");
                let id = e.attr(W, "id").or(e.attr(W_STRICT, "id"));
                current = id
                    .filter(|_| !separator)
                    .map(|id| (id.to_string(), String::new()));
            } else if e.name == "t" {
                in_text = true;
            } else if e.name == "p"
                && let Some((_, text)) = &mut current
                && !text.is_empty()
            {
                text.push(' ');
            } else if e.name == "tab"
                && let Some((_, text)) = &mut current
            {
                text.push(' ');
            }
        }
        Node::Close { ns, name } if is_w(ns) => {
            if name == "t" {
                in_text = false;
            } else if name == kind
                && let Some((id, text)) = current.take()
            {
                notes.insert(id, text.trim().to_string());
            }
        }
        Node::Text(t) if in_text => {
            if let Some((_, text)) = &mut current {
                text.push_str(&t);
            }
        }
        _ => {}
    })?;
    Ok(notes)
}

/// One table row being read: its finished cells and the cell being filled.
#[derive(Default)]
struct Row {
    cells: Vec<String>,
    cell: String,
}

/// A paragraph being read.
#[derive(Default)]
struct Paragraph {
    text: String,
    style: Option<String>,
    num_pr: NumPr,
}

/// The walk over `document.xml`.
struct Body<'a> {
    numbering: &'a Numbering,
    styles: &'a Styles,
    blocks: Blocks,
    /// Paragraphs open now: more than one inside a text box, whose paragraphs sit inside a
    /// run of the paragraph that anchors it.
    paragraphs: Vec<Paragraph>,
    rows: Vec<Row>,
    /// Depth inside a subtree whose text is not the document's: deleted or moved-away text,
    /// field codes, an earlier version of properties, the fallback copy of an alternative.
    skip: usize,
    in_text: bool,
    in_run: bool,
    in_ppr: bool,
    /// The last number drawn at each level, per abstract list (Word continues a list across
    /// instances of one abstract definition unless an instance restarts it).
    counters: HashMap<String, [Option<i64>; 9]>,
    /// Numbering instances already used, so that a `startOverride` restarts only once.
    used: Vec<String>,
    /// `(footnote|endnote, id)` in the order the body refers to them.
    references: Vec<(&'static str, String)>,
}

impl<'a> Body<'a> {
    fn new(numbering: &'a Numbering, styles: &'a Styles) -> Self {
        Body {
            numbering,
            styles,
            blocks: Blocks::default(),
            paragraphs: Vec::new(),
            rows: Vec::new(),
            skip: 0,
            in_text: false,
            in_run: false,
            in_ppr: false,
            counters: HashMap::new(),
            used: Vec::new(),
            references: Vec::new(),
        }
    }

    fn skipped(ns: &str, name: &str) -> bool {
        (is_w(ns)
            && matches!(
                name,
                "del" | "moveFrom" | "instrText" | "delInstrText" | "pPrChange" | "rPrChange"
            ))
            || (ns == MC && name == "Fallback")
    }

    fn push_text(&mut self, text: &str) {
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
                if !is_w(e.ns) {
                    return;
                }
                match e.name {
                    "p" => self.paragraphs.push(Paragraph::default()),
                    "pPr" => self.in_ppr = true,
                    "pStyle" if self.in_ppr => {
                        if let Some(p) = self.paragraphs.last_mut() {
                            p.style = val(&e).map(String::from);
                        }
                    }
                    "numId" if self.in_ppr => {
                        if let Some(p) = self.paragraphs.last_mut() {
                            p.num_pr.num_id = val(&e).map(String::from);
                        }
                    }
                    "ilvl" if self.in_ppr => {
                        if let Some(p) = self.paragraphs.last_mut() {
                            p.num_pr.level = val(&e).and_then(|v| v.parse().ok());
                        }
                    }
                    "r" => self.in_run = true,
                    "t" => self.in_text = true,
                    "tab" if self.in_run => self.push_text(" "),
                    "br" | "cr" if self.in_run => self.push_text("\n"),
                    "noBreakHyphen" => self.push_text("-"),
                    "footnoteReference" | "endnoteReference" => {
                        let kind = if e.name == "footnoteReference" {
                            "footnote"
                        } else {
                            "endnote"
                        };
                        if let Some(id) = e.attr(W, "id").or(e.attr(W_STRICT, "id")) {
                            self.references.push((kind, id.to_string()));
                            // Word numbers its notes in the order the text refers to them.
                            let n = self.references.iter().filter(|(k, _)| *k == kind).count();
                            let label = match kind {
                                "footnote" => Style::Decimal.format(n as i64),
                                _ => Style::LowerRoman.format(n as i64),
                            };
                            self.blocks.refer(label);
                        }
                    }
                    "tr" => self.rows.push(Row::default()),
                    _ => {}
                }
            }
            Node::Close { ns, name } => {
                if self.skip > 0 {
                    self.skip -= 1;
                    return;
                }
                if !is_w(ns) {
                    return;
                }
                match name {
                    "pPr" => self.in_ppr = false,
                    "r" => self.in_run = false,
                    "t" => self.in_text = false,
                    "p" => self.end_paragraph(),
                    "tc" => {
                        if let Some(row) = self.rows.last_mut() {
                            let cell = std::mem::take(&mut row.cell);
                            row.cells.push(cell.trim().to_string());
                        }
                    }
                    "tr" => {
                        if let Some(row) = self.rows.pop() {
                            self.blocks.push_row(row.cells);
                        }
                    }
                    _ => {}
                }
            }
            Node::Text(text) => {
                if self.skip == 0 && self.in_text {
                    self.push_text(&text);
                }
            }
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.paragraphs.pop() else {
            return;
        };
        let counter = self.counter(&p.num_pr, p.style.as_deref());
        match (self.rows.last_mut(), counter) {
            (Some(row), _) => {
                if !row.cell.is_empty() {
                    row.cell.push(' ');
                }
                row.cell.push_str(p.text.trim());
            }
            (None, Some((level, counter))) => self.blocks.push_item(level, counter, &p.text),
            (None, None) => self.blocks.push(&p.text),
        }
    }

    /// The level and counter Word gives a paragraph, counting it; `None` when it is not in
    /// a list.
    fn counter(&mut self, own: &NumPr, style: Option<&str>) -> Option<(u8, Counter)> {
        let inherited = self.style_num_pr(style);
        let num_id = own.num_id.clone().or(inherited.num_id)?;
        let level = own.level.or(inherited.level).unwrap_or(0).min(8);
        let num = self.numbering.nums.get(&num_id)?; // numId 0 (no list) is never defined
        let levels = self.numbering.abstracts.get(&num.abstract_id)?;
        let counters = self.counters.entry(num.abstract_id.clone()).or_default();
        if !self.used.contains(&num_id) {
            self.used.push(num_id.clone());
            for (l, start) in &num.restarts {
                if *l < 9 {
                    counters[*l] = Some(start - 1);
                }
            }
        }
        let start = |l: usize| levels.get(&l).map_or(1, |lvl| lvl.start);
        counters[level] = Some(counters[level].map_or(start(level), |n| n + 1));
        // A new item at one level restarts the levels under it.
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        let lvl = levels.get(&level).cloned().unwrap_or_default();
        // A level whose text does not draw its own number (`•`, or nothing) counts nothing.
        let drawn = !lvl.bullet && lvl.text.contains(&format!("%{}", level + 1));
        let counter = match (drawn, counters[level]) {
            (true, Some(value)) => Counter {
                style: lvl.style,
                value,
            },
            _ => Counter::bullet(),
        };
        Some((level as u8, counter))
    }

    /// The `numPr` a paragraph style gives, following `basedOn` (a few levels at most).
    fn style_num_pr(&self, style: Option<&str>) -> NumPr {
        let mut found = NumPr::default();
        let mut next = style.map(String::from);
        for _ in 0..16 {
            let Some((num_pr, based_on)) = next.as_deref().and_then(|s| self.styles.get(s)) else {
                break;
            };
            found.num_id = found.num_id.or(num_pr.num_id.clone());
            found.level = found.level.or(num_pr.level);
            next = based_on.clone();
        }
        found
    }
}
