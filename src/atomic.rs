//! Writing a whole file so that readers see the old version or the new one, never half of
//! one: a temporary file in the same folder, synced, then renamed over the target.

use std::io::Write;
use std::path::Path;

/// Replaces (or creates) `path` with `bytes`. With `overwrite` false, an existing file is
/// left alone and the call fails, even one created while we were writing.
pub fn write(path: &Path, bytes: &[u8], overwrite: bool) -> anyhow::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // The temporary file's random name means nothing to the user: errors name the folder
    // or the target instead.
    let plain = |e: std::io::Error| match (e.raw_os_error(), e.kind()) {
        (Some(code), _) => std::io::Error::from_raw_os_error(code).to_string(),
        (None, std::io::ErrorKind::NotFound) => "no such folder".to_string(),
        (None, kind) => std::io::Error::from(kind).to_string(),
    };
    let mut temp = tempfile::NamedTempFile::new_in(folder)
        .map_err(|e| anyhow::anyhow!("cannot write in {}: {}", folder.display(), plain(e)))?;
    temp.write_all(bytes)?;
    temp.as_file().sync_data()?;
    let persisted = if overwrite {
        temp.persist(path)
    } else {
        temp.persist_noclobber(path)
    };
    persisted
        .map_err(|e| anyhow::anyhow!("cannot write {}: {}", path.display(), plain(e.error)))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_or_refuses_to() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        super::write(&path, b"one", false).unwrap();
        assert!(super::write(&path, b"two", false).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        super::write(&path, b"three", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }
}
