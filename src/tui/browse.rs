//! The browser session: load everything that can fail, take the terminal, run the event
//! loop (block on the next event, handle the whole queued burst, draw once), carry out the
//! effects the app asks for, and give the terminal back. The loop owns the follow-ups
//! store; the app sees the follow-ups only as the value [`carry`] hands it.

pub mod carry;
mod hangup;

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::Instant;

use ratatui::crossterm::event::{
    self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGWINCH};

use hangup::keeper;

use crate::filter::DateSpec;
use crate::storage::followups::Store;
use crate::tui::app::{App, Effect, Mode};
use crate::tui::term;
use crate::tui::ui::{self, Theme, View};

/// Everything the loop wakes up for.
enum Wake {
    Input(Event),
    /// The terminal cannot be read any more (hang-up, closed).
    InputClosed,
    /// A signal to end (SIGHUP, SIGTERM, SIGINT).
    Signal(i32),
    /// `kill -TSTP`: step aside as for Ctrl-z.
    Stop,
    /// Continued after a stop reso did not arrange (`kill -STOP`): the screen may be stale.
    Continued,
    /// The terminal's size changed.
    Resized,
    /// The follow-ups file's folder changed: another session may have saved.
    FollowupsChanged,
    /// The time to retry a save that waits for a lock has come (the loop's own receive
    /// timed out: no thread, no timer while nothing waits).
    RetrySave,
}

/// How the browser starts, as the command line asks (`reso [PATH]... [--ascii] …`).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Draw with ASCII glyphs only.
    pub ascii: bool,
    /// Ignore where the last session left off.
    pub fresh: bool,
    /// A follow-up still to do is stale after this many days without a change (board).
    pub stale_days: u32,
    /// The board's and `E`'s changes count from here (default: 14 days before today).
    pub since: Option<DateSpec>,
    /// The follow-ups file given (`--followups FILE`); else `RESO_FOLLOWUPS` or the default.
    pub followups: Option<PathBuf>,
    /// Show the follow-ups as they stood at the end of this day, read-only.
    pub as_of: Option<DateSpec>,
}

