//! Loading resolution files and validating them, with one precise message per problem:
//! `FILE:LINE:COLUMN: what is wrong, what was expected`. Knows nothing of the terminal.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

pub use crate::jsontext::{Problem, Seg, line_column, locate};
use crate::jsontext::{check_format, json_problem, path_string, without_bom};

use crate::model::{FORMAT, Library, Resolution, VERSION};

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

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
/// bundled resolutions and the user's library when `paths` is empty. Any problem in any
/// file fails the whole load.
pub fn load_library(paths: &[PathBuf]) -> Result<Library, LoadError> {
    if paths.is_empty() {
        return crate::bundled::default_set();
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
    // Where each file's `id` stands, to point at a duplicate; found while the text is at
    // hand, so that no file's text is kept once it is parsed (a large load would hold them
    // all at once).
    let mut results: Vec<(FileOutcome, (usize, usize))> = Vec::new();
    for path in expand_paths(paths) {
        let name = path.display().to_string();
        let outcome = if path.is_dir() {
            let message = "folder holds no *.json files, expected resolution files";
            Err(vec![Problem::whole_file(&name, message)])
        } else {
            read_text(&path, "a resolution file").and_then(|text| {
                let id_at = line_column(&text, locate(&text, &[Seg::Key("id")]).unwrap_or(0));
                parse_resolution(&name, &text).map(|res| (res, id_at))
            })
        };
        match outcome {
            Ok((res, id_at)) => results.push(((name, Ok(res)), id_at)),
            Err(problems) => results.push(((name, Err(problems)), (1, 1))),
        }
    }
    let mut first_file_of: HashMap<String, String> = HashMap::new();
    for ((name, result), (line, column)) in &mut results {
        let Ok(res) = result else { continue };
        if let Some(first) = first_file_of.get(&res.id) {
            let problem = Problem {
                file: name.clone(),
                line: *line,
                column: *column,
                message: format!(
                    "resolution id \"{}\" is already used by {first}, expected each file to hold a different resolution",
                    res.id
                ),
            };
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
                // Keep the folder so that loading reports it.
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
/// `expected` names what the file should be, for the messages (`a resolution file`).
pub fn read_text(path: &Path, expected: &str) -> Result<String, Vec<Problem>> {
    let name = path.display().to_string();
    let whole = |message: String| vec![Problem::whole_file(&name, message)];
    let meta =
        fs::metadata(path).map_err(|e| whole(format!("cannot read: {e}, expected {expected}")))?;
    if meta.is_dir() {
        return Err(whole(format!("is a folder, expected {expected}")));
    }
    if !meta.is_file() {
        return Err(whole(format!("not a regular file, expected {expected}")));
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
    check_format(name, text, &value, FORMAT, VERSION).map_err(|p| vec![p])?;
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
