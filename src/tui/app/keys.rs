//! The one table of keys: each line of the help overlay with the keys it stands for and
//! what each key does in its mode (the tree, the query line, the reader, the board, the
//! help, a question, another session's change). `handle_key` looks every mode's keys up
//! here, the help overlay is drawn from it, and tests hold it to what the keys do and the
//! tree's keys to the README's key table. Only the input line's editing keys are the
//! editor's own ([`super::editor`]).

use ratatui::crossterm::event::KeyCode;

/// What a key does in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Down,
    Up,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    FoldOrParent,
    UnfoldOrChild,
    OpenOrFold,
    FoldAll,
    UnfoldAll,
    PreviousArea,
    NextArea,
    Filter,
    NextMatch,
    PreviousMatch,
    ClearFilter,
    Mark,
    NextStatus,
    PreviousStatus,
    Note,
    Owner,
    Due,
    Remove,
    MarkShown,
    Undo,
    Redo,
    FollowupsOnly,
    NextOverdue,
    ConfirmText,
    Export,
    ToggleDetail,
    DetailDown,
    DetailUp,
    Board,
    Copy,
    Help,
    Quit,
    Suspend,
}

/// What a key does in the query line; the other keys edit the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterAction {
    Down,
    Up,
}

/// What a key does in the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReaderAction {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Close,
}

/// What a key does in the help overlay; other keys do nothing there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpAction {
    Down,
    Up,
    PageDown,
    PageUp,
    Close,
}

/// What a key does on the progress board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardAction {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// By area, or by owner.
    Regroup,
    /// To the selected row's area or owner in the tree.
    Go,
    Close,
}

/// A key that says yes to a question; every other key says no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    /// Yes, except when removing a follow-up that holds work: that takes a `y`, so that an
    /// Enter typed ahead does not do it.
    Enter,
}

/// Which value to keep of a field another session changed while it was edited here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Yours,
    Theirs,
    Both,
    /// Back to the input line with what was typed.
    EditAgain,
}

/// One key and what it does in its mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding<A = Action> {
    pub code: KeyCode,
    /// Held with Ctrl.
    pub ctrl: bool,
    pub action: A,
}

