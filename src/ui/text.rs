//! Measuring and cutting text by display width (accents, dashes and wide letters count as
//! what they occupy on screen, not as bytes).

use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthChar;

use crate::filter::Mode;

/// Display width of a string.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The longest prefix of `text` that fits in `max` columns, with `ellipsis` appended when
/// something was cut. Line breaks become spaces so a note never breaks a row.
pub fn fit(text: &str, max: usize, ellipsis: &str) -> String {
    let flat = text.replace(['\n', '\r', '\t'], " ");
    if width(&flat) <= max {
        return flat;
    }
    let room = max.saturating_sub(width(ellipsis));
    let mut out = String::new();
    let mut used = 0;
    for c in flat.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    if max >= width(ellipsis) {
        out.push_str(ellipsis);
    }
    out
}

/// Spells every cell in ASCII, for terminals without UTF-8: accents and special letters fold
/// to their base letters (`Suwałki` → `Suwalki`), typographic dashes and quotes to `-` and
/// `'`, anything else to `?`. Done on the finished frame, so no widget has to know.
pub fn asciify(buffer: &mut Buffer) {
    let columns = usize::from(buffer.area.width);
    for i in 0..buffer.content.len() {
        let symbol = buffer.content[i].symbol();
        if symbol.is_ascii() {
            continue;
        }
        let wide = width(symbol) > 1;
        let folded = crate::filter::fold_text(symbol, Mode::FoldCase);
        let ascii = folded
            .chars()
            .next()
            .filter(|c| c.is_ascii() && !c.is_control())
            .unwrap_or('?');
        buffer.content[i].set_char(ascii);
        // A wide letter covered two cells; the second one was left blank for it.
        if wide && (i + 1) % columns != 0 && i + 1 < buffer.content.len() {
            buffer.content[i + 1].set_char(' ');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_by_display_width() {
        assert_eq!(fit("Suwałki Gap", 20, "…"), "Suwałki Gap");
        assert_eq!(fit("Suwałki Gap", 6, "…"), "Suwał…");
        assert_eq!(fit("a\nb", 5, "~"), "a b");
        assert_eq!(width(fit("日本語テキスト", 7, "…").as_str()), 7);
    }

    #[test]
    fn asciify_folds_letters_and_marks_the_rest() {
        let mut buffer = Buffer::empty(ratatui::layout::Rect::new(0, 0, 16, 1));
        buffer.set_string(0, 0, "Suwałki – ‘Ø’ 日", ratatui::style::Style::new());
        asciify(&mut buffer);
        let line: String = buffer.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(line, "Suwalki - 'O' ? ");
    }
}
