//! A PDF measured against the limits in `limits` before the PDF reader (`pdf-extract`) reads
//! it: what its streams decompress to, its pages, the page tree above each page, and what
//! each page draws, forms (Form XObjects) within forms included. The reader trusts the
//! file: it inflates every stream whole, follows each `Do` and each `/Parent` by recursion,
//! and interprets a form again each time it is drawn. So everything here is measured with
//! bounded decoders and iterative walks, each stream decoded once, and a refusal names the
//! limit.

use std::borrow::Cow;
use std::cell::Cell;
use std::io::Read;
use std::rc::Rc;

use pdf_extract::{Dictionary, Document, LoadOptions, Object, ObjectId, Stream};
use rustc_hash::{FxHashMap, FxHashSet};

use super::limits::{
    MAX_PDF_DECODED_BYTES, MAX_PDF_DRAWN_BYTES, MAX_PDF_FORM_DEPTH, MAX_PDF_PAGE_DRAWN_BYTES,
    MAX_PDF_PAGES, MAX_PDF_TREE_DEPTH,
};

const MIB: u64 = 1024 * 1024;

fn too_much_decoded() -> String {
    format!(
        "refused: the PDF's streams decompress to more than {} MiB, the most reso reads",
        MAX_PDF_DECODED_BYTES / MIB
    )
}

/// Loads the document. The PDF library inflates cross-reference streams and object streams
/// as it loads, so those are measured first: the first by a look through the bytes, the
/// second as the library meets them.
pub fn load(bytes: &[u8]) -> Result<Document, String> {
    if xref_streams_len(bytes) > MAX_PDF_DECODED_BYTES {
        return Err(too_much_decoded());
    }
    OBJECT_STREAMS_LEFT.set(MAX_PDF_DECODED_BYTES);
    let options = LoadOptions {
        filter: Some(measure_object_streams),
        ..LoadOptions::default()
    };
    let loaded = Document::load_mem_with_options(bytes, options);
    if OBJECT_STREAMS_LEFT.get() == 0 {
        return Err(too_much_decoded());
    }
    loaded.map_err(|e| format!("not a readable PDF ({e}), expected a PDF with a text layer"))
}

/// Checks the loaded (and decrypted) document against every limit.
pub fn check(doc: &Document) -> Result<(), String> {
    let mut left = MAX_PDF_DECODED_BYTES;
    for object in doc.objects.values() {
        if let Object::Stream(stream) = object
            && !is_image(stream)
        {
            let len = decode(stream, left).len() as u64;
            if len > left {
                return Err(too_much_decoded());
            }
            left -= len;
        }
    }
    // The page tree is walked iteratively by the library, at most once per object.
    let pages = doc.page_iter().count();
    if pages > MAX_PDF_PAGES {
        return Err(format!(
            "refused: the PDF has {pages} pages, more than the {MAX_PDF_PAGES} reso reads"
        ));
    }
    let mut walk = Walk {
        doc,
        streams: FxHashMap::default(),
        measured: FxHashMap::default(),
    };
    let mut drawn: u64 = 0;
    for (number, page) in doc.get_pages() {
        let resources = page_resources(doc, page)?;
        let mut on_page: u64 = 0;
        for content in doc.get_page_contents(page) {
            let (cost, _) = walk.measure(content, resources, number)?;
            on_page = on_page.saturating_add(cost);
        }
        if on_page > MAX_PDF_PAGE_DRAWN_BYTES {
            return Err(too_much_on_page(number));
        }
        drawn += on_page;
        if drawn > MAX_PDF_DRAWN_BYTES {
            return Err(format!(
                "refused: the PDF's pages draw more than {} MiB of content (a form counts each time it is drawn), the most reso reads",
                MAX_PDF_DRAWN_BYTES / MIB
            ));
        }
    }
    Ok(())
}

fn too_much_on_page(number: u32) -> String {
    format!(
        "refused: page {number} of the PDF draws more than {} MiB of content (a form counts each time it is drawn), the most reso reads on a page",
        MAX_PDF_PAGE_DRAWN_BYTES / MIB
    )
}

/// Image data is not decoded by the PDF reader (unless a page draws it with `Do`, where
/// [`Walk`] counts it).
fn is_image(stream: &Stream) -> bool {
    stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")
}

