//! Import, round three (issue 25): the shapes published resolutions really have, each in a
//! text written for the test in that layout: a UN masthead of any length above the title,
//! its page furniture and footnotes, the symbol in the id, numbers set tight against the
//! first word, Markdown footnotes, and what the text does not state left out, not guessed.

use std::fs;

use reso::import::{Imported, Options, import, to_json};
use reso::model::Resolution;

use super::import_layouts::{fixture, import_fixture as import_text};

/// Through the binary, so that the file's reader (Markdown here) is the real one.
fn import_file(name: &str) -> Resolution {
    let (json, code) = super::import_files::import(&fixture(name));
    assert_eq!(code, 3, "{name}: written with warnings");
    reso::load::parse_resolution(name, &json.to_string())
        .unwrap_or_else(|p| panic!("{name}: {p:?}"))
}

fn commitment_ids(res: &Resolution) -> Vec<&str> {
    res.areas
        .iter()
        .flat_map(|a| &a.commitments)
        .map(|c| c.id.as_str())
        .collect()
}

fn commitment_texts(res: &Resolution) -> Vec<&str> {
    res.areas
        .iter()
        .flat_map(|a| &a.commitments)
        .map(|c| c.text.as_str())
        .collect()
}

fn recital_texts(res: &Resolution) -> Vec<&str> {
    res.preamble
        .recitals
        .iter()
        .map(|r| r.text.as_str())
        .collect()
}

fn said(imported: &Imported) -> Vec<String> {
    imported.warnings.iter().map(|w| w.to_string()).collect()
}

/// Each of `expected` opens one of the warnings.
fn assert_said(imported: &Imported, expected: &[&str]) {
    let warnings = said(imported);
    for expected in expected {
        assert!(
            warnings.iter().any(|w| w.starts_with(expected)),
            "{expected}: {warnings:#?}"
        );
    }
}

#[test]
fn a_un_masthead_is_read_for_its_facts_and_left_out_of_the_title() {
    let imported = import_text("un-masthead.txt");
    let res = &imported.resolution;
    assert_eq!(
        res.title,
        "91/3. Protection of migratory birds along the northern flyways"
    );
    assert_eq!(
        res.symbol.as_deref(),
        Some("A/RES/91/3"),
        "the masthead's symbol"
    );
    assert_eq!(res.id, "ga-91-3-2036", "the symbol in the id");
    assert_eq!(res.session.number, Some(91));
    assert_eq!(res.adopted.date.as_deref(), Some("2036-05-02"));
    assert_eq!(res.version, 4, "footnotes kept");
    let notes: Vec<(&str, &str, &str)> = res
        .preamble
        .recitals
        .iter()
        .flat_map(|r| {
            r.notes
                .iter()
                .map(move |n| (r.id.as_str(), n.label.as_str(), n.text.as_str()))
        })
        .collect();
    assert_eq!(
        notes,
        [
            ("r1", "1", "See A/89/211."),
            ("r2", "2", "Report of the Flyway Observatory, 2035.")
        ],
        "each note with the recital whose marker points to it"
    );
    let warnings = said(&imported);
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("lines 1-24: removed the masthead")),
        "{warnings:#?}"
    );
    // Page furniture in the middle of the preamble, and the notes under the rule.
    for furniture in [
        "removed running title \"Protection of migratory birds along the northern flyways\"",
        "removed page counter \"2/3\"",
        "removed document job number \"36-10077\"",
        "removed footnotes",
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(furniture)),
            "{furniture}: {warnings:#?}"
        );
    }
    assert_eq!(
        recital_texts(res),
        [
            "Recalling its resolution 89/17 of 3 December 2034 on wetlands of the northern seas,",
            "Concerned about the decline of wader populations reported by the Flyway Observatory in Pärnu,",
            "Welcoming the survey of resting sites carried out by the coastal States in 2035,",
            "Noting the work of the regional bird ringing schemes and of the volunteers who keep them going,",
        ],
        "footnote digits gone, nothing of the page's foot or head inside a recital"
    );
    assert!(
        warnings.iter().any(|w| w.contains("removed the annex")),
        "the annex after the closing lines: {warnings:#?}"
    );
    assert_eq!(
        commitment_ids(res),
        ["1", "2", "3"],
        "the document's numbers, none of the annex's"
    );
}

