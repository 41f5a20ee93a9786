//! Text → resolution: reads the plain text of a resolution into the resolution model, with a
//! warning for every line it removed, joined or could not place, and a check that no word
//! is lost on the way. Pure (text in, resolution and warnings out); the `reso import`
//! command owns files, standard output and exit statuses.
//!
//! Two front ends feed one layout reader. Plain text (and Markdown, and the text of a PDF)
//! is the one that guesses: page furniture and hyphenated line breaks are undone (`pages`),
//! lines are cut into paragraphs and list items (`units`). A structured file's reader
//! hands over blocks (`document`): list items with the level and counter the file gives,
//! footnotes, furniture, which are laid out as numbered lines and read without guessing.
//! The layout reader then reads the title and opening
//! formula (everything up to the first line that ends in a comma); the preamble up to the
//! operative part (`preamble`); the areas, commitments and sub-items up to the closing lines
//! (`areas`); the metadata (`meta`); finally the words are counted (`conserve`).

mod areas;
mod congress;
mod conserve;
mod counter;
mod dates;
mod document;
mod masthead;
mod meta;
mod pages;
mod preamble;
mod text;
mod units;
mod words;

use std::collections::HashSet;
use std::fmt;

pub use conserve::Unaccounted;
pub use counter::Style as CounterStyle;
pub use document::{Block, Counter};

use crate::model::{FORMAT, Operative, Preamble, Resolution};

/// Choices the text cannot make, from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The resolution id; derived from body, session and year when `None`.
    pub id: Option<String>,
    /// The title, in place of the title block.
    pub title: Option<String>,
    /// The adopting body, in place of the one read from the opening formula or the title.
    pub body: Option<String>,
    /// The adoption date (`YYYY-MM-DD`), in place of the one the text states.
    pub date: Option<String>,
}

/// A resolution read from text, what the reader removed, joined, could not place or had to
/// guess, and the words it could not account for.
#[derive(Debug, Clone)]
pub struct Imported {
    pub resolution: Resolution,
    pub warnings: Vec<Warning>,
    pub summary: Summary,
    /// Words of the text that are neither in the resolution nor on a line reported removed:
    /// a reader's mistake, never to be written silently.
    pub unaccounted: Vec<Unaccounted>,
    /// For a structured document, its blocks laid out as the text the warnings' line
    /// numbers refer to; `None` when the warnings refer to the source's own lines.
    pub text: Option<String>,
}

/// What a warning reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningKind {
    /// Page furniture removed: a page number or footer, a running header, a form feed.
    PageLine,
    /// Lines whose words are left out of the resolution (not placed, a closing line, a
    /// signature, a footnote, a title-block line read as metadata).
    Removed,
    /// A word hyphenated at a line end, joined.
    Hyphen,
    /// The words are kept, but something was joined, removed from markup or guessed.
    Note,
}

/// Something about source lines `line..=last_line` that the user should check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: usize,
    pub last_line: usize,
    pub kind: WarningKind,
    pub message: String,
}

impl Warning {
    /// Whether the lines' words are left out of the resolution.
    pub fn removes(&self) -> bool {
        matches!(self.kind, WarningKind::PageLine | WarningKind::Removed)
    }
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

/// The counts printed after an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub recitals: usize,
    pub areas: usize,
    pub commitments: usize,
    pub with_sub_items: usize,
    pub joined: usize,
    pub removed: usize,
    pub unaccounted: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} recitals, {} areas, {} commitments ({} with sub-items); joined {} hyphenated words; removed {} page lines; {} words unaccounted",
            self.recitals,
            self.areas,
            self.commitments,
            self.with_sub_items,
            self.joined,
            self.removed,
            self.unaccounted
        )
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

/// How far down a formula that names its body (`The General Assembly,`) is looked for: below
/// a masthead of any length (a UN masthead and title run to 30 lines).
const MAX_HEADER_LINES: usize = 80;

type Units<'a> = std::iter::Peekable<std::vec::IntoIter<units::Unit<'a>>>;

/// Reads the text of a resolution (plain text, Markdown, a PDF's text): the front end that
/// infers paragraphs and list items from lines.
pub fn import(source: &str, options: &Options) -> Result<Imported, NotAResolution> {
    let cleaned = pages::clean(source);
    let lines = cleaned.lines();
    let notes = cleaned.notes.clone();
    read_layout(&cleaned, &lines, units::units, (Vec::new(), notes), options)
}

