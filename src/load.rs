//! Loading resolution files and validating them, with one precise message per problem:
//! `FILE:LINE:COLUMN: what is wrong, what was expected`. Knows nothing of the terminal.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::model::{FORMAT, Library, Resolution, VERSION};

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One problem with one input file, at a 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Problem {
    /// A problem with the file as a whole (it cannot be read), reported at its start.
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            line: 1,
            column: 1,
            message: message.into(),
        }
    }

    fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_column(text, offset);
        Problem {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// All the problems that kept a set of files from loading, one line each when displayed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError(pub Vec<Problem>);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

/// Loads the resolutions named by `paths` (files, or folders of `*.json` files), or the
/// bundled resolutions when `paths` is empty. Any problem in any file fails the whole load.
pub fn load_library(paths: &[PathBuf]) -> Result<Library, LoadError> {
    if paths.is_empty() {
        return Ok(crate::bundled::library());
    }
    let mut problems = Vec::new();
    let mut loaded = Vec::new();
    for (_, result) in load_files(paths) {
        match result {
            Ok(resolution) => loaded.push(resolution),
            Err(mut file_problems) => problems.append(&mut file_problems),
        }
    }
    if problems.is_empty() {
        Ok(Library::new(loaded))
    } else {
        Err(LoadError(problems))
    }
}

/// The outcome of loading one file: its name and the resolution or its problems.
pub type FileOutcome = (String, Result<Resolution, Vec<Problem>>);

/// Loads each file named by `paths` on its own (folders expand to their `*.json` files, in
/// name order), then checks that no two files share a resolution id.
pub fn load_files(paths: &[PathBuf]) -> Vec<FileOutcome> {
    // The text is kept until duplicate ids are checked, to locate the second `id`.
    let mut results: Vec<(FileOutcome, Option<String>)> = Vec::new();
    for path in expand_paths(paths) {
        let name = path.display().to_string();
        let outcome =
            read_text(&path).and_then(|text| parse_resolution(&name, &text).map(|res| (res, text)));
        match outcome {
            Ok((res, text)) => results.push(((name, Ok(res)), Some(text))),
            Err(problems) => results.push(((name, Err(problems)), None)),
        }
    }
    let mut first_file_of: HashMap<String, String> = HashMap::new();
    for ((name, result), text) in &mut results {
        let Ok(res) = result else { continue };
        if let Some(first) = first_file_of.get(&res.id) {
            let text = text.as_deref().unwrap_or_default();
            let offset = locate(text, &[Seg::Key("id")]).unwrap_or(0);
            let problem = Problem::at(
                name,
                text,
                offset,
                format!(
                    "resolution id \"{}\" is already used by {first}, expected each file to hold a different resolution",
                    res.id
                ),
            );
            *result = Err(vec![problem]);
        } else {
            first_file_of.insert(res.id.clone(), name.clone());
        }
    }
    results.into_iter().map(|(outcome, _)| outcome).collect()
}

/// Expands folders into their `*.json` files (sorted by name); other paths pass through and
/// are checked when read.
fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut in_folder: Vec<PathBuf> = fs::read_dir(path)
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.extension().is_some_and(|x| x == "json"))
                        .collect()
                })
                .unwrap_or_default();
            in_folder.sort();
            if in_folder.is_empty() {
                // Keep the folder so that reading it reports the problem.
                files.push(path.clone());
            }
            files.extend(in_folder);
        } else {
            files.push(path.clone());
        }
    }
    files
}