#[test]
fn two_resolutions_of_one_session_get_two_ids() {
    let first = import_text("un-masthead.txt").resolution;
    let text = fs::read_to_string(fixture("un-masthead.txt"))
        .unwrap()
        .replace("91/3", "91/4");
    let second = import(&text, &Options::default()).unwrap().resolution;
    assert_eq!(second.id, "ga-91-4-2036");
    assert_ne!(first.id, second.id);
}

#[test]
fn numbers_and_letters_set_tight_against_the_first_word_are_markers() {
    let imported = import_text("ep-glued.txt");
    let res = &imported.resolution;
    assert_eq!(
        res.title,
        "Resolution on the protection of the northern wetlands"
    );
    assert_eq!(
        res.symbol.as_deref(),
        Some("B9-0412/35"),
        "the first of the list, with the list's year"
    );
    assert_eq!(res.id, "ep-b9-0412-35-2035");
    assert_eq!(res.adopted.date.as_deref(), Some("2035-03-14"));
    let labels: Vec<Option<&str>> = res
        .preamble
        .recitals
        .iter()
        .map(|r| r.label.as_deref())
        .collect();
    assert_eq!(labels, [Some("A"), Some("B")]);
    assert!(
        res.preamble.recitals[0]
            .text
            .starts_with("having regard to")
    );
    assert_eq!(
        commitment_ids(res),
        ["1", "2", "3", "4"],
        "`3.Is concerned` too: a short verb is a word"
    );
    assert!(
        res.areas[0].commitments[0]
            .text
            .starts_with("Calls on the Commission")
    );
    assert_eq!(
        res.areas[0].commitments[2].text,
        "Is concerned that drained peatlands release carbon for decades;"
    );
    // The European Parliament numbers no sessions: left out, and said so.
    assert_eq!(res.session.number, None);
    assert!(
        said(&imported)
            .iter()
            .any(|w| w.contains("no session number") && w.contains("left out"))
    );
}

#[test]
fn markdown_footnotes_and_the_closing_meeting_line_stay_out_of_the_text() {
    let res = import_file("un-footnotes.md");
    assert_eq!(res.title, "91/7. Clean shipping lanes in the northern seas");
    assert_eq!(res.id, "ga-91-7-2036");
    assert_eq!(res.adopted.date.as_deref(), Some("2036-06-09"));
    assert_eq!(
        recital_texts(&res),
        [
            "Recalling its resolution 89/20 of 5 December 2034,",
            "Noting the guidelines of the Northern Maritime Forum on ballast water,",
        ]
    );
    assert_eq!(
        commitment_ids(&res),
        ["1", "2"],
        "no note, no closing line as a commitment"
    );
    assert_eq!(
        res.areas[0].commitments[1].text,
        "Decides to review the matter at its ninety-second session."
    );
}

#[test]
fn a_text_that_states_no_date_is_written_without_one() {
    let text = fs::read_to_string(fixture("ep-glued.txt"))
        .unwrap()
        .replace(
            "Texts adopted at the sitting of 14 March 2035",
            "Texts of the sitting",
        );
    let imported = import(&text, &Options::default()).unwrap();
    let res = &imported.resolution;
    assert_eq!(res.adopted.date, None, "left out, not guessed");
    assert_eq!(
        res.id, "ep-b9-0412-35",
        "no year of adoption to put in the id"
    );
    assert!(
        said(&imported)
            .iter()
            .any(|w| w.contains("no adoption date") && w.contains("--date"))
    );
    reso::load::parse_resolution("undated.json", &to_json(res)).expect("valid, version 3");
    // An older version cannot say "not stated": the loader names the version it needs.
    let mut older: serde_json::Value = serde_json::from_str(&to_json(res)).unwrap();
    older["version"] = 2.into();
    let problems = reso::load::parse_resolution("old.json", &older.to_string()).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("needs format version 3")),
        "{problems:?}"
    );
}

