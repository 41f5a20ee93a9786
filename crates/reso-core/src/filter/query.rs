//! The query language: parsing a query line into text terms and follow-up fields. Knows
//! nothing of the index; errors name the token that is wrong and what was expected.

use std::fmt;

use time::Date;

use super::fold::{self, Mode};
use super::spelling;
use super::when::DateSpec;
use crate::followups::Status;

/// A text term: matched against an item's text, reference, area heading/title and note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term as typed, without its `!`, `^`, `'` prefixes.
    pub text: String,
    /// `text` folded to lower-case ASCII, its words in their one spelling: what the
    /// pre-built index is searched with.
    pub folded: String,
    /// How the text is compared (smart case, accent folding).
    pub mode: Mode,
    /// `!term`: items where the term matches are left out.
    pub exclude: bool,
    /// `'term`: literal only, never typo-tolerant.
    pub literal: bool,
    /// `^term`: only at the start of the item's text.
    pub at_start: bool,
    /// `"a phrase"`: the words in this order, literally (no typos, no other word forms).
    pub quoted: bool,
}

/// A comparison of the due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueOp {
    Before,
    BeforeOrOn,
    On,
    AfterOrOn,
    After,
}

/// The query language, one form a line: (example, what it does). Shown by `?` in the
/// browser, `reso search --help` and `reso man`; new fields get a line here.
pub const LANGUAGE: &[(&str, &str)] = &[
    (
        "rail baltica",
        "every term: text, reference, area heading, note",
    ),
    (
        "\"cyber security\"",
        "these words side by side, in this order",
    ),
    ("!centre", "leave out what the commitment itself says"),
    ("'nato", "literally: never a typo match"),
    ("^to", "at the start of the text"),
    ("is:open", "status: open in-progress waiting done dropped"),
    ("is:marked", "has a follow-up"),
    (
        "owner:NAME",
        "owner: start of the name or a word of it; owner:\"A B\"",
    ),
    ("has:note", "also has:owner, has:due"),
    ("due<2025-01-31", "due date; also due<= due: due>= due>"),
    ("overdue", "due before today, neither done nor dropped"),
    (
        "changed>-14d",
        "changed since; also changed>= changed: YYYY-MM-DD",
    ),
    ("by:NAME", "changed by that login (start of it)"),
    (
        "action:urges",
        "a word of the commitment's action (Urges, Calls upon)",
    ),
    (
        "addressee:WORD",
        "a word of whom it asks to act, e.g. addressee:secretary",
    ),
];

/// What every term does besides, a line each (at most 78 characters).
pub const LANGUAGE_NOTES: &[&str] = &[
    "Spelling variants and word forms match: color/colour, harmonise/harmonizing.",
    "Words side by side rank first. A typo (hydrgen) matches the word it meant.",
    "When none has every term, the closest are shown with the terms they miss.",
    "Your synonyms: synonyms.txt in reso's config folder, e.g. `grid, network`.",
];

/// The query language as plain text, for `--help` and the manual page.
pub fn language_help() -> String {
    let mut out = String::from("Query language:\n");
    for (example, meaning) in LANGUAGE {
        out.push_str(&format!("  {example:<18}{meaning}\n"));
    }
    for note in LANGUAGE_NOTES {
        out.push_str(&format!("{note}\n"));
    }
    out
}

