//! Where a grant's money goes: the grantee's bank details, checked before
//! anyone pays to them. An IBAN is checked by its check digits and its
//! country's format; a BIC by its shape. Changing them once the agreement
//! is accepted needs a second person (the rule is in the app crate, which
//! knows who acts); here is only what makes details well formed.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ValidationErrors;

/// The longest account holder or bank name.
pub const NAME_LIMIT: usize = 200;

/// Bank details as a person types them; every field is checked.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BankDetailsInput {
    /// Whose account it is, as the bank knows them (usually the library).
    pub account_holder: Option<String>,
    /// The IBAN, with or without spaces, e.g. `MK07 2501 2000 0058 984`.
    pub iban: Option<String>,
    /// The bank's BIC (SWIFT code), 8 or 11 characters; optional.
    pub bic: Option<String>,
    /// The bank's name.
    pub bank_name: Option<String>,
}

/// Well-formed bank details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BankDetails {
    /// Whose account it is.
    pub account_holder: String,
    /// The IBAN in its electronic form: capitals and digits, no spaces.
    pub iban: String,
    /// The BIC in capitals, when given.
    pub bic: Option<String>,
    /// The bank's name.
    pub bank_name: String,
}

impl BankDetails {
    /// The IBAN as printed on paper, in groups of four.
    pub fn iban_printed(&self) -> String {
        printed(&self.iban)
    }

    /// The IBAN's last four characters, for the history: enough to tell two
    /// accounts apart, not enough to pay into.
    pub fn iban_ending(&self) -> String {
        let chars: Vec<char> = self.iban.chars().collect();
        chars[chars.len().saturating_sub(4)..].iter().collect()
    }
}

/// An IBAN in groups of four, as people read it.
pub fn printed(iban: &str) -> String {
    let chars: Vec<char> = iban.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

impl BankDetailsInput {
    /// The details, or every problem by field: `account_holder` and
    /// `bank_name` (`required`, `too_long`), `iban` (`required`,
    /// `invalid_iban`), `bic` (`invalid_bic`).
    pub fn validate(self) -> Result<BankDetails, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let mut name = |field: &str, value: Option<String>| -> String {
            let value = value.unwrap_or_default().trim().to_owned();
            if value.is_empty() {
                errors.push(field, "required", "required");
            } else if crate::text::has_hidden_characters(&value, false) {
                errors.push(
                    field,
                    "invalid_characters",
                    "control, direction-changing or invisible characters cannot be kept",
                );
            } else if value.chars().count() > NAME_LIMIT {
                let args = [("max".to_owned(), NAME_LIMIT.to_string())].into();
                errors.push_with(
                    field,
                    "too_long",
                    format!("at most {NAME_LIMIT} characters"),
                    args,
                );
            }
            value
        };
        let account_holder = name("account_holder", self.account_holder);
        let bank_name = name("bank_name", self.bank_name);
        let iban = compact(self.iban.as_deref().unwrap_or_default());
        if iban.is_empty() {
            errors.push("iban", "required", "required");
        } else if iban.parse::<iban::Iban>().is_err() {
            errors.push(
                "iban",
                "invalid_iban",
                "not a valid IBAN: its check digits or its length do not match its country",
            );
        }
        let bic = Some(compact(self.bic.as_deref().unwrap_or_default())).filter(|b| !b.is_empty());
        if let Some(bic) = &bic
            && !bic_well_formed(bic)
        {
            errors.push(
                "bic",
                "invalid_bic",
                "a BIC has 8 or 11 letters and digits, e.g. STBAMK22XXX",
            );
        }
        errors.into_result(|| BankDetails {
            account_holder,
            iban,
            bic,
            bank_name,
        })
    }
}

/// Without spaces, in capitals, as an IBAN or BIC is stored.
fn compact(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// A BIC's shape (ISO 9362): four letters for the bank, two for the
/// country, two letters or digits for the place, and optionally three for
/// the branch.
fn bic_well_formed(bic: &str) -> bool {
    let b = bic.as_bytes();
    (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(iban: &str, bic: &str) -> BankDetailsInput {
        BankDetailsInput {
            account_holder: Some(" City Library Skopje ".into()),
            iban: Some(iban.into()),
            bic: Some(bic.into()),
            bank_name: Some("Stopanska banka".into()),
        }
    }

    fn codes(errors: &ValidationErrors) -> Vec<(String, String)> {
        errors
            .0
            .iter()
            .map(|e| (e.field.clone(), e.code.clone()))
            .collect()
    }

    #[test]
    fn a_valid_iban_is_kept_compact_and_printed_in_fours() {
        let details = input("mk07 2501 2000 0058 984", "stbamk22xxx")
            .validate()
            .expect("valid");
        assert_eq!(details.iban, "MK07250120000058984");
        assert_eq!(details.iban_printed(), "MK07 2501 2000 0058 984");
        assert_eq!(details.iban_ending(), "8984");
        assert_eq!(details.bic.as_deref(), Some("STBAMK22XXX"));
        assert_eq!(details.account_holder, "City Library Skopje");
    }

    #[test]
    fn a_wrong_check_digit_or_bic_is_named() {
        let errors = input("MK08 2501 2000 0058 984", "STB1")
            .validate()
            .expect_err("invalid");
        assert_eq!(
            codes(&errors),
            [
                ("iban".to_owned(), "invalid_iban".to_owned()),
                ("bic".to_owned(), "invalid_bic".to_owned()),
            ]
        );
    }

    #[test]
    fn missing_fields_are_each_required_and_the_bic_is_optional() {
        let errors = BankDetailsInput::default().validate().expect_err("empty");
        let fields: Vec<String> = codes(&errors).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["account_holder", "bank_name", "iban"]);
        let details = input("AL35202111090000000001234567", " ").validate();
        assert_eq!(details.map(|d| d.bic), Ok(None));
    }
}
