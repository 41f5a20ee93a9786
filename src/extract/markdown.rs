//! Markdown → text: only what would otherwise reach the importer as stray characters.
//! `# ` heading marks and backslash escapes (`1\.`, `\*`) go; list markers and `**bold**`
//! stay, since the importer reads them (`**…**` marks a recital's emphasis).

pub fn text(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for line in source.lines() {
        let trimmed = line.trim_start();
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        let line = match trimmed[hashes..].strip_prefix(' ') {
            // An ATX heading: `## Title ##` is `Title`.
            Some(rest) if (1..=6).contains(&hashes) => {
                rest.trim_end().trim_end_matches('#').trim_end()
            }
            _ => line,
        };
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek()) {
                ('\\', Some(&next)) if next.is_ascii_punctuation() => {
                    out.push(next);
                    chars.next();
                }
                _ => out.push(c),
            }
        }
        out.push('\n');
    }
    out
}

/// Whether a text looks like Markdown: its first line that is not blank is an ATX heading.
pub fn looks_like(source: &str) -> bool {
    source
        .lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| {
            let hashes = l.bytes().take_while(|&b| b == b'#').count();
            (1..=6).contains(&hashes) && l[hashes..].starts_with(' ')
        })
}

#[cfg(test)]
mod tests {
    use super::{looks_like, text};

    #[test]
    fn drops_heading_marks_and_escapes_only() {
        let source = "# RESOLUTION\n## of the 49th Session ##\n\n1\\. to act \\*now\\*;\n- **bold** stays\n#hashtag";
        assert_eq!(
            text(source),
            "RESOLUTION\nof the 49th Session\n\n1. to act *now*;\n- **bold** stays\n#hashtag\n"
        );
        assert!(looks_like("\n# Title\ntext"));
        assert!(!looks_like("RESOLUTION\n# not first"));
    }
}
