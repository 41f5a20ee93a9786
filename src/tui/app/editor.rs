//! A one-field text input with the editing keys people expect from a shell: arrows,
//! Home/End, Ctrl-a/Ctrl-e, Ctrl-w, Ctrl-u, Backspace, Delete; optionally several lines.
//! The cursor is a character index, so accented and wide letters edit as one. A field can
//! open with its old value selected: typing replaces it, arrows keep it for editing.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Editor {
    text: String,
    /// Cursor position in characters.
    cursor: usize,
    multiline: bool,
    /// The whole text is selected: the next character typed replaces it, Backspace and
    /// Delete clear it, and a movement key keeps it and moves the cursor.
    selected: bool,
}

/// What a key did to the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOutcome {
    /// The text changed.
    Changed,
    /// Only the cursor moved (or nothing happened).
    Moved,
    Submit,
    Cancel,
    /// Not an editing key; the caller may use it.
    Ignored,
}

impl Editor {
    pub fn new(text: &str, multiline: bool) -> Self {
        Editor {
            text: text.to_string(),
            cursor: text.chars().count(),
            multiline,
            selected: false,
        }
    }

    /// An editor on `text` with all of it selected, as a prompt opens on an old value.
    pub fn selected(text: &str, multiline: bool) -> Self {
        Editor {
            selected: !text.is_empty(),
            ..Editor::new(text, multiline)
        }
    }

    /// Whether the whole text is selected (typing would replace it).
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(b, _)| b)
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> EditOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        if std::mem::take(&mut self.selected) {
            match key.code {
                KeyCode::Char(_) if !ctrl && !alt => self.delete_range(0, self.len()),
                KeyCode::Backspace | KeyCode::Delete => return self.delete_range(0, self.len()),
                _ => EditOutcome::Moved,
            };
        }
        match key.code {
            KeyCode::Enter if alt && self.multiline => self.insert('\n'),
            KeyCode::Char('j') if ctrl && self.multiline => self.insert('\n'),
            KeyCode::Enter => EditOutcome::Submit,
            KeyCode::Esc => EditOutcome::Cancel,
            KeyCode::Left => self.move_to(self.cursor.saturating_sub(1)),
            KeyCode::Right => self.move_to((self.cursor + 1).min(self.len())),
            KeyCode::Home => self.move_to(0),
            KeyCode::End => self.move_to(self.len()),
            KeyCode::Char('a') if ctrl => self.move_to(0),
            KeyCode::Char('e') if ctrl => self.move_to(self.len()),
            KeyCode::Char('u') if ctrl => self.delete_range(0, self.cursor),
            KeyCode::Char('w') if ctrl => self.delete_range(self.word_start(), self.cursor),
            KeyCode::Backspace if self.cursor > 0 => {
                self.delete_range(self.cursor - 1, self.cursor)
            }
            KeyCode::Backspace => EditOutcome::Moved,
            KeyCode::Delete if self.cursor < self.len() => {
                self.delete_range(self.cursor, self.cursor + 1)
            }
            KeyCode::Delete => EditOutcome::Moved,
            KeyCode::Char(c) if !ctrl && !alt => self.insert(c),
            _ => EditOutcome::Ignored,
        }
    }

    fn move_to(&mut self, cursor: usize) -> EditOutcome {
        self.cursor = cursor;
        EditOutcome::Moved
    }

    fn insert(&mut self, c: char) -> EditOutcome {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
        EditOutcome::Changed
    }

    fn delete_range(&mut self, from: usize, to: usize) -> EditOutcome {
        if from == to {
            return EditOutcome::Moved;
        }
        let (start, end) = (self.byte_at(from), self.byte_at(to));
        self.text.replace_range(start..end, "");
        self.cursor = from;
        EditOutcome::Changed
    }

    /// Start of the word before the cursor, skipping the spaces right before it (as Ctrl-w
    /// does in a shell).
    fn word_start(&self) -> usize {
        let chars: Vec<char> = self.text.chars().take(self.cursor).collect();
        let mut i = chars.len();
        while i > 0 && chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !chars[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(editor: &mut Editor, text: &str) {
        for c in text.chars() {
            editor.handle_key(key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn edits_by_character_not_byte() {
        let mut e = Editor::new("", false);
        typed(&mut e, "Suwałki gap");
        e.handle_key(ctrl('w'));
        assert_eq!(e.text(), "Suwałki ");
        for _ in 0..3 {
            e.handle_key(key(KeyCode::Left));
        }
        e.handle_key(key(KeyCode::Backspace));
        assert_eq!(e.text(), "Suwaki ");
        e.handle_key(ctrl('a'));
        typed(&mut e, "¡");
        assert_eq!(e.text(), "¡Suwaki ");
        e.handle_key(ctrl('e'));
        e.handle_key(ctrl('u'));
        assert_eq!(e.text(), "");
    }

    #[test]
    fn an_old_value_selected_is_replaced_by_typing_and_kept_by_arrows() {
        let mut replaced = Editor::selected("2026-12-15", false);
        assert!(replaced.is_selected());
        typed(&mut replaced, "31/12/2026");
        assert_eq!(replaced.text(), "31/12/2026");
        let mut edited = Editor::selected("2026-12-15", false);
        edited.handle_key(key(KeyCode::Left));
        assert!(!edited.is_selected());
        typed(&mut edited, "9");
        assert_eq!(edited.text(), "2026-12-195");
        let mut cleared = Editor::selected("Saeima", false);
        cleared.handle_key(key(KeyCode::Backspace));
        assert_eq!(cleared.text(), "");
    }

    #[test]
    fn new_lines_only_when_multiline() {
        let mut single = Editor::new("a", false);
        assert_eq!(single.handle_key(ctrl('j')), EditOutcome::Ignored);
        let mut multi = Editor::new("a", true);
        multi.handle_key(ctrl('j'));
        multi.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
        assert_eq!(multi.text(), "a\n\n");
        assert_eq!(multi.handle_key(key(KeyCode::Enter)), EditOutcome::Submit);
    }
}