/// A follow-up field of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// `is:marked`: the item has a follow-up.
    Marked,
    /// `is:open`, `is:done`, …: the follow-up has this status.
    Status(Status),
    /// `owner:NAME`: the owner starts with NAME (case and accents ignored).
    Owner(String),
    /// `has:note`.
    HasNote,
    /// `has:owner`.
    HasOwner,
    /// `has:due`.
    HasDue,
    /// `due<DATE`, `due<=DATE`, `due:DATE`, `due>=DATE`, `due>DATE`.
    Due(DueOp, Date),
    /// `overdue`: due before today and neither done nor dropped.
    Overdue,
    /// `changed>DATE`, `changed>=DATE`, `changed:DATE`: some recorded change of the
    /// follow-up is after, on or after, on DATE; `changed<DATE`, `changed<=DATE`: the last
    /// one is before (unchanged since). DATE is `YYYY-MM-DD`, `-14d` or `-2w`.
    Changed(DueOp, DateSpec),
    /// `by:NAME`: a recorded change was made by NAME (the start of the login or of any word
    /// of it, case and accents ignored).
    By(String),
    /// `action:WORD`: a word of the commitment's action (`Urges`) starts with WORD (folded).
    /// A fact of the commitment, not of its follow-up.
    Action(String),
    /// `addressee:WORD`: a word of whom the commitment asks to act starts with WORD.
    Addressee(String),
}

impl Field {
    /// Whether the field reads the commitment itself rather than its follow-up.
    pub fn is_item_field(&self) -> bool {
        matches!(self, Field::Action(_) | Field::Addressee(_))
    }
}

/// A follow-up field, possibly negated with `!`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldTerm {
    pub field: Field,
    pub negate: bool,
}

/// A parsed query. The empty query matches every item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Text terms in the order typed.
    pub terms: Vec<Term>,
    /// Follow-up fields in the order typed.
    pub fields: Vec<FieldTerm>,
}

/// Why a query could not be parsed; the message names the token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct QueryError {
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

fn error(message: String) -> QueryError {
    QueryError { message }
}

impl Query {
    /// Parses a query line: space-separated terms that must all match; `!term` excludes,
    /// `'term` is literal only, `^term` must start the text, `"two words"` is a phrase;
    /// `is:STATUS`, `is:marked`, `owner:NAME`, `has:note`, `due<YYYY-MM-DD` (`<=`, `:`,
    /// `>=`, `>`), `overdue`, `changed>DATE` (also `-14d`) and `by:NAME` test follow-ups. A
    /// bare `!`, `^`, `'` or `"` (half-typed) is ignored, and so is a missing closing `"`.
    pub fn parse(line: &str) -> Result<Query, QueryError> {
        let mut query = Query::default();
        let mut rest = line;
        while let Some(token) = next_token(&mut rest) {
            if !token.quoted
                && !token.literal
                && !token.at_start
                && let Some(field) = parse_field(token.text)?
            {
                query.fields.push(FieldTerm {
                    field,
                    negate: token.exclude,
                });
                continue;
            }
            // Inside quotes, any run of spaces stands for one, as folding makes it in texts.
            let text = token.text.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.is_empty() {
                continue;
            }
            query.terms.push(Term {
                folded: spelling::rewritten(&fold::fold(&text, Mode::FoldLower)),
                mode: Mode::for_term(&text),
                exclude: token.exclude,
                literal: token.literal || token.quoted,
                at_start: token.at_start,
                quoted: token.quoted,
                text,
            });
        }
        Ok(query)
    }

    /// True when the query has neither terms nor fields.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.fields.is_empty()
    }
}

/// One token of a query line, its prefixes taken off.
struct Token<'a> {
    text: &'a str,
    exclude: bool,
    literal: bool,
    at_start: bool,
    quoted: bool,
}

/// Straight and typographic double quotes open and close a phrase.
pub fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}')
}

