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

/// Items in either, the higher score kept.
pub(super) fn union_max(a: Hits, b: Hits) -> Hits {
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
    fn set_operations_keep_order_and_scores() {
        let a = vec![(1, 10), (3, 10), (5, 10)];
        let b = vec![(3, 1), (4, 1), (5, 20)];
        assert_eq!(intersect(a.clone(), &b), vec![(3, 11), (5, 30)]);
        assert_eq!(difference(a.clone(), &b), vec![(1, 10)]);
        assert_eq!(union_max(a, b), vec![(1, 10), (3, 10), (4, 1), (5, 20)]);
    }
}
