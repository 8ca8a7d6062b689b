//! The setup page: the form of a new or existing programme, built from
//! what is typed and the problems found.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::Response;
use grants_app::programmes::{ProgrammeStatus, ProgrammeView};
use grants_domain::{Locale, ValidationErrors};
use serde::Serialize;

use super::fields::{Builder, Problem, Section};
use super::form::{Typed, field_id};
use super::{LIST, NEW, labels, sections};
use crate::pages::{Choice, localized, render_status};
use crate::render::native_name;
use crate::session::Viewer;

/// Offered in the time zone field: the network's, and UTC. Any IANA zone is taken.
const TIME_ZONES: [&str; 11] = [
    "Europe/Athens",
    "Europe/Belgrade",
    "Europe/Bucharest",
    "Europe/Ljubljana",
    "Europe/Podgorica",
    "Europe/Sarajevo",
    "Europe/Skopje",
    "Europe/Sofia",
    "Europe/Tirane",
    "Europe/Zagreb",
    "UTC",
];

/// Offered in the currency field; any ISO 4217 code with minor units is taken.
const CURRENCIES: [&str; 8] = ["EUR", "ALL", "BAM", "BGN", "MKD", "RON", "RSD", "USD"];

#[derive(Debug, Serialize)]
pub(super) struct SetupPage {
    pub(super) t: BTreeMap<String, String>,
    pub(super) action: String,
    /// The programme's id, once it exists.
    pub(super) id: Option<String>,
    /// Its title, once it exists.
    pub(super) heading: Option<String>,
    pub(super) revision: i64,
    /// A fingerprint of the programme as the form shows it, to tell what
    /// someone else changed meanwhile.
    pub(super) seen: String,
    pub(super) locales: String,
    pub(super) saved: bool,
    pub(super) archived_now: bool,
    pub(super) restored: bool,
    pub(super) archived: bool,
    /// What someone else changed since the form was shown.
    pub(super) stale: Option<Vec<String>>,
    pub(super) problems: Vec<Problem>,
    pub(super) sections: Vec<Section>,
    pub(super) add_locales: Vec<Choice>,
    pub(super) time_zones: &'static [&'static str],
    pub(super) currencies: &'static [&'static str],
    pub(super) report_keys: Vec<String>,
}

/// The programme a form edits, when it exists.
pub(super) struct Existing<'a> {
    pub(super) view: &'a ProgrammeView,
    pub(super) viewer_locale: Locale,
}

impl Existing<'_> {
    pub(super) fn heading(&self) -> String {
        let spec = &self.view.spec;
        format!(
            "{} ({})",
            localized(&spec.title, self.viewer_locale, spec.default_locale),
            spec.code
        )
    }
}

/// Builds the form's page from what is typed and the problems found.
pub(super) fn setup_page(
    viewer: &Viewer,
    typed: &Typed,
    problems: Option<&ValidationErrors>,
    refusals: Vec<String>,
) -> SetupPage {
    let locale = viewer.locale;
    let main = typed.main_locale();
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in problems.map(ValidationErrors::fields).unwrap_or_default() {
        errors
            .entry(field_id(&f.field, main))
            .or_default()
            .push(grants_i18n::errors::field_message(locale, f));
    }
    let mut b = Builder {
        locale,
        locales: &typed.locales,
        errors,
        problems: refusals
            .into_iter()
            .map(|message| Problem {
                id: None,
                label: String::new(),
                message,
            })
            .collect(),
        row: None,
        fields: Vec::new(),
    };
    let sections = sections::all(&mut b, typed);
    // Whatever no field claimed is listed on top all the same.
    let mut problems = b.problems;
    for (_, messages) in b.errors {
        problems.push(Problem {
            id: None,
            label: String::new(),
            message: messages.join(" "),
        });
    }
    let locales = &typed.locales;
    SetupPage {
        t: labels(locale),
        action: NEW.to_owned(),
        id: None,
        heading: None,
        revision: 0,
        seen: String::new(),
        locales: locales
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(","),
        saved: false,
        archived_now: false,
        restored: false,
        archived: false,
        stale: None,
        problems,
        sections,
        add_locales: Locale::ALL
            .iter()
            .filter(|l| !locales.contains(l))
            .map(|l| Choice {
                value: l.code().to_owned(),
                label: native_name(*l).to_owned(),
                selected: false,
            })
            .collect(),
        time_zones: &TIME_ZONES,
        currencies: &CURRENCIES,
        report_keys: typed
            .reports
            .iter()
            .map(|r| r.key.trim().to_owned())
            .filter(|k| !k.is_empty())
            .collect(),
    }
}

impl SetupPage {
    /// The page of an existing programme, at the revision the form edits.
    pub(super) fn of(mut self, existing: &Existing<'_>, revision: i64, seen: String) -> SetupPage {
        let id = existing.view.id.to_string();
        self.action = format!("{LIST}/{id}/setup");
        self.heading = Some(existing.heading());
        self.id = Some(id);
        self.revision = revision;
        self.seen = seen;
        self.archived = existing.view.status == ProgrammeStatus::Archived;
        self
    }
}

pub(super) fn render_setup(status: StatusCode, viewer: &Viewer, page: SetupPage) -> Response {
    let title = if page.id.is_some() {
        "programme-setup-edit-title"
    } else {
        "programme-setup-new-title"
    };
    render_status(status, viewer, "programme_setup", title, page)
}
