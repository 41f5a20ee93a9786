//! `reso import FILE [-o OUT.json | --add] [--id ID] [--title T] [--body B] [--date D]
//! [--force]`: reads the file (as text, through `extract`), runs the pure importer, prints its
//! warnings and a summary on standard error and writes the JSON, or adds it to the user's
//! library. Exit 0 without warnings, 3 with warnings (something removed, joined or guessed),
//! 2 when the text is not a resolution, a word would be lost, or the output is refused.

use std::fs;
use std::io::Write;

use anyhow::Context;

use crate::cli::ImportArgs;
use crate::extract::Content;
use crate::import::{self, Imported, Options};
use crate::platform::exit;
use crate::storage::load;

pub fn run(args: &ImportArgs) -> anyhow::Result<u8> {
    let name = args.input.display().to_string();
    let content = match crate::extract::read(&args.input) {
        Ok(extracted) => extracted.content,
        Err(problems) => {
            for problem in problems {
                crate::platform::quote::warn(&problem);
            }
            return Ok(exit::USAGE);
        }
    };
    let options = match options(args) {
        Ok(options) => options,
        Err(message) => {
            crate::platform::quote::warn(format_args!("reso: {message}"));
            return Ok(exit::USAGE);
        }
    };
    // Refuse before the work, so a typo in -o costs nothing.
    if let Some(out) = &args.output
        && !args.force
        && fs::symlink_metadata(out).is_ok()
    {
        crate::platform::quote::warn(format_args!(
            "reso: {} exists; not overwritten (use --force to replace it)",
            out.display()
        ));
        return Ok(exit::USAGE);
    }
    let read = match &content {
        Content::Text(text) => import::import(text, &options),
        Content::Blocks(blocks) => import::import_blocks(blocks, &options),
    };
    let imported = match read {
        Ok(imported) => imported,
        Err(not) => {
            crate::platform::quote::warn(format_args!("{name}: {not}"));
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
    report(&name, &imported);
    if !imported.unaccounted.is_empty() {
        crate::platform::quote::warn(format_args!(
            "{name}: not written: words of the text would be lost (check the lines named above)"
        ));
        return Ok(exit::USAGE);
    }
    if args.add {
        let folder = crate::storage::library::folder()?;
        let file = crate::storage::library::add(&folder, &imported.resolution, &json, args.force)?;
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
        Some(out) => crate::platform::atomic::write(out, json.as_bytes(), args.force)
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

/// The options, checked: the id a slug, the date a calendar date, texts not empty.
fn options(args: &ImportArgs) -> Result<Options, String> {
    if let Some(id) = &args.id
        && !load::is_slug(id)
    {
        return Err(format!(
            "--id {id:?} is not a lower-case slug, expected e.g. \"ba-43-2024\""
        ));
    }
    if let Some(date) = &args.date
        && crate::date::parse_iso(date).is_none()
    {
        return Err(format!(
            "--date {date:?} is not a calendar date, expected YYYY-MM-DD"
        ));
    }
    for (flag, value) in [("--title", &args.title), ("--body", &args.body)] {
        if let Some(value) = value
            && (value.trim().is_empty() || value.trim() != value)
        {
            return Err(format!(
                "{flag} {value:?} is empty or has white space around it, expected the words"
            ));
        }
    }
    Ok(Options {
        id: args.id.clone(),
        title: args.title.clone(),
        body: args.body.clone(),
        date: args.date.clone(),
    })
}

/// Warnings, words unaccounted for, and the summary line, on standard error.
fn report(name: &str, imported: &Imported) {
    let mut stderr = crate::platform::quote::stderr();
    // A closed stderr must not stop the output from being written.
    for warning in &imported.warnings {
        let _ = writeln!(stderr, "{name}: warning: {warning}");
    }
    for word in &imported.unaccounted {
        let _ = writeln!(stderr, "{name}: error: {word}");
    }
    let _ = writeln!(stderr, "{}", imported.summary);
}
