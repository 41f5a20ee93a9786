//! Calendar dates as reso reads and writes them: the one parser for `YYYY-MM-DD` and for the
//! relative forms a user types (`+3d`, `+2w`), the one printer, and their serde form. Every
//! date in reso is a `time::Date` between these; nothing else parses or formats one.

use time::{Date, Duration};

/// A calendar date written `YYYY-MM-DD` (exactly ten characters: `2025-1-5` is refused, so
/// that what is read is what is written back).
pub fn parse_iso(text: &str) -> Option<Date> {
    if text.len() != 10 {
        return None;
    }
    Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// How far a relative date may reach: a typo like `+9999w` is refused, not saved.
const MAX_DAYS: u32 = 100 * 366;

/// The count of a relative date without its sign: `3d` is 3 days, `2w` 14; `None` for
/// anything else or beyond a century. The one reader of `+3d` (due dates) and `-14d`
/// (`changed>-14d`, `--since -14d`).
pub fn parse_days(text: &str) -> Option<u32> {
    let (number, unit) = text.split_at(text.len().saturating_sub(1));
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = number.parse().ok()?;
    let days = match unit {
        "d" => n,
        "w" => n.checked_mul(7)?,
        _ => return None,
    };
    (days <= MAX_DAYS).then_some(days)
}

/// A date as a user types it: `YYYY-MM-DD`, or `+Nd` / `+Nw` days or weeks after `today`.
pub fn parse_user(text: &str, today: Date) -> Option<Date> {
    match text.strip_prefix('+') {
        Some(rest) => today.checked_add(Duration::days(i64::from(parse_days(rest)?))),
        None => parse_iso(text),
    }
}

/// `YYYY-MM-DD`, the form every file and every screen shows.
pub fn iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Serde for an optional date written `"YYYY-MM-DD"` or `null`
/// (`#[serde(with = "crate::date::optional")]`).
pub mod optional {
    use serde::{Deserialize, Deserializer, Serializer, de};
    use time::Date;

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.serialize_str(&super::iso(*date)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => super::parse_iso(&text).map(Some).ok_or_else(|| {
                de::Error::custom(format!(
                    "due date {text:?} is not a calendar date, expected YYYY-MM-DD"
                ))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn absolute_dates_are_exactly_ten_characters() {
        assert_eq!(parse_iso("2025-01-15"), Some(date!(2025 - 01 - 15)));
        for bad in ["2025-02-30", "2025-1-5", "2025-01-15 ", "", "15.01.2025"] {
            assert_eq!(parse_iso(bad), None, "{bad:?}");
        }
        assert_eq!(iso(date!(2025 - 01 - 05)), "2025-01-05");
        assert_eq!(iso(date!(0987 - 12 - 31)), "0987-12-31");
    }

    #[test]
    fn relative_dates_count_from_today() {
        let today = date!(2026 - 11 - 28);
        assert_eq!(parse_user("+3d", today), Some(date!(2026 - 12 - 01)));
        assert_eq!(parse_user("+2w", today), Some(date!(2026 - 12 - 12)));
        assert_eq!(parse_user("+0d", today), Some(today));
        assert_eq!(parse_user("2025-01-15", today), Some(date!(2025 - 01 - 15)));
        for bad in [
            "+d",
            "+3x",
            "+-1w",
            "+3",
            "+99999999999w",
            "+36601d",
            "tomorrow",
        ] {
            assert_eq!(parse_user(bad, today), None, "{bad:?}");
        }
    }
}
