//! The browser session: load everything that can fail, take the terminal, run the event
//! loop (block on the next event, handle the whole queued burst, draw once), carry out the
//! effects the app asks for, and give the terminal back.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;

use ratatui::crossterm::event::{
    self, Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::app::{App, Effect};
use crate::cli::BrowseArgs;
use crate::followups::Store;
use crate::term;
use crate::ui::{self, Theme, View};

/// Everything the loop wakes up for.
enum Wake {
    Input(Event),
    /// The terminal cannot be read any more (hang-up, closed).
    InputClosed,
    Signal(i32),
    /// The follow-ups file's folder changed: another session may have saved.
    FollowupsChanged,
}

pub fn run(paths: &[PathBuf], args: &BrowseArgs) -> anyhow::Result<u8> {
    let library = crate::load::load_library(paths)?;
    term::check_interactive()?;
    let theme = Theme::from_env(args.ascii);
    let followups_path = crate::followups::resolve_path(&args.followups)?;
    // A follow-ups file that cannot be used opens read-only; the app shows why.
    let store = Store::open(&followups_path);
    // Read the date before any thread starts: the local offset can only be read safely then.
    let mut app = App::new(library, crate::clock::local_today(), store);
    // The user's synonyms; a bad line is told (and left out), never fatal.
    let (synonyms, problems) = crate::filter::Synonyms::load_user();
    app.set_synonyms(synonyms);
    if !problems.is_empty() {
        app.message = Some(problems.join("; "));
    }
    let session_path = crate::session::path_for(&app.library);
    if let Some(path) = session_path.as_deref() {
        match crate::session::load(path, &app.library) {
            Ok(Some(state)) => {
                if !args.fresh {
                    app.restore_session(&state);
                }
                app.restore_unsaved(&state);
            }
            Ok(None) => {}
            Err(notice) => app.message = Some(notice),
        }
    }
    if app.store.unsaved() > 0 {
        let result = app.store.save();
        app.saved(result);
    }

    let (sender, events) = mpsc::channel();
    spawn_signal_thread(sender.clone())?;
    let mut terminal = term::init()?;
    // Kept alive for the session; without it, other sessions' saves show at the next key.
    let _watcher = watch_followups(app.store.real_path(), sender.clone());
    spawn_hangup_watch(sender.clone());
    spawn_input_thread(sender);
    app.warm_up();
    let result = event_loop(&mut terminal, &mut app, &theme, &events);
    term::restore();
    term::release(terminal);
    // Every change was saved when it was made; one that failed then gets a last try, and
    // what still fails goes into the session file, to be made again at the next start.
    let save_error = if app.store.unsaved() > 0 {
        app.store.save().err()
    } else {
        None
    };
    // Not `eprintln!` below: after a hang-up there is no terminal, and it would panic.
    let remembered = match &session_path {
        Some(path) => crate::session::save(path, &app.library, &app.session_state()).map_err(|e| {
            format!(
                "could not remember this session in {}: {e:#}",
                path.display()
            )
        }),
        None => Err("no state folder to remember this session in".to_string()),
    };
    let unsaved = app.store.unsaved();
    let _ = match (save_error, remembered) {
        (Some(e), Ok(())) => writeln!(
            io::stderr(),
            "reso: {unsaved} follow-up change(s) not saved ({e}); kept, they come back at the next start"
        ),
        (Some(e), Err(why)) => writeln!(
            io::stderr(),
            "reso: {unsaved} follow-up change(s) LOST: {e}; {why}"
        ),
        (None, Err(why)) => writeln!(io::stderr(), "reso: {why}"),
        (None, Ok(())) => Ok(()),
    };
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    theme: &Theme,
    events: &mpsc::Receiver<Wake>,
) -> anyhow::Result<u8> {
    let mut view = View::default();
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|frame| ui::draw(frame, app, &mut view, theme))?;
            app.set_page_height(usize::from(view.tree_area.height));
            dirty = false;
        }
        // Block until something happens: no timer, no CPU while idle. Then handle the
        // whole queued burst (a paste, a held key over a slow link) before drawing once.
        let Ok(first) = events.recv() else {
            return Ok(crate::exit::OK);
        };
        // Another session may have saved meanwhile: a `stat`, and a re-read if so.
        dirty |= refresh_followups(app);
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
                Wake::FollowupsChanged => {
                    // Cheap when nothing changed (a `stat`); the burst may have been
                    // queued while reso was suspended, so look again here. Other files in
                    // the folder wake us too: redraw only if the follow-ups changed.
                    dirty |= refresh_followups(app);
                    Effect::None
                }
                Wake::InputClosed => return Ok(128 + SIGHUP as u8),
            };
            match effect {
                Effect::None => {}
                Effect::Quit => {
                    // A change that could not be saved is never dropped silently: one
                    // more try, then the user decides.
                    if app.store.unsaved() > 0 {
                        let result = app.store.save();
                        app.saved(result);
                    }
                    if app.store.unsaved() == 0 {
                        return Ok(crate::exit::OK);
                    }
                    app.ask_quit_unsaved();
                    dirty = true;
                }
                Effect::QuitDiscarding => return Ok(crate::exit::NOT_FOUND),
                Effect::Suspend => {
                    term::suspend(terminal)?;
                    // Other sessions may have saved while we were stopped: show the file
                    // as it is before the next key acts on it.
                    refresh_followups(app);
                    dirty = true;
                }
                Effect::Copy(text) => term::copy_to_clipboard(&text),
                Effect::Save => {
                    let result = app.store.save();
                    app.saved(result);
                    // The save merged in what other sessions wrote; show it.
                    app.followups_reloaded();
                }
                Effect::Export => app.message = Some(write_agenda(app)),
            }
        }
    }
}

