//! Workflow states, steps and the reasons a step is blocked, in the
//! reader's language (the catalogues' `workflow.ftl`).
//!
//! Definitions are data: a newer or custom version may name a state or a
//! step no catalogue knows, so each is looked up by its workflow and name
//! (`proposal-state-draft`, `proposal-step-submit`) and falls back to the
//! definition's own label. A blocked reason is looked up by its kind or
//! guard (`blocked-wrong-state`, `guard-call_open`) with the facts the
//! engine and the guards give, and falls back to the English message. Only
//! the reader's own catalogue is asked: the English of these texts is the
//! definitions' and the guards' own.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use fluent_templates::fluent_bundle::FluentValue;
use grants_app::steps::BlockedReasonView;
use grants_app::{AppError, Formatter};
use grants_domain::Locale;
use grants_workflow::Definition;

use crate::catalogue::{Args, own_text, text};

/// A state of `workflow` in the reader's language, else `label`, the definition's.
pub fn state_label(locale: Locale, workflow: &str, state: &str, label: &str) -> String {
    own_text(locale, &format!("{workflow}-state-{state}"), &Args::new())
        .unwrap_or_else(|| label.to_owned())
}

/// A step (transition) of `workflow` in the reader's language, else `label`, the definition's.
pub fn step_label(locale: Locale, workflow: &str, transition: &str, label: &str) -> String {
    own_text(
        locale,
        &format!("{workflow}-step-{transition}"),
        &Args::new(),
    )
    .unwrap_or_else(|| label.to_owned())
}

/// A state known only by its name (a history line, a ledger row): in the
/// reader's language, else the definition's label, else the name.
pub fn state_named(
    locale: Locale,
    definition: Option<&Definition>,
    workflow: &str,
    state: &str,
) -> String {
    let label = definition
        .and_then(|d| d.state(state))
        .map_or(state, |s| s.label.as_str());
    state_label(locale, workflow, state, label)
}

/// A step known only by its name: in the reader's language, else the
/// definition's label, else the name.
pub fn step_named(
    locale: Locale,
    definition: Option<&Definition>,
    workflow: &str,
    transition: &str,
) -> String {
    let label = definition
        .and_then(|d| d.transition(transition))
        .map_or(transition, |t| t.label.as_str());
    step_label(locale, workflow, transition, label)
}

/// Why a step is blocked, in the reader's language with its facts, else
/// the English message.
pub fn blocked_reason(locale: Locale, reason: &BlockedReasonView) -> String {
    let key = match (reason.kind, reason.guard.as_deref()) {
        ("wrong_state", _) => Cow::Borrowed("blocked-wrong-state"),
        ("not_permitted", _) => Cow::Borrowed("blocked-not-permitted"),
        ("unknown_transition", _) => Cow::Borrowed("blocked-unknown-transition"),
        ("guard", Some(guard)) => Cow::Owned(format!("guard-{guard}")),
        _ => return reason.message.clone(),
    };
    own_text(locale, &key, &fluent_args(locale, &reason.args))
        .unwrap_or_else(|| reason.message.clone())
}

/// Every reason of a list, in the reader's language.
pub fn blocked_reasons(locale: Locale, reasons: &[BlockedReasonView]) -> Vec<String> {
    reasons.iter().map(|r| blocked_reason(locale, r)).collect()
}

/// What a refused use case says, for the top of a page, in the reader's language.
pub fn failure(locale: Locale, error: &AppError) -> String {
    crate::errors::detail(locale, error)
}

/// The facts of a reason as the reader reads them: states, steps and who
/// may take them in their language, moments and dates as they write them.
pub(crate) fn fluent_args(locale: Locale, args: &BTreeMap<String, String>) -> Args {
    let workflow = args.get("workflow").map_or("", String::as_str);
    let each = |list: &str, prefix: &str| -> Vec<String> {
        list.split(", ")
            .map(|item| {
                own_text(locale, &format!("{prefix}{item}"), &Args::new())
                    .unwrap_or_else(|| item.to_owned())
            })
            .collect()
    };
    args.iter()
        .map(|(name, value)| {
            let shown = match name.as_str() {
                "step" => {
                    let transition = args.get("transition").map_or("", String::as_str);
                    step_label(locale, workflow, transition, value)
                }
                "state" => {
                    let label = args.get("state_label").unwrap_or(value);
                    state_label(locale, workflow, value, label)
                }
                "allowed" | "roles" => one_of(locale, each(value, "actor-")),
                "action" => text(locale, &format!("action-{value}")),
                "what" | "kind" => text(locale, &format!("object-{}", value.replace(' ', "-"))),
                "missing" => each(value, "form-part-").join(", "),
                other => match (
                    other.strip_suffix("_state"),
                    other.ends_with("_at"),
                    other.ends_with("_on"),
                ) {
                    (Some(of), _, _) => state_label(locale, of, value, value),
                    (None, true, _) => moment(locale, value, args.get("time_zone"))
                        .unwrap_or_else(|| value.clone()),
                    (None, false, true) => day(locale, value).unwrap_or_else(|| value.clone()),
                    _ => money(locale, value).unwrap_or_else(|| value.clone()),
                },
            };
            // A count is a number, so that plural forms apply to it.
            let shown = match shown.parse::<i64>() {
                Ok(number) => FluentValue::from(number),
                Err(_) => FluentValue::from(shown),
            };
            (Cow::Owned(name.clone()), shown)
        })
        .collect()
}

