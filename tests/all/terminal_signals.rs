//! Signals from outside in a real terminal (tmux): `kill -TSTP` steps aside as Ctrl-z does
//! and `fg` redraws; a hang-up ends reso even while a save waits for a lock another process
//! holds, without spinning and without losing the change.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::common::tmux::Tmux;

fn reso() -> &'static str {
    env!("CARGO_BIN_EXE_reso")
}

/// The one child process of `parent` (reso started by the pane's shell).
fn child_of(parent: u32) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let children =
            std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")).unwrap();
        if let Some(child) = children.split_whitespace().next() {
            return child.parse().unwrap();
        }
        assert!(Instant::now() < deadline, "no child of {parent}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// CPU time used so far (user + system, in clock ticks); `None` once the process has ended
/// (a zombie waiting for its parent has ended too).
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    if matches!(fields[0], "Z" | "X") {
        return None;
    }
    Some(fields[11].parse::<u64>().ok()? + fields[12].parse::<u64>().ok()?)
}

#[test]
fn an_outside_sigtstp_gives_the_terminal_back_and_fg_redraws() {
    // An interactive shell, for job control (`fg`).
    let tmux = Tmux::start(
        "tstp",
        100,
        30,
        "PS1='shell> ' exec bash --norc --noprofile -i",
    );
    tmux.wait_for("shell>");
    tmux.type_text(&format!("LANG=C.UTF-8 {}", reso()));
    tmux.keys(&["Enter"]);
    tmux.wait_for("area 1/15 · commitment 1/8 · ba-43-2024:1.1");
    let pid = child_of(tmux.pane_pid());
    assert_eq!(tmux.format("#{mouse_any_flag}"), "1", "clicks are reported");

    let killed = Command::new("kill")
        .args(["-TSTP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let screen = tmux.wait_for("Stopped");
    assert!(
        screen.contains("shell>"),
        "the prompt is visible:\n{screen}"
    );
    assert!(!screen.contains("Defence cooperation"), "{screen}");
    assert_eq!(tmux.format("#{alternate_on}"), "0", "alternate screen left");
    assert_eq!(tmux.format("#{mouse_any_flag}"), "0", "mouse reporting off");

    tmux.type_text("fg");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("area 1/15 · commitment 1/8 · ba-43-2024:1.1");
    // Redrawn whole: nothing the shell printed is left over the tree.
    let redrawn = tmux.wait_for("1 Defence cooperation of the Baltic States (8)");
    assert!(
        !redrawn.contains("shell>") && !redrawn.contains("Stopped"),
        "the shell's lines are gone:\n{screen}"
    );
    assert_eq!(tmux.format("#{alternate_on}"), "1");
    assert_eq!(
        tmux.format("#{mouse_any_flag}"),
        "1",
        "clicks reported again"
    );
    tmux.keys(&["j"]);
    tmux.wait_for("commitment 2/8 · ba-43-2024:1.2");

    // Ctrl-z takes the same way.
    tmux.keys(&["C-z"]);
    // The shell's screen still shows the first stop: wait for a second one.
    let deadline = Instant::now() + Duration::from_secs(10);
    while tmux.screen().matches("Stopped").count() < 2 {
        assert!(Instant::now() < deadline, "not stopped:\n{}", tmux.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(tmux.format("#{alternate_on}"), "0");
    assert_eq!(tmux.format("#{mouse_any_flag}"), "0");
    tmux.type_text("fg");
    tmux.keys(&["Enter"]);
    let redrawn = tmux.wait_for("1 Defence cooperation of the Baltic States (8)");
    assert!(!redrawn.contains("Stopped"), "{redrawn}");
    tmux.keys(&["q"]);
    tmux.wait_for("shell>");
    assert_eq!(tmux.format("#{mouse_any_flag}"), "0");
}

#[test]
fn a_hang_up_while_a_save_waits_for_a_lock_ends_reso_and_keeps_the_change() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let lock = dir.path().join("followups.json.lock");
    // Another process holds the follow-ups lock until its standard input is closed.
    let mut holder = Command::new("flock")
        .arg("-x")
        .arg(&lock)
        .args(["-c", "echo held; read -r line"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("flock (util-linux) is installed");
    let mut line = String::new();
    BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "held");

    let command = format!("exec {} --followups {}", reso(), file.display());
    let tmux = Tmux::start("lockhup", 100, 30, &command);
    tmux.wait_for("ba-43-2024:1.1");
    let pid = tmux.pane_pid();
    // The mark is made; its save waits for the lock.
    tmux.keys(&["Space"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(!file.exists(), "nothing saved while the lock is held");

    let before = cpu_ticks(pid).expect("reso runs");
    tmux.kill_pane();
    let closed = Instant::now();
    let mut last = before;
    // A generous deadline for a loaded machine, not a measurement.
    while let Some(ticks) = cpu_ticks(pid) {
        last = ticks;
        assert!(
            closed.elapsed() < Duration::from_secs(10),
            "reso {pid} still running 10 s after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    eprintln!(
        "reso ended {:?} after its pane closed, using {} clock ticks meanwhile",
        closed.elapsed(),
        last - before
    );
    // A spin on the dead terminal uses a whole CPU (about 100 ticks a second).
    assert!(last - before < 30, "reso spun: {} ticks", last - before);

    drop(holder.stdin.take());
    holder.wait().unwrap();
    // The change was never shown as saved: the session file kept it, and the next start
    // saves it.
    let again = Tmux::start_at(
        "lockhup2",
        100,
        30,
        &format!("LANG=C.UTF-8 {command}"),
        &tmux.home,
    );
    let screen = again.wait_for("saved");
    assert!(screen.contains("○ 1.1"), "the mark is back:\n{screen}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("ba-43-2024:1.1"), "{text}");
    assert!(cpu_ticks(pid).is_none());
}

#[test]
fn a_save_that_waits_for_a_lock_names_its_holder_and_keys_keep_working() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let lock = dir.path().join("followups.json.lock");
    // Another process holds the follow-ups lock until its standard input is closed.
    let mut holder = Command::new("flock")
        .arg("-x")
        .arg(&lock)
        .args(["-c", "echo held; read -r line"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("flock (util-linux) is installed");
    let mut line = String::new();
    BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "held");

    let command = format!("LANG=C.UTF-8 {} --followups {}", reso(), file.display());
    let tmux = Tmux::start("lockwait", 100, 30, &command);
    tmux.wait_for("ba-43-2024:1.1");
    // The mark is made; its save waits for the lock, and says so after half a second.
    tmux.keys(&["Space"]);
    let screen = tmux.wait_for("waiting for the lock held by");
    assert!(!file.exists(), "nothing saved while the lock is held");
    assert!(!screen.to_lowercase().contains("saved"), "{screen}");
    // Keys keep working meanwhile: the cursor moves.
    let before = tmux.screen();
    tmux.keys(&["j"]);
    let deadline = Instant::now() + Duration::from_secs(5);
    while tmux.screen() == before {
        assert!(Instant::now() < deadline, "j did nothing:\n{before}");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(tmux.screen().contains("waiting for the lock held by"));

    drop(holder.stdin.take());
    holder.wait().unwrap();
    tmux.wait_for("saved");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("ba-43-2024:1.1"), "{text}");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
}

#[test]
fn emoji_sequences_flags_and_accents_in_a_note_leave_the_divider_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let command = format!("LANG=C.UTF-8 {} --followups {}", reso(), file.display());
    // Wide enough for the detail pane beside the tree, behind a divider.
    let tmux = Tmux::start("graphemes", 160, 30, &command);
    tmux.wait_for("ba-43-2024:1.1");
    let divider_columns = |screen: &str| -> Vec<usize> {
        screen
            .lines()
            .filter_map(|line| line.chars().position(|c| c == '│'))
            .collect()
    };
    let before = divider_columns(&tmux.screen());
    assert!(before.len() > 10, "a divider on most rows");
    tmux.keys(&["a"]);
    // A family (ZWJ sequence), a flag, a heart with VS16, an e with a combining acute.
    tmux.type_text("x\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} \u{1f1ea}\u{1f1ea} \u{2764}\u{fe0f} caf\u{65}\u{301} y");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("saved");
    // Drawn with fallbacks every terminal draws at the width ratatui counted.
    assert!(
        screen.contains("x\u{1f468} EE \u{2764}  caf\u{65}\u{301} y"),
        "{screen}"
    );
    assert_eq!(
        divider_columns(&screen),
        before,
        "the divider moved:\n{screen}"
    );
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}"),
        "the file keeps the exact text"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
}

/// Another process holds the follow-ups lock next to `file` until the returned child's
/// standard input is closed.
fn hold_lock_of(file: &std::path::Path) -> std::process::Child {
    let mut lock = file.as_os_str().to_os_string();
    lock.push(".lock");
    let mut holder = Command::new("flock")
        .arg("-x")
        .arg(lock)
        .args(["-c", "echo held; read -r line"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("flock (util-linux) is installed");
    let mut line = String::new();
    BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "held");
    holder
}

/// Issue 18: `q` while a save waits for a lock ends reso at once after the usual question
/// (while the lock is still held: it did not wait for it), exit status 1; the next start
/// makes the change, says so, and saves it.
#[test]
fn quitting_while_a_save_waits_for_a_lock_does_not_wait_and_the_next_start_saves_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let mut holder = hold_lock_of(&file);
    let command = format!("LANG=C.UTF-8 {} --followups {}", reso(), file.display());
    let tmux = Tmux::start("quitwait", 120, 30, &command);
    tmux.wait_for("ba-43-2024:1.1");
    tmux.keys(&["Space"]);
    tmux.wait_for("waiting for the lock held by");
    tmux.keys(&["q"]);
    tmux.wait_for("NOT saved. Quit?");
    tmux.keys(&["y"]);
    tmux.wait_for("EXITED 1");
    assert!(
        holder.try_wait().unwrap().is_none(),
        "reso ended only after the lock was let go"
    );
    assert!(!file.exists(), "nothing saved while the lock is held");

    drop(holder.stdin.take());
    holder.wait().unwrap();
    let again = Tmux::start_at("quitwait2", 120, 30, &command, &tmux.home);
    // A mark is two edits (status and the text's hash), each counted.
    again.wait_for("2 follow-up changes the last session could not save are back");
    // The message fills the status bar; the file tells that the save went through.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(&file).is_ok_and(|t| t.contains("ba-43-2024:1.1")) {
        assert!(Instant::now() < deadline, "the restored mark was not saved");
        std::thread::sleep(Duration::from_millis(50));
    }
    again.keys(&["q"]);
    again.wait_for("EXITED 0");
}

/// A log socket in place of `/dev/log` for as long as it lives: what reso sends to the
/// system log is read here. Only for root, and only where no log daemon listens.
///
/// While it is bound it is the whole machine's system log: every tmux of every test logs
/// through utempter, other tests' reso too. A thread reads it all along, because a queue
/// left full (`net.unix.max_dgram_qlen`, ten datagrams) blocks every sender, this test's
/// own tmux among them, and the test then waits forever on that tmux.
struct LogSocket {
    received: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

impl LogSocket {
    fn bind() -> Option<LogSocket> {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 || std::path::Path::new("/dev/log").exists() {
            return None;
        }
        let socket = std::os::unix::net::UnixDatagram::bind("/dev/log").ok()?;
        socket
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let received = Arc::<Mutex<Vec<String>>>::default();
        let stop = Arc::<AtomicBool>::default();
        let reader = {
            let received = Arc::clone(&received);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut buffer = [0u8; 4096];
                let mut stopped: Option<Instant> = None;
                loop {
                    let got = socket.recv(&mut buffer);
                    if let Ok(n) = got {
                        let message = String::from_utf8_lossy(&buffer[..n]).into_owned();
                        received.lock().unwrap().push(message);
                    }
                    // Once told to stop: until nothing came for the read timeout, as the
                    // reading at the end did before, and not for ever on a busy machine.
                    if stop.load(Ordering::Relaxed) {
                        let since = *stopped.get_or_insert_with(Instant::now);
                        if got.is_err() || since.elapsed() > Duration::from_secs(2) {
                            break;
                        }
                    }
                }
            })
        };
        Some(LogSocket {
            received,
            stop,
            reader: Some(reader),
        })
    }

    /// Every message the process `pid` sent (tagged `reso[PID]`), one a line: the others
    /// came from elsewhere on the machine.
    fn messages_of(&mut self, pid: u32) -> String {
        self.stop_reading();
        let tag = format!("reso[{pid}]");
        let mut all = String::new();
        for message in self.received.lock().unwrap().iter() {
            if message.contains(&tag) {
                all.push_str(message);
                all.push('\n');
            }
        }
        all
    }

    fn stop_reading(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}

impl Drop for LogSocket {
    fn drop(&mut self) {
        let _ = std::fs::remove_file("/dev/log");
        self.stop_reading();
    }
}

/// Issue 18: a hang-up while a save waits for a lock, with no state folder that can be
/// written: the change is lost, and reso says so on stderr and in the system log instead of
/// ending silently.
#[test]
fn a_hang_up_whose_change_cannot_be_kept_anywhere_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("followups.json");
    let stderr = dir.path().join("stderr.txt");
    let log = LogSocket::bind();
    if log.is_none() {
        eprintln!("the system log is not read here (not root, or a log daemon owns /dev/log)");
    }
    let mut holder = hold_lock_of(&file);
    // No folder can be made in /proc, not even by root: the session file cannot be written.
    let command = format!(
        "XDG_STATE_HOME=/proc/reso-nowhere {} --followups {} 2>{}",
        reso(),
        file.display(),
        stderr.display()
    );
    let tmux = Tmux::start("hupnowhere", 100, 30, &command);
    tmux.wait_for("ba-43-2024:1.1");
    let reso_pid = child_of(tmux.pane_pid());
    tmux.keys(&["Space"]);
    tmux.wait_for("waiting for the lock held by");
    tmux.kill_pane();
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::path::Path::new(&format!("/proc/{reso_pid}")).exists() {
        assert!(
            Instant::now() < deadline,
            "reso still runs after the hang-up"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(holder.stdin.take());
    holder.wait().unwrap();
    let said = std::fs::read_to_string(&stderr).unwrap();
    assert!(
        said.contains("1 follow-up change(s)") && said.contains("LOST"),
        "stderr: {said:?}"
    );
    if let Some(mut log) = log {
        let logged = log.messages_of(reso_pid);
        assert!(
            logged.contains("reso[") && logged.contains("LOST"),
            "system log: {logged:?}"
        );
    }
}
