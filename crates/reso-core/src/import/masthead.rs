//! The lines above the opening formula: the title block and, in UN and parliamentary
//! documents, a masthead above it (organ, document symbol, distribution date, job number,
//! session, agenda item, "Resolution adopted by … on …") of any length. Tells the title
//! from the masthead and reads the document symbol (`A/RES/80/4`, `80/4.`, `242 (1967)`).

use super::text::Line;

/// A title block longer than this many lines is taken to carry a masthead.
const TITLE_BLOCK_LINES: usize = 8;

/// The lines above the opening formula, sorted.
#[derive(Clone)]
pub struct Header<'a, 'l> {
    /// The title block: read into the title (and the adoption date it states).
    pub title: Vec<&'a Line<'l>>,
    /// Masthead lines: read for the adoption date and the symbol, then reported removed.
    pub masthead: Vec<&'a Line<'l>>,
    /// The document symbol, as the document writes it (`A/RES/80/4`, `80/4`, `242 (1967)`).
    pub symbol: Option<String>,
}

/// Splits `lines` (everything before the opening formula) into title and masthead. Without
/// a masthead (a short title block) every line is title, as before.
pub fn split<'a, 'l>(lines: &'a [Line<'l>]) -> Header<'a, 'l> {
    let symbol = lines.iter().find_map(|l| symbol_of(l.text));
    // A numbered title (`80/4. Title`, `Resolution 242 (1967)`) starts the title block.
    if let Some(at) = lines.iter().position(|l| numbered_title(l.text).is_some())
        && at > 0
    {
        return Header {
            title: lines[at..]
                .iter()
                .filter(|l| !is_masthead_line(l.text))
                .collect(),
            masthead: lines[..at]
                .iter()
                .chain(lines[at..].iter().filter(|l| is_masthead_line(l.text)))
                .collect(),
            symbol,
        };
    }
    // Paragraphs above a `Resolution on …` paragraph (a sitting's date, the document
    // numbers) are its masthead.
    let blocks = paragraphs(lines);
    let named = blocks.iter().position(|block| {
        let first = block[0].text;
        let words = block
            .iter()
            .map(|l| l.text.split_whitespace().count())
            .sum::<usize>();
        first
            .split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("resolution"))
            && words > 1
            && !is_statement(block)
    });
    if let Some(at) = named.filter(|&at| at > 0) {
        let mut header = Header {
            title: Vec::new(),
            masthead: Vec::new(),
            symbol,
        };
        for (i, block) in blocks.into_iter().enumerate() {
            match i == at {
                true => header.title.extend(block),
                false => header.masthead.extend(block),
            }
        }
        return header;
    }
    if lines.len() <= TITLE_BLOCK_LINES {
        return Header {
            title: lines.iter().collect(),
            masthead: Vec::new(),
            symbol,
        };
    }
    // Otherwise the title is the last paragraph above the formula that is not a statement
    // of the adoption or a bracketed note.
    let title_block = blocks
        .iter()
        .rposition(|block| !block.iter().all(|l| is_masthead_line(l.text)) && !is_statement(block));
    let mut header = Header {
        title: Vec::new(),
        masthead: Vec::new(),
        symbol,
    };
    for (i, block) in blocks.into_iter().enumerate() {
        match Some(i) == title_block {
            true => header.title.extend(block),
            false => header.masthead.extend(block),
        }
    }
    header
}

/// The lines in paragraphs, cut at blank lines.
fn paragraphs<'a, 'l>(lines: &'a [Line<'l>]) -> Vec<Vec<&'a Line<'l>>> {
    let mut blocks: Vec<Vec<&Line>> = Vec::new();
    for line in lines {
        match blocks.last_mut() {
            Some(block) if !line.blank_before => block.push(line),
            _ => blocks.push(vec![line]),
        }
    }
    blocks
}

/// A paragraph that states the adoption (`Resolution adopted by the General Assembly` /
/// `on 29 October 2025`), however it is wrapped.
fn is_statement(block: &[&Line]) -> bool {
    let text: Vec<&str> = block.iter().map(|l| l.text).collect();
    let lower = text.join(" ").to_lowercase();
    lower.starts_with("resolution adopted") || lower.starts_with("adopted ")
}

