//! What the filter needs to know about follow-ups, as a trait the follow-up store (or an
//! adapter over it) implements, and how follow-up fields of a query are decided. No I/O, no
//! clock: `today` is passed in.

use time::Date;

use super::fold::{self, Mode};
use super::query::{DueOp, Field, FieldTerm};
use crate::followups::{HistoryEntry, Status};
use crate::model::{ItemId, Library};

/// The facts of one follow-up that queries can test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowupFacts<'a> {
    pub status: Status,
    pub owner: Option<&'a str>,
    /// `YYYY-MM-DD`.
    pub due: Option<Date>,
    pub note: Option<&'a str>,
    /// The recorded changes (who, when), for `changed>DATE` and `by:NAME`.
    pub changes: &'a [HistoryEntry],
}

/// Access to follow-ups by item. Implemented by the follow-up store (or an adapter).
pub trait FollowupLookup {
    /// The follow-up of `item`, if it has one.
    fn get(&self, item: ItemId) -> Option<FollowupFacts<'_>>;
    /// Every item that has a follow-up, in any order. Lets the filter test fields and search
    /// notes without probing every item of a large library.
    fn items(&self) -> Vec<ItemId>;
}

/// A lookup with no follow-ups at all: `is:marked` matches nothing, notes are empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoFollowups;

impl FollowupLookup for NoFollowups {
    fn get(&self, _item: ItemId) -> Option<FollowupFacts<'_>> {
        None
    }
    fn items(&self) -> Vec<ItemId> {
        Vec::new()
    }
}

/// Follow-ups held in memory, e.g. for tests and for `reso search` before a store exists.
#[derive(Debug, Clone, Default)]
pub struct FollowupTable {
    pub rows: std::collections::BTreeMap<ItemId, OwnedFacts>,
}

/// Owned counterpart of [`FollowupFacts`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnedFacts {
    pub status: Status,
    pub owner: Option<String>,
    pub due: Option<Date>,
    pub note: Option<String>,
    pub changes: Vec<HistoryEntry>,
}

impl FollowupLookup for FollowupTable {
    fn get(&self, item: ItemId) -> Option<FollowupFacts<'_>> {
        self.rows.get(&item).map(|f| FollowupFacts {
            status: f.status,
            owner: f.owner.as_deref(),
            due: f.due,
            note: f.note.as_deref(),
            changes: &f.changes,
        })
    }
    fn items(&self) -> Vec<ItemId> {
        self.rows.keys().copied().collect()
    }
}

/// Overdue: due before `today` and still to be done (not `done`, not `dropped`). The one
/// rule for the `overdue` query field, the browser's marks and the agenda.
pub fn is_overdue(status: Status, due: Option<Date>, today: Date) -> bool {
    status.is_open() && due.is_some_and(|due| due < today)
}

/// Whether `name` starts with `prefix`, or has a word that does, case and accents ignored
/// (`prefix` already folded to lower case): how `owner:` and `by:` match a name.
pub fn name_matches(name: &str, prefix: &str) -> bool {
    let name = fold::fold(name, Mode::FoldLower);
    name.starts_with(prefix)
        || name
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word.starts_with(prefix))
}

/// Whether the commitment `id` satisfies a field about the commitment itself
/// (`action:`, `addressee:`); `None` for a follow-up field. Recitals match neither.
pub fn item_field_matches(term: &FieldTerm, library: &Library, id: ItemId) -> Option<bool> {
    let hit = match &term.field {
        Field::Action(word) => library
            .action_of(id)
            .is_some_and(|action| name_matches(action, word)),
        Field::Addressee(word) => library
            .addressees_of(id)
            .iter()
            .any(|addressee| name_matches(addressee, word)),
        _ => return None,
    };
    Some(hit != term.negate)
}

