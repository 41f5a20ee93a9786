//! The joined, ordered agenda the writers share: each follow-up with its commitment, the
//! *To raise* and *Closed since* lists in their order, the counts and the progress board.
//! Decides order and membership; leaves wording and markup to the writers.

use std::cmp::Ordering;

use time::Date;

use super::{AgendaEntry, Options, Selection, is_overdue};
use crate::board::{self, Board, BoardInput, Grouping};
use crate::date::iso;
use crate::filter::parse_date;
use crate::followups::{Field, Status, Timestamp};
use crate::model::{Area, ItemId, ItemKind, Library, Resolution};

pub(super) struct Agenda<'a> {
    pub library: &'a Library,
    pub today: Date,
    pub since: Date,
    pub stale_days: u32,
    pub selection: Option<String>,
    /// In document order.
    pub rows: Vec<Row<'a>>,
    /// Not in the library, by reference.
    pub orphans: Vec<Row<'a>>,
    /// Per status, in the usual order, then any unknown status.
    pub counts: Vec<(String, usize)>,
    pub overdue: usize,
    /// The board over the agenda's follow-ups, by area.
    pub board: Board,
}

pub(super) struct Row<'a> {
    pub entry: &'a AgendaEntry,
    pub item: Option<ItemId>,
    pub overdue: bool,
    due: Option<Date>,
    /// When the status last changed: for done and dropped, when they were closed.
    status_changed: Option<Timestamp>,
}

impl<'a> Row<'a> {
    fn new(library: &Library, entry: &'a AgendaEntry, today: Date) -> Row<'a> {
        let status_changed = entry
            .history
            .iter()
            .filter(|h| h.field == Field::Status)
            .map(|h| h.at)
            .max()
            .or(entry.updated);
        Row {
            entry,
            item: library.find(&entry.reference),
            overdue: is_overdue(entry, today),
            due: entry.due.as_deref().and_then(parse_date),
            status_changed,
        }
    }

    fn status(&self) -> Status {
        self.entry.status
    }

    fn is_closed(&self) -> bool {
        !self.status().is_open()
    }
}

impl<'a> Agenda<'a> {
    /// Joins `entries` with their commitments and counts them.
    pub fn new(
        library: &'a Library,
        entries: &'a [AgendaEntry],
        today: Date,
        selection: &Selection,
        options: &Options,
    ) -> Agenda<'a> {
        let (mut rows, mut orphans): (Vec<Row>, Vec<Row>) = entries
            .iter()
            .map(|entry| Row::new(library, entry, today))
            .partition(|row| row.item.is_some());
        // Item ids follow document order, resolutions in order of adoption.
        rows.sort_by_key(|row| row.item);
        orphans.sort_by(|a, b| a.entry.reference.cmp(&b.entry.reference));

        let counts: Vec<(String, usize)> = Status::ALL
            .iter()
            .map(|s| {
                let n = entries.iter().filter(|e| e.status == *s).count();
                (s.as_str().to_string(), n)
            })
            .collect();

        let inputs: Vec<BoardInput> = rows
            .iter()
            .map(|r| BoardInput {
                reference: &r.entry.reference,
                status: r.status(),
                owner: r.entry.owner.as_deref(),
                due: r.due,
                updated: r.entry.updated,
            })
            .collect();
        let window = board::Window {
            today,
            stale_days: options.stale_days,
            since: options.since,
        };
        let board = board::board(library, &inputs, Grouping::Area, &window);

        Agenda {
            library,
            today,
            since: options.since,
            stale_days: options.stale_days,
            selection: selection.describe(),
            overdue: rows.iter().chain(&orphans).filter(|r| r.overdue).count(),
            rows,
            orphans,
            counts,
            board,
        }
    }

