//! The user's synonyms: groups of equivalent words or phrases, as `synonyms.txt` in reso's
//! config folder writes them (one group a line, members separated by `,`, `#` starts a
//! comment; the `reso` crate reads the file).
//! A term equal to a member also matches the other members of its group, literally. A bad
//! line is reported (`FILE:LINE:COLUMN: …`) and left out, never fatal.

use std::collections::HashMap;

use super::fold::{self, Mode};
use super::spelling;

/// Groups of equivalent words or phrases, each folded and in its one spelling.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synonyms {
    groups: Vec<Vec<String>>,
    /// Member (folded) → its group.
    by_member: HashMap<String, usize>,
}

impl Synonyms {
    /// Reads the groups of `text`; `name` names the file in the problems, one per bad line.
    pub fn parse(text: &str, name: &str) -> (Synonyms, Vec<String>) {
        let mut synonyms = Synonyms::default();
        let mut problems = Vec::new();
        for (n, line) in text.lines().enumerate() {
            match parse_line(line) {
                Ok(None) => {}
                Ok(Some(members)) => synonyms.add(members),
                Err((column, what)) => problems.push(format!("{name}:{}:{column}: {what}", n + 1)),
            }
        }
        (synonyms, problems)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of groups (groups joined by a shared member count once).
    pub fn len(&self) -> usize {
        self.groups.iter().filter(|g| !g.is_empty()).count()
    }

    fn add(&mut self, members: Vec<String>) {
        // A word in two lines joins both groups into one.
        let joined: Vec<usize> = {
            let mut g: Vec<usize> = members
                .iter()
                .filter_map(|m| self.by_member.get(m).copied())
                .collect();
            g.sort_unstable();
            g.dedup();
            g
        };
        let target = match joined.first() {
            Some(&first) => first,
            None => {
                self.groups.push(Vec::new());
                self.groups.len() - 1
            }
        };
        for &other in joined.iter().skip(1).rev() {
            let moved = std::mem::take(&mut self.groups[other]);
            self.groups[target].extend(moved);
        }
        self.groups[target].extend(members);
        let group = &mut self.groups[target];
        group.sort();
        group.dedup();
        for member in group.clone() {
            self.by_member.insert(member, target);
        }
    }

    /// The other members of the group of `folded` (a term folded and in its one spelling).
    pub(crate) fn others(&self, folded: &str) -> impl Iterator<Item = &str> {
        let group = self.by_member.get(folded).map(|&g| &self.groups[g]);
        group
            .into_iter()
            .flatten()
            .map(String::as_str)
            .filter(move |m| *m != folded)
    }

    /// Whether `folded` belongs to a group.
    pub(crate) fn has(&self, folded: &str) -> bool {
        self.by_member.contains_key(folded)
    }
}

/// The members of a line, folded; `Ok(None)` for a blank or comment line; else the column
/// (1-based, in characters) and what is wrong.
fn parse_line(line: &str) -> Result<Option<Vec<String>>, (usize, String)> {
    let content = line.split('#').next().unwrap_or("");
    if content.trim().is_empty() {
        return Ok(None);
    }
    let mut members = Vec::new();
    let mut offset = 0;
    for part in content.split(',') {
        let column = content[..offset].chars().count() + 1;
        offset += part.len() + 1;
        let member = part.split_whitespace().collect::<Vec<_>>().join(" ");
        if member.is_empty() {
            return Err((column, "expected a word or phrase between commas".into()));
        }
        if let Some(c) = member.chars().find(|c| matches!(c, '"' | '!' | '^' | '\'')) {
            let at = column + part.find(c).unwrap_or(0);
            return Err((
                at,
                format!("expected plain words; `{c}` belongs to queries, not synonyms"),
            ));
        }
        members.push(spelling::rewritten(&fold::fold(&member, Mode::FoldLower)));
    }
    if members.len() < 2 {
        return Err((
            1,
            "expected two or more words or phrases separated by `,` (e.g. `grid, network`)".into(),
        ));
    }
    Ok(Some(members))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_comments_and_bad_lines() {
        let text = "# mine\ngrid, network\nBCM, Baltic Council of  Ministers # the council\n\
                    lonely\nrail,,train\ncolor, hue\n";
        let (s, problems) = Synonyms::parse(text, "syn.txt");
        assert_eq!(s.len(), 3);
        assert_eq!(s.others("grid").collect::<Vec<_>>(), ["network"]);
        assert_eq!(
            s.others("bcm").collect::<Vec<_>>(),
            ["baltic council of ministers"]
        );
        // Members are in their one spelling, like the index.
        assert_eq!(s.others("colour").collect::<Vec<_>>(), ["hue"]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("syn.txt:4:1: expected two or more"));
        assert!(problems[1].starts_with("syn.txt:5:6: expected a word"));
    }

    #[test]
    fn a_word_in_two_lines_joins_the_groups() {
        let (s, _) = Synonyms::parse("grid, network\nnetwork, web\n", "f");
        let mut others: Vec<_> = s.others("grid").collect();
        others.sort();
        assert_eq!(others, ["network", "web"]);
    }

    #[test]
    fn query_syntax_is_refused_with_its_column() {
        let (_, problems) = Synonyms::parse("grid, !network\n", "f");
        assert_eq!(
            problems,
            ["f:1:7: expected plain words; `!` belongs to queries, not synonyms"]
        );
    }
}
