//! `reso validate PATH...`: the loader's checks, without a terminal.

use crate::cli::ValidateArgs;
use crate::exit;
use crate::load;

pub fn run(args: &ValidateArgs) -> anyhow::Result<u8> {
    let mut report = String::new();
    let mut all_valid = true;
    for (name, result) in load::load_files(&args.paths) {
        match result {
            Ok(res) => {
                let commitments: usize = res.areas.iter().map(|a| a.commitments.len()).sum();
                report.push_str(&format!(
                    "OK {name} ({} areas, {commitments} commitments)\n",
                    res.areas.len()
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
