//! The browser's index, built on another thread: the first frame is drawn while the
//! library's texts are folded, and the first search waits only for what is left of it.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::thread::JoinHandle;

use super::{Index, Synonyms};
use crate::model::Library;

/// An [`Index`] that is being built, or is ready.
#[derive(Debug)]
pub struct IndexBuild {
    ready: OnceLock<Index>,
    /// The thread folding the texts, until the first [`IndexBuild::get`] takes its result.
    building: Mutex<Option<JoinHandle<Index>>>,
    /// Synonyms given before the index was ready, applied once it is.
    synonyms: Option<Synonyms>,
}

impl IndexBuild {
    /// Starts indexing `library` on another thread, which then starts the typo vocabulary
    /// on a thread of its own; indexes it here when no thread can be started.
    pub fn start(library: &Arc<Library>) -> IndexBuild {
        let shared = Arc::clone(library);
        let spawned = std::thread::Builder::new()
            .name("search-index".into())
            .spawn(move || {
                let index = Index::new(&shared);
                index.prepare_typos_in_background();
                index
            });
        let (ready, building) = match spawned {
            Ok(handle) => (OnceLock::new(), Some(handle)),
            Err(_) => (OnceLock::from(Index::new(library)), None),
        };
        IndexBuild {
            ready,
            building: Mutex::new(building),
            synonyms: None,
        }
    }

    /// The index, waiting for the thread when it is not done yet.
    pub fn get(&self) -> &Index {
        self.ready.get_or_init(|| {
            let handle = self
                .building
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take()
                .expect("an index is either ready or being built");
            // A panic on the thread is this thread's panic: the browser restores the terminal.
            let mut index = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            if let Some(synonyms) = &self.synonyms {
                index.set_synonyms(synonyms.clone());
            }
            index
        })
    }

    /// Lets query terms match the other members of their group of `synonyms`, now or as
    /// soon as the index is ready.
    pub fn set_synonyms(&mut self, synonyms: Synonyms) {
        match self.ready.get_mut() {
            Some(index) => index.set_synonyms(synonyms),
            None => self.synonyms = Some(synonyms),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_built_on_a_thread_is_the_index_built_here() {
        let library = Arc::new(crate::seed::library());
        let mut build = IndexBuild::start(&library);
        build.set_synonyms(Synonyms::parse("grid, network", "synonyms.txt").0);
        let here = Index::new(&library);
        let index = build.get();
        assert_eq!(index.hay, here.hay);
        assert_eq!(index.starts, here.starts);
        assert!(!index.synonyms.is_empty(), "synonyms given early apply");
    }
}