/// Takes the next token off `rest`: `!` (first), then `'` and `^` in any order, then a
/// word up to the next space, or a phrase up to the closing quote (or the end of the line).
fn next_token<'a>(rest: &mut &'a str) -> Option<Token<'a>> {
    let line = rest.trim_start();
    if line.is_empty() {
        return None;
    }
    let mut s = line;
    let exclude = match s.strip_prefix('!') {
        Some(r) => {
            s = r;
            true
        }
        None => false,
    };
    let (mut literal, mut at_start) = (false, false);
    loop {
        if let Some(r) = s.strip_prefix('\'').filter(|_| !literal) {
            literal = true;
            s = r;
        } else if let Some(r) = s.strip_prefix('^').filter(|_| !at_start) {
            at_start = true;
            s = r;
        } else {
            break;
        }
    }
    let quote = s.chars().next().filter(|&c| is_quote(c));
    let (text, after) = match quote {
        Some(q) => {
            let inside = &s[q.len_utf8()..];
            match inside.find(is_quote) {
                Some(end) => {
                    let close = inside[end..].chars().next().map_or(1, char::len_utf8);
                    (&inside[..end], &inside[end + close..])
                }
                None => (inside, ""),
            }
        }
        None => {
            let end = match quoted_value_start(s) {
                // `owner:"Foreign Affairs"`: the name runs to its closing quote.
                Some(open) => {
                    let inside = &s[open..];
                    let first = inside.chars().next().map_or(1, char::len_utf8);
                    match inside[first..].find(is_quote) {
                        Some(close) => {
                            let at = first + close;
                            open + at + inside[at..].chars().next().map_or(1, char::len_utf8)
                        }
                        None => s.len(),
                    }
                }
                None => s.find(char::is_whitespace).unwrap_or(s.len()),
            };
            (&s[..end], &s[end..])
        }
    };
    *rest = after;
    Some(Token {
        text,
        exclude,
        literal,
        at_start,
        quoted: quote.is_some(),
    })
}

/// Where the quoted value of a name field starts (`owner:"`, `by:"`, `action:"`,
/// `addressee:"`), so that a name with spaces is one token.
fn quoted_value_start(s: &str) -> Option<usize> {
    let colon = s.find(':')?;
    let field = s[..colon].to_ascii_lowercase();
    let value = &s[colon + 1..];
    (NAME_FIELDS.contains(&field.as_str()) && value.starts_with(is_quote)).then_some(colon + 1)
}

/// Fields whose value is a name, which may be quoted.
const NAME_FIELDS: [&str; 4] = ["owner", "by", "action", "addressee"];

/// A name field's value without its quotes, folded; `None` when empty.
fn name_value(value: &str) -> Option<String> {
    let name = value.trim_matches(is_quote).trim();
    (!name.is_empty()).then(|| fold::fold(name, Mode::FoldLower))
}

/// A field token, `Ok(None)` when the token is text. New fields go here: each is a word
/// followed by `:` (or a comparison) and a value.
fn parse_field(token: &str) -> Result<Option<Field>, QueryError> {
    let lower = token.to_ascii_lowercase();
    if lower == "overdue" {
        return Ok(Some(Field::Overdue));
    }
    if let Some(value) = lower.strip_prefix("is:") {
        return match value {
            "marked" => Ok(Some(Field::Marked)),
            _ => match Status::parse(value) {
                Some(s) => Ok(Some(Field::Status(s))),
                None => Err(error(format!(
                    "{token}: expected is:marked or is:STATUS with STATUS one of {}",
                    Status::names()
                ))),
            },
        };
    }
    if let Some(value) = lower.strip_prefix("has:") {
        return match value {
            "note" => Ok(Some(Field::HasNote)),
            "owner" => Ok(Some(Field::HasOwner)),
            "due" => Ok(Some(Field::HasDue)),
            _ => Err(error(format!(
                "{token}: expected has:note, has:owner or has:due"
            ))),
        };
    }
    if lower.starts_with("owner:") {
        return match name_value(&token["owner:".len()..]) {
            Some(name) => Ok(Some(Field::Owner(name))),
            None => Err(error(format!("{token}: expected owner:NAME"))),
        };
    }
    if let Some(rest) = lower.strip_prefix("due") {
        let ops = [
            ("<=", DueOp::BeforeOrOn),
            (">=", DueOp::AfterOrOn),
            ("<", DueOp::Before),
            (">", DueOp::After),
            (":", DueOp::On),
            ("=", DueOp::On),
        ];
        if let Some((op, value)) = ops
            .iter()
            .find_map(|(s, op)| rest.strip_prefix(s).map(|v| (*op, v)))
        {
            return parse_date(value)
                .map(|date| Some(Field::Due(op, date)))
                .ok_or_else(|| {
                    error(format!(
                        "{token}: expected a date YYYY-MM-DD after due<, due<=, due:, due>= or due>"
                    ))
                });
        }
    }
    for (prefix, make) in [
        ("action:", Field::Action as fn(String) -> Field),
        ("addressee:", Field::Addressee),
    ] {
        if lower.starts_with(prefix) {
            return match name_value(&token[prefix.len()..]) {
                Some(word) => Ok(Some(make(word))),
                None => Err(error(format!("{token}: expected {prefix}WORD"))),
            };
        }
    }
    if let Some(field) = parse_change_field(token, &lower)? {
        return Ok(Some(field));
    }
    Ok(None)
}