/// The keys behind a line of the help, and the mode they act in.
#[derive(Debug, Clone, Copy)]
pub enum Bindings {
    /// A group title, or keys handled where they apply: the input line's editing keys,
    /// the mouse, "any other key".
    None,
    Tree(&'static [Binding]),
    Filter(&'static [Binding<FilterAction>]),
    Reader(&'static [Binding<ReaderAction>]),
    Help(&'static [Binding<HelpAction>]),
    Board(&'static [Binding<BoardAction>]),
    Question(&'static [Binding<Answer>]),
    Conflict(&'static [Binding<Choice>]),
}

/// One line of the help: the keys as shown, what they do, and the keys behind it.
#[derive(Debug, Clone, Copy)]
pub struct KeyLine {
    pub keys: &'static str,
    pub does: &'static str,
    pub bindings: Bindings,
}

const fn key<A>(c: char, action: A) -> Binding<A> {
    Binding {
        code: KeyCode::Char(c),
        ctrl: false,
        action,
    }
}

const fn ctrl<A>(c: char, action: A) -> Binding<A> {
    Binding {
        code: KeyCode::Char(c),
        ctrl: true,
        action,
    }
}

const fn special<A>(code: KeyCode, action: A) -> Binding<A> {
    Binding {
        code,
        ctrl: false,
        action,
    }
}

const fn group(title: &'static str) -> KeyLine {
    note("", title)
}

/// Keys the table does not dispatch (the input line's, the mouse), shown as they are.
const fn note(keys: &'static str, does: &'static str) -> KeyLine {
    KeyLine {
        keys,
        does,
        bindings: Bindings::None,
    }
}

/// A line of tree keys.
const fn line(keys: &'static str, does: &'static str, bindings: &'static [Binding]) -> KeyLine {
    with(keys, does, Bindings::Tree(bindings))
}

/// A line of another mode's keys.
const fn with(keys: &'static str, does: &'static str, bindings: Bindings) -> KeyLine {
    KeyLine {
        keys,
        does,
        bindings,
    }
}

use Action::*;

/// Every key of every mode, grouped as the help shows them.
pub const KEYS: &[KeyLine] = &[
    group("Move"),
    line(
        "j k  Down Up",
        "next / previous row",
        &[
            key('j', Down),
            key('k', Up),
            special(KeyCode::Down, Down),
            special(KeyCode::Up, Up),
        ],
    ),
    line(
        "h  Left",
        "fold (also a commitment with sub-items), or go to parent",
        &[key('h', FoldOrParent), special(KeyCode::Left, FoldOrParent)],
    ),
    line(
        "l  Right",
        "unfold, or go to first child",
        &[
            key('l', UnfoldOrChild),
            special(KeyCode::Right, UnfoldOrChild),
        ],
    ),
    line(
        "Enter",
        "read the commitment whole (Esc closes); fold a group",
        &[special(KeyCode::Enter, OpenOrFold)],
    ),
    line(
        "-  =",
        "fold all (areas, sub-items) / unfold all",
        &[key('-', FoldAll), key('=', UnfoldAll)],
    ),
    line(
        "[  ]",
        "previous / next area",
        &[key('[', PreviousArea), key(']', NextArea)],
    ),
    line(
        "g G  Home End",
        "top / bottom",
        &[
            key('g', Top),
            key('G', Bottom),
            special(KeyCode::Home, Top),
            special(KeyCode::End, Bottom),
        ],
    ),
    line(
        "PgUp PgDn",
        "page up / down",
        &[
            special(KeyCode::PageUp, PageUp),
            special(KeyCode::PageDown, PageDown),
        ],
    ),
    line(
        "Ctrl-u Ctrl-d",
        "half page up / down",
        &[ctrl('u', HalfPageUp), ctrl('d', HalfPageDown)],
    ),
    group("Filter"),
    line(
        "/",
        "filter as you type (terms AND, !not, 'exact, ^start)",
        &[key('/', Filter)],
    ),
    line(
        "n N",
        "next / previous match",
        &[key('n', NextMatch), key('N', PreviousMatch)],
    ),
    line(
        "Esc",
        "clear the filter",
        &[special(KeyCode::Esc, ClearFilter)],
    ),
    with(
        "Down Up C-n C-p",
        "while typing: move the selection",
        Bindings::Filter(&[
            special(KeyCode::Down, FilterAction::Down),
            special(KeyCode::Up, FilterAction::Up),
            ctrl('n', FilterAction::Down),
            ctrl('p', FilterAction::Up),
        ]),
    ),
    note("Enter", "while typing: keep the filter, back to the tree"),
    group("Follow-ups (saved at once)"),
    line("Space", "mark / unmark, then next row", &[key(' ', Mark)]),
    line(
        "s S",
        "next / previous status (see Markers below)",
        &[key('s', NextStatus), key('S', PreviousStatus)],
    ),
    line(
        "a",
        "note: Enter saves, Ctrl-j new line, Esc cancels",
        &[key('a', Note)],
    ),
    line("o", "owner", &[key('o', Owner)]),
    line(
        "d",
        "due date: YYYY-MM-DD, +3d, +2w (empty clears)",
        &[key('d', Due)],
    ),
    line(
        "x",
        "remove the follow-up (its history stays)",
        &[key('x', Remove)],
    ),
    line(
        "V",
        "mark every commitment shown (asks first)",
        &[key('V', MarkShown)],
    ),
    line(
        "u Ctrl-r",
        "undo / redo",
        &[key('u', Undo), ctrl('r', Redo)],
    ),
    line("F", "follow-ups only", &[key('F', FollowupsOnly)]),
    line(
        "!",
        "next overdue (shown as !DATE)",
        &[key('!', NextOverdue)],
    ),
    line(
        "c",
        "confirm a commitment text that changed since marking",
        &[key('c', ConfirmText)],
    ),
    line(
        "E",
        "write the agenda (Markdown) to agenda-DATE.md",
        &[key('E', Export)],
    ),
    group("View"),
    line(
        "Tab  z",
        "show / hide the detail pane",
        &[special(KeyCode::Tab, ToggleDetail), key('z', ToggleDetail)],
    ),
    line(
        "J K",
        "scroll the detail pane",
        &[key('J', DetailDown), key('K', DetailUp)],
    ),
    line(
        "b",
        "progress board (b/Tab by owner, Enter goes there)",
        &[key('b', Board)],
    ),
    line(
        "y",
        "copy reference and text to the clipboard",
        &[key('y', Copy)],
    ),
    line(
        "? F1",
        "this help (j/k scroll; ?, Esc or q closes it)",
        &[key('?', Help), special(KeyCode::F(1), Help)],
    ),
    line("q  Ctrl-c", "quit", &[key('q', Quit), ctrl('c', Quit)]),
    line("Ctrl-z", "suspend (fg resumes)", &[ctrl('z', Suspend)]),
    group("Reader (Enter)"),
    with(
        "j k  Down Up",
        "scroll a line",
        Bindings::Reader(&[
            key('j', ReaderAction::Down),
            key('k', ReaderAction::Up),
            special(KeyCode::Down, ReaderAction::Down),
            special(KeyCode::Up, ReaderAction::Up),
        ]),
    ),
    with(
        "PgUp PgDn Space",
        "scroll a page",
        Bindings::Reader(&[
            special(KeyCode::PageUp, ReaderAction::PageUp),
            special(KeyCode::PageDown, ReaderAction::PageDown),
            key(' ', ReaderAction::PageDown),
        ]),
    ),
    with(
        "g G  Home End",
        "top / bottom",
        Bindings::Reader(&[
            key('g', ReaderAction::Top),
            key('G', ReaderAction::Bottom),
            special(KeyCode::Home, ReaderAction::Top),
            special(KeyCode::End, ReaderAction::Bottom),
        ]),
    ),
    with(
        "Esc q",
        "back to the tree",
        Bindings::Reader(&[
            special(KeyCode::Esc, ReaderAction::Close),
            key('q', ReaderAction::Close),
        ]),
    ),
    group("Board (b)"),
    with(
        "j k  Down Up",
        "next / previous row",
        Bindings::Board(&[
            key('j', BoardAction::Down),
            key('k', BoardAction::Up),
            special(KeyCode::Down, BoardAction::Down),
            special(KeyCode::Up, BoardAction::Up),
        ]),
    ),
    with(
        "PgUp PgDn",
        "page up / down",
        Bindings::Board(&[
            special(KeyCode::PageUp, BoardAction::PageUp),
            special(KeyCode::PageDown, BoardAction::PageDown),
        ]),
    ),
    with(
        "g G  Home End",
        "top / bottom",
        Bindings::Board(&[
            key('g', BoardAction::Top),
            key('G', BoardAction::Bottom),
            special(KeyCode::Home, BoardAction::Top),
            special(KeyCode::End, BoardAction::Bottom),
        ]),
    ),
    with(
        "b  Tab",
        "by area / by owner",
        Bindings::Board(&[
            key('b', BoardAction::Regroup),
            special(KeyCode::Tab, BoardAction::Regroup),
        ]),
    ),
    with(
        "Enter",
        "show the area in the tree, or the owner's follow-ups",
        Bindings::Board(&[special(KeyCode::Enter, BoardAction::Go)]),
    ),
    with(
        "Esc q",
        "back to the tree",
        Bindings::Board(&[
            special(KeyCode::Esc, BoardAction::Close),
            key('q', BoardAction::Close),
        ]),
    ),
    group("This help (? F1)"),
    with(
        "j k  Down Up",
        "scroll a line",
        Bindings::Help(&[
            key('j', HelpAction::Down),
            key('k', HelpAction::Up),
            special(KeyCode::Down, HelpAction::Down),
            special(KeyCode::Up, HelpAction::Up),
        ]),
    ),
    with(
        "PgUp PgDn Space",
        "scroll a page",
        Bindings::Help(&[
            special(KeyCode::PageUp, HelpAction::PageUp),
            special(KeyCode::PageDown, HelpAction::PageDown),
            key(' ', HelpAction::PageDown),
        ]),
    ),
    with(
        "?  Esc q",
        "close it (other keys do nothing here)",
        Bindings::Help(&[
            key('?', HelpAction::Close),
            special(KeyCode::Esc, HelpAction::Close),
            key('q', HelpAction::Close),
        ]),
    ),
    group("Questions (V, removing work, quitting unsaved)"),
    with(
        "y Y",
        "yes",
        Bindings::Question(&[key('y', Answer::Yes), key('Y', Answer::Yes)]),
    ),
    with(
        "Enter",
        "yes, except when removing a follow-up (that takes y)",
        Bindings::Question(&[special(KeyCode::Enter, Answer::Enter)]),
    ),
    note("other keys", "no"),
    group("Another session changed the field you edited"),
    with(
        "y",
        "keep yours",
        Bindings::Conflict(&[key('y', Choice::Yours)]),
    ),
    with(
        "t",
        "keep theirs",
        Bindings::Conflict(&[key('t', Choice::Theirs)]),
    ),
    with(
        "b",
        "keep both (a note or an owner)",
        Bindings::Conflict(&[key('b', Choice::Both)]),
    ),
    with(
        "Esc",
        "edit again: Enter then saves over theirs",
        Bindings::Conflict(&[special(KeyCode::Esc, Choice::EditAgain)]),
    ),
    group("Mouse"),
    note("click", "select; click a selected area to fold it"),
    note(
        "wheel",
        "scroll (also the help and the reader; moves on the board)",
    ),
];

/// The bindings of one mode, in the order of the table.
macro_rules! of {
    ($mode:ident) => {
        KEYS.iter().flat_map(|line| match line.bindings {
            Bindings::$mode(bindings) => bindings,
            _ => &[],
        })
    };
}

/// Every tree key of the table.
pub fn bindings() -> impl Iterator<Item = &'static Binding> + Clone {
    of!(Tree)
}

/// What `code` does in the tree. A Ctrl key the table does not list acts as the key
/// without Ctrl (so `Ctrl-j` moves down, as it always has).
pub fn action(code: KeyCode, ctrl: bool) -> Option<Action> {
    find(bindings(), code, ctrl)
}

/// What `code` does in the query line; `None` for the editing keys.
pub fn filter_action(code: KeyCode, ctrl: bool) -> Option<FilterAction> {
    find(of!(Filter), code, ctrl)
}

/// What `code` does in the reader.
pub fn reader_action(code: KeyCode, ctrl: bool) -> Option<ReaderAction> {
    find(of!(Reader), code, ctrl)
}

/// What `code` does in the help overlay.
pub fn help_action(code: KeyCode, ctrl: bool) -> Option<HelpAction> {
    find(of!(Help), code, ctrl)
}

/// What `code` does on the board.
pub fn board_action(code: KeyCode, ctrl: bool) -> Option<BoardAction> {
    find(of!(Board), code, ctrl)
}

/// Whether `code` says yes to a question; `None` is no.
pub fn answer(code: KeyCode, ctrl: bool) -> Option<Answer> {
    find(of!(Question), code, ctrl)
}

/// Which value `code` keeps of a field another session changed; `None` does nothing.
pub fn choice(code: KeyCode, ctrl: bool) -> Option<Choice> {
    find(of!(Conflict), code, ctrl)
}

/// The action of `code` among `bindings`. In every mode a Ctrl key that is not listed
/// acts as the key without Ctrl.
// `Copy` alone would name the action (`use Action::*` above).
fn find<A: std::marker::Copy + 'static>(
    bindings: impl Iterator<Item = &'static Binding<A>> + Clone,
    code: KeyCode,
    ctrl: bool,
) -> Option<A> {
    let find = |ctrl: bool| {
        bindings
            .clone()
            .find(|b| b.code == code && b.ctrl == ctrl)
            .map(|b| b.action)
    };
    find(ctrl).or_else(|| if ctrl { find(false) } else { None })
}

/// The key's name as the help and the README write it: `j`, `Down`, `Ctrl-r`, `Space`.
pub fn name<A>(binding: &Binding<A>) -> String {
    let base = match binding.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        other => format!("{other:?}"),
    };
    if binding.ctrl {
        format!("Ctrl-{base}")
    } else {
        base
    }
}
