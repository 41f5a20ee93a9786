//! Text → resolution: reads the plain text of a resolution into the resolution model, with a
//! warning for every line it could not place. Pure (text in, resolution and warnings out); the
//! `reso import` command owns files, standard output and exit statuses.
//!
//! The text is read in three steps: the title and opening formula (everything up to the
//! first line that ends in a comma), the preamble (one recital per paragraph) up to the
//! operative formula (the first paragraph that ends in a colon), then the policy areas
//! (`regarding …:` headings, each with an optional introduction and a list) up to the closing
//! place and date line.

mod dates;
mod text;
mod words;

use std::fmt;

use crate::model::{
    Adopted, Area, Commitment, FORMAT, Operative, Preamble, Recital, Resolution, Session, VERSION,
};
use text::Line;

/// Choices the text cannot make.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The resolution id; derived from body, session and year when `None`.
    pub id: Option<String>,
}

/// A resolution read from text, and what the reader could not place or had to guess.
#[derive(Debug, Clone)]
pub struct Imported {
    pub resolution: Resolution,
    pub warnings: Vec<Warning>,
}

/// Something about source lines `line..=last_line` that the user should check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: usize,
    pub last_line: usize,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.last_line > self.line {
            write!(
                f,
                "lines {}-{}: {}",
                self.line, self.last_line, self.message
            )
        } else {
            write!(f, "line {}: {}", self.line, self.message)
        }
    }
}

/// The text is not a resolution at all (or lacks a part without which no valid file can be
/// written); `message` says what was missing and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a resolution: {message}")]
pub struct NotAResolution {
    pub message: String,
}

fn refuse<T>(message: impl Into<String>) -> Result<T, NotAResolution> {
    Err(NotAResolution {
        message: message.into(),
    })
}

/// How many lines may stand before the opening formula (title, subtitle); more means the
/// text is something else.
const MAX_TITLE_LINES: usize = 8;

/// Reads the text of a resolution.
pub fn import(source: &str, options: &Options) -> Result<Imported, NotAResolution> {
    let lines = text::lines(source);
    if lines.is_empty() {
        return refuse("the text is empty, expected the text of a resolution");
    }
    let mut warnings = Vec::new();

    // Title and opening formula.
    let Some(formula_at) = lines
        .iter()
        .take(MAX_TITLE_LINES + 1)
        .position(|l| l.text.ends_with(','))
    else {
        return refuse(
            "no opening formula near the start, expected a line like `The Baltic Assembly,` after the title",
        );
    };
    let title_lines: Vec<&str> = lines[..formula_at].iter().map(|l| l.text).collect();
    let formula = lines[formula_at].text.to_string();
    let mut title = words::title(&title_lines);

    let mut units = units(&lines[formula_at + 1..]).into_iter().peekable();
    let (recitals, operative) = read_preamble(&mut units, &mut warnings)?;
    let (areas, closing) = read_areas(&mut units, &mut warnings);
    if areas.is_empty() {
        return refuse(
            "no policy areas, expected `regarding …:` headings each followed by a list of commitments",
        );
    }

    // Session and adoption, from the title and the first recital.
    let first_recital = recitals.first().map_or("", |r| r.text.as_str());
    let session_number =
        dates::session_number(&title).or_else(|| dates::session_number(first_recital));
    let session_dates = dates::find_range(&title).or_else(|| dates::find_range(first_recital));
    let last_line = lines.last().map_or(1, |l| l.no);
    let adopted = adoption(
        closing,
        session_dates,
        first_recital,
        last_line,
        &mut warnings,
    )?;
    let body = words::body(&formula, &title).unwrap_or_else(|| {
        warnings.push(Warning {
            line: lines[formula_at].no,
            last_line: lines[formula_at].no,
            message: "cannot tell the body from the opening formula or the title; body set to the formula".into(),
        });
        formula.trim_end_matches(',').to_string()
    });
    if title.is_empty() {
        title = format!("Resolution of the {body}");
        warnings.push(Warning {
            line: lines[0].no,
            last_line: lines[0].no,
            message: format!("no title before the opening formula; title set to {title:?}"),
        });
    }
    let number = session_number.unwrap_or_else(|| {
        warnings.push(Warning {
            line: lines[0].no,
            last_line: lines[formula_at].no,
            message: "no session number in the title or the first recital (like `43rd Session`); session number set to 0".into(),
        });
        0
    });
    let year = &adopted.date[..4];
    let id = options.id.clone().unwrap_or_else(|| {
        // A body without capitalised words still needs a slug.
        let initials = Some(words::initials(&body)).filter(|i| !i.is_empty());
        let initials = initials.unwrap_or_else(|| "resolution".to_string());
        match session_number {
            Some(n) => format!("{initials}-{n}-{year}"),
            None => format!("{initials}-{year}"),
        }
    });

    let resolution = Resolution {
        format: FORMAT.to_string(),
        version: VERSION,
        id,
        title,
        body,
        session: Session {
            number,
            start: session_dates.map(|(s, _)| dates::iso(s)),
            end: session_dates.map(|(_, e)| dates::iso(e)),
        },
        adopted,
        preamble: Preamble { formula, recitals },
        operative: Operative {
            addressees: words::addressees(&operative.text),
            formula: operative.text,
        },
        areas,
    };
    warnings.sort_by_key(|w| w.line);
    Ok(Imported {
        resolution,
        warnings,
    })
}

