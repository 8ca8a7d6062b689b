//! Setting up programmes (calls for proposals) in the browser: the list a
//! programme manager works from (`list`), and one form to create or edit a
//! programme with its rubric, payment tranches and reporting schedule
//! (`setup`: the form's handlers; `page`: the page they show, made of the
//! `sections` of the form, each built of `fields`).
//!
//! The form is read into the same `ProgrammeInput` the API takes (`form`),
//! and the rules stay in the domain: the page maps its fields to the
//! input's paths (`rubric[1].scale_max`) and back, so every problem shows
//! beside the field that caused it. Numbers, amounts and dates that do not
//! read are reported the same way, and what was typed stays in the form.
//! A save over someone else's tells what they changed (`stale`).

mod fields;
mod form;
mod list;
mod page;
mod sections;
mod setup;
mod stale;

use std::collections::BTreeMap;

use grants_domain::Locale;

use crate::i18n::text;

pub(crate) use self::list::list;
pub(crate) use self::setup::{create, edit_form, new_form, set_archived, update};

/// The list's address.
const LIST: &str = "/app/programmes";

/// The new programme's form.
const NEW: &str = "/app/programmes/new";

/// This page's strings, as written in the English catalogue. Its pages
/// get them all in the viewer's language as `page.t.<key>` (without the
/// `programme-setup-` prefix, `-` as `_`): the templates stay short, and
/// a misspelt key fails to render in strict mode rather than showing up
/// as the key itself.
const CATALOGUE: &str = include_str!("../../../i18n/locales/en/programme.ftl");
const PREFIX: &str = "programme-setup-";

/// The keys of this page's catalogue.
fn catalogue_keys() -> impl Iterator<Item = &'static str> {
    CATALOGUE.lines().filter_map(|line| {
        let (key, _) = line.split_once('=')?;
        let key = key.trim();
        key.starts_with(PREFIX).then_some(key)
    })
}

/// This page's strings in `locale`, by short name.
fn labels(locale: Locale) -> BTreeMap<String, String> {
    catalogue_keys()
        .map(|key| {
            let short = key.trim_start_matches(PREFIX).replace('-', "_");
            (short, text(locale, key))
        })
        .collect()
}

/// One of this page's strings in `locale`.
fn t(locale: Locale, short: &str) -> String {
    text(locale, &format!("{PREFIX}{short}"))
}

#[cfg(test)]
mod tests;
