//! Styles and glyphs, chosen once at start from `NO_COLOR`, the locale and `--ascii`.
//! Meaning never rests on colour alone: selection is reverse video, matches are underlined
//! and bold, context rows are dim; colour only adds to that when allowed.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::storage::followups::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

/// Glyphs for tree and markers in both character sets.
pub struct Glyphs {
    pub open: &'static str,
    pub closed: &'static str,
    pub ellipsis: &'static str,
    pub separator: &'static str,
    pub border: border::Set<'static>,
    /// Status markers: open, in-progress, waiting, done, dropped.
    pub statuses: [&'static str; 5],
    /// A commitment without a follow-up, in the board's bars.
    pub not_marked: &'static str,
    pub note: &'static str,
    pub text_changed: &'static str,
    pub arrow: &'static str,
}

const UNICODE: Glyphs = Glyphs {
    open: "▾",
    closed: "▸",
    ellipsis: "…",
    separator: " · ",
    border: border::PLAIN,
    statuses: ["○", "◑", "◌", "●", "⊘"],
    not_marked: "·",
    note: "✎",
    text_changed: "Δ",
    arrow: "→",
};

const ASCII: Glyphs = Glyphs {
    open: "-",
    closed: "+",
    ellipsis: "~",
    separator: " | ",
    border: border::Set {
        top_left: "+",
        top_right: "+",
        bottom_left: "+",
        bottom_right: "+",
        vertical_left: "|",
        vertical_right: "|",
        horizontal_top: "-",
        horizontal_bottom: "-",
    },
    // Letters, none of them a fold (`+` `-`), the ellipsis or a border: `-` was both the
    // open fold and dropped, and `x` (done) is also the key that removes.
    statuses: ["o", "p", "w", "v", "/"],
    not_marked: ".",
    note: "*",
    text_changed: "?",
    arrow: "->",
};

impl Theme {
    /// Reads `NO_COLOR` (any non-empty value) and the locale (`LC_ALL`, `LC_CTYPE`, `LANG`:
    /// the first one set decides, as in C's setlocale).
    pub fn from_env(force_ascii: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: !no_color,
            ascii: force_ascii || !locale_is_utf8(),
        }
    }

    pub fn glyphs(&self) -> &'static Glyphs {
        if self.ascii { &ASCII } else { &UNICODE }
    }

    fn tint(&self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn resolution(&self) -> Style {
        self.tint(Style::new().add_modifier(Modifier::BOLD), Color::Magenta)
    }

    pub fn area(&self) -> Style {
        self.tint(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    pub fn id(&self) -> Style {
        self.tint(Style::new(), Color::Yellow)
    }

    pub fn context(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn matched(&self) -> Style {
        self.tint(
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Color::LightYellow,
        )
    }

    pub fn emphasis(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::ITALIC)
    }

    pub fn muted(&self) -> Style {
        self.tint(Style::new(), Color::DarkGray)
    }

    pub fn status_bar(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn warning(&self) -> Style {
        self.tint(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    /// The marker and style of a follow-up status; distinct symbols carry the meaning, the
    /// colour only helps.
    pub fn status(&self, status: Status) -> (&'static str, Style) {
        let (index, color) = match status {
            Status::Open => (0, Color::Yellow),
            Status::InProgress => (1, Color::LightBlue),
            Status::Waiting => (2, Color::Magenta),
            Status::Done => (3, Color::Green),
            Status::Dropped => (4, Color::DarkGray),
        };
        (
            self.glyphs().statuses[index],
            self.tint(Style::new().add_modifier(Modifier::BOLD), color),
        )
    }

    /// Overdue dates stand out by weight and a leading `!`, not only by colour.
    pub fn overdue(&self) -> Style {
        self.tint(Style::new().add_modifier(Modifier::BOLD), Color::LightRed)
    }

    pub fn banner(&self) -> Style {
        self.tint(
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            Color::Red,
        )
    }

    pub fn label(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

fn locale_is_utf8() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .is_some_and(|locale| {
            let lower = locale.to_ascii_lowercase();
            lower.contains("utf-8") || lower.contains("utf8")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_marker_has_its_own_glyph() {
        for glyphs in [&UNICODE, &ASCII] {
            let mut all = vec![
                glyphs.open,
                glyphs.closed,
                glyphs.ellipsis,
                glyphs.not_marked,
                glyphs.note,
                glyphs.text_changed,
            ];
            all.extend(glyphs.statuses);
            let mut distinct = all.clone();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(distinct.len(), all.len(), "a glyph used twice in {all:?}");
        }
    }
}
