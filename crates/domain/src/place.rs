use crate::ParseError;

/// An ISO 3166-1 alpha-2 country code, plus `XK` for Kosovo (a user-assigned
/// code in general use, including by the European Commission).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Parses a two-letter code, case-insensitively.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let code = raw.trim().to_ascii_uppercase();
        let known = code == "XK" || rust_iso3166::from_alpha2(&code).is_some();
        match code.as_bytes() {
            [a, b] if known => Ok(Self([*a, *b])),
            _ => Err(ParseError::new(
                "unknown_country",
                format!("'{raw}' is not an ISO 3166-1 alpha-2 country code"),
            )),
        }
    }

    /// The two-letter code, upper case.
    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored, so this cannot fail.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

written_as_text!(CountryCode, as_str);

/// The area an ambassador coordinates: a whole country (`MK`) or an ISO
/// 3166-2 subdivision of one (`BA-SRP`, Republika Srpska).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    /// A whole country.
    Country(CountryCode),
    /// A subdivision, kept with its country so area checks stay cheap.
    Subdivision {
        /// The country the subdivision belongs to.
        country: CountryCode,
        /// The full ISO 3166-2 code, e.g. `BA-SRP`.
        code: String,
    },
}

impl Area {
    /// Parses `MK` or `BA-SRP`.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let code = raw.trim().to_ascii_uppercase();
        let Some((country, _)) = code.split_once('-') else {
            return CountryCode::parse(&code).map(Area::Country);
        };
        let country = CountryCode::parse(country)?;
        if rust_iso3166::iso3166_2::from_code(&code).is_none() {
            return Err(ParseError::new(
                "unknown_area",
                format!("'{raw}' is not an ISO 3166-2 subdivision code"),
            ));
        }
        Ok(Area::Subdivision { country, code })
    }

    /// The country the area lies in.
    pub fn country(&self) -> CountryCode {
        match self {
            Area::Country(c) | Area::Subdivision { country: c, .. } => *c,
        }
    }

    /// True if this area includes a place in `country`, in `region` if it has one:
    /// a country covers all of it, a region only itself.
    pub fn covers(&self, country: Option<CountryCode>, region: Option<&Area>) -> bool {
        match self {
            Area::Country(c) => country == Some(*c),
            Area::Subdivision { .. } => region == Some(self),
        }
    }

    /// The code as written: `MK` or `BA-SRP`.
    pub fn code(&self) -> &str {
        match self {
            Area::Country(c) => c.as_str(),
            Area::Subdivision { code, .. } => code,
        }
    }
}

written_as_text!(Area, code);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_eleven_programme_countries_parse() {
        for code in [
            "AL", "BA", "BG", "HR", "GR", "XK", "ME", "MK", "RO", "RS", "SI",
        ] {
            assert_eq!(
                CountryCode::parse(code).map(|c| c.to_string()),
                Ok(code.to_owned())
            );
        }
    }

    #[test]
    fn lower_case_is_accepted_and_unknown_codes_are_not() {
        assert_eq!(
            CountryCode::parse("mk").map(|c| c.to_string()),
            Ok("MK".into())
        );
        assert_eq!(
            CountryCode::parse("QQ").unwrap_err().code,
            "unknown_country"
        );
        assert_eq!(
            CountryCode::parse("MKD").unwrap_err().code,
            "unknown_country"
        );
    }

    #[test]
    fn bosnian_entities_are_subdivisions_of_bosnia() {
        let srpska = Area::parse("ba-srp").expect("ISO 3166-2");
        assert_eq!(srpska.code(), "BA-SRP");
        assert_eq!(srpska.country().as_str(), "BA");
        assert_eq!(
            Area::parse("BA-BIH").map(|a| a.country().to_string()),
            Ok("BA".into())
        );
        assert_eq!(Area::parse("BA-ZZZ").unwrap_err().code, "unknown_area");
        assert_eq!(Area::parse("XK").map(|a| a.to_string()), Ok("XK".into()));
    }

    #[test]
    fn countries_cover_their_regions_and_regions_only_themselves() {
        let ba = CountryCode::parse("BA").ok();
        let srpska = Area::parse("BA-SRP").expect("region");
        let federation = Area::parse("BA-BIH").expect("region");
        let bosnia = Area::parse("BA").expect("country");
        assert!(bosnia.covers(ba, Some(&srpska)));
        assert!(bosnia.covers(ba, None));
        assert!(srpska.covers(ba, Some(&srpska)));
        assert!(!srpska.covers(ba, Some(&federation)));
        assert!(!srpska.covers(ba, None));
        assert!(!bosnia.covers(CountryCode::parse("MK").ok(), None));
    }

    proptest! {
        #[test]
        fn parsing_never_panics(raw in ".{0,12}") {
            let _ = CountryCode::parse(&raw);
            let _ = Area::parse(&raw);
        }

        #[test]
        fn accepted_codes_are_two_upper_case_letters(raw in "[a-zA-Z]{2}") {
            if let Ok(code) = CountryCode::parse(&raw) {
                prop_assert_eq!(code.as_str(), raw.to_ascii_uppercase());
            }
        }
    }
}
