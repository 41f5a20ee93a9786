//! What reaches a terminal: text printed to a TTY has its control characters shown escaped
//! (`\x1b`, `\u{202e}`), as `ls` and git quote file names, so that a resolution, a colleague's
//! note or a file name cannot set the clipboard, retitle the window or reorder a line. Text
//! going to a pipe or a file keeps its exact bytes. Knows nothing of what is printed.

use std::borrow::Cow;
use std::fmt::{Display, Write as _};
use std::io::{IsTerminal, Write};

/// Whether `c` must not reach a terminal raw: C0 controls except newline and tab, DEL, C1
/// controls, the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) and marks (U+200E, U+200F, U+061C) that make a terminal show text in
/// another order than it is stored, and the line and paragraph separators (U+2028, U+2029),
/// which terminals break or draw at widths of their own. The one list: the browser draws
/// these characters as a placeholder (`ui::text`).
pub fn is_unsafe(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}' => true,
        _ => false,
    }
}

/// `text` with every unsafe character written as an escape: `\x1b` for C0 and DEL, `\u{9b}`
/// for C1 and bidirectional controls. Borrowed when there is nothing to escape.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !is_unsafe(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

/// `bytes` as they should reach standard output: escaped when it is a terminal, exact
/// otherwise. Bytes that are not UTF-8 are shown as `\xNN` on a terminal.
pub fn for_stdout(bytes: &[u8]) -> Cow<'_, [u8]> {
    if std::io::stdout().is_terminal() {
        escape_bytes(bytes)
    } else {
        Cow::Borrowed(bytes)
    }
}

/// Escapes `bytes` for a terminal: UTF-8 runs through [`escape`], invalid bytes as `\xNN`.
pub fn escape_bytes(bytes: &[u8]) -> Cow<'_, [u8]> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return match escape(text) {
            Cow::Borrowed(_) => Cow::Borrowed(bytes),
            Cow::Owned(text) => Cow::Owned(text.into_bytes()),
        };
    }
    let mut out = String::with_capacity(bytes.len() + 16);
    for chunk in bytes.utf8_chunks() {
        out.push_str(&escape(chunk.valid()));
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    Cow::Owned(out.into_bytes())
}

/// Prints `message` and a newline on standard error, escaped when it is a terminal. A
/// closed standard error (a hung-up terminal) is ignored, unlike `eprintln!`, which panics.
pub fn warn(message: impl Display) {
    let _ = writeln!(stderr(), "{message}");
}

/// Standard error, locked, escaping what is written when it is a terminal: for code that
/// writes several lines with `writeln!`.
pub fn stderr() -> Quoted<std::io::StderrLock<'static>> {
    let inner = std::io::stderr().lock();
    let escape = inner.is_terminal();
    Quoted { inner, escape }
}

/// A writer that escapes control characters on their way to `inner` (when `escape` is set).
pub struct Quoted<W> {
    inner: W,
    escape: bool,
}

impl<W: Write> Write for Quoted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.escape {
            return self.inner.write(buf);
        }
        // Whole buffers only: `writeln!` hands over whole `str` pieces, so a character is
        // never split between two calls.
        self.inner.write_all(&escape_bytes(buf))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_the_rest_kept() {
        assert_eq!(
            escape("a\x1b]52;c;aGk=\x07b"),
            "a\\x1b]52;c;aGk=\\x07b",
            "OSC 52"
        );
        assert_eq!(escape("x\u{7f}\u{9b}2J"), "x\\x7f\\u{9b}2J");
        assert_eq!(
            escape("\u{202e}evil\u{2066}\u{2069}\u{202a}"),
            "\\u{202e}evil\\u{2066}\\u{2069}\\u{202a}"
        );
        assert_eq!(escape("cr\rlf"), "cr\\x0dlf");
        assert_eq!(
            escape("a\u{2028}b\u{2029}c\u{200e}d\u{200f}e\u{61c}f"),
            "a\\u{2028}b\\u{2029}c\\u{200e}d\\u{200f}e\\u{61c}f",
            "separators and direction marks"
        );
        let plain = "Pärnu\tŁódź\nline two, a ZWJ \u{200d} and 👩‍👩‍👧 stay";
        assert!(matches!(escape(plain), Cow::Borrowed(s) if s == plain));
        // Neighbours of the ranges are not controls.
        let neighbours = "\u{a0}\u{200d}\u{2027}\u{202f}\u{2065}\u{206a}\u{61b}\u{61d}";
        assert_eq!(escape(neighbours), neighbours);
    }

    #[test]
    fn the_writer_escapes_only_when_asked() {
        let mut out = Quoted {
            inner: Vec::new(),
            escape: true,
        };
        let payload = "a\x1bb";
        write!(out, "{payload}|").unwrap();
        out.escape = false;
        write!(out, "{payload}").unwrap();
        assert_eq!(out.inner, b"a\\x1bb|a\x1bb");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_shown_as_hex() {
        assert_eq!(&*escape_bytes(b"ok\xff\x1b"), b"ok\\xff\\x1b");
        assert_eq!(&*escape_bytes(b"plain"), b"plain");
    }
}
