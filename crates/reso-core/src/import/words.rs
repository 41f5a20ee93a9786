//! What the importer reads out of single phrases: the title's case, the body, the addressees
//! of the operative formula, the closing place line and the default id.

use super::dates;

/// The title from its lines. A line set all in capitals (`RESOLUTION`) gets ordinary title
/// case, so that `RESOLUTION` / `of the 43rd Session …` reads `Resolution of the 43rd Session …`;
/// mixed-case lines are kept as written (they hold acronyms such as `NATO`).
pub fn title(lines: &[&str]) -> String {
    let mut words = Vec::new();
    for line in lines {
        let shouting =
            line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase);
        for word in unspaced(line) {
            let word = word.as_str();
            if shouting {
                words.push(title_case(word, words.is_empty()));
            } else {
                words.push(word.to_string());
            }
        }
    }
    words.join(" ")
}

/// The words of a line, with letters set apart for emphasis joined again:
/// `R E S O L U T I O N` → `RESOLUTION`.
pub(super) fn unspaced(line: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let single = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
    for word in line.split_whitespace().chain([""]) {
        if single(word) {
            run.push(word);
            continue;
        }
        match run.len() {
            0 => {}
            // `a` or `I` alone, or two letters, are words of their own.
            1 | 2 => words.extend(run.iter().map(|w| w.to_string())),
            _ => words.push(run.concat()),
        }
        run.clear();
        if !word.is_empty() {
            words.push(word.to_string());
        }
    }
    words
}

fn title_case(word: &str, first: bool) -> String {
    let lower = word.to_lowercase();
    const SMALL: [&str; 9] = ["of", "the", "and", "in", "on", "for", "to", "a", "at"];
    if !first && SMALL.contains(&lower.as_str()) {
        return lower;
    }
    // `43RD` → `43rd`: only a leading letter is capitalised.
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() => c.to_uppercase().chain(chars).collect(),
        _ => lower,
    }
}

/// The body from the opening formula (`The Baltic Assembly,` → `Baltic Assembly`), else from
/// the title's last `of the …` or `by the …` (without an ordinal: `by the 40th Baltic Sea
/// Parliamentary Conference` → `Baltic Sea Parliamentary Conference`).
/// Small words inside a body's name (`Fishers of the North Sea`).
const LINKS: [&str; 4] = ["of", "the", "and", "for"];

pub fn body(formula: &str, title: &str) -> Option<String> {
    if let Some(chamber) = super::congress::chamber_body(formula) {
        return Some(chamber.to_string());
    }
    let head = formula
        .split(',')
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches(':');
    let head = strip_article(head);
    // `We, Lithuanian Americans having gathered …`: the capitalised words after `We,`.
    if head == "We" {
        let mut named: Vec<&str> = formula
            .split(',')
            .nth(1)
            .unwrap_or("")
            .split_whitespace()
            .take_while(|w| w.starts_with(char::is_uppercase) || LINKS.contains(w))
            .collect();
        while named.last().is_some_and(|w| LINKS.contains(w)) {
            named.pop();
        }
        return (!named.is_empty()).then(|| named.join(" "));
    }
    if head.chars().next().is_some_and(char::is_uppercase) {
        return Some(head.to_string());
    }
    let at = [" of the ", " by the "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| i + sep.len()))
        .max()?;
    let name = title[at..].trim();
    let name = match name.split_once(' ') {
        Some((first, rest)) if is_ordinal(first) => rest,
        _ => name,
    };
    (!name.is_empty()).then(|| name.to_string())
}

/// `43rd`, `1st`, `40TH`
pub fn is_ordinal(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && matches!(
            word[digits..].to_lowercase().as_str(),
            "st" | "nd" | "rd" | "th"
        )
}

