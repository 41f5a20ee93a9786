//! The command line: every subcommand, flag and argument, parsed by clap. Only shapes live
//! here; what each command does lives in `commands`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::filter::DateSpec;
use crate::followups::Status;

/// reso: follow up the commitments of parliamentary resolutions.
///
/// Without a subcommand, reso opens the resolution browser on PATHs (resolution files or
/// folders of *.json files), or on the bundled resolutions and your library when no PATH
/// is given.
#[derive(Debug, Parser)]
#[command(
    name = "reso",
    version,
    about,
    long_about,
    after_long_help = crate::filter::language_help(),
    subcommand_precedence_over_arg = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Resolution files or folders of *.json files (default: the bundled ones and your library).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub browse: BrowseArgs,
}

/// Options of the browser.
#[derive(Debug, Args, Default)]
pub struct BrowseArgs {
    /// Draw with ASCII glyphs only (default when the locale is not UTF-8).
    #[arg(long)]
    pub ascii: bool,

    /// Start clean: ignore the saved cursor, folds, filter and view of the last session.
    #[arg(long)]
    pub fresh: bool,

    /// On the progress board (`b`), a follow-up still to do is stale after this many days
    /// without a change.
    #[arg(long, value_name = "DAYS", default_value_t = crate::board::DEFAULT_STALE_DAYS)]
    pub stale_days: u32,

    /// The board's "since" column and the agenda `E` writes count changes from DATE on
    /// (YYYY-MM-DD, -14d, -2w; default: 14 days before today).
    #[arg(long, value_name = "DATE", value_parser = since_date, allow_hyphen_values = true)]
    pub since: Option<DateSpec>,

    /// Show the follow-ups as they stood at the end of DATE (YYYY-MM-DD, -14d, -2w),
    /// rebuilt from their history, read-only; due dates count from that day.
    #[arg(long, value_name = "DATE", value_parser = since_date, allow_hyphen_values = true)]
    pub as_of: Option<DateSpec>,

    #[command(flatten)]
    pub followups: FollowupsFileArg,
}

impl From<&BrowseArgs> for crate::tui::browse::Options {
    fn from(args: &BrowseArgs) -> Self {
        crate::tui::browse::Options {
            ascii: args.ascii,
            fresh: args.fresh,
            stale_days: args.stale_days,
            since: args.since,
            as_of: args.as_of,
            followups: args.followups.path.clone(),
        }
    }
}

