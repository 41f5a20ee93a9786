//! Reading a whole input file as text, with the checks every reso file gets: a regular file
//! (a FIFO or a device cannot block or flood reso), at most [`MAX_FILE_BYTES`], valid UTF-8.
//! The one way reso reads a file: resolution files, the follow-ups file, the files `reso
//! import` reads (as bytes), `synonyms.txt`, the session state and the git files `git-setup`
//! extends. Parsing (and the byte-order mark, see `jsontext::without_bom`) is left to each
//! file kind.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use crate::jsontext::Problem;

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Opens `path` for reading without blocking: opening a FIFO waits for a writer unless
/// `O_NONBLOCK` is given. Reads of a regular file are not affected by the flag.
pub fn open(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

/// Reads the file at `path` as UTF-8 text; `Ok(None)` when there is no such file. For the
/// files whose absence means nothing to read (synonyms, session state, git's lists).
pub fn read_if_exists(path: &Path, name: &str, expected: &str) -> Result<Option<String>, Problem> {
    match open(path) {
        Ok(file) => read(file, name, expected).map(|(text, _)| Some(text)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Problem::whole_file(
            name,
            format!("cannot read: {e}, expected {expected}"),
        )),
    }
}

/// Reads the open `file` as UTF-8 text, with its metadata (of the descriptor read, not of a
/// path that may have been replaced meanwhile). `name` is how messages name the file,
/// `expected` what it should be (`a resolution file`).
pub fn read(file: File, name: &str, expected: &str) -> Result<(String, fs::Metadata), Problem> {
    let (bytes, meta) = read_bytes(file, name, expected)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Problem::at(
            name,
            &prefix,
            valid,
            format!("invalid UTF-8 at byte {valid}, expected UTF-8 text"),
        )
    })?;
    Ok((text, meta))
}

/// Reads the open `file` whole, as bytes, with the checks of [`read`] but UTF-8's.
pub fn read_bytes(
    mut file: File,
    name: &str,
    expected: &str,
) -> Result<(Vec<u8>, fs::Metadata), Problem> {
    let whole = |message: String| Problem::whole_file(name, message);
    let meta = file
        .metadata()
        .map_err(|e| whole(format!("cannot read: {e}")))?;
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
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // One byte more than allowed tells a file that grew meanwhile from one that did not.
    (&mut file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| whole(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(whole(format!(
            "file is over {} MiB, expected at most {} MiB",
            MAX_FILE_BYTES / 1024 / 1024,
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    Ok((bytes, meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_path(path: &Path) -> Result<String, String> {
        let file = open(path).map_err(|e| e.to_string())?;
        read(file, "f", "a test file")
            .map(|(text, _)| text)
            .map_err(|p| p.to_string())
    }

    #[test]
    fn text_folders_fifos_and_bad_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good");
        fs::write(&good, "a\nb").unwrap();
        assert_eq!(read_path(&good).unwrap(), "a\nb");
        assert_eq!(
            read_path(dir.path()).unwrap_err(),
            "f:1:1: is a folder, expected a test file"
        );
        let fifo = dir.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        // Would block forever in open(2) without O_NONBLOCK.
        assert_eq!(
            read_path(&fifo).unwrap_err(),
            "f:1:1: not a regular file, expected a test file"
        );
        let bad = dir.path().join("bad");
        fs::write(&bad, b"ok\nab\xff").unwrap();
        assert_eq!(
            read_path(&bad).unwrap_err(),
            "f:2:3: invalid UTF-8 at byte 5, expected UTF-8 text"
        );
    }
}
