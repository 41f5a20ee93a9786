//! Measuring and cutting text by display width (accents, dashes and wide letters count as
//! what they occupy on screen, not as bytes).

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
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

/// Breaks styled lines into rows of at most `max` columns, at spaces where a word fits, so
/// that the caller knows exactly how many rows a text takes (to size a pane and to say
/// `more`) and can scroll them.
pub fn wrap(lines: &[Line], max: usize) -> Vec<Line<'static>> {
    let max = max.max(1);
    let mut rows = Vec::new();
    for line in lines {
        let cells: Vec<(char, Style)> = line
            .spans
            .iter()
            .flat_map(|span| {
                let style = line.style.patch(span.style);
                span.content.chars().map(move |c| (c, style))
            })
            .collect();
        if cells.is_empty() {
            rows.push(Line::default());
            continue;
        }
        let mut start = 0;
        while start < cells.len() {
            let (mut used, mut end, mut last_space) = (0, start, None);
            while end < cells.len() {
                let w = UnicodeWidthChar::width(cells[end].0).unwrap_or(0);
                if used + w > max && end > start {
                    break;
                }
                if cells[end].0 == ' ' {
                    last_space = Some(end);
                }
                used += w;
                end += 1;
            }
            // Break after the last space rather than inside a word, when there is one.
            if let Some(space) = last_space.filter(|&s| s > start && end < cells.len()) {
                end = space + 1;
            }
            rows.push(styled_row(&cells[start..end]));
            start = end;
        }
    }
    rows
}

/// One row of cells as spans, a span per run of one style.
fn styled_row(cells: &[(char, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style = cells.first().map_or(Style::new(), |c| c.1);
    for &(c, s) in cells {
        if s != style {
            spans.push(Span::styled(std::mem::take(&mut text), style));
            style = s;
        }
        text.push(c);
    }
    spans.push(Span::styled(text, style));
    Line::from(spans)
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
    fn wraps_at_spaces_and_keeps_styles() {
        let bold = Style::new().bold();
        let line = Line::from(vec![Span::raw("one two "), Span::styled("three", bold)]);
        let rows = wrap(&[line, Line::default()], 9);
        let text: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
        assert_eq!(text, ["one two ", "three", ""]);
        assert_eq!(rows[1].spans[0].style, bold);
        let long = wrap(&[Line::from("abcdefghij")], 4);
        assert_eq!(long.len(), 3, "a word longer than the row is cut");
    }

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