/// `E`: writes the meeting agenda (Markdown) of what the filter shows to
/// `agenda-YYYY-MM-DD.md` in the current folder (`-2`, `-3`, … when taken), and says
/// where, or why not.
fn write_agenda(app: &App) -> String {
    let entries = crate::export::entries(app.store.file(), &app.library);
    let query = app.query.text().trim();
    let selection = crate::export::Selection {
        query: (!query.is_empty() && app.query_error.is_none()).then(|| query.to_string()),
        ..Default::default()
    };
    let selected = match crate::export::select(&app.library, &entries, &selection, app.today) {
        Ok(selected) => selected,
        Err(e) => return format!("agenda not written: {e}"),
    };
    let agenda = crate::export::render(
        crate::export::Format::Markdown,
        &app.library,
        &selected,
        app.today,
        &selection,
    );
    let name = crate::export::file_name(crate::export::Format::Markdown, app.today);
    let folder = std::env::current_dir().unwrap_or_default();
    // An earlier agenda of the same day may have been edited by hand: never replace it.
    let stem = name.trim_end_matches(".md");
    let path = std::iter::once(folder.join(&name))
        .chain((2..).map(|n| folder.join(format!("{stem}-{n}.md"))))
        .find(|p| !p.exists())
        .expect("an unused name");
    match crate::atomic::write(&path, agenda.as_bytes(), false) {
        // The file's name first: on a narrow terminal the folder is what gets cut.
        Ok(()) => format!(
            "wrote {} ({} follow-ups) in {}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            selected.len(),
            folder.display()
        ),
        Err(e) => format!("agenda not written to {}: {e:#}", path.display()),
    }
}

/// Re-reads the follow-ups file if another session replaced it; says whether anything
/// the screen shows may have changed.
fn refresh_followups(app: &mut App) -> bool {
    let was_read_only = app.store.read_only().is_some();
    match app.store.reload_if_changed() {
        Ok(true) => {
            app.followups_reloaded();
            true
        }
        Ok(false) => was_read_only,
        // The store is read-only now and says why; the banner shows it.
        Err(_) => !was_read_only,
    }
}

/// Feeds one terminal event to the app; says whether the screen must be redrawn.
fn handle_event(app: &mut App, view: &View, event: Event) -> (Effect, bool) {
    match event {
        // On a terminal too small to show anything, keys would act unseen: only quitting.
        Event::Key(key) if view.too_small => {
            let quit = key.code == KeyCode::Char('q')
                || (key.code == KeyCode::Char('c')
                    && key.modifiers.contains(KeyModifiers::CONTROL));
            (if quit { Effect::Quit } else { Effect::None }, false)
        }
        Event::Key(key) if key.kind == KeyEventKind::Press => (app.handle_key(key), true),
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

fn spawn_input_thread(sender: mpsc::Sender<Wake>) {
    thread::spawn(move || {
        loop {
            let wake = match event::read() {
                Ok(event) => Wake::Input(event),
                Err(_) => Wake::InputClosed,
            };
            let closed = matches!(wake, Wake::InputClosed);
            if sender.send(wake).is_err() || closed {
                return;
            }
        }
    });
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
    let _ = std::fs::create_dir_all(&folder);
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

/// Wakes the loop when the terminal hangs up even if no SIGHUP comes (a process that is not
/// the terminal's foreground job, a signal someone ignored). crossterm's reader would loop on
/// the dead terminal's end-of-file instead of reporting it. `poll` with no events asked for
/// still reports a hang-up, and blocks without using any CPU until then.
fn spawn_hangup_watch(sender: mpsc::Sender<Wake>) {
    thread::spawn(move || {
        let mut fd = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: 0,
            revents: 0,
        };
        loop {
            // SAFETY: one valid pollfd, count 1, no timeout; the call only writes `revents`.
            let ready = unsafe { libc::poll(&mut fd, 1, -1) };
            if ready < 0
                && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted
            {
                continue;
            }
            if ready != 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                let _ = sender.send(Wake::InputClosed);
            }
            // Anything else (an error of poll itself) also ends the watch: never spin.
            return;
        }
    });
}

fn spawn_signal_thread(sender: mpsc::Sender<Wake>) -> anyhow::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])?;
    thread::spawn(move || {
        for signal in signals.forever() {
            if sender.send(Wake::Signal(signal)).is_err() {
                return;
            }
        }
    });
    Ok(())
}
