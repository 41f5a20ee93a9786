//! What the resolution says about itself: title, body, session, adoption date and place, and
//! the id; from the title block, the first recital and the closing lines, else from the
//! command's options, else guessed with a warning that says so.

use super::areas::Closing;
use super::text::Line;
use super::{NotAResolution, Options, Warning, WarningKind, dates, masthead, refuse, words};
use crate::model::{Adopted, Recital, Session};

/// The resolution's metadata, and the lines read into it rather than into a text.
pub struct Meta {
    pub title: String,
    pub symbol: Option<String>,
    pub body: String,
    pub session: Session,
    pub adopted: Adopted,
    pub id: String,
    pub consumed: Vec<usize>,
}

/// Everything the reader found that metadata is made from.
pub struct Sources<'a, 'l> {
    pub title_lines: &'a [&'a Line<'l>],
    /// Lines above the title (`masthead`): read for the adoption date and the session, and
    /// reported removed.
    pub masthead: &'a [&'a Line<'l>],
    /// The document symbol (`A/RES/80/4`), which goes into the id.
    pub symbol: Option<&'a str>,
    pub formula: &'a Line<'l>,
    pub recitals: &'a [Recital],
    pub closing: Closing,
    pub last_line: usize,
}

fn note(line: usize, last_line: usize, message: String) -> Warning {
    Warning {
        line,
        last_line,
        kind: WarningKind::Note,
        message,
    }
}

