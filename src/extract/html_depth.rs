//! How deep an HTML page nests its elements, found by one pass over the bytes before the
//! HTML parser (html5ever) sees them. The parser looks through its stack of open elements
//! at each tag, so its work is the number of tags times the depth: 100,000 nested `<div>`s
//! take it a minute. This pass keeps the same stack, roughly as the parser does (void
//! elements, raw text, end tags that close what they match, tags that close an open `<p>`,
//! `<li>` or table cell, and formatting elements such as `<b>` that the parser reopens after
//! a block closes them), and stops as soon as the depth is over the limit. Each tag costs at
//! most a look through a stack no deeper than the limit, so the pass is linear in the page.

/// Whether `html` nests elements deeper than `limit`.
pub fn deeper_than(html: &str, limit: usize) -> bool {
    let bytes = html.as_bytes();
    let mut scan = Scan::default();
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
        i += at + 1;
        let rest = &bytes[i..];
        if let Some(after) = rest.strip_prefix(b"!--") {
            i += 3 + memchr::memmem::find(after, b"-->").map_or(after.len(), |end| end + 3);
            continue;
        }
        if matches!(rest.first(), Some(b'!' | b'?')) {
            i += memchr::memchr(b'>', rest).map_or(rest.len(), |end| end + 1);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let start = usize::from(closing);
        if !rest.get(start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = rest[start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
            .map_or(rest.len(), |n| start + n);
        let name = rest[start..name_end].to_ascii_lowercase();
        // The tag ends at the first `>` outside a quoted attribute value.
        let mut quote = None;
        let mut end = name_end;
        while end < rest.len() {
            match (quote, rest[end]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), c) if c == q => quote = None,
                _ => {}
            }
            end += 1;
        }
        let tag = &rest[..end];
        i += (end + 1).min(rest.len());
        if closing {
            scan.close(&name);
            continue;
        }
        let self_closing = tag.ends_with(b"/");
        scan.open(name.clone(), tag, self_closing);
        if scan.depth() > limit {
            return true;
        }
        // Raw text: the element's content is not markup, up to its end tag.
        if matches!(
            name.as_slice(),
            b"script"
                | b"style"
                | b"xmp"
                | b"iframe"
                | b"noembed"
                | b"noframes"
                | b"noscript"
                | b"textarea"
                | b"title"
        ) && !self_closing
        {
            let mut end_tag = b"</".to_vec();
            end_tag.extend_from_slice(&name);
            let lower = &bytes[i..];
            let found = memchr::memmem::find_iter(lower, b"</").find(|&at| {
                lower[at..]
                    .get(..end_tag.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(&end_tag))
            });
            i += found.unwrap_or(lower.len());
        } else if name == b"plaintext" {
            break;
        }
    }
    false
}

const FORMATTING: &[&[u8]] = &[
    b"a", b"b", b"big", b"code", b"em", b"font", b"i", b"nobr", b"s", b"small", b"strike",
    b"strong", b"tt", b"u",
];

/// Elements that start a new list of formatting elements to reopen.
const MARKERS: &[&[u8]] = &[
    b"applet",
    b"caption",
    b"marquee",
    b"object",
    b"td",
    b"template",
    b"th",
];

const CLOSES_P: &[&[u8]] = &[
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"center",
    b"details",
    b"dialog",
    b"dir",
    b"div",
    b"dl",
    b"fieldset",
    b"figcaption",
    b"figure",
    b"footer",
    b"form",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"header",
    b"hgroup",
    b"listing",
    b"main",
    b"menu",
    b"nav",
    b"ol",
    b"p",
    b"pre",
    b"search",
    b"section",
    b"summary",
    b"table",
    b"ul",
    b"li",
    b"dd",
    b"dt",
    b"plaintext",
    b"xmp",
];

/// Where the search for an element to close stops, as the parser's scopes do.
const SCOPE: &[&[u8]] = &[
    b"applet",
    b"button",
    b"caption",
    b"marquee",
    b"object",
    b"table",
    b"td",
    b"template",
    b"th",
];

#[derive(Default)]
struct Scan {
    /// The open elements' names.
    stack: Vec<Vec<u8>>,
    /// Formatting elements the parser would reopen (whole tags, as it tells them apart by
    /// their attributes); `None` is a marker.
    formatting: Vec<Option<Vec<u8>>>,
}

impl Scan {
    /// The stack as deep as the parser's can get: the formatting elements it would reopen
    /// are counted too (those still open twice, which errs on the deep side).
    fn depth(&self) -> usize {
        let since_marker = self.formatting.iter().rev().take_while(|f| f.is_some());
        self.stack.len() + since_marker.count()
    }

