//! The layout of a United States congressional resolution as the Government Publishing
//! Office sets it: a header (`[Congressional Bills 117th Congress]`, the Congress, its
//! session, `S. RES. 99`, the title), the chamber (`IN THE SENATE OF THE UNITED STATES`),
//! the dates and sponsors, `RESOLUTION` and the title again, then `Whereas …;` recitals and
//! `Resolved, That the Senate--` with its numbered paragraphs. There is no opening formula:
//! the chamber line names the body and stands in for one.

use super::masthead::Header;
use super::text::Line;
use super::{Warning, WarningKind, dates};

/// Where the parts of a congressional resolution are, in the kept lines.
pub struct Layout<'a, 'l> {
    /// The chamber line, read as the opening formula.
    pub chamber: &'a Line<'l>,
    /// The first recital (or the enacting clause, when there are none).
    pub body_at: usize,
    pub header: Header<'a, 'l>,
    /// Dates that are not the adoption's (submitted, referred, reported).
    pub removed: Vec<Warning>,
}

const CHAMBERS: [&str; 2] = [
    "IN THE SENATE OF THE UNITED STATES",
    "IN THE HOUSE OF REPRESENTATIVES",
];

/// The body a chamber line names: `United States Senate`.
pub fn chamber_body(line: &str) -> Option<&'static str> {
    match line.to_uppercase().as_str() {
        "IN THE SENATE OF THE UNITED STATES" => Some("United States Senate"),
        "IN THE HOUSE OF REPRESENTATIVES" => Some("United States House of Representatives"),
        _ => None,
    }
}

/// `Resolved, That the Senate--`, `Resolved by the House of Representatives (the Senate
/// concurring), That`: the clause that opens the operative part.
pub fn is_enacting_clause(text: &str) -> bool {
    text.strip_prefix("Resolved")
        .is_some_and(|rest| rest.starts_with(',') || rest.starts_with(" by "))
}

/// Whether a text's first lines hold a chamber line, as every congressional resolution's do.
pub fn is_congressional(lines: &[&str]) -> bool {
    lines
        .iter()
        .take(80)
        .any(|l| CHAMBERS.contains(&l.trim().to_uppercase().as_str()))
}

/// The layout, when `lines` are a congressional resolution.
pub fn read<'a, 'l>(lines: &'a [Line<'l>], within: usize) -> Option<Layout<'a, 'l>> {
    let chamber = lines
        .iter()
        .take(within)
        .position(|l| CHAMBERS.contains(&l.text.to_uppercase().as_str()))?;
    let heading = chamber
        + lines[chamber..]
            .iter()
            .position(|l| l.text.ends_with("RESOLUTION") && l.text.len() <= 24)?;
    let body_at = heading
        + lines[heading..]
            .iter()
            .position(|l| l.text.starts_with("Whereas ") || is_enacting_clause(l.text))?;
    // The adoption: the date above `… considered and agreed to`; other dates (submitted,
    // referred, reported) are not it.
    let agreed = (chamber..heading).find(|&i| lines[i].text.contains("agreed to"));
    let adopted = agreed.and_then(|a| {
        (chamber..a)
            .rev()
            .find(|&i| dates::parse_exact(lines[i].text).is_some())
    });
    let mut removed = Vec::new();
    let mut masthead: Vec<&Line> = lines[..chamber].iter().collect();
    for (i, line) in lines.iter().enumerate().take(heading + 1).skip(chamber + 1) {
        if dates::parse_exact(line.text).is_some() && Some(i) != adopted {
            removed.push(Warning {
                line: line.no,
                last_line: line.no,
                kind: WarningKind::Removed,
                message: format!(
                    "removed {:?}: a date of submission or report, not of adoption",
                    line.text
                ),
            });
        } else {
            masthead.push(line);
        }
    }
    let symbol = masthead.iter().find_map(|l| symbol_of(l.text));
    Some(Layout {
        chamber: &lines[chamber],
        body_at,
        header: Header {
            title: lines[heading + 1..body_at].iter().collect(),
            masthead,
            symbol,
        },
        removed,
    })
}

/// `S. RES. 99` → `S. Res. 99` (also `H. RES.`, `S. CON. RES.`, `H. J. RES.`).
fn symbol_of(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let (number, marks) = words.split_last()?;
    let chamber = marks.first()?;
    let numbered = number.bytes().all(|b| b.is_ascii_digit());
    let res = marks.last().is_some_and(|w| w.eq_ignore_ascii_case("RES."));
    if !(numbered && res && matches!(*chamber, "S." | "H.")) {
        return None;
    }
    let marks: Vec<String> = marks
        .iter()
        .map(|w| match w.len() {
            2 => w.to_string(),
            _ => {
                let mut chars = w.chars();
                chars.next().map_or(String::new(), |c| {
                    c.to_string() + &chars.as_str().to_lowercase()
                })
            }
        })
        .collect();
    Some(format!("{} {number}", marks.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_as_the_senate_writes_them() {
        assert_eq!(symbol_of("S. RES. 99").as_deref(), Some("S. Res. 99"));
        assert_eq!(
            symbol_of("H. CON. RES. 7").as_deref(),
            Some("H. Con. Res. 7")
        );
        assert_eq!(symbol_of("S. 99"), None);
        assert!(is_enacting_clause("Resolved, That the Senate--"));
        assert!(!is_enacting_clause("Resolvedness"));
    }
}
