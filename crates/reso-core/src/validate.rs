//! Resolution documents: parsing the JSON with positions and validating it (ids, nesting,
//! texts), every problem as `FILE:LINE:COLUMN: what is wrong, what was expected`. Reads no
//! file: the storage layer hands the text in.

use rustc_hash::FxHashMap;
use serde_json::Value;

pub use crate::jsontext::{Problem, Seg, line_column, locate};
use crate::jsontext::{check_format, json_problem, path_string, without_bom};
use crate::model::{Commitment, FORMAT, Resolution, VERSION, VERSIONS};

/// Parses and validates one resolution document. `name` is used in messages only.
pub fn parse_resolution(name: &str, text: &str) -> Result<Resolution, Vec<Problem>> {
    let text = &*without_bom(text);
    // Only `format` and `version` are needed before the typed parse. Reading just those
    // (serde skips the rest) avoids building and freeing a tree of the whole document, a third
    // of the time to load a large file; anything unusual takes the full path for its message.
    // (serde would also read a struct from an array, hence the check for an object.)
    let head = text
        .trim_start()
        .starts_with('{')
        .then(|| serde_json::from_str::<Head>(text).ok())
        .flatten();
    let value: Value = match head {
        Some(head) => head.into_value(),
        None => serde_json::from_str(text).map_err(|e| vec![json_problem(name, &e, None)])?,
    };
    check_head(name, text, &value).map_err(|p| vec![p])?;
    // The plain parse is the fast one; the path-tracking parse runs only to say where a
    // bad document went wrong (`at areas[3].commitments[2].text`).
    let resolution: Resolution = match serde_json::from_str(text) {
        Ok(resolution) => resolution,
        Err(_) => {
            let mut de = serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(&mut de).map_err(|e| {
                let path = e.path().to_string();
                vec![json_problem(name, e.inner(), Some(&path))]
            })?
        }
    };
    let problems: Vec<Problem> = validate(&resolution)
        .into_iter()
        .map(|(path, message)| {
            let offset = locate(text, &path).unwrap_or(0);
            let message = format!("{message} at {}", path_string(&path));
            Problem::at(name, text, offset, message)
        })
        .collect();
    if problems.is_empty() {
        Ok(resolution)
    } else {
        Err(problems)
    }
}

/// The top-level `format` and `version` of a document, other keys skipped.
#[derive(serde::Deserialize)]
struct Head {
    #[serde(default)]
    format: Slot,
    #[serde(default)]
    version: Slot,
}

/// A field that may be absent; `null` counts as present, as in a `Value` tree.
#[derive(Default)]
enum Slot {
    #[default]
    Missing,
    Present(Value),
}

impl<'de> serde::Deserialize<'de> for Slot {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <Value as serde::Deserialize>::deserialize(d).map(Slot::Present)
    }
}

impl Head {
    fn into_value(self) -> Value {
        let mut object = serde_json::Map::new();
        for (key, slot) in [("format", self.format), ("version", self.version)] {
            if let Slot::Present(v) = slot {
                object.insert(key.to_string(), v);
            }
        }
        Value::Object(object)
    }
}

type Finding<'a> = (Vec<Seg<'a>>, String);

/// `format` and `version`. The shared check names one version; this build reads several, and
/// a refusal names them all.
fn check_head(name: &str, text: &str, value: &Value) -> Result<(), Problem> {
    let claimed = value.get("version").and_then(Value::as_u64);
    let readable = VERSIONS
        .into_iter()
        .find(|v| Some(u64::from(*v)) == claimed)
        .unwrap_or(VERSION);
    check_format(name, text, value, FORMAT, readable).map_err(|mut problem| {
        let one = format!("{FORMAT} version {VERSION}");
        problem.message = problem
            .message
            .replace(&one, &format!("{FORMAT} versions {}", readable_versions()));
        problem
    })
}

