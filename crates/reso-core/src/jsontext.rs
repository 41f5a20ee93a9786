//! Precise positions in JSON text, shared by every reso file: problems reported as
//! `FILE:LINE:COLUMN: message`, values located by their path, serde_json errors turned into
//! problems, and the `format`/`version` check each file starts with. No file access.

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

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

    /// A problem at a byte offset of `text`.
    pub fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
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

/// A serde_json error as a problem; its message loses serde_json's own position suffix
/// because the position leads the line.
pub fn json_problem(name: &str, error: &serde_json::Error, path: Option<&str>) -> Problem {
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

/// The text with a leading byte-order mark (left by some editors) blanked: harmless to the
/// JSON, and a space keeps every column counted from the start of the file.
pub fn without_bom(text: &str) -> Cow<'_, str> {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => Cow::Owned(format!(" {rest}")),
        None => Cow::Borrowed(text),
    }
}

/// Checks `format` and `version` before anything else, so that a file of another kind or of
/// a newer reso gets a message that says so rather than a list of field errors.
pub fn check_format(
    name: &str,
    text: &str,
    value: &Value,
    format: &str,
    version: u32,
) -> Result<(), Problem> {
    let at = |path: &[Seg], message: String| {
        Problem::at(name, text, locate(text, path).unwrap_or(0), message)
    };
    let Some(object) = value.as_object() else {
        return Err(at(
            &[],
            format!("expected a JSON object with \"format\": \"{format}\""),
        ));
    };
    match object.get("format") {
        Some(Value::String(f)) if f == format => {}
        None => {
            let message = format!("missing field `format`, expected \"format\": \"{format}\"");
            return Err(at(&[], message));
        }
        Some(other) => {
            let message = format!("unknown format {other}, expected \"{format}\"");
            return Err(at(&[Seg::Key("format")], message));
        }
    }
    let newest = u64::from(version);
    match object.get("version") {
        None => Err(at(
            &[],
            format!("missing field `version`, expected \"version\": {version}"),
        )),
        Some(v) if v.as_u64() == Some(newest) => Ok(()),
        Some(v) if v.as_u64().is_some_and(|n| n > newest) => Err(at(
            &[Seg::Key("version")],
            format!(
                "version {v} was written by a newer reso, this build reads {format} version {version}; the file is left untouched"
            ),
        )),
        Some(other) => Err(at(
            &[Seg::Key("version")],
            format!("unsupported version {other}, this build reads {format} version {version}"),
        )),
    }
}

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

pub fn path_string(path: &[Seg]) -> String {
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
