//! Deciding which items match a query and scoring them: the literal tier over the folded
//! buffer (memmem), the typo tier for terms that occur nowhere literally, follow-up fields,
//! and narrowing from the previous result when the query only grew.

use memchr::memmem::Finder;
use time::Date;

use super::fold::{self, Mode, is_word_byte};
use super::followup::{FollowupLookup, field_matches};
use super::index::{Index, NO_AREA};
use super::query::{Query, Term};
use super::typo::{Alternative, allowed_typos};
use crate::model::{ItemId, Library};

/// One matching item and its relevance (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub item: ItemId,
    pub score: i64,
}

/// How a positive text term was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// The term occurs literally somewhere, so only literal occurrences count.
    Literal,
    /// The term occurs nowhere literally; these vocabulary words stand for it.
    Typo(Vec<Alternative>),
}

/// The items matching a query, in document order, with what is needed to highlight them
/// and to narrow the next search.
#[derive(Debug, Clone)]
pub struct SearchResult {
    matches: Vec<Match>,
    pub(crate) query: Query,
    /// One per term of `query` (exclusions are always literal).
    pub(crate) resolutions: Vec<Resolution>,
    /// Whether each term was decided; a search that ends early (nothing left to match)
    /// leaves the rest undecided, and those must not be lent to the next search.
    decided: Vec<bool>,
    items: usize,
}

impl SearchResult {
    /// Matching items in document order.
    pub fn matches(&self) -> &[Match] {
        &self.matches
    }

    pub fn len(&self) -> usize {
        self.matches.len()
    }

    pub fn is_empty(&self) -> bool {
        self.matches.is_empty()
    }

    /// The query this result answers.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// How each text term of the query was decided (literal or by typo alternatives).
    pub fn resolutions(&self) -> &[Resolution] {
        &self.resolutions
    }

    /// The score of `item`, or `None` when it does not match.
    pub fn score(&self, item: ItemId) -> Option<i64> {
        self.matches
            .binary_search_by_key(&item, |m| m.item)
            .ok()
            .map(|i| self.matches[i].score)
    }

    pub fn contains(&self, item: ItemId) -> bool {
        self.score(item).is_some()
    }

    /// The best match (the first in document order among equals).
    pub fn best(&self) -> Option<Match> {
        self.matches
            .iter()
            .copied()
            .reduce(|best, m| if m.score > best.score { m } else { best })
    }

    /// All matches, best first (document order among equal scores).
    pub fn best_first(&self) -> Vec<Match> {
        self.top(self.matches.len())
    }

    /// The `n` best matches, best first; cheaper than sorting all when `n` is small.
    pub fn top(&self, n: usize) -> Vec<Match> {
        let key = |m: &Match| (std::cmp::Reverse(m.score), m.item);
        let mut all = self.matches.clone();
        if n < all.len() {
            all.select_nth_unstable_by_key(n, key);
            all.truncate(n);
        }
        all.sort_unstable_by_key(key);
        all
    }
}

/// A literal needle: a term, or one typo alternative standing for it.
pub(crate) struct Needle {
    finder: Finder<'static>,
    /// Folded lower-case bytes searched in the index.
    bytes: Vec<u8>,
    /// The term folded in its own mode, checked on the original text when mode is not
    /// [`Mode::FoldLower`].
    exact: String,
    mode: Mode,
    at_start: bool,
    /// Typo alternatives must start a word: they stand for whole words.
    word_start: bool,
    /// Subtracted from the score (typos).
    penalty: i64,
    /// Also matched against references (`1.4`, `ba-43-2024:1.4`).
    reference: bool,
}

impl Needle {
    pub(crate) fn literal(term: &Term) -> Needle {
        Needle {
            finder: Finder::new(term.folded.as_bytes()).into_owned(),
            bytes: term.folded.as_bytes().to_vec(),
            exact: fold::fold(&term.text, term.mode),
            mode: term.mode,
            at_start: term.at_start,
            word_start: false,
            penalty: 0,
            reference: term.text.bytes().any(|b| b.is_ascii_digit()),
        }
    }