/// `1, 2, 3 and 4`
pub fn readable_versions() -> String {
    let names: Vec<String> = VERSIONS.iter().map(u32::to_string).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

/// The rules serde cannot express: non-empty trimmed texts free of page furniture, the id
/// schemes, no duplicates, version 2 fields only in version 2 files.
fn validate(res: &Resolution) -> Vec<Finding<'static>> {
    let mut checks = Checks {
        found: Vec::new(),
        version: res.version,
        // Every recital and commitment has an id: room for them all, without regrowing.
        seen: FxHashMap::with_capacity_and_hasher(
            res.preamble.recitals.len()
                + res.areas.iter().map(|a| a.commitments.len()).sum::<usize>(),
            Default::default(),
        ),
        scheme_reported: false,
    };
    let c = &mut checks;
    if !is_slug(&res.id) {
        c.add(
            vec![Seg::Key("id")],
            format!(
                "resolution id {:?} is not a lower-case slug, expected e.g. \"ba-43-2024\"",
                res.id
            ),
        );
    }
    for (key, value) in [("title", &res.title), ("body", &res.body)] {
        c.text(vec![Seg::Key(key)], value);
    }
    for (key, value) in [("start", &res.session.start), ("end", &res.session.end)] {
        if let Some(date) = value {
            c.date(vec![Seg::Key("session"), Seg::Key(key)], date);
        }
    }
    match &res.adopted.date {
        Some(date) => c.date(vec![Seg::Key("adopted"), Seg::Key("date")], date),
        None => c.version_3(vec![Seg::Key("adopted")], "an adoption without a date"),
    }
    if res.session.number.is_none() {
        c.version_3(vec![Seg::Key("session")], "a session without a number");
    }
    if let Some(symbol) = &res.symbol {
        c.version_3(vec![Seg::Key("symbol")], "a document symbol");
        c.text(vec![Seg::Key("symbol")], symbol);
    }
    let place = vec![Seg::Key("adopted"), Seg::Key("place")];
    match &res.adopted.place {
        Some(text) => c.text(place, text),
        None => c.version_2(place, "an adoption without a place"),
    }
    c.text(
        vec![Seg::Key("preamble"), Seg::Key("formula")],
        &res.preamble.formula,
    );
    let formula = vec![Seg::Key("operative"), Seg::Key("formula")];
    match &res.operative.formula {
        Some(text) => c.text(formula, text),
        None => c.version_2(formula, "an operative part without a formula"),
    }
    for (i, addressee) in res.operative.addressees.iter().enumerate() {
        c.text(
            vec![Seg::Key("operative"), Seg::Key("addressees"), Seg::Index(i)],
            addressee,
        );
    }
    for (i, recital) in res.preamble.recitals.iter().enumerate() {
        c.recital(i, recital);
    }
    if res.areas.is_empty() {
        c.add(
            vec![Seg::Key("areas")],
            "no policy areas, expected at least one".into(),
        );
    }
    // A resolution numbers its commitments one way: by position, or as the document does.
    let positional = res.version == 1
        || res
            .areas
            .iter()
            .flat_map(|a| &a.commitments)
            .next()
            .is_none_or(|first| first.id.contains('.'));
    for (a, area) in res.areas.iter().enumerate() {
        c.area(a, area, positional);
    }
    checks.found
}

/// How a commitment's id is checked: the positional id expected, the document's paragraph
/// number, or (sub-items) its parent's id and a label.
#[derive(Clone, Copy)]
enum IdRule<'a> {
    Positional(&'a str),
    Number,
    SubItem,
}

/// Findings so far, the file's version, and the ids met (duplicates are reported at the
/// second occurrence).
struct Checks<'r> {
    found: Vec<Finding<'static>>,
    version: u32,
    /// A large file has a million ids: hashed with Fx, not SipHash.
    seen: FxHashMap<&'r str, usize>,
    scheme_reported: bool,
}

impl<'r> Checks<'r> {
    fn add(&mut self, path: Vec<Seg<'static>>, message: String) {
        self.found.push((path, message));
    }

    fn version_2(&mut self, path: Vec<Seg<'static>>, what: &str) {
        if self.version < 2 {
            self.add(
                path,
                format!("{what} needs format version 2, expected \"version\": 2"),
            );
        }
    }

    fn version_3(&mut self, path: Vec<Seg<'static>>, what: &str) {
        if self.version < 3 {
            self.add(
                path,
                format!("{what} needs format version 3, expected \"version\": 3"),
            );
        }
    }

    fn version_4(&mut self, path: Vec<Seg<'static>>, what: &str) {
        if self.version < 4 {
            self.add(
                path,
                format!("{what} needs format version 4, expected \"version\": 4"),
            );
        }
    }

    /// A paragraph's footnotes: version 4, each with a label and a text, labels distinct.
    fn notes(&mut self, path: Vec<Seg<'static>>, notes: &[crate::model::Note]) {
        if notes.is_empty() {
            return;
        }
        self.version_4(path.clone(), "footnotes");
        for (n, note) in notes.iter().enumerate() {
            let at = |key| with(with(path.clone(), Seg::Index(n)), Seg::Key(key));
            self.text(at("label"), &note.label);
            self.text(at("text"), &note.text);
            if notes[..n].iter().any(|o| o.label == note.label) {
                self.add(
                    at("label"),
                    format!("footnote {:?} twice, expected each once", note.label),
                );
            }
        }
    }

