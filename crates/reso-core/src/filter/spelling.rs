//! Spelling variants: the British and American spellings of a word brought to one spelling,
//! word by word, in folded text. The index and query terms are rewritten alike, so a variant
//! is a literal match and costs nothing per keystroke.
//!
//! The one spelling is the British one (the resolutions are written in British English, so
//! their words stay as they are and prefixes typed in British spelling keep matching), except
//! `programme`, which becomes `program` so that `program` still finds `programming`. Every
//! rule names the words it applies to or excludes the words it must not touch: a rule never
//! joins unrelated words (`size` stays `size`, `laboratory` is no `labour`).

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::fold::is_word_byte;

type Map = rustc_hash::FxHashMap<&'static [u8], Box<[u8]>>;

/// The finite variants, and the markers that find the words worth looking up.
struct Table {
    /// By American (lower-case) spelling.
    words: Map,
    /// Every word with a variant holds one of these (`color`, `center`, `travel`, …, and
    /// `z` for the `-ize` family), ASCII case ignored: millions of words are indexed, a few
    /// thousand have variants, and one pass of this automaton skips the others without
    /// looking at each word.
    markers: AhoCorasick,
}

/// American `-or` words whose British spelling is `-our`, and the endings they take.
const OUR_STEMS: &[&str] = &[
    "arbor", "ardor", "armor", "behavior", "candor", "clamor", "color", "demeanor", "endeavor",
    "favor", "fervor", "flavor", "harbor", "honor", "humor", "labor", "neighbor", "odor", "parlor",
    "rancor", "rigor", "rumor", "savior", "savor", "splendor", "succor", "tumor", "valor", "vapor",
    "vigor",
];
const OUR_ENDINGS: &[&str] = &[
    "", "s", "ed", "ing", "er", "ers", "able", "ably", "ful", "fully", "less", "ite", "ites",
    "itism", "al", "ally", "hood", "hoods", "ist", "ists", "y", "ism",
];
/// Prefixes seen before those words (`unfavourable`, `discoloured`, `misbehaviour`).
const OUR_PREFIXES: &[&str] = &["", "un", "dis", "mis", "water", "tri", "multi"];

/// American `-er` words whose British spelling is `-re`.
const TRE_WORDS: &[&str] = &[
    "center",
    "epicenter",
    "meter",
    "kilometer",
    "centimeter",
    "millimeter",
    "liter",
    "milliliter",
    "theater",
    "amphitheater",
    "fiber",
    "caliber",
    "somber",
    "specter",
    "meager",
    "luster",
    "saber",
    "miter",
    "ocher",
    "scepter",
];

/// Verbs doubling their `l` in British spelling (`travelled`, `modelling`, `counsellor`).
const DOUBLE_L_STEMS: &[&str] = &[
    "barrel", "bevel", "cancel", "channel", "counsel", "dial", "duel", "enamel", "equal", "fuel",
    "funnel", "grovel", "initial", "jewel", "kennel", "label", "level", "libel", "marshal",
    "marvel", "model", "panel", "parcel", "pedal", "pummel", "quarrel", "refuel", "remodel",
    "revel", "rival", "shovel", "signal", "snorkel", "spiral", "total", "towel", "travel",
    "tunnel", "unravel", "yodel",
];
const DOUBLE_L_ENDINGS: &[&str] = &["ed", "ing", "er", "ers", "or", "ors", "ous"];
const DOUBLE_L_PREFIXES: &[&str] = &["", "un", "re", "mis"];

/// American double `l` where British has one, whole words: (American, British).
const SINGLE_L: &[(&str, &str)] = &[
    ("fulfill", "fulfil"),
    ("fulfills", "fulfils"),
    ("fulfillment", "fulfilment"),
    ("fulfillments", "fulfilments"),
    ("enroll", "enrol"),
    ("enrolls", "enrols"),
    ("enrollment", "enrolment"),
    ("enrollments", "enrolments"),
    ("installment", "instalment"),
    ("installments", "instalments"),
    ("distill", "distil"),
    ("distills", "distils"),
    ("instill", "instil"),
    ("instills", "instils"),
    ("appall", "appal"),
    ("appalls", "appals"),
    ("skillful", "skilful"),
    ("skillfully", "skilfully"),
    ("willful", "wilful"),
    ("willfully", "wilfully"),
];

/// American `-og` words whose British spelling is `-ogue`.
const OGUE_STEMS: &[&str] = &[
    "catalog", "dialog", "analog", "monolog", "prolog", "epilog", "travelog", "homolog",
];