/// Reads a file as UTF-8 text, refusing what is not a regular file, too large or not UTF-8.
pub fn read_text(path: &Path) -> Result<String, Vec<Problem>> {
    let name = path.display().to_string();
    let whole = |message: String| vec![Problem::whole_file(&name, message)];
    let meta = fs::metadata(path)
        .map_err(|e| whole(format!("cannot read: {e}, expected a resolution file")))?;
    if meta.is_dir() {
        return Err(whole(
            "folder holds no *.json files, expected resolution files".into(),
        ));
    }
    if !meta.is_file() {
        return Err(whole(
            "not a regular file, expected a resolution file".into(),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(whole(format!(
            "file is {} MiB, expected at most {} MiB",
            meta.len().div_ceil(1024 * 1024),
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    let bytes = fs::read(path).map_err(|e| whole(format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        vec![Problem::at(
            &name,
            &prefix,
            valid,
            format!("invalid UTF-8 at byte {valid}, expected UTF-8 text"),
        )]
    })
}

/// Parses and validates one resolution document. `name` is used in messages only.
pub fn parse_resolution(name: &str, text: &str) -> Result<Resolution, Vec<Problem>> {
    // A byte-order mark is harmless; keep offsets relative to the file by blanking it.
    let text_owned;
    let text = if let Some(rest) = text.strip_prefix('\u{feff}') {
        text_owned = format!(" {rest}");
        text_owned.as_str()
    } else {
        text
    };
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
    check_format(name, text, &value)?;
    let mut de = serde_json::Deserializer::from_str(text);
    let resolution: Resolution = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        vec![json_problem(name, e.inner(), Some(&path))]
    })?;
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

/// A serde_json error as a problem; its message loses serde_json's own position suffix
/// because the position leads the line.
fn json_problem(name: &str, error: &serde_json::Error, path: Option<&str>) -> Problem {
    let full = error.to_string();
    let bare = full
        .rsplit_once(" at line ")
        .map(|(head, _)| head.to_string())
        .unwrap_or(full);
    let message = match error.classify() {
        serde_json::error::Category::Syntax => match bare.as_str() {
            "trailing characters" => {
                "trailing data after the JSON document, expected the end of the file".to_string()
            }
            _ => format!("malformed JSON: {bare}"),
        },
        serde_json::error::Category::Eof => {
            format!("malformed JSON: {bare}, expected the rest of the document")
        }
        serde_json::error::Category::Data => match path {
            Some(p) if p != "." => format!("{bare} at {p}"),
            _ => bare,
        },
        serde_json::error::Category::Io => bare,
    };
    Problem {
        file: name.to_string(),
        line: error.line().max(1),
        column: error.column().max(1),
        message,
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

/// Checks `format` and `version` before anything else, so that a file of another kind or a
/// newer version gets a message that says so rather than a list of field errors.
fn check_format(name: &str, text: &str, value: &Value) -> Result<(), Vec<Problem>> {
    let at = |path: &[Seg], message: String| {
        vec![Problem::at(
            name,
            text,
            locate(text, path).unwrap_or(0),
            message,
        )]
    };
    let Some(object) = value.as_object() else {
        return Err(at(
            &[],
            format!("expected a JSON object with \"format\": \"{FORMAT}\""),
        ));
    };
    match object.get("format") {
        None => {
            return Err(at(
                &[],
                format!("missing field `format`, expected \"format\": \"{FORMAT}\""),
            ));
        }
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(at(
                &[Seg::Key("format")],
                format!("unknown format {other}, expected \"{FORMAT}\""),
            ));
        }
    }
    match object.get("version") {
        None => Err(at(
            &[],
            format!("missing field `version`, expected \"version\": {VERSION}"),
        )),
        Some(v) if v.as_u64() == Some(u64::from(VERSION)) => Ok(()),
        Some(other) => Err(at(
            &[Seg::Key("version")],
            format!(
                "unsupported version {other}, this build of reso reads {FORMAT} version {VERSION}"
            ),
        )),
    }
}

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

fn path_string(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

type Finding<'a> = (Vec<Seg<'a>>, String);

/// The rules serde cannot express: non-empty trimmed texts, the id schemes, no duplicates.
fn validate(res: &Resolution) -> Vec<Finding<'static>> {
    let mut found: Vec<Finding<'static>> = Vec::new();
    let mut add = |path: Vec<Seg<'static>>, message: String| found.push((path, message));

    if !is_slug(&res.id) {
        add(
            vec![Seg::Key("id")],
            format!(
                "resolution id {:?} is not a lower-case slug, expected e.g. \"ba-43-2024\"",
                res.id
            ),
        );
    }
    for (key, value) in [("title", &res.title), ("body", &res.body)] {
        check_text(&mut add, vec![Seg::Key(key)], value);
    }
    for (key, value) in [("start", &res.session.start), ("end", &res.session.end)] {
        if let Some(date) = value {
            check_date(&mut add, vec![Seg::Key("session"), Seg::Key(key)], date);
        }
    }
    check_date(
        &mut add,
        vec![Seg::Key("adopted"), Seg::Key("date")],
        &res.adopted.date,
    );
    check_text(
        &mut add,
        vec![Seg::Key("adopted"), Seg::Key("place")],
        &res.adopted.place,
    );
    check_text(
        &mut add,
        vec![Seg::Key("preamble"), Seg::Key("formula")],
        &res.preamble.formula,
    );
    check_text(
        &mut add,
        vec![Seg::Key("operative"), Seg::Key("formula")],
        &res.operative.formula,
    );
    for (i, addressee) in res.operative.addressees.iter().enumerate() {
        check_text(
            &mut add,
            vec![Seg::Key("operative"), Seg::Key("addressees"), Seg::Index(i)],
            addressee,
        );
    }

    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, recital) in res.preamble.recitals.iter().enumerate() {
        let base = || vec![Seg::Key("preamble"), Seg::Key("recitals"), Seg::Index(i)];
        let expected = format!("r{}", i + 1);
        check_id(
            &mut add,
            &mut seen,
            with(base(), Seg::Key("id")),
            &recital.id,
            &expected,
            "recital",
        );
        check_text(&mut add, with(base(), Seg::Key("text")), &recital.text);
        for (e, phrase) in recital.emphasis.iter().enumerate() {
            if phrase.trim().is_empty() || !recital.text.contains(phrase.as_str()) {
                add(
                    with(with(base(), Seg::Key("emphasis")), Seg::Index(e)),
                    format!(
                        "emphasis {phrase:?} does not occur in the recital text, expected a phrase of the text"
                    ),
                );
            }
        }
    }

    if res.areas.is_empty() {
        add(
            vec![Seg::Key("areas")],
            "no policy areas, expected at least one".into(),
        );
    }
    for (a, area) in res.areas.iter().enumerate() {
        let base = || vec![Seg::Key("areas"), Seg::Index(a)];
        let expected = (a + 1).to_string();
        check_id(
            &mut add,
            &mut seen,
            with(base(), Seg::Key("id")),
            &area.id,
            &expected,
            "area",
        );
        check_text(&mut add, with(base(), Seg::Key("heading")), &area.heading);
        if let Some(title) = &area.title {
            check_text(&mut add, with(base(), Seg::Key("title")), title);
        }
        if let Some(intro) = &area.intro {
            check_text(&mut add, with(base(), Seg::Key("intro")), intro);
        }
        if area.commitments.is_empty() {
            add(
                with(base(), Seg::Key("commitments")),
                "no commitments, expected at least one".into(),
            );
        }
        for (c, commitment) in area.commitments.iter().enumerate() {
            let at = |key| {
                with(
                    with(with(base(), Seg::Key("commitments")), Seg::Index(c)),
                    Seg::Key(key),
                )
            };
            let expected = format!("{}.{}", a + 1, c + 1);
            check_id(
                &mut add,
                &mut seen,
                at("id"),
                &commitment.id,
                &expected,
                "commitment",
            );
            check_text(&mut add, at("text"), &commitment.text);
        }
    }
    found
}

fn with<'a>(mut path: Vec<Seg<'a>>, seg: Seg<'a>) -> Vec<Seg<'a>> {
    path.push(seg);
    path
}

fn check_text(
    add: &mut impl FnMut(Vec<Seg<'static>>, String),
    path: Vec<Seg<'static>>,
    text: &str,
) {
    if text.trim().is_empty() {
        add(path, "empty text, expected the words of the source".into());
    } else if text.trim() != text {
        add(
            path,
            "text has leading or trailing white space, expected it trimmed".into(),
        );
    }
}

fn check_date(
    add: &mut impl FnMut(Vec<Seg<'static>>, String),
    path: Vec<Seg<'static>>,
    date: &str,
) {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    if time::Date::parse(date, format).is_err() {
        add(
            path,
            format!("date {date:?} is not a calendar date, expected YYYY-MM-DD"),
        );
    }
}

/// Duplicates are reported at the second occurrence; an id that is not a duplicate must
/// follow the positional scheme.
fn check_id<'s>(
    add: &mut impl FnMut(Vec<Seg<'static>>, String),
    seen: &mut HashMap<&'s str, usize>,
    path: Vec<Seg<'static>>,
    id: &'s str,
    expected: &str,
    what: &str,
) {
    let occurrence = seen.entry(id).or_insert(0);
    *occurrence += 1;
    if *occurrence > 1 {
        add(
            path,
            format!("duplicate {what} id {id:?}, expected {expected:?}"),
        );
    } else if id != expected {
        add(
            path,
            format!(
                "{what} id {id:?} does not follow the positional scheme, expected {expected:?}"
            ),
        );
    }
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

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The byte offset where the value at `path` starts in a valid JSON `text`.
pub fn locate(text: &str, path: &[Seg]) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    for seg in path {
        match (seg, bytes.get(pos)?) {
            (Seg::Key(key), b'{') => {
                pos = skip_ws(bytes, pos + 1);
                loop {
                    if bytes.get(pos)? == &b'}' {
                        return None;
                    }
                    let key_end = skip_string(bytes, pos)?;
                    let this_key: String = serde_json::from_str(&text[pos..key_end]).ok()?;
                    pos = skip_ws(bytes, key_end);
                    pos = skip_ws(bytes, pos + 1); // the colon
                    if this_key == *key {
                        break;
                    }
                    pos = skip_ws(bytes, skip_value(bytes, pos)?);
                    if bytes.get(pos)? == &b',' {
                        pos = skip_ws(bytes, pos + 1);
                    }
                }
            }
            (Seg::Index(index), b'[') => {
                pos = skip_ws(bytes, pos + 1);
                for _ in 0..*index {
                    if bytes.get(pos)? == &b']' {
                        return None;
                    }
                    pos = skip_ws(bytes, skip_value(bytes, pos)?);
                    if bytes.get(pos)? == &b',' {
                        pos = skip_ws(bytes, pos + 1);
                    }
                }
                if bytes.get(pos)? == &b']' {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(pos)
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(|b| b.is_ascii_whitespace()) {
        pos += 1;
    }
    pos
}

/// End (exclusive) of the string starting at `pos`.
fn skip_string(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos + 1;
    loop {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// End (exclusive) of the value starting at `pos`.
fn skip_value(bytes: &[u8], pos: usize) -> Option<usize> {
    match bytes.get(pos)? {
        b'"' => skip_string(bytes, pos),
        open @ (b'{' | b'[') => {
            let close = if *open == b'{' { b'}' } else { b']' };
            let mut i = skip_ws(bytes, pos + 1);
            loop {
                match bytes.get(i)? {
                    c if *c == close => return Some(i + 1),
                    b',' | b':' => i = skip_ws(bytes, i + 1),
                    _ => i = skip_ws(bytes, skip_value(bytes, i)?),
                }
            }
        }
        _ => {
            let mut i = pos;
            while bytes
                .get(i)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                i += 1;
            }
            Some(i)
        }
    }
}
