//! The interface's translations: one Fluent catalogue per locale, the
//! `.ftl` files of `locales/{code}/` (`main.ftl` for the pages,
//! `workflow.ftl` for workflow states, steps and blocked reasons,
//! `errors.ftl` for refusals, `programme.ftl` for setting up programmes,
//! `jury.ftl` for the jury pages), built into the binary, with English as
//! the fallback for a string a catalogue lacks.
//!
//! The language of a page is, in order: the one the person picked (a
//! cookie), their profile's, the browser's (`Accept-Language`), English.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use grants_domain::Locale;

// Every catalogue, loaded once.
static_loader! {
    pub static CATALOGUES = {
        locales: "./locales",
        fallback_language: "en",
        // Plain text in HTML: no Unicode isolation marks around arguments.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The cookie that remembers the language a person picked.
pub const LANGUAGE_COOKIE: &str = "grants_lang";

/// A string of the interface in `locale`, falling back to English, then to the key.
pub fn text(locale: Locale, key: &str) -> String {
    locale
        .code()
        .parse()
        .ok()
        .and_then(|lang| CATALOGUES.try_lookup(&lang, key))
        .unwrap_or_else(|| key.to_owned())
}

/// A string of the interface in `locale` with `args`, falling back to
/// English, then to the key.
pub fn text_with(locale: Locale, key: &str, args: &Args) -> String {
    locale
        .code()
        .parse()
        .ok()
        .and_then(|lang| CATALOGUES.try_lookup_with_args(&lang, key, args))
        .unwrap_or_else(|| key.to_owned())
}

/// Named arguments of a Fluent message.
pub type Args = HashMap<Cow<'static, str>, FluentValue<'static>>;

/// A string of `locale`'s own catalogue with `args`, without falling back
/// to English: for texts whose English comes from elsewhere (a workflow
/// definition's labels, a guard's message). `None` when the catalogue
/// lacks the key or an argument it uses.
pub fn own_text(locale: Locale, key: &str, args: &Args) -> Option<String> {
    let lang = locale.code().parse().ok()?;
    CATALOGUES
        .lookup_single_language(&lang, key, Some(args))
        .ok()
}

/// The catalogue's text for `key` in `locale`, or `fallback` where no
/// catalogue has the key: for names a programme may choose beyond the usual
/// ones (a tranche's key, a country outside the region).
pub fn named_or(locale: Locale, key: &str, fallback: &str) -> String {
    match text(locale, key) {
        found if found != key => found,
        _ => fallback.to_owned(),
    }
}

/// A programme's own text (its title, a criterion) in the reader's
/// language, else the programme's, else any it has.
pub fn in_language(
    text: &grants_domain::programme::LocalizedText,
    locale: Locale,
    fallback: Locale,
) -> String {
    text.get(&locale)
        .or_else(|| text.get(&fallback))
        .or_else(|| text.values().next())
        .cloned()
        .unwrap_or_default()
}

/// A country's name in `locale` (`places.ftl`), or its code where the
/// catalogue has none (a country outside the region the catalogues name).
pub fn country_name(locale: Locale, country: &str) -> String {
    named_or(locale, &format!("country-{country}"), country)
}

/// Each language by its own name, as people look for their language in a
/// list: `Македонски`, `Shqip`.
pub fn language_name(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "English",
        Locale::Mk => "Македонски",
        Locale::Sq => "Shqip",
        Locale::Bs => "Bosanski",
        Locale::Bg => "Български",
        Locale::Hr => "Hrvatski",
        Locale::El => "Ελληνικά",
        Locale::Ro => "Română",
        Locale::Sr => "Српски",
        Locale::Sl => "Slovenščina",
    }
}

/// Every key of a locale's catalogue, from all its files, read from the
/// source tree: for tests that check a catalogue is complete.
pub fn catalogue_keys(locale: &str) -> std::collections::BTreeSet<String> {
    catalogue_files(locale)
        .iter()
        .flat_map(|(_, source)| message_ids(source))
        .collect()
}

/// The `.ftl` files of a locale's directory, with their text, for tests.
fn catalogue_files(locale: &str) -> Vec<(std::path::PathBuf, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(locale);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
        .map(|path| {
            let source = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, source)
        })
        .collect();
    files.sort();
    files
}