pub fn run(paths: &[PathBuf], args: &Options) -> anyhow::Result<u8> {
    one_malloc_arena();
    let loaded = crate::storage::load::load_library(paths)?;
    term::check_interactive()?;
    let theme = Theme::from_env(args.ascii);
    let followups_path = crate::storage::followups::resolve_path(args.followups.as_deref())?;
    // A follow-ups file that cannot be used opens read-only; the app shows why. So does a
    // past day's state: it is rebuilt from the history, and the past is not changed.
    let today = crate::platform::clock::local_today();
    let as_of = args.as_of.map(|spec| spec.resolve(today));
    let mut store = match as_of {
        Some(day) => Store::open(&followups_path).as_of(day),
        None => Store::open(&followups_path),
    };
    // A save that finds the lock taken waits without blocking the loop.
    let mut saving = carry::Saving::default();
    // Read the date before any thread starts: the local offset can only be read safely then.
    let mut app = App::new(
        loaded.library,
        as_of.unwrap_or(today),
        carry::opened(&store),
    );
    app.set_window(args.stale_days, args.since);
    // The user's synonyms; a bad line is told (and left out), never fatal. So is a library
    // file that does not load, first.
    let (synonyms, problems) = crate::storage::search_engine::synonyms(true);
    app.set_synonyms(synonyms);
    let notices: Vec<String> = (loaded.skipped.iter().map(ToString::to_string))
        .chain(problems)
        .collect();
    if !notices.is_empty() {
        app.tell(notices.join("; "));
    }
    // A past day's view neither restores nor keeps the session: today's unsaved changes
    // stay in the session file for the next live session.
    let session_path = crate::storage::session::path_for(app.library()).filter(|_| as_of.is_none());
    if let Some(path) = session_path.as_deref() {
        match crate::storage::session::load(path, app.library()) {
            Ok(Some(state)) => {
                if !args.fresh {
                    app.restore_session(&state);
                }
                if let Effect::Save(request) = app.restore_unsaved(&state) {
                    carry::request(&mut app, &mut store, &mut saving, request);
                }
            }
            Ok(None) => {}
            Err(notice) => app.tell(notice),
        }
    }

    keeper().set_path(session_path.clone());
    let (sender, events) = mpsc::channel();
    spawn_signal_thread(sender.clone())?;
    let mut terminal = term::init()?;
    // Kept alive for the session; without it, other sessions' saves show at the next key.
    let _watcher = watch_followups(store.real_path(), sender.clone());
    spawn_input_thread(sender);
    let result = event_loop(
        &mut terminal,
        &mut app,
        &mut store,
        &mut saving,
        &theme,
        &events,
    );
    term::restore();
    term::release(terminal);
    // Every change was saved when it was made; one that failed then gets a last try, and
    // what still fails goes into the session file, to be made again at the next start.
    let save_error = carry::save_at_exit(&mut app, &mut store);
    // Not `eprintln!` below: after a hang-up there is no terminal, and it would panic.
    let remembered = keeper().finish(|| match &session_path {
        Some(path) => crate::storage::session::save(path, app.library(), &app.session_state())
            .map_err(|e| {
                format!(
                    "could not remember this session in {}: {e:#}",
                    path.display()
                )
            }),
        None => Err("no state folder to remember this session in".to_string()),
    });
    let unsaved = store.unsaved();
    let _ = match (save_error, remembered) {
        (Some(e), Ok(())) => writeln!(
            io::stderr(),
            "reso: {unsaved} follow-up change(s) not saved ({e}); kept, they come back at the next start"
        ),
        (Some(e), Err(why)) => {
            // After a hang-up stderr is a dead terminal: the system log keeps the loss known.
            let message = format!("{unsaved} follow-up change(s) LOST: {e}; {why}");
            crate::platform::syslog::warn(&message);
            writeln!(io::stderr(), "reso: {message}")
        }
        (None, Err(why)) => {
            crate::platform::syslog::warn(&why);
            writeln!(io::stderr(), "reso: {why}")
        }
        (None, Ok(())) => Ok(()),
    };
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    store: &mut Store,
    saving: &mut carry::Saving,
    theme: &Theme,
    events: &mpsc::Receiver<Wake>,
) -> anyhow::Result<u8> {
    let mut view = View::default();
    let mut dirty = true;
    loop {
        if dirty {
            // What the burst changed is derived once, here, before it is drawn.
            app.refresh();
            terminal.draw(|frame| ui::draw(frame, app, &mut view, theme))?;
            app.set_page_height(usize::from(view.tree_area.height));
            app.set_scroll_limits(view.detail_max, view.reader_max);
            dirty = false;
        }
        // Block until something happens: no timer, no CPU while idle (only a save waiting
        // for a lock sets a time to wake). Then handle the whole queued burst (a paste, a
        // held key over a slow link) before drawing once.
        let first = match saving.next_try() {
            None => events.recv().ok(),
            Some(at) => match events.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(wake) => Some(wake),
                Err(mpsc::RecvTimeoutError::Timeout) => Some(Wake::RetrySave),
                Err(mpsc::RecvTimeoutError::Disconnected) => None,
            },
        };
        let Some(first) = first else {
            return Ok(crate::platform::exit::OK);
        };
        // What a hang-up keeps if the loop cannot answer it (a re-read or a save stuck).
        keeper().keep(app, store);
        // Another session may have saved meanwhile: a `stat`, and a re-read if so.
        dirty |= carry::refresh(app, store);
        for wake in std::iter::once(first).chain(events.try_iter()) {
            let effect = match wake {
                Wake::Input(event) => {
                    let (effect, changed) = handle_event(app, &view, event);
                    dirty |= changed;
                    effect
                }
                // The conventional status of a process ended by a signal, so that scripts
                // and shells can tell a hang-up from a quit.
                Wake::Signal(signal) => return Ok(128 + signal as u8),
                Wake::Stop => Effect::Suspend,
                Wake::Continued => {
                    term::resume(terminal)?;
                    dirty = true;
                    Effect::None
                }
                Wake::Resized => {
                    dirty = true;
                    Effect::None
                }
                Wake::FollowupsChanged => {
                    // Cheap when nothing changed (a `stat`); the burst may have been
                    // queued while reso was suspended, so look again here. Other files in
                    // the folder wake us too: redraw only if the follow-ups changed.
                    dirty |= carry::refresh(app, store);
                    Effect::None
                }
                // Done after the burst, which may also have come at the time to retry.
                Wake::RetrySave => Effect::None,
                Wake::InputClosed => return Ok(128 + SIGHUP as u8),
            };
            match effect {
                Effect::None => {}
                Effect::Quit => {
                    // A change that could not be saved is never dropped silently: one
                    // more try, then the user decides.
                    if carry::save_before_quit(app, store, saving) {
                        return Ok(crate::platform::exit::OK);
                    }
                    dirty = true;
                }
                Effect::QuitDiscarding => return Ok(crate::platform::exit::NOT_FOUND),
                Effect::Suspend => {
                    term::suspend(terminal)?;
                    // Other sessions may have saved while we were stopped: show the file
                    // as it is before the next key acts on it.
                    carry::refresh(app, store);
                    dirty = true;
                }
                Effect::Copy(text) => term::copy_to_clipboard(&text),
                // The save merges in what other sessions wrote; the app is shown that too.
                Effect::Save(request) => carry::request(app, store, saving, request),
                Effect::Export => {
                    let said = write_agenda(app);
                    app.agenda_written(said);
                }
            }
        }
        // A save waiting for a lock is retried when its time has come, whatever woke us.
        dirty |= carry::retry(app, store, saving);
    }
}

