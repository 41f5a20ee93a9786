//! The terminal's lifecycle: take it (raw mode, alternate screen, mouse clicks, focus
//! reports), give it back on quit, error and panic, and step aside for Ctrl-z.

use std::io::{self, IsTerminal, Write};

use anyhow::Context;
use ratatui::DefaultTerminal;

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

/// Takes the terminal. Panics restore it before the message is printed.
pub fn init() -> anyhow::Result<DefaultTerminal> {
    // ratatui's hook restores the screen, then calls the hook that was there before.
    let terminal = ratatui::try_init().context("cannot take over the terminal")?;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_reports();
        ratatui_hook(info);
    }));
    enable_reports();
    Ok(terminal)
}

/// Gives the terminal back. Safe to call twice, and on a terminal that is gone.
pub fn restore() {
    disable_reports();
    let _ = ratatui::try_restore();
    let _ = ratatui::crossterm::execute!(io::stdout(), ratatui::crossterm::cursor::Show);
}

/// Restores the terminal, stops the process until `fg`, then takes the terminal again.
/// The caller redraws everything afterwards.
pub fn suspend(terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    // Execution continues here after SIGCONT.
    ratatui::crossterm::terminal::enable_raw_mode()?;
    ratatui::crossterm::execute!(
        io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen
    )?;
    enable_reports();
    terminal.clear()?;
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
