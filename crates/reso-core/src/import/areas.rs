//! The operative part: areas (under `regarding …` headings, or the paragraphs before any
//! heading), their introductions, commitments and sub-items, and the closing lines; then the
//! ids, by the document's own numbering when it numbers its paragraphs throughout.

use super::text::{self, MarkerKind};
use super::units::{self, Label, Unit};
use super::{Units, Warning, WarningKind, dates, words};
use crate::model::{Area, Commitment};

/// What the closing lines state, and the lines read into it.
#[derive(Debug, Default)]
pub struct Closing {
    pub place: Option<String>,
    pub date: Option<String>,
    /// Lines whose content is in the resolution as its adoption, not as text.
    pub consumed: Vec<usize>,
}

/// `call on the governments … to`, `urge the Council:`: a conference's call before its list.
fn is_call(text: &str) -> bool {
    let first = text::first_word(text);
    matches!(first.as_str(), "call" | "calls" | "urge" | "urges")
        && (text.ends_with(" to") || text.ends_with(':'))
}

/// `Regarding the Northern Dimension call on the Commission … to`: a heading run on into
/// its call, cut before the call.
fn heading_and_call(text: &str) -> Option<(&str, &str)> {
    [" call on ", " calls on ", " call upon ", " calls upon "]
        .iter()
        .find_map(|sep| text.find(sep))
        .map(|at| (text[..at].trim_end_matches(',').trim_end(), &text[at + 1..]))
        .filter(|(_, call)| call.ends_with(" to") || call.ends_with(':'))
}

/// Paragraphs without markers, where one that stops on `and`, `of`, `the` … goes on in the
/// next (a line break copied as a paragraph break).
fn joined_wraps(
    paragraphs: Vec<(String, Warning)>,
    warnings: &mut Vec<Warning>,
) -> Vec<(String, (usize, usize))> {
    const GOES_ON: [&str; 12] = [
        "and", "or", "the", "of", "in", "to", "for", "with", "a", "an", "on", "by",
    ];
    let mut out: Vec<(String, (usize, usize))> = Vec::new();
    for (text, span) in paragraphs {
        // `…; and` ends a clause before the last item; only a bare `… and` goes on.
        let goes_on = |last: &str| {
            !text::ends_clause(last)
                && last
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| GOES_ON.contains(&w))
        };
        match out.last_mut() {
            Some((last, lines)) if goes_on(last) => {
                *last = text::join([last.as_str(), text.as_str()]);
                lines.1 = span.last_line;
                warnings.push(Warning {
                    kind: WarningKind::Note,
                    message: "joined to the paragraph before, which stops mid-sentence".into(),
                    ..span
                });
            }
            _ => out.push((text, (span.line, span.last_line))),
        }
    }
    out
}

const CLOSING: &str = "the closing place and date line (a signature?)";
const LAST_NUMBERED: &str = "the last numbered paragraph";

/// Reports a unit after the resolution's end as removed, and says what the text is after
/// now: an `Annex` heading starts the annex (what the resolution adopts is not its text).
fn removed_after<'a>(unit: &Unit, after: &'a str, warnings: &mut Vec<Warning>) -> Option<&'a str> {
    let annex = unit
        .text
        .split_whitespace()
        .next()
        .is_some_and(|w| w.trim_end_matches(['.', ':']).eq_ignore_ascii_case("annex"));
    if annex {
        warnings.push(unit.warn(
            WarningKind::Removed,
            "removed the annex: the format keeps the resolution's own paragraphs, not its annexes",
        ));
        return Some("the annex heading");
    }
    warnings.push(unit.warn(WarningKind::Removed, format!("removed: text after {after}")));
    Some(after)
}

