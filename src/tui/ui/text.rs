//! Measuring and cutting text by display width, grapheme cluster by grapheme cluster as
//! ratatui's buffer lays it out (accents, dashes, wide letters and emoji sequences count as
//! what they occupy on screen, not as bytes or characters), and the clusters terminals
//! disagree on drawn as something every terminal draws the same. Characters that must not
//! reach a terminal raw (`quote::is_unsafe`: controls, direction marks, line separators) are
//! drawn as [`PLACEHOLDER`].

use std::borrow::Cow;

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

use crate::filter::Mode;

/// What the browser draws for a character that must not reach the terminal raw: a
/// direction mark or a line separator would reorder or break the row on the terminal, and
/// ratatui counts it as no column, so everything after it would move. One column, drawn
/// alike by every terminal, so the user still sees that something is there.
pub const PLACEHOLDER: char = '\u{fffd}';

/// `c`, or [`PLACEHOLDER`] for a character that must not reach the terminal raw.
fn shown(c: char) -> char {
    if crate::platform::quote::is_unsafe(c) {
        PLACEHOLDER
    } else {
        c
    }
}

/// `text` with every character that must not reach the terminal raw as [`PLACEHOLDER`],
/// one for one, so character positions (highlights) still point at the same characters.
pub fn visible(text: &str) -> Cow<'_, str> {
    if text.chars().any(crate::platform::quote::is_unsafe) {
        Cow::Owned(text.chars().map(shown).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Display width of a string, as ratatui's buffer lays it out: per grapheme cluster, so a
/// ZWJ sequence or a flag counts 2, not the sum of its characters; control characters,
/// which the buffer drops, count nothing.
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(cluster_width).sum()
}

fn cluster_width(cluster: &str) -> usize {
    if cluster.contains(char::is_control) {
        0
    } else {
        usize::from(cluster.cell_width())
    }
}

/// The longest prefix of `text` that fits in `max` columns, with `ellipsis` appended when
/// something was cut. Line breaks become spaces so a note never breaks a row.
pub fn fit(text: &str, max: usize, ellipsis: &str) -> String {
    let flat = visible(&text.replace(['\n', '\r', '\t'], " ")).into_owned();
    if width(&flat) <= max {
        return flat;
    }
    let room = max.saturating_sub(width(ellipsis));
    let mut out = String::new();
    let mut used = 0;
    for cluster in flat.graphemes(true) {
        let w = cluster_width(cluster);
        if used + w > room {
            break;
        }
        used += w;
        out.push_str(cluster);
    }
    if max >= width(ellipsis) {
        out.push_str(ellipsis);
    }
    out
}

/// Takes out of the finished frame every character that must not reach the terminal raw
/// and came in by a way other than [`fit`] and [`wrap`] (which draw it as [`PLACEHOLDER`]):
/// ratatui lays a direction mark out in no column of its own, appended to the cell before
/// it, where the terminal would still reorder the row, and a line separator in a cell of
/// its own, where the terminal would break the row. A cell left with nothing gets the
/// placeholder. Done on the finished frame, so no widget can let one through.
pub fn hide_unsafe(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        let symbol = cell.symbol();
        if symbol.is_ascii() && !symbol.contains(|c: char| c.is_ascii_control()) {
            continue;
        }
        if !symbol.chars().any(crate::platform::quote::is_unsafe) {
            continue;
        }
        let kept: String = symbol
            .chars()
            .filter(|&c| !crate::platform::quote::is_unsafe(c))
            .collect();
        if kept.is_empty() {
            cell.set_char(PLACEHOLDER);
        } else {
            cell.set_symbol(&kept);
        }
    }
}

/// Redraws, in place, the grapheme clusters whose width terminals disagree on: emoji ZWJ
/// sequences (`👩‍💻`: 2 columns where the terminal joins them, 4 where it does not), flags
/// (two regional indicators: 2, or 1 each, or 2 each), emoji with a skin tone, and
/// characters made emoji by VS16 (`❤️`: tmux and many terminals draw 1 column, ratatui
/// counts 2). A mismatch would shift every cell after it, the divider included. Each becomes
/// a fallback exactly as wide as ratatui laid it out, in characters every terminal draws at
/// one width: a flag its two letters (`🇪🇪` → `EE`), anything else its first character
/// (`👩‍💻` → `👩`, `❤️` → `❤` and a blank), or `?` where that does not fit. Combining
/// marks (`e` + U+0301) are left alone: every terminal puts them on their letter. Done on the
/// finished frame, so no widget has to know.
pub fn steady_graphemes(buffer: &mut Buffer) {
    let columns = usize::from(buffer.area.width);
    for i in 0..buffer.content.len() {
        let symbol = buffer.content[i].symbol();
        if symbol.is_ascii() || !is_unsteady(symbol) {
            continue;
        }
        let room = usize::from(symbol.cell_width());
        let fallback = fallback(symbol, room);
        let mut cells = fallback.iter();
        if let Some(first) = cells.next() {
            buffer.content[i].set_symbol(first);
        }
        // A wide cluster covered the cells after it; they were left blank for it. Never
        // past the end of the row.
        for (offset, text) in cells.enumerate() {
            let j = i + 1 + offset;
            if j % columns == 0 || j >= buffer.content.len() {
                break;
            }
            buffer.content[j].set_symbol(text);
        }
    }
}

