//! Agendas: the core's renderers ([`reso_core::export`], re-exported here) and the one
//! place that writes an agenda to a file, the browser's `E`.

mod dated_file;

pub use dated_file::write_dated;
pub use reso_core::export::*;
