//! Deciding which items match a query and scoring them: the literal tier over the folded
//! buffer (memmem), the typo tier for terms that occur nowhere literally, follow-up fields,
//! and narrowing from the previous result when the query only grew.
//!
//! A search is one pass: fields, then each positive term (decided and matched together),
//! then the exclusions. Each term's data is walked once; a term's existence elsewhere is
//! asked (stopping at the first occurrence) only when the items looked at showed none.

use std::ops::ControlFlow;

use memchr::memmem::Finder;
use time::Date;

use super::fold::{self, Mode, is_word_byte};
use super::followup::{FollowupLookup, field_matches, item_field_matches};
use super::forms;
use super::index::{Index, NO_AREA};
use super::needle::{Needle, reference_matches, text_score};
use super::query::{Query, Term};
use super::result::{Match, Resolution, SearchResult};
use super::sets::{Hits, difference, intersect, restrict, union_max};
use super::spelling;
use super::synonyms::Synonyms;
use super::typo::allowed_typos;
use crate::model::{ItemId, Library};

/// Everything a search reads besides the index.
pub(crate) struct Env<'a> {
    pub library: &'a Library,
    pub followups: &'a dyn FollowupLookup,
    pub today: Date,
}

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
        let prior = previous.filter(|p| p.items == self.len());
        let mut run = Run::new(self, &env, query, prior);
        run.match_fields();
        run.match_terms();
        run.exclude_terms();
        run.rank_phrases();
        run.finish()
    }

    /// As [`Index::search`], but when no item has every term: the closest matches, those
    /// with the most positive terms (fields and exclusions still apply), each with the
    /// terms it lacks (see [`SearchResult::missing`]). An empty result then knows which
    /// terms match nothing at all ([`SearchResult::unmatched_terms`]).
    pub fn search_or_closest(
        &self,
        library: &Library,
        query: &Query,
        followups: &dyn FollowupLookup,
        today: Date,
        previous: Option<&SearchResult>,
    ) -> SearchResult {
        let full = self.search(library, query, followups, today, previous);
        if !full.is_empty() {
            return full;
        }
        let env = Env {
            library,
            followups,
            today,
        };
        // The empty result lends how it decided its terms; it holds nothing to narrow from.
        let mut run = Run::new(self, &env, query, Some(&full));
        run.narrowing = None;
        run.match_fields();
        let masks = run.match_each_term();
        run.exclude_terms();
        run.keep_closest(&masks);
        run.finish()
    }
}

/// The previous result a search narrows from.
struct Narrowing {
    matches: Hits,
    /// The one term that grew since, if any: it is decided first, and if it no longer
    /// matches the way it did (a word start became an inner match or a typo), its matches
    /// may lie outside `matches` and the narrowing is dropped before anything relied on it.
    grown: Option<usize>,
}

/// The state of one search while its parts are applied in turn.
struct Run<'a> {
    index: &'a Index,
    env: &'a Env<'a>,
    query: &'a Query,
    /// The previous result, lending how its unchanged terms were decided.
    prior: Option<&'a SearchResult>,
    narrowing: Option<Narrowing>,
    /// Items matching the fields (`None`: every item), before any narrowing.
    fields: Option<Hits>,
    /// Items still matching; `None` stands for every item.
    cand: Option<Hits>,
    resolutions: Vec<Resolution>,
    decided: Vec<bool>,
    closest: bool,
    missing: Vec<u64>,
    unmatched: Vec<usize>,
}

