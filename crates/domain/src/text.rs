//! What a text may hold. Every text is shown to other people, stored in
//! both databases and printed in letters: control characters (NUL above
//! all, which PostgreSQL refuses to store), characters that reverse the
//! direction of what follows (used to disguise a title or a file name) and
//! invisible ones have no place in it. A line break belongs only in a text
//! of several lines.

/// Whether `text` holds a character it may not: a control character (but
/// line breaks and tabs where `several_lines`), a direction override or
/// isolate, or an invisible space or joiner.
pub fn has_hidden_characters(text: &str, several_lines: bool) -> bool {
    text.chars().any(|c| {
        let control = c.is_control() && !(several_lines && matches!(c, '\n' | '\r' | '\t'));
        let direction = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        let invisible = matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}');
        control || direction || invisible
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_keeps_every_script_and_loses_what_hides() {
        for fine in [
            "Читалница за деца",
            "Βιβλιοθήκη",
            "Čitaonica — ново",
            "Rock'n'roll 2027",
        ] {
            assert!(!has_hidden_characters(fine, false), "{fine}");
        }
        for hidden in [
            "a\u{0}b",
            "a\nb",
            "abc\u{202E}fdp.exe",
            "a\u{200B}b",
            "\u{FEFF}a",
            "a\u{2067}b",
        ] {
            assert!(has_hidden_characters(hidden, false), "{hidden:?}");
        }
        assert!(!has_hidden_characters("first line\nsecond\tline", true));
        assert!(has_hidden_characters("first line\u{0}", true));
    }
}