/// A page's resources, found as the PDF reader finds them: on the page, else on the first
/// node above it that has them. The whole `/Parent` chain is checked, since the reader also
/// climbs it for the page's size.
fn page_resources(doc: &Document, page: ObjectId) -> Result<Option<&Dictionary>, String> {
    let mut resources = None;
    let mut seen = FxHashSet::default();
    let mut node = doc.get_dictionary(page).ok();
    while let Some(dict) = node {
        if resources.is_none() {
            resources = deref_dict(doc, dict.get(b"Resources").ok());
        }
        let Ok(parent) = dict.get(b"Parent").and_then(Object::as_reference) else {
            break;
        };
        if !seen.insert(parent) {
            return Err("refused: the PDF's page tree loops (a /Parent leads back to itself), which reso does not follow".to_string());
        }
        if seen.len() > MAX_PDF_TREE_DEPTH {
            return Err(format!(
                "refused: the PDF's page tree is more than {MAX_PDF_TREE_DEPTH} deep, deeper than reso follows"
            ));
        }
        node = doc.get_dictionary(parent).ok();
    }
    Ok(resources)
}

fn deref_dict<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a Dictionary> {
    doc.dereference(object?).ok()?.1.as_dict().ok()
}

/// A stream drawn with the resources it names by (`Do /X` looks `X` up in them). A form
/// without resources of its own uses its caller's, so the same form can draw differently.
type Drawing = (ObjectId, *const Dictionary);

fn drawing(id: ObjectId, resources: Option<&Dictionary>) -> Drawing {
    (id, resources.map_or(std::ptr::null(), std::ptr::from_ref))
}

/// What a stream holds for the walk: its decoded size, and the names it draws.
struct Content {
    len: u64,
    draws: Rc<[Vec<u8>]>,
}

struct Walk<'a> {
    doc: &'a Document,
    /// Each stream decoded once.
    streams: FxHashMap<ObjectId, Content>,
    /// What drawing a stream costs (its content and all it draws, again each time) and how
    /// deep its forms go.
    measured: FxHashMap<Drawing, (u64, usize)>,
}

/// A stream being measured: the names it draws are looked at in turn.
struct Frame<'a> {
    drawing: Drawing,
    resources: Option<&'a Dictionary>,
    draws: Rc<[Vec<u8>]>,
    next: usize,
    cost: u64,
    height: usize,
}

impl<'a> Walk<'a> {
    fn content(&mut self, id: ObjectId) -> (u64, Rc<[Vec<u8>]>) {
        let doc = self.doc;
        let content = self.streams.entry(id).or_insert_with(|| {
            match doc.get_object(id).and_then(Object::as_stream) {
                Ok(stream) => {
                    let bytes = decode(stream, MAX_PDF_PAGE_DRAWN_BYTES);
                    Content {
                        len: bytes.len() as u64,
                        draws: drawn_names(&bytes).into(),
                    }
                }
                Err(_) => Content {
                    len: 0,
                    draws: Rc::from(Vec::new()),
                },
            }
        });
        (content.len, content.draws.clone())
    }

