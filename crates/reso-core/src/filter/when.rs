//! Dates that look back, as `changed>DATE` and `--since DATE` take them: a calendar date
//! `YYYY-MM-DD`, or `-14d` / `-2w` before today. Parsed without a clock (the query is parsed
//! once, `today` may change while it stands), resolved against the `today` given.

use time::{Date, Duration};

use crate::date::parse_iso as parse_date;

/// A date as typed after `changed>` or `--since`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSpec {
    /// `2026-11-15`
    On(Date),
    /// `-14d` (14) or `-2w` (14): that many days before today.
    DaysAgo(u32),
}

impl DateSpec {
    /// `YYYY-MM-DD`, `-Nd` or `-Nw`; `None` for anything else.
    pub fn parse(text: &str) -> Option<DateSpec> {
        match text.strip_prefix('-') {
            Some(rest) => crate::date::parse_days(rest).map(DateSpec::DaysAgo),
            None => parse_date(text).map(DateSpec::On),
        }
    }

    /// The calendar date meant, counted from `today`.
    pub fn resolve(self, today: Date) -> Date {
        match self {
            DateSpec::On(date) => date,
            DateSpec::DaysAgo(days) => today
                .checked_sub(Duration::days(i64::from(days)))
                .unwrap_or(Date::MIN),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn absolute_and_relative_dates() {
        let today = date!(2026 - 12 - 01);
        let on = |t: &str| DateSpec::parse(t).map(|d| d.resolve(today));
        assert_eq!(on("2026-11-15"), Some(date!(2026 - 11 - 15)));
        assert_eq!(on("-14d"), Some(date!(2026 - 11 - 17)));
        assert_eq!(on("-2w"), Some(date!(2026 - 11 - 17)));
        assert_eq!(on("-0d"), Some(today));
        for bad in [
            "",
            "-",
            "-d",
            "-3",
            "-3x",
            "+3d",
            "--3d",
            "-99999w",
            "2026-11-31",
        ] {
            assert_eq!(DateSpec::parse(bad), None, "{bad:?}");
        }
    }
}
