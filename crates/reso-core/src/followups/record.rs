//! The follow-up record types and their JSON shape (format `reso-followups`, version 1): what
//! each field may hold and how serde reads and writes it (field order is the struct's).
//! Reading files, merging and saving live elsewhere.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

/// The `format` tag every follow-ups file carries.
pub const FORMAT: &str = "reso-followups";
/// The only format version this build reads and writes.
pub const VERSION: u32 = 1;

/// Where a follow-up stands. `s` cycles forwards through the list, `S` backwards.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Open,
    InProgress,
    Waiting,
    Done,
    Dropped,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Open,
        Status::InProgress,
        Status::Waiting,
        Status::Done,
        Status::Dropped,
    ];

    /// `open` → `in-progress` → `waiting` → `done` → `dropped` → `open`.
    pub fn next(self) -> Status {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// The reverse of [`Status::next`].
    pub fn prev(self) -> Status {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(i + Self::ALL.len() - 1) % Self::ALL.len()]
    }

    /// The name used in the file and in queries, e.g. `in-progress`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in-progress",
            Status::Waiting => "waiting",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }

    pub fn parse(name: &str) -> Option<Status> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Still to be done: not `done`, not `dropped`.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Done | Status::Dropped)
    }

    /// `open, in-progress, waiting, done, dropped`: the names, for error messages and help.
    pub fn names() -> String {
        Self::ALL.map(Status::as_str).join(", ")
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A field of a record that changes are made to, as named in history entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Status,
    Note,
    Owner,
    Due,
    TextSha256,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Status,
        Field::Note,
        Field::Owner,
        Field::Due,
        Field::TextSha256,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Status => "status",
            Field::Note => "note",
            Field::Owner => "owner",
            Field::Due => "due",
            Field::TextSha256 => "text_sha256",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A point in time, always written in UTC as RFC 3339 (`2026-11-28T10:00:00Z`); any RFC 3339
/// offset is accepted when read. Ordered by instant, which is what "the later change" means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// Now, to the second: the file's times read like the example and diff cleanly.
    pub fn now() -> Timestamp {
        let now = OffsetDateTime::now_utc();
        Timestamp(now.replace_nanosecond(0).unwrap_or(now))
    }

    pub fn from_unix(seconds: i64) -> Option<Timestamp> {
        OffsetDateTime::from_unix_timestamp(seconds)
            .ok()
            .map(Timestamp)
    }

    pub fn parse(text: &str) -> Option<Timestamp> {
        OffsetDateTime::parse(text, &Rfc3339)
            .ok()
            .map(|t| Timestamp(t.to_offset(time::UtcOffset::UTC)))
    }

    pub fn as_datetime(&self) -> OffsetDateTime {
        self.0
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let utc = self.0.to_offset(time::UtcOffset::UTC);
        match utc.format(&Rfc3339) {
            Ok(text) => f.write_str(&text),
            Err(_) => write!(f, "{}", utc.unix_timestamp()),
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).ok_or_else(|| {
            de::Error::custom(format!(
                "time {text:?} is not RFC 3339, expected e.g. \"2026-11-28T10:00:00Z\""
            ))
        })
    }
}

/// One change to one field, as kept in a record's history. `None` is JSON `null`: the field
/// was unset (for `status`, `null` means "not marked").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    pub at: Timestamp,
    pub by: String,
    pub field: Field,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The follow-up of one commitment. A removed follow-up stays in the file as a record whose
/// `status` is `null` (a tombstone), so that its history is kept and a merge with a session
/// that has not seen the removal yet cannot resurrect it by accident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Followup {
    /// `null` when the follow-up was removed; required in the file so that a typo cannot
    /// silently turn a record into a tombstone.
    #[serde(deserialize_with = "required_status")]
    pub status: Option<Status>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    /// Written `YYYY-MM-DD`.
    #[serde(default, with = "crate::date::optional")]
    pub due: Option<Date>,
    /// Hex SHA-256 of the commitment text when it was marked (or last confirmed).
    #[serde(default, deserialize_with = "optional_sha256")]
    pub text_sha256: Option<String>,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

impl Followup {
    /// Whether the commitment's text changed since it was marked: the record keeps the hash
    /// of the text it was marked on (`text_sha256`), and `current_hash` gives the hash
    /// ([`super::text_sha256`]) of the text now. It is called only when there is a recorded
    /// hash, so a caller may compute it once a session. The one rule the tree, the board,
    /// the agendas and the store's report all follow.
    pub fn text_changed_by_hash<H: AsRef<str>>(&self, current_hash: impl FnOnce() -> H) -> bool {
        self.text_sha256
            .as_deref()
            .is_some_and(|recorded| recorded != current_hash().as_ref())
    }

    /// [`Followup::text_changed_by_hash`] of the commitment's text now.
    pub fn text_changed(&self, current_text: &str) -> bool {
        self.text_changed_by_hash(|| super::text_sha256(current_text))
    }

    /// An empty, unmarked record created at `at`.
    pub fn new(at: Timestamp) -> Followup {
        Followup {
            status: None,
            note: None,
            owner: None,
            due: None,
            text_sha256: None,
            created: at,
            updated: at,
            history: Vec::new(),
        }
    }