/// `-ence` nouns that American English spells `-ense`.
const ENCE_STEMS: &[&str] = &["defen", "offen", "licen", "preten"];
const ENCE_ENDINGS: &[&str] = &["e", "es", "eless"];

/// `programme` is the one word mapped the other way (see the module header).
const PROGRAMME: &[(&str, &str)] = &[
    ("programme", "program"),
    ("programmes", "programs"),
    ("gramme", "gram"),
    ("grammes", "grams"),
    ("kilogramme", "kilogram"),
    ("kilogrammes", "kilograms"),
];

/// Endings of the `-ize` family, with the offset of their `z` from the start of the ending.
const IZE_ENDINGS: &[&str] = &[
    "ize",
    "izes",
    "ized",
    "izing",
    "izer",
    "izers",
    "ization",
    "izations",
    "izational",
    "izable",
    "yze",
    "yzes",
    "yzed",
    "yzing",
    "yzer",
    "yzers",
];
/// `-ize` words that are no variant of an `-ise` word: (`size`, `downsize`, `prize`).
const IZE_EXCEPTIONS: &[&str] = &["size", "prize", "maize", "baize"];

/// Words longer than this are left alone: no variant is that long.
const LONGEST: usize = 24;

/// The finite variants, by American (lower-case) spelling.
fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Map::default();
        let mut add = |from: String, to: String| {
            let from: &'static str = Box::leak(from.into_boxed_str());
            t.insert(from.as_bytes(), to.into_bytes().into_boxed_slice());
        };
        for stem in OUR_STEMS {
            let british = format!("{}our", &stem[..stem.len() - 2]);
            for prefix in OUR_PREFIXES {
                for ending in OUR_ENDINGS {
                    add(
                        format!("{prefix}{stem}{ending}"),
                        format!("{prefix}{british}{ending}"),
                    );
                }
            }
        }
        for word in TRE_WORDS {
            let root = &word[..word.len() - 2];
            add(word.to_string(), format!("{root}re"));
            add(format!("{word}s"), format!("{root}res"));
            add(format!("{word}ed"), format!("{root}red"));
            add(format!("{word}ing"), format!("{root}ring"));
        }
        for stem in DOUBLE_L_STEMS {
            for prefix in DOUBLE_L_PREFIXES {
                for ending in DOUBLE_L_ENDINGS {
                    add(
                        format!("{prefix}{stem}{ending}"),
                        format!("{prefix}{stem}l{ending}"),
                    );
                }
            }
        }
        for (american, british) in SINGLE_L.iter().chain(PROGRAMME) {
            add(american.to_string(), british.to_string());
        }
        for stem in OGUE_STEMS {
            add(stem.to_string(), format!("{stem}ue"));
            add(format!("{stem}s"), format!("{stem}ues"));
            add(format!("{stem}ed"), format!("{stem}ued"));
            add(format!("{stem}ing"), format!("{stem}uing"));
        }
        for stem in ENCE_STEMS {
            for ending in ENCE_ENDINGS {
                add(format!("{stem}s{ending}"), format!("{stem}c{ending}"));
            }
        }
        let ence = ENCE_STEMS.iter().map(|stem| format!("{stem}s"));
        let markers: Vec<String> = [OUR_STEMS, TRE_WORDS, DOUBLE_L_STEMS, OGUE_STEMS]
            .concat()
            .into_iter()
            .map(str::to_string)
            .chain(SINGLE_L.iter().map(|(american, _)| american.to_string()))
            .chain(PROGRAMME.iter().map(|(from, _)| from.to_string()))
            .chain(ence)
            .chain(["z".to_string()])
            .collect();
        let markers = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&markers)
            .expect("the markers are a few hundred short words");
        Table { words: t, markers }
    })
}

/// The one spelling of a lower-case ASCII word, when it differs.
pub(crate) fn variant_of(word: &[u8]) -> Option<Vec<u8>> {
    if word.len() < 4 || word.len() > LONGEST {
        return None;
    }
    // `z` is rare outside the -ize family: the open rule only looks at words that have one.
    if memchr::memchr(b'z', word).is_some() {
        return ize(word);
    }
    table().words.get(word).map(|w| w.to_vec())
}