#[test]
fn a_conference_whose_bullets_open_with_their_own_verbs() {
    let imported = import_text("bspc-verbs.txt");
    let res = &imported.resolution;
    assert!(res.preamble.recitals.is_empty());
    assert_eq!(
        res.operative.formula, None,
        "no formula: the verbs start the list"
    );
    let texts = commitment_texts(res);
    assert_eq!(texts.len(), 3);
    assert!(texts[0].starts_with("renew their commitment"));
    assert!(texts[2].starts_with("call on the governments"));
    assert_eq!(res.session.number, Some(44));
    assert_eq!(
        (res.adopted.date.as_deref(), res.adopted.place.as_deref()),
        (Some("2036-08-26"), Some("Visby")),
        "the last day of the range the opening states"
    );
}

#[test]
fn quote_marks_that_stand_for_lost_dashes_are_bullets_and_a_that_clause_names_no_one() {
    let imported = import_text("ba-quotes.txt");
    let res = &imported.resolution;
    assert_eq!(res.preamble.recitals.len(), 2);
    let texts = commitment_texts(res);
    assert_eq!(
        texts,
        [
            "a shared register of the vessels that fish in the Gulf of Riga.",
            "common quotas for herring and sprat, set every year.",
        ]
    );
    assert!(
        res.operative.addressees.is_empty(),
        "`recommends that …` is a clause: {:?}",
        res.operative.addressees
    );
    assert_eq!(res.adopted.label(), "Tallinn, 1996-05-14");
    assert!(
        said(&imported)
            .iter()
            .any(|w| w.starts_with("lines 12-14: removed a table (signatures?)")),
        "the signatures set in columns above the closing line: {:#?}",
        said(&imported)
    );
}

#[test]
fn a_title_in_letters_set_apart_and_a_proposal_to_a_body() {
    let text = "R E S O L U T I O N\nON THE HERRING OF THE GULF\nThe Baltic Assembly, taking into consideration:\n- the decline of the herring stocks;\nproposes to the Baltic Council of Ministers that it act, focusing attention on the following aspects:\n- a register of the vessels;\n- common quotas;\nRiga, 3 May 1996\n";
    let imported = import(text, &Options::default()).unwrap();
    assert_eq!(imported.unaccounted, [], "R E S O L U T I O N is one word");
    let res = &imported.resolution;
    assert_eq!(res.title, "Resolution on the Herring of the Gulf");
    assert_eq!(
        res.operative.addressees,
        ["Baltic Council of Ministers"],
        "whom it proposes to, not `the following aspects`"
    );
}

#[test]
fn headings_that_open_with_regard_to_start_areas() {
    let text = "Resolution on the northern seas\n\nThe European Parliament,\n\nWith regard to the fisheries\n\n1.Calls on the Commission to publish the catches;\n\n2.Asks the Council to agree on quotas;\n\nAs regards the ports\n\n3.Calls on the Member States to clean their ports;\n";
    let imported = import(text, &Options::default()).unwrap();
    assert_eq!(imported.unaccounted, []);
    let res = &imported.resolution;
    let areas: Vec<(Option<&str>, Vec<&str>)> = res
        .areas
        .iter()
        .map(|a| {
            let ids = a.commitments.iter().map(|c| c.id.as_str()).collect();
            (a.heading.as_deref(), ids)
        })
        .collect();
    assert_eq!(
        areas,
        [
            (Some("With regard to the fisheries"), vec!["1", "2"]),
            (Some("As regards the ports"), vec!["3"]),
        ]
    );
    assert!(res.preamble.recitals.is_empty());
}

/// An older General Assembly record as web copies give it: the formula and every recital on
/// one line, a bracketed note, `1012th plenary meeting,` / `17 October 1961.`, and the
/// site's notice below.
#[test]
fn a_preamble_run_on_in_one_line_is_cut_at_each_recital() {
    let imported = import_text("ga-run-on.txt");
    let res = &imported.resolution;
    assert_eq!(res.preamble.formula, "The General Assembly,");
    assert_eq!(
        recital_texts(res),
        [
            "Recalling its resolution 1544 (XV) of 9 December 1960 on lighthouses in the northern seas,",
            "Noting the report of the Secretary-General on the state of coastal lights,",
            "Considering that the keepers of remote lights need relief in winter,",
            "Welcoming the offer of the coastal States to share their supply ships,",
        ],
        "cut before each opener; the note's reference [1] gone"
    );
    assert_eq!(commitment_ids(res), ["1", "2"]);
    assert_eq!(res.id, "ga-1702-1961", "`1702. Resolution` numbers it");
    assert_eq!(
        res.adopted.date.as_deref(),
        Some("1961-10-17"),
        "the meeting's date, not the title's range"
    );
    assert_said(
        &imported,
        &[
            "line 4: the preamble runs on in one line: cut into 5 paragraphs",
            "line 13: removed footnote 1: \"Official Records",
            "line 15: removed: text after",
        ],
    );
}

