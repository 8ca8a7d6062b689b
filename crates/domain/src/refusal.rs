//! Why a rule says no: in English words, and in data another language can use.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;

/// Why a rule refuses something (a workflow guard, say): what to tell the
/// person in English, and the facts that sentence is made of, by name, so
/// that an interface can say the same in the reader's language.
///
/// The facts follow a few conventions, so that every reader of them (the
/// web pages, API clients) can present them alike:
/// - `case` says which of a rule's refusals this is when it has several
///   (`call_open` refuses with `not_yet_open` or `closed`);
/// - a moment is RFC 3339 in the programme's time zone, under a name
///   ending in `_at`, with the zone's name under `time_zone`;
/// - a calendar date is `YYYY-MM-DD`, under a name ending in `_on`;
/// - a list is its items joined by `", "`;
/// - a state of another workflow is its name, under `<workflow>_state`
///   (`grant_state`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refusal {
    /// What to tell the person, in English.
    pub message: String,
    /// The facts in the message, by name.
    pub args: BTreeMap<String, String>,
}

impl Refusal {
    /// A refusal saying `message`, with no facts yet.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            args: BTreeMap::new(),
        }
    }

    /// The same refusal with one more fact.
    #[must_use]
    pub fn with(mut self, name: &str, value: impl fmt::Display) -> Self {
        self.args.insert(name.to_owned(), value.to_string());
        self
    }

    /// The same refusal, saying which of its rule's refusals it is.
    #[must_use]
    pub fn case(self, case: &str) -> Self {
        self.with("case", case)
    }

    /// The same refusal with a moment, local to its time zone, and the zone's name.
    #[must_use]
    pub fn with_moment(self, name: &str, at: DateTime<Tz>) -> Self {
        let zone = at.timezone().name();
        self.with(name, at.to_rfc3339()).with("time_zone", zone)
    }

    /// `Ok` when `items` is empty; else a refusal saying `message` of the
    /// list (its items joined by `", "`), with the list under `name`.
    pub fn unless_empty(
        items: &[impl AsRef<str>],
        name: &str,
        message: impl FnOnce(&str) -> String,
    ) -> Result<(), Refusal> {
        if items.is_empty() {
            return Ok(());
        }
        let list = items
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<_>>()
            .join(", ");
        Err(Self::new(message(&list)).with(name, list))
    }

    /// The same refusal with a calendar date.
    #[must_use]
    pub fn with_date(self, name: &str, on: NaiveDate) -> Self {
        self.with(name, on.format("%Y-%m-%d"))
    }
}

impl From<String> for Refusal {
    fn from(message: String) -> Self {
        Self::new(message)
    }
}

impl From<&str> for Refusal {
    fn from(message: &str) -> Self {
        Self::new(message)
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_plain_message_is_a_refusal_without_facts() {
        let refusal = Refusal::from("write a comment explaining why");
        assert_eq!(refusal.to_string(), "write a comment explaining why");
        assert!(refusal.args.is_empty());
    }

    #[test]
    fn moments_keep_their_local_time_and_zone_and_dates_read_as_iso() {
        let at = chrono_tz::Europe::Skopje
            .with_ymd_and_hms(2027, 3, 12, 17, 0, 0)
            .single()
            .expect("a moment");
        let on = NaiveDate::from_ymd_opt(2027, 9, 1).expect("a date");
        let refusal = Refusal::new("closed")
            .case("closed")
            .with_moment("closes_at", at)
            .with_date("due_on", on);
        assert_eq!(refusal.args["case"], "closed");
        assert_eq!(refusal.args["closes_at"], "2027-03-12T17:00:00+01:00");
        assert_eq!(refusal.args["time_zone"], "Europe/Skopje");
        assert_eq!(refusal.args["due_on"], "2027-09-01");
    }
}
