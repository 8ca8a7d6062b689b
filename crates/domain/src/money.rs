use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ParseError;

/// An ISO 4217 currency that has a fixed number of minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency(iso_currency::Currency);

impl Currency {
    /// The euro, the currency of the first programme and of samples.
    pub const EUR: Currency = Currency(iso_currency::Currency::EUR);

    /// Parses a three-letter ISO 4217 code (case-insensitive).
    ///
    /// Funds and metals without minor units (XAU, XDR, …) are refused: an
    /// award must be payable.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let code = raw.trim().to_ascii_uppercase();
        let currency = iso_currency::Currency::from_code(&code).ok_or_else(|| {
            ParseError::new(
                "unknown_currency",
                format!("'{raw}' is not an ISO 4217 currency code"),
            )
        })?;
        if currency.exponent().is_none() {
            return Err(ParseError::new(
                "unknown_currency",
                format!("{code} has no minor units and cannot be paid out"),
            ));
        }
        Ok(Self(currency))
    }

    /// The three-letter code, e.g. `EUR`.
    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// How many decimal places the minor unit has (2 for EUR, 0 for JPY).
    pub fn exponent(self) -> u16 {
        self.0.exponent().unwrap_or(0)
    }
}

impl Currency {
    /// Reads an amount as people type it (`1500`, `1500.5`, `1 500,50`,
    /// `1,500.50`) into minor units. The last `.` or `,` followed by at most
    /// the currency's decimals is the decimal separator; spaces and the other
    /// separator group thousands. Negative amounts are refused.
    pub fn parse_amount(self, raw: &str) -> Result<i64, ParseError> {
        let invalid = || {
            ParseError::new(
                "invalid_amount",
                format!(
                    "write an amount such as 1500 or 1500.50 ({} decimals at most)",
                    self.exponent()
                ),
            )
            .with("decimals", self.exponent())
        };
        let text: String = raw
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
            .collect();
        if text.is_empty()
            || !text
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return Err(invalid());
        }
        let exponent = usize::from(self.exponent());
        let (whole, fraction) = match text.rfind(['.', ',']) {
            Some(at) if text.len() - at - 1 <= exponent && exponent > 0 => {
                (&text[..at], &text[at + 1..])
            }
            _ => (text.as_str(), ""),
        };
        let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
        if whole.is_empty() && fraction.is_empty() {
            return Err(invalid());
        }
        let fraction = format!("{fraction:0<exponent$}");
        let digits = format!("{whole}{fraction}");
        let digits = digits.trim_start_matches('0');
        if digits.is_empty() {
            return Ok(0);
        }
        digits.parse::<i64>().map_err(|_| invalid())
    }
}

written_as_text!(Currency, code);

/// An amount of money: integer minor units (cents, deni, …) and a currency.
///
/// Never a float. Arithmetic is checked and refuses to mix currencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub struct Money {
    /// The amount in minor units, e.g. 150000 for EUR 1,500.00.
    pub minor: i64,
    /// The ISO 4217 currency code.
    #[schema(value_type = String, example = "EUR")]
    pub currency: Currency,
}

impl Money {
    /// An amount in minor units of `currency`.
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// The sum, or `None` on overflow or when the currencies differ.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        (self.currency == other.currency)
            .then(|| self.minor.checked_add(other.minor))
            .flatten()
            .map(|minor| Money::new(minor, self.currency))
    }

    /// The difference, or `None` on overflow or when the currencies differ.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        (self.currency == other.currency)
            .then(|| self.minor.checked_sub(other.minor))
            .flatten()
            .map(|minor| Money::new(minor, self.currency))
    }
}