/// A Security Council resolution as a web page gives it: the statement of adoption wrapped
/// before its date, notes after a quotation's comma and a reference's semicolon, and the
/// page's rule and links after the last paragraph.
#[test]
fn a_web_copy_ends_at_its_last_numbered_paragraph() {
    let imported = import_text("sc-web.txt");
    let res = &imported.resolution;
    assert_eq!(res.adopted.date.as_deref(), Some("2037-03-14"));
    assert_eq!(res.id, "sc-2871-2037");
    assert_eq!(
        recital_texts(res),
        [
            "Recalling its resolution 2790 (2036); and the statement of its President on pilotage in the straits,",
            "Welcoming the report of the Secretary-General entitled “Safe passage in the northern straits”,",
            "Noting the joint patrols of the coastal States,",
        ],
        "the notes' digits gone"
    );
    assert_eq!(
        commitment_ids(res),
        ["1", "2", "3"],
        "the site's links are no paragraph 4, so the document's numbers stand"
    );
    let warnings = said(&imported);
    assert!(
        warnings.iter().any(|w| w.starts_with(
            "line 23: removed: text after the last numbered paragraph, which ends the resolution with `.`"
        )),
        "{warnings:#?}"
    );
}

/// A Senate resolution as the Government Publishing Office sets it: a header, the chamber
/// line for a formula, `Whereas` recitals (one with items of its own), `Resolved, That the
/// Senate--` with numbered paragraphs and `(A)` items, the back matter repeating the title.
#[test]
fn a_congressional_resolution_reads_from_whereas_to_resolved() {
    let imported = import_text("us-senate.txt");
    let res = &imported.resolution;
    assert_eq!(res.body, "United States Senate");
    assert_eq!(res.symbol.as_deref(), Some("S. Res. 214"));
    assert_eq!(res.id, "uss-s-res-214-2050");
    assert_eq!(
        res.title,
        "Recognizing the lighthouse keepers of the Great Lakes for a century of service to mariners."
    );
    assert_eq!(
        res.adopted.date.as_deref(),
        Some("2050-05-12"),
        "the day it was agreed to"
    );
    assert_eq!(
        res.session.number, None,
        "a Congress's session is not the Senate's own count"
    );
    assert_eq!(
        recital_texts(res),
        [
            "Whereas the first automated light on the Great Lakes was lit in 1950, and keepers remained at remote stations for decades after;",
            "Whereas the Lighthouse Heritage Act of 2049-- (1) funds the repair of historic towers; and (2) opens keepers' houses to the public;",
            "Whereas volunteers keep the logbooks of 40 stations; and",
            "Whereas the keepers' records help the study of storms on the lakes: Now, therefore, be it",
        ],
        "a recital's numbered items stay in it; `; and` ends a recital"
    );
    assert_eq!(
        res.operative.formula.as_deref(),
        Some("Resolved, That the Senate--")
    );
    assert!(
        res.operative.addressees.is_empty(),
        "the clause names no addressee"
    );
    assert_eq!(commitment_ids(res), ["1", "2", "3"]);
    let items: Vec<&str> = res.areas[0].commitments[1]
        .items()
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(
        items,
        ["2.a", "2.b"],
        "`(A)` under `…--`, ids in lower case"
    );
    let warnings = said(&imported);
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("line 52: removed: text after the last numbered paragraph")),
        "the back matter: {warnings:#?}"
    );
}