/// A line no title has: a bracketed note (`[without reference to a Main Committee]`), a
/// document symbol alone, a job number (`25-17552 (E)`), a bar code (`*2517552*`), the
/// distribution (`Distr.: General`), an agenda item.
fn is_masthead_line(text: &str) -> bool {
    let text = text.trim();
    let lower = text.to_lowercase();
    (text.starts_with('[') && text.ends_with(']'))
        || symbol_of(text).is_some_and(|s| s.len() == text.len())
        || (text.starts_with('*') && text.ends_with('*') && text.len() > 2)
        || lower.starts_with("distr.")
        || lower.starts_with("agenda item")
        || is_job_number(text)
}

/// `25-17552 (E)`: the UN's job number, with the language.
fn is_job_number(text: &str) -> bool {
    let head = text.split_whitespace().next().unwrap_or("");
    let Some((year, number)) = head.split_once('-') else {
        return false;
    };
    year.len() == 2
        && number.len() >= 4
        && year
            .bytes()
            .chain(number.bytes())
            .all(|b| b.is_ascii_digit())
}

/// A title that starts with the resolution's number: `80/4. Title` (gives `80/4`) or
/// `Resolution 242 (1967)` (gives `242 (1967)`), also after the organ's name.
fn numbered_title(text: &str) -> Option<String> {
    let first = text.split_whitespace().next()?;
    if let Some(symbol) = first.strip_suffix('.')
        && let Some((session, number)) = symbol.split_once('/')
        && all_digits(session)
        && all_digits(number)
    {
        return Some(symbol.to_string());
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    // `1128. Resolution`, as older General Assembly records head each resolution.
    if let [number, next, ..] = words.as_slice()
        && let Some(number) = number.strip_suffix('.')
        && all_digits(number)
        && next.eq_ignore_ascii_case("resolution")
    {
        return Some(number.to_string());
    }
    let at = words
        .iter()
        .position(|w| w.eq_ignore_ascii_case("resolution"))?;
    let number = words.get(at + 1)?;
    let year = words.get(at + 2)?;
    let year_digits = year.strip_prefix('(')?.strip_suffix(')')?;
    (all_digits(number) && year_digits.len() == 4 && all_digits(year_digits))
        .then(|| format!("{number} {year}"))
}

/// The document symbol a line holds: `A/RES/80/4`, `S/RES/242 (1967)`, the European
/// Parliament's `B4-0850/95` (the first of a list), or a numbered title's number.
pub fn symbol_of(text: &str) -> Option<String> {
    let text = text.trim();
    // `symbol: A/RES/80/1`, as a Markdown copy's front matter gives it.
    let text = text.strip_prefix("symbol:").map_or(text, str::trim);
    let first = text.split([',', ' ']).next().unwrap_or("");
    let b = first.as_bytes();
    if b.len() >= 7
        && matches!(b[0], b'A' | b'B')
        && b[1].is_ascii_digit()
        && b[2] == b'-'
        && b[3..7].iter().all(u8::is_ascii_digit)
    {
        // `B3-0947, 0951 and 0952/93`: the list's year is the first one's too.
        let year = text
            .rsplit_once('/')
            .map(|(_, y)| y.trim_end_matches(|c: char| !c.is_ascii_digit()))
            .filter(|y| (2..=4).contains(&y.len()) && all_digits(y));
        return Some(match (first.contains('/'), year) {
            (false, Some(year)) => format!("{first}/{year}"),
            _ => first.to_string(),
        });
    }
    for organ in ["A/RES/", "S/RES/"] {
        if let Some(rest) = text.strip_prefix(organ) {
            // The number, then the year in brackets if it follows (`242 (1967)`,
            // `242(1967)`); what comes after (` SC`, a title) is not the symbol's.
            let number = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '/'))
                .unwrap_or(rest.len());
            let after = &rest[number..];
            let year = after
                .trim_start()
                .strip_prefix('(')
                .and_then(|y| y.split_once(')'))
                .filter(|(y, _)| y.len() == 4 && all_digits(y))
                .map_or(0, |(y, _)| {
                    after.len() - after.trim_start().len() + y.len() + 2
                });
            let symbol = format!("{organ}{}", &rest[..number + year]);
            return (symbol.len() > organ.len()).then_some(symbol);
        }
    }
    numbered_title(text)
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The part of a symbol that tells a resolution from others of its body and year, as it goes
/// into the id: `A/RES/80/4` and `80/4` → `80-4`; `S/RES/242 (1967)` → `242`.
pub fn id_part(symbol: &str) -> String {
    let bare = symbol
        .strip_prefix("A/RES/")
        .or_else(|| symbol.strip_prefix("S/RES/"))
        .unwrap_or(symbol);
    // A year in brackets repeats the id's own year.
    let bare = match bare.find('(') {
        Some(at) => bare[..at].trim_end(),
        None => bare,
    };
    let mut part = String::new();
    for c in bare.chars() {
        if c.is_ascii_alphanumeric() {
            part.push(c.to_ascii_lowercase());
        } else if !part.ends_with('-') && !part.is_empty() {
            part.push('-');
        }
    }
    part.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line<'_>> {
        let mut blank = true;
        let mut out = Vec::new();
        for (i, t) in text.lines().enumerate() {
            if t.trim().is_empty() {
                blank = true;
                continue;
            }
            out.push(Line {
                no: i + 1,
                text: t.trim(),
                blank_before: blank,
            });
            blank = false;
        }
        out
    }

    fn texts(ls: &[&Line]) -> Vec<String> {
        ls.iter().map(|l| l.text.to_string()).collect()
    }

    #[test]
    fn a_un_masthead_is_told_from_the_numbered_title() {
        let text = "Northern Nations\nA/RES/91/3\n\nGeneral Assembly\nDistr.: General\n4 May 2036\n\n36-10001 (E)\n*3610001*\n\nNinety-first session\nAgenda item 12\nFishing in the\nnorthern seas\n\nResolution adopted by the General Assembly\non 2 May 2036\n\n[without reference to a Main Committee (A/91/L.2)]\n\n91/3. Fishing in the\nnorthern seas";
        let ls = lines(text);
        let header = split(&ls);
        assert_eq!(
            texts(&header.title),
            ["91/3. Fishing in the", "northern seas"]
        );
        assert_eq!(header.masthead.len(), ls.len() - 2);
        assert_eq!(header.symbol.as_deref(), Some("A/RES/91/3"));
    }

    #[test]
    fn without_a_numbered_title_the_last_paragraph_is_the_title() {
        let text = "Council of the North\nSecretariat\nRef. 12\nDistr. limited\nOne\nTwo\nThree\nFour\nFive\n\nResolution on fisheries\n\nAdopted on 3 March 2036";
        let ls = lines(text);
        let header = split(&ls);
        assert_eq!(texts(&header.title), ["Resolution on fisheries"]);
        assert_eq!(header.masthead.len(), 10);
    }

    #[test]
    fn a_short_title_block_is_all_title() {
        let ls = lines("Resolution\nof the 50th Session");
        let header = split(&ls);
        assert_eq!(header.title.len(), 2);
        assert!(header.masthead.is_empty());
        assert_eq!(header.symbol, None);
    }

    #[test]
    fn symbols_and_their_id_parts() {
        assert_eq!(symbol_of("A/RES/80/4").as_deref(), Some("A/RES/80/4"));
        assert_eq!(symbol_of("80/4. A title").as_deref(), Some("80/4"));
        assert_eq!(
            symbol_of("Security Council Resolution 259 (1968)").as_deref(),
            Some("259 (1968)")
        );
        assert_eq!(symbol_of("Resolution of the 43rd Session"), None);
        assert_eq!(id_part("A/RES/80/4"), "80-4");
        assert_eq!(id_part("80/4"), "80-4");
        assert_eq!(id_part("242 (1967)"), "242");
        assert_eq!(id_part("S/RES/242 (1967)"), "242");
        assert_eq!(id_part("S/RES/242(1967)"), "242");
        assert_eq!(
            symbol_of("B9-0412, 0413 and 0419/35").as_deref(),
            Some("B9-0412/35"),
            "the first of the list, in the list's year"
        );
        assert_eq!(symbol_of("B4-0850/95").as_deref(), Some("B4-0850/95"));
        assert_eq!(symbol_of("1128. Resolution").as_deref(), Some("1128"));
        assert_eq!(
            symbol_of("S/RES/242(1967) SC").as_deref(),
            Some("S/RES/242(1967)")
        );
        assert_eq!(
            symbol_of("S/RES/1380 (2001)").as_deref(),
            Some("S/RES/1380 (2001)")
        );
        assert_eq!(
            symbol_of("symbol: A/RES/80/1").as_deref(),
            Some("A/RES/80/1"),
            "a Markdown copy's front matter"
        );
        assert_eq!(id_part("B4-0850/95"), "b4-0850-95");
    }
}
