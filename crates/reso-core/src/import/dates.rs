//! Dates in running text: `18 October 2024`, `October 18, 2024`, `2024-10-18`, and the
//! session ranges `17–18 October 2024`, `30 November – 1 December 2023`. English months only.

use time::{Date, Month};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Num(u32),
    Month(Month),
    Dash,
    Word(String),
}

/// Splits text into numbers, months, dashes (`-`, `–`, `—`, and the word `to`) and other
/// words; commas, full stops and other punctuation only separate.
fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut end = start + 1;
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = i + 1;
                chars.next();
            }
            // Ten digits would overflow; such numbers are never part of a date anyway.
            out.push(Tok::Num(text[start..end].parse().unwrap_or(u32::MAX)));
        } else if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            let word = text[start..end].to_lowercase();
            let ordinal_suffix = matches!(word.as_str(), "st" | "nd" | "rd" | "th")
                && matches!(out.last(), Some(Tok::Num(_)))
                && text[..start].ends_with(|c: char| c.is_ascii_digit());
            if ordinal_suffix {
                continue;
            }
            out.push(match (month(&word), word.as_str()) {
                (Some(m), _) => Tok::Month(m),
                (None, "to" | "until") => Tok::Dash,
                _ => Tok::Word(word),
            });
        } else if matches!(c, '-' | '–' | '—' | '‒') {
            out.push(Tok::Dash);
        }
    }
    out
}

fn month(word: &str) -> Option<Month> {
    const NAMES: [(&str, Month); 12] = [
        ("january", Month::January),
        ("february", Month::February),
        ("march", Month::March),
        ("april", Month::April),
        ("may", Month::May),
        ("june", Month::June),
        ("july", Month::July),
        ("august", Month::August),
        ("september", Month::September),
        ("october", Month::October),
        ("november", Month::November),
        ("december", Month::December),
    ];
    // Full names and abbreviations of three letters or more (`Oct`, `Sept`).
    NAMES
        .iter()
        .find(|(name, _)| word.len() >= 3 && name.starts_with(word))
        .map(|(_, m)| *m)
}

fn date(year: u32, month: Month, day: u32) -> Option<Date> {
    let day = u8::try_from(day).ok()?;
    Date::from_calendar_date(i32::try_from(year).ok()?, month, day).ok()
}

/// Tries each date pattern at the start of `t`; returns the range and how many tokens it used.
fn range_at(t: &[Tok]) -> Option<((Date, Date), usize)> {
    use Tok::{Dash, Month as M, Num as N};
    match t {
        // 17–18 October 2024
        [N(d1), Dash, N(d2), M(m), N(y), ..] => Some(((date(*y, *m, *d1)?, date(*y, *m, *d2)?), 5)),
        // 30 November 2023 – 1 December 2023
        [N(d1), M(m1), N(y1), Dash, N(d2), M(m2), N(y2), ..] => {
            Some(((date(*y1, *m1, *d1)?, date(*y2, *m2, *d2)?), 7))
        }
        // 30 November – 1 December 2023 (the start is in the year before if the months wrap)
        [N(d1), M(m1), Dash, N(d2), M(m2), N(y), ..] => {
            let y1 = if (*m1 as u8) > (*m2 as u8) { y - 1 } else { *y };
            Some(((date(y1, *m1, *d1)?, date(*y, *m2, *d2)?), 6))
        }
        // October 17–18, 2024
        [M(m), N(d1), Dash, N(d2), N(y), ..] => Some(((date(*y, *m, *d1)?, date(*y, *m, *d2)?), 5)),
        // 18 October 2024
        [N(d), M(m), N(y), ..] => date(*y, *m, *d).map(|x| ((x, x), 3)),
        // October 18, 2024
        [M(m), N(d), N(y), ..] => date(*y, *m, *d).map(|x| ((x, x), 3)),
        // 2024-10-18
        [N(y), Dash, N(m), Dash, N(d), ..] if *y >= 1000 => {
            let m = Month::try_from(u8::try_from(*m).ok()?).ok()?;
            date(*y, m, *d).map(|x| ((x, x), 5))
        }
        _ => None,
    }
}

/// The first date or date range mentioned in `text` (a single date gives `(d, d)`).
pub fn find_range(text: &str) -> Option<(Date, Date)> {
    let t = tokens(text);
    (0..t.len()).find_map(|i| range_at(&t[i..]).map(|(r, _)| r))
}

/// `text` read as exactly one date and nothing else.
pub fn parse_exact(text: &str) -> Option<Date> {
    if let Some(date) = dotted(text.trim()) {
        return Some(date);
    }
    let t = tokens(text);
    match range_at(&t) {
        Some(((a, b), used)) if a == b && used == t.len() => Some(a),
        _ => None,
    }
}

/// `21.11.2031` (`DD.MM.YYYY`), as closings in much of Europe write the date.
fn dotted(text: &str) -> Option<Date> {
    let mut parts = text.trim_end_matches('.').split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || !digits(d, 1..=2) || !digits(m, 1..=2) || !digits(y, 4..=4) {
        return None;
    }
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    date(y.parse().ok()?, month, d.parse().ok()?)
}

/// The session number in `17th`/`43rd Session` form, if `text` names one.
pub fn session_number(text: &str) -> Option<u32> {
    let t = tokens(text);
    t.windows(2).find_map(|w| match w {
        [Tok::Num(n), Tok::Word(w)] if w == "session" => Some(*n),
        _ => None,
    })
}

/// `YYYY-MM-DD`, as every date reso writes.
pub use crate::date::iso;

#[cfg(test)]
mod tests {
    use super::*;

    fn r(text: &str) -> Option<(String, String)> {
        find_range(text).map(|(a, b)| (iso(a), iso(b)))
    }

    fn pair(a: &str, b: &str) -> Option<(String, String)> {
        Some((a.to_string(), b.to_string()))
    }

    #[test]
    fn ranges_and_single_dates_in_running_text() {
        assert_eq!(
            r("having convened for its 43rd Session on 17–18 October 2024 in Vilnius,"),
            pair("2024-10-17", "2024-10-18")
        );
        assert_eq!(
            r("on 30 November – 1 December 2023 in Tallinn"),
            pair("2023-11-30", "2023-12-01")
        );
        assert_eq!(
            r("from 30 December to 2 January 2024"),
            pair("2023-12-30", "2024-01-02")
        );
        assert_eq!(
            r("on October 17-18, 2024"),
            pair("2024-10-17", "2024-10-18")
        );
        assert_eq!(r("on 5 Sept 2019,"), pair("2019-09-05", "2019-09-05"));
        assert_eq!(r("the 0.25% of GDP in may"), None);
        assert_eq!(r("on 31 February 2024"), None);
    }

    #[test]
    fn exact_dates_and_session_numbers() {
        assert_eq!(
            parse_exact("18 October 2024").map(iso).as_deref(),
            Some("2024-10-18")
        );
        assert_eq!(
            parse_exact("October 18, 2024").map(iso).as_deref(),
            Some("2024-10-18")
        );
        assert_eq!(
            parse_exact("2024-10-18").map(iso).as_deref(),
            Some("2024-10-18")
        );
        assert_eq!(parse_exact("18 October 2024 at noon"), None);
        assert_eq!(
            session_number("of the 43rd Session of the Baltic Assembly"),
            Some(43)
        );
        assert_eq!(session_number("of the 43RD SESSION"), Some(43));
        assert_eq!(session_number("of the Baltic Assembly"), None);
    }
}
