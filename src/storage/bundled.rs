//! The resolutions compiled into the binary, so `reso` works from any directory.

use crate::model::{Library, Resolution};

/// `(file name, JSON text)` of every bundled resolution.
pub const FILES: &[(&str, &str)] = &[(
    "resolutions/ba-43-2024.json",
    include_str!("../../resolutions/ba-43-2024.json"),
)];

/// The bundled resolutions, parsed. They are checked by the test suite, so a failure here
/// is a build defect, not user input.
pub fn resolutions() -> Vec<Resolution> {
    FILES
        .iter()
        .map(|(name, text)| {
            reso_core::validate::parse_resolution(name, text)
                .unwrap_or_else(|errors| panic!("bundled {name} is invalid: {errors:?}"))
        })
        .collect()
}

pub fn library() -> Library {
    Library::new(resolutions())
}
