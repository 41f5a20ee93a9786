//! Measuring and cutting text by display width (accents, dashes and wide letters count as
//! what they occupy on screen, not as bytes).

use unicode_width::UnicodeWidthChar;

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
}