/// The areas up to the closing lines. Numbered paragraphs before the first heading (or in a
/// document without headings) form an area without a heading.
pub fn read(units: &mut Units, warnings: &mut Vec<Warning>) -> (Vec<Area>, Closing, Spans) {
    let mut done: Vec<Finished> = Vec::new();
    let mut current: Option<AreaDraft> = None;
    let mut closing = Closing::default();
    // Why the resolution's text has ended, once it has.
    let mut closed: Option<&str> = None;
    // The unit before was a meeting line (`38th plenary meeting`), whose date may follow.
    let mut after_meeting = false;
    while let Some(unit) = units.next() {
        let meeting_before = std::mem::take(&mut after_meeting);
        // After the closing lines, nothing more is the resolution's; after the last numbered
        // paragraph, its closing lines may still come (`38th plenary meeting` / its date).
        if closed == Some(CLOSING) {
            closed = removed_after(&unit, CLOSING, warnings);
            continue;
        }
        // A UN closing set without a blank line between: `52nd plenary meeting` / `1 December
        // 2025`.
        if !unit.marked()
            && unit.lines.len() <= 2
            && let Some((meeting, date)) = words::meeting_and_date(&unit.text)
        {
            warnings.push(unit.warn(
                WarningKind::Removed,
                format!("removed closing line {meeting:?}: the format has no place for it; the date is the adoption's"),
            ));
            closing.date = Some(dates::iso(date));
            closed = Some(CLOSING);
            continue;
        }
        if !unit.marked() && unit.lines.len() == 1 {
            if let Some((place, date)) = words::closing_line(&unit.text) {
                (closing.place, closing.date) = (Some(place), Some(date));
                closing.consumed.push(unit.first);
                closed = Some(CLOSING);
                continue;
            }
            // After the last numbered paragraph a bare date closes only after its meeting line
            // (a congressional text's back matter repeats the date it was reported).
            let has_items = current.as_ref().is_some_and(|a| !a.items.is_empty());
            let may_close = has_items && (closed.is_none() || meeting_before);
            if let Some(date) = dates::parse_exact(&unit.text).filter(|_| may_close) {
                closing.date = Some(dates::iso(date));
                closing.consumed.push(unit.first);
                closed = Some(CLOSING);
                continue;
            }
            if words::is_meeting_line(&unit.text) {
                after_meeting = true;
                warnings.push(unit.warn(
                    WarningKind::Removed,
                    format!(
                        "removed closing line {:?}: the format has no place for it",
                        unit.text
                    ),
                ));
                continue;
            }
        }
        if let Some(after) = closed {
            closed = removed_after(&unit, after, warnings);
            continue;
        }
        // `Adopted this 11th day of February …`, `Adopted on 3 May 2031 in Riga.`: the
        // statement of adoption that closes some texts.
        let has_text = current
            .as_ref()
            .is_some_and(|a| !a.items.is_empty() || !a.before_list.is_empty());
        if !unit.marked() && has_text && unit.text.starts_with("Adopted ") && unit.lines.len() <= 3
        {
            let date = dates::find_range(&unit.text).map(|(_, end)| dates::iso(end));
            warnings.push(unit.warn(
                WarningKind::Removed,
                match &date {
                    Some(date) => format!("removed the closing statement of adoption: the date ({date}) is the adoption's"),
                    None => "removed the closing statement of adoption: no date in it that reso reads".to_string(),
                },
            ));
            closing.date = closing.date.take().or(date);
            closed = Some(CLOSING);
            continue;
        }
        // A table among the paragraphs (the signatures, set in columns): never a commitment.
        if !unit.marked() && unit.lines.iter().all(|l| l.text.contains('\t')) {
            warnings.push(unit.warn(
                WarningKind::Removed,
                "removed a table (signatures?): the format keeps no tables",
            ));
            continue;
        }
        let heading_like = !unit.marked() && text::opens_heading(&unit.text);
        let complete = unit.text.ends_with(':') || units::ends_with_to(&unit.text);
        let next_is_list = units.peek().is_some_and(|u| u.marked());
        // Conference texts without markers: `Regarding X` / `call on … to`, or both in one
        // paragraph (`Regarding X call on … to`).
        let next_is_call = units
            .peek()
            .is_some_and(|u| !u.marked() && is_call(&u.text));
        let run_on = heading_like
            .then(|| heading_and_call(&unit.text))
            .flatten()
            .map(|(heading, call)| (heading.to_string(), call.to_string()));
        if heading_like && (complete || next_is_list || next_is_call || run_on.is_some()) {
            if let Some(area) = current.take() {
                area.finish(false, &mut done, warnings);
            }
            if !complete {
                warnings.push(unit.warn(
                    WarningKind::Note,
                    format!(
                        "area {}: heading does not end in `:`, taken as a heading because a list or a call follows",
                        done.len() + 1
                    ),
                ));
            }
            let mut area = AreaDraft::headed(&unit, warnings);
            if let Some((heading, call)) = run_on {
                area.heading = Some(heading);
                area.before_list.push((
                    call,
                    unit.warn(WarningKind::Removed, "not placed: a call with no list"),
                ));
            }
            current = Some(area);
            continue;
        }
        // A paragraph without a number after the last of the numbered paragraphs (`…;`,
        // `…;`, `….`), and no heading, is not the resolution's: a publisher's notice, a web
        // page's links.
        if !unit.marked() && current.as_ref().is_some_and(AreaDraft::list_finished) {
            warnings.push(unit.warn(
                WarningKind::Removed,
                "removed: text after the last numbered paragraph, which ends the resolution with `.`",
            ));
            closed = Some(LAST_NUMBERED);
            continue;
        }
        let area_no = done.len() + 1;
        current
            .get_or_insert_with(AreaDraft::unheaded)
            .add(unit, area_no, warnings);
    }
    if let Some(area) = current.take() {
        let alone = done.is_empty();
        area.finish(alone, &mut done, warnings);
    }
    let mut spans = Spans::new();
    let areas = build(done, &mut spans);
    (areas, closing, spans)
}