/// A cluster of more than one character that takes room on screen, other than a letter with
/// combining marks: a joined or modified emoji, a flag, a VS16 presentation.
fn is_unsteady(cluster: &str) -> bool {
    let mut visible = cluster
        .chars()
        .filter(|&c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > 0);
    let several = visible.next().is_some() && visible.next().is_some();
    several || cluster.contains('\u{fe0f}')
}

/// What to draw instead of an unsteady cluster, one text per cell, `room` cells in all.
fn fallback(cluster: &str, room: usize) -> Vec<String> {
    const FLAG_A: u32 = 0x1F1E6;
    let letters: Option<Vec<String>> = cluster
        .chars()
        .map(|c| {
            let index = u32::from(c).checked_sub(FLAG_A).filter(|&i| i < 26)?;
            char::from_u32(u32::from(b'A') + index).map(String::from)
        })
        .collect();
    if let Some(letters) = letters.filter(|l| l.len() == room) {
        return letters;
    }
    let first = cluster.chars().next().map(String::from).unwrap_or_default();
    let first_width = usize::from(first.as_str().cell_width());
    let mut cells = if (1..=room).contains(&first_width) {
        vec![first]
    } else {
        vec!["?".to_string()]
    };
    let used = if cells[0] == "?" { 1 } else { first_width };
    // A wide first character covers the next cell itself; a narrow one leaves it blank.
    cells.extend(std::iter::repeat_n(
        " ".to_string(),
        room.saturating_sub(used),
    ));
    cells
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
                span.content.chars().map(move |c| (shown(c), style))
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

    const FAMILY: &str = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
    const FLAG: &str = "\u{1f1ea}\u{1f1ea}";
    const HEART: &str = "\u{2764}\u{fe0f}";
    const ACCENTED: &str = "e\u{301}";

    #[test]
    fn measures_and_cuts_by_grapheme_cluster() {
        assert_eq!(width(FAMILY), 2, "one joined emoji, not three");
        assert_eq!(width(FLAG), 2);
        assert_eq!(width(HEART), 2, "as ratatui's buffer counts it");
        assert_eq!(width(ACCENTED), 1);
        let text = format!("{FAMILY}{FLAG}{ACCENTED}x");
        assert_eq!(
            fit(&text, 4, "…"),
            format!("{FAMILY}…"),
            "never half a cluster"
        );
        assert_eq!(fit(&text, 5, "…"), format!("{FAMILY}{FLAG}…"));
        assert_eq!(fit(&text, 6, "…"), text);
    }

    /// The cells of row `y` as drawn, after the steadying.
    fn row(text: &str, width: u16) -> Vec<String> {
        let mut buffer = Buffer::empty(ratatui::layout::Rect::new(0, 0, width, 1));
        buffer.set_string(0, 0, text, ratatui::style::Style::new());
        steady_graphemes(&mut buffer);
        buffer
            .content
            .iter()
            .map(|c| c.symbol().to_string())
            .collect()
    }

    #[test]
    fn unsteady_clusters_become_fallbacks_of_the_same_width_and_the_rest_stays_put() {
        let text = format!("a{FAMILY}b{FLAG}c{HEART}d{ACCENTED}|");
        let cells = row(&text, 12);
        assert_eq!(
            cells,
            [
                "a",
                "\u{1f468}",
                " ",
                "b",
                "E",
                "E",
                "c",
                "\u{2764}",
                " ",
                "d",
                ACCENTED,
                "|"
            ]
        );
        // Every cell after the clusters is where ratatui laid it out: the divider stays.
        assert_eq!(cells.iter().position(|c| c == "|"), Some(width(&text) - 1));
        // A lone wide emoji and plain text are left alone.
        assert_eq!(row("\u{1f468}x", 3), ["\u{1f468}", " ", "x"]);
    }

    /// The line and paragraph separators, the direction marks (issue 18, point 7) and an
    /// override, each between two letters.
    const ODD: &str = "a\u{2028}b\u{2029}c\u{200e}d\u{200f}e\u{61c}f\u{202e}g";

    #[test]
    fn separators_and_direction_marks_are_drawn_as_placeholders_one_column_each() {
        let shown = "a\u{fffd}b\u{fffd}c\u{fffd}d\u{fffd}e\u{fffd}f\u{fffd}g";
        assert_eq!(fit(ODD, 40, "…"), shown);
        assert_eq!(
            width(&fit(ODD, 40, "…")),
            13,
            "every character takes its column"
        );
        assert_eq!(fit(ODD, 4, "…"), "a\u{fffd}b…");
        let rows = wrap(&[Line::from(ODD)], 40);
        assert_eq!(rows[0].to_string(), shown);
        assert_eq!(
            visible("Pärnu \u{200d} ok"),
            "Pärnu \u{200d} ok",
            "a ZWJ stays"
        );
    }

    #[test]
    fn a_frame_never_holds_a_character_unsafe_for_the_terminal() {
        // A widget that drew the text itself: ratatui gives each separator a cell of its
        // own, and appends the marks to the cell before them.
        let mut buffer = Buffer::empty(ratatui::layout::Rect::new(0, 0, 10, 1));
        ratatui::widgets::Widget::render(Line::from(ODD), buffer.area, &mut buffer);
        hide_unsafe(&mut buffer);
        let line: String = buffer.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(line, "a\u{fffd}b\u{fffd}cdefg ");
        let mut lone = Buffer::empty(ratatui::layout::Rect::new(0, 0, 2, 1));
        lone.content[0].set_symbol("\u{2028}");
        hide_unsafe(&mut lone);
        assert_eq!(lone.content[0].symbol(), "\u{fffd}");
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
