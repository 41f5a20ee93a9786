//! The progress board: per policy area (or per owner), how many commitments are not marked,
//! open, in progress, waiting, done and dropped, how many are overdue or stale, and when the
//! last change was. Pure (the caller passes the follow-ups and `today`), so the agenda's
//! *Progress* table and the browser's board view count alike. Recitals and follow-ups whose
//! commitment is not loaded are not on the board: it counts commitments.

use std::collections::BTreeMap;

use time::{Date, Duration};

use crate::followups::{Status, Timestamp};
use crate::model::{ItemKind, Library};

/// Days without a change after which a follow-up still to be done is stale.
pub const DEFAULT_STALE_DAYS: u32 = 60;

/// Days back the board and the agenda count changes from, without `--since`.
pub const DEFAULT_SINCE_DAYS: u32 = 14;

/// The dates a board counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Overdue is due before this day.
    pub today: Date,
    /// Stale is unchanged for this many days or more.
    pub stale_days: u32,
    /// "Changed since" counts follow-ups whose last change is on this day or later.
    pub since: Date,
}

impl Window {
    /// `today` with the default stale days and the default look-back.
    pub fn defaults(today: Date) -> Window {
        Window {
            today,
            stale_days: DEFAULT_STALE_DAYS,
            since: today
                .checked_sub(Duration::days(i64::from(DEFAULT_SINCE_DAYS)))
                .unwrap_or(Date::MIN),
        }
    }

    fn stale_before(&self) -> Date {
        self.today
            .checked_sub(Duration::days(i64::from(self.stale_days)))
            .unwrap_or(Date::MIN)
    }
}

/// One follow-up as the board needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardInput<'a> {
    /// `RESOLUTION_ID:LOCAL_ID`.
    pub reference: &'a str,
    pub status: Status,
    pub owner: Option<&'a str>,
    pub due: Option<Date>,
    /// The last change (`updated` in the file); `None` is never stale.
    pub updated: Option<Timestamp>,
}

/// How the rows are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    /// One row per policy area, resolutions in order of adoption, areas in document order.
    #[default]
    Area,
    /// One row per owner (names compared ignoring case), by name; "no owner" last.
    Owner,
}

/// What a row stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Group {
    /// `resolution` indexes `Library::resolutions`, `area` that resolution's `areas`.
    Area { resolution: usize, area: usize },
    /// The owner as first written; `None` for follow-ups without an owner.
    Owner(Option<String>),
    /// The sum of all rows.
    Total,
}

/// Commitments per status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Commitments without a follow-up (always 0 when grouped by owner).
    pub not_marked: usize,
    /// Indexed like [`Status::ALL`]: open, in-progress, waiting, done, dropped.
    pub by_status: [usize; 5],
}

impl Counts {
    pub fn status(&self, status: Status) -> usize {
        self.by_status[status_index(status)]
    }

    /// Commitments with a follow-up.
    pub fn marked(&self) -> usize {
        self.by_status.iter().sum()
    }

    /// Every commitment of the row: N in "done D/N".
    pub fn total(&self) -> usize {
        self.not_marked + self.marked()
    }

    fn add(&mut self, other: &Counts) {
        self.not_marked += other.not_marked;
        for (a, b) in self.by_status.iter_mut().zip(other.by_status) {
            *a += b;
        }
    }
}

/// One row of the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub group: Group,
    pub counts: Counts,
    /// Due before today, neither done nor dropped.
    pub overdue: usize,
    /// Marked, neither done nor dropped, unchanged for `stale_days` days or more.
    pub stale: usize,
    /// Follow-ups whose last change is on the window's `since` day or later.
    pub changed_since: usize,
    /// The latest change of any follow-up of the row.
    pub last_change: Option<Timestamp>,
}

impl Row {
    fn new(group: Group) -> Row {
        Row {
            group,
            counts: Counts::default(),
            overdue: 0,
            stale: 0,
            changed_since: 0,
            last_change: None,
        }
    }