    pub(crate) fn typo(alt: &Alternative) -> Needle {
        Needle {
            finder: Finder::new(alt.text.as_bytes()).into_owned(),
            bytes: alt.text.as_bytes().to_vec(),
            exact: alt.text.clone(),
            mode: Mode::FoldLower,
            at_start: false,
            word_start: true,
            penalty: 40 + 30 * alt.typos as i64 - (alt.skim / 20).min(20),
            reference: false,
        }
    }

    pub(crate) fn exact(&self) -> &str {
        &self.exact
    }
    pub(crate) fn mode(&self) -> Mode {
        self.mode
    }
    pub(crate) fn word_start(&self) -> bool {
        self.word_start
    }
    pub(crate) fn at_start(&self) -> bool {
        self.at_start
    }

    /// Quality of the occurrences of the needle in folded `text`: `None` when there is none
    /// that counts, else (best boundary quality 0..=3, occurrences up to 5, first offset).
    fn occurrences(&self, text: &[u8], from: usize) -> Option<(i64, i64, usize)> {
        let n = self.bytes.len();
        if self.at_start {
            return text
                .starts_with(&self.bytes)
                .then(|| (2 + i64::from(ends_word(text, n)), 1, 0));
        }
        let mut best: Option<(i64, i64, usize)> = None;
        let mut pos = from;
        while let Some(off) = self.finder.find(&text[pos..]) {
            let at = pos + off;
            pos = at + 1;
            let starts = at == 0 || !is_word_byte(text[at - 1]);
            if self.word_start && !starts {
                continue;
            }
            let q = 2 * i64::from(starts) + i64::from(ends_word(text, at + n));
            best = Some(match best {
                None => (q, 1, at),
                Some((bq, count, first)) => (bq.max(q), count + 1, first),
            });
            // Enough to score: more occurrences add nothing, and a one-letter term would
            // otherwise walk every letter of every text.
            if matches!(best, Some((q, c, _)) if c >= 5 && q >= 2 || c >= 12) {
                break;
            }
        }
        best
    }

    /// Whether the original `text` holds the term in its own mode (case, accents).
    fn verify(&self, text: &str) -> bool {
        if self.mode == Mode::FoldLower {
            return true;
        }
        let folded = fold::fold(text, self.mode);
        if self.at_start {
            folded.starts_with(&self.exact)
        } else {
            folded.contains(&self.exact)
        }
    }
}

fn ends_word(text: &[u8], end: usize) -> bool {
    end >= text.len() || !is_word_byte(text[end])
}

/// Score of a needle found in an item's own text.
fn text_score((quality, count, first): (i64, i64, usize), len: usize) -> i64 {
    // Whole words beat word starts beat inner substrings; repeats and an early first
    // occurrence help a little; long texts are slightly less focused.
    100 + 25 * quality + 5 * (count - 1).min(4)
        - (first as i64 / 40).min(10)
        - (len as i64 / 40).min(10)
}

/// Whether `needle` (folded lower case) names the reference `res:local`: it is the start of
/// the full reference or of the local id, ending where a part ends (`1.4`, `2`, `ba-43`).
pub(crate) fn reference_matches(needle: &[u8], res: &str, local: &str) -> bool {
    let part_end = |rest: &[u8], n: usize| -> bool {
        n == rest.len()
            || matches!(rest[n], b'.' | b':' | b'-')
            || matches!(needle.last(), Some(b'.' | b':' | b'-'))
    };
    let starts =
        |hay: &[u8], n: &[u8]| hay.len() >= n.len() && hay[..n.len()].eq_ignore_ascii_case(n);
    let local = local.as_bytes();
    if starts(local, needle) && part_end(local, needle.len()) {
        return true;
    }
    let res = res.as_bytes();
    if needle.len() <= res.len() {
        return starts(res, needle) && (needle.len() == res.len() || part_end(res, needle.len()));
    }
    starts(needle, res)
        && needle[res.len()] == b':'
        && starts(local, &needle[res.len() + 1..])
        && part_end(local, needle.len() - res.len() - 1)
}

/// Everything a search reads besides the index.
pub(crate) struct Env<'a> {
    pub library: &'a Library,
    pub followups: &'a dyn FollowupLookup,
    pub today: Date,
}

type Hits = Vec<(ItemId, i64)>;

