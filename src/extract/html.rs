//! HTML → blocks: the page's main text, not its navigation, banner, sidebars or footer.
//! The text comes from `<main>` (or `role="main"`), else the first `<article>`, else the
//! body; `nav`, `aside`, `footer`, scripts, styles, forms' controls and hidden elements are
//! left out everywhere, and a `header` is left out unless it is inside the main text (where
//! it holds the document's title). List items carry their level and the counter a browser
//! would draw (`start`, `type`, `reversed`, `value`); `<h1>`–`<h6>` are headings.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

use super::blocks::Blocks;
use super::html_depth;
use super::limits::MAX_HTML_DEPTH;
use crate::import::{Block, Counter, CounterStyle as Style};

/// The text of an HTML page, already decoded; a page nested deeper than `MAX_HTML_DEPTH` is
/// refused before it is parsed.
pub fn blocks(html: &str) -> Result<Vec<Block>, String> {
    if html_depth::deeper_than(html, MAX_HTML_DEPTH) {
        return Err(format!(
            "refused: the HTML nests elements more than {MAX_HTML_DEPTH} deep, deeper than reso reads"
        ));
    }
    let document = Html::parse_document(html);
    let root = main_element(&document);
    // Without a main element, a page's `<header>` is its banner; inside `<main>` or
    // `<article>` it holds the document's title.
    let mut walker = Walker {
        drop_headers: matches!(root.value().name(), "body" | "html"),
        ..Walker::default()
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => walker.open(node.value(), || {
                node.children()
                    .filter(|c| c.value().as_element().is_some_and(|e| e.name() == "li"))
                    .count()
            }),
            Edge::Close(node) => walker.close(node.value()),
        }
    }
    walker.flush();
    let mut blocks = walker.blocks;
    blocks.push_notes(&walker.notes);
    Ok(blocks.finish())
}

/// Where the page's own text is.
fn main_element(document: &Html) -> ElementRef<'_> {
    for selector in ["main", "[role=main]", "article", "body"] {
        let selector = Selector::parse(selector).expect("a valid selector");
        if let Some(found) = document.select(&selector).next() {
            return found;
        }
    }
    document.root_element()
}

/// Whether an element, wherever it is, holds no part of the main text.
fn never_text(element: &scraper::node::Element) -> bool {
    let name = element.name();
    matches!(
        name,
        "nav"
            | "aside"
            | "footer"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "object"
            | "canvas"
            | "video"
            | "audio"
            | "button"
            | "select"
            | "textarea"
            | "dialog"
            | "head"
    ) || element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || matches!(
            element.attr("role"),
            Some("navigation" | "complementary" | "contentinfo" | "banner" | "search")
        )
}

/// A link to a note or back from one (`<a role="doc-noteref"><sup>1</sup></a>`, pandoc's
/// `footnote-ref`, Word's `#_ftn1`): its number belongs to the note, not to the text.
fn is_note_link(element: &scraper::node::Element) -> bool {
    matches!(element.attr("role"), Some("doc-noteref" | "doc-backlink"))
        || element
            .classes()
            .any(|c| matches!(c, "footnote-ref" | "footnote-back" | "footnote-backref"))
        || element.attr("href").is_some_and(|href| {
            ["#fn", "#_ftn", "#_edn"]
                .iter()
                .any(|p| href.starts_with(p))
        })
}

/// The note a link refers to (`<a href="#fn1" role="doc-noteref">`, Word's `#_ftn1`), by the
/// number in its target; a link back from a note refers to none.
fn note_reference(element: &scraper::node::Element) -> Option<String> {
    let href = element.attr("href")?;
    let back = matches!(element.attr("role"), Some("doc-backlink"))
        || ["#fnref", "#_ftnref", "#_ednref"]
            .iter()
            .any(|p| href.starts_with(p));
    let target = ["#fn", "#_ftn", "#_edn"]
        .iter()
        .find_map(|p| href.strip_prefix(p))?;
    let label: String = target.chars().filter(char::is_ascii_digit).collect();
    (!back && !label.is_empty()).then_some(label)
}

