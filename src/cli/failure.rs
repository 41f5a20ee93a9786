//! Which exit status an error ends reso with, decided in this one place: bad input and usage
//! are 2, a failure of the system (a file that cannot be read, written or locked: permissions,
//! a read-only or full disk, a lock another session holds) is 4. See README's table.

use std::io;

use crate::platform::atomic::WriteFailure;
use crate::platform::exit;
use crate::storage::followups::SaveError;
use crate::storage::library::LibraryError;

/// The exit status for `error`, judged by the first error of its chain that tells.
pub fn exit_status(error: &anyhow::Error) -> u8 {
    error
        .chain()
        .find_map(|cause| {
            if let Some(save) = cause.downcast_ref::<SaveError>() {
                return Some(of_save(save));
            }
            if let Some(failure) = cause.downcast_ref::<WriteFailure>() {
                return Some(of_io(failure.error()));
            }
            if let Some(library) = cause.downcast_ref::<LibraryError>() {
                return library.io_error().map(of_io);
            }
            cause.downcast_ref::<io::Error>().map(of_io)
        })
        .unwrap_or(exit::USAGE)
}

fn of_save(error: &SaveError) -> u8 {
    match error {
        // The file's contents or the change asked for: input, not the system.
        SaveError::Refused(_) | SaveError::Change(_) => exit::USAGE,
        SaveError::Io { error, .. } => of_io(error),
        SaveError::ReadOnlyFile { .. }
        | SaveError::FolderNotWritable { .. }
        | SaveError::DiskFull { .. }
        | SaveError::Locked { .. }
        | SaveError::Lock { .. }
        | SaveError::TooLarge { .. } => exit::SYSTEM,
    }
}

/// A path that names nothing, or the wrong kind of thing, is the user's input; anything
/// else the file system reports is the system's.
fn of_io(error: &io::Error) -> u8 {
    use io::ErrorKind::*;
    match error.kind() {
        NotFound | NotADirectory | IsADirectory | InvalidInput | InvalidFilename
        | AlreadyExists => exit::USAGE,
        _ => exit::SYSTEM,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn input_is_2_and_the_system_is_4() {
        let io = |kind| anyhow::Error::from(io::Error::from(kind));
        assert_eq!(exit_status(&io(io::ErrorKind::NotFound)), exit::USAGE);
        assert_eq!(
            exit_status(&io(io::ErrorKind::PermissionDenied)),
            exit::SYSTEM
        );
        assert_eq!(exit_status(&io(io::ErrorKind::StorageFull)), exit::SYSTEM);
        assert_eq!(exit_status(&anyhow::anyhow!("bad flag")), exit::USAGE);
        let locked = SaveError::Lock {
            lock: PathBuf::from("f.lock"),
            error: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        assert_eq!(exit_status(&anyhow::Error::from(locked)), exit::SYSTEM);
        let write = WriteFailure::Create {
            folder: PathBuf::from("/nowhere"),
            error: io::Error::from(io::ErrorKind::NotFound),
        };
        let wrapped = anyhow::Error::from(write).context("writing the agenda");
        assert_eq!(exit_status(&wrapped), exit::USAGE, "found under a context");
    }
}
