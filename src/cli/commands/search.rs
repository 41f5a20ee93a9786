//! `reso search QUERY [PATH]...`: the filter engine without a terminal, best match first, as
//! `REFERENCE<TAB>TEXT` lines (`REFERENCE<TAB>STATUS<TAB>OWNER<TAB>TEXT` for a query on
//! follow-up fields) or JSON lines, with the follow-ups file read for fields and notes and the
//! user's synonyms. With no item having every term, nothing is printed (exit 1) and stderr
//! tells how many closest matches `--partial` prints.

use anyhow::Context;

use crate::cli::SearchArgs;
use crate::filter::{FollowupTable, OwnedFacts, Query};
use crate::platform::exit;
use crate::storage::followups;

pub fn run(args: &SearchArgs) -> anyhow::Result<u8> {
    // Read before any thread starts (the typo vocabulary is built on two).
    // As of a day, its due dates count from that day.
    let today = super::as_of_day(args.as_of).0;
    let query = match Query::parse(&args.query) {
        Ok(query) => query,
        Err(e) => {
            crate::platform::quote::warn(format_args!("reso: bad query: {e}"));
            return Ok(exit::USAGE);
        }
    };
    let library = super::load_library(&args.paths)?;
    let followups = match followups_table(args, &library) {
        Ok(table) => table,
        // A query on follow-up fields needs the file; a text query can do without its notes.
        Err(problem) if !query.fields.is_empty() => {
            crate::platform::quote::warn(&problem);
            return Ok(exit::USAGE);
        }
        Err(problem) => {
            crate::platform::quote::warn(format_args!(
                "reso: follow-up notes not searched: {problem}"
            ));
            FollowupTable::default()
        }
    };
    let (index, problems) = crate::storage::search_engine::index(&library, !args.no_synonyms);
    for problem in problems {
        crate::platform::quote::warn(problem);
    }
    let result = index.search_or_closest(&library, &query, &followups, today, None);
    if result.is_closest() && !args.partial {
        // The terms come from the command line: escaped on a terminal like any echo.
        crate::platform::quote::warn(format_args!(
            "reso: none has every term (missing: {}); --partial prints the {} closest",
            result.missing_terms().join(", "),
            result.len()
        ));
        return Ok(exit::NOT_FOUND);
    }
    if result.is_empty() {
        return Ok(exit::NOT_FOUND);
    }
    let best = result.top(args.limit.unwrap_or(usize::MAX));
    let mut out = String::new();
    for m in best {
        let text = library.text(m.item);
        let reference = library.reference(m.item);
        if args.json {
            let line = serde_json::json!({
                "ref": reference,
                "area": library.area_of(m.item).filter(|a| a.heading.is_some()).map(|a| a.id.as_str()),
                "score": m.score,
                "text": text,
                "positions": index.positions(&library, &result, m.item),
                "missing": result.missing(m.item),
            });
            out.push_str(&serde_json::to_string(&line).context("writing JSON")?);
        } else {
            out.push_str(&reference);
            out.push('\t');
            // A query on follow-up fields (`is:marked`, `owner:`) is about the follow-ups:
            // their status and owner come before the text.
            if !query.fields.is_empty() {
                let facts = followups.rows.get(&m.item);
                out.push_str(facts.map_or("-", |f| f.status.as_str()));
                out.push('\t');
                out.push_str(facts.and_then(|f| f.owner.as_deref()).unwrap_or("-"));
                out.push('\t');
            }
            // One match per line, whatever the text holds.
            out.push_str(&text.replace(['\n', '\r', '\t'], " "));
        }
        out.push('\n');
    }
    let status = super::write_stdout(out.as_bytes());
    // The process ends here: freeing a large library and index item by item would only add
    // to the run time (a tenth of it at 100,000 commitments); the OS takes the memory back.
    std::mem::forget((library, index, result));
    status
}

/// The marked follow-ups of the follow-ups file (read only, no lock: a search never writes),
/// by item. A missing file means no follow-ups; records of other resolutions are left out.
fn followups_table(
    args: &SearchArgs,
    library: &crate::model::Library,
) -> Result<FollowupTable, String> {
    let path = followups::resolve_path(args.followups.path.as_deref())
        .map_err(|e| format!("reso: {e:#}"))?;
    let name = path.display().to_string();
    let file = match followups::read_followups(&path, &name) {
        Ok(Some((file, _stamp))) => super::as_it_stood(file, super::as_of_day(args.as_of).1),
        Ok(None) => return Ok(FollowupTable::default()),
        Err(problem) => return Err(problem.to_string()),
    };
    let rows = file
        .followups
        .into_iter()
        .filter_map(|(reference, record)| {
            let item = library.find(&reference)?;
            let facts = OwnedFacts {
                status: record.status?,
                owner: record.owner,
                due: record.due,
                note: record.note,
                changes: record.history,
            };
            Some((item, facts))
        })
        .collect();
    Ok(FollowupTable { rows })
}