/// The element holding the document's notes: `role="doc-endnotes"`, a `footnotes`
/// section, Word's footnote list.
fn holds_notes(element: &scraper::node::Element) -> bool {
    matches!(element.attr("role"), Some("doc-endnotes" | "doc-footnotes"))
        || element.classes().any(|c| c == "footnotes")
        || element.id() == Some("footnotes")
        || element
            .attr("style")
            .is_some_and(|s| s.contains("mso-element:footnote-list"))
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "caption"
            | "tr"
            | "ul"
    )
}

/// A list open now.
struct List {
    ordered: bool,
    next: i64,
    step: i64,
    style: Style,
}

#[derive(Default)]
struct Walker {
    blocks: Blocks,
    /// The paragraph being gathered.
    line: String,
    /// The level and counter of the list item just opened, for its first words.
    item: Option<(u8, Counter)>,
    /// The level of the heading open now.
    heading: Option<u8>,
    /// Elements open now (not counting skipped ones).
    depth: usize,
    /// The depth of the element holding the notes, while inside it.
    notes_at: Option<usize>,
    /// Notes read so far, and the label of the one being read.
    notes: Vec<(String, String)>,
    note_label: Option<String>,
    lists: Vec<List>,
    /// Depth inside an element that holds no main text.
    skip: usize,
    /// Depth inside `<pre>`.
    pre: usize,
    drop_headers: bool,
    /// Cells already in the current table row.
    cells: usize,
}