impl Index {
    /// Finds the items matching `query`.
    ///
    /// `previous` is the result of the last search on this index with the same library and
    /// follow-ups; when the new query only grew from it (a term got longer, a term or field
    /// was added) only its matches are examined. Pass `None` after the library or the
    /// follow-ups changed. `today` decides `overdue`. An empty query matches every item.
    pub fn search(
        &self,
        library: &Library,
        query: &Query,
        followups: &dyn FollowupLookup,
        today: Date,
        previous: Option<&SearchResult>,
    ) -> SearchResult {
        let env = Env {
            library,
            followups,
            today,
        };
        let narrowed = previous
            .filter(|p| p.items == self.len() && can_narrow(&p.query, &p.resolutions, query))
            .map(|p| p.matches.iter().map(|m| (m.item, 0)).collect::<Hits>());
        let was_narrowed = narrowed.is_some();
        let prior = previous.filter(|p| p.items == self.len());
        match self.evaluate(&env, query, narrowed, prior) {
            Some(result) => result,
            // A grown term stopped occurring literally: its typo alternatives may lie
            // outside the previous result, so start again from every item.
            None if was_narrowed => self
                .evaluate(&env, query, None, prior)
                .expect("an unnarrowed search always completes"),
            None => unreachable!("only narrowed searches give up"),
        }
    }

    /// `prior` (the previous result) lends how its terms were decided: an unchanged term is
    /// decided the same way on the same library, without a second look at the vocabulary.
    fn evaluate(
        &self,
        env: &Env<'_>,
        query: &Query,
        start: Option<Hits>,
        prior: Option<&SearchResult>,
    ) -> Option<SearchResult> {
        let narrowed = start.is_some();
        let mut cand: Option<Hits> = start;
        // Fields first: follow-ups are few, so a positive field shrinks the work most.
        if query.fields.iter().any(|f| !f.negate) {
            let mut ids = env.followups.items();
            ids.sort_unstable();
            let marked: Hits = ids.into_iter().map(|id| (id, 0)).collect();
            cand = Some(match cand {
                None => marked,
                Some(c) => intersect(c, &marked),
            });
        }
        if !query.fields.is_empty() {
            let mut c = cand.unwrap_or_else(|| (0..self.len()).map(|id| (id, 0)).collect());
            c.retain(|&(id, _)| {
                let facts = env.followups.get(id);
                query
                    .fields
                    .iter()
                    .all(|f| field_matches(f, facts.as_ref(), env.today))
            });
            cand = Some(c);
        }
        let mut resolutions = vec![Resolution::Literal; query.terms.len()];
        let mut decided: Vec<bool> = query.terms.iter().map(|t| t.exclude).collect();
        // Longer terms are usually rarer: evaluate them first to keep the candidates few.
        let mut order: Vec<usize> = (0..query.terms.len())
            .filter(|&i| !query.terms[i].exclude)
            .collect();
        order.sort_by_key(|&i| std::cmp::Reverse(query.terms[i].folded.len()));
        for i in order {
            // An empty set stays empty; only a narrowed search must still learn whether each
            // grown term still occurs literally somewhere (see below).
            if !narrowed && cand.as_ref().is_some_and(Vec::is_empty) {
                break;
            }
            let term = &query.terms[i];
            let known = prior.and_then(|p| {
                p.query
                    .terms
                    .iter()
                    .position(|t| t == term)
                    .filter(|&j| p.decided[j])
                    .map(|j| &p.resolutions[j])
            });
            let hits = match known {
                Some(Resolution::Typo(alternatives)) => {
                    let needles: Vec<Needle> = alternatives.iter().map(Needle::typo).collect();
                    resolutions[i] = Resolution::Typo(alternatives.clone());
                    self.hits(env, &needles, cand.as_ref())
                }
                Some(Resolution::Literal) => {
                    self.hits(env, &[Needle::literal(term)], cand.as_ref())
                }
                None => {
                    let needle = Needle::literal(term);
                    let typo_ok = !term.literal
                        && !term.at_start
                        && allowed_typos(term.folded.chars().count()) > 0;
                    let mut hits = self.hits(env, std::slice::from_ref(&needle), cand.as_ref());
                    // Without candidates the pass covered everything, so no hits means no
                    // occurrence anywhere.
                    if hits.is_empty() && typo_ok && !(cand.is_some() && self.exists(env, &needle))
                    {
                        if narrowed {
                            return None;
                        }
                        let alternatives = self.vocab().alternatives(&term.folded);
                        let needles: Vec<Needle> = alternatives.iter().map(Needle::typo).collect();
                        resolutions[i] = Resolution::Typo(alternatives);
                        hits = self.hits(env, &needles, cand.as_ref());
                    }
                    hits
                }
            };
            decided[i] = true;
            cand = Some(match cand {
                None => hits,
                Some(c) => intersect(c, &hits),
            });
        }
        for term in query.terms.iter().filter(|t| t.exclude) {
            let mut c = cand.unwrap_or_else(|| (0..self.len()).map(|id| (id, 0)).collect());
            let out = self.hits(env, &[Needle::literal(term)], Some(&c));
            c = difference(c, &out);
            cand = Some(c);
        }
        let matches = cand
            .unwrap_or_else(|| (0..self.len()).map(|id| (id, 0)).collect())
            .into_iter()
            .map(|(item, score)| Match { item, score })
            .collect();
        Some(SearchResult {
            matches,
            query: query.clone(),
            resolutions,
            decided,
            items: self.len(),
        })
    }

