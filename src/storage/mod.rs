//! What reso keeps and reads in files: resolution files and the set reso opens (`load`,
//! `resolution_files`, `bundled`, `library`), the follow-ups file and its store
//! (`followups`), where the browser left off (`session`), the user's synonyms
//! (`synonyms_file`, `search_engine`) and agendas written to files (`export`). Uses the
//! platform and the core; knows nothing of the terminal or of clap.

pub mod bundled;
pub mod export;
pub mod followups;
pub mod library;
pub mod load;
pub mod resolution_files;
pub mod search_engine;
pub mod session;
pub mod synonyms_file;
