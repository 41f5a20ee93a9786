//! Follow-ups → meeting agenda, as Markdown, HTML, CSV or JSON. Pure: the caller passes the
//! library, the follow-ups (as [`AgendaEntry`]s), the selection, `today` and the
//! [`Options`]; the result is a string. Used by `reso export` and by the browser's `E` key
//! (through the `reso` crate's `export::write_dated`, which writes the file); knows nothing of
//! the terminal or of the follow-ups file on disk.

mod agenda;
mod csv;
mod from_store;
mod html;
mod json;
mod markdown;

pub use from_store::entries;

use time::Date;

use agenda::Agenda;

use crate::date::iso;

use crate::filter::{FollowupTable, Mode, OwnedFacts, Query, QueryError, SearchResult};
use crate::followups::{HistoryEntry, Status, Timestamp};
use crate::model::Library;

/// The formats an agenda can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Markdown,
    Html,
    Csv,
    Json,
}

impl Format {
    /// The usual file extension: `md`, `html`, `csv`, `json`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// A file name for the agenda of `today`: `agenda-2025-01-10.md`.
pub fn file_name(format: Format, today: Date) -> String {
    format!("agenda-{}.{}", iso(today), format.extension())
}

/// One follow-up as the agenda needs it: the store's record without its history.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AgendaEntry {
    /// `RESOLUTION_ID:LOCAL_ID`, e.g. `ba-43-2024:1.4`.
    pub reference: String,
    pub status: Status,
    pub owner: Option<String>,
    /// `YYYY-MM-DD` as stored (an unreadable date is shown as it is, never overdue).
    pub due: Option<String>,
    pub note: Option<String>,
    /// The commitment's text changed since it was marked (the store compares hashes).
    pub text_changed: bool,
    /// When the follow-up last changed (`updated` in the file).
    pub updated: Option<Timestamp>,
    /// Who made that change (the `by` of the latest history entry).
    pub updated_by: Option<String>,
    /// Every recorded change, oldest first: `changed>…` queries and "closed since" read it.
    pub history: Vec<HistoryEntry>,
}

/// How the agenda counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// *Closed since* lists follow-ups done or dropped on this day or later; *Progress*
    /// counts those changed on this day or later.
    pub since: Date,
    /// A follow-up still to be done and unchanged for this many days is stale.
    pub stale_days: u32,
}

impl Options {
    /// The board's defaults: closed in the last [`crate::board::DEFAULT_SINCE_DAYS`] days,
    /// stale after [`crate::board::DEFAULT_STALE_DAYS`].
    pub fn defaults(today: Date) -> Options {
        let window = crate::board::Window::defaults(today);
        Options {
            since: window.since,
            stale_days: window.stale_days,
        }
    }
}

/// What goes into the agenda; empty means everything. Also named in the agenda's header.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Keep follow-ups with one of these statuses.
    pub statuses: Vec<Status>,
    /// Keep follow-ups whose owner's name, or a word of it, starts with this (case and
    /// accents ignored), as the query's `owner:` term.
    pub owner: Option<String>,
    /// Keep follow-ups whose item matches this query of the filter's language.
    pub query: Option<String>,
}

impl Selection {
    /// `status open, waiting · owner desk · query "nato"`, or `None` for everything.
    fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        if !self.statuses.is_empty() {
            let names: Vec<&str> = self.statuses.iter().map(|s| s.as_str()).collect();
            parts.push(format!("status {}", names.join(", ")));
        }
        if let Some(owner) = &self.owner {
            parts.push(format!("owner {owner}"));
        }
        if let Some(query) = &self.query {
            parts.push(format!("query \"{query}\""));
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

/// The entries `selection` keeps, in the order given. A query is decided by `search`, the
/// caller's filter engine (see the `reso` crate's `search_engine`: the index with the user's
/// synonyms) over the whole library, so `--query` means what `/` means in the browser
/// (including `is:open`, `owner:`, `overdue` and note text); it is called only when there is
/// a query. Fails only on a query that does not parse.
pub fn select(
    library: &Library,
    entries: &[AgendaEntry],
    selection: &Selection,
    search: impl FnOnce(&Query, &FollowupTable) -> SearchResult,
) -> Result<Vec<AgendaEntry>, QueryError> {
    let query = selection.query.as_deref().map(Query::parse).transpose()?;
    let owner = selection
        .owner
        .as_deref()
        .map(|o| crate::filter::fold_text(o.trim(), Mode::FoldLower));
    let matched = query.map(|query| {
        let table = FollowupTable {
            rows: entries
                .iter()
                .filter_map(|e| {
                    let facts = OwnedFacts {
                        status: e.status,
                        owner: e.owner.clone(),
                        due: e.due.as_deref().and_then(crate::date::parse_iso),
                        note: e.note.clone(),
                        changes: e.history.clone(),
                    };
                    library.find(&e.reference).map(|item| (item, facts))
                })
                .collect(),
        };
        search(&query, &table)
    });
    Ok(entries
        .iter()
        .filter(|e| selection.statuses.is_empty() || selection.statuses.contains(&e.status))
        .filter(|e| match &owner {
            None => true,
            Some(prefix) => e
                .owner
                .as_deref()
                .is_some_and(|o| crate::filter::name_matches(o, prefix)),
        })
        .filter(|e| match &matched {
            None => true,
            // A follow-up whose commitment is not loaded cannot match a text query.
            Some(result) => library
                .find(&e.reference)
                .is_some_and(|i| result.contains(i)),
        })
        .cloned()
        .collect())
}

/// The agenda in `format`: *To raise*, *Closed since* and *Progress* for Markdown and
/// HTML; every selected follow-up in document order (those whose commitment is not in
/// `library` last) for CSV and JSON.
pub fn render(
    format: Format,
    library: &Library,
    entries: &[AgendaEntry],
    today: Date,
    selection: &Selection,
    options: &Options,
) -> String {
    let agenda = Agenda::new(library, entries, today, selection, options);
    match format {
        Format::Markdown => markdown::render(&agenda),
        Format::Html => html::render(&agenda),
        Format::Csv => csv::render(&agenda),
        Format::Json => json::render(&agenda),
    }
}

/// Overdue by the filter's `overdue` rule.
pub(crate) fn is_overdue(entry: &AgendaEntry, today: Date) -> bool {
    let due = entry.due.as_deref().and_then(crate::date::parse_iso);
    crate::filter::is_overdue(entry.status, due, today)
}