pub fn read(
    sources: Sources,
    options: &Options,
    warnings: &mut Vec<Warning>,
) -> Result<Meta, NotAResolution> {
    let Sources {
        title_lines,
        masthead,
        symbol,
        formula,
        recitals,
        closing,
        last_line,
    } = sources;
    let first_line = masthead
        .first()
        .or(title_lines.first())
        .map_or(formula.no, |l| l.no);

    // The masthead's adoption statement may be wrapped (`Resolution adopted by the General
    // Assembly` / `on 29 October 2025`): read over the whole masthead.
    let masthead_text: Vec<&str> = masthead.iter().map(|l| l.text).collect();
    let masthead_text = masthead_text.join(" ");
    // A congressional resolution states no adoption: the one date its layout keeps in the
    // header is the day it was agreed to (`congress`), and no recital dates it.
    let congressional = super::congress::chamber_body(formula.text).is_some();
    let masthead_date = adoption_statement(&masthead_text).or_else(|| {
        masthead
            .iter()
            .filter(|_| congressional)
            .find_map(|l| dates::parse_exact(l.text))
            .map(dates::iso)
    });
    // One warning for each run of masthead lines, not one per line.
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    for line in masthead {
        match runs.last_mut() {
            Some((_, last, n)) if next_line(title_lines, *last, line.no) => {
                *last = line.no;
                *n += 1;
            }
            _ => runs.push((line.no, line.no, 1)),
        }
    }
    for (line, last_line, n) in runs {
        let what = match n {
            1 => "line".to_string(),
            n => format!("{n} lines"),
        };
        warnings.push(Warning {
            line,
            last_line,
            kind: WarningKind::Removed,
            message: format!(
                "removed the masthead ({what} above the title): read for the adoption date, the session and the document symbol only"
            ),
        });
    }

    // A title-block line that only states the adoption (`Resolution adopted by the General
    // Assembly on 12 December 2031`) gives the date; with other title lines it is not title.
    // The statement may wrap before its date (`… at its 4427th meeting, on` / `27 November
    // 2001`): the date line is then part of it.
    let wrapped_date = |i: usize| {
        let line = title_lines[i].text;
        let next = title_lines.get(i + 1)?;
        let lower = line.to_lowercase();
        let opens = lower.starts_with("adopted") || lower.starts_with("resolution adopted");
        let date = dates::parse_exact(next.text.trim_end_matches('.'))?;
        (opens && line.ends_with(" on")).then(|| dates::iso(date))
    };
    let mut statements: Vec<(usize, String)> = Vec::new();
    for (i, line) in title_lines.iter().enumerate() {
        if let Some(date) = wrapped_date(i) {
            statements.push((i, date.clone()));
            statements.push((i + 1, date));
        } else if let Some(date) = adoption_statement(line.text)
            && !statements.iter().any(|(at, _)| *at == i)
        {
            statements.push((i, date));
        }
    }
    let stated_date = statements.first().map(|(_, d)| d.clone()).or(masthead_date);
    let mut title_parts: Vec<&str> = Vec::new();
    for (i, line) in title_lines.iter().enumerate() {
        let wrapped = wrapped_date(i).is_some() || (i > 0 && wrapped_date(i - 1).is_some());
        let statement_only = title_lines.len() > 1
            && statements.iter().any(|(at, _)| *at == i)
            && (is_adoption_line(line.text) || wrapped);
        let replaced = options.title.is_some();
        if statement_only || replaced {
            let why = match replaced {
                true => "title block line replaced by --title".to_string(),
                false => format!(
                    "removed title block line {:?}: read as the adoption date",
                    line.text
                ),
            };
            warnings.push(Warning {
                line: line.no,
                last_line: line.no,
                kind: WarningKind::Removed,
                message: why,
            });
        } else {
            title_parts.push(line.text);
        }
    }
    let title_text = words::title(&title_parts);

    let first_recital = recitals.first().map_or("", |r| r.text.as_str());
    // Only a recital about the meeting itself dates the session (`having convened for its
    // 43rd Session on …`), not one recalling an older text.
    // A conference's formula may say it itself: `The participants, …, assembling in
    // Mariehamn, Åland, 26–28 August 2018,`.
    let meeting_recital = Some(first_recital)
        .filter(|r| !congressional && about_the_meeting(r))
        .or(Some(formula.text).filter(|f| about_the_meeting(f)));
    let session_title = Some(title_text.as_str()).filter(|t| t.to_lowercase().contains("session"));
    // A Congress's `2nd Session` is not a session of the chamber's own count: left out.
    let session_number = dates::session_number(&title_text)
        .or_else(|| dates::session_number(first_recital))
        .or_else(|| words::conference_number(&title_text))
        .or_else(|| {
            title_lines
                .iter()
                .chain(masthead)
                .find_map(|l| words::conference_number(l.text))
        })
        .filter(|_| !congressional);
    let session_dates = session_title
        .and_then(dates::find_range)
        .or_else(|| meeting_recital.and_then(dates::find_range));

    let recital_place = meeting_recital.and_then(words::place_in);
    let closing_place = closing.place.clone();
    let given_date = match options.date.as_deref() {
        Some(date) => match dates::parse_exact(date) {
            Some(parsed) => Some(dates::iso(parsed)),
            None => {
                return refuse(format!(
                    "the date {date:?} given is not a calendar date, expected YYYY-MM-DD"
                ));
            }
        },
        None => None,
    };
    let (date, place) = match (given_date, closing.date, stated_date) {
        (Some(date), _, _) => (Some(date), closing_place.or(recital_place)),
        (None, Some(date), _) => (Some(date), closing_place.or(recital_place)),
        (None, None, Some(date)) => (Some(date), recital_place),
        (None, None, None) => match session_dates {
            Some((_, end)) => {
                let date = dates::iso(end);
                let place_shown = recital_place.as_deref().unwrap_or("no place");
                warnings.push(note(
                    last_line,
                    last_line,
                    format!(
                        "no closing place and date line (like `Vilnius, 18 October 2024`); adopted taken from the first recital: {place_shown}, {date}"
                    ),
                ));
                (Some(date), recital_place)
            }
            // Left out rather than guessed: the file says the text does not state it.
            None => {
                warnings.push(note(
                    last_line,
                    last_line,
                    "no adoption date in the text (a closing line like `Vilnius, 18 October 2024`, a title like `resolution of 14 May 2031`); left out (give it with --date)".into(),
                ));
                (None, recital_place)
            }
        },
    };

    let body = match &options.body {
        Some(body) => body.clone(),
        None => words::body(formula.text, &title_text).unwrap_or_else(|| {
            warnings.push(note(
                formula.no,
                formula.no,
                "cannot tell the body from the opening formula or the title; body set to the formula (use --body)".into(),
            ));
            formula.text.trim_end_matches([',', ':']).trim().to_string()
        }),
    };
    let title = match &options.title {
        Some(title) => title.clone(),
        None if title_text.is_empty() => {
            let title = format!("Resolution of the {body}");
            warnings.push(note(
                first_line,
                first_line,
                format!(
                    "no title before the opening formula; title set to {title:?} (use --title)"
                ),
            ));
            title
        }
        None => title_text,
    };
    if session_number.is_none() {
        warnings.push(note(
            first_line,
            formula.no,
            "no session number in the title or the first recital (like `43rd Session`); left out"
                .into(),
        ));
    }
    let year = date.as_deref().map(|d| &d[..4]);
    let id = options.id.clone().unwrap_or_else(|| {
        // A body without capitalised words still needs a slug.
        let initials = Some(words::initials(&body)).filter(|i| !i.is_empty());
        let initials = initials.unwrap_or_else(|| "resolution".to_string());
        // The symbol tells apart the resolutions of one session (`ga-80-4-2025`).
        let part = symbol.map(masthead::id_part).filter(|p| !p.is_empty());
        let number = session_number.map(|n| n.to_string());
        let parts = [Some(initials), part.or(number), year.map(str::to_string)];
        parts.into_iter().flatten().collect::<Vec<_>>().join("-")
    });
    Ok(Meta {
        title,
        body,
        symbol: symbol.map(str::to_string),
        session: Session {
            number: session_number,
            start: session_dates.map(|(s, _)| dates::iso(s)),
            end: session_dates.map(|(_, e)| dates::iso(e)),
        },
        adopted: Adopted { date, place },
        id,
        consumed: closing.consumed,
    })
}