/// A commitment or sub-item being read.
#[derive(Debug)]
struct ItemDraft {
    label: Option<Label>,
    /// The source lines it was read from (first, last), where its footnotes are referred to.
    lines: (usize, usize),
    /// The list level the file gives, when it gives one.
    level: Option<u8>,
    text: String,
    subs: Vec<ItemDraft>,
}

impl ItemDraft {
    /// The item that text continuing the list goes on: the last one, deepest first.
    fn deepest_mut(&mut self) -> &mut ItemDraft {
        if self.subs.is_empty() {
            self
        } else {
            let last = self.subs.len() - 1;
            self.subs[last].deepest_mut()
        }
    }

    fn ends_sentence(&self) -> bool {
        self.deepest().text.ends_with('.')
    }

    fn deepest(&self) -> &ItemDraft {
        self.subs.last().map_or(self, ItemDraft::deepest)
    }

    /// `…:`, or `…--` (a dash typed as two hyphens, as congressional texts end a
    /// paragraph that lists).
    /// or a sentence that stops without punctuation (`2. Affirms further the necessity`
    /// / `(a) For guaranteeing …`).
    fn opens_list(&self) -> bool {
        self.text.ends_with([':', '—'])
            || self.text.ends_with("--")
            || !self.subs.is_empty()
            || self.text.ends_with(|c: char| c.is_alphabetic())
    }
}

/// An area being read: its heading, the paragraphs before its list, its items.
struct AreaDraft {
    heading: Option<String>,
    heading_line: usize,
    heading_last: usize,
    before_list: Vec<(String, Warning)>,
    items: Vec<ItemDraft>,
    /// The list uses markers (so paragraphs before it are an introduction).
    marked: bool,
}

/// An area read, before ids are given.
struct Finished {
    heading: Option<String>,
    intro: Option<String>,
    items: Vec<ItemDraft>,
}

impl AreaDraft {
    fn headed(unit: &Unit, warnings: &mut Vec<Warning>) -> Self {
        let text = plain(unit, "heading", warnings);
        AreaDraft {
            heading: Some(text.trim_end_matches(':').trim_end().to_string()),
            heading_line: unit.first,
            heading_last: unit.last(),
            ..AreaDraft::unheaded()
        }
    }

    /// Whether the list is numbered, its paragraphs end in `;` and its last in `.`, as
    /// the last paragraph of a resolution does.
    fn list_finished(&self) -> bool {
        let numbered = |i: &ItemDraft| {
            i.label
                .as_ref()
                .is_some_and(|l| l.kind == MarkerKind::Number)
        };
        let Some((last, before)) = self.items.split_last() else {
            return false;
        };
        numbered(last)
            && last.ends_sentence()
            && !before.is_empty()
            && before
                .iter()
                .all(|i| numbered(i) && text::ends_clause(&i.deepest().text))
    }