    fn open(&mut self, name: Vec<u8>, tag: &[u8], self_closing: bool) {
        let name_is = |set: &[&[u8]]| set.contains(&name.as_slice());
        if matches!(
            name.as_slice(),
            b"area"
                | b"base"
                | b"basefont"
                | b"bgsound"
                | b"br"
                | b"col"
                | b"embed"
                | b"frame"
                | b"hr"
                | b"image"
                | b"img"
                | b"input"
                | b"keygen"
                | b"link"
                | b"meta"
                | b"param"
                | b"source"
                | b"track"
                | b"wbr"
                | b"html"
                | b"head"
                | b"body"
        ) {
            return;
        }
        // `<x/>` closes itself only in SVG and MathML.
        let foreign = self.stack.iter().any(|n| n == b"svg" || n == b"math");
        if self_closing && (foreign || name == b"svg" || name == b"math") {
            return;
        }
        if name_is(CLOSES_P) {
            self.close_within(&[b"p"], SCOPE);
        }
        match name.as_slice() {
            b"li" => self.close_within(&[b"li"], &[b"ul", b"ol", b"menu", b"dir", b"table"]),
            b"dd" | b"dt" => self.close_within(&[b"dd", b"dt"], &[b"dl", b"table"]),
            b"tr" => self.close_within(&[b"tr"], &[b"table", b"thead", b"tbody", b"tfoot"]),
            b"td" | b"th" => self.close_within(&[b"td", b"th"], &[b"tr", b"table"]),
            b"thead" | b"tbody" | b"tfoot" => {
                self.close_within(&[b"thead", b"tbody", b"tfoot"], &[b"table"]);
            }
            b"rb" | b"rt" | b"rtc" | b"rp" => {
                self.close_within(&[b"rb", b"rt", b"rtc", b"rp"], &[b"ruby"]);
            }
            b"a" | b"nobr" => self.close_within(&[name.as_slice()], SCOPE),
            b"option" | b"optgroup" => {
                if self.stack.last().is_some_and(|n| n == b"option") {
                    self.pop();
                }
                if name == b"optgroup" && self.stack.last().is_some_and(|n| n == b"optgroup") {
                    self.pop();
                }
            }
            b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6"
                if self
                    .stack
                    .last()
                    .is_some_and(|n| matches!(n.as_slice(), [b'h', b'1'..=b'6'])) =>
            {
                self.pop();
            }
            _ => {}
        }
        if name_is(FORMATTING) {
            // The parser keeps at most three of the same tag (its "Noah's Ark" clause).
            let since_marker = self
                .formatting
                .iter()
                .rposition(Option::is_none)
                .map_or(0, |m| m + 1);
            let same: Vec<usize> = (since_marker..self.formatting.len())
                .filter(|&k| self.formatting[k].as_deref() == Some(tag))
                .collect();
            if same.len() >= 3 {
                self.formatting.remove(same[0]);
            }
            self.formatting.push(Some(tag.to_vec()));
        } else if name_is(MARKERS) {
            self.formatting.push(None);
        }
        self.stack.push(name);
    }

    /// An end tag closes the element it names and all opened after it, if it is open.
    fn close(&mut self, name: &[u8]) {
        if FORMATTING.contains(&name) {
            let found = self.formatting.iter().rposition(|f| match f {
                Some(tag) => {
                    tag.get(1..=name.len())
                        .is_some_and(|n| n.eq_ignore_ascii_case(name))
                        && tag
                            .get(name.len() + 1)
                            .is_none_or(|b| !b.is_ascii_alphanumeric())
                }
                None => true,
            });
            if let Some(at) = found
                && self.formatting[at].is_some()
            {
                self.formatting.remove(at);
            }
        }
        if let Some(at) = self.stack.iter().rposition(|n| n == name) {
            while self.stack.len() > at {
                self.pop();
            }
        }
    }

    /// Closes the innermost of `names` unless one of `stops` is opened after it.
    fn close_within(&mut self, names: &[&[u8]], stops: &[&[u8]]) {
        for at in (0..self.stack.len()).rev() {
            let open = self.stack[at].as_slice();
            if names.contains(&open) {
                while self.stack.len() > at {
                    self.pop();
                }
                return;
            }
            if stops.contains(&open) {
                return;
            }
        }
    }

    fn pop(&mut self) {
        if let Some(name) = self.stack.pop()
            && MARKERS.contains(&name.as_slice())
        {
            let marker = self.formatting.iter().rposition(Option::is_none);
            self.formatting.truncate(marker.unwrap_or(0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::deeper_than;

    fn depth(html: &str) -> usize {
        (0..100).find(|&limit| !deeper_than(html, limit)).unwrap()
    }

    #[test]
    fn depth_follows_the_tags_the_parser_closes() {
        assert_eq!(depth("<html><body><div><div><p>x</div></div>"), 3);
        assert_eq!(depth("<ul><li>a<li>b<li>c</ul>"), 2);
        assert_eq!(depth("<table><tr><td>a<td>b<tr><td>c</table>"), 3);
        assert_eq!(depth("<p>a<p>b<p>c<br><img src=x>"), 1);
        assert_eq!(depth("<svg><path/><path/></svg><div/><div/>"), 2);
        assert_eq!(depth("<script>'<div><div>'</script><p>x"), 1);
        assert_eq!(depth("<!-- <div><div> --><p title='>'>x"), 1);
        assert_eq!(depth("<p><b>x</p><p><b>x</p><p><b>x</p><p><b>x</p>"), 5);
    }

    #[test]
    fn formatting_the_parser_reopens_counts() {
        let page: String = (0..50).map(|i| format!("<b class={i}>x")).collect();
        let page = format!("<div>{page}</div><p>y</p>");
        assert!(deeper_than(&page, 49));
    }
}
