//! What someone else changed while the form was open: a fingerprint of
//! each field when the form is shown, compared with the programme when it
//! is saved.

use std::collections::BTreeMap;

use grants_domain::programme::ProgrammeSpec;
use sha2::{Digest, Sha256};

use super::t;
use crate::pages::{localized, when};
use crate::render::native_name;
use crate::session::Viewer;

/// A fingerprint per field of the programme, `code:1a2b3c4d,title:…`, to
/// tell later which fields changed.
pub(super) fn fingerprint(spec: &ProgrammeSpec) -> String {
    match serde_json::to_value(spec.to_input()) {
        Ok(serde_json::Value::Object(fields)) => fields
            .iter()
            .map(|(name, value)| {
                let digest = Sha256::digest(value.to_string().as_bytes());
                let short: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
                format!("{name}:{short}")
            })
            .collect::<Vec<_>>()
            .join(","),
        _ => String::new(),
    }
}

/// The fields someone else changed since the form showed `seen`, in the
/// manager's words, with the new value where it is short.
pub(super) fn what_changed(viewer: &Viewer, seen: &str, now: &ProgrammeSpec) -> Vec<String> {
    let before: BTreeMap<&str, &str> = seen.split(',').filter_map(|f| f.split_once(':')).collect();
    if before.is_empty() {
        return Vec::new();
    }
    let current = fingerprint(now);
    let locale = viewer.locale;
    let label_now =
        |label: &str, value: String| format!("{} ({} {value})", t(locale, label), t(locale, "now"));
    current
        .split(',')
        .filter_map(|f| f.split_once(':'))
        .filter(|(name, hash)| before.get(name) != Some(hash))
        .map(|(name, _)| match name {
            "code" => label_now("code", now.code.clone()),
            "title" => label_now(
                "programme-title",
                localized(&now.title, locale, now.default_locale),
            ),
            "default_locale" => {
                label_now("default-locale", native_name(now.default_locale).to_owned())
            }
            "time_zone" => label_now("time-zone", now.time_zone.name().to_owned()),
            "currency" => label_now("currency", now.currency.code().to_owned()),
            "budget" => label_now("budget", viewer.money(now.budget)),
            "min_award" => label_now("min-award", viewer.money(now.min_award)),
            "max_award" => label_now("max-award", viewer.money(now.max_award)),
            "opens_at" => label_now("opens", when(viewer.locale, now, now.opens_at)),
            "closes_at" => label_now("closes", when(viewer.locale, now, now.closes_at)),
            "eligible_countries" => label_now(
                "countries",
                now.eligible_countries
                    .iter()
                    .map(|c| crate::i18n::country_name(locale, c.as_str()))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            "reviews_per_proposal" => {
                label_now("reviews-per-proposal", now.reviews_per_proposal.to_string())
            }
            "reviewer_load_cap" => {
                label_now("reviewer-load-cap", now.reviewer_load_cap.to_string())
            }
            "description" => t(locale, "description"),
            "rubric" => t(locale, "rubric"),
            "conflict_policy" => t(locale, "conflicts"),
            "tranche_template" => t(locale, "tranches"),
            "reporting_schedule" => t(locale, "reports"),
            "review" => t(locale, "review"),
            "reporting" => t(locale, "reporting"),
            other => other.to_owned(),
        })
        .collect()
}
