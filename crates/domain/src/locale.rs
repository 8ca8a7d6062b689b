use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ParseError;

/// A language the service speaks, as an ISO 639-1 code.
///
/// English and Macedonian are complete; the other languages of the
/// programme's eleven countries are added as translations arrive, with
/// English as the fallback.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// English.
    En,
    /// Macedonian.
    Mk,
    /// Albanian.
    Sq,
    /// Bosnian.
    Bs,
    /// Bulgarian.
    Bg,
    /// Croatian.
    Hr,
    /// Greek.
    El,
    /// Romanian.
    Ro,
    /// Serbian.
    Sr,
    /// Slovenian.
    Sl,
}

impl Locale {
    /// Every supported locale, English first.
    pub const ALL: [Locale; 10] = [
        Locale::En,
        Locale::Mk,
        Locale::Sq,
        Locale::Bs,
        Locale::Bg,
        Locale::Hr,
        Locale::El,
        Locale::Ro,
        Locale::Sr,
        Locale::Sl,
    ];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Mk => "mk",
            Locale::Sq => "sq",
            Locale::Bs => "bs",
            Locale::Bg => "bg",
            Locale::Hr => "hr",
            Locale::El => "el",
            Locale::Ro => "ro",
            Locale::Sr => "sr",
            Locale::Sl => "sl",
        }
    }

    /// Parses an ISO 639-1 code, ignoring case and a region suffix (`mk-MK`).
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let language = raw
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|l| l.code() == language)
            .ok_or_else(|| {
                let known: Vec<_> = Self::ALL.iter().map(|l| l.code()).collect();
                ParseError::new(
                    "unknown_locale",
                    format!(
                        "'{raw}' is not a supported language; use one of {}",
                        known.join(", ")
                    ),
                )
            })
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_parses_back_from_its_code() {
        for locale in Locale::ALL {
            assert_eq!(Locale::parse(locale.code()), Ok(locale));
        }
    }

    #[test]
    fn region_suffix_and_case_are_ignored() {
        assert_eq!(Locale::parse("MK-mk"), Ok(Locale::Mk));
        assert_eq!(Locale::parse("sr_Latn"), Ok(Locale::Sr));
    }

    #[test]
    fn unknown_language_is_refused_with_the_list() {
        let err = Locale::parse("de").unwrap_err();
        assert_eq!(err.code, "unknown_locale");
        assert!(err.message.contains("mk"));
    }
}