    fn recital(&mut self, i: usize, recital: &'r crate::model::Recital) {
        let base = || vec![Seg::Key("preamble"), Seg::Key("recitals"), Seg::Index(i)];
        let expected = format!("r{}", i + 1);
        self.id(
            with(base(), Seg::Key("id")),
            &recital.id,
            &expected,
            "recital",
        );
        self.item_text(with(base(), Seg::Key("text")), &recital.text);
        for (e, phrase) in recital.emphasis.iter().enumerate() {
            if phrase.trim().is_empty() || !recital.text.contains(phrase.as_str()) {
                self.add(
                    with(with(base(), Seg::Key("emphasis")), Seg::Index(e)),
                    format!(
                        "emphasis {phrase:?} does not occur in the recital text, expected a phrase of the text"
                    ),
                );
            }
        }
        if let Some(label) = &recital.label {
            self.version_2(with(base(), Seg::Key("label")), "a recital label");
            self.text(with(base(), Seg::Key("label")), label);
        }
        if recital.kind.is_some() {
            self.version_2(with(base(), Seg::Key("kind")), "a recital kind");
        }
        self.notes(with(base(), Seg::Key("notes")), &recital.notes);
    }

    fn area(&mut self, a: usize, area: &'r crate::model::Area, positional: bool) {
        let base = || vec![Seg::Key("areas"), Seg::Index(a)];
        // Area ids are positional and apart from item ids (paragraph `1` may stand in area
        // `1`): a wrong one cannot repeat another without breaking the scheme.
        let expected = (a + 1).to_string();
        if area.id != expected {
            self.add(
                with(base(), Seg::Key("id")),
                format!(
                    "area id {:?} does not follow the positional scheme, expected {expected:?}",
                    area.id
                ),
            );
        }
        match &area.heading {
            Some(heading) => self.text(with(base(), Seg::Key("heading")), heading),
            None if a > 0 => self.add(
                with(base(), Seg::Key("heading")),
                "an area after the first without a heading, expected a heading (only the paragraphs before the first heading may have none)".into(),
            ),
            None => self.version_2(with(base(), Seg::Key("heading")), "an area without a heading"),
        }
        if let Some(title) = &area.title {
            self.text(with(base(), Seg::Key("title")), title);
        }
        if let Some(intro) = &area.intro {
            self.text(with(base(), Seg::Key("intro")), intro);
        }
        for (i, addressee) in area.addressees.iter().enumerate() {
            let path = with(with(base(), Seg::Key("addressees")), Seg::Index(i));
            self.version_2(path.clone(), "area addressees");
            self.text(path, addressee);
        }
        if area.commitments.is_empty() {
            self.add(
                with(base(), Seg::Key("commitments")),
                "no commitments, expected at least one".into(),
            );
        }
        for (i, commitment) in area.commitments.iter().enumerate() {
            let path = with(with(base(), Seg::Key("commitments")), Seg::Index(i));
            let positional_id = format!("{}.{}", a + 1, i + 1);
            let rule = match positional {
                true => IdRule::Positional(&positional_id),
                false => IdRule::Number,
            };
            self.commitment(path, commitment, rule, 0);
        }
    }