/// Reads the blocks of a structured document (DOCX, ODT, HTML): list items keep the level
/// and counter the file gives; only text typed in paragraphs is cut as plain text is.
/// The warnings' line numbers are those of the blocks laid out as text (`Imported::text`).
pub fn import_blocks(blocks: &[Block], options: &Options) -> Result<Imported, NotAResolution> {
    let layout = document::Layout::new(blocks);
    let cleaned = pages::clean(&layout.text);
    let all = cleaned.lines();
    let removals = layout.removals(blocks, &all);
    let removed: HashSet<usize> = removals.iter().flat_map(|w| w.line..=w.last_line).collect();
    let lines: Vec<_> = all
        .into_iter()
        .filter(|l| !removed.contains(&l.no))
        .collect();
    let mut notes = cleaned.notes.clone();
    notes.extend(layout.notes(blocks));
    let mut imported = read_layout(
        &cleaned,
        &lines,
        |part| layout.units(blocks, part),
        (removals, notes),
        options,
    )?;
    imported.text = Some(layout.text.clone());
    Ok(imported)
}

/// The layout reader: title, formula, preamble, operative part and metadata from the kept
/// `lines`, cut into units by the front end's `cut`; `removed` are the front end's own
/// removals, `notes` the footnotes it found with the lines that refer to them.
fn read_layout<'a>(
    cleaned: &pages::Cleaned,
    lines: &[text::Line<'a>],
    cut: impl Fn(&[text::Line<'a>]) -> Vec<units::Unit<'a>>,
    (removed, notes): (Vec<Warning>, Vec<pages::FoundNote>),
    options: &Options,
) -> Result<Imported, NotAResolution> {
    if lines.is_empty() {
        return refuse("the text is empty, expected the text of a resolution");
    }
    let mut warnings = cleaned.warnings.clone();
    warnings.extend(removed);

    // Title and opening formula.
    // The earlier of: the first line ending in a comma near the start, and a formula that
    // names its body (which may stand below a masthead, or lack its comma).
    let next = |i: usize| lines.get(i + 1).map_or("", |l| l.text);
    let by_comma = lines
        .iter()
        .take(MAX_TITLE_LINES + 1)
        .position(|l| is_opening_formula(l.text));
    let by_body =
        (0..lines.len().min(MAX_HEADER_LINES)).find(|&i| is_body_formula(lines[i].text, next(i)));
    // A congressional resolution has no formula: its chamber line names the body.
    let congress = congress::read(lines, MAX_HEADER_LINES);
    let (formula_line, header, body_at) = match (
        &congress,
        [by_comma, by_body].into_iter().flatten().min(),
    ) {
        (Some(us), _) => {
            warnings.extend(us.removed.iter().cloned());
            (us.chamber, us.header.clone(), us.body_at)
        }
        (None, Some(at)) => (&lines[at], masthead::split(&lines[..at]), at + 1),
        (None, None) => {
            return refuse(
                "no opening formula near the start, expected a line like `The Baltic Assembly,` after the title (or the chamber line of a congressional resolution)",
            );
        }
    };
    let formula = formula_line.text.to_string();

    let mut units = cut(&lines[body_at..]).into_iter().peekable();
    let enacted = congress.is_some();
    let (mut recitals, recital_spans, operative) =
        preamble::read(&mut units, enacted, &mut warnings)?;
    let (mut areas, closing, spans) = areas::read(&mut units, &mut warnings);
    keep_notes(&notes, &mut recitals, &recital_spans, &mut areas, &spans);
    if areas.is_empty() {
        return refuse(
            "no policy areas, expected `regarding …:` headings each followed by a list of commitments, or numbered operative paragraphs",
        );
    }
    let sources = meta::Sources {
        title_lines: &header.title,
        masthead: &header.masthead,
        symbol: cleaned
            .symbols
            .first()
            .or(header.symbol.as_ref())
            .map(String::as_str),
        formula: formula_line,
        recitals: &recitals,
        closing,
        last_line: lines.last().map_or(1, |l| l.no),
    };
    let meta = meta::read(sources, options, &mut warnings)?;

    let mut resolution = Resolution {
        format: FORMAT.to_string(),
        version: 1,
        id: meta.id,
        title: meta.title,
        symbol: meta.symbol,
        body: meta.body,
        session: meta.session,
        adopted: meta.adopted,
        preamble: Preamble { formula, recitals },
        operative: Operative {
            addressees: operative
                .as_ref()
                .filter(|u| !congress::is_enacting_clause(&u.text))
                .map(|u| words::addressees(&u.text))
                .unwrap_or_default(),
            formula: operative.map(|u| u.text),
        },
        areas,
    };
    resolution.version = resolution.needed_version();
    warnings.sort_by_key(|w| w.line);

    let mut excluded: HashSet<usize> = meta.consumed.into_iter().collect();
    for warning in warnings.iter().filter(|w| w.removes()) {
        excluded.extend(warning.line..=warning.last_line);
    }
    let unaccounted = conserve::unaccounted(lines, &excluded, &resolution);
    let commitments = resolution.areas.iter().flat_map(|a| &a.commitments);
    let summary = Summary {
        recitals: resolution.preamble.recitals.len(),
        areas: resolution.areas.len(),
        commitments: commitments.clone().count(),
        with_sub_items: commitments.filter(|c| !c.items().is_empty()).count(),
        joined: cleaned.joined,
        removed: cleaned.removed,
        unaccounted: unaccounted.len(),
    };
    Ok(Imported {
        resolution,
        warnings,
        summary,
        unaccounted,
        text: None,
    })
}

/// Each footnote goes with the paragraph whose lines hold its marker: a recital, or the
/// commitment or sub-item read from the fewest lines around it (a sub-item before its
/// parent). A marker in the title or a formula leaves its note in the warnings only.
fn keep_notes(
    notes: &[pages::FoundNote],
    recitals: &mut [crate::model::Recital],
    recital_spans: &[(usize, usize)],
    areas: &mut [crate::model::Area],
    spans: &areas::Spans,
) {
    for note in notes {
        let kept = crate::model::Note {
            label: note.label.clone(),
            text: note.text.clone(),
        };
        let within = |first: usize, last: usize| (first..=last).contains(&note.line);
        if let Some(r) = recital_spans.iter().position(|&(f, l)| within(f, l)) {
            if !recitals[r].notes.iter().any(|n| n.label == kept.label) {
                recitals[r].notes.push(kept);
            }
            continue;
        }
        let Some((id, _, _)) = spans
            .iter()
            .filter(|(_, f, l)| within(*f, *l))
            .min_by_key(|(_, f, l)| l - f)
        else {
            continue;
        };
        let found = areas
            .iter_mut()
            .flat_map(|a| a.commitments.iter_mut())
            .find_map(|c| c.find_mut(id));
        if let Some(commitment) = found
            && !commitment.notes().iter().any(|n| n.label == kept.label)
        {
            let mut all = commitment.notes().to_vec();
            all.push(kept);
            commitment.set_notes(all);
        }
    }
}

/// The opening formula: the first line ending in a comma (`The Baltic Assembly,`), or one
/// that runs on into its recitals' list (`The Baltic Assembly, taking into consideration:`),
/// or a short one ending in a colon before numbered paragraphs (`The OSCE Parliamentary
/// Assembly:`).
fn is_opening_formula(line: &str) -> bool {
    // `We, the participants …, adopt the following resolution:` speaks in the first person.
    let colon = line.ends_with(':') && (line.starts_with("The ") || line.starts_with("We, "));
    let named = line.chars().any(char::is_alphabetic);
    named
        && (line.ends_with(',')
            || (colon && (line.contains(", ") || line.split_whitespace().count() <= 6)))
}

/// A formula that names the body, found below a masthead: `The General Assembly,` (a few
/// capitalised words after `The`, then a comma or colon), or the same words alone on their
/// line when a recital follows (`The European Parliament` / `Having regard to …`).
fn is_body_formula(line: &str, next: &str) -> bool {
    let Some(name) = line.strip_prefix("The ") else {
        return false;
    };
    // `The participants*, elected representatives …, assembled in Reykjavik …`: a
    // conference speaks as its participants, however the sentence ends.
    if name.starts_with("participants") && name.contains(',') {
        return true;
    }
    let bare = name.trim_end_matches([',', ':']);
    let words: Vec<&str> = bare.split_whitespace().collect();
    let named = !words.is_empty()
        && words.len() <= 8
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || ["of", "the", "and", "for", "on", "in"].contains(w)
        });
    // `Having regard …`, or `-having regard …` with its dash set tight.
    let recital_next = next
        .trim_start_matches(['-', '–', '—', '•'])
        .split_whitespace()
        .next()
        .is_some_and(|w| w.len() > 3 && w.ends_with("ing"));
    named && (bare.len() < name.len() || recital_next)
}

/// The resolution as the JSON of a resolution file (pretty, with a final newline).
pub fn to_json(resolution: &Resolution) -> String {
    let mut json = serde_json::to_string_pretty(resolution).expect("a resolution serialises");
    json.push('\n');
    json
}