    /// The operative paragraphs before any heading.
    fn unheaded() -> Self {
        AreaDraft {
            heading: None,
            heading_line: 0,
            heading_last: 0,
            before_list: Vec::new(),
            items: Vec::new(),
            marked: false,
        }
    }

    fn add(&mut self, unit: Unit, area_no: usize, warnings: &mut Vec<Warning>) {
        let text = plain(&unit, "commitment", warnings);
        let unplaced = match self.heading {
            Some(_) => format!("not placed: text under the heading of area {area_no} that has no list"),
            None => "not placed: text between the operative formula and the first `regarding …:` heading".to_string(),
        };
        let unplaced = unit.warn(WarningKind::Removed, unplaced);
        if let Some(label) = unit.label.clone() {
            self.marked = true;
            let item = ItemDraft {
                label: Some(label),
                lines: (unit.first, unit.last()),
                level: unit.level,
                text,
                subs: Vec::new(),
            };
            if let Some(message) = self.push_item(item) {
                warnings.push(unit.warn(WarningKind::Note, message));
            }
        } else if !self.marked {
            self.before_list.push((text, unplaced));
        } else if let Some(last) = self
            .items
            .last_mut()
            .map(ItemDraft::deepest_mut)
            .filter(|t| !t.text.ends_with([';', '.', ':', '!', '?']))
        {
            // The item before stops mid-sentence: a blank line (a page break) split one item.
            last.text = text::join([last.text.as_str(), text.as_str()]);
            last.lines.1 = unit.last();
            // A wrapped line cut off at a comma is ordinary; a blank line inside an item is not.
            if unit.lines.first().is_some_and(|l| l.blank_before) {
                warnings.push(unit.warn(
                    WarningKind::Note,
                    format!(
                        "joined to the item before in area {area_no}, which does not end in `;` or `.` (split by a page break?)"
                    ),
                ));
            }
        } else {
            self.items.push(ItemDraft {
                label: None,
                lines: (unit.first, unit.last()),
                level: None,
                text,
                subs: Vec::new(),
            });
            warnings.push(unit.warn(
                WarningKind::Note,
                format!(
                    "paragraph without a list marker among the list items; taken as commitment {area_no}.{}",
                    self.items.len()
                ),
            ));
        }
    }

    /// A lettered item after a numbered paragraph that opens a list (`3. Requests … to:`)
    /// is its sub-item; a roman one after a lettered sub-item that opens a list, that
    /// sub-item's (`(i)` is roman there, unless it follows `(h)`).
    /// Says so when it read a label otherwise than the text writes it.
    fn push_item(&mut self, item: ItemDraft) -> Option<String> {
        // The file's levels nest the items of its own lists; a list the file numbers under a
        // paragraph the text numbers by hand (`<p>2. Requests …:</p><ol type="a">`) nests by
        // the rule for typed markers.
        let own_list = self.items.last().is_none_or(|last| last.level.is_some());
        if let Some(level) = item.level
            && (level > 0 || own_list)
        {
            self.push_at_level(item, level);
            return None;
        }
        let said = self.mended_first_roman(&item);
        let kind = item.label.as_ref().map(|l| l.kind);
        // `(A)` under a numbered paragraph, as congressional resolutions letter them.
        let lettered = matches!(
            kind,
            Some(MarkerKind::Letter | MarkerKind::Roman | MarkerKind::Capital)
        );
        let parent = self.items.last_mut().filter(|p| {
            lettered
                && p.opens_list()
                && p.label
                    .as_ref()
                    .is_some_and(|l| l.kind == MarkerKind::Number)
        });
        let Some(parent) = parent else {
            self.items.push(item);
            return said;
        };
        let label = item.label.as_ref().map_or("", |l| l.text.as_str());
        let roman_here = |sub: &ItemDraft| {
            let after = sub.label.as_ref().map_or("", |l| l.text.as_str());
            let roman = kind == Some(MarkerKind::Roman)
                || (label == "i" && after != "h")
                || (matches!(label, "v" | "x") && !sub.subs.is_empty());
            roman && sub.opens_list()
        };
        match parent.subs.last_mut() {
            Some(sub) if roman_here(sub) => sub.subs.push(item),
            _ => parent.subs.push(item),
        }
        said
    }