/// An amount as a refusal states it (`EUR 1000.00`, how `Money` writes
/// itself), as the reader writes money; `None` for anything else.
fn money(locale: Locale, value: &str) -> Option<String> {
    let (code, amount) = value.split_once(' ')?;
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let currency = grants_domain::Currency::parse(code).ok()?;
    let minor = currency.parse_amount(amount).ok()?;
    Some(Formatter::new(locale, chrono_tz::UTC).money(grants_domain::Money::new(minor, currency)))
}

/// Alternatives as the reader lists them: `a, b or c`.
fn one_of(locale: Locale, mut items: Vec<String>) -> String {
    match items.pop() {
        Some(last) if !items.is_empty() => {
            let or = own_text(locale, "list-or", &Args::new()).unwrap_or_else(|| "or".into());
            format!("{} {or} {last}", items.join(", "))
        }
        Some(last) => last,
        None => String::new(),
    }
}

/// An RFC 3339 moment in its time zone, as the reader writes it: `12 март 2027, 17:00 (Europe/Skopje)`.
fn moment(locale: Locale, value: &str, zone: Option<&String>) -> Option<String> {
    let at = DateTime::parse_from_rfc3339(value)
        .ok()?
        .with_timezone(&Utc);
    let zone = zone?.parse().ok()?;
    Some(Formatter::new(locale, zone).date_time(at))
}

