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

/// The search form of a text: every script in Latin letters, accents
/// dropped, lower case, words of letters and digits separated by single
/// spaces, and the usual ways of writing one sound in Latin letters made
/// one ("sh", "š" and "ш" are all "s"; "ch", "č", "ć" and "ч" are "c"),
/// so that Serbian in either script meets itself and an English spelling.
/// "Београд", "Beograd" and "BEOGRAD" have the same form, as have "Чачак",
/// "Čačak" and "Chachak", "Češko" and "cesko".
pub fn search_form(text: &str) -> String {
    // The South Slavic letters as Serbian and Macedonian Latin writes them
    // (deunicode would spell some the Russian way: ц as "ts", ч as "ch").
    let latin: String = text
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ц' => "c".to_owned(),
            'ч' | 'ћ' | 'ќ' => "c".to_owned(),
            'ш' => "s".to_owned(),
            'ж' => "z".to_owned(),
            'ђ' | 'ѓ' => "d".to_owned(),
            'џ' | 'ѕ' => "dz".to_owned(),
            'ј' => "j".to_owned(),
            'х' => "h".to_owned(),
            other => other.to_string(),
        })
        .collect();
    let folded = deunicode::deunicode(&latin).to_lowercase();
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            word.replace("sh", "s")
                .replace("ch", "c")
                .replace("zh", "z")
                .replace("ts", "c")
                .replace("dj", "d")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The most words a search takes, and the longest search.
const SEARCH_WORDS: usize = 8;
const SEARCH_CHARS: usize = 200;

/// The distinct words of a search, each in its search form
/// ([`search_form`]): a search of more than 200 characters or 8 words is
/// refused (`too_long`, `too_many`, with `max`).
pub fn search_words(q: &str) -> Result<Vec<String>, crate::ParseError> {
    if q.chars().count() > SEARCH_CHARS {
        return Err(
            crate::ParseError::new("too_long", "a search has at most 200 characters")
                .with("max", SEARCH_CHARS),
        );
    }
    let form = search_form(q);
    let mut words: Vec<String> = form
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    words.sort();
    words.dedup();
    if words.len() > SEARCH_WORDS {
        return Err(
            crate::ParseError::new("too_many", "a search has at most 8 words")
                .with("max", SEARCH_WORDS),
        );
    }
    Ok(words)
}

/// `text` with every whole occurrence of `needle` replaced: one not inside
/// a longer word, so erasing a person called "Ana" leaves "Banana" alone.
/// `None` when there is none (nothing to write back).
pub fn replace_whole(text: &str, needle: &str, replacement: &str) -> Option<String> {
    if needle.is_empty() {
        return None;
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut before: Option<char> = None;
    let mut replaced = false;
    while let Some(at) = rest.find(needle) {
        let (head, tail) = rest.split_at(at);
        let previous = head.chars().next_back().or(before);
        let after = tail[needle.len()..].chars().next();
        out.push_str(head);
        if word(previous) || word(after) {
            out.push_str(needle);
        } else {
            out.push_str(replacement);
            replaced = true;
        }
        before = needle.chars().next_back();
        rest = &tail[needle.len()..];
    }
    out.push_str(rest);
    replaced.then_some(out)
}

/// A piece of a text shown with a search's matches: a run of words that
/// matched, or of the text between them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Piece {
    /// The text, as written.
    pub text: String,
    /// Whether it is a word the search found.
    pub hit: bool,
}

/// How many words an excerpt keeps before the first match and after it.
const BEFORE: usize = 8;
const AFTER: usize = 16;