/// The session number of a conference (`40th Baltic Sea Parliamentary Conference`, `40th
/// Annual Session`) or a UN resolution symbol (`99/12. Title` → 99), for titles that name no
/// `43rd Session`.
pub fn conference_number(title: &str) -> Option<u32> {
    let words: Vec<&str> = title.split_whitespace().collect();
    let ordinal = words.iter().enumerate().find_map(|(i, w)| {
        let conference = words[i + 1..].iter().take(5).any(|n| {
            let n = n.trim_end_matches([',', '.', ';']);
            n.eq_ignore_ascii_case("conference") || n.eq_ignore_ascii_case("session")
        });
        (is_ordinal(w) && conference)
            .then(|| w.trim_end_matches(char::is_alphabetic).parse().ok())?
    });
    let symbol = || {
        let (session, rest) = words.first()?.split_once('/')?;
        let number_dot = rest.strip_suffix('.')?;
        number_dot
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then_some(())?;
        session.parse().ok()
    };
    ordinal.or_else(symbol)
}

/// A UN closing with its date, on one line or two: `52nd plenary meeting 1 December 2025`.
pub fn meeting_and_date(text: &str) -> Option<(&str, time::Date)> {
    let words: Vec<&str> = text.splitn(4, ' ').collect();
    let [_, _, _, date] = words.as_slice() else {
        return None;
    };
    let meeting = text[..text.len() - date.len()].trim_end();
    // `587th plenary meeting,` / `21 November 1956.`, as older records set it.
    let date = super::dates::parse_exact(date.trim().trim_end_matches('.'))?;
    is_meeting_line(meeting).then_some((meeting, date))
}

/// A UN closing line: `38th plenary meeting`.
pub fn is_meeting_line(line: &str) -> bool {
    let lower = line.trim_end_matches(['.', ',']).to_lowercase();
    let mut words = lower.split_whitespace();
    words.next().is_some_and(is_ordinal)
        && words.next() == Some("plenary")
        && words.next() == Some("meeting")
        && words.next().is_none()
}

/// Operative verbs that open a paragraph (`Calls upon`, `Requests`), in the third person
/// and, for conference texts, the plural.
const VERBS: [&str; 64] = [
    "accepts",
    "acknowledges",
    "adopts",
    "affirms",
    "agrees",
    "appeals",
    "appreciates",
    "approves",
    "asks",
    "authorises",
    "authorizes",
    "believes",
    "calls",
    "call",
    "commends",
    "condemns",
    "confirms",
    "considers",
    "decides",
    "declares",
    "demands",
    "deplores",
    "emphasises",
    "emphasizes",
    "encourages",
    "encourage",
    "endorses",
    "expresses",
    "highlights",
    "insists",
    "instructs",
    "invites",
    "invite",
    "notes",
    "proclaims",
    "reaffirms",
    "recognises",
    "recognizes",
    "recommends",
    "recommend",
    "regrets",
    "reiterates",
    "reminds",
    "renews",
    "requests",
    "request",
    "resolves",
    "stresses",
    "supports",
    "takes",
    "underlines",
    "urges",
    "urge",
    "welcomes",
    "welcome",
    "mandates",
    "entrusts",
    "condemn",
    "recalls",
    "continues",
    "draws",
    "observes",
    "underscores",
    "deems",
];
/// The plural forms a conference's participants write (`• renew the expectation …`), beside
/// those of [`VERBS`].
const PLURAL_VERBS: [&str; 22] = [
    "acknowledge",
    "affirm",
    "agree",
    "ask",
    "commend",
    "consider",
    "decide",
    "emphasise",
    "emphasize",
    "endorse",
    "express",
    "highlight",
    "note",
    "reaffirm",
    "recognise",
    "recognize",
    "regret",
    "reiterate",
    "renew",
    "stress",
    "support",
    "underline",
];

/// Whether a paragraph opens with an operative verb (`Notes …`, `• renew …`, `welcome …`):
/// where a document without an operative formula starts its operative part.
pub fn opens_with_operative_verb(text: &str) -> bool {
    let first = text
        .trim_start_matches("**")
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', ';', ':'])
        .to_lowercase();
    VERBS.contains(&first.as_str()) || PLURAL_VERBS.contains(&first.as_str())
}

