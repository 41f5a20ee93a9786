//! Property tests of the merge rule and of the file writer: nothing is lost, records nobody
//! touched stay as they were, the later change wins field by field whatever order two
//! sessions save in, and the bytes written are serde_json's pretty output, read back equal.

use proptest::prelude::*;
use reso::followups::{
    Edit, Field, FollowupsFile, Pending, Timestamp, apply_pending, merge, parse_followups,
};

const REFS: [&str; 4] = ["a:1", "a:2", "b:1.1", "b:1.2"];

fn value_for(field: Field) -> BoxedStrategy<Option<String>> {
    let some: BoxedStrategy<String> = match field {
        Field::Status => {
            prop::sample::select(vec!["open", "in-progress", "waiting", "done", "dropped"])
                .prop_map(str::to_string)
                .boxed()
        }
        Field::Due => (2024u32..2027, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
            .boxed(),
        Field::TextSha256 => "[0-9a-f]{64}".boxed(),
        Field::Note | Field::Owner => "[a-z é\"\\\\\n\t\u{1}\u{7f}]{1,12}".boxed(),
    };
    prop::option::of(some).boxed()
}

fn edit() -> impl Strategy<Value = Edit> {
    prop::sample::select(Field::ALL.to_vec()).prop_flat_map(|field| {
        (value_for(field), value_for(field)).prop_map(move |(from, to)| Edit { field, from, to })
    })
}

/// Changes at times `offset`, `offset + 3`, …: sessions given different offsets never share
/// a time, so "the later change" is always well defined between them.
fn changes(offset: i64, by: &'static str) -> impl Strategy<Value = Vec<Pending>> {
    prop::collection::vec(
        (
            prop::sample::select(REFS.to_vec()),
            0i64..40,
            prop::collection::vec(edit(), 1..3),
        ),
        0..12,
    )
    .prop_map(move |list| {
        list.into_iter()
            .map(|(reference, slot, edits)| Pending {
                reference: reference.to_string(),
                at: Timestamp::from_unix(1_800_000_000 + slot * 3 + offset).unwrap(),
                by: by.to_string(),
                edits,
            })
            .collect()
    })
}

fn base() -> impl Strategy<Value = FollowupsFile> {
    changes(0, "earlier").prop_map(|list| merge(&FollowupsFile::default(), &list))
}

fn all_entries(file: &FollowupsFile) -> Vec<String> {
    let mut entries: Vec<String> = file
        .followups
        .iter()
        .flat_map(|(r, f)| f.history.iter().map(move |e| format!("{r} {e:?}")))
        .collect();
    entries.sort();
    entries
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn nothing_is_lost_and_untouched_records_stay(base in base(), ours in changes(1, "me")) {
        let merged = merge(&base, &ours);
        let mut expected = all_entries(&base);
        expected.extend(merge(&FollowupsFile::default(), &ours).followups.iter().flat_map(
            |(r, f)| f.history.iter().map(move |e| format!("{r} {e:?}")),
        ));
        expected.sort();
        prop_assert_eq!(all_entries(&merged), expected);
        for (reference, record) in &base.followups {
            if !ours.iter().any(|p| &p.reference == reference) {
                prop_assert_eq!(&merged.followups[reference], record);
            }
        }
    }

    #[test]
    fn each_field_holds_its_latest_change(base in base(), ours in changes(1, "me")) {
        let merged = merge(&base, &ours);
        for record in merged.followups.values() {
            prop_assert!(record.history.windows(2).all(|w| w[0].at <= w[1].at));
            for field in Field::ALL {
                if let Some(last) = record.history.iter().rev().find(|e| e.field == field) {
                    prop_assert_eq!(record.value(field), last.to.clone());
                    prop_assert_eq!(record.last_change(field), Some(last.at));
                }
            }
            prop_assert_eq!(Some(record.created), record.history.iter().map(|e| e.at).min());
            prop_assert_eq!(Some(record.updated), record.history.iter().map(|e| e.at).max());
        }
    }

    #[test]
    fn save_order_of_two_sessions_does_not_matter(
        base in base(),
        a in changes(1, "alice"),
        b in changes(2, "bob"),
    ) {
        let a_first = merge(&merge(&base, &a), &b);
        let b_first = merge(&merge(&base, &b), &a);
        prop_assert_eq!(a_first, b_first);
    }

    #[test]
    fn written_bytes_are_pretty_json_and_read_back_equal(base in base()) {
        let text = base.to_json();
        let expected = format!("{}\n", serde_json::to_string_pretty(&base).unwrap());
        prop_assert_eq!(&text, &expected);
        let parsed = parse_followups("f", &text);
        prop_assert_eq!(parsed.as_ref(), Ok(&base));
        // Stable: writing what was read gives the same bytes.
        prop_assert_eq!(parsed.unwrap().to_json(), text);
    }
}

#[test]
fn applying_one_at_a_time_equals_merging() {
    let mut file = FollowupsFile::default();
    let change = Pending {
        reference: "a:1".into(),
        at: Timestamp::from_unix(1_800_000_000).unwrap(),
        by: "me".into(),
        edits: vec![Edit {
            field: Field::Status,
            from: None,
            to: Some("open".into()),
        }],
    };
    apply_pending(&mut file, &change);
    assert_eq!(file, merge(&FollowupsFile::default(), &[change]));
}