    /// A commitment (`depth` 0) or sub-item, its id checked by `rule`.
    fn commitment(
        &mut self,
        path: Vec<Seg<'static>>,
        commitment: &'r Commitment,
        rule: IdRule,
        depth: usize,
    ) {
        let at = |key| with(path.clone(), Seg::Key(key));
        let what = if depth == 0 { "commitment" } else { "sub-item" };
        match rule {
            IdRule::Positional(expected) => self.id(at("id"), &commitment.id, expected, what),
            // Checked against its parent's id by the caller.
            IdRule::SubItem => self.id(at("id"), &commitment.id, &commitment.id, what),
            IdRule::Number => {
                self.id(at("id"), &commitment.id, &commitment.id, what);
                // Reported once: a file that mixes the schemes would otherwise get a line
                // for each of its commitments.
                if !is_paragraph_number(&commitment.id) && !self.scheme_reported {
                    self.scheme_reported = true;
                    self.add(
                        at("id"),
                        format!(
                            "commitment id {:?} is neither positional nor a paragraph number, expected the document's number like \"3\" (or \"area.item\" ids throughout)",
                            commitment.id
                        ),
                    );
                }
            }
        }
        self.item_text(at("text"), &commitment.text);
        if let Some(action) = commitment.action() {
            self.version_2(at("action"), "an action");
            self.text(at("action"), action);
            if !commitment.text.starts_with(action) {
                self.add(
                    at("action"),
                    format!("action {action:?} does not open the text, expected its first words"),
                );
            }
        }
        if let Some(addressee) = commitment.addressee() {
            self.version_2(at("addressee"), "an addressee");
            self.text(at("addressee"), addressee);
            if !commitment.text.contains(addressee) {
                self.add(
                    at("addressee"),
                    format!(
                        "addressee {addressee:?} does not occur in the text, expected a phrase of the text"
                    ),
                );
            }
        }
        self.notes(at("notes"), commitment.notes());
        if commitment.items().is_empty() {
            return;
        }
        self.version_2(at("items"), "sub-items");
        if depth >= 2 {
            self.add(
                at("items"),
                "sub-items nested three deep, expected at most two levels (\"3.a.i\")".into(),
            );
            return;
        }
        for (i, item) in commitment.items().iter().enumerate() {
            let item_path = with(at("items"), Seg::Index(i));
            let label = item
                .id
                .strip_prefix(commitment.id.as_str())
                .and_then(|rest| rest.strip_prefix('.'));
            let labelled = label.is_some_and(|l| {
                !l.is_empty()
                    && l.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
            if !labelled {
                self.add(
                    with(item_path.clone(), Seg::Key("id")),
                    format!(
                        "sub-item id {:?} is not its commitment's id and a label, expected e.g. \"{}.a\"",
                        item.id, commitment.id
                    ),
                );
            }
            self.commitment(item_path, item, IdRule::SubItem, depth + 1);
        }
    }

    /// A recital's or commitment's text: besides [`Checks::text`], one piece, not a list
    /// glued together (a heading or items swallowed by the one before).
    fn item_text(&mut self, path: Vec<Seg<'static>>, text: &str) {
        match glued_list_marker(text) {
            Some(glue) => self.add(
                path,
                format!(
                    "text holds a list marker after {:?}, expected one item per text (a heading or items swallowed by this one?)",
                    glue.trim_end()
                ),
            ),
            None => self.text(path, text),
        }
    }

    fn text(&mut self, path: Vec<Seg<'static>>, text: &str) {
        if text.trim().is_empty() {
            self.add(path, "empty text, expected the words of the source".into());
        } else if text.trim() != text {
            self.add(
                path,
                "text has leading or trailing white space, expected it trimmed".into(),
            );
        } else if let Some(c) = control_character(text) {
            self.add(
                path,
                format!(
                    "text holds the control character U+{:04X}, expected printable text (a form feed is a page break)",
                    u32::from(c)
                ),
            );
        } else if let Some(mark) = page_mark(text) {
            self.add(
                path,
                format!(
                    "text holds the page mark {mark:?}, expected the words of the resolution only"
                ),
            );
        }
    }

    fn date(&mut self, path: Vec<Seg<'static>>, date: &str) {
        if crate::date::parse_iso(date).is_none() {
            self.add(
                path,
                format!("date {date:?} is not a calendar date, expected YYYY-MM-DD"),
            );
        }
    }

    /// Duplicates are reported at the second occurrence; an id that is not a duplicate must
    /// be the expected one.
    fn id(&mut self, path: Vec<Seg<'static>>, id: &'r str, expected: &str, what: &str) {
        let occurrence = self.seen.entry(id).or_insert(0);
        *occurrence += 1;
        if *occurrence > 1 {
            let expected = match expected == id {
                true => "each id once".to_string(),
                false => format!("{expected:?}"),
            };
            self.add(
                path,
                format!("duplicate {what} id {id:?}, expected {expected}"),
            );
        } else if id != expected {
            self.add(
                path,
                format!(
                    "{what} id {id:?} does not follow the positional scheme, expected {expected:?}"
                ),
            );
        }
    }
}

fn with<'a>(mut path: Vec<Seg<'a>>, seg: Seg<'a>) -> Vec<Seg<'a>> {
    path.push(seg);
    path
}

/// A document's paragraph number as an id: digits, then optionally lower-case letters
/// (`12`, `12bis`).
fn is_paragraph_number(id: &str) -> bool {
    let digits = id.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && !id.starts_with('0') && id[digits..].bytes().all(|b| b.is_ascii_lowercase())
}

/// A list marker glued after `:` or `;` (`"…: - item"`), as `": -"`.
fn glued_list_marker(text: &str) -> Option<&'static str> {
    const GLUES: [&str; 6] = [": - ", ": – ", ": • ", "; - ", "; – ", "; • "];
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b':', b';', bytes).find_map(|at| {
        GLUES
            .iter()
            .find(|glue| bytes[at..].starts_with(glue.as_bytes()))
            .map(|glue| glue.trim_end())
    })
}

