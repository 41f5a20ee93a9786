//! The detail pane and the reader: the selected node's full text, wrapped, with its
//! reference, follow-up, area heading and resolution. The pane scrolls and says `more`
//! when the text is longer than it; the reader adds the addressees and the whole history.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::model::ItemKind;
use crate::tui::app::{App, NodeId};

/// The addressee a commitment's paragraph names: a sub-item's own, else its commitment's.
fn own_addressee(lib: &crate::model::Library, id: crate::model::ItemId) -> Option<&str> {
    let mut at = Some(id);
    while let Some(id) = at {
        if let Some(addressee) = lib.commitment(id).and_then(|c| c.addressee()) {
            return Some(addressee);
        }
        at = lib.parent(id);
    }
    None
}

/// How much the pane and the reader show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// The detail pane below the tree: the latest history entries only, the area in one
    /// row (its height follows the text).
    Below,
    /// The detail pane right of the tree: as below, with the area's whole heading.
    Side,
    /// The reader: everything.
    Reader,
}

/// History entries the pane shows; the reader shows them all.
const PANE_HISTORY: usize = 20;

/// The selected node's lines, wrapped to `width` columns.
pub fn rows(app: &App, theme: &Theme, width: u16, depth: Depth) -> Vec<Line<'static>> {
    super::text::wrap(&detail_lines(app, theme, depth, width), usize::from(width))
}

/// Draws `rows` from line `scroll` (clamped); when more is below, the last row says so.
/// Returns how far the rows can scroll in this area.
pub fn draw(
    frame: &mut Frame,
    rows: Vec<Line<'static>>,
    scroll: usize,
    area: Rect,
    theme: &Theme,
    keys: &str,
) -> usize {
    let height = usize::from(area.height);
    let max = rows.len().saturating_sub(height);
    let scroll = scroll.min(max);
    let mut shown: Vec<Line> = rows.into_iter().skip(scroll).take(height).collect();
    let below = max - scroll;
    if below > 0
        && let Some(last) = shown.last_mut()
    {
        let arrow = theme.glyphs().arrow;
        *last = Line::styled(
            format!("{arrow} more ({} lines): {keys}", below + 1),
            theme.label(),
        );
    }
    frame.render_widget(Paragraph::new(shown), area);
    max
}