/// Where the follow-ups file is.
#[derive(Debug, Args, Default, Clone)]
pub struct FollowupsFileArg {
    /// The follow-ups file (default: reso/followups.json in the user's data folder).
    #[arg(
        long = "followups",
        value_name = "FILE",
        env = "RESO_FOLLOWUPS",
        global = true
    )]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check resolution files; prints `OK FILE (N areas, M commitments)` per good file.
    Validate(ValidateArgs),
    /// Search commitments and recitals without a terminal, best match first.
    #[command(after_long_help = crate::filter::language_help())]
    Search(SearchArgs),
    /// Turn a resolution (text, Markdown, HTML, PDF, DOCX or ODT) into resolution JSON.
    Import(ImportArgs),
    /// List what reso opens by default (bundled and your library), or remove one.
    Library(LibraryArgs),
    /// Write the meeting agenda: what to raise, what closed since, progress per area.
    Export(ExportArgs),
    /// Mark a commitment (or change its follow-up) without a terminal; prints the record.
    Mark(MarkArgs),
    /// Remove the follow-up of a commitment (its history stays); prints the record.
    Unmark(UnmarkArgs),
    /// Add a line to the note of a commitment's follow-up; prints the record.
    Note(NoteArgs),
    /// Print the follow-ups' history, oldest first: when, who, reference, field, from → to.
    Changes(ChangesArgs),
    /// Work with the follow-ups file.
    #[command(subcommand)]
    Followups(FollowupsCommand),
    /// Print shell completions.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Resolution files or folders of *.json files.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query, in the filter's language (e.g. `rail baltica`, `cyber !centre`, `is:open`).
    pub query: String,
    /// Resolution files or folders (default: the bundled ones and your library).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// One JSON object per line: ref, area, score, text, positions, missing.
    #[arg(long)]
    pub json: bool,
    /// Print at most N matches.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// When no item has every term, print the closest matches (those with the most terms)
    /// instead of nothing.
    #[arg(long)]
    pub partial: bool,
    /// The follow-ups as they stood at the end of DATE (YYYY-MM-DD, -14d, -2w), rebuilt from
    /// their history; due dates count from that day.
    #[arg(long, value_name = "DATE", value_parser = since_date, allow_hyphen_values = true)]
    pub as_of: Option<DateSpec>,
    /// Do not read the synonyms file (synonyms.txt in reso's config folder).
    #[arg(long)]
    pub no_synonyms: bool,
    #[command(flatten)]
    pub followups: FollowupsFileArg,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The resolution: plain text, Markdown, HTML, PDF, DOCX or ODT (told by content).
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// Write the JSON here instead of standard output.
    #[arg(short, long, value_name = "OUT.json")]
    pub output: Option<PathBuf>,
    /// Add the resolution to your library, which reso opens by default.
    #[arg(long, conflicts_with = "output")]
    pub add: bool,
    /// The resolution id (default: derived from body, session and year, e.g. ba-43-2024).
    #[arg(long)]
    pub id: Option<String>,
    /// The title, when the text's title block has none or the wrong one.
    #[arg(long)]
    pub title: Option<String>,
    /// The adopting body, when the opening formula does not name it.
    #[arg(long)]
    pub body: Option<String>,
    /// The adoption date, YYYY-MM-DD, when the text does not state it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Overwrite OUT.json, or replace the library's resolution with the same id.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct LibraryArgs {
    #[command(subcommand)]
    pub command: Option<LibraryCommand>,
}