type Units<'a> = std::iter::Peekable<std::vec::IntoIter<Unit<'a>>>;

/// The recitals, up to and including the operative formula (the first paragraph ending in
/// `:`), which is returned as the unit it was read from.
fn read_preamble<'a>(
    units: &mut Units<'a>,
    warnings: &mut Vec<Warning>,
) -> Result<(Vec<Recital>, Unit<'a>), NotAResolution> {
    // Recitals as written (with `**`), and the lines they came from.
    let mut raw: Vec<(String, Warning)> = Vec::new();
    let mut operative = None;
    for unit in units.by_ref() {
        if is_noise(&unit.text) {
            warnings.push(unit.warn("not placed: looks like a page number or page mark"));
            continue;
        }
        if text::starts_with_word(&unit.text, "regarding") && !unit.marked {
            return refuse(format!(
                "line {}: a `regarding …:` heading before any operative formula, expected a paragraph like `calls on …:` after the recitals",
                unit.first
            ));
        }
        if unit.text.ends_with(':') && !unit.marked {
            operative = Some(unit);
            break;
        }
        match raw.last_mut() {
            // A recital that stops mid-sentence was split, typically by a page break.
            Some((text, span)) if !unit.marked && !text.ends_with([',', ';', '.', ':']) => {
                *text = text::join([text.as_str(), unit.text.as_str()]);
                span.last_line = unit.last();
                warnings.push(unit.warn(format!(
                    "joined to recital r{}, whose paragraph does not end in `,` or `;` (split by a page break?)",
                    raw.len()
                )));
            }
            _ => raw.push((unit.text.clone(), unit.warn(""))),
        }
    }
    let mut recitals = Vec::new();
    for (text, span) in raw {
        let id = format!("r{}", recitals.len() + 1);
        let (text, emphasis) = text::strip_emphasis(&text).unwrap_or_else(|| {
            warnings.push(Warning {
                message: format!("recital {id}: `**` markers do not pair up, kept as written"),
                ..span
            });
            (text, Vec::new())
        });
        recitals.push(Recital { id, text, emphasis });
    }
    match operative {
        Some(operative) => Ok((recitals, operative)),
        None => refuse(
            "no operative formula, expected a paragraph ending in `:` (like `calls on …:`) after the recitals",
        ),
    }
}

/// The policy areas, up to the closing place and date line (returned as place and date).
fn read_areas(
    units: &mut Units,
    warnings: &mut Vec<Warning>,
) -> (Vec<Area>, Option<(String, String)>) {
    let mut areas: Vec<Area> = Vec::new();
    let mut current: Option<AreaDraft> = None;
    let mut closing: Option<(String, String)> = None;
    while let Some(unit) = units.next() {
        if closing.is_some() {
            warnings.push(unit.warn("not placed: text after the closing place and date line"));
            continue;
        }
        if is_noise(&unit.text) {
            warnings.push(unit.warn("not placed: looks like a page number or page mark"));
            continue;
        }
        if !unit.marked
            && unit.lines.len() == 1
            && let Some(found) = words::closing_line(&unit.text)
        {
            closing = Some(found);
            continue;
        }
        let heading_like = !unit.marked && text::starts_with_word(&unit.text, "regarding");
        let next_is_list = units.peek().is_some_and(|u| u.marked);
        if heading_like && (unit.text.ends_with(':') || next_is_list) {
            if let Some(done) = current.take() {
                done.finish(&mut areas, warnings);
            }
            if !unit.text.ends_with(':') {
                warnings.push(unit.warn(format!(
                    "area {}: heading does not end in `:`, taken as a heading because a list follows",
                    areas.len() + 1
                )));
            }
            current = Some(AreaDraft::new(&unit, warnings));
            continue;
        }
        match current.as_mut() {
            Some(area) => area.add(unit, areas.len() + 1, warnings),
            None => warnings.push(unit.warn(
                "not placed: text between the operative formula and the first `regarding …:` heading",
            )),
        }
    }
    if let Some(done) = current.take() {
        done.finish(&mut areas, warnings);
    }
    (areas, closing)
}

