//! The terminal's lifecycle: take it (raw mode, alternate screen, mouse clicks, focus
//! reports), give it back on quit, error, panic and hang-up, and step aside for Ctrl-z and
//! SIGTSTP.

use std::io::{self, IsTerminal, Write};

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::{cursor, execute, terminal};

/// Mouse buttons and wheel only (1000) in SGR encoding (1006), plus focus reports (1004).
/// Not the any-motion mode crossterm's `EnableMouseCapture` asks for: over a slow SSH link
/// every mouse move would be an event to read.
const ENABLE_REPORTS: &str = "\x1b[?1000h\x1b[?1006h\x1b[?1004h";
const DISABLE_REPORTS: &str = "\x1b[?1004l\x1b[?1006l\x1b[?1000l";

/// Refuses to start the browser where it would draw garbage: no terminal on standard
/// input or output, or `TERM=dumb`.
pub fn check_interactive() -> anyhow::Result<()> {
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() || dumb {
        anyhow::bail!(
            "the browser needs a terminal (standard input and output are not one, or TERM=dumb); \
             try `reso search QUERY` or `reso export` instead"
        );
    }
    Ok(())
}

/// Takes the terminal. A panic restores it before its message is printed.
///
/// Not `ratatui::init`: its panic hook reports a failed restore with `eprintln!`, which
/// itself panics when the terminal is gone (after an SSH hang-up), and a panic inside the
/// panic hook aborts the process.
pub fn init() -> anyhow::Result<DefaultTerminal> {
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous_hook(info);
    }));
    enter().context("cannot take over the terminal")?;
    let terminal = ratatui::Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok(terminal)
}

fn enter() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), terminal::EnterAlternateScreen)?;
    enable_reports();
    Ok(())
}

/// Gives the terminal back. Safe to call twice, and on a terminal that is gone: every
/// error is ignored, since there is nowhere left to report it.
pub fn restore() {
    disable_reports();
    let _ = terminal::disable_raw_mode();
    let _ = execute!(io::stdout(), terminal::LeaveAlternateScreen, cursor::Show);
}

/// Drops the terminal without a word. ratatui's `Terminal` shows the cursor when dropped
/// and reports a failure with `eprintln!`, which panics on a terminal that hung up.
pub fn release(terminal: DefaultTerminal) {
    std::mem::forget(terminal);
}

/// Restores the terminal, stops the process until `fg`, then takes the terminal again and
/// clears it; the caller redraws everything afterwards. For Ctrl-z and for a SIGTSTP sent
/// from outside alike: reso handles SIGTSTP itself, so it stops with SIGSTOP, as the
/// default action of SIGTSTP would.
pub fn suspend(terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
    restore();
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    // Execution continues here after SIGCONT.
    resume(terminal)
}

/// Takes the terminal again after a stop (raw mode, alternate screen, reports: a shell may
/// have reset any of them meanwhile) and makes the next draw repaint every cell, since
/// whatever the shell printed is on the screen and ratatui would draw only what changed.
pub fn resume(terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
    enter()?;
    // Not `terminal.clear()`: it asks the terminal where the cursor is and waits for the
    // answer, which our input thread reads instead; `resize` clears without asking.
    let area = terminal.size()?.into();
    terminal.resize(area)?;
    Ok(())
}

fn enable_reports() {
    let mut out = io::stdout();
    let _ = out
        .write_all(ENABLE_REPORTS.as_bytes())
        .and_then(|()| out.flush());
}

fn disable_reports() {
    let mut out = io::stdout();
    let _ = out
        .write_all(DISABLE_REPORTS.as_bytes())
        .and_then(|()| out.flush());
}

/// Puts `text` on the clipboard of the terminal the user sits at, with OSC 52: it travels
/// over SSH. Inside tmux the sequence is also sent wrapped for passthrough, so it reaches the
/// outer terminal whether tmux's `set-clipboard` or `allow-passthrough` is on.
pub fn copy_to_clipboard(text: &str) {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut sequence = format!("\x1b]52;c;{encoded}\x07");
    if std::env::var_os("TMUX").is_some() {
        sequence.push_str(&format!("\x1bPtmux;\x1b\x1b]52;c;{encoded}\x07\x1b\\"));
    }
    let mut out = io::stdout();
    let _ = out
        .write_all(sequence.as_bytes())
        .and_then(|()| out.flush());
}