#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Remove a resolution from your library (its follow-ups stay in the follow-ups file).
    Remove {
        /// The resolution id, as `reso library` lists it.
        id: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExportFormat {
    #[default]
    Markdown,
    /// One self-contained page to print (A4) or mail.
    Html,
    Csv,
    Json,
}

/// A follow-up status by its name; the refusal lists the names. (Not a `ValueEnum`: its
/// "possible values" would change the help that scripts and the man page show.)
fn status_arg(text: &str) -> Result<Status, String> {
    Status::parse(text).ok_or_else(|| {
        format!(
            "unknown status {text:?}, expected one of {}",
            Status::names()
        )
    })
}

/// A date that looks back: `YYYY-MM-DD`, `-14d` or `-2w` (before today).
fn since_date(text: &str) -> Result<DateSpec, String> {
    DateSpec::parse(text)
        .ok_or_else(|| format!("{text:?} is not a date, expected YYYY-MM-DD, -14d or -2w"))
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
    pub format: ExportFormat,
    /// Only follow-ups with this status (repeatable): open, in-progress, waiting, done, dropped.
    #[arg(long, value_name = "STATUS", value_parser = status_arg)]
    pub status: Vec<Status>,
    /// Only follow-ups whose owner's name, or a word of it, starts with NAME (as `owner:`).
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// Only follow-ups whose commitment matches this query (the filter's language).
    #[arg(long, value_name = "Q")]
    pub query: Option<String>,
    /// "Closed since" lists what was done or dropped from DATE on (YYYY-MM-DD, -14d, -2w;
    /// default: 14 days before today).
    #[arg(long, value_name = "DATE", value_parser = since_date, allow_hyphen_values = true)]
    pub since: Option<DateSpec>,
    /// The follow-ups as they stood at the end of DATE (YYYY-MM-DD, -14d, -2w), rebuilt from
    /// their history; due dates count from that day.
    #[arg(long, value_name = "DATE", value_parser = since_date, allow_hyphen_values = true)]
    pub as_of: Option<DateSpec>,
    /// A follow-up unchanged for this many days is stale on the progress board.
    #[arg(long, value_name = "DAYS", default_value_t = crate::board::DEFAULT_STALE_DAYS)]
    pub stale_days: u32,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Resolution files or folders (default: the bundled ones and your library).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub followups: FollowupsFileArg,
}

#[derive(Debug, Args)]
pub struct ChangesArgs {
    /// Only changes made on DATE or later (YYYY-MM-DD, -14d, -2w).
    #[arg(long, value_name = "DATE", value_parser = since_date, allow_hyphen_values = true)]
    pub since: Option<DateSpec>,
    /// Only changes made on DATE or before (YYYY-MM-DD, -14d, -2w): the history of the
    /// follow-ups as they stood at the end of that day.
    #[arg(long, value_name = "DATE", value_parser = since_date, allow_hyphen_values = true)]
    pub until: Option<DateSpec>,
    /// Only changes by NAME (the start of the login or of any word of it, as `by:`).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// One JSON object per line: at, by, ref, field, from, to.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub followups: FollowupsFileArg,
}

#[derive(Debug, Subcommand)]
pub enum FollowupsCommand {
    /// Validate a follow-ups file (exit 0 when valid, 1 when not).
    Check {
        /// The file (default: the follow-ups file in use).
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Merge three versions of a follow-ups file record by record (git's merge driver):
    /// writes OURS, exit 0; exit 1, OURS untouched, when an input is not valid.
    Merge(MergeArgs),
    /// Set up a git repository so that `git pull` merges the follow-ups file with reso:
    /// a line in .gitattributes and the driver in .git/config. Safe to run again.
    GitSetup(GitSetupArgs),
}

/// Who makes the change, as recorded in the history.
#[derive(Debug, Args, Default, Clone)]
pub struct AuthorArg {
    /// The name recorded in the history as `by` (default: the login name).
    #[arg(long = "author", value_name = "NAME", env = "RESO_AUTHOR")]
    pub name: Option<String>,
}

/// The commitment a scripted change is about, and where its resolution is.
#[derive(Debug, Args)]
pub struct Target {
    /// The commitment's reference, e.g. `ba-43-2024:1.4` (or `1.4` when only one loaded
    /// resolution has it).
    #[arg(value_name = "REF")]
    pub reference: String,
    /// Resolution files or folders (default: the bundled resolutions).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub author: AuthorArg,
}

#[derive(Debug, Args)]
pub struct MarkArgs {
    #[command(flatten)]
    pub target: Target,
    /// The status: open, in-progress, waiting, done, dropped (default: open when not marked).
    #[arg(long, value_name = "S", value_parser = status_arg)]
    pub status: Option<Status>,
    /// The note (replaces it; empty clears it).
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The owner (empty clears it).
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// The due date: YYYY-MM-DD, +3d, +2w (empty clears it).
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
}

#[derive(Debug, Args)]
pub struct UnmarkArgs {
    #[command(flatten)]
    pub target: Target,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    #[command(flatten)]
    pub target: Target,
    /// The text to add as a new line at the end of the note (marks the commitment if needed).
    #[arg(long, value_name = "TEXT", required = true)]
    pub append: String,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor (git's %O); an empty file means there is none.
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// Our version (git's %A); replaced by the merge unless -o is given.
    #[arg(value_name = "OURS")]
    pub ours: PathBuf,
    /// Their version (git's %B).
    #[arg(value_name = "THEIRS")]
    pub theirs: PathBuf,
    /// Write the merge here instead of OURS.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub author: AuthorArg,
}

#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// The repository: a clone with a work tree.
    #[arg(value_name = "REPO", default_value = ".")]
    pub repo: PathBuf,
    /// The follow-ups file's name inside the repository, as a .gitattributes pattern.
    #[arg(long, value_name = "NAME", default_value = "followups.json")]
    pub file: String,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}
