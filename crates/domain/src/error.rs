use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

/// Why a single value could not be parsed; the message is meant for people.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// Stable machine-readable reason, e.g. `unknown_currency`.
    pub code: &'static str,
    /// What went wrong, in words a user understands.
    pub message: String,
    /// The facts the message states, so that it can be worded in any language.
    pub args: BTreeMap<String, String>,
}

impl ParseError {
    /// A parse error with its stable code and human message.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            args: BTreeMap::new(),
        }
    }

    /// The error with a fact its message states (`decimals` = `2`).
    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.args.insert(name.to_owned(), value.to_string());
        self
    }
}

/// One field that failed validation, named by its JSON path (`rubric[1].weight`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The JSON path of the offending field.
    pub field: String,
    /// Stable machine-readable reason, e.g. `required`, `out_of_range`.
    pub code: String,
    /// What went wrong, in words a user understands (English; the pages
    /// and problem+json word it in the reader's language from `code` and `args`).
    pub message: String,
    /// The facts the message states (`max` = `200`), by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
}

/// Every problem found in one input, reported together rather than one at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("{} field(s) failed validation", .0.len())]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    /// Records a problem with `field` whose message states numeric limits
    /// (`min`, `max`), so that a page can say it in the reader's language.
    pub fn push_limits(
        &mut self,
        field: impl Into<String>,
        code: &str,
        message: impl Into<String>,
        limits: &[(&str, i64)],
    ) {
        let args = limits
            .iter()
            .map(|(name, value)| ((*name).to_owned(), value.to_string()))
            .collect();
        self.push_with(field, code, message, args);
    }

    /// Records a problem with `field`.
    pub fn push(&mut self, field: impl Into<String>, code: &str, message: impl Into<String>) {
        self.push_with(field, code, message, BTreeMap::new());
    }

    /// Records a problem with `field`, with the facts its message states.
    pub fn push_with(
        &mut self,
        field: impl Into<String>,
        code: &str,
        message: impl Into<String>,
        args: BTreeMap<String, String>,
    ) {
        self.0.push(FieldError {
            field: field.into(),
            code: code.to_owned(),
            message: message.into(),
            args,
        });
    }

    /// Records a parse failure of `field`.
    pub fn push_parse(&mut self, field: impl Into<String>, error: ParseError) {
        self.push_with(field, error.code, error.message, error.args);
    }

    /// Parses `raw` with `parse`, recording a failure under `field` and returning `None`.
    pub fn check<T>(
        &mut self,
        field: impl Into<String>,
        parsed: Result<T, ParseError>,
    ) -> Option<T> {
        parsed.map_err(|e| self.push_parse(field, e)).ok()
    }

    /// Parses a field that may be left out or blank (then `None`) with
    /// `parse`, recording a failure under `field`.
    pub fn check_optional<T>(
        &mut self,
        field: &str,
        raw: Option<String>,
        parse: impl FnOnce(&str) -> Result<T, ParseError>,
    ) -> Option<T> {
        let raw = raw.filter(|r| !r.trim().is_empty())?;
        self.check(field, parse(&raw))
    }

    /// Requires a value to be present, recording `required` under `field` if not.
    pub fn require<T>(&mut self, field: &str, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.push(field, "required", format!("{field} is required"));
        }
        value
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Turns the collected problems into a result: `Ok(value)` if there were none.
    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, ValidationErrors> {
        if self.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }

    /// The problems recorded so far.
    pub fn fields(&self) -> &[FieldError] {
        &self.0
    }

    /// A single-field validation error.
    pub fn single(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        let mut errors = Self::default();
        errors.push(field, code, message);
        errors
    }
}