    fn frame(&mut self, id: ObjectId, resources: Option<&'a Dictionary>) -> Frame<'a> {
        let (len, draws) = self.content(id);
        Frame {
            drawing: drawing(id, resources),
            resources,
            draws,
            next: 0,
            cost: len,
            height: 0,
        }
    }

    /// The form `name` drawn with `resources`, and the resources it draws with, as the PDF
    /// reader finds them.
    fn form(
        &self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
    ) -> Option<(ObjectId, Option<&'a Dictionary>)> {
        let xobjects = deref_dict(self.doc, resources?.get(b"XObject").ok())?;
        let (id, object) = self.doc.dereference(xobjects.get(name).ok()?).ok()?;
        let stream = object.as_stream().ok()?;
        let own = deref_dict(self.doc, stream.dict.get(b"Resources").ok());
        Some((id?, own.or(resources)))
    }

    /// What drawing stream `id` costs and how deep its forms go, depth first without
    /// recursion; a form met again on the way down draws itself.
    fn measure(
        &mut self,
        id: ObjectId,
        resources: Option<&'a Dictionary>,
        page: u32,
    ) -> Result<(u64, usize), String> {
        if let Some(&known) = self.measured.get(&drawing(id, resources)) {
            return Ok(known);
        }
        let mut stack = vec![self.frame(id, resources)];
        let mut path: FxHashSet<Drawing> = stack.iter().map(|f| f.drawing).collect();
        loop {
            // How deep a form drawn now would be (the page's own content is at 0).
            let depth = stack.len();
            let top = stack.last_mut().expect("the stack holds the page");
            if top.cost > MAX_PDF_PAGE_DRAWN_BYTES {
                return Err(too_much_on_page(page));
            }
            if let Some(name) = top.draws.get(top.next) {
                top.next += 1;
                let Some((form, form_resources)) = self.form(top.resources, name) else {
                    continue;
                };
                let key = drawing(form, form_resources);
                if path.contains(&key) {
                    return Err(format!(
                        "refused: a form in the PDF (object {} {}) draws itself, which reso does not follow",
                        form.0, form.1
                    ));
                }
                if let Some(&(cost, height)) = self.measured.get(&key) {
                    top.cost = top.cost.saturating_add(cost);
                    top.height = top.height.max(height + 1);
                    if depth + height > MAX_PDF_FORM_DEPTH {
                        return Err(too_deep());
                    }
                    continue;
                }
                if depth > MAX_PDF_FORM_DEPTH {
                    return Err(too_deep());
                }
                let frame = self.frame(form, form_resources);
                path.insert(key);
                stack.push(frame);
            } else {
                let done = stack.pop().expect("the stack holds the page");
                path.remove(&done.drawing);
                self.measured.insert(done.drawing, (done.cost, done.height));
                match stack.last_mut() {
                    Some(caller) => {
                        caller.cost = caller.cost.saturating_add(done.cost);
                        caller.height = caller.height.max(done.height + 1);
                    }
                    None => return Ok((done.cost, done.height)),
                }
            }
        }
    }
}

fn too_deep() -> String {
    format!(
        "refused: the PDF's forms draw forms more than {MAX_PDF_FORM_DEPTH} deep, deeper than reso follows"
    )
}

/// The names a content stream draws (`/X Do`), read as the PDF reader's tokens: strings,
/// comments and inline image data are skipped, `#xx` in names decoded.
fn drawn_names(content: &[u8]) -> Vec<Vec<u8>> {
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0');
    let is_delimiter = |b: u8| b"()<>[]{}/%".contains(&b);
    let mut names = Vec::new();
    let mut last_name: Option<Vec<u8>> = None;
    let mut i = 0;
    while i < content.len() {
        let b = content[i];
        if is_space(b) {
            i += 1;
            continue;
        }
        match b {
            b'%' => {
                while i < content.len() && !matches!(content[i], b'\n' | b'\r') {
                    i += 1;
                }
                last_name = None;
            }
            b'(' => {
                let mut depth = 0usize;
                while i < content.len() {
                    match content[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
                last_name = None;
            }
            b'<' if content.get(i + 1) != Some(&b'<') => {
                i += memchr::memchr(b'>', &content[i..]).map_or(content.len(), |end| end + 1);
                last_name = None;
            }
            b'/' => {
                i += 1;
                let mut name = Vec::new();
                while i < content.len() && !is_space(content[i]) && !is_delimiter(content[i]) {
                    let hex = content
                        .get(i + 1..i + 3)
                        .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
                    match (content[i], hex) {
                        (b'#', Some(byte)) => {
                            name.push(byte);
                            i += 3;
                        }
                        (c, _) => {
                            name.push(c);
                            i += 1;
                        }
                    }
                }
                last_name = Some(name);
            }
            _ if is_delimiter(b) => {
                i += if content.get(i + 1) == Some(&b) { 2 } else { 1 };
                last_name = None;
            }
            _ => {
                let start = i;
                while i < content.len() && !is_space(content[i]) && !is_delimiter(content[i]) {
                    i += 1;
                }
                match &content[start..i] {
                    b"Do" => names.extend(last_name.take()),
                    // Inline image data, to `EI` between white space.
                    b"ID" => {
                        while i < content.len()
                            && !(content[i..].starts_with(b"EI")
                                && is_space(content[i - 1])
                                && content.get(i + 2).is_none_or(|&c| is_space(c)))
                        {
                            i += 1;
                        }
                        i += 2;
                    }
                    _ => {}
                }
                last_name = None;
            }
        }
    }
    names
}

thread_local! {
    /// What the object streams met so far may still decompress to; 0 once one went over.
    /// A load filter is a plain function, so it keeps its count here. The PDF library loads
    /// on the calling thread (its `rayon` feature, which would load in parallel, is off).
    static OBJECT_STREAMS_LEFT: Cell<u64> = const { Cell::new(0) };
}

/// The load filter: measures each object stream before the library inflates it and drops
/// the ones over the limit (`load` then refuses the document). The library keeps the
/// object it passed and uses only a returned one for the objects inside an object stream.
fn measure_object_streams(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    let Object::Stream(stream) = object else {
        return Some((id, object.clone()));
    };
    if stream.dict.has_type(b"ObjStm") {
        let left = OBJECT_STREAMS_LEFT.get();
        let len = decode(stream, left).len() as u64;
        if len > left {
            OBJECT_STREAMS_LEFT.set(0);
            return None;
        }
        OBJECT_STREAMS_LEFT.set(left - len);
    }
    Some((id, Object::Null))
}

/// What the cross-reference streams decompress to, all together, up to just over the
/// limit: each starts at the `stream` after a `/XRef`.
fn xref_streams_len(bytes: &[u8]) -> u64 {
    let mut total: u64 = 0;
    for at in memchr::memmem::find_iter(bytes, b"/XRef") {
        // `/XRefStm` is a trailer's key, not the type.
        if bytes.get(at + 5).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        let window = &bytes[at..bytes.len().min(at + 4096)];
        let Some(keyword) = memchr::memmem::find(window, b"stream") else {
            continue;
        };
        let mut data = &bytes[at + keyword + 6..];
        data = data.strip_prefix(b"\r").unwrap_or(data);
        data = data.strip_prefix(b"\n").unwrap_or(data);
        let left = MAX_PDF_DECODED_BYTES - total.min(MAX_PDF_DECODED_BYTES);
        total += inflate(data, left.saturating_add(1)).len() as u64;
        if total > MAX_PDF_DECODED_BYTES {
            break;
        }
    }
    total
}

/// A stream's content decoded as the PDF library decodes it, but never more than
/// `limit + 1` bytes: over `limit` means over. Predictors (which only shrink the data a
/// little) are not applied.
fn decode(stream: &Stream, limit: u64) -> Vec<u8> {
    let cap = limit.saturating_add(1);
    let Ok(filters) = stream.filters() else {
        return stream.content.clone();
    };
    let mut data: Cow<[u8]> = Cow::Borrowed(&stream.content);
    for filter in filters {
        let decoded = match filter {
            b"FlateDecode" => inflate(&data, cap),
            b"LZWDecode" => {
                let early_change = stream
                    .dict
                    .get(b"DecodeParms")
                    .and_then(Object::as_dict)
                    .and_then(|p| p.get(b"EarlyChange"))
                    .and_then(Object::as_i64)
                    .map_or(true, |v| v != 0);
                unlzw(&data, cap, early_change)
            }
            b"ASCII85Decode" => {
                // At most 4 bytes for each 5 characters, or for each `z`: measured before
                // the library decodes it.
                let mut bound: u64 = 4;
                for &c in data.iter().take_while(|&&c| c != b'~') {
                    bound += match c {
                        b'z' => 5,
                        c if c.is_ascii_whitespace() => 0,
                        _ => 1,
                    };
                }
                if bound * 4 / 5 >= cap {
                    return vec![0; usize::try_from(cap).unwrap_or(usize::MAX)];
                }
                let mut single = Dictionary::new();
                single.set("Filter", Object::Name(b"ASCII85Decode".to_vec()));
                Stream::new(single, data.into_owned())
                    .decompressed_content()
                    .unwrap_or_default()
            }
            // The library cannot decode it; the reader then takes the bytes as they are.
            _ => return stream.content.clone(),
        };
        data = Cow::Owned(decoded);
        if data.len() as u64 >= cap {
            break;
        }
    }
    data.into_owned()
}

/// zlib data inflated, at most `cap` bytes of it; a damaged stream gives what came before.
fn inflate(data: &[u8], cap: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = flate2::read::ZlibDecoder::new(data)
        .take(cap)
        .read_to_end(&mut out);
    out
}

/// LZW data decoded, at most `cap` bytes of it (about `cap` more).
fn unlzw(data: &[u8], cap: u64, early_change: bool) -> Vec<u8> {
    use weezl::{BitOrder, LzwStatus, decode::Decoder};
    let mut decoder = if early_change {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    let mut out = Vec::new();
    let mut buffer = vec![0; 64 * 1024];
    let mut input = data;
    while (out.len() as u64) < cap {
        let result = decoder.decode_bytes(input, &mut buffer);
        input = &input[result.consumed_in..];
        out.extend_from_slice(&buffer[..result.consumed_out]);
        let progress = result.consumed_in > 0 || result.consumed_out > 0;
        if !matches!(result.status, Ok(LzwStatus::Ok)) || !progress {
            break;
        }
    }
    out.truncate(usize::try_from(cap).unwrap_or(usize::MAX));
    out
}

#[cfg(test)]
mod tests {
    use super::drawn_names;

    #[test]
    fn drawn_names_skip_strings_comments_and_inline_images() {
        let content =
            b"q /Fm#201 Do (/No Do) % /No Do\n<2F4E6F> BI /W 1 ID \x00/No Do EI /Im2 Do Q";
        assert_eq!(drawn_names(content), [b"Fm 1".to_vec(), b"Im2".to_vec()]);
    }
}