    /// `(1)` then `(ii)` under `… principles:`: the `(1)` is a misread `(i)` (a typewriter's
    /// or a scan's), moved under the paragraph as its first roman sub-item.
    fn mended_first_roman(&mut self, next: &ItemDraft) -> Option<String> {
        let roman_ii = next
            .label
            .as_ref()
            .is_some_and(|l| l.kind == MarkerKind::Roman && l.text == "ii");
        let n = self.items.len();
        let misread = n >= 2 && {
            let (parent, one) = (&self.items[n - 2], &self.items[n - 1]);
            let number = |i: &ItemDraft, t: &str| {
                i.label
                    .as_ref()
                    .is_some_and(|l| l.kind == MarkerKind::Number && l.text == t)
            };
            number(one, "1")
                && parent.subs.is_empty()
                && parent.opens_list()
                && parent
                    .label
                    .as_ref()
                    .is_some_and(|l| l.kind == MarkerKind::Number)
        };
        if !(roman_ii && misread) {
            return None;
        }
        let mut one = self.items.pop()?;
        one.label = Some(Label {
            kind: MarkerKind::Roman,
            text: "i".into(),
        });
        self.items.last_mut()?.subs.push(one);
        Some("`(1)` before `(ii)` read as `(i)`".into())
    }

    /// An item whose level the file gives goes under the last item one level up (or as
    /// deep as the list goes, when levels are skipped).
    fn push_at_level(&mut self, item: ItemDraft, level: u8) {
        fn place(siblings: &mut Vec<ItemDraft>, item: ItemDraft, level: u8) {
            match siblings.len() {
                n if n > 0 && level > 0 => place(&mut siblings[n - 1].subs, item, level - 1),
                _ => siblings.push(item),
            }
        }
        place(&mut self.items, item, level);
    }

    /// Ends the area. `alone`: it is the operative part's only one, without a heading.
    fn finish(mut self, alone: bool, done: &mut Vec<Finished>, warnings: &mut Vec<Warning>) {
        let mut intro: Vec<String> = Vec::new();
        if self.marked {
            intro = self.before_list.drain(..).map(|(t, _)| t).collect();
        } else if self.heading.is_none() && alone && !self.before_list.is_empty() {
            // An operative part of plain paragraphs, with neither numbers nor headings
            // (`We greet …;` / `We thank …;`): each paragraph is a commitment.
            if let Some((_, span)) = self.before_list.first() {
                warnings.push(Warning {
                    kind: WarningKind::Note,
                    message: "operative paragraphs without numbers, bullets or headings: each taken as a commitment".into(),
                    ..span.clone()
                });
            }
            self.items = self
                .before_list
                .drain(..)
                .map(|(text, span)| ItemDraft {
                    label: None,
                    lines: (span.line, span.last_line),
                    level: None,
                    text,
                    subs: Vec::new(),
                })
                .collect();
        } else if self.heading.is_some() {
            // No markers at all: paragraphs are the items, after an introduction that ends
            // in `:` (`calls on the governments …:`).
            // After the last paragraph ending in `:`, or the first call ending in `to`.
            let split = self
                .before_list
                .iter()
                .rposition(|(t, _)| t.ends_with(':'))
                .or_else(|| {
                    self.before_list
                        .iter()
                        .position(|(t, _)| t.ends_with(" to"))
                })
                .map_or(0, |i| i + 1);
            if split < self.before_list.len() {
                let rest = self.before_list.split_off(split);
                intro = self.before_list.drain(..).map(|(t, _)| t).collect();
                self.items = joined_wraps(rest, warnings)
                    .into_iter()
                    .map(|(text, lines)| ItemDraft {
                        label: None,
                        lines,
                        level: None,
                        text,
                        subs: Vec::new(),
                    })
                    .collect();
            }
        }
        if self.items.is_empty() {
            if let Some(heading) = &self.heading {
                warnings.push(Warning {
                    line: self.heading_line,
                    last_line: self.heading_last,
                    kind: WarningKind::Removed,
                    message: format!(
                        "not placed: heading {heading:?} has no list of commitments under it"
                    ),
                });
            }
            warnings.extend(self.before_list.into_iter().map(|(_, w)| w));
            return;
        }
        done.push(Finished {
            heading: self.heading,
            intro: (!intro.is_empty()).then(|| intro.join("\n")),
            items: self.items,
        });
    }
}