    /// D in "done D/N".
    pub fn done(&self) -> usize {
        self.counts.status(Status::Done)
    }

    fn count(&mut self, input: &BoardInput, window: &Window, stale_before: Date) {
        self.counts.by_status[status_index(input.status)] += 1;
        let to_do = !matches!(input.status, Status::Done | Status::Dropped);
        let changed_on = input.updated.map(|t| t.as_datetime().date());
        if to_do && input.due.is_some_and(|due| due < window.today) {
            self.overdue += 1;
        }
        if to_do && changed_on.is_some_and(|day| day <= stale_before) {
            self.stale += 1;
        }
        if changed_on.is_some_and(|day| day >= window.since) {
            self.changed_since += 1;
        }
        self.last_change = self.last_change.max(input.updated);
    }

    fn add(&mut self, other: &Row) {
        self.counts.add(&other.counts);
        self.overdue += other.overdue;
        self.stale += other.stale;
        self.changed_since += other.changed_since;
        self.last_change = self.last_change.max(other.last_change);
    }
}

/// The board: rows in order, and their sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Board {
    pub grouping: Grouping,
    pub rows: Vec<Row>,
    pub total: Row,
}

/// Counts `followups` over the commitments of `library`. A follow-up is stale when it is
/// still to be done and its last change is the window's `stale_days` or more days before
/// its `today`; it counts as changed since when its last change is on `since` or later.
pub fn board(
    library: &Library,
    followups: &[BoardInput],
    grouping: Grouping,
    window: &Window,
) -> Board {
    let stale_before = window.stale_before();
    // Only follow-ups of loaded commitments count; later duplicates of a reference are
    // ignored so a commitment is never counted twice.
    let mut seen = std::collections::HashSet::new();
    let on_board: Vec<(usize, &BoardInput)> = followups
        .iter()
        .filter_map(|f| {
            let item = library.find(f.reference)?;
            (library.is_commitment(item) && seen.insert(item)).then_some((item, f))
        })
        .collect();
    let rows = match grouping {
        Grouping::Area => by_area(library, &on_board, window, stale_before),
        Grouping::Owner => by_owner(&on_board, window, stale_before),
    };
    let mut total = Row::new(Group::Total);
    for row in &rows {
        total.add(row);
    }
    Board {
        grouping,
        rows,
        total,
    }
}

fn by_area(
    library: &Library,
    on_board: &[(usize, &BoardInput)],
    window: &Window,
    stale_before: Date,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut index = BTreeMap::new();
    for (r, res) in library.resolutions.iter().enumerate() {
        for (a, area) in res.areas.iter().enumerate() {
            index.insert((r, a), rows.len());
            let mut row = Row::new(Group::Area {
                resolution: r,
                area: a,
            });
            row.counts.not_marked = area.commitments.len();
            rows.push(row);
        }
    }
    for (item, input) in on_board {
        let it = library.item(*item);
        if let ItemKind::Commitment { area, .. } = it.kind {
            let row = &mut rows[index[&(it.resolution, area)]];
            row.counts.not_marked -= 1;
            row.count(input, window, stale_before);
        }
    }
    rows
}

fn by_owner(on_board: &[(usize, &BoardInput)], window: &Window, stale_before: Date) -> Vec<Row> {
    // Keyed by the lower-cased name; the row shows the name as first met.
    let mut owners: BTreeMap<Option<String>, Row> = BTreeMap::new();
    for (_, input) in on_board {
        let owner = input.owner.map(str::trim).filter(|o| !o.is_empty());
        let key = owner.map(str::to_lowercase);
        owners
            .entry(key)
            .or_insert_with(|| Row::new(Group::Owner(owner.map(str::to_string))))
            .count(input, window, stale_before);
    }
    // `None` sorts first in a BTreeMap; "no owner" goes last.
    let no_owner = owners.remove(&None);
    owners.into_values().chain(no_owner).collect()
}

