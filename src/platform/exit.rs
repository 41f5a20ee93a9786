//! Exit statuses, as documented in the README.

/// Success.
pub const OK: u8 = 0;
/// Nothing found, or not valid.
pub const NOT_FOUND: u8 = 1;
/// Usage or load error: the input was wrong.
pub const USAGE: u8 = 2;
/// Written, with warnings.
pub const WARNINGS: u8 = 3;
/// The system failed: a file could not be read, written or locked (permissions, a
/// read-only or full disk, a lock another session holds). Nothing was changed.
pub const SYSTEM: u8 = 4;