impl<'a> Run<'a> {
    fn new(
        index: &'a Index,
        env: &'a Env<'a>,
        query: &'a Query,
        prior: Option<&'a SearchResult>,
    ) -> Run<'a> {
        let narrowing = prior.filter(|p| !p.closest).and_then(|p| {
            grown_term(&p.query, &p.resolutions, query, &index.synonyms).map(|grown| Narrowing {
                matches: p.matches.iter().map(|m| (m.item, 0)).collect(),
                grown,
            })
        });
        Run {
            index,
            env,
            query,
            prior,
            narrowing,
            fields: None,
            cand: None,
            resolutions: vec![Resolution::Literal { word_start: false }; query.terms.len()],
            decided: query.terms.iter().map(|t| t.exclude).collect(),
            closest: false,
            missing: Vec::new(),
            unmatched: Vec::new(),
        }
    }

    fn all_items(&self) -> Hits {
        (0..self.index.len()).map(|id| (id, 0)).collect()
    }

    /// Applies the follow-up fields, then the narrowing. Fields come first: follow-ups are
    /// few, so a positive field shrinks the work most.
    fn match_fields(&mut self) {
        let query = self.query;
        let fields = &query.fields;
        // A positive follow-up field starts from the few follow-ups; fields about the
        // commitment itself (`action:`) from every item.
        if fields.iter().any(|f| !f.negate && !f.field.is_item_field()) {
            let mut ids = self.env.followups.items();
            ids.sort_unstable();
            self.fields = Some(ids.into_iter().map(|id| (id, 0)).collect());
        }
        if !fields.is_empty() {
            let mut c = self.fields.take().unwrap_or_else(|| self.all_items());
            let env = self.env;
            c.retain(|&(id, _)| {
                let facts = env.followups.get(id);
                fields.iter().all(|f| {
                    item_field_matches(f, env.library, id)
                        .unwrap_or_else(|| field_matches(f, facts.as_ref(), env.today))
                })
            });
            self.fields = Some(c);
        }
        self.cand = match (&self.narrowing, &self.fields) {
            (Some(n), Some(f)) => Some(intersect(n.matches.clone(), f)),
            (Some(n), None) => Some(n.matches.clone()),
            (None, f) => f.clone(),
        };
    }

    /// Decides and matches the positive terms: the grown term first (see [`Narrowing`]),
    /// then the longer terms, usually the rarer, to keep the candidates few.
    fn match_terms(&mut self) {
        let query = self.query;
        let terms = &query.terms;
        let grown = self.narrowing.as_ref().and_then(|n| n.grown);
        let mut order: Vec<usize> = (0..terms.len()).filter(|&i| !terms[i].exclude).collect();
        order.sort_by_key(|&i| (Some(i) != grown, std::cmp::Reverse(terms[i].folded.len())));
        for i in order {
            // An empty set stays empty; the rest stay undecided (and are not lent on). The
            // grown term is decided all the same: it may no longer match as it did.
            if Some(i) != grown && self.cand.as_ref().is_some_and(Vec::is_empty) {
                break;
            }
            let (resolution, hits) = self.decide(i);
            self.resolutions[i] = resolution;
            self.decided[i] = true;
            self.cand = Some(match self.cand.take() {
                None => hits,
                Some(c) => intersect(c, &hits),
            });
        }
    }

    /// How term `i` matches and where, among the candidates: as the previous result decided
    /// it when unchanged; else literally at word starts when it starts a word anywhere, else
    /// literally anywhere when it occurs anywhere (or may not be mistyped), else by typos.
    fn decide(&mut self, i: usize) -> (Resolution, Hits) {
        let query = self.query;
        let term = &query.terms[i];
        if let Some(known) = self.known(term) {
            self.loosen(i, |was| looser(&known, was));
            let hits = self.hits(term, &known);
            return (known, hits);
        }
        let starts = Resolution::Literal { word_start: true };
        if Needle::literal(term, true).word_start {
            let needles = self.index.needles_for(term, &starts);
            let hits = self.index.hits(self.env, &needles, self.cand.as_ref());
            if !hits.is_empty() || self.occurs_elsewhere(&needles) {
                return (starts, hits);
            }
        }
        let inner = Resolution::Literal { word_start: false };
        self.loosen(i, |was| looser(&inner, was));
        let needles = self.index.needles_for(term, &inner);
        let hits = self.index.hits(self.env, &needles, self.cand.as_ref());
        let typo_ok =
            !term.literal && !term.at_start && allowed_typos(term.folded.chars().count()) > 0;
        if !hits.is_empty() || !typo_ok || self.occurs_elsewhere(&needles) {
            return (inner, hits);
        }
        let typo = Resolution::Typo(self.index.vocab().alternatives(&term.folded));
        self.loosen(i, |was| looser(&typo, was));
        let hits = self.hits(term, &typo);
        (typo, hits)
    }

    /// The candidates where `term`, decided as `resolution`, matches.
    fn hits(&self, term: &Term, resolution: &Resolution) -> Hits {
        let needles = self.index.needles_for(term, resolution);
        self.index.hits(self.env, &needles, self.cand.as_ref())
    }

    /// How the previous result decided an identical term, if it did.
    fn known(&self, term: &Term) -> Option<Resolution> {
        let p = self.prior?;
        let j = p.query.terms.iter().position(|t| t == term)?;
        p.decided[j].then(|| p.resolutions[j].clone())
    }

    /// Whether any of `needles` occurs outside the candidates just searched (none when
    /// every item was searched).
    fn occurs_elsewhere(&self, needles: &[Needle]) -> bool {
        self.cand.is_some() && needles.iter().any(|n| self.index.exists(self.env, n))
    }

    /// Drops the narrowing when term `i` is the grown term and matched the previous result
    /// in a way (`was`) that no longer holds: its matches now may lie outside that result.
    /// The grown term is decided first, so nothing else was matched within the narrowing.
    fn loosen(&mut self, i: usize, was: impl Fn(&Resolution) -> bool) {
        let Some(n) = &self.narrowing else { return };
        let prior = self.prior.map(|p| &p.resolutions[..]).unwrap_or_default();
        if n.grown == Some(i) && prior.get(i).is_some_and(was) {
            self.narrowing = None;
            self.cand = self.fields.clone();
        }
    }

    /// For the closest matches: each positive term (the first 64) matched on its own among
    /// the fields' items. Leaves every item with some term as the candidates (scores
    /// added) and returns which terms each has, by item.
    fn match_each_term(&mut self) -> Vec<(ItemId, u64)> {
        let query = self.query;
        let base = self.cand.clone();
        let mut all: Vec<(ItemId, i64, u64)> = Vec::new();
        for i in (0..query.terms.len().min(64)).filter(|&i| !query.terms[i].exclude) {
            self.cand = base.clone();
            let (resolution, hits) = self.decide(i);
            self.resolutions[i] = resolution;
            self.decided[i] = true;
            if hits.is_empty() {
                self.unmatched.push(i);
            }
            all.extend(hits.into_iter().map(|(id, s)| (id, s, 1u64 << i)));
        }
        all.sort_unstable_by_key(|&(id, _, _)| id);
        let mut merged: Vec<(ItemId, i64, u64)> = Vec::new();
        for (id, score, bit) in all {
            match merged.last_mut() {
                Some(last) if last.0 == id => {
                    last.1 += score;
                    last.2 |= bit;
                }
                _ => merged.push((id, score, bit)),
            }
        }
        self.cand = Some(merged.iter().map(|&(id, s, _)| (id, s)).collect());
        merged.into_iter().map(|(id, _, bits)| (id, bits)).collect()
    }

    /// Keeps the candidates with the most terms (`masks`, by item), when the query has two
    /// terms or more and some item has one; none otherwise.
    fn keep_closest(&mut self, masks: &[(ItemId, u64)]) {
        let query = self.query;
        let wanted = (0..query.terms.len().min(64))
            .filter(|&i| !query.terms[i].exclude)
            .fold(0u64, |all, i| all | 1 << i);
        let cand = self.cand.take().unwrap_or_default();
        let mut j = 0;
        let with_bits: Vec<((ItemId, i64), u64)> = cand
            .into_iter()
            .map(|(id, s)| {
                while masks[j].0 < id {
                    j += 1;
                }
                ((id, s), masks[j].1)
            })
            .collect();
        let most = with_bits.iter().map(|(_, b)| b.count_ones()).max();
        let kept: Vec<_> = match most {
            Some(most) if wanted.count_ones() >= 2 => with_bits
                .into_iter()
                .filter(|(_, b)| b.count_ones() == most)
                .collect(),
            _ => Vec::new(),
        };
        self.closest = !kept.is_empty();
        self.missing = kept.iter().map(|(_, b)| wanted & !b).collect();
        self.cand = Some(kept.into_iter().map(|(hit, _)| hit).collect());
    }

    /// Ranks first the items where consecutive terms of the query stand next to each other
    /// in their text, in order (`cyber security`); a little higher again where those words
    /// are written as a name (`Energy Security Centre`).
    fn rank_phrases(&mut self) {
        let query = self.query;
        let literal: Vec<Option<&Term>> = query
            .terms
            .iter()
            .zip(&self.resolutions)
            .filter(|(t, _)| !t.exclude)
            .map(|(t, r)| matches!(r, Resolution::Literal { .. }).then_some(t))
            .collect();
        let pairs: Vec<(Finder<'_>, &[u8])> = literal
            .windows(2)
            .filter_map(|w| {
                Some((
                    Finder::new(w[0]?.folded.as_bytes()),
                    w[1]?.folded.as_bytes(),
                ))
            })
            .collect();
        let Some(cand) = self.cand.as_mut().filter(|_| !pairs.is_empty()) else {
            return;
        };
        for (id, score) in cand.iter_mut() {
            let text = self.index.text(*id);
            for (first, next) in &pairs {
                if let Some((a, b)) = adjacent(text, first, next) {
                    let original = self.env.library.text(*id).as_bytes();
                    // Offsets of the folded text are those of the original when it kept
                    // its length (plain ASCII, as most texts are).
                    let name = original.len() == text.len()
                        && original[a].is_ascii_uppercase()
                        && original[b].is_ascii_uppercase();
                    *score += PHRASE_SCORE + if name { NAME_SCORE } else { 0 };
                }
            }
        }
    }

    /// Leaves out the items where an exclusion matches: its word starts when it starts a
    /// word anywhere, else anywhere.
    fn exclude_terms(&mut self) {
        let query = self.query;
        for (i, term) in query.terms.iter().enumerate().filter(|(_, t)| t.exclude) {
            let c = self.cand.take().unwrap_or_else(|| self.all_items());
            let (env, index) = (self.env, self.index);
            // A term that cannot start a word gives the same needles both ways: one walk.
            let can_start = Needle::literal(term, true).word_start;
            let starts = index.needles_for(term, &Resolution::Literal { word_start: true });
            let mut out = index.hits(env, &starts, Some(&c));
            let word_start =
                can_start && (!out.is_empty() || starts.iter().any(|n| index.exists(env, n)));
            if can_start && !word_start {
                let inner = index.needles_for(term, &Resolution::Literal { word_start: false });
                out = index.hits(env, &inner, Some(&c));
            }
            self.resolutions[i] = Resolution::Literal { word_start };
            self.cand = Some(difference(c, &out));
        }
    }

    fn finish(self) -> SearchResult {
        let matches = match self.cand {
            Some(c) => c,
            None => self.all_items(),
        };
        SearchResult {
            matches: matches
                .into_iter()
                .map(|(item, score)| Match { item, score })
                .collect(),
            query: self.query.clone(),
            resolutions: self.resolutions,
            decided: self.decided,
            items: self.index.len(),
            closest: self.closest,
            missing: self.missing,
            unmatched: self.unmatched,
        }
    }
}