/// The areas with their ids: the document's paragraph numbers when every commitment has one
/// and they run upwards through the resolution (`3`, sub-items `3.a`, `3.a.i`), else
/// positional (`2.1`, sub-items `2.1.a`).
fn build(done: Vec<Finished>, spans: &mut Spans) -> Vec<Area> {
    let numbers: Option<Vec<u32>> = done
        .iter()
        .flat_map(|a| &a.items)
        .map(|item| {
            let label = item
                .label
                .as_ref()
                .filter(|l| l.kind == MarkerKind::Number)?;
            label.text.parse().ok()
        })
        .collect();
    let numbered = numbers.is_some_and(|n| n.windows(2).all(|w| w[0] < w[1]));
    done.into_iter()
        .enumerate()
        .map(|(a, area)| {
            let id = (a + 1).to_string();
            let commitments = area
                .items
                .into_iter()
                .enumerate()
                .map(|(c, item)| {
                    let own = match numbered {
                        true => item.label.as_ref().map(|l| l.text.clone()),
                        false => None,
                    };
                    let cid = own.unwrap_or_else(|| format!("{id}.{}", c + 1));
                    let action = words::action(&item.text);
                    let addressee = action
                        .as_deref()
                        .and_then(|action| words::addressee(&item.text, action));
                    let mut commitment = commitment(cid, item, spans);
                    commitment.set_action(action, addressee);
                    commitment
                })
                .collect();
            let addressees = area
                .intro
                .as_deref()
                .and_then(|intro| intro.lines().last())
                .filter(|p| p.ends_with(':') && words::calls_on(p))
                .map(words::addressees)
                .unwrap_or_default();
            Area {
                id,
                heading: area.heading,
                title: None,
                intro: area.intro,
                addressees,
                commitments,
            }
        })
        .collect()
}

/// A commitment or sub-item with id `id`; sub-items get `id.label`, or `id.1`, `id.2`, …
/// when their labels repeat.
/// Where each commitment and sub-item was read from: its id and first and last line.
pub type Spans = Vec<(String, usize, usize)>;

fn commitment(id: String, item: ItemDraft, spans: &mut Spans) -> Commitment {
    spans.push((id.clone(), item.lines.0, item.lines.1));
    let labels: Vec<String> = item
        .subs
        .iter()
        // Ids are lower case: `(C)` is sub-item `3.c`.
        .map(|s| {
            s.label
                .as_ref()
                .map_or(String::new(), |l| l.text.to_lowercase())
        })
        .collect();
    let distinct = labels
        .iter()
        .enumerate()
        .all(|(i, l)| !l.is_empty() && !labels[..i].contains(l));
    let items = item
        .subs
        .into_iter()
        .zip(labels)
        .enumerate()
        .map(|(i, (sub, label))| {
            let label = if distinct { label } else { (i + 1).to_string() };
            commitment(format!("{id}.{label}"), sub, spans)
        })
        .collect();
    let mut commitment = Commitment::new(id, item.text);
    commitment.set_items(items);
    commitment
}

/// A unit's text with `**` markup removed: emphasis is kept for recitals only, so removing
/// it elsewhere is reported.
fn plain(unit: &Unit, what: &str, warnings: &mut Vec<Warning>) -> String {
    if !unit.text.contains("**") {
        return unit.text.clone();
    }
    match text::strip_emphasis(&unit.text) {
        Some((plain, _)) => {
            warnings.push(unit.warn(
                WarningKind::Note,
                format!(
                    "{what}: `**` emphasis removed; the format keeps emphasis for recitals only"
                ),
            ));
            plain
        }
        None => {
            warnings.push(unit.warn(
                WarningKind::Note,
                format!("{what}: `**` markers do not pair up, kept as written"),
            ));
            unit.text.clone()
        }
    }
}
