//! Set operations on sorted (item, score) lists: the AND of terms, exclusions, and the union
//! of a term's fields and typo alternatives. Linear merges; the lists are in document order.

use crate::model::ItemId;

/// Items with a score, sorted by item.
pub(super) type Hits = Vec<(ItemId, i64)>;

/// Items in both, scores added. Both sorted by item.
pub(super) fn intersect(a: Hits, b: &Hits) -> Hits {
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
pub(super) fn restrict(a: Hits, b: &Hits) -> Hits {
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
pub(super) fn difference(a: Hits, b: &Hits) -> Hits {
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

/// Items in either, the higher score kept. Built in `a`'s buffer, grown once to the exact
/// size of the union and filled from the back: a one-letter term matches every item, and a
/// third list as long as both would double the search's memory at that keystroke.
pub(super) fn union_max(mut a: Hits, b: Hits) -> Hits {
    if b.is_empty() {
        return a;
    }
    if a.is_empty() {
        return b;
    }
    let both = intersect_len(&a, &b);
    let (mut i, mut j) = (a.len(), b.len());
    let n = i + j - both;
    a.reserve_exact(n - i);
    a.resize(n, (0, 0));
    // From the back, the write position `w` never passes the unread part of `a` (`w - i` is
    // what is left of `b` alone); when `b` is used up, `a`'s rest is already in place.
    let mut w = n;
    while j > 0 {
        w -= 1;
        let (x, y) = (i.checked_sub(1).map(|k| a[k]), b[j - 1]);
        a[w] = match x {
            Some(x) if x.0 > y.0 => {
                i -= 1;
                x
            }
            Some(x) if x.0 == y.0 => {
                i -= 1;
                j -= 1;
                (x.0, x.1.max(y.1))
            }
            _ => {
                j -= 1;
                y
            }
        };
    }
    debug_assert_eq!(w, i);
    a
}

/// How many items are in both (sorted) lists.
fn intersect_len(a: &Hits, b: &Hits) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations_keep_order_and_scores() {
        let a = vec![(1, 10), (3, 10), (5, 10)];
        let b = vec![(3, 1), (4, 1), (5, 20)];
        assert_eq!(intersect(a.clone(), &b), vec![(3, 11), (5, 30)]);
        assert_eq!(difference(a.clone(), &b), vec![(1, 10)]);
        assert_eq!(union_max(a, b), vec![(1, 10), (3, 10), (4, 1), (5, 20)]);
    }

    #[test]
    fn union_in_place_equals_a_plain_merge() {
        // Every pair of subsets of 0..6 with scores that differ per side.
        for x in 0u32..64 {
            for y in 0u32..64 {
                let set = |bits: u32, score: i64| -> Hits {
                    (0..6)
                        .filter(|i| bits >> i & 1 == 1)
                        .map(|i| (i, score + i as i64))
                        .collect()
                };
                let (a, b) = (set(x, 10), set(y, 12));
                let mut expected: Vec<(ItemId, i64)> = a.clone();
                for &(id, s) in &b {
                    match expected.iter_mut().find(|e| e.0 == id) {
                        Some(e) => e.1 = e.1.max(s),
                        None => expected.push((id, s)),
                    }
                }
                expected.sort_unstable();
                let union = union_max(a, b);
                assert_eq!(union, expected, "{x:06b} | {y:06b}");
            }
        }
    }
}