/// Whether a term decided as `new` may match items that it did not match when decided as
/// `was`: word starts became any occurrence, or literal became typos.
fn looser(new: &Resolution, was: &Resolution) -> bool {
    match (was, new) {
        (Resolution::Literal { word_start: true }, Resolution::Literal { word_start }) => {
            !word_start
        }
        (Resolution::Literal { .. }, Resolution::Typo(_)) => true,
        _ => false,
    }
}

impl Index {
    /// The needles standing for `term` as `resolution` decided it, and the other members
    /// of its group of synonyms.
    pub(crate) fn needles_for(&self, term: &Term, resolution: &Resolution) -> Vec<Needle> {
        let mut needles: Vec<Needle> = match resolution {
            Resolution::Literal { word_start } => vec![Needle::literal(term, *word_start)],
            Resolution::Typo(alternatives) => alternatives.iter().map(Needle::typo).collect(),
        };
        needles.extend(
            self.synonyms
                .others(&term.folded)
                .map(|m| Needle::synonym(m, term.exclude)),
        );
        needles
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
            out = union_max(out, found);
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
        if slot != NO_AREA
            && needle.areas
            && !needle.at_start
            && let Some(s) = self.area_hit(env, needle, slot)
        {
            best = best.max(Some(s));
        }
        if needle.reference && names_reference(env, needle, id) {
            best = best.max(Some(REFERENCE_SCORE));
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
            let both = format!(
                "{} | {}",
                area.heading.as_deref().unwrap_or(""),
                area.title.as_deref().unwrap_or("")
            );
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

    /// Every item where `needle` matches: one walk over each kind of data, merged.
    fn hits_all(&self, env: &Env<'_>, needle: &Needle) -> Hits {
        let mut texts: Hits = Vec::new();
        let _ = self.walk_texts(env, needle, |id, s| {
            texts.push((id, s));
            ControlFlow::Continue(())
        });
        let mut areas: Hits = Vec::new();
        let _ = self.walk_areas(env, needle, |first, count, s| {
            areas.extend((first..first + count).map(|id| (id, s)));
            ControlFlow::Continue(())
        });
        let mut refs: Hits = Vec::new();
        let _ = self.walk_references(env, needle, |id, s| {
            refs.push((id, s));
            ControlFlow::Continue(())
        });
        let mut notes: Hits = Vec::new();
        let _ = self.walk_notes(env, needle, |id, s| {
            notes.push((id, s));
            ControlFlow::Continue(())
        });
        notes.sort_unstable();
        union_max(texts, union_max(areas, union_max(refs, notes)))
    }

    /// Whether `needle` matches anywhere: the walks of [`Self::hits_all`], stopping at the
    /// first match.
    fn exists(&self, env: &Env<'_>, needle: &Needle) -> bool {
        let stop = ControlFlow::Break;
        self.walk_texts(env, needle, |_, _| stop(())).is_break()
            || self.walk_areas(env, needle, |_, _, _| stop(())).is_break()
            || self
                .walk_references(env, needle, |_, _| stop(()))
                .is_break()
            || self.walk_notes(env, needle, |_, _| stop(())).is_break()
    }

    /// Calls `visit` with each item whose text matches, in document order, and its score:
    /// one memmem pass over all texts (or a test of each text's start for `^term`).
    fn walk_texts(
        &self,
        env: &Env<'_>,
        needle: &Needle,
        mut visit: impl FnMut(ItemId, i64) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let score = |id: ItemId, from: usize| {
            let text = self.text(id);
            let occ = self.text_hit(env, needle, id, text, from)?;
            Some(text_score(occ, text.len()) - needle.penalty)
        };
        if needle.at_start {
            for id in 0..self.len() {
                if let Some(s) = score(id, 0) {
                    visit(id, s)?;
                }
            }
            return ControlFlow::Continue(());
        }
        let (mut pos, mut id) = (0, 0);
        while let Some(off) = needle.finder.find(&self.hay[pos..]) {
            let at = pos + off;
            id = self.item_at(at, id);
            if let Some(s) = score(id, at - self.starts[id] as usize) {
                visit(id, s)?;
            }
            // The whole item has been examined from the first hit on; go to the next.
            pos = self.starts[id + 1] as usize;
            if pos >= self.hay.len() {
                break;
            }
        }
        ControlFlow::Continue(())
    }

    /// Calls `visit` with the items (first, count) of each area whose heading or title
    /// matches, and their score. `^term` and exclusions concern the item itself only.
    fn walk_areas(
        &self,
        env: &Env<'_>,
        needle: &Needle,
        mut visit: impl FnMut(ItemId, ItemId, i64) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        if needle.at_start || !needle.areas {
            return ControlFlow::Continue(());
        }
        let mut pos = 0;
        while let Some(off) = needle.finder.find(&self.area_hay[pos..]) {
            let slot = self.area_at(pos + off);
            if let Some(s) = self.area_hit(env, needle, slot) {
                let (first, count) = self.area_items[slot as usize];
                visit(first as usize, count as usize, s - needle.penalty)?;
            }
            pos = self.area_starts[slot as usize + 1] as usize;
            if pos >= self.area_hay.len() {
                break;
            }
        }
        ControlFlow::Continue(())
    }

    /// Calls `visit` with each item whose reference the needle names, in document order.
    fn walk_references(
        &self,
        env: &Env<'_>,
        needle: &Needle,
        mut visit: impl FnMut(ItemId, i64) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        if needle.reference {
            for id in (0..self.len()).filter(|&id| names_reference(env, needle, id)) {
                visit(id, REFERENCE_SCORE - needle.penalty)?;
            }
        }
        ControlFlow::Continue(())
    }

    /// Calls `visit` with each item whose follow-up note matches, in the follow-ups' order.
    fn walk_notes(
        &self,
        env: &Env<'_>,
        needle: &Needle,
        mut visit: impl FnMut(ItemId, i64) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        for id in env
            .followups
            .items()
            .into_iter()
            .filter(|&id| id < self.len())
        {
            if let Some(s) = note_score(env, needle, id) {
                visit(id, s - needle.penalty)?;
            }
        }
        ControlFlow::Continue(())
    }
}

/// Where the words of `first` and `next` (folded terms) stand next to each other in folded
/// `text`: `first` at a word start, the rest of its word, one to three spaces or hyphens,
/// then `next`. Returns the offsets of both.
fn adjacent(text: &[u8], first: &Finder<'_>, next: &[u8]) -> Option<(usize, usize)> {
    for at in first.find_iter(text) {
        if at > 0 && is_word_byte(text[at - 1]) {
            continue;
        }
        let mut p = at + first.needle().len();
        while p < text.len() && is_word_byte(text[p]) {
            p += 1;
        }
        let gap = p;
        while p < text.len() && p - gap < 3 && matches!(text[p], b' ' | b'-') {
            p += 1;
        }
        if p > gap && text[p..].starts_with(next) {
            return Some((at, p));
        }
    }
    None
}

/// Added for each pair of consecutive terms found side by side: more than the spread of
/// the scores of single terms, so phrases come first.
const PHRASE_SCORE: i64 = 150;
/// Added when that phrase is written as a name (capitals).
const NAME_SCORE: i64 = 50;
const AREA_SCORE: i64 = 60;
const REFERENCE_SCORE: i64 = 160;
const NOTE_SCORE: i64 = 80;

fn names_reference(env: &Env<'_>, needle: &Needle, id: ItemId) -> bool {
    let lib = env.library;
    reference_matches(&needle.bytes, &lib.resolution_of(id).id, lib.local_id(id))
}

fn note_score(env: &Env<'_>, needle: &Needle, id: ItemId) -> Option<i64> {
    if needle.at_start {
        return None;
    }
    let facts = env.followups.get(id)?;
    let note = facts.note?;
    let folded = spelling::rewritten(&fold::fold(note, Mode::FoldLower));
    let (quality, _, _) = needle.occurrences(folded.as_bytes(), 0)?;
    needle.verify(note).then_some(NOTE_SCORE + 10 * quality)
}

/// When a result for `old` (with its resolutions) holds every match of `new`, the term of
/// `new` that grew (`Some(None)`: none did). Each old term is still there, grown but not
/// loosened (a term decided by typos: unchanged), at most one of them grew, exclusions and
/// fields are unchanged, and new terms or fields were only added.
fn grown_term(
    old: &Query,
    resolutions: &[Resolution],
    new: &Query,
    synonyms: &Synonyms,
) -> Option<Option<usize>> {
    if old.terms.len() > new.terms.len()
        || old.fields.len() > new.fields.len()
        || old.fields[..] != new.fields[..old.fields.len()]
    {
        return None;
    }
    let mut grown = None;
    for (i, ((o, n), r)) in old
        .terms
        .iter()
        .zip(&new.terms)
        .zip(resolutions)
        .enumerate()
    {
        if o == n {
            continue;
        }
        // A term that became a synonym matches words its prefix did not.
        if grown.is_some()
            || matches!(r, Resolution::Typo(_))
            || synonyms.has(&n.folded)
            || !grew(o, n, r)
        {
            return None;
        }
        grown = Some(i);
    }
    Some(grown)
}

/// Whether every item `o` matched (as `r` decided it) is among what `n` can match.
fn grew(o: &Term, n: &Term, r: &Resolution) -> bool {
    if o.exclude != n.exclude || o.literal != n.literal || o.at_start != n.at_start {
        return false;
    }
    if o.exclude || o.text.bytes().any(|b| b.is_ascii_digit()) {
        // A reference matches whole parts: `12` is no narrower than `1` (1.x vs 12.x).
        return o.text == n.text;
    }
    // Compared in the old term's (looser) mode, `nato` -> `NATO` narrows too.
    let spelt = |t: &Term| spelling::rewritten(&fold::fold(&t.text, o.mode));
    let (old, new) = (spelt(o), spelt(n));
    // Word starts stay word starts only when letters are added at the end; other forms of
    // the new word start with its root, which must still start with the old term.
    let word_start = matches!(r, Resolution::Literal { word_start: true });
    let new = match forms::root(&new) {
        Some(root) if n.mode == Mode::FoldLower && !n.quoted => root.to_string(),
        _ => new,
    };
    o.mode.is_looser_or_equal(n.mode)
        && if o.at_start || word_start {
            new.starts_with(&old)
        } else {
            new.contains(&old)
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn can_narrow(old: &Query, resolutions: &[Resolution], new: &Query) -> bool {
        grown_term(old, resolutions, new, &Synonyms::default()).is_some()
    }

    #[test]
    fn narrowing_only_when_the_query_grew() {
        let q = |s: &str| Query::parse(s).unwrap();
        let lit = |n: usize| vec![Resolution::Literal { word_start: false }; n];
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
        // Two terms grown at once: decided afresh (only one may be decided first).
        assert!(!can_narrow(&q("ra ba"), &lit(2), &q("rai bal")));
        let none = Synonyms::default();
        assert_eq!(
            grown_term(&q("rail ba"), &lit(2), &q("rail bal"), &none),
            Some(Some(1))
        );
        assert_eq!(
            grown_term(&q("rail"), &lit(1), &q("rail b"), &none),
            Some(None)
        );
        // Other forms of `studies` (study) do not start with `studie`.
        let ws = vec![Resolution::Literal { word_start: true }];
        assert!(!can_narrow(&q("studie"), &ws, &q("studies")));
        assert!(can_narrow(&q("harmoni"), &ws, &q("harmonise")));
        let (syn, _) = Synonyms::parse("grid, network", "f");
        assert_eq!(grown_term(&q("gri"), &ws, &q("grid"), &syn), None);
    }
}
