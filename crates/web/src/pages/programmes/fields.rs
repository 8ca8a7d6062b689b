//! The fields of the setup form, the sections and rows that group them,
//! and the builder that hands each field its problem and lists the
//! problems in the order of the page.

use std::collections::{BTreeMap, BTreeSet};

use grants_domain::Locale;
use serde::Serialize;

use super::form::Texts;
use super::t;
use crate::pages::Choice;
use crate::render::native_name;

/// Blank rows offered below the filled ones of each repeated section.
const SPARE_ROWS: usize = 2;

/// One field of the form, with everything its partial shows.
#[derive(Debug, Serialize)]
pub(super) struct Field {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) label: String,
    pub(super) value: String,
    /// `text` or `datetime-local`, for inputs.
    pub(super) input_type: &'static str,
    pub(super) inputmode: Option<&'static str>,
    /// The id of a list of suggestions.
    pub(super) list: Option<&'static str>,
    pub(super) is_checkbox: bool,
    pub(super) checked: bool,
    pub(super) is_select: bool,
    pub(super) options: Vec<Choice>,
    pub(super) is_textarea: bool,
    /// Takes a whole line of its section.
    pub(super) wide: bool,
    pub(super) hint: Option<String>,
    pub(super) error: Option<String>,
    pub(super) described_by: Option<String>,
}

impl Field {
    /// A text field; its name is its id with dots (`rubric-0-key` is `rubric.0.key`).
    pub(super) fn new(id: impl Into<String>, label: String, value: &str) -> Field {
        let id = id.into();
        Field {
            name: id.replace('-', "."),
            id,
            label,
            value: value.to_owned(),
            input_type: "text",
            inputmode: None,
            list: None,
            is_checkbox: false,
            checked: false,
            is_select: false,
            options: Vec::new(),
            is_textarea: false,
            wide: false,
            hint: None,
            error: None,
            described_by: None,
        }
    }

    pub(super) fn checkbox(self, checked: bool) -> Field {
        Field {
            is_checkbox: true,
            checked,
            wide: true,
            ..self
        }
    }

    pub(super) fn select(self, options: Vec<(&str, String)>) -> Field {
        let options = options
            .into_iter()
            .map(|(value, label)| Choice {
                selected: value == self.value,
                value: value.to_owned(),
                label,
            })
            .collect();
        Field {
            is_select: true,
            options,
            ..self
        }
    }

    pub(super) fn textarea(self) -> Field {
        Field {
            is_textarea: true,
            wide: true,
            ..self
        }
    }

    pub(super) fn numeric(self) -> Field {
        Field {
            inputmode: Some("numeric"),
            ..self
        }
    }

    pub(super) fn suggest(self, list: &'static str) -> Field {
        Field {
            list: Some(list),
            ..self
        }
    }

    pub(super) fn hint(self, hint: String) -> Field {
        Field {
            hint: Some(hint),
            ..self
        }
    }
}

#[derive(Debug, Serialize)]
pub(super) struct Row {
    pub(super) id: String,
    pub(super) legend: String,
    pub(super) fields: Vec<Field>,
}

#[derive(Debug, Serialize)]
pub(super) struct Section {
    pub(super) id: &'static str,
    pub(super) legend: String,
    pub(super) hint: Option<String>,
    pub(super) error: Option<String>,
    pub(super) fields: Vec<Field>,
    pub(super) rows: Vec<Row>,
}

/// A problem in the summary on top, linking to its field.
#[derive(Debug, Serialize)]
pub(super) struct Problem {
    pub(super) id: Option<String>,
    pub(super) label: String,
    pub(super) message: String,
}

/// Builds the form's fields, handing each its problem and listing the
/// problems in the order of the page.
pub(super) struct Builder<'a> {
    pub(super) locale: Locale,
    /// The languages the texts have fields for.
    pub(super) locales: &'a BTreeSet<Locale>,
    /// Problems by field id, until their field takes them.
    pub(super) errors: BTreeMap<String, Vec<String>>,
    pub(super) problems: Vec<Problem>,
    /// The row being built, which the summary names ("Criterion 2: Weight").
    pub(super) row: Option<String>,
    /// The fields of the section or row being built.
    pub(super) fields: Vec<Field>,
}

impl Builder<'_> {
    pub(super) fn t(&self, short: &str) -> String {
        t(self.locale, short)
    }

    /// A text field labelled with this page's string `label`.
    pub(super) fn field(&self, id: impl Into<String>, label: &str, value: &str) -> Field {
        Field::new(id, self.t(label), value)
    }

    fn problem(&mut self, id: &str, label: &str) -> Option<String> {
        let message = self.errors.remove(id)?.join(" ");
        self.problems.push(Problem {
            id: Some(id.to_owned()),
            label: match &self.row {
                Some(row) => format!("{row}: {label}"),
                None => label.to_owned(),
            },
            message: message.clone(),
        });
        Some(message)
    }

    /// Adds `field`, with its problem beside it.
    pub(super) fn add(&mut self, mut field: Field) {
        field.error = self.problem(&field.id, &field.label);
        let described: Vec<String> = [
            field.hint.as_ref().map(|_| format!("hint-{}", field.id)),
            field.error.as_ref().map(|_| format!("error-{}", field.id)),
        ]
        .into_iter()
        .flatten()
        .collect();
        field.described_by = (!described.is_empty()).then(|| described.join(" "));
        self.fields.push(field);
    }

    /// Adds a field per language: `title-en`, `title-mk`, ….
    pub(super) fn add_texts(&mut self, id: &str, label: &str, values: &Texts, long: bool) {
        for locale in self.locales {
            let value = values.get(locale).map(String::as_str).unwrap_or_default();
            let label = format!("{} ({})", self.t(label), native_name(*locale));
            let field = Field::new(format!("{id}-{}", locale.code()), label, value);
            self.add(if long { field.textarea() } else { field });
        }
    }

    /// Builds a section from the fields `build` adds; a problem of the
    /// whole section (`tranche_template`) shows on top of it.
    pub(super) fn section(
        &mut self,
        id: &'static str,
        legend: &str,
        hint: Option<&str>,
        build: impl FnOnce(&mut Self) -> Vec<Row>,
    ) -> Section {
        let legend = self.t(legend);
        let error = self.problem(id, &legend);
        let rows = build(self);
        Section {
            id,
            legend,
            hint: hint.map(|h| self.t(h)),
            error,
            fields: std::mem::take(&mut self.fields),
            rows,
        }
    }

    /// Builds the rows of a repeated section, `what 1`, `what 2`, … with
    /// ids `{prefix}-0`, …, from what is typed and some blank rows.
    pub(super) fn rows<R: Default + Clone>(
        &mut self,
        typed: &[R],
        prefix: &str,
        what: &str,
        build: impl Fn(&mut Self, &str, &R),
    ) -> Vec<Row> {
        let outer = std::mem::take(&mut self.fields);
        let spare = std::iter::repeat_n(R::default(), SPARE_ROWS);
        let rows = typed
            .iter()
            .cloned()
            .chain(spare)
            .enumerate()
            .map(|(n, row)| {
                let legend = format!("{} {}", self.t(what), n + 1);
                self.row = Some(legend.clone());
                let id = format!("{prefix}-{n}");
                build(self, &id, &row);
                self.add(
                    self.field(format!("{id}-remove"), "remove", "")
                        .checkbox(false),
                );
                self.row = None;
                Row {
                    id,
                    legend,
                    fields: std::mem::take(&mut self.fields),
                }
            })
            .collect();
        self.fields = outer;
        rows
    }
}