/// Whether the follow-up `facts` (or its absence) satisfies one field of the query.
pub fn field_matches(term: &FieldTerm, facts: Option<&FollowupFacts<'_>>, today: Date) -> bool {
    let hit = match facts {
        None => false,
        Some(_) if term.field.is_item_field() => false,
        Some(f) => match &term.field {
            Field::Marked => true,
            Field::Status(s) => f.status == *s,
            // Any word of the owner: `owner:kalnina` finds "Anna Kalniņa".
            Field::Owner(prefix) => f.owner.is_some_and(|o| name_matches(o, prefix)),
            Field::HasNote => f.note.is_some_and(|n| !n.trim().is_empty()),
            Field::HasOwner => f.owner.is_some_and(|o| !o.trim().is_empty()),
            Field::HasDue => f.due.is_some(),
            Field::Due(op, date) => f.due.is_some_and(|due| match op {
                DueOp::Before => due < *date,
                DueOp::BeforeOrOn => due <= *date,
                DueOp::On => due == *date,
                DueOp::AfterOrOn => due >= *date,
                DueOp::After => due > *date,
            }),
            Field::Overdue => is_overdue(f.status, f.due, today),
            Field::Changed(op, date) => {
                let date = date.resolve(today);
                // Changes are dated by their UTC day, as the file records them.
                let mut days = f.changes.iter().map(|c| c.at.as_datetime().date());
                match op {
                    DueOp::After => days.any(|d| d > date),
                    DueOp::AfterOrOn => days.any(|d| d >= date),
                    DueOp::On => days.any(|d| d == date),
                    // Unchanged since: the last change is before the date.
                    DueOp::Before => days.max().is_some_and(|d| d < date),
                    DueOp::BeforeOrOn => days.max().is_some_and(|d| d <= date),
                }
            }
            Field::By(prefix) => f.changes.iter().any(|c| name_matches(&c.by, prefix)),
            Field::Action(_) | Field::Addressee(_) => false,
        },
    };
    hit != term.negate
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::query::Query;
    use crate::filter::query::parse_date;

    fn facts<'a>(status: &'a str, due: Option<&'a str>) -> FollowupFacts<'a> {
        FollowupFacts {
            status: Status::parse(status).unwrap(),
            owner: Some("Defence-Désk"),
            due: due.and_then(parse_date),
            note: Some("ask"),
            changes: &[],
        }
    }

    fn check(query: &str, f: Option<&FollowupFacts<'_>>) -> bool {
        let today = parse_date("2025-01-10").unwrap();
        let q = Query::parse(query).unwrap();
        q.fields.iter().all(|t| field_matches(t, f, today))
    }

    #[test]
    fn fields_test_the_facts() {
        let open_past = facts("open", Some("2025-01-05"));
        let done_past = facts("done", Some("2025-01-05"));
        assert!(check(
            "is:marked is:open overdue has:note",
            Some(&open_past)
        ));
        assert!(!check("overdue", Some(&done_past)));
        assert!(check("owner:defence-desk owner:DEF", Some(&open_past)));
        assert!(
            check("owner:desk", Some(&open_past)),
            "any word of the owner"
        );
        assert!(!check("owner:esk", Some(&open_past)), "word starts only");
        assert!(check(
            "due<2025-01-06 due<=2025-01-05 due:2025-01-05",
            Some(&open_past)
        ));
        assert!(!check("due>2025-01-05", Some(&open_past)));
        assert!(check("!is:done", Some(&open_past)));
        assert!(!check("is:marked", None));
        assert!(check("!is:marked", None));
    }

    #[test]
    fn change_fields_test_the_history() {
        let at = |t: &str, by: &str| HistoryEntry {
            at: crate::followups::Timestamp::parse(t).unwrap(),
            by: by.into(),
            field: crate::followups::Field::Note,
            from: None,
            to: Some("x".into()),
        };
        let changes = [
            at("2024-12-20T09:00:00Z", "anna.kalnina"),
            at("2025-01-03T23:30:00Z", "peteris"),
        ];
        let f = FollowupFacts {
            changes: &changes,
            ..facts("open", None)
        };
        // Today is 2025-01-10 in `check`.
        assert!(check(
            "changed>2025-01-02 changed>=2025-01-03 changed:2025-01-03",
            Some(&f)
        ));
        assert!(check(
            "changed>-8d changed:-7d changed:2024-12-20",
            Some(&f)
        ));
        assert!(!check("changed>2025-01-03", Some(&f)));
        assert!(!check("changed>-7d", Some(&f)));
        assert!(check("changed<2025-01-04 changed<=2025-01-03", Some(&f)));
        assert!(
            !check("changed<2025-01-03", Some(&f)),
            "the last change is what counts"
        );
        assert!(check("by:kalnina by:PET !by:karl", Some(&f)));
        assert!(!check("by:eteris", Some(&f)));
        let unchanged = facts("open", None);
        assert!(!check("changed<2030-01-01", Some(&unchanged)));
        assert!(!check("changed>2000-01-01", Some(&unchanged)));
        assert!(!check("by:anna", None));
    }

    #[test]
    fn due_today_is_not_overdue() {
        assert!(!check("overdue", Some(&facts("open", Some("2025-01-10")))));
        assert!(!check("overdue", Some(&facts("waiting", None))));
    }
}
