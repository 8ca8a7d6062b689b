//! Dates, times and money as a reader of each language expects them.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use grants_domain::{Locale, Money};
use num_format::{Locale as Numbers, ToFormattedString};

/// Formats values for one recipient: their language, the programme's time zone.
#[derive(Debug, Clone, Copy)]
pub struct Formatter {
    locale: Locale,
    time_zone: Tz,
}

impl Formatter {
    /// A formatter for `locale` showing times in `time_zone`.
    pub fn new(locale: Locale, time_zone: Tz) -> Self {
        Self { locale, time_zone }
    }

    fn chrono_locale(self) -> chrono::Locale {
        match self.locale {
            Locale::En => chrono::Locale::en_GB,
            Locale::Mk => chrono::Locale::mk_MK,
            Locale::Sq => chrono::Locale::sq_AL,
            Locale::Bs => chrono::Locale::bs_BA,
            Locale::Bg => chrono::Locale::bg_BG,
            Locale::Hr => chrono::Locale::hr_HR,
            Locale::El => chrono::Locale::el_GR,
            Locale::Ro => chrono::Locale::ro_RO,
            Locale::Sr => chrono::Locale::sr_RS,
            Locale::Sl => chrono::Locale::sl_SI,
        }
    }

    fn numbers(self) -> Numbers {
        match self.locale {
            Locale::En => Numbers::en,
            Locale::Mk => Numbers::mk,
            Locale::Sq => Numbers::sq,
            Locale::Bs => Numbers::bs,
            Locale::Bg => Numbers::bg,
            Locale::Hr => Numbers::hr,
            Locale::El => Numbers::el,
            Locale::Ro => Numbers::ro,
            Locale::Sr => Numbers::sr,
            Locale::Sl => Numbers::sl,
        }
    }

    /// South Slavic languages write the day as an ordinal: `12. ožujka`.
    fn day_pattern(self) -> &'static str {
        match self.locale {
            Locale::Hr | Locale::Bs | Locale::Sr | Locale::Sl => "%-d. %B %Y",
            _ => "%-d %B %Y",
        }
    }

    /// A moment in the programme's time zone: `12 March 2027, 17:00 (Europe/Skopje)`.
    pub fn date_time(self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&self.time_zone);
        let pattern = format!("{}, %H:%M", self.day_pattern());
        format!(
            "{} ({})",
            local.format_localized(&pattern, self.chrono_locale()),
            self.time_zone.name()
        )
    }

    /// A calendar date: `12 March 2027`.
    pub fn date(self, day: NaiveDate) -> String {
        day.format_localized(self.day_pattern(), self.chrono_locale())
            .to_string()
    }

    /// An amount as the reader writes it: `€1,500.00` in English,
    /// `1.500,00 €` in Macedonian, `JPY 1,200` for a currency without a
    /// common symbol.
    pub fn money(self, money: Money) -> String {
        let numbers = self.numbers();
        let amount = self.decimal(money.minor, money.currency.exponent());
        // CLDR's currency patterns: English puts the symbol first
        // (`€1,500.00`), the region's languages after the number, kept on
        // its line (`1.500,00 €`); a currency without a common symbol
        // keeps its code.
        let symbol = match money.currency.code() {
            "EUR" => "€",
            code => code,
        };
        match (self.locale, symbol) {
            (Locale::En, "€") => match amount.strip_prefix(numbers.minus_sign()) {
                Some(positive) => format!("{}€{positive}", numbers.minus_sign()),
                None => format!("€{amount}"),
            },
            (Locale::En, code) => format!("{code}\u{a0}{amount}"),
            (_, symbol) => format!("{amount}\u{a0}{symbol}"),
        }
    }

    /// A number of `minor` units with `exponent` decimals, with the
    /// locale's grouping and decimal sign: `1,500.50`, `1.500,50`.
    pub fn decimal(self, minor: i64, exponent: u16) -> String {
        let numbers = self.numbers();
        let exponent = u32::from(exponent);
        let scale = 10u64.pow(exponent);
        let abs = minor.unsigned_abs();
        let sign = if minor < 0 { numbers.minus_sign() } else { "" };
        let whole = (abs / scale).to_formatted_string(&numbers);
        if exponent == 0 {
            format!("{sign}{whole}")
        } else {
            format!(
                "{sign}{whole}{}{:0width$}",
                numbers.decimal(),
                abs % scale,
                width = exponent as usize
            )
        }
    }

    /// A whole number with the locale's grouping.
    pub fn count(self, n: u64) -> String {
        n.to_formatted_string(&self.numbers())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use grants_domain::Currency;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 12, 16, 0, 0)
            .single()
            .expect("valid")
    }

    fn eur(minor: i64) -> Money {
        Money::new(minor, Currency::parse("EUR").expect("EUR"))
    }

    fn skopje(locale: Locale) -> Formatter {
        Formatter::new(locale, chrono_tz::Europe::Skopje)
    }

    #[test]
    fn times_are_shown_in_the_programme_zone_and_language() {
        assert_eq!(
            skopje(Locale::En).date_time(at()),
            "12 March 2027, 17:00 (Europe/Skopje)"
        );
        let mk = skopje(Locale::Mk).date_time(at());
        assert!(
            mk.starts_with("12 ") && mk.contains("2027, 17:00") && mk.contains("март"),
            "{mk}"
        );
        let hr = skopje(Locale::Hr).date_time(at());
        assert!(hr.starts_with("12. "), "{hr}");
        let el = skopje(Locale::El).date(at().date_naive());
        assert!(el.contains("Μαρτ"), "{el}");
    }

    #[test]
    fn money_follows_the_locale_number_format() {
        assert_eq!(skopje(Locale::En).money(eur(150_000_050)), "€1,500,000.50");
        assert_eq!(skopje(Locale::Mk).money(eur(500_000)), "5.000,00\u{a0}€");
        assert_eq!(skopje(Locale::Mk).money(eur(150_050)), "1.500,50\u{a0}€");
        let jpy = Money::new(1200, Currency::parse("JPY").expect("JPY"));
        assert_eq!(skopje(Locale::En).money(jpy), "JPY\u{a0}1,200");
        assert_eq!(skopje(Locale::Mk).money(jpy), "1.200\u{a0}JPY");
        assert_eq!(skopje(Locale::En).money(eur(-5)), "-€0.05");
    }

    #[test]
    fn every_locale_formats_without_panicking() {
        for locale in Locale::ALL {
            let f = skopje(locale);
            assert!(!f.date_time(at()).is_empty());
            assert!(f.money(eur(123_456)).contains('€'));
            assert!(!f.count(12_345).is_empty());
        }
    }
}