fn detail_lines<'a>(app: &'a App, theme: &Theme, depth: Depth, width: u16) -> Vec<Line<'a>> {
    let lib = app.library();
    let Some(node) = app.selected() else {
        return vec![Line::from("Nothing selected.")];
    };
    let field = |label: &'static str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label}: "), theme.label()),
            Span::raw(value),
        ])
    };
    match node {
        NodeId::Resolution(r) => {
            let res = &lib.resolutions[r];
            let commitments: usize = res.areas.iter().map(|a| a.commitments.len()).sum();
            let mut lines = vec![
                Line::styled(res.title.clone(), theme.resolution()),
                Line::default(),
                field("Id", res.id.clone()),
            ];
            if let Some(symbol) = &res.symbol {
                lines.push(field("Symbol", symbol.clone()));
            }
            lines.extend([
                field("Body", res.body.clone()),
                field(
                    "Session",
                    res.session
                        .number
                        .map_or("not stated".to_string(), |n| n.to_string()),
                ),
                field("Adopted", res.adopted.label()),
                field(
                    "Contents",
                    format!(
                        "{} recitals, {} areas, {commitments} commitments",
                        res.preamble.recitals.len(),
                        res.areas.len()
                    ),
                ),
                Line::default(),
                Line::from(res.operative.formula.clone().unwrap_or_default()),
            ]);
            lines.extend(
                res.operative
                    .addressees
                    .iter()
                    .map(|a| Line::from(format!("  {a}"))),
            );
            lines
        }
        NodeId::Preamble(r) => {
            let res = &lib.resolutions[r];
            vec![
                Line::styled("Preamble", theme.area()),
                Line::default(),
                Line::from(res.preamble.formula.clone()),
                Line::from(format!("{} recitals", res.preamble.recitals.len())),
            ]
        }
        NodeId::Area { resolution, area } => {
            let res = &lib.resolutions[resolution];
            let a = &res.areas[area];
            let mut lines = vec![
                Line::styled(a.display_title().to_string(), theme.area()),
                Line::default(),
                field("Reference", format!("{}:{}", res.id, a.id)),
                field("Heading", a.heading.clone().unwrap_or_default()),
                field("Commitments", a.commitments.len().to_string()),
                field("Resolution", res.title.clone()),
            ];
            if let Some(intro) = &a.intro {
                lines.push(Line::default());
                lines.push(Line::from(intro.clone()));
            }
            lines
        }
        NodeId::Item(id) => {
            let item = lib.item(id);
            let res = &lib.resolutions[item.resolution];
            let mut lines = vec![Line::styled(lib.reference(id), theme.id())];
            // The area next, where it stays as the selection moves within it: lines that do
            // not change cost nothing to redraw over a slow link.
            if let ItemKind::Commitment { area, .. } | ItemKind::SubItem { area, .. } = item.kind
                && res.areas[area].heading.is_some()
            {
                // The pane names the area in one row, by its heading when it fits, else by
                // its short title: a heading that wraps would change the pane's height
                // between areas.
                let area = &res.areas[area];
                let heading = area.heading.as_deref().unwrap_or(area.display_title());
                let fits = super::text::width(&format!("Area: {} {heading}", area.id))
                    <= usize::from(width);
                let name = match depth {
                    Depth::Below if !fits => area.display_title(),
                    _ => heading,
                };
                lines.push(field("Area", format!("{} {name}", area.id)));
            } else if !lib.is_commitment(id) {
                lines.push(field("Part", "Preamble".into()));
            }
            // The commitment's operative verb and whom it names (resolution format v2).
            if let Some(action) = lib.action_of(id) {
                lines.push(field("Action", action.to_string()));
            }
            if let Some(addressee) = own_addressee(lib, id) {
                lines.push(field("Addressee", addressee.to_string()));
            }
            // The status line, then the text: in a small pane the text comes before a long
            // note, so a note never pushes the text out of sight.
            let followup = app.library().is_commitment(id).then(|| {
                followup_lines(app, &lib.reference(id), app.text_changed(id), theme, depth)
            });
            if let Some(followup) = &followup {
                lines.extend(followup.summary.iter().cloned());
            }
            lines.push(Line::default());
            let positions = app.match_positions(id);
            if positions.is_empty() {
                lines.push(emphasised(lib.text(id), recital_emphasis(app, id), theme));
            } else {
                let text = lib.text(id).to_string();
                lines.push(Line::from(super::tree::highlighted(
                    text,
                    &positions,
                    Style::new(),
                    theme.matched(),
                )));
            }
            // The document's own footnotes, as the printed page sets them under the text.
            let notes = lib.notes_of(id);
            if !notes.is_empty() {
                lines.push(Line::default());
                lines.extend(notes.iter().map(|note| {
                    Line::from(vec![
                        Span::styled(format!("[{}] ", note.label), theme.id()),
                        Span::raw(note.text.clone()),
                    ])
                }));
            }
            if let Some(followup) = followup.as_ref().filter(|f| !f.note.is_empty()) {
                lines.push(Line::default());
                lines.extend(followup.note.iter().cloned());
            }
            // The tree's first row names the resolution when only one is loaded.
            if depth == Depth::Reader || lib.resolutions.len() > 1 {
                lines.push(Line::default());
                lines.push(field("Resolution", res.title.clone()));
            }
            if depth == Depth::Reader {
                lines.push(field("Addressees", lib.addressees_of(id).join("; ")));
            }
            if let Some(followup) = followup.filter(|f| !f.history.is_empty()) {
                lines.push(Line::default());
                lines.extend(followup.history);
            }
            lines
        }
        NodeId::Orphans => vec![
            Line::styled("Orphaned follow-ups", theme.warning()),
            Line::default(),
            Line::from(format!(
                "{} follow-ups name commitments that are not in the loaded resolutions. \
                 They are kept, never dropped: load their resolution to see them in place, \
                 or remove one with x.",
                app.orphans().len()
            )),
        ],
        NodeId::Orphan(i) => {
            let reference = app.orphans().get(i).cloned().unwrap_or_default();
            let mut lines = vec![Line::styled(reference.clone(), theme.id()), Line::default()];
            lines.push(Line::from(
                "Its commitment is not in the loaded resolutions.",
            ));
            lines.push(Line::default());
            let followup = followup_lines(app, &reference, false, theme, depth);
            lines.extend(followup.summary);
            lines.extend(followup.note);
            lines.extend(followup.history);
            lines
        }
    }
}

/// The follow-up of a reference as lines, in three parts the pane places apart.
struct FollowupLines {
    /// Status, owner, due, and the "text changed" flag.
    summary: Vec<Line<'static>>,
    note: Vec<Line<'static>>,
    /// When it was created and updated, and who changed what when.
    history: Vec<Line<'static>>,
}