impl std::fmt::Display for Money {
    /// `EUR 1500.00`: the code and the amount with the currency's decimals,
    /// without locale-specific grouping (that is the templates' job).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let exponent = u32::from(self.currency.exponent());
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if exponent == 0 {
            return write!(f, "{} {sign}{abs}", self.currency);
        }
        let scale = 10u64.pow(exponent);
        write!(
            f,
            "{} {sign}{}.{:0width$}",
            self.currency,
            abs / scale,
            abs % scale,
            width = exponent as usize
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn amounts_are_read_as_people_type_them() {
        let eur = Currency::EUR;
        for (typed, minor) in [
            ("1500", 150_000),
            ("1500.5", 150_050),
            ("1500,50", 150_050),
            ("1 500,50", 150_050),
            ("1,500.50", 150_050),
            ("1.500,50", 150_050),
            ("0.07", 7),
            (" 12 ", 1_200),
            ("1,500", 150_000),
        ] {
            assert_eq!(eur.parse_amount(typed), Ok(minor), "{typed}");
        }
        for bad in [
            "",
            "abc",
            "-5",
            "1.2.3x",
            "12e3",
            ".",
            "99999999999999999999",
        ] {
            assert!(eur.parse_amount(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn a_shown_amount_reads_back_as_itself(minor in 0i64..1_000_000_000_000) {
            let money = Money::new(minor, Currency::EUR);
            let shown = money.to_string();
            let number = shown.trim_start_matches("EUR ");
            prop_assert_eq!(Currency::EUR.parse_amount(number), Ok(minor));
        }
    }

    fn eur() -> Currency {
        Currency::parse("EUR").expect("EUR is ISO 4217")
    }

    #[test]
    fn currency_codes_are_case_insensitive() {
        assert_eq!(Currency::parse("mkd").map(Currency::code), Ok("MKD"));
    }

    #[test]
    fn unknown_and_unpayable_currencies_are_refused() {
        assert_eq!(Currency::parse("XYZ").unwrap_err().code, "unknown_currency");
        assert_eq!(Currency::parse("XAU").unwrap_err().code, "unknown_currency");
        assert_eq!(Currency::parse("").unwrap_err().code, "unknown_currency");
    }

    #[test]
    fn display_uses_the_currency_exponent() {
        assert_eq!(Money::new(150_005, eur()).to_string(), "EUR 1500.05");
        assert_eq!(Money::new(-7, eur()).to_string(), "EUR -0.07");
        let jpy = Currency::parse("JPY").expect("JPY is ISO 4217");
        assert_eq!(Money::new(1200, jpy).to_string(), "JPY 1200");
    }

    #[test]
    fn amounts_in_different_currencies_do_not_add() {
        let mkd = Currency::parse("MKD").expect("MKD is ISO 4217");
        assert_eq!(Money::new(1, eur()).checked_add(Money::new(1, mkd)), None);
    }

    #[test]
    fn money_round_trips_through_json() {
        let money = Money::new(42, eur());
        let json = serde_json::to_string(&money).expect("serialises");
        assert_eq!(json, r#"{"minor":42,"currency":"EUR"}"#);
        assert_eq!(serde_json::from_str::<Money>(&json).ok(), Some(money));
    }

    proptest! {
        #[test]
        fn addition_then_subtraction_restores_the_amount(a in -1_000_000_000_000i64..1_000_000_000_000, b in -1_000_000_000_000i64..1_000_000_000_000) {
            let x = Money::new(a, eur());
            let y = Money::new(b, eur());
            let sum = x.checked_add(y).expect("no overflow in range");
            prop_assert_eq!(sum.checked_sub(y), Some(x));
        }

        #[test]
        fn overflow_is_refused_never_wrapped(a in any::<i64>(), b in any::<i64>()) {
            let sum = Money::new(a, eur()).checked_add(Money::new(b, eur()));
            prop_assert_eq!(sum.map(|m| m.minor), a.checked_add(b));
        }

        #[test]
        fn display_never_panics_and_keeps_the_digits(a in any::<i64>()) {
            let shown = Money::new(a, eur()).to_string();
            let digits: String = shown.chars().filter(char::is_ascii_digit).collect();
            let expected = a.unsigned_abs().to_string();
            prop_assert_eq!(digits.trim_start_matches('0'), expected.trim_start_matches('0'));
        }
    }
}