fn status_index(status: Status) -> usize {
    Status::ALL
        .iter()
        .position(|s| *s == status)
        .expect("every status is in ALL")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 01);

    fn input(
        reference: &'static str,
        status: Status,
        owner: Option<&'static str>,
    ) -> BoardInput<'static> {
        BoardInput {
            reference,
            status,
            owner,
            due: None,
            updated: Timestamp::parse("2026-11-30T10:00:00Z"),
        }
    }

    #[test]
    fn counts_per_area_with_totals() {
        let library = crate::seed::library();
        let followups = [
            BoardInput {
                due: Some(date!(2026 - 11 - 30)),
                ..input("ba-43-2024:1.1", Status::Open, Some("Desk"))
            },
            BoardInput {
                due: Some(date!(2026 - 11 - 30)),
                ..input("ba-43-2024:1.2", Status::Done, Some("desk"))
            },
            BoardInput {
                // 60 days before today: stale at the default.
                updated: Timestamp::parse("2026-10-02T23:00:00Z"),
                ..input("ba-43-2024:1.3", Status::Waiting, None)
            },
            BoardInput {
                updated: Timestamp::parse("2026-10-03T00:00:00Z"),
                ..input("ba-43-2024:1.4", Status::InProgress, None)
            },
            input("ba-43-2024:1.4", Status::Dropped, None),
            input("ba-43-2024:r1", Status::Open, None),
            input("ba-99-2099:1.1", Status::Open, None),
        ];
        let window = Window {
            since: date!(2026 - 11 - 30),
            ..Window::defaults(TODAY)
        };
        let b = board(&library, &followups, Grouping::Area, &window);
        assert_eq!(b.rows.len(), library.resolutions[0].areas.len());
        let first = &b.rows[0];
        let n = library.resolutions[0].areas[0].commitments.len();
        assert_eq!(first.counts.total(), n);
        assert_eq!(first.counts.not_marked, n - 4, "a duplicate counts once");
        assert_eq!(first.counts.by_status, [1, 1, 1, 1, 0]);
        assert_eq!((first.done(), first.overdue, first.stale), (1, 1, 1));
        assert_eq!(first.changed_since, 2, "changed on 2026-11-30 or later");
        assert_eq!(
            first.last_change.map(|t| t.to_string()).as_deref(),
            Some("2026-11-30T10:00:00Z")
        );
        assert_eq!(b.rows[1].counts.marked(), 0);
        assert_eq!(b.rows[1].last_change, None);
        assert_eq!(b.total.counts.total(), library.commitment_count());
        assert_eq!(
            b.total.counts.marked(),
            4,
            "recitals and orphans are not counted"
        );
        assert_eq!(b.total.group, Group::Total);
        assert_eq!(b.total.changed_since, 2);
    }

    #[test]
    fn counts_per_owner_ignoring_case() {
        let library = crate::seed::library();
        let followups = [
            input("ba-43-2024:1.1", Status::Open, Some("Desk")),
            input("ba-43-2024:2.1", Status::Done, Some("desk ")),
            input("ba-43-2024:3.1", Status::Open, None),
            input("ba-43-2024:4.1", Status::Open, Some("Anna")),
        ];
        let b = board(
            &library,
            &followups,
            Grouping::Owner,
            &Window::defaults(TODAY),
        );
        let groups: Vec<_> = b.rows.iter().map(|r| r.group.clone()).collect();
        assert_eq!(
            groups,
            [
                Group::Owner(Some("Anna".into())),
                Group::Owner(Some("Desk".into())),
                Group::Owner(None)
            ]
        );
        assert_eq!(b.rows[1].counts.total(), 2);
        assert_eq!(b.rows[1].done(), 1);
        assert_eq!(b.total.counts.not_marked, 0);
    }
}
