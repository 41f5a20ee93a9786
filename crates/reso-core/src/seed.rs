//! The bundled resolution for the core's own tests (the `reso` crate compiles it in).

use crate::model::{Library, Resolution};

pub fn resolutions() -> Vec<Resolution> {
    let text = include_str!("../../../resolutions/ba-43-2024.json");
    vec![crate::validate::parse_resolution("ba-43-2024.json", text).expect("the seed loads")]
}

pub fn library() -> Library {
    Library::new(resolutions())
}