/// Of those, the verbs whose object is whom they ask to act.
const ADDRESSING: [&str; 18] = [
    "appeals",
    "asks",
    "authorises",
    "authorizes",
    "calls",
    "call",
    "encourages",
    "encourage",
    "instructs",
    "invites",
    "invite",
    "recommends",
    "recommend",
    "reminds",
    "requests",
    "request",
    "urges",
    "urge",
];
/// Words that may stand before the verb (`Further requests`, `Strongly urges`).
const ADVERBS: [&str; 7] = [
    "also", "further", "again", "strongly", "once", "firmly", "warmly",
];

/// The operative verb phrase a paragraph opens with, capitalised as the document sets
/// operative paragraphs: `Calls upon`, `Takes note`, `Further requests`, `Decides`.
pub fn action(text: &str) -> Option<String> {
    if !text.starts_with(char::is_uppercase) {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().take(4).collect();
    let bare = |w: &str| w.trim_end_matches([',', ';', ':']).to_lowercase();
    let mut n = usize::from(
        words
            .first()
            .is_some_and(|w| ADVERBS.contains(&bare(w).as_str())),
    );
    if n == 1 && words.get(1).is_some_and(|w| bare(w) == "again") {
        n = 2;
    }
    let verb = bare(words.get(n)?);
    if !VERBS.contains(&verb.as_str()) {
        return None;
    }
    n += 1;
    let particle = words.get(n).map(|w| bare(w));
    let takes_particle = matches!(
        (verb.as_str(), particle.as_deref()),
        ("calls" | "call", Some("on" | "upon"))
            | ("takes", Some("note"))
            | ("appeals" | "recommends" | "recommend", Some("to"))
    );
    if takes_particle {
        n += 1;
    }
    // `Continues to welcome`, `Draws attention`: the verb's phrase is its meaning.
    match (verb.as_str(), particle.as_deref()) {
        ("continues", Some("to")) if words.len() > n + 1 => n += 2,
        ("draws", Some("attention")) => n += 1,
        _ => {}
    }
    let phrase = words[..n].join(" ");
    let phrase = phrase.trim_end_matches([',', ';', ':']);
    text.starts_with(phrase).then(|| phrase.to_string())
}

/// Whom a paragraph opening with `action` asks to act, as written: the words after the verb
/// up to `to` + verb, `that`, `;` or `:` (`Requests the Secretary-General to:` → `the
/// Secretary-General`). `None` for verbs that ask no one, or when no such end is found.
pub fn addressee(text: &str, action: &str) -> Option<String> {
    let verb = action
        .split_whitespace()
        .find(|w| VERBS.contains(&w.to_lowercase().as_str()))?
        .to_lowercase();
    if !ADDRESSING.contains(&verb.as_str()) {
        return None;
    }
    let rest = text.get(action.len()..)?.trim_start();
    let ends = [" to ", " that ", ";", ":", " to:", ","];
    let end = ends.iter().filter_map(|e| rest.find(e)).min()?;
    let end = if rest[end..].starts_with(',') {
        // A list of addressees goes on after commas; stop only where `to` follows.
        rest.find(" to ").or_else(|| rest.find([';', ':']))?
    } else {
        end
    };
    let phrase = rest[..end].trim().trim_end_matches(',');
    let words = phrase.split_whitespace().count();
    ((1..=16).contains(&words) && !phrase.starts_with("to ")).then(|| phrase.to_string())
}

/// Whether a paragraph is a formula calling on someone (`calls on …:`, `urges …:`).
pub fn calls_on(paragraph: &str) -> bool {
    let first = paragraph
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    ADDRESSING.contains(&first.as_str())
}

fn strip_article(text: &str) -> &str {
    ["The ", "the "]
        .iter()
        .find_map(|a| text.strip_prefix(a))
        .unwrap_or(text)
}

/// Lower-case initials of the body's capitalised words: `Baltic Assembly` → `ba`.
pub fn initials(body: &str) -> String {
    body.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .flat_map(char::to_lowercase)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The addressees named by an operative formula. `calls on the parliaments and governments
/// of the Republic of Estonia, the Republic of Latvia, and the Republic of Lithuania, as well
/// as the Baltic Council of Ministers:` names each parliament and government of each
/// republic (republic by republic), then the Council. Empty when the formula has no `on`.
pub fn addressees(formula: &str) -> Vec<String> {
    let formula = formula.trim().trim_end_matches(':').trim();
    // `calls on the Council to:`: the list's own `to` is not part of the last name.
    let formula = formula.strip_suffix(" to").unwrap_or(formula);
    // Everything after the verb: `calls on`, `call upon` (an `on` after another word, as in
    // `attention on the following aspects`, is not the call), `urges`, `invites`,
    // `proposes to`.
    let called = [" upon ", " on "].iter().find_map(|sep| {
        formula.match_indices(sep).find_map(|(at, _)| {
            let before = formula[..at].rsplit(' ').next().unwrap_or("");
            matches!(before.to_lowercase().as_str(), "calls" | "call" | "called")
                .then(|| &formula[at + sep.len()..])
        })
    });
    // Otherwise whom an operative verb asks (`urges the Council …`); a formula that opens
    // with anything else (`Now therefore be it resolved that:`) names no one.
    let rest = called
        .or_else(|| {
            formula
                .split_once(' ')
                .filter(|(verb, _)| {
                    opens_with_operative_verb(verb) || matches!(*verb, "proposes" | "propose")
                })
                .map(|(_, r)| r)
        })
        .unwrap_or("");
    let rest = rest.strip_prefix("to ").unwrap_or(rest);
    // `recommends that the Council develop …`: a clause, not a list of whom it calls on.
    if rest.starts_with("that ") || rest.starts_with("that\u{a0}") {
        return Vec::new();
    }
    // `proposes to the Council that it negotiate …`: whom, up to what it is asked.
    let rest = rest.split_once(" that ").map_or(rest, |(whom, _)| whom);
    let mut out = Vec::new();
    for group in rest.split(" as well as ") {
        let group = group.trim().trim_end_matches(',').trim();
        if group.is_empty() {
            continue;
        }
        match distributed(group) {
            Some(mut names) => out.append(&mut names),
            None => out.extend(
                split_list(group)
                    .into_iter()
                    .map(|a| capitalise(strip_article(a))),
            ),
        }
    }
    out
}

/// `the parliaments and governments of A, B and C` → each role of each entity, or `None` when
/// the group does not start with lower-case plural roles.
fn distributed(group: &str) -> Option<Vec<String>> {
    let (roles, entities) = strip_article(group).split_once(" of ")?;
    let roles: Vec<&str> = roles
        .split(" and ")
        .flat_map(|r| r.split(", "))
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .collect();
    let plural_roles = roles
        .iter()
        .all(|r| r.ends_with('s') && !r.contains(' ') && r.chars().skip(1).all(char::is_lowercase));
    if roles.is_empty() || !plural_roles {
        return None;
    }
    let mut entities = split_list(entities);
    if entities.len() == 1 {
        // Plain names: `Estonia, Latvia and Lithuania`.
        entities = split_names(entities[0]);
    }
    let mut out = Vec::new();
    for entity in entities {
        for role in &roles {
            out.push(format!("{} of {entity}", capitalise(&singular(role))));
        }
    }
    Some(out)
}

/// `Estonia, Latvia and Lithuania` → each name; a name of several words (`Republic of
/// Estonia` without `the`) is one item only when no word of it starts in lower case but
/// `of`.
fn split_names(list: &str) -> Vec<&str> {
    let names: Vec<&str> = list
        .split(", and ")
        .flat_map(|p| p.split(", "))
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    let proper = names.iter().all(|n| {
        n.split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) || w == "of")
    });
    if proper { names } else { vec![list] }
}

