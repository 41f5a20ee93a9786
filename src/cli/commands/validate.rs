//! `reso validate PATH...`: the loader's checks, without a terminal.

use crate::cli::ValidateArgs;
use crate::model::Commitment;
use crate::platform::exit;
use crate::storage::load;

pub fn run(args: &ValidateArgs) -> anyhow::Result<u8> {
    let mut report = String::new();
    let mut all_valid = true;
    for (name, result) in load::load_files(&args.paths) {
        match result {
            Ok(res) => {
                let commitments = res.areas.iter().flat_map(|a| &a.commitments);
                let sub_items: usize = commitments.clone().map(sub_items).sum();
                // Sub-items are named only where there are some (version 2).
                let sub_items = match sub_items {
                    0 => String::new(),
                    n => format!(", {n} sub-items"),
                };
                report.push_str(&format!(
                    "OK {name} ({} areas, {} commitments{sub_items})\n",
                    res.areas.len(),
                    commitments.count()
                ));
            }
            Err(problems) => {
                all_valid = false;
                for problem in problems {
                    report.push_str(&format!("{problem}\n"));
                }
            }
        }
    }
    super::write_stdout(report.as_bytes())?;
    Ok(if all_valid { exit::OK } else { exit::NOT_FOUND })
}

/// A commitment's sub-items, theirs included.
fn sub_items(commitment: &Commitment) -> usize {
    commitment
        .items()
        .iter()
        .map(|item| 1 + sub_items(item))
        .sum()
}