/// `text` in pieces with every word the search found marked: a word whose
/// search form ([`search_form`]) holds one of `words` (in search form, as
/// [`search_words`] gives them), as the search itself matches. A long text
/// is cut to an excerpt around its first match, with "…" where it was cut.
/// `None` when no word of `text` matches.
pub fn mark_matches(text: &str, words: &[String]) -> Option<Vec<Piece>> {
    // Runs of letters and digits (words) and of everything else, in order.
    let mut runs: Vec<(String, bool)> = Vec::new();
    for c in text.chars() {
        let in_word = c.is_alphanumeric();
        match runs.last_mut() {
            Some((run, word)) if *word == in_word => run.push(c),
            _ => runs.push((c.to_string(), in_word)),
        }
    }
    let hits: Vec<bool> = runs
        .iter()
        .map(|(run, word)| {
            *word && {
                let form = search_form(run);
                words.iter().any(|w| form.contains(w.as_str()))
            }
        })
        .collect();
    let first = hits.iter().position(|h| *h)?;
    // Each word has a run of something else beside it: two runs a word.
    let start = first.saturating_sub(BEFORE * 2);
    let end = (first + AFTER * 2 + 1).min(runs.len());
    let mut pieces: Vec<Piece> = Vec::new();
    if start > 0 {
        pieces.push(Piece {
            text: "…".to_owned(),
            hit: false,
        });
    }
    for ((run, _), hit) in runs[start..end].iter().zip(&hits[start..end]) {
        match pieces.last_mut() {
            Some(last) if last.hit == *hit => last.text.push_str(run),
            _ => pieces.push(Piece {
                text: run.clone(),
                hit: *hit,
            }),
        }
    }
    if end < runs.len() {
        match pieces.last_mut() {
            Some(last) if !last.hit => last.text.push('…'),
            _ => pieces.push(Piece {
                text: "…".to_owned(),
                hit: false,
            }),
        }
    }
    Some(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_script_searches_as_latin_without_accents() {
        assert_eq!(search_form("Библиотека Београд"), "biblioteka beograd");
        assert_eq!(search_form("BEOGRAD"), "beograd");
        assert_eq!(search_form("Куманово"), "kumanovo");
        assert_eq!(search_form("Češko čitanje!"), "cesko citanje");
        assert_eq!(search_form("Αθήνα"), "athena");
        assert_eq!(search_form("Şcoală, Brașov"), "scoala brasov");
        assert_eq!(search_form("  – "), "");
        // One sound, however it is written.
        for same in ["Чачак", "Čačak", "Chachak", "ČAČAK"] {
            assert_eq!(search_form(same), "cacak", "{same}");
        }
        for same in ["Цетиње", "Cetinje", "Tsetinje"] {
            assert_eq!(search_form(same), "cetinje", "{same}");
        }
        for same in ["Ђорђе", "Đorđe", "Djordje"] {
            assert_eq!(search_form(same), "dorde", "{same}");
        }
        assert_eq!(search_form("Шумен"), search_form("Shumen"));
        assert_eq!(search_form("децу"), search_form("decu"));
    }

    #[test]
    fn a_search_is_its_distinct_words_within_limits() {
        assert_eq!(
            search_words("Beograd БЕОГРАД децу"),
            Ok(vec!["beograd".to_owned(), "decu".to_owned()])
        );
        assert_eq!(search_words(""), Ok(Vec::new()));
        let long = search_words(&"a".repeat(201)).expect_err("too long");
        assert_eq!((long.code, long.args["max"].as_str()), ("too_long", "200"));
        let many = search_words("a b c d e f g h i").expect_err("too many");
        assert_eq!((many.code, many.args["max"].as_str()), ("too_many", "8"));
    }

    #[test]
    fn whole_occurrences_are_replaced_and_parts_of_words_kept() {
        assert_eq!(
            replace_whole("Ana wrote; Banana; (Ana)", "Ana", "P-1"),
            Some("P-1 wrote; Banana; (P-1)".to_owned())
        );
        assert_eq!(replace_whole("Banana", "Ana", "P-1"), None);
        assert_eq!(
            replace_whole("Драга Ана Петровска,", "Ана Петровска", "P-1"),
            Some("Драга P-1,".to_owned())
        );
        assert_eq!(
            replace_whole("to ana@lib.mk.", "ana@lib.mk", "x@erased.invalid"),
            Some("to x@erased.invalid.".to_owned())
        );
        assert_eq!(replace_whole("anything", "", "x"), None);
    }

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

    #[test]
    fn the_words_a_search_found_are_marked_in_any_script() {
        let words = search_words("beograd DECU").unwrap_or_default();
        let pieces = mark_matches("Библиотека Београд за децу", &words).unwrap_or_default();
        let marked: Vec<&str> = pieces
            .iter()
            .filter(|p| p.hit)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(marked, ["Београд", "децу"]);
        let whole: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(whole, "Библиотека Београд за децу");
        // A word inside a longer one is found, as the search finds it.
        let pieces = mark_matches("Beogradska čitaonica", &words).unwrap_or_default();
        assert_eq!(
            pieces[0],
            Piece {
                text: "Beogradska".to_owned(),
                hit: true
            }
        );
        assert_eq!(mark_matches("Kumanovo reads aloud", &words), None);
    }

    #[test]
    fn a_long_text_is_cut_to_an_excerpt_around_its_first_match() {
        let long = format!("{} Cetinje {}", "word ".repeat(40), "more ".repeat(40));
        let pieces = mark_matches(&long, &["cetinje".to_owned()]).unwrap_or_default();
        let shown: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert_eq!(shown.matches("word").count(), BEFORE);
        assert_eq!(shown.matches("more").count(), AFTER);
        assert!(pieces.iter().any(|p| p.hit && p.text == "Cetinje"));
    }
}
