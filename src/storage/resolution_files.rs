//! Resolution files: each named file (or folder of `*.json` files) read as text (regular
//! files only, see `textfile`) and parsed by the core ([`reso_core::validate`]), with one
//! precise message per problem; and the check that no two files share an id. Below both
//! the user's library and what reso opens (`load`).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use reso_core::validate::{Problem, Seg, line_column, locate, parse_resolution};

use crate::model::Resolution;
use crate::platform::textfile;

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

/// Reads a file as UTF-8 text, refusing what is not a regular file, too large or not UTF-8
/// (see [`crate::platform::textfile`]). `expected` names what the file should be, for the messages
/// (`a resolution file`).
pub fn read_text(path: &Path, expected: &str) -> Result<String, Vec<Problem>> {
    let name = path.display().to_string();
    let file = textfile::open(path).map_err(|e| {
        vec![Problem::whole_file(
            &name,
            format!("cannot read: {e}, expected {expected}"),
        )]
    })?;
    textfile::read(file, &name, expected)
        .map(|(text, _)| text)
        .map_err(|problem| vec![problem])
}