    /// Items (among `cand`, or all) where any of `needles` matches in any field, with the
    /// best score per item.
    fn hits(&self, env: &Env<'_>, needles: &[Needle], cand: Option<&Hits>) -> Hits {
        let mut out: Hits = Vec::new();
        for needle in needles {
            let found = match cand {
                // Few candidates: test each; many: one pass over everything, then intersect.
                Some(c) if c.len() * 8 < self.len() => self.hits_among(env, needle, c),
                Some(c) => restrict(self.hits_all(env, needle), c),
                None => self.hits_all(env, needle),
            };
            out = if out.is_empty() {
                found
            } else {
                union_max(out, found)
            };
        }
        out
    }

    /// The score of `needle` on one item, in its text, area, reference or note.
    fn item_score(&self, env: &Env<'_>, needle: &Needle, id: ItemId) -> Option<i64> {
        let text = self.text(id);
        let mut best = self
            .text_hit(env, needle, id, text, 0)
            .map(|occ| text_score(occ, text.len()));
        let slot = self.area_of[id];
        if slot != NO_AREA && !needle.at_start {
            if let Some(s) = self.area_hit(env, needle, slot) {
                best = best.max(Some(s));
            }
        }
        if needle.reference {
            let lib = env.library;
            if reference_matches(&needle.bytes, &lib.resolution_of(id).id, lib.local_id(id)) {
                best = best.max(Some(REFERENCE_SCORE));
            }
        }
        if let Some(s) = note_score(env, needle, id) {
            best = best.max(Some(s));
        }
        best.map(|s| s - needle.penalty)
    }

    fn text_hit(
        &self,
        env: &Env<'_>,
        needle: &Needle,
        id: ItemId,
        text: &[u8],
        from: usize,
    ) -> Option<(i64, i64, usize)> {
        let occ = needle.occurrences(text, from)?;
        // Reaching the original text costs several dependent loads per item: only when the
        // term's mode needs it.
        (needle.mode == Mode::FoldLower || needle.verify(env.library.text(id))).then_some(occ)
    }

    fn area_hit(&self, env: &Env<'_>, needle: &Needle, slot: u32) -> Option<i64> {
        let (quality, _, _) = needle.occurrences(self.area_text(slot), 0)?;
        if needle.mode != Mode::FoldLower {
            let (r, a) = self.area_keys[slot as usize];
            let area = &env.library.resolutions[r as usize].areas[a as usize];
            let both = format!("{} | {}", area.heading, area.title.as_deref().unwrap_or(""));
            if !needle.verify(&both) {
                return None;
            }
        }
        Some(AREA_SCORE + 10 * quality)
    }

    fn hits_among(&self, env: &Env<'_>, needle: &Needle, cand: &Hits) -> Hits {
        cand.iter()
            .filter_map(|&(id, _)| self.item_score(env, needle, id).map(|s| (id, s)))
            .collect()
    }