/// A reported, not agreed, resolution states no adoption: its dates of submission and
/// report are reported removed and no date is guessed.
#[test]
fn a_congressional_resolution_not_yet_agreed_has_no_date() {
    let text = std::fs::read_to_string(fixture("us-senate.txt"))
        .unwrap()
        .replace(
            "which was considered and agreed to",
            "which was referred to the Committee on Commerce",
        );
    let imported = import(&text, &Options::default()).unwrap();
    assert_eq!(imported.resolution.adopted.date, None);
    assert_eq!(imported.resolution.id, "uss-s-res-214");
    assert!(
        said(&imported).iter().any(|w| w
            .contains("removed \"May 12, 2050\": a date of submission or report, not of adoption")),
        "{:#?}",
        said(&imported)
    );
}

/// A resolution in the first person, as associations and congresses adopt them: `We, …,
/// adopt the following resolution:`, `Whereas, …;`, `Now therefore be it resolved that:`,
/// plain paragraphs, and a closing statement of adoption.
#[test]
fn a_resolution_in_the_first_person_is_read_not_refused() {
    let imported = import_text("first-person.txt");
    let res = &imported.resolution;
    assert_eq!(res.body, "Coastal Fishers of the North Sea");
    assert_eq!(res.preamble.recitals.len(), 2);
    assert_eq!(
        res.operative.formula.as_deref(),
        Some("Now therefore be it resolved that:")
    );
    assert!(
        res.operative.addressees.is_empty(),
        "the formula names no one"
    );
    let texts = commitment_texts(res);
    assert_eq!(
        texts,
        [
            "We call on the coastal municipalities to keep the small harbours open all year;",
            "We ask the fisheries schools to offer courses in the villages;",
            "And further be it resolved that this resolution be sent to the regional councils.",
        ]
    );
    assert_eq!(res.adopted.date.as_deref(), Some("2034-06-04"));
    assert_said(
        &imported,
        &[
            "line 11: operative paragraphs without numbers, bullets or headings: each taken as a commitment",
            "lines 17-18: removed the closing statement of adoption",
        ],
    );
}