/// `adopted` from the closing line, else from the end of the session and the place named in
/// the first recital (with a warning at the last line, where the closing line was expected).
fn adoption(
    closing: Option<(String, String)>,
    session_dates: Option<(time::Date, time::Date)>,
    first_recital: &str,
    last: usize,
    warnings: &mut Vec<Warning>,
) -> Result<Adopted, NotAResolution> {
    match closing {
        Some((place, date)) => Ok(Adopted { date, place }),
        None => {
            let date = session_dates.map(|(_, end)| dates::iso(end));
            let place = words::place_in(first_recital);
            match (date, place) {
                (Some(date), Some(place)) => {
                    warnings.push(Warning {
                        line: last,
                        last_line: last,
                        message: format!(
                            "no closing place and date line (like `Vilnius, 18 October 2024`); adopted taken from the first recital: {place}, {date}"
                        ),
                    });
                    Ok(Adopted { date, place })
                }
                _ => refuse(
                    "no adoption date, expected a closing line like `Vilnius, 18 October 2024`",
                ),
            }
        }
    }
}

/// The resolution as the JSON of a resolution file (pretty, with a final newline).
pub fn to_json(resolution: &Resolution) -> String {
    let mut json = serde_json::to_string_pretty(resolution).expect("a resolution serialises");
    json.push('\n');
    json
}

/// A paragraph or list item: source lines read as one piece of text.
#[derive(Debug, Clone)]
struct Unit<'a> {
    first: usize,
    lines: Vec<Line<'a>>,
    /// It started with a list marker (which is not part of `text`).
    marked: bool,
    text: String,
}

impl Unit<'_> {
    fn last(&self) -> usize {
        self.lines.last().map_or(self.first, |l| l.no)
    }

    fn warn(&self, message: impl Into<String>) -> Warning {
        Warning {
            line: self.first,
            last_line: self.last(),
            message: message.into(),
        }
    }
}

/// Words that open a recital (`having`, `recalling`, `aware`, …): where a line after one
/// ending in a comma starts with one, a new recital starts even without a blank line.
fn opens_recital(line: &str) -> bool {
    let word = text::first_word(line);
    // `-ing` words that go on a sentence rather than open a recital.
    const GO_ON: [&str; 16] = [
        "including",
        "concerning",
        "regarding",
        "according",
        "during",
        "following",
        "being",
        "notwithstanding",
        "excluding",
        "pending",
        "bring",
        "thing",
        "nothing",
        "something",
        "everything",
        "anything",
    ];
    (word.ends_with("ing") && !GO_ON.contains(&word.as_str()))
        || matches!(
            word.as_str(),
            "aware"
                | "convinced"
                | "mindful"
                | "concerned"
                | "deeply"
                | "alarmed"
                | "determined"
                | "guided"
                | "further"
                | "calls"
                | "call"
                | "urges"
                | "invites"
                | "requests"
        )
}

/// Cuts the lines into paragraphs and list items. A piece starts at a blank line, at a list
/// marker, after a line ending in `:` or `;`, at a closing line, at a `regarding` line after
/// a finished sentence, and at a recital opener after a line ending in a comma. Other lines
/// continue the piece before them (wrapped text).
fn units<'a>(lines: &[Line<'a>]) -> Vec<Unit<'a>> {
    let mut out: Vec<Unit<'a>> = Vec::new();
    let mut prev: Option<&str> = None;
    for line in lines {
        // `1. Regarding …:` is a numbered heading, not a list item.
        let heading_rest = text::numbered_heading(line.text);
        let marker_rest = match heading_rest {
            Some(_) => None,
            None => text::strip_marker(line.text),
        };
        let starts = match prev {
            None => true,
            Some(p) => {
                line.blank_before
                    || marker_rest.is_some()
                    || heading_rest.is_some()
                    || p.ends_with([':', ';'])
                    || words::closing_line(line.text).is_some()
                    || (text::starts_with_word(line.text, "regarding") && p.ends_with('.'))
                    || (p.ends_with(',') && opens_recital(line.text))
            }
        };
        prev = Some(line.text);
        match out.last_mut() {
            Some(unit) if !starts => {
                unit.lines.push(*line);
                unit.text = text::join([unit.text.as_str(), line.text]);
            }
            _ => out.push(Unit {
                first: line.no,
                lines: vec![*line],
                marked: marker_rest.is_some(),
                text: heading_rest
                    .or(marker_rest)
                    .unwrap_or(line.text)
                    .to_string(),
            }),
        }
    }
    out
}