    /// One pass of memmem over all texts, then the areas, references and notes.
    fn hits_all(&self, env: &Env<'_>, needle: &Needle) -> Hits {
        let mut text_hits: Hits = Vec::new();
        if needle.at_start {
            for id in 0..self.len() {
                let text = self.text(id);
                if let Some(occ) = self.text_hit(env, needle, id, text, 0) {
                    text_hits.push((id, text_score(occ, text.len()) - needle.penalty));
                }
            }
        } else {
            let mut pos = 0;
            let mut id = 0;
            while let Some(off) = needle.finder.find(&self.hay[pos..]) {
                let at = pos + off;
                id = self.item_at(at, id);
                let start = self.starts[id] as usize;
                let text = self.text(id);
                if let Some(occ) = self.text_hit(env, needle, id, text, at - start) {
                    text_hits.push((id, text_score(occ, text.len()) - needle.penalty));
                }
                // The whole item has been examined from the first hit on; go to the next.
                pos = self.starts[id + 1] as usize;
                if pos >= self.hay.len() {
                    break;
                }
            }
        }
        let mut others: Hits = Vec::new();
        if !needle.at_start {
            let mut pos = 0;
            while let Some(off) = needle.finder.find(&self.area_hay[pos..]) {
                let slot = self.area_at(pos + off);
                if let Some(s) = self.area_hit(env, needle, slot) {
                    let (first, count) = self.area_items[slot as usize];
                    let first = first as usize;
                    others
                        .extend((first..first + count as usize).map(|id| (id, s - needle.penalty)));
                }
                pos = self.area_starts[slot as usize + 1] as usize;
                if pos >= self.area_hay.len() {
                    break;
                }
            }
        }
        if needle.reference {
            let lib = env.library;
            let refs: Hits = (0..self.len())
                .filter(|&id| {
                    reference_matches(&needle.bytes, &lib.resolution_of(id).id, lib.local_id(id))
                })
                .map(|id| (id, REFERENCE_SCORE - needle.penalty))
                .collect();
            others = union_max(others, refs);
        }
        let mut notes: Hits = env
            .followups
            .items()
            .into_iter()
            .filter(|&id| id < self.len())
            .filter_map(|id| note_score(env, needle, id).map(|s| (id, s - needle.penalty)))
            .collect();
        notes.sort_unstable();
        others = union_max(others, notes);
        union_max(text_hits, others)
    }

    /// Whether the term occurs literally anywhere: text, area, reference or note.
    fn exists(&self, env: &Env<'_>, needle: &Needle) -> bool {
        !self.hits_all(env, needle).is_empty()
    }
}

const AREA_SCORE: i64 = 60;
const REFERENCE_SCORE: i64 = 160;
const NOTE_SCORE: i64 = 80;

fn note_score(env: &Env<'_>, needle: &Needle, id: ItemId) -> Option<i64> {
    if needle.at_start {
        return None;
    }
    let facts = env.followups.get(id)?;
    let note = facts.note?;
    let folded = fold::fold(note, Mode::FoldLower);
    let (quality, _, _) = needle.occurrences(folded.as_bytes(), 0)?;
    needle.verify(note).then_some(NOTE_SCORE + 10 * quality)
}

/// Whether a result for `old` (with its resolutions) holds every match of `new`: each old
/// term is still there, grown but not loosened (a term decided by typos: unchanged),
/// exclusions and fields are unchanged, and new terms or fields were only added.
fn can_narrow(old: &Query, resolutions: &[Resolution], new: &Query) -> bool {
    let typo_changed = old
        .terms
        .iter()
        .zip(resolutions)
        .enumerate()
        .any(|(i, (t, r))| matches!(r, Resolution::Typo(_)) && new.terms.get(i) != Some(t));
    if typo_changed
        || old.terms.len() > new.terms.len()
        || old.fields.len() > new.fields.len()
        || old.fields[..] != new.fields[..old.fields.len()]
    {
        return false;
    }
    old.terms.iter().zip(&new.terms).all(|(o, n)| {
        o.exclude == n.exclude
            && o.literal == n.literal
            && o.at_start == n.at_start
            && if o.exclude || o.text.bytes().any(|b| b.is_ascii_digit()) {
                // A reference matches whole parts: `12` is no narrower than `1` (1.x vs 12.x).
                o.text == n.text
            } else {
                // Compared in the old term's (looser) mode, `nato` -> `NATO` narrows too.
                let (old, new) = (fold::fold(&o.text, o.mode), fold::fold(&n.text, o.mode));
                o.mode.is_looser_or_equal(n.mode)
                    && if o.at_start {
                        new.starts_with(&old)
                    } else {
                        new.contains(&old)
                    }
            }
    })
}