/// `parliaments` → `parliament`, `ministries` → `ministry`.
fn singular(role: &str) -> String {
    match role.strip_suffix("ies") {
        Some(stem) => format!("{stem}y"),
        None => role[..role.len() - 1].to_string(),
    }
}

/// Splits `A, B, and C` where each item starts with `the` (so that `Ministry of Economy and
/// Innovation` stays whole).
fn split_list(list: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut start = 0;
    let bytes = list;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let sep = [", and ", ", ", " and "]
            .iter()
            .find(|sep| rest.starts_with(**sep) && starts_an_item(&rest[sep.len()..]));
        if let Some(sep) = sep {
            items.push(list[start..i].trim());
            i += sep.len();
            start = i;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    items.push(list[start..].trim());
    items.retain(|item| !item.is_empty());
    items
}

fn starts_an_item(text: &str) -> bool {
    text.starts_with("the ") || text.starts_with("The ")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The closing line `Vilnius, 18 October 2024` (also `Done at Vilnius, …` and
/// `18 October 2024, Vilnius`) as place and `YYYY-MM-DD`.
pub fn closing_line(line: &str) -> Option<(String, String)> {
    let (left, right) = line.trim().trim_end_matches('.').split_once(',')?;
    let (place, date) = match dates::parse_exact(right) {
        Some(date) => (left, date),
        None => (right, dates::parse_exact(left)?),
    };
    let place = [
        "Done at ",
        "Done in ",
        "Adopted at ",
        "Adopted in ",
        "Signed at ",
        "Signed in ",
    ]
    .iter()
    .find_map(|p| place.trim().strip_prefix(p))
    .unwrap_or(place.trim());
    let words: Vec<&str> = place.split_whitespace().collect();
    let looks_like_place = !words.is_empty()
        && words.len() <= 4
        && words[0].starts_with(char::is_uppercase)
        && !place.chars().any(|c| c.is_ascii_digit());
    looks_like_place.then(|| (place.to_string(), dates::iso(date)))
}

/// The place named by `in Vilnius` in a recital, for when there is no closing line.
pub fn place_in(text: &str) -> Option<String> {
    let mut words = text.split_whitespace();
    while let Some(word) = words.next() {
        if word == "in" {
            let next = words.clone().next()?;
            let name = next.trim_end_matches([',', '.', ';']);
            if name.starts_with(char::is_uppercase) && name.chars().all(char::is_alphabetic) {
                return Some(name.to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_only_for_lines_in_capitals() {
        assert_eq!(
            title(&["RESOLUTION", "of the 43rd Session of the Baltic Assembly"]),
            "Resolution of the 43rd Session of the Baltic Assembly"
        );
        assert_eq!(
            title(&["RESOLUTION OF THE 43RD SESSION OF THE BALTIC ASSEMBLY"]),
            "Resolution of the 43rd Session of the Baltic Assembly"
        );
        assert_eq!(title(&["Resolution on NATO"]), "Resolution on NATO");
        assert_eq!(
            title(&["R E S O L U T I O N", "ON THE SEA"]),
            "Resolution on the Sea",
            "letters set apart for emphasis"
        );
        assert_eq!(title(&["Plan A for a B road"]), "Plan A for a B road");
    }

    #[test]
    fn addressees_of_the_seed_formula() {
        let got = addressees(
            "calls on the parliaments and governments of the Republic of Estonia, the Republic of Latvia, and the Republic of Lithuania, as well as the Baltic Council of Ministers:",
        );
        assert_eq!(
            got,
            [
                "Parliament of the Republic of Estonia",
                "Government of the Republic of Estonia",
                "Parliament of the Republic of Latvia",
                "Government of the Republic of Latvia",
                "Parliament of the Republic of Lithuania",
                "Government of the Republic of Lithuania",
                "Baltic Council of Ministers",
            ]
        );
    }

    #[test]
    fn addressees_without_roles_stay_whole() {
        assert_eq!(
            addressees(
                "urges the Nordic Council of Ministers and the Ministry of Economy and Innovation:"
            ),
            [
                "Nordic Council of Ministers",
                "Ministry of Economy and Innovation"
            ]
        );
        assert_eq!(
            addressees("Calls upon the governments of the Baltic States:"),
            ["Government of the Baltic States"]
        );
    }

    #[test]
    fn addressee_lists_of_plain_names_split() {
        assert_eq!(
            addressees(
                "recommends to the Parliaments and Governments of Estonia, Latvia and Lithuania:"
            ),
            [
                "Parliament of Estonia",
                "Government of Estonia",
                "Parliament of Latvia",
                "Government of Latvia",
                "Parliament of Lithuania",
                "Government of Lithuania",
            ]
        );
        assert_eq!(
            addressees("calls on the ministries of health of the Baltic States:"),
            ["Ministry of health of the Baltic States"]
        );
    }

    #[test]
    fn actions_and_addressees_of_operative_paragraphs() {
        let text = "Requests the Secretary-General to:";
        assert_eq!(action(text).as_deref(), Some("Requests"));
        assert_eq!(
            addressee(text, "Requests").as_deref(),
            Some("the Secretary-General")
        );
        let text = "Calls upon the Member States of the region to protect the sea;";
        assert_eq!(action(text).as_deref(), Some("Calls upon"));
        assert_eq!(
            addressee(text, "Calls upon").as_deref(),
            Some("the Member States of the region")
        );
        let text = "Encourages the Commission, the Council and the Member States to act;";
        assert_eq!(
            addressee(text, "Encourages").as_deref(),
            Some("the Commission, the Council and the Member States")
        );
        assert_eq!(
            action("Takes note of the report;").as_deref(),
            Some("Takes note")
        );
        assert_eq!(
            action("Further requests the Commission to report;").as_deref(),
            Some("Further requests")
        );
        assert_eq!(addressee("Welcomes the report;", "Welcomes"), None);
        assert_eq!(action("to start discussions;"), None);
        assert_eq!(action("The Assembly notes"), None);
    }

    #[test]
    fn meeting_lines_ordinals_and_conference_numbers() {
        assert!(is_meeting_line("38th plenary meeting"));
        assert!(!is_meeting_line("38th plenary meeting of the year"));
        assert_eq!(
            conference_number("Resolution adopted by the 40th Baltic Sea Parliamentary Conference"),
            Some(40)
        );
        assert_eq!(conference_number("99/12. Regional cooperation"), Some(99));
        assert_eq!(conference_number("Resolution on the sea"), None);
        assert_eq!(
            body(
                "The participants,",
                "Resolution adopted by the 40th Baltic Sea Parliamentary Conference"
            )
            .as_deref(),
            Some("Baltic Sea Parliamentary Conference")
        );
    }

    #[test]
    fn closing_lines_and_lookalikes() {
        let ok = |p: &str, d: &str| Some((p.to_string(), d.to_string()));
        assert_eq!(
            closing_line("Vilnius, 18 October 2024"),
            ok("Vilnius", "2024-10-18")
        );
        assert_eq!(
            closing_line("Done at Riga, 2 December 2022."),
            ok("Riga", "2022-12-02")
        );
        assert_eq!(
            closing_line("18 October 2024, Vilnius"),
            ok("Vilnius", "2024-10-18")
        );
        assert_eq!(
            closing_line("Vilnius, October 18, 2024"),
            ok("Vilnius", "2024-10-18")
        );
        assert_eq!(closing_line("to meet, 18 October 2024"), None);
        assert_eq!(closing_line("Vilnius, in October 2024"), None);
    }

    #[test]
    fn body_initials_and_places() {
        assert_eq!(
            body("The Baltic Assembly,", "").as_deref(),
            Some("Baltic Assembly")
        );
        assert_eq!(
            body("having met,", "Resolution of the Nordic Council").as_deref(),
            Some("Nordic Council")
        );
        assert_eq!(initials("Baltic Assembly"), "ba");
        assert_eq!(
            initials("Parliamentary Assembly of the Council of Europe"),
            "pace"
        );
        assert_eq!(
            place_in("on 17–18 October 2024 in Vilnius, the Republic of Lithuania,").as_deref(),
            Some("Vilnius")
        );
    }
}
