//! What the pages share in reading forms and in showing one again when it
//! is refused: amounts, dates and counts as people type them, which
//! refusals a form's page shows at all, and a refusal sorted into the
//! problems beside each field and the rest on top.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use grants_app::AppError;
use grants_domain::programme::MoneyInput;
use grants_domain::{Currency, Locale, ValidationErrors};

use crate::PageError;
use crate::i18n::text;
use crate::session::Viewer;
use crate::workflow_text::failure;

impl Viewer {
    /// A refused form's error, to show again on the form's page with what
    /// was typed; the error page instead where no form can help: the
    /// subject does not exist, or the service failed.
    pub(crate) fn refusal(&self, error: AppError) -> Result<AppError, PageError> {
        match error {
            AppError::NotFound(_) | AppError::Internal(_) => Err(self.error_page(error)),
            refused => Ok(refused),
        }
    }

    /// The same on a page only some people reach: a refusal of the person
    /// is the error page too, as there is no form of theirs to show again.
    pub(crate) fn refusal_unless_forbidden(&self, error: AppError) -> Result<AppError, PageError> {
        match error {
            AppError::Forbidden(_) => Err(self.error_page(error)),
            other => self.refusal(other),
        }
    }
}

/// Why a form was refused, sorted to show it again: each problem beside
/// its field, the rest on top.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    /// A message per field of the page, by the field's name.
    pub(crate) fields: BTreeMap<String, String>,
    /// The problems no field of the page takes, in the use case's words,
    /// or the refusal when it is not about fields, in the reader's language.
    pub(crate) general: Vec<String>,
}

impl Problems {
    /// Sorts `error`: each problem the use case found goes beside the field
    /// `place` names for its path (a later one on the same field replaces
    /// an earlier), or on top where `place` names none; any other refusal
    /// goes on top.
    pub(crate) fn of(
        viewer: &Viewer,
        error: &AppError,
        mut place: impl FnMut(&str) -> Option<String>,
    ) -> Problems {
        let mut sorted = Problems::default();
        match error {
            AppError::Validation(problems) => {
                for f in problems.fields() {
                    let message = grants_i18n::errors::field_message(viewer.locale, f);
                    match place(&f.field) {
                        Some(field) => {
                            sorted.fields.insert(field, message);
                        }
                        None => sorted.general.push(message),
                    }
                }
            }
            other => sorted.general.push(failure(viewer.locale, other)),
        }
        sorted
    }

    /// What goes on top, as one message; `None` when nothing does.
    pub(crate) fn on_top(&self) -> Option<String> {
        (!self.general.is_empty()).then(|| self.general.join(" "))
    }
}

/// The field a problem belongs beside: `languages[0]` and `award.minor`
/// are shown at `languages` and `award`.
pub(crate) fn top_field(path: &str) -> &str {
    path.split(['.', '[']).next().unwrap_or(path)
}

/// An amount typed as people write money (`1500`, `1 500,50`) in
/// `currency`, as the use cases take it; one that does not read is
/// recorded under `field` (the input's path) and is `None`.
pub(crate) fn read_money(
    errors: &mut ValidationErrors,
    field: impl Into<String>,
    currency: Currency,
    raw: &str,
) -> Option<MoneyInput> {
    errors
        .check(field, currency.parse_amount(raw))
        .map(|minor| MoneyInput {
            minor,
            currency: currency.code().to_owned(),
        })
}

/// A date typed as `2027-03-12`; one that is missing or does not read is
/// recorded under `field` and is `None`.
pub(crate) fn read_date(
    errors: &mut ValidationErrors,
    field: &str,
    raw: Option<&str>,
    locale: Locale,
) -> Option<NaiveDate> {
    let date = raw.and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
    if date.is_none() {
        errors.push(field, "invalid_date", text(locale, "error-value-date"));
    }
    date
}

/// A count typed as people write it, thousands apart or not (`1200`,
/// `1 200`, `1.200`, `1,200`); `None` when it is not a whole number.
pub(crate) fn read_count(raw: &str) -> Option<i64> {
    raw.replace([' ', '.', ','], "").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_with_or_without_thousands_separators() {
        for raw in ["1200", "1 200", "1.200", "1,200"] {
            assert_eq!(read_count(raw), Some(1200), "{raw}");
        }
        assert_eq!(read_count("many"), None);
    }

    #[test]
    fn a_date_that_does_not_read_is_named_under_its_field() {
        let mut errors = ValidationErrors::default();
        let read = read_date(&mut errors, "due_on", Some(" 2027-03-12 "), Locale::En);
        assert_eq!(read, NaiveDate::from_ymd_opt(2027, 3, 12));
        assert!(errors.is_empty());
        assert_eq!(
            read_date(&mut errors, "due_on", Some("12.3."), Locale::En),
            None
        );
        assert_eq!(read_date(&mut errors, "due_on", None, Locale::En), None);
        assert_eq!(errors.fields().len(), 2);
        assert_eq!(errors.fields()[0].field, "due_on");
        assert_eq!(errors.fields()[0].code, "invalid_date");
    }

    #[test]
    fn problems_go_beside_the_fields_the_page_has_and_the_rest_on_top() {
        let viewer = Viewer::reading(Locale::En, "/app");
        let mut problems = ValidationErrors::default();
        problems.push("award.minor", "x", "too much");
        problems.push("award", "x", "still too much");
        problems.push("role", "x", "not yours");
        let error = AppError::Validation(problems);
        let sorted = Problems::of(&viewer, &error, |path| {
            (path != "role").then(|| top_field(path).to_owned())
        });
        assert_eq!(sorted.fields["award"], "still too much");
        assert_eq!(sorted.on_top().as_deref(), Some("not yours"));
        let sorted = Problems::of(&viewer, &AppError::NotFound("grant"), |_| None);
        assert!(sorted.fields.is_empty());
        assert_eq!(sorted.general.len(), 1);
    }
}