/// The ids of a Fluent file's messages: Fluent starts each entry at the
/// beginning of a line, and indents what continues it; `#` starts a
/// comment and `-` a term.
fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '.', '-', '[', '*', '}']) && !l.trim().is_empty())
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
        .collect()
}

/// The language a page in `locale` is written in, for `<html lang>`: the
/// locale's own when it has a catalogue, else English, which every string
/// falls back to. A screen reader then reads an untranslated page with
/// English pronunciation rather than another language's (WCAG 3.1.1).
pub fn page_language(locale: Locale) -> &'static str {
    let translated = locale
        .code()
        .parse::<fluent_templates::LanguageIdentifier>()
        .is_ok_and(|lang| CATALOGUES.locales().any(|l| *l == lang));
    if translated { locale.code() } else { "en" }
}

/// The first supported language of an `Accept-Language` header, by weight.
pub fn from_accept_language(header: &str) -> Option<Locale> {
    let mut offers: Vec<(f32, Locale)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim();
            let weight = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next()?.to_ascii_lowercase();
            Locale::parse(&primary).ok().map(|l| (weight, l))
        })
        .filter(|(weight, _)| *weight > 0.0)
        .collect();
    // Stable: equal weights keep the browser's order.
    offers.sort_by(|a, b| b.0.total_cmp(&a.0));
    offers.first().map(|(_, l)| *l)
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    fn keys(locale: &str) -> BTreeSet<String> {
        catalogue_keys(locale)
    }

    /// The locales with a catalogue directory.
    fn catalogued() -> Vec<String> {
        let dir = format!("{}/locales", env!("CARGO_MANIFEST_DIR"));
        let mut found: Vec<String> = std::fs::read_dir(&dir)
            .expect("the locales directory")
            .map(|entry| entry.expect("an entry"))
            .filter(|entry| entry.path().is_dir())
            .filter_map(|entry| entry.file_name().into_string().ok())
            .collect();
        found.sort();
        found
    }

    #[test]
    fn every_catalogue_file_parses_and_defines_each_key_once() {
        // The check has teeth: a broken message does not parse.
        assert!(fluent_templates::fs::resource_from_str("broken = { $when\n").is_err());
        let locales = catalogued();
        assert!(locales.len() >= 4, "{locales:?}");
        for locale in &locales {
            assert!(
                Locale::parse(locale).is_ok(),
                "{locale} is not a language of the programme"
            );
            let files = catalogue_files(locale);
            assert!(!files.is_empty(), "{locale} has no .ftl file");
            let mut seen = BTreeSet::new();
            for (path, source) in files {
                if let Err(e) = fluent_templates::fs::resource_from_str(&source) {
                    panic!("{} does not parse: {e}", path.display());
                }
                for id in message_ids(&source) {
                    assert!(
                        seen.insert(id.clone()),
                        "{}: '{id}' is defined twice in {locale}",
                        path.display()
                    );
                }
            }
        }
    }

    #[test]
    fn the_catalogues_are_loaded_from_every_file() {
        // `main.ftl` and `workflow.ftl` both reach the pages.
        assert_eq!(text(Locale::Mk, "sign-in"), "Најава");
        assert_eq!(text(Locale::Mk, "proposal-state-draft"), "Нацрт");
    }

    #[test]
    fn english_and_macedonian_have_every_key() {
        let en = keys("en");
        let mk = keys("mk");
        let missing_in_mk: Vec<_> = en.difference(&mk).collect();
        let unknown_in_mk: Vec<_> = mk.difference(&en).collect();
        assert!(missing_in_mk.is_empty(), "mk lacks {missing_in_mk:?}");
        assert!(
            unknown_in_mk.is_empty(),
            "mk has keys en lacks: {unknown_in_mk:?}"
        );
    }

    /// Every language of the programme has each file English has, with
    /// every key of it: a page, refusal or setup form never falls back to
    /// English because a translation was forgotten.
    #[test]
    fn every_language_translates_every_file_english_has() {
        let files = |locale: &str| -> BTreeMap<String, BTreeSet<String>> {
            catalogue_files(locale)
                .iter()
                .filter_map(|(path, source)| {
                    let name = path.file_name()?.to_str()?.to_owned();
                    Some((name, message_ids(source).into_iter().collect()))
                })
                .collect()
        };
        let en = files("en");
        // The check has teeth: it covers every file, not only the first ones.
        for file in [
            "main.ftl",
            "workflow.ftl",
            "errors.ftl",
            "programme.ftl",
            "jury.ftl",
        ] {
            assert!(
                en.get(file).is_some_and(|keys| !keys.is_empty()),
                "en/{file} is missing or empty"
            );
        }
        let mut gaps = Vec::new();
        for locale in Locale::ALL {
            let translated = files(locale.code());
            for (file, keys) in &en {
                match translated.get(file) {
                    None => gaps.push(format!("{}/{file} does not exist", locale.code())),
                    Some(theirs) => {
                        let missing: Vec<_> = keys.difference(theirs).collect();
                        if !missing.is_empty() {
                            gaps.push(format!("{}/{file} lacks {missing:?}", locale.code()));
                        }
                    }
                }
            }
        }
        assert!(
            gaps.is_empty(),
            "incomplete catalogues:\n{}",
            gaps.join("\n")
        );
    }

    #[test]
    fn other_catalogues_only_translate_known_keys() {
        let en = keys("en");
        for locale in Locale::ALL {
            let dir = format!("{}/locales/{}", env!("CARGO_MANIFEST_DIR"), locale.code());
            if std::path::Path::new(&dir).exists() {
                let extra: Vec<_> = keys(locale.code()).difference(&en).cloned().collect();
                assert!(
                    extra.is_empty(),
                    "{}: unknown keys {extra:?}",
                    locale.code()
                );
            }
        }
    }

    #[test]
    fn every_language_has_its_pages_catalogue() {
        for locale in Locale::ALL {
            assert_eq!(page_language(locale), locale.code());
            // The pages' own words, not English's.
            if locale != Locale::En {
                assert_ne!(text(locale, "sign-in"), "Sign in", "{}", locale.code());
            }
        }
    }

    #[test]
    fn countries_are_named_in_the_readers_language() {
        assert_eq!(country_name(Locale::Mk, "AL"), "Албанија");
        assert_eq!(country_name(Locale::En, "MK"), "North Macedonia");
        // A country no catalogue names keeps its code.
        assert_eq!(country_name(Locale::Mk, "FR"), "FR");
    }

    #[test]
    fn a_missing_translation_falls_back_to_english() {
        assert_eq!(text(Locale::En, "sign-in"), "Sign in");
        assert_eq!(text(Locale::Mk, "sign-in"), "Најава");
        // Every language of the programme is complete (a test above checks
        // it), so the fallback `text` relies on is shown with a language
        // that has no catalogue: the loader answers in English.
        let german = "de".parse().expect("a language identifier");
        assert_eq!(
            CATALOGUES.try_lookup(&german, "jury-title").as_deref(),
            Some("Jury")
        );
        assert_eq!(text(Locale::En, "no-such-key"), "no-such-key");
    }

    #[test]
    fn the_browser_language_is_read_by_weight() {
        assert_eq!(
            from_accept_language("mk-MK,mk;q=0.9,en;q=0.8"),
            Some(Locale::Mk)
        );
        assert_eq!(
            from_accept_language("de-DE,en;q=0.5,sq;q=0.7"),
            Some(Locale::Sq)
        );
        assert_eq!(from_accept_language("de, fr"), None);
        assert_eq!(from_accept_language("en;q=0, mk;q=0.1"), Some(Locale::Mk));
    }
}
