//! The interface's translations: one Fluent catalogue per locale in
//! `locales/{code}/main.ftl`, built into the binary, with English as the
//! fallback for a string a catalogue lacks.
//!
//! The language of a page is, in order: the one the person picked (a
//! cookie), their profile's, the browser's (`Accept-Language`), English.

use fluent_templates::{Loader, static_loader};
use grants_domain::Locale;

// Every catalogue, loaded once.
static_loader! {
    pub(crate) static CATALOGUES = {
        locales: "./locales",
        fallback_language: "en",
        // Plain text in HTML: no Unicode isolation marks around arguments.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The cookie that remembers the language a person picked.
pub(crate) const LANGUAGE_COOKIE: &str = "grants_lang";

/// A string of the interface in `locale`, falling back to English, then to the key.
pub(crate) fn text(locale: Locale, key: &str) -> String {
    locale
        .code()
        .parse()
        .ok()
        .and_then(|lang| CATALOGUES.try_lookup(&lang, key))
        .unwrap_or_else(|| key.to_owned())
}

/// The language a page in `locale` is written in, for `<html lang>`: the
/// locale's own when it has a catalogue, else English, which every string
/// falls back to. A screen reader then reads an untranslated page with
/// English pronunciation rather than, say, Romanian (WCAG 3.1.1).
pub(crate) fn page_language(locale: Locale) -> &'static str {
    let translated = locale
        .code()
        .parse::<fluent_templates::LanguageIdentifier>()
        .is_ok_and(|lang| CATALOGUES.locales().any(|l| *l == lang));
    if translated { locale.code() } else { "en" }
}

/// The first supported language of an `Accept-Language` header, by weight.
pub(crate) fn from_accept_language(header: &str) -> Option<Locale> {
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
    use std::collections::BTreeSet;

    use super::*;

    fn keys(locale: &str) -> BTreeSet<String> {
        let path = format!("{}/locales/{locale}/main.ftl", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{path}: {e}"))
            .lines()
            .filter(|l| !l.starts_with([' ', '#', '.', '-']) && !l.trim().is_empty())
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
            .collect()
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
    fn every_key_the_templates_use_is_in_english() {
        let en = keys("en");
        let dir = format!("{}/templates", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(&dir).expect("templates") {
            let path = entry.expect("entry").path();
            let source = std::fs::read_to_string(&path).expect("readable");
            for used in source.split("{{t \"").skip(1) {
                let key = used.split('"').next().unwrap_or_default();
                assert!(en.contains(key), "{}: '{key}' is not in en", path.display());
            }
        }
    }

    #[test]
    fn a_page_without_a_catalogue_is_in_english() {
        assert_eq!(page_language(Locale::parse("mk").expect("mk")), "mk");
        assert_eq!(page_language(Locale::parse("sq").expect("sq")), "sq");
        assert_eq!(page_language(Locale::parse("ro").expect("ro")), "en");
    }

    #[test]
    fn a_missing_translation_falls_back_to_english() {
        assert_eq!(text(Locale::En, "sign-in"), "Sign in");
        assert_eq!(text(Locale::Mk, "sign-in"), "Најава");
        // Slovenian has no catalogue yet: English.
        assert_eq!(text(Locale::Sl, "sign-in"), "Sign in");
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
