use serde::Serialize;

use crate::ParseError;

/// A syntactically valid email address, trimmed, as the person typed it.
///
/// Addresses are unique ignoring case: [`Email::normalized`] is the key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Parses an address per RFC 5322's addr-spec (no display names).
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let trimmed = raw.trim();
        if trimmed.len() > 254 {
            return Err(ParseError::new(
                "too_long",
                "an email address has at most 254 characters",
            ));
        }
        let options = email_address::Options::default().without_display_text();
        email_address::EmailAddress::parse_with_options(trimmed, options)
            .map(|_| Self(trimmed.to_owned()))
            .map_err(|e| {
                ParseError::new(
                    "invalid_email",
                    format!("'{raw}' is not an email address: {e}"),
                )
            })
    }

    /// The address as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The lower-cased address that decides uniqueness and log-in.
    pub fn normalized(&self) -> String {
        self.0.to_lowercase()
    }
}

written_as_text!(Email, as_str);

/// A person's display name: trimmed, 1 to 200 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    /// Parses a display name.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(ParseError::new("required", "a name is required"));
        }
        if trimmed.chars().count() > 200 {
            return Err(ParseError::new(
                "too_long",
                "a name has at most 200 characters",
            ));
        }
        if crate::text::has_hidden_characters(trimmed, false) {
            return Err(ParseError::new(
                "invalid_characters",
                "a name cannot contain control characters",
            ));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The name as given, trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What an erased person is called from then on, in every list and
/// history that names them: a name and an address that say nothing about
/// them, told apart by `tag` (random, so the pseudonym cannot be traced
/// back). The address is under `.invalid`, which no mail ever reaches.
pub fn pseudonym(tag: u32) -> (PersonName, Email) {
    let code = format!("{tag:08X}");
    let address = format!("erased-{}@erased.invalid", code.to_ascii_lowercase());
    (PersonName(format!("P-{code}")), Email(address))
}

impl std::fmt::Display for PersonName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn addresses_are_trimmed_and_keyed_lower_case() {
        let email = Email::parse("  Ana.Petrova@Biblioteka.MK ").expect("valid");
        assert_eq!(email.as_str(), "Ana.Petrova@Biblioteka.MK");
        assert_eq!(email.normalized(), "ana.petrova@biblioteka.mk");
    }

    #[test]
    fn a_pseudonym_is_a_valid_name_and_address_that_names_nobody() {
        let (name, email) = pseudonym(0x3f9a_2c41);
        assert_eq!(name.as_str(), "P-3F9A2C41");
        assert_eq!(email.as_str(), "erased-3f9a2c41@erased.invalid");
        assert_eq!(PersonName::parse(name.as_str()), Ok(name));
        assert_eq!(Email::parse(email.as_str()), Ok(email));
    }

    #[test]
    fn non_addresses_are_refused() {
        for raw in [
            "",
            "ana",
            "ana@",
            "@lib.mk",
            "Ana <ana@lib.mk>",
            "a b@lib.mk",
        ] {
            assert!(Email::parse(raw).is_err(), "{raw} should be refused");
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            PersonName::parse("  Марија  ").map(|n| n.to_string()),
            Ok("Марија".into())
        );
        assert_eq!(PersonName::parse(" ").unwrap_err().code, "required");
        assert_eq!(
            PersonName::parse(&"x".repeat(201)).unwrap_err().code,
            "too_long"
        );
        assert_eq!(
            PersonName::parse("a\u{0}b").unwrap_err().code,
            "invalid_characters"
        );
    }

    proptest! {
        #[test]
        fn parsing_never_panics(raw in ".*") {
            let _ = Email::parse(&raw);
            let _ = PersonName::parse(&raw);
        }

        #[test]
        fn simple_addresses_parse_and_normalise(local in "[a-zA-Z0-9._]{1,20}", domain in "[a-zA-Z0-9]{1,20}\\.[a-z]{2,6}") {
            prop_assume!(!local.starts_with('.') && !local.ends_with('.') && !local.contains(".."));
            let email = Email::parse(&format!("{local}@{domain}")).expect("valid address");
            prop_assert_eq!(email.normalized(), format!("{local}@{domain}").to_lowercase());
        }
    }
}