/// `E`: writes the meeting agenda (Markdown) of what the filter shows to
/// `agenda-YYYY-MM-DD.md` in the current folder (`-2`, `-3`, … when taken), and says
/// where, or why not.
fn write_agenda(app: &App) -> String {
    let query = app.query().text().trim();
    let query = (!query.is_empty() && app.query_error().is_none()).then_some(query);
    let folder = std::env::current_dir().unwrap_or_default();
    let window = app.window();
    let options = crate::storage::export::Options {
        since: window.since,
        stale_days: window.stale_days,
    };
    crate::storage::export::write_dated(
        app.library(),
        app.index(),
        &app.followups().file,
        query,
        app.today(),
        &options,
        &folder,
    )
}

/// Asks glibc for one heap for all threads. The index and the typo vocabulary are built on
/// threads of their own, and each would otherwise get a heap whose freed memory the main
/// thread never reuses: at 100,000 commitments that is 2 MB more at the peak, for no gain
/// (the threads do not allocate at the same time as the main one in any way that matters).
fn one_malloc_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: called before any thread of ours starts; mallopt only sets a malloc parameter.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Feeds one terminal event to the app; says whether the screen must be redrawn.
fn handle_event(app: &mut App, view: &View, event: Event) -> (Effect, bool) {
    // A file event earlier in the burst may have left derived state behind: catch up
    // before a key acts on it (nothing to do otherwise).
    app.refresh();
    match event {
        // On a terminal too small to show anything, keys would act unseen: only quitting.
        Event::Key(key) if view.too_small => {
            let quit = key.code == KeyCode::Char('q')
                || (key.code == KeyCode::Char('c')
                    && key.modifiers.contains(KeyModifiers::CONTROL));
            (if quit { Effect::Quit } else { Effect::None }, false)
        }
        Event::Key(key) if key.kind == KeyEventKind::Press => (app.handle_key(key), true),
        // The wheel scrolls the help and the reader and moves on the board, as `j`/`k` do.
        Event::Mouse(mouse)
            if matches!(
                app.mode(),
                Mode::Help { .. } | Mode::Reader { .. } | Mode::Board(_)
            ) =>
        {
            let key = match mouse.kind {
                MouseEventKind::ScrollDown => 'j',
                MouseEventKind::ScrollUp => 'k',
                _ => return (Effect::None, false),
            };
            for _ in 0..3 {
                app.handle_key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
            }
            (Effect::None, true)
        }
        // Elsewhere the mouse acts on the tree only; over a prompt it would act unseen.
        Event::Mouse(_) if *app.mode() != Mode::Tree => (Effect::None, false),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(row) = view.row_at(mouse.column, mouse.row) {
                    app.click_row(row);
                }
                (Effect::None, true)
            }
            MouseEventKind::ScrollDown => {
                app.scroll(3);
                (Effect::None, true)
            }
            MouseEventKind::ScrollUp => {
                app.scroll(-3);
                (Effect::None, true)
            }
            _ => (Effect::None, false),
        },
        Event::Resize(..) | Event::FocusGained => (Effect::None, true),
        _ => (Effect::None, false),
    }
}

/// Reads the terminal. Waits for it with `poll` first, which reports a hang-up: crossterm's
/// reader would instead loop on the dead terminal's end-of-file, using a whole CPU. `poll`
/// reports it even when no SIGHUP comes (a process that is not the terminal's foreground
/// job, a signal someone ignored). Resizes come as SIGWINCH to the signal thread, since this
/// `poll` does not see them.
fn spawn_input_thread(sender: mpsc::Sender<Wake>) {
    thread::spawn(move || {
        loop {
            let wake = match terminal_readiness(-1) {
                Readiness::Input => match event::read() {
                    Ok(event) => Wake::Input(event),
                    Err(_) => Wake::InputClosed,
                },
                Readiness::Nothing | Readiness::Gone => Wake::InputClosed,
            };
            let closed = matches!(wake, Wake::InputClosed);
            if sender.send(wake).is_err() {
                return;
            }
            if closed {
                keeper().end_unless_finished(128 + SIGHUP);
                return;
            }
            // One read of the terminal can hold several events (a paste): crossterm keeps
            // the rest, where `poll` does not see them. Asked for only while the terminal is
            // still there, since crossterm would spin on it otherwise.
            while terminal_readiness(0) != Readiness::Gone
                && event::poll(std::time::Duration::ZERO).unwrap_or(false)
            {
                let Ok(event) = event::read() else { break };
                if sender.send(Wake::Input(event)).is_err() {
                    return;
                }
            }
        }
    });
}

