//! The command line: every subcommand, flag and argument, parsed by clap. Only shapes live
//! here; what each command does lives in `commands`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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

    #[command(flatten)]
    pub followups: FollowupsFileArg,
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
    Search(SearchArgs),
    /// Turn a resolution (text, Markdown, HTML, PDF, DOCX or ODT) into resolution JSON.
    Import(ImportArgs),
    /// List what reso opens by default (bundled and your library), or remove one.
    Library(LibraryArgs),
    /// Write the meeting agenda: follow-ups grouped by resolution and policy area.
    Export(ExportArgs),
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
    /// One JSON object per line: ref, area, score, text, positions.
    #[arg(long)]
    pub json: bool,
    /// Print at most N matches.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
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
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
    pub format: ExportFormat,
    /// Only follow-ups with this status (repeatable): open, in-progress, waiting, done, dropped.
    #[arg(long, value_name = "STATUS")]
    pub status: Vec<String>,
    /// Only follow-ups with this owner.
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// Only follow-ups whose commitment matches this query (the filter's language).
    #[arg(long, value_name = "Q")]
    pub query: Option<String>,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Resolution files or folders (default: the bundled ones and your library).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
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
    /// Test support: apply COUNT changes to the follow-ups file through the normal save path,
    /// printing `ack REF N` after each completed save.
    #[command(hide = true)]
    Hammer(HammerArgs),
}

#[derive(Debug, Args)]
pub struct HammerArgs {
    /// A tag that makes this writer's keys and notes unique.
    #[arg(long)]
    pub writer: String,
    /// How many changes to make.
    #[arg(long, default_value_t = 1000)]
    pub count: usize,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}