/// A conference text of the 2000s as its web page gives it: the participants' opening
/// without a comma at its end, `Regarding …` headings without colons, a call ending in
/// `to` before plain paragraphs, a heading run on into its call, a line break copied as a
/// paragraph break.
#[test]
fn a_conference_text_without_markers_or_colons_is_read_by_its_calls() {
    let imported = import_text("bspc-2000s.txt");
    let res = &imported.resolution;
    assert_eq!(res.id, "bspc-31-2039");
    assert_eq!(res.adopted.label(), "Tampere, 2039-08-30");
    let areas: Vec<(Option<&str>, Option<&str>, Vec<&str>)> = res
        .areas
        .iter()
        .map(|a| {
            (
                a.heading.as_deref(),
                a.intro.as_deref(),
                a.commitments.iter().map(|c| c.text.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        areas,
        [
            (
                Some("Regarding Coastal Rescue"),
                Some("call on the governments in the Baltic Sea region and the CBSS to"),
                vec![
                    "pool the rescue helicopters of the coastal States and train their crews together",
                    "keep one common register of the rescue stations",
                ]
            ),
            (
                Some("Regarding Clean Harbours"),
                Some("call on the governments and HELCOM to"),
                vec![
                    "offer reception of waste water in every port free of charge",
                    "report every year on the waste water received",
                ]
            ),
        ]
    );
    let warnings = said(&imported);
    assert!(
        warnings
            .iter()
            .any(|w| w
                .starts_with("line 17: joined to the paragraph before, which stops mid-sentence")),
        "{warnings:#?}"
    );
}

/// A Security Council resolution typed in the 1960s: the date in the title, a paragraph
/// that runs on into its items without a colon, and a `(1)` misread for `(i)`.
#[test]
fn sub_items_nest_under_a_paragraph_that_runs_on_into_them() {
    let imported = import_text("sc-typed.txt");
    let res = &imported.resolution;
    assert_eq!(
        res.adopted.date.as_deref(),
        Some("2041-11-22"),
        "`of 22 November 2041`"
    );
    assert_eq!(res.id, "sc-2901-2041");
    assert_eq!(commitment_ids(res), ["1", "2", "3"]);
    let items = |n: usize| -> Vec<String> {
        res.areas[0].commitments[n]
            .items()
            .iter()
            .map(|i| i.id.clone())
            .collect()
    };
    assert_eq!(items(0), ["1.i", "1.ii"], "`(1)` before `(ii)` is `(i)`");
    assert_eq!(
        items(1),
        ["2.a", "2.b"],
        "under `Affirms further the necessity`"
    );
    assert!(
        said(&imported)
            .iter()
            .any(|w| w.contains("`(1)` before `(ii)` read as `(i)`")),
        "{:#?}",
        said(&imported)
    );
}

/// A resolution printed from a browser and copied out of the PDF: the list's items reflowed
/// onto one line, the browser's print header with its characters set apart, a closing date
/// written `DD.MM.YYYY`.
#[test]
fn a_browser_printed_copy_keeps_its_items_apart_and_drops_the_print_header() {
    let imported = import_text("ba-pdf-copy.txt");
    let res = &imported.resolution;
    let texts = commitment_texts(res);
    assert_eq!(
        texts,
        [
            "to build the grid together;",
            "to join forces in the market;",
            "to share the storage;"
        ]
    );
    assert_eq!(res.adopted.label(), "Riga, 2031-11-21");
    assert_said(
        &imported,
        &[
            "line 12: the list's items run on in one line: cut into 2 items",
            "line 14: removed browser's print header \"1 2 /7 /2 6 , 1 2 :5 9 PM\"",
        ],
    );
}

/// The verbs of real General Assembly paragraphs, and a line break's hyphen a copy kept with
/// a space.
#[test]
fn every_paragraph_gets_its_action_and_a_spaced_hyphen_is_mended() {
    let imported = import_text("un-actions.txt");
    let res = &imported.resolution;
    let actions: Vec<Option<&str>> = res.areas[0]
        .commitments
        .iter()
        .map(|c| c.action())
        .collect();
    assert_eq!(
        actions,
        [
            Some("Recalls"),
            Some("Continues to welcome"),
            Some("Draws attention"),
            Some("Decides")
        ]
    );
    assert_eq!(
        res.areas[0].commitments[0].text,
        "Recalls its resolution 88/2 on post-conflict reconstruction;"
    );
    assert!(
        said(&imported)
            .iter()
            .any(|w| w.starts_with("line 9: joined \"post- conflict\" into \"post-conflict\"")),
        "{:#?}",
        said(&imported)
    );
}

/// A footnote referred to from an operative paragraph's sub-item goes with the sub-item.
#[test]
fn a_note_goes_with_the_sub_item_that_refers_to_it() {
    let text = "Resolution adopted by the General Assembly on 9 June 2036\n\n91/8. Ports\n\nThe General Assembly,\n\nRecalling its resolution 89/20,\n\n1. Requests the Secretary-General:\n\n(a) to survey the ports of the region;\n\n(b) to report on the guidelines of the Maritime Forum,1 and on their use;\n\n2. Decides to review the matter.\n\n41st plenary meeting\n9 June 2036\n\n__________________\n1 Northern Maritime Forum, report of 2035.\n";
    let imported = import(text, &Options::default()).unwrap();
    assert_eq!(imported.unaccounted, []);
    let res = &imported.resolution;
    let sub = &res.areas[0].commitments[0].items()[1];
    assert_eq!(sub.id, "1.b");
    assert_eq!(
        sub.notes(),
        [reso::model::Note {
            label: "1".into(),
            text: "Northern Maritime Forum, report of 2035.".into()
        }]
    );
    assert!(
        res.areas[0].commitments[0].notes().is_empty(),
        "not its parent's"
    );
    reso::load::parse_resolution("notes", &to_json(res)).expect("version 4 validates");
}

/// A European Parliament heading set without a colon right after a recital's comma, with no
/// blank line between: a heading, since a numbered paragraph follows.
#[test]
fn a_heading_after_a_recitals_comma_opens_an_area() {
    let text = "B9-0501 and 0502/36\nResolution on the northern ports\nThe European Parliament,\n-having regard to its resolution of 3 May 2035 on ports,\nWith regard to the ferries\n1.Calls on the Commission to review the ferry rules;\nWith regard to the pilots\n2.Asks the Member States to share their pilots.\n";
    let imported = import(text, &Options::default()).unwrap();
    assert_eq!(imported.unaccounted, []);
    let res = &imported.resolution;
    assert_eq!(
        recital_texts(res),
        ["having regard to its resolution of 3 May 2035 on ports,"]
    );
    let headings: Vec<Option<&str>> = res.areas.iter().map(|a| a.heading.as_deref()).collect();
    assert_eq!(
        headings,
        [
            Some("With regard to the ferries"),
            Some("With regard to the pilots")
        ]
    );
    assert_eq!(commitment_ids(res), ["1", "2"]);
}

/// Found in review: what the rules of this round must not do to ordinary texts. A run of
/// spaces in a line of prose is no table; an area ending in `.` does not end the
/// resolution; `; and` ends an item; a list the file numbers under a paragraph typed with
/// its number nests under it.
#[test]
fn the_new_rules_leave_ordinary_texts_alone() {
    for text in [
        r#"The General Assembly,

Recalling its resolution 97/4 of 3 March 2029 on the health of enclosed seas,

1. Takes note of the report   of the Secretary-General on regional seas;

2. Calls upon the Member States of the region to strengthen their monitoring of marine pollution.
"#,
        r#"The General Assembly,

Recalling its resolution 97/4 of 3 March 2029 on the health of enclosed seas,

1. Takes note of the report of the Secretary-General
on regional   seas;

2. Calls upon the Member States of the region to strengthen their monitoring of marine pollution.
"#,
    ] {
        let imported = import(text, &Options::default()).unwrap();
        let res = &imported.resolution;
        assert_eq!(
            res.areas[0].commitments[0].text,
            "Takes note of the report of the Secretary-General on regional seas;"
        );
        assert!(
            said(&imported).iter().all(|w| !w.contains("table")),
            "{:#?}",
            said(&imported)
        );
    }
    let imported = import(
        r#"Resolution of the 40th Baltic Assembly Session

The Baltic Assembly,

Noting the reports of the governments,

Calls on the governments of the Baltic States:

Regarding energy:

1. to strengthen the interconnection of the electricity grids;

2. to cooperate on the storage of energy.

Regarding transport:

3. to build the railway;

4. to open the ports.

Vilnius, 18 October 2024
"#,
        &Options::default(),
    )
    .unwrap();
    let res = &imported.resolution;
    assert_eq!(res.areas.len(), 2, "the area after one ending in `.`");
    assert_eq!(commitment_ids(res), ["1", "2", "3", "4"]);
    assert_eq!(res.adopted.date.as_deref(), Some("2024-10-18"));
    let imported = import(
        r#"Resolution of the 40th Baltic Assembly Session

The Baltic Assembly,

Noting the reports of the governments,

Regarding energy, call on the governments to:

strengthen the interconnection of the electricity grids;

cooperate on the storage of energy; and

report on the progress by 2030.

Regarding transport, call on the governments to:

build the railway;

open the ports.

Vilnius, 18 October 2024
"#,
        &Options::default(),
    )
    .unwrap();
    assert_eq!(
        commitment_texts(&imported.resolution)[..3],
        [
            "strengthen the interconnection of the electricity grids;",
            "cooperate on the storage of energy; and",
            "report on the progress by 2030."
        ]
    );
    let extracted = reso::extract::extract("h1.html", r##"<html><body><main>
<h1>99/12. Regional cooperation</h1>
<p>The General Assembly,</p>
<p>Recalling its resolution 97/4,<a href="#fn1" role="doc-noteref"><sup>1</sup></a></p>
<p>1. Takes note of the report;</p>
<p>2. Requests the Secretary-General to:</p>
<ol type="a"><li>prepare a study;</li><li>report on it;</li></ol>
<p>3. Decides to remain seized of the matter.<a href="#fn2" role="doc-noteref"><sup>2</sup></a></p>
<section role="doc-endnotes"><hr><ol><li id="fn1"><p>A/97/4.</p></li><li id="fn2"><p>See A/99/1.</p></li></ol></section>
</main></body></html>
"##.as_bytes(), Some("html")).unwrap();
    let reso::extract::Content::Blocks(blocks) = extracted.content else {
        panic!("HTML is read into blocks")
    };
    let imported = reso::import::import_blocks(&blocks, &Options::default()).unwrap();
    let res = &imported.resolution;
    let items: Vec<&str> = res.areas[0].commitments[1]
        .items()
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(items, ["2.a", "2.b"]);
}
