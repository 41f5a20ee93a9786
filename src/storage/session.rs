//! Where the user left off: cursor, folds, filter and view of the last session over the
//! same set of resolutions, kept in the user's state folder and written atomically. A broken
//! or missing file only means starting fresh.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::Library;
use crate::platform::atomic::WriteFailure;

/// What is remembered. Nodes are named by stable keys (see `app::node_key`), never by row
/// numbers, so a remembered place survives folds and other resolutions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionState {
    pub selected: Option<String>,
    pub folded: Vec<String>,
    pub query: String,
    pub followups_only: bool,
    pub detail_hidden: bool,
    /// A follow-up field being typed when the session ended (a hang-up mid-note): it was
    /// never saved, so it comes back in the input line rather than into the file.
    pub draft: Option<Draft>,
    /// Follow-up changes the follow-ups file could not take when the session ended (a
    /// read-only folder, a full disk, then a hang-up): kept here and made again at the next
    /// start, so that they are not lost.
    pub unsaved: Vec<UnsavedEdit>,
    /// The follow-ups file those changes were meant for; they are made again only there.
    pub unsaved_file: Option<String>,
}

/// One field of one follow-up as the user set it, not yet in the follow-ups file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsavedEdit {
    pub reference: String,
    pub field: crate::storage::followups::Field,
    pub to: Option<String>,
}

/// Text typed into a follow-up field and not yet saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub reference: String,
    /// `note`, `owner` or `due`.
    pub field: String,
    pub text: String,
    /// The field's value when the edit began, so that a change another session saved
    /// meanwhile is shown before the draft is saved over it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionFile {
    format: String,
    version: u32,
    resolutions: Vec<String>,
    state: SessionState,
}

const FORMAT: &str = "reso-session";

/// The file for this set of resolutions: one per set, so that browsing another set does not
/// forget where you were in this one.
pub fn path_for(library: &Library) -> Option<PathBuf> {
    let folder = crate::platform::paths::sessions()?;
    Some(folder.join(format!("{}.json", set_key(library))))
}

fn resolution_ids(library: &Library) -> Vec<String> {
    let mut ids: Vec<String> = library.resolutions.iter().map(|r| r.id.clone()).collect();
    ids.sort();
    ids
}

fn set_key(library: &Library) -> String {
    let digest = Sha256::digest(resolution_ids(library).join("\n").as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Reads the remembered state. `Ok(None)`: nothing remembered; `Err`: a notice for the user.
pub fn load(path: &Path, library: &Library) -> Result<Option<SessionState>, String> {
    // Through `textfile`: a FIFO planted at the path is refused, not waited on.
    let name = path.display().to_string();
    let text = match crate::platform::textfile::read_if_exists(path, &name, "a session file") {
        Ok(Some(text)) => text,
        Ok(None) => return Ok(None),
        Err(problem) => return Err(format!("last session not restored ({problem})")),
    };
    let file: SessionFile = serde_json::from_str(&text)
        .map_err(|e| format!("last session not restored ({}: {e})", path.display()))?;
    if file.format != FORMAT || file.version != 1 || file.resolutions != resolution_ids(library) {
        return Err(format!(
            "last session not restored ({}: not a session of these resolutions)",
            path.display()
        ));
    }
    Ok(Some(file.state))
}

/// Writes the state atomically: a temporary file in the same folder, synced, then renamed.
pub fn save(path: &Path, library: &Library, state: &SessionState) -> Result<(), WriteFailure> {
    write(path, &encode(library, state))
}

/// The session file's bytes for `state`: made ahead of time, so that a hang-up can write
/// them (with [`write`]) from a thread that has no access to the library.
pub fn encode(library: &Library, state: &SessionState) -> Vec<u8> {
    let file = SessionFile {
        format: FORMAT.into(),
        version: 1,
        resolutions: resolution_ids(library),
        state: state.clone(),
    };
    // Strings, numbers and maps with string keys: serialising cannot fail.
    serde_json::to_vec_pretty(&file).expect("a session state serialises")
}

/// Writes bytes made by [`encode`] atomically: a temporary file in the same folder, synced,
/// then renamed.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteFailure> {
    let folder = crate::platform::atomic::folder_of(path);
    crate::platform::atomic::create_private_folder(folder).map_err(|error| {
        WriteFailure::Create {
            folder: folder.to_path_buf(),
            error,
        }
    })?;
    crate::platform::atomic::write(path, bytes, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_another_set() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let library = crate::storage::bundled::library();
        let state = SessionState {
            selected: Some("ba-43-2024:3.2".into()),
            folded: vec!["ba-43-2024:area:1".into()],
            query: "rail".into(),
            followups_only: true,
            detail_hidden: false,
            draft: Some(Draft {
                reference: "ba-43-2024:3.2".into(),
                field: "note".into(),
                text: "half a\nnote".into(),
                base: Some("a note".into()),
            }),
            unsaved: vec![UnsavedEdit {
                reference: "ba-43-2024:1.4".into(),
                field: crate::storage::followups::Field::Status,
                to: Some("open".into()),
            }],
            unsaved_file: Some("/somewhere/followups.json".into()),
        };
        assert_eq!(load(&path, &library), Ok(None));
        save(&path, &library, &state).unwrap();
        assert_eq!(load(&path, &library), Ok(Some(state)));
        let empty = Library::new(Vec::new());
        assert!(
            load(&path, &empty)
                .unwrap_err()
                .contains("not a session of these resolutions")
        );
        std::fs::write(&path, "{ broken").unwrap();
        assert!(
            load(&path, &library)
                .unwrap_err()
                .contains("last session not restored")
        );
    }

    /// Issue 18, point 7: a session file that is a device (or a FIFO) is refused, never read.
    #[test]
    fn a_device_at_the_session_path_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        std::os::unix::fs::symlink("/dev/null", &path).unwrap();
        let notice = load(&path, &crate::storage::bundled::library()).unwrap_err();
        assert_eq!(
            notice,
            format!(
                "last session not restored ({}:1:1: not a regular file, expected a session file)",
                path.display()
            )
        );
    }
}