    /// Marked, i.e. not a tombstone.
    pub fn is_active(&self) -> bool {
        self.status.is_some()
    }

    /// The current value of `field`, as history entries spell it.
    pub fn value(&self, field: Field) -> Option<String> {
        match field {
            Field::Status => self.status.map(|s| s.as_str().to_string()),
            Field::Note => self.note.clone(),
            Field::Owner => self.owner.clone(),
            Field::Due => self.due.map(crate::date::iso),
            Field::TextSha256 => self.text_sha256.clone(),
        }
    }

    /// Sets `field` from a history-entry value. Values are validated before they get here;
    /// an unknown status name clears the status rather than panicking.
    pub fn set_value(&mut self, field: Field, value: Option<String>) {
        match field {
            Field::Status => self.status = value.as_deref().and_then(Status::parse),
            Field::Note => self.note = value,
            Field::Owner => self.owner = value,
            Field::Due => self.due = value.as_deref().and_then(crate::date::parse_iso),
            Field::TextSha256 => self.text_sha256 = value,
        }
    }

    /// When `field` was last changed according to the history (the latest entry wins).
    pub fn last_change(&self, field: Field) -> Option<Timestamp> {
        self.history
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.at)
            .max()
    }
}

/// The whole file. Records are keyed by commitment reference (`ba-43-2024:1.4`) in a
/// `BTreeMap`, so that keys are written sorted and the file diffs cleanly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowupsFile {
    pub format: String,
    pub version: u32,
    #[serde(deserialize_with = "unique_records")]
    pub followups: BTreeMap<String, Followup>,
}

impl Default for FollowupsFile {
    fn default() -> Self {
        FollowupsFile {
            format: FORMAT.to_string(),
            version: VERSION,
            followups: BTreeMap::new(),
        }
    }
}

impl FollowupsFile {
    /// Pretty-printed JSON with a trailing newline: the exact bytes reso writes. Keys come
    /// in the order of the struct fields, records sorted by reference (a `BTreeMap`).
    pub fn to_json(&self) -> String {
        // Cannot fail: every key is a string and every value serialises infallibly.
        let mut text = serde_json::to_string_pretty(self).expect("follow-ups serialise");
        text.push('\n');
        text
    }

    /// The marked (non-removed) follow-ups, sorted by reference.
    pub fn active(&self) -> impl Iterator<Item = (&str, &Followup)> {
        self.followups
            .iter()
            .filter(|(_, f)| f.is_active())
            .map(|(r, f)| (r.as_str(), f))
    }
}

/// Whether `reference` looks like `RESOLUTION:LOCAL` (e.g. `ba-43-2024:1.4`).
pub fn is_reference(reference: &str) -> bool {
    match reference.split_once(':') {
        Some((res, local)) => {
            !res.is_empty()
                && !local.is_empty()
                && !reference
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// Whether `hash` is 64 lower-case hex digits.
pub fn is_sha256(hash: &str) -> bool {
    hash.len() == 64
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn required_status<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Status>, D::Error> {
    Option::<Status>::deserialize(d)
}

fn optional_sha256<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let hash = Option::<String>::deserialize(d)?;
    match hash {
        Some(text) if !is_sha256(&text) => Err(de::Error::custom(format!(
            "text_sha256 {text:?} is not a SHA-256, expected 64 lower-case hex digits"
        ))),
        other => Ok(other),
    }
}

/// Reads the `followups` object refusing duplicate keys and malformed references: serde_json
/// would keep the last of two duplicates, and the next save would silently drop the other.
fn unique_records<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Followup>, D::Error> {
    struct Records;
    impl<'de> Visitor<'de> for Records {
        type Value = BTreeMap<String, Followup>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object of follow-ups keyed by reference")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut records = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if !is_reference(&key) {
                    return Err(de::Error::custom(format!(
                        "follow-up key {key:?} is not a reference, expected e.g. \"ba-43-2024:1.4\""
                    )));
                }
                if records.contains_key(&key) {
                    return Err(de::Error::custom(format!(
                        "duplicate follow-up {key:?}, expected each reference once"
                    )));
                }
                let record: Followup = map.next_value()?;
                records.insert(key, record);
            }
            Ok(records)
        }
    }
    d.deserialize_map(Records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_cycles_both_ways() {
        let mut s = Status::Open;
        let mut seen = vec![s];
        for _ in 0..5 {
            s = s.next();
            seen.push(s);
        }
        let names: Vec<&str> = seen.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            names,
            ["open", "in-progress", "waiting", "done", "dropped", "open"]
        );
        for s in Status::ALL {
            assert_eq!(s.next().prev(), s);
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
    }

    #[test]
    fn timestamps_are_written_in_utc() {
        let t = Timestamp::parse("2026-11-28T12:00:00+02:00").unwrap();
        assert_eq!(t.to_string(), "2026-11-28T10:00:00Z");
        assert!(Timestamp::parse("2026-11-28 10:00").is_none());
    }

    #[test]
    fn references_dates_and_hashes() {
        assert!(is_reference("ba-43-2024:1.4"));
        assert!(!is_reference("ba-43-2024"));
        assert!(!is_reference(":1.4"));
        assert!(!is_reference("a: b"));
        assert!(is_sha256(&"a".repeat(64)));
        assert!(!is_sha256(&"A".repeat(64)));
    }
}