    /// Every row, document order then orphans.
    pub fn all(&self) -> impl Iterator<Item = &Row<'a>> {
        self.rows.iter().chain(&self.orphans)
    }

    pub fn total(&self) -> usize {
        self.rows.len() + self.orphans.len()
    }

    /// *To raise*: still to be done; overdue first, then by due date, then open,
    /// in-progress and waiting without a due date; ties in document order.
    pub fn to_raise(&self) -> Vec<&Row<'a>> {
        let mut list: Vec<&Row> = self.all().filter(|r| !r.is_closed()).collect();
        list.sort_by(|a, b| raise_order(a, b));
        list
    }

    /// *Closed since*: done or dropped on `since` or later, oldest first.
    pub fn closed_since(&self) -> Vec<&Row<'a>> {
        let mut list: Vec<&Row> = self
            .all()
            .filter(|r| r.is_closed() && self.closed_in_range(r))
            .collect();
        list.sort_by_key(|r| r.status_changed);
        list
    }

    /// Done or dropped before `since`: counted in the header, not listed.
    fn closed_before(&self) -> usize {
        self.all()
            .filter(|r| r.is_closed() && !self.closed_in_range(r))
            .count()
    }

    /// Said when *Closed since* lists nothing.
    pub fn nothing_closed_note(&self) -> String {
        format!("Nothing was done or dropped since {}.", iso(self.since))
    }

    /// Says how many were closed before `since` and are not listed; `None` when none were.
    pub fn closed_before_note(&self) -> Option<String> {
        let before = self.closed_before();
        (before > 0).then(|| {
            format!(
                "{before} follow-up{} closed before {} {} not listed.",
                if before == 1 { "" } else { "s" },
                iso(self.since),
                if before == 1 { "is" } else { "are" },
            )
        })
    }

    fn closed_in_range(&self, row: &Row) -> bool {
        row.status_changed
            .is_some_and(|t| t.as_datetime().date() >= self.since)
    }

    pub fn resolution(&self, row: &Row) -> Option<&'a Resolution> {
        row.item.map(|i| self.library.resolution_of(i))
    }

    /// The area of the follow-up's commitment; `None` for recitals, orphans and the
    /// commitments of an area without a heading (exports name no area for them).
    pub fn area(&self, row: &Row) -> Option<&'a Area> {
        row.item
            .and_then(|i| self.library.area_of(i))
            .filter(|a| a.heading.is_some())
    }

    pub fn text(&self, row: &Row) -> Option<&'a str> {
        row.item.map(|i| self.library.text(i))
    }

    pub fn is_recital(&self, row: &Row) -> bool {
        row.item
            .is_some_and(|i| matches!(self.library.item(i).kind, ItemKind::Recital { .. }))
    }

    /// Where the follow-up sits: `1. Defence cooperation`, `Preamble`, or that it is not in
    /// the loaded resolutions; with the resolution's id when several are loaded. `None` for
    /// a commitment of an area without a heading when one resolution is loaded: there is
    /// no area to name.
    pub fn place(&self, row: &Row) -> Option<String> {
        let within = match (self.area(row), self.is_recital(row)) {
            (Some(area), _) => format!("{}. {}", area.id, area.display_title()),
            (None, true) => "Preamble".to_string(),
            (None, false) if row.item.is_none() => {
                return Some("not in the loaded resolutions".to_string());
            }
            (None, false) => String::new(),
        };
        match self.resolution(row) {
            Some(res) if self.library.resolutions.len() > 1 => {
                Some(format!("{} {within}", res.id).trim_end().to_string())
            }
            _ => (!within.is_empty()).then_some(within),
        }
    }

    /// The board row's label: `1. Defence cooperation`, with the resolution's id when
    /// several are loaded.
    pub fn board_label(&self, group: &board::Group) -> String {
        match group {
            board::Group::Area { resolution, area } => {
                let res = &self.library.resolutions[*resolution];
                let area = &res.areas[*area];
                if area.heading.is_none() {
                    // No heading to name: the paragraphs are the resolution's own.
                    return res.id.clone();
                }
                let label = format!("{}. {}", area.id, area.display_title());
                if self.library.resolutions.len() > 1 {
                    format!("{} {label}", res.id)
                } else {
                    label
                }
            }
            board::Group::Owner(Some(owner)) => owner.clone(),
            board::Group::Owner(None) => "no owner".to_string(),
            board::Group::Total => "All areas".to_string(),
        }
    }

    /// What the *Progress* table counts, in a sentence.
    pub fn board_note(&self) -> String {
        let days = match self.stale_days {
            1 => "1 day".to_string(),
            n => format!("{n} days"),
        };
        format!(
            "Commitments per policy area, counting the follow-ups of this agenda. Stale: still \
             to be done and unchanged for {days} or more. Changed since: last changed on {} or \
             later.",
            iso(self.since)
        )
    }

    /// `open 2 · in-progress 1 · …`
    pub fn counts_line(&self) -> String {
        self.counts
            .iter()
            .map(|(status, n)| format!("{status} {n}"))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// How many follow-ups of the agenda belong to each loaded resolution.
    pub fn per_resolution(&self) -> Vec<(&'a Resolution, usize)> {
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

/// Overdue (by due date), then due (by due date), then undated (by status); then document
/// order, orphans last by reference.
fn raise_order(a: &Row, b: &Row) -> Ordering {
    let tier = |r: &Row| match (r.overdue, r.due) {
        (true, _) => 0,
        (false, Some(_)) => 1,
        (false, None) => 2,
    };
    let status = |r: &Row| r.status() as usize;
    tier(a)
        .cmp(&tier(b))
        .then_with(|| a.due.cmp(&b.due))
        .then_with(|| status(a).cmp(&status(b)))
        .then_with(|| match (a.item, b.item) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => a.entry.reference.cmp(&b.entry.reference),
        })
}

/// `2026-11-28 10:05Z`: when a change was made, to the minute, in UTC as the file has it.
/// The facts line under an entry's head, each part escaped by the writer's `escape`:
/// `Area: …` where the entry has an area, then `last change: WHEN by WHO`.
pub(super) fn facts(
    place: Option<&str>,
    entry: &AgendaEntry,
    escape: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut facts: Vec<String> = place
        .iter()
        .map(|place| format!("Area: {}", escape(place)))
        .collect();
    if let Some(at) = entry.updated {
        let mut change = format!("last change: {}", when(at));
        if let Some(by) = &entry.updated_by {
            change.push_str(&format!(" by {}", escape(by)));
        }
        facts.push(change);
    }
    facts
}

pub(super) fn when(t: Timestamp) -> String {
    let t = t.as_datetime();
    format!(
        "{} {:02}:{:02}Z",
        crate::date::iso(t.date()),
        t.hour(),
        t.minute()
    )
}