/// The follow-up record of `reference`: its summary, note and history (the latest
/// entries in the pane, all of them in the reader).
fn followup_lines(
    app: &App,
    reference: &str,
    text_changed: bool,
    theme: &Theme,
    depth: Depth,
) -> FollowupLines {
    let label = |text: &'static str| Span::styled(text, theme.label());
    let Some(record) = app.record(reference) else {
        let hint = "No follow-up. Space marks it, a notes, o owner, d due.";
        return FollowupLines {
            summary: vec![Line::styled(hint, theme.muted())],
            note: Vec::new(),
            history: Vec::new(),
        };
    };
    let mut lines = Vec::new();
    match record.status {
        Some(status) => {
            let (glyph, style) = theme.status(status);
            let mut spans = vec![
                label("Follow-up: "),
                Span::styled(format!("{glyph} {}", status.as_str()), style),
            ];
            if let Some(owner) = &record.owner {
                spans.push(Span::raw(format!("  owner @{owner}")));
            }
            if let Some(due) = &record.due {
                if app.is_overdue(record) {
                    spans.push(Span::styled(
                        format!("  due !{due} (overdue)"),
                        theme.overdue(),
                    ));
                } else {
                    spans.push(Span::raw(format!("  due {due}")));
                }
            }
            lines.push(Line::from(spans));
        }
        None => lines.push(Line::styled(
            "Follow-up removed (history kept).",
            theme.muted(),
        )),
    }
    if text_changed {
        lines.push(Line::styled(
            "Text changed since it was marked: read it again, then c confirms.",
            theme.warning(),
        ));
    }
    let mut note_lines = Vec::new();
    if let Some(note) = &record.note {
        note_lines.push(Line::from(label("Note:")));
        note_lines.extend(note.lines().map(|l| Line::from(format!("  {l}"))));
    }
    let mut history = Vec::new();
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    let when = |t: &crate::storage::followups::Timestamp| {
        t.as_datetime().format(format).unwrap_or_default()
    };
    history.push(Line::styled(
        format!(
            "Created {}{}updated {}",
            when(&record.created),
            theme.glyphs().separator,
            when(&record.updated)
        ),
        theme.muted(),
    ));
    if !record.history.is_empty() {
        history.push(Line::from(label("History (newest first):")));
        // The text hash is bookkeeping for the "text changed" flag, not something people did.
        let shown = record
            .history
            .iter()
            .rev()
            .filter(|e| e.field != crate::storage::followups::Field::TextSha256);
        let limit = match depth {
            Depth::Below | Depth::Side => PANE_HISTORY,
            Depth::Reader => usize::MAX,
        };
        for entry in shown.take(limit) {
            let value = |v: &Option<String>| match v {
                None => "-".to_string(),
                Some(v) => v.replace('\n', " / "),
            };
            history.push(Line::styled(
                format!(
                    "  {} {} {}: {} {} {}",
                    when(&entry.at),
                    entry.by,
                    entry.field.as_str(),
                    value(&entry.from),
                    theme.glyphs().arrow,
                    value(&entry.to)
                ),
                theme.muted(),
            ));
        }
    }
    FollowupLines {
        summary: lines,
        note: note_lines,
        history,
    }
}

fn recital_emphasis(app: &App, id: usize) -> &[String] {
    let item = app.library().item(id);
    match item.kind {
        ItemKind::Recital { recital } => {
            &app.library().resolutions[item.resolution].preamble.recitals[recital].emphasis
        }
        ItemKind::Commitment { .. } | ItemKind::SubItem { .. } => &[],
    }
}

/// The text with its emphasised phrases (first occurrence of each) in bold.
fn emphasised<'a>(text: &'a str, phrases: &[String], theme: &Theme) -> Line<'a> {
    let mut marks: Vec<(usize, usize)> = phrases
        .iter()
        .filter_map(|p| text.find(p.as_str()).map(|start| (start, start + p.len())))
        .collect();
    marks.sort_unstable();
    let mut spans = Vec::new();
    let mut at = 0;
    for (start, end) in marks {
        if start < at {
            continue;
        }
        spans.push(Span::raw(&text[at..start]));
        spans.push(Span::styled(&text[start..end], theme.emphasis()));
        at = end;
    }
    spans.push(Span::raw(&text[at..]));
    Line::from(spans)
}
