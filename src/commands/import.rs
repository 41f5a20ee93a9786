//! `reso import FILE [-o OUT.json | --add] [--id ID] [--force]`: reads the file (as text,
//! through `extract`), runs the pure importer, prints its warnings on standard error and
//! writes the JSON, or adds it to the user's library. Exit 0 without
//! warnings, 3 with warnings, 2 when the text is not a resolution or the output is refused.

use std::fs;
use std::io::Write;

use anyhow::Context;

use crate::cli::ImportArgs;
use crate::exit;
use crate::import::{self, Options};
use crate::load;

pub fn run(args: &ImportArgs) -> anyhow::Result<u8> {
    let name = args.input.display().to_string();
    let source = match crate::extract::read(&args.input) {
        Ok(extracted) => extracted.text,
        Err(problems) => {
            for problem in problems {
                eprintln!("{problem}");
            }
            return Ok(exit::USAGE);
        }
    };
    if let Some(id) = &args.id
        && !crate::load::is_slug(id)
    {
        eprintln!("reso: --id {id:?} is not a lower-case slug, expected e.g. \"ba-43-2024\"");
        return Ok(exit::USAGE);
    }
    // Refuse before the work, so a typo in -o costs nothing.
    if let Some(out) = &args.output
        && !args.force
        && fs::symlink_metadata(out).is_ok()
    {
        eprintln!(
            "reso: {} exists; not overwritten (use --force to replace it)",
            out.display()
        );
        return Ok(exit::USAGE);
    }
    let imported = match import::import(
        &source,
        &Options {
            id: args.id.clone(),
        },
    ) {
        Ok(imported) => imported,
        Err(not) => {
            eprintln!("{name}: {not}");
            return Ok(exit::USAGE);
        }
    };
    let json = import::to_json(&imported.resolution);
    // The importer builds only what the loader accepts; check anyway, so that a reader's
    // mistake can never leave an invalid file behind.
    if let Err(problems) = load::parse_resolution("(imported)", &json) {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::bail!(
            "the imported resolution does not pass validation (a bug in reso import):\n{}",
            list.join("\n")
        );
    }
    {
        let mut stderr = std::io::stderr().lock();
        for warning in &imported.warnings {
            // A closed stderr must not stop the output from being written.
            let _ = match warning.last_line > warning.line {
                true => writeln!(
                    stderr,
                    "{name}:{}: warning: {} (lines {}-{})",
                    warning.line, warning.message, warning.line, warning.last_line
                ),
                false => writeln!(
                    stderr,
                    "{name}:{}: warning: {}",
                    warning.line, warning.message
                ),
            };
        }
    }
    if args.add {
        let folder = crate::library::folder()?;
        let file = crate::library::add(&folder, &imported.resolution, &json, args.force)?;
        let _ = writeln!(
            std::io::stderr(),
            "added {} to your library: {}",
            imported.resolution.id,
            file.display()
        );
        return Ok(if imported.warnings.is_empty() {
            exit::OK
        } else {
            exit::WARNINGS
        });
    }
    match &args.output {
        Some(out) => crate::atomic::write(out, json.as_bytes(), args.force)
            .with_context(|| format!("cannot write {}", out.display()))?,
        None => {
            super::write_stdout(json.as_bytes())?;
        }
    }
    Ok(if imported.warnings.is_empty() {
        exit::OK
    } else {
        exit::WARNINGS
    })
}