/// `-ize`, `-ization`, `-yze` → `-ise`, `-isation`, `-yse`, for a stem of three letters or
/// more (`size`, `prize`, `seize` have shorter ones) that is not in [`IZE_EXCEPTIONS`].
fn ize(word: &[u8]) -> Option<Vec<u8>> {
    let ending = IZE_ENDINGS.iter().find(|e| word.ends_with(e.as_bytes()))?;
    let stem_len = word.len() - ending.len();
    let base_end = stem_len + 3;
    let mut base = word[..base_end.min(word.len())].to_vec();
    if base.len() < base_end {
        return None;
    }
    base[base_end - 1] = b'e';
    if stem_len < 3 || IZE_EXCEPTIONS.iter().any(|x| base.ends_with(x.as_bytes())) {
        return None;
    }
    let mut out = word.to_vec();
    out[stem_len + 1] = b's';
    Some(out)
}

/// The one spelling of a word in any case (the case of the letters that change follows the
/// letters around them), when it differs.
fn variant_keeping_case(word: &[u8]) -> Option<Vec<u8>> {
    if word.len() < 4 || word.len() > LONGEST || !word.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut lower = [0u8; LONGEST];
    let lower = &mut lower[..word.len()];
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    let canon = variant_of(lower)?;
    let (at, removed, inserted) = edit(lower, &canon);
    let upper = word[at.min(word.len() - 1)].is_ascii_uppercase()
        && word[at.saturating_sub(1)].is_ascii_uppercase();
    let mut out = Vec::with_capacity(canon.len());
    out.extend_from_slice(&word[..at]);
    out.extend(
        inserted
            .iter()
            .map(|&b| if upper { b.to_ascii_uppercase() } else { b }),
    );
    out.extend_from_slice(&word[at + removed..]);
    Some(out)
}

/// The one contiguous edit turning `from` into `to`: (offset, bytes removed, bytes inserted).
fn edit<'a>(from: &[u8], to: &'a [u8]) -> (usize, usize, &'a [u8]) {
    let prefix = from.iter().zip(to).take_while(|(a, b)| a == b).count();
    let room = from.len().min(to.len()) - prefix;
    let suffix = from
        .iter()
        .rev()
        .zip(to.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    (
        prefix,
        from.len() - prefix - suffix,
        &to[prefix..to.len() - suffix],
    )
}

/// Rewrites folded `text` into `out` with every word in its one spelling. With `map` (one
/// entry per byte of `text`), also extends `map_out` so that each byte of the result points
/// where the byte it came from pointed. Text between rewritten words is copied in one piece:
/// the index passes millions of words through here, and few change.
pub(crate) fn rewrite(text: &[u8], out: &mut Vec<u8>, map: Option<(&[u32], &mut Vec<u32>)>) {
    let mut map = map;
    let mut copied = 0;
    // Where the last word looked at ends: later markers inside it are skipped.
    let mut looked_to = 0;
    for marker in table().markers.find_iter(text) {
        if marker.start() < looked_to {
            continue;
        }
        let s = text[..marker.start()]
            .iter()
            .rposition(|&b| !is_word_byte(b))
            .map_or(0, |p| p + 1);
        let i = text[marker.end()..]
            .iter()
            .position(|&b| !is_word_byte(b))
            .map_or(text.len(), |p| marker.end() + p);
        looked_to = i;
        let Some(canon) = variant_keeping_case(&text[s..i]) else {
            continue;
        };
        out.extend_from_slice(&text[copied..s]);
        out.extend_from_slice(&canon);
        if let Some((from, to)) = map.as_mut() {
            to.extend_from_slice(&from[copied..s]);
            let (at, removed, inserted) = edit(&text[s..i], &canon);
            to.extend_from_slice(&from[s..s + at]);
            // A replaced letter points where the one it replaces pointed (`er` of
            // `center` → `re`); an inserted one, with the letter after it.
            to.extend((0..inserted.len()).map(|j| match removed {
                0 => from[s + at.min(i - s - 1)],
                _ => from[s + at + j.min(removed - 1)],
            }));
            to.extend_from_slice(&from[s + at + removed..i]);
        }
        copied = i;
    }
    out.extend_from_slice(&text[copied..]);
    if let Some((from, to)) = map.as_mut() {
        to.extend_from_slice(&from[copied..]);
    }
}

/// `text` (folded) with every word in its one spelling.
pub(crate) fn rewritten(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 8);
    rewrite(text.as_bytes(), &mut out, None);
    // Only ASCII letters are ever changed, one word for another, so the text stays UTF-8.
    String::from_utf8(out).expect("rewriting ASCII words keeps UTF-8")
}