/// Page numbers and marks that page layout leaves in a text: `2`, `- 2 -`, `Page 2 of 5`.
fn is_noise(text: &str) -> bool {
    let core = text.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let lower = core.to_lowercase();
    let page = lower
        .strip_prefix("page ")
        .map(|rest| rest.split(" of ").all(|n| n.trim().parse::<u32>().is_ok()));
    (!core.is_empty() && core.chars().all(|c| c.is_ascii_digit())) || page == Some(true)
}

/// An area being read: its heading, the paragraphs before its list, its items.
struct AreaDraft {
    heading: String,
    heading_line: usize,
    heading_last: usize,
    before_list: Vec<(String, Warning)>,
    items: Vec<String>,
    /// The list uses markers (so paragraphs before it are an introduction).
    marked: bool,
}

impl AreaDraft {
    fn new(unit: &Unit, warnings: &mut Vec<Warning>) -> Self {
        let text = plain(unit, "heading", warnings);
        AreaDraft {
            heading: text.trim_end_matches(':').trim_end().to_string(),
            heading_line: unit.first,
            heading_last: unit.last(),
            before_list: Vec::new(),
            items: Vec::new(),
            marked: false,
        }
    }

    fn add(&mut self, unit: Unit, area_no: usize, warnings: &mut Vec<Warning>) {
        let text = plain(&unit, "commitment", warnings);
        let unplaced = unit.warn(format!(
            "not placed: text under the heading of area {area_no} that has no list"
        ));
        if unit.marked {
            self.marked = true;
            self.items.push(text);
        } else if !self.marked {
            self.before_list.push((text, unplaced));
        } else if let Some(last) = self
            .items
            .last_mut()
            .filter(|t| !t.ends_with([';', '.', ':', '!', '?']))
        {
            // The item before stops mid-sentence: a blank line (a page break) split one item.
            *last = text::join([last.as_str(), text.as_str()]);
            // A wrapped line cut off at a comma is ordinary; a blank line inside an item is not.
            let across_blank = unit.lines.first().is_some_and(|l| l.blank_before);
            if across_blank {
                warnings.push(unit.warn(format!(
                "joined to commitment {area_no}.{}, which does not end in `;` or `.` (split by a page break?)",
                self.items.len()
            )));
            }
        } else {
            self.items.push(text);
            warnings.push(unit.warn(format!(
                "paragraph without a list marker among the list items; taken as commitment {area_no}.{}",
                self.items.len()
            )));
        }
    }

    fn finish(mut self, areas: &mut Vec<Area>, warnings: &mut Vec<Warning>) {
        let no = areas.len() + 1;
        let mut intro: Vec<String> = Vec::new();
        if self.marked {
            intro = self.before_list.drain(..).map(|(t, _)| t).collect();
        } else {
            // No markers at all: paragraphs are the items, after an introduction that ends
            // in `:` (`calls on the governments …:`).
            let split = self
                .before_list
                .iter()
                .rposition(|(t, _)| t.ends_with(':'))
                .map_or(0, |i| i + 1);
            if split < self.before_list.len() {
                let mut rest = self.before_list.split_off(split);
                intro = self.before_list.drain(..).map(|(t, _)| t).collect();
                self.items = rest.drain(..).map(|(t, _)| t).collect();
            }
        }
        if self.items.is_empty() {
            warnings.push(Warning {
                line: self.heading_line,
                last_line: self.heading_last,
                message: format!(
                    "not placed: heading {:?} has no list of commitments under it",
                    self.heading
                ),
            });
            warnings.extend(self.before_list.into_iter().map(|(_, w)| w));
            return;
        }
        let area_id = no.to_string();
        areas.push(Area {
            commitments: self
                .items
                .into_iter()
                .enumerate()
                .map(|(i, text)| Commitment {
                    id: format!("{area_id}.{}", i + 1),
                    text,
                })
                .collect(),
            id: area_id,
            heading: self.heading,
            title: None,
            intro: (!intro.is_empty()).then(|| intro.join("\n")),
        });
    }
}

/// A unit's text with `**` markup removed: emphasis is kept for recitals only, so removing
/// it elsewhere is reported.
fn plain(unit: &Unit, what: &str, warnings: &mut Vec<Warning>) -> String {
    if !unit.text.contains("**") {
        return unit.text.clone();
    }
    match text::strip_emphasis(&unit.text) {
        Some((plain, _)) => {
            warnings.push(unit.warn(format!(
                "{what}: `**` emphasis removed; the format keeps emphasis for recitals only"
            )));
            plain
        }
        None => {
            warnings.push(unit.warn(format!(
                "{what}: `**` markers do not pair up, kept as written"
            )));
            unit.text.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_marks_are_noise_and_words_are_not() {
        assert!(is_noise("2"));
        assert!(is_noise("- 2 -"));
        assert!(is_noise("Page 2 of 5"));
        assert!(!is_noise("2024 was a year"));
        assert!(!is_noise("Page"));
    }
}