/// Items in both, scores added. Both sorted by item.
fn intersect(a: Hits, b: &Hits) -> Hits {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let mut j = 0;
    for (id, s) in a {
        while j < b.len() && b[j].0 < id {
            j += 1;
        }
        if j < b.len() && b[j].0 == id {
            out.push((id, s + b[j].1));
        }
    }
    out
}

/// Items of `a` that are in `b`, with `a`'s scores.
fn restrict(a: Hits, b: &Hits) -> Hits {
    let mut j = 0;
    a.into_iter()
        .filter(|&(id, _)| {
            while j < b.len() && b[j].0 < id {
                j += 1;
            }
            j < b.len() && b[j].0 == id
        })
        .collect()
}

/// Items of `a` not in `b`.
fn difference(a: Hits, b: &Hits) -> Hits {
    let mut j = 0;
    a.into_iter()
        .filter(|&(id, _)| {
            while j < b.len() && b[j].0 < id {
                j += 1;
            }
            !(j < b.len() && b[j].0 == id)
        })
        .collect()
}

/// Items in either, the higher score kept.
fn union_max(a: Hits, b: Hits) -> Hits {
    if b.is_empty() {
        return a;
    }
    if a.is_empty() {
        return b;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || i < a.len() && a[i].0 < b[j].0 {
            out.push(a[i]);
            i += 1;
        } else if i == a.len() || b[j].0 < a[i].0 {
            out.push(b[j]);
            j += 1;
        } else {
            out.push((a[i].0, a[i].1.max(b[j].1)));
            i += 1;
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_match_whole_parts() {
        let r = |n: &str| reference_matches(n.as_bytes(), "ba-43-2024", "1.4");
        assert!(
            r("1.4") && r("1") && r("1.") && r("ba-43-2024:1.4") && r("ba-43") && r("ba-43-2024")
        );
        assert!(r("ba-43-2024:1") && r("BA-43-2024:1.4"));
        assert!(!r("1.") || r("1."));
        assert!(!r("1.41") && !r("14") && !r("ba-4") && !r("ba-43-2024:1.40") && !r("4"));
        assert!(!reference_matches(b"1.1", "ba-43-2024", "1.10"));
        assert!(reference_matches(b"r3", "ba-43-2024", "r3"));
    }

    #[test]
    fn set_operations_keep_order_and_scores() {
        let a = vec![(1, 10), (3, 10), (5, 10)];
        let b = vec![(3, 1), (4, 1), (5, 20)];
        assert_eq!(intersect(a.clone(), &b), vec![(3, 11), (5, 30)]);
        assert_eq!(difference(a.clone(), &b), vec![(1, 10)]);
        assert_eq!(union_max(a, b), vec![(1, 10), (3, 10), (4, 1), (5, 20)]);
    }

    #[test]
    fn narrowing_only_when_the_query_grew() {
        let q = |s: &str| Query::parse(s).unwrap();
        let lit = |n: usize| vec![Resolution::Literal; n];
        assert!(can_narrow(&q("rai"), &lit(1), &q("rail")));
        assert!(can_narrow(&q("rail"), &lit(1), &q("rail b")));
        assert!(can_narrow(&q("rail"), &lit(1), &q("rail is:open")));
        assert!(can_narrow(&q("nato"), &lit(1), &q("NATO")));
        assert!(!can_narrow(&q("NATO"), &lit(1), &q("nato")));
        assert!(!can_narrow(&q("rail b"), &lit(2), &q("rail")));
        assert!(!can_narrow(&q("cyber !c"), &lit(2), &q("cyber !ce")));
        assert!(!can_narrow(
            &q("hydrg"),
            &[Resolution::Typo(vec![])],
            &q("hydrge")
        ));
        assert!(!can_narrow(
            &q("due<2025-01-01"),
            &lit(0),
            &q("due<2025-02-01")
        ));
    }
}