/// A `YYYY-MM-DD` date as the reader writes it: `1 септември 2027`.
fn day(locale: Locale, value: &str) -> Option<String> {
    let on = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()?;
    // The zone plays no part in a calendar date.
    let zone = "UTC".parse().ok()?;
    Some(Formatter::new(locale, zone).date(on))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use grants_app::workflows;
    use grants_domain::Role;

    use super::*;
    use crate::catalogue::catalogue_keys;

    fn reason(kind: &'static str, guard: Option<&str>, args: &[(&str, &str)]) -> BlockedReasonView {
        BlockedReasonView {
            kind,
            guard: guard.map(str::to_owned),
            message: "the English message".into(),
            args: args
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    fn built_in() -> Vec<Definition> {
        workflows::built_in()
            .iter()
            .map(|s| {
                grants_workflow::parse(&s.file, &s.yaml).expect("a built-in definition parses")
            })
            .collect()
    }

    #[test]
    fn states_and_steps_are_in_the_readers_language_else_the_definitions() {
        assert_eq!(
            state_label(Locale::Mk, "proposal", "draft", "Draft"),
            "Нацрт"
        );
        assert_eq!(
            step_label(Locale::Mk, "proposal", "submit", "Submit"),
            "Поднеси"
        );
        assert_eq!(
            state_label(Locale::En, "grant", "active", "Active"),
            "Active"
        );
        // A state a newer definition added, which no catalogue knows yet.
        assert_eq!(
            state_label(Locale::Mk, "proposal", "on_hold", "On hold"),
            "On hold"
        );
        // A step a newer definition added, in another language: the definition's own words.
        assert_eq!(
            step_label(Locale::Ro, "proposal", "put_on_hold", "Put on hold"),
            "Put on hold"
        );
        assert_eq!(
            state_named(Locale::Mk, None, "report", "no_such_state"),
            "no_such_state"
        );
    }

    #[test]
    fn a_guards_reason_is_said_with_its_facts_in_the_readers_language() {
        let closed = reason(
            "guard",
            Some("call_open"),
            &[
                ("case", "closed"),
                ("closes_at", "2027-03-12T17:00:00+01:00"),
                ("time_zone", "Europe/Skopje"),
            ],
        );
        let mk = blocked_reason(Locale::Mk, &closed);
        assert!(
            mk.starts_with("Повикот") && mk.contains("12 март 2027, 17:00 (Europe/Skopje)"),
            "{mk}"
        );
        assert_eq!(
            blocked_reason(Locale::En, &closed),
            "The call closed on 12 March 2027, 17:00 (Europe/Skopje)."
        );
        let opens = reason(
            "guard",
            Some("call_open"),
            &[
                ("case", "not_yet_open"),
                ("opens_at", "2027-01-10T10:00:00+01:00"),
                ("time_zone", "Europe/Skopje"),
            ],
        );
        assert!(blocked_reason(Locale::Mk, &opens).contains("10 јануари 2027"));
        let range = reason(
            "guard",
            Some("amount_within_limits"),
            &[
                ("case", "out_of_range"),
                ("min", "EUR 1000.00"),
                ("max", "EUR 15000.00"),
            ],
        );
        // Amounts as the reader writes money.
        let mk = blocked_reason(Locale::Mk, &range);
        assert!(
            mk.contains("1.000,00\u{a0}€") && mk.contains("15.000,00\u{a0}€"),
            "{mk}"
        );
        let en = blocked_reason(Locale::En, &range);
        assert!(
            en.contains("€1,000.00") && en.contains("€15,000.00"),
            "{en}"
        );
        let incomplete = reason(
            "guard",
            Some("form_complete"),
            &[("case", "incomplete"), ("missing", "summary, budget_lines")],
        );
        assert_eq!(
            blocked_reason(Locale::En, &incomplete),
            "The proposal is incomplete: fill in summary, budget lines."
        );
        let report = reason(
            "guard",
            Some("final_report_accepted"),
            &[("case", "not_accepted"), ("report_state", "submitted")],
        );
        assert!(
            blocked_reason(Locale::Mk, &report).contains("„Поднесен“"),
            "{}",
            blocked_reason(Locale::Mk, &report)
        );
    }

    #[test]
    fn the_engines_reasons_name_the_step_state_and_who_may() {
        let wrong = reason(
            "wrong_state",
            None,
            &[
                ("workflow", "proposal"),
                ("transition", "submit"),
                ("step", "Submit"),
                ("state", "submitted"),
                ("state_label", "Submitted"),
            ],
        );
        let mk = blocked_reason(Locale::Mk, &wrong);
        assert!(
            mk.contains("„Поднеси“") && mk.contains("„Поднесен“"),
            "{mk}"
        );
        let only = reason(
            "not_permitted",
            None,
            &[
                ("workflow", "proposal"),
                ("transition", "start_screening"),
                ("step", "Start eligibility screening"),
                ("allowed", "programme_manager, country_ambassador"),
            ],
        );
        assert_eq!(
            blocked_reason(Locale::En, &only),
            "Only the programme manager or the country’s ambassador may take the step \
             “Start eligibility screening”."
        );
        let mk = blocked_reason(Locale::Mk, &only);
        assert!(
            mk.contains("менаџерот на програмата или амбасадорот на државата"),
            "{mk}"
        );
    }

    #[test]
    fn an_unknown_guard_or_a_missing_fact_falls_back_to_the_english_message() {
        let unknown = reason("guard", Some("moon_full"), &[]);
        assert_eq!(blocked_reason(Locale::Mk, &unknown), "the English message");
        // The catalogue needs `closes_at`; without it, the message.
        let partial = reason("guard", Some("call_open"), &[("case", "closed")]);
        assert_eq!(blocked_reason(Locale::Mk, &partial), "the English message");
        let anything = reason("whatever", None, &[]);
        assert_eq!(blocked_reason(Locale::Mk, &anything), "the English message");
    }

    /// A reason of every kind, guard and case, with all its facts.
    fn every_reason() -> Vec<BlockedReasonView> {
        let step = [
            ("workflow", "proposal"),
            ("transition", "submit"),
            ("step", "Submit"),
        ];
        let moment = |name| {
            [
                (name, "2027-03-12T17:00:00+01:00"),
                ("time_zone", "Europe/Skopje"),
            ]
        };
        let empty = grants_domain::proposal::ProposalInput::default()
            .validate_draft()
            .expect("an empty draft");
        let incomplete = grants_domain::proposal::form_complete(&empty).expect_err("incomplete");
        let mut all = vec![
            reason(
                "wrong_state",
                None,
                &[
                    &step[..],
                    &[("state", "submitted"), ("state_label", "Submitted")],
                ]
                .concat(),
            ),
            reason(
                "not_permitted",
                None,
                &[&step[..], &[("allowed", "owner, admin, system")]].concat(),
            ),
            reason("unknown_transition", None, &step),
            reason(
                "guard",
                Some("call_open"),
                &[&[("case", "not_yet_open")], &moment("opens_at")[..]].concat(),
            ),
            reason(
                "guard",
                Some("call_open"),
                &[&[("case", "closed")], &moment("closes_at")[..]].concat(),
            ),
            BlockedReasonView {
                kind: "guard",
                guard: Some("form_complete".into()),
                message: "the English message".into(),
                args: incomplete.args,
            },
        ];
        let guards: &[(&str, &[(&str, &str)])] = &[
            (
                "form_complete",
                &[
                    ("case", "budget_mismatch"),
                    ("total", "EUR 1.00"),
                    ("requested", "EUR 2.00"),
                ],
            ),
            ("form_complete", &[("case", "mixed_currencies")]),
            ("country_eligible", &[("case", "missing")]),
            (
                "country_eligible",
                &[("case", "not_eligible"), ("country", "RS")],
            ),
            ("amount_within_limits", &[("case", "missing")]),
            (
                "amount_within_limits",
                &[("case", "wrong_currency"), ("currency", "EUR")],
            ),
            (
                "amount_within_limits",
                &[
                    ("case", "out_of_range"),
                    ("min", "EUR 1.00"),
                    ("max", "EUR 2.00"),
                ],
            ),
            ("comment_given", &[]),
            ("decision_recorded", &[]),
            ("final_report_accepted", &[("case", "missing")]),
            (
                "final_report_accepted",
                &[("case", "not_accepted"), ("report_state", "due")],
            ),
            ("tranches_settled", &[("tranches", "signing, final")]),
            ("grant_running", &[("case", "agreement_pending")]),
            (
                "grant_running",
                &[("case", "not_running"), ("grant_state", "closed")],
            ),
            ("condition_met", &[("case", "agreement_not_accepted")]),
            (
                "condition_met",
                &[("case", "report_not_accepted"), ("report", "interim")],
            ),
            ("condition_met", &[("case", "not_started")]),
            (
                "condition_met",
                &[("case", "too_early"), ("requestable_on", "2027-09-01")],
            ),
            ("not_requester", &[]),
            (
                "report_complete",
                &[("missing", "narrative, indicators.reach")],
            ),
        ];
        all.extend(
            guards
                .iter()
                .map(|(g, args)| reason("guard", Some(*g), args)),
        );
        all
    }

    #[test]
    fn every_catalogue_says_every_reason_it_has_a_key_for() {
        for locale in Locale::ALL {
            let dir = format!("{}/locales/{}", env!("CARGO_MANIFEST_DIR"), locale.code());
            if !std::path::Path::new(&dir).exists() {
                continue;
            }
            let keys = catalogue_keys(locale.code());
            for r in every_reason() {
                let key = match (r.kind, r.guard.as_deref()) {
                    ("guard", Some(g)) => format!("guard-{g}"),
                    (kind, _) => format!("blocked-{}", kind.replace('_', "-")),
                };
                if keys.contains(&key) {
                    let said = blocked_reason(locale, &r);
                    // A fact the catalogue names but the reason lacks (or a
                    // misspelt one) would fall back to the English message.
                    assert_ne!(said, r.message, "{}: {key} {:?}", locale.code(), r.args);
                    assert!(!said.contains('{'), "{}: {said}", locale.code());
                }
            }
        }
    }

    #[test]
    fn every_state_and_step_of_the_built_in_workflows_is_in_english_and_macedonian() {
        let (en, mk) = (catalogue_keys("en"), catalogue_keys("mk"));
        for def in built_in() {
            let workflow = &def.name.value;
            let keys = def
                .states
                .iter()
                .map(|s| (format!("{workflow}-state-{}", s.name), &s.label))
                .chain(
                    def.transitions
                        .iter()
                        .map(|t| (format!("{workflow}-step-{}", t.name), &t.label)),
                );
            for (key, label) in keys {
                assert!(en.contains(&key), "en lacks {key}");
                assert!(mk.contains(&key), "mk lacks {key}");
                // English reads exactly as the definition, which is the source.
                let english = own_text(Locale::En, &key, &Args::new());
                assert_eq!(english.as_ref(), Some(label), "{key}");
            }
        }
    }

    #[test]
    fn every_guard_and_actor_the_workflows_may_name_is_in_english_and_macedonian() {
        let (en, mk) = (catalogue_keys("en"), catalogue_keys("mk"));
        let guards: BTreeSet<&str> = workflows::SUBJECTS
            .iter()
            .flat_map(|k| k.guards.iter().copied())
            .collect();
        let actors = Role::ALL
            .iter()
            .map(|r| r.as_str())
            .chain(
                workflows::SUBJECTS
                    .iter()
                    .flat_map(|k| k.relations.iter().copied()),
            )
            .chain([workflows::SYSTEM]);
        let keys = guards
            .into_iter()
            .map(|g| format!("guard-{g}"))
            .chain(actors.map(|a| format!("actor-{a}")))
            .chain(
                ["wrong-state", "not-permitted", "unknown-transition"]
                    .iter()
                    .map(|k| format!("blocked-{k}")),
            );
        for key in keys {
            assert!(en.contains(&key), "en lacks {key}");
            assert!(mk.contains(&key), "mk lacks {key}");
        }
    }
}