/// `text` (folded, with its byte-to-character `map`) with every word in its one spelling,
/// and the map of the result.
pub(crate) fn rewritten_with_map(text: &str, map: &[u32]) -> (String, Vec<u32>) {
    let mut out = Vec::with_capacity(text.len() + 8);
    let mut out_map = Vec::with_capacity(map.len() + 8);
    rewrite(text.as_bytes(), &mut out, Some((map, &mut out_map)));
    let out = String::from_utf8(out).expect("rewriting ASCII words keeps UTF-8");
    (out, out_map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(word: &str) -> String {
        rewritten(word)
    }

    #[test]
    fn american_spellings_become_british() {
        for (american, british) in [
            ("harmonize", "harmonise"),
            ("harmonized", "harmonised"),
            ("synchronization", "synchronisation"),
            ("organizations", "organisations"),
            ("analyze", "analyse"),
            ("analyzing", "analysing"),
            ("color", "colour"),
            ("unfavorable", "unfavourable"),
            ("behavioral", "behavioural"),
            ("center", "centre"),
            ("centered", "centred"),
            ("kilometers", "kilometres"),
            ("traveled", "travelled"),
            ("modeling", "modelling"),
            ("counselor", "counsellor"),
            ("fulfillment", "fulfilment"),
            ("catalog", "catalogue"),
            ("cataloging", "cataloguing"),
            ("defense", "defence"),
            ("licenses", "licences"),
            ("programme", "program"),
        ] {
            assert_eq!(one(american), british, "{american}");
            assert_eq!(one(british), british, "{british} stays");
        }
    }

    #[test]
    fn unrelated_words_are_left_alone() {
        for word in [
            "size",
            "downsize",
            "prize",
            "seize",
            "laboratory",
            "collaborate",
            "elaborate",
            "honorary",
            "humorous",
            "cluster",
            "parameter",
            "diameter",
            "analogy",
            "defensive",
            "licensed",
            "programming",
            "spelled",
            "compelled",
            "selling",
            "nato",
            "hour",
            "arrival",
            "cordial",
        ] {
            assert_eq!(one(word), word);
        }
    }

    /// The word-by-word scan the markers replaced: every word looked up.
    fn rewritten_word_by_word(text: &str) -> String {
        let mut out = String::new();
        let mut word = String::new();
        for c in text.chars().chain(['\n']) {
            if c.is_ascii_alphanumeric() || !c.is_ascii() {
                word.push(c);
                continue;
            }
            match variant_keeping_case(word.as_bytes()) {
                Some(canon) => out.push_str(std::str::from_utf8(&canon).unwrap()),
                None => out.push_str(&word),
            }
            word.clear();
            out.push(c);
        }
        out.pop();
        out
    }

    #[test]
    fn the_markers_find_what_a_look_at_every_word_finds() {
        let library = crate::seed::library();
        let mut texts: Vec<String> = (0..library.item_count())
            .map(|id| crate::filter::fold::fold(library.text(id), crate::filter::Mode::FoldCase))
            .collect();
        for word in table().words.keys() {
            let word = String::from_utf8_lossy(word);
            let capital = format!("{}{}", word[..1].to_uppercase(), &word[1..]);
            texts.push(format!(
                "{word}, {capital} and {}-{word}z.",
                word.to_uppercase()
            ));
        }
        texts.push("organizations zone Zeitgeist analyzing size downsize harmonize".into());
        for text in &texts {
            assert_eq!(rewritten(text), rewritten_word_by_word(text), "{text}");
        }
    }

    #[test]
    fn every_listed_variant_holds_a_marker() {
        let table = table();
        for word in table.words.keys() {
            assert!(
                table.markers.is_match(word),
                "{}",
                String::from_utf8_lossy(word)
            );
            let spaced = format!("a {} b", String::from_utf8_lossy(word));
            assert_ne!(rewritten(&spaced), spaced, "rewritten inside a text");
        }
    }

    #[test]
    fn case_follows_the_word() {
        assert_eq!(one("Center of Excellence"), "Centre of Excellence");
        assert_eq!(one("CENTER"), "CENTRE");
        assert_eq!(one("Harmonize COLOR"), "Harmonise COLOUR");
    }

    #[test]
    fn the_map_points_at_the_original_characters() {
        let text = "a color, centered";
        let map: Vec<u32> = (0..text.len() as u32).collect();
        let (out, out_map) = rewritten_with_map(text, &map);
        assert_eq!(out, "a colour, centred");
        assert_eq!(out_map.len(), out.len());
        // The inserted `u` points at the `r` it stands before.
        assert_eq!(out_map[..8], [0, 1, 2, 3, 4, 5, 6, 6]);
        assert_eq!(*out_map.last().unwrap(), 16);
    }
}
