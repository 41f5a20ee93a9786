//! Deciding which items match a query and scoring them: the literal tier over the folded
//! buffer (memmem), the typo tier for terms that occur nowhere literally, follow-up fields,
//! and narrowing from the previous result when the query only grew.

use time::Date;

use super::fold::{self, Mode};
use super::followup::{FollowupLookup, field_matches};
use super::index::{Index, NO_AREA};
use super::needle::{Needle, reference_matches, text_score};
use super::query::Query;
use super::result::{Match, Resolution, SearchResult};
use super::sets::{Hits, difference, intersect, restrict, union_max};
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
        let mut resolutions = vec![Resolution::Literal { word_start: false }; query.terms.len()];
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
                Some(Resolution::Literal { word_start }) => {
                    resolutions[i] = Resolution::Literal {
                        word_start: *word_start,
                    };
                    self.hits(env, &[Needle::literal(term, *word_start)], cand.as_ref())
                }
                None => {
                    let typo_ok = !term.literal
                        && !term.at_start
                        && allowed_typos(term.folded.chars().count()) > 0;
                    // Without candidates a pass covers everything, so no hits means no
                    // occurrence anywhere; with candidates, look everywhere before deciding.
                    let occurs = |needle: &Needle, hits: &Hits| {
                        !hits.is_empty() || cand.is_some() && self.exists(env, needle)
                    };
                    let starts = Needle::literal(term, true);
                    let hits = self.hits(env, std::slice::from_ref(&starts), cand.as_ref());
                    if starts.word_start && occurs(&starts, &hits) {
                        resolutions[i] = Resolution::Literal { word_start: true };
                        hits
                    } else {
                        // A narrowed result held only word starts: inner occurrences of the
                        // grown term may lie outside it.
                        let was_word_start = prior.is_some_and(|p| {
                            matches!(
                                p.resolutions.get(i),
                                Some(Resolution::Literal { word_start: true })
                            )
                        });
                        if narrowed && was_word_start {
                            return None;
                        }
                        let inside = Needle::literal(term, false);
                        let hits = if starts.word_start {
                            self.hits(env, std::slice::from_ref(&inside), cand.as_ref())
                        } else {
                            hits
                        };
                        if occurs(&inside, &hits) || !typo_ok {
                            resolutions[i] = Resolution::Literal { word_start: false };
                            hits
                        } else if narrowed {
                            return None;
                        } else {
                            let alternatives = self.vocab().alternatives(&term.folded);
                            let needles: Vec<Needle> =
                                alternatives.iter().map(Needle::typo).collect();
                            resolutions[i] = Resolution::Typo(alternatives);
                            self.hits(env, &needles, cand.as_ref())
                        }
                    }
                }
            };
            decided[i] = true;
            cand = Some(match cand {
                None => hits,
                Some(c) => intersect(c, &hits),
            });
        }
        for (i, term) in query.terms.iter().enumerate().filter(|(_, t)| t.exclude) {
            let mut c = cand.unwrap_or_else(|| (0..self.len()).map(|id| (id, 0)).collect());
            // An exclusion leaves out what the term would find: word starts when there are.
            let word_start = self.exists(env, &Needle::literal(term, true));
            resolutions[i] = Resolution::Literal { word_start };
            let out = self.hits(env, &[Needle::literal(term, word_start)], Some(&c));
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
        if slot != NO_AREA
            && !needle.at_start
            && let Some(s) = self.area_hit(env, needle, slot)
        {
            best = best.max(Some(s));
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
    /// The same answer as `!hits_all(..).is_empty()`, stopping at the first occurrence.
    fn exists(&self, env: &Env<'_>, needle: &Needle) -> bool {
        if needle.at_start {
            return !self.hits_all(env, needle).is_empty();
        }
        let (mut pos, mut id) = (0, 0);
        while let Some(off) = needle.finder.find(&self.hay[pos..]) {
            let at = pos + off;
            id = self.item_at(at, id);
            let start = self.starts[id] as usize;
            if self
                .text_hit(env, needle, id, self.text(id), at - start)
                .is_some()
            {
                return true;
            }
            pos = self.starts[id + 1] as usize;
            if pos >= self.hay.len() {
                break;
            }
        }
        let mut pos = 0;
        while let Some(off) = needle.finder.find(&self.area_hay[pos..]) {
            let slot = self.area_at(pos + off);
            if self.area_hit(env, needle, slot).is_some() {
                return true;
            }
            pos = self.area_starts[slot as usize + 1] as usize;
            if pos >= self.area_hay.len() {
                break;
            }
        }
        let lib = env.library;
        (needle.reference
            && (0..self.len()).any(|id| {
                reference_matches(&needle.bytes, &lib.resolution_of(id).id, lib.local_id(id))
            }))
            || env
                .followups
                .items()
                .into_iter()
                .any(|id| id < self.len() && note_score(env, needle, id).is_some())
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
    old.terms
        .iter()
        .zip(&new.terms)
        .zip(resolutions)
        .all(|((o, n), r)| {
            o.exclude == n.exclude
                && o.literal == n.literal
                && o.at_start == n.at_start
                && if o.exclude || o.text.bytes().any(|b| b.is_ascii_digit()) {
                    // A reference matches whole parts: `12` is no narrower than `1` (1.x vs 12.x).
                    o.text == n.text
                } else {
                    // Compared in the old term's (looser) mode, `nato` -> `NATO` narrows too.
                    let (old, new) = (fold::fold(&o.text, o.mode), fold::fold(&n.text, o.mode));
                    // Word starts stay word starts only when letters are added at the end.
                    let word_start = matches!(r, Resolution::Literal { word_start: true });
                    o.mode.is_looser_or_equal(n.mode)
                        && if o.at_start || word_start {
                            new.starts_with(&old)
                        } else {
                            new.contains(&old)
                        }
                }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
