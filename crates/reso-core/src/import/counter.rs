//! A list item's counter as the file gives it: the style a list level counts in and the
//! value, written as word processors and browsers draw them (`3`, `c`, `C`, `iii`, `III`).
//! Shared by the DOCX, ODT and HTML readers and the layout reader; knows nothing of where a
//! list comes from.

use super::text::MarkerKind;

/// How a list level writes its counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Decimal,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    /// A bullet or no label: the counter is not shown.
    Hidden,
}

impl Style {
    /// The style of an HTML `type` attribute or an ODF `style:num-format` (`1`, `a`, `A`,
    /// `i`, `I`); anything else counts in decimal, as browsers do.
    pub fn from_code(code: &str) -> Style {
        match code {
            "a" => Style::LowerLetter,
            "A" => Style::UpperLetter,
            "i" => Style::LowerRoman,
            "I" => Style::UpperRoman,
            "" => Style::Hidden,
            _ => Style::Decimal,
        }
    }

    /// The kind of marker the layout reader sees: a letter, a roman number or a capital as
    /// the style says, never guessed from the label (`i` is a letter in a lettered list).
    pub fn marker_kind(self) -> MarkerKind {
        match self {
            Style::Decimal => MarkerKind::Number,
            Style::LowerLetter => MarkerKind::Letter,
            Style::UpperLetter => MarkerKind::Capital,
            Style::LowerRoman | Style::UpperRoman => MarkerKind::Roman,
            Style::Hidden => MarkerKind::Bullet,
        }
    }

    /// `n` written in this style; `Hidden` gives an empty string.
    pub fn format(self, n: i64) -> String {
        match self {
            Style::Decimal => n.to_string(),
            Style::LowerLetter => letters(n),
            Style::UpperLetter => letters(n).to_uppercase(),
            Style::LowerRoman => roman(n),
            Style::UpperRoman => roman(n).to_uppercase(),
            Style::Hidden => String::new(),
        }
    }
}

/// `a` … `z`, `aa` … `zz`, … (bijective base 26, as browsers count); decimal below 1.
fn letters(n: i64) -> String {
    if n < 1 {
        return n.to_string();
    }
    let mut n = n;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// Lower-case roman numerals for 1–3999; decimal outside that range, as browsers do.
fn roman(n: i64) -> String {
    if !(1..=3999).contains(&n) {
        return n.to_string();
    }
    const STEPS: [(i64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in STEPS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Style;

    #[test]
    fn counts_in_each_style() {
        let all = |style: Style| -> Vec<String> {
            [1, 4, 9, 26, 27, 1994].map(|n| style.format(n)).to_vec()
        };
        assert_eq!(all(Style::Decimal), ["1", "4", "9", "26", "27", "1994"]);
        assert_eq!(all(Style::LowerLetter), ["a", "d", "i", "z", "aa", "bxr"]);
        assert_eq!(all(Style::UpperLetter), ["A", "D", "I", "Z", "AA", "BXR"]);
        assert_eq!(
            all(Style::LowerRoman),
            ["i", "iv", "ix", "xxvi", "xxvii", "mcmxciv"]
        );
        assert_eq!(all(Style::UpperRoman)[5], "MCMXCIV");
        assert_eq!(Style::Hidden.format(3), "");
        assert_eq!(Style::LowerRoman.format(0), "0");
    }
}
