//! Changes as values: what the browser asks the store to do, what it gets back for its undo
//! stack, and the checks a value must pass. Knows nothing of files or keys.

use time::Date;

use super::record::{Field, Status, is_reference, is_sha256};
use crate::date;

/// One field going from one value to another. `None` is "unset" (`null` in the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub field: Field,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A change to one record, made of one or more edits applied together. The store returns the
/// change it actually made (with `from` filled in); `inverse()` of it undoes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub reference: String,
    pub edits: Vec<Edit>,
}

impl Change {
    /// A change that sets `field` of `reference` to `to`; `from` is filled in when applied.
    pub fn set(reference: &str, field: Field, to: Option<String>) -> Change {
        Change {
            reference: reference.to_string(),
            edits: vec![Edit {
                field,
                from: None,
                to,
            }],
        }
    }

    /// The change that undoes this one. Applying it sets each field back to its `from`, even
    /// if another session changed the field in between (the store fills in the real `from`).
    pub fn inverse(&self) -> Change {
        Change {
            reference: self.reference.clone(),
            edits: self
                .edits
                .iter()
                .rev()
                .map(|e| Edit {
                    field: e.field,
                    from: e.to.clone(),
                    to: e.from.clone(),
                })
                .collect(),
        }
    }
}

/// Why the store refused a change. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    #[error("the follow-ups file is read-only: {0}")]
    ReadOnly(String),
    #[error("{0:?} is not a commitment reference, expected e.g. \"ba-43-2024:1.4\"")]
    BadReference(String),
    #[error("{0} is not marked, mark it first")]
    NotMarked(String),
    #[error("unknown status {0:?}, expected open, in-progress, waiting, done or dropped")]
    BadStatus(String),
    #[error("invalid date {0:?}, expected YYYY-MM-DD, +3d or +2w")]
    BadDate(String),
    #[error("invalid text hash {0:?}, expected 64 lower-case hex digits")]
    BadHash(String),
}

/// Checks the values of `change` and normalises them: blank notes and owners become unset,
/// owners are trimmed (a note keeps its spacing, it may hold several lines).
pub fn validate(change: &Change) -> Result<Change, ChangeError> {
    if !is_reference(&change.reference) {
        return Err(ChangeError::BadReference(change.reference.clone()));
    }
    let mut out = change.clone();
    for edit in &mut out.edits {
        let to = edit.to.take();
        edit.to = match (edit.field, to) {
            (_, None) => None,
            (Field::Status, Some(s)) => match Status::parse(&s) {
                Some(_) => Some(s),
                None => return Err(ChangeError::BadStatus(s)),
            },
            (Field::Note, Some(n)) => (!n.trim().is_empty()).then_some(n),
            (Field::Owner, Some(o)) => {
                let o = o.trim();
                (!o.is_empty()).then(|| o.to_string())
            }
            (Field::Due, Some(d)) if date::parse_iso(&d).is_some() => Some(d),
            (Field::Due, Some(d)) => return Err(ChangeError::BadDate(d)),
            (Field::TextSha256, Some(h)) if is_sha256(&h) => Some(h),
            (Field::TextSha256, Some(h)) => return Err(ChangeError::BadHash(h)),
        };
    }
    Ok(out)
}

/// Reads a due date as typed by the user (`YYYY-MM-DD`, `+3d`, `+2w`: see
/// [`date::parse_user`]) into the value a [`Change`] carries. An empty input clears the date
/// (`Ok(None)`).
pub fn parse_due(input: &str, today: Date) -> Result<Option<String>, ChangeError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    date::parse_user(input, today)
        .map(|due| Some(date::iso(due)))
        .ok_or_else(|| ChangeError::BadDate(input.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn due_dates_absolute_and_relative() {
        let today = date!(2026 - 11 - 28);
        assert_eq!(
            parse_due("2025-01-15", today),
            Ok(Some("2025-01-15".into()))
        );
        assert_eq!(parse_due("+3d", today), Ok(Some("2026-12-01".into())));
        assert_eq!(parse_due("+2w", today), Ok(Some("2026-12-12".into())));
        assert_eq!(parse_due("  ", today), Ok(None));
        for bad in [
            "2025-02-30",
            "tomorrow",
            "+d",
            "+3x",
            "+-1w",
            "+99999999999w",
        ] {
            assert!(parse_due(bad, today).is_err(), "{bad}");
        }
    }

    #[test]
    fn validation_normalises_blank_values() {
        let c = Change::set("a:1", Field::Owner, Some("  desk ".into()));
        assert_eq!(validate(&c).unwrap().edits[0].to.as_deref(), Some("desk"));
        let c = Change::set("a:1", Field::Note, Some(" \n".into()));
        assert_eq!(validate(&c).unwrap().edits[0].to, None);
        let c = Change::set("a:1", Field::Status, Some("closed".into()));
        assert!(matches!(validate(&c), Err(ChangeError::BadStatus(_))));
        let c = Change::set("nope", Field::Note, None);
        assert!(matches!(validate(&c), Err(ChangeError::BadReference(_))));
    }

    #[test]
    fn inverse_swaps_and_reverses() {
        let c = Change {
            reference: "a:1".into(),
            edits: vec![
                Edit {
                    field: Field::Status,
                    from: None,
                    to: Some("open".into()),
                },
                Edit {
                    field: Field::Note,
                    from: Some("x".into()),
                    to: None,
                },
            ],
        };
        let inv = c.inverse();
        assert_eq!(inv.edits[0].field, Field::Note);
        assert_eq!(inv.edits[0].to.as_deref(), Some("x"));
        assert_eq!(inv.edits[1].to, None);
        assert_eq!(inv.inverse(), c);
    }
}