/// Whether no title line lies between lines `last` and `next`: a masthead run goes on.
fn next_line(title_lines: &[&Line], last: usize, next: usize) -> bool {
    !title_lines.iter().any(|l| l.no > last && l.no < next)
}

/// The adoption date a title-block line states: `adopted … on 1 March 2031`, `resolution
/// of 14 May 2031` (a range gives its last day).
fn adoption_statement(line: &str) -> Option<String> {
    // `Resolution 242 (1967)` / `of 22 November 1967`: the title's second line dates it.
    if let Some(date) = line.strip_prefix("of ").and_then(dates::parse_exact) {
        return Some(dates::iso(date));
    }
    let lower = line.to_lowercase();
    let at = lower
        .find("adopted")
        .or_else(|| lower.find("resolution of "))?;
    // Searched in the lower-cased copy throughout: lower-casing may move byte offsets.
    dates::find_range(&lower[at..]).map(|(_, end)| dates::iso(end))
}

/// A line that is nothing but the adoption statement: it starts with `Resolution adopted`
/// or `Adopted` and ends with the date.
fn is_adoption_line(line: &str) -> bool {
    let lower = line.to_lowercase();
    (lower.starts_with("resolution adopted") || lower.starts_with("adopted"))
        && line
            .rsplit_once(' ')
            .is_some_and(|(_, year)| year.trim_end_matches('.').parse::<u16>().is_ok())
}

fn about_the_meeting(recital: &str) -> bool {
    let lower = recital.to_lowercase();
    [
        "session",
        "convened",
        "assembling",
        "assembled",
        "gathered",
        "meeting in",
        "met ",
    ]
    .iter()
    .any(|w| lower.contains(w))
}
