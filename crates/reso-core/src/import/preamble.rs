//! The preamble: recitals (with the document's labels, `**emphasis**`, and citations told
//! from recitals) up to where the operative part starts.

use super::text::{self, MarkerKind};
use super::units::{Label, Unit};
use super::{NotAResolution, Units, Warning, WarningKind, refuse};
use crate::model::{Recital, RecitalKind};

/// The recitals, each one's first and last source line (where its footnotes are referred
/// to), and the operative formula when there is one.
pub type Preamble<'a> = (Vec<Recital>, Vec<(usize, usize)>, Option<Unit<'a>>);

/// The recitals, and the operative formula when the document has one (`calls on …:`, or a
/// conference's `call on …,`). Without one, the operative part starts at a numbered
/// paragraph or a `regarding` heading, which is left to be read. In an `enacted` text (a
/// congressional resolution) only the enacting clause (`Resolved, That …`) starts it, and
/// numbered paragraphs before it are a recital's items.
pub fn read<'a>(
    units: &mut Units<'a>,
    enacted: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Preamble<'a>, NotAResolution> {
    // Recitals as written (with `**`), their labels, and the lines they came from.
    let mut raw: Vec<(String, Option<Label>, Warning)> = Vec::new();
    let mut formula = None;
    let mut found = false;
    while let Some(unit) = units.peek() {
        let heading = !unit.marked() && text::opens_heading(&unit.text);
        // Without a formula, the first numbered paragraph, or the first bullet that opens
        // with an operative verb (`• renew the expectation …`), starts the operative part.
        let verb_led = unit.marked() && super::words::opens_with_operative_verb(&unit.text);
        let starts = heading || (unit.numbered() && !is_numbered_recital(&unit.text)) || verb_led;
        if starts && !enacted {
            found = true;
            break;
        }
        let Some(unit) = units.next() else { break };
        let enacting = super::congress::is_enacting_clause(&unit.text);
        if !unit.marked() && (enacting || (!enacted && opens_operative(&unit.text))) {
            formula = Some(unit);
            found = true;
            break;
        }
        match raw.last_mut() {
            // A recital that stops mid-sentence was split, typically by a page break.
            Some((text, _, span))
                if !unit.marked()
                    && !text.ends_with([',', '.', ':'])
                    && !text::ends_clause(text) =>
            {
                *text = text::join([text.as_str(), unit.text.as_str()]);
                span.last_line = unit.last();
                warnings.push(unit.warn(
                    WarningKind::Note,
                    format!(
                        "joined to recital r{}, whose paragraph does not end in `,` or `;` (split by a page break?)",
                        raw.len()
                    ),
                ));
            }
            // `(1) seeks accountability …;` under `Whereas the Act …--`: the recital's items.
            Some((text, _, span)) if enacted && unit.marked() => {
                let label = unit.label.as_ref().map_or("", |l| l.text.as_str());
                *text = format!("{text} ({label}) {}", unit.text);
                span.last_line = unit.last();
            }
            _ => raw.push((
                unit.text.clone(),
                unit.label.clone(),
                unit.warn(WarningKind::Note, ""),
            )),
        }
    }
    if !found {
        return refuse(
            "no operative formula, expected a paragraph ending in `:` (like `calls on …:`), numbered operative paragraphs or `regarding …:` headings after the recitals",
        );
    }
    // Kinds are given where the document has citations, to tell them from its recitals.
    let has_citations = raw.iter().any(|(text, _, _)| is_citation(text));
    let mut recitals = Vec::new();
    let mut spans = Vec::new();
    for (text, label, span) in raw {
        spans.push((span.line, span.last_line));
        let id = format!("r{}", recitals.len() + 1);
        let (text, emphasis) = text::strip_emphasis(&text).unwrap_or_else(|| {
            warnings.push(Warning {
                message: format!("recital {id}: `**` markers do not pair up, kept as written"),
                ..span
            });
            (text, Vec::new())
        });
        let kind = has_citations.then(|| match is_citation(&text) {
            true => RecitalKind::Citation,
            false => RecitalKind::Recital,
        });
        recitals.push(Recital {
            id,
            label: label
                .filter(|l| l.kind != MarkerKind::Bullet)
                .map(|l| l.text),
            kind,
            text,
            emphasis,
            notes: Vec::new(),
        });
    }
    Ok((recitals, spans, formula))
}

/// A numbered paragraph that is a recital (`1. Recalling the Helsinki Final Act,`), as
/// documents that number every paragraph set them: an opener, no operative verb, a comma.
fn is_numbered_recital(text: &str) -> bool {
    let text = text.trim_start_matches("**");
    text.ends_with(',') && super::units::opens_recital(text) && super::words::action(text).is_none()
}

/// `having regard to …`: a citation of the texts the resolution rests on.
fn is_citation(text: &str) -> bool {
    let text = text.trim_start_matches("**");
    text.get(..13)
        .is_some_and(|head| head.eq_ignore_ascii_case("having regard"))
}

/// A paragraph that opens the operative part: one ending in `:` (`calls on …:`), or a
/// conference's formula set like a recital.
fn opens_operative(text: &str) -> bool {
    text.ends_with(':') || is_conference_formula(text)
}

/// A conference's operative formula, set like a recital: `call on the governments …,`.
fn is_conference_formula(text: &str) -> bool {
    const VERBS: [&str; 6] = ["call", "calls", "urge", "urges", "recommend", "recommends"];
    text.ends_with(',') && VERBS.contains(&text::first_word(text).as_str())
}