impl Walker {
    fn open(&mut self, node: &Node, li_count: impl FnOnce() -> usize) {
        if self.skip > 0 {
            self.skip += 1;
            return;
        }
        match node {
            Node::Text(text) => self.text(text),
            Node::Element(element) => {
                if let Some(label) = note_reference(element) {
                    self.blocks.refer(label);
                }
                if never_text(element)
                    || is_note_link(element)
                    || (self.drop_headers && element.name() == "header")
                {
                    self.skip += 1;
                    return;
                }
                self.depth += 1;
                if self.notes_at.is_none() && holds_notes(element) {
                    self.flush();
                    self.notes_at = Some(self.depth);
                }
                let name = element.name();
                if is_block(name) {
                    self.flush();
                }
                match name {
                    "br" => self.line.push('\n'),
                    "pre" => self.pre += 1,
                    "ol" => {
                        let reversed = element.attr("reversed").is_some();
                        let step = if reversed { -1 } else { 1 };
                        let start = element.attr("start").and_then(|s| s.trim().parse().ok());
                        let next = start.unwrap_or(if reversed { li_count() as i64 } else { 1 });
                        let style = Style::from_code(element.attr("type").unwrap_or("1"));
                        self.lists.push(List {
                            ordered: true,
                            next,
                            step,
                            style: if style == Style::Hidden {
                                Style::Decimal
                            } else {
                                style
                            },
                        });
                    }
                    "ul" | "menu" | "dir" => self.lists.push(List {
                        ordered: false,
                        next: 1,
                        step: 1,
                        style: Style::Hidden,
                    }),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        self.heading = name[1..].parse().ok();
                    }
                    "li" => {
                        let level = self.lists.len().saturating_sub(1).min(8) as u8;
                        self.item = self.lists.last_mut().map(|list| {
                            if !list.ordered {
                                return (level, Counter::bullet());
                            }
                            let value = element.attr("value").and_then(|v| v.trim().parse().ok());
                            let n = value.unwrap_or(list.next);
                            list.next = n + list.step;
                            let style = element
                                .attr("type")
                                .map(Style::from_code)
                                .filter(|s| *s != Style::Hidden)
                                .unwrap_or(list.style);
                            (level, Counter { style, value: n })
                        });
                    }
                    "tr" => self.cells = 0,
                    "td" | "th" => {
                        if self.cells > 0 {
                            self.line.truncate(self.line.trim_end_matches(' ').len());
                            self.line.push('\t');
                        }
                        self.cells += 1;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, node: &Node) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        let Node::Element(element) = node else {
            return;
        };
        let name = element.name();
        if is_block(name) {
            self.flush();
        }
        if self.notes_at == Some(self.depth) {
            self.notes_at = None;
            self.note_label = None;
        }
        self.depth = self.depth.saturating_sub(1);
        match name {
            "pre" => self.pre = self.pre.saturating_sub(1),
            "ol" | "ul" | "menu" | "dir" => {
                self.lists.pop();
            }
            "li" => self.item = None,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading = None,
            _ => {}
        }
    }

    /// Text as a browser lays it out: runs of white space are one space, except in `<pre>`.
    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            self.line.push_str(text);
            return;
        }
        let mut space = false;
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                space = true;
            } else {
                if space {
                    self.line.push(' ');
                    space = false;
                }
                self.line.push(c);
            }
        }
        if space {
            self.line.push(' ');
        }
    }

    /// Ends the paragraph gathered so far; the first words of a list item are the item.
    fn flush(&mut self) {
        let line = std::mem::take(&mut self.line);
        if line.trim().is_empty() {
            return;
        }
        if self.notes_at.is_some() {
            // A note's paragraphs go on the note its list item (or the count) numbers.
            if let Some((_, counter)) = self.item.take() {
                self.note_label = Some(counter.style.format(counter.value));
            }
            match (&self.note_label, self.notes.last_mut()) {
                (Some(label), Some((last, text))) if last == label => {
                    text.push(' ');
                    text.push_str(line.trim());
                }
                _ => {
                    let label = match &self.note_label {
                        Some(label) => label.clone(),
                        None => (self.notes.len() + 1).to_string(),
                    };
                    self.notes.push((label.clone(), line.trim().to_string()));
                    self.note_label = Some(label);
                }
            }
            return;
        }
        match (self.item.take(), self.heading) {
            (Some((level, counter)), _) => self.blocks.push_item(level, counter, &line),
            (None, Some(level)) => self.blocks.push_heading(level, &line),
            (None, None) => self.blocks.push(&line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::blocks::shown;

    fn text(page: &str) -> Result<String, String> {
        super::blocks(page).map(|b| shown(&b))
    }

    #[test]
    fn main_text_only() {
        let page = "<html><body><header>Site</header><nav>Menu</nav>\
            <main><header><h1>Title<br>second line</h1></header><p>Kept  \n text.</p>\
            <aside>Related</aside><div hidden>Hidden</div><footer>Share</footer></main>\
            <footer>Copyright</footer><script>x()</script></body></html>";
        assert_eq!(text(page).unwrap(), "Title\nsecond line\n\nKept text.");
    }

    #[test]
    fn without_main_the_page_header_goes() {
        let page = "<body><header>Site</header><div role=navigation>Menu</div><p>Text</p></body>";
        assert_eq!(text(page).unwrap(), "Text");
    }

    #[test]
    fn ordered_lists_give_their_numbers() {
        let page = r#"<ol start="3"><li>three</li><li><p>four</p><p>more</p></li></ol>
            <ol type="a"><li>a</li><li value="5">e<ol type="i"><li>i</li><li>ii</li></ol></li><li>f</li></ol>
            <ol reversed><li>two</li><li>one</li></ol><ul><li>dot</li></ul>"#;
        assert_eq!(
            text(page).unwrap(),
            "3. three\n\n4. four\n\nmore\n\na. a\n\ne. e\n\n  i. i\n\n  ii. ii\n\nf. f\n\n2. two\n\n1. one\n\n• dot"
        );
    }

    #[test]
    fn notes_are_footnotes_and_their_links_leave_the_text() {
        let page = r##"<p>Recalling the Convention,<a href="#fn1" role="doc-noteref"><sup>1</sup></a></p>
            <section role="doc-endnotes"><hr><ol><li id="fn1"><p>See A/89/312.<a href="#fnref1" role="doc-backlink">↩</a></p><p>More.</p></li>
            <li><p>Second.</p></li></ol></section><p>After.</p>"##;
        assert_eq!(
            text(page).unwrap(),
            "Recalling the Convention,\n\n(refers to [1])\n\nAfter.\n\n[1] See A/89/312. More.\n\n[2] Second."
        );
    }

    #[test]
    fn table_rows_are_lines_with_tabbed_cells() {
        let page = "<table><tr><td>For Estonia</td><td> For Latvia </td></tr></table>";
        assert_eq!(text(page).unwrap(), "For Estonia\tFor Latvia");
    }
}
