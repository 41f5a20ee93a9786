//! The one table of keys: each line of the help overlay with the keys it stands for and the
//! action each key does in the tree. `handle_key` looks keys up here, the help overlay is
//! drawn from it, and tests hold it to what the keys do and to the README's key table.

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

/// One key and what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub code: KeyCode,
    /// Held with Ctrl.
    pub ctrl: bool,
    pub action: Action,
}

/// One line of the help: the keys as shown, what they do, and the tree keys behind it
/// (none for a group title, or for keys of the input line or the mouse, which are
/// handled where they apply).
#[derive(Debug, Clone, Copy)]
pub struct KeyLine {
    pub keys: &'static str,
    pub does: &'static str,
    pub bindings: &'static [Binding],
}

const fn key(c: char, action: Action) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        ctrl: false,
        action,
    }
}

const fn ctrl(c: char, action: Action) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        ctrl: true,
        action,
    }
}

const fn special(code: KeyCode, action: Action) -> Binding {
    Binding {
        code,
        ctrl: false,
        action,
    }
}

const fn group(title: &'static str) -> KeyLine {
    KeyLine {
        keys: "",
        does: title,
        bindings: &[],
    }
}

const fn line(keys: &'static str, does: &'static str, bindings: &'static [Binding]) -> KeyLine {
    KeyLine {
        keys,
        does,
        bindings,
    }
}

use Action::*;

/// Every key, grouped as the help shows them.
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
    line("Down Up C-n C-p", "while typing: move the selection", &[]),
    line(
        "Enter",
        "while typing: keep the filter, back to the tree",
        &[],
    ),
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
    group("Mouse"),
    line("click", "select; click a selected area to fold it", &[]),
    line(
        "wheel",
        "scroll (also the help and the reader; moves on the board)",
        &[],
    ),
];

/// Every tree key of the table.
pub fn bindings() -> impl Iterator<Item = &'static Binding> {
    KEYS.iter().flat_map(|line| line.bindings)
}

/// What `code` does in the tree. A Ctrl key the table does not list acts as the key
/// without Ctrl (so `Ctrl-j` moves down, as it always has).
pub fn action(code: KeyCode, ctrl: bool) -> Option<Action> {
    let find = |ctrl: bool| {
        bindings()
            .find(|b| b.code == code && b.ctrl == ctrl)
            .map(|b| b.action)
    };
    find(ctrl).or_else(|| if ctrl { find(false) } else { None })
}

/// The key's name as the help and the README write it: `j`, `Down`, `Ctrl-r`, `Space`.
pub fn name(binding: &Binding) -> String {
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
