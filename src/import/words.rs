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
        for word in line.split_whitespace() {
            if shouting {
                words.push(title_case(word, words.is_empty()));
            } else {
                words.push(word.to_string());
            }
        }
    }
    words.join(" ")
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
/// the title's last `of the …`.
pub fn body(formula: &str, title: &str) -> Option<String> {
    let head = formula.split(',').next().unwrap_or("").trim();
    let head = strip_article(head);
    if head.chars().next().is_some_and(char::is_uppercase) {
        return Some(head.to_string());
    }
    title
        .rfind(" of the ")
        .map(|i| title[i + 8..].trim().to_string())
        .filter(|b| !b.is_empty())
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
    // Everything after the verb: `calls on`, `call upon`, `urges`, `invites`, `requests`.
    let rest = [" upon ", " on "]
        .iter()
        .find_map(|sep| formula.split_once(sep).map(|(_, r)| r))
        .or_else(|| formula.split_once(' ').map(|(_, r)| r))
        .unwrap_or("");
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
        .all(|r| r.ends_with('s') && !r.contains(' ') && r.chars().all(char::is_lowercase));
    if roles.is_empty() || !plural_roles {
        return None;
    }
    let mut out = Vec::new();
    for entity in split_list(entities) {
        for role in &roles {
            out.push(format!(
                "{} of {entity}",
                capitalise(&role[..role.len() - 1])
            ));
        }
    }
    Some(out)
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
