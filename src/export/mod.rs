//! Follow-ups → meeting agenda, as Markdown, CSV or JSON. Pure: the caller passes the
//! library, the follow-ups (as [`AgendaEntry`]s), the selection and `today`; the result is a
//! string. Used by `reso export` and by the browser's `E` key; knows nothing of the
//! terminal, of files or of the follow-ups file format.

mod csv;
mod from_store;
mod json;
mod markdown;

pub use from_store::entries;

use std::collections::BTreeMap;

use time::Date;

use crate::filter::{FollowupTable, Index, OwnedFacts, Query, QueryError, STATUSES};
use crate::followups::{HistoryEntry, Timestamp};
use crate::model::{Area, ItemId, ItemKind, Library, Resolution};

/// The formats an agenda can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Markdown,
    Csv,
    Json,
}

impl Format {
    /// The usual file extension: `md`, `csv`, `json`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
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
    /// `open`, `in-progress`, `waiting`, `done` or `dropped`.
    pub status: String,
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

/// What goes into the agenda; empty means everything. Also named in the agenda's header.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Keep follow-ups with one of these statuses.
    pub statuses: Vec<String>,
    /// Keep follow-ups whose owner is this (ignoring case).
    pub owner: Option<String>,
    /// Keep follow-ups whose item matches this query of the filter's language.
    pub query: Option<String>,
}

impl Selection {
    /// `status open, waiting · owner desk · query "nato"`, or `None` for everything.
    fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        if !self.statuses.is_empty() {
            parts.push(format!("status {}", self.statuses.join(", ")));
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

/// The entries `selection` keeps, in the order given. The query is decided by the filter
/// engine over the whole library, so `--query` means what `/` means in the browser
/// (including `is:open`, `owner:`, `overdue` and note text). Fails only on a query that
/// does not parse.
pub fn select(
    library: &Library,
    entries: &[AgendaEntry],
    selection: &Selection,
    today: Date,
) -> Result<Vec<AgendaEntry>, QueryError> {
    let query = selection.query.as_deref().map(Query::parse).transpose()?;
    let matched = query.map(|query| {
        let table = FollowupTable {
            rows: entries
                .iter()
                .filter_map(|e| {
                    let facts = OwnedFacts {
                        status: e.status.clone(),
                        owner: e.owner.clone(),
                        due: e.due.clone(),
                        note: e.note.clone(),
                        changes: e.history.clone(),
                    };
                    library.find(&e.reference).map(|item| (item, facts))
                })
                .collect(),
        };
        Index::new(library).search(library, &query, &table, today, None)
    });
    Ok(entries
        .iter()
        .filter(|e| selection.statuses.is_empty() || selection.statuses.contains(&e.status))
        .filter(|e| match &selection.owner {
            None => true,
            Some(owner) => e
                .owner
                .as_deref()
                .is_some_and(|o| o.to_lowercase() == owner.to_lowercase()),
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

/// The agenda in `format`. Follow-ups are grouped by resolution (in order of adoption) and
/// policy area, in document order; those whose commitment is not in `library` come last.
pub fn render(
    format: Format,
    library: &Library,
    entries: &[AgendaEntry],
    today: Date,
    selection: &Selection,
) -> String {
    let agenda = Agenda::new(library, entries, today, selection);
    match format {
        Format::Markdown => markdown::render(&agenda),
        Format::Csv => csv::render(&agenda),
        Format::Json => json::render(&agenda),
    }
}

/// The joined, ordered agenda the three writers share.
struct Agenda<'a> {
    library: &'a Library,
    today: Date,
    selection: Option<String>,
    /// In document order.
    rows: Vec<Row<'a>>,
    /// Not in the library, by reference.
    orphans: Vec<Row<'a>>,
    /// Per status, in the usual order, then any unknown status.
    counts: Vec<(String, usize)>,
    overdue: usize,
}

struct Row<'a> {
    entry: &'a AgendaEntry,
    item: Option<ItemId>,
    overdue: bool,
}

impl<'a> Agenda<'a> {
    fn new(
        library: &'a Library,
        entries: &'a [AgendaEntry],
        today: Date,
        selection: &Selection,
    ) -> Self {
        let (mut rows, mut orphans): (Vec<Row>, Vec<Row>) = entries
            .iter()
            .map(|entry| Row {
                entry,
                item: library.find(&entry.reference),
                overdue: is_overdue(entry, today),
            })
            .partition(|row| row.item.is_some());
        // Item ids follow document order, resolutions in order of adoption.
        rows.sort_by_key(|row| row.item);
        orphans.sort_by(|a, b| a.entry.reference.cmp(&b.entry.reference));

        let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
        for entry in entries {
            *by_status.entry(entry.status.as_str()).or_default() += 1;
        }
        let mut counts: Vec<(String, usize)> = STATUSES
            .iter()
            .map(|s| (s.to_string(), by_status.remove(s).unwrap_or(0)))
            .collect();
        counts.extend(by_status.into_iter().map(|(s, n)| (s.to_string(), n)));
        Agenda {
            library,
            today,
            selection: selection.describe(),
            overdue: rows.iter().chain(&orphans).filter(|r| r.overdue).count(),
            rows,
            orphans,
            counts,
        }
    }

    fn total(&self) -> usize {
        self.rows.len() + self.orphans.len()
    }

    fn resolution(&self, row: &Row) -> Option<&'a Resolution> {
        row.item.map(|i| self.library.resolution_of(i))
    }

    fn area(&self, row: &Row) -> Option<&'a Area> {
        row.item.and_then(|i| self.library.area_of(i))
    }

    fn text(&self, row: &Row) -> Option<&'a str> {
        row.item.map(|i| self.library.text(i))
    }

    fn is_recital(&self, row: &Row) -> bool {
        row.item
            .is_some_and(|i| matches!(self.library.item(i).kind, ItemKind::Recital { .. }))
    }

    /// `open 2 · in-progress 1 · …`
    fn counts_line(&self) -> String {
        self.counts
            .iter()
            .map(|(status, n)| format!("{status} {n}"))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// How many follow-ups of the agenda belong to each loaded resolution.
    fn per_resolution(&self) -> Vec<(&'a Resolution, usize)> {
        self.library
            .resolutions
            .iter()
            .map(|res| {
                let n = self
                    .rows
                    .iter()
                    .filter(|r| self.resolution(r).is_some_and(|x| x.id == res.id))
                    .count();
                (res, n)
            })
            .collect()
    }
}

/// Overdue by the filter's `overdue` rule.
fn is_overdue(entry: &AgendaEntry, today: Date) -> bool {
    crate::filter::is_overdue(&entry.status, entry.due.as_deref(), today)
}

/// `YYYY-MM-DD`
fn iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        date.month() as u8,
        date.day()
    )
}
