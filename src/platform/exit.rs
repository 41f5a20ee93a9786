//! Exit statuses, as documented in the README.

/// Success.
pub const OK: u8 = 0;
/// Nothing found, or not valid.
pub const NOT_FOUND: u8 = 1;
/// Usage or load error.
pub const USAGE: u8 = 2;
/// Written, with warnings.
pub const WARNINGS: u8 = 3;