/// `changed…DATE` and `by:NAME`, `Ok(None)` when the token is neither.
fn parse_change_field(token: &str, lower: &str) -> Result<Option<Field>, QueryError> {
    if lower.starts_with("by:") {
        return match name_value(&token["by:".len()..]) {
            Some(name) => Ok(Some(Field::By(name))),
            None => Err(error(format!("{token}: expected by:NAME"))),
        };
    }
    let Some(rest) = lower.strip_prefix("changed") else {
        return Ok(None);
    };
    let ops = [
        ("<=", DueOp::BeforeOrOn),
        (">=", DueOp::AfterOrOn),
        ("<", DueOp::Before),
        (">", DueOp::After),
        (":", DueOp::On),
        ("=", DueOp::On),
    ];
    let Some((op, value)) = ops
        .iter()
        .find_map(|(s, op)| rest.strip_prefix(s).map(|v| (*op, v)))
    else {
        return Ok(None);
    };
    DateSpec::parse(value)
        .map(|date| Some(Field::Changed(op, date)))
        .ok_or_else(|| {
            error(format!(
                "{token}: expected a date YYYY-MM-DD, -14d or -2w after changed>, changed>=, changed:, changed<= or changed<"
            ))
        })
}

/// A calendar date written `YYYY-MM-DD`: the one parser, shared with the files.
pub use crate::date::parse_iso as parse_date;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_name_is_one_field() {
        let q = Query::parse(r#"owner:"Foreign Affairs" rail by:“Anna K” !owner:"x"#).unwrap();
        let fields: Vec<_> = q
            .fields
            .iter()
            .map(|f| (f.field.clone(), f.negate))
            .collect();
        assert_eq!(
            fields,
            vec![
                (Field::Owner("foreign affairs".into()), false),
                (Field::By("anna k".into()), false),
                (Field::Owner("x".into()), true),
            ]
        );
        assert_eq!(q.terms.len(), 1);
        assert_eq!(q.terms[0].text, "rail");
        assert!(Query::parse(r#"owner:"""#).is_err(), "an empty name");
    }

    #[test]
    fn splits_terms_and_prefixes() {
        let q = Query::parse("  rail !centre 'nato ^to !'x ").unwrap();
        let t: Vec<_> = q
            .terms
            .iter()
            .map(|t| (t.text.as_str(), t.exclude, t.literal, t.at_start))
            .collect();
        assert_eq!(
            t,
            vec![
                ("rail", false, false, false),
                ("centre", true, false, false),
                ("nato", false, true, false),
                ("to", false, false, true),
                ("x", true, true, false),
            ]
        );
    }

    #[test]
    fn half_typed_prefixes_are_ignored() {
        assert!(Query::parse("! ^ ' !^").unwrap().is_empty());
    }

    #[test]
    fn terms_are_folded_and_smart_cased() {
        let q = Query::parse("Suwałki parnu").unwrap();
        assert_eq!(q.terms[0].folded, "suwalki");
        assert_eq!(q.terms[0].mode, Mode::Exact);
        assert_eq!(q.terms[1].mode, Mode::FoldLower);
    }

    #[test]
    fn parses_followup_fields() {
        let q = Query::parse(
            "is:open !is:done owner:Desk has:note due<2025-01-31 due:2025-02-01 overdue hydrogen",
        )
        .unwrap();
        assert_eq!(q.terms.len(), 1);
        assert_eq!(
            q.fields,
            vec![
                FieldTerm {
                    field: Field::Status(Status::Open),
                    negate: false
                },
                FieldTerm {
                    field: Field::Status(Status::Done),
                    negate: true
                },
                FieldTerm {
                    field: Field::Owner("desk".into()),
                    negate: false
                },
                FieldTerm {
                    field: Field::HasNote,
                    negate: false
                },
                FieldTerm {
                    field: Field::Due(DueOp::Before, parse_date("2025-01-31").unwrap()),
                    negate: false
                },
                FieldTerm {
                    field: Field::Due(DueOp::On, parse_date("2025-02-01").unwrap()),
                    negate: false
                },
                FieldTerm {
                    field: Field::Overdue,
                    negate: false
                },
            ]
        );
    }

    #[test]
    fn malformed_fields_are_errors_naming_the_token() {
        for bad in [
            "due<2025-13-01",
            "due>2025-1-1",
            "is:closed",
            "has:x",
            "owner:",
            "due:",
        ] {
            let e = Query::parse(&format!("nato {bad}")).unwrap_err();
            assert!(e.message.starts_with(bad), "{bad}: {e}");
        }
    }

    #[test]
    fn parses_change_fields() {
        let q =
            Query::parse("changed>=2026-11-15 !changed>-14d changed:-2w By:Anna changed").unwrap();
        let fields: Vec<_> = q
            .fields
            .iter()
            .map(|f| (f.field.clone(), f.negate))
            .collect();
        assert_eq!(
            fields,
            vec![
                (
                    Field::Changed(
                        DueOp::AfterOrOn,
                        DateSpec::On(parse_date("2026-11-15").unwrap())
                    ),
                    false
                ),
                (Field::Changed(DueOp::After, DateSpec::DaysAgo(14)), true),
                (Field::Changed(DueOp::On, DateSpec::DaysAgo(14)), false),
                (Field::By("anna".into()), false),
            ]
        );
        assert_eq!(q.terms.len(), 1, "a bare `changed` is a word");
        for bad in ["changed>", "changed:yesterday", "changed<-3", "by:"] {
            let e = Query::parse(bad).unwrap_err();
            assert!(e.message.starts_with(bad), "{bad}: {e}");
        }
    }

    #[test]
    fn double_quotes_make_a_phrase() {
        let q = Query::parse("!\"cyber  security\" 'nato \"energy sec").unwrap();
        let t: Vec<_> = q
            .terms
            .iter()
            .map(|t| (t.text.as_str(), t.exclude, t.quoted, t.literal))
            .collect();
        assert_eq!(
            t,
            vec![
                ("cyber security", true, true, true),
                ("nato", false, false, true),
                ("energy sec", false, true, true),
            ]
        );
        assert!(Query::parse("\" \"\"").unwrap().is_empty());
        assert_eq!(Query::parse("\"is:open\"").unwrap().terms.len(), 1);
    }

    #[test]
    fn spelling_variants_are_folded_away() {
        let q = Query::parse("Harmonize center").unwrap();
        assert_eq!(q.terms[0].folded, "harmonise");
        assert_eq!(q.terms[1].folded, "centre");
    }

    #[test]
    fn quoted_field_is_text() {
        let q = Query::parse("'overdue 'is:open").unwrap();
        assert!(q.fields.is_empty());
        assert_eq!(q.terms.len(), 2);
    }

    #[test]
    fn action_and_addressee_fields_fold_their_word() {
        let q = Query::parse("action:Urgés !addressee:Secretary").unwrap();
        assert_eq!(
            q.fields,
            [
                FieldTerm {
                    field: Field::Action("urges".into()),
                    negate: false
                },
                FieldTerm {
                    field: Field::Addressee("secretary".into()),
                    negate: true
                },
            ]
        );
        assert!(q.terms.is_empty());
        assert!(Query::parse("action:").is_err());
        assert!(Query::parse("addressee:").is_err());
    }
}