/// The first control character other than a line break, if any. Looked for by byte first:
/// every C0 control is one byte, every C1 control starts with `0xC2`.
fn control_character(text: &str) -> Option<char> {
    let suspect = |b: &u8| (*b < 0x20 && *b != b'\n') || *b == 0x7f || *b == 0xc2;
    if !text.as_bytes().iter().any(suspect) {
        return None;
    }
    text.chars().find(|c| c.is_control() && *c != '\n')
}

/// Page furniture left in a text: `Page 3 of 11`, `- 3 -`.
pub fn page_mark(text: &str) -> Option<String> {
    if !may_hold_page_mark(text.as_bytes()) {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let number = |w: &str| !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit());
    let dash = |w: &str| matches!(w, "-" | "–" | "—");
    words
        .windows(4)
        .find_map(|w| {
            (w[0].eq_ignore_ascii_case("page")
                && number(w[1])
                && w[2].eq_ignore_ascii_case("of")
                && number(w[3].trim_end_matches([',', ';', '.'])))
            .then(|| w.join(" "))
        })
        .or_else(|| {
            words
                .windows(3)
                .find_map(|w| (dash(w[0]) && number(w[1]) && dash(w[2])).then(|| w.join(" ")))
        })
}

/// Whether `text` has the word `page` (any case) or a dash standing alone, without which
/// [`page_mark`] finds nothing: most texts are ruled out without splitting them into words.
fn may_hold_page_mark(text: &[u8]) -> bool {
    let page = memchr::memchr2_iter(b'p', b'P', text).any(|at| {
        text.get(at + 1..at + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"age"))
    });
    // `-`, and `–` / `—` (E2 80 93 / E2 80 94), with white space or an end on both sides.
    let spaced = |at: usize, len: usize| {
        let before = at.checked_sub(1).map(|i| text[i]);
        let after = text.get(at + len).copied();
        [before, after]
            .iter()
            // Any non-ASCII neighbour may be Unicode white space (a no-break space).
            .all(|b| b.is_none_or(|b| b.is_ascii_whitespace() || b >= 0x80))
    };
    let dash = memchr::memchr2_iter(b'-', 0xe2, text).any(|at| match text[at] {
        b'-' => spaced(at, 1),
        _ => matches!(text.get(at + 1..at + 3), Some([0x80, 0x93 | 0x94])) && spaced(at, 3),
    });
    page || dash
}

/// A lower-case slug: `a-z` and `0-9` in parts joined by single `-` (`ba-43-2024`).
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_marks_are_found_and_ordinary_texts_ruled_out_early() {
        for (text, mark) in [
            ("to act; Page 3 of 11 and more", "Page 3 of 11"),
            ("PAGE 12 OF 40.", "PAGE 12 OF 40."),
            ("- 3 - to continue", "- 3 -"),
            ("to continue – 14 – the work", "– 14 – "),
            ("to continue\u{a0}— 2 —\u{a0}the work", "— 2 —"),
        ] {
            assert!(may_hold_page_mark(text.as_bytes()), "{text:?}");
            assert_eq!(
                page_mark(text).as_deref(),
                Some(mark.trim_end()),
                "{text:?}"
            );
        }
        for text in [
            "to strengthen long-term cooperation in the Baltic Sea region;",
            "to support the 2024–2027 programme",
            "calls on the governments: to act",
        ] {
            assert!(!may_hold_page_mark(text.as_bytes()), "{text:?}");
            assert_eq!(page_mark(text), None);
        }
        // A hyphen standing alone is looked at, and is no page mark without its number.
        assert!(may_hold_page_mark(b"security - and defence"));
        assert_eq!(page_mark("security - and defence"), None);
    }

    #[test]
    fn glued_markers_and_control_characters() {
        assert_eq!(glued_list_marker("as follows: - to act"), Some(": -"));
        assert_eq!(glued_list_marker("first; • second"), Some("; •"));
        assert_eq!(glued_list_marker("a: b; c - d, e:-f"), None);
        assert_eq!(control_character("a\u{7}b"), Some('\u{7}'));
        assert_eq!(control_character("a\u{85}b"), Some('\u{85}'));
        assert_eq!(control_character("two\nlines"), None);
        assert_eq!(control_character("Pärnu\u{a0}2024"), None);
    }
}