#[derive(PartialEq)]
enum Readiness {
    Input,
    /// Nothing to read within the timeout.
    Nothing,
    /// Hung up, closed, or `poll` itself failed: never to be waited for again.
    Gone,
}

/// Waits up to `timeout_ms` (-1: for ever) without using any CPU for the terminal to have
/// input or to be gone. A hang-up wins over input left unread: no one is left to act for.
fn terminal_readiness(timeout_ms: i32) -> Readiness {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    loop {
        // SAFETY: one valid pollfd, count 1; the call only writes `revents`.
        let ready = unsafe { libc::poll(&mut fd, 1, timeout_ms) };
        if ready < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            continue;
        }
        let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
        return match ready {
            0 => Readiness::Nothing,
            1.. if fd.revents & gone == 0 && fd.revents & libc::POLLIN != 0 => Readiness::Input,
            _ => Readiness::Gone,
        };
    }
}

/// Watches the follow-ups file's folder (saves rename a new file over the old one, so the
/// file itself cannot be watched) and wakes the loop when the file may have changed. The
/// kernel (inotify) does the waiting: no polling. `None` where watching is not possible.
fn watch_followups(
    path: &std::path::Path,
    sender: mpsc::Sender<Wake>,
) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())?
        .to_path_buf();
    // The folder is where the first save will put the file; it must exist to be watched.
    let _ = crate::platform::atomic::create_private_folder(&folder);
    let name = path.file_name()?.to_os_string();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let ours = event.is_ok_and(|e| {
            e.paths
                .iter()
                .any(|p| p.file_name() == Some(name.as_os_str()))
        });
        if ours {
            let _ = sender.send(Wake::FollowupsChanged);
        }
    })
    .ok()?;
    watcher
        .watch(&folder, notify::RecursiveMode::NonRecursive)
        .ok()?;
    Some(watcher)
}

/// Turns signals into wakes of the loop. A signal to end also starts the grace after which
/// the process ends even if the loop is stuck (see [`hangup`]).
fn spawn_signal_thread(sender: mpsc::Sender<Wake>) -> anyhow::Result<()> {
    let mut signals =
        signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGTSTP, SIGCONT, SIGWINCH])?;
    thread::spawn(move || {
        // A SIGCONT after our own stop (Ctrl-z, `kill -TSTP`) is already followed by a full
        // redraw; one after `kill -STOP` is not, so every SIGCONT redraws.
        for signal in signals.forever() {
            let wake = match signal {
                SIGTSTP => Wake::Stop,
                SIGCONT => Wake::Continued,
                SIGWINCH => Wake::Resized,
                _ => Wake::Signal(signal),
            };
            if sender.send(wake).is_err() {
                return;
            }
            if matches!(signal, SIGHUP | SIGTERM | SIGINT) {
                keeper().end_unless_finished(128 + signal);
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::BoardView;
    use ratatui::crossterm::event::MouseEvent;

    fn wheel(app: &mut App, kind: MouseEventKind) -> bool {
        let event = Event::Mouse(MouseEvent {
            kind,
            column: 10,
            row: 10,
            modifiers: KeyModifiers::NONE,
        });
        handle_event(app, &View::default(), event).1
    }

    fn key(app: &mut App, code: KeyCode) {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    #[test]
    fn the_wheel_moves_on_the_board_and_scrolls_the_reader() {
        let store = Store::open(std::path::Path::new("/nonexistent/reso/followups.json"));
        let today = time::macros::date!(2025 - 01 - 10);
        let mut app = App::new(
            crate::storage::bundled::library(),
            today,
            carry::opened(&store),
        );
        key(&mut app, KeyCode::Char('b'));
        assert!(wheel(&mut app, MouseEventKind::ScrollDown), "redrawn");
        assert!(matches!(
            app.mode(),
            Mode::Board(BoardView { selected: 3, .. })
        ));
        wheel(&mut app, MouseEventKind::ScrollUp);
        assert!(matches!(
            app.mode(),
            Mode::Board(BoardView { selected: 0, .. })
        ));
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Enter);
        app.set_scroll_limits(0, 10);
        wheel(&mut app, MouseEventKind::ScrollDown);
        assert_eq!(*app.mode(), Mode::Reader { scroll: 3 });
        assert!(
            !wheel(&mut app, MouseEventKind::Moved),
            "other mouse events do nothing"
        );
        assert_eq!(*app.mode(), Mode::Reader { scroll: 3 });
    }
}
