//! The detail pane: the selected node's full text, wrapped, with its reference, area
//! heading and resolution.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use crate::app::{App, NodeId};
use crate::model::ItemKind;

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let lines = detail_lines(app, theme);
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    frame.render_widget(paragraph, area);
}

fn detail_lines<'a>(app: &'a App, theme: &Theme) -> Vec<Line<'a>> {
    let lib = &app.library;
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
                field("Body", res.body.clone()),
                field("Session", res.session.number.to_string()),
                field(
                    "Adopted",
                    format!("{}, {}", res.adopted.place, res.adopted.date),
                ),
                field(
                    "Contents",
                    format!(
                        "{} recitals, {} areas, {commitments} commitments",
                        res.preamble.recitals.len(),
                        res.areas.len()
                    ),
                ),
                Line::default(),
                Line::from(res.operative.formula.clone()),
            ];
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
                field("Heading", a.heading.clone()),
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
            let mut lines = vec![Line::styled(lib.reference(id), theme.id()), Line::default()];
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
            lines.push(Line::default());
            if let ItemKind::Commitment { area, .. } = item.kind {
                lines.push(field(
                    "Area",
                    format!("{} {}", res.areas[area].id, res.areas[area].heading),
                ));
            } else {
                lines.push(field("Part", "Preamble".into()));
            }
            lines.push(field("Resolution", res.title.clone()));
            lines
        }
        NodeId::Orphans | NodeId::Orphan(_) => vec![Line::from("Orphaned follow-ups")],
    }
}

fn recital_emphasis(app: &App, id: usize) -> &[String] {
    let item = app.library.item(id);
    match item.kind {
        ItemKind::Recital { recital } => {
            &app.library.resolutions[item.resolution].preamble.recitals[recital].emphasis
        }
        ItemKind::Commitment { .. } => &[],
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
